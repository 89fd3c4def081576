/* Creating and migrating the schema. schema.sql always describes the newest version; each
 * step here turns version v into v + 1, and a test checks that migrating a file from every
 * older version ends at exactly what schema.sql makes. */
#include "schema.h"

#include <stdbool.h>

#include <sqlite3.h>
#include <stdio.h>

#include "store.h"

/* steps[v] takes a database from version v to v + 1. Version 1 is the first schema; an
 * empty file (version 0) gets schema.sql whole. */
static const char *const steps[SCHEMA_VERSION] = {
	[0] = NULL,
	[1] = migration_2_sql, /* consent history */
	[2] = migration_3_sql, /* the referral network by month */
	[3] = migration_4_sql, /* journeys read from the index alone */
	[4] = migration_5_sql, /* accounts, the audit's person, review dates */
	[5] = migration_6_sql, /* Open Referral ids */
	[6] = migration_7_sql, /* prefix indexes for search as you type */
	[7] = migration_8_sql, /* searching records by the names they refer to */
};

const char *schema_step(int v)
{
	if (v < 1 || v >= SCHEMA_VERSION)
		return NULL;
	return steps[v];
}

/* The order of the queue matters: a row changed twice is removed with the values it was
 * indexed under each time. FTS5 treats a NULL command column as a plain insert. */
static const char *const flush_sql[] = {
	"INSERT INTO person_fts (person_fts, rowid, given_name, family_name, preferred_name, "
	"postcode, neighbourhood, email, phone) SELECT CASE del WHEN 1 THEN 'delete' END, rid, "
	"c1, c2, c3, c4, c5, c6, c7 FROM fts_queue WHERE tbl = 'person' ORDER BY seq",
	"INSERT INTO asset_fts (asset_fts, rowid, name, description, neighbourhood, postcode) "
	"SELECT CASE del WHEN 1 THEN 'delete' END, rid, c1, c2, c3, c4 FROM fts_queue "
	"WHERE tbl = 'asset' ORDER BY seq",
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

int schema_upgrade(struct store *st, int from, struct kerr *err)
{
	if (from == SCHEMA_VERSION)
		return K_OK;
	if (from < 0 || from > SCHEMA_VERSION)
		return kerr_set(err, K_NOT_KITH, "", "no way to migrate from schema %d", from);
	int status = store_begin(st, err);
	if (status != K_OK)
		return status;
	if (from == 0) {
		status = store_exec(st, schema_sql_text, err);
	} else {
		for (int v = from; v < SCHEMA_VERSION && status == K_OK; v++)
			status = steps[v] ? store_exec(st, steps[v], err)
					  : kerr_set(err, K_DB, "", "schema step %d is missing", v);
	}
	if (status == K_OK) {
		char sql[48];
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", SCHEMA_VERSION);
		status = store_exec(st, sql, err);
	}
	return store_finish(st, status, err);
}
