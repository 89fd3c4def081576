/* Turning what a spreadsheet saved into UTF-8 CSV text: workbooks recognised by their first
 * bytes, a byte-order mark trusted, UTF-16 without one seen by its zero bytes, and text that
 * is not UTF-8 read as Windows-1252 (Excel's "CSV" on Windows) unless it holds bytes that
 * code page leaves undefined or is mostly real UTF-8 (a file in two encodings, which no guess
 * reads right). The conversions are libunistring's (iconv underneath). */
#include "sheet.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uniconv.h>

#include "utf8.h"
#include "xalloc.h"

#define SAVE_AS_CSV \
	"save it as CSV with File > Save As: \"CSV UTF-8\" in Excel, \"Text CSV\" (Unicode " \
	"UTF-8) in LibreOffice"

/* clang-format off */
static const struct {
	enum sheet_encoding encoding;
	const char *iconv, *name;
} encodings[] = {
	{SHEET_UTF8, "UTF-8", "UTF-8 text"},
	{SHEET_CP1252, "CP1252", "Windows-1252 text"},
	{SHEET_UTF16LE, "UTF-16LE", "UTF-16 text"},
	{SHEET_UTF16BE, "UTF-16BE", "UTF-16 text"},
	{SHEET_UTF32LE, "UTF-32LE", "UTF-32 text"},
	{SHEET_UTF32BE, "UTF-32BE", "UTF-32 text"},
};

/* Files that are not text, by their first bytes. */
static const struct {
	const char *magic;
	size_t len;
	const char *inside; /* in a ZIP archive, a name or text that tells which; NULL: any */
	const char *what;
} workbooks[] = {
	{"PK\3\4", 4, "opendocument.spreadsheet", "a LibreOffice spreadsheet (.ods)"},
	{"PK\3\4", 4, "xl/", "an Excel workbook (.xlsx)"},
	{"PK\3\4", 4, NULL, "a ZIP archive"},
	{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, NULL, "an Excel 97-2003 workbook (.xls)"},
	{"%PDF", 4, NULL, "a PDF document"},
};
/* clang-format on */

/* Bytes Windows-1252 gives no character. */
static bool cp1252_undefined(unsigned char c)
{
	return c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D;
}

void sheet_free(struct sheet *sh)
{
	free(sh->text);
	memset(sh, 0, sizeof *sh);
}

/* The line (1-based) byte at is on; CRLF, LF and CR each end one. */
static long line_at(const char *data, size_t at)
{
	long line = 1;
	for (size_t i = 0; i < at; i++)
		if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= at || data[i + 1] != '\n')))
			line++;
	return line;
}

static bool holds(const char *data, size_t n, const char *word)
{
	size_t k = strlen(word);
	for (size_t i = 0; i + k <= n; i++)
		if (data[i] == word[0] && memcmp(data + i, word, k) == 0)
			return true;
	return false;
}

static int workbook(const char *data, size_t n, struct kerr *err)
{
	for (size_t w = 0; w < sizeof workbooks / sizeof *workbooks; w++) {
		if (n < workbooks[w].len || memcmp(data, workbooks[w].magic, workbooks[w].len))
			continue;
		const char *inside = workbooks[w].inside;
		size_t look = n < 64 * 1024 ? n : 64 * 1024;
		if (inside && !holds(data, look, inside))
			continue;
		return kerr_set(err, K_INVALID, "file", "this is %s, not a CSV file: %s",
				workbooks[w].what, SAVE_AS_CSV);
	}
	return K_OK;
}

/* The encoding a byte-order mark names, and the mark's length; -1 when there is none. */
static int by_mark(const unsigned char *u, size_t n, size_t *skip)
{
	if (n >= 4 && !memcmp(u, "\xFF\xFE\0\0", 4))
		return *skip = 4, SHEET_UTF32LE;
	if (n >= 4 && !memcmp(u, "\0\0\xFE\xFF", 4))
		return *skip = 4, SHEET_UTF32BE;
	if (n >= 3 && !memcmp(u, "\xEF\xBB\xBF", 3))
		return *skip = 3, SHEET_UTF8;
	if (n >= 2 && !memcmp(u, "\xFF\xFE", 2))
		return *skip = 2, SHEET_UTF16LE;
	if (n >= 2 && !memcmp(u, "\xFE\xFF", 2))
		return *skip = 2, SHEET_UTF16BE;
	return -1;
}

/* UTF-16 without a mark: a header of Latin letters has a zero byte in every pair, on the
 * same side. -1 when it does not look so. */
