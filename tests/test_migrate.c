/* Migration: a file made by an older kith is brought forward in one transaction, keeps its
 * records, and ends with exactly the schema a new file gets. tests/data/schema-v1.sql is the
 * first schema as it was released. */
#include <sqlite3.h>
#include <unistd.h>

#include "check.h"
#include "entity.h"
#include "database.h"
#include "fixture.h"
#include "person.h"
#include "record.h"
#include "schema.h"
#include "store.h"
#include "strbuf.h"
#include "xalloc.h"

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	return strbuf_take(&sb);
}

static int raw_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK)
		fprintf(stderr, "raw_exec: %s\n", msg);
	sqlite3_free(msg);
	return rc;
}

/* A file as kith 0.1 left it: schema 1 and a little data, written by another program, so
 * its search index changes wait in the queue for kith to apply. extra is run after. */
static char *make_v1(const char *name, const char *extra)
{
	char *path = fixture_path(name);
	char *v1 = read_text(KITH_TEST_DATA "/schema-v1.sql");
	CHECK(v1 != NULL);
	sqlite3 *db = NULL;
	sqlite3_open(path, &db);
	CHECK_INT(raw_exec(db, v1 ? v1 : ""), SQLITE_OK);
	CHECK_INT(
		raw_exec(
			db,
			"PRAGMA user_version = 1;"
			"INSERT INTO worker (id, username, created_at, updated_at) VALUES "
			" ('11111111-1111-4111-8111-111111111111', 'grace', '2025-01-01', '2025-01-01');"
			"INSERT INTO person (id, fts_rowid, given_name, family_name, consent_status, "
			" consent_basis, consent_date, consent_by, created_at, updated_at) VALUES "
			" ('22222222-2222-4222-8222-222222222222', 1, 'Amina', 'Yusuf', 'given', "
			"  'consent', '2025-03-01', '11111111-1111-4111-8111-111111111111', "
			"  '2025-03-01T10:00:00.000Z', '2025-03-01T10:00:00.000Z'),"
			" ('33333333-3333-4333-8333-333333333333', 2, 'Zoë', 'Clarke', 'not_asked', "
			"  '', NULL, NULL, '2025-04-01T10:00:00.000Z', '2025-04-01T10:00:00.000Z');"),
		SQLITE_OK);
	if (extra)
		raw_exec(db, extra);
	sqlite3_close(db);
	free(v1);
	return path;
}

/* Every schema object and every column, index key and trigger body, as one text. */
static char *describe(struct store *st)
{
	sqlite3 *db = store_db(st);
	struct strbuf sb = STRBUF_INIT;
	sqlite3_stmt *objs = NULL, *cols = NULL;
	sqlite3_prepare_v2(db,
			   "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema "
			   "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
			   -1, &objs, NULL);
	while (sqlite3_step(objs) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(objs, 0);
		const char *name = (const char *)sqlite3_column_text(objs, 1);
		strbuf_printf(&sb, "%s %s on %s\n", type, name, sqlite3_column_text(objs, 2));
		if (strcmp(type, "trigger") == 0 || strcmp(type, "view") == 0) {
			/* the text, with runs of white space made one */
			for (const unsigned char *p = sqlite3_column_text(objs, 3); *p; p++)
				if (!(*p <= ' ' && (p[1] <= ' ')))
					strbuf_putc(&sb, *p <= ' ' ? ' ' : (char)*p);
			strbuf_putc(&sb, '\n');
			continue;
		}
		char *sql = xasprintf("SELECT * FROM pragma_%s_xinfo(?)",
				      strcmp(type, "index") == 0 ? "index" : "table");
		sqlite3_prepare_v2(db, sql, -1, &cols, NULL);
		sqlite3_bind_text(cols, 1, name, -1, SQLITE_STATIC);
		while (sqlite3_step(cols) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(cols); c++) {
				const unsigned char *v = sqlite3_column_text(cols, c);
				strbuf_printf(&sb, " %s", v ? (const char *)v : "-");
			}
			strbuf_putc(&sb, '\n');
		}
		sqlite3_finalize(cols);
		free(sql);
	}
	sqlite3_finalize(objs);
	return strbuf_take(&sb);
}

/* A migration listed in meson.build without SCHEMA_VERSION moved on would never run. */
static void every_listed_migration_is_a_step_to_this_version(void)
{
	CHECK_INT(migration_sql_count, SCHEMA_VERSION - 1);
	for (int v = 1; v < SCHEMA_VERSION; v++)
		CHECK(schema_step(v) != NULL);
	CHECK(schema_step(SCHEMA_VERSION) == NULL);
}

static void v1_file_migrates_to_the_schema_of_a_new_file(void)
{
	char *path = make_v1("v1.db", NULL);
	struct store *old = fixture_open(path), *fresh = fixture_open(":memory:");
	struct kerr err;
	CHECK_COUNT(old, "PRAGMA user_version", SCHEMA_VERSION);
	char *a = describe(old), *b = describe(fresh);
	CHECK(strlen(a) > 1000);
	if (!CHECK(strcmp(a, b) == 0))
		fprintf(stderr, "--- migrated:\n%s\n--- new:\n%s\n", a, b);
	free(a);
	free(b);
	CHECK_INT(store_check(old, &err), K_OK);
	store_close(old);
	store_close(fresh);
	free(path);
}

