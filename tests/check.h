/* A tiny test harness: a test is a function, it fails if any check in it fails, and main
 * ends with check_summary(), which prints "SUITE: N passed, N failed" for tests/run-all.
 * The counts live in check.c, so that a check made in a shared helper (fixture.c) fails the
 * test that called it. */
#ifndef KITH_CHECK_H
#define KITH_CHECK_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Each returns whether the check held; one that fails says where, in which test and why. */
bool check_true(const char *file, int line, const char *expr, bool ok);
bool check_str(const char *file, int line, const char *expr, const char *got, const char *want);
bool check_long(const char *file, int line, const char *expr, long long got, long long want);
bool check_has(const char *file, int line, const char *expr, const char *hay, const char *needle);

#define CHECK(cond) check_true(__FILE__, __LINE__, #cond, (cond))
#define CHECK_STR(got, want) check_str(__FILE__, __LINE__, #got, (got), (want))
#define CHECK_INT(got, want) \
	check_long(__FILE__, __LINE__, #got, (long long)(got), (long long)(want))
#define CHECK_HAS(hay, needle) check_has(__FILE__, __LINE__, #hay, (hay), (needle))

/* How many checks have failed so far in the test that is running (0: none yet). */
int check_failures(void);

/* Runs one test, counting it passed if none of its checks failed. */
void check_run(const char *name, void (*fn)(void));

#define RUN(fn) check_run(#fn, fn)

/* Prints "SUITE: N passed, N failed"; returns main's exit status (1 if any failed). */
int check_summary(const char *suite);

#endif
