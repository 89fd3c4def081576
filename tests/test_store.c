/* Opening a database safely: where it lives, its permissions whatever the umask, and a clear
 * refusal (with the file left exactly as it was) for links, foreign, damaged, newer, locked
 * and read-only files. */
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "database.h"
#include "file.h"
#include "fixture.h"
#include "schema.h"
#include "store.h"
#include "xalloc.h"

static const char *dir;

/* Opens path expecting refusal with status; checks the file did not change. */
static void refused_unchanged(const char *path, enum kstatus status, const char *words)
{
	size_t before_n = 0, after_n = 0;
	char *before = file_read(path, &before_n, NULL);
	struct store *st = NULL;
	struct kerr err;
	CHECK_INT(database_open(path, &st, &err), status);
	CHECK(st == NULL);
	CHECK_HAS(err.msg, words);
	CHECK(strchr(err.msg, '\n') == NULL);
	char *after = file_read(path, &after_n, NULL);
	CHECK(before && after && before_n == after_n && memcmp(before, after, before_n) == 0);
	free(before);
	free(after);
}

static void exec_raw(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fprintf(stderr, "exec_raw: %s\n", msg);
	sqlite3_free(msg);
	sqlite3_close(db);
}

static long long pragma(struct store *st, const char *sql)
{
	long long v = -1;
	struct kerr err;
	CHECK_INT(store_query_int(st, sql, &v, &err), K_OK);
	return v;
}

static void memory_database_has_the_schema_and_safe_settings(void)
{
	struct store *st = NULL;
	struct kerr err;
	CHECK_INT(database_open(":memory:", &st, &err), K_OK);
	CHECK_INT(pragma(st, "PRAGMA user_version"), SCHEMA_VERSION);
	CHECK_INT(pragma(st, "PRAGMA foreign_keys"), 1);
	CHECK_INT(pragma(st, "PRAGMA secure_delete"), 1);
	CHECK_INT(pragma(st, "PRAGMA trusted_schema"), 0);
	CHECK_INT(pragma(st, "PRAGMA synchronous"), 2);
	CHECK(pragma(st, "PRAGMA busy_timeout") >= 1000);
	CHECK_INT(pragma(st, "SELECT count(*) FROM sqlite_schema WHERE name IN ('person', "
			     "'asset', 'membership', 'tag', 'person_tag', 'asset_tag', 'referral', "
			     "'conversation', 'activity', 'attendance', 'wellbeing', 'worker', "
			     "'audit', 'setting', 'person_fts', 'asset_fts')"),
		  16);
	CHECK_INT(store_check(st, &err), K_OK);
	store_close(st);
}

static void new_file_is_private_whatever_the_umask(void)
{
	mode_t masks[] = {0, 0777, 022};
	for (size_t i = 0; i < sizeof masks / sizeof *masks; i++) {
		char *sub = xasprintf("%s/u%zu/deeper", dir, i);
		char *path = xasprintf("%s/kith.db", sub);
		mode_t old = umask(masks[i]);
		struct store *st = NULL;
		struct kerr err;
		CHECK_INT(database_open(path, &st, &err), K_OK);
		umask(old);
		struct stat sb;
		CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600);
		CHECK(stat(sub, &sb) == 0 && (sb.st_mode & 0777) == 0700);
		char *wal = xasprintf("%s-wal", path);
		CHECK(stat(wal, &sb) == 0 && (sb.st_mode & 0777) == 0600);
		store_close(st);
		free(wal);
		free(path);
		free(sub);
	}
}

static void default_path_follows_the_environment(void)
{
	char *path = NULL;
	struct kerr err;
	setenv("KITH_DB", "/srv/k.db", 1);
	CHECK_INT(store_default_path(&path, &err), K_OK);
	CHECK_STR(path, "/srv/k.db");
	free(path);
	unsetenv("KITH_DB");
	setenv("XDG_DATA_HOME", "/data", 1);
	store_default_path(&path, &err);
	CHECK_STR(path, "/data/kith/kith.db");
	free(path);
	setenv("XDG_DATA_HOME", "relative", 1); /* the XDG spec says to ignore it */
	setenv("HOME", "/home/connector", 1);
	store_default_path(&path, &err);
	CHECK_STR(path, "/home/connector/.local/share/kith/kith.db");
	free(path);
	unsetenv("XDG_DATA_HOME");
	char *data = xasprintf("%s/home", dir);
	setenv("HOME", data, 1);
	struct store *st = NULL;
	CHECK_INT(database_open(NULL, &st, &err), K_OK);
	CHECK_HAS(store_path(st), "/home/.local/share/kith/kith.db");
	struct stat sb;
	char *kdir = xasprintf("%s/.local/share/kith", data);
	CHECK(stat(kdir, &sb) == 0 && (sb.st_mode & 0777) == 0700);
	store_close(st);
	free(kdir);
	free(data);
}

