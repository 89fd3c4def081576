/* A small recursive JSON reader (see jsonr.h): depth-limited, so that a hostile file cannot
 * exhaust the stack, and strict, so that what it accepts is what other readers accept. */
#include "jsonr.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

#define DEPTH_MAX 64

struct parser {
	const char *s, *end;
	long line;
	char *why;
	size_t whylen;
	bool failed;
};

static bool fail(struct parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool fail(struct parser *p, const char *fmt, ...)
{
	if (!p->failed) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(p->why, p->whylen, fmt, ap);
		va_end(ap);
		p->failed = true;
	}
	return false;
}

static void space(struct parser *p)
{
	for (; p->s < p->end && strchr(" \t\r\n", *p->s) && *p->s; p->s++)
		if (*p->s == '\n')
			p->line++;
}

static int hex4(const char *s)
{
	int v = 0;
	for (int i = 0; i < 4; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9'   ? c - '0'
			: c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10
					       : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

static void put_utf8(struct strbuf *sb, uint32_t cp)
{
	char b[4];
	int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
	static const unsigned char lead[] = {0, 0, 0xC0, 0xE0, 0xF0};
	for (int i = n - 1; i > 0; i--, cp >>= 6)
		b[i] = (char)(0x80 | (cp & 0x3F));
	b[0] = (char)(n == 1 ? cp : (lead[n] | cp));
	strbuf_add(sb, b, (size_t)n);
}

/* \uXXXX, with a surrogate pair read as one code point. */
static bool unicode(struct parser *p, struct strbuf *sb)
{
	int hi = p->end - p->s >= 4 ? hex4(p->s) : -1;
	if (hi < 0)
		return fail(p, "a \\u escape needs four hex digits");
	p->s += 4;
	uint32_t cp = (uint32_t)hi;
	if (hi >= 0xD800 && hi < 0xDC00) {
		int lo = p->end - p->s >= 6 && p->s[0] == '\\' && p->s[1] == 'u' ? hex4(p->s + 2)
										 : -1;
		if (lo < 0xDC00 || lo >= 0xE000)
			return fail(p, "a lone surrogate in a \\u escape");
		p->s += 6;
		cp = 0x10000 + (((uint32_t)hi - 0xD800) << 10) + ((uint32_t)lo - 0xDC00);
	} else if (hi >= 0xDC00 && hi < 0xE000) {
		return fail(p, "a lone surrogate in a \\u escape");
	}
	put_utf8(sb, cp);
	return true;
}

static bool escape(struct parser *p, struct strbuf *sb)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	char c = p->s < p->end ? *p->s++ : 0;
	const char *at = c ? strchr(from, c) : NULL;
	if (c == 'u')
		return unicode(p, sb);
	if (!at)
		return fail(p, "an unknown escape in a string");
	strbuf_putc(sb, to[at - from]);
	return true;
}

static char *string(struct parser *p)
{
	struct strbuf sb = STRBUF_INIT;
	p->s++; /* the opening quote */
	while (p->s < p->end && *p->s != '"' && !p->failed) {
		const char *run = p->s;
		while (p->s < p->end && *p->s != '"' && *p->s != '\\' &&
		       (unsigned char)*p->s >= 0x20)
			p->s++;
		strbuf_add(&sb, run, (size_t)(p->s - run));
		if (p->s < p->end && (unsigned char)*p->s < 0x20)
			fail(p, "a control character inside a string");
		else if (p->s < p->end && *p->s == '\\')
			p->s++, escape(p, &sb);
	}
	if (p->s >= p->end)
		fail(p, "a string that never ends");
	if (!p->failed && !utf8_valid(strbuf_str(&sb), sb.len))
		fail(p, "a string that is not UTF-8");
	p->s++;
	if (p->failed) {
		strbuf_free(&sb);
		return NULL;
	}
	return strbuf_take(&sb);
}

static bool number(struct parser *p, struct jsonr *v)
{
	const char *start = p->s;
	if (p->s < p->end && *p->s == '-')
		p->s++;
	size_t digits = strspn(p->s, "0123456789");
	if (digits == 0 || (digits > 1 && *p->s == '0'))
		return fail(p, "a malformed number");
	p->s += digits;
	if (p->s < p->end && *p->s == '.') {
		p->s++;
		if (!(digits = strspn(p->s, "0123456789")))
			return fail(p, "a malformed number");
		p->s += digits;
	}
	if (p->s < p->end && (*p->s == 'e' || *p->s == 'E')) {
		p->s++;
		p->s += p->s < p->end && (*p->s == '+' || *p->s == '-');
		if (!(digits = strspn(p->s, "0123456789")))
			return fail(p, "a malformed number");
		p->s += digits;
	}
	v->type = JSONR_NUMBER;
	v->text = xstrndup(start, (size_t)(p->s - start));
	return true;
}

static bool literal(struct parser *p, struct jsonr *v)
{
	static const struct {
		const char *word;
		enum jsonr_type type;
	} words[] = {{"true", JSONR_BOOL}, {"false", JSONR_BOOL}, {"null", JSONR_NULL}};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		size_t n = strlen(words[i].word);
		if ((size_t)(p->end - p->s) >= n && memcmp(p->s, words[i].word, n) == 0) {
			v->type = words[i].type;
			v->text = v->type == JSONR_BOOL ? xstrdup(words[i].word) : NULL;
			p->s += n;
			return true;
		}
	}
	return fail(p, "something that is not a JSON value");
}