static int by_zeros(const unsigned char *u, size_t n)
{
	size_t pairs = n / 2 < 64 ? n / 2 : 64, even = 0, odd = 0;
	for (size_t i = 0; i < pairs; i++)
		even += u[2 * i] == 0, odd += u[2 * i + 1] == 0;
	if (pairs < 2 || n % 2)
		return -1;
	if (odd * 4 >= pairs * 3 && even == 0)
		return SHEET_UTF16LE;
	if (even * 4 >= pairs * 3 && odd == 0)
		return SHEET_UTF16BE;
	return -1;
}

/* Text with no byte-order mark: UTF-8, Windows-1252, or -1 (err and *line say why). A
 * Windows-1252 file can hold what reads as UTF-8 by chance ("ß…" is), but less often than
 * what does not; a UTF-8 file with a line pasted from elsewhere, the other way round. */
static int not_utf8(const char *data, size_t n, long *line, struct kerr *err)
{
	size_t bad = n, real = n, nbad = 0, nreal = 0; /* the first of each, and how many */
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		if ((unsigned char)data[i] < 0x80) { /* ASCII: most of any file */
			i++;
			continue;
		}
		size_t k = utf8_decode(data + i, n - i, &cp);
		if (k > 1)
			real = real == n ? i : real, nreal++;
		if (k == 0)
			bad = bad == n ? i : bad, nbad++;
		i += k ? k : 1;
	}
	if (bad == n)
		return SHEET_UTF8;
	if (nreal >= nbad) {
		*line = line_at(data, bad);
		kerr_set(err, K_INVALID, "file",
			 "this line is not UTF-8, though line %ld is: the file mixes two "
			 "encodings; %s",
			 line_at(data, real), SAVE_AS_CSV);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		if (cp1252_undefined((unsigned char)data[i])) {
			*line = line_at(data, i);
			kerr_set(err, K_INVALID, "file",
				 "not valid UTF-8 (byte 0x%02X), nor Windows-1252; %s",
				 (unsigned char)data[i], SAVE_AS_CSV);
			return -1;
		}
	return SHEET_CP1252;
}

static int convert(struct sheet *sh, const char *data, size_t n, struct kerr *err)
{
	if (sh->encoding == SHEET_UTF8) {
		sh->text = xmalloc(n + 1);
		memcpy(sh->text, data, n);
		sh->text[n] = '\0';
		sh->len = n;
		return K_OK;
	}
	size_t len = 0;
	uint8_t *u = u8_conv_from_encoding(encodings[sh->encoding].iconv, iconveh_error, data, n,
					   NULL, NULL, &len);
	if (!u && errno == ENOMEM)
		die("out of memory");
	if (!u)
		return kerr_set(err, K_INVALID, "file", "not valid %s; %s",
				encodings[sh->encoding].name, SAVE_AS_CSV);
	sh->text = xmalloc(len + 1);
	memcpy(sh->text, u, len);
	sh->text[len] = '\0';
	sh->len = len;
	free(u);
	return K_OK;
}

/* The separator: whichever of comma, semicolon and tab the header line has most of, outside
 * quotes; a comma when it has none. */
static char separator(const char *s, size_t n)
{
	size_t count[3] = {0};
	static const char seps[3] = {',', ';', '\t'};
	bool quoted = false;
	for (size_t i = 0; i < n && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
		if (s[i] == '"')
			quoted = !quoted;
		for (int k = 0; k < 3 && !quoted; k++)
			count[k] += s[i] == seps[k];
	}
	int best = 0;
	for (int k = 1; k < 3; k++)
		if (count[k] > count[best])
			best = k;
	return seps[best];
}

int sheet_read(const char *data, size_t n, struct sheet *sh, long *line, struct kerr *err)
{
	memset(sh, 0, sizeof *sh);
	*line = 0;
	int status = workbook(data, n, err);
	if (status != K_OK)
		return status;
	size_t skip = 0;
	const unsigned char *u = (const unsigned char *)data;
	int enc = by_mark(u, n, &skip);
	if (enc < 0)
		enc = by_zeros(u, n);
	if (enc < 0)
		enc = not_utf8(data, n, line, err);
	if (enc < 0)
		return K_INVALID;
	sh->encoding = (enum sheet_encoding)enc;
	status = convert(sh, data + skip, n - skip, err);
	if (status == K_OK)
		sh->separator = separator(sh->text, sh->len);
	return status;
}

const char *sheet_describe(const struct sheet *sh, char *out, size_t n)
{
	const char *sep = sh->separator == ';'    ? " separated by semicolons"
			  : sh->separator == '\t' ? " separated by tabs"
						  : "";
	if (sh->encoding == SHEET_UTF8 && !*sep)
		snprintf(out, n, "%s", "");
	else
		snprintf(out, n, "%s%s", encodings[sh->encoding].name, sep);
	return out;
}
