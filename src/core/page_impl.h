/* What the two halves of the page module share: page.c (lists in a sort order, and searches
 * in a record's own full-text index) and page_through.c (searches through the names a
 * record refers to). */
#ifndef KITH_PAGE_IMPL_H
#define KITH_PAGE_IMPL_H

#include <sqlite3.h>

#include "page.h"
#include "strbuf.h"

/* " WHERE" and the conditions every row of q's list meets: live, in scope, seen by the
 * reader, filtered. */
void page_where(struct store *st, const struct page_query *q, struct strbuf *sql);
/* Binds what q's SQL may name: filters, :today, :at, :q and :like (from fts and what was
 * typed), the keys of q->after as :k0..., and :limit. */
void page_bind(sqlite3_stmt *stmt, const struct page_query *q, const char *fts, int limit);
/* Appends the rows stmt gives to out, each with its last nkeys columns as its keys and the
 * names it refers to, until out holds room rows; a row more sets out->more. */
int page_read(struct store *st, sqlite3_stmt *stmt, const struct entity_def *def, int nkeys,
	      int room, struct page *out, struct kerr *err);
/* Steps stmt, a count of q's rows up to cap, into *out. */
int page_count_run(struct store *st, sqlite3_stmt *stmt, const struct page_query *q,
		   const char *fts, long long cap, long long *out, struct kerr *err);

/* page_through.c: q searches (fts) through def->through. out->row has room for limit + 1. */
int page_through_load(struct store *st, const struct page_query *q, const char *fts, int limit,
		      struct page *out, struct kerr *err);
int page_through_count(struct store *st, const struct page_query *q, const char *fts, long long cap,
		       long long *out, struct kerr *err);

#endif
