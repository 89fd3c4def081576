/* Partnerships, funding and the readiness self-assessment: money in pounds kept in pence,
 * who may write and read them, the partnership network's figures and the network and
 * readiness reports, each figure checked against SQL written here. */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "demo.h"
#include "entity.h"
#include "fixture.h"
#include "funding.h"
#include "partnership.h"
#include "readiness.h"
#include "record.h"
#include "report.h"
#include "store.h"
#include "strbuf.h"
#include "valid.h"
#include "xalloc.h"

static struct store *st;

/* The real number sql gives (an average), or NAN. */
static double sql_real(const char *sql)
{
	sqlite3_stmt *stmt = NULL;
	double v = NAN;
	if (sqlite3_prepare_v2(store_db(st), sql, -1, &stmt, NULL) == SQLITE_OK &&
	    sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL)
		v = sqlite3_column_double(stmt, 0);
	sqlite3_finalize(stmt);
	return v;
}

static const struct report_block *block(const struct report *r, const char *key)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->blocks[i].key && strcmp(r->blocks[i].key, key) == 0)
			return &r->blocks[i];
	fprintf(stderr, "  no block %s\n", key);
	return NULL;
}

static bool figure_is(const struct report *r, const char *key, double want)
{
	const struct report_block *b = block(r, key);
	/* the report gives two places */
	bool same = b && b->has_value && fabs(b->value - round(want * 100) / 100) < 1e-9;
	if (!same)
		fprintf(stderr, "  %s: got %g, SQL says %g\n", key, b ? b->value : NAN, want);
	return CHECK(same);
}

static void amounts_are_pounds_typed_and_shown_and_pence_kept(void)
{
	struct kerr err;
	long long p = 0;
	char out[48];
	static const struct {
		const char *typed;
		long long pence;
	} good[] = {{"£1,250.50", 125050}, {"1250.5", 125050}, {"1,250", 125000},
		    {"£ 9,950", 995000},   {"0.07", 7},        {"1,000,000", 100000000}};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
		CHECK_INT(valid_money(good[i].typed, &p, "amount", &err), K_OK);
		CHECK(p == good[i].pence);
	}
	static const char *const bad[] = {"12.345", "-3", "12,50", "1,2345", "£", "ten", "1."};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		CHECK_INT(valid_money(bad[i], &p, "amount", &err), K_INVALID);
	valid_money_text(125050, false, out, sizeof out);
	CHECK_STR(out, "£1,250.50");
	valid_money_text(125000, false, out, sizeof out);
	CHECK_STR(out, "£1,250");

	fixture_fresh(&st);
	char *id = fixture_add(st, &funding_entity,
			       PAIRS("funder", "Awards for All", "amount", "£9,950.25", "date",
				     "2026-03-01", "purpose", "community café"));
	CHECK_COUNT(st, "SELECT amount_pence FROM funding", 995025);
	struct record *rec = NULL;
	CHECK_INT(entity_load(st, &funding_entity, id, &rec, &err), K_OK);
	CHECK_STR(record_get(rec, FUNDING_AMOUNT), "9950.25");
	record_free(rec);
	free(id);

	rec = record_new(&funding_entity);
	record_set(rec, FUNDING_FUNDER, "Ward budget");
	record_set(rec, FUNDING_AMOUNT, "12.345");
	CHECK_INT(entity_create(st, rec, &err), K_INVALID);
	CHECK_STR(err.field, "amount_pence");
	CHECK_HAS(err.msg, "amount: '12.345'");
	CHECK_STR(record_get(rec, FUNDING_FUNDER), "Ward budget"); /* nothing typed lost */
	CHECK_COUNT(st, "SELECT count(*) FROM funding", 1);
	record_free(rec);
}

static int add_named(const struct entity_def *def, const char *const *pairs, char **id)
{
	struct kerr err;
	struct record *rec = record_new(def);
	for (const char *const *p = pairs; *p; p += 2)
		record_set_named(rec, p[0], p[1]);
	int status = entity_create(st, rec, &err);
	*id = status == K_OK ? xstrdup(rec->id) : NULL;
	record_free(rec);
	return status;
}

