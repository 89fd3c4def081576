/* Details as lines: building them, choosing links in them, drawing them wrapped. */
#include "detail.h"

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
}

static struct dline *add(struct detail *d, const char *label, const char *text, enum paint p)
{
	d->line = xreallocarray(d->line, (size_t)d->n + 1, sizeof *d->line);
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

void detail_blank(struct detail *d)
{
	add(d, NULL, "", PAINT_NORMAL);
}

const struct dline *detail_chosen(const struct detail *d)
{
	return d->sel >= 0 && d->sel < d->n && d->line[d->sel].link ? &d->line[d->sel] : NULL;
}

void detail_move(struct detail *d, int delta, int visible)
{
	int step = delta > 0 ? 1 : -1;
	for (int moved = 0, i = d->sel; moved < (delta > 0 ? delta : -delta);) {
		i += step;
		if (i < 0 || i >= d->n)
			break;
		if (d->line[i].link) {
			d->sel = i;
			moved++;
		}
	}
	if (!detail_chosen(d)) { /* nothing to choose: just scroll */
		d->top += delta;
		if (d->top > d->n - visible)
			d->top = d->n - visible;
		if (d->top < 0)
			d->top = 0;
		return;
	}
	if (d->sel < d->top)
		d->top = d->sel > 0 && !d->line[d->sel - 1].link ? d->sel - 1 : d->sel;
	if (d->sel >= d->top + visible - 1)
		d->top = d->sel - visible + 2;
	if (d->top < 0)
		d->top = 0;
}

/* The bytes of s that fill one row of cols columns, broken at a space when it can be. */
static size_t wrap_row(const char *s, int cols, size_t *skip)
{
	const char *nl = strchr(s, '\n');
	size_t limit = nl ? (size_t)(nl - s) : strlen(s);
	char *part = xstrndup(s, limit);
	size_t n = utf8_fit(part, cols, NULL);
	free(part);
	*skip = 0;
	if (n < limit) {
		size_t cut = n;
		while (cut > 0 && s[cut] != ' ')
			cut--;
		if (cut > 0)
			n = cut, *skip = 1;
	} else if (nl) {
		*skip = 1;
	}
	return n;
}

/* Draws one line from row y; returns the rows it took (at most room). */
static int draw_line(WINDOW *w, const struct dline *l, int y, int x, int room, int cols,
		     bool chosen)
{
	int indent = l->label ? LABEL_COLS : 0, text_cols = cols - indent;
	if (l->label)
		draw_text(w, y, x, l->label, LABEL_COLS - 1, PAINT_DIM, false);
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
	const char *s = l->text;
	int rows = 0;
	do {
		size_t skip, n = wrap_row(s, text_cols, &skip);
		char *row = xstrndup(s, n);
		draw_text(w, y + rows, x + indent, row, text_cols, l->paint, false);
		free(row);
		s += n + skip;
		rows++;
	} while (*s && rows < room);
	return rows;
}

void detail_draw(WINDOW *w, struct detail *d, int y, int x, int h, int cols, bool focused)
{
	int row = 0;
	for (int i = d->top; i < d->n && row < h; i++)
		row += draw_line(w, &d->line[i], y + row, x, h - row, cols, focused && i == d->sel);
}
