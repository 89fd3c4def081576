/* The CSV reader, a state machine over the whole file, and the cell writer. */
#include "csv.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

void csv_open(struct csv_reader *r, const char *data, size_t len)
{
	memset(r, 0, sizeof *r);
	r->data = data;
	r->len = len;
	r->line = 1;
	r->separator = ',';
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		r->at = 3;
}

void csv_row_free(struct csv_row *row)
{
	for (int i = 0; !row->text && i < row->n; i++)
		free(row->field[i]);
	free(row->field);
	free(row->text);
	free(row->start);
	memset(row, 0, sizeof *row);
}

long csv_lines_about(const struct csv_reader *r)
{
	long lines = 0;
	const char *end = r->data + r->len;
	for (const char *p = r->data + r->at; (p = memchr(p, '\n', (size_t)(end - p))); p++)
		lines++;
	return lines;
}

char **csv_row_take(struct csv_row *row)
{
	char **out = xcalloc((size_t)row->n + 1, sizeof *out);
	for (int i = 0; i < row->n; i++)
		out[i] = row->text ? xstrdup(row->field[i]) : row->field[i];
	if (!row->text)
		row->n = 0;
	csv_row_free(row);
	return out;
}

static enum csv_status fail(struct csv_reader *r, long line, const char *why)
{
	snprintf(r->error, sizeof r->error, "%s", why);
	r->error_line = line;
	return CSV_ERROR;
}

/* A finished field (n bytes at s): checked, then kept in the row's buffer. */
static enum csv_status keep(struct csv_reader *r, struct csv_row *row, const char *s, size_t n)
{
	unsigned nul = 0, control = 0, high = 0;
	bool look = !utf8_plain_ascii(s, n);
	for (size_t i = 0; look && i < n; i++) { /* one pass, without branches */
		unsigned c = (unsigned char)s[i];
		nul |= c == 0;
		control |= (c < 0x20) & (c != '\t') & (c != '\n') & (c != '\r');
		high |= c >> 7;
	}
	if (nul)
		return fail(r, r->line, "a NUL byte");
	if (high && !utf8_valid(s, n)) /* ASCII is UTF-8 */
		return fail(r, r->line, "not valid UTF-8 (save the file as UTF-8)");
	if (control)
		return fail(r, r->line, "a control character");
	size_t cap = row->cap;
	row->field = xgrow(row->field, (size_t)row->n, &row->cap, sizeof *row->field);
	if (row->cap != cap)
		row->start = xrealloc(row->start, row->cap * sizeof *row->start);
	row->start[row->n++] = row->text_len;
	while (row->text_len + n + 1 > row->text_cap) {
		row->text_cap = row->text_cap ? 2 * row->text_cap : 256;
		row->text = xrealloc(row->text, row->text_cap);
	}
	memcpy(row->text + row->text_len, s, n);
	row->text_len += n;
	row->text[row->text_len++] = '\0';
	return CSV_ROW;
}

/* The row's fields, once its buffer is done moving. */
static void point(struct csv_row *row)
{
	for (int i = 0; i < row->n; i++)
		row->field[i] = row->text + row->start[i];
}

static bool newline(char c)
{
	return c == '\n' || c == '\r';
}

/* Past a record's end: CRLF, LF or CR. */
static void end_of_line(struct csv_reader *r)
{
	if (r->at < r->len && r->data[r->at] == '\r') {
		r->at++;
		if (r->at < r->len && r->data[r->at] == '\n')
			r->at++;
	} else if (r->at < r->len && r->data[r->at] == '\n') {
		r->at++;
	}
	r->line++;
}

/* The text of a quoted field up to its next quote (or the file's end), taken at once: its
 * lines counted as they pass. */
static void quoted_span(struct csv_reader *r, struct strbuf *f)
{
	const char *p = r->data + r->at, *q = memchr(p, '"', r->len - r->at);
	size_t span = q ? (size_t)(q - p) : r->len - r->at;
	for (size_t i = 0; i < span; i++)
		if (p[i] == '\n' || (p[i] == '\r' && !(r->at + i + 1 < r->len && p[i + 1] == '\n')))
			r->line++;
	strbuf_add(f, p, span);
	r->at += span;
}

