/* The record form: building it from an entity's fields, typing into it, picking choices and
 * references, drawing it, and saving through core. */
#include "editor.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "dialog.h"
#include "draw.h"
#include "page.h"
#include "record.h"
#include "utf8.h"
#include "xalloc.h"

#define LABEL_COLS 22
#define NOTE_ROWS 3
#define SUGGEST 6

/* ---- building ---- */

static bool asked(const struct entity_def *def, int i)
{
	return !(def->fields[i].flags & FIELD_AUTO) && i != def->scope_field;
}

/* The name of the record a reference points at, for a form that starts with one set. */
static char *ref_name(struct tui *t, const struct field_def *fd, const char *id)
{
	struct record *target = NULL;
	struct kerr err;
	char *name = NULL;
	if (entity_load(tui_store(t), entity_get(fd->ref), id, &target, &err) == K_OK)
		name = xstrdup(record_display(target));
	record_free(target);
	return name ? name : xstrdup(id);
}

static void add_field(struct tui *t, struct editor *e, int i)
{
	for (int k = 0; k < e->n; k++)
		if (e->f[k].field == i)
			return;
	struct editor_field *f = &e->f[e->n++];
	memset(f, 0, sizeof *f);
	f->field = i;
	const struct field_def *fd = &e->def->fields[i];
	const char *v = record_get(e->rec, i);
	if (fd->kind == FIELD_CHOICE || fd->kind == FIELD_BOOL)
		f->chosen = xstrdup(*v ? v : fd->def && e->creating ? fd->def : "");
	if (fd->kind == FIELD_BOOL && !*f->chosen) {
		free(f->chosen);
		f->chosen = xstrdup("0");
	}
	if (fd->kind == FIELD_BOOL && strcmp(f->chosen, "no") == 0) {
		free(f->chosen);
		f->chosen = xstrdup("0");
	}
	if (fd->kind == FIELD_REF && *v) {
		f->chosen = xstrdup(v);
		f->chosen_label = *record_label(e->rec, i) ? xstrdup(record_label(e->rec, i))
							   : ref_name(t, fd, v);
	}
	char uk[16], today[DATE_LEN];
	const char *shown = v;
	if (fd->kind == FIELD_DATE && !*v && e->creating && fd->def &&
	    date_parse(fd->def, today, fd->name, NULL) == K_OK)
		shown = tui_date(today, uk); /* show the default the save would use */
	else if (fd->kind == FIELD_DATE && *v)
		shown = tui_date(v, uk);
	lineedit_set(&f->text, fd->kind == FIELD_REF ? "" : shown,
		     (size_t)(fd->max > 0 && fd->kind != FIELD_INT ? fd->max : 4000));
}

static void editor_free(struct modal *m)
{
	struct editor *e = (struct editor *)m;
	for (int i = 0; i < e->n; i++) {
		lineedit_free(&e->f[i].text);
		free(e->f[i].chosen);
		free(e->f[i].chosen_label);
		free(e->f[i].error);
	}
	for (int i = 0; i < e->nsugg; i++) {
		free(e->sugg[i].label);
		free(e->sugg[i].value);
		free(e->sugg[i].note);
	}
	free(e->sugg);
	for (int i = 0; i < e->noffer; i++) {
		free(e->offer[i].label);
		free(e->offer[i].value);
		free(e->offer[i].note);
	}
	free(e->offer);
	free(e->f);
	record_free(e->rec);
	free(e);
}

void editor_fix(struct editor *e, int field)
{
	for (int k = 0; k < e->n; k++)
		if (e->f[k].field == field) {
			/* shown first, as what the form is about */
			struct editor_field fixed = e->f[k];
			memmove(e->f + 1, e->f, (size_t)k * sizeof *e->f);
			e->f[0] = fixed;
			e->f[0].fixed = true;
			e->focus = e->n > 1 ? 1 : 0;
			return;
		}
}

static void offer(struct editor *e);

void editor_focus(struct editor *e, int field)
{
	for (int k = 0; k < e->n; k++)
		if (e->f[k].field == field && !e->f[k].fixed)
			e->focus = k;
	offer(e);
}

/* ---- suggestions for a reference field ---- */

