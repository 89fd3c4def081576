/* Push batches: up to so many distinct rows from the front of the outbox, each with the
 * columns changed here since the hub last acknowledged (none: the row is new), their values
 * before, and the row as it is now. The batch's id and the outbox entries it covers are saved
 * before it leaves, so that a batch whose acknowledgement was lost goes again as the same. */
#include "syncdb.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "id.h"
#include "jsonw.h"
#include "store.h"
#include "strbuf.h"
#include "syncdb_impl.h"
#include "xalloc.h"

/* ---- the rows a batch covers: a set of "table key" strings ---- */

struct keyset {
	char **slot;
	size_t cap, n;
};

uint64_t syncdb_key_hash(const char *a, const char *b)
{
	return hash_text(hash_text(hash_text(HASH_START, a), "\x1f"), b); /* a unit separator */
}

/* Adds tbl and key; true when they were not there yet. */
static bool keyset_add(struct keyset *s, const char *tbl, const char *key)
{
	size_t tl = strlen(tbl);
	size_t i = syncdb_key_hash(tbl, key) & (s->cap - 1);
	for (; s->slot[i]; i = (i + 1) & (s->cap - 1))
		if (strncmp(s->slot[i], tbl, tl) == 0 && s->slot[i][tl] == '\x1f' &&
		    strcmp(s->slot[i] + tl + 1, key) == 0)
			return false;
	struct strbuf sb = STRBUF_INIT;
	strbuf_printf(&sb, "%s\x1f%s", tbl, key);
	s->slot[i] = strbuf_take(&sb);
	s->n++;
	return true;
}

static void keyset_free(struct keyset *s)
{
	for (size_t i = 0; i < s->cap; i++)
		free(s->slot[i]);
	free(s->slot);
}

/* The last outbox entry of the first max_keys distinct rows (0: the outbox is empty). */
static int batch_range(struct store *st, long max_keys, long long *max_n, struct kerr *err)
{
	struct keyset set = {NULL, 16, 0};
	while (set.cap < (size_t)max_keys * 2)
		set.cap *= 2;
	set.slot = xcalloc(set.cap, sizeof *set.slot);
	sqlite3_stmt *stmt = NULL;
	*max_n = 0;
	int status = store_prepare(st, "SELECT n, tbl, key FROM sync_outbox ORDER BY n", &stmt,
				   err);
	int rc = SQLITE_DONE;
	while (status == K_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *tbl = (const char *)sqlite3_column_text(stmt, 1);
		const char *key = (const char *)sqlite3_column_text(stmt, 2);
		if ((long)set.n == max_keys && keyset_add(&set, tbl, key))
			break; /* the first entry of a row beyond the batch */
		keyset_add(&set, tbl, key);
		*max_n = sqlite3_column_int64(stmt, 0);
	}
	if (status == K_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
		status = store_error(st, rc, err);
	sqlite3_finalize(stmt);
	keyset_free(&set);
	return status;
}

/* ---- the JSON ---- */

struct batch_build {
	struct store *st;
	sqlite3_stmt *row[64]; /* per travelling table: its row as JSON */
	struct strbuf json;
	long count;
};

static int row_stmt(struct batch_build *b, const struct syncdb_table *t, sqlite3_stmt **out,
		    struct kerr *err)
{
	int i = (int)(t - SYNCDB_TABLES);
	if (b->row[i]) {
		sqlite3_reset(b->row[i]);
		*out = b->row[i];
		return K_OK;
	}
	struct syncdb_cols cols;
	int status = syncdb_cols_load(b->st, t, &cols, err);
	struct strbuf sql = STRBUF_INIT;
	strbuf_puts(&sql, "SELECT ");
	syncdb_json_sql(&cols, &sql);
	strbuf_printf(&sql, " FROM %s", t->name);
	syncdb_where_key(t, &sql);
	if (status == K_OK)
		status = store_prepare(b->st, strbuf_str(&sql), &b->row[i], err);
	strbuf_free(&sql);
	syncdb_cols_free(&cols);
	*out = b->row[i];
	return status;
}

/* "c": the distinct columns of "a,b,a,c". */
static void put_cols(struct strbuf *json, const char *list)
{
	struct strbuf seen = STRBUF_INIT;
	strbuf_puts(&seen, ",");
	strbuf_puts(json, "[");
	int first = 1;
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ",");
		struct strbuf word = STRBUF_INIT;
		strbuf_putc(&word, ',');
		strbuf_add(&word, p, len);
		strbuf_putc(&word, ',');
		if (len && !strstr(strbuf_str(&seen), strbuf_str(&word))) {
			strbuf_add(&seen, p, len);
			strbuf_putc(&seen, ',');
			strbuf_printf(json, "%s\"%.*s\"", first ? "" : ",", (int)len, p);
			first = 0;
		}
		strbuf_free(&word);
		p += len + (p[len] == ',');
	}
	strbuf_puts(json, "]");
	strbuf_free(&seen);
}

