/* Checks and normal forms for what people type: UK postcodes, e-mail, phone numbers, web
 * addresses and free text. Each returns K_OK or K_INVALID with a message that names field. */
#ifndef KITH_VALID_H
#define KITH_VALID_H

#include <stdbool.h>
#include <stddef.h>

#include "kerr.h"

#define POSTCODE_LEN 9 /* "AA9A 9AA" and NUL */

/* Normal form: upper case with one space before the inward code ("e16an" -> "E1 6AN"). */
int valid_postcode(const char *text, char out[POSTCODE_LEN], const char *field, struct kerr *err);
int valid_email(const char *text, const char *field, struct kerr *err);
int valid_phone(const char *text, const char *field, struct kerr *err);
/* Adds https:// when no scheme is given; caller frees *out. */
int valid_url(const char *text, char **out, const char *field, struct kerr *err);
/* Valid UTF-8, no NUL or control characters (newline and tab allowed when multiline), at most
 * max bytes. One line (a name) refuses what cannot be seen: Unicode's default-ignorable
 * characters, but for ZWNJ and ZWJ between letters of a script that uses them or inside an
 * emoji, and a variation selector after what it varies; multiline (a note) refuses only the
 * bidirectional controls. The message names the field and the character. */
int valid_text(const char *text, size_t max, bool multiline, const char *field, struct kerr *err);
/* An integer in [min, max] written in decimal; *out gets it. */
int valid_int(const char *text, long min, long max, long *out, const char *field, struct kerr *err);
/* An amount of money typed in pounds ("£1,250.50", "1250.5", "1,250"): at most two places
 * after the point and commas only between groups of three; *pence gets it. "12.345" and
 * "-3" are refused, naming field. */
int valid_money(const char *text, long long *pence, const char *field, struct kerr *err);
/* pence as pounds the way people write them: "£1,250" (whole pounds) or "£1,250.50"; plain
 * drops the pound sign and the commas ("1250.50": a value valid_money reads back). */
void valid_money_text(long long pence, bool plain, char *out, size_t n);
/* A held amount ("1250.50") as people read it ("£1,250.50"); an empty one stays empty. */
void valid_money_shown(const char *plain, char *out, size_t n);
/* yes/no, true/false, 1/0, y/n, on/off -> 1 or 0. */
int valid_bool(const char *text, int *out, const char *field, struct kerr *err);
/* A copy of text without leading and trailing white space. Caller frees. */
char *valid_trim(const char *text);

#endif
