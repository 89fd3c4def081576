/* The baseline that kith's bulk writes are measured against (bench/run): a plain program
 * that writes the very rows a finished kith database holds into a new file with the same
 * tables, indexes and full-text indexes, through prepared statements in one transaction.
 * It has no triggers (it writes the rows they would make itself) and none of kith's work
 * (generating, validating, auditing): what is left is sqlite's own cost of those rows.
 *
 *   insert_baseline SOURCE.db NEW.db [TABLE ...] [--given TABLE ...]
 *
 * With TABLEs only those are written (the CSV import's baseline writes people and what their
 * insertion makes). Tables --given are written and committed before the clock starts: what an
 * import finds already there (the people and places an import of referrals names). The rows
 * are read into memory first and the schema made before the clock starts. The same pragmas
 * as kith's bulk load. Prints "rows N", "seconds S" and "cpu S" (its processor time: a busy
 * machine makes both wait), the timed tables' alone.
 *
 *   insert_baseline SOURCE.db NEW.db --before BEFORE.db TABLE ... [--given TABLE ...]
 *
 * With --before (SOURCE a copy of BEFORE after an import), only the rows of the timed TABLEs
 * that BEFORE lacks are timed: the rows already there are given, as an import into a table
 * that has rows finds them. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct table {
	char *name;
	char *insert;
	int ncols;
	long nrows;
	int given;             /* written before the clock starts */
	sqlite3_value **cells; /* nrows * ncols */
};

static double clock_of(clockid_t which)
{
	struct timespec ts;
	clock_gettime(which, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double now(void)
{
	return clock_of(CLOCK_MONOTONIC);
}

static void die(sqlite3 *db, const char *what)
{
	fprintf(stderr, "insert_baseline: %s: %s\n", what, db ? sqlite3_errmsg(db) : "");
	exit(1);
}

static void exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "insert_baseline: %s: %s\n", sql, msg ? msg : "");
		exit(1);
	}
}

static void *grow(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		fprintf(stderr, "insert_baseline: out of memory\n");
		exit(1);
	}
	return p;
}

/* 1: a table timed; 2: given (written before the clock); 0: left out. */
static int wanted(const char *name, int argc, char **argv)
{
	if (argc <= 3)
		return 1;
	int given = 0;
	for (int i = 3; i < argc; i++)
		if (strcmp(argv[i], "--given") == 0)
			given = 1;
		else if (strcmp(argv[i], name) == 0)
			return 1 + given;
	return argc > 3 && strcmp(argv[3], "--given") == 0; /* only givens: the rest timed */
}

/* Tables, views (a full-text index's content) and indexes, without triggers or the FTS
 * indexes' own tables, which their CREATE VIRTUAL TABLE makes. */
static void copy_schema(sqlite3 *src, sqlite3 *dst)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(src,
			       "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND type <> "
			       "'trigger' AND name NOT LIKE '%\\_fts\\_%' ESCAPE '\\' "
			       "AND name <> 'sqlite_sequence' ORDER BY type = 'index', rowid",
			       -1, &s, NULL) != SQLITE_OK)
		die(src, "reading the schema");
	while (sqlite3_step(s) == SQLITE_ROW)
		exec(dst, (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
}

/* Whether the table has a rowid of its own (not WITHOUT ROWID, no INTEGER PRIMARY KEY that
 * SELECT * already gives): written with the rows, so that they go in in kith's order. */
static int own_rowid(sqlite3 *src, const char *table)
{
	char *sql = sqlite3_mprintf("SELECT rowid FROM main.\"%w\" LIMIT 0", table);
	sqlite3_stmt *s = NULL;
	int own = sqlite3_prepare_v2(src, sql, -1, &s, NULL) == SQLITE_OK &&
		  strcmp(sqlite3_column_name(s, 0), "rowid") == 0;
	sqlite3_finalize(s);
	sqlite3_free(sql);
	return own;
}

/* which: "" every row; "EXCEPT" those not in BEFORE; "INTERSECT" those in it. */
static void load(sqlite3 *src, struct table *t, const char *which)
{
	const char *rowid = strstr(t->name, "_fts") || own_rowid(src, t->name) ? "rowid, " : "";
	/* in rowid order (the order kith wrote them): sorted, as a set operation sorts, by
	 * their first column, the rows of the rest */
	char *sql = *which ? sqlite3_mprintf("SELECT %s* FROM main.\"%w\" %s SELECT %s* FROM "
					     "b.\"%w\"",
					     rowid, t->name, which, rowid, t->name)
			   : sqlite3_mprintf("SELECT %s* FROM \"%w\"", rowid, t->name);
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(src, sql, -1, &s, NULL) != SQLITE_OK)
		die(src, sql);
	t->ncols = sqlite3_column_count(s);
	size_t cap = 0;
	while (sqlite3_step(s) == SQLITE_ROW) {
		if ((size_t)(t->nrows + 1) * (size_t)t->ncols > cap) {
			cap = cap ? cap * 2 : 1024 * (size_t)t->ncols;
			t->cells = grow(t->cells, cap * sizeof *t->cells);
		}
		for (int c = 0; c < t->ncols; c++)
			t->cells[t->nrows * t->ncols + c] = sqlite3_value_dup(
				sqlite3_column_value(s, c));
		t->nrows++;
	}
	char *cols = sqlite3_mprintf("%s", "");
	char *marks = sqlite3_mprintf("%s", "");
	for (int c = 0; c < t->ncols; c++) {
		char *a = sqlite3_mprintf("%s%s\"%w\"", cols, c ? ", " : "",
					  sqlite3_column_name(s, c));
		char *b = sqlite3_mprintf("%s%s?", marks, c ? ", " : "");
		sqlite3_free(cols);
		sqlite3_free(marks);
		cols = a;
		marks = b;
	}
	t->insert = sqlite3_mprintf("INSERT INTO \"%w\" (%s) VALUES (%s)", t->name, cols, marks);
	sqlite3_free(cols);
	sqlite3_free(marks);
	sqlite3_finalize(s);
	sqlite3_free(sql);
}