/* A quoted field, from just past its opening quote. */
static enum csv_status quoted(struct csv_reader *r, struct strbuf *f, long began)
{
	for (;;) {
		quoted_span(r, f);
		if (f->len > CSV_FIELD_MAX)
			return fail(r, began, "a field longer than 64 KB");
		if (r->at >= r->len)
			return fail(r, began, "a quote opened here is never closed");
		r->at++; /* past a quote: a doubled one is a quote in the text */
		if (r->at < r->len && r->data[r->at] == '"') {
			strbuf_putc(f, '"');
			r->at++;
			continue;
		}
		if (r->at < r->len && r->data[r->at] != r->separator && !newline(r->data[r->at]))
			return fail(r, r->line,
				    "text after a closing quote (quote the whole "
				    "field, and double the quotes inside it)");
		return CSV_ROW;
	}
}

enum csv_status csv_next(struct csv_reader *r, struct csv_row *row)
{
	for (int i = 0; !row->text && i < row->n; i++)
		free(row->field[i]);
	row->n = 0;
	row->text_len = 0;
	if (r->at >= r->len)
		return CSV_END;
	row->line = r->line;
	struct strbuf f = STRBUF_INIT; /* a quoted field's text, its doubled quotes undone */
	enum csv_status st = CSV_ROW;
	if (newline(r->data[r->at])) { /* a blank line: a record of no fields */
		end_of_line(r);
		return CSV_ROW;
	}
	for (;;) {
		if (r->at < r->len && r->data[r->at] == '"') {
			r->at++;
			st = quoted(r, &f, r->line);
			if (st == CSV_ROW)
				st = keep(r, row, strbuf_str(&f), f.len);
			strbuf_reset(&f);
		} else { /* to the next separator or line end, taken at once */
			size_t from = r->at;
			while (r->at < r->len && r->data[r->at] != r->separator &&
			       !newline(r->data[r->at]))
				r->at++;
			st = r->at - from > CSV_FIELD_MAX
				     ? fail(r, r->line, "a field longer than 64 KB")
				     : keep(r, row, r->data + from, r->at - from);
		}
		if (st != CSV_ROW || r->at >= r->len)
			break;
		if (r->data[r->at] == r->separator) {
			r->at++;
			if (r->at >= r->len || newline(r->data[r->at])) { /* a last, empty field */
				st = keep(r, row, "", 0);
				if (r->at < r->len)
					end_of_line(r);
				break;
			}
			continue;
		}
		end_of_line(r);
		break;
	}
	strbuf_free(&f);
	point(row);
	return st;
}

bool csv_row_blank(const struct csv_row *row)
{
	for (int i = 0; i < row->n; i++)
		if (row->field[i][strspn(row->field[i], " \t")])
			return false;
	return true;
}

/* ---- writing ---- */

static void cell(struct strbuf *out, const char *text, bool first, bool guard)
{
	if (!first)
		strbuf_putc(out, ',');
	text = text ? text : "";
	bool inert = guard && strchr("=+-@\t\r", text[0]) && text[0];
	bool quote = inert || strpbrk(text, ",\"\r\n") || text[0] == ' ';
	if (quote)
		strbuf_putc(out, '"');
	if (inert)
		strbuf_putc(out, '\'');
	for (const char *p = text; *p; p++) {
		if (*p == '"')
			strbuf_putc(out, '"');
		strbuf_putc(out, *p);
	}
	if (quote)
		strbuf_putc(out, '"');
}

void csv_cell(struct strbuf *out, const char *text, bool first)
{
	cell(out, text, first, true);
}

void csv_cell_as_is(struct strbuf *out, const char *text, bool first)
{
	cell(out, text, first, false);
}

const char *csv_uninert(const char *text)
{
	return text[0] == '\'' && text[1] && strchr("=+-@\t\r", text[1]) ? text + 1 : text;
}
