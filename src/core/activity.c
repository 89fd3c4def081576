/* The activity entity and attendance. */
#include "activity.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "kerr.h"
#include "entity_impl.h"
#include "link.h"
#include "person.h"
#include "record.h"
#include "store.h"
#include "strbuf.h"
#include "xalloc.h"

/* The kinds of activity the programmes run (the Croydon and Stoke specifications' words). */
/* clang-format off */
const char *const activity_kinds[] = {"walkabout", "listening_event", "connecting_event",
				      "community_cafe", "community_map", "workshop",
				      "participatory_appraisal", "drop_in", "multi_agency_meeting",
				      "social_activity", "other", NULL};
/* clang-format on */
const char *const activity_roles[] = {"attendee", "volunteer", "organiser", NULL};

/* clang-format off */
static const struct field_def fields[ACTIVITY_NFIELDS] = {
	[ACTIVITY_NAME] = {"name", "Name", FIELD_TEXT, FIELD_REQUIRED | FIELD_LISTED, 200, 0, NULL,
			   0, NULL, 28, NULL},
	[ACTIVITY_KIND] = {"kind", "Kind", FIELD_CHOICE, FIELD_LISTED, 0, 0, activity_kinds, 0,
			   "other", 16, "walkabout, listening event, drop-in, community café, ..."},
	[ACTIVITY_DATE] = {"date", "Date", FIELD_DATE, FIELD_REQUIRED | FIELD_LISTED, 0, 0, NULL, 0,
			   "today", 10, NULL},
	[ACTIVITY_VENUE] = {"venue", "Venue", FIELD_TEXT, FIELD_LISTED, 200, 0, NULL, 0, NULL, 20,
			    "where it was, when no asset hosts it: a park, a street"},
	[ACTIVITY_HOST] = {"host_asset_id", "Host", FIELD_REF, FIELD_LISTED, 0, 0, NULL,
			   ENTITY_ASSET, NULL, 20, "the asset that hosts it"},
	[ACTIVITY_WORKER] = {"worker_id", "Worker", FIELD_REF, FIELD_LISTED, 0, 0, NULL,
			     ENTITY_WORKER, NULL, 14,
			     "the worker responsible: whoever records it, unless a coordinator "
			     "says another"},
	[ACTIVITY_UNNAMED] = {"unnamed", "Not named", FIELD_INT, FIELD_REQUIRED | FIELD_LISTED, 100000,
			      0, NULL, 0, "0", 5, "how many came who are not recorded by name"},
	[ACTIVITY_NEW] = {"new_activity", "New social activity", FIELD_BOOL, FIELD_LISTED, 0, 0,
			  NULL, 0, "no", 3, "a new social activity set up: yes or no"},
	[ACTIVITY_NOTES] = {"notes", "Notes", FIELD_NOTE, 0, 10000, 0, NULL, 0, NULL, 30, NULL},
};
/* clang-format on */

/* clang-format off */
static const struct sort_def sorts[] = {
	{"date", "newest first", {"t.date", "t.id", NULL}, true},
	{"oldest", "oldest first", {"t.date", "t.id", NULL}, false},
	{"name", "by name", {"t.name COLLATE NOCASE", "t.id", NULL}, false},
	{"recent", "recently changed first", {"t.updated_at", "t.id", NULL}, true},
};
/* clang-format on */

/* A period is a month or a year (the values the reader's activities have), or this month. */
/* clang-format off */
static const struct filter_def filters[] = {
	{"upcoming", "today and later", "t.date >= :today", NULL},
	{"past", "before today", "t.date < :today", NULL},
	{"new", "new social activities set up", "t.new_activity = 1", NULL},
	{"this_month", "this month", "t.date >= date(:today, 'start of month') AND "
	 "t.date < date(:today, 'start of month', '+1 month')", NULL},
	{"year", "in the year",
	 "t.date >= :value || '-01-01' AND t.date <= :value || '-12-31'",
	 "SELECT DISTINCT substr(t.date, 1, 4) FROM activity t WHERE t.deleted_at IS NULL%s "
	 "ORDER BY 1 DESC"},
	{"month", "in the month",
	 "t.date >= :value || '-01' AND t.date <= :value || '-31'",
	 "SELECT DISTINCT substr(t.date, 1, 7) FROM activity t WHERE t.deleted_at IS NULL%s "
	 "ORDER BY 1 DESC"},
};
/* clang-format on */

/* The worker responsible is whoever records it; naming another, or changing who it is, is a
 * coordinator's (the outputs counted for each worker come from it). */
static int check(struct store *st, const struct record *old, struct record *rec, struct kerr *err)
{
	const char *actor = store_actor(st) ? store_actor(st) : "";
	const char *now = record_get(rec, ACTIVITY_WORKER);
	if (!old && !*now && *actor)
		record_set(rec, ACTIVITY_WORKER, actor);
	now = record_get(rec, ACTIVITY_WORKER);
	bool other = old ? strcmp(now, record_get(old, ACTIVITY_WORKER)) != 0
			 : *now && strcmp(now, actor) != 0;
	if (other && *actor && !auth_allows(st, AUTH_CORRECT))
		return kerr_set(err, K_REFUSED, "worker_id",
				"worker: only a coordinator names another worker responsible");
	return K_OK;
}

