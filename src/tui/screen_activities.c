/* The Activities screen: walkabouts, listening and connecting events, community cafés and
 * maps, workshops, participatory appraisal, drop-ins, multi-agency meetings and social
 * activities; each with who came by name and role, and how many more came not named. w
 * records who came (attend.c), r and x correct it, + and - count those not named. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activity.h"
#include "attend.h"
#include "record.h"
#include "store.h"
#include "tui.h"
#include "xalloc.h"

#define CAME_SHOWN 300

enum { WHERE, CAME };

/* clang-format off */
static const struct column columns[] = {
	{ACTIVITY_DATE, "Date", 10}, {COLUMN_NAME, "Name", 0}, {ACTIVITY_KIND, "Kind", 12},
	{COLUMN_OWN(WHERE), "Where", 14}, {COLUMN_OWN(CAME), "Came", 6},
	{ACTIVITY_NEW, "New", 3},
};
/* clang-format on */

/* clang-format off */
static const int layout[] = {ACTIVITY_NAME,    ACTIVITY_KIND,  ACTIVITY_DATE,
			     ACTIVITY_VENUE,   ACTIVITY_HOST,  ACTIVITY_UNNAMED,
			     ACTIVITY_NEW,     ACTIVITY_WORKER, ACTIVITY_NOTES};
/* clang-format on */

/* Where: the host asset, else the venue typed. Came: by name, and + those not named. */
static const char *cell(struct tui *t, const struct record *rec, int k, char *buf, size_t n)
{
	if (k == WHERE)
		return *record_get(rec, ACTIVITY_HOST) ? record_label(rec, ACTIVITY_HOST)
						       : record_get(rec, ACTIVITY_VENUE);
	long long named = 0;
	struct kerr err;
	if (activity_attendance(tui_store(t), rec->id, &named, &err) != K_OK)
		return "?";
	const char *unnamed = record_get(rec, ACTIVITY_UNNAMED);
	if (strcmp(unnamed, "0") == 0 || !*unnamed)
		snprintf(buf, n, "%lld", named);
	else
		snprintf(buf, n, "%lld+%s", named, unnamed);
	return buf;
}

static void who_came(struct tui *t, const struct record *rec, struct detail *d)
{
	struct attendee_list list;
	struct kerr err;
	if (activity_attendees(tui_store(t), rec->id, CAME_SHOWN, &list, &err) != K_OK) {
		detail_heading(d, "Who came");
		detail_paragraph(d, err.msg, PAINT_ERROR);
		activity_attendees_free(&list);
		return;
	}
	long long unnamed = strtoll(record_get(rec, ACTIVITY_UNNAMED), NULL, 10);
	char line[300];
	snprintf(line, sizeof line, "Who came: %lld by name, %lld not named, %lld in all",
		 list.total, unnamed, list.total + unnamed);
	detail_heading(d, line);
	for (int i = 0; i < list.n; i++) {
		snprintf(line, sizeof line, "%s · %s", list.item[i].name, list.item[i].role);
		detail_link(d, line, ENTITY_PERSON, list.item[i].person_id);
	}
	if (list.total > list.n) {
		snprintf(line, sizeof line, "and %lld more", list.total - list.n);
		detail_paragraph(d, line, PAINT_DIM);
	}
	if (list.n == 0)
		detail_paragraph(d, "nobody recorded by name yet: w records who came", PAINT_DIM);
	detail_paragraph(d, "w who came · r their role · x did not come · + and - those not named",
			 PAINT_DIM);
	activity_attendees_free(&list);
}

