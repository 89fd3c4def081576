/* Field checks shared by every entity. They only look at the text; whether a referenced
 * record exists is the entity layer's business. */
#include "valid.h"

#include <ctype.h>
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unictype.h>
#include <uniname.h>

#include "utf8.h"
#include "xalloc.h"

char *valid_trim(const char *text)
{
	if (!text)
		return xstrdup("");
	while (*text && isspace((unsigned char)*text))
		text++;
	size_t n = strlen(text);
	while (n && isspace((unsigned char)text[n - 1]))
		n--;
	return xstrndup(text, n);
}

/* ---- invisible characters ----
 * "Ann" and "Ann" followed by a zero width space look the same on every screen, so a name
 * must not hold what cannot be seen: Unicode's Default_Ignorable_Code_Points (libunistring
 * knows them, and each character's name). The joiners ZWNJ and ZWJ stay where a script needs
 * them to choose a letter's form, and ZWJ inside an emoji; a variation selector stays after
 * a character it can vary. Notes keep all of these, but not the bidirectional controls, which
 * reorder what is shown. */

#define ZWNJ 0x200C
#define ZWJ 0x200D
#define KEYCAP 0x20E3

static bool is_bidi_control(uint32_t c)
{
	return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
	       (c >= 0x2066 && c <= 0x2069);
}

static bool is_letter_or_mark(uint32_t c)
{
	return c >= 0x80 && (uc_is_general_category(c, UC_CATEGORY_L) ||
			     uc_is_general_category(c, UC_CATEGORY_M));
}

static bool same_script(uint32_t a, uint32_t b)
{
	return uc_script(a) && uc_script(a) == uc_script(b);
}

/* After a virama (RFC 5892's rule: a Devanagari or Sinhala conjunct), or for ZWJ before one
 * (the Bengali ya-phala), with letters of one script on both sides. */
static bool joins_indic(uint32_t joiner, uint32_t before, uint32_t after)
{
	if (uc_combining_class(before) == UC_CCC_VR)
		return is_letter_or_mark(after) && same_script(before, after);
	return joiner == ZWJ && uc_combining_class(after) == UC_CCC_VR &&
	       is_letter_or_mark(before) && same_script(before, after);
}

/* Between letters that join, as Persian and Arabic write them (RFC 5892's joining types:
 * left or dual joining before, right or dual after, transparent marks between). */
static bool joins_cursive(const uint32_t *cp, size_t n, size_t i)
{
	size_t b = i, a = i + 1;
	while (b > 0 && uc_joining_type(cp[b - 1]) == UC_JOINING_TYPE_T)
		b--;
	while (a < n && uc_joining_type(cp[a]) == UC_JOINING_TYPE_T)
		a++;
	if (b == 0 || a >= n)
		return false;
	int before = uc_joining_type(cp[b - 1]), after = uc_joining_type(cp[a]);
	return (before == UC_JOINING_TYPE_L || before == UC_JOINING_TYPE_D) &&
	       (after == UC_JOINING_TYPE_R || after == UC_JOINING_TYPE_D);
}

/* ZWJ between two pictographs (a skin tone or emoji presentation may follow the first): one
 * emoji, as a family or a rainbow flag. */
static bool joins_emoji(const uint32_t *cp, size_t n, size_t i)
{
	size_t b = i;
	while (b > 0 && (uc_is_property_emoji_modifier(cp[b - 1]) || cp[b - 1] == 0xFE0F))
		b--;
	return b > 0 && i + 1 < n && uc_is_property_extended_pictographic(cp[b - 1]) &&
	       uc_is_property_extended_pictographic(cp[i + 1]);
}

static bool joins_here(const uint32_t *cp, size_t n, size_t i)
{
	if (i == 0 || i + 1 >= n)
		return false; /* at the start or end: it joins nothing */
	if (joins_indic(cp[i], cp[i - 1], cp[i + 1]) || joins_cursive(cp, n, i))
		return true;
	return cp[i] == ZWJ && joins_emoji(cp, n, i);
}

/* A variation selector after a character it can vary: text or emoji presentation after an
 * emoji (a keycap's digit only before the keycap), Mongolian's free variation selectors after
 * a Mongolian letter, the others after a letter, symbol or ideograph beyond ASCII. */
