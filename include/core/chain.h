/* Referral chains. A chain is one person's referrals in date order; as a journey it is the
 * assets they passed through (where each referral came from, then where it went). Through an
 * asset, journeys branch: where people came from before it, hop by hop, and where they went
 * after it, each branch with how many people took it. */
#ifndef KITH_CHAIN_H
#define KITH_CHAIN_H

#include "date.h"
#include "id.h"
#include "kerr.h"

struct store;

struct chain_step {
	char referral_id[ID_LEN];
	char date[DATE_LEN];
	char *kind, *status;
	char from_id[ID_LEN], to_id[ID_LEN];
	char *from_name, *to_name;
};

struct chain {
	struct chain_step *step;
	int n;
};

/* A person's referrals in date order (deleted ones left out). */
int chain_person(struct store *st, const char *person_id, struct chain *out, struct kerr *err);
void chain_free(struct chain *c);

/* A tree of branches from an asset, one way: node 0 is the asset itself; each other node
 * is the asset one hop further along, with the people who went that way. */
struct chain_node {
	const char *asset_id; /* "" on a line of folded branches */
	const char *name;     /* likewise */
	int parent;           /* -1 for the root */
	int depth;            /* hops from the root */
	int people;           /* distinct people who took this branch */
	const int *person;    /* indexes into chain_tree.person_id */
	int nperson;
	int folded; /* >0: this line stands for that many smaller branches */
};

struct chain_tree {
	struct chain_node *node; /* depth first: children follow their parent, largest first */
	int n;
	char (*person_id)[ID_LEN];
	int npeople;
	/* what the counts count: of the people through the root (node[0].people), how many had
	 * been at another asset before it (up) or went on to one after it (down); and the
	 * referrals to the root (up) or from it (down) in the period, each counted */
	int moved, referrals;
	/* what the nodes point into */
	char (*asset_id)[ID_LEN];
	char **asset_name;
	int nassets;
	int *person_pool;
};

/* The journeys through asset_id within [since, until] ("" for no limit), depth hops each
 * way: up where people came from, down where they went. With max_branches > 0 a node keeps
 * its largest branches and folds the rest into one line (a hub's journeys branch by the
 * million four hops out). */
int chain_asset(struct store *st, const char *asset_id, int depth, int max_branches,
		const char *since, const char *until, struct chain_tree *up,
		struct chain_tree *down, struct kerr *err);
void chain_tree_free(struct chain_tree *t);

#endif
