/* The Network screen: the connectedness report of a period (the last twelve months unless
 * another is chosen) beside the one before, and a table of assets sortable by any measure;
 * i shows each figure with its meaning and its trend (network_figures.c), p, n and c choose
 * what is measured and w writes the report out (network_choose.c). The report last kept
 * for the period and place shows at once, and is measured again in the background when the
 * records have changed; where betweenness and distances had to be estimated, exact ones are
 * worked out in the background while the screen stays in use, and so is the trend month by
 * month, kept with the report. Enter on an asset opens its
 * chain browser (screen_chains.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "asset.h"
#include "auth.h"
#include "draw.h"
#include "network.h"
#include "network_view.h"
#include "partners.h"
#include "selfassess.h"
#include "picker.h"
#include "screen_network.h"
#include "store.h"
#include "utf8.h"
#include "xalloc.h"

#define COMMUNITIES_OFFERED 20

enum metric { M_BETWEEN, M_HUB, M_IN_W, M_OUT_W, M_IN, M_OUT, M_CLUSTER, M_NAME, M_COUNT };

/* The orders s goes through, each with what a coordinator reads it for. */
static const struct {
	enum metric metric;
	const char *label;
} sorts[] = {
	{M_BETWEEN, "by betweenness: the brokers between others"},
	{M_HUB, "by referrals in and out: the hubs"},
	{M_IN_W, "by referrals in"},
	{M_OUT_W, "by referrals out"},
	{M_IN, "by links in (assets referring to it)"},
	{M_OUT, "by links out (assets it refers to)"},
	{M_CLUSTER, "by clustering: how far its neighbours refer to each other"},
	{M_NAME, "by name"},
};

enum filter { F_ALL, F_FLOW, F_ISOLATED, F_CUT, F_COMMUNITY };

static struct netview *view(struct screen *s)
{
	if (!s->own)
		s->own = xcalloc(1, sizeof(struct netview));
	return s->own;
}

/* ---- the table's order ---- */

static double metric(const struct network_report *r, enum metric m, int v)
{
	switch (m) {
	case M_BETWEEN:
		return r->betweenness[v];
	case M_HUB:
		return (double)(r->in_weight[v] + r->out_weight[v]);
	case M_IN_W:
		return (double)r->in_weight[v];
	case M_OUT_W:
		return (double)r->out_weight[v];
	case M_IN:
		return r->in_degree[v];
	case M_OUT:
		return r->out_degree[v];
	case M_CLUSTER:
		return r->clustering[v];
	default:
		return 0;
	}
}

struct keyed {
	double key;
	const char *name;
	int v;
};

static int by_key(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	if (x->key != y->key)
		return x->key > y->key ? -1 : 1;
	int c = strcoll(x->name, y->name);
	return c ? c : (x->v > y->v) - (x->v < y->v);
}

static bool wanted(const struct netview *nv, int v)
{
	const struct network_report *r = &nv->r;
	switch (nv->filter) {
	case F_FLOW:
		return r->in_degree[v] + r->out_degree[v] > 0;
	case F_ISOLATED:
		return r->in_degree[v] + r->out_degree[v] == 0;
	case F_CUT:
		return r->cut[v];
	case F_COMMUNITY:
		return r->communities.community[v] == nv->community;
	default:
		return true;
	}
}

/* Sorts and filters the rows, keeping the cursor on the asset it was on. */
static void order(struct netview *nv)
{
	int n = nv->r.net->n, keep = nv->norder ? nv->order[nv->sel] : -1;
	struct keyed *k = xcalloc((size_t)n + 1, sizeof *k);
	int m = 0;
	for (int v = 0; v < n; v++)
		if (wanted(nv, v))
			k[m++] = (struct keyed){metric(&nv->r, sorts[nv->sort].metric, v),
						nv->r.net->name[v], v};
	qsort(k, (size_t)m, sizeof *k, by_key);
	free(nv->order);
	nv->order = xcalloc((size_t)m + 1, sizeof *nv->order);
	nv->norder = m;
	nv->sel = 0;
	for (int i = 0; i < m; i++) {
		nv->order[i] = k[i].v;
		if (k[i].v == keep)
			nv->sel = i;
	}
	free(k);
}

/* ---- measuring ---- */

/* The report last kept shows at once; it is measured again in the background when what it
 * read has changed (or its period has moved on with the day), and the new one is shown and
 * kept when it is taken in. */

