/* Exact betweenness and distances of a measured network, worked out in a thread of their
 * own so that the interface stays responsive while they take their time. Only the graph is
 * read, never the database, and the report is changed only when the work is taken in. */
#include "network.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "xalloc.h"

/* Exact distances take a small part of the time of exact betweenness (bench/run). */
#define BETWEENNESS_SHARE 0.97

struct network_exact {
	pthread_t thread;
	const struct graph *g;
	int threads;
	atomic_int permille;
	atomic_bool stop, done;
	double *betweenness;
	struct graph_distances distances;
	bool complete;
};

static bool on_betweenness(void *ctx, double done)
{
	struct network_exact *x = ctx;
	atomic_store(&x->permille, (int)(1000 * BETWEENNESS_SHARE * done));
	return !atomic_load(&x->stop);
}

static bool on_distances(void *ctx, double done)
{
	struct network_exact *x = ctx;
	atomic_store(&x->permille,
		     (int)(1000 * (BETWEENNESS_SHARE + (1 - BETWEENNESS_SHARE) * done)));
	return !atomic_load(&x->stop);
}

void network_background(void)
{
	/* on Linux the nice value is the thread's, and the helpers it starts inherit it */
	if (setpriority(PRIO_PROCESS, 0, 10) != 0)
		(void)0; /* only the priority is lost: the work goes on */
}

static void *work(void *arg)
{
	struct network_exact *x = arg;
	network_background();
	const struct graph *g = x->g;
	bool ok = graph_betweenness(g, 0, 0, x->threads, x->betweenness, on_betweenness, x);
	if (ok && !atomic_load(&x->stop)) {
		struct graph_components wcc;
		graph_wcc(g, &wcc);
		bool *within = xcalloc((size_t)g->n + 1, sizeof *within);
		for (int v = 0; v < g->n; v++)
			within[v] = wcc.of[v] == wcc.biggest;
		ok = graph_distances(g, within, 0, 0, x->threads, &x->distances, on_distances, x);
		free(within);
		graph_components_free(&wcc);
	}
	x->complete = ok && !atomic_load(&x->stop);
	atomic_store(&x->done, true);
	return NULL;
}

struct network_exact *network_exact_start(const struct network_report *r, int threads)
{
	struct network_exact *x = xcalloc(1, sizeof *x);
	x->g = r->net->g;
	x->threads = threads;
	x->betweenness = xcalloc((size_t)x->g->n + 1, sizeof *x->betweenness);
	atomic_init(&x->permille, 0);
	atomic_init(&x->stop, false);
	atomic_init(&x->done, false);
	if (pthread_create(&x->thread, NULL, work, x) != 0) {
		free(x->betweenness);
		free(x);
		return NULL;
	}
	return x;
}

double network_exact_progress(const struct network_exact *x)
{
	return atomic_load(&((struct network_exact *)x)->permille) / 1000.0;
}

bool network_exact_done(const struct network_exact *x)
{
	return atomic_load(&((struct network_exact *)x)->done);
}

static void release(struct network_exact *x)
{
	pthread_join(x->thread, NULL);
	free(x->betweenness);
	free(x);
}

bool network_exact_finish(struct network_exact *x, struct network_report *r)
{
	pthread_join(x->thread, NULL);
	bool complete = x->complete && r->net && r->net->g == x->g;
	if (complete) {
		memcpy(r->betweenness, x->betweenness, (size_t)x->g->n * sizeof *r->betweenness);
		r->now.betweenness_exact = true;
		r->now.average_path = x->distances.average;
		r->now.diameter = x->distances.diameter;
		r->now.distances_exact = true;
	}
	free(x->betweenness);
	free(x);
	return complete;
}

void network_exact_cancel(struct network_exact *x)
{
	if (!x)
		return;
	atomic_store(&x->stop, true);
	release(x);
}
