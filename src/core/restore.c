/* Restoring a backup. The backup's records come back; when the backup is an earlier state of
 * this same database, what belongs to the laptop and its people now stays as it is (the
 * accounts, the audit trail and its seal, settings, drafts); and whatever the backup, every
 * erasure in either register is applied again, so that no one erased comes back. The
 * replacement is built whole in a private file beside the database, then copied in with
 * sqlite's backup in one step, what it replaces kept beside it. */
#include "backup.h"
#include "backup_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit.h"
#include "auth.h"
#include "database.h"
#include "date.h"
#include "person.h"
#include "schema.h"
#include "store.h"
#include "strbuf.h"
#include "xalloc.h"

/* ---- the backup ---- */

static int same_file(const char *a, const char *b)
{
	struct stat x, y;
	return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

/* Whether path is a sound kith database this kith can open. */
static int check_backup(struct store *st, const char *path, sqlite3 **out, struct kerr *err)
{
	*out = NULL;
	struct stat sb;
	if (stat(path, &sb) != 0)
		return kerr_set(err, errno == ENOENT ? K_NOT_FOUND : K_IO, "file",
				"cannot read %s: %s", path, strerror(errno));
	if (same_file(path, store_path(st)))
		return kerr_set(err, K_INVALID, "file",
				"%s is the database itself, not a backup of it", path);
	sqlite3 *db = NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return kerr_set(err, K_IO, "file", "cannot read %s", path);
	}
	int status = backup_check_copy(db, err);
	sqlite3_stmt *stmt = NULL;
	int version = -1, tables = 0;
	if (status == K_OK &&
	    sqlite3_prepare_v2(db,
			       "SELECT (SELECT user_version FROM "
			       "pragma_user_version), (SELECT count(*) FROM "
			       "sqlite_schema WHERE type = 'table' AND name IN "
			       "('person', 'asset', 'referral', 'audit'))",
			       -1, &stmt, NULL) == SQLITE_OK &&
	    sqlite3_step(stmt) == SQLITE_ROW) {
		version = sqlite3_column_int(stmt, 0);
		tables = sqlite3_column_int(stmt, 1);
	}
	sqlite3_finalize(stmt);
	if (status == K_OK && tables != 4)
		status = kerr_set(err, K_NOT_KITH, "file", "%s is not a kith backup", path);
	else if (status == K_OK && version > SCHEMA_VERSION)
		status = kerr_set(err, K_NEWER, "file", "%s is from a newer kith", path);
	if (status != K_OK)
		sqlite3_close(db);
	else
		*out = db;
	return status;
}

/* A private copy of the backup beside the database, to be made the replacement. */
static int stage(struct store *st, sqlite3 *src, char **out, struct kerr *err)
{
	sqlite3 *dst = NULL;
	int status = backup_copy_beside(src, store_path(st), ".restoring-", NULL, out, &dst, err);
	sqlite3_close(dst);
	if (status != K_OK && *out) {
		unlink(*out);
		free(*out);
		*out = NULL;
	}
	return status;
}

static void remove_staged(const char *tmp)
{
	const char *tails[] = {"", "-wal", "-shm", "-journal", "-checked"};
	for (size_t i = 0; i < sizeof tails / sizeof *tails; i++) {
		char *p = xasprintf("%s%s", tmp, tails[i]);
		unlink(p);
		free(p);
	}
}

/* ---- what carries over from the database being replaced (attached as live) ---- */

/* Whether the backup's trail is the start of the live one: it is empty, or it begins with
 * the same row and the live trail holds its last row at the same place. */
