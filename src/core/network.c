/* Loading a period's referral network and measuring it. The loader reads the monthly flow
 * for the months wholly inside the period and the referrals for the part-months at its ends;
 * the report runs the graph module's figures and puts names to them. */
#include "auth.h"
#include "network.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asset.h"
#include "store.h"
#include "xalloc.h"

/* ---- the period ---- */

int network_period(struct network_query *q, struct kerr *err)
{
	int y, m, d;
	if (!q->until[0])
		date_today(q->until);
	else if (!date_split(q->until, &y, &m, &d))
		return kerr_set(err, K_INVALID, "until", "until: '%s' is not a date", q->until);
	if (!q->since[0]) {
		date_add_months(q->until, -12, q->since); /* the last twelve months */
		date_add_days(q->since, 1, q->since);
	} else if (!date_split(q->since, &y, &m, &d)) {
		return kerr_set(err, K_INVALID, "since", "since: '%s' is not a date", q->since);
	}
	if (strcmp(q->since, q->until) > 0)
		return kerr_set(err, K_INVALID, "since", "since: %s comes after until (%s)",
				q->since, q->until);
	return K_OK;
}

/* ---- loading ---- */

struct loading {
	struct network *net;
	int *node_of; /* asset fts_rowid -> node, or -1 */
	long long max_rowid;
	int *by_id; /* open addressing: slot -> node + 1 (0 empty), keyed by the id */
	size_t nslots;
	struct graph_edge *edges;
	size_t nedges, cap;
};

/* Ids are random hex: their first eight digits hash them well enough. */
static size_t id_hash(const char *id, size_t nslots)
{
	return (size_t)strtoul((char[9]){id[0], id[1], id[2], id[3], id[4], id[5], id[6], id[7], 0},
			       NULL, 16) &
	       (nslots - 1);
}

static void index_ids(struct loading *l)
{
	l->nslots = 64;
	while (l->nslots < (size_t)l->net->n * 2)
		l->nslots *= 2;
	l->by_id = xcalloc(l->nslots, sizeof *l->by_id);
	for (int v = 0; v < l->net->n; v++) {
		size_t i = id_hash(l->net->id[v], l->nslots);
		while (l->by_id[i])
			i = (i + 1) & (l->nslots - 1);
		l->by_id[i] = v + 1;
	}
}

static int node_by_id(const struct loading *l, const char *id)
{
	if (!id || strlen(id) != 36)
		return -1;
	for (size_t i = id_hash(id, l->nslots); l->by_id[i]; i = (i + 1) & (l->nslots - 1))
		if (strcmp(l->net->id[l->by_id[i] - 1], id) == 0)
			return l->by_id[i] - 1;
	return -1;
}

static void push_edge(struct loading *l, int a, int b, long long n);

static void add_edge(struct loading *l, long long from, long long to, long long n)
{
	if (from < 0 || to < 0 || from > l->max_rowid || to > l->max_rowid)
		return;
	push_edge(l, l->node_of[from], l->node_of[to], n);
}

