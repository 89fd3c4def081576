/* Keyset pages: the rows after (or before) a known row in a sort order, with filters and
 * search. The SQL for each shape of query is built once and kept prepared, because lists
 * reload on every keystroke of a search. */
#include "page.h"
#include "page_impl.h"

#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "entity_impl.h"
#include "record.h"
#include "store.h"
#include "utf8.h"
#include "strbuf.h"
#include "xalloc.h"

void page_query_init(struct page_query *q, const struct entity_def *def)
{
	memset(q, 0, sizeof *q);
	q->def = def;
}

static int add_filter(struct page_query *q, int field, int named, const char *value,
		      struct kerr *err)
{
	if (q->nfilter == PAGE_MAX_FILTERS)
		return kerr_set(err, K_INVALID, "", "too many filters (at most %d)",
				PAGE_MAX_FILTERS);
	q->filter[q->nfilter++] = (struct page_filter){field, named, value};
	return K_OK;
}

int page_query_where(struct page_query *q, const char *field, const char *value, struct kerr *err)
{
	int f = entity_field(q->def, field);
	if (f < 0)
		return kerr_set(err, K_INVALID, field, "%s has no field '%s'", q->def->plural,
				field);
	return add_filter(q, f, -1, value, err);
}

/* A filter that takes a value, checked: one such at a time, since its value is :value. */
static int add_valued(struct page_query *q, int i, const char *value, struct kerr *err)
{
	const struct filter_def *f = &q->def->filters[i];
	if (!f->values && value)
		return kerr_set(err, K_INVALID, "filter", "the filter '%s' takes no value",
				f->name);
	if (f->values && (!value || !*value))
		return kerr_set(err, K_INVALID, "filter", "the filter '%s' needs a value: %s=NAME",
				f->name, f->name);
	for (int k = 0; f->values && k < q->nfilter; k++)
		if (q->filter[k].named >= 0 && q->def->filters[q->filter[k].named].values)
			return kerr_set(err, K_INVALID, "filter",
					"one filter with a value at a time");
	return add_filter(q, -1, i, value, err);
}

int page_query_named(struct page_query *q, const char *name, struct kerr *err)
{
	const char *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	for (int i = 0; i < q->def->nfilters; i++)
		if (strlen(q->def->filters[i].name) == len &&
		    strncmp(q->def->filters[i].name, name, len) == 0)
			return add_valued(q, i, eq ? eq + 1 : NULL, err);
	struct strbuf known = STRBUF_INIT;
	for (int i = 0; i < q->def->nfilters; i++)
		strbuf_printf(&known, "%s%s", i ? ", " : "", q->def->filters[i].name);
	kerr_set(err, K_INVALID, "filter", "%s have no filter '%s'%s%s", q->def->plural, name,
		 q->def->nfilters ? "; there is " : "", strbuf_str(&known));
	strbuf_free(&known);
	return K_INVALID;
}

/* ---- search text ---- */

/* What separates words: ASCII other than letters and digits, and the common punctuation and
 * symbols beyond it (£, –, “, ·, ×, fullwidth and CJK punctuation). Letters of every script
 * are left for the tokenizer, which decides the rest. */
static bool separator(uint32_t cp)
{
	if (cp < 0x80)
		return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
			 (cp >= 'A' && cp <= 'Z'));
	return (cp >= 0xA0 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
	       (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x20A0 && cp <= 0x20CF) ||
	       (cp >= 0x2190 && cp <= 0x23FF) || (cp >= 0x2500 && cp <= 0x27BF) ||
	       (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF0F) ||
	       (cp >= 0xFF1A && cp <= 0xFF20);
}

char *page_fts_query(const char *typed, bool prefix)
{
	struct strbuf q = STRBUF_INIT;
	const char *p = typed ? typed : "";
	size_t n = strlen(p), i = 0;
	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(p + i, n - i, &cp);
		if (k == 0 || separator(cp)) {
			i += k ? k : 1;
			continue;
		}
		size_t start = i;
		while (i < n && (k = utf8_decode(p + i, n - i, &cp)) && !separator(cp))
			i += k;
		strbuf_printf(&q, "%s\"%.*s\"%s", q.len ? " " : "", (int)(i - start), p + start,
			      prefix ? "*" : "");
	}
	if (q.len == 0) {
		strbuf_free(&q);
		return NULL;
	}
	return strbuf_take(&q);
}

static char *like_pattern(const char *typed)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_putc(&sb, '%');
	for (const char *p = typed; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			strbuf_putc(&sb, '\\');
		strbuf_putc(&sb, *p);
	}
	strbuf_putc(&sb, '%');
	return strbuf_take(&sb);
}

/* ---- building the query ---- */

