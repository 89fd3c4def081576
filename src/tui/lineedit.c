/* Line editing over UTF-8: the cursor moves by whole characters, and a combining mark moves
 * with the letter before it. */
#include "lineedit.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "xalloc.h"

void lineedit_set(struct lineedit *e, const char *text, size_t max)
{
	size_t n = text ? strlen(text) : 0;
	if (e->text)
		explicit_bzero(e->text, e->cap);
	e->max = max;
	e->cap = n + 16;
	free(e->text);
	e->text = xmalloc(e->cap);
	memcpy(e->text, text ? text : "", n + 1);
	e->len = n;
	e->cursor = n;
}

/* Every buffer is wiped before it is let go: some hold passwords. */
void lineedit_free(struct lineedit *e)
{
	if (e->text)
		explicit_bzero(e->text, e->cap);
	free(e->text);
	memset(e, 0, sizeof *e);
}

/* The cursor moves, and Backspace deletes, a whole cluster: a letter with its marks, a
 * joined emoji. */
static size_t next_char(const struct lineedit *e, size_t at)
{
	size_t k = utf8_next_cluster(e->text + at, e->len - at);
	/* a newline stays a place of its own, whatever it follows */
	const char *nl = memchr(e->text + at + 1, '\n', k > 1 ? k - 1 : 0);
	if (nl)
		k = (size_t)(nl - (e->text + at));
	return at + (k ? k : 1) > e->len ? e->len : at + (k ? k : 1);
}

static size_t prev_char(const struct lineedit *e, size_t at)
{
	size_t p = 0, last = 0;
	while (p < at) {
		last = p;
		p = next_char(e, p);
	}
	return last;
}

bool lineedit_insert(struct lineedit *e, unsigned cp)
{
	char buf[4];
	size_t n;
	if (cp < 0x80) {
		if (cp < 0x20 && cp != '\n')
			return false;
		buf[0] = (char)cp, n = 1;
	} else if (cp < 0x800) {
		buf[0] = (char)(0xC0 | (cp >> 6)), buf[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
	} else if (cp < 0x10000) {
		buf[0] = (char)(0xE0 | (cp >> 12)), buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		buf[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
	} else if (cp < 0x110000) {
		buf[0] = (char)(0xF0 | (cp >> 18)), buf[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		buf[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), buf[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	} else {
		return false;
	}
	if ((cp >= 0x80 && utf8_is_control(cp)) || (cp >= 0xD800 && cp <= 0xDFFF))
		return false;
	if (e->len + n > e->max)
		return false;
	if (e->len + n + 1 > e->cap) { /* moved by hand, so the old copy can be wiped */
		size_t cap = (e->len + n + 1) * 2;
		char *grown = xmalloc(cap);
		memcpy(grown, e->text, e->len + 1);
		explicit_bzero(e->text, e->cap);
		free(e->text);
		e->text = grown;
		e->cap = cap;
	}
	memmove(e->text + e->cursor + n, e->text + e->cursor, e->len - e->cursor + 1);
	memcpy(e->text + e->cursor, buf, n);
	e->len += n;
	e->cursor += n;
	return true;
}

static void cut(struct lineedit *e, size_t from, size_t to)
{
	memmove(e->text + from, e->text + to, e->len - to + 1);
	e->len -= to - from;
	e->cursor = from;
}

static size_t word_start(const struct lineedit *e)
{
	size_t p = e->cursor;
	while (p > 0 && (e->text[p - 1] == ' ' || e->text[p - 1] == '\n'))
		p--;
	while (p > 0 && e->text[p - 1] != ' ' && e->text[p - 1] != '\n')
		p--;
	return p;
}

bool lineedit_act(struct lineedit *e, enum action a)
{
	switch (a) {
	case ACT_LEFT:
		e->cursor = prev_char(e, e->cursor);
		return true;
	case ACT_RIGHT:
		if (e->cursor < e->len)
			e->cursor = next_char(e, e->cursor);
		return true;
	case ACT_HOME:
		e->cursor = 0;
		return true;
	case ACT_END:
		e->cursor = e->len;
		return true;
	case ACT_BACKSPACE:
		if (e->cursor > 0)
			cut(e, prev_char(e, e->cursor), e->cursor);
		return true;
	case ACT_DELETE_CHAR:
		if (e->cursor < e->len)
			cut(e, e->cursor, next_char(e, e->cursor));
		return true;
	case ACT_KILL_LINE:
		cut(e, 0, e->cursor);
		return true;
	case ACT_KILL_WORD:
		cut(e, word_start(e), e->cursor);
		return true;
	default:
		return false;
	}
}

size_t lineedit_view(const struct lineedit *e, int cols, int *cursor_col)
{
	/* the shortest tail before the cursor that fits, leaving room for the cursor itself */
	size_t start = 0;
	for (;;) {
		char *head = xstrndup(e->text + start, e->cursor - start);
		int w = utf8_width(head);
		free(head);
		if (w < cols || start >= e->cursor) {
			*cursor_col = w;
			return start;
		}
		start = next_char(e, start);
	}
}
