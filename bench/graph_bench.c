/* Times each part of kith's connectedness report on a database, for bench/run: loading the
 * network from the database, the linear figures, communities, betweenness and distances,
 * sampled or exact. Prints "part seconds" lines and the peak memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "graph.h"
#include "network.h"
#include "store.h"
#include "xalloc.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: graph_bench DB [--exact] [--threads N]\n");
		return 2;
	}
	bool exact = false;
	int threads = 2, sample = 256;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--exact") == 0)
			exact = true;
		else if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc)
			threads = atoi(argv[++i]);
		else if (strcmp(argv[i], "--sample") == 0 && i + 1 < argc)
			sample = atoi(argv[++i]);
	}
	struct store *st = NULL;
	struct kerr err;
	if (store_open(argv[1], &st, &err) != K_OK) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	struct network_query q;
	memset(&q, 0, sizeof q);
	struct network *net = NULL;
	double t0 = now();
	if (network_load(st, &q, &net, &err) != K_OK) {
		fprintf(stderr, "%s\n", err.msg);
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
	double *bc = xcalloc((size_t)g->n + 1, sizeof *bc);
	graph_betweenness(g, exact ? 0 : sample, 1, threads, bc, NULL, NULL);
	double t4 = now();
	bool *within = xcalloc((size_t)g->n + 1, sizeof *within);
	for (int v = 0; v < g->n; v++)
		within[v] = wcc.of[v] == wcc.biggest;
	struct graph_distances d;
	graph_distances(g, within, exact ? 0 : sample, 1, threads, &d, NULL, NULL);
	double t5 = now();
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("nodes %d\nedges %d\nload %.4f\nlinear %.4f\nlouvain %.4f\nbetweenness %.4f\n"
	       "distances %.4f\ntotal %.4f\npeak_kb %ld\naverage_path %.6f\ndiameter %d\n"
	       "modularity %.6f\n",
	       g->n, g->m, t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t5 - t0, ru.ru_maxrss,
	       d.average, d.diameter, com.modularity);
	free(bc), free(within);
	graph_components_free(&wcc), graph_components_free(&scc);
	graph_cuts_free(&cuts), graph_clustering_free(&c), graph_communities_free(&com);
	network_free(net);
	store_close(st);
	return 0;
}
