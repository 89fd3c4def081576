/* Shortest paths: betweenness (Brandes, directed, hop counts) and distances on the
 * undirected view. Both are the expensive figures, so both use what the structure allows
 * and both cores:
 *  - an asset whose only neighbour is one other asset (a pendant: most small assets only
 *    receive referrals from one place) is never between anything; searches from it are its
 *    neighbour's search shifted by one hop, and as a target it adds one path through that
 *    neighbour. So pendants are folded into their neighbour and the figures stay exact;
 *  - distances run 256 breadth-first searches at once, one bit each (multi-source BFS);
 *  - the searches are shared among threads, each summing into its own array. */
#include "graph.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* ---- sampling ---- */

static uint64_t mix(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

bool *graph_choose(int n, int k, uint64_t seed, const bool *allowed)
{
	bool *chosen = xcalloc((size_t)n + 1, sizeof *chosen);
	int *pool = xmalloc(((size_t)n + 1) * sizeof *pool), np = 0;
	for (int v = 0; v < n; v++)
		if (!allowed || allowed[v])
			pool[np++] = v;
	if (k <= 0 || k >= np) {
		for (int i = 0; i < np; i++)
			chosen[pool[i]] = true;
	} else {
		for (int i = 0; i < k; i++) { /* a partial Fisher-Yates shuffle */
			int j = i + (int)(mix(&seed) % (uint64_t)(np - i));
			int t = pool[i];
			pool[i] = pool[j], pool[j] = t;
			chosen[pool[i]] = true;
		}
	}
	free(pool);
	return chosen;
}

/* ---- pendants ---- */

enum pendant { NOT_PENDANT, SOURCE_LEAF, SINK_LEAF, TWO_WAY_LEAF };

struct fold {
	enum pendant *kind; /* per node */
	int *anchor;        /* a pendant's neighbour */
	int *targets;       /* sink and two-way pendants hanging from a node */
};

static int degree(const struct graph *g, int v)
{
	return g->und_start[v + 1] - g->und_start[v];
}

static void find_pendants(const struct graph *g, struct fold *f)
{
	size_t n = (size_t)g->n + 1;
	f->kind = xcalloc(n, sizeof *f->kind);
	f->anchor = xcalloc(n, sizeof *f->anchor);
	f->targets = xcalloc(n, sizeof *f->targets);
	for (int v = 0; v < g->n; v++) {
		if (degree(g, v) != 1)
			continue;
		int u = g->und_to[g->und_start[v]];
		if (degree(g, u) < 2) /* two pendants of each other: leave the pair alone */
			continue;
		bool out = g->out_start[v + 1] > g->out_start[v];
		bool in = g->in_start[v + 1] > g->in_start[v];
		f->kind[v] = out && in ? TWO_WAY_LEAF : out ? SOURCE_LEAF : SINK_LEAF;
		f->anchor[v] = u;
		if (in)
			f->targets[u]++;
	}
}

static void fold_free(struct fold *f)
{
	free(f->kind);
	free(f->anchor);
	free(f->targets);
}

/* ---- betweenness ---- */

struct root {
	int node;
	double weight;         /* how many chosen sources this search stands for */
	double source_leaves;  /* chosen source pendants hanging from it */
	double two_way_leaves; /* chosen two-way pendants hanging from it */
};

struct brandes {
	const struct graph *g;
	const struct fold *f;
	/* the adjacency searches walk: out-edges without those to target pendants (counted
	 * through their anchors) */
	int *out_start, *out_to;
	struct root *roots;
	int nroots;
	atomic_int next;
	atomic_int done;
	atomic_bool stop;
	bool (*progress)(void *ctx, double done);
	void *ctx;
	double **partial; /* each thread's sums */
};

/* What a search keeps of each node. Distances are apart from the counts, and short: most
 * edge visits only test a distance, and 20,000 of them in 16 bits stay in the first cache.
 * A network with 65,535 nodes or more uses 32-bit distances (a chain could be that long). */
struct scratch {
	void *dist;
	int *order;
	double *sigma, *delta;
};

/* One search from r->node; adds its dependencies, weighted, into bc. The dependencies are
 * pulled from each node's successors along its out-edges, the same array the search just
 * walked, rather than pushed along in-edges: one adjacency array in cache instead of two. */
/* clang-format off */
#define SINGLE_SOURCE(NAME, DIST_T, UNSEEN)                                                    \
	static void NAME(const struct brandes *b, const struct root *r, struct scratch *w,       \
			 double *bc)                                                             \
	{                                                                                        \
		const int *targets = b->f->targets, *start = b->out_start, *to = b->out_to;      \
		DIST_T *dist = w->dist;                                                          \
		int *order = w->order;                                                           \
		double *sigma = w->sigma, *delta = w->delta;                                     \
		int s = r->node, head = 0, tail = 0;                                             \
		order[tail++] = s;                                                               \
		dist[s] = 0;                                                                     \
		sigma[s] = 1;                                                                    \
		while (head < tail) {                                                            \
			int v = order[head++];                                                   \
			DIST_T next = (DIST_T)(dist[v] + 1);                                     \
			double sv = sigma[v];                                                    \
			for (int i = start[v]; i < start[v + 1]; i++) {                          \
				int x = to[i];                                                   \
				if (dist[x] == UNSEEN) {                                         \
					dist[x] = next;                                          \
					order[tail++] = x;                                       \
				}                                                                \
				if (dist[x] == next)                                             \
					sigma[x] += sv;                                          \
			}                                                                        \
		}                                                                                \
		double reach = -1; /* not s itself */                                            \
		for (int i = 0; i < tail; i++)                                                   \
			reach += 1 + targets[order[i]];                                          \
		for (int i = tail - 1; i >= 0; i--) {                                            \
			int v = order[i];                                                        \
			DIST_T next = (DIST_T)(dist[v] + 1);                                     \
			double d = 0;                                                            \
			for (int j = start[v]; j < start[v + 1]; j++) {                          \
				int x = to[j];                                                   \
				if (dist[x] == next)                                             \
					d += (1 + delta[x]) / sigma[x];                          \
			}                                                                        \
			/* and one path on to each of its target pendants */                     \
			delta[v] = d * sigma[v] + targets[v];                                    \
			if (i > 0)                                                               \
				bc[v] += r->weight * delta[v];                                   \
		}                                                                                \
		/* a source pendant's paths all pass through s; a two-way one's, but itself */   \
		bc[s] += r->source_leaves * reach + r->two_way_leaves * (reach - 1);             \
		for (int i = 0; i < tail; i++) {                                                 \
			int v = order[i];                                                        \
			dist[v] = UNSEEN;                                                        \
			sigma[v] = delta[v] = 0;                                                 \
		}                                                                                \
	}
/* clang-format on */

SINGLE_SOURCE(single_source_16, uint16_t, UINT16_MAX)
SINGLE_SOURCE(single_source_32, int32_t, -1)

static void filter_edges(struct brandes *b)
{
	const struct graph *g = b->g;
	const struct fold *f = b->f;
	size_t n = (size_t)g->n + 1;
	b->out_start = xcalloc(n, sizeof(int));
	b->out_to = xmalloc(((size_t)g->m + 1) * sizeof(int));
	int ko = 0;
	for (int v = 0; v < g->n; v++) {
		b->out_start[v] = ko;
		for (int i = g->out_start[v]; i < g->out_start[v + 1]; i++) {
			enum pendant k = f->kind[g->out_to[i]];
			if (k == NOT_PENDANT || k == SOURCE_LEAF)
				b->out_to[ko++] = g->out_to[i];
		}
	}
	b->out_start[g->n] = ko;
}

struct worker_arg {
	void *job; /* a struct brandes or a struct msbfs; NULL when its thread did not start */
	int id;
};

static void *betweenness_worker(void *p)
{
	struct worker_arg *a = p;
	struct brandes *b = a->job;
	size_t n = (size_t)b->g->n + 1;
	bool small = b->g->n < UINT16_MAX;
	struct scratch w = {xmalloc(n * (small ? sizeof(uint16_t) : sizeof(int32_t))),
			    xmalloc(n * sizeof(int)), xcalloc(n, sizeof(double)),
			    xcalloc(n, sizeof(double))};
	for (size_t v = 0; v < n; v++) {
		if (small)
			((uint16_t *)w.dist)[v] = UINT16_MAX;
		else
			((int32_t *)w.dist)[v] = -1;
	}
	int i;
	while (!atomic_load(&b->stop) && (i = atomic_fetch_add(&b->next, 1)) < b->nroots) {
		if (small)
			single_source_16(b, &b->roots[i], &w, b->partial[a->id]);
		else
			single_source_32(b, &b->roots[i], &w, b->partial[a->id]);
		int done = atomic_fetch_add(&b->done, 1) + 1;
		if (a->id == 0 && b->progress && (done & 31) == 0 &&
		    !b->progress(b->ctx, (double)done / b->nroots))
			atomic_store(&b->stop, true);
	}
	free(w.dist), free(w.order), free(w.sigma), free(w.delta);
	return NULL;
}

/* The searches to run: every chosen non-pendant, and each anchor standing for its chosen
 * pendants. */
static int plan_roots(const struct graph *g, const struct fold *f, const bool *chosen,
		      struct root *roots)
{
	int *at = xmalloc(((size_t)g->n + 1) * sizeof *at), n = 0;
	for (int v = 0; v < g->n; v++)
		at[v] = -1;
	for (int v = 0; v < g->n; v++) {
		if (!chosen[v] || f->kind[v] == SINK_LEAF)
			continue; /* a sink reaches nothing */
		int u = f->kind[v] == NOT_PENDANT ? v : f->anchor[v];
		if (at[u] < 0) {
			at[u] = n;
			roots[n++] = (struct root){u, 0, 0, 0};
		}
		struct root *r = &roots[at[u]];
		r->weight += 1;
		if (f->kind[v] == SOURCE_LEAF)
			r->source_leaves += 1;
		else if (f->kind[v] == TWO_WAY_LEAF)
			r->two_way_leaves += 1;
	}
	free(at);
	return n;
}

bool graph_betweenness(const struct graph *g, int k, uint64_t seed, int threads, double *out,
		       bool (*progress)(void *ctx, double done), void *ctx)
{
	memset(out, 0, (size_t)g->n * sizeof *out);
	if (g->n == 0)
		return true;
	struct fold f;
	find_pendants(g, &f);
	bool *chosen = graph_choose(g->n, k, seed, NULL);
	struct brandes b = {.g = g, .f = &f, .progress = progress, .ctx = ctx};
	filter_edges(&b);
	b.roots = xcalloc((size_t)g->n + 1, sizeof *b.roots);
	b.nroots = plan_roots(g, &f, chosen, b.roots);
	atomic_init(&b.next, 0);
	atomic_init(&b.done, 0);
	atomic_init(&b.stop, false);
	threads = threads < 1 ? 1 : threads > 16 ? 16 : threads;
	b.partial = xcalloc((size_t)threads, sizeof *b.partial);
	pthread_t tid[16];
	struct worker_arg args[16];
	for (int t = 0; t < threads; t++) {
		b.partial[t] = xcalloc((size_t)g->n + 1, sizeof(double));
		args[t] = (struct worker_arg){&b, t};
		if (t > 0 && pthread_create(&tid[t], NULL, betweenness_worker, &args[t]) != 0)
			args[t].job = NULL; /* no thread: the others take its share */
	}
	betweenness_worker(&args[0]);
	for (int t = 1; t < threads; t++)
		if (args[t].job)
			pthread_join(tid[t], NULL);
	int used = k > 0 && k < g->n ? k : g->n;
	double scale = g->n > 2 ? 1.0 / ((double)(g->n - 1) * (g->n - 2)) : 1.0;
	if (g->n > 2 && used < g->n)
		scale *= (double)g->n / used;
	for (int t = 0; t < threads; t++) {
		for (int v = 0; v < g->n; v++)
			out[v] += b.partial[t][v] * scale;
		free(b.partial[t]);
	}
	bool finished = !atomic_load(&b.stop);
	free(b.partial);
	free(b.roots);
	free(b.out_start), free(b.out_to);
	free(chosen);
	fold_free(&f);
	return finished;
}

/* ---- distances on the undirected view: many searches at once ---- */

#define WORDS 4 /* 256 sources a pass */
typedef uint64_t lane[WORDS];

struct msbfs {
	const struct graph *g;
	const bool *within;
	int *sources;
	int nsources;
	atomic_int next; /* the next pass to run */
	atomic_int done;
	atomic_bool stop;
	bool (*progress)(void *ctx, double done);
	void *ctx;
	double *sum;   /* per thread: total distance */
	double *pairs; /* per thread: pairs counted */
	int *diameter; /* per thread */
};

static bool any(const uint64_t *l)
{
	uint64_t x = 0;
	for (int w = 0; w < WORDS; w++)
		x |= l[w];
	return x != 0;
}

static int bits(const uint64_t *l)
{
	int c = 0;
	for (int w = 0; w < WORDS; w++)
		c += __builtin_popcountll(l[w]);
	return c;
}

/* One pass: the sources from `first`, a bit each, spreading level by level. */
static void ms_pass(struct msbfs *m, int first, lane *seen, lane *visit, lane *next, int id)
{
	const struct graph *g = m->g;
	int n = g->n, count = m->nsources - first < WORDS * 64 ? m->nsources - first : WORDS * 64;
	memset(seen, 0, (size_t)n * sizeof *seen);
	memset(visit, 0, (size_t)n * sizeof *visit);
	for (int i = 0; i < count; i++) {
		int s = m->sources[first + i];
		seen[s][i / 64] |= 1ULL << (i % 64);
		visit[s][i / 64] |= 1ULL << (i % 64);
	}
	for (int level = 1;; level++) {
		bool moved = false;
		memset(next, 0, (size_t)n * sizeof *next);
		for (int v = 0; v < n; v++) {
			if (!any(visit[v]))
				continue;
			for (int i = g->und_start[v]; i < g->und_start[v + 1]; i++) {
				int x = g->und_to[i];
				for (int w = 0; w < WORDS; w++)
					next[x][w] |= visit[v][w];
			}
		}
		for (int v = 0; v < n; v++) {
			int found = 0;
			for (int w = 0; w < WORDS; w++) {
				next[v][w] &= ~seen[v][w];
				seen[v][w] |= next[v][w];
			}
			found = bits(next[v]);
			if (found && m->within[v]) {
				m->sum[id] += (double)found * level;
				m->pairs[id] += found;
				moved = true;
				if (level > m->diameter[id])
					m->diameter[id] = level;
			}
		}
		lane *t = visit;
		visit = next;
		next = t;
		if (!moved)
			break;
	}
}

static void *distance_worker(void *p)
{
	struct worker_arg *a = p;
	struct msbfs *m = a->job;
	size_t n = (size_t)m->g->n + 1;
	lane *seen = xmalloc(n * sizeof *seen), *visit = xmalloc(n * sizeof *visit);
	lane *next = xmalloc(n * sizeof *next);
	int passes = (m->nsources + WORDS * 64 - 1) / (WORDS * 64), i;
	while (!atomic_load(&m->stop) && (i = atomic_fetch_add(&m->next, 1)) < passes) {
		ms_pass(m, i * WORDS * 64, seen, visit, next, a->id);
		int done = atomic_fetch_add(&m->done, 1) + 1;
		if (a->id == 0 && m->progress && !m->progress(m->ctx, (double)done / passes))
			atomic_store(&m->stop, true);
	}
	free(seen), free(visit), free(next);
	return NULL;
}

bool graph_distances(const struct graph *g, const bool *within, int k, uint64_t seed, int threads,
		     struct graph_distances *out, bool (*progress)(void *ctx, double done),
		     void *ctx)
{
	memset(out, 0, sizeof *out);
	int size = 0;
	for (int v = 0; v < g->n; v++)
		size += within[v];
	bool *chosen = graph_choose(g->n, k, seed, within);
	struct msbfs m = {.g = g, .within = within, .progress = progress, .ctx = ctx};
	m.sources = xmalloc(((size_t)g->n + 1) * sizeof *m.sources);
	for (int v = 0; v < g->n; v++)
		if (chosen[v])
			m.sources[m.nsources++] = v;
	out->exact = m.nsources == size;
	threads = threads < 1 ? 1 : threads > 16 ? 16 : threads;
	m.sum = xcalloc((size_t)threads, sizeof *m.sum);
	m.pairs = xcalloc((size_t)threads, sizeof *m.pairs);
	m.diameter = xcalloc((size_t)threads, sizeof *m.diameter);
	atomic_init(&m.next, 0);
	atomic_init(&m.done, 0);
	atomic_init(&m.stop, false);
	pthread_t tid[16];
	struct worker_arg args[16];
	for (int t = 0; t < threads; t++) {
		args[t] = (struct worker_arg){&m, t};
		if (t > 0 && pthread_create(&tid[t], NULL, distance_worker, &args[t]) != 0)
			args[t].job = NULL;
	}
	distance_worker(&args[0]);
	double sum = 0, pairs = 0;
	for (int t = 0; t < threads; t++) {
		if (t > 0 && args[t].job)
			pthread_join(tid[t], NULL);
		sum += m.sum[t];
		pairs += m.pairs[t];
		if (m.diameter[t] > out->diameter)
			out->diameter = m.diameter[t];
	}
	out->average = pairs > 0 ? sum / pairs : 0;
	bool finished = !atomic_load(&m.stop);
	free(m.sum), free(m.pairs), free(m.diameter), free(m.sources), free(chosen);
	return finished;
}