static void stop_work(struct netview *nv)
{
	network_job_cancel(nv->measuring);
	nv->measuring = NULL;
	network_exact_cancel(nv->job);
	nv->job = NULL;
	network_job_cancel(nv->months);
	nv->months = NULL;
	nv->months_error[0] = nv->write_when_ready[0] = '\0';
	if (nv->have)
		network_report_free(&nv->r);
	nv->have = false;
	free(nv->order);
	nv->order = NULL;
	nv->norder = nv->sel = nv->top = 0;
}

/* What is kept by, and measured for: the view's period and place. */
struct network_query netview_query(const struct netview *nv)
{
	struct network_query q;
	memset(&q, 0, sizeof q);
	snprintf(q.since, DATE_LEN, "%s", nv->since);
	snprintf(q.until, DATE_LEN, "%s", nv->until);
	q.neighbourhood = nv->neighbourhood[0] ? nv->neighbourhood : NULL;
	q.category = nv->category[0] ? nv->category : NULL;
	return q;
}

/* Shows r (taken over) in place of what was shown, keeping the cursor's asset. */
static void show(struct netview *nv, struct network_report *r)
{
	network_exact_cancel(nv->job);
	nv->job = NULL;
	int keep = nv->norder ? nv->order[nv->sel] : -1;
	char id[ID_LEN] = "";
	if (keep >= 0)
		snprintf(id, sizeof id, "%s", nv->r.net->id[keep]);
	if (nv->have)
		network_report_free(&nv->r); /* its trend with it */
	nv->r = *r;
	nv->have = true;
	nv->error[0] = '\0';
	if (nv->filter == F_COMMUNITY && nv->community >= nv->r.communities.count)
		nv->filter = F_ALL;
	nv->norder = 0;
	order(nv);
	for (int i = 0; id[0] && i < nv->norder; i++)
		if (strcmp(nv->r.net->id[nv->order[i]], id) == 0)
			nv->sel = i;
}

static void start_measuring(struct tui *t, struct netview *nv)
{
	struct kerr err;
	struct network_options o = {.compare = true};
	struct network_query q = netview_query(nv);
	nv->measuring = network_job_start(tui_store(t), &q, &o, &err);
	if (!nv->measuring) {
		snprintf(nv->error, sizeof nv->error, "%s", err.msg);
		tui_status(t, true, "%s", err.msg);
	}
}

static void keep(struct tui *t, struct netview *nv)
{
	struct kerr err;
	struct network_query q = netview_query(nv);
	if (network_kept_write(tui_store(t), &q, &nv->r, nv->kept.stamp, &err) != K_OK)
		tui_status(t, true, "The figures could not be kept for next time: %s", err.msg);
}

/* Whether what is shown still says what measuring now would, and is as exact as it gets. */
static bool current(struct tui *t, struct netview *nv)
{
	long long stamp = 0;
	struct kerr err;
	struct network_query q = netview_query(nv);
	if (network_stamp(tui_store(t), &stamp, &err) != K_OK || network_period(&q, &err) != K_OK)
		return false;
	bool same = stamp == nv->kept.stamp && strcmp(q.since, nv->r.net->since) == 0 &&
		    strcmp(q.until, nv->r.net->until) == 0;
	nv->kept.fresh = same;
	/* estimates kept without their graph: the graph is read again to make them exact */
	return same && (nv->job || (nv->r.now.betweenness_exact && nv->r.now.distances_exact));
}

/* The trend of the report shown, measured in the background unless it came with the report
 * kept (or a report is still to come, or measuring it failed): months_measured takes it in. */
static void start_months(struct tui *t, struct netview *nv)
{
	if (nv->months || nv->measuring || !nv->have || nv->r.trend || nv->months_error[0])
		return;
	struct kerr err;
	struct network_query q = netview_query(nv);
	nv->months = network_trend_job_start(tui_store(t), &q, &err);
	if (!nv->months)
		snprintf(nv->months_error, sizeof nv->months_error, "%s", err.msg);
}

bool netview_months_coming(const struct netview *nv)
{
	return !nv->r.trend && (nv->months || nv->measuring);
}

/* Whether a trend measured at stamp is the one of the report shown: the same rows read, the
 * same period. */
static bool trend_fits(const struct netview *nv, const struct network_trend *trend, long long stamp)
{
	return nv->have && stamp == nv->kept.stamp && strcmp(trend->since, nv->r.net->since) == 0 &&
	       strcmp(trend->until, nv->r.net->until) == 0;
}