static bool selects_here(const uint32_t *cp, size_t n, size_t i)
{
	if (i == 0)
		return false;
	uint32_t base = cp[i - 1], vs = cp[i];
	if (base < 0x80)
		return vs == 0xFE0F && uc_is_property_emoji(base) && i + 1 < n &&
		       cp[i + 1] == KEYCAP;
	if (vs == 0xFE0E || vs == 0xFE0F)
		return uc_is_property_emoji(base);
	if ((vs >= 0x180B && vs <= 0x180D) || vs == 0x180F)
		return same_script(base, 0x1820); /* MONGOLIAN LETTER A */
	return !uc_is_property_default_ignorable_code_point(base) &&
	       (uc_is_general_category(base, UC_CATEGORY_L) ||
		uc_is_general_category(base, UC_CATEGORY_S));
}

static bool is_variation_selector(uint32_t c)
{
	return (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) ||
	       (c >= 0x180B && c <= 0x180D) || c == 0x180F;
}

/* Whether cp[i] may stand where it is; *why gets what is wrong with it when not. */
static bool visible_enough(const uint32_t *cp, size_t n, size_t i, bool note, const char **why)
{
	uint32_t c = cp[i];
	*why = "";
	if (is_bidi_control(c)) {
		*why = " that can reorder what is shown";
		return false;
	}
	if (note || !uc_is_property_default_ignorable_code_point(c))
		return true;
	if (c == ZWNJ || c == ZWJ) {
		*why = " that joins nothing here";
		return joins_here(cp, n, i);
	}
	if (is_variation_selector(c)) {
		*why = " that varies nothing here";
		return selects_here(cp, n, i);
	}
	return false;
}

static int refuse_invisible(uint32_t c, const char *why, bool note, const char *field,
			    struct kerr *err)
{
	char name[UNINAME_MAX] = "";
	if (!unicode_character_name((ucs4_t)c, name))
		name[0] = '\0';
	return kerr_set(err, K_INVALID, field,
			"%s: contains an invisible character (U+%04X%s%s)%s; %s%s%s", field,
			(unsigned)c, name[0] ? " " : "", name, why,
			note ? "remove it" : "type the ", note ? "" : field, note ? "" : " again");
}

/* Refuses an invisible character in a name (one line) or a bidirectional control in a note. */
static int check_invisible(const char *text, size_t len, bool note, const char *field,
			   struct kerr *err)
{
	size_t i = 0;
	while (i < len && (unsigned char)text[i] < 0x80)
		i++;
	if (i == len) /* ASCII has nothing invisible but controls, refused elsewhere */
		return K_OK;
	uint32_t small[128], *cp = len <= 128 ? small : xreallocarray(NULL, len, sizeof *small);
	size_t n = 0;
	for (i = 0; i < len;) { /* text is valid UTF-8: every step decodes */
		i += utf8_decode(text + i, len - i, &cp[n]);
		n++;
	}
	int status = K_OK;
	const char *why;
	for (size_t k = 0; k < n && status == K_OK; k++)
		if (cp[k] >= 0x80 && !visible_enough(cp, n, k, note, &why))
			status = refuse_invisible(cp[k], why, note, field, err);
	if (cp != small)
		free(cp);
	return status;
}

/* ---- text ---- */

int valid_text(const char *text, size_t max, bool multiline, const char *field, struct kerr *err)
{
	size_t n = strlen(text);
	bool plain = utf8_plain_ascii(text, n); /* most text: nothing more to look at */
	if (!plain && !utf8_valid(text, n))
		return kerr_set(err, K_INVALID, field, "%s: not valid UTF-8 text", field);
	if (n > max)
		return kerr_set(err, K_INVALID, field, "%s: too long (%zu bytes; at most %zu)",
				field, n, max);
	if (plain)
		return K_OK;
	int status = check_invisible(text, n, multiline, field, err);
	if (status != K_OK)
		return status;
	size_t i = 0;
	uint32_t cp;
	while (i < n) {
		unsigned char c = (unsigned char)text[i];
		if (c >= 0x20 && c < 0x7F) { /* printable ASCII, most of any text: no control */
			i++;
			continue;
		}
		size_t k = utf8_decode(text + i, n - i, &cp);
		bool allowed = multiline && (cp == '\n' || cp == '\t' || cp == '\r');
		if (utf8_is_control(cp) && !allowed)
			return kerr_set(err, K_INVALID, field,
					"%s: contains a control character (U+%04X)", field,
					(unsigned)cp);
		i += k;
	}
	return K_OK;
}

static bool in_set(char c, const char *set)
{
	return c && strchr(set, c) != NULL;
}