static void clear_suggestions(struct editor *e)
{
	for (int i = 0; i < e->nsugg; i++) {
		free(e->sugg[i].label);
		free(e->sugg[i].value);
		free(e->sugg[i].note);
	}
	free(e->sugg);
	e->sugg = NULL;
	e->nsugg = e->sel = 0;
	e->offering = false;
	e->none_match = false;
}

/* What the form offers in the focused field, when it is that field and it is empty. */
static void offer(struct editor *e)
{
	struct editor_field *f = &e->f[e->focus];
	if (!e->noffer || f->field != e->offer_field || *f->text.text || f->chosen || e->nsugg)
		return;
	e->sugg = xcalloc((size_t)e->noffer, sizeof *e->sugg);
	for (int i = 0; i < e->noffer; i++)
		e->sugg[e->nsugg++] = (struct picker_item){xstrdup(e->offer[i].label),
							   xstrdup(e->offer[i].value),
							   xstrdup(e->offer[i].note)};
	e->offering = true;
}

void editor_offer(struct editor *e, int field, struct picker_item *items, int n)
{
	e->offer = items;
	e->noffer = n;
	e->offer_field = field;
	offer(e);
}

static void suggest(struct tui *t, struct editor *e)
{
	struct editor_field *f = &e->f[e->focus];
	clear_suggestions(e);
	if (!*f->text.text) {
		offer(e);
		return;
	}
	struct page_query q;
	struct page pg;
	struct kerr err;
	page_query_init(&q, entity_get(e->def->fields[f->field].ref));
	q.search = f->text.text;
	q.limit = SUGGEST;
	if (page_load(tui_store(t), &q, &pg, &err) != K_OK) {
		tui_status(t, true, "%s", err.msg);
		return;
	}
	e->sugg = xcalloc((size_t)pg.n + 1, sizeof *e->sugg);
	for (int i = 0; i < pg.n; i++)
		e->sugg[e->nsugg++] = (struct picker_item){xstrdup(record_display(pg.row[i])),
							   xstrdup(pg.row[i]->id),
							   picker_note(pg.row[i])};
	picker_rank(e->sugg, e->nsugg, f->text.text);
	e->none_match = pg.n == 0;
	page_free(&pg);
}

static void take_suggestion(struct editor *e)
{
	struct editor_field *f = &e->f[e->focus];
	free(f->chosen);
	free(f->chosen_label);
	f->chosen = xstrdup(e->sugg[e->sel].value);
	f->chosen_label = xstrdup(e->sugg[e->sel].label);
	lineedit_set(&f->text, "", f->text.max);
	clear_suggestions(e);
}

/* ---- moving and choosing ---- */

static void move_focus(struct editor *e, int step)
{
	for (int tries = 0; tries < e->n; tries++) {
		e->focus = (e->focus + step + e->n) % e->n;
		if (!e->f[e->focus].fixed)
			break;
	}
}

static void cycle(struct editor *e, struct editor_field *f, int step)
{
	const struct field_def *fd = &e->def->fields[f->field];
	if (fd->kind == FIELD_BOOL) {
		bool on = strcmp(f->chosen, "1") == 0;
		free(f->chosen);
		f->chosen = xstrdup(on ? "0" : "1");
		return;
	}
	int n = 0, at = -1;
	while (fd->choices[n]) {
		if (strcmp(fd->choices[n], f->chosen) == 0)
			at = n;
		n++;
	}
	bool may_be_empty = !(fd->flags & FIELD_REQUIRED) && !fd->def;
	int slots = n + may_be_empty; /* the empty choice comes last */
	int pos = at < 0 ? (may_be_empty ? n : 0) : at;
	pos = (pos + step + slots) % slots;
	free(f->chosen);
	f->chosen = xstrdup(pos < n ? fd->choices[pos] : "");
}

