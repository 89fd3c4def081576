/* Forms kept as drafts and offered back: a form's typing written as a draft (core's draft
 * module), the question at login (reopen, discard, later), and reopening a form as it was
 * opened, with everything typed back in its fields. */
#include "formdraft.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "dialog.h"
#include "draft.h"
#include "draw.h"
#include "editor.h"
#include "record.h"
#include "tui_impl.h"
#include "xalloc.h"

/* ---- a form as a draft ---- */

/* The person the form is about: the person edited, one a field names, or the person a form
 * about someone was opened for. */
static const char *about_id(const struct editor *e)
{
	if (!e->creating && e->def->kind == ENTITY_PERSON)
		return e->rec->id;
	for (int k = 0; k < e->n; k++) {
		const struct field_def *fd = &e->def->fields[e->f[k].field];
		const char *v = e->f[k].fixed ? record_get(e->rec, e->f[k].field)
					      : editor_value(e, k);
		if (fd->kind == FIELD_REF && fd->ref == ENTITY_PERSON && v && id_valid(v))
			return v;
	}
	return e->about[0] ? e->ctx : "";
}

/* What the offer calls the form: whom it is about, the record edited, or a new record's
 * name as typed so far (or the person it names). */
static void label_of(const struct editor *e, char *out, size_t n)
{
	int given = entity_field(e->def, "given_name");
	int family = entity_field(e->def, "family_name"), name = entity_field(e->def, "name");
	const char *a = "", *b = "";
	for (int k = 0; k < e->n; k++) {
		const struct field_def *fd = &e->def->fields[e->f[k].field];
		if (e->f[k].field == given || e->f[k].field == name)
			a = editor_value(e, k);
		else if (e->f[k].field == family)
			b = editor_value(e, k);
		else if (fd->kind == FIELD_REF && fd->ref == ENTITY_PERSON && !*a && e->f[k].chosen)
			a = e->f[k].chosen_label ? e->f[k].chosen_label : "";
	}
	if (e->about[0])
		snprintf(out, n, "%s", e->about);
	else if (!e->creating)
		snprintf(out, n, "%s", record_display(e->rec));
	else
		snprintf(out, n, "%s%s%s", a, *a && *b ? " " : "", b);
}

static void form_to_draft(struct editor *e, struct draft *d)
{
	char buf[160];
	draft_init(d);
	snprintf(d->id, sizeof d->id, "%s", e->draft_id);
	snprintf(d->entity, sizeof d->entity, "%s", e->def->name);
	snprintf(d->record_id, sizeof d->record_id, "%s", e->creating ? "" : e->rec->id);
	snprintf(d->person_id, sizeof d->person_id, "%s", about_id(e));
	draft_set(d, "@form", e->form ? e->form : e->creating ? "add" : "edit");
	snprintf(buf, sizeof buf, "%d", e->screen);
	draft_set(d, "@screen", buf);
	draft_set(d, "@title", e->title);
	label_of(e, buf, sizeof buf);
	draft_set(d, "@label", buf);
	if (!e->creating)
		draft_set(d, "@base", e->rec->updated_at); /* the version the typing changes */
	draft_set(d, "@focus", e->def->fields[e->f[e->focus].field].name);
	for (int k = 0; k < e->n; k++)
		if (!e->f[k].fixed)
			draft_set(d, e->def->fields[e->f[k].field].name, editor_value(e, k));
}

int formdraft_keep(struct tui *t, int *kept, struct kerr *err)
{
	struct editor *form[MODAL_DEPTH];
	struct draft d[MODAL_DEPTH];
	int n = 0;
	for (int i = 0; i < t->nmodal; i++) {
		struct editor *e = editor_of(t->modal[i]);
		if (e && e->dirty) {
			form[n] = e;
			form_to_draft(e, &d[n++]);
		}
	}
	int status = n ? draft_save_all(t->st, d, n, err) : K_OK;
	for (int i = 0; i < n; i++) {
		if (status == K_OK)
			memcpy(form[i]->draft_id, d[i].id, sizeof form[i]->draft_id);
		draft_clear(&d[i]);
	}
	if (kept)
		*kept = status == K_OK ? n : 0;
	return status;
}

void formdraft_drop(struct tui *t)
{
	struct kerr err;
	for (int i = 0; i < t->nmodal; i++) {
		struct editor *e = editor_of(t->modal[i]);
		if (e && e->draft_id[0])
			draft_discard(t->st, e->draft_id, &err);
	}
}

/* ---- reopening ---- */

static void offer_next(struct tui *t);

/* A reopened form has closed, saved or given up: its draft has served. */
static void reopened_closed(struct tui *t, struct editor *e, bool saved)
{
	struct kerr err;
	(void)saved;
	if (draft_discard(t->st, e->draft_id, &err) != K_OK && err.status != K_NOT_FOUND)
		tui_status(t, true, "%s", err.msg);
	e->draft_id[0] = '\0';
	offer_next(t);
}