static void activity_detail(struct tui *t, struct screen *s, const struct record *rec,
			    struct detail *d)
{
	(void)s;
	char line[300], date[16];
	char *kind = entity_choice_label(record_get(rec, ACTIVITY_KIND));
	snprintf(line, sizeof line, "%s on %s", kind,
		 tui_date(record_get(rec, ACTIVITY_DATE), date));
	*line = (char)(*line >= 'a' && *line <= 'z' ? *line - 'a' + 'A' : *line);
	detail_paragraph(d, line, PAINT_DIM);
	free(kind);
	if (strcmp(record_get(rec, ACTIVITY_NEW), "1") == 0)
		detail_paragraph(d, "A new social activity set up", PAINT_NORMAL);
	detail_heading(d, "Where and who ran it");
	if (*record_get(rec, ACTIVITY_HOST))
		detail_link_field(d, "Host", record_label(rec, ACTIVITY_HOST), ENTITY_ASSET,
				  record_get(rec, ACTIVITY_HOST));
	detail_field(d, "Venue", record_get(rec, ACTIVITY_VENUE));
	detail_field(d, "Worker", record_label(rec, ACTIVITY_WORKER));
	who_came(t, rec, d);
	if (*record_get(rec, ACTIVITY_NOTES)) {
		detail_heading(d, "Notes");
		detail_paragraph(d, record_get(rec, ACTIVITY_NOTES), PAINT_NORMAL);
	}
}

/* + and -: the count at the door, taken back with z. */
static void count_unnamed(struct tui *t, const struct record *rec, int delta)
{
	struct kerr err;
	struct entity_change change = {0};
	char id[ID_LEN];
	snprintf(id, sizeof id, "%s", rec->id); /* the reload replaces rec */
	long long was = strtoll(record_get(rec, ACTIVITY_UNNAMED), NULL, 10);
	char *name = xstrdup(record_display(rec));
	if (activity_add_unnamed(tui_store(t), id, delta, &change, &err) != K_OK) {
		tui_status(t, true, "%s", err.msg);
	} else {
		char back[200];
		snprintf(back, sizeof back, "%s: %lld not named again", name, was);
		tui_react(t, R_RELOAD, id);
		tui_undoable(t, &change, back, "%s: %lld came not named", name, was + delta);
	}
	entity_change_free(&change);
	free(name);
}

static void start_add(struct tui *t)
{
	struct record *rec = record_new(&activity_entity);
	record_set(rec, ACTIVITY_HOST, tui_venue(t));
	record_set(rec, ACTIVITY_WORKER, store_actor(tui_store(t)));
	tui_form(t, rec, true, layout, sizeof layout / sizeof *layout, "New activity");
}

static int activities_act(struct tui *t, struct screen *s, enum action a)
{
	const struct record *rec = listview_current(&s->list);
	const struct dline *line = detail_chosen(&s->detail);
	if (a == ACT_ADD) {
		start_add(t);
		return R_NONE;
	}
	if (a != ACT_ATTEND && a != ACT_ATTEND_ROLE && a != ACT_UNATTEND && a != ACT_MORE_UNNAMED &&
	    a != ACT_FEWER_UNNAMED)
		return R_UNHANDLED;
	if (!rec)
		return R_NONE;
	if ((a == ACT_ATTEND_ROLE || a == ACT_UNATTEND) &&
	    (!s->detail_focus || !line || line->kind != ENTITY_PERSON)) {
		tui_status(t, true,
			   "Open the activity (Enter), choose a person with j and k, then %s",
			   a == ACT_UNATTEND ? "x" : "r");
		return R_NONE;
	}
	if (a == ACT_ATTEND)
		attend_start(t, rec);
	else if (a == ACT_ATTEND_ROLE)
		attend_change_role(t, rec, line);
	else if (a == ACT_UNATTEND)
		attend_remove(t, rec, line);
	else
		count_unnamed(t, rec, a == ACT_MORE_UNNAMED ? 1 : -1);
	return R_NONE;
}

const struct screen_ops activities_screen = {
	.title = "Activities",
	.keymap = KEYMAP_ACTIVITIES,
	.def = &activity_entity,
	.columns = columns,
	.ncolumns = sizeof columns / sizeof *columns,
	.filter_field = ACTIVITY_KIND,
	.layout = layout,
	.nlayout = sizeof layout / sizeof *layout,
	.cell = cell,
	.detail = activity_detail,
	.act = activities_act,
};
