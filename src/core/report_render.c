/* The report renderers' front: the formats by name, how a number, a share of a target, a bar
 * and a sparkline read (the same in every format, so a figure can be found in each), and
 * writing a report to a file. */
#include "report_render.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "file.h"
#include "report_render_impl.h"
#include "xalloc.h"

const char *const report_formats[] = {"text", "md", "csv", "json", "html", NULL};

int report_format_find(const char *name)
{
	for (int i = 0; name && report_formats[i]; i++)
		if (strcmp(report_formats[i], name) == 0)
			return i;
	return -1;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);
	return n >= m && strcasecmp(s + n - m, tail) == 0;
}

enum report_format report_format_of_path(const char *path)
{
	if (ends_with(path, ".md"))
		return REPORT_FORMAT_MD;
	if (ends_with(path, ".csv"))
		return REPORT_FORMAT_CSV;
	if (ends_with(path, ".json"))
		return REPORT_FORMAT_JSON;
	if (ends_with(path, ".html") || ends_with(path, ".htm"))
		return REPORT_FORMAT_HTML;
	return REPORT_FORMAT_TEXT;
}

/* ---- how values read ---- */

/* digits with a comma every three: "1234567" to "1,234,567" */
static void grouped(const char *digits, char *buf, size_t n)
{
	size_t len = strlen(digits), at = 0;
	for (size_t i = 0; i < len && at + 2 < n; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[at++] = ',';
		buf[at++] = digits[i];
	}
	buf[at] = '\0';
}

void report_render_number(double value, const char *unit, char *buf, size_t n)
{
	bool money = unit && strcmp(unit, "£") == 0;
	double whole = floor(fabs(value) + 0.005);
	double part = fabs(value) - whole;
	char digits[64], group[96], frac[16] = "";
	snprintf(digits, sizeof digits, "%.0f", whole);
	grouped(digits, group, sizeof group);
	if (part >= 0.005) { /* two places for money, else as few as say it */
		snprintf(frac, sizeof frac, "%.2f", part);
		if (!money && frac[3] == '0')
			frac[3] = '\0';
	}
	const char *sign = value < 0 && (whole > 0 || part >= 0.005) ? "-" : "";
	const char *pre = money ? "£" : "", *space = "";
	const char *post = !unit || money ? "" : unit;
	if (*post && strcmp(post, "%") != 0)
		space = " ";
	snprintf(buf, n, "%s%s%s%s%s%s", sign, pre, group, frac[0] ? frac + 1 : "", space, post);
}

void report_render_percent(double value, double target, bool has_target, char *buf, size_t n)
{
	if (!has_target || target <= 0) {
		snprintf(buf, n, "%s", "");
		return;
	}
	snprintf(buf, n, "%.0f%%", floor(value / target * 100 + 0.5));
}

static const char *const eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};

void report_render_bar(double value, double target, bool has_target, int cells, char *buf, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	bool marked = has_target && target > 0;
	double v = value > 0 ? value : 0, scale = marked && target > v ? target : v;
	long fill = scale > 0 ? lround(v / scale * cells * 8) : 0;
	int mark = marked ? (int)lround(target / scale * cells) : -1;
	for (int c = 0; c <= cells; c++) {
		if (c == mark)
			strbuf_puts(&sb, "│");
		if (c == cells)
			break;
		long in = fill - (long)c * 8;
		if (in >= 8)
			strbuf_puts(&sb, "█");
		else if (in > 0)
			strbuf_puts(&sb, eighths[in]);
		else if (c < mark)
			strbuf_puts(&sb, "░");
		else
			strbuf_putc(&sb, ' ');
	}
	/* trailing blanks say nothing */
	while (sb.len > 0 && sb.buf[sb.len - 1] == ' ')
		sb.buf[--sb.len] = '\0';
	snprintf(buf, n, "%s", strbuf_str(&sb));
	strbuf_free(&sb);
}

