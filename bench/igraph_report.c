/* The benchmark peer: the figures of kith's connectedness report computed with igraph's C
 * library (Debian's libigraph-dev) from the same edges, which `kith graph export --format
 * edgelist` writes. Built and run by bench/run; not part of kith.
 * Usage: igraph_report EDGELIST [--exact] [--sample K]
 * Prints the figures and the seconds the computation took, from memory (the file is read
 * first and not timed). */
#include <igraph.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int by_pair(const void *a, const void *b)
{
	const long long *x = a, *y = b;
	return x[0] != y[0] ? (x[0] > y[0]) - (x[0] < y[0]) : (x[1] > y[1]) - (x[1] < y[1]);
}

/* The undirected view with weights summed both ways. */
static void undirected(int n, const long long (*e)[3], long m, igraph_t *u, igraph_vector_t *w)
{
	long long(*p)[3] = malloc((size_t)(m + 1) * sizeof *p);
	for (long i = 0; i < m; i++) {
		p[i][0] = e[i][0] < e[i][1] ? e[i][0] : e[i][1];
		p[i][1] = e[i][0] < e[i][1] ? e[i][1] : e[i][0];
		p[i][2] = e[i][2];
	}
	qsort(p, (size_t)m, sizeof *p, by_pair);
	igraph_vector_int_t edges;
	igraph_vector_int_init(&edges, 0);
	igraph_vector_init(w, 0);
	for (long i = 0; i < m; i++) {
		if (i && p[i][0] == p[i - 1][0] && p[i][1] == p[i - 1][1]) {
			VECTOR(*w)[igraph_vector_size(w) - 1] += (double)p[i][2];
			continue;
		}
		igraph_vector_int_push_back(&edges, p[i][0]);
		igraph_vector_int_push_back(&edges, p[i][1]);
		igraph_vector_push_back(w, (double)p[i][2]);
	}
	igraph_create(u, &edges, n, IGRAPH_UNDIRECTED);
	igraph_vector_int_destroy(&edges);
	free(p);
}

static igraph_vs_t sample(int n, int k, igraph_vector_int_t *store, const igraph_vector_int_t *pool)
{
	igraph_vector_int_init(store, 0);
	long np = pool ? igraph_vector_int_size(pool) : n;
	if (k <= 0 || k >= np)
		return pool ? igraph_vss_vector(pool) : igraph_vss_all();
	igraph_vector_int_t all;
	igraph_vector_int_init(&all, np);
	for (long i = 0; i < np; i++)
		VECTOR(all)[i] = pool ? VECTOR(*pool)[i] : i;
	for (long i = 0; i < k; i++) {
		long j = i + RNG_INTEGER(0, np - 1 - i);
		igraph_integer_t t = VECTOR(all)[i];
		VECTOR(all)[i] = VECTOR(all)[j];
		VECTOR(all)[j] = t;
		igraph_vector_int_push_back(store, VECTOR(all)[i]);
	}
	igraph_vector_int_destroy(&all);
	return igraph_vss_vector(store);
}

