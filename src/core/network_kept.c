/* The last report measured for each filter, kept in the database so that the Network screen
 * shows it at once and measures again only when the network has changed. A report is the
 * same for everyone who may read it (coordinators and admins see every record), so it is
 * kept by filter alone, and read only by those with the right to the report. */
#include "network.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "store.h"
#include "strbuf.h"
#include "xalloc.h"

/* Moves on whenever what is written below changes shape (2: the trend's section). */
#define KEPT_FORMAT 2
#define NETWORK_KEY_TEXT(field, type, key, ...) key "/" #type ","
static const char figures_text[] = NETWORK_FIGURES(NETWORK_KEY_TEXT);
#undef NETWORK_KEY_TEXT

/* This build's layout of a kept report: a report kept by a build that lays the figures out
 * otherwise is measured again, never misread. */
static long long layout(void)
{
	uint32_t h = 2166136261u;
	for (const char *s = figures_text; *s; s++)
		h = (h ^ (uint8_t)*s) * 16777619u;
	return (long long)h * 1000 + (long long)sizeof(struct network_figures) % 1000 +
	       KEPT_FORMAT * 1000000000000LL;
}

/* The filter as chosen, before its period is worked out from today: each member of struct
 * network_query has its place here. */
static void filter_key(const struct network_query *q, struct strbuf *sb)
{
	strbuf_printf(sb, "since=%s|until=%s|neighbourhood=%s|category=%s", q->since, q->until,
		      q->neighbourhood ? q->neighbourhood : "", q->category ? q->category : "");
}

int network_stamp(struct store *st, long long *out, struct kerr *err)
{
	*out = 0;
	return store_query_int(st, "SELECT n FROM network_stamp WHERE id = 1", out, err);
}

/* ---- writing a report as bytes ---- */

static void put(struct strbuf *sb, const void *p, size_t n)
{
	if (n)
		strbuf_add(sb, p, n);
}

static void put_int(struct strbuf *sb, int v)
{
	int32_t x = v;
	put(sb, &x, sizeof x);
}

static void encode(const struct network_report *r, struct strbuf *sb)
{
	const struct network *net = r->net;
	size_t n = (size_t)net->n;
	put_int(sb, net->n);
	put(sb, &r->now, sizeof r->now);
	put(sb, &r->before, sizeof r->before);
	put(sb, &r->has_before, sizeof r->has_before);
	put(sb, r->before_since, DATE_LEN);
	put(sb, r->before_until, DATE_LEN);
	put_int(sb, r->communities.count);
	put(sb, &r->communities.modularity, sizeof r->communities.modularity);
	put(sb, r->communities.size, (size_t)r->communities.count * sizeof(int));
	put(sb, r->communities.community, n * sizeof(int));
	put(sb, net->category, n * sizeof *net->category);
	put(sb, r->in_degree, n * sizeof *r->in_degree);
	put(sb, r->out_degree, n * sizeof *r->out_degree);
	put(sb, r->in_weight, n * sizeof *r->in_weight);
	put(sb, r->out_weight, n * sizeof *r->out_weight);
	put(sb, r->betweenness, n * sizeof *r->betweenness);
	put(sb, r->clustering, n * sizeof *r->clustering);
	put(sb, r->cut, n * sizeof *r->cut);
	for (size_t v = 0; v < n; v++) {
		put(sb, net->id[v], ID_LEN);
		put(sb, net->name[v], strlen(net->name[v]) + 1);
		put(sb, net->neighbourhood[v], strlen(net->neighbourhood[v]) + 1);
	}
	/* the trend last: whether there is one, then it (plain data) */
	put_int(sb, r->trend != NULL);
	if (r->trend)
		put(sb, r->trend, sizeof *r->trend);
}

/* ---- reading it back ---- */

struct reading {
	const char *p, *end;
	bool bad;
};

/* The next n bytes, or NULL (and bad) when the blob is shorter. */
static const void *take(struct reading *rd, size_t n)
{
	if (rd->bad || (size_t)(rd->end - rd->p) < n) {
		rd->bad = true;
		return NULL;
	}
	const void *at = rd->p;
	rd->p += n;
	return at;
}

static void get(struct reading *rd, void *out, size_t n)
{
	const void *at = take(rd, n);
	if (at && n)
		memcpy(out, at, n);
}

