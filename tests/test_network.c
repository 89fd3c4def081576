/* The network of a period, loaded from the monthly flow and the part-months' referrals, must
 * be exactly what counting the referrals themselves gives, for any period, filter, edit and
 * deletion; and referral chains follow people's journeys. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "asset.h"
#include "chain.h"
#include "check.h"
#include "database.h"
#include "demo.h"
#include "entity.h"
#include "fixture.h"
#include "network.h"
#include "page.h"
#include "person.h"
#include "record.h"
#include "referral.h"
#include "store.h"
#include "strbuf.h"
#include "xalloc.h"

static struct store *st;

/* The network's edges as "from-id to-id count" lines, sorted, plus self-referrals. */
static char *edges_of(const struct network *net)
{
	struct strbuf sb = STRBUF_INIT;
	const struct graph *g = net->g;
	char **lines = xcalloc((size_t)g->m + 1, sizeof *lines);
	int k = 0;
	for (int v = 0; v < g->n; v++)
		for (int i = g->out_start[v]; i < g->out_start[v + 1]; i++)
			lines[k++] = xasprintf("%s %s %lld", net->id[v], net->id[g->out_to[i]],
					       g->out_w[i]);
	for (int i = 1; i < k; i++) /* insertion sort: small test networks */
		for (int j = i; j > 0 && strcmp(lines[j - 1], lines[j]) > 0; j--) {
			char *t = lines[j - 1];
			lines[j - 1] = lines[j], lines[j] = t;
		}
	for (int i = 0; i < k; i++) {
		strbuf_printf(&sb, "%s\n", lines[i]);
		free(lines[i]);
	}
	strbuf_printf(&sb, "self %lld\n", g->self_weight);
	free(lines);
	return strbuf_take(&sb);
}

/* The same, counted straight from the referrals. */
static char *edges_counted(const char *since, const char *until, const char *category)
{
	struct strbuf sb = STRBUF_INIT;
	sqlite3_stmt *stmt = NULL;
	const char *where = "r.deleted_at IS NULL AND r.date >= ?1 AND r.date <= ?2 AND "
			    "f.deleted_at IS NULL AND t.deleted_at IS NULL AND (?3 IS NULL OR "
			    "(f.category = ?3 AND t.category = ?3))";
	char *sql = xasprintf("SELECT r.from_asset_id, r.to_asset_id, count(*) FROM referral r "
			      "JOIN asset f ON f.id = r.from_asset_id JOIN asset t ON t.id = "
			      "r.to_asset_id WHERE %s AND r.from_asset_id <> r.to_asset_id "
			      "GROUP BY 1, 2 ORDER BY 1 || ' ' || 2",
			      where);
	for (int pass = 0; pass < 2; pass++) {
		sqlite3_prepare_v2(store_db(st), sql, -1, &stmt, NULL);
		sqlite3_bind_text(stmt, 1, since, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, until, -1, SQLITE_STATIC);
		if (category)
			sqlite3_bind_text(stmt, 3, category, -1, SQLITE_STATIC);
		while (sqlite3_step(stmt) == SQLITE_ROW)
			if (pass == 0)
				strbuf_printf(&sb, "%s %s %lld\n", sqlite3_column_text(stmt, 0),
					      sqlite3_column_text(stmt, 1),
					      sqlite3_column_int64(stmt, 2));
			else
				strbuf_printf(&sb, "self %lld\n", sqlite3_column_int64(stmt, 0));
		sqlite3_finalize(stmt);
		free(sql);
		sql = xasprintf("SELECT count(*) FROM referral r JOIN asset f ON f.id = "
				"r.from_asset_id JOIN asset t ON t.id = r.to_asset_id WHERE %s AND "
				"r.from_asset_id = r.to_asset_id",
				where);
	}
	free(sql);
	/* sort the edge lines the way edges_of does */
	char *all = strbuf_take(&sb), *self = strstr(all, "self ");
	struct strbuf out = STRBUF_INIT;
	char **lines = NULL;
	int k = 0;
	size_t cap = 0;
	for (char *p = all; p < self;) {
		char *nl = strchr(p, '\n');
		lines = xgrow(lines, (size_t)k, &cap, sizeof *lines);
		lines[k++] = xstrndup(p, (size_t)(nl - p));
		p = nl + 1;
	}
	for (int i = 1; i < k; i++)
		for (int j = i; j > 0 && strcmp(lines[j - 1], lines[j]) > 0; j--) {
			char *t = lines[j - 1];
			lines[j - 1] = lines[j], lines[j] = t;
		}
	for (int i = 0; i < k; i++) {
		strbuf_printf(&out, "%s\n", lines[i]);
		free(lines[i]);
	}
	strbuf_puts(&out, self);
	free(lines);
	free(all);
	return strbuf_take(&out);
}

