/* Record ids: lowercase text UUIDs (version 4), from libuuid, or from a seeded generator so
 * that a demo database is the same for the same seed. */
#ifndef KITH_ID_H
#define KITH_ID_H

#include <stdbool.h>
#include <stdint.h>

#define ID_LEN 37 /* 36 characters and NUL */

void id_new(char out[ID_LEN]);
/* A version-4 UUID made from two 64-bit random words (the seeded path). */
void id_from_bits(uint64_t hi, uint64_t lo, char out[ID_LEN]);
/* A version-5 UUID (SHA-1) of name in kith's namespace: the same name gives the same id on
 * every laptop (a tag made on two laptops offline is then one row when they sync). */
void id_named(const char *name, char out[ID_LEN]);
/* Exactly 36 characters, lowercase hex in 8-4-4-4-12 groups. */
bool id_valid(const char *s);
/* 1 to 36 characters that could start an id: lowercase hex and dashes in the right places. */
bool id_prefix_valid(const char *s);

#endif
