/* Settings: one row per key, kept like every other row (tombstoned, stamped). */
#include "setting.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "date.h"
#include "store.h"
#include "valid.h"
#include "xalloc.h"

int setting_get(struct store *st, const char *key, char **out, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	*out = NULL;
	int status = store_cached(st,
				  "SELECT value FROM setting WHERE key = ? AND deleted_at IS NULL",
				  &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*out = xstrdup((const char *)sqlite3_column_text(stmt, 0));
	status = rc == SQLITE_ROW || rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	return status;
}

/* Settings a worker changes for the session at hand; every other is an admin's. */
static bool a_workers(const char *key)
{
	return strcmp(key, "venue") == 0;
}

static int check_value(const char *key, const char *value, struct kerr *err)
{
	static const struct {
		const char *key;
		long min, max;
	} bounds[] = {{"retention_months", 1, 120},
		      {"lock_minutes", 1, 15},
		      {"backups_kept", 1, 100},
		      {"sync_minutes", 0, 1440}};
	for (size_t i = 0; i < sizeof bounds / sizeof *bounds; i++) {
		long n;
		if (strcmp(key, bounds[i].key) == 0 && value && *value)
			return valid_int(value, bounds[i].min, bounds[i].max, &n, key, err);
	}
	return K_OK;
}

int setting_set(struct store *st, const char *key, const char *value, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	char now[STAMP_LEN];
	date_stamp(now);
	int status = auth_require(st, a_workers(key) ? AUTH_RECORDS : AUTH_SETTINGS, err);
	if (status == K_OK)
		status = check_value(key, value, err);
	if (status == K_OK)
		status = store_begin(st, err);
	if (status != K_OK)
		return status;
	status = store_prepare(st,
			       "INSERT INTO setting (key, value, created_at, updated_at, "
			       "updated_by, deleted_at) VALUES (?1, coalesce(?2, ''), ?3, ?3, ?4, "
			       "CASE WHEN coalesce(?2, '') = '' THEN ?3 END) ON CONFLICT (key) "
			       "DO UPDATE SET value = excluded.value, updated_at = ?3, "
			       "updated_by = ?4, deleted_at = excluded.deleted_at",
			       &stmt, err);
	if (status == K_OK) {
		sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
		if (value)
			sqlite3_bind_text(stmt, 2, value, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 3, now, -1, SQLITE_STATIC);
		if (store_actor(st))
			sqlite3_bind_text(stmt, 4, store_actor(st), -1, SQLITE_TRANSIENT);
		int rc = sqlite3_step(stmt);
		status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	}
	sqlite3_finalize(stmt);
	if (status == K_OK) /* the key, never the value: it may be a hash */
		status = audit_record(st, "setting", "setting", NULL, NULL, key, NULL, err);
	return store_finish(st, status, err);
}
