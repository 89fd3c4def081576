/* The text report in lines, for a terminal, a file and the Reports screen alike: figures with
 * their values aligned at the right, bars against targets in block characters with the target
 * marked and the share met, month-by-month sparklines over their months' values, tables with
 * aligned columns, stories as quoted blocks. Every line fits the width and reads without
 * colour. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_render_impl.h"
#include "utf8.h"
#include "xalloc.h"

#define MIN_WIDTH 40

static void put(struct report_lines *l, enum report_style style, char *text)
{
	size_t n = strlen(text);
	while (n > 0 && text[n - 1] == ' ')
		text[--n] = '\0'; /* trailing blanks say nothing */
	if (l->n == l->cap)
		l->line = xgrow(l->line, l->n + 1, &l->cap, sizeof *l->line);
	l->line[l->n++] = (struct report_line){text, style};
}

/* a line made as printf makes it */
#define add(l, style, ...) put(l, style, xasprintf(__VA_ARGS__))

/* text made safe, cut or padded to exactly cols columns ("…" where cut) */
static char *fit(const char *text, int cols, bool right)
{
	char *safe = utf8_printable(text ? text : "");
	struct strbuf sb = STRBUF_INIT;
	int used = utf8_width(safe);
	if (used > cols) {
		size_t n = utf8_fit(safe, cols - 1, &used);
		strbuf_add(&sb, safe, n);
		strbuf_puts(&sb, "…");
		used++;
	} else if (!right) {
		strbuf_puts(&sb, safe);
	}
	for (; used < cols; used++)
		strbuf_putc(&sb, ' ');
	if (right && utf8_width(safe) <= cols)
		strbuf_puts(&sb, safe);
	free(safe);
	return strbuf_take(&sb);
}

/* Words flowed into lines of width columns, each line after prefix; returns the lines. */
static int wrap(struct report_lines *l, enum report_style style, const char *prefix,
		const char *text, int width)
{
	char *safe = utf8_printable(text ? text : "");
	int room = width - utf8_width(prefix), used = 0;
	size_t was = l->n;
	struct strbuf sb = STRBUF_INIT;
	char *save = NULL;
	for (char *w = strtok_r(safe, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		int ww = utf8_width(w);
		if (used > 0 && used + 1 + ww > room) {
			add(l, style, "%s%s", prefix, strbuf_str(&sb));
			strbuf_reset(&sb);
			used = 0;
		}
		while (used == 0 && ww > room) { /* a word longer than a line is cut */
			size_t n = utf8_fit(w, room, NULL);
			add(l, style, "%s%.*s", prefix, (int)n, w);
			w += n;
			ww = utf8_width(w);
		}
		if (used > 0)
			strbuf_putc(&sb, ' ');
		strbuf_puts(&sb, w);
		used += (used > 0) + ww;
	}
	if (used > 0)
		add(l, style, "%s%s", prefix, strbuf_str(&sb));
	strbuf_free(&sb);
	free(safe);
	return (int)(l->n - was);
}

static void rule(struct report_lines *l, enum report_style style, const char *ch, int cols)
{
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < cols; i++)
		strbuf_puts(&sb, ch);
	put(l, style, strbuf_take(&sb));
}

/* "  label          right": the label cut to leave right its place at the end. */
static void label_right(struct report_lines *l, enum report_style style, const char *label,
			const char *right, int width)
{
	int rw = utf8_width(right);
	int lw = width - 4 - rw < 12 ? 12 : width - 4 - rw;
	char *left = fit(label, lw, false);
	add(l, style, "  %s  %s", left, right);
	free(left);
}

static void figure(struct report_lines *l, const struct report_block *b, int width)
{
	char shown[96];
	report_shown(b, shown, sizeof shown);
	label_right(l, REPORT_STYLE_NORMAL, b->label, shown, width);
	if (b->note && *b->note)
		wrap(l, REPORT_STYLE_NOTE, "    ", b->note, width);
}

