/* A laptop's travelling rows as text that compares: one line a row, "table<TAB>key<TAB>json"
 * with the JSON's keys sorted and its values written one way, the lines sorted. The hub's
 * rows go through syncdb_canonical too, so a laptop and the hub compare as text. */
#include "syncdb.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonr.h"
#include "jsonw.h"
#include "store.h"
#include "strbuf.h"
#include "syncdb_impl.h"
#include "xalloc.h"

static const struct jsonr *sort_base;

static int by_key(const void *a, const void *b)
{
	return strcmp(sort_base->item[*(const size_t *)a].key,
		      sort_base->item[*(const size_t *)b].key);
}

/* A number one way: an integer as such, anything else as the shortest double that reads
 * back the same. */
static void put_number(struct strbuf *out, const char *text)
{
	char *end = NULL;
	long long i = strtoll(text, &end, 10);
	if (*end == '\0') {
		strbuf_printf(out, "%lld", i);
		return;
	}
	double d = strtod(text, NULL);
	if (d == (double)(long long)d && d > -9e15 && d < 9e15)
		strbuf_printf(out, "%lld", (long long)d);
	else
		strbuf_printf(out, "%.17g", d);
}

static void put_value(struct strbuf *out, const struct jsonr *v)
{
	switch (v->type) {
	case JSONR_NULL:
		strbuf_puts(out, "null");
		break;
	case JSONR_BOOL:
		strbuf_puts(out, v->text);
		break;
	case JSONR_NUMBER:
		put_number(out, v->text);
		break;
	case JSONR_STRING:
		jsonw_string(out, v->text);
		break;
	case JSONR_ARRAY:
		strbuf_putc(out, '[');
		for (size_t i = 0; i < v->n; i++) {
			if (i)
				strbuf_putc(out, ',');
			put_value(out, &v->item[i]);
		}
		strbuf_putc(out, ']');
		break;
	case JSONR_OBJECT: {
		size_t *order = xcalloc(v->n ? v->n : 1, sizeof *order);
		for (size_t i = 0; i < v->n; i++)
			order[i] = i;
		sort_base = v;
		qsort(order, v->n, sizeof *order, by_key);
		strbuf_putc(out, '{');
		for (size_t i = 0; i < v->n; i++) {
			jsonw_key(out, v->item[order[i]].key, i == 0);
			put_value(out, &v->item[order[i]]);
		}
		strbuf_putc(out, '}');
		free(order);
		break;
	}
	}
}

int syncdb_canonical(const char *json, struct strbuf *out, struct kerr *err)
{
	char why[160];
	long line = 0;
	struct jsonr *v = jsonr_parse(json, strlen(json), why, sizeof why, &line);
	if (!v)
		return kerr_set(err, K_INVALID, "", "not JSON: %s", why);
	put_value(out, v);
	jsonr_free(v);
	return K_OK;
}

struct lines {
	char **line;
	size_t n, cap;
};

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int dump_table(struct store *st, const struct syncdb_table *t, struct lines *out,
		      struct kerr *err)
{
	struct syncdb_cols cols;
	int status = syncdb_cols_load(st, t, &cols, err);
	struct strbuf sql = STRBUF_INIT;
	strbuf_puts(&sql, "SELECT ");
	syncdb_key_sql(t, &sql);
	strbuf_puts(&sql, ", ");
	syncdb_json_sql(&cols, &sql);
	strbuf_printf(&sql, " FROM %s", t->name);
	syncdb_cols_free(&cols);
	sqlite3_stmt *stmt = NULL;
	if (status == K_OK)
		status = store_prepare(st, strbuf_str(&sql), &stmt, err);
	strbuf_free(&sql);
	int rc = SQLITE_DONE;
	while (status == K_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(stmt, 0);
		if (strcmp(t->name, "setting") == 0 && syncdb_local_setting(key))
			continue;
		struct strbuf line = STRBUF_INIT;
		strbuf_printf(&line, "%s\t%s\t", t->name, key);
		status = syncdb_canonical((const char *)sqlite3_column_text(stmt, 1), &line, err);
		out->line = xgrow(out->line, out->n, &out->cap, sizeof *out->line);
		out->line[out->n++] = strbuf_take(&line);
	}
	if (status == K_OK && rc != SQLITE_DONE)
		status = store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

int syncdb_dump(struct store *st, struct strbuf *out, struct kerr *err)
{
	struct lines all = {NULL, 0, 0};
	int status = K_OK;
	for (int i = 0; status == K_OK && i < SYNCDB_NTABLES; i++)
		status = dump_table(st, &SYNCDB_TABLES[i], &all, err);
	if (all.n > 0) /* a laptop with no rows yet: qsort may not be given NULL */
		qsort(all.line, all.n, sizeof *all.line, by_text);
	for (size_t i = 0; i < all.n; i++) {
		if (status == K_OK) {
			strbuf_puts(out, all.line[i]);
			strbuf_putc(out, '\n');
		}
		free(all.line[i]);
	}
	free(all.line);
	return status;
}