/* Takes in a finished trend: kept with the report it fits, else measured again for the one
 * shown (or for the report still to be measured); then a report w waits for is written. */
static void months_measured(struct tui *t, struct netview *nv)
{
	struct network_trend *trend = NULL;
	long long stamp = 0;
	struct kerr err;
	int status = network_trend_job_finish(nv->months, &trend, &stamp, &err);
	nv->months = NULL;
	if (status != K_OK) {
		snprintf(nv->months_error, sizeof nv->months_error, "%s", err.msg);
		tui_status(t, true, "Each month could not be measured: %s", err.msg);
	} else if (trend_fits(nv, trend, stamp)) {
		nv->r.trend = trend;
		trend = NULL;
		keep(t, nv);
	} else if (!current(t, nv) && !nv->measuring) {
		start_measuring(t, nv); /* the records changed: the report first, then its months */
	} else {
		start_months(t, nv);
	}
	free(trend);
	netview_write_ready(t, nv);
}

/* Takes in a finished measuring: shown, kept, and made exact in the background if need be. */
static void measured(struct tui *t, struct netview *nv)
{
	struct network_report r;
	struct kerr err;
	long long stamp = 0;
	int status = network_job_finish(nv->measuring, &r, &stamp, &err);
	nv->measuring = NULL;
	if (status != K_OK) {
		snprintf(nv->error, sizeof nv->error, "%s", err.msg);
		tui_status(t, true, "The network could not be measured: %s", err.msg);
		return;
	}
	/* the months shown stay when they read the same rows (a kept report made exact) */
	struct network_trend *trend = nv->have ? nv->r.trend : NULL;
	long long was = nv->kept.stamp;
	nv->r.trend = NULL;
	show(nv, &r);
	nv->kept.stamp = stamp;
	nv->kept.fresh = true;
	date_stamp(nv->kept.measured_at);
	if (trend && was == stamp && trend_fits(nv, trend, stamp))
		nv->r.trend = trend;
	else
		free(trend);
	keep(t, nv);
	if (!nv->r.now.betweenness_exact || !nv->r.now.distances_exact)
		nv->job = network_exact_start(&nv->r, network_threads());
	if (!current(t, nv)) { /* the records changed while it was measured */
		network_exact_cancel(nv->job);
		nv->job = NULL;
		start_measuring(t, nv);
	}
	start_months(t, nv);
}

/* The report kept for the view's query at once, measured again in the background unless it
 * is current; after a new query, stop_work first. */
static void show_or_measure(struct tui *t, struct netview *nv)
{
	if (nv->measuring)
		return;
	if (!nv->have) {
		struct network_report r;
		struct kerr err;
		struct network_query q = netview_query(nv);
		if (network_kept_read(tui_store(t), &q, &r, &nv->kept, &err) == K_OK)
			show(nv, &r);
		else if (err.status != K_NOT_FOUND)
			tui_status(t, true, "%s", err.msg);
	}
	if (!nv->have || !current(t, nv))
		start_measuring(t, nv);
	start_months(t, nv);
}

void netview_remeasure(struct tui *t, struct netview *nv)
{
	if (nv->write_when_ready[0])
		tui_status(t, true, "The report was not written to %s: other figures were chosen",
			   nv->write_when_ready);
	stop_work(nv);
	show_or_measure(t, nv);
}

static void net_open(struct tui *t, struct screen *s)
{
	show_or_measure(t, view(s));
}

/* Takes in exact figures worked out: shown and kept. */
static void exact_measured(struct tui *t, struct netview *nv)
{
	bool ok = network_exact_finish(nv->job, &nv->r);
	nv->job = NULL;
	order(nv);
	if (ok) {
		keep(t, nv);
		tui_status(t, false, "Exact betweenness and distances are ready");
	} else {
		tui_status(t, true, "Exact figures could not be worked out; the estimates stay");
	}
}

/* Takes in the work that follows a report (its exact figures, its months) that has
 * finished: the exact figures first, so that a report w waits for has them when both are
 * in, and its status line is the last said. */
static void take_follow_ups(struct tui *t, struct netview *nv)
{
	if (nv->job && network_exact_done(nv->job))
		exact_measured(t, nv);
	if (nv->months && network_job_done(nv->months))
		months_measured(t, nv);
}

