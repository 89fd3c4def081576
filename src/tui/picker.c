/* The picker popup. Records are found with the same keyset search the lists use, so typing
 * three letters of a name at a drop-in finds them among a borough's worth. */
#include "picker.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "asset.h"
#include "draw.h"
#include "page.h"
#include "person.h"
#include "record.h"
#include "xalloc.h"

#define FOUND_MAX 50

static void free_shown(struct picker *p)
{
	if (p->def) /* records' items are the picker's own */
		for (int i = 0; i < p->nshown; i++) {
			free(p->shown[i].label);
			free(p->shown[i].value);
			free(p->shown[i].note);
		}
	free(p->shown);
	p->shown = NULL;
	p->nshown = 0;
}

static void picker_free(struct modal *m)
{
	struct picker *p = (struct picker *)m;
	free_shown(p);
	for (int i = 0; i < p->nopt; i++) {
		free(p->opt[i].label);
		free(p->opt[i].value);
		free(p->opt[i].note);
	}
	free(p->opt);
	lineedit_free(&p->typed);
	free(p->value);
	free(p->label);
	free(p);
}

void picker_add(struct picker *p, const char *label, const char *value, const char *note)
{
	p->opt = xgrow(p->opt, (size_t)p->nopt, &p->opt_cap, sizeof *p->opt);
	p->opt[p->nopt++] = (struct picker_item){xstrdup(label), xstrdup(value), xstrdup(note)};
}

/* Case-insensitive (for ASCII) substring: "nat" finds "Knit and Natter". */
static bool contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (const char *h = hay; *h; h++) {
		size_t i = 0;
		while (i < n && h[i] &&
		       tolower((unsigned char)h[i]) == tolower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return true;
	}
	return n == 0;
}

char *picker_note(const struct record *rec)
{
	if (rec->def->kind == ENTITY_PERSON)
		return xasprintf("%s %s", record_get(rec, PERSON_NEIGHBOURHOOD),
				 record_get(rec, PERSON_POSTCODE));
	if (rec->def->kind == ENTITY_ASSET || rec->def->kind == ENTITY_GROUP)
		return xasprintf("%s · %s", record_get(rec, ASSET_CATEGORY),
				 record_get(rec, ASSET_NEIGHBOURHOOD));
	return xstrdup("");
}

/* 0 when label is what was typed, 1 when it starts so, 2 for a match by its words alone
 * (case ignored for ASCII; trailing spaces typed do not count). */
static int rank(const char *label, const char *typed)
{
	size_t n = strlen(typed);
	while (n && typed[n - 1] == ' ')
		n--;
	if (strlen(label) < n || strncasecmp(label, typed, n) != 0)
		return 2;
	return label[n] ? 1 : 0;
}

void picker_rank(struct picker_item *item, int n, const char *typed)
{
	for (int i = 1; i < n; i++) { /* an insertion sort: stable, and n is a page at most */
		struct picker_item it = item[i];
		int r = rank(it.label, typed), j = i;
		for (; j > 0 && rank(item[j - 1].label, typed) > r; j--)
			item[j] = item[j - 1];
		item[j] = it;
	}
}

static void find_records(struct tui *t, struct picker *p)
{
	struct page_query q;
	struct page pg;
	struct kerr err;
	page_query_init(&q, p->def);
	q.search = p->typed.text;
	q.limit = FOUND_MAX;
	if (page_load(tui_store(t), &q, &pg, &err) != K_OK) {
		tui_status(t, true, "%s", err.msg);
		return;
	}
	p->shown = xcalloc((size_t)pg.n + 1, sizeof *p->shown);
	for (int i = 0; i < pg.n; i++)
		p->shown[p->nshown++] = (struct picker_item){xstrdup(record_display(pg.row[i])),
							     xstrdup(pg.row[i]->id),
							     picker_note(pg.row[i])};
	picker_rank(p->shown, p->nshown, p->typed.text);
	page_free(&pg);
}

