/* Checking a kith database whole, so that damage is caught before more writes pile on: at
 * open, all of a small file, of one that changed outside kith since kith last saw it, or of
 * one last checked a day ago or more (otherwise its schema and small tables); `kith check`;
 * and after a login, a full check in the background on a connection of its own. Damage
 * found means no more writes, and says how to restore. How the file looked when kith last
 * saw it is kept beside it (NAME-checked), outside the file it vouches for. */
#include "store.h"
#include "store_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "xalloc.h"

/* Up to this size a full check at open costs a few milliseconds. */
#define FULL_CHECK_BYTES (2LL << 20)
/* A file not wholly checked for this long is checked at its next open. */
#define CHECK_EVERY_SECONDS (24L * 60 * 60)

/* ---- what damage means ---- */

static void damage_message(struct store *st, const char *found, struct kerr *err)
{
	const char *slash = strrchr(st->path, '/');
	int dir = slash ? (int)(slash - st->path) : 1;
	/* what to do first: a status line shows only its start */
	kerr_set(err, K_CORRUPT, "",
		 "the database is damaged, so kith writes nothing more to it: "
		 "restore a backup (kith restore FILE; they are in %.*s/backups); %s: %.100s",
		 dir, slash ? st->path : ".", st->path, found);
}

/* The one line sqlite's check said, without its noise. */
static void tidy(char *result)
{
	const char *noise = "*** in database main ***";
	char *p = strstr(result, noise);
	if (p)
		memmove(p, p + strlen(noise), strlen(p + strlen(noise)) + 1);
	for (p = result; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	p = result;
	while (*p == ' ')
		memmove(p, p + 1, strlen(p));
}

/* Runs one check statement; anything but "ok" is damage, told on one line. */
static int check_one(struct store *st, const char *sql, struct kerr *err)
{
	char result[256];
	int status = store_first_value(st, sql, result, sizeof result, NULL, err);
	if (status == K_CORRUPT) /* sqlite could not even read what it checks */
		snprintf(result, sizeof result, "%.200s", err ? err->msg : "unreadable");
	else if (status != K_OK)
		return status;
	tidy(result);
	if (strcmp(result, "ok") == 0)
		return K_OK;
	damage_message(st, result, err);
	return K_CORRUPT;
}

/* The whole file checked on a read-only connection of its own: sqlite's quick_check there
 * reads every page as it does on ours, at a fifth of the time (at borough size, 0.7 s
 * against 3.5 s). */
static int check_whole(struct store *st, struct kerr *err)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	char found[256] = "";
	int rc = sqlite3_open_v2(st->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW, NULL);
	if (rc == SQLITE_OK)
		sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "PRAGMA quick_check(1)", -1, &stmt, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW)
		snprintf(found, sizeof found, "%s", sqlite3_column_text(stmt, 0));
	else
		snprintf(found, sizeof found, "%s", db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		return store_error(st, rc, err);
	tidy(found);
	if (strcmp(found, "ok") == 0)
		return K_OK;
	damage_message(st, found, err);
	return K_CORRUPT;
}

/* ---- how the file looked when kith last saw it ---- */

struct seen {
	long long size, ino, mtime_s, mtime_ns;
	long long checked; /* when the whole file last passed a check (seconds), or 0 */
};

static char *seen_path(const struct store *st)
{
	return xasprintf("%s-checked", st->path);
}

static bool stat_file(const char *path, struct seen *s)
{
	struct stat sb;
	if (stat(path, &sb) != 0)
		return false;
	s->size = (long long)sb.st_size;
	s->ino = (long long)sb.st_ino;
	s->mtime_s = (long long)sb.st_mtim.tv_sec;
	s->mtime_ns = (long long)sb.st_mtim.tv_nsec;
	return true;
}

static bool read_seen(const struct store *st, struct seen *s)
{
	char *path = seen_path(st);
	FILE *f = fopen(path, "r");
	free(path);
	bool ok = f && fscanf(f, "kith-checked 1 %lld %lld %lld %lld %lld", &s->size, &s->ino,
			      &s->mtime_s, &s->mtime_ns, &s->checked) == 5;
	if (f)
		fclose(f);
	return ok;
}

/* Writes down how the file looks now, and when it was last checked whole. In place, not
 * through a temporary file: a torn line reads as nothing, and nothing means a full check. */
