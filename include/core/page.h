/* Lists as keyset pages: an ordered page of rows after (or before) a row already seen, never
 * OFFSET, so the hundred-thousandth row costs what the first does. With full-text search
 * (prefix matching, accents folded), field filters and named filters. */
#ifndef KITH_PAGE_H
#define KITH_PAGE_H

#include <stdbool.h>

#include "entity.h"
#include "kerr.h"

struct store;
struct record;

#define PAGE_SIZE 50
#define PAGE_MAX_FILTERS 4

struct page_filter {
	int field;         /* equality on this field, or -1 */
	int named;         /* index into def->filters, or -1 */
	const char *value; /* for field equality */
};

struct page_query {
	const struct entity_def *def;
	int sort;                   /* index into def->sorts */
	bool backward;              /* the rows before `after`, still returned in list order */
	const struct record *after; /* a row of an earlier page whose keys bound this one, or
					 NULL for the first page (the last page when backward) */
	const char *at;             /* when set (and after is NULL): the page starts at the
					 record with this id (a jump to a record) */
	const char *search;         /* what was typed into search, or NULL; an entity with
					 its own full-text index then lists its matches newest
					 first (the index's order), whatever the sort, so that a
					 keystroke reads only the rows it shows */
	struct page_filter filter[PAGE_MAX_FILTERS];
	int nfilter;
	int limit; /* rows wanted; 0 means PAGE_SIZE */
};

struct page {
	struct record **row;
	int n;
	bool more; /* there are rows beyond this page in its direction */
};

/* A query for def's default sort with nothing else set. */
void page_query_init(struct page_query *q, const struct entity_def *def);
/* Adds an equality filter on field name; K_INVALID when def has no such field. */
int page_query_where(struct page_query *q, const char *field, const char *value, struct kerr *err);
/* Adds a named filter ("due"), or one with its value ("gift=Cooking", name kept by the
 * caller); K_INVALID when def has none by that name, or it wants a value and has none. */
int page_query_named(struct page_query *q, const char *name, struct kerr *err);

/* Whether q lists a search's matches in a full-text index's order: its own (newest first),
 * or that of the names its records refer to (page_through.c); a keystroke then reads only
 * the rows it shows. */
bool page_in_index_order(const struct page_query *q);
/* How q's rows are ordered, for a list's title: "newest first", "by family name". */
const char *page_order_label(const struct page_query *q);
/* Loads one page. *out is the caller's (page_free) whatever the status. */
int page_load(struct store *st, const struct page_query *q, struct page *out, struct kerr *err);
void page_free(struct page *pg);
/* Calls each(ctx, row) for every row the query matches, a keyset page at a time (q->after
 * is used up); each returns false to stop early. */
int page_each(struct store *st, struct page_query *q,
	      bool (*each)(void *ctx, const struct record *row), void *ctx, struct kerr *err);
/* How many rows the query's filters and search match, counting no further than cap. */
int page_count(struct store *st, const struct page_query *q, long long cap, long long *out,
	       struct kerr *err);

/* Turns what a person typed into an FTS5 query: each word quoted, all required, and with
 * prefix each a prefix ("sar" finds Sarah). Returns NULL when there is no word to search
 * for. Caller frees. */
char *page_fts_query(const char *typed, bool prefix);

#endif
