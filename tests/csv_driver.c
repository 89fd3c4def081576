/* Reads a CSV file with kith's reader and prints what it read as JSON, for test_csv.py to
 * compare with Python's csv module: [["field", ...], ...], or {"error": ..., "line": N}.
 * With --sheet it first reads the file as a spreadsheet saved it (sheet.h: its encoding and
 * separator). With --fuzz N SEED it instead feeds the reader N random mutations of the file,
 * for the sanitizers to watch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "file.h"
#include "jsonw.h"
#include "kerr.h"
#include "sheet.h"
#include "strbuf.h"
#include "xalloc.h"

static int parse(const char *data, size_t n, char separator, struct strbuf *out)
{
	struct csv_reader r;
	struct csv_row row = {0};
	csv_open(&r, data, n);
	r.separator = separator;
	enum csv_status st;
	int rows = 0;
	strbuf_putc(out, '[');
	while ((st = csv_next(&r, &row)) == CSV_ROW) {
		strbuf_puts(out, rows++ ? ",[" : "[");
		for (int i = 0; i < row.n; i++) {
			if (i)
				strbuf_putc(out, ',');
			jsonw_string(out, row.field[i]);
		}
		strbuf_putc(out, ']');
	}
	strbuf_putc(out, ']');
	csv_row_free(&row);
	if (st == CSV_ERROR) {
		strbuf_reset(out);
		strbuf_puts(out, "{\"error\":");
		jsonw_string(out, r.error);
		strbuf_printf(out, ",\"line\":%ld}", r.error_line);
	}
	return st == CSV_ERROR;
}

/* As import reads a file: {"encoding": N, "separator": "...", "rows": [...]}, or the error. */
static void sheet(const char *data, size_t n, struct strbuf *out)
{
	struct sheet sh;
	struct kerr err;
	long line = 0;
	if (sheet_read(data, n, &sh, &line, &err) != K_OK) {
		strbuf_puts(out, "{\"error\":");
		jsonw_string(out, err.msg);
		strbuf_printf(out, ",\"line\":%ld}", line);
		sheet_free(&sh);
		return;
	}
	char said[80], sep[2] = {sh.separator, 0};
	struct strbuf rows = STRBUF_INIT;
	parse(sh.text, sh.len, sh.separator, &rows);
	strbuf_puts(out, "{\"read_as\":");
	jsonw_string(out, sheet_describe(&sh, said, sizeof said));
	strbuf_puts(out, ",\"separator\":");
	jsonw_string(out, sep);
	strbuf_printf(out, ",\"rows\":%s}", strbuf_str(&rows));
	strbuf_free(&rows);
	sheet_free(&sh);
}

static void fuzz(char *data, size_t n, long rounds, unsigned seed)
{
	srand(seed);
	char *copy = xmalloc(n + 64);
	for (long k = 0; k < rounds; k++) {
		size_t len = n;
		memcpy(copy, data, n);
		for (int m = rand() % 8; m >= 0 && len; m--) {
			size_t at = (size_t)rand() % len;
			static const char bytes[] = {'"', ',',        '\n',       '\r',
						     0,   (char)0xC3, (char)0xFF, 'a',
						     ';', (char)0x81};
			if (rand() % 3 == 0 && len + 1 < n + 64)
				memmove(copy + at + 1, copy + at, len++ - at);
			copy[at] = bytes[rand() % 10];
		}
		len -= len && rand() % 5 == 0 ? (size_t)rand() % len : 0; /* cut short */
		struct strbuf out = STRBUF_INIT;
		parse(copy, len, ',', &out);
		strbuf_reset(&out);
		sheet(copy, len, &out);
		strbuf_free(&out);
	}
	free(copy);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: csv_driver FILE [--sheet | --fuzz N SEED]\n");
		return 2;
	}
	size_t n = 0;
	char *data = file_read(argv[1], &n, NULL);
	if (!data)
		return 2;
	if (argc == 5 && strcmp(argv[2], "--fuzz") == 0) {
		fuzz(data, n, atol(argv[3]), (unsigned)atol(argv[4]));
		free(data);
		printf("fuzzed\n");
		return 0;
	}
	struct strbuf out = STRBUF_INIT;
	if (argc == 3 && strcmp(argv[2], "--sheet") == 0)
		sheet(data, n, &out);
	else
		parse(data, n, ',', &out);
	puts(strbuf_str(&out));
	strbuf_free(&out);
	free(data);
	return 0;
}