/* The order rows come in, and the expressions that key it. A search runs in the full-text
 * index's own order, newest record first, so that a keystroke reads only the rows it shows
 * however many match, where sorting them by name would read every match first. */
struct order {
	const char *key[SORT_KEYS]; /* in the page's query */
	const char *of[SORT_KEYS];  /* of the row jumped to, from its table as t */
	int n;
	bool desc;
};

/* Whether fts (what was typed, as an FTS5 query; NULL when nothing was) searches q's entity:
 * punctuation alone searches for nothing, so shows everything. */
static bool searches(const struct page_query *q, const char *fts)
{
	return fts && (q->def->fts || q->def->search || q->def->through);
}

static bool by_index(const struct page_query *q, bool searching)
{
	return searching && q->def->fts;
}

bool page_in_index_order(const struct page_query *q)
{
	char *fts = q->search ? page_fts_query(q->search, true) : NULL;
	bool searching = searches(q, fts);
	free(fts);
	return by_index(q, searching) || (searching && q->def->through);
}

const char *page_order_label(const struct page_query *q)
{
	if (!page_in_index_order(q))
		return q->def->sorts[q->sort].label;
	return q->def->fts ? "newest first" : q->def->through_order;
}

static struct order order_of(const struct page_query *q, bool searching)
{
	struct order o;
	memset(&o, 0, sizeof o);
	if (by_index(q, searching)) {
		o.key[0] = "f.rowid";
		o.of[0] = "t.fts_rowid";
		o.n = 1;
		o.desc = !q->backward;
		return o;
	}
	const struct sort_def *s = &q->def->sorts[q->sort];
	while (o.n < SORT_KEYS && s->keys[o.n]) {
		o.key[o.n] = o.of[o.n] = s->keys[o.n];
		o.n++;
	}
	o.desc = s->desc != q->backward;
	return o;
}

/* The conditions after WHERE: filters, scope, what the reader may see and (unless the index
 * drives the query) the search. */
static void build_where(struct store *st, const struct page_query *q, bool searching,
			struct strbuf *sql)
{
	const struct entity_def *def = q->def;
	strbuf_puts(sql, " WHERE t.deleted_at IS NULL");
	if (def->scope)
		strbuf_printf(sql, " AND %s", def->scope);
	entity_visible(st, def, "t", sql);
	for (int i = 0; i < q->nfilter; i++) {
		const struct page_filter *f = &q->filter[i];
		if (f->field >= 0 && def->fields[f->field].kind == FIELD_TEXT)
			strbuf_printf(sql, " AND t.%s = :f%d COLLATE NOCASE",
				      def->fields[f->field].name, i);
		else if (f->field >= 0)
			strbuf_printf(sql, " AND t.%s = :f%d", def->fields[f->field].name, i);
		else
			strbuf_printf(sql, " AND (%s)", def->filters[f->named].sql);
	}
	if (by_index(q, searching))
		strbuf_printf(sql, " AND f.%s MATCH :q", def->fts);
	else if (searching && def->search)
		strbuf_printf(sql, " AND (%s)", def->search);
}

void page_where(struct store *st, const struct page_query *q, struct strbuf *sql)
{
	build_where(st, q, false, sql);
}

/* FROM: the table, or for a search the index's matches in its order, each joined to its
 * row (CROSS JOIN keeps the index outermost). */
static void build_from(const struct page_query *q, bool searching, struct strbuf *sql)
{
	if (by_index(q, searching))
		strbuf_printf(sql, " FROM %s f CROSS JOIN %s t ON t.fts_rowid = f.rowid",
			      q->def->fts, q->def->table);
	else
		strbuf_printf(sql, " FROM %s t", q->def->table);
}

/* Key k of the row the page starts from: bound, or on a jump read from that row by the same
 * expression. */
static void key_value(const struct page_query *q, const struct order *o, int k, struct strbuf *sql)
{
	if (q->after)
		strbuf_printf(sql, ":k%d", k);
	else
		strbuf_printf(sql, "(SELECT %s FROM %s t WHERE t.id = :at)", o->of[k],
			      q->def->table);
}

/* The rows after (or, on a jump, from) that row. sqlite starts an index scan at a bound on
 * several keys only when the first is a bare column; said again on its own, the first key
 * starts it whatever it is (a collation, coalesce), so a page deep in a list reads no rows
 * before it. */