static void check_period(const char *since, const char *until, const char *category)
{
	struct network_query q;
	memset(&q, 0, sizeof q);
	snprintf(q.since, sizeof q.since, "%s", since);
	snprintf(q.until, sizeof q.until, "%s", until);
	q.category = category;
	struct network *net = NULL;
	struct kerr err;
	CHECK_INT(network_load(st, &q, &net, &err), K_OK);
	if (!net)
		return;
	char *got = edges_of(net), *want = edges_counted(since, until, category);
	if (!CHECK(strcmp(got, want) == 0))
		fprintf(stderr, "  %s to %s (%s)\n", since, until, category ? category : "all");
	free(got), free(want);
	network_free(net);
}

static void loaded_network_equals_counting_the_referrals(void)
{
	static const char *const periods[][2] = {
		{"2025-11-23", "2026-11-22"}, {"2026-01-01", "2026-01-31"},
		{"2026-01-15", "2026-01-20"}, {"2025-12-31", "2026-02-01"},
		{"2024-11-22", "2026-11-22"}, {"2026-02-28", "2026-03-01"},
		{"2020-01-01", "2030-12-31"}, {"2026-11-22", "2026-11-22"},
		{"2025-06-01", "2025-09-30"}, {"2026-03-02", "2026-08-30"},
	};
	for (size_t i = 0; i < sizeof periods / sizeof *periods; i++)
		check_period(periods[i][0], periods[i][1], NULL);
	check_period("2025-11-23", "2026-11-22", "institution");
}

static void edits_and_deletions_move_the_flow(void)
{
	struct kerr err;
	struct page_query q;
	struct page pg;
	page_query_init(&q, &referral_entity);
	q.limit = 40;
	CHECK_INT(page_load(st, &q, &pg, &err), K_OK);
	for (int i = 0; i < pg.n; i++) {
		struct record *r = record_copy(pg.row[i]);
		if (i % 4 == 0) {
			CHECK_INT(entity_delete(st, &referral_entity, r->id, &err), K_OK);
		} else if (i % 4 == 1) {
			record_set(r, REFERRAL_DATE, "2026-01-31"); /* to another month */
			CHECK_INT(entity_update(st, r, &err), K_OK);
		} else if (i % 4 == 2) { /* to another asset, or to itself */
			record_set(r, REFERRAL_TO_ASSET, record_get(r, REFERRAL_FROM_ASSET));
			CHECK_INT(entity_update(st, r, &err), K_OK);
		}
		record_free(r);
	}
	page_free(&pg);
	/* a deleted asset leaves the network with its flows */
	page_query_init(&q, &asset_entity);
	CHECK_INT(page_load(st, &q, &pg, &err), K_OK);
	CHECK_INT(entity_delete(st, &asset_entity, pg.row[3]->id, &err), K_OK);
	page_free(&pg);
	loaded_network_equals_counting_the_referrals();
	CHECK_COUNT(st, "SELECT count(*) FROM referral_flow WHERE n <= 0", 0);
}

