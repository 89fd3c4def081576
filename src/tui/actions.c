/* What every screen does the same way: drawing its list and detail, moving, searching,
 * sorting, filtering, adding, editing, deleting, following links and going back. A screen's
 * own handler sees each action first and passes on what it does not do itself. What an action
 * asks to be brought up to date (its reactions) is done once, after the key: this is the only
 * place a screen's list is loaded again. */
#include "tui_impl.h"

#include <stdlib.h>
#include <string.h>

#include "asset.h"
#include "auth.h"
#include "date.h"
#include "commands.h"
#include "dialog.h"
#include "draw.h"
#include "editor.h"
#include "picker.h"
#include "record.h"
#include "setting.h"
#include "utf8.h"
#include "xalloc.h"

#define COUNT_CAP 10000
#define SEARCH_COUNT_CAP 1000

void tui_react(struct tui *t, int reactions, const char *at)
{
	t->react |= reactions;
	if (at && at != t->react_at)
		snprintf(t->react_at, sizeof t->react_at, "%s", at);
	if (reactions & R_RELOAD)
		t->said_at_reload = t->said;
}

static void load_detail(struct tui *t, struct screen *s)
{
	detail_clear(&s->detail);
	const struct record *cur = listview_current(&s->list);
	if (!cur)
		return;
	struct record *rec = NULL;
	struct kerr err;
	/* entity_view: a look at someone's detail is in the audit trail */
	if (entity_view(t->st, s->ops->def, cur->id, &rec, &err) != K_OK) {
		tui_status(t, true, "%s", err.msg);
		return;
	}
	s->ops->detail(t, s, rec, &s->detail);
	s->detail.rec = rec;
}

/* Counting goes no further than this; while searching, less far, since it runs on every
 * keystroke. */
static long long count_cap(const struct screen *s)
{
	return page_in_index_order(&s->list.q) ? SEARCH_COUNT_CAP : COUNT_CAP;
}

/* The rows again, from the record at (from the first when NULL), counted, with the detail. */
static void reload(struct tui *t, struct screen *s, const char *at)
{
	if (!s->ops->def) {
		if (s->ops->open)
			s->ops->open(t, s);
		return;
	}
	struct kerr err;
	int status = listview_load(&s->list, t->st, at, &err);
	/* a list that fits in what was loaded is its own count */
	if (status == K_OK && !s->list.more_before && !s->list.more_after)
		s->count = s->list.n;
	else if (status == K_OK)
		status = page_count(t->st, &s->list.q, count_cap(s), &s->count, &err);
	if (status != K_OK)
		tui_status(t, true, "%s", err.msg);
	listview_scroll(&s->list, tui_list_rows(t));
	s->loaded = true;
	if (s->detail_focus || tui_wide(t))
		load_detail(t, s);
	if (s->detail_focus && !s->detail.rec)
		s->detail_focus = false;
}

static void clear_narrowing(struct screen *s)
{
	s->search[0] = '\0';
	s->list.q.search = NULL;
	s->filter_label[0] = '\0';
	s->list.q.nfilter = 0;
}

/* A reload as r asks: on the record at, else on the one under the cursor, or from the top. */
static void reload_as_asked(struct tui *t, struct screen *s, int r, const char *at)
{
	const struct record *cur = s->ops->def ? listview_current(&s->list) : NULL;
	char keep[ID_LEN] = "";
	if (at)
		snprintf(keep, sizeof keep, "%s", at);
	else if (cur && !(r & R_FROM_TOP))
		snprintf(keep, sizeof keep, "%s", cur->id);
	reload(t, s, keep[0] ? keep : NULL);
	if (!(r & R_REVEAL) || !s->ops->def || !keep[0])
		return;
	cur = listview_current(&s->list);
	if (!cur || strcmp(cur->id, keep) != 0) { /* hidden by a search or filter */
		clear_narrowing(s);
		reload(t, s, keep);
	}
}

void tui_update(struct tui *t)
{
	int r = t->react;
	char at[ID_LEN], said[sizeof t->status];
	snprintf(at, sizeof at, "%s", t->react_at);
	t->react = 0;
	t->react_at[0] = '\0';
	if (r & R_REPAINT)
		clearok(curscr, TRUE);
	struct screen *s = tui_screen(t);
	if (r & R_RELOAD) {
		/* a message written after the reload was asked for stays, as it would if the
		 * reload had been done there and then */
		bool later = t->said != t->said_at_reload, error = t->status_error;
		memcpy(said, t->status, sizeof said);
		reload_as_asked(t, s, r, at[0] ? at : NULL);
		if (later) {
			memcpy(t->status, said, sizeof t->status);
			t->status_error = error;
		}
	} else if ((r & R_DETAIL) && (tui_wide(t) || s->detail_focus)) {
		load_detail(t, s);
	}
}

