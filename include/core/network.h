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
	char *only_neighbourhood, *only_category; /* the query's, or NULL */
};

/* Fills in the default period (the twelve months to today) and checks the dates. */
int network_period(struct network_query *q, struct kerr *err);
/* Loads the network of the query's period from the monthly flow (the months wholly inside)
 * and the referrals themselves (the part-months at either end). *out is the caller's. */
int network_load(struct store *st, const struct network_query *q, struct network **out,
		 struct kerr *err);
void network_free(struct network *net);
/* The neighbourhoods assets are in, with how many assets each, to choose from (a report's
 * --neighbourhood); names differing only in case are one. Needs the right to read reports.
 * *out is the caller's, for network_places_free. */
struct network_place {
	char *name;
	int assets;
};
int network_neighbourhoods(struct store *st, struct network_place **out, int *n, struct kerr *err);
void network_places_free(struct network_place *p, int n);
/* Rebuilds the monthly flow from the referrals (after a bulk load). */
int network_rebuild_flow(struct store *st, struct kerr *err);

/* The figures of a whole network, each named once; the text report, the JSON, the Network
 * screen's phrases and meanings and the graph driver are all written from this list, and
 * tests/test_graph_nx.py checks every key it prints against NetworkX (failing on a key it
 * has no oracle for). A row:
 *   X(field, type, key, label, format, phrase, number, scale, flags, meaning)
 * field: the member of struct network_figures; type: int, count (long long) or real (double);
 * key: its name in JSON; label and format: its row in the text report (label NULL: JSON
 * only); phrase: how the Network screen says it, %s standing for the value (scaled by scale
 * and written with number), or NULL when the screen leaves it out; flags: NETWORK_JOIN (the
 * phrase continues the one before), NETWORK_WAS (the previous period's value beside it when
 * different), NETWORK_ROUGH (≈ before it when distances are estimates), NETWORK_DEAR (too
 * costly to measure month by month at borough size: trends leave it out); meaning: what it
 * says, in words for a coordinator who is not a network scientist (the screen's i and the
 * text report's last section). */