int main(int argc, char **argv)
{
	int exact = 0, k = 256, n = 0;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--exact") == 0)
			exact = 1;
		else if (strcmp(argv[i], "--sample") == 0 && i + 1 < argc)
			k = atoi(argv[++i]);
	}
	FILE *f = argc > 1 ? fopen(argv[1], "r") : NULL;
	if (!f) {
		fprintf(stderr, "usage: igraph_report EDGELIST [--exact] [--sample K]\n");
		return 2;
	}
	long m = 0, cap = 1024;
	long long(*e)[3] = malloc((size_t)cap * sizeof *e);
	int *group = NULL;
	char line[128];
	while (fgets(line, sizeof line, f)) {
		long long a, b, w;
		if (sscanf(line, "n %d", &n) == 1) {
			group = calloc((size_t)n + 1, sizeof *group);
		} else if (sscanf(line, "e %lld %lld %lld", &a, &b, &w) == 3) {
			if (m == cap)
				e = realloc(e, (size_t)(cap *= 2) * sizeof *e);
			e[m][0] = a, e[m][1] = b, e[m++][2] = w;
		} else if (sscanf(line, "g %lld %lld", &a, &b) == 2 && group) {
			group[a] = (int)b;
		}
	}
	fclose(f);
	igraph_rng_seed(igraph_rng_default(), 20261122);
	double start = now();

	igraph_vector_int_t edges;
	igraph_vector_t weight;
	igraph_vector_int_init(&edges, 2 * m);
	igraph_vector_init(&weight, m);
	for (long i = 0; i < m; i++) {
		VECTOR(edges)[2 * i] = e[i][0];
		VECTOR(edges)[2 * i + 1] = e[i][1];
		VECTOR(weight)[i] = (double)e[i][2];
	}
	igraph_t g, u;
	igraph_create(&g, &edges, n, IGRAPH_DIRECTED);
	igraph_vector_t uw;
	undirected(n, (const long long(*)[3])e, m, &u, &uw);

	igraph_real_t density, reciprocity;
	igraph_density(&g, &density, 0);
	igraph_reciprocity(&g, &reciprocity, 1, IGRAPH_RECIPROCITY_RATIO);
	igraph_vector_int_t weak, strong, csize, cut, bridges;
	igraph_integer_t nweak, nstrong;
	igraph_vector_int_init(&weak, 0), igraph_vector_int_init(&strong, 0);
	igraph_vector_int_init(&csize, 0);
	igraph_connected_components(&g, &weak, &csize, &nweak, IGRAPH_WEAK);
	igraph_integer_t big = igraph_vector_int_which_max(&csize);
	igraph_connected_components(&g, &strong, NULL, &nstrong, IGRAPH_STRONG);
	igraph_vector_t indeg, outdeg, bc;
	igraph_vector_init(&indeg, 0), igraph_vector_init(&outdeg, 0), igraph_vector_init(&bc, 0);
	igraph_strength(&g, &indeg, igraph_vss_all(), IGRAPH_IN, 0, &weight);
	igraph_strength(&g, &outdeg, igraph_vss_all(), IGRAPH_OUT, 0, &weight);
	igraph_vector_int_t sources, lcc, lsources;
	double t_bc = now();
	if (exact)
		igraph_betweenness(&g, &bc, igraph_vss_all(), 1, NULL);
	else
		igraph_betweenness_subset(&g, &bc, igraph_vss_all(), 1,
					  sample(n, k, &sources, NULL), igraph_vss_all(), NULL);
	t_bc = now() - t_bc;
	igraph_vector_int_init(&cut, 0), igraph_vector_int_init(&bridges, 0);
	igraph_articulation_points(&u, &cut);
	igraph_bridges(&u, &bridges);
	igraph_real_t trans, avgcc;
	igraph_transitivity_undirected(&u, &trans, IGRAPH_TRANSITIVITY_ZERO);
	igraph_transitivity_avglocal_undirected(&u, &avgcc, IGRAPH_TRANSITIVITY_ZERO);
	/* distances on the largest part: from every node, or from a sample of its nodes */
	igraph_vector_int_init(&lcc, 0);
	for (igraph_integer_t v = 0; v < n; v++)
		if (VECTOR(weak)[v] == big)
			igraph_vector_int_push_back(&lcc, v);
	double sum = 0, pairs = 0, diameter = 0, t_dist = now();
	if (exact) { /* the whole part: igraph's own all-pairs routines, no n-by-n matrix */
		igraph_t part;
		igraph_real_t apl, diam;
		igraph_induced_subgraph(&u, &part, igraph_vss_vector(&lcc), IGRAPH_SUBGRAPH_AUTO);
		igraph_average_path_length(&part, &apl, NULL, 0, 1);
		igraph_diameter(&part, &diam, NULL, NULL, NULL, NULL, 0, 1);
		sum = apl, pairs = 1, diameter = diam;
		igraph_destroy(&part);
	} else {
		igraph_matrix_t dist;
		igraph_matrix_init(&dist, 0, 0);
		igraph_distances(&u, &dist, sample(n, k, &lsources, &lcc), igraph_vss_vector(&lcc),
				 IGRAPH_ALL);
		for (long i = 0; i < igraph_matrix_nrow(&dist); i++)
			for (long j = 0; j < igraph_matrix_ncol(&dist); j++) {
				double d = MATRIX(dist, i, j);
				if (d > 0 && d < IGRAPH_INFINITY)
					sum += d, pairs++, diameter = d > diameter ? d : diameter;
			}
		igraph_matrix_destroy(&dist);
	}
	t_dist = now() - t_dist;
	igraph_vector_int_t membership;
	igraph_vector_t modularity;
	igraph_vector_int_init(&membership, 0), igraph_vector_init(&modularity, 0);
	igraph_community_multilevel(&u, &uw, 1, &membership, NULL, &modularity);
	long external = 0;
	for (long i = 0; i < m; i++)
		external += group[e[i][0]] != group[e[i][1]];
	double seconds = now() - start;

	printf("assets %d\nedges %ld\ndensity %.6g\nreciprocity %.6g\nweak %ld\nstrong %ld\n"
	       "articulation %ld\nbridges %ld\ntransitivity %.6g\naverage_clustering %.6g\n"
	       "average_path %.6g\ndiameter %.0f\ncommunities %ld\nmodularity %.6g\n"
	       "cross_share %.6g\nbetweenness_seconds %.6f\ndistances_seconds %.6f\n"
	       "seconds %.6f\n",
	       n, m, density, reciprocity, (long)nweak, (long)nstrong,
	       (long)igraph_vector_int_size(&cut), (long)igraph_vector_int_size(&bridges), trans,
	       avgcc, pairs ? sum / pairs : 0, diameter,
	       (long)igraph_vector_int_max(&membership) + 1,
	       igraph_vector_size(&modularity) ? igraph_vector_max(&modularity) : 0,
	       m ? (double)external / m : 0, t_bc, t_dist, seconds);
	(void)outdeg, (void)indeg;
	return 0;
}
