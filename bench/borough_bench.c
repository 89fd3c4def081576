/* Times, for bench/run, what a connector waits for on a borough-sized database, each beside
 * the bare sqlite query it rests on, measured in turn in the same process:
 *
 *   borough_bench DB search N   one keystroke of search as you type, as the People list runs
 *                               it: the page of 50 (and, reported apart, with the count its
 *                               header shows, capped as the screen caps it), for N prefixes
 *                               of 2-4 letters drawn from the people's own names; beside the
 *                               bare FTS5 prefix query with LIMIT 50
 *   borough_bench DB related N  typing N names into the Referrals search a letter at a time,
 *                               each keystroke's page and count
 *   borough_bench DB paging N   the Referrals list: the next page, and a jump to a random
 *                               referral, N times each; beside the bare keyset query on the
 *                               same index
 *   borough_bench DB check N    the full check a login starts in the background: how long
 *                               it takes, and pages of the Referrals list while it runs,
 *                               beside N pages with nothing running
 *   borough_bench DB listsql    prints the query `kith person list --limit 50` runs
 *   borough_bench DB match N    what fits N people drawn at random (match_person, the 5 best,
 *                               as a person's detail shows them when it opens)
 *
 * Each search and page is timed ROUNDS times, taking turns with the bare query, and the
 * fastest kept for both. With BENCH_PROFILE set it prints every statement's own time (where
 * a figure's time goes).
 *
 * It logs in as the demo's admin (the demo's password; bench/run builds its databases with
 * the cheapest password hashing, which only logging in pays). Prints "name value" lines,
 * times in milliseconds. */
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "database.h"
#include "login.h"
#include "match.h"
#include "page.h"
#include "person.h"
#include "record.h"
#include "referral.h"
#include "store.h"
#include "xalloc.h"

#define COUNT_CAP 1000 /* as far as the interface counts while searching */
/* Each time is the fastest of this many, for kith and the bare query alike: the work's cost,
 * not the machine's other business (a shared two-core machine's timer noise is as large as
 * a page). */
#define ROUNDS 3

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static long below(long n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (long)(rng % (uint64_t)n);
}

static void fail(const char *what, const char *why)
{
	fprintf(stderr, "borough_bench: %s: %s\n", what, why);
	exit(1);
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Prints NAME_median and NAME_p99 of n times (sorted in place). */
static void quantiles(const char *name, double *t, int n)
{
	qsort(t, (size_t)n, sizeof *t, by_value);
	int p99 = (int)((n - 1) * 0.99 + 0.5);
	printf("%s_median %.4f\n%s_p99 %.4f\n", name, t[n / 2], name, t[p99]);
}

static sqlite3_stmt *prepare(struct store *st, const char *sql)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
		fail(sql, sqlite3_errmsg(store_db(st)));
	return s;
}

/* Runs s to its end, as a program reading the rows would. */
static void drain(sqlite3_stmt *s)
{
	while (sqlite3_step(s) == SQLITE_ROW)
		for (int c = 0; c < sqlite3_column_count(s); c++)
			(void)sqlite3_column_text(s, c);
	sqlite3_reset(s);
}

/* ---- search as you type ---- */

/* The first column of sql's one row: the highest key to draw rows by. */
static long highest(struct store *st, const char *sql)
{
	sqlite3_stmt *s = prepare(st, sql);
	if (sqlite3_step(s) != SQLITE_ROW)
		fail(sql, sqlite3_errmsg(store_db(st)));
	long top = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return top > 0 ? top : 1;
}

