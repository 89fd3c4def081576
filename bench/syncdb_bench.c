/* A new laptop's first sync, its sqlite half: every travelling row of a kith database (as the
 * hub would send it: table, key, JSON of the travelling columns) applied to a new, joined
 * database in pages, as syncdb_apply does at a first sync. The rows are read and made into
 * pages before the clock starts; the hub's side (bench/run sync) is not here.
 *
 *   syncdb_bench SOURCE.db NEW.db [PAGE [PAGES]]
 *
 * Pages of PAGE rows (50,000), PAGES of them to a transaction (5), between store_bulk_start
 * and store_bulk_end, as a sync far behind its hub does (sync.c); SYNCDB_BENCH_PLAIN=1 in
 * the environment: each page its own transaction, without the bulk settings.
 * Prints "rows N", "seconds S" and "cpu S" as insert_baseline does, whose figure for the
 * same rows is what this is measured against. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "database.h"
#include "store.h"
#include "strbuf.h"
#include "syncdb.h"
#include "xalloc.h"

static double now(clockid_t clock)
{
	struct timespec ts;
	clock_gettime(clock, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The dump's lines, in SYNCDB_TABLES' order (parents before what names them, as a hub's
 * sequence mostly has them), as rows; the text is kept in *keep. */
static struct syncdb_row *rows_of(char *dump, long *n)
{
	size_t cap = 0, count = 0;
	struct syncdb_row *rows = NULL;
	for (int t = 0; t < SYNCDB_NTABLES; t++) {
		size_t len = strlen(SYNCDB_TABLES[t].name);
		for (char *p = dump; p && *p;) {
			char *end = strchr(p, '\n');
			if (strncmp(p, SYNCDB_TABLES[t].name, len) == 0 && p[len] == '\t') {
				rows = xgrow(rows, count, &cap, sizeof *rows);
				rows[count++] = (struct syncdb_row){(long long)count + 1,
								    SYNCDB_TABLES[t].name, p, p};
			}
			p = end ? end + 1 : NULL;
		}
	}
	/* split each line in place: table, key, JSON */
	for (size_t i = 0; i < count; i++) {
		char *line = (char *)rows[i].key;
		char *tab1 = strchr(line, '\t'), *tab2 = strchr(tab1 + 1, '\t');
		char *end = strchr(tab2, '\n');
		*tab1 = *tab2 = '\0';
		if (end)
			*end = '\0';
		rows[i].key = tab1 + 1;
		rows[i].data = tab2 + 1;
		rows[i].seq = (long long)i + 1;
	}
	*n = (long)count;
	return rows;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: syncdb_bench SOURCE.db NEW.db [PAGE [PAGES]]\n");
		return 2;
	}
	int page = argc > 3 ? atoi(argv[3]) : 50000;
	int pages = argc > 4 ? atoi(argv[4]) : 5;
	bool bulk = !getenv("SYNCDB_BENCH_PLAIN");
	struct store *src = NULL, *dst = NULL;
	struct kerr err;
	struct strbuf dump = STRBUF_INIT;
	if (database_open(argv[1], &src, &err) != K_OK || syncdb_dump(src, &dump, &err) != K_OK ||
	    database_open(argv[2], &dst, &err) != K_OK || syncdb_join(dst, "bench", &err) != K_OK) {
		fprintf(stderr, "syncdb_bench: %s\n", err.msg);
		return 1;
	}
	store_close(src);
	long n = 0;
	struct syncdb_row *rows = rows_of(dump.buf, &n);
	struct syncdb_applied got = {0};
	double t0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
	/* as sync_run does around a pull of many pages */
	if (bulk && store_bulk_start(dst, 512, &err) != K_OK) {
		fprintf(stderr, "syncdb_bench: %s\n", err.msg);
		return 1;
	}
	if (bulk && store_exec(dst, "PRAGMA foreign_keys = OFF", &err) != K_OK) {
		fprintf(stderr, "syncdb_bench: %s\n", err.msg);
		return 1;
	}
	for (long at = 0, done = 0; at < n; at += page, done++) {
		int k = (int)(n - at < page ? n - at : page), status = K_OK;
		if (bulk && done % pages == 0) {
			status = store_begin(dst, &err);
			store_flat(dst, true);
		}
		if (status == K_OK)
			status = syncdb_apply(dst, rows + at, k, rows[at + k - 1].seq, &got, &err);
		if (bulk && (done % pages == pages - 1 || at + k >= n || status != K_OK)) {
			store_flat(dst, false);
			status = store_finish(dst, status, &err);
		}
		if (status != K_OK) {
			fprintf(stderr, "syncdb_bench: %s\n", err.msg);
			return 1;
		}
	}
	if (bulk && store_bulk_end(dst, &err) != K_OK) {
		fprintf(stderr, "syncdb_bench: %s\n", err.msg);
		return 1;
	}
	double t1 = now(CLOCK_MONOTONIC), c1 = now(CLOCK_PROCESS_CPUTIME_ID);
	printf("rows %ld\nseconds %.3f\ncpu %.3f\nrows/s %.0f\n", got.rows, t1 - t0, c1 - c0,
	       (double)got.rows / (t1 - t0));
	store_close(dst);
	free(rows);
	strbuf_free(&dump);
	return 0;
}
