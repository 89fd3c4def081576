/* Searching records through the names they refer to: referrals by their person's name (or,
 * when no one's matches, their places'), conversations and wellbeing scores by their
 * person's. Such a search runs in those names' own full-text index: the matching people
 * newest first (the index's order), and each one's referrals newest first through the
 * index on the reference; so a keystroke reads the rows it shows however many match, where
 * gathering every match to sort it by date read most of a borough's million referrals for
 * a first letter. A row's keys: its arm (which reference matched), that record's row in its
 * index, then the entity's default sort keys (its date and id). */
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entity_impl.h"
#include "page_impl.h"
#include "record.h"
#include "store.h"
#include "strbuf.h"
#include "xalloc.h"

static const struct field_def *field_of(const struct entity_def *def, int arm)
{
	return &def->fields[def->through[arm].field];
}

static const struct entity_def *target_of(const struct entity_def *def, int arm)
{
	return entity_get(field_of(def, arm)->ref);
}

/* The default sort's keys, which order each matched record's rows. */
static int row_keys(const struct entity_def *def)
{
	int n = 0;
	while (n < SORT_KEYS - 2 && def->sorts[0].keys[n])
		n++;
	return n;
}

/* Where the group of arms starting at g0 ends. */
static int group_end(const struct entity_def *def, int g0)
{
	int g1 = g0 + 1;
	while (g1 < def->nthrough && !def->through[g1].fallback)
		g1++;
	return g1;
}

/* What a search through a reference matches in its target's index: :q, or only the columns
 * the target gives for it (a person's names and places, not their gifts). */
static const char *q_of(const struct entity_def *target)
{
	return target->fts_through ? target->fts_through : ":q";
}

/* A row found by an earlier arm of its group is that arm's: each row once. A record the
 * reader may not see finds nothing in any arm (entity_visible). */
static void not_earlier(struct store *st, const struct entity_def *def, int g0, int arm,
			struct strbuf *sql)
{
	for (int a = g0; a < arm; a++) {
		const struct entity_def *target = target_of(def, a);
		strbuf_printf(sql,
			      " AND NOT coalesce((SELECT x.fts_rowid FROM %s x%s%s WHERE x.id "
			      "= t.%s",
			      target->table, target->key_index ? " INDEXED BY " : "",
			      target->key_index ? target->key_index : "", field_of(def, a)->name);
		entity_visible(st, target, "x", sql);
		strbuf_printf(sql, ") IN (SELECT rowid FROM %s WHERE %s MATCH %s), 0)", target->fts,
			      target->fts, q_of(target));
	}
}

/* Key k of a row as a number (its arm, its match's index row); 0 when it has none. */
static long long key_number(const struct record *rec, int k)
{
	return rec->key[k] ? strtoll(rec->key[k], NULL, 10) : 0;
}

/* The matching records of an arm's target, in their index's order, from :k1 when bounded. */
static char *matches_sql(const struct entity_def *target, bool bounded, bool desc)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_printf(&sql, "SELECT rowid FROM %s WHERE %s MATCH %s", target->fts, target->fts,
		      q_of(target));
	if (bounded)
		strbuf_printf(&sql, " AND rowid %s :k1", desc ? "<=" : ">=");
	strbuf_printf(&sql, " ORDER BY rowid %s", desc ? "DESC" : "ASC");
	return strbuf_take(&sql);
}

/* The rows of q's entity that refer to the matched record :r, in order; when bounded, those
 * after the page's start (from it, when inclusive). */
