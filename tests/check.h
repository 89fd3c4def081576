/* A tiny test harness: a test is a function, it fails if any check in it fails, and main
 * ends with check_summary(), which prints "SUITE: N passed, N failed" for tests/run-all. */
#ifndef KITH_CHECK_H
#define KITH_CHECK_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_passed, check_failed, check_fails_now;
static const char *check_current;

__attribute__((unused)) static bool check_true(const char *file, int line, const char *expr,
					       bool ok)
{
	if (!ok) {
		fprintf(stderr, "%s:%d: %s: check failed: %s\n", file, line, check_current, expr);
		check_fails_now++;
	}
	return ok;
}

__attribute__((unused)) static bool check_str(const char *file, int line, const char *expr,
					      const char *got, const char *want)
{
	bool ok = got && want && strcmp(got, want) == 0;
	if (!ok) {
		fprintf(stderr, "%s:%d: %s: %s is \"%s\", expected \"%s\"\n", file, line,
			check_current, expr, got ? got : "(null)", want ? want : "(null)");
		check_fails_now++;
	}
	return ok;
}

__attribute__((unused)) static bool check_long(const char *file, int line, const char *expr,
					       long long got, long long want)
{
	if (got != want) {
		fprintf(stderr, "%s:%d: %s: %s is %lld, expected %lld\n", file, line,
			check_current, expr, got, want);
		check_fails_now++;
	}
	return got == want;
}

__attribute__((unused)) static bool check_has(const char *file, int line, const char *expr,
					      const char *hay, const char *needle)
{
	bool ok = hay && needle && strstr(hay, needle) != NULL;
	if (!ok) {
		fprintf(stderr, "%s:%d: %s: %s is \"%s\", which lacks \"%s\"\n", file, line,
			check_current, expr, hay ? hay : "(null)", needle ? needle : "(null)");
		check_fails_now++;
	}
	return ok;
}

#define CHECK(cond) check_true(__FILE__, __LINE__, #cond, (cond))
#define CHECK_STR(got, want) check_str(__FILE__, __LINE__, #got, (got), (want))
#define CHECK_INT(got, want) check_long(__FILE__, __LINE__, #got, (long long)(got), (long long)(want))
#define CHECK_HAS(hay, needle) check_has(__FILE__, __LINE__, #hay, (hay), (needle))

__attribute__((unused)) static void check_run(const char *name, void (*fn)(void))
{
	check_current = name;
	check_fails_now = 0;
	fn();
	if (check_fails_now)
		check_failed++;
	else
		check_passed++;
}

#define RUN(fn) check_run(#fn, fn)

__attribute__((unused)) static int check_summary(const char *suite)
{
	printf("%s: %d passed, %d failed\n", suite, check_passed, check_failed);
	return check_failed ? 1 : 0;
}

#endif