/* Takes in work that has finished; true while work still runs. */
static bool net_poll(struct tui *t, struct screen *s)
{
	struct netview *nv = s->own;
	if (!nv)
		return false;
	if (nv->measuring) {
		if (!network_job_done(nv->measuring))
			return true;
		measured(t, nv);
	} else {
		take_follow_ups(t, nv);
	}
	return nv->measuring || nv->months || nv->job;
}

static bool follow_ups_done(const struct netview *nv)
{
	return (!nv->months || network_job_done(nv->months)) &&
	       (!nv->job || network_exact_done(nv->job));
}

/* One stage a time: the measuring, or else what it started (the months and the exact
 * figures), so that a script sees the figures before their months and estimates. */
static void net_wait(struct tui *t, struct screen *s)
{
	struct netview *nv = s->own;
	if (!nv || (!nv->measuring && !nv->months && !nv->job))
		return;
	while (nv->measuring ? !network_job_done(nv->measuring) : !follow_ups_done(nv))
		nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
	if (nv->measuring)
		measured(t, nv);
	else
		take_follow_ups(t, nv);
}

static void net_close(struct screen *s)
{
	struct netview *nv = s->own;
	if (!nv)
		return;
	stop_work(nv);
	free(nv);
	s->own = NULL;
}

/* ---- the summary ---- */

/* Twenty cells of a bar and the share done. */
static const char *progress_bar(double done, char *buf, size_t n)
{
	char bar[64] = "";
	int full = (int)(done * 20 + 0.5);
	for (int i = 0; i < 20; i++)
		strcat(bar, i < full ? "█" : "░");
	snprintf(buf, n, "%s %d%%", bar, (int)(done * 100));
	return buf;
}

/* "11:02", or "22/11/2026 11:02" on another day: when the figures shown were measured. */
static const char *measured_when(const char *stamp, char out[32])
{
	struct tm local, today;
	long long seconds;
	snprintf(out, 32, "%.16s", stamp);
	if (!date_stamp_seconds(stamp, &seconds))
		return out;
	time_t at = (time_t)seconds, now = time(NULL);
	if (localtime_r(&at, &local) && localtime_r(&now, &today))
		strftime(out, 32,
			 local.tm_yday == today.tm_yday && local.tm_year == today.tm_year
				 ? "%H:%M"
				 : "%d/%m/%Y %H:%M",
			 &local);
	return out;
}

static void exactness(const struct netview *nv, char *line, size_t n)
{
	const struct network_figures *f = &nv->r.now;
	char at[32], bar[128];
	int used = snprintf(line, n, "Figures of %s", measured_when(nv->kept.measured_at, at));
	line += used;
	n -= (size_t)used < n ? (size_t)used : n;
	if (nv->measuring)
		snprintf(line, n, "; %s",
			 nv->kept.fresh ? "reading the network again to make them exact…"
					: "recomputing: records have changed since…");
	else if (f->betweenness_exact && f->distances_exact)
		snprintf(line, n, ". Betweenness and distances are exact.");
	else if (nv->job)
		snprintf(line, n, ". Betweenness and distances (≈) are estimates; exact ones: %s",
			 progress_bar(network_exact_progress(nv->job), bar, sizeof bar));
	else
		snprintf(line, n, ". Betweenness and distances (≈) are estimates from a sample.");
}

#define FACTS 16

/* Flows the facts into rows of cols columns from y + 1, drawing them when draw is set.
 * Returns the rows used. */
static int flow_facts(char fact[FACTS][NETWORK_PHRASE_LEN], int n, int y, int cols, bool draw)
{
	int row = 1, x = 1;
	for (int i = 0; i < n; i++) {
		int w = utf8_width(fact[i]);
		if (x > 1 && x + 3 + w > cols - 1) {
			row++;
			x = 1;
		}
		if (x > 1 && draw)
			draw_text(stdscr, y + row, x, " · ", 3, PAINT_DIM, false);
		x += x > 1 ? 3 : 0;
		if (draw)
			draw_text(stdscr, y + row, x, fact[i], cols - 1 - x, PAINT_NORMAL, false);
		x += w;
	}
	return row;
}

/* The title, the facts, and how exact they are. Returns the rows it takes, a blank one
 * after included. */
