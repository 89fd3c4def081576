/* Opening a database file safely: where it lives, permissions, a file that is not of the
 * format asked for left exactly as it was, checks before anything is written, the format's
 * upgrade run; and closing it. */
#include "store.h"
#include "store_impl.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <sodium.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "strbuf.h"
#include "xalloc.h"

/* ---- paths ---- */

char *store_data_dir(void)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && xdg[0] == '/') /* the XDG spec says to ignore a relative value */
		return xasprintf("%s/kith", xdg);
	const char *home = getenv("HOME");
	if (!home || !*home) {
		struct passwd *pw = getpwuid(getuid());
		home = pw ? pw->pw_dir : "/";
	}
	return xasprintf("%s/.local/share/kith", home);
}

int store_default_path(char **out, struct kerr *err)
{
	const char *env = getenv("KITH_DB");
	if (env && *env) {
		*out = xstrdup(env);
		return K_OK;
	}
	char *dir = store_data_dir();
	*out = xasprintf("%s/kith.db", dir);
	free(dir);
	kerr_clear(err);
	return K_OK;
}

/* mkdir -p, each new directory 0700 (chmod after mkdir: the umask can only take bits away,
 * and a umask such as 0777 would otherwise leave a directory we cannot enter). */
static int make_dirs(const char *dir, struct kerr *err)
{
	char *p = xstrdup(dir);
	int status = K_OK;
	for (char *s = p + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0700) == 0) {
			chmod(p, 0700);
		} else if (errno != EEXIST) {
			status = kerr_set(err,
					  errno == EACCES || errno == EROFS ? K_READONLY : K_IO, "",
					  "cannot create the directory %s: %s", p, strerror(errno));
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return status;
}

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* kith's own data directory is kept private even if something loosened it. */
static void tighten_data_dir(const char *dir)
{
	char *mine = store_data_dir();
	struct stat st;
	if (strcmp(dir, mine) == 0 && lstat(dir, &st) == 0 && S_ISDIR(st.st_mode) &&
	    st.st_uid == getuid() && (st.st_mode & 077))
		chmod(dir, 0700);
	free(mine);
}

/* Whether kith may write beside path (its log and lock files live there). */
static bool dir_writable(const char *path)
{
	char *dir = dir_of(path);
	bool ok = access(dir, W_OK | X_OK) == 0;
	free(dir);
	return ok;
}

/* Makes sure path can be opened: not a link, a regular file, created 0600 when missing
 * (*created says so: only a file kith made itself may become a new database). */
static int prepare_file(const char *path, bool *created, struct kerr *err)
{
	struct stat st;
	*created = false;
	if (lstat(path, &st) == 0) {
		if (S_ISLNK(st.st_mode))
			return kerr_set(err, K_UNSAFE, "",
					"%s is a symbolic link; kith opens only a real file "
					"(use --db with the file it points to)",
					path);
		if (!S_ISREG(st.st_mode))
			return kerr_set(err, K_UNSAFE, "", "%s is not a regular file", path);
		if (st.st_size == 0) /* someone else's empty file is not kith's to fill */
			return kerr_set(
				err, K_NOT_KITH, "",
				"%s is an empty file, not a kith database; kith makes a new "
				"one only where no file is (remove it, or give another path)",
				path);
		return K_OK;
	}
	if (errno != ENOENT)
		return kerr_set(err, K_IO, "", "cannot reach %s: %s", path, strerror(errno));
	char *dir = dir_of(path);
	int status = make_dirs(dir, err);
	if (status == K_OK)
		tighten_data_dir(dir);
	free(dir);
	if (status != K_OK)
		return status;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 && (errno == EACCES || errno == EROFS))
		return kerr_set(err, K_READONLY, "",
				"cannot create %s: its directory is read-only "
				"to you (%s)",
				path, strerror(errno));
	if (fd < 0)
		return kerr_set(err, K_IO, "", "cannot create %s: %s", path, strerror(errno));
	int bad = fchmod(fd, 0600);
	bad |= close(fd);
	if (bad)
		return kerr_set(err, K_IO, "", "cannot set the permissions of %s", path);
	*created = true;
	return K_OK;
}