/* clang-format off */
const struct entity_def activity_entity = {
	.kind = ENTITY_ACTIVITY,
	.name = "activity",
	.plural = "activities",
	.table = "activity",
	.fields = fields,
	.nfields = ACTIVITY_NFIELDS,
	.sorts = sorts,
	.nsorts = sizeof sorts / sizeof *sorts,
	.filters = filters,
	.nfilters = sizeof filters / sizeof *filters,
	.display = "@.name",
	.check = check,
	/* by its host's name, as the reader may see it: not a restricted person's gift */
	.search = "t.name LIKE :like ESCAPE '\\' OR t.venue LIKE :like ESCAPE '\\' OR "
		  "t.host_asset_id IN (SELECT a.id FROM asset a "
		  "WHERE a.fts_rowid IN (SELECT rowid FROM asset_fts WHERE asset_fts MATCH :q) AND "
		  "(a.person_id IS NULL OR coalesce((SELECT r.restricted FROM person r WHERE r.id = "
		  "a.person_id), 0) = 0 OR kith_sees(a.person_id)))",
	.scope_field = -1,
};
/* clang-format on */

int activity_role_check(const char *role, struct kerr *err)
{
	for (const char *const *r = activity_roles; *r; r++)
		if (strcmp(*r, role) == 0)
			return K_OK;
	return kerr_set(err, K_INVALID, "role",
			"role: '%.20s' is not attendee, volunteer or organiser", role);
}

static const struct link_def attendance = {
	"attendance", "activity_id", "person_id", {"role", NULL}, "recorded as coming"};

/* The activity and person someone typed, a valid role, and the right to touch the person. */
static int resolve_pair(struct store *st, const char *activity_id, const char *person_id,
			const char *role, char act[ID_LEN], char person[ID_LEN], struct kerr *err)
{
	int status = entity_resolve(st, &activity_entity, activity_id, act, err);
	if (status == K_OK)
		status = entity_resolve(st, &person_entity, person_id, person, err);
	if (status == K_OK && role)
		status = activity_role_check(role, err);
	if (status == K_OK)
		status = auth_require(st, AUTH_RECORDS, err);
	if (status == K_OK)
		status = entity_may_touch_person(st, person, err);
	return status;
}

int activity_attend(struct store *st, const char *activity_id, const char *person_id,
		    const char *role, struct kerr *err)
{
	char act[ID_LEN], person[ID_LEN];
	const char *extra[LINK_EXTRA] = {role && *role ? role : "attendee", NULL};
	int status = store_begin(st, err);
	if (status != K_OK)
		return status; /* nothing begun: nothing to finish */
	status = resolve_pair(st, activity_id, person_id, extra[0], act, person, err);
	if (status == K_OK)
		status = link_add(st, &attendance, act, person, extra, err);
	if (status == K_DUPLICATE && role && *role) /* there already: in the role given now */
		status = link_set(st, &attendance, act, person, 0, role, err);
	return store_finish(st, status, err);
}

int activity_set_role(struct store *st, const char *activity_id, const char *person_id,
		      const char *role, struct kerr *err)
{
	char act[ID_LEN], person[ID_LEN];
	int status = store_begin(st, err);
	if (status != K_OK)
		return status;
	status = resolve_pair(st, activity_id, person_id, role ? role : "", act, person, err);
	if (status == K_OK)
		status = link_set(st, &attendance, act, person, 0, role, err);
	return store_finish(st, status, err);
}

int activity_unattend(struct store *st, const char *activity_id, const char *person_id,
		      struct kerr *err)
{
	char act[ID_LEN], person[ID_LEN];
	int status = entity_resolve(st, &activity_entity, activity_id, act, err);
	if (status == K_OK)
		status = entity_resolve(st, &person_entity, person_id, person, err);
	if (status == K_OK)
		status = link_remove(st, &attendance, act, person, err);
	return status;
}

int activity_attendance(struct store *st, const char *activity_id, long long *out, struct kerr *err)
{
	*out = 0;
	int status = auth_require(st, AUTH_RECORDS, err);
	if (status != K_OK)
		return status;
	/* asked for every row a list draws: prepared once (per reader, whose rows differ) */
	struct strbuf sql = STRBUF_INIT;
	strbuf_puts(&sql,
		    "SELECT count(*) FROM attendance a JOIN person p ON p.id = a.person_id "
		    "WHERE a.activity_id = ? AND a.deleted_at IS NULL AND p.deleted_at IS NULL");
	entity_visible(st, &person_entity, "p", &sql);
	sqlite3_stmt *stmt = NULL;
	status = store_cached(st, strbuf_str(&sql), &stmt, err);
	strbuf_free(&sql);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, activity_id, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(stmt);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	status = rc == SQLITE_ROW ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	return status;
}

