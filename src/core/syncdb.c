/* The laptop's side of syncing with a hub: which tables travel, the sync state, joining (every
 * row goes into the outbox) and the push batches made from the outbox, each saved with its id
 * before it leaves so that one whose acknowledgement was lost goes again as the same batch.
 * The capture triggers that fill the outbox are in schema.sql (tools/sync-triggers). */
#include "syncdb.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "id.h"
#include "jsonw.h"
#include "store.h"
#include "strbuf.h"
#include "syncdb_impl.h"
#include "xalloc.h"

/* clang-format off */
const struct syncdb_table SYNCDB_TABLES[] = {
	/* logins are this laptop's: who last logged in here, and a lockout after failures here */
	{"worker", {"id"}, {"trail_key", "key_vouch", "failed_logins", "locked_until", "last_login"}},
	{"person", {"id"}, {"fts_rowid", "tag_words"}},
	{"consent_event", {"id"}, {NULL}},
	{"asset", {"id"}, {"fts_rowid", "tag_words"}},
	{"membership", {"asset_id", "person_id"}, {NULL}},
	{"tag", {"id"}, {NULL}},
	{"person_tag", {"person_id", "tag_id"}, {NULL}},
	{"asset_tag", {"asset_id", "tag_id"}, {NULL}},
	{"referral", {"id"}, {NULL}},
	{"conversation", {"id"}, {NULL}},
	{"activity", {"id"}, {NULL}},
	{"attendance", {"activity_id", "person_id"}, {NULL}},
	{"wellbeing", {"id"}, {NULL}},
	{"target", {"id"}, {NULL}},
	{"funding", {"id"}, {NULL}},
	{"story", {"id"}, {NULL}},
	{"story_person", {"story_id", "person_id"}, {NULL}},
	{"story_asset", {"story_id", "asset_id"}, {NULL}},
	{"story_activity", {"story_id", "activity_id"}, {NULL}},
	{"story_outcome", {"story_id", "outcome"}, {NULL}},
	{"partnership", {"id"}, {NULL}},
	{"partner", {"partnership_id", "asset_id"}, {NULL}},
	{"readiness", {"id"}, {NULL}},
	{"readiness_answer", {"readiness_id", "question"}, {NULL}},
	{"erasure", {"person_id"}, {NULL}},
	{"setting", {"key"}, {NULL}},
};
const int SYNCDB_NTABLES = (int)(sizeof SYNCDB_TABLES / sizeof *SYNCDB_TABLES);

const char *const SYNCDB_LOCAL_SETTINGS[] = {
	"demo", "password_dummy", "password_mem", "password_ops", "venue", NULL,
};
/* clang-format on */

const struct syncdb_table *syncdb_find(const char *name)
{
	for (int i = 0; i < SYNCDB_NTABLES; i++)
		if (strcmp(SYNCDB_TABLES[i].name, name) == 0)
			return &SYNCDB_TABLES[i];
	return NULL;
}

bool syncdb_local_setting(const char *key)
{
	for (int i = 0; SYNCDB_LOCAL_SETTINGS[i]; i++)
		if (strcmp(SYNCDB_LOCAL_SETTINGS[i], key) == 0)
			return true;
	return false;
}

int syncdb_nkey(const struct syncdb_table *t)
{
	int n = 0;
	while (n < 3 && t->key[n])
		n++;
	return n;
}

static bool is_local(const struct syncdb_table *t, const char *col)
{
	for (int i = 0; i < SYNCDB_LOCAL_MAX && t->local[i]; i++)
		if (strcmp(t->local[i], col) == 0)
			return true;
	return false;
}

int syncdb_cols_load(struct store *st, const struct syncdb_table *t, struct syncdb_cols *out,
		     struct kerr *err)
{
	struct strbuf sql = STRBUF_INIT;
	sqlite3_stmt *stmt = NULL;
	size_t cap = 0;
	out->n = 0;
	out->name = NULL;
	strbuf_printf(&sql, "SELECT name FROM pragma_table_info('%s') ORDER BY cid", t->name);
	int status = store_prepare(st, strbuf_str(&sql), &stmt, err);
	strbuf_free(&sql);
	int rc = SQLITE_DONE;
	while (status == K_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(stmt, 0);
		if (is_local(t, name))
			continue;
		out->name = xgrow(out->name, (size_t)out->n, &cap, sizeof *out->name);
		out->name[out->n++] = xstrdup(name);
	}
	if (status == K_OK && rc != SQLITE_DONE)
		status = store_error(st, rc, err);
	sqlite3_finalize(stmt);
	if (status == K_OK && out->n == 0)
		status = kerr_set(err, K_DB, "", "the table %s is missing", t->name);
	return status;
}

void syncdb_cols_free(struct syncdb_cols *c)
{
	for (int i = 0; i < c->n; i++)
		free(c->name[i]);
	free(c->name);
	c->name = NULL;
	c->n = 0;
}

bool syncdb_cols_has(const struct syncdb_cols *c, const char *name)
{
	for (int i = 0; i < c->n; i++)
		if (strcmp(c->name[i], name) == 0)
			return true;
	return false;
}

