/* The activity entity and attendance. */
#include "activity.h"

#include <sqlite3.h>
#include <string.h>

#include "auth.h"
#include "entity_impl.h"
#include "link.h"
#include "person.h"
#include "record.h"
#include "store.h"
#include "strbuf.h"

/* clang-format off */
static const char *const kinds[] = {"walkabout", "listening_event", "connecting_event",
				    "community_cafe", "multi_agency_meeting", "other", NULL};
/* clang-format on */
static const char *const roles[] = {"attendee", "volunteer", "organiser", NULL};

static const struct field_def fields[ACTIVITY_NFIELDS] = {
	[ACTIVITY_NAME] = {"name", "Name", FIELD_TEXT, FIELD_REQUIRED | FIELD_LISTED, 200, 0, NULL,
			   0, NULL, 28, NULL},
	[ACTIVITY_KIND] = {"kind", "Kind", FIELD_CHOICE, FIELD_LISTED, 0, 0, kinds, 0, "other", 16,
			   NULL},
	[ACTIVITY_HOST] = {"host_asset_id", "Host", FIELD_REF, FIELD_LISTED, 0, 0, NULL,
			   ENTITY_ASSET, NULL, 20, "the asset that hosts it"},
	[ACTIVITY_DATE] = {"date", "Date", FIELD_DATE, FIELD_REQUIRED | FIELD_LISTED, 0, 0, NULL, 0,
			   "today", 10, NULL},
	[ACTIVITY_UNNAMED] = {"unnamed", "Others", FIELD_INT, FIELD_REQUIRED | FIELD_LISTED, 100000,
			      0, NULL, 0, "0", 5, "how many came who are not recorded by name"},
	[ACTIVITY_NOTES] = {"notes", "Notes", FIELD_NOTE, 0, 10000, 0, NULL, 0, NULL, 30, NULL},
};

static const struct sort_def sorts[] = {
	{"date", "newest first", {"t.date", "t.id", NULL}, true},
	{"name", "by name", {"t.name COLLATE NOCASE", "t.id", NULL}, false},
	{"recent", "recently changed first", {"t.updated_at", "t.id", NULL}, true},
};

static const struct filter_def filters[] = {
	{"upcoming", "today and later", "t.date >= :today", NULL},
};

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
	/* by its host's name, as the reader may see it: not a restricted person's gift */
	.search = "t.name LIKE :like ESCAPE '\\' OR t.host_asset_id IN (SELECT a.id FROM asset a "
		  "WHERE a.fts_rowid IN (SELECT rowid FROM asset_fts WHERE asset_fts MATCH :q) AND "
		  "(a.person_id IS NULL OR coalesce((SELECT r.restricted FROM person r WHERE r.id = "
		  "a.person_id), 0) = 0 OR kith_sees(a.person_id)))",
	.scope_field = -1,
};
/* clang-format on */

static int valid_role(const char *role, struct kerr *err)
{
	for (const char *const *r = roles; *r; r++)
		if (strcmp(*r, role) == 0)
			return K_OK;
	return kerr_set(err, K_INVALID, "role",
			"role: '%.20s' is not attendee, volunteer or organiser", role);
}

static const struct link_def attendance = {
	"attendance", "activity_id", "person_id", {"role", NULL}, "recorded as coming"};

int activity_attend(struct store *st, const char *activity_id, const char *person_id,
		    const char *role, struct kerr *err)
{
	char act[ID_LEN], person[ID_LEN];
	const char *extra[LINK_EXTRA] = {role && *role ? role : "attendee", NULL};
	int status = store_begin(st, err);
	if (status != K_OK)
		return status; /* nothing begun: nothing to finish */
	status = entity_resolve(st, &activity_entity, activity_id, act, err);
	if (status == K_OK)
		status = entity_resolve(st, entity_get(ENTITY_PERSON), person_id, person, err);
	if (status == K_OK)
		status = valid_role(extra[0], err);
	if (status == K_OK)
		status = link_add(st, &attendance, act, person, extra, err);
	return store_finish(st, status, err);
}

int activity_unattend(struct store *st, const char *activity_id, const char *person_id,
		      struct kerr *err)
{
	return link_remove(st, &attendance, activity_id, person_id, err);
}

int activity_attendance(struct store *st, const char *activity_id, long long *out, struct kerr *err)
{
	*out = 0;
	int status = auth_require(st, AUTH_RECORDS, err);
	if (status != K_OK)
		return status;
	struct strbuf sql = STRBUF_INIT;
	strbuf_puts(&sql,
		    "SELECT count(*) FROM attendance a JOIN person p ON p.id = a.person_id "
		    "WHERE a.activity_id = ? AND a.deleted_at IS NULL AND p.deleted_at IS NULL");
	entity_visible(st, &person_entity, "p", &sql);
	sqlite3_stmt *stmt = NULL;
	status = store_prepare(st, strbuf_str(&sql), &stmt, err);
	strbuf_free(&sql);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, activity_id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	status = rc == SQLITE_ROW ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}
