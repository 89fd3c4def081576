/* Narrowing and ordering a list of records: a search as you type (/), whose matches the
 * cursor moves through while typing, the next order (s) and a filter (f) chosen among the
 * screen's named ones and the values of its filter field. */
#include "tui_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog.h"
#include "picker.h"
#include "record.h"

void tui_clear_narrowing(struct screen *s)
{
	s->search[0] = '\0';
	s->list.q.search = NULL;
	s->filter_label[0] = '\0';
	s->list.q.nfilter = 0;
}

/* ---- search ---- */

static void search_changed(struct tui *t, struct dialog *d)
{
	struct screen *s = tui_screen(t);
	snprintf(s->search, sizeof s->search, "%s", d->line.text);
	s->list.q.search = s->search[0] ? s->search : NULL;
	tui_react(t, R_RELOAD | R_FROM_TOP, NULL);
}

/* Back to the row the search started on, showing everything again. */
static void search_back(struct tui *t, struct screen *s)
{
	s->search[0] = '\0';
	s->list.q.search = NULL;
	s->detail_focus = s->search_from_detail && s->search_from[0];
	tui_react(t, s->search_from[0] ? R_RELOAD : R_RELOAD | R_FROM_TOP,
		  s->search_from[0] ? s->search_from : NULL);
}

/* Enter opens the match the cursor is on; Esc, or Enter on nothing typed, goes back. */
static void search_done(struct tui *t, struct modal *m, bool ok)
{
	struct screen *s = tui_screen(t);
	(void)m;
	if (!ok || !s->search[0]) {
		search_back(t, s);
		return;
	}
	if (!listview_current(&s->list)) {
		tui_status(t, false, "No %s match \"%s\"; Esc shows all again", s->ops->def->plural,
			   s->search);
		return;
	}
	s->detail_focus = true;
	tui_react(t, R_DETAIL, NULL);
	tui_status(t, false, "%s%lld %s match \"%s\"; q goes back to them, Esc then shows all",
		   s->count >= tui_count_cap(s) ? "over " : "", s->count,
		   s->count == 1 ? s->ops->def->name : s->ops->def->plural, s->search);
}

/* Down, Up, PgDn and PgUp while typing: the cursor moves through the matches. */
static void search_moved(struct tui *t, struct dialog *d, enum action a)
{
	struct screen *s = tui_screen(t);
	int rows = tui_list_rows(t);
	int delta = a == ACT_DOWN ? 1 : a == ACT_UP ? -1 : a == ACT_PAGE_DOWN ? rows : -rows;
	struct kerr err;
	(void)d;
	if (listview_move(&s->list, t->st, delta, rows, &err) != K_OK)
		tui_status(t, true, "%s", err.msg);
	tui_react(t, R_DETAIL, NULL);
}

static void start_search(struct tui *t, struct screen *s)
{
	const struct record *cur = listview_current(&s->list);
	snprintf(s->search_from, sizeof s->search_from, "%s", cur ? cur->id : "");
	s->search_from_detail = s->detail_focus;
	s->detail_focus = false;
	/* a new search starts empty (Enter on nothing shows everything again) */
	struct dialog *d = dialog_prompt("/", "");
	d->changed = search_changed;
	d->moved = search_moved;
	d->m.done = search_done;
	tui_push(t, &d->m);
}

/* ---- order ---- */

static void next_sort(struct tui *t, struct screen *s)
{
	s->list.q.sort = (s->list.q.sort + 1) % s->ops->def->nsorts;
	tui_react(t, R_RELOAD, NULL);
	tui_status(t, false, "%s %s", s->ops->title, s->ops->def->sorts[s->list.q.sort].label);
}

/* ---- filter ---- */

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
		/* the query keeps a filter's value ("gift=Cooking") where it was given */
		snprintf(s->filter_value, sizeof s->filter_value, "%s", p->value + 6);
		page_query_named(&s->list.q, s->filter_value, &err);
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
	if (!s->values &&
	    entity_distinct(t->st, s->ops->def, s->ops->filter_field, &s->values, &err) != K_OK)
		tui_status(t, true, "%s", err.msg);
	for (char **v = s->values; v && *v; v++) {
		snprintf(value, sizeof value, "value:%s", *v);
		picker_add(p, *v, value, NULL);
	}
}

/* A filter that takes a value (a gift) offers each value the reader's records have. */
static void add_valued(struct tui *t, struct screen *s, int f, struct picker *p)
{
	const struct filter_def *fd = &s->ops->def->filters[f];
	char **values = NULL, label[200], value[200];
	struct kerr err;
	if (entity_filter_values(t->st, s->ops->def, f, &values, &err) != K_OK) {
		tui_status(t, true, "%s", err.msg);
		return;
	}
	for (char **v = values; v && *v; v++) {
		snprintf(label, sizeof label, "%s: %s", fd->label, *v);
		snprintf(value, sizeof value, "named:%s=%s", fd->name, *v);
		picker_add(p, label, value, NULL);
	}
	entity_values_free(values);
}

static void start_filter(struct tui *t, struct screen *s)
{
	char title[80], all[80], value[80];
	snprintf(title, sizeof title, "Show which %s?", s->ops->def->plural);
	struct picker *p = picker_new(title);
	snprintf(all, sizeof all, "all %s", s->ops->def->plural);
	picker_add(p, all, "all", NULL);
	for (int i = 0; i < s->ops->def->nfilters; i++) {
		if (s->ops->def->filters[i].values) {
			add_valued(t, s, i, p);
			continue;
		}
		snprintf(value, sizeof value, "named:%s", s->ops->def->filters[i].name);
		picker_add(p, s->ops->def->filters[i].label, value, NULL);
	}
	if (s->ops->filter_field >= 0)
		add_values(t, s, p);
	picker_refresh(t, p);
	p->m.done = filter_chosen;
	tui_push(t, &p->m);
}

/* Each shows the list, which it changes, rather than the detail. */
int tui_narrow_act(struct tui *t, struct screen *s, enum action a)
{
	switch (a) {
	case ACT_SEARCH:
		start_search(t, s);
		return R_NONE;
	case ACT_SORT:
		s->detail_focus = false;
		next_sort(t, s);
		return R_NONE;
	case ACT_FILTER:
		s->detail_focus = false;
		start_filter(t, s);
		return R_NONE;
	default:
		return R_UNHANDLED;
	}
}
