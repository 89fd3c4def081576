/* kith's JSON exports read back as rows: an array of flat objects (jsonr.h reads the text)
 * becomes a header (every key, in the order first met) and a row of text per object, so that
 * the CSV import's matching and checks take it from there. */
#include "import_map.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonr.h"
#include "xalloc.h"

/* p grown so that index i is in it, what it gains zeroed. */
static void *grown(void *p, size_t i, size_t *cap, size_t size)
{
	size_t was = *cap;
	p = xgrow(p, i, cap, size);
	if (*cap > was)
		memset((char *)p + was * size, 0, (*cap - was) * size);
	return p;
}

/* The column of key in the header, added when new. */
static int column(struct import_rows *rows, const char *key)
{
	for (int c = 0; c < rows->header.n; c++)
		if (strcmp(rows->header.field[c], key) == 0)
			return c;
	rows->header.field = grown(rows->header.field, (size_t)rows->header.n, &rows->header.cap,
				   sizeof *rows->header.field);
	rows->header.field[rows->header.n] = xstrdup(key);
	return rows->header.n++;
}

/* A value as the CSV would hold it: true "1", false "0", null "", a number as written. */
static const char *as_text(const struct jsonr *v)
{
	if (v->type == JSONR_BOOL)
		return strcmp(v->text, "true") == 0 ? "1" : "0";
	return v->text ? v->text : "";
}

static bool object(struct import_rows *rows, const struct jsonr *o, char *why, size_t whylen)
{
	if (o->type != JSONR_OBJECT) {
		snprintf(why, whylen, "each record is an object, {...}");
		rows->error_line = o->line;
		return false;
	}
	/* in the rows at once, so that a refusal part way leaves nothing unfreed */
	rows->row = grown(rows->row, (size_t)rows->n, &rows->cap, sizeof *rows->row);
	struct csv_row *row = &rows->row[rows->n++];
	*row = (struct csv_row){.line = o->line};
	for (size_t m = 0; m < o->n; m++) {
		const struct jsonr *v = &o->item[m];
		if (v->type == JSONR_ARRAY || v->type == JSONR_OBJECT) {
			snprintf(why, whylen, "%.60s: a list or an object where a value belongs",
				 v->key);
			rows->error_line = v->line;
			return false;
		}
		int c = column(rows, v->key);
		row->field = grown(row->field, (size_t)c, &row->cap, sizeof *row->field);
		free(row->field[c]);
		row->field[c] = xstrdup(as_text(v));
	}
	return true;
}

/* Every row is as wide as the header, an absent key an empty value. */
static void square(struct import_rows *rows)
{
	int n = rows->header.n;
	for (int i = 0; i < rows->n; i++) {
		struct csv_row *row = &rows->row[i];
		row->field = grown(row->field, (size_t)n, &row->cap, sizeof *row->field);
		for (int c = 0; c < n; c++)
			if (!row->field[c])
				row->field[c] = xstrdup("");
		row->n = n;
	}
}

bool import_json_rows(const char *data, size_t n, struct import_rows *out, char *why, size_t whylen)
{
	memset(out, 0, sizeof *out);
	out->header.line = 1;
	long line = 1;
	struct jsonr *doc = jsonr_parse(data, n, why, whylen, &line);
	bool ok = doc != NULL;
	if (!ok)
		out->error_line = line;
	else if (doc->type != JSONR_ARRAY) {
		snprintf(why, whylen, "a JSON export is an array of records, [...]");
		out->error_line = doc->line;
		ok = false;
	}
	for (size_t i = 0; ok && i < doc->n; i++)
		ok = object(out, &doc->item[i], why, whylen);
	jsonr_free(doc);
	square(out);
	return ok;
}

bool import_json_looks(const char *data, size_t n)
{
	size_t i = n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (i < n && strchr(" \t\r\n", data[i]) && data[i])
		i++;
	return i < n && (data[i] == '[' || data[i] == '{');
}

void import_rows_free(struct import_rows *rows)
{
	for (int c = 0; c < rows->header.n; c++)
		free(rows->header.field[c]);
	free(rows->header.field);
	for (int i = 0; i < rows->n; i++) {
		for (int c = 0; c < rows->row[i].n; c++)
			free(rows->row[i].field[c]);
		free(rows->row[i].field);
	}
	free(rows->row);
	memset(rows, 0, sizeof *rows);
}