/* The end of the SQL literal quote() wrote at p: 'text' with '' inside, X'hex', a number or
 * NULL. */
static const char *literal_end(const char *p)
{
	if (*p == 'X' && p[1] == '\'')
		p++;
	if (*p != '\'')
		return p + strcspn(p, ",");
	for (p++; *p; p++)
		if (*p == '\'' && *++p != '\'')
			return p;
	return p;
}

static void put_literal(struct strbuf *json, const char *p, const char *end)
{
	if (*p == '\'' || *p == 'X') {
		struct strbuf text = STRBUF_INIT;
		for (const char *q = p + 1 + (*p == 'X'); q < end - 1; q++) {
			strbuf_putc(&text, *q);
			q += *q == '\'' && q[1] == '\'';
		}
		jsonw_string(json, strbuf_str(&text));
		strbuf_free(&text);
	} else if (strncmp(p, "NULL", 4) == 0) {
		strbuf_puts(json, "null");
	} else {
		strbuf_add(json, p, (size_t)(end - p));
	}
}

/* "o": each column's value before the first change of it here, from the outbox entries'
 * ",col=literal" in the order they were written. */
static void put_old(struct strbuf *json, const char *old)
{
	struct strbuf seen = STRBUF_INIT;
	strbuf_puts(&seen, ",");
	strbuf_putc(json, '{');
	int first = 1;
	for (const char *p = old; *p == ',';) {
		const char *eq = strchr(p, '=');
		if (!eq)
			break;
		const char *end = literal_end(eq + 1);
		struct strbuf name = STRBUF_INIT;
		strbuf_add(&name, p, (size_t)(eq - p));
		strbuf_putc(&name, ',');
		if (!strstr(strbuf_str(&seen), strbuf_str(&name))) {
			strbuf_add(&seen, p + 1, (size_t)(eq - p - 1));
			strbuf_putc(&seen, ',');
			strbuf_printf(json, "%s\"%.*s\":", first ? "" : ",", (int)(eq - p - 1),
				      p + 1);
			put_literal(json, eq + 1, end);
			first = 0;
		}
		strbuf_free(&name);
		p = end;
	}
	strbuf_putc(json, '}');
	strbuf_free(&seen);
}

/* One entry of the array, from a row of the grouped outbox. */
static int put_change(struct batch_build *b, sqlite3_stmt *g, struct kerr *err)
{
	const char *tbl = (const char *)sqlite3_column_text(g, 0);
	const char *key = (const char *)sqlite3_column_text(g, 1);
	const struct syncdb_table *t = syncdb_find(tbl);
	sqlite3_stmt *row = NULL;
	int status = t ? row_stmt(b, t, &row, err) : K_OK;
	if (status != K_OK || !t || !syncdb_bind_key(row, t, key))
		return status;
	int rc = sqlite3_step(row);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? K_OK : store_error(b->st, rc, err); /* gone: nothing */
	bool insert = sqlite3_column_int(g, 2) != 0;
	strbuf_puts(&b->json, b->count ? ",\n{" : "{");
	jsonw_key(&b->json, "t", 1);
	jsonw_string(&b->json, tbl);
	jsonw_key(&b->json, "k", 0);
	jsonw_string(&b->json, key);
	jsonw_key(&b->json, "c", 0);
	if (insert)
		strbuf_puts(&b->json, "null");
	else
		put_cols(&b->json, (const char *)sqlite3_column_text(g, 3));
	jsonw_key(&b->json, "o", 0);
	const char *old = (const char *)sqlite3_column_text(g, 4);
	if (insert || !old)
		strbuf_puts(&b->json, "null");
	else
		put_old(&b->json, old);
	jsonw_key(&b->json, "d", 0);
	strbuf_puts(&b->json, (const char *)sqlite3_column_text(row, 0));
	strbuf_puts(&b->json, "}");
	b->count++;
	sqlite3_reset(row);
	return K_OK;
}

