/* Drafts: what was typed into a form that could not be saved (kith had to stop on a hang-up
 * or SIGTERM, or another worker logged in at the lock screen), kept in the database for the
 * worker who typed it and offered back at their next login. Only that worker reads, writes
 * or discards their drafts: every call acts for the store's logged-in worker (store_actor)
 * and refuses when no one is logged in. */
#ifndef KITH_DRAFT_H
#define KITH_DRAFT_H

#include <stddef.h>

#include "date.h"
#include "id.h"
#include "kerr.h"

struct store;

struct draft {
	char id[ID_LEN];            /* "" until kept */
	char entity[32];            /* the form's entity, by name: "person" */
	char record_id[ID_LEN];     /* the record being edited; "" for a new one */
	char person_id[ID_LEN];     /* the person it is about; "" for none */
	char created_at[STAMP_LEN]; /* when it was first kept (UTC) */
	char updated_at[STAMP_LEN]; /* when it was last kept */
	int n;                      /* what was typed: n names and their values, in order */
	size_t cap;
	char **name;
	char **value;
};

/* An empty draft. */
void draft_init(struct draft *d);
/* Frees what d holds (its typing wiped first) and empties it; accepts an empty draft. */
void draft_clear(struct draft *d);
/* Sets name to a copy of value (NULL is ""), replacing an earlier value of that name. */
void draft_set(struct draft *d, const char *name, const char *value);
/* The value typed for name, or NULL when none was. */
const char *draft_get(const struct draft *d, const char *name);

/* Keeps d for the logged-in worker in one transaction: updates their draft d->id when it is
 * still theirs and not discarded, else keeps it as a new one (d->id, created_at and
 * updated_at are filled). A person_id that names no person is kept as none.
 * K_REFUSED when no one is logged in. */
int draft_save(struct store *st, struct draft *d, struct kerr *err);
/* Keeps the n drafts of d as draft_save does, all in one transaction (none on failure). */
int draft_save_all(struct store *st, struct draft *d, int n, struct kerr *err);
/* The logged-in worker's drafts, oldest first: *out is an array of *n drafts (NULL when
 * none), freed with draft_list_free. */
int draft_list(struct store *st, struct draft **out, int *n, struct kerr *err);
void draft_list_free(struct draft *list, int n); /* accepts NULL */
/* Discards the logged-in worker's draft id: its typing is blanked, the tombstone keeps none of
 * it, and the write-ahead log is emptied when no transaction is open. K_NOT_FOUND when there
 * is no such draft of theirs (another worker's draft is not found either). */
int draft_discard(struct store *st, const char *id, struct kerr *err);
/* For erasing a person (a coordinator's right): blanks every worker's drafts about them, in
 * the caller's transaction when one is open. *n (may be NULL) gets how many. */
int draft_forget_person(struct store *st, const char *person_id, int *n, struct kerr *err);

#endif