/* Screen id comes forward: what was asked of the screen it replaces is moot, since a screen
 * is loaded again whenever it comes forward. */
static void bring_forward(struct tui *t, int id)
{
	t->current = id;
	t->react &= ~(R_RELOAD | R_DETAIL | R_FROM_TOP | R_REVEAL);
	t->react_at[0] = '\0';
}

void tui_open_screen(struct tui *t, int id)
{
	struct kerr err;
	if (!tui_screen_allowed(t, id)) {
		auth_require(t->st, (enum auth_right)t->screen[id].ops->right, &err);
		tui_status(t, true, "%s", err.msg);
		return;
	}
	bring_forward(t, id);
	tui_react(t, R_RELOAD, NULL);
}

/* The next screen this worker may use, one way or the other. */
static int next_allowed(struct tui *t, int step)
{
	int id = t->current;
	for (int tries = 0; tries < SCREEN_COUNT; tries++) {
		id = (id + step + SCREEN_COUNT) % SCREEN_COUNT;
		if (tui_screen_allowed(t, id))
			return id;
	}
	return t->current;
}

/* ---- drawing a screen ---- */

static const char *cell_text(const struct record *rec, int field, char *buf, size_t n)
{
	if (field == COLUMN_WHEN) { /* "22/11/2026 14:03" from a UTC stamp */
		char day[DATE_LEN], uk[DATE_LEN];
		snprintf(day, sizeof day, "%.10s", rec->created_at ? rec->created_at : "");
		snprintf(buf, n, "%s %.5s", date_uk(day, uk),
			 rec->created_at && strlen(rec->created_at) > 16 ? rec->created_at + 11 : "");
		return buf;
	}
	if (field < 0)
		return record_display(rec);
	const struct field_def *f = &rec->def->fields[field];
	const char *v = record_get(rec, field);
	switch (f->kind) {
	case FIELD_REF:
		return record_label(rec, field);
	case FIELD_DATE:
		return tui_date(v, buf);
	case FIELD_BOOL:
		return strcmp(v, "1") == 0 ? "yes" : "";
	case FIELD_CHOICE:
		snprintf(buf, n, "%s", v);
		for (char *p = buf; *p; p++)
			*p = *p == '_' ? ' ' : *p;
		return buf;
	default:
		return v;
	}
}

static void draw_row(struct screen *s, const struct record *rec, int y, int x, int cols,
		     bool chosen)
{
	enum paint p = chosen ? PAINT_SELECTED : PAINT_NORMAL;
	int fixed = 0;
	for (int c = 0; c < s->ops->ncolumns; c++)
		fixed += s->ops->columns[c].width + 1;
	draw_fill(stdscr, y, x, cols, p);
	if (chosen) /* seen without colour too, and in a text dump */
		draw_text(stdscr, y, x, "▸", 1, p, false);
	if (rec && entity_masked(rec)) { /* its columns are blank: say what it is instead */
		draw_text(stdscr, y, x + 1, "Restricted record: Enter says whom to ask", cols - 1,
			  chosen ? p : PAINT_DIM, false);
		return;
	}
	int cx = x + 1;
	for (int c = 0; c < s->ops->ncolumns && cx < x + cols; c++) {
		const struct column *col = &s->ops->columns[c];
		int w = col->width ? col->width : cols - fixed - 1;
		if (w > x + cols - cx)
			w = x + cols - cx;
		char buf[64];
		if (rec)
			draw_text(stdscr, y, cx, cell_text(rec, col->field, buf, sizeof buf), w, p,
				  false);
		else
			draw_text(stdscr, y, cx, col->title, w, PAINT_HEADING, false);
		cx += w + 1;
	}
}

