/* Opening the database safely and talking to sqlite: paths, permissions, pragmas, checks at
 * open, transactions and a small cache of prepared statements. */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "auth.h"
#include "schema.h"
#include "xalloc.h"

#define CACHE_SIZE 48
#define BUSY_TIMEOUT_MS 3000
/* Up to this size a full quick_check at open costs a few milliseconds; above it open checks
 * the schema and the small tables (a one-shot command and the interface's start must stay
 * quick), and `kith check` checks everything. */
#define FULL_CHECK_BYTES (2LL << 20)

struct cached {
	char *sql;
	sqlite3_stmt *stmt;
	unsigned long used;
};

struct store {
	sqlite3 *db;
	char *path;
	char actor[ID_LEN];
	int role;   /* the actor's role (enum role in auth.h), or 0 */
	int depth; /* transaction nesting: 0 none, 1 BEGIN, >1 savepoints */
	bool ready; /* the schema is in place, so commits flush the search queue */
	struct cached cache[CACHE_SIZE];
	unsigned long tick;
};

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
			status = kerr_set(err, errno == EACCES || errno == EROFS ? K_READONLY : K_IO,
					  "", "cannot create the directory %s: %s", p,
					  strerror(errno));
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

/* Makes sure path can be opened: not a link, a regular file, created 0600 when missing. */
static int prepare_file(const char *path, struct kerr *err)
{
	struct stat st;
	if (lstat(path, &st) == 0) {
		if (S_ISLNK(st.st_mode))
			return kerr_set(err, K_UNSAFE, "",
					"%s is a symbolic link; kith opens only a real file "
					"(use --db with the file it points to)", path);
		if (!S_ISREG(st.st_mode))
			return kerr_set(err, K_UNSAFE, "", "%s is not a regular file", path);
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
	if (fd < 0)
		return kerr_set(err, errno == EACCES || errno == EROFS ? K_READONLY : K_IO, "",
				"cannot create %s: %s", path, strerror(errno));
	int bad = fchmod(fd, 0600);
	bad |= close(fd);
	if (bad)
		return kerr_set(err, K_IO, "", "cannot set the permissions of %s", path);
	return K_OK;
}

/* ---- errors ---- */

int store_error(struct store *st, int rc, struct kerr *err)
{
	const char *msg = st && st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);
	const char *path = st && st->path ? st->path : "the database";
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return K_OK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return kerr_set(err, K_BUSY, "",
				"%s is locked by another program; try again in a moment", path);
	case SQLITE_READONLY:
		return kerr_set(err, K_READONLY, "", "%s cannot be written: %s", path, msg);
	case SQLITE_CORRUPT:
		return kerr_set(err, K_CORRUPT, "",
				"%s is damaged (%s); restore it from a backup", path, msg);
	case SQLITE_NOTADB:
		return kerr_set(err, K_NOT_KITH, "", "%s is not a kith database", path);
	case SQLITE_FULL:
		return kerr_set(err, K_IO, "", "the disk holding %s is full", path);
	case SQLITE_CANTOPEN:
		return kerr_set(err, K_IO, "", "cannot open %s or write beside it: %s", path, msg);
	case SQLITE_IOERR:
		return kerr_set(err, K_IO, "", "input/output error on %s: %s", path, msg);
	case SQLITE_CONSTRAINT:
		return kerr_set(err, K_INVALID, "", "refused by the database: %s", msg);
	default:
		return kerr_set(err, K_DB, "", "database error: %s", msg);
	}
}

int store_prepare(struct store *st, const char *sql, sqlite3_stmt **stmt, struct kerr *err)
{
	int rc = sqlite3_prepare_v2(st->db, sql, -1, stmt, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_finalize(*stmt);
		*stmt = NULL;
		return store_error(st, rc, err);
	}
	return K_OK;
}

