/* UTF-8 decoding, validation and terminal width. Everything stored passes utf8_valid();
 * everything drawn passes through utf8_printable() or utf8_fit(). */
#include "utf8.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
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

bool utf8_valid(const char *s, size_t n)
{
	size_t i = 0;
	uint32_t cp;
	while (i < n) {
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

int utf8_width(const char *s)
{
	int cols = 0;
	size_t n = strlen(s), i = 0;
	uint32_t cp;
	while (i < n) {
		size_t k = utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			cols++, i++;
			continue;
		}
		cols += utf8_cp_width(cp);
		i += k;
	}
	return cols;
}

size_t utf8_fit(const char *s, int cols, int *used)
{
	size_t n = strlen(s), i = 0;
	int w = 0;
	uint32_t cp;
	while (i < n) {
		size_t k = utf8_decode(s + i, n - i, &cp);
		int cw = k ? utf8_cp_width(cp) : 1;
		if (k == 0)
			k = 1;
		if (w + cw > cols)
			break;
		w += cw;
		i += k;
	}
	if (used)
		*used = w;
	return i;
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
