/* The graph: built once into compressed adjacency arrays, then measured. This file holds
 * the figures that take linear time or close to it; paths are in graph_paths.c and
 * communities in graph_louvain.c. */
#include "graph.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* ---- building ---- */

/* Sorted, merged edges between distinct nodes; self-loops go to g->self_weight. Sorted by a
 * two-pass counting sort (by target, then stably by source): linear, where a comparison sort
 * of a borough's half-million edges was the slowest step of loading. */
static struct graph_edge *merge_edges(struct graph *g, struct graph_edge *e, size_t nedges,
				      size_t *count)
{
	struct graph_edge *tmp;
	size_t k = 0, n = (size_t)g->n;
	for (size_t i = 0; i < nedges; i++) { /* in place: k never passes i */
		struct graph_edge x = e[i];
		if (x.from < 0 || x.from >= g->n || x.to < 0 || x.to >= g->n || x.weight <= 0)
			continue;
		if (x.from == x.to)
			g->self_weight += x.weight;
		else
			e[k++] = x;
	}
	tmp = xcalloc(k + 1, sizeof *tmp);
	size_t *at = xcalloc(n + 1, sizeof *at);
	for (int pass = 0; pass < 2; pass++) {
		memset(at, 0, (n + 1) * sizeof *at);
		for (size_t i = 0; i < k; i++)
			at[(size_t)(pass ? e[i].from : e[i].to) + 1]++;
		for (size_t v = 0; v < n; v++)
			at[v + 1] += at[v];
		for (size_t i = 0; i < k; i++)
			tmp[at[pass ? e[i].from : e[i].to]++] = e[i];
		struct graph_edge *t = e;
		e = tmp, tmp = t;
	}
	free(at), free(tmp);
	size_t out = 0;
	for (size_t i = 0; i < k; i++) {
		if (out && e[out - 1].from == e[i].from && e[out - 1].to == e[i].to)
			e[out - 1].weight += e[i].weight;
		else
			e[out++] = e[i];
	}
	*count = out;
	return e;
}

static void build_out(struct graph *g, const struct graph_edge *e, size_t m)
{
	g->out_start = xcalloc((size_t)g->n + 1, sizeof *g->out_start);
	g->out_to = xcalloc(m + 1, sizeof *g->out_to);
	g->out_w = xcalloc(m + 1, sizeof *g->out_w);
	for (size_t i = 0; i < m; i++) {
		g->out_start[e[i].from + 1]++;
		g->out_to[i] = e[i].to;
		g->out_w[i] = e[i].weight;
		g->weight += e[i].weight;
	}
	for (int v = 0; v < g->n; v++)
		g->out_start[v + 1] += g->out_start[v];
}

/* The reverse adjacency, by counting: the edges are already sorted by source, so each
 * node's in-list comes out sorted by source too. */
static void build_in(struct graph *g, const struct graph_edge *e, size_t m)
{
	g->in_start = xcalloc((size_t)g->n + 1, sizeof *g->in_start);
	g->in_from = xcalloc(m + 1, sizeof *g->in_from);
	g->in_w = xcalloc(m + 1, sizeof *g->in_w);
	for (size_t i = 0; i < m; i++)
		g->in_start[e[i].to + 1]++;
	for (int v = 0; v < g->n; v++)
		g->in_start[v + 1] += g->in_start[v];
	int *fill = xcalloc((size_t)g->n + 1, sizeof *fill);
	for (size_t i = 0; i < m; i++) {
		int at = g->in_start[e[i].to] + fill[e[i].to]++;
		g->in_from[at] = e[i].from;
		g->in_w[at] = e[i].weight;
	}
	free(fill);
}

/* Each node's undirected neighbours: its out- and in-lists merged, once each. */
static void build_undirected(struct graph *g)
{
	g->und_start = xcalloc((size_t)g->n + 1, sizeof *g->und_start);
	g->und_to = xcalloc((size_t)g->m * 2 + 1, sizeof *g->und_to);
	int k = 0;
	for (int v = 0; v < g->n; v++) {
		g->und_start[v] = k;
		int a = g->out_start[v], ae = g->out_start[v + 1];
		int b = g->in_start[v], be = g->in_start[v + 1];
		while (a < ae || b < be) {
			int x = a < ae ? g->out_to[a] : g->n, y = b < be ? g->in_from[b] : g->n;
			int next = x < y ? x : y;
			g->und_to[k++] = next;
			a += x == next;
			b += y == next;
		}
	}
	g->und_start[g->n] = k;
	g->und_m = k / 2;
}

struct graph *graph_build(int n, const struct graph_edge *edges, size_t nedges)
{
	struct graph_edge *copy = xcalloc(nedges + 1, sizeof *copy);
	if (nedges)
		memcpy(copy, edges, nedges * sizeof *copy);
	return graph_build_take(n, copy, nedges);
}

