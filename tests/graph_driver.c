/* Reads a graph as text and prints every figure kith computes of it as JSON, for the
 * NetworkX comparison in test_graph_nx.py: the network's figures as the report measures and
 * writes them (network.h's list), and each node's. Input lines:
 *   n N            the number of nodes (first)
 *   k K            sample betweenness and distances from K sources (default: exact)
 *   e FROM TO W    an edge with its weight (repeats add up; FROM = TO is a self-loop)
 *   g NODE GROUP   a node's group (category), for mixing */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "network.h"
#include "strbuf.h"
#include "xalloc.h"

static void ints(const char *key, const int *v, int n)
{
	printf("\"%s\": [", key);
	for (int i = 0; i < n; i++)
		printf("%s%d", i ? ", " : "", v[i]);
	printf("],\n");
}

static void doubles(const char *key, const double *v, int n)
{
	printf("\"%s\": [", key);
	for (int i = 0; i < n; i++)
		printf("%s%.17g", i ? ", " : "", v[i]);
	printf("],\n");
}

static void degrees(const struct graph *g)
{
	int *in = xcalloc((size_t)g->n + 1, sizeof *in),
	    *out = xcalloc((size_t)g->n + 1, sizeof *out);
	double *win = xcalloc((size_t)g->n + 1, sizeof *win),
	       *wout = xcalloc((size_t)g->n + 1, sizeof *wout);
	for (int v = 0; v < g->n; v++) {
		out[v] = g->out_start[v + 1] - g->out_start[v];
		in[v] = g->in_start[v + 1] - g->in_start[v];
		for (int i = g->out_start[v]; i < g->out_start[v + 1]; i++)
			wout[v] += (double)g->out_w[i];
		for (int i = g->in_start[v]; i < g->in_start[v + 1]; i++)
			win[v] += (double)g->in_w[i];
	}
	ints("in_degree", in, g->n);
	ints("out_degree", out, g->n);
	doubles("in_weight", win, g->n);
	doubles("out_weight", wout, g->n);
	free(in), free(out), free(win), free(wout);
}

static void paths(const struct graph *g, int k)
{
	double *bc = xcalloc((size_t)g->n + 1, sizeof *bc);
	bool *sources = graph_choose(g->n, k, NETWORK_SEED, NULL);
	graph_betweenness(g, k, NETWORK_SEED, 2, bc, NULL, NULL);
	doubles("betweenness", bc, g->n);
	printf("\"sources\": [");
	for (int v = 0, first = 1; v < g->n; v++)
		if (sources[v])
			printf("%s%d", first ? "" : ", ", v), first = 0;
	printf("],\n");
	free(bc), free(sources);
}

static void structure(const struct graph *g)
{
	struct graph_cuts cuts;
	graph_cuts(g, &cuts);
	printf("\"articulation\": [");
	for (int v = 0, first = 1; v < g->n; v++)
		if (cuts.is_cut[v])
			printf("%s%d", first ? "" : ", ", v), first = 0;
	printf("],\n\"bridges\": [");
	for (int i = 0; i < cuts.nbridge; i++)
		printf("%s[%d, %d]", i ? ", " : "", cuts.bridge[i][0], cuts.bridge[i][1]);
	printf("],\n");
	graph_cuts_free(&cuts);
	struct graph_clustering c;
	graph_clustering(g, &c);
	doubles("clustering", c.clustering, g->n);
	graph_clustering_free(&c);
	struct graph_communities com;
	graph_louvain(g, NETWORK_SEED, &com);
	ints("community", com.community, g->n);
	graph_communities_free(&com);
}

/* The figures as a report has them: sampled from k sources when k is set, whatever the
 * size (the report samples only large networks). */
static void figures(const struct graph *g, const int *group, int k)
{
	if (k)
		setenv("KITH_EXACT_WORK", "0", 1);
	struct network_options o = {.sample = k, .threads = 2};
	struct network_figures f;
	network_measure(g, group, &o, &f);
	struct strbuf sb = STRBUF_INIT;
	network_figures_json(&f, &sb);
	printf("\"figures\": %s,\n", strbuf_str(&sb));
	strbuf_free(&sb);
}

int main(void)
{
	int n = 0, k = 0, a, b, ne = 0;
	size_t cap = 0;
	long long w;
	char line[256];
	struct graph_edge *e = NULL;
	int *group = NULL;
	while (fgets(line, sizeof line, stdin)) {
		if (sscanf(line, "n %d", &n) == 1) {
			group = xcalloc((size_t)n + 1, sizeof *group);
		} else if (sscanf(line, "k %d", &k) == 1) {
			continue;
		} else if (sscanf(line, "e %d %d %lld", &a, &b, &w) == 3) {
			e = xgrow(e, (size_t)ne, &cap, sizeof *e);
			e[ne++] = (struct graph_edge){a, b, w};
		} else if (sscanf(line, "g %d %d", &a, &b) == 2 && group && a >= 0 && a < n) {
			group[a] = b;
		}
	}
	struct graph *g = graph_build(n, e, (size_t)ne);
	printf("{\n\"n\": %d, \"m\": %d, \"weight\": %lld, \"self_weight\": %lld,\n", g->n, g->m,
	       g->weight, g->self_weight);
	degrees(g);
	structure(g);
	paths(g, k);
	figures(g, group, k);
	printf("\"end\": true\n}\n");
	graph_free(g);
	free(e);
	free(group);
	return 0;
}
