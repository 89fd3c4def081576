/* The partnerships popup: the figures of the partnership network of a period (how many, new
 * and ended, the groups and institutions in none, its parts and density), the register
 * newest first with the chosen partnership's purpose and partners, and the keys that add a
 * partnership, edit it, and add or remove its partners. What it shows is read again after
 * anything it changed. */
#include "partners.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog.h"
#include "draw.h"
#include "editor.h"
#include "keys.h"
#include "partnership.h"
#include "picker.h"
#include "record.h"
#include "report.h"
#include "strbuf.h"
#include "xalloc.h"

struct partners_view {
	struct modal m;
	struct report_query q; /* its period */
	struct partnership_figures f;
	struct partnership_register reg;
	struct partner_list partners; /* of the chosen row */
	char partners_of[ID_LEN];
	int sel, top; /* over the register, newest first */
	bool stale;   /* read it all again before drawing */
	char error[400];
};

/* The one open (a form's or a picker's callback finds it here). */
static struct partners_view *open_view;

static const struct partnership_row *chosen(const struct partners_view *pv)
{
	return pv->reg.n ? &pv->reg.row[pv->reg.n - 1 - pv->sel] : NULL;
}

static void load(struct tui *t, struct partners_view *pv)
{
	struct kerr err;
	partnership_register_free(&pv->reg);
	pv->error[0] = '\0';
	pv->partners_of[0] = '\0';
	int status = partnership_figures(tui_store(t), pv->q.from, pv->q.to, &pv->f, &err);
	if (status == K_OK)
		status = partnership_register(tui_store(t), "", &pv->reg, &err);
	if (status != K_OK)
		snprintf(pv->error, sizeof pv->error, "%s", err.msg);
	if (pv->sel >= pv->reg.n)
		pv->sel = pv->reg.n ? pv->reg.n - 1 : 0;
	pv->stale = false;
}

/* The chosen partnership's partners, read when the choice moves. */
static void load_partners(struct tui *t, struct partners_view *pv)
{
	const struct partnership_row *row = chosen(pv);
	struct kerr err;
	if (!row || strcmp(pv->partners_of, row->id) == 0)
		return;
	partnership_partners_free(&pv->partners);
	if (partnership_partners(tui_store(t), row->id, &pv->partners, &err) == K_OK)
		snprintf(pv->partners_of, sizeof pv->partners_of, "%s", row->id);
}

static void draw_summary(struct tui *t, const struct partners_view *pv, int cols)
{
	char line[400];
	const struct partnership_figures *f = &pv->f;
	snprintf(line, sizeof line, "%d partnerships: %d new, %d ended, %d forming",
		 f->partnerships, f->started, f->ended, f->forming);
	draw_text(stdscr, 2, 2, line, cols - 4, PAINT_NORMAL, false);
	int at = snprintf(line, sizeof line,
			  "%d of %d groups and institutions in none · %d partners", f->in_none,
			  f->organisations, f->partners);
	if (f->components > 1)
		at += snprintf(line + at, sizeof line - (size_t)at, " in %d parts (largest %d)",
			       f->components, f->largest);
	snprintf(line + at, sizeof line - (size_t)at, ", density %.2f", f->density);
	draw_text(stdscr, 3, 2, line, cols - 4, PAINT_DIM, false);
	(void)t;
}

static void draw_row(const struct partnership_row *r, int y, int cols, bool on)
{
	char since[16], right[80];
	enum paint p = on ? PAINT_SELECTED : PAINT_NORMAL;
	draw_fill(stdscr, y, 2, cols - 4, p);
	if (on)
		draw_text(stdscr, y, 1, "›", 1, PAINT_SELECTED, false);
	snprintf(right, sizeof right, "%s  %-7s %2d partners", tui_date(r->since, since), r->status,
		 r->partners);
	int w = (int)strlen(right);
	draw_text(stdscr, y, 2, r->name, cols - 6 - w, p, false);
	draw_text_right(stdscr, y, 2, right, cols - 4, on ? PAINT_SELECTED : PAINT_DIM);
}

static void draw_chosen(const struct partners_view *pv, int y, int cols)
{
	const struct partnership_row *r = chosen(pv);
	if (!r)
		return;
	struct strbuf sb = STRBUF_INIT;
	strbuf_printf(&sb, "Partners: ");
	for (int i = 0; i < pv->partners.n; i++)
		strbuf_printf(&sb, "%s%s", i ? ", " : "", pv->partners.item[i].name);
	if (!pv->partners.n)
		strbuf_puts(&sb, "none yet (m adds one)");
	draw_text(stdscr, y, 2, *r->purpose ? r->purpose : "(no purpose given)", cols - 4,
		  PAINT_DIM, false);
	draw_wrapped(stdscr, y + 1, 2, strbuf_str(&sb), cols - 4, 2, PAINT_NORMAL);
	strbuf_free(&sb);
}

static int list_rows(struct tui *t)
{
	return tui_rows(t) - 3 - 8;
}

static void partners_draw(struct tui *t, struct modal *m)
{
	struct partners_view *pv = (struct partners_view *)m;
	if (pv->stale)
		load(t, pv);
	load_partners(t, pv);
	int cols = tui_cols(t), h = tui_rows(t) - 3, rows = list_rows(t);
	char title[120], from[16], to[16];
	snprintf(title, sizeof title, "Partnerships, %s to %s", tui_date(pv->q.from, from),
		 tui_date(pv->q.to, to));
	draw_box(stdscr, 1, 0, h, cols, title);
	if (pv->error[0]) {
		draw_text(stdscr, 2, 2, pv->error, cols - 4, PAINT_ERROR, false);
		return;
	}
	draw_summary(t, pv, cols);
	if (pv->sel < pv->top)
		pv->top = pv->sel;
	if (pv->sel >= pv->top + rows)
		pv->top = pv->sel - rows + 1;
	for (int r = 0; r < rows && pv->top + r < pv->reg.n; r++)
		draw_row(&pv->reg.row[pv->reg.n - 1 - pv->top - r], 5 + r, cols,
			 pv->top + r == pv->sel);
	if (!pv->reg.n)
		draw_text(stdscr, 5, 2, "No partnerships recorded yet: a adds one.", cols - 4,
			  PAINT_DIM, false);
	draw_chosen(pv, h - 3, cols);
	curs_set(0);
}

