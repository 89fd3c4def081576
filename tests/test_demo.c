/* The demo community: repeatable for a seed, the sizes asked for, believable (many scripts,
 * hubs, clusters, isolated assets, journeys), consistent, and never mixed with real data. */
#include <sqlite3.h>

#include "check.h"
#include "demo.h"
#include "database.h"
#include "fixture.h"
#include "store.h"
#include "strbuf.h"
#include "xalloc.h"

static struct store *demo(long seed, long people, long assets, long referrals,
			  struct demo_counts *n)
{
	struct store *st = fixture_open(":memory:");
	struct kerr err;
	struct demo_options opt = {seed, people, assets, referrals, false};
	if (!CHECK_INT(demo_fill(st, &opt, n, &err), K_OK))
		fprintf(stderr, "  %s\n", err.msg);
	return st;
}

/* Every row of the tables that matter, as text, in id order. */
static char *dump(struct store *st)
{
	static const char *const sql[] = {
		"SELECT id, given_name, family_name, postcode, created_at FROM person ORDER BY id",
		"SELECT id, name, category, person_id FROM asset ORDER BY id",
		"SELECT id, person_id, from_asset_id, to_asset_id, date, status FROM referral "
		"ORDER BY id",
		"SELECT asset_id, person_id, role FROM membership ORDER BY 1, 2",
		"SELECT id, date, hopes FROM conversation ORDER BY id",
	};
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < sizeof sql / sizeof *sql; i++) {
		sqlite3_stmt *stmt = NULL;
		sqlite3_prepare_v2(store_db(st), sql[i], -1, &stmt, NULL);
		while (sqlite3_step(stmt) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(stmt); c++) {
				const unsigned char *v = sqlite3_column_text(stmt, c);
				strbuf_printf(&sb, "%s|", v ? (const char *)v : "");
			}
			strbuf_putc(&sb, '\n');
		}
		sqlite3_finalize(stmt);
	}
	return strbuf_take(&sb);
}

static void same_seed_same_community(void)
{
	struct demo_counts n1, n2, n3;
	struct store *a = demo(7, 200, 40, 600, &n1), *b = demo(7, 200, 40, 600, &n2);
	struct store *c = demo(8, 200, 40, 600, &n3);
	char *da = dump(a), *db = dump(b), *dc = dump(c);
	CHECK(strlen(da) > 10000);
	CHECK(strcmp(da, db) == 0);
	CHECK(strcmp(da, dc) != 0);
	free(da), free(db), free(dc);
	store_close(a), store_close(b), store_close(c);
}

static void sizes_are_as_asked(void)
{
	struct demo_counts n;
	struct store *st = demo(1, 300, 60, 900, &n);
	CHECK_INT(n.people, 300);
	CHECK_COUNT(st, "SELECT count(*) FROM person", 300);
	CHECK_INT(n.assets, 60);
	CHECK_COUNT(st, "SELECT count(*) FROM asset", 60);
	CHECK_INT(n.referrals, 900);
	CHECK_COUNT(st, "SELECT count(*) FROM referral", 900);
	CHECK_COUNT(st, "SELECT count(*) FROM asset WHERE category = 'association'", n.groups);
	CHECK(n.conversations > 150 && n.memberships > 30 && n.activities >= 12 && n.tags > 20);
	store_close(st);
	struct store *empty = demo(1, 0, 0, 0, &n);
	CHECK_COUNT(empty, "SELECT count(*) FROM person", 0);
	store_close(empty);
}