static int same_lineage(struct store *st, bool *same, struct kerr *err)
{
	long long yes = 0;
	int status = store_query_int(
		st,
		"SELECT NOT EXISTS (SELECT 1 FROM main.audit WHERE origin = '') OR ((SELECT id "
		"FROM main.audit WHERE origin = '' ORDER BY seq LIMIT 1) = (SELECT id FROM "
		"live.audit WHERE origin = '' ORDER BY seq LIMIT 1) AND (SELECT m.id FROM "
		"main.audit m WHERE m.origin = '' ORDER BY m.seq DESC LIMIT 1) = (SELECT l.id "
		"FROM live.audit l WHERE l.origin = '' AND l.seq = (SELECT max(seq) FROM "
		"main.audit WHERE origin = '')))",
		&yes, err);
	*same = yes != 0;
	return status;
}

/* Replaces a table's rows with live's, its guards (no update, no delete) set aside for that
 * moment inside the transaction and put back as they were. */
static int replace_with_live(struct store *st, const char *table, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st,
				   "SELECT name, sql FROM main.sqlite_schema WHERE type = "
				   "'trigger' AND tbl_name = ?1",
				   &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, table, -1, SQLITE_STATIC);
	struct strbuf drop = STRBUF_INIT, make = STRBUF_INIT;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		strbuf_printf(&drop, "DROP TRIGGER main.\"%s\";", sqlite3_column_text(stmt, 0));
		strbuf_printf(&make, "%s;", sqlite3_column_text(stmt, 1));
	}
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	char *swap = xasprintf("DELETE FROM main.%s; INSERT INTO main.%s SELECT * FROM live.%s;",
			       table, table, table);
	if (status == K_OK)
		status = store_exec(st, strbuf_str(&drop), err);
	if (status == K_OK)
		status = store_exec(st, swap, err);
	if (status == K_OK)
		status = store_exec(st, strbuf_str(&make), err);
	free(swap);
	strbuf_free(&drop);
	strbuf_free(&make);
	return status;
}

/* The accounts as they are now: live's, each as it stands; an account only the backup knew
 * stays as a name its records can still point at, and can no longer log in. */
static int keep_accounts(struct store *st, const char *now, struct kerr *err)
{
	int status = store_run(st,
			       "UPDATE main.worker SET deleted_at = coalesce(deleted_at, ?1), "
			       "password_hash = NULL, public_key = NULL, secret_key = NULL, "
			       "trail_key = NULL, updated_at = ?1 WHERE id NOT IN (SELECT id FROM "
			       "live.worker)",
			       &now, 1, err);
	sqlite3_stmt *stmt = NULL;
	if (status == K_OK)
		status = store_prepare(st, "SELECT name FROM pragma_table_info('worker')", &stmt,
				       err);
	if (status != K_OK)
		return status;
	struct strbuf cols = STRBUF_INIT, set = STRBUF_INIT;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *c = (const char *)sqlite3_column_text(stmt, 0);
		strbuf_printf(&cols, "%s%s", cols.len ? ", " : "", c);
		strbuf_printf(&set, "%s%s = excluded.%s", set.len ? ", " : "", c, c);
	}
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	char *sql = xasprintf("INSERT INTO main.worker (%s) SELECT %s FROM live.worker WHERE true "
			      "ON CONFLICT (id) DO UPDATE SET %s",
			      strbuf_str(&cols), strbuf_str(&cols), strbuf_str(&set));
	if (status == K_OK)
		status = store_exec(st, sql, err);
	free(sql);
	strbuf_free(&cols);
	strbuf_free(&set);
	return status;
}

static int keep_laptop(struct store *st, const char *now, struct kerr *err)
{
	static const char *const tables[] = {"audit",     "audit_seal", "audit_sync",
					     "audit_tip", "setting",    "draft"};
	int status = keep_accounts(st, now, err);
	for (size_t i = 0; status == K_OK && i < sizeof tables / sizeof *tables; i++)
		status = replace_with_live(st, tables[i], err);
	/* a draft about someone the backup does not hold keeps its typing, not the link */
	if (status == K_OK)
		status = store_exec(st,
				    "UPDATE main.draft SET person_id = NULL WHERE person_id IS NOT "
				    "NULL AND person_id NOT IN (SELECT id FROM main.person)",
				    err);
	return status;
}

