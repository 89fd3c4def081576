/* Environment variables that only a test build honours (meson -Dtest_hooks=true): a fixed
 * day (KITH_TODAY), a shifted clock (KITH_CLOCK_SHIFT), the cheapest password hashing
 * (KITH_PASSWORD_COST=min), a smaller line between exact and estimated network figures
 * (KITH_EXACT_WORK) and a connection to the hub that drops after so many calls
 * (KITH_SYNC_DROP, sync_conn.c), a sync's bulk path taken by a small hub (KITH_SYNC_BULK,
 * sync.c), and kith killed inside hub init (KITH_HUB_INIT_CRASH, hub_admin.c). A release
 * build ignores them all, so that nobody can weaken a hash or move the clock of a real
 * database by setting one. */
#ifndef KITH_TESTHOOK_H
#define KITH_TESTHOOK_H

#include <stdbool.h>

/* The variable's value in a test build when it is set and not empty; NULL otherwise. */
const char *testhook_env(const char *name);
/* Whether this binary is a test build. */
bool testhook_build(void);

#endif