/* Everything typed back in its field, the cursor where it was. */
static void restore(struct tui *t, struct editor *e, const struct draft *d)
{
	const char *focus = draft_get(d, "@focus");
	if (focus)
		editor_focus(e, entity_field(e->def, focus));
	for (int k = 0; k < e->n; k++) {
		const char *v = draft_get(d, e->def->fields[e->f[k].field].name);
		if (v && !e->f[k].fixed)
			editor_put(t, e, k, v);
	}
	e->dirty = true;
	snprintf(e->draft_id, sizeof e->draft_id, "%s", d->id);
	e->closed = reopened_closed;
}

static struct editor *reopen_new(struct tui *t, struct screen *s, const struct entity_def *def,
				 const struct draft *d)
{
	char title[160];
	const char *kept = draft_get(d, "@title");
	snprintf(title, sizeof title, kept ? "%s" : "New %s", kept ? kept : def->name);
	return tui_form(t, record_new(def), true, s->ops->layout, s->ops->nlayout, title);
}

/* The record as it is now, with the typing over it. Changed since the draft was kept, it
 * keeps the version the typing changed, so that saving is refused as a stale copy is. */
static struct editor *reopen_edit(struct tui *t, struct screen *s, const struct entity_def *def,
				  const struct draft *d, bool *stale, struct kerr *err)
{
	struct record *rec = NULL;
	if (entity_load(t->st, def, d->record_id, &rec, err) != K_OK)
		return NULL;
	const char *base = draft_get(d, "@base");
	*stale = base && rec->updated_at && strcmp(base, rec->updated_at) != 0;
	if (*stale) {
		free(rec->updated_at);
		rec->updated_at = xstrdup(base);
	}
	char title[200];
	snprintf(title, sizeof title, "Edit %s%s", record_display(rec),
		 *stale ? " (changed by someone since your draft)" : "");
	tui_react(t, R_RELOAD, rec->id);
	return tui_form(t, rec, false, s->ops->layout, s->ops->nlayout, title);
}

/* Opens the form as it was opened, on its screen, with everything typed back. */
static struct editor *reopen(struct tui *t, const struct draft *d, struct kerr *err)
{
	const char *form = draft_get(d, "@form"), *screen = draft_get(d, "@screen");
	const struct entity_def *def = entity_by_name(d->entity);
	int id = screen ? atoi(screen) : -1;
	if (!form || !def || id < 0 || id >= SCREEN_COUNT) {
		kerr_set(err, K_INVALID, "", "kith does not know this draft's form");
		return NULL;
	}
	if (!tui_screen_allowed(t, id)) {
		auth_require(t->st, (enum auth_right)t->screen[id].ops->right, err);
		return NULL;
	}
	tui_open_screen(t, id);
	struct screen *s = tui_screen(t);
	struct editor *e = NULL;
	bool stale = false;
	if (strcmp(form, "add") == 0)
		e = reopen_new(t, s, def, d);
	else if (strcmp(form, "edit") == 0)
		e = reopen_edit(t, s, def, d, &stale, err);
	else if (s->ops->form)
		e = s->ops->form(t, s, form, d->person_id, err);
	else
		kerr_set(err, K_INVALID, "", "kith does not know this draft's form");
	if (!e)
		return NULL;
	restore(t, e, d);
	if (stale)
		tui_status(t, true,
			   "Someone changed this %s since your draft: saving will be "
			   "refused",
			   def->name);
	else
		tui_status(t, false, "Your draft, reopened: everything typed is back in the form");
	return e;
}

/* ---- the offer ---- */

struct offer {
	struct modal m;
	enum action chosen;
	char problem[320]; /* why the draft could not be reopened, when it could not */
};

/* "22/11/2026 14:03", local time, from a stored UTC stamp. */
static const char *when(const char *stamp, char out[32])
{
	long long seconds;
	snprintf(out, 32, "%.10s", stamp);
	if (!date_stamp_seconds(stamp, &seconds))
		return out;
	time_t at = (time_t)seconds;
	struct tm local;
	if (localtime_r(&at, &local))
		strftime(out, 32, "%d/%m/%Y %H:%M", &local);
	return out;
}

/* What the draft was: "An unsaved new person (Amina Yusuf) from 22/11/2026 14:03 was kept
 * as your draft." */
static void describe(const struct draft *d, char *out, size_t n)
{
	const char *label = draft_get(d, "@label");
	const char *what = strcmp(d->entity, "tag") == 0 ? "gift, skill or passion" : d->entity;
	char at[32];
	when(d->updated_at, at);
	if (!label)
		label = "";
	if (d->record_id[0])
		snprintf(out, n, "Unsaved changes to %s%s from %s were kept as your draft.",
			 *label ? label : "a ", *label ? "" : what, at);
	else
		snprintf(out, n, "An unsaved new %s%s%s%s from %s was kept as your draft.", what,
			 *label ? " (" : "", label, *label ? ")" : "", at);
}