/* Everyone either register names who still has anything in the backup is erased again. */
static int erase_again(struct store *st, int *count, struct kerr *err)
{
	*count = 0;
	/* who erased them may be no account of the backup's (another database's) */
	int status = store_exec(st,
				"INSERT OR IGNORE INTO main.erasure (person_id, erased_at, "
				"created_at, updated_at, updated_by) SELECT person_id, erased_at, "
				"created_at, updated_at, CASE WHEN updated_by IN (SELECT id FROM "
				"main.worker) THEN updated_by END FROM live.erasure",
				err);
	sqlite3_stmt *stmt = NULL;
	if (status == K_OK)
		status = store_prepare(st,
				       "SELECT e.person_id, e.erased_at FROM main.erasure e JOIN "
				       "main.person p ON p.id = e.person_id WHERE p.given_name "
				       "<> '' OR p.deleted_at IS NULL",
				       &stmt, err);
	if (status != K_OK)
		return status;
	struct erased {
		char id[ID_LEN], when[STAMP_LEN];
	} *who = NULL; /* read whole before anything is written */
	size_t nwho = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		who = xgrow(who, nwho, &cap, sizeof *who);
		snprintf(who[nwho].id, ID_LEN, "%s", sqlite3_column_text(stmt, 0));
		snprintf(who[nwho++].when, STAMP_LEN, "%s", sqlite3_column_text(stmt, 1));
	}
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	for (size_t i = 0; status == K_OK && i < nwho; i++, (*count)++)
		status = person_erase_again(st, who[i].id, who[i].when, err);
	free(who);
	return status;
}

static int carry_over(struct store *next, struct store *st, const char *path, int *erased,
		      bool *same, long long *live_seq, struct kerr *err)
{
	char now[STAMP_LEN];
	date_stamp(now);
	int status = store_run(next, "ATTACH DATABASE ?1 AS live", (const char *[]){store_path(st)},
			       1, err);
	if (status != K_OK)
		return status;
	status = store_begin(next, err);
	if (status == K_OK) /* accounts come before what points at them: checked at commit */
		status = store_exec(next, "PRAGMA defer_foreign_keys = ON", err);
	if (status == K_OK)
		status = same_lineage(next, same, err);
	bool joined = false;
	if (status == K_OK)
		status = backup_sync_keep(next, *same, &joined, err);
	if (status == K_OK && *same) { /* the same trail and keys: the restore is sealed too */
		status = keep_laptop(next, now, err);
		store_set_keys(next, store_trail_key(st), store_secret_key(st),
			       store_public_key(st));
	} else {
		store_set_actor(next,
				NULL); /* no account of this database is one of the backup's */
	}
	if (status == K_OK)
		status = store_query_int(next, "SELECT coalesce(max(rowid), 0) FROM live.audit",
					 live_seq, err);
	if (status == K_OK && joined) /* what erasing again changes goes up */
		status = backup_sync_capture(next, err);
	if (status == K_OK)
		status = erase_again(next, erased, err);
	char detail[400];
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	snprintf(detail, sizeof detail, "%.200s; %d erasure%s applied again%s", name, *erased,
		 *erased == 1 ? "" : "s",
		 *same ? "" : "; a backup of another database: its own accounts and trail");
	if (status == K_OK)
		status = audit_record(next, "restore", "database", NULL, NULL, NULL, detail, err);
	status = store_finish(next, status, err);
	store_run(next, "DETACH DATABASE live", NULL, 0, NULL);
	return status;
}

/* The staged backup made the replacement: brought forward to this kith's schema, the
 * laptop's part carried over, the erasures applied again. */
static int build(struct store *st, const char *tmp, const char *path, int *erased, bool *same,
		 long long *live_seq, struct kerr *err)
{
	struct store *next = NULL;
	int status = database_open(tmp, &next, err);
	if (status != K_OK)
		return status;
	store_set_actor(next, store_actor(st));
	store_set_role(next, store_role(st));
	status = carry_over(next, st, path, erased, same, live_seq, err);
	if (status == K_OK)
		status = store_check(next, err);
	store_close(next);
	return status;
}

