/* The referral network of a period, read from the database: its assets (the nodes, isolated
 * ones included) and the referrals, signposts and introductions between them (the edges),
 * and the connectedness report a coordinator reads. The one bridge between the database
 * and the pure graph module. */
#ifndef KITH_NETWORK_H
#define KITH_NETWORK_H

#include <stdbool.h>
#include <stdio.h>

#include "date.h"
#include "graph.h"
#include "id.h"
#include "kerr.h"

struct store;

struct network_query {
	char since[DATE_LEN];      /* inclusive; "" for a year before until */
	char until[DATE_LEN];      /* inclusive; "" for today */
	const char *neighbourhood; /* only assets there, or NULL */
	const char *category;      /* only assets of this category, or NULL */
	/* a new member is also part of the key a report is kept by (network_kept.c) */
};

struct network {
	struct graph *g;
	char since[DATE_LEN], until[DATE_LEN];
	int n;
	char (*id)[ID_LEN]; /* each node's asset */
	char **name;
	int *category; /* index into asset_categories */
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

/* The figures of a whole network, each named once; the text report, the JSON, the Network
 * screen's phrases and the graph driver are all written from this list, and
 * tests/test_graph_nx.py checks every key it prints against NetworkX (failing on a key it
 * has no oracle for). A row:
 *   X(field, type, key, label, format, phrase, number, scale, flags)
 * field: the member of struct network_figures; type: int, count (long long) or real (double);
 * key: its name in JSON; label and format: its row in the text report (label NULL: JSON
 * only); phrase: how the Network screen says it, %s standing for the value (scaled by scale
 * and written with number), or NULL when the screen leaves it out; flags: NETWORK_JOIN (the
 * phrase continues the one before), NETWORK_WAS (the previous period's value beside it when
 * different), NETWORK_ROUGH (≈ before it when distances are estimates). */
/* clang-format off */
#define NETWORK_FIGURES(X)                                                                   \
	X(assets, int, "assets", "assets", "%d", "%s assets", "%.0f", 1, 0)                   \
	X(with_flow, int, "assets_with_flow", "assets with any flow", "%d",                  \
	  ": %s with referrals", "%.0f", 1, NETWORK_JOIN)                                      \
	X(isolated, int, "isolated", "isolated assets", "%d", ", %s isolated", "%.0f", 1,      \
	  NETWORK_JOIN)                                                                        \
	X(edges, int, "edges", "links (asset to asset)", "%d", "%s links", "%.0f", 1,          \
	  NETWORK_WAS)                                                                         \
	X(referrals, count, "referrals", "referrals", "%lld", "%s referrals", "%.0f", 1,       \
	  NETWORK_WAS)                                                                         \
	X(self_referrals, count, "self_referrals", "  of which self-referrals", "%lld", NULL,  \
	  NULL, 1, 0)                                                                          \
	X(density, real, "density", "density", "%.5f", NULL, NULL, 1, 0)                       \
	X(reciprocity, real, "reciprocity", "reciprocity", "%.3f",                           \
	  "%s of links go both ways", "%.0f%%", 100, NETWORK_WAS)                              \
	X(wcc, int, "weak_components", "weakly connected parts", "%d", "%s parts", "%.0f", 1,  \
	  0)                                                                                   \
	X(wcc_largest, int, "weak_largest", "  largest part, assets", "%d", NULL, NULL, 1, 0)  \
	X(wcc_share, real, "weak_largest_share", "  largest part, share", "%.3f",             \
	  "largest connected part %s of assets", "%.0f%%", 100, NETWORK_WAS)                   \
	X(scc, int, "strong_components", "strongly connected parts", "%d", NULL, NULL, 1, 0)   \
	X(scc_largest, int, "strong_largest", "  largest, assets", "%d", NULL, NULL, 1, 0)     \
	X(scc_share, real, "strong_largest_share", NULL, "%.3f", NULL, NULL, 1, 0)             \
	X(articulation_points, int, "articulation_points", "single points of failure", "%d",  \
	  "%s single points of failure", "%.0f", 1, NETWORK_WAS)                               \
	X(bridges, int, "bridges", "bridges", "%d", "%s bridges", "%.0f", 1, 0)                \
	X(average_clustering, real, "average_clustering", "average clustering", "%.4f",       \
	  "clustering %s", "%.2f", 1, 0)                                                       \
	X(transitivity, real, "transitivity", "transitivity", "%.4f", NULL, NULL, 1, 0)        \
	X(average_path, real, "average_path", "average distance", "%.3f",                     \
	  "%s steps between assets on average", "%.2f", 1, NETWORK_WAS | NETWORK_ROUGH)        \
	X(diameter, int, "diameter", "diameter", "%d", ", %s at most", "%.0f", 1,              \
	  NETWORK_JOIN)                                                                        \
	X(communities, int, "communities", "communities", "%d", "%s communities", "%.0f", 1,   \
	  0)                                                                                   \
	X(modularity, real, "modularity", "modularity", "%.4f", " (modularity %s)", "%.2f", 1, \
	  NETWORK_JOIN)                                                                        \
	X(cross_share, real, "cross_category_share", "links across categories", "%.3f",       \
	  "%s of links cross categories", "%.0f%%", 100, 0)                                    \
	X(ei_index, real, "ei_index", "E-I index", "%.3f", NULL, NULL, 1, 0)
/* clang-format on */

enum { NETWORK_JOIN = 1, NETWORK_WAS = 2, NETWORK_ROUGH = 4 };
#define NETWORK_TYPE_int int
#define NETWORK_TYPE_count long long
#define NETWORK_TYPE_real double

struct network_figures {
#define NETWORK_FIELD(field, type, ...) NETWORK_TYPE_##type field;
	NETWORK_FIGURES(NETWORK_FIELD)
#undef NETWORK_FIELD
	bool betweenness_exact, distances_exact;
};

struct network_options {
	bool exact;   /* exact betweenness and distances whatever the size */
	int sample;   /* sources when sampling (default 256) */
	int threads;  /* default: the processors there are */
	bool compare; /* also the previous period of the same length */
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
/* Lowers the calling thread's priority (and that of the threads it starts), so that the
 * interface's keys come first while a network is measured in the background. */
void network_background(void);
/* The processors there are, to share work between (at most 16). */
int network_threads(void);

/* ---- measuring in the background, and the last report kept (network_job.c,
 * network_kept.c) ---- */

/* A number that moves whenever a referral or an asset changes in a way a report reads. */
int network_stamp(struct store *st, long long *out, struct kerr *err);
/* Measures q's report (network_report) in a thread of its own, on a read-only connection of
 * its own, as st's reader: the right to the report is checked here. NULL, with err, when it
 * could not start. */
struct network_job;
struct network_job *network_job_start(struct store *st, const struct network_query *q,
				      const struct network_options *o, struct kerr *err);
bool network_job_done(const struct network_job *j);
/* Waits for the job and frees it: on K_OK *out is the report (the caller's) and *stamp the
 * network's stamp when it was read; otherwise err says why. */
int network_job_finish(struct network_job *j, struct network_report *out, long long *stamp,
		       struct kerr *err);
/* Stops the job (within about a second) and frees it; accepts NULL. */
void network_job_cancel(struct network_job *j);

/* What is known of a kept report. */
struct network_kept {
	long long stamp;
	char measured_at[STAMP_LEN]; /* UTC */
	bool fresh; /* nothing it read has changed, and its period is still the filter's */
};
/* The report last kept for q's filter, without its graph (out->net->g is NULL):
 * K_NOT_FOUND when there is none (or one this build cannot read). Needs the right to the
 * report, whose figures are the same for everyone who has it. */
int network_kept_read(struct store *st, const struct network_query *q, struct network_report *out,
		      struct network_kept *kept, struct kerr *err);
/* Keeps r as q's last report, measured when the network's stamp was stamp. One
 * transaction. */
int network_kept_write(struct store *st, const struct network_query *q,
		       const struct network_report *r, long long stamp, struct kerr *err);

/* The seed of every sampled or randomised figure, so that a report is the same each time. */
#define NETWORK_SEED 20261122
/* The figures of a graph that did not come from the database (the graph driver's), measured
 * as a report measures them; category may be NULL (all nodes in one). */
void network_measure(const struct graph *g, const int *category, const struct network_options *o,
		     struct network_figures *f);

/* ---- the report in words (network_text.c) ---- */

struct strbuf;
/* The report as text, the lists of hubs, brokers, single points of failure, isolated assets
 * and communities at most top long, written to out. */
void network_text(const struct network_report *r, int top, FILE *out);
/* The report as one JSON object and a newline. */
void network_json(const struct network_report *r, struct strbuf *sb);
/* The figures alone as a JSON object. */
void network_figures_json(const struct network_figures *f, struct strbuf *sb);
/* The figures as the Network screen says them, a phrase a fact (before, when not NULL, the
 * previous period's, said beside the figures that show it). Returns how many, at most max. */
#define NETWORK_PHRASE_LEN 120
int network_phrases(const struct network_figures *f, const struct network_figures *before,
		    char (*fact)[NETWORK_PHRASE_LEN], int max);

/* Whether exact betweenness of g would take about a second or less here. */
bool network_small(const struct graph *g);

#endif
