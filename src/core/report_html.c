/* The report as one self-contained HTML file, to send or print: inline CSS, charts drawn in
 * SVG (bars against their targets; columns month by month for counts, a line for measures),
 * A4 pages with each chart and table kept whole and a heading kept with what follows it.
 * Dark on light with patterns of shade only, so that it prints in black and white. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_render_impl.h"
#include "xalloc.h"

#define CHART_W 640
#define CHART_H 170
#define CHART_TOP 18
#define CHART_BOTTOM 30

static const char STYLE[] =
	"@page{size:A4;margin:16mm 15mm 18mm}"
	"*{box-sizing:border-box}"
	"body{font-family:'DejaVu Sans','Liberation Sans',Arial,sans-serif;font-size:10pt;"
	"color:#111;background:#fff;max-width:180mm;margin:0 auto;line-height:1.35;"
	"-webkit-print-color-adjust:exact;print-color-adjust:exact}"
	"h1{font-size:19pt;margin:0 0 1mm}"
	".sub{color:#333;margin:0 0 5mm}"
	"h2{font-size:13pt;border-bottom:1.2pt solid #111;margin:7mm 0 2mm;padding-bottom:1mm;"
	"break-after:avoid;page-break-after:avoid}"
	"h3{font-size:10.5pt;margin:4mm 0 1mm;break-after:avoid;page-break-after:avoid}"
	".keep,figure,blockquote,tr,svg{break-inside:avoid;page-break-inside:avoid}"
	"table{border-collapse:collapse;width:100%;margin:1mm 0 3mm}"
	"th,td{padding:1.2mm 1.5mm;border-bottom:.5pt solid #aaa;vertical-align:top;"
	"text-align:left}"
	"th{border-bottom:1pt solid #111;font-weight:bold}"
	"td.n,th.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}"
	"td.bar{width:44%}"
	".note{display:block;color:#444;font-size:8.5pt}"
	".none{color:#444;font-style:italic}"
	"figure{margin:3mm 0 4mm}"
	"figcaption{font-weight:bold;margin-bottom:1mm}"
	"svg{display:block;width:100%;height:auto}"
	"svg text{font-family:inherit;fill:#111}"
	"blockquote{margin:3mm 0 4mm;padding:1mm 0 1mm 4mm;border-left:2.5pt solid #111}"
	"blockquote p{margin:0 0 1.5mm;font-style:italic}"
	"blockquote footer{color:#333}";

static void esc(struct strbuf *out, const char *s)
{
	for (const char *p = s ? s : ""; *p; p++) {
		switch (*p) {
		case '&':
			strbuf_puts(out, "&amp;");
			break;
		case '<':
			strbuf_puts(out, "&lt;");
			break;
		case '>':
			strbuf_puts(out, "&gt;");
			break;
		case '"':
			strbuf_puts(out, "&quot;");
			break;
		case '\'':
			strbuf_puts(out, "&#39;");
			break;
		default:
			strbuf_putc(out, *p);
		}
	}
}

/* ---- figures and bars: a table, a row each ---- */

/* The bar against its target: the track shaded to the target, the value filled, the target
 * a heavy line. */
static void bar_svg(struct strbuf *out, const struct report_block *b)
{
	double v = b->has_value && b->value > 0 ? b->value : 0;
	bool aimed = b->has_target && b->target > 0;
	double scale = aimed && b->target > v ? b->target : v, w = 300;
	strbuf_puts(out, "<svg viewBox=\"0 0 304 18\" role=\"img\" aria-hidden=\"true\">");
	if (aimed)
		strbuf_printf(out,
			      "<rect x=\"0\" y=\"3\" width=\"%.1f\" height=\"12\" fill=\"#e4e4e4\" "
			      "stroke=\"#777\" stroke-width=\".6\"/>",
			      b->target / scale * w);
	if (scale > 0)
		strbuf_printf(out,
			      "<rect x=\"0\" y=\"3\" width=\"%.1f\" height=\"12\" fill=\"#333\"/>",
			      v / scale * w);
	if (aimed)
		strbuf_printf(out,
			      "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"0\" y2=\"18\" stroke=\"#000\" "
			      "stroke-width=\"2.5\"/>",
			      b->target / scale * w + 1, b->target / scale * w + 1);
	strbuf_puts(out, "</svg>");
}