static void symlink_refused(void)
{
	char *real = fixture_path("real.db"), *link = fixture_path("link.db");
	struct store *st = NULL;
	struct kerr err;
	CHECK_INT(database_open(real, &st, &err), K_OK);
	store_close(st);
	CHECK(symlink(real, link) == 0);
	refused_unchanged(link, K_UNSAFE, "symbolic link");
	free(real);
	free(link);
}

static void foreign_and_garbage_files_refused(void)
{
	char *other = fixture_path("other.db");
	exec_raw(other, "CREATE TABLE accounts (x); INSERT INTO accounts VALUES (1);");
	refused_unchanged(other, K_NOT_KITH, "not a kith one");
	char *junk = fixture_path("junk.db");
	FILE *f = fopen(junk, "wb");
	for (int i = 0; i < 5000; i++)
		fputc("kith!"[i % 5], f);
	fclose(f);
	refused_unchanged(junk, K_NOT_KITH, "not a kith database");
	free(other);
	free(junk);
}

static long long raw_int(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	long long v = -1;
	sqlite3_open(path, &db);
	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK &&
	    sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return v;
}

static void damaged_file_refused(void)
{
	char *path = fixture_path("damaged.db");
	struct store *st = NULL;
	struct kerr err;
	CHECK_INT(database_open(path, &st, &err), K_OK);
	store_close(st);
	exec_raw(path, "PRAGMA journal_mode = DELETE"); /* fold the log into the file */
	long long root = raw_int(path, "SELECT rootpage FROM sqlite_schema WHERE name = 'setting'");
	CHECK(root > 1);
	size_t n = 0;
	char *bytes = file_read(path, &n, NULL);
	/* overwrite the header of the settings table's root page */
	for (size_t i = (size_t)(root - 1) * 4096; i < (size_t)(root - 1) * 4096 + 12 && i < n; i++)
		bytes[i] = (char)0xA5;
	FILE *f = fopen(path, "wb");
	fwrite(bytes, 1, n, f);
	fclose(f);
	free(bytes);
	refused_unchanged(path, K_CORRUPT, "damaged");
	free(path);
}

static void newer_schema_refused(void)
{
	char *path = fixture_path("newer.db");
	struct store *st = NULL;
	struct kerr err;
	CHECK_INT(database_open(path, &st, &err), K_OK);
	store_close(st);
	exec_raw(path, "PRAGMA user_version = 99; PRAGMA journal_mode = DELETE;");
	refused_unchanged(path, K_NEWER, "newer kith");
	free(path);
}

/* regression: a negative user_version indexed the migration steps at -1 */
static void negative_or_foreign_versions_refused(void)
{
	char *neg = fixture_path("negative.db"), *foreign = fixture_path("foreign-v1.db");
	exec_raw(neg, "CREATE TABLE t (x); PRAGMA user_version = -1;");
	refused_unchanged(neg, K_NOT_KITH, "not a kith one");
	exec_raw(foreign, "CREATE TABLE t (x); PRAGMA user_version = 1;");
	refused_unchanged(foreign, K_NOT_KITH, "not a kith one");
	free(neg);
	free(foreign);
}

static void locked_file_refused(void)
{
	char *path = fixture_path("locked.db");
	struct store *st = NULL;
	struct kerr err;
	CHECK_INT(database_open(path, &st, &err), K_OK);
	store_close(st);
	sqlite3 *other = NULL;
	sqlite3_open(path, &other);
	CHECK_INT(sqlite3_exec(other, "BEGIN EXCLUSIVE", NULL, NULL, NULL), SQLITE_OK);
	CHECK_INT(database_open(path, &st, &err), K_BUSY);
	CHECK_HAS(err.msg, "locked by another program");
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);
	CHECK_INT(database_open(path, &st, &err), K_OK);
	store_close(st);
	free(path);
}

/* Root ignores file permissions, so the check runs as nobody when the tests run as root. */
static void read_only_file_and_place_refused(void)
{
	char *ro = fixture_path("ro");
	mkdir(ro, 0755);
	char *file = xasprintf("%s/kith.db", ro);
	struct store *st = NULL;
	struct kerr err;
	CHECK_INT(database_open(file, &st, &err), K_OK);
	store_close(st);
	chmod(file, 0644);
	chmod(ro, 0755);
	char *fresh = xasprintf("%s/new.db", ro);
	pid_t pid = fork();
	if (pid == 0) {
		if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
			_exit(9);
		if (geteuid() != 0) {
			chmod(file, 0444);
			chmod(ro, 0555);
		}
		int a = database_open(file, &st, &err);
		int b = database_open(fresh, &st, &err);
		_exit(a == K_READONLY && (b == K_READONLY || b == K_IO) ? 0 : 1);
	}
	int wstatus = 0;
	waitpid(pid, &wstatus, 0);
	CHECK(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0);
	chmod(ro, 0755);
	chmod(file, 0600);
	free(fresh);
	free(file);
	free(ro);
}

