/* The report for other programs and other documents: CSV with one row a figure (key, label,
 * value, target, unit, note; a series one row a month), JSON keyed by the blocks' stable keys,
 * and Markdown. Values are written whole ("%.15g") where a program reads them, and as the
 * text report shows them where a person does. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "jsonw.h"
#include "report_render_impl.h"
#include "xalloc.h"

static void raw(struct strbuf *out, double v)
{
	strbuf_printf(out, "%.15g", v == 0 ? 0.0 : v); /* never "-0" */
}

/* ---- CSV ---- */

static void csv_line(struct strbuf *out, const char *key, const char *label, const double *value,
		     const double *target, const char *unit, const char *note)
{
	csv_cell(out, key ? key : "", true);
	csv_cell(out, label ? label : "", false);
	strbuf_putc(out, ',');
	if (value)
		raw(out, *value);
	strbuf_putc(out, ',');
	if (target)
		raw(out, *target);
	csv_cell(out, unit ? unit : "", false);
	csv_cell(out, note ? note : "", false);
	strbuf_puts(out, "\r\n");
}

static void csv_series(struct strbuf *out, const struct report_block *b)
{
	if (b->n == 0) /* no month to give a row: the series says so on one */
		csv_line(out, b->key, b->label, NULL, NULL, "", REPORT_NONE);
	for (int i = 0; i < b->n; i++) {
		char month[64];
		report_month_label(b->labels[i], month, sizeof month);
		char *key = xasprintf("%s.%s", b->key ? b->key : "", b->labels[i]);
		char *label = xasprintf("%s, %s", b->label ? b->label : "", month);
		csv_line(out, key, label, &b->values[i], NULL, "", NULL);
		free(key);
		free(label);
	}
}

/* A table: a row for each cell after the first column, its value when it is a number. */
static void csv_table(struct strbuf *out, const struct report_block *b)
{
	for (int r = 1; r <= b->n; r++)
		for (int c = 1; c < b->ncols; c++) {
			const char *cell = b->cells[r * b->ncols + c];
			char *end = NULL;
			double v = *cell ? strtod(cell, &end) : 0;
			bool number = end && *end == '\0';
			char *key = xasprintf("%s.%d.%d", b->key ? b->key : "", r, c);
			char *label = xasprintf("%s: %s", b->cells[r * b->ncols], b->cells[c]);
			csv_line(out, key, label, number ? &v : NULL, NULL, "",
				 number ? NULL : cell);
			free(key);
			free(label);
		}
}

void report_render_csv(const struct report *r, struct strbuf *out)
{
	strbuf_puts(out, "key,label,value,target,unit,note\r\n");
	for (size_t i = 0; i < r->n; i++) {
		const struct report_block *b = &r->blocks[i];
		char *note = NULL;
		switch (b->kind) {
		case REPORT_FIGURE:
		case REPORT_BAR:
			note = b->has_value          ? xstrdup(b->note ? b->note : "")
			       : b->note && *b->note ? xasprintf("%s; %s", REPORT_NONE, b->note)
						     : xstrdup(REPORT_NONE);
			csv_line(out, b->key, b->label, b->has_value ? &b->value : NULL,
				 b->has_target ? &b->target : NULL, b->unit, note);
			free(note);
			break;
		case REPORT_SERIES:
			csv_series(out, b);
			break;
		case REPORT_TABLE:
			csv_table(out, b);
			break;
		default: /* headings, paragraphs and stories are for reading */
			break;
		}
	}
}

/* ---- JSON ---- */

static void json_text(struct strbuf *out, const char *key, const char *s)
{
	jsonw_key(out, key, 0);
	jsonw_string(out, s);
}

static void json_value(struct strbuf *out, const char *key, bool has, double v)
{
	jsonw_key(out, key, 0);
	if (has)
		raw(out, v);
	else
		strbuf_puts(out, "null");
}

static const char *const kinds[] = {"heading", "text", "figure", "bar", "series", "table", "story"};

static void json_cells(struct strbuf *out, const struct report_block *b, int row)
{
	strbuf_putc(out, '[');
	for (int c = 0; c < b->ncols; c++) {
		if (c)
			strbuf_putc(out, ',');
		jsonw_string(out, b->cells[row * b->ncols + c]);
	}
	strbuf_putc(out, ']');
}