/* A letter picks the next choice starting with it; space moves on. */
static void choose_by_letter(struct editor *e, struct editor_field *f, int key)
{
	const struct field_def *fd = &e->def->fields[f->field];
	if (key == ' ' || fd->kind == FIELD_BOOL) {
		if (fd->kind == FIELD_BOOL && (key == 'y' || key == 'n')) {
			free(f->chosen);
			f->chosen = xstrdup(key == 'y' ? "1" : "0");
		} else if (key == ' ') {
			cycle(e, f, 1);
		}
		return;
	}
	for (int step = 1; fd->choices[0] && step <= 32; step++) {
		cycle(e, f, 1);
		if (f->chosen[0] == (key | 0x20))
			return;
	}
}

/* ---- saving ---- */

/* A field's complaint goes once it is being put right. */
static void clear_error(struct editor_field *f)
{
	free(f->error);
	f->error = NULL;
}

static int default_save(struct tui *t, struct editor *e, struct kerr *err)
{
	return e->creating ? entity_create(tui_store(t), e->rec, err)
			   : entity_update(tui_store(t), e->rec, err);
}

const char *editor_value(const struct editor *e, int k)
{
	const struct editor_field *f = &e->f[k];
	enum field_kind kind = e->def->fields[f->field].kind;
	if (kind == FIELD_CHOICE || kind == FIELD_BOOL || (kind == FIELD_REF && f->chosen))
		return f->chosen;
	return f->text.text;
}

void editor_put(struct tui *t, struct editor *e, int k, const char *value)
{
	struct editor_field *f = &e->f[k];
	const struct field_def *fd = &e->def->fields[f->field];
	struct record *target = NULL;
	struct kerr err;
	if (!value)
		value = "";
	if (fd->kind == FIELD_CHOICE || fd->kind == FIELD_BOOL) {
		free(f->chosen);
		f->chosen = xstrdup(value);
		return;
	}
	if (fd->kind == FIELD_REF) {
		free(f->chosen);
		free(f->chosen_label);
		f->chosen = f->chosen_label = NULL;
		if (id_valid(value) &&
		    entity_load(tui_store(t), entity_get(fd->ref), value, &target, &err) == K_OK) {
			f->chosen = xstrdup(value);
			f->chosen_label = xstrdup(record_display(target));
			value = "";
		}
		record_free(target);
	}
	lineedit_set(&f->text, value, f->text.max);
	if (fd->kind == FIELD_REF && *value && k == e->focus)
		suggest(t, e); /* the names it matches, as when it was typed */
}

static void fill_record(struct editor *e)
{
	for (int k = 0; k < e->n; k++)
		if (!e->f[k].fixed)
			record_set(e->rec, e->f[k].field, editor_value(e, k));
}

/* A form's key for action: "Ctrl-S". */
static const char *key_for(enum action action, char *buf, size_t n)
{
	if (!*keys_key_for(KEYMAP_FORM, action, buf, n)) /* unbound: its word */
		snprintf(buf, n, "%s", keys_action_word(action));
	return buf;
}

static void save(struct tui *t, struct editor *e)
{
	struct kerr err;
	kerr_clear(&err);
	for (int k = 0; k < e->n; k++)
		clear_error(&e->f[k]);
	fill_record(e);
	int status = e->save ? e->save(t, e, &err) : default_save(t, e, &err);
	if (status == K_OK) {
		e->m.closing = MODAL_DONE;
		return;
	}
	for (int k = 0; k < e->n; k++)
		if (strcmp(e->def->fields[e->f[k].field].name, err.field) == 0) {
			e->f[k].error = xstrdup(err.msg);
			if (!e->f[k].fixed)
				e->focus = k;
		}
	if (*e->match) { /* the keys that answer it, as the key table binds them */
		char open[24], again[24];
		tui_status(t, true, "%s opens them; %s adds a second record all the same",
			   key_for(ACT_OPEN_MATCH, open, sizeof open),
			   key_for(ACT_SAVE, again, sizeof again));
		return;
	}
	tui_status(t, true, "%s", err.msg);
}

/* The record the save found likely the same, opened instead of adding this one. */
static int open_match(struct tui *t, struct editor *e)
{
	if (!*e->match) {
		tui_status(t, true, "Nothing to open: saving finds whether they are here already");
		return MODAL_STAY;
	}
	char id[ID_LEN];
	snprintf(id, sizeof id, "%s", e->match);
	tui_jump(t, e->match_kind, id);
	tui_status(t, false, "Opened the record already here; the form was not saved");
	return MODAL_CANCEL;
}