/* The shapes of the Royal Mail's outward codes: A9, A99, AA9, AA99, A9A, AA9A. */
static bool outward_ok(const char *o, size_t n)
{
	const char *first = "ABCDEFGHIJKLMNOPRSTUWYZ";  /* not Q, V, X */
	const char *second = "ABCDEFGHKLMNOPQRSTUVWXY"; /* not I, J, Z */
	if (n < 2 || n > 4 || !in_set(o[0], first))
		return false;
	if (n == 2)
		return isdigit((unsigned char)o[1]);
	if (isdigit((unsigned char)o[1])) { /* A99 or A9A */
		return n == 3 && (isdigit((unsigned char)o[2]) || in_set(o[2], "ABCDEFGHJKPSTUW"));
	}
	if (!in_set(o[1], second) || !isdigit((unsigned char)o[2]))
		return false;
	if (n == 3)
		return true;
	return isdigit((unsigned char)o[3]) || in_set(o[3], "ABEHMNPRVWXY");
}

int valid_postcode(const char *text, char out[POSTCODE_LEN], const char *field, struct kerr *err)
{
	char c[16];
	size_t n = 0;
	for (const char *p = text; *p; p++) {
		if (*p == ' ')
			continue;
		if (n == sizeof c - 1 || !isalnum((unsigned char)*p))
			goto bad;
		c[n++] = (char)toupper((unsigned char)*p);
	}
	c[n] = '\0';
	if (n < 5 || n > 7)
		goto bad;
	const char *in = c + n - 3;
	bool inward = isdigit((unsigned char)in[0]) && in_set(in[1], "ABDEFGHJLNPQRSTUWXYZ") &&
		      in_set(in[2], "ABDEFGHJLNPQRSTUWXYZ");
	if (!(inward && outward_ok(c, n - 3)) && strcmp(c, "GIR0AA") != 0)
		goto bad;
	memcpy(out, c, n - 3);
	out[n - 3] = ' ';
	memcpy(out + n - 2, in, 4);
	return K_OK;
bad:
	return kerr_set(err, K_INVALID, field, "%s: '%.20s' is not a UK postcode (like E1 6AN)",
			field, text);
}

static bool label_ok(const char *s, size_t n)
{
	if (n == 0 || n > 63 || s[0] == '-' || s[n - 1] == '-')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-' && (unsigned char)s[i] < 0x80)
			return false;
	return true;
}

static bool domain_ok(const char *d)
{
	size_t labels = 0;
	while (*d) {
		const char *dot = strchr(d, '.');
		size_t n = dot ? (size_t)(dot - d) : strlen(d);
		if (!label_ok(d, n))
			return false;
		labels++;
		d += n + (dot != NULL);
		if (dot && !*d)
			return false;
	}
	return labels >= 2;
}

int valid_email(const char *text, const char *field, struct kerr *err)
{
	const char *at = strrchr(text, '@');
	size_t n = strlen(text);
	if (!at || at == text || n > 254 || (size_t)(at - text) > 64)
		goto bad;
	for (const char *p = text; p < at; p++)
		if (isspace((unsigned char)*p) || *p == '@' || *p == ',' || *p == ';' ||
		    (unsigned char)*p < 0x20)
			goto bad;
	if (text[0] == '.' || at[-1] == '.' || strstr(text, ".."))
		goto bad;
	if (!domain_ok(at + 1))
		goto bad;
	return K_OK;
bad:
	return kerr_set(err, K_INVALID, field, "%s: '%.40s' is not an e-mail address", field, text);
}

int valid_phone(const char *text, const char *field, struct kerr *err)
{
	size_t digits = 0;
	for (const char *p = text; *p; p++) {
		if (isdigit((unsigned char)*p))
			digits++;
		else if (!(*p == ' ' || *p == '-' || *p == '(' || *p == ')' ||
			   (*p == '+' && p == text)))
			goto bad;
	}
	if (text[0] == '0' && (digits < 10 || digits > 11))
		return kerr_set(err, K_INVALID, field,
				"%s: a UK number has 10 or 11 digits (this has %zu)", field,
				digits);
	if (digits < 7 || digits > 15)
		goto bad;
	return K_OK;
bad:
	return kerr_set(err, K_INVALID, field,
			"%s: '%.30s' is not a phone number (digits, spaces and a leading +)", field,
			text);
}

