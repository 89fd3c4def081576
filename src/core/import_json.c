/* kith's JSON exports read back as rows: an array of flat objects becomes a header (every key,
 * in the order first met) and a row of text per object, so that the CSV import's matching
 * and checks take it from there. Strings, numbers, true, false and null only. */
#include "import_map.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "xalloc.h"

struct reading {
	const char *p, *end;
	long line;
	struct import_rows *out;
	char *why;
	size_t whylen;
};

static bool fail(struct reading *r, const char *what)
{
	snprintf(r->why, r->whylen, "%s", what);
	r->out->error_line = r->line;
	return false;
}

static void blank(struct reading *r)
{
	for (; r->p < r->end && strchr(" \t\r\n", *r->p) && *r->p; r->p++)
		if (*r->p == '\n')
			r->line++;
}

static bool expect(struct reading *r, char c)
{
	blank(r);
	if (r->p >= r->end || *r->p != c)
		return false;
	r->p++;
	return true;
}

static unsigned hex4(const char *p)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		int d = c >= '0' && c <= '9'   ? c - '0'
			: c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10
					       : -1;
		if (d < 0)
			return 0x110000; /* no code point */
		v = v * 16 + (unsigned)d;
	}
	return v;
}

static void put_utf8(struct strbuf *sb, unsigned c)
{
	if (c < 0x80) {
		strbuf_putc(sb, (char)c);
	} else if (c < 0x800) {
		strbuf_putc(sb, (char)(0xC0 | c >> 6));
		strbuf_putc(sb, (char)(0x80 | (c & 0x3F)));
	} else if (c < 0x10000) {
		strbuf_putc(sb, (char)(0xE0 | c >> 12));
		strbuf_putc(sb, (char)(0x80 | (c >> 6 & 0x3F)));
		strbuf_putc(sb, (char)(0x80 | (c & 0x3F)));
	} else {
		strbuf_putc(sb, (char)(0xF0 | c >> 18));
		strbuf_putc(sb, (char)(0x80 | (c >> 12 & 0x3F)));
		strbuf_putc(sb, (char)(0x80 | (c >> 6 & 0x3F)));
		strbuf_putc(sb, (char)(0x80 | (c & 0x3F)));
	}
}

/* \uXXXX at r->p, a pair of them for a letter beyond the first 65536. */
static bool escaped_unit(struct reading *r, struct strbuf *sb)
{
	if (r->end - r->p < 6)
		return false;
	unsigned c = hex4(r->p + 2);
	r->p += 6;
	if (c >= 0xD800 && c < 0xDC00) {
		if (r->end - r->p < 6 || r->p[0] != '\\' || r->p[1] != 'u')
			return false;
		unsigned lo = hex4(r->p + 2);
		if (lo < 0xDC00 || lo > 0xDFFF)
			return false;
		c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
		r->p += 6;
	} else if (c > 0xFFFF || (c >= 0xDC00 && c < 0xE000) || c == 0) {
		return false;
	}
	put_utf8(sb, c);
	return true;
}

static bool string(struct reading *r, char **out)
{
	if (!expect(r, '"'))
		return fail(r, "a quoted string was expected");
	struct strbuf sb = STRBUF_INIT;
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	while (r->p < r->end && *r->p != '"') {
		if ((unsigned char)*r->p < 0x20) {
			strbuf_free(&sb);
			return fail(r, "a control character inside a string");
		}
		if (*r->p != '\\') {
			strbuf_putc(&sb, *r->p++);
			continue;
		}
		const char *e = r->p + 1 < r->end ? strchr(from, r->p[1]) : NULL;
		if (e && *e) {
			strbuf_putc(&sb, to[e - from]);
			r->p += 2;
		} else if (r->p + 1 >= r->end || r->p[1] != 'u' || !escaped_unit(r, &sb)) {
			strbuf_free(&sb);
			return fail(r, "a string's escape is not one JSON has");
		}
	}
	if (r->p >= r->end) {
		strbuf_free(&sb);
		return fail(r, "a string is not closed");
	}
	r->p++;
	*out = strbuf_take(&sb);
	return true;
}