/* ---- opening ---- */

/* Settings every connection gets, none of which writes to the file. */
static int configure(struct store *st, struct kerr *err)
{
	sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
	int status = store_exec(
		st,
		"PRAGMA trusted_schema = OFF; PRAGMA foreign_keys = ON;"
		"PRAGMA secure_delete = ON; PRAGMA synchronous = FULL;"
		/* statement journals hold personal data: never in a temporary file */
		"PRAGMA temp_store = MEMORY;"
		/* damage in a page is noticed as the page is read */
		"PRAGMA cell_size_check = ON;"
		/* a borough's lists and the records they name stay in memory
				 * (sqlite's default is 2 MB) */
		"PRAGMA cache_size = " CACHE_KB ";",
		err);
	return status == K_OK && st->fmt->configure ? st->fmt->configure(st, err) : status;
}

/* How many entries the schema has, and whether every table the format names is among them:
 * one statement, as a one-shot command pays for each. */
static int schema_entries(struct store *st, long long *entries, bool *own, struct kerr *err)
{
	int n = 0;
	struct strbuf sql = STRBUF_INIT;
	strbuf_puts(&sql, "SELECT count(*), count(*) FILTER (WHERE type = 'table' AND name IN (");
	for (; st->fmt->tables[n]; n++)
		strbuf_puts(&sql, n ? ", ?" : "?");
	strbuf_puts(&sql, ")) FROM sqlite_schema");
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st, strbuf_str(&sql), &stmt, err);
	strbuf_free(&sql);
	if (status != K_OK)
		return status;
	for (int i = 0; i < n; i++)
		sqlite3_bind_text(stmt, i + 1, st->fmt->tables[i], -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	*entries = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	*own = rc == SQLITE_ROW && sqlite3_column_int(stmt, 1) == n;
	status = rc == SQLITE_ROW ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

/* What is in the file before anything is written: kith's or not, which version. A new
 * database only where kith made the file itself, this moment. */
static int inspect(struct store *st, bool created, bool hot, long long *version, struct kerr *err)
{
	int status = store_query_int(st, "PRAGMA user_version", version, err);
	if (status != K_OK)
		return status;
	if (*version > st->fmt->version)
		return kerr_set(
			err, K_NEWER, "",
			"%s was written by a newer kith (schema %lld; this kith knows up to "
			"%d): install the newer kith to open it",
			st->path, *version, st->fmt->version);
	long long tables = 0;
	bool own = true;
	status = schema_entries(st, &tables, &own, err);
	if (status != K_OK)
		return status;
	/* a file kith just made is made kith's; one with kith's tables is migrated; nothing
	 * else */
	if (*version < 0 || (*version == 0 && (tables > 0 || !created)) || (*version > 0 && !own))
		return kerr_set(
			err, K_NOT_KITH, "",
			"%s is an sqlite database but not a kith one; kith will not change it",
			st->path);
	return store_check_at_open(st, *version > 0, hot, err);
}

static int use_wal(struct store *st, struct kerr *err)
{
	char mode[32];
	int status = store_first_value(st, "PRAGMA journal_mode = WAL", mode, sizeof mode, NULL,
				       err);
	if (status == K_OK && strcmp(mode, "wal") != 0)
		return kerr_set(
			err, K_READONLY, "",
			"cannot use write-ahead logging for %s (is its directory writable?)",
			st->path);
	return status;
}

/* BEGIN IMMEDIATE takes the write lock without writing a page; the commit also applies
 * search-index changes that another program's writes may have queued. */
static int probe_write(struct store *st, struct kerr *err)
{
	int status = store_begin(st, err);
	if (status != K_OK)
		return status;
	return store_commit(st, err);
}

/* sqlite folds the log into the file after a commit grows it past this many pages; kith
 * does it itself, so that it knows how the file looks after its own writes. */
#define CHECKPOINT_PAGES 1000

static int after_commit(void *ctx, sqlite3 *db, const char *name, int pages)
{
	struct store *st = ctx;
	(void)name;
	if (pages >= CHECKPOINT_PAGES &&
	    sqlite3_wal_checkpoint_v2(db, "main", SQLITE_CHECKPOINT_PASSIVE, NULL, NULL) ==
		    SQLITE_OK)
		store_file_seen(st);
	return SQLITE_OK;
}

/* sqlite counts every allocation under a lock of its own, for statistics kith never reads:
 * a few per cent of a bulk write. Refused (SQLITE_MISUSE) once sqlite has started, which
 * costs only that speed. */
static void uncounted(void)
{
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static int open_file(struct store *st, bool memory, struct kerr *err)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, uncounted);
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE;
	if (memory)
		flags |= SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY;
	int rc = sqlite3_open_v2(st->path, &st->db, flags, NULL);
	if (rc != SQLITE_OK)
		return store_error(st, rc, err);
	/* until the file is known to be kith's, closing must not fold a log beside it (a log
	 * from another file, say) into it */
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	if (!memory && sqlite3_db_readonly(st->db, "main") == 1)
		return kerr_set(
			err, K_READONLY, "",
			"%s is read-only; kith needs to write to it (check its permissions)",
			st->path);
	return configure(st, err);
}

