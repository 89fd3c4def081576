/* Each figure of the connectedness report month by month, for the Network screen's small
 * charts: the period's calendar months, each loaded and measured as a report of its own.
 * The figures that cost most (distances, communities) are left out of a large network's
 * months, where twelve of them would take seconds. */
#include "network.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "strbuf.h"

static void month_after(const char *month, char out[8])
{
	int y = atoi(month), m = atoi(month + 5);
	if (++m > 12)
		m = 1, y++;
	snprintf(out, 8, "%04u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u);
}

/* The months the period touches, into t->month: a part-month at the start is left out
 * when others follow (it would read as a fall), and only the last NETWORK_TREND_MAX kept. */
static void months_of(const char *since, const char *until, struct network_trend *t)
{
	char m[8], last[8];
	snprintf(m, sizeof m, "%.7s", since);
	snprintf(last, sizeof last, "%.7s", until);
	if (strcmp(since + 8, "01") != 0 && strcmp(m, last) != 0)
		month_after(m, m);
	for (t->months = 0; strcmp(m, last) <= 0; month_after(m, m)) {
		if (t->months == NETWORK_TREND_MAX) {
			memmove(t->month, t->month + 1,
				sizeof t->month[0] * (NETWORK_TREND_MAX - 1));
			t->months--;
		}
		snprintf(t->month[t->months++], 8, "%s", m);
	}
}

/* Month i's days within the period. */
static void month_days(const struct network_trend *t, int i, struct network_query *q)
{
	char next[8], first[DATE_LEN], end[DATE_LEN];
	snprintf(first, sizeof first, "%s-01", t->month[i]);
	month_after(t->month[i], next);
	snprintf(end, sizeof end, "%s-01", next);
	date_add_days(end, -1, end);
	snprintf(q->since, DATE_LEN, "%s", strcmp(first, t->since) < 0 ? t->since : first);
	snprintf(q->until, DATE_LEN, "%s", strcmp(end, t->until) > 0 ? t->until : end);
}

/* A month's figures: every one in a small network, those every month can afford in a
 * large one. */
static void measure_month(const struct network *net, bool all, struct network_figures *f)
{
	struct network_options o = {.cheap = !all};
	network_measure(net->g, net->category, &o, f);
}

int network_trend(struct store *st, const struct network_query *q, struct network_trend *out,
		  struct kerr *err)
{
	return network_trend_stoppable(st, q, NULL, NULL, out, err);
}

int network_trend_stoppable(struct store *st, const struct network_query *q,
			    bool (*keep_going)(void *ctx, double done), void *ctx,
			    struct network_trend *out, struct kerr *err)
{
	struct network_query pq = *q;
	memset(out, 0, sizeof *out);
	int status = auth_require(st, AUTH_REPORTS, err);
	if (status == K_OK)
		status = network_period(&pq, err);
	if (status != K_OK)
		return status;
	snprintf(out->since, DATE_LEN, "%s", pq.since);
	snprintf(out->until, DATE_LEN, "%s", pq.until);
	months_of(pq.since, pq.until, out);
	out->all = true;
	for (int i = 0; i < out->months && status == K_OK; i++) {
		struct network *net = NULL;
		month_days(out, i, &pq);
		status = network_load(st, &pq, &net, err);
		if (status != K_OK)
			break;
		if (i == 0)
			out->all = network_small(net->g);
		measure_month(net, out->all, &out->fig[i]);
		network_free(net);
		if (keep_going && !keep_going(ctx, (double)(i + 1) / out->months))
			status = kerr_set(err, K_BUSY, "", "measuring each month was stopped");
	}
	if (status != K_OK)
		memset(out, 0, sizeof *out);
	return status;
}

bool network_trend_values(const struct network_trend *t, const char *key, double *out)
{
/* clang-format off */
#define NETWORK_VALUES(field, type, name, label, format, text, number, scale, flags, ...) \
	if (strcmp(key, name) == 0) {                                                        \
		if (((flags) & NETWORK_DEAR) && !t->all)                                     \
			return false;                                                        \
		for (int i = 0; i < t->months; i++)                                          \
			out[i] = (double)(scale) * (double)t->fig[i].field;                  \
		return true;                                                                 \
	}
	/* clang-format on */
	NETWORK_FIGURES(NETWORK_VALUES)
#undef NETWORK_VALUES
	return false;
}

bool network_figure_value(const struct network_figures *f, const char *key, double *out)
{
/* clang-format off */
#define NETWORK_VALUE(field, type, name, ...)      \
	if (strcmp(key, name) == 0) {             \
		*out = (double)f->field;          \
		return true;                      \
	}
	/* clang-format on */
	NETWORK_FIGURES(NETWORK_VALUE)
#undef NETWORK_VALUE
	return false;
}

void network_sparkline(const double *v, int n, bool utf8, char *out)
{
	static const char *const bars[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
	static const char ascii[] = "_.-:=+*#";
	double lo = 0, hi = 0;
	for (int i = 0; i < n; i++) {
		if (i == 0 || v[i] < lo)
			lo = v[i];
		if (i == 0 || v[i] > hi)
			hi = v[i];
	}
	*out = '\0';
	for (int i = 0; i < n; i++) {
		/* a flat line sits in the middle: neither a fall nor a peak */
		int level = hi > lo ? (int)((v[i] - lo) / (hi - lo) * 7 + 0.5) : hi > 0 ? 3 : 0;
		if (utf8)
			out = stpcpy(out, bars[level]);
		else
			*out++ = ascii[level], *out = '\0';
	}
}

/* ---- in words ---- */

/* Whether the trend has a figure: the dear ones only when measured. */
static bool has(const struct network_trend *t, int flags)
{
	return !(flags & NETWORK_DEAR) || t->all;
}

static void trend_row(FILE *out, const char *label, const double *v, int n, bool utf8,
		      const char *format)
{
	char chart[3 * NETWORK_TREND_MAX + 1], first[48], last[48];
	network_sparkline(v, n, utf8, chart);
	snprintf(first, sizeof first, format, v[0]);
	snprintf(last, sizeof last, format, v[n - 1]);
	while (*label == ' ')
		label++;
	fprintf(out, "  %-28s %s  %s to %s\n", label, chart, first, last);
}

void network_trend_text(const struct network_trend *t, bool utf8, FILE *out)
{
	char b[DATE_LEN];
	double v[NETWORK_TREND_MAX];
	if (t->months < 1)
		return;
	fprintf(out, "\nMonth by month, %s to %s (each month alone; the last to %s)\n", t->month[0],
		t->month[t->months - 1], date_uk(t->until, b));
/* clang-format off */
#define NETWORK_TREND_ROW(field, type, key, label, format, text, number, scale, flags, ...) \
	if (label && has(t, flags) && network_trend_values(t, key, v))                        \
		trend_row(out, label, v, t->months, utf8, number ? number : "%.3g");
	/* clang-format on */
	NETWORK_FIGURES(NETWORK_TREND_ROW)
#undef NETWORK_TREND_ROW
	if (!t->all)
		fprintf(out, "  (distances and communities are left out month by month: a network "
			     "this large takes seconds a month to measure them)\n");
}

void network_trend_json(const struct network_trend *t, struct strbuf *sb)
{
	strbuf_puts(sb, "{\"months\":[");
	for (int i = 0; i < t->months; i++)
		strbuf_printf(sb, "%s\"%s\"", i ? "," : "", t->month[i]);
	strbuf_puts(sb, "],\"figures\":{");
	const char *comma = "";
/* clang-format off */
#define NETWORK_TREND_KEY(field, type, key, label, format, text, number, scale, flags, ...) \
	if (has(t, flags)) {                                                                  \
		strbuf_printf(sb, "%s\"" key "\":[", comma);                                  \
		for (int i = 0; i < t->months; i++)                                           \
			strbuf_printf(sb, "%s%.17g", i ? "," : "", (double)t->fig[i].field);  \
		strbuf_putc(sb, ']');                                                         \
		comma = ",";                                                                  \
	}
	/* clang-format on */
	NETWORK_FIGURES(NETWORK_TREND_KEY)
#undef NETWORK_TREND_KEY
	strbuf_puts(sb, "}}");
}
