/* Field checks shared by every entity. They only look at the text; whether a referenced
 * record exists is the entity layer's business. */
#include "valid.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

int valid_text(const char *text, size_t max, bool multiline, const char *field, struct kerr *err)
{
	size_t n = strlen(text);
	if (!utf8_valid(text, n))
		return kerr_set(err, K_INVALID, field, "%s: not valid UTF-8 text", field);
	if (n > max)
		return kerr_set(err, K_INVALID, field, "%s: too long (%zu bytes; at most %zu)", field,
				n, max);
	size_t i = 0;
	uint32_t cp;
	while (i < n) {
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
	const char *first = "ABCDEFGHIJKLMNOPRSTUWYZ"; /* not Q, V, X */
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
				"%s: a UK number has 10 or 11 digits (this has %zu)", field, digits);
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
		return kerr_set(err, K_INVALID, field, "%s: must be between %ld and %ld", field, min,
				max);
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
