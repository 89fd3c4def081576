/* Reads a graph as text and prints every figure kith computes of it as JSON, for the
 * NetworkX comparison in test_graph_nx.py. Input lines:
 *   n N            the number of nodes (first)
 *   k K            sample betweenness and distances from K sources (default: exact)
 *   e FROM TO W    an edge with its weight (repeats add up; FROM = TO is a self-loop)
 *   g NODE GROUP   a node's group (category), for mixing */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"
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
	int *in = xcalloc((size_t)g->n + 1, sizeof *in), *out = xcalloc((size_t)g->n + 1, sizeof *out);
	double *win = xcalloc((size_t)g->n + 1, sizeof *win), *wout = xcalloc((size_t)g->n + 1, sizeof *wout);
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
	bool *sources = graph_choose(g->n, k, 42, NULL);
	graph_betweenness(g, k, 42, 2, bc, NULL, NULL);
	doubles("betweenness", bc, g->n);
	printf("\"sources\": [");
	for (int v = 0, first = 1; v < g->n; v++)
		if (sources[v])
			printf("%s%d", first ? "" : ", ", v), first = 0;
	printf("],\n");
	struct graph_components wcc;
	graph_wcc(g, &wcc);
	bool *within = xcalloc((size_t)g->n + 1, sizeof *within);
	for (int v = 0; v < g->n; v++)
		within[v] = wcc.of[v] == wcc.biggest;
	struct graph_distances d;
	graph_distances(g, within, k, 42, 2, &d, NULL, NULL);
	printf("\"lcc_average_path\": %.17g, \"lcc_diameter\": %d, \"distances_exact\": %s,\n",
	       d.average, d.diameter, d.exact ? "true" : "false");
	free(within), free(bc), free(sources);
	graph_components_free(&wcc);
}

static void structure(const struct graph *g)
{
	struct graph_components wcc, scc;
	graph_wcc(g, &wcc);
	graph_scc(g, &scc);
	printf("\"wcc_count\": %d, \"wcc_largest\": %d, \"scc_count\": %d, \"scc_largest\": %d,\n",
	       wcc.count, wcc.largest, scc.count, scc.largest);
	graph_components_free(&wcc);
	graph_components_free(&scc);
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
	printf("\"average_clustering\": %.17g, \"transitivity\": %.17g,\n", c.average, c.transitivity);
	graph_clustering_free(&c);
}

static void communities(const struct graph *g, const int *group)
{
	struct graph_communities c;
	graph_louvain(g, 7, &c);
	ints("community", c.community, g->n);
	printf("\"modularity\": %.17g,\n", c.modularity);
	graph_communities_free(&c);
	double share, ei;
	graph_mixing(g, group, &share, &ei);
	printf("\"external_share\": %.17g, \"ei_index\": %.17g,\n", share, ei);
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
	printf("\"density\": %.17g, \"reciprocity\": %.17g,\n", graph_density(g),
	       graph_reciprocity(g));
	degrees(g);
	structure(g);
	paths(g, k);
	communities(g, group ? group : (int[1]){0});
	printf("\"end\": true\n}\n");
	graph_free(g);
	free(e);
	free(group);
	return 0;
}