static void draw_list_title(struct tui *t, struct screen *s, int y, int cols)
{
	(void)t;
	const struct entity_def *def = s->ops->def;
	char left[600], right[64];
	const char *order = page_order_label(&s->list.q);
	snprintf(left, sizeof left, " %s %s%s%s%s%s%s", s->ops->title, order,
		 s->filter_label[0] ? " · " : "", s->filter_label,
		 s->search[0] ? " · matching \"" : "", s->search, s->search[0] ? "\"" : "");
	long long cap = count_cap(s);
	snprintf(right, sizeof right, "%s%lld %s ", s->count >= cap ? "over " : "",
		 s->count >= cap ? cap : s->count, s->count == 1 ? def->name : def->plural);
	int rw = utf8_width(right);
	draw_text(stdscr, y, 0, left, cols - rw - 1, PAINT_HEADING, false);
	draw_text_right(stdscr, y, 0, right, cols, PAINT_DIM);
}

static void draw_list(struct tui *t, struct screen *s, int y, int cols, int h)
{
	draw_list_title(t, s, y, cols);
	draw_row(s, NULL, y + 1, 0, cols, false);
	int rows = h - 2;
	listview_scroll(&s->list, rows);
	for (int r = 0; r < rows && s->list.top + r < s->list.n; r++) {
		int i = s->list.top + r;
		draw_row(s, s->list.row[i], y + 2 + r, 0, cols, i == s->list.cursor);
	}
	if (s->list.n == 0)
		draw_text(stdscr, y + 3, 2,
			  s->search[0] || s->filter_label[0]
				  ? "Nothing matches. Esc clears the search; f changes the filter."
				  : "Nothing here yet. Press a to add the first.",
			  cols - 4, PAINT_DIM, false);
}

static void draw_detail(struct tui *t, struct screen *s, int y, int x, int cols, int h)
{
	if (!s->detail.rec) {
		draw_text(stdscr, y + 1, x + 1, "", cols - 2, PAINT_DIM, false);
		return;
	}
	draw_text(stdscr, y, x + 1, record_display(s->detail.rec), cols - 2, PAINT_HEADING, false);
	int rows = h - 1;
	if (s->detail.sel >= 0 && s->detail_focus)
		detail_move(&s->detail, 0, rows);
	detail_draw(stdscr, &s->detail, y + 1, x + 1, rows, cols - 2, s->detail_focus);
	(void)t;
}

void tui_draw_screen(struct tui *t, struct screen *s)
{
	int y = 1, h = t->rows - 3;
	if (s->ops->draw) {
		s->ops->draw(t, s, y, h);
		return;
	}
	if (!tui_wide(t)) {
		if (s->detail_focus)
			draw_detail(t, s, y, 0, t->cols, h);
		else
			draw_list(t, s, y, t->cols, h);
		return;
	}
	int list_cols = t->cols * 9 / 20;
	const struct record *cur = listview_current(&s->list);
	if (cur && (!s->detail.rec || strcmp(s->detail.rec->id, cur->id) != 0))
		load_detail(t, s); /* the terminal just grew wide, or the list moved under it */
	draw_list(t, s, y, list_cols, h);
	for (int r = 0; r < h; r++)
		mvaddstr(y + r, list_cols, "│");
	draw_detail(t, s, y, list_cols + 1, t->cols - list_cols - 1, h);
}

/* ---- going places ---- */

static int screen_for(struct tui *t, enum entity_kind kind, const char *id)
{
	if (kind == ENTITY_PERSON)
		return SCREEN_PEOPLE;
	if (kind == ENTITY_REFERRAL)
		return SCREEN_REFERRALS;
	struct record *rec = NULL;
	struct kerr err;
	int screen = SCREEN_ASSETS;
	if (entity_load(t->st, &asset_entity, id, &rec, &err) == K_OK &&
	    strcmp(record_get(rec, ASSET_CATEGORY), "association") == 0)
		screen = SCREEN_GROUPS;
	record_free(rec);
	return screen;
}

/* The screen, its list on the record id (from the top when NULL), its detail open or not. */
static void go_to(struct tui *t, int screen, const char *id, bool detail)
{
	bring_forward(t, screen);
	tui_screen(t)->detail_focus = detail;
	tui_react(t, R_RELOAD | (id ? R_REVEAL : R_FROM_TOP), id);
}

void tui_jump(struct tui *t, enum entity_kind kind, const char *id)
{
	struct screen *s = tui_screen(t);
	const struct record *cur = s->ops->def ? listview_current(&s->list) : NULL;
	if (t->nback == BACK_DEPTH)
		memmove(t->back, t->back + 1, sizeof t->back[0] * (BACK_DEPTH - 1)), t->nback--;
	struct place *p = &t->back[t->nback++];
	p->screen = t->current;
	snprintf(p->id, sizeof p->id, "%s", cur ? cur->id : "");
	p->detail = s->detail_focus;
	go_to(t, screen_for(t, kind, id), id, true);
}