static void json_block(struct strbuf *out, const struct report_block *b)
{
	char shown[96], pct[16];
	jsonw_key(out, "kind", 1);
	jsonw_string(out, kinds[b->kind]);
	if (b->key)
		json_text(out, "key", b->key);
	if (b->label)
		json_text(out, b->kind == REPORT_STORY ? "title" : "label", b->label);
	if (b->text)
		json_text(out, "text", b->text);
	if (b->kind == REPORT_FIGURE || b->kind == REPORT_BAR) {
		json_value(out, "value", b->has_value, b->value);
		if (b->kind == REPORT_BAR) {
			json_value(out, "target", b->has_target, b->target);
			report_render_percent(b->value, b->target, b->has_target, pct, sizeof pct);
			json_value(out, "percent", pct[0] != '\0', atof(pct));
		}
		json_text(out, "unit", b->unit);
		report_shown(b, shown, sizeof shown);
		json_text(out, "shown", shown);
		json_text(out, "note", b->note);
	} else if (b->kind == REPORT_SERIES) {
		jsonw_key(out, "points", 0);
		strbuf_putc(out, '[');
		for (int i = 0; i < b->n; i++) {
			strbuf_puts(out, i ? ",{" : "{");
			jsonw_key(out, "label", 1);
			jsonw_string(out, b->labels[i]);
			json_value(out, "value", true, b->values[i]);
			strbuf_putc(out, '}');
		}
		strbuf_putc(out, ']');
	} else if (b->kind == REPORT_TABLE) {
		jsonw_key(out, "header", 0);
		json_cells(out, b, 0);
		jsonw_key(out, "rows", 0);
		strbuf_putc(out, '[');
		for (int r = 1; r <= b->n; r++) {
			if (r > 1)
				strbuf_putc(out, ',');
			json_cells(out, b, r);
		}
		strbuf_putc(out, ']');
	} else if (b->kind == REPORT_STORY) {
		json_text(out, "by", b->by);
	}
}

/* "figures": every figure and bar by its key, for a program that wants one number */
static void json_figures(struct strbuf *out, const struct report *r)
{
	jsonw_key(out, "figures", 0);
	strbuf_putc(out, '{');
	bool first = true;
	for (size_t i = 0; i < r->n; i++) {
		const struct report_block *b = &r->blocks[i];
		if ((b->kind != REPORT_FIGURE && b->kind != REPORT_BAR) || !b->key)
			continue;
		jsonw_key(out, b->key, first);
		first = false;
		if (b->has_value)
			raw(out, b->value);
		else
			strbuf_puts(out, "null");
	}
	strbuf_putc(out, '}');
}

void report_render_json(const struct report *r, struct strbuf *out)
{
	strbuf_putc(out, '{');
	jsonw_key(out, "title", 1);
	jsonw_string(out, r->title);
	json_text(out, "subtitle", r->subtitle);
	json_figures(out, r);
	jsonw_key(out, "blocks", 0);
	strbuf_putc(out, '[');
	for (size_t i = 0; i < r->n; i++) {
		strbuf_puts(out, i ? ",{" : "{");
		json_block(out, &r->blocks[i]);
		strbuf_putc(out, '}');
	}
	strbuf_puts(out, "]}\n");
}

/* ---- Markdown ---- */

/* Text in a Markdown line: what would start markup escaped, a table's bar too. */
static void md_text(struct strbuf *out, const char *s)
{
	for (const char *p = s ? s : ""; *p; p++) {
		if (strchr("\\`*_[]<>|#", *p))
			strbuf_putc(out, '\\');
		strbuf_putc(out, *p == '\n' || *p == '\r' ? ' ' : *p);
	}
}

