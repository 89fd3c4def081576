/* Matching: the groups and community assets that fit a person's gifts, passions and what
 * matters to them, ranked so that a connector can see at a glance what to suggest, and each
 * with the reasons it was suggested, so that they can say why. */
#ifndef KITH_MATCH_H
#define KITH_MATCH_H

#include <stdbool.h>

#include "id.h"
#include "kerr.h"

struct store;

/* Points a fit earns: a tag they share, one of their tags in its name or description, a
 * word of what matters to them in its name, description or tags. */
#define MATCH_SHARED_TAG 3
#define MATCH_TAG_MENTIONED 2
#define MATCH_WORD 1

struct match_item {
	char id[ID_LEN];
	char *name;
	char *category;
	char *neighbourhood;
	bool near;  /* in the person's neighbourhood */
	bool ready; /* active and verified in the last year */
	bool full;  /* says it has no room for new people */
	int fit;    /* points, above */
	char *why;  /* "shares Cooking; mentions walking (what matters to them); in Northgate;
		       active, verified 2026-03-04" */
};

struct match_list {
	struct match_item *item;
	int n;
	int found; /* how many fit at all, of which item holds the best n */
	int terms; /* their tags and words searched for: 0 when nothing is recorded to match */
};

/* The live groups and assets (not individuals' gifts, not closed ones) that fit person (an
 * id, the start of one or a name, as entity_resolve takes it), the best limit of them in
 * order: in their neighbourhood first; then active and verified in the last year; then
 * those with room (not saying they are full); then the best fit; then by name. A person
 * the reader may not see is refused as if there were none by that name. *out is the
 * caller's (match_list_free) whatever the status. */
int match_person(struct store *st, const char *person, int limit, struct match_list *out,
		 struct kerr *err);
void match_list_free(struct match_list *list);

#endif