static void go_back(struct tui *t)
{
	struct place p = t->back[--t->nback];
	go_to(t, p.screen, p.id[0] ? p.id : NULL, p.detail);
}

static void ask_quit(struct tui *t, struct modal *m, bool ok)
{
	(void)m;
	t->quit = ok;
}

void tui_quit(struct tui *t)
{
	if (!tui_unsaved(t)) {
		t->quit = true;
		return;
	}
	struct dialog *d = dialog_confirm("Quit kith and lose what you typed in the form?");
	d->m.done = ask_quit;
	tui_push(t, &d->m);
}

/* ---- search, sort, filter ---- */

static void search_changed(struct tui *t, struct dialog *d)
{
	struct screen *s = tui_screen(t);
	snprintf(s->search, sizeof s->search, "%s", d->line.text);
	s->list.q.search = s->search[0] ? s->search : NULL;
	tui_react(t, R_RELOAD | R_FROM_TOP, NULL);
}

static void search_done(struct tui *t, struct modal *m, bool ok)
{
	struct screen *s = tui_screen(t);
	if (!ok) {
		s->search[0] = '\0';
		s->list.q.search = NULL;
		tui_react(t, R_RELOAD | R_FROM_TOP, NULL);
		return;
	}
	(void)m;
	if (s->search[0])
		tui_status(t, false, "%s%lld %s match \"%s\"; Esc shows all again",
			   s->count >= count_cap(s) ? "over " : "", s->count,
			   s->count == 1 ? s->ops->def->name : s->ops->def->plural, s->search);
}

static void start_search(struct tui *t)
{
	/* a new search starts empty (Enter on nothing shows everything again) */
	struct dialog *d = dialog_prompt("/", "");
	d->changed = search_changed;
	d->m.done = search_done;
	tui_push(t, &d->m);
}

static void next_sort(struct tui *t, struct screen *s)
{
	s->list.q.sort = (s->list.q.sort + 1) % s->ops->def->nsorts;
	tui_react(t, R_RELOAD, NULL);
	tui_status(t, false, "%s %s", s->ops->title, s->ops->def->sorts[s->list.q.sort].label);
}

static void filter_chosen(struct tui *t, struct modal *m, bool ok)
{
	struct picker *p = (struct picker *)m;
	struct screen *s = tui_screen(t);
	if (!ok)
		return;
	struct kerr err;
	s->list.q.nfilter = 0;
	s->filter_label[0] = '\0';
	if (strncmp(p->value, "named:", 6) == 0) {
		page_query_named(&s->list.q, p->value + 6, &err);
		snprintf(s->filter_label, sizeof s->filter_label, "%s", p->label);
	} else if (strncmp(p->value, "value:", 6) == 0) {
		snprintf(s->filter_value, sizeof s->filter_value, "%s", p->value + 6);
		page_query_where(&s->list.q, s->ops->def->fields[s->ops->filter_field].name,
				 s->filter_value, &err);
		snprintf(s->filter_label, sizeof s->filter_label, "%s", p->label);
	}
	tui_react(t, R_RELOAD, NULL);
	tui_status(t, false, "%s: %s", s->ops->title, s->filter_label[0] ? s->filter_label : "all");
}

static void add_values(struct tui *t, struct screen *s, struct picker *p)
{
	const struct field_def *f = &s->ops->def->fields[s->ops->filter_field];
	struct kerr err;
	char value[160];
	if (f->kind == FIELD_CHOICE) {
		for (const char *const *c = f->choices; *c; c++) {
			if (s->ops->def->scope_field == s->ops->filter_field)
				break;
			char *label = entity_choice_label(*c);
			snprintf(value, sizeof value, "value:%s", *c);
			picker_add(p, label, value, NULL);
			free(label);
		}
		return;
	}
	if (!s->values && entity_distinct(t->st, s->ops->def, s->ops->filter_field, &s->values,
					  &err) != K_OK)
		tui_status(t, true, "%s", err.msg);
	for (char **v = s->values; v && *v; v++) {
		snprintf(value, sizeof value, "value:%s", *v);
		picker_add(p, *v, value, NULL);
	}
}

