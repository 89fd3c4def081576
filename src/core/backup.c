/* Backups with sqlite's online backup, which copies a consistent database while kith (here or
 * in another window) goes on writing; restores that check the copy before anything is
 * replaced, and keep what they replaced. */
#include "backup.h"
#include "backup_impl.h"

#include <dirent.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "account.h"
#include "audit.h"
#include "auth.h"
#include "date.h"
#include "file.h"
#include "schema.h"
#include "setting.h"
#include "store.h"
#include "xalloc.h"

#define KEPT_DEFAULT 10
#define STEP_PAGES 256

/* Copies every page of src into dst, a step at a time, waiting when a writer holds src. */
int backup_copy_pages(sqlite3 *dst, sqlite3 *src, const struct backup_options *o, struct kerr *err)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b)
		return kerr_set(err, K_DB, "", "the backup could not start: %s",
				sqlite3_errmsg(dst));
	int rc;
	while ((rc = sqlite3_backup_step(b, STEP_PAGES)) == SQLITE_OK || rc == SQLITE_BUSY ||
	       rc == SQLITE_LOCKED) {
		if (rc != SQLITE_OK)
			sqlite3_sleep(20);
		int total = sqlite3_backup_pagecount(b);
		if (o && o->progress && total > 0)
			o->progress(o->ctx, 1.0 - (double)sqlite3_backup_remaining(b) / total);
	}
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE)
		return kerr_set(err, K_DB, "", "the backup stopped: %s", sqlite3_errstr(rc));
	return K_OK;
}

int backup_check_copy(sqlite3 *db, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = K_OK;
	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check(1)", -1, &stmt, NULL) != SQLITE_OK ||
	    sqlite3_step(stmt) != SQLITE_ROW ||
	    strcmp((const char *)sqlite3_column_text(stmt, 0), "ok") != 0)
		status = kerr_set(err, K_CORRUPT, "", "the copy failed its integrity check");
	sqlite3_finalize(stmt);
	return status;
}

/* ---- where backups go, and how many are kept ---- */

static char *default_dir(struct store *st)
{
	const char *path = store_path(st);
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
	char *backups = xasprintf("%s/backups", dir);
	free(dir);
	return backups;
}

/* "kith" for .../kith.db: backups are named after their database. */
static char *base_name(struct store *st)
{
	const char *path = store_path(st), *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	const char *dot = strrchr(name, '.');
	return xstrndup(name, dot ? (size_t)(dot - name) : strlen(name));
}

static bool ours(const char *file, const char *base)
{
	size_t n = strlen(base);
	int y, mo, d, h, mi, s, ms;
	char tail[8];
	return strncmp(file, base, n) == 0 &&
	       sscanf(file + n, "-%4d%2d%2d-%2d%2d%2d-%3d.%7s", &y, &mo, &d, &h, &mi, &s, &ms,
		      tail) == 8 &&
	       strcmp(tail, "db") == 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Removes the oldest of this database's backups in dir beyond the number kept. */
static void prune(struct store *st, const char *dir)
{
	char *kept_text = NULL;
	struct kerr err;
	setting_get(st, "backups_kept", &kept_text, &err);
	long kept = kept_text ? atol(kept_text) : KEPT_DEFAULT;
	free(kept_text);
	char *base = base_name(st);
	DIR *d = opendir(dir);
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (!ours(e->d_name, base))
			continue;
		names = xgrow(names, n, &cap, sizeof *names);
		names[n++] = xstrdup(e->d_name);
	}
	if (d)
		closedir(d);
	qsort(names, n, sizeof *names, by_name); /* the stamp in the name sorts by time */
	for (size_t i = 0; i < n; i++) {
		if ((long)(n - i) > (kept < 1 ? 1 : kept)) {
			char *path = xasprintf("%s/%s", dir, names[i]);
			unlink(path);
			free(path);
		}
		free(names[i]);
	}
	free(names);
	free(base);
}

/* ---- taking a backup ---- */

int backup_copy_beside(sqlite3 *src, const char *path, const char *tail,
		       const struct backup_options *o, char **tmp, sqlite3 **dst, struct kerr *err)
{
	*dst = NULL;
	if (file_temp(path, tail, tmp, err) != K_OK)
		return kerr_set(err, K_IO, "out", "cannot write beside %s", path);
	int status = K_OK;
	if (sqlite3_open_v2(*tmp, dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		status = kerr_set(err, K_IO, "out", "cannot write %s", *tmp);
	if (status == K_OK)
		status = backup_copy_pages(*dst, src, o, err);
	return status;
}

int backup_copy_to(struct store *st, const char *path, const struct backup_options *o,
		   struct kerr *err)
{
	char *tmp = NULL;
	sqlite3 *dst = NULL;
	int status = backup_copy_beside(store_db(st), path, ".tmp-", o, &tmp, &dst, err);
	/* one file, whole in itself: no write-ahead log beside the copy */
	if (status == K_OK &&
	    sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
		status = kerr_set(err, K_DB, "", "the copy could not be finished");
	if (status == K_OK)
		status = backup_check_copy(dst, err);
	if (sqlite3_close(dst) != SQLITE_OK && status == K_OK)
		status = kerr_set(err, K_DB, "", "the copy could not be closed");
	if (status == K_OK && file_put(tmp, path, err) != K_OK)
		status = kerr_set(err, K_IO, "out", "cannot write %s", path);
	if (status != K_OK && tmp)
		unlink(tmp);
	free(tmp);
	return status;
}

int backup_take(struct store *st, const char *path, const struct backup_options *o, char *written,
		size_t n, struct kerr *err)
{
	int status = auth_require(st, AUTH_EXPORT, err);
	if (status != K_OK)
		return status;
	char *dir = NULL, *target = NULL;
	if (path) {
		/* never over the database or its log, whatever the caller allowed; whether an
		 * existing file may be replaced is the caller's question (kith backup --force) */
		status = file_check_out(path, store_path(st), true, err);
		if (status != K_OK)
			return status;
		target = xstrdup(path);
	} else {
		dir = default_dir(st);
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			status = kerr_set(err, K_IO, "out", "cannot make %s", dir);
			free(dir);
			return status;
		}
		char *base = base_name(st), stamp[STAMP_LEN];
		date_stamp(stamp); /* to the millisecond: two backups a second keep apart */
		target = xasprintf("%s/%s-%.4s%.2s%.2s-%.2s%.2s%.2s-%.3s.db", dir, base, stamp,
				   stamp + 5, stamp + 8, stamp + 11, stamp + 14, stamp + 17,
				   stamp + 20);
		free(base);
	}
	status = backup_copy_to(st, target, o, err);
	if (status == K_OK) {
		const char *slash = strrchr(target, '/');
		status = audit_record(st, "backup", "database", NULL, NULL, NULL,
				      slash ? slash + 1 : target, err);
		snprintf(written, n, "%s", target);
	}
	if (status == K_OK && dir)
		prune(st, dir);
	free(dir);
	free(target);
	return status;
}