static void coordinators_write_workers_read_and_no_one_logged_out(void)
{
	struct kerr err;
	char *id = NULL;
	fixture_fresh(&st);
	fixture_team(st);
	fixture_as(st, "cora");
	free(fixture_add(st, entity_get(ENTITY_ASSET),
			 PAIRS("name", "Knit and Natter", "category", "association")));
	CHECK_INT(add_named(&partnership_entity, PAIRS("name", "Food Network"), &id), K_OK);
	free(id);
	CHECK_INT(partnership_join(st, "Food Network", "Knit and Natter", &err), K_OK);
	CHECK_INT(add_named(&readiness_entity, PAIRS("title", "Baseline"), &id), K_OK);
	free(id);
	CHECK_INT(readiness_rate(st, "Baseline", 1, 2, "a design group", &err), K_OK);

	fixture_as(st, "wes");
	long long n = 0;
	struct report r;
	struct report_query q = {.from = "2026-01-01", .to = "2026-12-31"};
	CHECK_INT(entity_count(st, &partnership_entity, &n, &err), K_OK);
	CHECK(n == 1);
	CHECK_INT(report_build(st, report_find("readiness"), &q, &r, &err), K_OK);
	report_free(&r);
	struct partnership_figures f;
	CHECK_INT(partnership_figures(st, "2026-01-01", "2026-12-31", &f, &err), K_OK);
	static const struct entity_def *const defs[] = {&partnership_entity, &funding_entity,
							&readiness_entity};
	for (int k = 0; k < 3; k++) {
		CHECK_INT(add_named(defs[k],
				    PAIRS("name", "X", "funder", "X", "amount", "1", "title", "X"),
				    &id),
			  K_REFUSED);
	}
	CHECK_INT(partnership_leave(st, "Food Network", "Knit and Natter", &err), K_REFUSED);
	CHECK_INT(readiness_rate(st, "Baseline", 1, 4, NULL, &err), K_REFUSED);
	CHECK_COUNT(st, "SELECT rating FROM readiness_answer", 2);

	fixture_as(st, NULL);
	CHECK_INT(entity_count(st, &funding_entity, &n, &err), K_REFUSED);
	CHECK_INT(partnership_figures(st, "2026-01-01", "2026-12-31", &f, &err), K_REFUSED);
	struct partner_list pl;
	CHECK_INT(partnership_partners(st, "x", &pl, &err), K_REFUSED);
	q = (struct report_query){.from = "2026-01-01", .to = "2026-12-31"};
	CHECK_INT(report_build(st, report_find("network"), &q, &r, &err), K_REFUSED);
	report_free(&r);
}

/* clang-format off */
#define PERIOD_FROM "2025-07-01"
#define PERIOD_TO "2026-06-30"
/* Partnerships counting in the period, as the register's reader means it. */
#define COUNTING_SQL "FROM partnership s WHERE s.deleted_at IS NULL AND s.status IN ('active', " \
	"'ended') AND s.since <= '" PERIOD_TO "' AND coalesce(s.ended, '9999') >= '" PERIOD_FROM "'"
/* clang-format on */

/* Eight groups, institutions and a park; seven partnerships around the period 1 July 2025 to
 * 30 June 2026: before it, across it, ended in it, new in it, forming, after it. */
static void scene(void)
{
	struct kerr err;
	fixture_fresh(&st);
	static const char *const assets[][2] = {
		{"Food Bank", "institution"},    {"Knit Club", "association"},
		{"Library", "institution"},      {"Youth Club", "association"},
		{"Chess Club", "association"},   {"Park", "space"},
		{"Lonely Group", "association"}, {"Old Org", "institution"}};
	for (int i = 0; i < 8; i++)
		free(fixture_add(st, entity_get(ENTITY_ASSET),
				 PAIRS("name", assets[i][0], "category", assets[i][1])));
	static const struct {
		const char *name, *since, *status, *ended, *partners[4];
	} ships[] = {
		{"P1", "2025-01-01", "active", "", {"Food Bank", "Knit Club", "Library", NULL}},
		{"P2", "2025-06-01", "ended", "2025-09-01", {"Library", "Youth Club", NULL}},
		{"P3", "2026-02-01", "active", "", {"Chess Club", "Park", NULL}},
		{"P4", "2026-03-01", "forming", "", {"Lonely Group", NULL}},
		{"P5", "2024-01-01", "ended", "2024-06-01", {"Old Org", "Food Bank", NULL}},
		{"P6", "2026-08-01", "active", "", {"Lonely Group", "Old Org", NULL}},
		{"P7", "2025-08-01", "active", "", {"Food Bank", "Knit Club", "Youth Club", NULL}},
	};
	for (size_t i = 0; i < sizeof ships / sizeof *ships; i++) {
		free(fixture_add(st, &partnership_entity,
				 PAIRS("name", ships[i].name, "since", ships[i].since, "status",
				       ships[i].status, "ended", ships[i].ended)));
		for (int k = 0; ships[i].partners[k]; k++)
			CHECK_INT(partnership_join(st, ships[i].name, ships[i].partners[k], &err),
				  K_OK);
	}
	/* one who left is no partner: P7 keeps Food Bank and Knit Club, a pair P1 has too */
	CHECK_INT(partnership_leave(st, "P7", "Youth Club", &err), K_OK);
	CHECK_INT(partnership_leave(st, "P7", "Youth Club", &err), K_NOT_FOUND);
}