static void nested_transactions_roll_back_inner_work_only(void)
{
	struct store *st = NULL;
	struct kerr err;
	database_open(":memory:", &st, &err);
	CHECK_INT(store_begin(st, &err), K_OK);
	CHECK_INT(store_exec(st, "INSERT INTO setting VALUES ('a', '1', 'x', 'x', NULL, NULL)",
			     &err),
		  K_OK);
	CHECK_INT(store_begin(st, &err), K_OK);
	store_exec(st, "INSERT INTO setting VALUES ('b', '1', 'x', 'x', NULL, NULL)", &err);
	store_rollback(st);
	CHECK_INT(store_commit(st, &err), K_OK);
	CHECK_INT(pragma(st, "SELECT group_concat(key) FROM setting"), 0);
	CHECK_INT(pragma(st, "SELECT count(*) FROM setting WHERE key = 'a'"), 1);
	CHECK_INT(pragma(st, "SELECT count(*) FROM setting WHERE key = 'b'"), 0);
	CHECK_INT(store_commit(st, &err), K_DB); /* nothing open */
	store_close(st);
}

/* A bulk write's nested transactions take no savepoints: one rolled back having changed
 * nothing is as if it had one; one that changed something spoils the whole, which then
 * refuses to commit rather than keep half of it. */
static void flat_transactions_keep_nothing_half_done(void)
{
	struct store *st = NULL;
	struct kerr err;
	database_open(":memory:", &st, &err);
	CHECK_INT(store_begin(st, &err), K_OK);
	store_flat(st, true);
	CHECK_INT(store_exec(st, "INSERT INTO setting VALUES ('a', '1', 'x', 'x', NULL, NULL)",
			     &err),
		  K_OK);
	CHECK_INT(store_begin(st, &err), K_OK);
	CHECK_INT(pragma(st, "SELECT count(*) FROM setting WHERE key = 'zz'"), 0);
	store_rollback(st); /* nothing changed: nothing to take back */
	CHECK_INT(store_begin(st, &err), K_OK);
	CHECK_INT(store_exec(st, "INSERT INTO setting VALUES ('b', '1', 'x', 'x', NULL, NULL)",
			     &err),
		  K_OK);
	CHECK_INT(store_commit(st, &err), K_OK);
	store_flat(st, false);
	CHECK_INT(store_commit(st, &err), K_OK);
	CHECK_INT(pragma(st, "SELECT count(*) FROM setting WHERE key IN ('a', 'b')"), 2);

	CHECK_INT(store_begin(st, &err), K_OK);
	store_flat(st, true);
	CHECK_INT(store_begin(st, &err), K_OK);
	store_exec(st, "INSERT INTO setting VALUES ('c', '1', 'x', 'x', NULL, NULL)", &err);
	store_rollback(st); /* changed something it cannot take back alone */
	store_flat(st, false);
	CHECK_INT(store_commit(st, &err), K_DB);
	CHECK_HAS(err.msg, "nothing was written");
	CHECK_INT(pragma(st, "SELECT count(*) FROM setting WHERE key = 'c'"), 0);
	CHECK_INT(store_in_transaction(st), 0);
	/* and the next transaction is whole again */
	CHECK_INT(store_begin(st, &err), K_OK);
	CHECK_INT(store_exec(st, "INSERT INTO setting VALUES ('d', '1', 'x', 'x', NULL, NULL)",
			     &err),
		  K_OK);
	CHECK_INT(store_commit(st, &err), K_OK);
	CHECK_INT(pragma(st, "SELECT count(*) FROM setting WHERE key = 'd'"), 1);
	store_close(st);
}

static void rows_are_never_deleted(void)
{
	struct store *st = NULL;
	struct kerr err;
	database_open(":memory:", &st, &err);
	store_exec(st, "INSERT INTO setting VALUES ('a', '1', 'x', 'x', NULL, NULL)", &err);
	CHECK_INT(store_exec(st, "DELETE FROM setting", &err), K_INVALID);
	CHECK_HAS(err.msg, "tombstones");
	CHECK_INT(
		store_exec(st,
			   "INSERT INTO audit (id, seq, action, created_at, updated_at) "
			   "VALUES ('00000000-0000-4000-8000-000000000000', 1, 'login', 'x', 'x')",
			   &err),
		K_OK);
	CHECK_INT(store_exec(st, "UPDATE audit SET action = 'lock'", &err), K_INVALID);
	CHECK_HAS(err.msg, "append-only");
	CHECK_INT(store_exec(st, "DELETE FROM audit", &err), K_INVALID);
	store_close(st);
}

int main(void)
{
	dir = fixture_scratch("store");
	chmod(dir, 0755);
	RUN(memory_database_has_the_schema_and_safe_settings);
	RUN(new_file_is_private_whatever_the_umask);
	RUN(default_path_follows_the_environment);
	RUN(symlink_refused);
	RUN(foreign_and_garbage_files_refused);
	RUN(damaged_file_refused);
	RUN(newer_schema_refused);
	RUN(negative_or_foreign_versions_refused);
	RUN(locked_file_refused);
	RUN(read_only_file_and_place_refused);
	RUN(nested_transactions_roll_back_inner_work_only);
	RUN(flat_transactions_keep_nothing_half_done);
	RUN(rows_are_never_deleted);
	fixture_scratch_remove();
	return check_summary("store");
}