static void write_seen(struct store *st, long long checked)
{
	struct seen now;
	if (!stat_file(st->path, &now))
		return;
	st->checked = checked;
	if (now.size == st->seen_size && now.ino == st->seen_ino &&
	    now.mtime_s == st->seen_mtime_s && now.mtime_ns == st->seen_mtime_ns &&
	    checked == st->checked_written)
		return; /* as written down already */
	char line[160], *path = seen_path(st);
	int n = snprintf(line, sizeof line, "kith-checked 1 %lld %lld %lld %lld %lld\n", now.size,
			 now.ino, now.mtime_s, now.mtime_ns, checked);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	bool ok = fd >= 0 && write(fd, line, (size_t)n) == n;
	if (fd >= 0 && close(fd) != 0)
		ok = false;
	if (ok) {
		st->seen_size = now.size, st->seen_ino = now.ino;
		st->seen_mtime_s = now.mtime_s, st->seen_mtime_ns = now.mtime_ns;
		st->checked_written = checked;
	}
	free(path);
}

void store_file_seen(struct store *st)
{
	write_seen(st, st->checked);
}

void store_file_forget(struct store *st)
{
	char *path = seen_path(st);
	unlink(path);
	free(path);
	st->checked = 0;
	st->checked_written = -1; /* written again at the next write_seen, whatever it says */
}

/* Whether a write-ahead log lies beside the file with no live connection holding it: left
 * by a crash, or put there from elsewhere. Folded in, it may be another file's pages: the
 * whole is checked before anything is written. A live connection (another kith) holds a
 * read lock on the shared-memory file's dead-man switch (sqlite's os_unix.c, byte 128). */
static bool hot_log(const struct store *st)
{
	char *wal = xasprintf("%s-wal", st->path), *shm = xasprintf("%s-shm", st->path);
	struct stat sb;
	bool hot = stat(wal, &sb) == 0 && sb.st_size > 0;
	int fd = hot ? open(shm, O_RDONLY | O_NOFOLLOW | O_CLOEXEC) : -1;
	if (fd >= 0) {
		struct flock lock = {
			.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 128, .l_len = 1};
		if (fcntl(fd, F_GETLK, &lock) == 0 && lock.l_type != F_UNLCK)
			hot = false; /* in use by another process */
		close(fd);
	}
	free(wal);
	free(shm);
	return hot;
}

/* Whether the file is as kith left it, and was checked whole within the day; what was
 * written down is kept, so that closing writes it again only when the file changed. */
static bool as_kith_left_it(struct store *st)
{
	struct seen was, now;
	if (!read_seen(st, &was) || !stat_file(st->path, &now))
		return false;
	st->seen_size = was.size, st->seen_ino = was.ino;
	st->seen_mtime_s = was.mtime_s, st->seen_mtime_ns = was.mtime_ns;
	st->checked = st->checked_written = was.checked;
	return was.size == now.size && was.ino == now.ino && was.mtime_s == now.mtime_s &&
	       was.mtime_ns == now.mtime_ns && time(NULL) - was.checked < CHECK_EVERY_SECONDS &&
	       was.checked <= time(NULL);
}

/* ---- checks ---- */

void store_mark_damage(struct store *st, const char *found)
{
	struct kerr err;
	if (st->damage[0])
		return;
	damage_message(st, found, &err);
	snprintf(st->damage, sizeof st->damage, "%s", err.msg);
	store_file_forget(st);
	/* nothing of a damaged file's log is folded into it at close */
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
}

bool store_log_is_hot(const struct store *st)
{
	return strcmp(st->path, ":memory:") != 0 && hot_log(st);
}

int store_check_at_open(struct store *st, bool kith_file, bool hot, struct kerr *err)
{
	long long pages = 0, size = 0;
	int status = store_query_int(st, "PRAGMA page_count", &pages, err);
	if (status == K_OK)
		status = store_query_int(st, "PRAGMA page_size", &size, err);
	if (status != K_OK)
		return status;
	bool memory = strcmp(st->path, ":memory:") == 0;
	if (!kith_file || memory || hot || pages * size <= FULL_CHECK_BYTES ||
	    !as_kith_left_it(st)) {
		status = memory || pages * size <= FULL_CHECK_BYTES
				 ? check_one(st, "PRAGMA quick_check(1)", err)
				 : check_whole(st, err);
		if (status == K_OK && kith_file && !memory)
			write_seen(st, (long long)time(NULL));
		else if (status == K_CORRUPT && !memory)
			store_file_forget(st);
		return status;
	}
	/* as kith left it, and checked within the day: its schema and its accounts (what any
	 * use reads first; every other page is checked as it is read, cell_size_check) */
	status = check_one(st, "PRAGMA quick_check('sqlite_schema')", err);
	for (int i = 0; status == K_OK && st->fmt->small_tables[i]; i++) {
		/* the names are the format's own constants, never a user's text */
		char *sql = xasprintf("PRAGMA quick_check('%s')", st->fmt->small_tables[i]);
		status = check_one(st, sql, err);
		free(sql);
	}
	return status;
}

