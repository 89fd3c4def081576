/* The list widget every screen shares: a window onto a list of records that loads keyset
 * pages as the cursor moves, so paging a million rows costs what paging fifty does. It keeps
 * a bounded buffer of rows around the cursor and drops what is far away. */
#ifndef KITH_LISTVIEW_H
#define KITH_LISTVIEW_H

#include <stdbool.h>

#include "kerr.h"
#include "page.h"

struct store;
struct record;

struct listview {
	struct page_query q; /* the entity, sort, filters and search */
	struct record **row; /* buffered rows, in list order */
	int n;
	int cursor; /* index into row */
	int top;    /* first row shown */
	bool more_before, more_after;
};

void listview_init(struct listview *lv, const struct entity_def *def);
void listview_free(struct listview *lv);
/* Loads the first rows (at is NULL), or the rows from the record with id at. */
int listview_load(struct listview *lv, struct store *st, const char *at, struct kerr *err);
/* The last rows, cursor on the last. */
int listview_load_last(struct listview *lv, struct store *st, struct kerr *err);
/* Moves the cursor by delta rows (a page is delta = +/- visible, scrolling with it),
 * loading more as needed. */
int listview_move(struct listview *lv, struct store *st, int delta, int visible, struct kerr *err);
/* Keeps the cursor within the `visible` rows shown. */
void listview_scroll(struct listview *lv, int visible);
const struct record *listview_current(const struct listview *lv);

#endif
