/* Private to the demo module: the generator's state and the helpers its files share. */
#ifndef KITH_DEMO_GEN_H
#define KITH_DEMO_GEN_H

#include <stdbool.h>
#include <stdint.h>

#include "date.h"
#include "demo.h"
#include "id.h"

struct sqlite3_stmt;

/* Weighted choice: cumulative weights, chosen by binary search. */
struct demo_picker {
	long *item;
	double *cum;
	long n;
	size_t cap;
	double total;
};

struct demo_gen {
	uint64_t s[4];
	struct store *st;
	const struct demo_options *opt;
	struct demo_counts *n;
	long today_days;
	int nnb;
	char worker[8][ID_LEN];
	long nasset;
	char (*asset_id)[ID_LEN];
	int *asset_nb;
	int *asset_cat;
	long hub; /* the connector team: where many journeys start */
	long npeople;
	char (*person_id)[ID_LEN];
	const char **person_given; /* into the vocabulary: not owned */
	int *person_nb;
	long *person_day;                      /* the day each person was first met */
	struct demo_picker send, recv;         /* the whole borough */
	struct demo_picker *nb_send, *nb_recv; /* each neighbourhood */
	struct demo_picker *nb_asset, *nb_group, *nb_person;
};

void demo_seed(struct demo_gen *g, uint64_t seed);
uint64_t demo_next(struct demo_gen *g);
long demo_below(struct demo_gen *g, long n);
double demo_unit(struct demo_gen *g);
bool demo_chance(struct demo_gen *g, double p);
void demo_id(struct demo_gen *g, char out[ID_LEN]);
long demo_day(struct demo_gen *g, long span);
void demo_date(long days, char out[DATE_LEN]);
void demo_stamp(struct demo_gen *g, long days, char out[STAMP_LEN]);
#define DEMO_POSTCODE 16
/* A postcode in the demo's made-up KV district for neighbourhood nb. */
void demo_postcode(struct demo_gen *g, int nb, char out[DEMO_POSTCODE]);
void demo_bind(struct sqlite3_stmt *s, int i, const char *v);
int demo_step(struct demo_gen *g, struct sqlite3_stmt *s, struct kerr *err);

void demo_pick_add(struct demo_picker *p, long item, double weight);
long demo_pick(const struct demo_picker *p, struct demo_gen *g);
void demo_pick_free(struct demo_picker *p);

int demo_people(struct demo_gen *g, struct kerr *err);
int demo_assets(struct demo_gen *g, struct kerr *err);
int demo_links(struct demo_gen *g, struct kerr *err);
int demo_activities(struct demo_gen *g, struct kerr *err);
int demo_targets(struct demo_gen *g, struct kerr *err);
int demo_referrals(struct demo_gen *g, struct kerr *err);
int demo_outcomes(struct demo_gen *g, struct kerr *err); /* demo_outcomes.c */
int demo_partners(struct demo_gen *g, struct kerr *err); /* demo_partners.c */

#endif
