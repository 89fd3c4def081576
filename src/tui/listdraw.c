/* Drawing a screen that is a list of records: the title with its order, filter, search and
 * count, the rows in the screen's columns, and the detail of the record under the cursor,
 * beside the list on a wide terminal or in its place on a narrow one. */
#include "tui_impl.h"

#include <stdio.h>
#include <string.h>

#include "date.h"
#include "draw.h"
#include "person.h"
#include "valid.h"
#include "record.h"
#include "utf8.h"

static const char *cell_text(struct tui *t, const struct screen *s, const struct record *rec,
			     const struct column *col, char *buf, size_t n)
{
	int field = col->field;
	if (field <= COLUMN_OWN(0))
		return s->ops->cell(t, rec, COLUMN_OWN(0) - field, buf, n);
	if (field == COLUMN_WHEN) { /* "22/11/2026 14:03" from a UTC stamp */
		char day[DATE_LEN], uk[DATE_LEN];
		snprintf(day, sizeof day, "%.10s", rec->created_at ? rec->created_at : "");
		snprintf(buf, n, "%s %.5s", date_uk(day, uk),
			 rec->created_at && strlen(rec->created_at) > 16 ? rec->created_at + 11
									 : "");
		return buf;
	}
	if (field < 0)
		return record_display(rec);
	const struct field_def *f = &rec->def->fields[field];
	const char *v = record_get(rec, field);
	switch (f->kind) {
	case FIELD_REF:
		return record_label(rec, field);
	case FIELD_DATE:
		return tui_date(v, buf);
	case FIELD_BOOL:
		return strcmp(v, "1") == 0 ? "yes" : "";
	case FIELD_MONEY:
		valid_money_shown(v, buf, n);
		return buf;
	case FIELD_CHOICE:
		snprintf(buf, n, "%s", v);
		for (char *p = buf; *p; p++)
			*p = *p == '_' ? ' ' : *p;
		return buf;
	default:
		return v;
	}
}

#define MAX_COLUMNS 12

/* The columns' widths for the rows on screen: as the screen sets them (the one of width 0
 * takes what is left), unless that would cut a cell; then columns with room to spare give
 * it to those that are cut, a column at a time, so each shows as much as it can. */
static void column_widths(struct tui *t, struct screen *s, int cols, int top, int rows,
			  int w[MAX_COLUMNS])
{
	int nc = s->ops->ncolumns < MAX_COLUMNS ? s->ops->ncolumns : MAX_COLUMNS, flex = nc - 1;
	int need[MAX_COLUMNS], fixed = 0, spare = 0;
	bool short_of_room = false;
	for (int c = 0; c < nc; c++) {
		const struct column *col = &s->ops->columns[c];
		fixed += col->width + 1;
		flex = col->width ? flex : c;
		need[c] = utf8_width(col->title);
		for (int r = top; r < top + rows && r < s->list.n; r++) {
			char buf[64];
			const struct record *rec = s->list.row[r];
			int cw = entity_masked(rec)
					 ? 0
					 : utf8_width(cell_text(t, s, rec, col, buf, sizeof buf));
			need[c] = cw > need[c] ? cw : need[c];
		}
	}
	for (int c = 0; c < nc; c++) {
		w[c] = s->ops->columns[c].width ? s->ops->columns[c].width : cols - fixed - 1;
		w[c] = w[c] > 0 ? w[c] : 0;
		short_of_room = short_of_room || need[c] > w[c];
	}
	if (!short_of_room)
		return;
	for (int c = 0; c < nc; c++)
		if (need[c] < w[c])
			spare += w[c] - need[c], w[c] = need[c];
	for (bool gave = true; spare > 0 && gave;) {
		gave = false;
		for (int c = 0; c < nc && spare > 0; c++)
			if (w[c] < need[c])
				w[c]++, spare--, gave = true;
	}
	w[flex] += spare; /* what no column needs stays where the screen puts it */
}

