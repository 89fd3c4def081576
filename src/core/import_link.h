/* Private to import.c and import_link.c: an import's own way to join many pairs (memberships,
 * attendance, gifts, asset tags), one statement a line. */
#ifndef KITH_IMPORT_LINK_H
#define KITH_IMPORT_LINK_H

#include "kerr.h"
#include "link.h"
#include "link_kinds.h"
#include "store.h"

struct import_link {
	const struct link_kind *kind;
	struct link_def def;
	struct sqlite3_stmt *add;    /* a pair not there yet (link_add's, without reviving) */
	struct sqlite3_stmt *revive; /* a pair's tombstone brought back (link_add's other half) */
	struct sqlite3_stmt *set;    /* link_set's of kind->reset */
	int person;                  /* which side is a person: 0 (a), 1 (b) or -1 */
	int nextra;                  /* how many further values the table has */
};

/* Ready to join pairs of kind, which has values (link_kinds.h): K_REFUSED when the reader
 * may not write records. */
int import_link_begin(struct store *st, struct import_link *l, const struct link_kind *kind,
		      struct kerr *err);
/* Joins a and b (ids the import has resolved) with the further values given ("" for none),
 * as kind->join would, inside the import's transaction and audited by its own row: K_OK
 * joined (or a further value set anew), K_DUPLICATE joined so already, otherwise refused with
 * err naming the column. */
int import_link_row(struct store *st, struct import_link *l, const char *a, const char *b,
		    const char *const given[LINK_EXTRA], struct kerr *err);
void import_link_end(struct import_link *l);

#endif