struct graph *graph_build_take(int n, struct graph_edge *edges, size_t nedges)
{
	struct graph *g = xcalloc(1, sizeof *g);
	g->n = n < 0 ? 0 : n;
	size_t m = 0;
	struct graph_edge *e = merge_edges(g, edges, nedges, &m);
	g->m = (int)m;
	build_out(g, e, m);
	build_in(g, e, m);
	free(e);
	build_undirected(g);
	return g;
}

void graph_free(struct graph *g)
{
	if (!g)
		return;
	free(g->out_start);
	free(g->out_to);
	free(g->out_w);
	free(g->in_start);
	free(g->in_from);
	free(g->in_w);
	free(g->und_start);
	free(g->und_to);
	free(g);
}

/* ---- density and reciprocity ---- */

double graph_density(const struct graph *g)
{
	if (g->n <= 1)
		return 0;
	return (double)g->m / ((double)g->n * (g->n - 1));
}

double graph_reciprocity(const struct graph *g)
{
	/* an edge is reciprocated when its pair counts once in the undirected view */
	if (g->m == 0)
		return 0;
	return (double)(g->m - g->und_m) * 2 / g->m;
}

/* ---- components ---- */

static void finish_components(struct graph_components *c, int n)
{
	int *size = xcalloc((size_t)c->count + 1, sizeof *size);
	for (int v = 0; v < n; v++)
		size[c->of[v]]++;
	c->largest = 0;
	c->biggest = 0;
	for (int i = 0; i < c->count; i++)
		if (size[i] > c->largest)
			c->largest = size[i], c->biggest = i;
	free(size);
}

void graph_wcc(const struct graph *g, struct graph_components *out)
{
	out->of = xmalloc(((size_t)g->n + 1) * sizeof *out->of);
	out->count = 0;
	int *queue = xmalloc(((size_t)g->n + 1) * sizeof *queue);
	for (int v = 0; v < g->n; v++)
		out->of[v] = -1;
	for (int s = 0; s < g->n; s++) {
		if (out->of[s] >= 0)
			continue;
		int head = 0, tail = 0;
		queue[tail++] = s;
		out->of[s] = out->count;
		while (head < tail) {
			int v = queue[head++];
			for (int i = g->und_start[v]; i < g->und_start[v + 1]; i++)
				if (out->of[g->und_to[i]] < 0) {
					out->of[g->und_to[i]] = out->count;
					queue[tail++] = g->und_to[i];
				}
		}
		out->count++;
	}
	free(queue);
	finish_components(out, g->n);
}

/* Tarjan's algorithm without recursion (a borough's chain would overflow the stack). */
void graph_scc(const struct graph *g, struct graph_components *out)
{
	size_t n = (size_t)g->n + 1;
	int *index = xmalloc(n * sizeof *index), *low = xmalloc(n * sizeof *low);
	int *stack = xmalloc(n * sizeof *stack), *call = xmalloc(n * sizeof *call);
	int *edge = xmalloc(n * sizeof *edge);
	bool *on = xcalloc(n, sizeof *on);
	out->of = xmalloc(n * sizeof *out->of);
	out->count = 0;
	for (int v = 0; v < g->n; v++)
		index[v] = -1;
	int counter = 0, sp = 0;
	for (int s = 0; s < g->n; s++) {
		if (index[s] >= 0)
			continue;
		int depth = 0;
		call[depth] = s;
		edge[depth] = g->out_start[s];
		index[s] = low[s] = counter++;
		stack[sp++] = s, on[s] = true;
		while (depth >= 0) {
			int v = call[depth];
			if (edge[depth] < g->out_start[v + 1]) {
				int w = g->out_to[edge[depth]++];
				if (index[w] < 0) {
					index[w] = low[w] = counter++;
					stack[sp++] = w, on[w] = true;
					call[++depth] = w;
					edge[depth] = g->out_start[w];
				} else if (on[w] && index[w] < low[v]) {
					low[v] = index[w];
				}
				continue;
			}
			if (low[v] == index[v]) {
				int w;
				do {
					w = stack[--sp];
					on[w] = false;
					out->of[w] = out->count;
				} while (w != v);
				out->count++;
			}
			if (--depth >= 0 && low[v] < low[call[depth]])
				low[call[depth]] = low[v];
		}
	}
	free(index), free(low), free(stack), free(call), free(edge), free(on);
	finish_components(out, g->n);
}

void graph_components_free(struct graph_components *c)
{
	free(c->of);
	memset(c, 0, sizeof *c);
}

/* ---- articulation points and bridges (Hopcroft and Tarjan, iteratively) ---- */