/* A value as text: true "1", false "0", null "", a number as written. */
static bool value(struct reading *r, char **out)
{
	blank(r);
	if (r->p < r->end && *r->p == '"')
		return string(r, out);
	static const char *const words[][2] = {{"true", "1"}, {"false", "0"}, {"null", ""}};
	for (size_t w = 0; w < 3; w++) {
		size_t n = strlen(words[w][0]);
		if ((size_t)(r->end - r->p) >= n && strncmp(r->p, words[w][0], n) == 0) {
			r->p += n;
			*out = xstrdup(words[w][1]);
			return true;
		}
	}
	const char *start = r->p;
	while (r->p < r->end && strchr("+-0123456789.eE", *r->p) && *r->p)
		r->p++;
	if (r->p == start)
		return fail(r, "a value that is not text, a number, true, false or null");
	*out = xstrndup(start, (size_t)(r->p - start));
	return true;
}

/* p grown so that index i is in it, what it gains zeroed. */
static void *grown(void *p, size_t i, size_t *cap, size_t size)
{
	size_t was = *cap;
	p = xgrow(p, i, cap, size);
	if (*cap > was)
		memset((char *)p + was * size, 0, (*cap - was) * size);
	return p;
}

/* The column of key in the header, added when new. */
static int column(struct import_rows *rows, const char *key)
{
	for (int c = 0; c < rows->header.n; c++)
		if (strcmp(rows->header.field[c], key) == 0)
			return c;
	rows->header.field = grown(rows->header.field, (size_t)rows->header.n, &rows->header.cap,
				   sizeof *rows->header.field);
	rows->header.field[rows->header.n] = xstrdup(key);
	return rows->header.n++;
}

static bool pair(struct reading *r, char ***vals, size_t *cap)
{
	char *key = NULL, *v = NULL;
	if (!string(r, &key))
		return false;
	bool ok = expect(r, ':') ? value(r, &v) : fail(r, "a ':' was expected after a key");
	if (ok) {
		int c = column(r->out, key);
		*vals = grown(*vals, (size_t)c, cap, sizeof **vals);
		free((*vals)[c]);
		(*vals)[c] = v;
	}
	free(key);
	return ok;
}

static bool object(struct reading *r)
{
	if (!expect(r, '{'))
		return fail(r, "each record is an object, {...}");
	long line = r->line;
	char **vals = NULL;
	size_t cap = 0;
	bool ok = true;
	if (!expect(r, '}')) {
		do
			ok = pair(r, &vals, &cap);
		while (ok && expect(r, ','));
		if (ok && !expect(r, '}'))
			ok = fail(r, "a ',' or '}' was expected");
	}
	struct import_rows *rows = r->out;
	rows->row = grown(rows->row, (size_t)rows->n, &rows->cap, sizeof *rows->row);
	rows->row[rows->n++] = (struct csv_row){vals, 0, cap, line};
	return ok;
}

/* Every row is as wide as the header, an absent key an empty value. */
static void square(struct import_rows *rows)
{
	int n = rows->header.n;
	for (int i = 0; i < rows->n; i++) {
		struct csv_row *row = &rows->row[i];
		row->field = grown(row->field, (size_t)n, &row->cap, sizeof *row->field);
		for (int c = 0; c < n; c++)
			if (!row->field[c])
				row->field[c] = xstrdup("");
		row->n = n;
	}
}

bool import_json_rows(const char *data, size_t n, struct import_rows *out, char *why, size_t whylen)
{
	memset(out, 0, sizeof *out);
	struct reading r = {data, data + n, 1, out, why, whylen};
	if (n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		r.p += 3;
	out->header.line = 1;
	if (!expect(&r, '['))
		return fail(&r, "a JSON export is an array of records, [...]");
	bool ok = true;
	if (!expect(&r, ']')) {
		do
			ok = object(&r);
		while (ok && expect(&r, ','));
		if (ok && !expect(&r, ']'))
			ok = fail(&r, "a ',' or ']' was expected");
	}
	blank(&r);
	if (ok && r.p != r.end)
		ok = fail(&r, "text after the array's end");
	square(out);
	return ok;
}

bool import_json_looks(const char *data, size_t n)
{
	size_t i = n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (i < n && strchr(" \t\r\n", data[i]) && data[i])
		i++;
	return i < n && data[i] == '[';
}

void import_rows_free(struct import_rows *rows)
{
	for (int c = 0; c < rows->header.n; c++)
		free(rows->header.field[c]);
	free(rows->header.field);
	for (int i = 0; i < rows->n; i++) {
		for (int c = 0; c < rows->row[i].n; c++)
			free(rows->row[i].field[c]);
		free(rows->row[i].field);
	}
	free(rows->row);
	memset(rows, 0, sizeof *rows);
}
