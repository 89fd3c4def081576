/* Turning a report document (report.h) into what people read: text for a terminal (aligned
 * figures, bars against targets, sparklines), Markdown, CSV (one row a figure), JSON, and one
 * self-contained HTML file with SVG charts that prints on A4. Renderers only read the
 * document; the Reports screen draws the text's lines (report_render_lines). */
#ifndef KITH_REPORT_RENDER_H
#define KITH_REPORT_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "kerr.h"

struct report;
struct strbuf;

enum report_format {
	REPORT_FORMAT_TEXT,
	REPORT_FORMAT_MD,
	REPORT_FORMAT_CSV,
	REPORT_FORMAT_JSON,
	REPORT_FORMAT_HTML
};

/* The formats' names, in enum order, NULL-terminated: "text", "md", "csv", "json", "html". */
extern const char *const report_formats[];
/* The format called name; -1 when none is. */
int report_format_find(const char *name);
/* The format a file's name suggests (".md", ".csv", ".json", ".html"/".htm"), else text. */
enum report_format report_format_of_path(const char *path);

/* What a line of the text report is, for the screen to paint it. */
enum report_style {
	REPORT_STYLE_NORMAL,
	REPORT_STYLE_TITLE,
	REPORT_STYLE_HEADING,
	REPORT_STYLE_NOTE, /* a figure's note, a series' months: read second */
	REPORT_STYLE_CHART,
	REPORT_STYLE_QUOTE,
};

struct report_line {
	char *text;
	enum report_style style;
};

struct report_lines {
	struct report_line *line;
	size_t n, cap;
};

/* The text report laid out in lines of at most width columns (at least 40 are used). The
 * caller frees with report_render_lines_free. */
void report_render_lines(const struct report *r, int width, struct report_lines *out);
void report_render_lines_free(struct report_lines *l);

/* The whole report in format f appended to out; width is the text's (80 for a file). */
void report_render(const struct report *r, enum report_format f, int width, struct strbuf *out);

/* Writes the report to path in format f through file.c: never over the database, nor over a
 * file already there unless force (K_DUPLICATE naming path and --force). db_path may be NULL. */
int report_render_write(const struct report *r, enum report_format f, const char *path,
			const char *db_path, bool force, struct kerr *err);

/* A value as every format shows it: "1,234", "£12,500", "87.5%", "0.43", "3 hours". */
void report_render_number(double value, const char *unit, char *buf, size_t n);
/* The share of a target met, rounded: "80%"; "" when the target is zero or none. */
void report_render_percent(double value, double target, bool has_target, char *buf, size_t n);
/* A bar of cells columns (plus one for the target marker) in block characters: the value
 * filled (█ and eighths), the rest to the target shaded (░), the target marked │. */
void report_render_bar(double value, double target, bool has_target, int cells, char *buf,
		       size_t n);
/* A line chart in braille of cols by rows characters (two points across and four down a
 * character), from the least value at the bottom to the largest at the top: rows lines, each
 * ended by a newline, appended to out. */
void report_render_braille(const double *values, int n, int cols, int rows, struct strbuf *out);
/* One character a value, ▁ to █ from zero to the largest. */
void report_render_sparkline(const double *values, int n, char *buf, size_t size);

#endif
