/* CSV as RFC 4180 writes it and spreadsheets save it: fields split by commas, quoted fields
 * that may hold commas, quotes (doubled) and line breaks, CRLF or LF or CR between records,
 * and a UTF-8 byte-order mark at the start. Reading is strict where a lenient reader would
 * store something wrong: an unclosed quote, text after a closing quote, invalid UTF-8, a NUL
 * or other control byte, an overlong field are errors that name the line. Writing makes
 * cells a spreadsheet would run as a formula inert. */
#ifndef KITH_CSV_H
#define KITH_CSV_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf;

#define CSV_FIELD_MAX (64 * 1024) /* bytes in one field */

struct csv_reader {
	const char *data;
	size_t len, at;
	long line;       /* the line the reader is on (1-based) */
	char error[200]; /* the reason, after CSV_ERROR */
	long error_line;
	char separator; /* ',', or after csv_open ';' or '\t' (sheet.h finds which) */
};

struct csv_row {
	char **field;
	int n;
	size_t cap;
	long line; /* the line the record began on */
	/* csv_next's rows: every field's bytes in one buffer, each ended by a NUL, field[i]
	 * pointing into it (no allocation a field); NULL where each field is its own (JSON's) */
	char *text;
	size_t text_len, text_cap;
	size_t *start; /* where each field begins in text, while the row is read */
};

enum csv_status { CSV_ROW, CSV_END, CSV_ERROR };

/* data is the whole file (it need not end in a newline); a leading BOM is skipped. */
void csv_open(struct csv_reader *r, const char *data, size_t len);
/* The next record into row (its fields replaced). A blank line is a record of no fields. */
enum csv_status csv_next(struct csv_reader *r, struct csv_row *row);
void csv_row_free(struct csv_row *row);
/* About how many records are left to read: the line ends ahead (a quoted field's line breaks
 * count too), for a reader that sizes its work ahead. */
long csv_lines_about(const struct csv_reader *r);
/* The row's fields as strings of their own, the caller's to free (each, then the array): for
 * a reader that keeps rows past the next csv_next. The row is left empty. */
char **csv_row_take(struct csv_row *row);
/* A record of nothing but empty fields or spaces: a blank line, or a row of separators, as
 * Excel saves below a table (",,,,"). */
bool csv_row_blank(const struct csv_row *row);

/* Appends one cell: quoted when it must be, and with a ' before a leading =, +, -, @, tab or
 * carriage return, so that no spreadsheet runs it. */
void csv_cell(struct strbuf *out, const char *text, bool first);
/* Appends one cell quoted when it must be and otherwise as it is: for files read by programs
 * (an Open Referral package), where a ' would change the value. */
void csv_cell_as_is(struct strbuf *out, const char *text, bool first);
/* Undoes csv_cell's ' on import: "'=SUM" comes back as "=SUM". Returns text or past it. */
const char *csv_uninert(const char *text);

#endif