static void periods_default_to_the_last_year(void)
{
	struct network_query q;
	struct kerr err;
	memset(&q, 0, sizeof q);
	CHECK_INT(network_period(&q, &err), K_OK);
	CHECK_STR(q.since, "2025-11-23");
	CHECK_STR(q.until, "2026-11-22");
	snprintf(q.since, sizeof q.since, "2026-12-01");
	snprintf(q.until, sizeof q.until, "2026-11-01");
	CHECK_INT(network_period(&q, &err), K_INVALID);
	CHECK_HAS(err.msg, "comes after");
}

static char *add_asset(const char *name)
{
	return fixture_add(st, &asset_entity, PAIRS("name", name, "category", "space"));
}

static void refer(const char *person, const char *from, const char *to, const char *date)
{
	struct kerr err;
	struct record *rec = record_new(&referral_entity);
	record_set(rec, REFERRAL_PERSON, person);
	record_set(rec, REFERRAL_FROM_ASSET, from);
	record_set(rec, REFERRAL_TO_ASSET, to);
	record_set(rec, REFERRAL_DATE, date);
	CHECK_INT(entity_create(st, rec, &err), K_OK);
	record_free(rec);
}

static char *add_person(const char *name)
{
	return fixture_add(st, &person_entity, PAIRS("given_name", name));
}

/* Three people through a food bank: worked by hand. */
static void journeys_branch_with_their_people(void)
{
	struct kerr err;
	fixture_fresh(&st);
	char *gp = add_asset("GP"), *team = add_asset("Team"), *food = add_asset("Food Bank");
	char *cafe = add_asset("Cafe"), *choir = add_asset("Choir");
	char *a = add_person("Ann"), *b = add_person("Bea"), *c = add_person("Cal");
	refer(a, gp, food, "01/03/2026"); /* Ann: GP, Food Bank, Cafe, Choir */
	refer(a, food, cafe, "10/03/2026");
	refer(a, cafe, choir, "20/03/2026");
	refer(b, team, food, "02/03/2026"); /* Bea: Team, Food Bank, Cafe */
	refer(b, food, cafe, "12/03/2026");
	refer(c, gp, food, "05/03/2026"); /* Cal: GP, Food Bank, then the team sends him on */
	refer(c, team, choir, "15/03/2026");
	struct chain ch;
	CHECK_INT(chain_person(st, a, &ch, &err), K_OK);
	CHECK_INT(ch.n, 3);
	CHECK_STR(ch.step[0].to_name, "Food Bank");
	CHECK_STR(ch.step[2].to_name, "Choir");
	chain_free(&ch);
	struct chain_tree up, down;
	CHECK_INT(chain_asset(st, food, 2, 0, "", "", &up, &down, &err), K_OK);
	CHECK_INT(down.node[0].people, 3);
	/* after: Cafe (Ann, Bea) then Choir (Ann); Team (Cal) then Choir (Cal) */
	CHECK_INT(down.n, 5);
	CHECK_STR(down.node[1].name, "Cafe");
	CHECK_INT(down.node[1].people, 2);
	CHECK_STR(down.node[2].name, "Choir");
	CHECK_INT(down.node[2].depth, 2);
	CHECK_INT(down.node[2].parent, 1);
	CHECK_STR(down.node[3].name, "Team");
	CHECK_INT(down.node[3].people, 1);
	CHECK_STR(down.person_id[down.node[3].person[0]], c);
	/* before: GP (Ann, Cal), Team (Bea) */
	CHECK_INT(up.n, 3);
	CHECK_STR(up.node[1].name, "GP");
	CHECK_INT(up.node[1].people, 2);
	CHECK_STR(up.node[2].name, "Team");
	/* what the counts count: three referrals to it and two from it, as the Network table
	 * counts them; all three had been somewhere before it, all three went on */
	CHECK_INT(up.referrals, 3);
	CHECK_INT(down.referrals, 2);
	CHECK_INT(up.moved, 3);
	CHECK_INT(down.moved, 3);
	chain_tree_free(&up);
	chain_tree_free(&down);
	/* one branch a hop: the largest stays, the rest fold into a line that counts them */
	CHECK_INT(chain_asset(st, food, 2, 1, "", "", &up, &down, &err), K_OK);
	CHECK_INT(down.n, 4);
	CHECK_STR(down.node[1].name, "Cafe");
	CHECK_STR(down.node[2].name, "Choir");
	CHECK_INT(down.node[3].folded, 1);
	CHECK_INT(down.node[3].people, 1); /* Cal, by way of the Team */
	CHECK_INT(down.node[3].parent, 0);
	CHECK_STR(down.node[3].name, "");
	chain_tree_free(&up);
	chain_tree_free(&down);
	CHECK_INT(chain_asset(st, food, 2, 0, "2026-03-11", "", &up, &down, &err), K_OK);
	CHECK_INT(down.node[0].people, 1); /* from the 11th only Bea passes the food bank */
	CHECK_STR(down.node[1].name, "Cafe");
	chain_tree_free(&up);
	chain_tree_free(&down);
	free(gp), free(team), free(food), free(cafe), free(choir), free(a), free(b), free(c);
}

