/* A kith database: the store opened with kith's schema, its search indexes and its privacy
 * function. Everything that opens kith's file opens it here. */
#ifndef KITH_DATABASE_H
#define KITH_DATABASE_H

#include "kerr.h"

struct store;

/* Opens (creating when missing) the kith database at path, as store_open describes; NULL
 * means the default path and ":memory:" an in-memory database. Migrates an older kith file
 * forward. On success *out is the caller's (store_close). */
int database_open(const char *path, struct store **out, struct kerr *err);

#endif