static bool value(struct parser *p, struct jsonr *v, int depth);

/* An array's items or an object's members, up to the closing bracket. */
static bool items(struct parser *p, struct jsonr *v, char close, int depth)
{
	size_t cap = 0;
	p->s++;
	space(p);
	if (p->s < p->end && *p->s == close)
		return p->s++, true;
	for (;;) {
		if (v->n == cap) {
			cap = xgrow_cap(cap);
			v->item = xreallocarray(v->item, cap, sizeof *v->item);
		}
		struct jsonr *it = &v->item[v->n++];
		memset(it, 0, sizeof *it);
		space(p);
		if (close == '}') {
			if (p->s >= p->end || *p->s != '"')
				return fail(p, "an object's member needs a quoted name");
			if (!(it->key = string(p)))
				return false;
			space(p);
			if (p->s >= p->end || *p->s++ != ':')
				return fail(p, "a member's name needs a colon after it");
		}
		if (!value(p, it, depth + 1))
			return false;
		space(p);
		char c = p->s < p->end ? *p->s++ : 0;
		if (c == close)
			return true;
		if (c != ',')
			return fail(p, close == '}' ? "a comma or } expected"
						    : "a comma or ] expected");
	}
}

static bool value(struct parser *p, struct jsonr *v, int depth)
{
	space(p);
	v->line = p->line;
	if (depth > DEPTH_MAX)
		return fail(p, "nested more than %d deep", DEPTH_MAX);
	if (p->s >= p->end)
		return fail(p, "the text ends where a value should be");
	switch (*p->s) {
	case '{':
		v->type = JSONR_OBJECT;
		return items(p, v, '}', depth);
	case '[':
		v->type = JSONR_ARRAY;
		return items(p, v, ']', depth);
	case '"':
		v->type = JSONR_STRING;
		return (v->text = string(p)) != NULL;
	default:
		return *p->s == '-' || (*p->s >= '0' && *p->s <= '9') ? number(p, v)
								      : literal(p, v);
	}
}

static void release(struct jsonr *v)
{
	for (size_t i = 0; i < v->n; i++)
		release(&v->item[i]);
	free(v->item), free(v->key), free(v->text);
}

void jsonr_free(struct jsonr *v)
{
	if (v)
		release(v);
	free(v);
}

struct jsonr *jsonr_parse(const char *s, size_t n, char *why, size_t whylen, long *line)
{
	struct parser p = {.s = s, .end = s + n, .line = 1, .why = why, .whylen = whylen};
	struct jsonr *v = xcalloc(1, sizeof *v);
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) /* a byte order mark */
		p.s += 3;
	if (value(&p, v, 0)) {
		space(&p);
		if (p.s < p.end)
			fail(&p, "more after the JSON value");
	}
	*line = p.line;
	if (p.failed) {
		jsonr_free(v);
		return NULL;
	}
	return v;
}

const struct jsonr *jsonr_get(const struct jsonr *v, const char *key)
{
	for (size_t i = 0; v && v->type == JSONR_OBJECT && i < v->n; i++)
		if (strcmp(v->item[i].key, key) == 0)
			return &v->item[i];
	return NULL;
}

const char *jsonr_text(const struct jsonr *v, const char *key)
{
	const struct jsonr *m = jsonr_get(v, key);
	return m && m->text ? m->text : "";
}