static void start_filter(struct tui *t, struct screen *s)
{
	char title[80], all[80], value[80];
	snprintf(title, sizeof title, "Show which %s?", s->ops->def->plural);
	struct picker *p = picker_new(title);
	snprintf(all, sizeof all, "all %s", s->ops->def->plural);
	picker_add(p, all, "all", NULL);
	for (int i = 0; i < s->ops->def->nfilters; i++) {
		snprintf(value, sizeof value, "named:%s", s->ops->def->filters[i].name);
		picker_add(p, s->ops->def->filters[i].label, value, NULL);
	}
	if (s->ops->filter_field >= 0)
		add_values(t, s, p);
	picker_refresh(t, p);
	p->m.done = filter_chosen;
	tui_push(t, &p->m);
}

/* ---- add, edit, delete ---- */

static void saved(struct tui *t, struct editor *e)
{
	struct screen *s = tui_screen(t);
	char *name = xstrdup(record_display(e->rec));
	s->values = (entity_values_free(s->values), NULL); /* a new neighbourhood, say */
	s->detail_focus = true;
	tui_react(t, R_RELOAD, e->rec->id);
	struct record *rec = NULL;
	struct kerr err;
	if (entity_load(t->st, e->def, e->rec->id, &rec, &err) == K_OK) {
		free(name);
		name = xstrdup(record_display(rec));
		record_free(rec);
	}
	tui_status(t, false, "%s %s", e->creating ? "Added" : "Saved", name);
	free(name);
}

struct editor *tui_form(struct tui *t, struct record *rec, bool creating, const int *layout,
			int nlayout, const char *title)
{
	struct editor *e = editor_new(t, rec, creating, layout, nlayout, title);
	e->saved = saved;
	e->form = creating ? "add" : "edit"; /* how a draft of it opens it again */
	e->screen = t->current;
	tui_push(t, &e->m);
	return e;
}

static void start_add(struct tui *t, struct screen *s)
{
	char title[80];
	snprintf(title, sizeof title, "New %s", s->ops->def->name);
	tui_form(t, record_new(s->ops->def), true, s->ops->layout, s->ops->nlayout, title);
}

static void start_edit(struct tui *t, struct screen *s)
{
	const struct record *cur = listview_current(&s->list);
	struct record *rec = NULL;
	struct kerr err;
	if (!cur)
		return;
	if (entity_load(t->st, s->ops->def, cur->id, &rec, &err) != K_OK) {
		tui_status(t, true, "%s", err.msg);
		return;
	}
	char title[200];
	snprintf(title, sizeof title, "Edit %s", record_display(rec));
	tui_form(t, rec, false, s->ops->layout, s->ops->nlayout, title);
}

static void delete_answered(struct tui *t, struct modal *m, bool ok)
{
	(void)m;
	struct screen *s = tui_screen(t);
	const struct record *cur = listview_current(&s->list);
	if (!ok || !cur)
		return;
	char id[ID_LEN], next[ID_LEN] = "";
	char *name = xstrdup(record_display(cur));
	snprintf(id, sizeof id, "%s", cur->id);
	int i = s->list.cursor;
	if (i + 1 < s->list.n)
		snprintf(next, sizeof next, "%s", s->list.row[i + 1]->id);
	else if (i > 0)
		snprintf(next, sizeof next, "%s", s->list.row[i - 1]->id);
	struct kerr err;
	if (entity_delete(t->st, s->ops->def, id, &err) != K_OK) {
		tui_status(t, true, "%s", err.msg);
	} else {
		s->detail_focus = false;
		tui_react(t, R_RELOAD, next[0] ? next : NULL);
		tui_status(t, false, "Deleted %s (kept as a tombstone)", name);
	}
	free(name);
}

static void start_delete(struct tui *t, struct screen *s)
{
	const struct record *cur = listview_current(&s->list);
	if (!cur)
		return;
	char q[300];
	snprintf(q, sizeof q, "Delete %s? It leaves every list.", record_display(cur));
	struct dialog *d = dialog_confirm(q);
	d->m.done = delete_answered;
	tui_push(t, &d->m);
}

/* ---- :commands ---- */