static void bar(struct report_lines *l, const struct report_block *b, int width)
{
	char shown[96], target[96], right[200], pct[16], cells[1024];
	report_shown(b, shown, sizeof shown);
	report_render_number(b->target, b->unit, target, sizeof target);
	report_render_percent(b->value, b->target, b->has_target, pct, sizeof pct);
	bool aimed = b->has_target && b->target > 0;
	snprintf(right, sizeof right, "%s %s %s", shown, aimed ? "of" : "·",
		 aimed ? target : "no target");
	label_right(l, REPORT_STYLE_NORMAL, b->label, right, width);
	int n = width - 4 - 6 > 60 ? 60 : width - 4 - 6;
	report_render_bar(b->has_value ? b->value : 0, b->target, b->has_target, n, cells,
			  sizeof cells);
	add(l, REPORT_STYLE_CHART, "  %s%s%s", cells, pct[0] ? " " : "", pct);
	if (b->note && *b->note)
		wrap(l, REPORT_STYLE_NOTE, "    ", b->note, width);
}

/* A month's name for a column ("Jan"), and its year ("2026") when it is the row's first or a
 * January; a label not a month as it is, with no year. */
static void month_parts(const char *label, bool first, char name[16], char year[16])
{
	char full[64];
	report_month_label(label, full, sizeof full);
	year[0] = '\0';
	if (strcmp(full, label) != 0 && strlen(full) == 8) {
		snprintf(name, 16, "%.3s", full);
		if (first || strncmp(full, "Jan", 3) == 0)
			snprintf(year, 16, "%.4s", full + 4);
	} else {
		snprintf(name, 16, "%.15s", full);
	}
}

/* A month's column: as wide as its widest value or "2026", and a space before. */
static int month_col(const struct report_block *b)
{
	int w = 4;
	for (int i = 0; i < b->n; i++) {
		char value[64];
		report_render_number(b->values[i], NULL, value, sizeof value);
		w = utf8_width(value) > w ? utf8_width(value) : w;
	}
	return w + 1;
}

static void cell(struct strbuf *sb, const char *text, int cols)
{
	char *f = fit(text, cols, true);
	strbuf_puts(sb, f);
	free(f);
}

/* The months' names (and years where one starts) over their values, as many to a row as fit. */
static void series_table(struct report_lines *l, const struct report_block *b, int width)
{
	int col = month_col(b), per = (width - 4) / col;
	per = per < 1 ? 1 : per;
	for (int start = 0; start < b->n; start += per) {
		struct strbuf names = STRBUF_INIT, years = STRBUF_INIT, values = STRBUF_INIT;
		strbuf_puts(&names, "   ");
		strbuf_puts(&years, "   ");
		strbuf_puts(&values, "   ");
		bool dated = false;
		for (int i = start; i < b->n && i < start + per; i++) {
			char name[16], year[16], value[64];
			month_parts(b->labels[i], i == start, name, year);
			report_render_number(b->values[i], NULL, value, sizeof value);
			cell(&names, name, col);
			cell(&years, year, col);
			cell(&values, value, col);
			dated = dated || year[0];
		}
		put(l, REPORT_STYLE_NOTE, strbuf_take(&names));
		if (dated)
			put(l, REPORT_STYLE_NOTE, strbuf_take(&years));
		put(l, REPORT_STYLE_NORMAL, strbuf_take(&values));
		strbuf_free(&years);
	}
}

/* A measure month by month as a line in braille, three rows high, its largest value marked
 * at the top and its least at the bottom. */
static void line_chart(struct report_lines *l, const struct report_block *b, const char *top,
		       const char *bottom, int width)
{
	int lw = utf8_width(top) > utf8_width(bottom) ? utf8_width(top) : utf8_width(bottom);
	int cols = b->n * 3 < width - 6 - lw ? b->n * 3 : width - 6 - lw;
	struct strbuf sb = STRBUF_INIT;
	report_render_braille(b->values, b->n, cols, 3, &sb);
	char *save = NULL;
	int row = 0;
	for (char *line = strtok_r(sb.buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save), row++) {
		const char *mark = row == 0 ? top : row == 2 ? bottom : "";
		add(l, REPORT_STYLE_CHART, "    %*s%s %s", lw - utf8_width(mark), "", mark, line);
	}
	strbuf_free(&sb);
}