static void draw_row(struct tui *t, struct screen *s, const struct record *rec, int y, int x,
		     int cols, const int w[MAX_COLUMNS], bool chosen)
{
	enum paint p = chosen ? PAINT_SELECTED : PAINT_NORMAL;
	draw_fill(stdscr, y, x, cols, p);
	if (chosen) /* seen without colour too, and in a text dump */
		draw_text(stdscr, y, x, "▸", 1, p, false);
	if (rec && entity_masked(rec)) { /* its columns are blank: say what it is instead */
		draw_text(stdscr, y, x + 1, PERSON_RESTRICTED_NAME ": Enter says whom to ask",
			  cols - 1, chosen ? p : PAINT_DIM, false);
		return;
	}
	int cx = x + 1;
	for (int c = 0; c < s->ops->ncolumns && c < MAX_COLUMNS && cx < x + cols; c++) {
		const struct column *col = &s->ops->columns[c];
		int cw = w[c] < x + cols - cx ? w[c] : x + cols - cx;
		char buf[64];
		if (rec)
			draw_text(stdscr, y, cx, cell_text(t, s, rec, col, buf, sizeof buf), cw, p,
				  false);
		else
			draw_text(stdscr, y, cx, col->title, cw, PAINT_HEADING, false);
		cx += cw + 1;
	}
}

static void draw_list_title(struct tui *t, struct screen *s, int y, int cols)
{
	(void)t;
	const struct entity_def *def = s->ops->def;
	char left[600], right[64];
	const char *order = page_order_label(&s->list.q);
	snprintf(left, sizeof left, " %s %s%s%s%s%s%s", s->ops->title, order,
		 s->filter_label[0] ? " · " : "", s->filter_label,
		 s->search[0] ? " · matching \"" : "", s->search, s->search[0] ? "\"" : "");
	long long cap = tui_count_cap(s);
	snprintf(right, sizeof right, "%s%lld %s ", s->count >= cap ? "over " : "",
		 s->count >= cap ? cap : s->count, s->count == 1 ? def->name : def->plural);
	int rw = utf8_width(right);
	draw_text(stdscr, y, 0, left, cols - rw - 1, PAINT_HEADING, false);
	draw_text_right(stdscr, y, 0, right, cols, PAINT_DIM);
}

static void draw_list(struct tui *t, struct screen *s, int y, int cols, int h)
{
	draw_list_title(t, s, y, cols);
	int rows = h - 2, w[MAX_COLUMNS];
	listview_scroll(&s->list, rows);
	column_widths(t, s, cols, s->list.top, rows, w);
	draw_row(t, s, NULL, y + 1, 0, cols, w, false);
	for (int r = 0; r < rows && s->list.top + r < s->list.n; r++) {
		int i = s->list.top + r;
		draw_row(t, s, s->list.row[i], y + 2 + r, 0, cols, w, i == s->list.cursor);
	}
	if (s->list.n == 0)
		draw_text(stdscr, y + 3, 2,
			  s->search[0] || s->filter_label[0]
				  ? "Nothing matches. Esc clears the search; f changes the filter."
				  : "Nothing here yet. Press a to add the first.",
			  cols - 4, PAINT_DIM, false);
}

static void draw_detail(struct tui *t, struct screen *s, int y, int x, int cols, int h)
{
	if (!s->detail.rec) {
		draw_text(stdscr, y + 1, x + 1, "", cols - 2, PAINT_DIM, false);
		return;
	}
	draw_text(stdscr, y, x + 1, record_display(s->detail.rec), cols - 2, PAINT_HEADING, false);
	int rows = h - 1;
	if (s->detail.sel >= 0 && s->detail_focus)
		detail_move(&s->detail, 0, rows);
	detail_draw(stdscr, &s->detail, y + 1, x + 1, rows, cols - 2, s->detail_focus);
	(void)t;
}

void tui_draw_screen(struct tui *t, struct screen *s)
{
	int y = 1, h = t->rows - 3;
	if (s->ops->draw) {
		s->ops->draw(t, s, y, h);
		return;
	}
	if (!tui_wide(t)) {
		if (s->detail_focus)
			draw_detail(t, s, y, 0, t->cols, h);
		else
			draw_list(t, s, y, t->cols, h);
		return;
	}
	int list_cols = t->cols * 9 / 20;
	const struct record *cur = listview_current(&s->list);
	if (cur && (!s->detail.rec || strcmp(s->detail.rec->id, cur->id) != 0))
		tui_load_detail(t, s); /* the terminal just grew wide, or the list moved under it */
	draw_list(t, s, y, list_cols, h);
	for (int r = 0; r < h; r++)
		mvaddstr(y + r, list_cols, "│");
	draw_detail(t, s, y, list_cols + 1, t->cols - list_cols - 1, h);
}
