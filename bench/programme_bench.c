/* Times, for bench/run, the programme report for the year to today on a borough-sized
 * database, built in the process as `kith report programme` builds it (report_build, as the
 * demo's admin, who reads the programme):
 *
 *   programme_bench DB N   the report N times: the first (a cold cache) and the median and
 *                          99th percentile of the rest, each beside its processor time (a
 *                          busy machine's wait is not kith's); and what it counted
 *
 * Prints "name value" lines, times in milliseconds. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "database.h"
#include "login.h"
#include "report.h"
#include "store.h"
#include "xalloc.h"

static double clock_ms(clockid_t which)
{
	struct timespec ts;
	clock_gettime(which, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static _Noreturn void fail(const char *what, const char *msg)
{
	fprintf(stderr, "programme_bench: %s: %s\n", what, msg);
	exit(1);
}

/* BENCH_PROFILE: every statement's own time (where the report's time goes) */
static int profile(unsigned type, void *ctx, void *stmt, void *x)
{
	(void)type, (void)ctx;
	char *sql = sqlite3_expanded_sql(stmt);
	fprintf(stderr, "%8.3f ms  %s\n", (double)*(sqlite3_int64 *)x / 1e6, sql);
	sqlite3_free(sql);
	return 0;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void say_counts(const struct report *r)
{
	static const char *const keys[] = {"outputs.conversations", "outputs.referrals",
					   "outputs.asset_contacts", "counts.residents_reached"};
	for (size_t i = 0; i < r->n; i++)
		for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
			if (r->blocks[i].key && strcmp(r->blocks[i].key, keys[k]) == 0)
				printf("%s %.0f\n", keys[k], r->blocks[i].value);
}

int main(int argc, char **argv)
{
	if (argc < 3 || atoi(argv[2]) < 2) {
		fprintf(stderr, "usage: programme_bench DB N (N >= 2)\n");
		return 2;
	}
	int n = atoi(argv[2]);
	struct store *st = NULL;
	struct kerr err;
	if (database_open(argv[1], &st, &err) != K_OK)
		fail(argv[1], err.msg);
	if (login_attempt(st, "ada", "quiet harbour lantern", NULL, &err) != K_OK)
		fail("logging in as ada", err.msg);
	if (getenv("BENCH_PROFILE"))
		sqlite3_trace_v2(store_db(st), SQLITE_TRACE_PROFILE, profile, NULL);
	double *t = xcalloc((size_t)n, sizeof *t), *cpu = xcalloc((size_t)n, sizeof *cpu);
	for (int i = 0; i < n; i++) {
		struct report_query q = {.neighbourhood = NULL};
		struct report r;
		double t0 = clock_ms(CLOCK_MONOTONIC), c0 = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
		if (report_build(st, report_find("programme"), &q, &r, &err) != K_OK)
			fail("the programme report", err.msg);
		t[i] = clock_ms(CLOCK_MONOTONIC) - t0;
		cpu[i] = clock_ms(CLOCK_PROCESS_CPUTIME_ID) - c0;
		if (i == 0)
			say_counts(&r);
		report_free(&r);
	}
	printf("first_ms %.2f\nfirst_cpu_ms %.2f\n", t[0], cpu[0]);
	qsort(t + 1, (size_t)n - 1, sizeof *t, by_value);
	qsort(cpu + 1, (size_t)n - 1, sizeof *cpu, by_value);
	printf("median_ms %.2f\ncpu_median_ms %.2f\n", t[1 + (n - 2) / 2], cpu[1 + (n - 2) / 2]);
	printf("p99_ms %.2f\n", t[1 + (int)((n - 2) * 0.99 + 0.5)]);
	free(t);
	free(cpu);
	login_logout(st);
	store_close(st);
	return 0;
}