/* ---- who came, and where someone went ---- */

static int read_attendees(struct store *st, sqlite3_stmt *stmt, struct attendee_list *out,
			  struct kerr *err)
{
	int rc;
	size_t cap = 0;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		out->item = xgrow(out->item, (size_t)out->n, &cap, sizeof *out->item);
		struct attendee *a = &out->item[out->n++];
		snprintf(a->activity_id, sizeof a->activity_id, "%s", sqlite3_column_text(stmt, 0));
		snprintf(a->person_id, sizeof a->person_id, "%s", sqlite3_column_text(stmt, 1));
		for (int c = 0; c < 4; c++) {
			const unsigned char *v = sqlite3_column_text(stmt, 2 + c);
			char **to[] = {&a->name, &a->role, &a->date, &a->kind};
			*to[c] = xstrdup(v ? (const char *)v : "");
		}
		out->total = sqlite3_column_int64(stmt, 6);
	}
	return rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
}

static int run_attendees(struct store *st, const char *sql, const char *id, int limit,
			 struct attendee_list *out, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st, sql, &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 2, limit);
	status = read_attendees(st, stmt, out, err);
	sqlite3_finalize(stmt);
	if (status != K_OK)
		activity_attendees_free(out);
	return status;
}

int activity_attendees(struct store *st, const char *activity_id, int limit,
		       struct attendee_list *out, struct kerr *err)
{
	memset(out, 0, sizeof *out);
	int status = auth_require(st, AUTH_RECORDS, err);
	if (status != K_OK)
		return status;
	char *display = entity_sql_alias(person_entity.display, "p");
	struct strbuf sql = STRBUF_INIT;
	strbuf_printf(&sql,
		      "SELECT a.activity_id, a.person_id, %s, a.role, '', '', count(*) OVER () "
		      "FROM attendance a JOIN person p ON p.id = a.person_id "
		      "WHERE a.activity_id = ?1 AND a.deleted_at IS NULL AND p.deleted_at IS NULL",
		      display);
	entity_visible(st, &person_entity, "p", &sql);
	/* those who ran it first, then by family name as the lists of people are */
	strbuf_puts(&sql, " ORDER BY CASE a.role WHEN 'organiser' THEN 0 WHEN 'volunteer' THEN 1 "
			  "ELSE 2 END, p.family_name = '', p.family_name COLLATE NOCASE, "
			  "p.given_name COLLATE NOCASE, p.id LIMIT ?2");
	status = run_attendees(st, strbuf_str(&sql), activity_id, limit, out, err);
	strbuf_free(&sql);
	free(display);
	return status;
}

int activity_attended(struct store *st, const char *person_id, int limit, struct attendee_list *out,
		      struct kerr *err)
{
	memset(out, 0, sizeof *out);
	int status = auth_require(st, AUTH_RECORDS, err);
	if (status == K_OK)
		status = entity_may_touch_person(st, person_id, err);
	if (status != K_OK)
		return status;
	return run_attendees(st,
			     "SELECT a.activity_id, a.person_id, t.name, a.role, t.date, t.kind, "
			     "count(*) OVER () FROM attendance a JOIN activity t ON t.id = "
			     "a.activity_id WHERE a.person_id = ?1 AND a.deleted_at IS NULL AND "
			     "t.deleted_at IS NULL ORDER BY t.date DESC, t.id LIMIT ?2",
			     person_id, limit, out, err);
}

void activity_attendees_free(struct attendee_list *list)
{
	for (int i = 0; i < list->n; i++) {
		free(list->item[i].name);
		free(list->item[i].role);
		free(list->item[i].date);
		free(list->item[i].kind);
	}
	free(list->item);
	memset(list, 0, sizeof *list);
}

int activity_add_unnamed(struct store *st, const char *id, int delta, struct entity_change *undo,
			 struct kerr *err)
{
	struct record *rec = NULL, *before = NULL;
	int status = store_begin(st, err);
	if (status != K_OK)
		return status;
	status = entity_load(st, &activity_entity, id, &rec, err);
	if (status == K_OK) {
		long long n = strtoll(record_get(rec, ACTIVITY_UNNAMED), NULL, 10) + delta;
		if (n < 0)
			status = kerr_set(err, K_INVALID, "unnamed",
					  "not named: there is no one to take off");
		char text[24];
		snprintf(text, sizeof text, "%lld", n);
		before = record_copy(rec);
		record_set(rec, ACTIVITY_UNNAMED, text);
	}
	if (status == K_OK)
		status = entity_update(st, rec, err);
	status = store_finish(st, status, err);
	if (status == K_OK && undo)
		entity_change_set(undo, before, rec);
	record_free(before);
	record_free(rec);
	return status;
}