static void keyset_bound(const struct page_query *q, const struct order *o, struct strbuf *sql)
{
	const char *op = o->desc ? "<" : ">", *eq = q->after ? "" : "=";
	if (o->n > 1) {
		strbuf_printf(sql, " AND %s %s= ", o->key[0], op);
		key_value(q, o, 0, sql);
	}
	strbuf_puts(sql, " AND (");
	for (int k = 0; k < o->n; k++)
		strbuf_printf(sql, "%s%s", k ? ", " : "", o->key[k]);
	strbuf_printf(sql, ") %s%s (", op, eq);
	for (int k = 0; k < o->n; k++) {
		strbuf_puts(sql, k ? ", " : "");
		key_value(q, o, k, sql);
	}
	strbuf_putc(sql, ')');
}

static void order_by(const struct order *o, struct strbuf *sql)
{
	strbuf_puts(sql, " ORDER BY ");
	for (int k = 0; k < o->n; k++)
		strbuf_printf(sql, "%s%s%s", k ? ", " : "", o->key[k], o->desc ? " DESC" : "");
}

/* FROM and WHERE: the rows of the page, from where it starts, that the search picks. */
static void build_rows(struct store *st, const struct page_query *q, bool searching,
		       const struct order *o, struct strbuf *sql)
{
	build_from(q, searching, sql);
	build_where(st, q, searching, sql);
	if (q->after || q->at)
		keyset_bound(q, o, sql);
}

static char *build_sql(struct store *st, const struct page_query *q, bool searching,
		       const struct order *o)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_puts(&sql, "SELECT ");
	entity_select_unnamed(q->def, &sql);
	for (int k = 0; k < o->n; k++)
		strbuf_printf(&sql, ", %s", o->key[k]);
	build_rows(st, q, searching, o, &sql);
	order_by(o, &sql);
	strbuf_puts(&sql, " LIMIT :limit");
	return strbuf_take(&sql);
}

static void bind_named(sqlite3_stmt *stmt, const char *name, const char *value)
{
	int i = sqlite3_bind_parameter_index(stmt, name);
	if (i > 0)
		sqlite3_bind_text(stmt, i, value, -1, SQLITE_TRANSIENT);
}

/* :k0... from rec's keys. In sqlite an integer sorts before any text, so each
 * key goes back as it came. */
static void bind_keys(sqlite3_stmt *stmt, const struct record *rec)
{
	char name[16];
	for (int k = 0; rec && k < SORT_KEYS; k++) {
		snprintf(name, sizeof name, ":k%d", k);
		int i = sqlite3_bind_parameter_index(stmt, name);
		if (i > 0 && rec->key_int[k])
			sqlite3_bind_int64(stmt, i, strtoll(rec->key[k], NULL, 10));
		else if (i > 0)
			sqlite3_bind_text(stmt, i, rec->key[k], -1, SQLITE_TRANSIENT);
	}
}

void page_bind(sqlite3_stmt *stmt, const struct page_query *q, const char *fts, int limit)
{
	char name[16], today[DATE_LEN];
	for (int i = 0; i < q->nfilter; i++) {
		snprintf(name, sizeof name, ":f%d", i);
		if (q->filter[i].field >= 0)
			entity_bind(stmt, sqlite3_bind_parameter_index(stmt, name),
				    &q->def->fields[q->filter[i].field], q->filter[i].value);
		else if (q->filter[i].value)
			bind_named(stmt, ":value", q->filter[i].value);
	}
	date_today(today);
	bind_named(stmt, ":today", today);
	if (q->at)
		bind_named(stmt, ":at", q->at);
	if (fts) {
		bind_named(stmt, ":q", fts);
		char *like = like_pattern(q->search);
		bind_named(stmt, ":like", like);
		free(like);
	}
	bind_keys(stmt, q->after);
	sqlite3_bind_int(stmt, sqlite3_bind_parameter_index(stmt, ":limit"), limit);
}

/* ---- loading ---- */

static void reverse(struct record **row, int n)
{
	for (int i = 0, j = n - 1; i < j; i++, j--) {
		struct record *t = row[i];
		row[i] = row[j];
		row[j] = t;
	}
}

/* Appends to out the rows stmt gives, each with its last nkeys columns as its keys, until
 * it holds room rows; one more sets out->more. */
int page_read(struct store *st, sqlite3_stmt *stmt, const struct entity_def *def, int nkeys,
	      int room, struct page *out, struct kerr *err)
{
	int rc, from = out->n;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (out->n == room) {
			out->more = true;
			break;
		}
		int first = sqlite3_column_count(stmt) - nkeys;
		struct record *rec = entity_read_row(stmt, def);
		for (int k = 0; k < nkeys; k++) {
			rec->key_int[k] = sqlite3_column_type(stmt, first + k) == SQLITE_INTEGER;
			const unsigned char *v = sqlite3_column_text(stmt, first + k);
			rec->key[k] = xstrdup(v ? (const char *)v : "");
		}
		entity_mask(st, rec);
		out->row[out->n++] = rec;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(st, rc, err);
	return entity_read_names(st, out->row + from, out->n - from, err);
}

