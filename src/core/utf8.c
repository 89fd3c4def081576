/* UTF-8 decoding, validation and terminal width, per grapheme cluster (libunistring finds
 * them). Everything stored passes utf8_valid(); everything drawn passes through
 * utf8_drawable() or utf8_printable(), and is cut with utf8_fit(). */
#include "utf8.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <stdlib.h>
#include <unigbrk.h>
#include <unictype.h>
#include <wchar.h>

#include "xalloc.h"

size_t utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n == 0)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	size_t len;
	uint32_t c, min;
	if ((u[0] & 0xE0) == 0xC0) {
		len = 2, c = u[0] & 0x1F, min = 0x80;
	} else if ((u[0] & 0xF0) == 0xE0) {
		len = 3, c = u[0] & 0x0F, min = 0x800;
	} else if ((u[0] & 0xF8) == 0xF0) {
		len = 4, c = u[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

bool utf8_plain_ascii(const char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	uint64_t odd = 0, w;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) { /* a byte below 0x20 borrows into its high bit */
		memcpy(&w, s + i, 8);
		uint64_t del = w ^ (0x7F * ones); /* DEL, a control, is a zero byte here */
		odd |= (w - 0x20 * ones) | w | ((del - ones) & ~del);
	}
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		odd |= c < 0x20 || c > 0x7E ? highs : 0;
	}
	return !(odd & highs);
}

bool utf8_valid(const char *s, size_t n)
{
	size_t i = 0;
	uint32_t cp;
	while (i < n) {
		if ((unsigned char)s[i] - 1u < 0x7Fu) { /* ASCII but NUL: most of any text */
			i++;
			continue;
		}
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (k == 0 || cp == 0)
			return false;
		i += k;
	}
	return true;
}

