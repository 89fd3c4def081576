/* The Network screen's browsers, shared with the People screen: the journeys through an
 * asset (where people came from before it and went on to after it) and one person's
 * journey through assets. */
#ifndef KITH_SCREEN_NETWORK_H
#define KITH_SCREEN_NETWORK_H

#include "tui.h"

/* Hops each way a chain browser shows, and the branches of a hop listed (the rest are
 * counted on one line). */
#define CHAIN_DEPTH 4
#define CHAIN_BRANCHES 20

/* Opens the chain browser of an asset for the period [since, until]. */
void network_chains(struct tui *t, const char *asset_id, const char *name, const char *since,
		    const char *until);
/* Opens a person's journey: their referrals in date order. */
void network_journey(struct tui *t, const char *person_id, const char *name);

#endif