/* A file refused with a log beside it: is it the log that is wrong? The file alone (the
 * log ignored, nothing written) is looked at to say which. */
static void blame_the_log(struct store *st, struct kerr *err)
{
	char *wal = xasprintf("%s-wal", st->path);
	struct stat sb;
	bool has_log = stat(wal, &sb) == 0 && sb.st_size > 0;
	sqlite3 *alone = NULL;
	char *uri = xasprintf("file:%s?immutable=1", st->path);
	long long version = -1;
	sqlite3_stmt *stmt = NULL;
	if (has_log &&
	    sqlite3_open_v2(uri, &alone, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) ==
		    SQLITE_OK &&
	    sqlite3_prepare_v2(alone,
			       "SELECT (SELECT user_version FROM pragma_user_version) * "
			       "((SELECT quick_check FROM pragma_quick_check(1)) = 'ok')",
			       -1, &stmt, NULL) == SQLITE_OK &&
	    sqlite3_step(stmt) == SQLITE_ROW)
		version = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(alone);
	if (version > 0)
		kerr_set(err, K_CORRUPT, "",
			 "%s is sound, but the write-ahead log beside it (%s) "
			 "is not its own or is damaged; kith changed neither: move the log away, "
			 "then open the database again",
			 st->path, wal);
	free(uri);
	free(wal);
}

/* Says the directory is why, when the file itself could be written but its place not. */
static void blame_the_directory(struct store *st, int status, struct kerr *err)
{
	if ((status == K_READONLY || status == K_IO) && access(st->path, W_OK) == 0 &&
	    !dir_writable(st->path))
		kerr_set(err, K_READONLY, "",
			 "%s can be written, but not its directory, where kith "
			 "keeps the log and lock files beside it: make the directory writable to "
			 "you, or move the database",
			 st->path);
}

/* A kith database at version, known sound: brought forward, written once to be sure it
 * can be, its log folded in at close from now on. */
static int make_ready(struct store *st, bool memory, long long version, struct kerr *err)
{
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);
	int status = memory ? K_OK : use_wal(st, err);
	if (status == K_OK)
		status = st->fmt->upgrade(st, (int)version, err);
	st->ready = status == K_OK;
	if (status == K_OK)
		status = probe_write(st, err);
	if (status == K_OK && !memory) {
		sqlite3_wal_autocheckpoint(st->db, 0);
		sqlite3_wal_hook(st->db, after_commit, st);
		/* the log is folded in and emptied at close, but the file stays: a one-shot
		 * command does not make it anew, and sync its directory, every time */
		int persist = 1;
		sqlite3_file_control(st->db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
		/* emptied to nothing, so that a log with anything in it at open is news */
		status = store_exec(st, "PRAGMA journal_size_limit = 0", err);
	}
	return status;
}