bool utf8_is_control(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return true;
	/* LRE..RLO and LRI..PDI: they reorder text that follows, breaking columns. */
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

int utf8_cp_width(uint32_t cp)
{
	if (utf8_is_control(cp))
		return 1;
	int w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

/* ---- grapheme clusters ----
 * A letter with its marks, or an emoji with what joins it, is one cluster, and terminals
 * draw it in one go. How wide is where they part: on a joined emoji (a ZWJ sequence such as
 * a family), a skin tone, a variation selector asking for emoji or text presentation, a
 * keycap or a flag's tag characters, xterm draws every part, tmux the first part's width and
 * the newer terminals one emoji of two columns, while curses counts every part. Such a
 * cluster is drawn as its first character, which every terminal draws as wide as curses
 * counts it; a cluster of letters and marks is drawn whole. */

#define ZWJ 0x200D

/* A part that makes terminals disagree on the width of the cluster it is in. */
static bool disputed(uint32_t cp)
{
	return cp == 0xFE0E || cp == 0xFE0F || cp == 0x20E3 || uc_is_property_emoji_modifier(cp) ||
	       (cp >= 0xE0020 && cp <= 0xE007F);
}

/* Where the clusters of s start: brk[i] is 1 at the first byte of each. Returns brk, which
 * is local when it has room (cap bytes), else allocated. */
static char *cluster_breaks(const char *s, size_t n, char *local, size_t cap)
{
	char *brk = n <= cap ? local : xmalloc(n);
	if (n)
		u8_grapheme_breaks((const uint8_t *)s, n, brk);
	return brk;
}

/* One cluster of len bytes: the columns it is drawn in, and *drawn, how many of its bytes
 * are drawn (all, or those of its first character; none for marks with no letter). */
static int cluster_width(const char *s, size_t len, size_t *drawn)
{
	uint32_t cp;
	size_t k = utf8_decode(s, len, &cp);
	if (k == 0) { /* an invalid byte is drawn as '?' */
		*drawn = len;
		return (int)len;
	}
	int first = utf8_cp_width(cp), width = first;
	*drawn = first == 0 ? 0 : len;
	for (size_t i = k, m; i < len && first > 0; i += m ? m : 1) {
		uint32_t next;
		m = utf8_decode(s + i, len - i, &next);
		if (m && (disputed(next) || (next == ZWJ && i + m < len))) {
			*drawn = k;
			return first;
		}
		width += m ? utf8_cp_width(next) : 1;
	}
	return first == 0 ? 0 : width;
}

static bool ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

size_t utf8_next_cluster(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	if ((unsigned char)s[0] < 0x80 && (n == 1 || (unsigned char)s[1] < 0x80))
		return s[0] == '\r' && n > 1 && s[1] == '\n' ? 2 : 1;
	char local[64];
	size_t limit = n < sizeof local ? n : sizeof local, i = 1;
	/* a cluster longer than the window is cut there: none that is drawn comes near it */
	char *brk = cluster_breaks(s, limit, local, sizeof local);
	while (i < limit && !brk[i])
		i++;
	return i;
}

/* Calls each(ctx, at, len, width, drawn) for every cluster of s, until it returns false. */
static void each_cluster(const char *s, size_t n,
			 bool (*each)(void *ctx, size_t at, size_t len, int width, size_t drawn),
			 void *ctx)
{
	char local[256];
	char *brk = cluster_breaks(s, n, local, sizeof local);
	for (size_t at = 0; at < n;) {
		size_t end = at + 1, drawn;
		while (end < n && !brk[end])
			end++;
		int w = cluster_width(s + at, end - at, &drawn);
		if (!each(ctx, at, end - at, w, drawn))
			break;
		at = end;
	}
	if (brk != local)
		free(brk);
}

static bool add_width(void *ctx, size_t at, size_t len, int width, size_t drawn)
{
	(void)at, (void)len, (void)drawn;
	*(int *)ctx += width;
	return true;
}

int utf8_width(const char *s)
{
	size_t n = strlen(s);
	if (ascii(s, n))
		return (int)n;
	int cols = 0;
	each_cluster(s, n, add_width, &cols);
	return cols;
}

struct fit {
	int cols, used;
	size_t bytes;
};

static bool fit_one(void *ctx, size_t at, size_t len, int width, size_t drawn)
{
	struct fit *f = ctx;
	(void)drawn;
	if (f->used + width > f->cols)
		return false;
	f->used += width;
	f->bytes = at + len;
	return true;
}

size_t utf8_fit(const char *s, int cols, int *used)
{
	size_t n = strlen(s);
	struct fit f = {cols, 0, 0};
	if (ascii(s, n)) {
		f.bytes = cols <= 0 ? 0 : (size_t)cols < n ? (size_t)cols : n;
		f.used = (int)f.bytes;
	} else {
		each_cluster(s, n, fit_one, &f);
	}
	if (used)
		*used = f.used;
	return f.bytes;
}

struct drawable {
	const char *s;
	char *out;
	size_t o;
};

static bool keep_drawn(void *ctx, size_t at, size_t len, int width, size_t drawn)
{
	struct drawable *d = ctx;
	(void)len, (void)width;
	memcpy(d->out + d->o, d->s + at, drawn);
	d->o += drawn;
	return true;
}

char *utf8_drawable(const char *s)
{
	char *safe = utf8_printable(s ? s : "");
	size_t n = strlen(safe);
	if (ascii(safe, n))
		return safe;
	struct drawable d = {safe, xmalloc(n + 1), 0};
	each_cluster(safe, n, keep_drawn, &d);
	d.out[d.o] = '\0';
	free(safe);
	return d.out;
}

bool utf8_locale(void)
{
	if (setlocale(LC_CTYPE, "") && strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		return true;
	if (setlocale(LC_CTYPE, "C.UTF-8") && strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		return true;
	return setlocale(LC_CTYPE, "en_US.UTF-8") != NULL;
}

bool utf8_user_locale(void)
{
	const char *names[] = {"LC_ALL", "LC_CTYPE", "LANG"};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		const char *v = getenv(names[i]);
		char low[80];
		size_t n = 0;
		for (; v && v[n] && n + 1 < sizeof low; n++)
			low[n] = (char)(v[n] >= 'A' && v[n] <= 'Z' ? v[n] - 'A' + 'a' : v[n]);
		low[n] = '\0';
		if (n)
			return strstr(low, "utf-8") || strstr(low, "utf8");
	}
	return false;
}

char *utf8_printable(const char *s)
{
	size_t n = strlen(s), i = 0, o = 0;
	char *out = xmalloc(n + 1);
	uint32_t cp;
	while (i < n) {
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			out[o++] = '?', i++;
		} else if (utf8_is_control(cp)) {
			out[o++] = (cp == '\n' || cp == '\t') ? ' ' : '?';
			i += k;
		} else {
			memcpy(out + o, s + i, k);
			o += k, i += k;
		}
	}
	out[o] = '\0';
	return out;
}