static void discard(struct tui *t, struct modal *m, bool ok)
{
	(void)t;
	if (ok)
		((struct editor *)m->ctx)->m.closing = MODAL_CANCEL;
}

/* ---- keys ---- */

static bool is_text(enum field_kind k)
{
	return k != FIELD_CHOICE && k != FIELD_BOOL;
}

static int text_key(struct tui *t, struct editor *e, enum action a, int key)
{
	struct editor_field *f = &e->f[e->focus];
	enum field_kind kind = e->def->fields[f->field].kind;
	bool changed = a != ACT_NONE
			       ? lineedit_act(&f->text, a)
			       : key < KEY_FN_BASE && lineedit_insert(&f->text, (unsigned)key);
	if (a == ACT_NONE || a == ACT_BACKSPACE || a == ACT_DELETE_CHAR || a == ACT_KILL_LINE ||
	    a == ACT_KILL_WORD)
		e->dirty = e->dirty || changed;
	if (changed)
		clear_error(f);
	if (kind == FIELD_REF && changed && a != ACT_LEFT && a != ACT_RIGHT && a != ACT_HOME &&
	    a != ACT_END) {
		free(f->chosen);
		free(f->chosen_label);
		f->chosen = f->chosen_label = NULL;
		suggest(t, e);
	}
	return MODAL_STAY;
}

static int field_key(struct tui *t, struct editor *e, enum action a, int key)
{
	struct editor_field *f = &e->f[e->focus];
	enum field_kind kind = e->def->fields[f->field].kind;
	if (f->fixed)
		return MODAL_STAY;
	if (is_text(kind))
		return text_key(t, e, a, key);
	if (a == ACT_LEFT || a == ACT_RIGHT)
		cycle(e, f, a == ACT_LEFT ? -1 : 1);
	else if (a == ACT_NONE && key >= ' ' && key < 0x7f)
		choose_by_letter(e, f, key);
	else
		return MODAL_STAY;
	e->dirty = true;
	clear_error(f);
	return MODAL_STAY;
}

static int editor_key(struct tui *t, struct modal *m, int key)
{
	struct editor *e = (struct editor *)m;
	enum action a = keys_lookup(KEYMAP_FORM, key);
	struct editor_field *f = &e->f[e->focus];
	enum field_kind kind = e->def->fields[f->field].kind;
	switch (a) {
	case ACT_SAVE:
		save(t, e);
		return MODAL_STAY;
	case ACT_OPEN_MATCH:
		return open_match(t, e);
	case ACT_CANCEL:
		if (e->nsugg && !e->offering) { /* what was only offered is not in the way */
			clear_suggestions(e);
			return MODAL_STAY;
		}
		if (!e->dirty)
			return MODAL_CANCEL;
		struct dialog *d = dialog_confirm("Discard what you typed in this form?");
		d->m.done = discard;
		d->m.ctx = e;
		tui_push(t, &d->m);
		return MODAL_STAY;
	case ACT_HELP:
		tui_push(t, &dialog_help(KEYMAP_FORM, "Keys in a form")->m);
		return MODAL_STAY;
	case ACT_DOWN:
	case ACT_UP:
		if (e->nsugg) {
			e->sel = (e->sel + (a == ACT_DOWN ? 1 : e->nsugg - 1)) % e->nsugg;
			return MODAL_STAY;
		}
		move_focus(e, a == ACT_DOWN ? 1 : -1);
		offer(e);
		return MODAL_STAY;
	case ACT_NEXT_FIELD:
	case ACT_PREV_FIELD:
		if (e->nsugg && a == ACT_NEXT_FIELD && !e->offering)
			take_suggestion(e);
		clear_suggestions(e);
		move_focus(e, a == ACT_NEXT_FIELD ? 1 : -1);
		offer(e);
		return MODAL_STAY;
	case ACT_CHOOSE:
		if (kind == FIELD_NOTE && !e->nsugg)
			return text_key(t, e, ACT_NONE, '\n');
		if (e->nsugg)
			take_suggestion(e); /* and go on, as Tab does */
		move_focus(e, 1);
		offer(e);
		return MODAL_STAY;
	default:
		return field_key(t, e, a, key);
	}
}

