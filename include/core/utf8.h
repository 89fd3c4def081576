/* UTF-8: validation for what is stored, and display width for what is drawn, per grapheme
 * cluster. Widths come from the C library's wcwidth(), as curses counts them, so the program
 * must run in a UTF-8 LC_CTYPE locale (utf8_locale() arranges that). */
#ifndef KITH_UTF8_H
#define KITH_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point from s (at most n bytes). Returns the bytes used (1-4), or 0 for an
 * invalid or truncated sequence (overlong forms, surrogates and > U+10FFFF are invalid). */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
bool utf8_valid(const char *s, size_t n);
/* Whether every byte is printable ASCII (0x20 to 0x7E): valid UTF-8 with no control, no
 * invisible character, nothing to look at closer. Eight bytes at a time. */
bool utf8_plain_ascii(const char *s, size_t n);
/* A C0 or C1 control, DEL, or a bidirectional override/isolate that could reorder a screen. */
bool utf8_is_control(uint32_t cp);
/* Columns a string takes on a terminal once made drawable (utf8_drawable); controls count as
 * one (they are drawn as '?'). */
int utf8_width(const char *s);
int utf8_cp_width(uint32_t cp);
/* Number of bytes of s that fit in cols columns, never splitting a grapheme cluster (a
 * letter and its marks, an emoji and what is joined to it). *used gets the columns they take
 * (may be NULL). */
size_t utf8_fit(const char *s, int cols, int *used);
/* Bytes in the grapheme cluster that starts s (n bytes long); 0 when n is 0. */
size_t utf8_next_cluster(const char *s, size_t n);
/* Sets LC_CTYPE from the environment, falling back to C.UTF-8 when that is not UTF-8.
 * Returns false when no UTF-8 locale could be had. */
bool utf8_locale(void);
/* Whether the locale the user chose (LC_ALL, LC_CTYPE or LANG) is UTF-8, whatever
 * utf8_locale set for kith itself: whether their terminal can be expected to draw more
 * than ASCII. */
bool utf8_user_locale(void);
/* A copy with controls replaced by '?' and newlines by spaces: safe to print. Caller frees. */
char *utf8_printable(const char *s);
/* utf8_printable(s), with each cluster whose width terminals disagree on (a joined emoji, a
 * skin tone, an emoji or text presentation selector, a keycap, a tag flag) cut to its first
 * character, which all of them draw as wide as curses counts it: what the interface draws,
 * utf8_width() columns wide. NULL is taken as "". Caller frees. */
char *utf8_drawable(const char *s);

#endif
