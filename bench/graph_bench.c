/* Times kith's connectedness report on a database, for bench/run: the same network_report
 * that `kith graph report` and the Network screen run, for one period (the last twelve
 * months), loading included. Opening the database is not timed, as the peers' reading of
 * their edge file is not. With --parts it times each step instead, for finding where the
 * time goes; with --trend it times the Network screen's trend month by month, and one month
 * measured in full (what each month would cost if the trend measured every figure). Prints
 * "name value" lines and the peak memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "database.h"
#include "graph.h"
#include "login.h"
#include "network.h"
#include "store.h"
#include "xalloc.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long peak_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static int report(struct store *st, const struct network_options *o)
{
	struct network_query q;
	struct network_report r;
	struct kerr err;
	memset(&q, 0, sizeof q);
	double t0 = now();
	if (network_period(&q, &err) != K_OK || network_report(st, &q, o, &r, &err) != K_OK) {
		fprintf(stderr, "graph_bench: %s\n", err.msg);
		return 1;
	}
	double t1 = now();
	const struct network_figures *f = &r.now;
	printf("nodes %d\nedges %d\nseconds %.4f\npeak_kb %ld\naverage_path %.6f\ndiameter %d\n"
	       "modularity %.6f\ncommunities %d\nbetweenness_exact %d\n",
	       f->assets, f->edges, t1 - t0, peak_kb(), f->average_path, f->diameter, f->modularity,
	       f->communities, f->betweenness_exact);
	network_report_free(&r);
	return 0;
}

static int parts(struct store *st, const struct network_options *o)
{
	struct network_query q;
	struct network *net = NULL;
	struct kerr err;
	memset(&q, 0, sizeof q);
	double t0 = now();
	if (network_period(&q, &err) != K_OK || network_load(st, &q, &net, &err) != K_OK) {
		fprintf(stderr, "graph_bench: %s\n", err.msg);
		return 1;
	}
	const struct graph *g = net->g;
	double t1 = now();
	struct graph_components wcc, scc;
	graph_wcc(g, &wcc);
	graph_scc(g, &scc);
	struct graph_cuts cuts;
	graph_cuts(g, &cuts);
	struct graph_clustering c;
	graph_clustering(g, &c);
	double t2 = now();
	struct graph_communities com;
	graph_louvain(g, 1, &com);
	double t3 = now();
	int k = o->exact ? 0 : o->sample;
	double *bc = xcalloc((size_t)g->n + 1, sizeof *bc);
	graph_betweenness(g, k, 1, o->threads, bc, NULL, NULL);
	double t4 = now();
	bool *within = xcalloc((size_t)g->n + 1, sizeof *within);
	for (int v = 0; v < g->n; v++)
		within[v] = wcc.of[v] == wcc.biggest;
	struct graph_distances d;
	graph_distances(g, within, k, 1, o->threads, &d, NULL, NULL);
	double t5 = now();
	printf("nodes %d\nedges %d\nload %.4f\nlinear %.4f\nlouvain %.4f\nbetweenness %.4f\n"
	       "distances %.4f\nseconds %.4f\npeak_kb %ld\n",
	       g->n, g->m, t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t5 - t0, peak_kb());
	free(bc), free(within);
	graph_components_free(&wcc), graph_components_free(&scc);
	graph_cuts_free(&cuts), graph_clustering_free(&c), graph_communities_free(&com);
	network_free(net);
	return 0;
}

/* The trend of the last twelve months as the screen computes it, and one month with every
 * figure (distances and communities included), for the choice network_trend makes. */
static int trend(struct store *st)
{
	struct network_query q;
	struct network_trend *t = xmalloc(sizeof *t);
	struct network *net = NULL;
	struct kerr err;
	memset(&q, 0, sizeof q);
	double t0 = now();
	if (network_trend(st, &q, t, &err) != K_OK) {
		fprintf(stderr, "graph_bench: %s\n", err.msg);
		free(t);
		return 1;
	}
	double t1 = now();
	snprintf(q.since, DATE_LEN, "%s-01", t->month[0]);
	snprintf(q.until, DATE_LEN, "%s-28", t->month[0]);
	if (network_load(st, &q, &net, &err) != K_OK) {
		fprintf(stderr, "graph_bench: %s\n", err.msg);
		free(t);
		return 1;
	}
	struct network_figures f;
	double t2 = now();
	network_measure(net->g, net->category, &(struct network_options){.sample = 256}, &f);
	double t3 = now();
	printf("months %d\ntrend_all_figures %d\ntrend_seconds %.4f\nfull_month_seconds %.4f\n"
	       "peak_kb %ld\n",
	       t->months, t->all, t1 - t0, t3 - t2, peak_kb());
	network_free(net);
	free(t);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: graph_bench DB [--exact] [--parts] [--trend] [--threads N] "
				"[--sample K]\n");
		return 2;
	}
	struct network_options o = {.sample = 256, .threads = 0};
	bool by_parts = false, by_month = false;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--exact") == 0)
			o.exact = true;
		else if (strcmp(argv[i], "--parts") == 0)
			by_parts = true;
		else if (strcmp(argv[i], "--trend") == 0)
			by_month = true;
		else if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc)
			o.threads = atoi(argv[++i]);
		else if (strcmp(argv[i], "--sample") == 0 && i + 1 < argc)
			o.sample = atoi(argv[++i]);
	}
	if (by_parts && o.threads <= 0)
		o.threads = network_threads();
	struct store *st = NULL;
	struct kerr err;
	if (database_open(argv[1], &st, &err) != K_OK ||
	    login_attempt(st, "cora", "amber kettle meadow", NULL, &err) != K_OK) {
		fprintf(stderr, "graph_bench: %s\n", err.msg); /* the demo's coordinator, above */
		store_close(st);
		return 1;
	}
	int rc = by_month ? trend(st) : by_parts ? parts(st, &o) : report(st, &o);
	store_close(st);
	return rc;
}
