/* Reactions: what the actions of a key ask to be brought up to date (the list's rows, the
 * detail, the whole terminal), gathered while the key is handled and done once after it,
 * before the screen is drawn. This is the only place a screen's list is loaded again. */
#include "tui_impl.h"

#include <stdio.h>
#include <string.h>

#include "draw.h"
#include "record.h"

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

void tui_load_detail(struct tui *t, struct screen *s)
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
long long tui_count_cap(const struct screen *s)
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
		status = page_count(t->st, &s->list.q, tui_count_cap(s), &s->count, &err);
	if (status != K_OK)
		tui_status(t, true, "%s", err.msg);
	listview_scroll(&s->list, tui_list_rows(t));
	s->loaded = true;
	if (s->detail_focus || tui_wide(t))
		tui_load_detail(t, s);
	if (s->detail_focus && !s->detail.rec)
		s->detail_focus = false;
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
		tui_clear_narrowing(s);
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
		tui_load_detail(t, s);
	}
}
