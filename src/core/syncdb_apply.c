/* Applying a page of the hub's rows: each upserted by its key with the travelling columns it
 * carries (local columns kept, unknown ones ignored), capture and the side-effect triggers off,
 * a row this laptop has a change of its own to push held back (the hub sends the merged row
 * after the push), natural keys that collide settled the same way on every laptop, and an
 * erasure that arrived carried out here. */
#include "syncdb.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "import_bulk.h"
#include "jsonr.h"
#include "person.h"
#include "referral.h"
#include "store.h"
#include "strbuf.h"
#include "syncdb_impl.h"
#include "xalloc.h"

#define MAX_COLS 64
#define MASKS 4
/* From this many new people, places or referrals in a page, their triggers' work is done
 * once for the page (import_bulk.c, referral_bulk.c), as an import does. */
#define BULK_MIN 256

struct upsert {
	uint64_t mask;
	sqlite3_stmt *stmt;
};

/* What a page keeps per table: its columns here and its upserts by the columns they set. */
struct table_cache {
	bool loaded;
	struct syncdb_cols cols;
	struct upsert up[MASKS];
	int next;
};

struct apply {
	struct store *st;
	struct table_cache tc[64];
	const char *val[MAX_COLS]; /* this row's values by column, NULL when absent */
	const struct jsonr *jv[MAX_COLS];
	char **erase; /* people whose erasure arrived */
	char **erase_when;
	size_t nerase, cap;
	struct syncdb_applied *out;
	struct import_bulk people, places;
	struct referral_bulk refs;
	bool refs_on;
};

static void apply_free(struct apply *a)
{
	for (int i = 0; i < SYNCDB_NTABLES; i++) {
		for (int k = 0; k < MASKS; k++)
			sqlite3_finalize(a->tc[i].up[k].stmt);
		syncdb_cols_free(&a->tc[i].cols);
	}
	for (size_t i = 0; i < a->nerase; i++)
		free(a->erase[i]), free(a->erase_when[i]);
	free(a->erase);
	free(a->erase_when);
}

static int cache_for(struct apply *a, const struct syncdb_table *t, struct table_cache **out,
		     struct kerr *err)
{
	struct table_cache *c = &a->tc[t - SYNCDB_TABLES];
	*out = c;
	if (c->loaded)
		return K_OK;
	int status = syncdb_cols_load(a->st, t, &c->cols, err);
	if (status == K_OK && c->cols.n > MAX_COLS)
		status = kerr_set(err, K_DB, "", "the table %s has too many columns", t->name);
	c->loaded = status == K_OK;
	return status;
}

static bool is_key(const struct syncdb_table *t, const char *col)
{
	for (int i = 0; i < syncdb_nkey(t); i++)
		if (strcmp(t->key[i], col) == 0)
			return true;
	return false;
}

/* A new person's or asset's place in the search index, and the words of tags already here. */
static void local_values(const struct syncdb_table *t, int id_param, struct strbuf *sql)
{
	const char *link = strcmp(t->name, "person") == 0 ? "person" : "asset";
	strbuf_printf(sql,
		      ", (SELECT coalesce(max(fts_rowid), 0) + 1 FROM %s), coalesce((SELECT "
		      "group_concat(g.name, ' ') FROM %s_tag k JOIN tag g ON g.id = k.tag_id WHERE "
		      "k.%s_id = ?%d AND k.deleted_at IS NULL AND g.deleted_at IS NULL), '')",
		      t->name, link, link, id_param);
}