/* clang-format off */
#define NETWORK_FIGURES(X)                                                                   \
	X(assets, int, "assets", "assets", "%d", "%s assets", "%.0f", 1, 0,                   \
	  "The community assets on the map, of the neighbourhood and category chosen: the "    \
	  "points of the network.")                                                            \
	X(with_flow, int, "assets_with_flow", "assets with any flow", "%d",                  \
	  ": %s with referrals", "%.0f", 1, NETWORK_JOIN,                                      \
	  "Assets that referred someone on, or had someone referred to them, at least once "   \
	  "in the period.")                                                                    \
	X(isolated, int, "isolated", "isolated assets", "%d", ", %s isolated", "%.0f", 1,      \
	  NETWORK_JOIN,                                                                        \
	  "Assets in no referral in the period: on the map, but nobody was sent to or from "   \
	  "them. Each is a connection waiting to be made.")                                    \
	X(edges, int, "edges", "links (asset to asset)", "%d", "%s links", "%.0f", 1,          \
	  NETWORK_WAS,                                                                         \
	  "Links: pairs of assets where one referred someone to the other, each counted once " \
	  "however many referrals took that way (A to B and B to A are two links). Links say " \
	  "how widely assets connect; referrals, how busy the links are.")                     \
	X(referrals, count, "referrals", "referrals", "%lld", "%s referrals", "%.0f", 1,       \
	  NETWORK_WAS,                                                                         \
	  "Every referral, signpost and introduction from one asset to another in the "        \
	  "period, each counted: four referrals between the same two assets are four "        \
	  "referrals but one link.")                                                           \
	X(self_referrals, count, "self_referrals", "  of which self-referrals", "%lld", NULL,  \
	  NULL, 1, 0,                                                                          \
	  "Referrals from an asset to itself (from one of its sessions to another): counted "  \
	  "among the referrals, never as a link.")                                             \
	X(density, real, "density", "density", "%.5f", NULL, NULL, 1, 0,                       \
	  "The share of all the links there could be that there are: 1 would be every asset "  \
	  "referring to every other. Small in any real place; watch it over time.")            \
	X(reciprocity, real, "reciprocity", "reciprocity", "%.3f",                           \
	  "%s of links go both ways", "%.0f%%", 100, NETWORK_WAS,                              \
	  "The share of links that go both ways: A refers to B and B refers back to A. Two-"   \
	  "way links are working relationships rather than signposts.")                        \
	X(wcc, int, "weak_components", "weakly connected parts", "%d", "%s parts", "%.0f", 1,  \
	  0,                                                                                   \
	  "Separate parts of the network: assets joined by links either way, with no link "    \
	  "between one part and another. Each isolated asset is a part on its own.")           \
	X(wcc_largest, int, "weak_largest", "  largest part, assets", "%d", NULL, NULL, 1, 0,  \
	  "How many assets the largest part has.")                                             \
	X(wcc_share, real, "weak_largest_share", "  largest part, share", "%.3f",             \
	  "largest connected part %s of assets", "%.0f%%", 100, NETWORK_WAS,                   \
	  "The share of assets in the largest part: how much of the place hangs together as "  \
	  "one network.")                                                                      \
	X(scc, int, "strong_components", "strongly connected parts", "%d", NULL, NULL, 1, 0,   \
	  "Parts in which, following referrals only the way they went, every asset can reach " \
	  "every other and be reached back.")                                                  \
	X(scc_largest, int, "strong_largest", "  largest, assets", "%d", NULL, NULL, 1, 0,     \
	  "How many assets the largest of those parts has.")                                   \
	X(scc_share, real, "strong_largest_share", NULL, "%.3f", NULL, NULL, 1, 0,             \
	  "The share of assets in the largest part that goes round both ways.")                \
	X(articulation_points, int, "articulation_points", "single points of failure", "%d",  \
	  "%s single points of failure", "%.0f", 1, NETWORK_WAS,                               \
	  "Cut points: assets that alone hold parts of the network together. If one closed, "  \
	  "some assets would have no way left to the rest: back each up with a second link.")  \
	X(bridges, int, "bridges", "bridges", "%d", "%s bridges", "%.0f", 1, 0,                \
	  "Links that alone join two parts: if the assets at either end stopped referring "    \
	  "to each other, the network would fall in two.")                                     \
	X(average_clustering, real, "average_clustering", "average clustering", "%.4f",       \
	  "clustering %s", "%.2f", 1, 0,                                                       \
	  "Clustering, 0 to 1: how far the assets linked to an asset are linked to each "      \
	  "other too, on average. High: tight circles where everyone knows everyone; low: "    \
	  "hubs with spokes that do not know each other.")                                     \
	X(transitivity, real, "transitivity", "transitivity", "%.4f", NULL, NULL, 1, 0,        \
	  "Clustering of the whole network at once: the share of three assets linked in a "    \
	  "row whose ends are linked too.")                                                    \
	X(average_path, real, "average_path", "average distance", "%.3f",                     \
	  "%s steps between assets on average", "%.2f", 1,                                     \
	  NETWORK_WAS | NETWORK_ROUGH | NETWORK_DEAR,                                          \
	  "How many links lie between two assets of the largest part on average, taking "      \
	  "links either way: fewer steps, and a person is sooner connected on.")               \
	X(diameter, int, "diameter", "diameter", "%d", ", %s at most", "%.0f", 1,              \
	  NETWORK_JOIN | NETWORK_DEAR,                                                         \
	  "The most links between any two assets of the largest part.")                        \
	X(communities, int, "communities", "communities", "%d", NULL, NULL, 1, NETWORK_DEAR,   \
	  "Communities, every one counted: sets of assets that refer mostly among "            \
	  "themselves (found by the Louvain method). An asset in no referral is a community "  \
	  "of one.")                                                                           \
	X(shared_communities, int, "shared_communities", "  of two or more assets", "%d",     \
	  "%s communities of two or more assets", "%.0f", 1, NETWORK_DEAR,                     \
	  "Communities of two or more assets: the ones the Network screen's f offers. The "    \
	  "rest of the communities are single assets on their own.")                           \
	X(modularity, real, "modularity", "modularity", "%.4f", " (modularity %s)", "%.2f", 1, \
	  NETWORK_JOIN | NETWORK_DEAR,                                                         \
	  "How clearly the network falls into those communities: near 0, no more than by "     \
	  "chance; towards 1, separate circles with few links between them.")                  \
	X(cross_share, real, "cross_category_share", "links across categories", "%.3f",       \
	  "%s of links cross categories", "%.0f%%", 100, 0,                                    \
	  "The share of links between assets of different categories (a GP surgery to a "      \
	  "running club): how far referrals cross the lines between kinds of asset.")          \
	X(ei_index, real, "ei_index", "E-I index", "%.3f", NULL, NULL, 1, 0,                   \
	  "Links across categories minus links within one, over all links, -1 to 1: above 0, " \
	  "more links cross categories than stay inside one.")
/* clang-format on */

enum { NETWORK_JOIN = 1, NETWORK_WAS = 2, NETWORK_ROUGH = 4, NETWORK_DEAR = 8 };
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
	bool cheap;   /* leave out the figures flagged NETWORK_DEAR (network_measure only) */
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
	/* month by month, when measured for it (network_trend_job) and kept with it; NULL
	 * otherwise, freed with the report */
	struct network_trend *trend;
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
/* Measures q's trend month by month (network_trend) in the background, as network_job_start
 * measures a report: NULL, with err, when it could not start (or the right is missing).
 * network_job_done and network_job_cancel serve it too. */