static int draw_summary(const struct netview *nv, int y, int cols)
{
	char title[300], from[16], to[16], bfrom[16], bto[16], line[400], place[140] = "";
	if (nv->neighbourhood[0] || nv->category[0])
		snprintf(place, sizeof place, " of %s%s%s", nv->category[0] ? nv->category : "",
			 nv->category[0] ? " assets" : "assets",
			 nv->neighbourhood[0] ? " in " : "");
	if (nv->neighbourhood[0])
		snprintf(place + strlen(place), sizeof place - strlen(place), "%s",
			 nv->neighbourhood);
	snprintf(title, sizeof title, "Referral network%s, %s to %s%s%s%s%s", place,
		 tui_date(nv->r.net->since, from), tui_date(nv->r.net->until, to),
		 nv->r.has_before ? ", beside " : "",
		 nv->r.has_before ? tui_date(nv->r.before_since, bfrom) : "",
		 nv->r.has_before ? " to " : "",
		 nv->r.has_before ? tui_date(nv->r.before_until, bto) : "");
	draw_text(stdscr, y, 1, title, cols - 2, PAINT_HEADING, false);
	if (nv->figures) /* the figures view lists them all, each on its row */
		return 2;
	char fact[FACTS][NETWORK_PHRASE_LEN];
	int n = network_phrases(&nv->r.now, nv->r.has_before ? &nv->r.before : NULL, fact, FACTS);
	int rows = flow_facts(fact, n, y, cols, true);
	if (nv->write_when_ready[0]) /* w waits for the months: said until it has written */
		snprintf(line, sizeof line,
			 "Writing the report once each month is measured, to %.300s",
			 nv->write_when_ready);
	else
		exactness(nv, line, sizeof line);
	draw_text(stdscr, y + rows + 1, 1, line, cols - 2,
		  nv->job || nv->measuring || nv->write_when_ready[0] ? PAINT_GOOD : PAINT_DIM,
		  false);
	return rows + 3;
}

/* ---- the table ---- */

struct net_column {
	const char *title;
	int width;
	const char *narrow; /* title and width below 100 columns */
	int narrow_width;
	enum metric metric;
	int min_cols; /* left out on a terminal narrower than this */
};

static const struct net_column columns[] = {
	{"Category", 14, "", 0, M_COUNT, 130},
	{"Links in", 9, "In", 4, M_IN, 0},
	{"out", 5, "Out", 4, M_OUT, 0},
	{"Referrals in", 13, "Refs in", 8, M_IN_W, 0},
	{"out", 6, "out", 5, M_OUT_W, 0},
	{"Betweenness", 12, "Between", 9, M_BETWEEN, 0},
	{"Clustering", 11, "", 0, M_CLUSTER, 100},
	{"Cut point", 10, "Cut", 4, M_COUNT, 0},
};

static int width_of(size_t c, int cols)
{
	return cols < 100 ? columns[c].narrow_width : columns[c].width;
}

static bool shown(size_t c, int cols)
{
	return cols >= columns[c].min_cols;
}

static int name_width(int cols)
{
	int used = 1;
	for (size_t i = 0; i < sizeof columns / sizeof *columns; i++)
		used += shown(i, cols) ? width_of(i, cols) : 0;
	return cols - used < 12 ? 12 : cols - used;
}

static void cell(const struct netview *nv, size_t c, int v, char *buf, size_t n)
{
	const struct network_report *r = &nv->r;
	if (c == 0)
		snprintf(buf, n, "%s", asset_categories[r->net->category[v]]);
	else if (c == sizeof columns / sizeof *columns - 1)
		snprintf(buf, n, "%s", r->cut[v] ? "yes" : "");
	else if (columns[c].metric == M_BETWEEN)
		snprintf(buf, n, "%s%.4f", r->now.betweenness_exact ? "" : "≈", r->betweenness[v]);
	else if (columns[c].metric == M_CLUSTER)
		snprintf(buf, n, "%.3f", r->clustering[v]);
	else
		snprintf(buf, n, "%.0f", metric(r, columns[c].metric, v));
}