static int upsert_sql(const struct syncdb_table *t, const struct syncdb_cols *cols, uint64_t mask,
		      struct strbuf *sql)
{
	bool fts = t->local[0] && strcmp(t->local[0], "fts_rowid") == 0;
	int id_param = 0;
	strbuf_printf(sql, "INSERT INTO %s (", t->name);
	for (int i = 0, k = 0; i < cols->n; i++)
		if (mask & (1ULL << i)) {
			strbuf_printf(sql, "%s%s", k++ ? ", " : "", cols->name[i]);
			if (strcmp(cols->name[i], "id") == 0)
				id_param = i + 1;
		}
	strbuf_puts(sql, fts ? ", fts_rowid, tag_words) VALUES (" : ") VALUES (");
	for (int i = 0, k = 0; i < cols->n; i++)
		if (mask & (1ULL << i))
			strbuf_printf(sql, "%s?%d", k++ ? ", " : "", i + 1);
	if (fts)
		local_values(t, id_param, sql);
	strbuf_puts(sql, ") ON CONFLICT (");
	for (int i = 0; i < syncdb_nkey(t); i++)
		strbuf_printf(sql, "%s%s", i ? ", " : "", t->key[i]);
	strbuf_puts(sql, ") DO UPDATE SET ");
	int k = 0;
	for (int i = 0; i < cols->n; i++)
		if ((mask & (1ULL << i)) && !is_key(t, cols->name[i]))
			strbuf_printf(sql, "%s%s = excluded.%s", k++ ? ", " : "", cols->name[i],
				      cols->name[i]);
	if (!k) /* a row that is all key: touching it is enough */
		strbuf_printf(sql, "%s = excluded.%s", t->key[0], t->key[0]);
	/* a row that comes back as it is here (the echo of a push) writes nothing */
	strbuf_puts(sql, " WHERE false");
	for (int i = 0; i < cols->n; i++)
		if ((mask & (1ULL << i)) && !is_key(t, cols->name[i]))
			strbuf_printf(sql, " OR %s IS NOT excluded.%s COLLATE BINARY",
				      cols->name[i], cols->name[i]);
	return fts && !id_param ? K_INVALID : K_OK;
}

static int upsert_stmt(struct apply *a, const struct syncdb_table *t, struct table_cache *c,
		       uint64_t mask, sqlite3_stmt **out, struct kerr *err)
{
	for (int k = 0; k < MASKS; k++)
		if (c->up[k].stmt && c->up[k].mask == mask) {
			*out = c->up[k].stmt;
			return K_OK;
		}
	struct strbuf sql = STRBUF_INIT;
	int status = upsert_sql(t, &c->cols, mask, &sql);
	if (status != K_OK)
		status = kerr_set(err, K_INVALID, "", "a row of %s came without its id", t->name);
	struct upsert *u = &c->up[c->next];
	c->next = (c->next + 1) % MASKS;
	sqlite3_finalize(u->stmt);
	u->stmt = NULL;
	if (status == K_OK)
		status = store_prepare(a->st, strbuf_str(&sql), &u->stmt, err);
	strbuf_free(&sql);
	u->mask = mask;
	*out = u->stmt;
	return status;
}

static void bind_value(sqlite3_stmt *stmt, int i, const struct jsonr *v)
{
	if (v->type == JSONR_STRING) {
		sqlite3_bind_text(stmt, i, v->text, -1, SQLITE_STATIC);
	} else if (v->type == JSONR_NUMBER) {
		char *end = NULL;
		long long n = strtoll(v->text, &end, 10);
		if (*end == '\0')
			sqlite3_bind_int64(stmt, i, n);
		else
			sqlite3_bind_double(stmt, i, strtod(v->text, NULL));
	} else if (v->type == JSONR_BOOL) {
		sqlite3_bind_int(stmt, i, strcmp(v->text, "true") == 0);
	} else {
		sqlite3_bind_null(stmt, i);
	}
}

/* *broke: the row breaks a rule of this file (a CHECK or NOT NULL: a hub row no laptop of this
 * kith would make), which only its own statement undid. */