/* The outbox entries up to max_n by their key (NOT INDEXED: read by n, not the whole outbox
 * through its index once a batch, which made a borough's first push quadratic). */
static int build(struct store *st, long long max_n, struct syncdb_batch *out, struct kerr *err)
{
	struct batch_build b = {.st = st, .json = STRBUF_INIT};
	sqlite3_stmt *g = NULL;
	int status = store_prepare(
		st,
		"SELECT tbl, key, max(cols IS NULL), group_concat(cols), (SELECT group_concat(old, "
		"'') FROM (SELECT p.old FROM sync_outbox p WHERE p.tbl = o.tbl AND p.key = o.key "
		"AND p.n <= ?1 ORDER BY p.n)) FROM sync_outbox o NOT INDEXED WHERE n <= ?1 GROUP BY "
		"tbl, key "
		"ORDER BY min(n)",
		&g, err);
	if (status == K_OK)
		sqlite3_bind_int64(g, 1, max_n);
	strbuf_puts(&b.json, "[");
	int rc = SQLITE_DONE;
	while (status == K_OK && (rc = sqlite3_step(g)) == SQLITE_ROW)
		status = put_change(&b, g, err);
	if (status == K_OK && rc != SQLITE_DONE)
		status = store_error(st, rc, err);
	strbuf_puts(&b.json, "]");
	sqlite3_finalize(g);
	for (size_t i = 0; i < sizeof b.row / sizeof *b.row; i++)
		sqlite3_finalize(b.row[i]);
	out->count = b.count;
	out->json = strbuf_take(&b.json);
	return status;
}

/* ---- the batch in flight ---- */

static int in_flight(struct store *st, char id[37], long long *max_n, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	id[0] = '\0';
	*max_n = 0;
	int status = store_cached(st,
				  "SELECT batch_id, batch_max FROM sync_state WHERE id = 1 "
				  "AND batch_id IS NOT NULL",
				  &stmt, err);
	if (status != K_OK)
		return status;
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		snprintf(id, 37, "%s", (const char *)sqlite3_column_text(stmt, 0));
		*max_n = sqlite3_column_int64(stmt, 1);
	}
	status = rc == SQLITE_ROW || rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	return status;
}

static int save_flight(struct store *st, const char *id, long long max_n, struct kerr *err)
{
	char n[24];
	snprintf(n, sizeof n, "%lld", max_n);
	const char *v[] = {id, id ? n : NULL};
	int status = store_begin(st, err);
	if (status == K_OK)
		status = store_run(
			st, "UPDATE sync_state SET batch_id = ?1, batch_max = ?2 WHERE id = 1", v,
			2, err);
	return store_finish(st, status, err);
}

int syncdb_batch(struct store *st, long max_keys, struct syncdb_batch *out, struct kerr *err)
{
	memset(out, 0, sizeof *out);
	if (max_keys < 1)
		max_keys = 1;
	int status = in_flight(st, out->id, &out->max_n, err);
	bool again = status == K_OK && out->id[0];
	if (status == K_OK && !again)
		status = batch_range(st, max_keys, &out->max_n, err);
	if (status != K_OK || out->max_n == 0)
		return status;
	if (!again) {
		id_new(out->id);
		status = save_flight(st, out->id, out->max_n, err);
	}
	if (status == K_OK)
		status = build(st, out->max_n, out, err);
	if (status == K_OK && out->count == 0) {
		/* every row it covered is gone: nothing to send, and the entries go */
		status = syncdb_batch_done(st, out, err);
		syncdb_batch_free(out);
		return status == K_OK ? syncdb_batch(st, max_keys, out, err) : status;
	}
	return status;
}

int syncdb_batch_done(struct store *st, const struct syncdb_batch *b, struct kerr *err)
{
	char n[24];
	snprintf(n, sizeof n, "%lld", b->max_n);
	const char *v[] = {n, b->id};
	int status = store_begin(st, err);
	if (status == K_OK)
		status = store_run(st, "DELETE FROM sync_outbox WHERE n <= ?1", v, 1, err);
	if (status == K_OK)
		status = store_run(st,
				   "UPDATE sync_state SET batch_id = NULL, batch_max = NULL "
				   "WHERE id = 1 AND batch_id = ?2",
				   v, 2, err);
	return store_finish(st, status, err);
}

void syncdb_batch_free(struct syncdb_batch *b)
{
	if (!b)
		return;
	free(b->json);
	b->json = NULL;
}