int store_check(struct store *st, struct kerr *err)
{
	int status = check_one(st, "PRAGMA integrity_check(1)", err);
	for (int i = 0; status == K_OK && st->fmt->index_checks[i]; i++) {
		status = store_exec(st, st->fmt->index_checks[i], err);
		if (status != K_OK)
			kerr_set(err, K_CORRUPT, "",
				 "the search index of %s is out of step with its records",
				 st->path);
	}
	if (status == K_OK) {
		write_seen(st, (long long)time(NULL));
		st->damage[0] = '\0';
	} else if (status == K_CORRUPT) {
		store_file_forget(st);
	}
	return status;
}

/* ---- in the background ---- */

static void *run_check(void *arg)
{
	struct background_check *c = arg;
	sqlite3_stmt *stmt = NULL;
	char found[256] = "ok";
	pthread_mutex_lock(&c->lock);
	int stop = c->stop; /* an interrupt before the check runs would be lost */
	pthread_mutex_unlock(&c->lock);
	int rc = stop ? SQLITE_INTERRUPT
		      : sqlite3_prepare_v2(c->db, "PRAGMA quick_check(1)", -1, &stmt, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW)
		snprintf(found, sizeof found, "%s", sqlite3_column_text(stmt, 0));
	else if ((rc & 0xff) != SQLITE_INTERRUPT)
		snprintf(found, sizeof found, "%s", sqlite3_errmsg(c->db));
	sqlite3_finalize(stmt);
	tidy(found);
	pthread_mutex_lock(&c->lock);
	c->status = (rc & 0xff) == SQLITE_INTERRUPT ? K_BUSY
		    : strcmp(found, "ok") == 0      ? K_OK
						    : K_CORRUPT;
	snprintf(c->msg, sizeof c->msg, "%s", found);
	c->done = 1;
	pthread_mutex_unlock(&c->lock);
	return NULL;
}

int store_check_start(struct store *st, struct kerr *err)
{
	if (st->check || strcmp(st->path, ":memory:") == 0)
		return K_OK;
	struct background_check *c = xcalloc(1, sizeof *c);
	pthread_mutex_init(&c->lock, NULL);
	int rc = sqlite3_open_v2(st->path, &c->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW,
				 NULL);
	if (rc == SQLITE_OK)
		sqlite3_busy_timeout(c->db, BUSY_TIMEOUT_MS);
	if (rc == SQLITE_OK && pthread_create(&c->thread, NULL, run_check, c) == 0)
		c->started = true;
	st->check = c;
	if (!c->started)
		return kerr_set(err, K_IO, "", "the check of %s could not start", st->path);
	return K_OK;
}

enum store_check_state store_check_poll(struct store *st, char *msg, size_t n)
{
	struct background_check *c = st->check;
	if (msg && n)
		msg[0] = '\0';
	if (!c || !c->started) /* damage found before stays in store_damage() */
		return STORE_CHECK_NONE;
	pthread_mutex_lock(&c->lock);
	int done = c->done, status = c->status;
	char found[sizeof c->msg];
	snprintf(found, sizeof found, "%s", c->msg);
	pthread_mutex_unlock(&c->lock);
	if (!done)
		return STORE_CHECK_RUNNING;
	store_check_stop(st);
	if (status == K_OK) {
		write_seen(st, (long long)time(NULL));
		return STORE_CHECK_SOUND;
	}
	if (status != K_CORRUPT)
		return STORE_CHECK_NONE;
	struct kerr err;
	damage_message(st, found, &err);
	snprintf(st->damage, sizeof st->damage, "%s", err.msg);
	store_file_forget(st);
	if (msg)
		snprintf(msg, n, "%s", st->damage);
	return STORE_CHECK_DAMAGED;
}

void store_check_stop(struct store *st)
{
	struct background_check *c = st->check;
	if (!c)
		return;
	if (c->started) {
		pthread_mutex_lock(&c->lock);
		c->stop = 1;
		pthread_mutex_unlock(&c->lock);
		sqlite3_interrupt(c->db);
		pthread_join(c->thread, NULL);
	}
	sqlite3_close(c->db);
	pthread_mutex_destroy(&c->lock);
	free(c);
	st->check = NULL;
}

const char *store_damage(const struct store *st)
{
	return st->damage[0] ? st->damage : NULL;
}