static void the_partnership_network_counts_what_sql_counts(void)
{
	struct kerr err;
	struct partnership_figures f;
	scene();
	CHECK_INT(partnership_figures(st, PERIOD_FROM, PERIOD_TO, &f, &err), K_OK);
	CHECK(f.partnerships == fixture_count(st, "SELECT count(*) " COUNTING_SQL));
	CHECK(f.started == fixture_count(st, "SELECT count(*) " COUNTING_SQL
					     " AND s.since >= '" PERIOD_FROM "'"));
	CHECK(f.ended ==
	      fixture_count(st, "SELECT count(*) " COUNTING_SQL " AND s.ended <= '" PERIOD_TO "'"));
	CHECK(f.forming == fixture_count(st, "SELECT count(*) FROM partnership WHERE status = "
					     "'forming' AND since <= '" PERIOD_TO "'"));
	CHECK(f.organisations == fixture_count(st, "SELECT count(*) FROM asset WHERE category IN "
						   "('association', 'institution')"));
	CHECK(f.in_none ==
	      fixture_count(st, "SELECT count(*) FROM asset a WHERE a.category IN "
				"('association', 'institution') AND a.id NOT IN (SELECT "
				"p.asset_id FROM partner p WHERE p.deleted_at IS NULL "
				"AND p.partnership_id IN (SELECT s.id " COUNTING_SQL "))"));
	CHECK(f.partners == fixture_count(st, "SELECT count(DISTINCT p.asset_id) FROM partner p "
					      "WHERE p.deleted_at IS NULL AND p.partnership_id IN "
					      "(SELECT s.id " COUNTING_SQL ")"));
	CHECK(f.links == fixture_count(st, "SELECT count(DISTINCT x.asset_id || y.asset_id) FROM "
					   "partner x JOIN partner y ON x.partnership_id = "
					   "y.partnership_id AND x.asset_id < y.asset_id WHERE "
					   "x.deleted_at IS NULL AND y.deleted_at IS NULL AND "
					   "x.partnership_id IN (SELECT s.id " COUNTING_SQL ")"));
	/* what the SQL above gives, and the parts worked out by hand: {Food Bank, Knit Club,
	 * Library, Youth Club} and {Chess Club, Park} */
	CHECK_INT(f.partnerships, 4);
	CHECK_INT(f.in_none, 2);
	CHECK_INT(f.links, 5);
	CHECK_INT(f.components, 2);
	CHECK_INT(f.largest, 4);
	CHECK(fabs(f.density - 5.0 / 15.0) < 1e-12);
}

static void the_network_report_holds_the_figures_and_the_register(void)
{
	struct kerr err;
	struct report r;
	scene();
	struct report_query q = {.from = PERIOD_FROM, .to = PERIOD_TO};
	CHECK_INT(report_build(st, report_find("network"), &q, &r, &err), K_OK);
	figure_is(&r, "partnerships.count",
		  (double)fixture_count(st, "SELECT count(*) " COUNTING_SQL));
	figure_is(&r, "partnerships.new", 2);
	figure_is(&r, "partnerships.organisations_in_none", 2);
	figure_is(&r, "partnerships.components", 2);
	figure_is(&r, "referrals.referrals", 0);
	const struct report_block *reg = block(&r, "partnerships.register");
	if (CHECK(reg != NULL)) {
		CHECK(reg->n ==
		      fixture_count(st,
				    "SELECT count(*) FROM partnership WHERE since <= '" PERIOD_TO
				    "'"));
		CHECK_STR(reg->cells[reg->ncols], "P5"); /* oldest first */
	}
	const struct report_block *t = block(&r, "partnerships.trend.count");
	if (CHECK(t != NULL && t->n == 12)) {
		CHECK_STR(t->labels[0], "2025-07");
		/* August 2025: P1, P2 and P7; February 2026: P1, P3, P7 (P2 ended in September) */
		CHECK(t->values[1] == 3 && t->values[7] == 3 && t->values[2] == 3 &&
		      t->values[3] == 2);
	}
	report_free(&r);
}