/* A restore killed half way leaves its staged copy beside the database, which holds the
 * backup's people, erased ones among them: one older than an hour is no restore's now. */
void store_sweep(const struct store *st)
{
	char *dir = dir_of(st->path);
	const char *slash = strrchr(st->path, '/');
	char *prefix = xasprintf("%s.restoring-", slash ? slash + 1 : st->path);
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		struct stat sb;
		char *path = xasprintf("%s/%s", dir, e->d_name);
		if (strncmp(e->d_name, prefix, strlen(prefix)) == 0 && lstat(path, &sb) == 0 &&
		    S_ISREG(sb.st_mode) && sb.st_uid == getuid() &&
		    time(NULL) - sb.st_mtime > 60 * 60)
			unlink(path);
		free(path);
	}
	if (d)
		closedir(d);
	free(prefix);
	free(dir);
}

int store_open(const char *path, const struct store_format *fmt, struct store **out,
	       struct kerr *err)
{
	*out = NULL;
	kerr_clear(err);
	if (sodium_init() < 0) /* hashing passwords and the audit chain need it first */
		return kerr_set(err, K_IO, "", "libsodium could not start");
	struct store *st = xcalloc(1, sizeof *st);
	st->fmt = fmt;
	int status = K_OK;
	if (path)
		st->path = xstrdup(path);
	else
		status = store_default_path(&st->path, err);
	bool memory = strcmp(st->path, ":memory:") == 0, created = memory;
	if (status == K_OK && !memory)
		status = prepare_file(st->path, &created, err);
	bool hot = status == K_OK && store_log_is_hot(st);
	if (status == K_OK)
		status = open_file(st, memory, err);
	long long version = 0;
	if (status == K_OK)
		status = inspect(st, created, hot, &version, err);
	if ((status == K_CORRUPT || status == K_NOT_KITH || status == K_NEWER) && st->db && !memory)
		blame_the_log(st, err);
	if (status == K_OK)
		status = make_ready(st, memory, version, err);
	if (status != K_OK && !memory)
		blame_the_directory(st, status, err);
	if (status != K_OK) {
		store_close(st);
		return status;
	}
	*out = st;
	return K_OK;
}

int store_open_reader(const struct store *from, int cache_kb, struct store **out, struct kerr *err)
{
	*out = NULL;
	if (strcmp(from->path, ":memory:") == 0)
		return kerr_set(err, K_IO, "", "a database in memory has no second connection");
	struct store *st = xcalloc(1, sizeof *st);
	st->fmt = from->fmt;
	st->path = xstrdup(from->path);
	snprintf(st->actor, sizeof st->actor, "%s", from->actor);
	st->role = from->role;
	int rc = sqlite3_open_v2(st->path, &st->db,
				 SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW |
					 SQLITE_OPEN_EXRESCODE,
				 NULL);
	int status = rc == SQLITE_OK ? configure(st, err) : store_error(st, rc, err);
	if (status == K_OK) {
		/* the reader's pages are its own: kept small, they do not double the session's
		 * memory */
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", cache_kb > 0 ? cache_kb : 1);
		status = store_exec(st, sql, err);
	}
	if (status != K_OK) {
		store_close(st);
		return status;
	}
	*out = st;
	return K_OK;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	store_check_stop(st);
	for (int i = 0; i < CACHE_SIZE; i++) {
		sqlite3_finalize(st->cache[i].stmt);
		free(st->cache[i].sql);
	}
	while (st->depth > 0)
		store_rollback(st);
	bool ours = st->ready && !st->damage[0];
	if (st->db && sqlite3_close(st->db) != SQLITE_OK)
		die("closing the database left statements open (a bug): %s",
		    sqlite3_errmsg(st->db));
	if (ours && strcmp(st->path, ":memory:") != 0)
		store_file_seen(st); /* the log folded in (when no one else had it open) */
	free(st->path);
	store_set_keys(st, NULL, NULL, NULL);
	free(st);
}