void graph_cuts(const struct graph *g, struct graph_cuts *out)
{
	size_t n = (size_t)g->n + 1;
	int *disc = xmalloc(n * sizeof *disc), *low = xmalloc(n * sizeof *low);
	int *parent = xmalloc(n * sizeof *parent), *call = xmalloc(n * sizeof *call);
	int *edge = xmalloc(n * sizeof *edge), *children = xcalloc(n, sizeof *children);
	memset(out, 0, sizeof *out);
	out->is_cut = xcalloc(n, sizeof *out->is_cut);
	out->bridge = xcalloc((size_t)g->und_m + 1, sizeof *out->bridge);
	for (int v = 0; v < g->n; v++)
		disc[v] = -1;
	int counter = 0;
	for (int s = 0; s < g->n; s++) {
		if (disc[s] >= 0)
			continue;
		int depth = 0;
		call[0] = s, edge[0] = g->und_start[s], parent[s] = -1;
		disc[s] = low[s] = counter++;
		while (depth >= 0) {
			int v = call[depth];
			if (edge[depth] < g->und_start[v + 1]) {
				int w = g->und_to[edge[depth]++];
				if (disc[w] < 0) {
					parent[w] = v, children[v]++;
					disc[w] = low[w] = counter++;
					call[++depth] = w, edge[depth] = g->und_start[w];
				} else if (w != parent[v] && disc[w] < low[v]) {
					low[v] = disc[w];
				}
				continue;
			}
			int p = parent[v];
			depth--;
			if (p < 0)
				continue;
			if (low[v] < low[p])
				low[p] = low[v];
			if (low[v] > disc[p]) {
				out->bridge[out->nbridge][0] = p < v ? p : v;
				out->bridge[out->nbridge++][1] = p < v ? v : p;
			}
			if (parent[p] >= 0 && low[v] >= disc[p])
				out->is_cut[p] = true;
		}
		if (children[s] > 1)
			out->is_cut[s] = true;
	}
	for (int v = 0; v < g->n; v++)
		out->ncut += out->is_cut[v];
	free(disc), free(low), free(parent), free(call), free(edge), free(children);
	/* room for every edge was needed while looking; the few bridges found are kept */
	out->bridge = xreallocarray(out->bridge, (size_t)out->nbridge + 1, sizeof *out->bridge);
}

void graph_cuts_free(struct graph_cuts *c)
{
	free(c->is_cut);
	free(c->bridge);
	memset(c, 0, sizeof *c);
}

/* ---- clustering ---- */

/* Counts each triangle once: edges point from lower to higher rank (degree, then id), and
 * a triangle is found from its lowest corner. */
static void count_triangles(const struct graph *g, long long *tri)
{
	size_t n = (size_t)g->n + 1;
	int *fstart = xcalloc(n, sizeof *fstart), *fto = xcalloc((size_t)g->und_m + 1, sizeof *fto);
	int *mark = xcalloc(n, sizeof *mark);
#define DEG(v) (g->und_start[(v) + 1] - g->und_start[v])
#define BEFORE(a, b) (DEG(a) < DEG(b) || (DEG(a) == DEG(b) && (a) < (b)))
	int k = 0;
	for (int v = 0; v < g->n; v++) {
		fstart[v] = k;
		for (int i = g->und_start[v]; i < g->und_start[v + 1]; i++)
			if (BEFORE(v, g->und_to[i]))
				fto[k++] = g->und_to[i];
	}
	fstart[g->n] = k;
	for (int u = 0; u < g->n; u++) {
		for (int i = fstart[u]; i < fstart[u + 1]; i++)
			mark[fto[i]] = u + 1;
		for (int i = fstart[u]; i < fstart[u + 1]; i++) {
			int v = fto[i];
			for (int j = fstart[v]; j < fstart[v + 1]; j++) {
				int w = fto[j];
				if (mark[w] == u + 1)
					tri[u]++, tri[v]++, tri[w]++;
			}
		}
	}
#undef BEFORE
#undef DEG
	free(fstart), free(fto), free(mark);
}

void graph_clustering(const struct graph *g, struct graph_clustering *out)
{
	long long *tri = xcalloc((size_t)g->n + 1, sizeof *tri);
	count_triangles(g, tri);
	out->clustering = xcalloc((size_t)g->n + 1, sizeof *out->clustering);
	double sum = 0, triads = 0;
	long long corners = 0;
	for (int v = 0; v < g->n; v++) {
		double d = g->und_start[v + 1] - g->und_start[v];
		if (d >= 2)
			out->clustering[v] = 2.0 * (double)tri[v] / (d * (d - 1));
		sum += out->clustering[v];
		triads += d * (d - 1) / 2;
		corners += tri[v];
	}
	out->triangles = corners / 3;
	out->average = g->n ? sum / g->n : 0;
	out->transitivity = corners ? (double)corners / triads : 0;
	free(tri);
}

void graph_clustering_free(struct graph_clustering *c)
{
	free(c->clustering);
	memset(c, 0, sizeof *c);
}

/* ---- mixing between groups ---- */

void graph_mixing(const struct graph *g, const int *group, double *external_share, double *ei_index)
{
	long long external = 0;
	for (int v = 0; v < g->n; v++)
		for (int i = g->out_start[v]; i < g->out_start[v + 1]; i++)
			external += group[v] != group[g->out_to[i]];
	long long internal = g->m - external;
	*external_share = g->m ? (double)external / g->m : 0;
	*ei_index = g->m ? (double)(external - internal) / g->m : 0;
}