/* The mean rating SQL gives for questions lo..hi of the sitting titled title. */
static double sql_mean(const char *title, int lo, int hi)
{
	char sql[300];
	snprintf(sql, sizeof sql,
		 "SELECT avg(a.rating) FROM readiness_answer a JOIN readiness r ON r.id = "
		 "a.readiness_id WHERE r.title = '%s' AND a.question BETWEEN %d AND %d AND "
		 "a.rating IS NOT NULL",
		 title, lo, hi);
	return sql_real(sql);
}

static void sitting(const char *title, const char *date, const int *ratings)
{
	struct kerr err;
	char *id = NULL;
	CHECK_INT(add_named(&readiness_entity, PAIRS("title", title, "date", date), &id), K_OK);
	for (int q = 0; q < READINESS_QUESTIONS; q++)
		if (ratings[q])
			CHECK_INT(readiness_rate(st, id, q + 1, ratings[q], "seen at the forum",
						 &err),
				  K_OK);
	free(id);
}

static void the_readiness_report_gives_each_theme_and_its_change(void)
{
	struct kerr err;
	struct report r;
	fixture_fresh(&st);
	/* co-production, community connections, impact, leadership, quality, vision */
	static const int first[] = {2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
	static const int second[] = {2, 2, 3, 2, 1, 2, 2, 2, 1, 2, 2, 1, 1, 2, 2, 1, 1, 1};
	static const int third[] = {3, 4, 4, 2, 2, 2, 3, 3, 2, 0, 0, 0, 2, 2, 3, 2, 0, 0};
	static const int later[] = {4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4};
	sitting("First", "2025-01-10", first);
	sitting("Second", "2025-06-10", second);
	sitting("Third", "2025-11-10", third);
	sitting("After", "2026-09-01", later); /* after the period: not read */
	struct report_query q = {.from = PERIOD_FROM, .to = PERIOD_TO};
	CHECK_INT(report_build(st, report_find("readiness"), &q, &r, &err), K_OK);
	figure_is(&r, "readiness.latest.co_production", sql_mean("Third", 1, 3));
	figure_is(&r, "readiness.latest.vision", sql_mean("Third", 16, 18));
	figure_is(&r, "readiness.latest.overall", sql_mean("Third", 1, 18));
	const struct report_block *lead = block(&r, "readiness.latest.leadership");
	CHECK(lead && !lead->has_value); /* nothing rated: none recorded */
	figure_is(&r, "readiness.change.co_production",
		  sql_mean("Third", 1, 3) - sql_mean("Second", 1, 3));
	figure_is(&r, "readiness.change.quality",
		  sql_mean("Third", 13, 15) - sql_mean("Second", 13, 15));
	figure_is(&r, "readiness.change_all.impact",
		  sql_mean("Third", 7, 9) - sql_mean("First", 7, 9));
	figure_is(&r, "readiness.change_all.overall",
		  sql_mean("Third", 1, 18) - sql_mean("First", 1, 18));
	const struct report_block *t = block(&r, "readiness.trend.community_connections");
	if (CHECK(t != NULL && t->n == 3)) {
		CHECK_STR(t->labels[2], "2025-11-10");
		CHECK(fabs(t->values[1] - round(sql_mean("Second", 4, 6) * 100) / 100) < 1e-9);
	}
	const struct report_block *answers = block(&r, "readiness.latest.answers");
	if (CHECK(answers && answers->n == READINESS_QUESTIONS)) {
		CHECK_STR(answers->cells[2 * 4 + 2], "4 established"); /* question 2 */
		CHECK_STR(answers->cells[2 * 4 + 3], "seen at the forum");
		CHECK_STR(answers->cells[10 * 4 + 2], "not rated");
	}
	report_free(&r);
}

/* A restricted person's own gift (an individual asset) in a partnership: named and counted
 * for a coordinator, neither for a worker who did not record them. */
static void a_restricted_persons_gift_is_no_partner_a_worker_sees(void)
{
	struct kerr err;
	char *id = NULL;
	fixture_fresh(&st);
	fixture_team(st);
	fixture_as(st, "cora");
	char *person = fixture_add(st, entity_get(ENTITY_PERSON),
				   PAIRS("given_name", "Zephyrine", "family_name", "Brackwater",
					 "restricted", "yes"));
	free(fixture_add(st, entity_get(ENTITY_ASSET),
			 PAIRS("name", "Zephyrine's sewing", "category", "individual", "person",
			       person)));
	free(fixture_add(st, entity_get(ENTITY_ASSET),
			 PAIRS("name", "Library", "category", "institution")));
	CHECK_INT(add_named(&partnership_entity,
			    PAIRS("name", "Repair Café", "since", "2026-01-01"), &id),
		  K_OK);
	CHECK_INT(partnership_join(st, "Repair Café", "Library", &err), K_OK);
	CHECK_INT(partnership_join(st, "Repair Café", "Zephyrine's sewing", &err), K_OK);
	struct partner_list pl;
	struct partnership_figures f;
	struct partnership_register reg;
	static const char *const who[] = {"cora", "wes"};
	for (int w = 0; w < 2; w++) {
		fixture_as(st, who[w]);
		CHECK_INT(partnership_partners(st, id, &pl, &err), K_OK);
		CHECK_INT(pl.n, w == 0 ? 2 : 1);
		CHECK_STR(pl.item[0].name, "Library");
		partnership_partners_free(&pl);
		CHECK_INT(partnership_figures(st, "2026-01-01", "2026-12-31", &f, &err), K_OK);
		CHECK_INT(f.partners, w == 0 ? 2 : 1);
		CHECK_INT(f.links, w == 0 ? 1 : 0);
		CHECK_INT(partnership_register(st, "", &reg, &err), K_OK);
		CHECK_INT(reg.row[0].partners, w == 0 ? 2 : 1);
		partnership_register_free(&reg);
	}
	free(person);
	free(id);
}

/* The referral network's figures beside the partnerships, on the demo: counted as SQL counts
 * them, for the period and month by month. */
static void the_network_report_counts_referrals_as_sql_does(void)
{
	struct kerr err;
	struct report r;
	struct demo_counts n;
	struct demo_options opt = {3, 150, 30, 700, false};
	fixture_fresh(&st);
	CHECK_INT(demo_fill(st, &opt, &n, &err), K_OK);
	struct report_query q = {.from = "2026-01-01", .to = "2026-10-31"};
	CHECK_INT(report_build(st, report_find("network"), &q, &r, &err), K_OK);
	static const char live[] =
		"SELECT count(*) FROM referral r JOIN asset f ON f.id = "
		"r.from_asset_id AND f.deleted_at IS NULL JOIN asset t ON t.id = "
		"r.to_asset_id AND t.deleted_at IS NULL WHERE r.deleted_at IS NULL";
	char sql[400];
	snprintf(sql, sizeof sql, "%s AND r.date BETWEEN '2026-01-01' AND '2026-10-31'", live);
	figure_is(&r, "referrals.referrals", (double)fixture_count(st, sql));
	figure_is(&r, "referrals.assets",
		  (double)fixture_count(st, "SELECT count(*) FROM asset WHERE deleted_at IS NULL"));
	const struct report_block *t = block(&r, "referrals.trend.referrals");
	if (CHECK(t != NULL && t->n == 10)) {
		snprintf(sql, sizeof sql, "%s AND r.date LIKE '2026-03-%%'", live);
		CHECK_STR(t->labels[2], "2026-03");
		CHECK(t->values[2] == (double)fixture_count(st, sql));
	}
	figure_is(&r, "partnerships.count",
		  (double)fixture_count(st, "SELECT count(*) FROM partnership s WHERE status <> "
					    "'forming' AND since <= '2026-10-31' AND "
					    "coalesce(ended, '9999') >= '2026-01-01'"));
	report_free(&r);
}

int main(void)
{
	setenv("KITH_PASSWORD_COST", "min", 1);
	RUN(amounts_are_pounds_typed_and_shown_and_pence_kept);
	RUN(coordinators_write_workers_read_and_no_one_logged_out);
	RUN(the_partnership_network_counts_what_sql_counts);
	RUN(the_network_report_holds_the_figures_and_the_register);
	RUN(the_readiness_report_gives_each_theme_and_its_change);
	RUN(a_restricted_persons_gift_is_no_partner_a_worker_sees);
	RUN(the_network_report_counts_referrals_as_sql_does);
	store_close(st);
	return check_summary("partners");
}
