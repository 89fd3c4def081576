/* The test harness's counts and messages (check.h): one copy for the whole test program, so
 * that the fixture's checks and the test's own count alike. */
#include "check.h"

static int passed, failed, fails_now;
static const char *current = "main";

/* Checks that failed outside any test, in main's setup, fail the suite as one test more. */
static void count_outside(void)
{
	if (fails_now)
		failed++;
	fails_now = 0;
}

bool check_true(const char *file, int line, const char *expr, bool ok)
{
	if (!ok) {
		fprintf(stderr, "%s:%d: %s: check failed: %s\n", file, line, current, expr);
		fails_now++;
	}
	return ok;
}

bool check_str(const char *file, int line, const char *expr, const char *got, const char *want)
{
	bool ok = got && want && strcmp(got, want) == 0;
	if (!ok) {
		fprintf(stderr, "%s:%d: %s: %s is \"%s\", expected \"%s\"\n", file, line, current,
			expr, got ? got : "(null)", want ? want : "(null)");
		fails_now++;
	}
	return ok;
}

bool check_long(const char *file, int line, const char *expr, long long got, long long want)
{
	if (got != want) {
		fprintf(stderr, "%s:%d: %s: %s is %lld, expected %lld\n", file, line, current, expr,
			got, want);
		fails_now++;
	}
	return got == want;
}

bool check_has(const char *file, int line, const char *expr, const char *hay, const char *needle)
{
	bool ok = hay && needle && strstr(hay, needle) != NULL;
	if (!ok) {
		fprintf(stderr, "%s:%d: %s: %s is \"%s\", which lacks \"%s\"\n", file, line,
			current, expr, hay ? hay : "(null)", needle ? needle : "(null)");
		fails_now++;
	}
	return ok;
}

int check_failures(void)
{
	return fails_now;
}

void check_run(const char *name, void (*fn)(void))
{
	count_outside();
	current = name;
	fn();
	if (fails_now)
		failed++;
	else
		passed++;
	fails_now = 0;
	current = "main";
}

int check_summary(const char *suite)
{
	count_outside();
	printf("%s: %d passed, %d failed\n", suite, passed, failed);
	return failed ? 1 : 0;
}
