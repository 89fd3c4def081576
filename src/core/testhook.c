/* The one place that reads the test-only environment variables (see testhook.h). */
#include "testhook.h"

#include <stdlib.h>

#ifndef KITH_TEST_HOOKS
#define KITH_TEST_HOOKS 0
#endif

const char *testhook_env(const char *name)
{
#if KITH_TEST_HOOKS
	const char *value = getenv(name);
	return value && *value ? value : NULL;
#else
	(void)name;
	return NULL;
#endif
}

bool testhook_build(void)
{
	return KITH_TEST_HOOKS != 0;
}
