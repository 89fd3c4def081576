/* The join rows that travel as kinds of their own in kith export and import: who belongs to
 * which group, who came to which activity, whose gifts and which assets' tags are which, whom
 * and what a story is about and the outcomes it shows. Each
 * is described once (its table's two sides, the entities they are, its further columns and
 * how a row is joined), and the export and the import read the description. */
#ifndef KITH_LINK_KINDS_H
#define KITH_LINK_KINDS_H

#include <stdbool.h>

#include "entity.h"
#include "link.h"

struct store;
struct strbuf;

#define LINK_VALUE 32 /* a further value as stored: a role, a date */

struct link_kind {
	const char *name; /* "memberships": the word after export and import */
	const char *table;
	const char *a, *b;             /* the two key columns */
	enum entity_kind a_of, b_of;   /* b_of ENTITY_COUNT: b is a code (a story's outcome) */
	const char *extra[LINK_EXTRA]; /* further columns (role, since), or NULL */
	/* Joins the records a and b (ids) with the further values ("" for none), as the forms
	 * join them; K_DUPLICATE when they are joined so already. */
	int (*join)(struct store *st, const char *a, const char *b,
		    const char *const extra[LINK_EXTRA], struct kerr *err);
	/* For a join that is one row of the table, an import's own way to it (import_link.c):
	 * the further values as join stores them, each checked and given its default as join
	 * does (err naming the column); NULL for a kind that only join joins. */
	int (*values)(const char *const given[LINK_EXTRA], char out[LINK_EXTRA][LINK_VALUE],
		      struct kerr *err);
	int reset; /* the further value that, given for a pair joined already, join sets on it
		      (a member's role); -1 for none */
};

enum { LINK_KINDS = 10 };
extern const struct link_kind link_kinds[LINK_KINDS];

/* The kind called name, or NULL. */
const struct link_kind *link_kinds_find(const char *name);
/* Every live join of kind that the reader may see, as CSV (json false) or JSON: each side's
 * id and beside it its name (asset_id, asset_name), then the further columns. *rows gets how
 * many. */
int link_kinds_export(struct store *st, const struct link_kind *kind, bool json, struct strbuf *out,
		      long *rows, struct kerr *err);

#endif