/* ---- drawing ---- */

/* What saving would put in the empty field f of a new record (a referral's follow-up date),
 * from what the form holds now: shown in its place, so nothing is decided unseen. */
static bool implied(const struct editor *e, const struct editor_field *f, char *out, size_t n)
{
	char value[64], uk[16];
	if (!e->creating || !e->def->implied || *f->text.text || f->chosen)
		return false;
	struct record *scratch = record_new(e->def);
	for (int k = 0; k < e->n; k++)
		record_set(scratch, e->f[k].field, editor_value(e, k));
	bool got = e->def->implied(scratch, f->field, value, sizeof value);
	record_free(scratch);
	if (got)
		snprintf(out, n, "%s if left empty",
			 e->def->fields[f->field].kind == FIELD_DATE ? tui_date(value, uk) : value);
	return got;
}

static void draw_value(struct editor *e, struct editor_field *f, int y, int x, int cols,
		       bool focused, int *cursor)
{
	const struct field_def *fd = &e->def->fields[f->field];
	enum paint p = focused ? PAINT_FOCUS : f->fixed ? PAINT_DIM : PAINT_FIELD;
	char buf[160];
	*cursor = -1;
	if (fd->kind == FIELD_BOOL) {
		snprintf(buf, sizeof buf, "%s", strcmp(f->chosen, "1") == 0 ? "[x] yes" : "[ ] no");
		draw_text(stdscr, y, x, buf, cols, p, true);
	} else if (fd->kind == FIELD_CHOICE) {
		char *label = entity_choice_label(f->chosen);
		snprintf(buf, sizeof buf, "‹ %s ›", *label ? label : "—");
		free(label);
		draw_text(stdscr, y, x, buf, cols, p, true);
	} else if (fd->kind == FIELD_REF && f->chosen && !*f->text.text) {
		draw_text(stdscr, y, x, f->chosen_label ? f->chosen_label : f->chosen, cols, p,
			  true);
	} else {
		size_t start = lineedit_view(&f->text, cols, cursor);
		draw_text(stdscr, y, x, f->text.text + start, cols, p, true);
		if (implied(e, f, buf, sizeof buf))
			draw_text(stdscr, y, x + 1, buf, cols - 1, PAINT_DIM, false);
		if (!focused)
			*cursor = -1;
	}
}

#define NOTE_LINES 512

/* Where each shown line of a note starts: at its own newlines and where it meets the field's
 * width. Returns how many lines; *cursor_line gets the line holding the cursor. */
static int note_lines(const struct lineedit *le, int cols, size_t start[NOTE_LINES],
		      int *cursor_line)
{
	const char *s = le->text;
	int n = 0;
	size_t at = 0;
	start[n++] = 0;
	while (s[at] && n < NOTE_LINES) {
		size_t eol = at + strcspn(s + at, "\n");
		char *line = xstrndup(s + at, eol - at);
		size_t fit = utf8_fit(line, cols, NULL);
		free(line);
		if (fit == 0 && eol > at)
			fit = 1; /* a field too narrow for one character still moves on */
		for (size_t sp = fit; fit < eol - at && sp > 1; sp--)
			if (s[at + sp - 1] == ' ') {
				fit = sp; /* break after a word, as a reader expects */
				break;
			}
		at = fit < eol - at ? at + fit : eol + (s[eol] == '\n');
		if (at == eol && !s[eol])
			break;
		start[n++] = at;
	}
	*cursor_line = 0;
	for (int i = 0; i < n; i++)
		if (start[i] <= le->cursor)
			*cursor_line = i;
	return n;
}