/* An array of count items of size bytes, allocated (one spare, as the report's are). */
static void *get_array(struct reading *rd, size_t count, size_t size)
{
	void *out = xcalloc(count + 1, size);
	get(rd, out, count * size);
	return out;
}

static char *get_text(struct reading *rd)
{
	const char *at = rd->bad ? NULL : memchr(rd->p, '\0', (size_t)(rd->end - rd->p));
	if (!at) {
		rd->bad = true;
		return xstrdup("");
	}
	char *s = xstrdup(rd->p);
	rd->p = at + 1;
	return s;
}

static void decode_assets(struct reading *rd, struct network *net)
{
	size_t n = (size_t)net->n;
	net->id = xcalloc(n + 1, sizeof *net->id);
	net->name = xcalloc(n + 1, sizeof *net->name);
	net->neighbourhood = xcalloc(n + 1, sizeof *net->neighbourhood);
	for (size_t v = 0; v < n; v++) {
		get(rd, net->id[v], ID_LEN);
		net->id[v][ID_LEN - 1] = '\0';
		net->name[v] = get_text(rd);
		net->neighbourhood[v] = get_text(rd);
	}
}

/* The trend's section: NULL when there is none; bad when it does not hold together. */
static struct network_trend *decode_trend(struct reading *rd)
{
	int32_t trend = 0;
	get(rd, &trend, sizeof trend);
	if (rd->bad || trend != 1) {
		rd->bad = rd->bad || trend != 0;
		return NULL;
	}
	struct network_trend *t = xcalloc(1, sizeof *t);
	get(rd, t, sizeof *t);
	if (t->months < 0 || t->months > NETWORK_TREND_MAX)
		rd->bad = true;
	t->since[DATE_LEN - 1] = t->until[DATE_LEN - 1] = '\0';
	for (int i = 0; i < NETWORK_TREND_MAX; i++)
		t->month[i][7] = '\0';
	return t;
}

/* Fills r from the blob; false when it is not whole (r is then freed). */
static bool decode(const void *blob, size_t len, struct network_report *r)
{
	struct reading rd = {blob, (const char *)blob + len, false};
	int32_t n = -1, count = -1;
	get(&rd, &n, sizeof n);
	if (rd.bad || n < 0 || (size_t)n > len)
		return false;
	r->net = xcalloc(1, sizeof *r->net);
	r->net->n = n;
	size_t nn = (size_t)n;
	get(&rd, &r->now, sizeof r->now);
	get(&rd, &r->before, sizeof r->before);
	get(&rd, &r->has_before, sizeof r->has_before);
	get(&rd, r->before_since, DATE_LEN);
	get(&rd, r->before_until, DATE_LEN);
	get(&rd, &count, sizeof count);
	if (rd.bad || count < 0 || count > n + 1)
		count = 0, rd.bad = true;
	r->communities.count = count;
	get(&rd, &r->communities.modularity, sizeof r->communities.modularity);
	r->communities.size = get_array(&rd, (size_t)count, sizeof(int));
	r->communities.community = get_array(&rd, nn, sizeof(int));
	r->net->category = get_array(&rd, nn, sizeof *r->net->category);
	r->in_degree = get_array(&rd, nn, sizeof *r->in_degree);
	r->out_degree = get_array(&rd, nn, sizeof *r->out_degree);
	r->in_weight = get_array(&rd, nn, sizeof *r->in_weight);
	r->out_weight = get_array(&rd, nn, sizeof *r->out_weight);
	r->betweenness = get_array(&rd, nn, sizeof *r->betweenness);
	r->clustering = get_array(&rd, nn, sizeof *r->clustering);
	r->cut = get_array(&rd, nn, sizeof *r->cut);
	decode_assets(&rd, r->net);
	r->trend = decode_trend(&rd);
	r->before_since[DATE_LEN - 1] = r->before_until[DATE_LEN - 1] = '\0';
	if (rd.bad || rd.p != rd.end) {
		network_report_free(r);
		return false;
	}
	return true;
}

/* ---- the table ---- */

