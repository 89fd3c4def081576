/* Private to import.c and import_ids.c: the ids an import has added, for a table that held
 * no row when it began, where they are the only rows an id of the file can find. */
#ifndef KITH_IMPORT_IDS_H
#define KITH_IMPORT_IDS_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#include "id.h"

struct import_ids {
	uint64_t *slot;   /* an id's hash; 0 an empty slot */
	size_t cap, used; /* cap a power of two, kept at most half full */
};

/* Whether id may be among those added: false is sure, true is to be asked of the table (two
 * ids may share a hash). */
bool import_ids_maybe(const struct import_ids *s, const char *id);
/* Adds id (one of kith's ids). */
void import_ids_add(struct import_ids *s, const char *id);
void import_ids_free(struct import_ids *s);

#endif
