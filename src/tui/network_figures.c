/* The Network screen's figures view (i): every figure of the report with its value, the
 * previous period's, its trend month by month as a small chart, and what it means, then what
 * each asset's columns mean; all from core's list of figures, so that the screen and the
 * text report say the same. Drawing only: the trend is measured by core (network_trend), in
 * the background; until it is ready its column says so. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "network_view.h"
#include "utf8.h"
#include "xalloc.h"

struct figure_row {
	const char *key, *label, *number, *type, *meaning;
	double scale;
	int flags;
};

/* clang-format off */
static const struct figure_row figure_rows[] = {
#define FIGURE_ROW(field, type, key, label, format, text, number, scale, flags, meaning) \
	{key, label, number, #type, meaning, scale, flags},
	NETWORK_FIGURES(FIGURE_ROW)
#undef FIGURE_ROW
};
/* clang-format on */

#define NFIGURES ((int)(sizeof figure_rows / sizeof *figure_rows))
#define LABEL_W 30
#define VALUE_W 10

static int nterms(void)
{
	int n = 0;
	while (network_asset_terms[n].term)
		n++;
	return n;
}

/* The rows of the view: the figures with a label, then the asset's measures. Row i is
 * figure *fig (>= 0) or term -1 - *fig. */
static int row_count(void)
{
	int n = 0;
	for (int i = 0; i < NFIGURES; i++)
		n += figure_rows[i].label != NULL;
	return n + nterms();
}

static int row_item(int row)
{
	for (int i = 0; i < NFIGURES; i++)
		if (figure_rows[i].label && row-- == 0)
			return i;
	return -1 - row;
}

static void value_text(const struct figure_row *f, const struct network_figures *of, char *buf,
		       size_t n)
{
	double v = 0;
	network_figure_value(of, f->key, &v);
	if (f->number)
		snprintf(buf, n, f->number, v * f->scale);
	else
		snprintf(buf, n, strcmp(f->type, "real") == 0 ? "%.3f" : "%.0f", v);
}

static void figure_line(const struct netview *nv, int item, int y, int cols, bool chosen)
{
	const struct figure_row *f = &figure_rows[item];
	enum paint p = chosen ? PAINT_SELECTED : PAINT_NORMAL;
	char now[48], was[48], chart[3 * NETWORK_TREND_MAX + 1] = "";
	value_text(f, &nv->r.now, now, sizeof now);
	if (nv->r.has_before)
		value_text(f, &nv->r.before, was, sizeof was);
	else
		was[0] = '\0';
	double v[NETWORK_TREND_MAX];
	const struct network_trend *tr = nv->r.trend;
	bool charted = tr && tr->months > 0 && network_trend_values(tr, f->key, v);
	if (charted)
		network_sparkline(v, tr->months, utf8_user_locale(), chart);
	draw_text(stdscr, y, 1, f->label, LABEL_W - 1, p, false);
	draw_text_right(stdscr, y, 1 + LABEL_W, now, VALUE_W - 1, p);
	draw_text_right(stdscr, y, 1 + LABEL_W + VALUE_W, was, VALUE_W - 1, chosen ? p : PAINT_DIM);
	/* no chart yet: the heading says why, once */
	draw_text(stdscr, y, 2 + LABEL_W + 2 * VALUE_W,
		  charted ? chart
		  : tr    ? "not monthly"
			  : "",
		  cols - 3 - LABEL_W - 2 * VALUE_W, charted ? p : PAINT_DIM, false);
}

static void draw_line(const struct netview *nv, int row, int y, int cols, bool chosen)
{
	draw_fill(stdscr, y, 0, cols, chosen ? PAINT_SELECTED : PAINT_NORMAL);
	if (chosen)
		draw_text(stdscr, y, 0, "▸", 1, PAINT_SELECTED, false);
	int item = row_item(row);
	if (item >= 0) {
		figure_line(nv, item, y, cols, chosen);
		return;
	}
	enum paint p = chosen ? PAINT_SELECTED : PAINT_NORMAL;
	draw_text(stdscr, y, 1, network_asset_terms[-1 - item].term, LABEL_W - 1, p, false);
	draw_text(stdscr, y, 1 + LABEL_W, "a column of the assets' table", cols - 2 - LABEL_W,
		  chosen ? p : PAINT_DIM, false);
}

/* The row's meaning, and why a figure has no chart where the trend left it out. */
static char *meaning_of(const struct netview *nv, int row)
{
	int item = row_item(row);
	if (item < 0)
		return xstrdup(network_asset_terms[-1 - item].meaning);
	bool left_out = nv->r.trend && !nv->r.trend->all &&
			(figure_rows[item].flags & NETWORK_DEAR);
	return xasprintf("%s%s", figure_rows[item].meaning,
			 left_out ? " Not measured month by month: in a network this large it "
				    "would take seconds a month."
				  : "");
}

static void heading(const struct netview *nv, int y, int cols)
{
	char months[80] = "month by month";
	const struct network_trend *tr = nv->r.trend;
	char last[16];
	if (tr && tr->months > 0) /* the last month may be part of one: it ends with the period */
		snprintf(months, sizeof months, "by month %.2s/%.4s…%s", tr->month[0] + 5,
			 tr->month[0], tui_date(tr->until, last));
	else if (netview_months_coming(nv))
		snprintf(months, sizeof months, "charts: measuring…");
	else if (!tr)
		snprintf(months, sizeof months, "charts: not measured");
	draw_text(stdscr, y, 0, " Each figure: what it means, and how it went month by month",
		  cols - 1, PAINT_HEADING, false);
	draw_text(stdscr, y + 1, 1, "Figure", LABEL_W - 1, PAINT_HEADING, false);
	draw_text_right(stdscr, y + 1, 1 + LABEL_W, "now", VALUE_W - 1, PAINT_DIM);
	draw_text_right(stdscr, y + 1, 1 + LABEL_W + VALUE_W, nv->r.has_before ? "before" : "",
			VALUE_W - 1, PAINT_DIM);
	draw_text(stdscr, y + 1, 2 + LABEL_W + 2 * VALUE_W, months,
		  cols - 3 - LABEL_W - 2 * VALUE_W, PAINT_DIM, false);
}

/* The meaning of the row under the cursor takes the bottom rows. */
#define MEANING_ROWS 3

void netview_figures_draw(struct tui *t, struct netview *nv, int y, int h, int cols)
{
	(void)t;
	int rows = h - 2 - MEANING_ROWS - 1, n = row_count();
	heading(nv, y, cols);
	if (rows < 1)
		rows = 1;
	if (nv->fsel < nv->ftop)
		nv->ftop = nv->fsel;
	if (nv->fsel >= nv->ftop + rows)
		nv->ftop = nv->fsel - rows + 1;
	for (int r = 0; r < rows && nv->ftop + r < n; r++)
		draw_line(nv, nv->ftop + r, y + 2 + r, cols, nv->ftop + r == nv->fsel);
	int at = y + 2 + rows;
	char *meaning = meaning_of(nv, nv->fsel);
	draw_wrapped(stdscr, at + 1, 2, meaning, cols - 4, MEANING_ROWS, PAINT_NORMAL);
	free(meaning);
}

int netview_figures_act(struct tui *t, struct netview *nv, enum action a, int rows)
{
	(void)t;
	int last = row_count() - 1;
	rows = rows - 3 - MEANING_ROWS > 1 ? rows - 3 - MEANING_ROWS : 1;
	if (netview_move(&nv->fsel, last, rows, a) == R_NONE)
		return R_NONE;
	switch (a) {
	case ACT_CANCEL:
		nv->figures = false;
		return R_NONE;
	case ACT_SORT:
	case ACT_FILTER:
	case ACT_CHAINS:
	case ACT_GOTO:
		nv->figures = false; /* back to the assets, where these act */
		return R_UNHANDLED;
	default:
		return R_UNHANDLED;
	}
}