/* A note over NOTE_ROWS rows, scrolled so the cursor's line shows. */
static void draw_note(struct editor_field *f, int y, int x, int cols, enum paint p, bool focused,
		      int *cy, int *cx)
{
	size_t start[NOTE_LINES];
	int at;
	int n = note_lines(&f->text, cols, start, &at);
	int top = focused && at >= NOTE_ROWS ? at - NOTE_ROWS + 1 : 0;
	const char *s = f->text.text;
	for (int r = 0; r < NOTE_ROWS; r++) {
		int i = top + r;
		char *line = NULL;
		if (i < n) {
			size_t end = i + 1 < n ? start[i + 1] : strlen(s);
			if (end > start[i] && s[end - 1] == '\n')
				end--;
			line = xstrndup(s + start[i], end - start[i]);
		}
		draw_text(stdscr, y + r, x, line ? line : "", cols, p, true);
		free(line);
	}
	if (!focused)
		return;
	char *before = xstrndup(s + start[at], f->text.cursor - start[at]);
	*cy = y + at - top;
	*cx = x + utf8_width(before);
	free(before);
}

/* What the focused field expects, on the form's last line. */
static const char *field_hint(const struct field_def *fd)
{
	switch (fd->kind) {
	case FIELD_CHOICE:
	case FIELD_BOOL:
		return "← → or Space to choose, or type its first letter";
	case FIELD_REF:
		return "type part of the name, ↓ ↑ to pick, Tab or Enter to take it";
	case FIELD_DATE:
		return "today, yesterday, +7d, -2w, 22/11/2026";
	case FIELD_NOTE:
		return "Enter starts a new line; Tab goes on";
	case FIELD_MONEY:
		return "pounds: 1,250 or 1250.50";
	default:
		return fd->help ? fd->help : "";
	}
}

static int field_rows(const struct editor *e, const struct editor_field *f)
{
	return (e->def->fields[f->field].kind == FIELD_NOTE ? NOTE_ROWS : 1) + (f->error != NULL);
}

static void draw_suggestions(struct editor *e, int y, int x, int cols)
{
	for (int i = 0; i < e->nsugg; i++) {
		bool chosen = i == e->sel;
		draw_fill(stdscr, y + i, x, cols, chosen ? PAINT_SELECTED : PAINT_HEADER);
		int used = draw_text(stdscr, y + i, x + 1, e->sugg[i].label, cols - 2,
				     chosen ? PAINT_SELECTED : PAINT_HEADER, false);
		draw_text(stdscr, y + i, x + 2 + used, e->sugg[i].note, cols - 3 - used,
			  chosen ? PAINT_SELECTED : PAINT_HEADER, false);
	}
}

/* Said at once, so a connector knows to add the person or asset first. */
static void draw_none_match(struct editor *e, int y, int x, int cols)
{
	const struct field_def *fd = &e->def->fields[e->f[e->focus].field];
	char msg[200];
	snprintf(msg, sizeof msg, " no %s matches “%s” ", entity_get(fd->ref)->name,
		 e->f[e->focus].text.text);
	draw_text(stdscr, y, x, msg, cols, PAINT_HEADER, false);
}