static void figure_row(struct strbuf *out, const struct report_block *b, bool bars)
{
	char shown[96], target[96], pct[16];
	report_shown(b, shown, sizeof shown);
	strbuf_puts(out, "<tr><td>");
	esc(out, b->label);
	if (b->note && *b->note) {
		strbuf_puts(out, "<span class=\"note\">");
		esc(out, b->note);
		strbuf_puts(out, "</span>");
	}
	strbuf_printf(out, "</td><td class=\"n%s\">", b->has_value ? "" : " none");
	esc(out, shown);
	strbuf_puts(out, "</td>");
	if (b->kind == REPORT_BAR) {
		bool aimed = b->has_target && b->target > 0;
		report_render_number(b->target, b->unit, target, sizeof target);
		report_render_percent(b->value, b->target, b->has_target, pct, sizeof pct);
		strbuf_puts(out, "<td class=\"n\">");
		esc(out, aimed ? target : "no target");
		strbuf_puts(out, "</td><td class=\"bar\">");
		bar_svg(out, b);
		strbuf_printf(out, "</td><td class=\"n\">%s</td>", pct);
	} else if (bars) {
		strbuf_puts(out, "<td></td><td class=\"bar\"></td><td></td>");
	}
	strbuf_puts(out, "</tr>\n");
}

/* ---- month by month ---- */

static void axis_label(struct strbuf *out, const struct report_block *b, int i, double x)
{
	char month[64];
	report_month_label(b->labels[i], month, sizeof month);
	int every = b->n > 28 ? 6 : b->n > 14 ? 2 : 1;
	if (i % every)
		return;
	strbuf_printf(out, "<text x=\"%.1f\" y=\"%d\" font-size=\"9\" text-anchor=\"middle\">", x,
		      CHART_H - CHART_BOTTOM + 12);
	if (strlen(month) == 8 && month[3] == ' ') /* "Jan 2026": the year under the month */
		strbuf_printf(out,
			      "%.3s<tspan x=\"%.1f\" dy=\"10\" font-size=\"8\">%s</tspan></text>",
			      month, x, month + 4);
	else {
		esc(out, month);
		strbuf_puts(out, "</text>");
	}
}

static void series_svg(struct strbuf *out, const struct report_block *b)
{
	double top = 0, low = 0;
	for (int i = 0; i < b->n; i++) {
		top = b->values[i] > top ? b->values[i] : top;
		low = b->values[i] < low ? b->values[i] : low;
	}
	double span = top - low > 0 ? top - low : 1, step = (double)(CHART_W - 20) / b->n;
	double base = CHART_H - CHART_BOTTOM, room = base - CHART_TOP;
	bool columns = report_counts(b);
	strbuf_printf(out, "<svg viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"", CHART_W,
		      CHART_H);
	esc(out, b->label);
	strbuf_printf(out,
		      "\"><line x1=\"10\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#111\" "
		      "stroke-width=\"1\"/>",
		      CHART_W - 10, base + (low < 0 ? low / span * room : 0),
		      base + (low < 0 ? low / span * room : 0));
	struct strbuf line = STRBUF_INIT;
	for (int i = 0; i < b->n; i++) {
		double x = 10 + step * (i + 0.5), y = base - (b->values[i] - low) / span * room;
		char value[64];
		report_render_number(b->values[i], NULL, value, sizeof value);
		if (columns)
			strbuf_printf(out,
				      "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
				      "fill=\"#444\"/>",
				      x - step * 0.35, y, step * 0.7, base - y);
		else
			strbuf_printf(&line, "%s%.1f,%.1f", i ? " " : "", x, y);
		strbuf_printf(out,
			      "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" "
			      "text-anchor=\"middle\">%s</text>",
			      x, y - 4, value);
		axis_label(out, b, i, x);
	}
	if (!columns) {
		strbuf_printf(out,
			      "<polyline points=\"%s\" fill=\"none\" stroke=\"#111\" "
			      "stroke-width=\"1.8\"/>",
			      strbuf_str(&line));
		for (int i = 0; i < b->n; i++)
			strbuf_printf(out,
				      "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.6\" fill=\"#111\"/>",
				      10 + step * (i + 0.5),
				      base - (b->values[i] - low) / span * room);
	}
	strbuf_free(&line);
	strbuf_puts(out, "</svg>");
}

static void series(struct strbuf *out, const struct report_block *b)
{
	strbuf_puts(out, "<figure><figcaption>");
	esc(out, b->label);
	strbuf_puts(out, "</figcaption>");
	if (b->n == 0)
		strbuf_puts(out, "<p class=\"none\">" REPORT_NONE "</p>");
	else
		series_svg(out, b);
	strbuf_puts(out, "</figure>\n");
}

/* ---- tables and stories ---- */