/* The background work gives exactly what measuring exactly at once gives, and stopping it
 * early leaves the estimates as they were. */
static void exact_figures_in_the_background_match_exact_ones(void)
{
	struct kerr err;
	struct network_query q;
	memset(&q, 0, sizeof q);
	CHECK_INT(network_period(&q, &err), K_OK);
	struct network_options sampled = {.sample = 40}, exact = {.exact = true};
	struct network_report est, want;
	setenv("KITH_EXACT_WORK", "0", 1); /* this small network counts as large */
	CHECK_INT(network_report(st, &q, &sampled, &est, &err), K_OK);
	CHECK_INT(network_report(st, &q, &exact, &want, &err), K_OK);
	unsetenv("KITH_EXACT_WORK");
	CHECK(!est.now.betweenness_exact && !est.now.distances_exact);
	CHECK(want.now.betweenness_exact && want.now.distances_exact);
	struct network_exact *x = network_exact_start(&est, 2);
	CHECK(x != NULL);
	CHECK(network_exact_finish(x, &est));
	CHECK(est.now.betweenness_exact && est.now.distances_exact);
	double worst = 0;
	for (int v = 0; v < est.net->n; v++) {
		double d = est.betweenness[v] - want.betweenness[v];
		worst = d < 0 ? -d < worst ? worst : -d : d < worst ? worst : d;
	}
	CHECK(worst < 1e-12);
	CHECK(est.now.average_path == want.now.average_path);
	CHECK_INT(est.now.diameter, want.now.diameter);
	network_report_free(&est);

	setenv("KITH_EXACT_WORK", "0", 1);
	CHECK_INT(network_report(st, &q, &sampled, &est, &err), K_OK);
	unsetenv("KITH_EXACT_WORK");
	double before = est.betweenness[0];
	network_exact_cancel(network_exact_start(&est, 2));
	CHECK(!est.now.betweenness_exact && est.betweenness[0] == before);
	network_report_free(&est);
	network_report_free(&want);
}

/* Each month of a trend is the report of that month alone; a part-month at the start is
 * left out, the last one runs to the period's end, and only the last 24 are kept. */