void syncdb_key_sql(const struct syncdb_table *t, struct strbuf *sql)
{
	for (int i = 0; i < syncdb_nkey(t); i++)
		strbuf_printf(sql, "%s%s", i ? " || '|' || " : "", t->key[i]);
}

void syncdb_where_key(const struct syncdb_table *t, struct strbuf *sql)
{
	for (int i = 0; i < syncdb_nkey(t); i++)
		strbuf_printf(sql, "%s%s = ?%d", i ? " AND " : " WHERE ", t->key[i], i + 1);
}

bool syncdb_bind_key(sqlite3_stmt *stmt, const struct syncdb_table *t, const char *key)
{
	int n = syncdb_nkey(t);
	const char *p = key;
	for (int i = 0; i < n; i++) {
		/* a single key is the whole text (a setting's key may hold a '|') */
		const char *bar = i + 1 < n ? strchr(p, '|') : NULL;
		if (i + 1 < n && !bar)
			return false;
		int len = bar ? (int)(bar - p) : (int)strlen(p);
		sqlite3_bind_text(stmt, i + 1, p, len, SQLITE_TRANSIENT);
		p = bar ? bar + 1 : p + len;
	}
	return true;
}

void syncdb_json_sql(const struct syncdb_cols *c, struct strbuf *sql)
{
	strbuf_puts(sql, "json_object(");
	for (int i = 0; i < c->n; i++)
		strbuf_printf(sql, "%s'%s', %s", i ? ", " : "", c->name[i], c->name[i]);
	strbuf_puts(sql, ")");
}

/* ---- the state ---- */

static void copy_col(sqlite3_stmt *stmt, int col, char *out, size_t n)
{
	const char *s = (const char *)sqlite3_column_text(stmt, col);
	snprintf(out, n, "%s", s ? s : "");
}

int syncdb_state(struct store *st, struct syncdb_state *out, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	memset(out, 0, sizeof *out);
	int status = store_cached(st,
				  "SELECT laptop, joined, cursor, last_sync, last_error, "
				  "(SELECT count(*) FROM sync_outbox) FROM sync_state WHERE id = 1",
				  &stmt, err);
	if (status != K_OK)
		return status;
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		copy_col(stmt, 0, out->laptop, sizeof out->laptop);
		out->joined = sqlite3_column_int(stmt, 1) == 1;
		out->cursor = sqlite3_column_int64(stmt, 2);
		copy_col(stmt, 3, out->last_sync, sizeof out->last_sync);
		copy_col(stmt, 4, out->last_error, sizeof out->last_error);
		out->pending = sqlite3_column_int64(stmt, 5);
	} else {
		status = rc == SQLITE_DONE
				 ? kerr_set(err, K_CORRUPT, "", "the sync state is missing")
				 : store_error(st, rc, err);
	}
	sqlite3_reset(stmt);
	return status;
}

/* Every row of table t into the outbox, as inserts (the settings of this machine stay). */
static int enqueue_all(struct store *st, const struct syncdb_table *t, struct kerr *err)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_printf(&sql, "INSERT INTO sync_outbox (tbl, key) SELECT '%s', ", t->name);
	syncdb_key_sql(t, &sql);
	strbuf_printf(&sql, " FROM %s", t->name);
	if (strcmp(t->name, "setting") == 0) {
		strbuf_puts(&sql, " WHERE key NOT IN (");
		for (int i = 0; SYNCDB_LOCAL_SETTINGS[i]; i++)
			strbuf_printf(&sql, "%s'%s'", i ? ", " : "", SYNCDB_LOCAL_SETTINGS[i]);
		strbuf_puts(&sql, ")");
	}
	int status = store_exec(st, strbuf_str(&sql), err);
	strbuf_free(&sql);
	return status;
}

int syncdb_join(struct store *st, const char *laptop, struct kerr *err)
{
	struct syncdb_state s;
	int status = store_begin(st, err);
	if (status == K_OK)
		status = syncdb_state(st, &s, err);
	bool again = status == K_OK && s.joined;
	const char *v[] = {laptop};
	if (status == K_OK)
		status = store_run(st, "UPDATE sync_state SET laptop = ?1, joined = 1 WHERE id = 1",
				   v, 1, err);
	/* what this laptop holds goes up at its first sync (once: joining again, under a new
	 * name, changes only the name) */
	for (int i = 0; status == K_OK && !again && i < SYNCDB_NTABLES; i++)
		status = enqueue_all(st, &SYNCDB_TABLES[i], err);
	return store_finish(st, status, err);
}

int syncdb_finish(struct store *st, const char *error, struct kerr *err)
{
	char now[STAMP_LEN];
	date_stamp(now);
	const char *v[] = {now, error};
	int status = store_begin(st, err);
	if (status == K_OK)
		status = store_run(
			st,
			error ? "UPDATE sync_state SET last_error = ?2 WHERE id = 1"
			      : "UPDATE sync_state SET last_sync = ?1, last_error = NULL "
				"WHERE id = 1",
			v, 2, err);
	return store_finish(st, status, err);
}
