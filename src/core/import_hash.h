/* Private to the imports (import.c) and import_hash.c: a file's SHA-256, by which an import
 * tells a file imported before. */
#ifndef KITH_IMPORT_HASH_H
#define KITH_IMPORT_HASH_H

#include <stddef.h>

#include "kerr.h"
#include "store.h"

/* The SHA-256 of data, in hex. */
void import_hash_of(const char *data, size_t n, char out[65]);
/* K_DUPLICATE (err says when) when the trail holds an import of a file of this hash. */
int import_seen_before(struct store *st, const char *hash, struct kerr *err);

#endif