static void venue_is(struct tui *t, const char *id)
{
	struct kerr err;
	struct record *rec = NULL;
	if (entity_load(t->st, &asset_entity, id, &rec, &err) != K_OK ||
	    setting_set(t->st, "venue", id, &err) != K_OK) {
		tui_status(t, true, "venue: %s", err.msg);
	} else {
		snprintf(t->venue, sizeof t->venue, "%s", id);
		snprintf(t->venue_name, sizeof t->venue_name, "%s", record_display(rec));
		tui_status(t, false, "Venue: %s. Referrals and conversations start from here.",
			   t->venue_name);
	}
	record_free(rec);
}

static void venue_chosen(struct tui *t, struct modal *m, bool ok)
{
	if (ok)
		venue_is(t, ((struct picker *)m)->value);
}

static void set_venue(struct tui *t, const char *name)
{
	struct kerr err;
	char id[ID_LEN];
	if (strcmp(name, "-") == 0) {
		t->venue[0] = '\0';
		setting_set(t->st, "venue", NULL, &err);
		tui_status(t, false, "No venue: referrals will ask where they come from");
		return;
	}
	if (*name && entity_resolve(t->st, &asset_entity, name, id, &err) == K_OK) {
		venue_is(t, id);
		return;
	}
	struct picker *p = picker_records(t, "Where is this drop-in?", &asset_entity, name);
	p->m.done = venue_chosen;
	tui_push(t, &p->m);
}

static void command_done(struct tui *t, struct modal *m, bool ok)
{
	struct dialog *d = (struct dialog *)m;
	char *cmd = d->line.text;
	while (*cmd == ' ')
		cmd++;
	if (!ok || !*cmd)
		return;
	if (strcmp(cmd, "q") == 0 || strcmp(cmd, "quit") == 0)
		tui_quit(t);
	else if (strncmp(cmd, "venue", 5) == 0 && (cmd[5] == ' ' || !cmd[5]))
		set_venue(t, cmd[5] ? cmd + 6 : "");
	else if (strcmp(cmd, "help") == 0)
		tui_push(t, &dialog_help(tui_screen(t)->ops->keymap, "Keys")->m);
	else if (!command_data(t, cmd))
		tui_status(t, true, ":%s is not a command; there are :venue NAME, :import WHAT FILE, "
				    ":export WHAT FILE, :backup, :help and :quit", cmd);
}

/* ---- keys ---- */

/* The screen that action a switches to, or -1. */
static int screen_of(enum action a)
{
	switch (a) {
#define X(name, ops, word, help) \
	case ACT_##name: \
		return SCREEN_##name;
		SCREENS(X)
#undef X
	default:
		return -1;
	}
}

/* q: back where a link was followed from; on a top screen, quit. */
static void back_or_quit(struct tui *t)
{
	if (t->nback)
		go_back(t);
	else
		tui_quit(t);
}

static int common_action(struct tui *t, struct screen *s, enum action a)
{
	char title[80];
	if (screen_of(a) >= 0) {
		tui_open_screen(t, screen_of(a));
		return R_NONE;
	}
	switch (a) {
	case ACT_HELP:
		snprintf(title, sizeof title, "Keys on %s", s->ops->title);
		tui_push(t, &dialog_help(s->ops->keymap, title)->m);
		return R_NONE;
	case ACT_COMMAND: {
		struct dialog *d = dialog_prompt(":", "");
		d->m.done = command_done;
		tui_push(t, &d->m);
		return R_NONE;
	}
	case ACT_QUIT:
		tui_quit(t);
		return R_NONE;
	case ACT_REDRAW:
		return R_REPAINT;
	case ACT_NEXT_SCREEN:
	case ACT_PREV_SCREEN:
		tui_open_screen(t, next_allowed(t, a == ACT_NEXT_SCREEN ? 1 : -1));
		return R_NONE;
	case ACT_SEARCH:
		s->detail_focus = false;
		start_search(t);
		return R_NONE;
	case ACT_SORT:
		s->detail_focus = false; /* it orders the list: show the list */
		next_sort(t, s);
		return R_NONE;
	case ACT_FILTER:
		s->detail_focus = false;
		start_filter(t, s);
		return R_NONE;
	case ACT_ADD:
		start_add(t, s);
		return R_NONE;
	case ACT_EDIT:
		start_edit(t, s);
		return R_NONE;
	case ACT_DELETE:
		start_delete(t, s);
		return R_NONE;
	default:
		return R_UNHANDLED;
	}
}

