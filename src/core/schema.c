/* Creating and migrating the schema. schema.sql always describes the newest version; each
 * step here turns version v into v + 1, and a test checks that migrating a file from every
 * older version ends at exactly what schema.sql makes. */
#include "schema.h"

#include <stdbool.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "store.h"
#include "strbuf.h"
#include "xalloc.h"

const char *schema_step(int v)
{
	if (v < 1 || v >= SCHEMA_VERSION || v > migration_sql_count)
		return NULL;
	return migration_sql[v - 1];
}

/* The order of the queue matters: a row changed twice is removed with the values it was
 * indexed under each time. Between its first change and its last in one transaction, each
 * value added is removed again by the next change, so only the first removal and the last
 * addition of each row reach the index (a person added, then tagged three times, is indexed
 * once). FTS5 treats a NULL command column as a plain insert. They go in by rowid, each row's
 * removal before its addition: FTS5 holds what it is given in memory only while the rowids
 * ascend, and writes a segment at every step back (an import that tags people in the order of
 * their ids made one a person). */
#define NET_CHANGES(tbl) \
	"FROM (SELECT *, row_number() OVER (PARTITION BY rid ORDER BY seq) AS first, " \
	"row_number() OVER (PARTITION BY rid ORDER BY seq DESC) AS last FROM fts_queue " \
	"WHERE tbl = '" tbl "') WHERE (del = 1 AND first = 1) OR (del = 0 AND last = 1) " \
	"ORDER BY rid, del DESC"
static const char *const flush_sql[] = {
	"INSERT INTO person_fts (person_fts, rowid, given_name, family_name, preferred_name, "
	"postcode, neighbourhood, email, phone, what_matters, tag_words) SELECT CASE del WHEN 1 "
	"THEN 'delete' END, rid, c1, c2, c3, c4, c5, c6, c7, c8, c9 " NET_CHANGES("person"),
	"INSERT INTO asset_fts (asset_fts, rowid, name, description, neighbourhood, postcode, "
	"tag_words) SELECT CASE del WHEN 1 THEN 'delete' END, rid, c1, c2, c3, c4, c5 " NET_CHANGES(
		"asset"),
	"DELETE FROM fts_queue",
};

int schema_flush_search(struct store *st, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(st, "SELECT EXISTS (SELECT 1 FROM fts_queue)", &stmt, err);
	if (status != K_OK)
		return status;
	int rc = sqlite3_step(stmt);
	bool pending = rc == SQLITE_ROW && sqlite3_column_int(stmt, 0);
	status = rc == SQLITE_ROW ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	for (size_t i = 0; pending && status == K_OK && i < sizeof flush_sql / sizeof *flush_sql;
	     i++) {
		status = store_cached(st, flush_sql[i], &stmt, err);
		if (status == K_OK) {
			rc = sqlite3_step(stmt);
			status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
			sqlite3_reset(stmt);
		}
	}
	return status;
}

/* A migration may rebuild a table (sqlite's way to change a CHECK), which foreign keys would
 * refuse: the steps run with them off (the pragma is a no-op inside a transaction, so it is
 * set around it), and every reference is checked before the commit. */
static int references_hold(struct store *st, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st, "PRAGMA foreign_key_check", &stmt, err);
	if (status != K_OK)
		return status;
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		status = kerr_set(err, K_DB, "",
				  "migrating left a reference from %s to a missing %s",
				  (const char *)sqlite3_column_text(stmt, 0),
				  (const char *)sqlite3_column_text(stmt, 2));
	else if (rc != SQLITE_DONE)
		status = store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

static int migrate(struct store *st, int from, struct kerr *err)
{
	int status = store_begin(st, err);
	if (status != K_OK)
		return status;
	if (from == 0) {
		status = store_exec(st, schema_sql_text, err);
	} else {
		for (int v = from; v < SCHEMA_VERSION && status == K_OK; v++)
			status = schema_step(v) ? store_exec(st, schema_step(v), err)
						: kerr_set(err, K_DB, "",
							   "schema step %d is missing "
							   "(is it listed in meson.build?)",
							   v);
	}
	if (status == K_OK)
		status = references_hold(st, err);
	if (status == K_OK) {
		char sql[48];
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", SCHEMA_VERSION);
		status = store_exec(st, sql, err);
	}
	return store_finish(st, status, err);
}