static char *rows_sql(struct store *st, const struct page_query *q, int g0, int arm, bool bounded,
		      bool inclusive)
{
	const struct entity_def *def = q->def, *target = target_of(def, arm);
	const char *const *key = def->sorts[0].keys;
	bool desc = def->sorts[0].desc != q->backward;
	int n = row_keys(def);
	struct strbuf sql = STRBUF_INIT;
	strbuf_puts(&sql, "SELECT ");
	entity_select_unnamed(def, &sql);
	strbuf_printf(&sql, ", %d, :r", arm);
	for (int k = 0; k < n; k++)
		strbuf_printf(&sql, ", %s", key[k]);
	strbuf_printf(&sql, " FROM %s t", def->table);
	page_where(st, q, &sql);
	strbuf_printf(&sql, " AND t.%s = (SELECT x.id FROM %s x WHERE x.fts_rowid = :r",
		      field_of(def, arm)->name, target->table);
	entity_visible(st, target, "x", &sql); /* found by a name the reader may see */
	strbuf_putc(&sql, ')');
	not_earlier(st, def, g0, arm, &sql);
	if (bounded) {
		strbuf_puts(&sql, " AND (");
		for (int k = 0; k < n; k++)
			strbuf_printf(&sql, "%s%s", k ? ", " : "", key[k]);
		strbuf_printf(&sql, ") %s%s (", desc ? "<" : ">", inclusive ? "=" : "");
		for (int k = 0; k < n; k++)
			strbuf_printf(&sql, "%s:k%d", k ? ", " : "", k + 2);
		strbuf_putc(&sql, ')');
	}
	strbuf_puts(&sql, " ORDER BY ");
	for (int k = 0; k < n; k++)
		strbuf_printf(&sql, "%s%s%s", k ? ", " : "", key[k], desc ? " DESC" : "");
	strbuf_puts(&sql, " LIMIT :limit");
	return strbuf_take(&sql);
}

static int prepare(struct store *st, char *sql, sqlite3_stmt **stmt, struct kerr *err)
{
	int status = store_cached(st, sql, stmt, err);
	free(sql);
	return status;
}

/* Appends an arm's rows to out, up to room; start (keys as a row's) bounds the first. */
static int load_arm(struct store *st, const struct page_query *q, const char *fts, int g0, int arm,
		    const struct record *start, bool inclusive, int room, struct page *out,
		    struct kerr *err)
{
	bool desc = q->def->sorts[0].desc != q->backward;
	sqlite3_stmt *match = NULL, *first = NULL, *rest = NULL;
	int status = prepare(st, matches_sql(target_of(q->def, arm), start, desc), &match, err);
	if (status == K_OK && start)
		status = prepare(st, rows_sql(st, q, g0, arm, true, inclusive), &first, err);
	if (status == K_OK)
		status = prepare(st, rows_sql(st, q, g0, arm, false, false), &rest, err);
	if (status != K_OK)
		return status;
	/* match, first and rest stay prepared while rows are read: the few statements read in
	 * the loop (names, who may see whom) cannot push them out of the store's cache */
	struct page_query at = *q;
	at.after = start;
	page_bind(match, &at, fts, 0);
	sqlite3_int64 from = start ? key_number(start, 1) : 0;
	int rc = SQLITE_DONE;
	while (status == K_OK && out->n < room && (rc = sqlite3_step(match)) == SQLITE_ROW) {
		sqlite3_int64 r = sqlite3_column_int64(match, 0);
		sqlite3_stmt *rows = start && r == from ? first : rest;
		page_bind(rows, &at, fts, room - out->n);
		sqlite3_bind_int64(rows, sqlite3_bind_parameter_index(rows, ":r"), r);
		status = page_read(st, rows, q->def, 2 + row_keys(q->def), room, out, err);
		sqlite3_reset(rows);
	}
	if (status == K_OK && out->n < room && rc != SQLITE_DONE)
		status = store_error(st, rc, err);
	sqlite3_reset(match);
	return status;
}

/* How many rows the arms [g0, g1) find, up to cap. */
static int count_group(struct store *st, const struct page_query *q, const char *fts, int g0,
		       int g1, long long cap, long long *out, struct kerr *err)
{
	const struct entity_def *def = q->def;
	int status = K_OK;
	*out = 0;
	for (int arm = g0; status == K_OK && arm < g1 && *out < cap; arm++) {
		const struct entity_def *target = target_of(def, arm);
		struct strbuf sql = STRBUF_INIT;
		strbuf_printf(&sql,
			      "SELECT count(*) FROM (SELECT 1 FROM %s f CROSS JOIN %s x ON "
			      "x.fts_rowid = f.rowid CROSS JOIN %s t ON t.%s = x.id",
			      target->fts, target->table, def->table, field_of(def, arm)->name);
		page_where(st, q, &sql);
		entity_visible(st, target, "x", &sql);
		strbuf_printf(&sql, " AND f.%s MATCH %s", target->fts, q_of(target));
		not_earlier(st, def, g0, arm, &sql);
		strbuf_puts(&sql, " LIMIT :limit)");
		sqlite3_stmt *stmt = NULL;
		long long n = 0;
		status = prepare(st, strbuf_take(&sql), &stmt, err);
		if (status == K_OK)
			status = page_count_run(st, stmt, q, fts, cap - *out, &n, err);
		*out += n;
	}
	return status;
}