static long write_table(sqlite3 *db, const struct table *t)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(db, t->insert, -1, &s, NULL) != SQLITE_OK)
		die(db, t->insert);
	for (long r = 0; r < t->nrows; r++) {
		for (int c = 0; c < t->ncols; c++)
			sqlite3_bind_value(s, c + 1, t->cells[r * t->ncols + c]);
		if (sqlite3_step(s) != SQLITE_DONE)
			die(db, t->insert);
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	return t->nrows;
}

static struct table *add(struct table **tables, int *n, const char *name, int given)
{
	*tables = grow(*tables, (size_t)(*n + 1) * sizeof **tables);
	struct table *t = &(*tables)[(*n)++];
	memset(t, 0, sizeof *t);
	t->name = strdup(name);
	t->given = given;
	return t;
}

/* Takes "--before PATH" out of argv, attaching PATH to src as b; whether it was there. */
static int before(sqlite3 *src, int *argc, char **argv)
{
	for (int i = 3; i + 1 < *argc; i++)
		if (strcmp(argv[i], "--before") == 0) {
			char *sql = sqlite3_mprintf("ATTACH %Q AS b", argv[i + 1]);
			exec(src, sql);
			sqlite3_free(sql);
			memmove(&argv[i], &argv[i + 2], (size_t)(*argc - i - 2) * sizeof *argv);
			*argc -= 2;
			return 1;
		}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: insert_baseline SOURCE.db NEW.db [--before BEFORE.db] "
				"[TABLE ...] [--given TABLE ...]\n");
		return 2;
	}
	sqlite3 *src, *dst;
	if (sqlite3_open_v2(argv[1], &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		die(src, argv[1]);
	int split = before(src, &argc, argv);
	remove(argv[2]);
	if (sqlite3_open(argv[2], &dst) != SQLITE_OK)
		die(dst, argv[2]);
	copy_schema(src, dst);
	exec(dst, "PRAGMA foreign_keys = ON; PRAGMA defer_foreign_keys = ON; "
		  "PRAGMA secure_delete = ON; PRAGMA synchronous = FULL; "
		  "PRAGMA cache_size = -524288; PRAGMA journal_mode = DELETE");

	struct table *tables = NULL;
	int n = 0;
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(
		    src,
		    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE "
		    "'%\\_fts\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
		    "ORDER BY rowid",
		    -1, &s, NULL) != SQLITE_OK)
		die(src, "listing tables");
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(s, 0);
		int how = wanted(name, argc, argv);
		if (!how)
			continue;
		if (split && how == 1)
			load(src, add(&tables, &n, name, 1), "INTERSECT");
		load(src, add(&tables, &n, name, how == 2), split && how == 1 ? "EXCEPT" : "");
	}
	sqlite3_finalize(s);

	/* the given rows are there already: a row given may name one changed (timed) */
	exec(dst, "PRAGMA foreign_keys = OFF; BEGIN");
	for (int i = 0; i < n; i++)
		if (tables[i].given)
			write_table(dst, &tables[i]);
	exec(dst, "COMMIT; PRAGMA foreign_keys = ON");
	double t0 = now(), c0 = clock_of(CLOCK_PROCESS_CPUTIME_ID);
	long rows = 0;
	exec(dst, "BEGIN");
	for (int i = 0; i < n; i++)
		if (!tables[i].given)
			rows += write_table(dst, &tables[i]);
	exec(dst, "COMMIT");
	double t1 = now(), c1 = clock_of(CLOCK_PROCESS_CPUTIME_ID);
	printf("rows %ld\nseconds %.4f\ncpu %.4f\n", rows, t1 - t0, c1 - c0);

	for (int i = 0; i < n; i++) {
		for (long c = 0; c < tables[i].nrows * tables[i].ncols; c++)
			sqlite3_value_free(tables[i].cells[c]);
		free(tables[i].cells);
		free(tables[i].name);
		sqlite3_free(tables[i].insert);
	}
	free(tables);
	sqlite3_close(src);
	sqlite3_close(dst);
	return 0;
}
