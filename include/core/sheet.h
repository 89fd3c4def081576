/* A file as a spreadsheet saved it, made ready for the CSV reader: its text turned into UTF-8
 * from whatever Excel or LibreOffice wrote (UTF-8, Windows-1252, or UTF-16 or UTF-32 with a
 * byte-order mark: Excel's "Unicode text") and its separator found from the header line
 * (comma, semicolon or tab). A file that is no text at all (a workbook) is named, with how to
 * save it as CSV. */
#ifndef KITH_SHEET_H
#define KITH_SHEET_H

#include <stddef.h>

#include "kerr.h"

enum sheet_encoding {
	SHEET_UTF8,
	SHEET_CP1252,
	SHEET_UTF16LE,
	SHEET_UTF16BE,
	SHEET_UTF32LE,
	SHEET_UTF32BE,
};

struct sheet {
	char *text; /* UTF-8, without a byte-order mark; owned */
	size_t len;
	enum sheet_encoding encoding;
	char separator; /* ',', ';' or '\t' */
};

/* Reads the n bytes of data into sh. K_OK, or K_INVALID with err saying what the file is and
 * how to save it as CSV; *line is then the line the trouble is on, or 0 for the whole file.
 * Free sh with sheet_free (also after a failure). */
int sheet_read(const char *data, size_t n, struct sheet *sh, long *line, struct kerr *err);
void sheet_free(struct sheet *sh);
/* How sh was read, when not as plain comma-separated UTF-8: "Windows-1252 text separated by
 * semicolons"; "" otherwise. Returns out. */
const char *sheet_describe(const struct sheet *sh, char *out, size_t n);

#endif