static void trend_months_are_reports_of_their_own(void)
{
	struct kerr err;
	struct network_query q = {.since = "2026-01-15", .until = "2026-04-10"};
	struct network_trend *t = xmalloc(sizeof *t);
	CHECK_INT(network_trend(st, &q, t, &err), K_OK);
	CHECK_INT(t->months, 3);
	CHECK_STR(t->month[0], "2026-02");
	CHECK_STR(t->month[2], "2026-04");
	CHECK(t->all); /* a small network: every figure, month by month */
	const char *days[3][2] = {{"2026-02-01", "2026-02-28"},
				  {"2026-03-01", "2026-03-31"},
				  {"2026-04-01", "2026-04-10"}};
	for (int i = 0; i < 3; i++) {
		struct network_query m = {0};
		snprintf(m.since, DATE_LEN, "%s", days[i][0]);
		snprintf(m.until, DATE_LEN, "%s", days[i][1]);
		struct network_report r;
		CHECK_INT(network_report(st, &m, NULL, &r, &err), K_OK);
		CHECK(r.now.referrals == t->fig[i].referrals);
		CHECK_INT(r.now.edges, t->fig[i].edges);
		CHECK_INT(r.now.articulation_points, t->fig[i].articulation_points);
		CHECK(r.now.average_clustering == t->fig[i].average_clustering);
		CHECK_INT(r.now.shared_communities, t->fig[i].shared_communities);
		network_report_free(&r);
	}
	double v[NETWORK_TREND_MAX];
	CHECK(network_trend_values(t, "referrals", v) && v[1] == (double)t->fig[1].referrals);
	CHECK(network_trend_values(t, "reciprocity", v) && v[0] == 100 * t->fig[0].reciprocity);
	CHECK(!network_trend_values(t, "no such figure", v));
	/* a large network leaves out the dear figures, and says so */
	setenv("KITH_EXACT_WORK", "0", 1);
	CHECK_INT(network_trend(st, &q, t, &err), K_OK);
	unsetenv("KITH_EXACT_WORK");
	CHECK(!t->all);
	CHECK(network_trend_values(t, "edges", v));
	CHECK(!network_trend_values(t, "average_path", v));
	CHECK(!network_trend_values(t, "modularity", v));
	struct network_query years = {.since = "2020-03-01", .until = "2026-11-22"};
	CHECK_INT(network_trend(st, &years, t, &err), K_OK);
	CHECK_INT(t->months, NETWORK_TREND_MAX);
	CHECK_STR(t->month[NETWORK_TREND_MAX - 1], "2026-11");
	CHECK_STR(t->month[0], "2024-12");
	free(t);
}

static void sparklines_draw_lowest_to_highest(void)
{
	char out[3 * NETWORK_TREND_MAX + 1];
	network_sparkline((double[]){0, 7, 3.5, 1}, 4, true, out);
	CHECK_STR(out, "▁█▅▂");
	network_sparkline((double[]){0, 7, 3.5, 1}, 4, false, out);
	CHECK_STR(out, "_#=.");
	network_sparkline((double[]){2, 2}, 2, true, out); /* flat: neither a rise nor a fall */
	CHECK_STR(out, "▄▄");
	network_sparkline((double[]){0, 0}, 2, false, out);
	CHECK_STR(out, "__");
}

/* Every figure says what it means, in the one list the report and the screen read. */
static void every_figure_has_its_meaning(void)
{
	int n = 0;
/* clang-format off */
#define HAS_MEANING(field, type, key, ...)                                     \
	CHECK(network_meaning(key) && strlen(network_meaning(key)) > 30);       \
	n++;
	/* clang-format on */
	NETWORK_FIGURES(HAS_MEANING)
#undef HAS_MEANING
	CHECK(n > 20);
	CHECK(network_meaning("nothing") == NULL);
	CHECK_HAS(network_meaning("articulation_points"), "Cut points");
	CHECK_HAS(network_meaning("shared_communities"), "two or more");
	int terms = 0;
	for (; network_asset_terms[terms].term; terms++)
		CHECK(strlen(network_asset_terms[terms].meaning) > 30);
	CHECK_INT(terms, 5);
	CHECK_STR(network_asset_terms[2].term, "Betweenness");
}