static int load_assets(struct store *st, const struct network_query *q, struct loading *l,
		       struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st,
				   "SELECT fts_rowid, id, name, category, neighbourhood FROM asset "
				   "WHERE deleted_at IS NULL AND (?1 IS NULL OR neighbourhood = ?1 "
				   "COLLATE NOCASE) AND (?2 IS NULL OR category = ?2) "
				   "ORDER BY name COLLATE NOCASE, id",
				   &stmt, err);
	if (status != K_OK)
		return status;
	if (q->neighbourhood)
		sqlite3_bind_text(stmt, 1, q->neighbourhood, -1, SQLITE_STATIC);
	if (q->category)
		sqlite3_bind_text(stmt, 2, q->category, -1, SQLITE_STATIC);
	struct network *net = l->net;
	int rc;
	size_t cap = 0;
	long long *rowid = NULL;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if ((size_t)net->n == cap) { /* side by side: all grow together */
			cap = xgrow_cap(cap);
			net->id = xreallocarray(net->id, cap, sizeof *net->id);
			net->name = xreallocarray(net->name, cap, sizeof *net->name);
			net->category = xreallocarray(net->category, cap, sizeof *net->category);
			net->neighbourhood = xreallocarray(net->neighbourhood, cap,
							   sizeof *net->neighbourhood);
			rowid = xreallocarray(rowid, cap, sizeof *rowid);
		}
		int v = net->n++;
		rowid[v] = sqlite3_column_int64(stmt, 0);
		snprintf(net->id[v], ID_LEN, "%s", (const char *)sqlite3_column_text(stmt, 1));
		net->name[v] = xstrdup((const char *)sqlite3_column_text(stmt, 2));
		const char *category = (const char *)sqlite3_column_text(stmt, 3);
		net->category[v] = 0;
		for (int c = 0; asset_categories[c]; c++)
			if (strcmp(asset_categories[c], category) == 0)
				net->category[v] = c;
		net->neighbourhood[v] = xstrdup((const char *)sqlite3_column_text(stmt, 4));
		if (rowid[v] > l->max_rowid)
			l->max_rowid = rowid[v];
	}
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	l->node_of = xmalloc(((size_t)l->max_rowid + 1) * sizeof *l->node_of);
	for (long long r = 0; r <= l->max_rowid; r++)
		l->node_of[r] = -1;
	for (int v = 0; v < net->n; v++)
		l->node_of[rowid[v]] = v;
	free(rowid);
	return status;
}

static void push_edge(struct loading *l, int a, int b, long long n)
{
	if (a < 0 || b < 0)
		return; /* an asset outside the network (deleted, or filtered out) */
	l->edges = xgrow(l->edges, l->nedges, &l->cap, sizeof *l->edges);
	l->edges[l->nedges++] = (struct graph_edge){a, b, n};
}

/* Runs a query with two text parameters: the flow's (from rowid, to rowid, count) rows, or
 * (by_id) the referrals' (from id, to id) rows. */
static int read_flow(struct store *st, const char *sql, const char *a, const char *b, bool by_id,
		     struct loading *l, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(st, sql, &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, a, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 2, b, -1, SQLITE_TRANSIENT);
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (by_id)
			push_edge(l, node_by_id(l, (const char *)sqlite3_column_text(stmt, 0)),
				  node_by_id(l, (const char *)sqlite3_column_text(stmt, 1)), 1);
		else
			add_edge(l, sqlite3_column_int64(stmt, 0), sqlite3_column_int64(stmt, 1),
				 sqlite3_column_int64(stmt, 2));
	}
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	return status;
}

static const char *const whole_months =
	"SELECT from_rowid, to_rowid, n FROM referral_flow WHERE month >= ?1 AND month <= ?2";
/* the ids are matched in C: two index look-ups a row in sqlite cost more than the rest */
static const char *const part_month =
	"SELECT from_asset_id, to_asset_id FROM referral WHERE deleted_at IS NULL "
	"AND date >= ?1 AND date <= ?2";

static void month_of(const char *iso, char out[8])
{
	snprintf(out, 8, "%.7s", iso);
}

static bool first_day(const char *iso)
{
	return strcmp(iso + 8, "01") == 0;
}

static bool last_day(const char *iso)
{
	char next[DATE_LEN];
	date_add_days(iso, 1, next);
	return first_day(next);
}

static void shift_month(const char *month, int by, char out[8])
{
	int y = atoi(month), m = atoi(month + 5) - 1 + by;
	y += m < 0 ? -1 : m / 12;
	m = (m % 12 + 12) % 12;
	snprintf(out, 8, "%04u-%02u", (unsigned)y % 10000u, (unsigned)(m + 1) % 100u);
}