/* The arms searched, [*g0, *g1): the first group that finds a row, or the last. */
static int choose_group(struct store *st, const struct page_query *q, const char *fts, int *g0,
			int *g1, struct kerr *err)
{
	for (*g0 = 0;; *g0 = *g1) {
		*g1 = group_end(q->def, *g0);
		long long n = 0;
		int status = *g1 == q->def->nthrough
				     ? K_OK
				     : count_group(st, q, fts, *g0, *g1, 1, &n, err);
		if (status != K_OK || n > 0 || *g1 == q->def->nthrough)
			return status;
	}
}

/* The keys the row q->at has in this search, as a record's; NULL when it is not found, and
 * the page then starts at the top. */
static int keys_at(struct store *st, const struct page_query *q, const char *fts, int g0, int g1,
		   struct record **out, struct kerr *err)
{
	const struct entity_def *def = q->def;
	int status = K_OK, n = row_keys(def);
	*out = NULL;
	for (int arm = g0; status == K_OK && !*out && arm < g1; arm++) {
		const struct entity_def *target = target_of(def, arm);
		struct strbuf sql = STRBUF_INIT;
		strbuf_printf(&sql, "SELECT %d, x.fts_rowid", arm);
		for (int k = 0; k < n; k++)
			strbuf_printf(&sql, ", %s", def->sorts[0].keys[k]);
		strbuf_printf(&sql,
			      " FROM %s t CROSS JOIN %s x ON x.id = t.%s WHERE t.id = :at "
			      "AND x.fts_rowid IN (SELECT rowid FROM %s WHERE %s MATCH %s)",
			      def->table, target->table, field_of(def, arm)->name, target->fts,
			      target->fts, q_of(target));
		entity_visible(st, target, "x", &sql);
		not_earlier(st, def, g0, arm, &sql);
		sqlite3_stmt *stmt = NULL;
		status = prepare(st, strbuf_take(&sql), &stmt, err);
		if (status != K_OK)
			break;
		page_bind(stmt, q, fts, 0);
		int rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW) {
			*out = record_new(def);
			for (int k = 0; k < 2 + n; k++) {
				(*out)->key_int[k] = sqlite3_column_type(stmt, k) == SQLITE_INTEGER;
				const unsigned char *v = sqlite3_column_text(stmt, k);
				(*out)->key[k] = xstrdup(v ? (const char *)v : "");
			}
		} else if (rc != SQLITE_DONE) {
			status = store_error(st, rc, err);
		}
		sqlite3_reset(stmt);
	}
	return status;
}

int page_through_load(struct store *st, const struct page_query *q, const char *fts, int limit,
		      struct page *out, struct kerr *err)
{
	int g0, g1;
	struct record *jump = NULL;
	int status = choose_group(st, q, fts, &g0, &g1, err);
	if (status == K_OK && !q->after && q->at)
		status = keys_at(st, q, fts, g0, g1, &jump, err);
	const struct record *start = q->after ? q->after : jump;
	int step = q->backward ? -1 : 1;
	int arm = start ? (int)key_number(start, 0) : q->backward ? g1 - 1 : g0;
	for (bool first = true; status == K_OK && arm >= g0 && arm < g1 && out->n <= limit;
	     arm += step, first = false)
		status = load_arm(st, q, fts, g0, arm, first ? start : NULL, jump != NULL,
				  limit + 1, out, err);
	if (out->n > limit) {
		record_free(out->row[--out->n]);
		out->row[out->n] = NULL;
		out->more = true;
	}
	record_free(jump);
	return status;
}

int page_through_count(struct store *st, const struct page_query *q, const char *fts, long long cap,
		       long long *out, struct kerr *err)
{
	int g0, g1;
	*out = 0;
	int status = choose_group(st, q, fts, &g0, &g1, err);
	return status == K_OK ? count_group(st, q, fts, g0, g1, cap, out, err) : status;
}