static bool numeric(const char *s)
{
	char *end;
	if (!s || !*s)
		return false;
	strtod(s, &end);
	return *end == '\0' || strcmp(end, "%") == 0;
}

static void table(struct strbuf *out, const struct report_block *b)
{
	strbuf_puts(out, "<table class=\"data\">");
	for (int r = 0; r <= b->n; r++) {
		strbuf_puts(out, r == 0 ? "<thead><tr>" : "<tr>");
		for (int c = 0; c < b->ncols; c++) {
			const char *cell = b->cells[r * b->ncols + c];
			bool right = c > 0 && (r > 0 ? numeric(cell)
						     : b->n > 0 && numeric(b->cells[b->ncols + c]));
			strbuf_printf(out, "<%s%s>", r ? "td" : "th", right ? " class=\"n\"" : "");
			esc(out, cell);
			strbuf_printf(out, "</%s>", r ? "td" : "th");
		}
		strbuf_puts(out, r == 0 ? "</tr></thead><tbody>" : "</tr>");
	}
	strbuf_puts(out, "</tbody></table>\n");
}

static void story(struct strbuf *out, const struct report_block *b)
{
	strbuf_puts(out, "<blockquote>");
	if (b->label && *b->label) {
		strbuf_puts(out, "<h3>");
		esc(out, b->label);
		strbuf_puts(out, "</h3>");
	}
	char *text = xstrdup(b->text ? b->text : ""), *save = NULL;
	for (char *p = strtok_r(text, "\n", &save); p; p = strtok_r(NULL, "\n", &save)) {
		strbuf_puts(out, "<p>");
		esc(out, p);
		strbuf_puts(out, "</p>");
	}
	free(text);
	if (b->by && *b->by) {
		strbuf_puts(out, "<footer>— ");
		esc(out, b->by);
		strbuf_puts(out, "</footer>");
	}
	strbuf_puts(out, "</blockquote>\n");
}

/* ---- the page ---- */

static bool is_figure(const struct report *r, size_t i)
{
	return i < r->n && (r->blocks[i].kind == REPORT_FIGURE || r->blocks[i].kind == REPORT_BAR);
}

/* The block at i (a run of figures is one table); returns the index after it. */
static size_t block(struct strbuf *out, const struct report *r, size_t i)
{
	const struct report_block *b = &r->blocks[i];
	if (is_figure(r, i)) {
		bool bars = false;
		for (size_t j = i; is_figure(r, j); j++)
			bars = bars || r->blocks[j].kind == REPORT_BAR;
		strbuf_puts(out, "<table class=\"figures\">\n");
		if (bars)
			strbuf_puts(out, "<thead><tr><th></th><th class=\"n\">Recorded</th>"
					 "<th class=\"n\">Target</th><th></th><th class=\"n\">Met"
					 "</th></tr></thead>\n");
		for (; is_figure(r, i); i++)
			figure_row(out, &r->blocks[i], bars);
		strbuf_puts(out, "</table>\n");
		return i;
	}
	if (b->kind == REPORT_TEXT) {
		strbuf_puts(out, "<p>");
		esc(out, b->text);
		strbuf_puts(out, "</p>\n");
	} else if (b->kind == REPORT_SERIES) {
		series(out, b);
	} else if (b->kind == REPORT_TABLE) {
		table(out, b);
	} else if (b->kind == REPORT_STORY) {
		story(out, b);
	}
	return i + 1;
}

void report_render_html(const struct report *r, struct strbuf *out)
{
	strbuf_puts(out, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">"
			 "\n<meta name=\"viewport\" content=\"width=device-width\">\n<title>");
	esc(out, r->title);
	strbuf_printf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", STYLE);
	esc(out, r->title);
	strbuf_puts(out, "</h1>\n");
	if (r->subtitle) {
		strbuf_puts(out, "<p class=\"sub\">");
		esc(out, r->subtitle);
		strbuf_puts(out, "</p>\n");
	}
	for (size_t i = 0; i < r->n;) {
		if (r->blocks[i].kind != REPORT_HEADING) {
			i = block(out, r, i);
			continue;
		}
		/* a heading is kept on the page of what follows it */
		strbuf_puts(out, "<div class=\"keep\"><h2>");
		esc(out, r->blocks[i].text);
		strbuf_puts(out, "</h2>\n");
		i++;
		if (i < r->n && r->blocks[i].kind != REPORT_HEADING)
			i = block(out, r, i);
		strbuf_puts(out, "</div>\n");
	}
	strbuf_puts(out, "</body>\n</html>\n");
}