/* The neighbourhoods offered are the assets', each once, with how many assets. */
static void neighbourhoods_are_counted_once(void)
{
	struct kerr err;
	struct network_place *p;
	int n, total = 0;
	CHECK_INT(network_neighbourhoods(st, &p, &n, &err), K_OK);
	CHECK(n > 1);
	for (int i = 0; i < n; i++) {
		total += p[i].assets;
		if (i)
			CHECK(strcasecmp(p[i - 1].name, p[i].name) < 0);
	}
	struct network_query q = {0};
	q.neighbourhood = p[0].name;
	struct network *net = NULL;
	CHECK_INT(network_load(st, &q, &net, &err), K_OK);
	CHECK_INT(net->n, p[0].assets);
	CHECK_STR(net->only_neighbourhood, p[0].name);
	network_free(net);
	CHECK(total > 0);
	network_places_free(p, n);
}

/* A worker, even one who recorded a restricted person and their referrals, and someone
 * logged out get none of it: not the trend, the neighbourhoods, a chain or a written report;
 * no file is made. */
static void workers_and_the_logged_out_get_no_report(void)
{
	struct kerr err;
	fixture_team(st);
	fixture_as(st, "wes");
	char *who = fixture_add(st, &person_entity,
				PAIRS("given_name", "Zephyrine", "restricted", "yes"));
	char *hall = add_asset("Refuge Hall"), *desk = add_asset("Advice Desk");
	refer(who, hall, desk, "02/04/2026");
	fixture_as(st, "cora");
	struct network_report r;
	struct network_query q = {0};
	CHECK_INT(network_report(st, &q, NULL, &r, &err), K_OK);
	char *path = fixture_path("report.txt");
	const char *users[] = {"wes", "wren", NULL};
	for (int i = 0; i < 3; i++) {
		fixture_as(st, users[i]);
		struct network_trend *t = xmalloc(sizeof *t);
		struct network_place *p;
		int n;
		struct chain_tree up, down;
		CHECK_INT(network_trend(st, &q, t, &err), K_REFUSED);
		CHECK_INT(network_neighbourhoods(st, &p, &n, &err), K_REFUSED);
		CHECK_INT(chain_asset(st, hall, 2, 0, "", "", &up, &down, &err), K_REFUSED);
		CHECK_INT(network_write(st, &r, NULL, 10, path, false, &err), K_REFUSED);
		CHECK(access(path, F_OK) != 0);
		free(t);
	}
	fixture_as(st, "cora");
	CHECK_INT(network_write(st, &r, NULL, 10, path, false, &err), K_OK);
	CHECK(access(path, F_OK) == 0);
	CHECK_INT(network_write(st, &r, NULL, 10, path, false, &err), K_DUPLICATE);
	network_report_free(&r);
	free(path), free(who), free(hall), free(desk);
}

/* What the Network screen's cache rests on: any write moves the version. */
static void the_version_moves_with_every_write(void)
{
	struct kerr err;
	long long a = 0, b = 0, c = 0;
	CHECK_INT(store_version(st, &a, &err), K_OK);
	CHECK_INT(store_version(st, &b, &err), K_OK);
	CHECK(a == b);
	char *id = add_asset("Version Hall");
	CHECK_INT(store_version(st, &c, &err), K_OK);
	CHECK(c != b);
	free(id);
}

/* Measures q's report in the background, as the Network screen does. */
static int measure_aside(struct store *on, const struct network_query *q, struct network_report *r,
			 long long *stamp, struct kerr *err)
{
	struct network_options o = {.compare = true};
	struct network_job *j = network_job_start(on, q, &o, err);
	if (!j)
		return err->status;
	return network_job_finish(j, r, stamp, err);
}