static void draw_row(const struct netview *nv, int v, int y, int cols, bool chosen)
{
	enum paint p = chosen ? PAINT_SELECTED : PAINT_NORMAL;
	draw_fill(stdscr, y, 0, cols, p);
	if (chosen)
		draw_text(stdscr, y, 0, "▸", 1, p, false);
	int x = 1, nw = name_width(cols);
	char buf[64];
	draw_text(stdscr, y, x, v < 0 ? "Asset" : nv->r.net->name[v], nw - 1,
		  v < 0 ? PAINT_HEADING : p, false);
	x += nw;
	for (size_t c = 0; c < sizeof columns / sizeof *columns; c++) {
		if (!shown(c, cols))
			continue;
		int w = width_of(c, cols);
		if (v < 0) {
			bool sorted = columns[c].metric == sorts[nv->sort].metric;
			draw_text_right(stdscr, y, x,
					cols < 100 ? columns[c].narrow : columns[c].title, w - 1,
					sorted ? PAINT_HEADING : PAINT_DIM);
		} else {
			cell(nv, c, v, buf, sizeof buf);
			if (c == 0)
				draw_text(stdscr, y, x, buf, w - 1, p, false);
			else
				draw_text_right(stdscr, y, x, buf, w - 1, p);
		}
		x += w;
	}
}

static int table_rows(struct tui *t)
{
	return tui_rows(t) - 3 - view(tui_screen(t))->summary_rows - 2;
}

static const char *filter_label(const struct netview *nv, char *buf, size_t n)
{
	switch (nv->filter) {
	case F_FLOW:
		return " · with referrals";
	case F_ISOLATED:
		return " · isolated";
	case F_CUT:
		return " · single points of failure";
	case F_COMMUNITY:
		snprintf(buf, n, " · community %d", nv->community + 1);
		return buf;
	default:
		return "";
	}
}

static void net_draw(struct tui *t, struct screen *s, int y, int h)
{
	struct netview *nv = view(s);
	int cols = tui_cols(t);
	if (!nv->have) {
		draw_text(stdscr, y + 1, 1,
			  nv->error[0] ? nv->error : "Measuring the referral network…", cols - 2,
			  nv->error[0] ? PAINT_ERROR : PAINT_DIM, false);
		return;
	}
	char title[300], right[64], fl[40];
	nv->summary_rows = draw_summary(nv, y, cols);
	y += nv->summary_rows;
	if (nv->figures) {
		netview_figures_draw(t, nv, y, h - nv->summary_rows, cols);
		return;
	}
	snprintf(title, sizeof title, " Assets %s%s", sorts[nv->sort].label,
		 filter_label(nv, fl, sizeof fl));
	snprintf(right, sizeof right, "%d %s ", nv->norder, nv->norder == 1 ? "asset" : "assets");
	draw_text(stdscr, y, 0, title, cols - utf8_width(right) - 1, PAINT_HEADING, false);
	draw_text_right(stdscr, y, 0, right, cols, PAINT_DIM);
	draw_row(nv, -1, y + 1, cols, false);
	int rows = h - nv->summary_rows - 2;
	if (nv->sel < nv->top)
		nv->top = nv->sel;
	if (nv->sel >= nv->top + rows)
		nv->top = nv->sel - rows + 1;
	for (int r = 0; r < rows && nv->top + r < nv->norder; r++)
		draw_row(nv, nv->order[nv->top + r], y + 2 + r, cols, nv->top + r == nv->sel);
	if (nv->norder == 0)
		draw_text(stdscr, y + 2, 1, "No assets here: f shows others", cols - 2, PAINT_DIM,
			  false);
}

/* ---- keys ---- */

static void filter_chosen(struct tui *t, struct modal *m, bool ok)
{
	struct picker *p = (struct picker *)m;
	struct netview *nv = view(tui_screen(t));
	if (!ok || !nv->have)
		return;
	int f = atoi(p->value);
	nv->filter = f < F_COMMUNITY ? f : F_COMMUNITY;
	nv->community = f - F_COMMUNITY;
	nv->norder = 0; /* a new selection starts at its top */
	order(nv);
}

static void start_filter(struct tui *t, struct netview *nv)
{
	struct picker *p = picker_new("Show which assets?");
	char value[16], label[200], note[40];
	picker_add(p, "all assets", "0", NULL);
	snprintf(note, sizeof note, "%d", nv->r.now.with_flow);
	picker_add(p, "with referrals this period", "1", note);
	snprintf(note, sizeof note, "%d", nv->r.now.isolated);
	picker_add(p, "isolated: in no referral this period", "2", note);
	snprintf(note, sizeof note, "%d", nv->r.now.articulation_points);
	picker_add(p, "single points of failure", "3", note);
	const struct graph_communities *c = &nv->r.communities;
	for (int k = 0; k < c->count && k < COMMUNITIES_OFFERED && c->size[k] > 1; k++) {
		int biggest = -1;
		for (int v = 0; v < nv->r.net->n; v++)
			if (c->community[v] == k &&
			    (biggest < 0 ||
			     nv->r.in_weight[v] + nv->r.out_weight[v] >
				     nv->r.in_weight[biggest] + nv->r.out_weight[biggest]))
				biggest = v;
		snprintf(label, sizeof label, "community %d, around %s", k + 1,
			 nv->r.net->name[biggest]);
		snprintf(value, sizeof value, "%d", F_COMMUNITY + k);
		snprintf(note, sizeof note, "%d assets", c->size[k]);
		picker_add(p, label, value, note);
	}
	picker_refresh(t, p);
	p->m.done = filter_chosen;
	tui_push(t, &p->m);
}

