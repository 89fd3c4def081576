/* The shared list: a buffer of keyset pages around the cursor. */
#include "listview.h"

#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "xalloc.h"

#define BUFFER_MAX 400 /* rows kept around the cursor; the rest is reloaded on the way back */

void listview_init(struct listview *lv, const struct entity_def *def)
{
	memset(lv, 0, sizeof *lv);
	page_query_init(&lv->q, def);
}

static void clear_rows(struct listview *lv)
{
	for (int i = 0; i < lv->n; i++)
		record_free(lv->row[i]);
	free(lv->row);
	lv->row = NULL;
	lv->n = lv->cursor = lv->top = 0;
	lv->more_before = lv->more_after = false;
}

void listview_free(struct listview *lv)
{
	clear_rows(lv);
}

/* Takes the rows of pg, leaving pg empty. */
static void take(struct listview *lv, struct page *pg, bool at_end)
{
	lv->row = xreallocarray(lv->row, (size_t)(lv->n + pg->n), sizeof *lv->row);
	if (at_end) {
		memcpy(lv->row + lv->n, pg->row, (size_t)pg->n * sizeof *lv->row);
	} else {
		memmove(lv->row + pg->n, lv->row, (size_t)lv->n * sizeof *lv->row);
		memcpy(lv->row, pg->row, (size_t)pg->n * sizeof *lv->row);
		lv->cursor += pg->n;
		lv->top += pg->n;
	}
	lv->n += pg->n;
	free(pg->row);
	memset(pg, 0, sizeof *pg);
}

static int fetch(struct listview *lv, struct store *st, const struct record *after, bool backward,
		 const char *at, struct page *pg, struct kerr *err)
{
	struct page_query q = lv->q;
	q.after = after;
	q.backward = backward;
	q.at = after ? NULL : at;
	q.limit = PAGE_SIZE;
	return page_load(st, &q, pg, err);
}

int listview_load(struct listview *lv, struct store *st, const char *at, struct kerr *err)
{
	struct page pg;
	clear_rows(lv);
	int status = fetch(lv, st, NULL, false, at, &pg, err);
	if (status == K_OK && at && pg.n == 0) { /* gone, or filtered out: from the start */
		page_free(&pg);
		status = fetch(lv, st, NULL, false, NULL, &pg, err);
		at = NULL;
	}
	if (status != K_OK) {
		page_free(&pg);
		return status;
	}
	lv->more_after = pg.more;
	take(lv, &pg, true);
	if (at && lv->n) { /* the rows before it too, so the list does not seem to start there */
		status = fetch(lv, st, lv->row[0], true, NULL, &pg, err);
		if (status == K_OK) {
			lv->more_before = pg.more;
			take(lv, &pg, false); /* the cursor stays on the record */
			lv->top = lv->cursor > 5 ? lv->cursor - 5 : 0;
		}
		page_free(&pg);
	}
	return status;
}

int listview_load_last(struct listview *lv, struct store *st, struct kerr *err)
{
	struct page pg;
	clear_rows(lv);
	int status = fetch(lv, st, NULL, true, NULL, &pg, err);
	if (status != K_OK) {
		page_free(&pg);
		return status;
	}
	lv->more_before = pg.more;
	take(lv, &pg, true);
	lv->cursor = lv->n ? lv->n - 1 : 0;
	return K_OK;
}

/* Drops rows far from the cursor so the buffer stays bounded. */
static void trim(struct listview *lv, bool from_front)
{
	int extra = lv->n - BUFFER_MAX;
	if (extra <= 0)
		return;
	if (from_front) {
		extra = extra < lv->top ? extra : lv->top;
		for (int i = 0; i < extra; i++)
			record_free(lv->row[i]);
		memmove(lv->row, lv->row + extra, (size_t)(lv->n - extra) * sizeof *lv->row);
		lv->cursor -= extra;
		lv->top -= extra;
		lv->more_before = lv->more_before || extra > 0;
	} else {
		int keep = lv->n - extra > lv->top + BUFFER_MAX / 2 ? lv->n - extra : lv->n;
		for (int i = keep; i < lv->n; i++)
			record_free(lv->row[i]);
		lv->more_after = lv->more_after || keep < lv->n;
		extra = lv->n - keep;
	}
	lv->n -= extra;
}

static int grow(struct listview *lv, struct store *st, bool at_end, struct kerr *err)
{
	struct page pg;
	const struct record *edge = at_end ? lv->row[lv->n - 1] : lv->row[0];
	int status = fetch(lv, st, edge, !at_end, NULL, &pg, err);
	if (status != K_OK) {
		page_free(&pg);
		return status;
	}
	if (at_end)
		lv->more_after = pg.more;
	else
		lv->more_before = pg.more;
	take(lv, &pg, at_end);
	trim(lv, at_end);
	return K_OK;
}

void listview_scroll(struct listview *lv, int visible)
{
	if (visible < 1)
		visible = 1;
	if (lv->cursor < lv->top)
		lv->top = lv->cursor;
	if (lv->cursor >= lv->top + visible)
		lv->top = lv->cursor - visible + 1;
	if (lv->top > lv->n - visible)
		lv->top = lv->n - visible;
	if (lv->top < 0)
		lv->top = 0;
}

int listview_move(struct listview *lv, struct store *st, int delta, int visible, struct kerr *err)
{
	if (lv->n == 0)
		return K_OK;
	int target = lv->cursor + delta, status = K_OK;
	while (status == K_OK && target >= lv->n && lv->more_after)
		status = grow(lv, st, true, err), target = lv->cursor + delta;
	while (status == K_OK && target < 0 && lv->more_before) {
		int before = lv->cursor;
		status = grow(lv, st, false, err);
		target = lv->cursor + delta;
		if (lv->cursor == before)
			break;
	}
	target = target < 0 ? 0 : target >= lv->n ? lv->n - 1 : target;
	bool page = delta >= visible || -delta >= visible;
	if (page)
		lv->top += target - lv->cursor;
	lv->cursor = target;
	listview_scroll(lv, visible);
	return status;
}

const struct record *listview_current(const struct listview *lv)
{
	return lv->n ? lv->row[lv->cursor] : NULL;
}