static char **draw_prefixes(struct store *st, int n)
{
	long top = highest(st, "SELECT max(fts_rowid) FROM person");
	sqlite3_stmt *s = prepare(st, "SELECT given_name, family_name FROM person WHERE "
				      "fts_rowid = ?1 AND deleted_at IS NULL");
	char **out = xcalloc((size_t)n, sizeof *out);
	for (int i = 0; i < n;) {
		sqlite3_bind_int64(s, 1, 1 + below(top));
		if (sqlite3_step(s) == SQLITE_ROW) {
			const char *name = (const char *)sqlite3_column_text(s, (int)below(2));
			int len = 2 + (int)below(3);
			if (name && (int)strlen(name) >= len)
				out[i++] = xstrndup(name, (size_t)len);
		}
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	return out;
}

/* ---- matching ---- */

/* This thread's CPU time: what matching costs whatever else the machine is doing. */
static double cpu_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* What fits each of n people drawn at random, as opening their detail asks. */
static void matching(struct store *st, int n)
{
	long top = highest(st, "SELECT max(fts_rowid) FROM person");
	sqlite3_stmt *s = prepare(st, "SELECT id FROM person WHERE fts_rowid = ?1 AND "
				      "deleted_at IS NULL");
	double *t = xcalloc((size_t)n, sizeof *t), *cpu = xcalloc((size_t)n, sizeof *cpu);
	long found = 0, terms = 0;
	for (int i = 0; i < n;) {
		sqlite3_bind_int64(s, 1, 1 + below(top));
		if (sqlite3_step(s) == SQLITE_ROW) {
			struct match_list list;
			struct kerr err;
			double t0 = now_ms(), c0 = cpu_ms();
			if (match_person(st, (const char *)sqlite3_column_text(s, 0), 5, &list,
					 &err) != K_OK)
				fail("matching", err.msg);
			cpu[i] = cpu_ms() - c0;
			t[i++] = now_ms() - t0;
			found += list.found, terms += list.terms;
			match_list_free(&list);
		}
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	printf("people %d\nterms_each %.1f\nfound_each %.0f\n", n, (double)terms / n,
	       (double)found / n);
	quantiles("match", t, n);
	quantiles("match_cpu", cpu, n);
	free(t), free(cpu);
}

/* The page the list shows; with counted, also the count its header shows. */
static double keystroke(struct store *st, const struct entity_def *def, const char *prefix,
			bool counted)
{
	struct page_query q;
	struct page pg;
	struct kerr err;
	long long count = 0;
	page_query_init(&q, def);
	q.search = prefix;
	q.limit = PAGE_SIZE;
	double t0 = now_ms();
	if (page_load(st, &q, &pg, &err) != K_OK ||
	    (counted && pg.more && page_count(st, &q, COUNT_CAP, &count, &err) != K_OK))
		fail("search", err.msg);
	double t = now_ms() - t0;
	page_free(&pg);
	return t;
}

static double bare_fts(sqlite3_stmt *s, const char *prefix)
{
	char *match = page_fts_query(prefix, true);
	double t0 = now_ms();
	sqlite3_bind_text(s, 1, match, -1, SQLITE_STATIC);
	drain(s);
	double t = now_ms() - t0;
	free(match);
	return t;
}

static double least(double a, double b)
{
	return a < b ? a : b;
}

static void search(struct store *st, int n)
{
	char **prefix = draw_prefixes(st, n);
	double *kith = xcalloc((size_t)n, sizeof *kith), *bare = xcalloc((size_t)n, sizeof *bare);
	double *counted = xcalloc((size_t)n, sizeof *counted);
	/* the matching rows themselves, as a search list needs them */
	sqlite3_stmt *s = prepare(st, "SELECT rowid, * FROM person_fts WHERE person_fts MATCH ?1 "
				      "LIMIT 50");
	keystroke(st, &person_entity, prefix[0],
		  true); /* the first of each prepares its statements */
	bare_fts(s, prefix[0]);
	for (int i = 0; i < n; i++) {
		kith[i] = bare[i] = counted[i] = 1e9;
		for (int r = 0; r < ROUNDS;
		     r++) { /* turn about, so neither warms the other's pages */
			if ((i + r) % 2)
				bare[i] = least(bare[i], bare_fts(s, prefix[i]));
			kith[i] = least(kith[i], keystroke(st, &person_entity, prefix[i], false));
			if ((i + r) % 2 == 0)
				bare[i] = least(bare[i], bare_fts(s, prefix[i]));
			counted[i] = least(counted[i],
					   keystroke(st, &person_entity, prefix[i], true));
		}
	}
	sqlite3_finalize(s);
	printf("prefixes %d\n", n);
	quantiles("kith", kith, n);
	quantiles("bare", bare, n);
	quantiles("kith_counted", counted, n);
	for (int i = 0; i < n; i++)
		free(prefix[i]);
	free(prefix), free(kith), free(bare), free(counted);
}

/* Typing a name into the Referrals search, a letter at a time (so the first letter too),
 * each with its count, as the list runs it. */
static void related(struct store *st, int n)
{
	char **prefix = draw_prefixes(st, n);
	double *t = xcalloc((size_t)n * 4, sizeof *t);
	int m = 0;
	keystroke(st, &referral_entity, prefix[0], true);
	for (int i = 0; i < n; i++)
		for (size_t len = 1; len <= strlen(prefix[i]); len++) {
			char typed[8];
			snprintf(typed, sizeof typed, "%.*s", (int)len, prefix[i]);
			t[m++] = keystroke(st, &referral_entity, typed, true);
		}
	printf("keystrokes %d\n", m);
	quantiles("referrals", t, m);
	for (int i = 0; i < n; i++)
		free(prefix[i]);
	free(prefix), free(t);
}

/* ---- paging ---- */

static char **draw_referrals(struct store *st, int n)
{
	long top = highest(st, "SELECT max(rowid) FROM referral");
	sqlite3_stmt *s = prepare(st, "SELECT id FROM referral WHERE rowid = ?1 AND "
				      "deleted_at IS NULL");
	char **out = xcalloc((size_t)n, sizeof *out);
	for (int i = 0; i < n;) {
		sqlite3_bind_int64(s, 1, 1 + below(top));
		if (sqlite3_step(s) == SQLITE_ROW)
			out[i++] = xstrdup((const char *)sqlite3_column_text(s, 0));
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	return out;
}

static double load(struct store *st, struct page_query *q, struct page *pg)
{
	struct kerr err;
	double t0 = now_ms();
	if (page_load(st, q, pg, &err) != K_OK)
		fail("paging", err.msg);
	return now_ms() - t0;
}

#define BARE_PAGE "SELECT t.* FROM referral t WHERE t.deleted_at IS NULL "
#define BARE_ORDER " ORDER BY t.date DESC, t.id DESC LIMIT 51"

static double bare_page(sqlite3_stmt *s, const char *date, const char *id)
{
	double t0 = now_ms();
	sqlite3_bind_text(s, 1, date, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
	drain(s);
	return now_ms() - t0;
}

/* The page after last, or from the referral jumped to, as the list loads it: the fastest
 * of ROUNDS. */
static double list_page(struct store *st, struct page_query *q, struct page *pg)
{
	double best = 1e9;
	for (int r = 0; r < ROUNDS; r++) {
		best = least(best, load(st, q, pg));
		if (r < ROUNDS - 1)
			page_free(pg);
	}
	return best;
}

static double bare_best(sqlite3_stmt *s, const char *date, const char *id)
{
	double best = 1e9;
	for (int r = 0; r < ROUNDS; r++)
		best = least(best, bare_page(s, date, id));
	return best;
}

static void paging(struct store *st, int n)
{
	char **jump = draw_referrals(st, n);
	double *next = xcalloc((size_t)n, sizeof *next), *at = xcalloc((size_t)n, sizeof *at);
	double *bnext = xcalloc((size_t)n, sizeof *bnext), *bat = xcalloc((size_t)n, sizeof *bat);
	sqlite3_stmt *after = prepare(st, BARE_PAGE "AND (t.date, t.id) < (?1, ?2)" BARE_ORDER);
	sqlite3_stmt *from = prepare(st, BARE_PAGE "AND (t.date, t.id) <= (SELECT date, id FROM "
						   "referral WHERE id = ?2)" BARE_ORDER);
	struct page_query q;
	struct page pg, prev;
	page_query_init(&q, &referral_entity);
	q.limit = PAGE_SIZE;
	load(st, &q, &prev);
	for (int i = 0; i < n; i++) {
		const struct record *last = prev.row[prev.n - 1];
		bool bare_first = i % 2; /* turn about, so neither warms the other's pages */
		if (bare_first)
			bnext[i] = bare_best(after, record_get(last, REFERRAL_DATE), last->id);
		q.after = prev.more ? last : NULL;
		q.at = NULL;
		next[i] = list_page(st, &q, &pg);
		if (!bare_first)
			bnext[i] = bare_best(after, record_get(last, REFERRAL_DATE), last->id);
		page_free(&prev);
		prev = pg;
		q.after = NULL;
		q.at = jump[i];
		if (bare_first)
			bat[i] = bare_best(from, "", jump[i]);
		at[i] = list_page(st, &q, &pg);
		page_free(&pg);
		if (!bare_first)
			bat[i] = bare_best(from, "", jump[i]);
	}
	page_free(&prev);
	sqlite3_finalize(after);
	sqlite3_finalize(from);
	printf("pages %d\n", n);
	quantiles("kith_next", next, n);
	quantiles("bare_next", bnext, n);
	quantiles("kith_jump", at, n);
	quantiles("bare_jump", bat, n);
	for (int i = 0; i < n; i++)
		free(jump[i]);
	free(jump), free(next), free(at), free(bnext), free(bat);
}

/* ---- the full check in the background ---- */

/* Pages of the Referrals list, one after another (from the top again at the end), each
 * timed once, for as long as keep_going says. */
static int page_on(struct store *st, double *t, int cap, bool (*keep_going)(struct store *))
{
	struct page_query q;
	struct page pg, prev;
	page_query_init(&q, &referral_entity);
	q.limit = PAGE_SIZE;
	load(st, &q, &prev);
	int n = 0;
	while (n < cap && keep_going(st)) {
		q.after = prev.more ? prev.row[prev.n - 1] : NULL;
		t[n++] = load(st, &q, &pg);
		page_free(&prev);
		prev = pg;
	}
	page_free(&prev);
	return n;
}

static int budget;

static bool for_a_while(struct store *st)
{
	(void)st;
	return budget-- > 0;
}

static bool while_checking(struct store *st)
{
	return store_check_poll(st, NULL, 0) == STORE_CHECK_RUNNING;
}

/* How long the full check after a login takes, and what a page of a list costs while it
 * runs, beside the same pages with nothing running. */
static void check(struct store *st, int n)
{
	struct kerr err;
	double *idle = xcalloc((size_t)n, sizeof *idle);
	double *busy = xcalloc(1000000, sizeof *busy);
	budget = n;
	int quiet = page_on(st, idle, n, for_a_while);
	double t0 = now_ms();
	if (store_check_start(st, &err) != K_OK)
		fail("check", err.msg);
	int during = page_on(st, busy, 1000000, while_checking);
	while (store_check_poll(st, NULL, 0) == STORE_CHECK_RUNNING)
		;
	printf("check_seconds %.3f\npages_during %d\n", (now_ms() - t0) / 1e3, during);
	if (store_damage(st))
		fail("check", store_damage(st));
	quantiles("idle", idle, quiet);
	quantiles("during", busy, during > 0 ? during : 1);
	free(idle);
	free(busy);
}

static int profile(unsigned type, void *ctx, void *stmt, void *x)
{
	(void)type, (void)ctx;
	char *sql = sqlite3_expanded_sql(stmt);
	fprintf(stderr, "%8.3f ms  %s\n", (double)*(sqlite3_int64 *)x / 1e6, sql);
	sqlite3_free(sql);
	return 0;
}

/* ---- the one-shot list's query ---- */

static int print_sql(unsigned type, void *ctx, void *stmt, void *x)
{
	(void)type, (void)ctx, (void)x;
	char *sql = sqlite3_expanded_sql(stmt);
	if (sql && strncmp(sql, "SELECT t.id", 11) == 0)
		printf("%s;\n", sql);
	sqlite3_free(sql);
	return 0;
}

static void listsql(struct store *st)
{
	struct page_query q;
	struct page pg;
	struct kerr err;
	page_query_init(&q, &person_entity);
	q.limit = 50;
	sqlite3_trace_v2(store_db(st), SQLITE_TRACE_STMT, print_sql, NULL);
	if (page_load(st, &q, &pg, &err) != K_OK)
		fail("list", err.msg);
	sqlite3_trace_v2(store_db(st), 0, NULL, NULL);
	page_free(&pg);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: borough_bench DB search|related|paging|check|match N | "
				"borough_bench DB listsql\n");
		return 2;
	}
	struct store *st = NULL;
	struct kerr err;
	if (database_open(argv[1], &st, &err) != K_OK)
		fail(argv[1], err.msg);
	if (login_attempt(st, "ada", "quiet harbour lantern", NULL, &err) != K_OK)
		fail("logging in as ada", err.msg);
	int n = argc > 3 ? atoi(argv[3]) : 1000;
	if (getenv("BENCH_PROFILE"))
		sqlite3_trace_v2(store_db(st), SQLITE_TRACE_PROFILE, profile, NULL);
	if (strcmp(argv[2], "search") == 0 && n > 0)
		search(st, n);
	else if (strcmp(argv[2], "related") == 0 && n > 0)
		related(st, n);
	else if (strcmp(argv[2], "paging") == 0 && n > 0)
		paging(st, n);
	else if (strcmp(argv[2], "check") == 0 && n > 0)
		check(st, n);
	else if (strcmp(argv[2], "listsql") == 0)
		listsql(st);
	else if (strcmp(argv[2], "match") == 0 && n > 0)
		matching(st, n);
	else
		fail(argv[2], "not search, related, paging, check, match or listsql");
	login_logout(st);
	store_close(st);
	return 0;
}
