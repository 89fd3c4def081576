/* UTF-8: validation for what is stored, and display width for what is drawn. Widths come
 * from the C library's wcwidth(), so the program must run in a UTF-8 LC_CTYPE locale
 * (utf8_locale() arranges that). */
#ifndef KITH_UTF8_H
#define KITH_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point from s (at most n bytes). Returns the bytes used (1-4), or 0 for an
 * invalid or truncated sequence (overlong forms, surrogates and > U+10FFFF are invalid). */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
bool utf8_valid(const char *s, size_t n);
/* A C0 or C1 control, DEL, or a bidirectional override/isolate that could reorder a screen. */
bool utf8_is_control(uint32_t cp);
/* Columns a string takes on a terminal; controls count as one (they are drawn as '?'). */
int utf8_width(const char *s);
int utf8_cp_width(uint32_t cp);
/* Number of bytes of s that fit in cols columns, never splitting a character or separating
 * a combining mark from its base. *used gets the columns they take (may be NULL). */
size_t utf8_fit(const char *s, int cols, int *used);
/* Sets LC_CTYPE from the environment, falling back to C.UTF-8 when that is not UTF-8.
 * Returns false when no UTF-8 locale could be had. */
bool utf8_locale(void);
/* Whether the locale the user chose (LC_ALL, LC_CTYPE or LANG) is UTF-8, whatever
 * utf8_locale set for kith itself: whether their terminal can be expected to draw more
 * than ASCII. */
bool utf8_user_locale(void);
/* A copy with controls replaced by '?' and newlines by spaces: safe to print. Caller frees. */
char *utf8_printable(const char *s);

#endif