void picker_refresh(struct tui *t, struct picker *p)
{
	free_shown(p);
	if (p->def) {
		find_records(t, p);
	} else {
		p->shown = xcalloc((size_t)p->nopt + 1, sizeof *p->shown);
		for (int i = 0; i < p->nopt; i++)
			if (i < p->keep || contains(p->opt[i].label, p->typed.text))
				p->shown[p->nshown++] = p->opt[i];
	}
	/* once something is typed, the first match is the likely choice, not "New…" */
	p->sel = *p->typed.text && p->nshown > p->keep ? p->keep : 0;
	p->top = 0;
}

static void picker_draw(struct tui *t, struct modal *m)
{
	struct picker *p = (struct picker *)m;
	int cols = tui_cols(t) - 4 < 70 ? tui_cols(t) - 4 : 70;
	int h = tui_rows(t) - 4 < 18 ? tui_rows(t) - 4 : 18;
	int y = (tui_rows(t) - h) / 2, x = (tui_cols(t) - cols) / 2, rows = h - 4;
	draw_box(stdscr, y, x, h, cols, p->title);
	draw_text(stdscr, y + 1, x + 2, "Type to find:", 14, PAINT_DIM, false);
	int cur;
	size_t start = lineedit_view(&p->typed, cols - 19, &cur);
	draw_text(stdscr, y + 1, x + 16, p->typed.text + start, cols - 18, PAINT_FOCUS, true);
	if (p->sel < p->top)
		p->top = p->sel;
	if (p->sel >= p->top + rows)
		p->top = p->sel - rows + 1;
	for (int r = 0; r < rows && p->top + r < p->nshown; r++) {
		const struct picker_item *it = &p->shown[p->top + r];
		bool chosen = p->top + r == p->sel;
		int used = draw_text(stdscr, y + 3 + r, x + 2, it->label, cols - 4,
				     chosen ? PAINT_SELECTED : PAINT_NORMAL, chosen);
		if (it->note && *it->note)
			draw_text(stdscr, y + 3 + r, x + 4 + used, it->note, cols - 6 - used,
				  chosen ? PAINT_SELECTED : PAINT_DIM, false);
	}
	if (p->nshown == p->keep && (p->keep == 0 || *p->typed.text))
		draw_text(stdscr, y + 3 + p->keep, x + 2, "nothing matches", cols - 4, PAINT_DIM,
			  false);
	move(y + 1, x + 16 + cur);
	curs_set(1);
}

static int picker_key(struct tui *t, struct modal *m, int key)
{
	struct picker *p = (struct picker *)m;
	enum action a = keys_lookup(KEYMAP_PICKER, key);
	int page = tui_rows(t) - 8;
	switch (a) {
	case ACT_CANCEL:
		return MODAL_CANCEL;
	case ACT_CHOOSE:
		if (p->nshown == 0)
			return MODAL_STAY;
		p->value = xstrdup(p->shown[p->sel].value);
		p->label = xstrdup(p->shown[p->sel].label);
		return MODAL_DONE;
	case ACT_DOWN:
	case ACT_PAGE_DOWN:
	case ACT_UP:
	case ACT_PAGE_UP: {
		int step = a == ACT_DOWN ? 1 : a == ACT_UP ? -1 : a == ACT_PAGE_DOWN ? page : -page;
		p->sel += step;
		p->sel = p->sel >= p->nshown ? p->nshown - 1 : p->sel < 0 ? 0 : p->sel;
		return MODAL_STAY;
	}
	default:
		break;
	}
	bool changed = a != ACT_NONE
			       ? lineedit_act(&p->typed, a)
			       : key < KEY_FN_BASE && lineedit_insert(&p->typed, (unsigned)key);
	if (changed)
		picker_refresh(t, p);
	return MODAL_STAY;
}

static const struct modal_ops picker_ops = {KEYMAP_PICKER, picker_draw, picker_key, picker_free,
					    NULL};

struct picker *picker_new(const char *title)
{
	struct picker *p = xcalloc(1, sizeof *p);
	p->m.ops = &picker_ops;
	snprintf(p->title, sizeof p->title, "%s", title);
	lineedit_set(&p->typed, "", 200);
	return p;
}

struct picker *picker_records(struct tui *t, const char *title, const struct entity_def *def,
			      const char *typed)
{
	struct picker *p = picker_new(title);
	p->def = def;
	lineedit_set(&p->typed, typed ? typed : "", 200);
	picker_refresh(t, p);
	return p;
}