static void offer_draw(struct tui *t, struct modal *m)
{
	struct offer *o = (struct offer *)m;
	const struct binding *b[16];
	size_t nb = keys_bindings(KEYMAP_DRAFT, b, 16);
	char text[480], title[80], key[24];
	describe(&t->drafts[t->draft_at], text, sizeof text);
	int cols = tui_cols(t) - 2 < 72 ? tui_cols(t) - 2 : 72, keys = 0;
	for (size_t i = 0; i < nb; i++)
		keys += b[i]->hint;
	int lines = draw_wrapped(NULL, 0, 0, text, cols - 4, 4, PAINT_NORMAL);
	int said = o->problem[0] ? draw_wrapped(NULL, 0, 0, o->problem, cols - 4, 3, PAINT_ERROR)
				 : 0;
	int h = lines + said + keys + 3 + (said > 0), y = (tui_rows(t) - h) / 2;
	int x = (tui_cols(t) - cols) / 2;
	if (t->ndrafts > 1)
		snprintf(title, sizeof title, "Your unsaved forms: %d of %d", t->draft_at + 1,
			 t->ndrafts);
	else
		snprintf(title, sizeof title, "Your unsaved form");
	draw_box(stdscr, y, x, h, cols, title);
	draw_wrapped(stdscr, y + 1, x + 2, text, cols - 4, 4, PAINT_NORMAL);
	if (said)
		draw_wrapped(stdscr, y + 2 + lines, x + 2, o->problem, cols - 4, 3, PAINT_ERROR);
	int ky = y + 2 + lines + said + (said > 0);
	for (size_t i = 0; i < nb; i++) {
		if (!b[i]->hint)
			continue;
		draw_text(stdscr, ky, x + 2, keys_name(b[i]->key, key, sizeof key), 7, PAINT_KEY,
			  false);
		draw_text(stdscr, ky++, x + 10, keys_action_help(b[i]->action), cols - 12,
			  PAINT_NORMAL, false);
	}
	curs_set(0);
}

static int offer_key(struct tui *t, struct modal *m, int key)
{
	(void)t;
	struct offer *o = (struct offer *)m;
	enum action a = keys_lookup(KEYMAP_DRAFT, key);
	if (a != ACT_REOPEN && a != ACT_DISCARD && a != ACT_LATER)
		return MODAL_STAY;
	o->chosen = a;
	return MODAL_DONE;
}

static void offer_free(struct modal *m)
{
	free(m);
}

/* clang-format off */
static const struct modal_ops offer_ops = {KEYMAP_DRAFT, offer_draw, offer_key, offer_free,
					   NULL};
/* clang-format on */

static void offer_done(struct tui *t, struct modal *m, bool ok);

static void push_offer(struct tui *t, const char *problem)
{
	struct offer *o = xcalloc(1, sizeof *o);
	o->m.ops = &offer_ops;
	o->m.done = offer_done;
	snprintf(o->problem, sizeof o->problem, "%s", problem ? problem : "");
	tui_push(t, &o->m);
}

static void offer_next(struct tui *t)
{
	if (!t->drafts)
		return;
	if (t->draft_at < t->ndrafts)
		push_offer(t, NULL);
	else
		formdraft_forget(t);
}

static void discard_answered(struct tui *t, struct modal *m, bool ok)
{
	struct kerr err;
	(void)m;
	if (!ok) {
		push_offer(t, NULL); /* asked again */
		return;
	}
	if (draft_discard(t->st, t->drafts[t->draft_at].id, &err) != K_OK)
		tui_status(t, true, "%s", err.msg);
	else
		tui_status(t, false, "Draft discarded");
	t->draft_at++;
	offer_next(t);
}

static void offer_done(struct tui *t, struct modal *m, bool ok)
{
	struct offer *o = (struct offer *)m;
	struct kerr err;
	if (!ok)
		return;
	if (o->chosen == ACT_REOPEN) {
		if (!reopen(t, &t->drafts[t->draft_at], &err)) {
			push_offer(t, err.msg); /* say why; discard or later are left */
			return;
		}
		t->draft_at++; /* the next is offered when this form closes */
	} else if (o->chosen == ACT_DISCARD) {
		struct dialog *d = dialog_confirm("Discard this draft for good? What was typed in "
						  "it is lost.");
		d->m.done = discard_answered;
		tui_push(t, &d->m);
	} else {
		t->draft_at++;
		offer_next(t);
	}
}

void formdraft_offer(struct tui *t)
{
	struct kerr err;
	formdraft_forget(t);
	if (draft_list(t->st, &t->drafts, &t->ndrafts, &err) != K_OK) {
		tui_status(t, true, "%s", err.msg);
		return;
	}
	offer_next(t);
}

void formdraft_forget(struct tui *t)
{
	draft_list_free(t->drafts, t->ndrafts);
	t->drafts = NULL;
	t->ndrafts = t->draft_at = 0;
}
