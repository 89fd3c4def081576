/* The connectedness report: every figure of the graph module for a period, with the same
 * network-level figures for the previous period of the same length. */
#include "network.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testhook.h"
#include "xalloc.h"

#define SAMPLE 256
/* Edge visits an exact betweenness can make in about a second on two cores here (measured
 * by bench/run); a larger network is sampled unless exact figures are asked for. */
#define SMALL_WORK 4e8

bool network_small(const struct graph *g)
{
	/* KITH_EXACT_WORK moves the line, so that tests can see a small network sampled */
	const char *set = testhook_env("KITH_EXACT_WORK");
	double limit = set ? strtod(set, NULL) : SMALL_WORK;
	return (double)g->n * ((double)g->n + 2.0 * g->m) <= limit;
}

int network_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 16 ? 16 : (int)n;
}

static int threads_of(const struct network_options *o)
{
	return o && o->threads > 0 ? o->threads : network_threads();
}

static void size_figures(const struct graph *g, struct network_figures *f)
{
	f->assets = g->n;
	f->edges = g->m;
	f->referrals = g->weight + g->self_weight;
	f->self_referrals = g->self_weight;
	for (int v = 0; v < g->n; v++)
		f->with_flow += g->und_start[v + 1] > g->und_start[v];
	f->isolated = g->n - f->with_flow;
	f->density = graph_density(g);
	f->reciprocity = graph_reciprocity(g);
}

static void component_figures(const struct graph *g, struct network_figures *f,
			      struct graph_components *wcc)
{
	struct graph_components scc;
	graph_wcc(g, wcc);
	graph_scc(g, &scc);
	f->wcc = wcc->count;
	f->wcc_largest = wcc->largest;
	f->scc = scc.count;
	f->scc_largest = scc.largest;
	f->wcc_share = g->n ? (double)wcc->largest / g->n : 0;
	f->scc_share = g->n ? (double)scc.largest / g->n : 0;
	graph_components_free(&scc);
}

static void distance_figures(const struct graph *g, const struct graph_components *wcc,
			     const struct network_options *o, bool exact, struct network_figures *f)
{
	bool *within = xcalloc((size_t)g->n + 1, sizeof *within);
	for (int v = 0; v < g->n; v++)
		within[v] = wcc->of[v] == wcc->biggest;
	struct graph_distances d;
	int k = exact ? 0 : (o && o->sample > 0 ? o->sample : SAMPLE);
	graph_distances(g, within, k, NETWORK_SEED, threads_of(o), &d, NULL, NULL);
	f->average_path = d.average;
	f->diameter = d.diameter;
	f->distances_exact = d.exact;
	free(within);
}

/* The figures of the whole graph; per-asset results go into r when it is not NULL. */
static void measure(const struct graph *g, const int *category, const struct network_options *o,
		    struct network_figures *f, struct network_report *r)
{
	bool exact = (o && o->exact) || network_small(g);
	memset(f, 0, sizeof *f);
	size_figures(g, f);
	struct graph_components wcc;
	component_figures(g, f, &wcc);
	struct graph_cuts cuts;
	graph_cuts(g, &cuts);
	f->articulation_points = cuts.ncut;
	f->bridges = cuts.nbridge;
	struct graph_clustering c;
	graph_clustering(g, &c);
	f->average_clustering = c.average;
	f->transitivity = c.transitivity;
	struct graph_communities com = {0};
	if (!(o && o->cheap)) {
		distance_figures(g, &wcc, o, exact, f);
		graph_louvain(g, NETWORK_SEED, &com);
	}
	f->communities = com.count;
	for (int k = 0; k < com.count; k++)
		f->shared_communities += com.size[k] > 1;
	f->modularity = com.modularity;
	graph_mixing(g, category, &f->cross_share, &f->ei_index);
	f->betweenness_exact = exact;
	if (r) {
		r->clustering = c.clustering;
		c.clustering = NULL;
		r->cut = cuts.is_cut;
		cuts.is_cut = NULL;
		r->bridge = cuts.bridge;
		cuts.bridge = NULL;
		r->nbridge = cuts.nbridge;
		r->communities = com;
	} else {
		graph_communities_free(&com);
	}
	graph_cuts_free(&cuts);
	graph_clustering_free(&c);
	graph_components_free(&wcc);
}

