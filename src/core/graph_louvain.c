/* Communities by Louvain on the undirected weighted view (an edge's weight is the referrals
 * both ways), as NetworkX 2.8's louvain_communities does it: move each node, in a seeded
 * random order, to the neighbouring community with the best modularity gain until nothing
 * moves; merge communities into nodes; repeat while modularity rises by more than 1e-7. */
#include "graph.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define THRESHOLD 1e-7

/* An undirected weighted graph, possibly with self-loops (a merged community's inside). */
struct wgraph {
	int n;
	int *start, *to;
	double *w;
	double *self;   /* self-loop weight */
	double *degree; /* weighted degree, self-loops counted twice as NetworkX does */
	bool borrowed;  /* start and to are the graph's own (the first level): not freed */
};

static void wgraph_free(struct wgraph *h)
{
	if (!h->borrowed)
		free(h->start), free(h->to);
	free(h->w), free(h->self), free(h->degree);
}

/* The undirected view with weights summed over both directions. */
static void from_graph(const struct graph *g, struct wgraph *h)
{
	size_t n = (size_t)g->n + 1, m = (size_t)g->und_start[g->n] + 1;
	h->n = g->n;
	h->borrowed = true; /* read only: a copy was a tenth of a borough's peak memory */
	h->start = g->und_start;
	h->to = g->und_to;
	h->w = xcalloc(m, sizeof *h->w);
	h->self = xcalloc(n, sizeof *h->self);
	h->degree = xcalloc(n, sizeof *h->degree);
	for (int v = 0; v < g->n; v++) {
		int a = g->out_start[v], b = g->in_start[v];
		for (int i = h->start[v]; i < h->start[v + 1]; i++) {
			int x = h->to[i];
			if (a < g->out_start[v + 1] && g->out_to[a] == x)
				h->w[i] += (double)g->out_w[a++];
			if (b < g->in_start[v + 1] && g->in_from[b] == x)
				h->w[i] += (double)g->in_w[b++];
			h->degree[v] += h->w[i];
		}
	}
}

static double total_weight(const struct wgraph *h)
{
	double m = 0;
	for (int v = 0; v < h->n; v++)
		m += h->degree[v];
	return m / 2;
}

