/* The partnership entity and its partners: assets (groups, institutions, spaces, ...) joined
 * in a partnership with a purpose, since a date, forming, active or ended. */
#include "partnership.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asset.h"
#include "auth.h"
#include "entity_impl.h"
#include "link.h"
#include "record.h"
#include "store.h"
#include "strbuf.h"
#include "xalloc.h"

static const char *const partnership_statuses[] = {"forming", "active", "ended", NULL};

/* clang-format off */
static const struct field_def fields[PARTNERSHIP_NFIELDS] = {
	[PARTNERSHIP_NAME] = {"name", "Name", FIELD_TEXT, FIELD_REQUIRED | FIELD_LISTED, 200, 0,
			      NULL, 0, NULL, 30, NULL},
	[PARTNERSHIP_PURPOSE] = {"purpose", "Purpose", FIELD_TEXT, FIELD_LISTED, 300, 0, NULL, 0,
				 NULL, 30, "what the partners do together"},
	[PARTNERSHIP_SINCE] = {"since", "Since", FIELD_DATE, FIELD_REQUIRED | FIELD_LISTED, 0, 0,
			       NULL, 0, "today", 10, "when it was established"},
	[PARTNERSHIP_STATUS] = {"status", "Status", FIELD_CHOICE, FIELD_LISTED, 0, 0,
				partnership_statuses, 0, "active", 8,
				"forming, active or ended"},
	[PARTNERSHIP_ENDED] = {"ended", "Ended", FIELD_DATE, 0, 0, 0, NULL, 0, NULL, 10,
			       "when it ended (sets the status to ended)"},
	[PARTNERSHIP_NOTES] = {"notes", "Notes", FIELD_NOTE, 0, 10000, 0, NULL, 0, NULL, 30, NULL},
};
/* clang-format on */

static const struct sort_def sorts[] = {
	{"since", "newest first", {"t.since", "t.id", NULL}, true},
	{"name", "by name", {"t.name COLLATE NOCASE", "t.id", NULL}, false},
};

static const struct filter_def filters[] = {
	{"active", "active now", "t.status = 'active'", NULL},
	{"ended", "ended", "t.status = 'ended'", NULL},
};

/* An end date ends it; an ended one has the day it ended (today when none is given). */
static int check(struct store *st, const struct record *old, struct record *rec, struct kerr *err)
{
	(void)st, (void)old;
	const char *ended = record_get(rec, PARTNERSHIP_ENDED);
	if (*ended)
		record_set(rec, PARTNERSHIP_STATUS, "ended");
	if (strcmp(record_get(rec, PARTNERSHIP_STATUS), "ended") == 0 && !*ended) {
		char today[DATE_LEN];
		date_today(today);
		record_set(rec, PARTNERSHIP_ENDED, today);
		ended = record_get(rec, PARTNERSHIP_ENDED);
	}
	if (*ended && strcmp(ended, record_get(rec, PARTNERSHIP_SINCE)) < 0)
		return kerr_set(err, K_INVALID, "ended", "ended: %s comes before since (%s)", ended,
				record_get(rec, PARTNERSHIP_SINCE));
	return K_OK;
}

const struct entity_def partnership_entity = {
	.kind = ENTITY_PARTNERSHIP,
	.name = "partnership",
	.plural = "partnerships",
	.table = "partnership",
	.fields = fields,
	.nfields = PARTNERSHIP_NFIELDS,
	.sorts = sorts,
	.nsorts = sizeof sorts / sizeof *sorts,
	.filters = filters,
	.nfilters = sizeof filters / sizeof *filters,
	.display = "@.name",
	.search = "t.name LIKE :like ESCAPE '\\' OR t.purpose LIKE :like ESCAPE '\\'",
	.scope_field = -1,
	.check = check,
	.writes = AUTH_PROGRAMME,
};

static const struct link_def partner = {
	"partner", "partnership_id", "asset_id", {NULL, NULL}, "a partner in that partnership"};

static int write_partner(struct store *st, const char *partnership, const char *asset, bool joining,
			 struct kerr *err)
{
	char pid[ID_LEN], aid[ID_LEN];
	int status = store_begin(st, err);
	if (status != K_OK)
		return status;
	status = auth_require(st, AUTH_PROGRAMME, err);
	if (status == K_OK)
		status = entity_resolve(st, &partnership_entity, partnership, pid, err);
	if (status == K_OK)
		status = entity_resolve(st, &asset_entity, asset, aid, err);
	if (status == K_OK)
		status = joining ? link_add(st, &partner, pid, aid, NULL, err)
				 : link_remove(st, &partner, pid, aid, err);
	return store_finish(st, status, err);
}

int partnership_join(struct store *st, const char *partnership, const char *asset, struct kerr *err)
{
	return write_partner(st, partnership, asset, true, err);
}

int partnership_leave(struct store *st, const char *partnership, const char *asset,
		      struct kerr *err)
{
	return write_partner(st, partnership, asset, false, err);
}

static int read_partners(struct store *st, sqlite3_stmt *stmt, struct partner_list *out,
			 struct kerr *err)
{
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		out->item = xgrow(out->item, (size_t)out->n, &cap, sizeof *out->item);
		struct partner *p = &out->item[out->n++];
		snprintf(p->asset_id, sizeof p->asset_id, "%s", sqlite3_column_text(stmt, 0));
		p->name = xstrdup((const char *)sqlite3_column_text(stmt, 1));
		p->category = xstrdup((const char *)sqlite3_column_text(stmt, 2));
	}
	return rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
}

int partnership_partners(struct store *st, const char *partnership_id, struct partner_list *out,
			 struct kerr *err)
{
	memset(out, 0, sizeof *out);
	int status = auth_require(st, AUTH_RECORDS, err);
	if (status != K_OK)
		return status;
	struct strbuf sql = STRBUF_INIT;
	strbuf_puts(&sql, "SELECT a.id, a.name, a.category FROM partner p JOIN asset a ON "
			  "a.id = p.asset_id WHERE p.partnership_id = ?1 AND p.deleted_at IS NULL "
			  "AND a.deleted_at IS NULL");
	entity_visible(st, &asset_entity, "a", &sql);
	strbuf_puts(&sql, " ORDER BY a.name COLLATE NOCASE, a.id");
	sqlite3_stmt *stmt = NULL;
	status = store_prepare(st, strbuf_str(&sql), &stmt, err);
	strbuf_free(&sql);
	if (status == K_OK) {
		sqlite3_bind_text(stmt, 1, partnership_id, -1, SQLITE_STATIC);
		status = read_partners(st, stmt, out, err);
	}
	sqlite3_finalize(stmt);
	if (status != K_OK)
		partnership_partners_free(out);
	return status;
}

void partnership_partners_free(struct partner_list *l)
{
	for (int i = 0; i < l->n; i++) {
		free(l->item[i].name);
		free(l->item[i].category);
	}
	free(l->item);
	memset(l, 0, sizeof *l);
}