static int run_page(struct store *st, const struct page_query *q, const char *fts, bool searching,
		    int limit, struct page *out, struct kerr *err)
{
	struct order o = order_of(q, searching);
	char *sql = build_sql(st, q, searching, &o);
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(st, sql, &stmt, err);
	free(sql);
	if (status == K_OK) {
		page_bind(stmt, q, fts, limit + 1);
		status = page_read(st, stmt, q->def, o.n, limit, out, err);
		sqlite3_reset(stmt);
	}
	return status;
}

int page_load(struct store *st, const struct page_query *q, struct page *out, struct kerr *err)
{
	memset(out, 0, sizeof *out);
	int status = entity_may_read(st, q->def, err);
	if (status != K_OK)
		return status;
	if (q->sort < 0 || q->sort >= q->def->nsorts)
		return kerr_set(err, K_INVALID, "sort", "%s have no sort order %d", q->def->plural,
				q->sort);
	int limit = q->limit > 0 ? q->limit : PAGE_SIZE;
	char *fts = q->search ? page_fts_query(q->search, true) : NULL;
	bool searching = searches(q, fts);
	out->row = xcalloc((size_t)limit + 1, sizeof *out->row);
	if (searching && q->def->through)
		status = page_through_load(st, q, fts, limit, out, err);
	else
		status = run_page(st, q, fts, searching, limit, out, err);
	if (q->backward)
		reverse(out->row, out->n);
	free(fts);
	return status;
}

int page_each(struct store *st, struct page_query *q,
	      bool (*each)(void *ctx, const struct record *row), void *ctx, struct kerr *err)
{
	struct page pg;
	struct record *last = NULL;
	int status = K_OK;
	for (bool more = true; more && status == K_OK;) {
		q->after = last;
		status = page_load(st, q, &pg, err);
		for (int i = 0; status == K_OK && more && i < pg.n; i++)
			more = each(ctx, pg.row[i]);
		more = more && status == K_OK && pg.more;
		record_free(last);
		last = status == K_OK && pg.n ? record_copy(pg.row[pg.n - 1]) : NULL;
		page_free(&pg);
	}
	record_free(last);
	q->after = NULL;
	return status;
}

static char *count_sql(struct store *st, const struct page_query *q, bool searching)
{
	struct strbuf sql = STRBUF_INIT;
	/* the index holds exactly the live rows, so with nothing else to check it counts alone */
	if (by_index(q, searching) && !q->nfilter && !q->def->scope && entity_sees_all(st)) {
		strbuf_printf(&sql,
			      "SELECT count(*) FROM (SELECT 1 FROM %s f WHERE f.%s MATCH :q "
			      "LIMIT :limit)",
			      q->def->fts, q->def->fts);
	} else {
		struct order o = order_of(q, searching);
		strbuf_puts(&sql, "SELECT count(*) FROM (SELECT 1");
		build_rows(st, q, searching, &o, &sql);
		strbuf_puts(&sql, " LIMIT :limit)");
	}
	return strbuf_take(&sql);
}

int page_count(struct store *st, const struct page_query *q, long long cap, long long *out,
	       struct kerr *err)
{
	*out = 0;
	if (entity_may_read(st, q->def, err) != K_OK)
		return err ? err->status : K_REFUSED;
	struct page_query plain = *q;
	plain.after = NULL;
	plain.at = NULL;
	char *fts = q->search ? page_fts_query(q->search, true) : NULL;
	bool searching = searches(q, fts);
	int status;
	if (searching && q->def->through) {
		status = page_through_count(st, &plain, fts, cap, out, err);
	} else {
		char *sql = count_sql(st, &plain, searching);
		sqlite3_stmt *stmt = NULL;
		status = store_cached(st, sql, &stmt, err);
		free(sql);
		if (status == K_OK)
			status = page_count_run(st, stmt, &plain, fts, cap, out, err);
	}
	free(fts);
	return status;
}

/* Steps stmt, a count of q's rows up to cap, into *out. */
int page_count_run(struct store *st, sqlite3_stmt *stmt, const struct page_query *q,
		   const char *fts, long long cap, long long *out, struct kerr *err)
{
	page_bind(stmt, q, fts, cap > INT_MAX ? INT_MAX : (int)cap);
	int rc = sqlite3_step(stmt);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	int status = rc == SQLITE_ROW ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	return status;
}

void page_free(struct page *pg)
{
	for (int i = 0; i < pg->n; i++)
		record_free(pg->row[i]);
	free(pg->row);
	memset(pg, 0, sizeof *pg);
}