int schema_upgrade(struct store *st, int from, struct kerr *err)
{
	if (from == SCHEMA_VERSION)
		return K_OK;
	if (from < 0 || from > SCHEMA_VERSION)
		return kerr_set(err, K_NOT_KITH, "", "no way to migrate from schema %d", from);
	int status = store_exec(st, "PRAGMA foreign_keys = OFF", err);
	if (status == K_OK)
		status = migrate(st, from, err);
	struct kerr again;
	int on = store_exec(st, "PRAGMA foreign_keys = ON", &again);
	if (status == K_OK && on != K_OK) {
		*err = again;
		status = on;
	}
	return status;
}

/* ---- putting back what was taken away ---- */

/* SQL text with every run of white space made one space, for comparing. Caller frees. */
static char *squeeze(const char *sql)
{
	struct strbuf sb = STRBUF_INIT;
	for (const char *p = sql ? sql : ""; *p; p++)
		if (!((unsigned char)*p <= ' ' && (unsigned char)p[1] <= ' '))
			strbuf_putc(&sb, (unsigned char)*p <= ' ' ? ' ' : *p);
	return strbuf_take(&sb);
}

/* The file's text of a schema object, or NULL when it has none by that name. */
/* The SQL the file holds for an object, in *out (NULL when it has none; caller frees). */
static int sql_in_file(struct store *st, const char *type, const char *name, char **out,
		       struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	*out = NULL;
	int status = store_prepare(
		st, "SELECT sql FROM main.sqlite_schema WHERE type = ?1 AND name = ?2", &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, type, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, name, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW && sqlite3_column_text(stmt, 0))
		*out = xstrdup((const char *)sqlite3_column_text(stmt, 0));
	status = rc == SQLITE_ROW || rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

/* Puts one object of schema.sql back when the file lacks it or (a trigger or a view) holds
 * other text under its name; says its name in *put when it did. */
static int put_back(struct store *st, const char *type, const char *name, const char *want,
		    struct strbuf *put, struct kerr *err)
{
	char *have = NULL;
	int status = sql_in_file(st, type, name, &have, err);
	if (status != K_OK) /* not read is not missing: nothing is put back over it */
		return status;
	char *a = squeeze(have), *b = squeeze(want);
	bool same = have && (strcmp(type, "index") == 0 || strcmp(a, b) == 0);
	free(a), free(b), free(have);
	if (same)
		return K_OK;
	char *drop = xasprintf("DROP %s IF EXISTS main.\"%s\"", type, name);
	status = store_exec(st, drop, err);
	free(drop);
	if (status == K_OK)
		status = store_exec(st, want, err);
	if (status == K_OK)
		strbuf_printf(put, "%s%s", put->len ? ", " : "", name);
	return status;
}

int schema_repair(struct store *st, char **restored, struct kerr *err)
{
	*restored = NULL;
	sqlite3 *model = NULL;
	sqlite3_stmt *stmt = NULL;
	int status = K_OK;
	if (sqlite3_open(":memory:", &model) != SQLITE_OK ||
	    sqlite3_exec(model, schema_sql_text, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(model,
			       "SELECT type, name, sql FROM sqlite_schema WHERE type IN "
			       "('trigger', 'view', 'index') AND sql IS NOT NULL ORDER BY "
			       "type = 'index', type = 'trigger', name",
			       -1, &stmt, NULL) != SQLITE_OK)
		status = kerr_set(err, K_DB, "", "kith's own schema could not be read (a bug)");
	struct strbuf put = STRBUF_INIT;
	if (status == K_OK)
		status = store_begin(st, err);
	while (status == K_OK && sqlite3_step(stmt) == SQLITE_ROW)
		status = put_back(st, (const char *)sqlite3_column_text(stmt, 0),
				  (const char *)sqlite3_column_text(stmt, 1),
				  (const char *)sqlite3_column_text(stmt, 2), &put, err);
	if (status == K_OK && put.len) { /* the evidence that they had gone stays */
		char *detail = xasprintf("put back what was removed outside kith: %s",
					 strbuf_str(&put));
		status = audit_record(st, "setting", "schema", NULL, NULL, NULL, detail, err);
		free(detail);
	}
	sqlite3_finalize(stmt);
	sqlite3_close(model);
	if (store_in_transaction(st))
		status = store_finish(st, status, err);
	if (status == K_OK)
		*restored = strbuf_take(&put);
	strbuf_free(&put);
	return status;
}