static int move_action(struct tui *t, struct screen *s, enum action a)
{
	int rows = tui_list_rows(t), delta;
	struct kerr err;
	int status = K_OK;
	switch (a) {
	case ACT_DOWN: delta = 1; break;
	case ACT_UP: delta = -1; break;
	case ACT_PAGE_DOWN: delta = rows; break;
	case ACT_PAGE_UP: delta = -rows; break;
	case ACT_FIRST:
		status = listview_load(&s->list, t->st, NULL, &err);
		return status == K_OK ? R_DETAIL : (tui_status(t, true, "%s", err.msg), R_NONE);
	case ACT_LAST:
		status = listview_load_last(&s->list, t->st, &err);
		listview_scroll(&s->list, rows);
		return status == K_OK ? R_DETAIL : (tui_status(t, true, "%s", err.msg), R_NONE);
	default:
		return R_UNHANDLED;
	}
	if (listview_move(&s->list, t->st, delta, rows, &err) != K_OK)
		tui_status(t, true, "%s", err.msg);
	return R_DETAIL;
}

static int list_action(struct tui *t, struct screen *s, enum action a)
{
	int r = move_action(t, s, a);
	if (!(r & R_UNHANDLED))
		return r;
	switch (a) {
	case ACT_OPEN:
		if (!listview_current(&s->list))
			return R_NONE;
		s->detail_focus = true;
		return R_DETAIL;
	case ACT_BACK:
		back_or_quit(t);
		return R_NONE;
	case ACT_CANCEL:
		if (s->search[0] || s->filter_label[0]) {
			clear_narrowing(s);
			tui_status(t, false, "All %s", s->ops->def->plural);
			return R_RELOAD;
		}
		tui_status(t, false, "q quits kith");
		return R_NONE;
	default:
		return common_action(t, s, a);
	}
}

static int detail_action(struct tui *t, struct screen *s, enum action a)
{
	int rows = t->rows - 4;
	const struct dline *link = detail_chosen(&s->detail);
	switch (a) {
	case ACT_DOWN:
	case ACT_UP:
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
		detail_move(&s->detail, a == ACT_DOWN ? 1 : a == ACT_UP ? -1
					: a == ACT_PAGE_DOWN ? rows : -rows, rows);
		return R_NONE;
	case ACT_OPEN:
		if (link)
			tui_jump(t, link->kind, link->id);
		else
			tui_status(t, false, "Nothing to open here; j and k choose a line");
		return R_NONE;
	case ACT_BACK:
	case ACT_CANCEL:
		if (t->nback) {
			go_back(t);
			return R_NONE;
		}
		s->detail_focus = false;
		return R_NONE;
	case ACT_FIRST:
	case ACT_LAST:
		detail_move(&s->detail, a == ACT_FIRST ? -s->detail.n : s->detail.n, rows);
		return R_NONE;
	default:
		return common_action(t, s, a);
	}
}

/* A screen of its own (the Network) shares going back and the global keys. */
static int own_action(struct tui *t, struct screen *s, enum action a)
{
	switch (a) {
	case ACT_BACK:
		back_or_quit(t);
		return R_NONE;
	case ACT_CANCEL:
		tui_status(t, false, "q quits kith");
		return R_NONE;
	case ACT_HELP:
	case ACT_COMMAND:
	case ACT_QUIT:
	case ACT_REDRAW:
	case ACT_NEXT_SCREEN:
	case ACT_PREV_SCREEN:
		return common_action(t, s, a);
	default:
		return screen_of(a) >= 0 ? common_action(t, s, a) : R_UNHANDLED;
	}
}

void tui_key(struct tui *t, int key)
{
	struct screen *s = tui_screen(t);
	enum action a = keys_lookup(s->ops->keymap, key);
	if (a == ACT_NONE) {
		char name[24];
		tui_status(t, true, "%s does nothing here; ? shows the keys",
			   keys_name(key, name, sizeof name));
		return;
	}
	int r = s->ops->act ? s->ops->act(t, s, a) : R_UNHANDLED;
	if ((r & R_UNHANDLED) && !s->ops->def)
		r = own_action(t, s, a);
	else if (r & R_UNHANDLED)
		r = s->detail_focus ? detail_action(t, s, a) : list_action(t, s, a);
	if (r & R_UNHANDLED) {
		char name[24];
		tui_status(t, true, "%s does nothing here; ? shows the keys",
			   keys_name(key, name, sizeof name));
		return;
	}
	tui_react(t, r, NULL);
}