static int upsert(struct apply *a, const struct syncdb_table *t, struct table_cache *c,
		  uint64_t mask, bool *broke, struct kerr *err)
{
	sqlite3_stmt *up = NULL;
	int status = upsert_stmt(a, t, c, mask, &up, err);
	for (int i = 0; status == K_OK && i < c->cols.n; i++)
		if (mask & (1ULL << i))
			bind_value(up, i + 1, a->jv[i]);
	int rc = status == K_OK ? sqlite3_step(up) : SQLITE_DONE;
	if (status == K_OK && rc != SQLITE_DONE) {
		int ext = sqlite3_extended_errcode(store_db(a->st));
		*broke = ext == SQLITE_CONSTRAINT_CHECK || ext == SQLITE_CONSTRAINT_NOTNULL;
		status = store_error(a->st, rc, err);
	}
	if (status != K_OK && rc != SQLITE_DONE) {
		char why[sizeof err->msg];
		memcpy(why, err->msg, sizeof why);
		kerr_set(err, status, "", "the hub's row of %s could not be applied: %.200s",
			 t->name, why);
	}
	if (up)
		sqlite3_reset(up), sqlite3_clear_bindings(up);
	return status;
}

/* ---- one row ---- */

static int pending(struct apply *a, const char *tbl, const char *key, bool *out, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(a->st, "SELECT 1 FROM sync_outbox WHERE tbl = ?1 AND key = ?2",
				  &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, tbl, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	*out = rc == SQLITE_ROW;
	status = rc == SQLITE_ROW || rc == SQLITE_DONE ? K_OK : store_error(a->st, rc, err);
	sqlite3_reset(stmt);
	return status;
}

/* Whether the register here names the person already (erased here, or by an earlier page). */
static int erased_here(struct apply *a, const char *person_id, bool *out, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(a->st, "SELECT 1 FROM erasure WHERE person_id = ?1", &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, person_id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	*out = rc == SQLITE_ROW;
	status = rc == SQLITE_ROW || rc == SQLITE_DONE ? K_OK : store_error(a->st, rc, err);
	sqlite3_reset(stmt);
	return status;
}

static int remember_erasure(struct apply *a, const struct table_cache *c)
{
	const struct jsonr *id = NULL, *when = NULL;
	for (int i = 0; i < c->cols.n; i++) {
		if (strcmp(c->cols.name[i], "person_id") == 0)
			id = a->jv[i];
		else if (strcmp(c->cols.name[i], "erased_at") == 0)
			when = a->jv[i];
	}
	if (!id || !when || id->type != JSONR_STRING || when->type != JSONR_STRING)
		return K_OK;
	a->erase = xgrow(a->erase, a->nerase, &a->cap, sizeof *a->erase);
	a->erase_when = xreallocarray(a->erase_when, a->cap, sizeof *a->erase_when);
	a->erase[a->nerase] = xstrdup(id->text);
	a->erase_when[a->nerase++] = xstrdup(when->text);
	return K_OK;
}

/* A hub row that breaks a rule here is left out, so that the pulls after it go on: counted,
 * and kept in the audit (err holds why), with the person it is about. */
static int refuse_row(struct apply *a, const struct syncdb_row *r, const struct table_cache *c,
		      struct kerr *err)
{
	const char *person = strcmp(r->tbl, "person") == 0 ? r->key : NULL;
	for (int i = 0; !person && i < c->cols.n; i++)
		if (strcmp(c->cols.name[i], "person_id") == 0 && a->jv[i] &&
		    a->jv[i]->type == JSONR_STRING)
			person = a->jv[i]->text;
	char detail[sizeof err->msg + 40];
	snprintf(detail, sizeof detail, "left out of a sync: %s", err->msg);
	const char *why = strstr(err->msg, "CHECK constraint");
	why = why ? why : strstr(err->msg, "NOT NULL constraint");
	if (!a->out->refused++)
		snprintf(a->out->refused_what, sizeof a->out->refused_what, "%.24s %.40s: %.90s",
			 r->tbl, r->key, why ? why : err->msg);
	return audit_record(a->st, "import", r->tbl, r->key, person, NULL, detail, err);
}

/* The row's values by column; *mask the columns it carries that this file has. */
static uint64_t collect(struct apply *a, const struct table_cache *c, const struct jsonr *obj)
{
	uint64_t mask = 0;
	memset(a->jv, 0, sizeof a->jv);
	for (size_t m = 0; m < obj->n; m++)
		for (int i = 0; i < c->cols.n; i++)
			if (strcmp(obj->item[m].key, c->cols.name[i]) == 0) {
				a->jv[i] = &obj->item[m];
				mask |= 1ULL << i;
				break;
			}
	return mask;
}

static int apply_row(struct apply *a, const struct syncdb_row *r, struct kerr *err)
{
	const struct syncdb_table *t = syncdb_find(r->tbl);
	/* a newer kith's table, a setting of another machine, or the echo of this laptop's own
	 * push that the hub sends without its data (kith.pull's quiet: it is here as sent) */
	if (!t || !r->data || (strcmp(t->name, "setting") == 0 && syncdb_local_setting(r->key)))
		return K_OK;
	bool held = false;
	int status = pending(a, r->tbl, r->key, &held, err);
	if (status != K_OK || held) {
		a->out->skipped += held;
		return status;
	}
	struct table_cache *c = NULL;
	status = cache_for(a, t, &c, err);
	char why[160];
	long line = 0;
	struct jsonr *obj = status == K_OK
				    ? jsonr_parse(r->data, strlen(r->data), why, sizeof why, &line)
				    : NULL;
	if (status == K_OK && (!obj || obj->type != JSONR_OBJECT))
		status = kerr_set(err, K_INVALID, "", "the hub's row %s %s is not a JSON object",
				  r->tbl, r->key);
	uint64_t mask = status == K_OK ? collect(a, c, obj) : 0;
	int fix = -1;
	char *value = NULL;
	if (status == K_OK)
		status = syncdb_settle(a->st, t, &c->cols, a->jv, &fix, &value, err);
	a->out->renamed += fix != -1;
	const struct jsonr *was = fix >= 0 ? a->jv[fix] : NULL;
	struct jsonr fixed = {.type = JSONR_STRING, .text = value};
	if (fix >= 0) {
		a->jv[fix] = &fixed;
		mask |= 1ULL << fix;
	}
	bool erasure = strcmp(t->name, "erasure") == 0, known = false;
	if (status == K_OK && erasure)
		status = erased_here(a, r->key, &known, err);
	bool broke = false;
	if (status == K_OK)
		status = upsert(a, t, c, mask, &broke, err);
	if (broke)
		status = refuse_row(a, r, c, err);
	if (status == K_OK && !broke && fix >= 0)
		status = syncdb_settled(a->st, t, r->key, c->cols.name[fix], was, err);
	if (status == K_OK && !broke && erasure && !known)
		status = remember_erasure(a, c);
	free(value);
	a->out->rows += status == K_OK && !broke;
	jsonr_free(obj);
	return status;
}

/* ---- many rows at once ---- */

static int count_of(const struct syncdb_row *rows, int n, const char *tbl)
{
	int k = 0;
	for (int i = 0; i < n; i++)
		k += strcmp(rows[i].tbl, tbl) == 0;
	return k;
}

static int bulk_begin(struct apply *a, const struct syncdb_row *rows, int n, struct kerr *err)
{
	int status = K_OK;
	if (count_of(rows, n, "person") >= BULK_MIN)
		status = import_bulk_begin(a->st, &a->people, "person", err);
	if (status == K_OK && count_of(rows, n, "asset") >= BULK_MIN)
		status = import_bulk_begin(a->st, &a->places, "asset", err);
	if (status == K_OK && count_of(rows, n, "referral") >= BULK_MIN) {
		status = referral_bulk_begin(a->st, &a->refs, err);
		a->refs.review_apart = true; /* review dates travel */
		a->refs_on = true;
	}
	return status;
}

/* What the set-aside triggers would have done, for the page's new rows; the index changes
 * queued for them meanwhile (their tag words rewritten) are dropped: they are indexed as
 * they end. */
static int bulk_end(struct apply *a, int status, struct kerr *err)
{
	char mark[24];
	struct import_bulk *b[] = {&a->people, &a->places};
	for (int i = 0; i < 2; i++) {
		snprintf(mark, sizeof mark, "%lld", b[i]->mark);
		const char *v[] = {i ? "asset" : "person", mark};
		if (status == K_OK && b[i]->kind)
			status = store_run(a->st,
					   "DELETE FROM fts_queue WHERE tbl = ?1 AND rid > ?2", v,
					   2, err);
		if (b[i]->kind)
			status = import_bulk_end(a->st, b[i], status, err);
	}
	if (a->refs_on)
		status = referral_bulk_end(a->st, &a->refs, status, err);
	a->refs_on = false;
	return status;
}

/* The page in the order of SYNCDB_TABLES (each key comes once a page, so its order is
 * free): places before the referrals between them, people before their tags. */
static const struct syncdb_row *const *page_order(const struct syncdb_row *rows, int n)
{
	const struct syncdb_row **order = xcalloc((size_t)n + 1, sizeof *order);
	int k = 0;
	for (int t = 0; t < SYNCDB_NTABLES; t++)
		for (int i = 0; i < n; i++)
			if (strcmp(rows[i].tbl, SYNCDB_TABLES[t].name) == 0)
				order[k++] = &rows[i];
	for (int i = 0; i < n; i++) /* a newer kith's tables: skipped, last */
		if (!syncdb_find(rows[i].tbl))
			order[k++] = &rows[i];
	return order;
}

/* ---- a page ---- */

static int set_applying(struct store *st, bool on, struct kerr *err)
{
	return store_exec(st,
			  on ? "UPDATE sync_state SET applying = 1 WHERE id = 1"
			     : "UPDATE sync_state SET applying = 0 WHERE id = 1",
			  err);
}

static int move_cursor(struct store *st, long long cursor, struct kerr *err)
{
	char n[24];
	snprintf(n, sizeof n, "%lld", cursor);
	const char *v[] = {n};
	return store_run(st, "UPDATE sync_state SET cursor = ?1 WHERE id = 1", v, 1, err);
}

static int apply_page(struct apply *a, const struct syncdb_row *rows, int n, long long cursor,
		      struct kerr *err)
{
	int status = set_applying(a->st, true, err);
	/* a child may come in a page before its parent's (the parent changed later) */
	if (status == K_OK)
		status = store_exec(a->st, "PRAGMA defer_foreign_keys = ON", err);
	if (status == K_OK)
		status = bulk_begin(a, rows, n, err);
	const struct syncdb_row *const *order = page_order(rows, n);
	for (int i = 0; status == K_OK && i < n; i++)
		status = apply_row(a, order[i], err);
	free((void *)order);
	status = bulk_end(a, status, err);
	if (status == K_OK)
		status = set_applying(a->st, false, err);
	/* capture on: the erasure's blanked rows go to the hub too */
	for (size_t i = 0; status == K_OK && i < a->nerase; i++) {
		status = person_erase_again(a->st, a->erase[i], a->erase_when[i], err);
		a->out->erased += status == K_OK;
	}
	if (status == K_OK)
		status = move_cursor(a->st, cursor, err);
	return status;
}

int syncdb_apply(struct store *st, const struct syncdb_row *rows, int n, long long cursor,
		 struct syncdb_applied *out, struct kerr *err)
{
	struct apply a;
	memset(&a, 0, sizeof a);
	a.st = st;
	a.out = out;
	/* outside a transaction of the caller's, foreign keys wait for the pages to come: a
	 * parent may be in a later page (it changed after its child was made); the hub holds
	 * every parent, since a laptop pushes a parent no later than its child */
	bool outer = !store_in_transaction(st);
	int status = outer ? store_exec(st, "PRAGMA foreign_keys = OFF", err) : K_OK;
	if (status == K_OK)
		status = store_begin(st, err);
	if (status == K_OK)
		status = store_finish(st, apply_page(&a, rows, n, cursor, err), err);
	if (outer) {
		struct kerr again;
		int on = store_exec(st, "PRAGMA foreign_keys = ON", &again);
		if (status == K_OK && on != K_OK)
			status = kerr_set(err, on, "", "%s", again.msg);
	}
	apply_free(&a);
	return status;
}