static void series(struct report_lines *l, const struct report_block *b, int width)
{
	wrap(l, REPORT_STYLE_NORMAL, "  ", b->label, width);
	if (b->n == 0) {
		add(l, REPORT_STYLE_NOTE, "    %s", REPORT_NONE);
		return;
	}
	int hi = 0, lo = 0;
	for (int i = 1; i < b->n; i++) {
		hi = b->values[i] > b->values[hi] ? i : hi;
		lo = b->values[i] < b->values[lo] ? i : lo;
	}
	size_t size = (size_t)b->n * 4 + 1;
	char *spark = xcalloc(size, 1), top[64], bottom[64], at[64], at2[64];
	report_render_sparkline(b->values, b->n, spark, size);
	report_render_number(b->values[hi], NULL, top, sizeof top);
	report_render_number(b->values[lo], NULL, bottom, sizeof bottom);
	report_month_label(b->labels[hi], at, sizeof at);
	report_month_label(b->labels[lo], at2, sizeof at2);
	add(l, REPORT_STYLE_CHART, "    %s", spark);
	if (!report_counts(b) && b->n > 1)
		line_chart(l, b, top, bottom, width);
	char *range = xasprintf("highest %s (%s), lowest %s (%s)", top, at, bottom, at2);
	wrap(l, REPORT_STYLE_NOTE, "    ", range, width);
	free(range);
	free(spark);
	series_table(l, b, width);
}

static bool numeric(const char *s)
{
	char *end;
	if (!s || !*s)
		return false;
	strtod(s[0] == '\xc2' && s[1] == '\xa3' ? s + 2 : s, &end); /* "£" */
	return *end == '\0' || strcmp(end, "%") == 0;
}

/* Column widths that fit width: each as wide as its widest cell (a heading may take two
 * lines, so as its longest word), then the widest column gives way until they all fit. */
static int *table_widths(const struct report_block *b, int width)
{
	int *w = xcalloc((size_t)b->ncols + 1, sizeof *w), total = 2;
	for (int c = 0; c < b->ncols; c++) {
		for (int r = 1; r <= b->n; r++) {
			int cw = utf8_width(b->cells[r * b->ncols + c]);
			w[c] = cw > w[c] ? cw : w[c];
		}
		char *head = xstrdup(b->cells[c]), *save = NULL;
		for (char *word = strtok_r(head, " ", &save); word;
		     word = strtok_r(NULL, " ", &save))
			w[c] = utf8_width(word) > w[c] ? utf8_width(word) : w[c];
		free(head);
		w[c] = w[c] < 1 ? 1 : w[c];
		total += w[c] + 2;
	}
	while (total > width) {
		int widest = 0;
		for (int c = 1; c < b->ncols; c++)
			widest = w[c] > w[widest] ? c : widest;
		if (w[widest] <= 4)
			break;
		w[widest]--;
		total--;
	}
	return w;
}

/* The headings, each flowed into its column, on as many lines as the longest takes. */
static int table_head(struct report_lines *l, const struct report_block *b, const int *w)
{
	struct report_lines *words = xcalloc((size_t)b->ncols + 1, sizeof *words);
	size_t rows = 1;
	for (int c = 0; c < b->ncols; c++) {
		wrap(&words[c], REPORT_STYLE_HEADING, "", b->cells[c], w[c]);
		rows = words[c].n > rows ? words[c].n : rows;
	}
	int used = 0;
	for (size_t i = 0; i < rows; i++) {
		struct strbuf sb = STRBUF_INIT;
		used = 0;
		for (int c = 0; c < b->ncols; c++) {
			/* a heading sits on the last lines, over its column */
			size_t skip = rows - words[c].n;
			char *f = fit(i >= skip ? words[c].line[i - skip].text : "", w[c], false);
			strbuf_puts(&sb, "  ");
			strbuf_puts(&sb, f);
			used += 2 + w[c];
			free(f);
		}
		put(l, REPORT_STYLE_HEADING, strbuf_take(&sb));
	}
	for (int c = 0; c < b->ncols; c++)
		report_render_lines_free(&words[c]);
	free(words);
	return used;
}

