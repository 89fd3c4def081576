/* Loading libpq on first use (pq.h). */
#define PQ_LOADER
#include "pq.h"

#include "testhook.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

/* libpq's soname: its ABI has been version 5 since PostgreSQL 8.0 */
#define PQ_LIBRARY "libpq.so.5"

struct pq_api pq_api;

/* dlsym's answer as a function pointer: POSIX guarantees the conversion works */
static void take(void *to, void *symbol)
{
	memcpy(to, &symbol, sizeof symbol);
}

int pq_load(struct kerr *err)
{
	static int loaded; /* 1 loaded; -1 not there (asked once) */
	static char why[200];
	if (!loaded) {
		const char *name = testhook_env("KITH_PQ_LIBRARY"); /* tests: one not there */
		void *lib = dlopen(name ? name : PQ_LIBRARY, RTLD_NOW | RTLD_LOCAL);
		loaded = lib ? 1 : -1;
		if (!lib)
			snprintf(why, sizeof why, "%.150s", dlerror());
#define PQ_TAKE(name) \
	if (lib && loaded == 1) { \
		void *symbol = dlsym(lib, #name); \
		if (symbol) \
			take(&pq_api.name, symbol); \
		else \
			loaded = -1, snprintf(why, sizeof why, "%s has no %s", PQ_LIBRARY, #name); \
	}
		PQ_FUNCTIONS(PQ_TAKE)
#undef PQ_TAKE
	}
	if (loaded == 1)
		return K_OK;
	return kerr_set(err, K_IO, "",
			"talking to a hub needs PostgreSQL's client library, libpq (on Debian: "
			"apt install libpq5): %s",
			why);
}