static void md_figure(struct strbuf *out, const struct report_block *b, bool first)
{
	char shown[96], target[96], pct[16], cells[512];
	if (first)
		strbuf_puts(out,
			    "\n| Figure | Value | Target | Met | Note |\n|---|--:|--:|--:|---|\n");
	strbuf_puts(out, "| ");
	md_text(out, b->label);
	report_shown(b, shown, sizeof shown);
	strbuf_printf(out, " | %s | ", shown);
	if (b->kind == REPORT_BAR && b->has_target && b->target > 0) {
		report_render_number(b->target, b->unit, target, sizeof target);
		report_render_percent(b->value, b->target, true, pct, sizeof pct);
		report_render_bar(b->value, b->target, true, 10, cells, sizeof cells);
		strbuf_printf(out, "%s | %s `%s` | ", target, pct, cells);
	} else {
		strbuf_puts(out, " |  | ");
	}
	md_text(out, b->note);
	strbuf_puts(out, " |\n");
}

static void md_series(struct strbuf *out, const struct report_block *b)
{
	strbuf_puts(out, "\n**");
	md_text(out, b->label);
	strbuf_puts(out, "**");
	if (b->n == 0) {
		strbuf_puts(out, ": " REPORT_NONE "\n");
		return;
	}
	size_t size = (size_t)b->n * 4 + 1;
	char *spark = xcalloc(size, 1), month[64], value[64];
	report_render_sparkline(b->values, b->n, spark, size);
	strbuf_printf(out, " `%s`\n\n| Month | Value |\n|---|--:|\n", spark);
	free(spark);
	for (int i = 0; i < b->n; i++) {
		report_month_label(b->labels[i], month, sizeof month);
		report_render_number(b->values[i], NULL, value, sizeof value);
		strbuf_printf(out, "| %s | %s |\n", month, value);
	}
}

static void md_table(struct strbuf *out, const struct report_block *b)
{
	strbuf_putc(out, '\n');
	for (int r = 0; r <= b->n; r++) {
		for (int c = 0; c < b->ncols; c++) {
			strbuf_puts(out, "| ");
			md_text(out, b->cells[r * b->ncols + c]);
			strbuf_putc(out, ' ');
		}
		strbuf_puts(out, "|\n");
		for (int c = 0; r == 0 && c < b->ncols; c++)
			strbuf_puts(out, c + 1 < b->ncols ? "|---" : "|---|\n");
	}
}

static void md_story(struct strbuf *out, const struct report_block *b)
{
	strbuf_putc(out, '\n');
	if (b->label && *b->label) {
		strbuf_puts(out, "**");
		md_text(out, b->label);
		strbuf_puts(out, "**\n\n");
	}
	char *text = xstrdup(b->text ? b->text : ""), *save = NULL;
	for (char *p = strtok_r(text, "\n", &save); p; p = strtok_r(NULL, "\n", &save)) {
		strbuf_puts(out, p == text ? "> " : ">\n> ");
		md_text(out, p);
		strbuf_putc(out, '\n');
	}
	free(text);
	if (b->by && *b->by) {
		strbuf_puts(out, ">\n> — ");
		md_text(out, b->by);
		strbuf_putc(out, '\n');
	}
}

void report_render_md(const struct report *r, struct strbuf *out)
{
	strbuf_puts(out, "# ");
	md_text(out, r->title);
	strbuf_putc(out, '\n');
	if (r->subtitle) {
		strbuf_puts(out, "\n_");
		md_text(out, r->subtitle);
		strbuf_puts(out, "_\n");
	}
	for (size_t i = 0; i < r->n; i++) {
		const struct report_block *b = &r->blocks[i];
		bool figure = b->kind == REPORT_FIGURE || b->kind == REPORT_BAR;
		bool follows = i > 0 && (r->blocks[i - 1].kind == REPORT_FIGURE ||
					 r->blocks[i - 1].kind == REPORT_BAR);
		if (figure) {
			md_figure(out, b, !follows);
		} else if (b->kind == REPORT_HEADING) {
			strbuf_puts(out, "\n## ");
			md_text(out, b->text);
			strbuf_putc(out, '\n');
		} else if (b->kind == REPORT_TEXT) {
			strbuf_putc(out, '\n');
			md_text(out, b->text);
			strbuf_putc(out, '\n');
		} else if (b->kind == REPORT_SERIES) {
			md_series(out, b);
		} else if (b->kind == REPORT_TABLE) {
			md_table(out, b);
		} else {
			md_story(out, b);
		}
	}
}