static void table(struct report_lines *l, const struct report_block *b, int width)
{
	int *w = table_widths(b, width);
	int used = table_head(l, b, w);
	struct strbuf u = STRBUF_INIT;
	strbuf_puts(&u, "  ");
	for (int i = 2; i < used; i++)
		strbuf_puts(&u, "─");
	put(l, REPORT_STYLE_NOTE, strbuf_take(&u));
	for (int r = 1; r <= b->n; r++) {
		struct strbuf sb = STRBUF_INIT;
		for (int c = 0; c < b->ncols; c++) {
			const char *cell = b->cells[r * b->ncols + c];
			char *f = fit(cell, w[c], c > 0 && numeric(cell));
			strbuf_puts(&sb, "  ");
			strbuf_puts(&sb, f);
			free(f);
		}
		put(l, REPORT_STYLE_NORMAL, strbuf_take(&sb));
	}
	free(w);
}

static void story(struct report_lines *l, const struct report_block *b, int width)
{
	if (b->label && *b->label)
		wrap(l, REPORT_STYLE_HEADING, "  ", b->label, width);
	char *text = xstrdup(b->text ? b->text : ""), *save = NULL;
	for (char *para = strtok_r(text, "\n", &save); para; para = strtok_r(NULL, "\n", &save))
		wrap(l, REPORT_STYLE_QUOTE, "  │ ", para, width);
	free(text);
	if (b->by && *b->by) {
		char *by = xasprintf("— %s", b->by);
		wrap(l, REPORT_STYLE_NOTE, "    ", by, width);
		free(by);
	}
}

static void block(struct report_lines *l, const struct report_block *b, int width)
{
	switch (b->kind) {
	case REPORT_HEADING:
		add(l, REPORT_STYLE_NORMAL, "%s", "");
		if (wrap(l, REPORT_STYLE_HEADING, "", b->text, width) > 0)
			rule(l, REPORT_STYLE_HEADING, "─", utf8_width(l->line[l->n - 1].text));
		break;
	case REPORT_TEXT:
		wrap(l, REPORT_STYLE_NORMAL, "  ", b->text, width);
		break;
	case REPORT_FIGURE:
		figure(l, b, width);
		break;
	case REPORT_BAR:
		bar(l, b, width);
		break;
	case REPORT_SERIES:
		series(l, b, width);
		break;
	case REPORT_TABLE:
		table(l, b, width);
		break;
	case REPORT_STORY:
		add(l, REPORT_STYLE_NORMAL, "%s", "");
		story(l, b, width);
		break;
	}
}

void report_render_lines(const struct report *r, int width, struct report_lines *out)
{
	memset(out, 0, sizeof *out);
	width = width < MIN_WIDTH ? MIN_WIDTH : width;
	wrap(out, REPORT_STYLE_TITLE, "", r->title ? r->title : "Report", width);
	if (r->subtitle && *r->subtitle)
		wrap(out, REPORT_STYLE_NOTE, "", r->subtitle, width);
	rule(out, REPORT_STYLE_TITLE, "═", width);
	for (size_t i = 0; i < r->n; i++) {
		/* a figure after a chart or a story stands apart from it */
		bool apart = i > 0 && r->blocks[i].kind != REPORT_HEADING &&
			     r->blocks[i].kind != REPORT_STORY &&
			     (r->blocks[i - 1].kind == REPORT_SERIES ||
			      r->blocks[i - 1].kind == REPORT_TABLE ||
			      r->blocks[i - 1].kind == REPORT_TEXT ||
			      r->blocks[i].kind == REPORT_SERIES ||
			      r->blocks[i].kind == REPORT_TABLE);
		if (apart)
			add(out, REPORT_STYLE_NORMAL, "%s", "");
		block(out, &r->blocks[i], width);
	}
}

void report_render_lines_free(struct report_lines *l)
{
	for (size_t i = 0; l && i < l->n; i++)
		free(l->line[i].text);
	if (l)
		free(l->line);
}
