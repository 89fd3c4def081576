/* A record's detail as lines: headings, label and value pairs, paragraphs, and links to
 * other records that can be chosen and followed. Screens fill it; one function draws it. */
#ifndef KITH_DETAIL_H
#define KITH_DETAIL_H

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "draw.h"
#include "entity.h"
#include "id.h"

struct record;

struct dline {
	char *label; /* "Phone", or NULL */
	char *text;
	enum paint paint;
	bool wrap;             /* a paragraph: wrapped, not cut */
	bool link;             /* chosen with j/k and followed with Enter */
	enum entity_kind kind; /* where a link goes */
	char id[ID_LEN];
	char extra[ID_LEN]; /* a second id a screen may need (a membership's person) */
};

struct detail {
	struct record *rec; /* the record shown, owned */
	struct dline *line;
	int n;
	size_t cap;
	int sel;         /* the chosen link, or -1 */
	int top;         /* first line shown */
	bool more_below; /* the last drawing left lines unshown */
	int last_top;    /* the last drawing's last page starts here: scrolling stops at it */
};

void detail_clear(struct detail *d);
void detail_heading(struct detail *d, const char *text);
void detail_field(struct detail *d, const char *label, const char *value);
void detail_paragraph(struct detail *d, const char *text, enum paint p);
void detail_link(struct detail *d, const char *text, enum entity_kind kind, const char *id);
/* A link that reads as a field: its label, and the value that Enter follows. */
void detail_link_field(struct detail *d, const char *label, const char *text, enum entity_kind kind,
		       const char *id);
void detail_blank(struct detail *d);
/* Chooses the next (delta > 0) or previous link, scrolling to it; beyond the first or last
 * link (or with none), scrolls on, so every line can be reached. */
void detail_move(struct detail *d, int delta, int visible);
const struct dline *detail_chosen(const struct detail *d);
/* Draws the detail in the rectangle; focused shows the chosen link. */
void detail_draw(WINDOW *w, struct detail *d, int y, int x, int h, int cols, bool focused);

#endif
