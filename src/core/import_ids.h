/* Private to import.c and import_ids.c: the ids an import has added, for a table that held
 * no row when it began, where they are the only rows an id of the file can find. */
#ifndef KITH_IMPORT_IDS_H
#define KITH_IMPORT_IDS_H

#include <stdbool.h>
#include <stddef.h>

#include "id.h"

struct import_ids {
	char (*slot)[ID_LEN]; /* "" an empty slot */
	size_t cap, used;     /* cap a power of two, kept at most half full */
};

/* Whether id is among those added. */
bool import_ids_has(const struct import_ids *s, const char *id);
/* Adds id (one of kith's ids). */
void import_ids_add(struct import_ids *s, const char *id);
void import_ids_free(struct import_ids *s);

#endif
