/* Join rows between two records (membership, attendance, tags): unique per pair, tombstoned
 * rather than deleted, and revived when the same pair is linked again. */
#ifndef KITH_LINK_H
#define KITH_LINK_H

#include "kerr.h"

struct store;

#define LINK_EXTRA 2

struct link_def {
	const char *table;
	const char *a;                 /* first key column */
	const char *b;                 /* second key column */
	const char *extra[LINK_EXTRA]; /* further columns set on link (role, since), or NULL */
	const char *what;              /* for messages: "a member of that group" */
};

/* Links a to b with the extra column values (NULL for none). Runs inside the caller's
 * transaction if there is one. K_DUPLICATE when the live link exists. */
int link_add(struct store *st, const struct link_def *l, const char *a, const char *b,
	     const char *const extra[LINK_EXTRA], struct kerr *err);
/* Sets the live link's further column extra (an index into l->extra) to value, audited as
 * an update, inside the caller's transaction: K_NOT_FOUND ("not <what>") when there is no
 * live link, K_DUPLICATE ("<column>: already <what>, as <value>") when it holds value. */
int link_set(struct store *st, const struct link_def *l, const char *a, const char *b, int extra,
	     const char *value, struct kerr *err);
/* The statements link_add and link_set run, for a bulk write that runs them itself
 * (import_link.c), owned by the caller. link_add_sql's: ?1 a, ?2 b, ?3 now, ?4 the actor,
 * ?5.. the extra values; it inserts, or revives a tombstone, and changes no row when the
 * pair is linked already. link_set_sql's: ?1 a, ?2 b, ?3 the value, ?4 now, ?5 the actor;
 * it changes no row when the live link holds the value (or there is none). link_add_sql's
 * two halves, numbered as it is, for a bulk write that inserts many new pairs (an upsert
 * readies every insert to be an update: its triggers, a statement journal): link_insert_sql
 * inserts a pair not there yet, link_revive_sql revives the pair's tombstone. */
char *link_add_sql(const struct link_def *l);
char *link_insert_sql(const struct link_def *l);
char *link_revive_sql(const struct link_def *l);
char *link_set_sql(const struct link_def *l, int extra);
/* Tombstones the link; K_NOT_FOUND when there is no live one. */
int link_remove(struct store *st, const struct link_def *l, const char *a, const char *b,
		struct kerr *err);

#endif