int netview_move(int *sel, int last, int page, enum action a)
{
	switch (a) {
	case ACT_DOWN:
		*sel += *sel < last;
		break;
	case ACT_UP:
		*sel -= *sel > 0;
		break;
	case ACT_PAGE_DOWN:
		*sel = *sel + page < last ? *sel + page : last;
		break;
	case ACT_PAGE_UP:
		*sel = *sel > page ? *sel - page : 0;
		break;
	case ACT_FIRST:
		*sel = 0;
		break;
	case ACT_LAST:
		*sel = last;
		break;
	default:
		return R_UNHANDLED;
	}
	if (*sel < 0)
		*sel = 0;
	return R_NONE;
}

/* What is measured, whichever view is shown. */
static int choose(struct tui *t, struct netview *nv, enum action a)
{
	switch (a) {
	case ACT_PERIOD:
		netview_choose_period(t, nv);
		return R_NONE;
	case ACT_NEIGHBOURHOOD:
		netview_choose_neighbourhood(t, nv);
		return R_NONE;
	case ACT_CATEGORY:
		netview_choose_category(t, nv);
		return R_NONE;
	case ACT_WRITE_REPORT:
		if (nv->have)
			netview_write(t, nv);
		return R_NONE;
	case ACT_FIGURES: /* at once: the months fill in when measured */
		if (nv->have)
			nv->figures = !nv->figures;
		return R_NONE;
	default:
		return R_UNHANDLED;
	}
}

static int net_act(struct tui *t, struct screen *s, enum action a)
{
	struct netview *nv = view(s);
	if (a == ACT_PARTNERSHIPS || a == ACT_READINESS) { /* whatever is measured */
		if (a == ACT_PARTNERSHIPS)
			partners_open(t, nv->since, nv->until);
		else
			selfassess_open(t);
		return R_NONE;
	}
	int r = choose(t, nv, a);
	if (r != R_UNHANDLED)
		return r;
	if (!nv->have)
		return a == ACT_DOWN || a == ACT_UP || a == ACT_SORT || a == ACT_FILTER ||
				       a == ACT_CHAINS || a == ACT_GOTO
			       ? R_NONE
			       : R_UNHANDLED;
	if (nv->figures) {
		r = netview_figures_act(t, nv, a, table_rows(t));
		if (r != R_UNHANDLED || nv->figures)
			return r;
	}
	int v = nv->norder ? nv->order[nv->sel] : -1;
	switch (a) {
	case ACT_SORT:
		nv->sort = (nv->sort + 1) % (int)(sizeof sorts / sizeof *sorts);
		order(nv);
		nv->sel = nv->top = 0;
		tui_status(t, false, "Assets %s", sorts[nv->sort].label);
		return R_NONE;
	case ACT_FILTER:
		start_filter(t, nv);
		return R_NONE;
	case ACT_CHAINS:
		if (v >= 0)
			network_chains(t, nv->r.net->id[v], nv->r.net->name[v], nv->r.net->since,
				       nv->r.net->until);
		return R_NONE;
	case ACT_GOTO:
		if (v >= 0) {
			char id[ID_LEN];
			snprintf(id, sizeof id, "%s", nv->r.net->id[v]);
			tui_jump(t, ENTITY_ASSET, id);
		}
		return R_NONE;
	default:
		return netview_move(&nv->sel, nv->norder - 1, table_rows(t), a);
	}
}

const struct screen_ops network_screen = {
	.title = "Network",
	.keymap = KEYMAP_NETWORK,
	.right = AUTH_REPORTS,
	.filter_field = -1,
	.act = net_act,
	.open = net_open,
	.draw = net_draw,
	.poll = net_poll,
	.wait = net_wait,
	.close = net_close,
};