static uint64_t next_random(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* ---- one level: local moves ---- */

struct level {
	int *com;       /* community of each node of this level */
	double *tot;    /* total degree of each community */
	double *to_com; /* scratch: weight from the node being moved to each community */
	int *touched;
};

static int best_move(const struct wgraph *h, struct level *l, int u, double m, int ntouched)
{
	int best = l->com[u];
	double best_gain = 0, k = h->degree[u];
	l->tot[best] -= k;
	double remove = -l->to_com[best] / m + l->tot[best] * k / (2 * m * m);
	for (int i = 0; i < ntouched; i++) {
		int c = l->touched[i];
		double gain = remove + l->to_com[c] / m - l->tot[c] * k / (2 * m * m);
		if (gain > best_gain)
			best_gain = gain, best = c;
	}
	l->tot[best] += k;
	return best;
}

/* Moves nodes until none moves; returns whether any did. */
static bool one_level(const struct wgraph *h, struct level *l, double m, uint64_t *seed)
{
	int *order = xmalloc(((size_t)h->n + 1) * sizeof *order);
	for (int v = 0; v < h->n; v++)
		order[v] = v, l->com[v] = v, l->tot[v] = h->degree[v];
	for (int i = h->n - 1; i > 0; i--) {
		int j = (int)(next_random(seed) % (uint64_t)(i + 1));
		int t = order[i];
		order[i] = order[j], order[j] = t;
	}
	bool improved = false;
	for (int moves = 1; moves > 0;) {
		moves = 0;
		for (int o = 0; o < h->n; o++) {
			int u = order[o], ntouched = 0;
			for (int i = h->start[u]; i < h->start[u + 1]; i++) {
				int c = l->com[h->to[i]];
				if (l->to_com[c] == 0 && h->to[i] != u)
					l->touched[ntouched++] = c;
				if (h->to[i] != u)
					l->to_com[c] += h->w[i];
			}
			int best = best_move(h, l, u, m, ntouched);
			for (int i = 0; i < ntouched; i++)
				l->to_com[l->touched[i]] = 0;
			if (best != l->com[u]) {
				l->com[u] = best;
				moves++;
				improved = true;
			}
		}
	}
	free(order);
	return improved;
}

/* ---- merging communities into nodes ---- */

/* Renumbers l->com densely; returns the number of communities. */
static int renumber(const struct wgraph *h, struct level *l)
{
	int *id = xmalloc(((size_t)h->n + 1) * sizeof *id), count = 0;
	for (int v = 0; v < h->n; v++)
		id[v] = -1;
	for (int v = 0; v < h->n; v++) {
		if (id[l->com[v]] < 0)
			id[l->com[v]] = count++;
		l->com[v] = id[l->com[v]];
	}
	free(id);
	return count;
}

static int by_target(const void *a, const void *b)
{
	const double *x = a, *y = b;
	return (x[0] > y[0]) - (x[0] < y[0]);
}

static void aggregate(const struct wgraph *h, const int *com, int count, struct wgraph *out)
{
	memset(out, 0, sizeof *out); /* its own arrays: not borrowed */
	out->n = count;
	out->start = xcalloc((size_t)count + 1, sizeof *out->start);
	out->self = xcalloc((size_t)count + 1, sizeof *out->self);
	out->degree = xcalloc((size_t)count + 1, sizeof *out->degree);
	/* gather each community's outside weights as (community, weight) pairs, then merge */
	int *members = xmalloc(((size_t)h->n + 1) * sizeof *members);
	int *first = xcalloc((size_t)count + 2, sizeof *first);
	for (int v = 0; v < h->n; v++)
		first[com[v] + 1]++;
	for (int c = 0; c < count; c++)
		first[c + 1] += first[c];
	int *fill = xcalloc((size_t)count + 1, sizeof *fill);
	for (int v = 0; v < h->n; v++)
		members[first[com[v]] + fill[com[v]]++] = v;
	/* pairs holds one community's at a time, and the merged edges grow as they come: sized
	 * for the whole graph they were most of a borough's peak memory */
	size_t most = 1, k = 0, cap = 0, wcap = 0;
	for (int c = 0; c < count; c++) {
		size_t np = 0;
		for (int i = first[c]; i < first[c + 1]; i++)
			np += (size_t)(h->start[members[i] + 1] - h->start[members[i]]);
		most = np > most ? np : most;
	}
	double(*pairs)[2] = xmalloc(most * sizeof *pairs);
	for (int c = 0; c < count; c++) {
		size_t np = 0;
		out->start[c] = (int)k;
		for (int i = first[c]; i < first[c + 1]; i++) {
			int v = members[i];
			out->self[c] += h->self[v];
			for (int j = h->start[v]; j < h->start[v + 1]; j++) {
				if (com[h->to[j]] == c)
					out->self[c] += h->w[j] / 2; /* seen from both ends */
				else
					pairs[np][0] = com[h->to[j]], pairs[np++][1] = h->w[j];
			}
		}
		qsort(pairs, np, sizeof *pairs, by_target);
		for (size_t i = 0; i < np; i++) {
			if (k > (size_t)out->start[c] && out->to[k - 1] == (int)pairs[i][0]) {
				out->w[k - 1] += pairs[i][1];
			} else {
				out->to = xgrow(out->to, k, &cap, sizeof *out->to);
				out->w = xgrow(out->w, k, &wcap, sizeof *out->w);
				out->to[k] = (int)pairs[i][0];
				out->w[k++] = pairs[i][1];
			}
			out->degree[c] += pairs[i][1];
		}
		out->degree[c] += 2 * out->self[c];
	}
	out->start[count] = (int)k;
	free(members), free(first), free(fill), free(pairs);
}

/* Modularity of a partition of a level's graph. */
static double level_modularity(const struct wgraph *h, const int *com, int count, double m)
{
	double *inside = xcalloc((size_t)count + 1, sizeof *inside);
	double *tot = xcalloc((size_t)count + 1, sizeof *tot);
	for (int v = 0; v < h->n; v++) {
		inside[com[v]] += h->self[v];
		tot[com[v]] += h->degree[v];
		for (int i = h->start[v]; i < h->start[v + 1]; i++)
			if (com[h->to[i]] == com[v])
				inside[com[v]] += h->w[i] / 2;
	}
	double q = 0;
	for (int c = 0; c < count; c++)
		q += inside[c] / m - (tot[c] / (2 * m)) * (tot[c] / (2 * m));
	free(inside), free(tot);
	return q;
}

double graph_modularity(const struct graph *g, const int *community)
{
	struct wgraph h;
	from_graph(g, &h);
	double m = total_weight(&h);
	int count = 0;
	for (int v = 0; v < g->n; v++)
		if (community[v] + 1 > count)
			count = community[v] + 1;
	double q = m > 0 ? level_modularity(&h, community, count, m) : 0;
	wgraph_free(&h);
	return q;
}

/* ---- the whole ---- */

/* Numbers communities by size, largest first (ties: the one with the lowest node first). */
static void order_by_size(struct graph_communities *out, int n)
{
	int *size = xcalloc((size_t)out->count + 1, sizeof *size);
	int *low = xmalloc(((size_t)out->count + 1) * sizeof *low);
	int *rank = xmalloc(((size_t)out->count + 1) * sizeof *rank);
	for (int c = 0; c < out->count; c++)
		low[c] = n, rank[c] = c;
	for (int v = 0; v < n; v++) {
		size[out->community[v]]++;
		if (v < low[out->community[v]])
			low[out->community[v]] = v;
	}
	for (int i = 1; i < out->count; i++) /* insertion sort: stable and simple */
		for (int j = i; j > 0; j--) {
			int a = rank[j - 1], b = rank[j];
			if (size[a] > size[b] || (size[a] == size[b] && low[a] < low[b]))
				break;
			rank[j - 1] = b, rank[j] = a;
		}
	int *newid = xmalloc(((size_t)out->count + 1) * sizeof *newid);
	for (int i = 0; i < out->count; i++)
		newid[rank[i]] = i;
	out->size = xcalloc((size_t)out->count + 1, sizeof *out->size);
	for (int v = 0; v < n; v++) {
		out->community[v] = newid[out->community[v]];
		out->size[out->community[v]]++;
	}
	free(size), free(low), free(rank), free(newid);
}

void graph_louvain(const struct graph *g, uint64_t seed, struct graph_communities *out)
{
	memset(out, 0, sizeof *out);
	out->community = xmalloc(((size_t)g->n + 1) * sizeof *out->community);
	for (int v = 0; v < g->n; v++)
		out->community[v] = v;
	out->count = g->n;
	struct wgraph h;
	from_graph(g, &h);
	double m = total_weight(&h);
	double q = m > 0 ? level_modularity(&h, out->community, g->n, m) : 0;
	bool live = true; /* h still to be freed */
	while (m > 0 && h.n > 0) {
		size_t n = (size_t)h.n + 1;
		struct level l = {xmalloc(n * sizeof(int)), xcalloc(n, sizeof(double)),
				  xcalloc(n, sizeof(double)), xmalloc(n * sizeof(int))};
		bool improved = one_level(&h, &l, m, &seed);
		int count = renumber(&h, &l);
		for (int v = 0; v < g->n; v++) /* where each original node now is */
			out->community[v] = l.com[out->community[v]];
		out->count = count;
		double now = level_modularity(&h, l.com, count, m);
		struct wgraph next;
		bool more = improved && now - q > THRESHOLD;
		if (more)
			aggregate(&h, l.com, count, &next);
		free(l.com), free(l.tot), free(l.to_com), free(l.touched);
		wgraph_free(&h);
		live = false;
		if (!more)
			break;
		h = next;
		live = true;
		q = now;
	}
	if (live)
		wgraph_free(&h);
	order_by_size(out, g->n);
	out->modularity = graph_modularity(g, out->community);
}

void graph_communities_free(struct graph_communities *c)
{
	free(c->community);
	free(c->size);
	memset(c, 0, sizeof *c);
}