/* Whether the kept report still says what measuring q now would. */
static int freshness(struct store *st, const struct network_query *q, sqlite3_stmt *row,
		     struct network_kept *kept, struct kerr *err)
{
	struct network_query now = *q;
	long long stamp = 0;
	int status = network_period(&now, err);
	if (status == K_OK)
		status = network_stamp(st, &stamp, err);
	if (status != K_OK)
		return status;
	kept->stamp = sqlite3_column_int64(row, 0);
	snprintf(kept->measured_at, sizeof kept->measured_at, "%s",
		 (const char *)sqlite3_column_text(row, 4));
	kept->fresh = kept->stamp == stamp &&
		      strcmp((const char *)sqlite3_column_text(row, 2), now.since) == 0 &&
		      strcmp((const char *)sqlite3_column_text(row, 3), now.until) == 0;
	return K_OK;
}

static int read_row(struct store *st, const struct network_query *q, sqlite3_stmt *stmt,
		    struct network_report *out, struct network_kept *kept, struct kerr *err)
{
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_DONE || (rc == SQLITE_ROW && sqlite3_column_int64(stmt, 1) != layout()))
		return kerr_set(err, K_NOT_FOUND, "", "no figures are kept for this filter");
	if (rc != SQLITE_ROW)
		return store_error(st, rc, err);
	int status = freshness(st, q, stmt, kept, err);
	if (status != K_OK)
		return status;
	const void *blob = sqlite3_column_blob(stmt, 5);
	size_t len = (size_t)sqlite3_column_bytes(stmt, 5);
	if (!blob || !decode(blob, len, out))
		return kerr_set(err, K_NOT_FOUND, "",
				"the figures kept for this filter are not whole");
	snprintf(out->net->since, DATE_LEN, "%s", (const char *)sqlite3_column_text(stmt, 2));
	snprintf(out->net->until, DATE_LEN, "%s", (const char *)sqlite3_column_text(stmt, 3));
	return K_OK;
}

int network_kept_read(struct store *st, const struct network_query *q, struct network_report *out,
		      struct network_kept *kept, struct kerr *err)
{
	memset(out, 0, sizeof *out);
	memset(kept, 0, sizeof *kept);
	int status = auth_require(st, AUTH_REPORTS, err);
	if (status != K_OK)
		return status;
	struct strbuf key = STRBUF_INIT;
	filter_key(q, &key);
	sqlite3_stmt *stmt = NULL;
	status = store_prepare(st,
			       "SELECT stamp, layout, since, until, measured_at, report FROM "
			       "network_kept WHERE filter = ?1",
			       &stmt, err);
	if (status == K_OK) {
		sqlite3_bind_text(stmt, 1, strbuf_str(&key), -1, SQLITE_STATIC);
		status = read_row(st, q, stmt, out, kept, err);
	}
	sqlite3_finalize(stmt);
	strbuf_free(&key);
	return status;
}

int network_kept_write(struct store *st, const struct network_query *q,
		       const struct network_report *r, long long stamp, struct kerr *err)
{
	int status = auth_require(st, AUTH_REPORTS, err);
	if (status != K_OK)
		return status;
	struct strbuf key = STRBUF_INIT, blob = STRBUF_INIT;
	filter_key(q, &key);
	encode(r, &blob);
	char now[STAMP_LEN];
	date_stamp(now);
	sqlite3_stmt *stmt = NULL;
	status = store_begin(st, err);
	if (status == K_OK)
		status = store_prepare(
			st,
			"INSERT OR REPLACE INTO network_kept (filter, stamp, layout, "
			"since, until, measured_at, report) VALUES (?1, ?2, ?3, ?4, "
			"?5, ?6, ?7)",
			&stmt, err);
	if (status == K_OK) {
		sqlite3_bind_text(stmt, 1, strbuf_str(&key), -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 2, stamp);
		sqlite3_bind_int64(stmt, 3, layout());
		sqlite3_bind_text(stmt, 4, r->net->since, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 5, r->net->until, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 6, now, -1, SQLITE_STATIC);
		sqlite3_bind_blob64(stmt, 7, blob.buf ? blob.buf : "", blob.len, SQLITE_STATIC);
		int rc = sqlite3_step(stmt);
		status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	}
	sqlite3_finalize(stmt);
	strbuf_free(&key);
	strbuf_free(&blob);
	return store_finish(st, status, err);
}