/* Copies the built replacement over the database, through the log; then empties the log,
 * so that no page of anyone erased again stays beside the file. */
static int put_in_place(struct store *st, const char *tmp, const struct backup_options *o,
			struct kerr *err)
{
	sqlite3 *src = NULL;
	int status = K_OK;
	if (sqlite3_open_v2(tmp, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		status = kerr_set(err, K_IO, "", "cannot read %s", tmp);
	if (status == K_OK)
		status = backup_copy_pages(store_db(st), src, o, err);
	sqlite3_close(src);
	if (status == K_OK) /* best done now; when another kith holds the log, at its close */
		store_fold_log(st, NULL);
	return status;
}

/* The replacement built from the backup at path, in a staged file *tmp; *live_seq gets the
 * live trail's last row (by rowid: its own rows and other laptops' alike) when its part was
 * carried over. */
static int prepare(struct store *st, const char *path, char **tmp, int *erased, bool *same,
		   long long *live_seq, struct kerr *err)
{
	sqlite3 *src = NULL;
	*tmp = NULL;
	int status = check_backup(st, path, &src, err);
	if (status == K_OK)
		status = stage(st, src, tmp, err);
	sqlite3_close(src);
	if (status == K_OK)
		status = build(st, *tmp, path, erased, same, live_seq, err);
	if (status != K_OK && *tmp) {
		remove_staged(*tmp);
		free(*tmp);
		*tmp = NULL;
	}
	return status;
}

/* Whether the live database was written since its part was carried over (an interface
 * open beside the restore): then the replacement is built again, so nothing is lost. */
static int changed_since(struct store *st, long long live_seq, bool *changed, struct kerr *err)
{
	long long now = 0;
	int status = store_query_int(st, "SELECT coalesce(max(rowid), 0) FROM audit", &now, err);
	*changed = now != live_seq;
	return status;
}

#define RESTORE_TRIES 3

int backup_restore(struct store *st, const char *path, const struct backup_options *o, char *kept,
		   size_t n, struct backup_restored *done, struct kerr *err)
{
	int status = auth_require(st, AUTH_SETTINGS, err);
	char *tmp = NULL;
	int erased = 0;
	if (status == K_OK)
		store_sweep(st);
	bool same = false, changed = true;
	long long live_seq = 0;
	for (int try = 0; status == K_OK && changed && try < RESTORE_TRIES; try++) {
		if (tmp) {
			remove_staged(tmp);
			free(tmp);
		}
		status = prepare(st, path, &tmp, &erased, &same, &live_seq, err);
		if (status == K_OK)
			status = changed_since(st, live_seq, &changed, err);
	}
	if (status == K_OK && changed)
		status = kerr_set(err, K_BUSY, "",
				  "the database kept changing while the backup was "
				  "made ready: restore it when the other kiths are quieter");
	char stamp[STAMP_LEN];
	date_stamp(stamp);
	char *before = xasprintf("%s.before-restore-%.10s-%.2s%.2s%.2s", store_path(st), stamp,
				 stamp + 11, stamp + 14, stamp + 17);
	if (status == K_OK) /* what is replaced is kept, checked */
		status = backup_copy_to(st, before, NULL, err);
	if (status == K_OK)
		status = put_in_place(st, tmp, o, err);
	if (status == K_OK)
		snprintf(kept, n, "%s", before);
	long long joined = 0; /* read where it now is: the restored file */
	struct kerr ignored;
	if (status == K_OK && done &&
	    store_query_int(st, "SELECT joined FROM sync_state WHERE id = 1", &joined, &ignored) !=
		    K_OK)
		joined = 0;
	if (status == K_OK && done)
		*done = (struct backup_restored){erased, !same, joined == 1};
	if (tmp)
		remove_staged(tmp);
	free(tmp);
	free(before);
	return status;
}