int store_cached(struct store *st, const char *sql, sqlite3_stmt **stmt, struct kerr *err)
{
	struct cached *slot = &st->cache[0];
	st->tick++;
	for (int i = 0; i < CACHE_SIZE; i++) {
		struct cached *c = &st->cache[i];
		if (c->sql && strcmp(c->sql, sql) == 0) {
			sqlite3_reset(c->stmt);
			sqlite3_clear_bindings(c->stmt);
			c->used = st->tick;
			*stmt = c->stmt;
			return K_OK;
		}
		if (c->used < slot->used)
			slot = c;
	}
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_finalize(s);
		return store_error(st, rc, err);
	}
	sqlite3_finalize(slot->stmt);
	free(slot->sql);
	slot->sql = xstrdup(sql);
	slot->stmt = s;
	slot->used = st->tick;
	*stmt = s;
	return K_OK;
}

int store_exec(struct store *st, const char *sql, struct kerr *err)
{
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? K_OK : store_error(st, rc, err);
}

/* The first column of the first row, as text (when text is not NULL) and as a number. */
static int first_value(struct store *st, const char *sql, char *text, size_t n, long long *num,
		       struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	if (text && n)
		text[0] = '\0';
	int status = store_prepare(st, sql, &stmt, err);
	if (status != K_OK)
		return status;
	int rc = sqlite3_step(stmt);
	bool row = rc == SQLITE_ROW;
	if (text) {
		const unsigned char *v = row ? sqlite3_column_text(stmt, 0) : NULL;
		snprintf(text, n, "%s", v ? (const char *)v : "");
	}
	if (num)
		*num = row ? sqlite3_column_int64(stmt, 0) : 0;
	status = row || rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

int store_query_int(struct store *st, const char *sql, long long *out, struct kerr *err)
{
	return first_value(st, sql, NULL, 0, out, err);
}

/* ---- transactions ---- */

/* Savepoints come and go with every record an import adds: parsed once, kept. */
static int exec_cached(struct store *st, const char *sql, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(st, sql, &stmt, err);
	if (status != K_OK)
		return status;
	int rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
}

int store_begin(struct store *st, struct kerr *err)
{
	char sql[48];
	if (st->depth == 0)
		snprintf(sql, sizeof sql, "BEGIN IMMEDIATE");
	else
		snprintf(sql, sizeof sql, "SAVEPOINT kith_%d", st->depth);
	int status = st->depth == 0 ? store_exec(st, sql, err) : exec_cached(st, sql, err);
	if (status == K_OK)
		st->depth++;
	return status;
}

int store_commit(struct store *st, struct kerr *err)
{
	char sql[48];
	if (st->depth <= 0)
		return kerr_set(err, K_DB, "", "commit without a transaction");
	int status = K_OK;
	if (st->depth == 1) {
		snprintf(sql, sizeof sql, "COMMIT");
		if (st->ready)
			status = schema_flush_search(st, err);
	} else {
		snprintf(sql, sizeof sql, "RELEASE kith_%d", st->depth - 1);
	}
	if (status == K_OK)
		status = st->depth == 1 ? store_exec(st, sql, err) : exec_cached(st, sql, err);
	if (status != K_OK) {
		store_rollback(st);
		return status;
	}
	st->depth--;
	return K_OK;
}

int store_version(struct store *st, long long *out, struct kerr *err)
{
	long long others = 0;
	int status = store_query_int(st, "PRAGMA data_version", &others, err);
	*out = others + (long long)sqlite3_total_changes64(st->db);
	return status;
}

void store_rollback(struct store *st)
{
	char sql[80];
	if (st->depth <= 0)
		return;
	if (st->depth == 1)
		snprintf(sql, sizeof sql, "ROLLBACK");
	else
		snprintf(sql, sizeof sql, "ROLLBACK TO kith_%d; RELEASE kith_%d", st->depth - 1,
			 st->depth - 1);
	sqlite3_exec(st->db, sql, NULL, NULL, NULL);
	st->depth--;
}

bool store_in_transaction(const struct store *st)
{
	return st->depth > 0;
}

int store_finish(struct store *st, int status, struct kerr *err)
{
	if (status == K_OK)
		return store_commit(st, err);
	store_rollback(st);
	return status;
}

/* ---- opening ---- */

static int pragma_text(struct store *st, const char *sql, char *out, size_t n, struct kerr *err)
{
	return first_value(st, sql, out, n, NULL, err);
}

#define CACHE_KB "-8192"

int store_bulk_start(struct store *st, int mb, struct kerr *err)
{
	char sql[80];
	/* when another connection holds the file the mode stays WAL, which is only slower */
	snprintf(sql, sizeof sql, "PRAGMA cache_size = %d; PRAGMA journal_mode = DELETE",
		 -1024 * mb);
	return store_exec(st, sql, err);
}

int store_bulk_end(struct store *st, struct kerr *err)
{
	char mode[16];
	int status = store_exec(st, "PRAGMA cache_size = " CACHE_KB, err);
	if (status == K_OK)
		status = pragma_text(st, "PRAGMA journal_mode = WAL", mode, sizeof mode, err);
	if (status == K_OK && strcmp(mode, "wal") != 0 && strcmp(mode, "memory") != 0)
		status = kerr_set(err, K_DB, "", "%s: cannot go back to write-ahead logging (%s)",
				  store_path(st), mode);
	return status;
}

/* Settings every connection gets, none of which writes to the file. */
static int configure(struct store *st, struct kerr *err)
{
	sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
	int status = store_exec(st,
				"PRAGMA trusted_schema = OFF; PRAGMA foreign_keys = ON;"
				"PRAGMA secure_delete = ON; PRAGMA synchronous = FULL;"
				/* statement journals hold personal data: never in a temporary file */
				"PRAGMA temp_store = MEMORY;"
				/* a borough's lists and the records they name stay in memory
				 * (sqlite's default is 2 MB) */
				"PRAGMA cache_size = " CACHE_KB ";",
				err);
	return status == K_OK ? auth_install(st, err) : status;
}

/* Runs one quick_check statement; anything but "ok" is damage, told on one line. */
static int check_one(struct store *st, const char *sql, struct kerr *err)
{
	char result[256];
	int status = pragma_text(st, sql, result, sizeof result, err);
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
	if (status == K_OK && strcmp(result, "ok") != 0)
		status = kerr_set(err, K_CORRUPT, "", "%s is damaged (%s); restore it from a backup",
				  st->path, result);
	return status;
}

static int quick_check(struct store *st, bool kith_file, struct kerr *err)
{
	long long pages = 0, size = 0;
	int status = store_query_int(st, "PRAGMA page_count", &pages, err);
	if (status == K_OK)
		status = store_query_int(st, "PRAGMA page_size", &size, err);
	if (status != K_OK)
		return status;
	if (!kith_file || pages * size <= FULL_CHECK_BYTES)
		return check_one(st, "PRAGMA quick_check(1)", err);
	static const char *const small[] = {"sqlite_schema", "worker", "setting", "tag",
					    "fts_queue"};
	for (size_t i = 0; status == K_OK && i < sizeof small / sizeof *small; i++) {
		char sql[64];
		snprintf(sql, sizeof sql, "PRAGMA quick_check('%s')", small[i]);
		status = check_one(st, sql, err);
	}
	return status;
}

int store_check(struct store *st, struct kerr *err)
{
	int status = check_one(st, "PRAGMA integrity_check(1)", err);
	static const char *const fts[] = {
		"INSERT INTO person_fts (person_fts, rank) VALUES ('integrity-check', 1)",
		"INSERT INTO asset_fts (asset_fts, rank) VALUES ('integrity-check', 1)"};
	for (size_t i = 0; status == K_OK && i < sizeof fts / sizeof *fts; i++) {
		status = store_exec(st, fts[i], err);
		if (status != K_OK)
			kerr_set(err, K_CORRUPT, "",
				 "the search index of %s is out of step with its records", st->path);
	}
	return status;
}

/* What is in the file before anything is written: kith's or not, which version, intact. */
static int inspect(struct store *st, long long *version, struct kerr *err)
{
	int status = store_query_int(st, "PRAGMA user_version", version, err);
	if (status != K_OK)
		return status;
	if (*version > SCHEMA_VERSION)
		return kerr_set(err, K_NEWER, "",
				"%s was written by a newer kith (schema %lld; this kith knows up to "
				"%d): install the newer kith to open it", st->path, *version,
				SCHEMA_VERSION);
	long long tables = 0, own = 0;
	status = store_query_int(st, "SELECT count(*) FROM sqlite_schema", &tables, err);
	if (status == K_OK)
		status = store_query_int(st,
					 "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND "
					 "name IN ('person', 'asset', 'referral', 'setting', 'fts_queue')",
					 &own, err);
	if (status != K_OK)
		return status;
	/* an empty file is made kith's; one with kith's tables is migrated; nothing else */
	if (*version < 0 || (*version == 0 && tables > 0) || (*version > 0 && own < 5))
		return kerr_set(err, K_NOT_KITH, "",
				"%s is an sqlite database but not a kith one; kith will not change it",
				st->path);
	return quick_check(st, *version > 0, err);
}

static int use_wal(struct store *st, struct kerr *err)
{
	char mode[32];
	int status = pragma_text(st, "PRAGMA journal_mode = WAL", mode, sizeof mode, err);
	if (status == K_OK && strcmp(mode, "wal") != 0)
		return kerr_set(err, K_READONLY, "",
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

static int open_file(struct store *st, bool memory, struct kerr *err)
{
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE;
	if (memory)
		flags |= SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY;
	int rc = sqlite3_open_v2(st->path, &st->db, flags, NULL);
	if (rc != SQLITE_OK)
		return store_error(st, rc, err);
	if (!memory && sqlite3_db_readonly(st->db, "main") == 1)
		return kerr_set(err, K_READONLY, "",
				"%s is read-only; kith needs to write to it (check its permissions)",
				st->path);
	return configure(st, err);
}

int store_open(const char *path, struct store **out, struct kerr *err)
{
	*out = NULL;
	kerr_clear(err);
	if (sodium_init() < 0) /* hashing passwords and the audit chain need it first */
		return kerr_set(err, K_IO, "", "libsodium could not start");
	struct store *st = xcalloc(1, sizeof *st);
	int status = K_OK;
	if (path)
		st->path = xstrdup(path);
	else
		status = store_default_path(&st->path, err);
	bool memory = strcmp(st->path, ":memory:") == 0;
	if (status == K_OK && !memory)
		status = prepare_file(st->path, err);
	if (status == K_OK)
		status = open_file(st, memory, err);
	long long version = 0;
	if (status == K_OK)
		status = inspect(st, &version, err);
	if (status == K_OK && !memory)
		status = use_wal(st, err);
	if (status == K_OK)
		status = schema_upgrade(st, (int)version, err);
	st->ready = status == K_OK;
	if (status == K_OK)
		status = probe_write(st, err);
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
	for (int i = 0; i < CACHE_SIZE; i++) {
		sqlite3_finalize(st->cache[i].stmt);
		free(st->cache[i].sql);
	}
	while (st->depth > 0)
		store_rollback(st);
	if (st->db && sqlite3_close(st->db) != SQLITE_OK)
		die("closing the database left statements open (a bug): %s", sqlite3_errmsg(st->db));
	free(st->path);
	free(st);
}

const char *store_path(const struct store *st)
{
	return st->path;
}

struct sqlite3 *store_db(struct store *st)
{
	return st->db;
}

void store_set_actor(struct store *st, const char *worker_id)
{
	snprintf(st->actor, sizeof st->actor, "%s", worker_id ? worker_id : "");
}

const char *store_actor(const struct store *st)
{
	return st->actor[0] ? st->actor : NULL;
}

void store_set_role(struct store *st, int role)
{
	st->role = role;
}

int store_role(const struct store *st)
{
	return st->role;
}
