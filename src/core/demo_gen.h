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
struct picker {
	long *item;
	double *cum;
	long n, cap;
	double total;
};

struct gen {
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
	long *person_day; /* the day each person was first met */
	struct picker send, recv;              /* the whole borough */
	struct picker *nb_send, *nb_recv;      /* each neighbourhood */
	struct picker *nb_asset, *nb_group, *nb_person;
};

void gen_seed(struct gen *g, uint64_t seed);
uint64_t gen_next(struct gen *g);
long gen_below(struct gen *g, long n);
double gen_unit(struct gen *g);
bool gen_chance(struct gen *g, double p);
void gen_id(struct gen *g, char out[ID_LEN]);
long gen_day(struct gen *g, long span);
void gen_date(long days, char out[DATE_LEN]);
void gen_stamp(struct gen *g, long days, char out[STAMP_LEN]);
#define GEN_POSTCODE 16
/* A postcode in the demo's made-up KV district for neighbourhood nb. */
void gen_postcode(struct gen *g, int nb, char out[GEN_POSTCODE]);
void gen_text(struct sqlite3_stmt *s, int i, const char *v);
int gen_step(struct gen *g, struct sqlite3_stmt *s, struct kerr *err);

void picker_add(struct picker *p, long item, double weight);
long picker_pick(const struct picker *p, struct gen *g);
void picker_free(struct picker *p);

int demo_people(struct gen *g, struct kerr *err);
int demo_assets(struct gen *g, struct kerr *err);
int demo_links(struct gen *g, struct kerr *err);
int demo_referrals(struct gen *g, struct kerr *err);

#endif