/* q's trend measured in the background, as the Network screen does: at the stamp given. */
static struct network_trend *trend_aside(struct store *on, const struct network_query *q,
					 long long stamp)
{
	struct kerr err;
	struct network_trend *t = NULL;
	long long at = -1;
	struct network_job *j = network_trend_job_start(on, q, &err);
	CHECK(j != NULL);
	if (j)
		CHECK_INT(network_trend_job_finish(j, &t, &at, &err), K_OK);
	CHECK(at == stamp);
	return t;
}

/* The trend kept with a report reads back equal to one measured afresh; a report kept without
 * one reads back without one, and one kept by the format before (no trend) as none kept. */
static void kept_reports_keep_their_trend(struct store *f, const struct network_query *q,
					  struct network_report *r, long long stamp)
{
	struct kerr err;
	struct network_report back;
	struct network_kept kept;
	CHECK_INT(network_kept_read(f, q, &back, &kept, &err), K_OK);
	CHECK(back.trend == NULL);
	network_report_free(&back);
	r->trend = trend_aside(f, q, stamp);
	CHECK(r->trend && r->trend->months == 12);
	CHECK_INT(network_kept_write(f, q, r, stamp, &err), K_OK);
	CHECK_INT(network_kept_read(f, q, &back, &kept, &err), K_OK);
	struct network_trend *fresh = xcalloc(1, sizeof *fresh);
	CHECK_INT(network_trend(f, q, fresh, &err), K_OK);
	CHECK(back.trend && memcmp(back.trend, fresh, sizeof *fresh) == 0);
	CHECK(back.trend && back.trend->fig[11].referrals == fresh->fig[11].referrals);
	CHECK(kept.fresh && memcmp(&back.now, &r->now, sizeof r->now) == 0);
	network_report_free(&back);
	free(fresh);
	/* a blob laid out by the format before reads as absent, never misread */
	CHECK_INT(store_exec(f, "UPDATE network_kept SET layout = layout - 1000000000000", &err),
		  K_OK);
	CHECK_INT(network_kept_read(f, q, &back, &kept, &err), K_NOT_FOUND);
	CHECK_INT(network_kept_write(f, q, r, stamp, &err), K_OK);
}

/* A kept report reads back as it was measured; it is current until a referral or an asset
 * changes (or its period moves on), and only those who may read the report read it. */