static void partners_free(struct modal *m)
{
	struct partners_view *pv = (struct partners_view *)m;
	partnership_register_free(&pv->reg);
	partnership_partners_free(&pv->partners);
	if (open_view == pv)
		open_view = NULL;
	free(pv);
}

static void changed(struct tui *t, struct editor *e)
{
	(void)e;
	if (open_view)
		open_view->stale = true;
	tui_status(t, false, "Saved the partnership");
}

static void form(struct tui *t, struct partners_view *pv, bool adding)
{
	struct record *rec = NULL;
	struct kerr err;
	const struct partnership_row *r = chosen(pv);
	if (!adding && !r)
		return;
	if (adding)
		rec = record_new(&partnership_entity);
	else if (entity_load(tui_store(t), &partnership_entity, r->id, &rec, &err) != K_OK) {
		tui_status(t, true, "%s", err.msg);
		return;
	}
	struct editor *e = tui_form(t, rec, adding, NULL, 0,
				    adding ? "New partnership" : "Edit the partnership");
	e->saved = changed;
}

static void partner_picked(struct tui *t, struct modal *m, bool ok)
{
	struct picker *p = (struct picker *)m;
	struct kerr err;
	if (!ok || !open_view || !p->value || !chosen(open_view))
		return;
	const struct partnership_row *r = chosen(open_view);
	bool joining = m->ctx == NULL; /* set when removing */
	int status = joining ? partnership_join(tui_store(t), r->id, p->value, &err)
			     : partnership_leave(tui_store(t), r->id, p->value, &err);
	if (status != K_OK) {
		tui_status(t, true, "%s", err.msg);
		return;
	}
	open_view->stale = true;
	tui_status(t, false, "%s %s %s", p->label, joining ? "is now a partner in" : "has left",
		   r->name);
}

static void pick_partner(struct tui *t, struct partners_view *pv, bool adding)
{
	const struct partnership_row *r = chosen(pv);
	char question[300];
	if (!r)
		return;
	struct picker *p;
	if (adding) {
		snprintf(question, sizeof question, "Which group or organisation joins %s?",
			 r->name);
		p = picker_records(t, question, entity_get(ENTITY_ASSET), NULL);
	} else {
		if (!pv->partners.n) {
			tui_status(t, true, "%s has no partners to remove", r->name);
			return;
		}
		snprintf(question, sizeof question, "Which partner leaves %s?", r->name);
		p = picker_new(question);
		for (int i = 0; i < pv->partners.n; i++)
			picker_add(p, pv->partners.item[i].name, pv->partners.item[i].asset_id,
				   pv->partners.item[i].category);
		picker_refresh(t, p);
		p->m.ctx = pv; /* removing */
	}
	p->m.done = partner_picked;
	tui_push(t, &p->m);
}

static int partners_key(struct tui *t, struct modal *m, int key)
{
	struct partners_view *pv = (struct partners_view *)m;
	int n = pv->reg.n, rows = list_rows(t);
	switch (keys_lookup(KEYMAP_PARTNERS, key)) {
	case ACT_DOWN:
		pv->sel += pv->sel + 1 < n;
		break;
	case ACT_UP:
		pv->sel -= pv->sel > 0;
		break;
	case ACT_PAGE_DOWN:
		pv->sel = pv->sel + rows < n ? pv->sel + rows : (n ? n - 1 : 0);
		break;
	case ACT_PAGE_UP:
		pv->sel = pv->sel > rows ? pv->sel - rows : 0;
		break;
	case ACT_FIRST:
		pv->sel = 0;
		break;
	case ACT_LAST:
		pv->sel = n ? n - 1 : 0;
		break;
	case ACT_ADD:
	case ACT_EDIT:
	case ACT_OPEN:
		form(t, pv, keys_lookup(KEYMAP_PARTNERS, key) == ACT_ADD);
		break;
	case ACT_ADD_PARTNER:
	case ACT_REMOVE_PARTNER:
		pick_partner(t, pv, keys_lookup(KEYMAP_PARTNERS, key) == ACT_ADD_PARTNER);
		break;
	case ACT_HELP:
		tui_push(t, &dialog_help(KEYMAP_PARTNERS, "Keys here")->m);
		break;
	case ACT_BACK:
		return MODAL_CANCEL;
	default:
		break;
	}
	return MODAL_STAY;
}

static const struct modal_ops partners_ops = {KEYMAP_PARTNERS, partners_draw, partners_key,
					      partners_free, NULL};

void partners_open(struct tui *t, const char *since, const char *until)
{
	struct partners_view *pv = xcalloc(1, sizeof *pv);
	struct kerr err;
	pv->m.ops = &partners_ops;
	snprintf(pv->q.from, sizeof pv->q.from, "%s", since ? since : "");
	snprintf(pv->q.to, sizeof pv->q.to, "%s", until ? until : "");
	if (report_period(&pv->q, &err) != K_OK) {
		tui_status(t, true, "%s", err.msg);
		free(pv);
		return;
	}
	load(t, pv);
	open_view = pv;
	tui_push(t, &pv->m);
}
