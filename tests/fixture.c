/* The unit tests' shared fixture (fixture.h): each helper checks what it does through
 * check.h, so that a setup step that goes wrong fails the test that asked for it, loudly,
 * instead of leaving it to fail later for a reason that is not the real one. */
#include <sqlite3.h>
#include <unistd.h>

#include "account.h"
#include "check.h"
#include "database.h"
#include "fixture.h"
#include "login.h"
#include "record.h"
#include "xalloc.h"

static char scratch[64];

struct store *fixture_open(const char *path)
{
	struct store *st = NULL;
	struct kerr err;
	if (!CHECK_INT(database_open(path, &st, &err), K_OK)) {
		fprintf(stderr, "  could not open %s: %s\n", path, err.msg);
		exit(1);
	}
	return st;
}

void fixture_fresh(struct store **st)
{
	store_close(*st);
	*st = fixture_open(":memory:");
}

long long fixture_count(struct store *st, const char *sql)
{
	long long n = -1;
	struct kerr err;
	if (!CHECK_INT(store_query_int(st, sql, &n, &err), K_OK))
		fprintf(stderr, "  %s: %s\n", sql, err.msg);
	return n;
}

bool fixture_check_count(const char *file, int line, struct store *st, const char *sql,
			 long long want)
{
	return check_long(file, line, sql, fixture_count(st, sql), want);
}

char *fixture_add(struct store *st, const struct entity_def *def, const char *const *pairs)
{
	struct kerr err;
	struct record *rec = record_new(def);
	for (int i = 0; pairs[i]; i += 2)
		if (!CHECK(record_set_named(rec, pairs[i], pairs[i + 1]) >= 0))
			fprintf(stderr, "  %s has no field %s\n", def->name, pairs[i]);
	int status = entity_create(st, rec, &err);
	if (!CHECK_INT(status, K_OK))
		fprintf(stderr, "  %s: %s\n", def->name, err.msg);
	char *id = xstrdup(status == K_OK ? rec->id : "");
	record_free(rec);
	return id;
}

void fixture_account(struct store *st, const char *username, const char *display_name,
		     enum role role)
{
	struct kerr err;
	if (!CHECK_INT(account_add(st, username, display_name, role, FIXTURE_PASSWORD, NULL, &err),
		       K_OK))
		fprintf(stderr, "  %s: %s\n", username, err.msg);
}

void fixture_team(struct store *st)
{
	fixture_account(st, "ada", "Ada Admin", ROLE_ADMIN);
	fixture_as(st, "ada");
	fixture_account(st, "cora", "Cora Coordinator", ROLE_COORDINATOR);
	fixture_account(st, "wes", "Wes Worker", ROLE_WORKER);
	fixture_account(st, "wren", "Wren Worker", ROLE_WORKER);
	login_logout(st);
}

void fixture_as(struct store *st, const char *username)
{
	struct kerr err;
	login_logout(st);
	if (username && !CHECK_INT(login_attempt(st, username, FIXTURE_PASSWORD, NULL, &err), K_OK))
		fprintf(stderr, "  %s: %s\n", username, err.msg);
}

const char *fixture_scratch(const char *suite)
{
	snprintf(scratch, sizeof scratch, "/tmp/kith-test-%s-XXXXXX", suite);
	if (!mkdtemp(scratch)) {
		perror(scratch);
		exit(2);
	}
	return scratch;
}

char *fixture_path(const char *name)
{
	return xasprintf("%s/%s", scratch, name);
}

void fixture_scratch_remove(void)
{
	char *rm = xasprintf("rm -rf '%s'", scratch);
	if (system(rm) != 0)
		fprintf(stderr, "could not remove %s\n", scratch);
	free(rm);
}

/* ---- query plans ---- */

static struct {
	bool (*want)(const char *sql);
	struct strbuf *out;
} planning;

static int plan_of(unsigned type, void *ctx, void *p, void *x)
{
	(void)ctx, (void)x;
	const char *sql = type == SQLITE_TRACE_STMT ? sqlite3_sql(p) : NULL;
	if (!sql || !planning.want(sql))
		return 0;
	char *eqp = xasprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *stmt = NULL;
	sqlite3_prepare_v2(sqlite3_db_handle(p), eqp, -1, &stmt, NULL);
	while (stmt && sqlite3_step(stmt) == SQLITE_ROW)
		strbuf_printf(planning.out, "%s\n", sqlite3_column_text(stmt, 3));
	sqlite3_finalize(stmt);
	free(eqp);
	return 0;
}

void fixture_plans(struct store *st, bool (*want)(const char *sql), struct strbuf *out)
{
	planning.want = want;
	planning.out = out;
	sqlite3_trace_v2(store_db(st), SQLITE_TRACE_STMT, plan_of, NULL);
}

void fixture_plans_stop(struct store *st)
{
	sqlite3_trace_v2(store_db(st), 0, NULL, NULL);
}