static void kept_reports_say_whether_they_are_current(void)
{
	struct kerr err;
	char *path = fixture_path("kept.db");
	struct store *f = fixture_open(path);
	struct demo_options opt = {5, 120, 30, 600, false};
	struct demo_counts n;
	CHECK_INT(demo_fill(f, &opt, &n, &err), K_OK);
	fixture_team(f);
	fixture_as(f, "cora");
	struct network_query q;
	memset(&q, 0, sizeof q);
	struct network_report r, back;
	struct network_kept kept;
	long long stamp = 0;
	CHECK_INT(network_kept_read(f, &q, &back, &kept, &err), K_NOT_FOUND);
	CHECK_INT(measure_aside(f, &q, &r, &stamp, &err), K_OK);
	CHECK_INT(network_kept_write(f, &q, &r, stamp, &err), K_OK);
	CHECK_INT(network_kept_read(f, &q, &back, &kept, &err), K_OK);
	CHECK(kept.fresh && back.net->g == NULL);
	CHECK_INT(back.net->n, r.net->n);
	CHECK(memcmp(&back.now, &r.now, sizeof r.now) == 0);
	CHECK(memcmp(&back.before, &r.before, sizeof r.before) == 0);
	CHECK_STR(back.net->name[3], r.net->name[3]);
	CHECK_STR(back.net->id[7], r.net->id[7]);
	CHECK(back.betweenness[5] == r.betweenness[5] && back.cut[2] == r.cut[2]);
	CHECK_INT(back.communities.community[9], r.communities.community[9]);
	CHECK_STR(back.net->until, r.net->until);
	network_report_free(&back);
	kept_reports_keep_their_trend(f, &q, &r, stamp);
	/* another filter has none kept */
	q.category = "space";
	CHECK_INT(network_kept_read(f, &q, &back, &kept, &err), K_NOT_FOUND);
	q.category = NULL;
	/* an asset added: the kept report is no longer current */
	char *a = fixture_add(f, &asset_entity, PAIRS("name", "Kept Hall", "category", "space"));
	CHECK_INT(network_kept_read(f, &q, &back, &kept, &err), K_OK);
	CHECK(!kept.fresh);
	network_report_free(&back);
	/* nor for the next day's default period */
	network_report_free(&r);
	CHECK_INT(measure_aside(f, &q, &r, &stamp, &err), K_OK);
	CHECK_INT(network_kept_write(f, &q, &r, stamp, &err), K_OK);
	setenv("KITH_TODAY", "2026-11-23", 1);
	CHECK_INT(network_kept_read(f, &q, &back, &kept, &err), K_OK);
	CHECK(!kept.fresh);
	network_report_free(&back);
	setenv("KITH_TODAY", "2026-11-22", 1);
	/* a worker, and no one, read nothing of it, nor measure it */
	fixture_as(f, "wes");
	CHECK_INT(network_kept_read(f, &q, &back, &kept, &err), K_REFUSED);
	CHECK(network_job_start(f, &q, NULL, &err) == NULL && err.status == K_REFUSED);
	CHECK(network_trend_job_start(f, &q, &err) == NULL && err.status == K_REFUSED);
	fixture_as(f, NULL);
	CHECK_INT(network_kept_read(f, &q, &back, &kept, &err), K_REFUSED);
	CHECK(network_job_start(f, &q, NULL, &err) == NULL && err.status == K_REFUSED);
	CHECK(network_trend_job_start(f, &q, &err) == NULL && err.status == K_REFUSED);
	network_report_free(&r);
	free(a);
	store_close(f);
	free(path);
}

/* An erasure makes an individual's gift nameless: its old name leaves every kept report. */
static void an_erasure_empties_the_kept_reports(void)
{
	struct kerr err;
	char *path = fixture_path("kept.db");
	struct store *f = fixture_open(path);
	fixture_as(f, "cora");
	CHECK_COUNT(f, "SELECT count(*) FROM network_kept", 1);
	char *p = fixture_add(f, &person_entity, PAIRS("given_name", "Gifted"));
	char *g = fixture_add(f, &asset_entity,
			      PAIRS("name", "Gifted's sewing", "category", "individual",
				    "person_id", p));
	CHECK_COUNT(f, "SELECT count(*) FROM network_kept", 1);
	CHECK_INT(person_erase(f, p, "asked to be forgotten", &err), K_OK);
	CHECK_COUNT(f, "SELECT count(*) FROM network_kept", 0);
	free(p), free(g);
	store_close(f);
	free(path);
}

int main(void)
{
	struct kerr err;
	fixture_scratch("network");
	st = fixture_open(":memory:");
	struct demo_options opt = {11, 400, 70, 3000, false};
	struct demo_counts n;
	CHECK_INT(demo_fill(st, &opt, &n, &err), K_OK);
	RUN(loaded_network_equals_counting_the_referrals);
	RUN(edits_and_deletions_move_the_flow);
	RUN(periods_default_to_the_last_year);
	RUN(exact_figures_in_the_background_match_exact_ones);
	RUN(trend_months_are_reports_of_their_own);
	RUN(sparklines_draw_lowest_to_highest);
	RUN(every_figure_has_its_meaning);
	RUN(neighbourhoods_are_counted_once);
	RUN(journeys_branch_with_their_people); /* on a store of its own from here */
	RUN(the_version_moves_with_every_write);
	RUN(workers_and_the_logged_out_get_no_report);
	RUN(kept_reports_say_whether_they_are_current);
	RUN(an_erasure_empties_the_kept_reports);
	store_close(st);
	fixture_scratch_remove();
	return check_summary("network");
}
