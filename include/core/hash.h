/* A text's 64-bit FNV-1a hash, for the open-addressing tables that bulk work keeps in memory
 * (ids an import added, people's review dates, names resolved, an HSDS table's index, rows a
 * sync sent). Not for anything kept or compared across versions: it is only fast. */
#ifndef KITH_HASH_H
#define KITH_HASH_H

#include <stdint.h>

#define HASH_START 1469598103934665603ull

/* h carried on over text's bytes: hash_text(HASH_START, s) is s's hash; a second call goes on
 * from the first, for a key of two parts. */
uint64_t hash_text(uint64_t h, const char *text);

#endif