/* The whole months from the flow, the part-months at the ends from the referrals. */
static int load_edges(struct store *st, const char *since, const char *until, struct loading *l,
		      struct kerr *err)
{
	char first[8], last[8], lo[8], hi[8], end[DATE_LEN], start[DATE_LEN];
	month_of(since, first);
	month_of(until, last);
	if (strcmp(first, last) == 0 && !(first_day(since) && last_day(until)))
		return read_flow(st, part_month, since, until, true, l, err);
	int status = K_OK;
	snprintf(lo, sizeof lo, "%s", first);
	snprintf(hi, sizeof hi, "%s", last);
	if (!first_day(since)) {
		snprintf(end, sizeof end, "%s-31", first); /* string order: past any day */
		status = read_flow(st, part_month, since, end, true, l, err);
		shift_month(first, 1, lo);
	}
	if (status == K_OK && !last_day(until)) {
		snprintf(start, sizeof start, "%s-01", last);
		status = read_flow(st, part_month, start, until, true, l, err);
		shift_month(last, -1, hi);
	}
	if (status == K_OK && strcmp(lo, hi) <= 0)
		status = read_flow(st, whole_months, lo, hi, false, l, err);
	return status;
}

int network_load(struct store *st, const struct network_query *query, struct network **out,
		 struct kerr *err)
{
	struct network_query q = *query;
	*out = NULL;
	int status = auth_require(st, AUTH_REPORTS, err);
	if (status == K_OK)
		status = network_period(&q, err);
	if (status != K_OK)
		return status;
	struct loading l = {.net = xcalloc(1, sizeof *l.net)};
	snprintf(l.net->since, DATE_LEN, "%s", q.since);
	snprintf(l.net->until, DATE_LEN, "%s", q.until);
	l.net->only_neighbourhood = q.neighbourhood ? xstrdup(q.neighbourhood) : NULL;
	l.net->only_category = q.category ? xstrdup(q.category) : NULL;
	status = load_assets(st, &q, &l, err);
	if (status == K_OK) {
		index_ids(&l);
		status = load_edges(st, q.since, q.until, &l, err);
	}
	if (status == K_OK)
		l.net->g = graph_build_take(l.net->n, l.edges, l.nedges);
	else
		free(l.edges);
	free(l.node_of);
	free(l.by_id);
	if (status != K_OK) {
		network_free(l.net);
		return status;
	}
	*out = l.net;
	return K_OK;
}

void network_free(struct network *net)
{
	if (!net)
		return;
	for (int v = 0; v < net->n; v++) {
		free(net->name[v]);
		free(net->neighbourhood[v]);
	}
	free(net->id), free(net->name), free(net->category), free(net->neighbourhood);
	free(net->only_neighbourhood), free(net->only_category);
	graph_free(net->g);
	free(net);
}

int network_neighbourhoods(struct store *st, struct network_place **out, int *n, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int status = auth_require(st, AUTH_REPORTS, err);
	if (status == K_OK)
		status = store_prepare(st,
				       "SELECT min(neighbourhood), count(*) FROM asset WHERE "
				       "deleted_at IS NULL AND trim(neighbourhood) <> '' GROUP BY "
				       "neighbourhood COLLATE NOCASE ORDER BY 1 COLLATE NOCASE",
				       &stmt, err);
	if (status != K_OK)
		return status;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		*out = xgrow(*out, (size_t)*n, &cap, sizeof **out);
		(*out)[*n].name = xstrdup((const char *)sqlite3_column_text(stmt, 0));
		(*out)[(*n)++].assets = sqlite3_column_int(stmt, 1);
	}
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	if (status != K_OK) {
		network_places_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return status;
}

void network_places_free(struct network_place *p, int n)
{
	for (int i = 0; i < n; i++)
		free(p[i].name);
	free(p);
}

int network_rebuild_flow(struct store *st, struct kerr *err)
{
	int status = store_begin(st, err);
	if (status != K_OK)
		return status;
	status = store_exec(st,
			    "DELETE FROM referral_flow;"
			    "INSERT INTO referral_flow (month, from_rowid, to_rowid, n) "
			    "SELECT substr(r.date, 1, 7), f.fts_rowid, t.fts_rowid, count(*) "
			    "FROM referral r JOIN asset f ON f.id = r.from_asset_id "
			    "JOIN asset t ON t.id = r.to_asset_id WHERE r.deleted_at IS NULL "
			    "GROUP BY 1, 2, 3;"
			    /* the bulk load that calls this went without the stamp's triggers */
			    "UPDATE network_stamp SET n = n + 1",
			    err);
	return store_finish(st, status, err);
}