void report_render_sparkline(const double *values, int n, char *buf, size_t size)
{
	static const char *const level[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
	double top = 0;
	for (int i = 0; i < n; i++)
		top = values[i] > top ? values[i] : top;
	size_t at = 0;
	buf[0] = '\0';
	for (int i = 0; i < n && at + 4 < size; i++) {
		int l = top > 0 && values[i] > 0 ? (int)lround(values[i] / top * 7) : 0;
		at += (size_t)snprintf(buf + at, size - at, "%s", level[l < 0 ? 0 : l]);
	}
}

/* the dot of a braille cell at column dx (0, 1) and row dy (0 at the top to 3) */
static const unsigned char dots[2][4] = {{0x01, 0x02, 0x04, 0x40}, {0x08, 0x10, 0x20, 0x80}};

static void plot(unsigned char *cell, int cols, int h, int x, int y)
{
	int down = h - 1 - y;
	cell[(down / 4) * cols + x / 2] |= dots[x % 2][down % 4];
}

void report_render_braille(const double *values, int n, int cols, int rows, struct strbuf *out)
{
	int w = cols * 2, h = rows * 4;
	unsigned char *cell = xcalloc((size_t)(cols * rows) + 1, 1);
	double lo = n ? values[0] : 0, hi = lo;
	for (int i = 1; i < n; i++) {
		lo = values[i] < lo ? values[i] : lo;
		hi = values[i] > hi ? values[i] : hi;
	}
	int px = 0, py = 0, last = 0;
	for (int i = 0; i < n; i++) {
		int x = n > 1 ? (int)lround(i * (w - 1) / (double)(n - 1)) : 0;
		int y = hi > lo ? (int)lround((values[i] - lo) / (hi - lo) * (h - 1)) : h / 2;
		for (int cx = i && x > px ? px + 1 : x; cx <= x; cx++) {
			int cy = x > px ? (int)lround(py + (double)(cx - px) / (x - px) * (y - py))
					: y;
			/* joined to the column before: the rise or fall drawn, not skipped */
			int from = i == 0 ? cy : cy > last ? last + 1 : cy < last ? last - 1 : cy;
			for (int yy = from < cy ? from : cy; yy <= (from < cy ? cy : from); yy++)
				plot(cell, cols, h, cx, yy);
			last = cy;
		}
		px = x;
		py = y;
	}
	for (int r = 0; r < rows; r++) {
		for (int c = 0; c < cols; c++) {
			unsigned char b = cell[r * cols + c];
			strbuf_putc(out, (char)0xe2);
			strbuf_putc(out, (char)(0xa0 | (b >> 6)));
			strbuf_putc(out, (char)(0x80 | (b & 0x3f)));
		}
		strbuf_putc(out, '\n');
	}
	free(cell);
}

void report_month_label(const char *label, char *buf, size_t n)
{
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	int y = 0, m = 0;
	size_t len = label ? strlen(label) : 0;
	if ((len == 7 || len == 10) && sscanf(label, "%4d-%2d", &y, &m) == 2 && m >= 1 && m <= 12 &&
	    label[4] == '-')
		snprintf(buf, n, "%s %d", months[m - 1], y);
	else
		snprintf(buf, n, "%s", label ? label : "");
}

bool report_counts(const struct report_block *b)
{
	for (int i = 0; i < b->n; i++)
		if (b->values[i] < 0 || fabs(b->values[i] - round(b->values[i])) > 1e-9)
			return false;
	return true;
}

void report_shown(const struct report_block *b, char *buf, size_t n)
{
	if (b->has_value)
		report_render_number(b->value, b->unit, buf, n);
	else
		snprintf(buf, n, "%s", REPORT_NONE);
}

/* ---- the formats ---- */

void report_render(const struct report *r, enum report_format f, int width, struct strbuf *out)
{
	switch (f) {
	case REPORT_FORMAT_MD:
		report_render_md(r, out);
		return;
	case REPORT_FORMAT_CSV:
		report_render_csv(r, out);
		return;
	case REPORT_FORMAT_JSON:
		report_render_json(r, out);
		return;
	case REPORT_FORMAT_HTML:
		report_render_html(r, out);
		return;
	default:
		break;
	}
	struct report_lines l;
	report_render_lines(r, width, &l);
	for (size_t i = 0; i < l.n; i++) {
		strbuf_puts(out, l.line[i].text);
		strbuf_putc(out, '\n');
	}
	report_render_lines_free(&l);
}

int report_render_write(const struct report *r, enum report_format f, const char *path,
			const char *db_path, bool force, struct kerr *err)
{
	struct file_out o;
	int status = file_check_out(path, db_path, force, err);
	if (status == K_OK)
		status = file_out_open(&o, path, err);
	if (status != K_OK)
		return status;
	struct strbuf sb = STRBUF_INIT;
	report_render(r, f, 80, &sb);
	bool ok = fwrite(strbuf_str(&sb), 1, sb.len, o.f) == sb.len;
	strbuf_free(&sb);
	status = file_out_close(&o, ok, err);
	if (status == K_OK && !ok)
		status = kerr_set(err, K_REFUSED, "output", "%s could not be written", path);
	return status;
}
