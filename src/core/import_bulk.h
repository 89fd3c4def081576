/* Private to the imports (import.c, hsds_import.c) and import_bulk.c: the triggers an import of many people, places or
 * tags set aside, and their work done once at the end. */
#ifndef KITH_IMPORT_BULK_H
#define KITH_IMPORT_BULK_H

#include <stddef.h>

#include "kerr.h"
#include "store.h"

#define IMPORT_BULK_TRIGGERS 3

struct import_bulk {
	const struct bulk_kind *kind;        /* NULL: no trigger of the table's own set aside */
	long long mark;                      /* the last fts_rowid (a tag's rowid) before */
	char *sql[IMPORT_BULK_TRIGGERS + 2]; /* and an idle one's, the capture trigger's */
	int n;
	char (*touched)[40]; /* the owners whose tags were added to (their tag words) */
	size_t ntouched, cap;
};

/* Sets aside the triggers of table ("person", "asset", "tag", "person_tag",
 * "asset_tag"), when it
 * has any this module knows (b->kind stays NULL otherwise), and of any table the capture
 * trigger of its inserts while this laptop has joined no hub. */
int import_bulk_begin(struct store *st, struct import_bulk *b, const char *table, struct kerr *err);
/* An owner a tag was added to (a person_tag or asset_tag import). */
void import_bulk_touch(struct import_bulk *b, const char *owner);
/* The triggers' work for the rows added since, and the triggers back (when status is K_OK:
 * otherwise the caller rolls back, which brings them back); frees b. */
int import_bulk_end(struct store *st, struct import_bulk *b, int status, struct kerr *err);

#endif