struct network_job *network_trend_job_start(struct store *st, const struct network_query *q,
					    struct kerr *err);
/* Waits for it and frees it: on K_OK *out is the trend (the caller's, to free) and *stamp the
 * network's stamp when it was read; otherwise err says why. */
int network_trend_job_finish(struct network_job *j, struct network_trend **out, long long *stamp,
			     struct kerr *err);

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

/* ---- month by month (network_trend.c) ---- */

#define NETWORK_TREND_MAX 24
/* Each figure measured month by month over a report's period: the calendar months it
 * touches (a part-month at the start left out when there are others; the last one up to the
 * period's end), the last NETWORK_TREND_MAX of them. Plain data, to keep beside a report. */
struct network_trend {
	int months;
	char month[NETWORK_TREND_MAX][8]; /* "2026-03" */
	char since[DATE_LEN], until[DATE_LEN];
	struct network_figures fig[NETWORK_TREND_MAX];
	bool all; /* the NETWORK_DEAR figures were measured too (a small network) */
};
/* Measures the query's months (the same query as network_report's, the period filled in as
 * it fills it in). The figures flagged NETWORK_DEAR are measured only when the network is
 * small enough (network_small), and are 0 otherwise. Needs the right to read reports. */
int network_trend(struct store *st, const struct network_query *q, struct network_trend *out,
		  struct kerr *err);
/* The same, calling keep_going(ctx, share done) after each month: K_BUSY, when it says
 * false, so that work in the background can be stopped between months. */
int network_trend_stoppable(struct store *st, const struct network_query *q,
			    bool (*keep_going)(void *ctx, double done), void *ctx,
			    struct network_trend *out, struct kerr *err);
/* A figure's values month by month as doubles (scaled as the screen says it); false when
 * the trend does not have it (a NETWORK_DEAR figure of a large network, or no such key). */
bool network_trend_values(const struct network_trend *t, const char *key, double *out);
/* A figure's value by its JSON key, unscaled; false for no such key. */
bool network_figure_value(const struct network_figures *f, const char *key, double *out);
/* A small chart of n values, one cell each, lowest to highest: ▁▂▃▄▅▆▇█, or _.-:=+*# when
 * utf8 is false (a terminal that cannot draw them). out needs 3 * n + 1 bytes. */
void network_sparkline(const double *v, int n, bool utf8, char *out);
/* The trend as text (a chart a figure, with its first and last month) and as JSON. */
struct strbuf;
void network_trend_text(const struct network_trend *t, bool utf8, FILE *out);
void network_trend_json(const struct network_trend *t, struct strbuf *sb);

/* ---- the report in words (network_text.c) ---- */

struct strbuf;
/* The report as text, the lists of hubs, brokers, single points of failure, isolated assets
 * and communities at most top long, then the trend month by month when there is one (its
 * charts drawn in ▁▂▃ when utf8, else in ASCII), then what the figures mean; written to
 * out. */
void network_text(const struct network_report *r, const struct network_trend *trend, int top,
		  bool utf8, FILE *out);
/* The report written to the file path, as text (JSON when path ends in .json), for a
 * coordinator to keep, send or print. K_DUPLICATE when the file is there and not force,
 * K_REFUSED when it is the database or cannot be written (the message names it). */
int network_write(struct store *st, const struct network_report *r,
		  const struct network_trend *trend, int top, const char *path, bool force,
		  struct kerr *err);
/* The report as one JSON object and a newline, with "trend" when trend is not NULL. */
void network_json(const struct network_report *r, const struct network_trend *trend,
		  struct strbuf *sb);
/* The figures alone as a JSON object. */
void network_figures_json(const struct network_figures *f, struct strbuf *sb);
/* The figures as the Network screen says them, a phrase a fact (before, when not NULL, the
 * previous period's, said beside the figures that show it). Returns how many, at most max. */
#define NETWORK_PHRASE_LEN 120
int network_phrases(const struct network_figures *f, const struct network_figures *before,
		    char (*fact)[NETWORK_PHRASE_LEN], int max);

/* What the per-asset measures of the report (the Network screen's columns) mean, in the
 * words of the figures' meanings. Ends with a NULL term. */
struct network_term {
	const char *term, *meaning;
};
extern const struct network_term network_asset_terms[];
/* A figure's meaning by its JSON key, or NULL. */
const char *network_meaning(const char *key);
/* "What the figures mean": every figure with a label and every per-asset measure, for the
 * end of the text report. */
void network_meanings_text(FILE *out);

/* Whether exact betweenness of g would take about a second or less here. */
bool network_small(const struct graph *g);

#endif