static void believable_community(void)
{
	struct demo_counts n;
	struct store *st = demo(3, 400, 80, 1500, &n);
	/* names in several scripts, and some wider than they are long */
	CHECK(fixture_count(st, "SELECT count(*) FROM person WHERE given_name GLOB '*[^ -~]*'") >
	      20);
	CHECK(fixture_count(st,
			    "SELECT count(*) FROM person WHERE unicode(given_name) >= 0x0600 AND "
			    "unicode(given_name) < 0x06FF") > 0); /* Arabic */
	CHECK(fixture_count(st, "SELECT count(*) FROM person WHERE unicode(given_name) >= 0x4E00") >
	      0);
	/* every category of asset, with a connector team */
	CHECK_COUNT(st, "SELECT count(DISTINCT category) FROM asset", 6);
	CHECK_COUNT(st, "SELECT count(*) FROM asset WHERE name = 'Community Connector Team'", 1);
	/* hubs: the busiest asset sends far more than the typical one */
	CHECK(fixture_count(st, "SELECT max(n) FROM (SELECT count(*) n FROM referral GROUP BY "
				"from_asset_id)") > 10 * (1500 / 80));
	/* some assets are on the map but in no referral */
	CHECK(fixture_count(st, "SELECT count(*) FROM asset a WHERE NOT EXISTS (SELECT 1 FROM "
				"referral r WHERE r.from_asset_id = a.id OR r.to_asset_id = "
				"a.id)") > 0);
	/* clusters: most referrals stay within a neighbourhood */
	long long local = fixture_count(
		st, "SELECT count(*) FROM referral r JOIN asset f ON f.id = "
		    "r.from_asset_id JOIN asset t ON t.id = r.to_asset_id WHERE "
		    "f.neighbourhood = t.neighbourhood");
	CHECK(local * 2 > 1500);
	/* journeys: people are often sent on from where they were sent */
	CHECK(fixture_count(st,
			    "SELECT count(*) FROM referral a JOIN referral b ON b.person_id = "
			    "a.person_id AND b.from_asset_id = a.to_asset_id AND b.date > a.date") >
	      100);
	/* two years of history, nothing in the future, statuses settled with age */
	CHECK(fixture_count(st, "SELECT min(date) FROM referral") > 0);
	CHECK_COUNT(st,
		    "SELECT count(*) FROM referral WHERE date > '2026-11-22' OR date < "
		    "'2024-11-22'",
		    0);
	CHECK_COUNT(st,
		    "SELECT count(*) FROM referral WHERE status = 'made' AND date < "
		    "'2026-09-01'",
		    0);
	CHECK(fixture_count(st,
			    "SELECT count(*) FROM referral WHERE status IN ('made', 'contacted') "
			    "AND follow_up_date <= '2026-11-22'") > 0);
	store_close(st);
}

static void consistent_and_searchable(void)
{
	struct demo_counts n;
	struct store *st = demo(5, 250, 50, 700, &n);
	struct kerr err;
	CHECK_COUNT(st, "SELECT count(*) FROM pragma_foreign_key_check", 0);
	CHECK_INT(store_check(st, &err), K_OK);
	/* the search index holds exactly the live people and assets (its own check compares
	 * every row with its content) and finds them */
	CHECK_COUNT(st, "SELECT count(*) FROM person_fts", 250);
	CHECK(fixture_count(st, "SELECT count(*) FROM person_fts WHERE person_fts MATCH 'sa*'") >
	      0);
	CHECK_COUNT(st,
		    "SELECT count(*) FROM asset WHERE category = 'individual' AND "
		    "person_id IS NULL",
		    0);
	long long asked = fixture_count(st, "SELECT count(*) FROM person WHERE consent_status <> "
					    "'not_asked'");
	CHECK_COUNT(st, "SELECT count(*) FROM consent_event", asked);
	store_close(st);
}

/* regression: index names from the file were pasted into SQL run as several statements */
static void crafted_index_names_do_not_run_as_sql(void)
{
	struct store *st = fixture_open(":memory:");
	struct kerr err;
	CHECK_INT(store_exec(st,
			     "CREATE INDEX \"y\"\"; CREATE TABLE pwned (a); --\" ON "
			     "person (given_name)",
			     &err),
		  K_OK);
	struct demo_options opt = {1, 20, 8, 30, false};
	struct demo_counts n;
	CHECK_INT(demo_fill(st, &opt, &n, &err), K_OK);
	CHECK_COUNT(st, "SELECT count(*) FROM sqlite_schema WHERE name = 'pwned'", 0);
	CHECK_COUNT(st, "SELECT count(*) FROM person", 20);
	store_close(st);
}

static void never_mixed_with_real_records(void)
{
	struct demo_counts n;
	struct store *st = demo(1, 10, 5, 10, &n);
	struct demo_options opt = {1, 10, 5, 10, false};
	struct kerr err;
	CHECK_INT(demo_fill(st, &opt, &n, &err), K_REFUSED);
	CHECK_HAS(err.msg, "already holds records");
	CHECK_COUNT(st, "SELECT count(*) FROM person", 10);
	store_close(st);
}

int main(void)
{
	RUN(same_seed_same_community);
	RUN(sizes_are_as_asked);
	RUN(believable_community);
	RUN(consistent_and_searchable);
	RUN(crafted_index_names_do_not_run_as_sql);
	RUN(never_mixed_with_real_records);
	return check_summary("demo");
}
