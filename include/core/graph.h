/* The referral network as a graph, and what can be measured of it. Pure: no sqlite, no
 * curses; nodes are 0..n-1, edges are weighted and directed. Every figure is defined as
 * NetworkX defines it on the same graph (tests/test_graph_nx.py checks each against it).
 * Functions that allocate say so; graph_free and graph_report_free release everything. */
#ifndef KITH_GRAPH_H
#define KITH_GRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct graph_edge {
	int from, to;
	long long weight; /* referrals from `from` to `to` */
};

/* Compressed adjacency: each node's out-neighbours, in-neighbours and undirected simple
 * neighbours as ranges of one array each, sorted by neighbour. */
struct graph {
	int n;
	int m;                   /* directed edges, self-loops excluded */
	long long weight;        /* referrals along edges */
	long long self_weight;   /* self-referrals: counted, not edges */
	int *out_start, *out_to; /* out_to[out_start[v] .. out_start[v+1]) */
	long long *out_w;
	int *in_start, *in_from;
	long long *in_w;
	int *und_start, *und_to; /* the undirected simple view */
	int und_m;               /* its edges */
};

/* Builds the graph of n nodes from edges (in any order; repeated pairs add their weights;
 * a self-loop only adds to self_weight). Edges naming a node outside [0, n) are ignored.
 * Caller frees with graph_free. */
struct graph *graph_build(int n, const struct graph_edge *edges, size_t nedges);
/* The same, sorting and merging in edges itself (a borough's are megabytes), which it takes
 * over and frees: edges must come from xalloc.h. */
struct graph *graph_build_take(int n, struct graph_edge *edges, size_t nedges);
void graph_free(struct graph *g);

/* ---- figures ---- */

struct graph_components {
	int count;
	int largest; /* nodes in the largest */
	int *of;     /* the component of each node (0..count-1) */
	int biggest; /* the id of the largest component (the lowest id on a tie) */
};

/* Weakly connected (the undirected view) and strongly connected components. */
void graph_wcc(const struct graph *g, struct graph_components *out);
void graph_scc(const struct graph *g, struct graph_components *out);
void graph_components_free(struct graph_components *c);

/* nx.density for a directed graph. */
double graph_density(const struct graph *g);
/* nx.overall_reciprocity: the share of edges whose reverse is also an edge. */
double graph_reciprocity(const struct graph *g);

/* On the undirected view: articulation points (is_cut[v]) and bridges (pairs, u < v). */
struct graph_cuts {
	bool *is_cut;
	int ncut;
	int (*bridge)[2];
	int nbridge;
};
void graph_cuts(const struct graph *g, struct graph_cuts *out);
void graph_cuts_free(struct graph_cuts *c);

/* On the undirected view: each node's clustering coefficient (clustering[v]), their mean
 * over all nodes (nx.average_clustering) and transitivity (nx.transitivity). */
struct graph_clustering {
	double *clustering;
	double average;
	double transitivity;
	long long triangles;
};
void graph_clustering(const struct graph *g, struct graph_clustering *out);
void graph_clustering_free(struct graph_clustering *c);

/* k of the n nodes allowed (all of them when allowed is NULL), drawn with seed: chosen[v].
 * All when k <= 0 or k is at least their number. The same seed gives the same choice.
 * Caller frees. */
bool *graph_choose(int n, int k, uint64_t seed, const bool *allowed);

/* Betweenness centrality (directed, normalised, hop counts) as nx.betweenness_centrality.
 * With k > 0 and k < n, from k sources drawn with seed and scaled by n / k, as NetworkX does
 * with k; otherwise exact. threads > 1 shares the work. out has n values. progress, when not
 * NULL, is called now and then with the share done (0..1) and may return false to stop
 * (the result is then incomplete). Returns false when stopped. */
bool graph_betweenness(const struct graph *g, int k, uint64_t seed, int threads, double *out,
		       bool (*progress)(void *ctx, double done), void *ctx);

/* Distances on the undirected view of the nodes in `within` (one component): the average
 * shortest path length (nx.average_shortest_path_length) and the diameter (nx.diameter).
 * With 0 < k < its size, searches from k sources drawn with seed give estimates (the mean
 * of their distances, and the largest found, which can only be short of the diameter);
 * exact says which. Returns false when stopped through progress. */
struct graph_distances {
	double average;
	int diameter;
	bool exact;
};
bool graph_distances(const struct graph *g, const bool *within, int k, uint64_t seed, int threads,
		     struct graph_distances *out, bool (*progress)(void *ctx, double done),
		     void *ctx);

/* Louvain communities of the undirected view, an edge weighing the referrals both ways
 * (as graph_louvain.c describes). community[v] is v's community, numbered by size, largest
 * first; modularity is theirs. The same graph and seed give the same answer. */
struct graph_communities {
	int count;
	int *community;
	int *size;
	double modularity;
};
void graph_louvain(const struct graph *g, uint64_t seed, struct graph_communities *out);
void graph_communities_free(struct graph_communities *c);
/* nx.community.modularity of a partition of the undirected weighted view. */
double graph_modularity(const struct graph *g, const int *community);

/* The share of edges joining nodes of different groups (category[v]), and the E-I index
 * (external - internal) / (external + internal); 0 and 0 with no edges. */
void graph_mixing(const struct graph *g, const int *group, double *external_share,
		  double *ei_index);

#endif