int valid_url(const char *text, char **out, const char *field, struct kerr *err)
{
	const char *host = text;
	if (strncasecmp(text, "https://", 8) == 0)
		host = text + 8;
	else if (strncasecmp(text, "http://", 7) == 0)
		host = text + 7;
	size_t n = strcspn(host, "/?#");
	char *h = xstrndup(host, n);
	char *colon = strchr(h, ':');
	if (colon)
		*colon = '\0';
	bool ok = domain_ok(h) && strlen(text) <= 2000 && !strpbrk(text, " \t\n\"<>");
	free(h);
	if (!ok)
		return kerr_set(err, K_INVALID, field, "%s: '%.40s' is not a web address", field,
				text);
	*out = host == text ? xasprintf("https://%s", text) : xstrdup(text);
	return K_OK;
}

int valid_int(const char *text, long min, long max, long *out, const char *field, struct kerr *err)
{
	char *end;
	errno = 0;
	long v = strtol(text, &end, 10);
	if (errno || end == text || *end != '\0' || isspace((unsigned char)*text))
		return kerr_set(err, K_INVALID, field, "%s: '%.20s' is not a whole number", field,
				text);
	if (v < min || v > max)
		return kerr_set(err, K_INVALID, field, "%s: must be between %ld and %ld", field,
				min, max);
	*out = v;
	return K_OK;
}

int valid_bool(const char *text, int *out, const char *field, struct kerr *err)
{
	static const char *const yes[] = {"1", "yes", "y", "true", "on"};
	static const char *const no[] = {"0", "no", "n", "false", "off"};
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
		if (strcasecmp(text, yes[i]) == 0)
			return *out = 1, K_OK;
		if (strcasecmp(text, no[i]) == 0)
			return *out = 0, K_OK;
	}
	return kerr_set(err, K_INVALID, field, "%s: answer yes or no", field);
}

/* The whole pounds of text up to the point: digits, with commas only between groups of
 * three ("1,250", not "12,50"). Returns the end, or NULL when it is not that. */
static const char *whole_pounds(const char *p, long long *pounds)
{
	const char *start = p;
	int group = 0;
	bool commas = false;
	*pounds = 0;
	for (; isdigit((unsigned char)*p) || *p == ','; p++) {
		if (*p == ',') {
			if (p == start || (commas && group != 3) || (!commas && group > 3))
				return NULL;
			commas = true, group = 0;
			continue;
		}
		if (*pounds > 10000000000LL) /* ten thousand million pounds is enough */
			return NULL;
		*pounds = *pounds * 10 + (*p - '0'), group++;
	}
	return p == start || (commas && group != 3) ? NULL : p;
}

int valid_money(const char *text, long long *pence, const char *field, struct kerr *err)
{
	const char *p = text;
	if (strncmp(p, "\xc2\xa3", 2) == 0) /* £ */
		p += 2;
	while (*p == ' ')
		p++;
	long long pounds = 0, part = 0;
	p = whole_pounds(p, &pounds);
	int places = 0;
	if (p && *p == '.')
		for (p++; isdigit((unsigned char)*p) && places < 3; p++, places++)
			part = part * 10 + (*p - '0');
	if (!p || *p || places > 2 || (places == 0 && p[-1] == '.'))
		return kerr_set(err, K_INVALID, field,
				"%s: '%.20s' is not an amount in pounds (like 1,250 or 1250.50)",
				field, text);
	*pence = pounds * 100 + (places == 1 ? part * 10 : part);
	return K_OK;
}

void valid_money_text(long long pence, bool plain, char *out, size_t n)
{
	char digits[32], grouped[48];
	snprintf(digits, sizeof digits, "%lld", pence / 100);
	size_t len = strlen(digits), j = 0;
	for (size_t i = 0; i < len; i++) {
		if (!plain && i > 0 && (len - i) % 3 == 0)
			grouped[j++] = ',';
		grouped[j++] = digits[i];
	}
	grouped[j] = '\0';
	if (plain)
		snprintf(out, n, "%s.%02lld", grouped, pence % 100);
	else if (pence % 100)
		snprintf(out, n, "\xc2\xa3%s.%02lld", grouped, pence % 100);
	else
		snprintf(out, n, "\xc2\xa3%s", grouped);
}

void valid_money_shown(const char *plain, char *out, size_t n)
{
	long long pence;
	if (plain && *plain && valid_money(plain, &pence, "", NULL) == K_OK)
		valid_money_text(pence, false, out, n);
	else
		snprintf(out, n, "%s", plain ? plain : "");
}