/* What a typed date means, weekday first: "+7d" is "Sun 29 Nov 2026". */
static void draw_date_preview(struct editor_field *f, int y, int x, int cols)
{
	static const char *const days[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	char iso[DATE_LEN], shown[32];
	int yy, mm, dd;
	if (!*f->text.text || cols < 8)
		return;
	if (date_parse(f->text.text, iso, "date", NULL) == K_OK && date_split(iso, &yy, &mm, &dd)) {
		long n = date_to_days(yy, mm, dd);
		snprintf(shown, sizeof shown, "%s %d %s %d", days[((n % 7) + 7) % 7], dd % 100,
			 months[(mm - 1) % 12], yy % 10000);
		draw_text(stdscr, y, x, shown, cols, PAINT_GOOD, false);
	} else {
		draw_text(stdscr, y, x, "not a date yet", cols, PAINT_DIM, false);
	}
}

static void editor_draw(struct tui *t, struct modal *m)
{
	struct editor *e = (struct editor *)m;
	int cols = tui_cols(t), h = tui_rows(t) - 3, y0 = 1, x0 = 0;
	int value_cols = cols - LABEL_COLS - 4 - 17, inner = h - 4;
	draw_box(stdscr, y0, x0, h, cols, e->title);
	/* scroll so the focused field shows */
	if (e->focus < e->top)
		e->top = e->focus;
	for (;;) {
		int used = 0;
		for (int k = e->top; k <= e->focus; k++)
			used += field_rows(e, &e->f[k]);
		if (used <= inner || e->top >= e->focus)
			break;
		e->top++;
	}
	int y = y0 + 1, cy = -1, cx = 0, sugg_y = 0;
	for (int k = e->top; k < e->n && y < y0 + 1 + inner; k++) {
		struct editor_field *f = &e->f[k];
		const struct field_def *fd = &e->def->fields[f->field];
		bool focused = k == e->focus;
		char label[64];
		snprintf(label, sizeof label, "%s%s", fd->label,
			 fd->flags & FIELD_REQUIRED ? " *" : "");
		draw_text(stdscr, y, x0 + 2, label, LABEL_COLS, focused ? PAINT_HEADING : PAINT_DIM,
			  false);
		int cur = -1;
		int rows = fd->kind == FIELD_NOTE ? NOTE_ROWS : 1;
		if (fd->kind == FIELD_NOTE)
			draw_note(f, y, x0 + 2 + LABEL_COLS, value_cols,
				  focused ? PAINT_FOCUS : PAINT_FIELD, focused, &cy, &cx);
		else
			draw_value(e, f, y, x0 + 2 + LABEL_COLS, value_cols, focused, &cur);
		if (fd->kind == FIELD_DATE)
			draw_date_preview(f, y, x0 + 3 + LABEL_COLS + value_cols, 16);
		if (focused && cur >= 0)
			cy = y, cx = x0 + 2 + LABEL_COLS + cur;
		y += rows;
		if (f->error) {
			draw_text(stdscr, y, x0 + 2 + LABEL_COLS, f->error, cols - LABEL_COLS - 4,
				  PAINT_ERROR, false);
			y++;
		}
		if (focused) /* below its message, which stays readable */
			sugg_y = y;
	}
	int last = e->top;
	for (int k = e->top, used = 0; k < e->n; k++) {
		used += field_rows(e, &e->f[k]);
		if (used > inner)
			break;
		last = k;
	}
	if (last < e->n - 1)
		draw_text_right(stdscr, y0 + h - 2, x0 + 2, "↓ more fields", cols - 4, PAINT_DIM);
	const struct field_def *fd = &e->def->fields[e->f[e->focus].field];
	draw_text(stdscr, y0 + h - 2, x0 + 2,
		  e->offering ? "what fits them: ↓ ↑ picks, Enter takes it, typing finds any"
			      : field_hint(fd),
		  cols - 20, PAINT_DIM, false);
	if (e->nsugg)
		draw_suggestions(e, sugg_y, x0 + 2 + LABEL_COLS, cols - LABEL_COLS - 4);
	else if (e->none_match)
		draw_none_match(e, sugg_y, x0 + 2 + LABEL_COLS, cols - LABEL_COLS - 4);
	if (cy >= 0) {
		move(cy, cx);
		curs_set(1);
	} else {
		curs_set(0);
	}
}

static bool editor_dirty(const struct modal *m)
{
	return ((const struct editor *)m)->dirty;
}

static void editor_done(struct tui *t, struct modal *m, bool ok)
{
	struct editor *e = (struct editor *)m;
	if (ok && e->saved)
		e->saved(t, e);
	if (e->closed)
		e->closed(t, e, ok);
}

static const struct modal_ops editor_ops = {KEYMAP_FORM, editor_draw, editor_key, editor_free,
					    editor_dirty};

struct editor *editor_of(struct modal *m)
{
	return m && m->ops == &editor_ops ? (struct editor *)m : NULL;
}

struct editor *editor_new(struct tui *t, struct record *rec, bool creating, const int *layout,
			  int nlayout, const char *title)
{
	struct editor *e = xcalloc(1, sizeof *e);
	e->m.ops = &editor_ops;
	e->m.done = editor_done;
	e->def = rec->def;
	e->rec = rec;
	e->creating = creating;
	e->f = xcalloc((size_t)e->def->nfields, sizeof *e->f);
	for (int i = 0; i < nlayout; i++)
		if (asked(e->def, layout[i]))
			add_field(t, e, layout[i]);
	for (int i = 0; i < e->def->nfields; i++)
		if (asked(e->def, i))
			add_field(t, e, i);
	snprintf(e->title, sizeof e->title, "%s", title);
	return e;
}
