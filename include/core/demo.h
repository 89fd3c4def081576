/* A believable demo community: people of many cultures, the assets a connector maps, groups,
 * tags, conversations, activities, wellbeing and two years of referrals with hubs,
 * neighbourhood clusters and some isolated assets. The same seed, sizes and day give the
 * same database. */
#ifndef KITH_DEMO_H
#define KITH_DEMO_H

#include <stdbool.h>
#include <stddef.h>

#include "kerr.h"

struct store;

struct demo_options {
	long seed;
	long people;
	long assets;
	long referrals;
	bool accounts; /* also the demo's accounts (kith demo makes them; tests mostly not) */
};

/* The demo's accounts, which README gives: a way in for someone trying kith, never for a
 * database with real records (demo_fill refuses those). NULL-terminated by username. */
struct demo_account {
	const char *username, *display_name, *role, *password;
};
extern const struct demo_account demo_accounts[];

struct demo_counts {
	long people, assets, groups, referrals, conversations, memberships, activities, tags,
		workers, wellbeing;
};

/* A few hundred people: small enough to read. */
void demo_defaults(struct demo_options *opt);
/* Fills an empty database in one transaction. Refuses (K_REFUSED) a database that already
 * holds people or assets, so demo data never mixes with real records. */
int demo_fill(struct store *st, const struct demo_options *opt, struct demo_counts *out,
	      struct kerr *err);

/* ---- the vocabulary (demo_data.c) ---- */

struct demo_culture {
	int weight;
	const char *const *given;
	size_t ngiven;
	const char *const *family;
	size_t nfamily;
	const char *languages;
};

struct demo_category {
	const char *name;
	const char *const *templates;
	size_t ntemplates;
	int weight;
	const char *description;
};

struct demo_tag {
	const char *kind;
	const char *name;
};

extern const struct demo_culture demo_cultures[];
extern const size_t demo_ncultures;
extern const char *const demo_neighbourhoods[];
extern const size_t demo_nneighbourhoods;
extern const struct demo_category demo_categories[];
extern const size_t demo_ncategories;
extern const char *const demo_streets[];
extern const size_t demo_nstreets;
extern const char *const demo_matters[];
extern const size_t demo_nmatters;
extern const char *const demo_hopes[];
extern const size_t demo_nhopes;
extern const char *const demo_concerns[];
extern const size_t demo_nconcerns;
extern const char *const demo_gifts[];
extern const size_t demo_ngifts;
extern const char *const demo_reasons[];
extern const size_t demo_nreasons;
extern const struct demo_tag demo_tags[];
extern const size_t demo_ntags;
extern const char *const demo_workers[][2];
extern const size_t demo_nworkers;

#endif
