/* Details as lines: building them, choosing links in them, drawing them wrapped. */
#include "detail.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "utf8.h"
#include "xalloc.h"

#define LABEL_COLS 16

void detail_clear(struct detail *d)
{
	for (int i = 0; i < d->n; i++) {
		free(d->line[i].label);
		free(d->line[i].text);
	}
	free(d->line);
	record_free(d->rec);
	memset(d, 0, sizeof *d);
	d->sel = -1;
	d->last_top = INT_MAX; /* not drawn yet */
}

static struct dline *add(struct detail *d, const char *label, const char *text, enum paint p)
{
	d->line = xgrow(d->line, (size_t)d->n, &d->cap, sizeof *d->line);
	struct dline *l = &d->line[d->n++];
	memset(l, 0, sizeof *l);
	l->label = xstrdup(label);
	l->text = xstrdup(text ? text : "");
	l->paint = p;
	return l;
}

void detail_heading(struct detail *d, const char *text)
{
	if (d->n)
		add(d, NULL, "", PAINT_NORMAL);
	add(d, NULL, text, PAINT_HEADING);
}

void detail_field(struct detail *d, const char *label, const char *value)
{
	if (value && *value)
		add(d, label, value, PAINT_NORMAL)->wrap = true;
}

void detail_paragraph(struct detail *d, const char *text, enum paint p)
{
	if (text && *text)
		add(d, NULL, text, p)->wrap = true;
}

void detail_link(struct detail *d, const char *text, enum entity_kind kind, const char *id)
{
	struct dline *l = add(d, NULL, text, PAINT_NORMAL);
	l->link = true;
	l->kind = kind;
	snprintf(l->id, sizeof l->id, "%s", id ? id : "");
	if (d->sel < 0)
		d->sel = d->n - 1;
}

void detail_link_field(struct detail *d, const char *label, const char *text, enum entity_kind kind,
		       const char *id)
{
	detail_link(d, text, kind, id);
	free(d->line[d->n - 1].label);
	d->line[d->n - 1].label = xstrdup(label);
}

void detail_blank(struct detail *d)
{
	add(d, NULL, "", PAINT_NORMAL);
}

const struct dline *detail_chosen(const struct detail *d)
{
	return d->sel >= 0 && d->sel < d->n && d->line[d->sel].link ? &d->line[d->sel] : NULL;
}

static int next_link(const struct detail *d, int from, int step)
{
	for (int i = from + step; i >= 0 && i < d->n; i += step)
		if (d->line[i].link)
			return i;
	return -1;
}

static void one_step(struct detail *d, int step, int visible)
{
	int link = next_link(d, d->sel, step);
	bool shown = d->sel >= d->top && d->sel < d->top + visible;
	/* to the next link when it is near; otherwise scroll, so text between links shows */
	if (link >= 0 &&
	    (!shown || (step > 0 ? link < d->top + visible + 2 : link >= d->top - 2))) {
		d->sel = link;
		if (d->sel < d->top)
			d->top = d->sel > 0 && !d->line[d->sel - 1].link ? d->sel - 1 : d->sel;
		if (d->sel >= d->top + visible - 1)
			d->top = d->sel - visible + 2;
	} else if (step > 0 && d->more_below && d->top < d->last_top) {
		d->top++;
	} else if (step < 0 && d->top > 0) {
		d->top--;
	}
	/* never past the page that ends with the last line (G showed a blank page) */
	if (d->top > d->last_top)
		d->top = d->last_top;
	if (d->top < 0)
		d->top = 0;
}

void detail_move(struct detail *d, int delta, int visible)
{
	int steps = delta > 0 ? delta : -delta;
	if (steps > d->n)
		steps = d->n;
	for (int i = 0; i < steps; i++) {
		int top = d->top, sel = d->sel;
		one_step(d, delta > 0 ? 1 : -1, visible);
		if (top == d->top && sel == d->sel)
			break;
		if (delta > 0 && !d->more_below && d->sel == sel)
			break;
	}
}

/* Draws one line from row y; returns the rows it took (at most room). */
static int draw_line(WINDOW *w, const struct dline *l, int y, int x, int room, int cols,
		     bool chosen)
{
	int indent = l->label ? LABEL_COLS : 0, text_cols = cols - indent;
	if (!w) /* measuring */
		return l->wrap ? draw_wrapped(NULL, 0, 0, l->text, text_cols, room, l->paint) : 1;
	if (l->label)
		draw_text(w, y, x, l->label, LABEL_COLS - (l->link ? 3 : 1), PAINT_DIM, false);
	if (l->link && l->label) { /* its marker before the value, which lines up with others */
		draw_text(w, y, x + LABEL_COLS - 2, chosen ? "▸ " : "  ", 2,
			  chosen ? PAINT_SELECTED : PAINT_DIM, true);
		draw_text(w, y, x + LABEL_COLS, l->text, text_cols,
			  chosen ? PAINT_SELECTED : l->paint, chosen);
		return 1;
	}
	if (l->link) {
		draw_text(w, y, x, chosen ? "▸ " : "  ", 2, chosen ? PAINT_SELECTED : PAINT_DIM,
			  true);
		draw_text(w, y, x + 2, l->text, cols - 2, chosen ? PAINT_SELECTED : l->paint,
			  chosen);
		return 1;
	}
	if (!l->wrap) {
		draw_text(w, y, x + indent, l->text, text_cols, l->paint, false);
		return 1;
	}
	return draw_wrapped(w, y, x + indent, l->text, text_cols, room, l->paint);
}

/* The first line of the last page: from it, every line to the end fits in h rows. */
static int last_top(struct detail *d, int h, int cols)
{
	int i = d->n, used = 0;
	while (i > 0) {
		used += draw_line(NULL, &d->line[i - 1], 0, 0, h, cols, false);
		if (used > h)
			break;
		i--;
	}
	return i;
}

void detail_draw(WINDOW *w, struct detail *d, int y, int x, int h, int cols, bool focused)
{
	d->last_top = last_top(d, h, cols);
	if (d->top > d->last_top) /* the window grew, or the detail became shorter */
		d->top = d->last_top;
	int row = 0, i = d->top;
	for (; i < d->n && row < h; i++)
		row += draw_line(w, &d->line[i], y + row, x, h - row, cols, focused && i == d->sel);
	d->more_below = i < d->n;
	if (d->top > 0)
		draw_text_right(w, y, x, "↑ more", cols, PAINT_DIM);
	if (d->more_below)
		draw_text_right(w, y + h - 1, x, focused ? "↓ more: j" : "↓ more", cols, PAINT_DIM);
}