static void migrated_records_are_kept_and_consent_history_begins(void)
{
	char *path = make_v1("v1b.db", NULL);
	struct store *st = fixture_open(path);
	struct kerr err;
	CHECK_COUNT(st, "SELECT count(*) FROM person", 2);
	CHECK_COUNT(st,
		    "SELECT count(*) FROM consent_event WHERE person_id = "
		    "'22222222-2222-4222-8222-222222222222' AND status = 'given' "
		    "AND date = '2025-03-01'",
		    1);
	CHECK_COUNT(st, "SELECT count(*) FROM consent_event", 1);
	char id[ID_LEN];
	CHECK_INT(entity_resolve(st, &person_entity, "zoe clarke", id, &err), K_OK);
	struct record *zoe = NULL;
	CHECK_INT(entity_load(st, &person_entity, id, &zoe, &err), K_OK);
	record_set(zoe, PERSON_CONSENT_STATUS, "given");
	CHECK_INT(entity_update(st, zoe, &err), K_OK);
	CHECK_COUNT(st,
		    "SELECT count(*) FROM consent_event WHERE status = 'given' AND basis = "
		    "'consent' AND date IS NOT NULL",
		    2);
	record_set(zoe, PERSON_CONSENT_STATUS, "refused");
	CHECK_INT(entity_update(st, zoe, &err), K_OK);
	CHECK_COUNT(st, "SELECT count(*) FROM consent_event", 3);
	record_free(zoe);
	store_close(st);
	free(path);
}

/* Activities recorded before schema 13 counted everyone in headcount; the people recorded by
 * name are now counted from attendance, so the migrated count keeps only the rest, and the
 * table rebuilt underneath keeps who came. */
#define ACT(id, name, count) \
	"INSERT INTO activity (id, name, kind, date, headcount, created_at, updated_at, " \
	"updated_by) VALUES ('" id "', '" name "', 'walkabout', '2025-05-01', " count ", " \
	"'2025-05-01T10:00:00.000Z', '2025-05-01T10:00:00.000Z', " \
	"'11111111-1111-4111-8111-111111111111');"
#define CAME(act, person, gone) \
	"INSERT INTO attendance (activity_id, person_id, created_at, updated_at, deleted_at) " \
	"VALUES ('" act "', '" person "', '2025-05-01', '2025-05-01', " gone ");"
#define WALK "44444444-4444-4444-8444-444444444444"
#define CAFE "55555555-5555-4555-8555-555555555555"
#define AMINA "22222222-2222-4222-8222-222222222222"
#define ZOE "33333333-3333-4333-8333-333333333333"

static void headcounts_become_those_not_recorded_by_name(void)
{
	/* clang-format off */
	char *path = make_v1("v1c.db",
		ACT(WALK, "Northgate walk", "12")
		ACT(CAFE, "Café", "1")
		ACT("66666666-6666-4666-8666-666666666666", "Quiet meeting", "NULL")
		CAME(WALK, AMINA, "NULL")
		CAME(WALK, ZOE, "'2025-05-02'")
		CAME(CAFE, AMINA, "NULL")
		CAME(CAFE, ZOE, "NULL"));
	/* clang-format on */
	struct store *st = fixture_open(path);
	CHECK_COUNT(st, "SELECT unnamed FROM activity WHERE id = '" WALK "'", 11);
	CHECK_COUNT(st, "SELECT unnamed FROM activity WHERE id = '" CAFE "'", 0);
	CHECK_COUNT(st, "SELECT sum(unnamed) FROM activity", 11);
	CHECK_COUNT(st,
		    "SELECT count(*) FROM activity WHERE new_activity = 0 AND worker_id = "
		    "'11111111-1111-4111-8111-111111111111'",
		    3);
	CHECK_COUNT(st, "SELECT count(*) FROM attendance a JOIN activity t ON t.id = a.activity_id",
		    4);
	CHECK_COUNT(st, "SELECT count(*) FROM pragma_foreign_key_check", 0);
	CHECK_COUNT(st, "SELECT foreign_keys FROM pragma_foreign_keys", 1);
	store_close(st);
	free(path);
}

static void failed_migration_changes_nothing(void)
{
	/* a file whose owner added a table in the way of the migration */
	char *path = make_v1("clash.db", "CREATE TABLE consent_event (x);");
	struct store *st = NULL;
	struct kerr err;
	CHECK(database_open(path, &st, &err) != K_OK);
	CHECK(st == NULL);
	CHECK_HAS(err.msg, "consent_event");
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	sqlite3_open(path, &db);
	sqlite3_prepare_v2(db,
			   "SELECT (SELECT user_version FROM pragma_user_version), "
			   "(SELECT count(*) FROM person), (SELECT count(*) FROM sqlite_schema "
			   "WHERE name = 'consent_on_update')",
			   -1, &stmt, NULL);
	CHECK_INT(sqlite3_step(stmt), SQLITE_ROW);
	CHECK_INT(sqlite3_column_int(stmt, 0), 1);
	CHECK_INT(sqlite3_column_int(stmt, 1), 2);
	CHECK_INT(sqlite3_column_int(stmt, 2), 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	free(path);
}

int main(void)
{
	fixture_scratch("migrate");
	RUN(every_listed_migration_is_a_step_to_this_version);
	RUN(v1_file_migrates_to_the_schema_of_a_new_file);
	RUN(migrated_records_are_kept_and_consent_history_begins);
	RUN(headcounts_become_those_not_recorded_by_name);
	RUN(failed_migration_changes_nothing);
	fixture_scratch_remove();
	return check_summary("migrate");
}