static void per_asset(struct network_report *r, const struct network_options *o)
{
	const struct graph *g = r->net->g;
	size_t n = (size_t)g->n + 1;
	r->in_degree = xcalloc(n, sizeof *r->in_degree);
	r->out_degree = xcalloc(n, sizeof *r->out_degree);
	r->in_weight = xcalloc(n, sizeof *r->in_weight);
	r->out_weight = xcalloc(n, sizeof *r->out_weight);
	r->betweenness = xcalloc(n, sizeof *r->betweenness);
	for (int v = 0; v < g->n; v++) {
		r->out_degree[v] = g->out_start[v + 1] - g->out_start[v];
		r->in_degree[v] = g->in_start[v + 1] - g->in_start[v];
		for (int i = g->out_start[v]; i < g->out_start[v + 1]; i++)
			r->out_weight[v] += g->out_w[i];
		for (int i = g->in_start[v]; i < g->in_start[v + 1]; i++)
			r->in_weight[v] += g->in_w[i];
	}
	int k = r->now.betweenness_exact ? 0 : (o && o->sample > 0 ? o->sample : SAMPLE);
	graph_betweenness(g, k, NETWORK_SEED, threads_of(o), r->betweenness, o ? o->progress : NULL,
			  o ? o->ctx : NULL);
}

void network_measure(const struct graph *g, const int *category, const struct network_options *o,
		     struct network_figures *f)
{
	int *one = category ? NULL : xcalloc((size_t)g->n + 1, sizeof *one);
	measure(g, category ? category : one, o, f, NULL);
	free(one);
}

/* The period just before [since, until], as long. */
static void previous(const char *since, const char *until, char *psince, char *puntil)
{
	int y, m, d;
	date_split(since, &y, &m, &d);
	long a = date_to_days(y, m, d);
	date_split(until, &y, &m, &d);
	long b = date_to_days(y, m, d);
	date_from_days(a - 1, &y, &m, &d);
	date_format(y, m, d, puntil);
	date_from_days(a - 1 - (b - a), &y, &m, &d);
	date_format(y, m, d, psince);
}

/* The previous period's figures, measured and let go before the period's own network is
 * loaded: a borough's two networks are never in memory together. */
static int measure_before(struct store *st, const struct network_query *q,
			  const struct network_options *o, struct network_report *out,
			  struct kerr *err)
{
	struct network_query pq = *q;
	previous(q->since, q->until, pq.since, pq.until);
	struct network *before = NULL;
	int status = network_load(st, &pq, &before, err);
	if (status == K_OK) {
		measure(before->g, before->category, o, &out->before, NULL);
		out->has_before = true;
		snprintf(out->before_since, DATE_LEN, "%s", pq.since);
		snprintf(out->before_until, DATE_LEN, "%s", pq.until);
	}
	network_free(before);
	return status;
}

int network_report(struct store *st, const struct network_query *query,
		   const struct network_options *o, struct network_report *out, struct kerr *err)
{
	memset(out, 0, sizeof *out);
	struct network_query q = *query;
	int status = network_period(&q, err);
	if (status == K_OK && o && o->compare)
		status = measure_before(st, &q, o, out, err);
	if (status == K_OK)
		status = network_load(st, &q, &out->net, err);
	if (status != K_OK) {
		network_report_free(out);
		return status;
	}
	measure(out->net->g, out->net->category, o, &out->now, out);
	per_asset(out, o);
	return K_OK;
}

void network_report_free(struct network_report *r)
{
	network_free(r->net);
	free(r->in_degree), free(r->out_degree), free(r->in_weight), free(r->out_weight);
	free(r->betweenness), free(r->clustering), free(r->cut), free(r->bridge);
	graph_communities_free(&r->communities);
	free(r->trend);
	memset(r, 0, sizeof *r);
}
