/* The referral network of a period, read from the database: its assets (the nodes, isolated
 * ones included) and the referrals, signposts and introductions between them (the edges),
 * and the connectedness report a coordinator reads. The one bridge between the database
 * and the pure graph module. */
#ifndef KITH_NETWORK_H
#define KITH_NETWORK_H

#include <stdbool.h>

#include "date.h"
#include "graph.h"
#include "id.h"
#include "kerr.h"

struct store;

struct network_query {
	char since[DATE_LEN];        /* inclusive; "" for a year before until */
	char until[DATE_LEN];        /* inclusive; "" for today */
	const char *neighbourhood;   /* only assets there, or NULL */
	const char *category;        /* only assets of this category, or NULL */
};

struct network {
	struct graph *g;
	char since[DATE_LEN], until[DATE_LEN];
	int n;
	char (*id)[ID_LEN];          /* each node's asset */
	char **name;
	int *category;               /* index into asset_categories */
	char **neighbourhood;
};

/* Fills in the default period (the twelve months to today) and checks the dates. */
int network_period(struct network_query *q, struct kerr *err);
/* Loads the network of the query's period from the monthly flow (the months wholly inside)
 * and the referrals themselves (the part-months at either end). *out is the caller's. */
int network_load(struct store *st, const struct network_query *q, struct network **out,
		 struct kerr *err);
void network_free(struct network *net);
/* Rebuilds the monthly flow from the referrals (after a bulk load). */
int network_rebuild_flow(struct store *st, struct kerr *err);

/* The figures of a whole network. */
struct network_figures {
	int assets, with_flow, isolated, edges;
	long long referrals, self_referrals;
	double density, reciprocity;
	int wcc, wcc_largest, scc, scc_largest;
	double wcc_share, scc_share;
	int articulation_points, bridges;
	double average_clustering, transitivity;
	double average_path;
	int diameter;
	int communities;
	double modularity;
	double cross_share, ei_index;
	bool betweenness_exact, distances_exact;
};

struct network_options {
	bool exact;          /* exact betweenness and distances whatever the size */
	int sample;          /* sources when sampling (default 256) */
	int threads;         /* default: the processors there are */
	bool compare;        /* also the previous period of the same length */
	bool (*progress)(void *ctx, double done);
	void *ctx;
};

/* Everything measured: the network-level figures now and for the previous period, and each
 * asset's figures. */
struct network_report {
	struct network *net;
	struct network_figures now, before;
	bool has_before;
	char before_since[DATE_LEN], before_until[DATE_LEN];
	int *in_degree, *out_degree;
	long long *in_weight, *out_weight;
	double *betweenness, *clustering;
	bool *cut;
	struct graph_communities communities;
	int (*bridge)[2];
	int nbridge;
};

/* Loads and measures. Betweenness and distances are exact when the network is small
 * enough to measure them in about a second (or options->exact), sampled otherwise; the
 * figures say which. */
int network_report(struct store *st, const struct network_query *q,
		   const struct network_options *options, struct network_report *out,
		   struct kerr *err);
void network_report_free(struct network_report *r);
/* Exact betweenness and distances in the background, for a report that sampled them. The
 * report must outlive the work (cancel it before freeing the report). */
struct network_exact;
/* Starts the work on r's graph with threads helpers; NULL when no thread could be had. */
struct network_exact *network_exact_start(const struct network_report *r, int threads);
/* The share done so far, 0 to 1, and whether it has stopped. */
double network_exact_progress(const struct network_exact *x);
bool network_exact_done(const struct network_exact *x);
/* Waits for the work, puts the exact figures into r (the report it started from) and frees
 * x. Returns whether r now holds them. */
bool network_exact_finish(struct network_exact *x, struct network_report *r);
/* Stops the work early and frees it; accepts NULL. */
void network_exact_cancel(struct network_exact *x);
/* The processors there are, to share work between (at most 16). */
int network_threads(void);

/* Whether exact betweenness of g would take about a second or less here. */
bool network_small(const struct graph *g);

#endif
