/* Drawing: the few looks the interface uses (in colour, or in monochrome and under NO_COLOR),
 * text cut to a number of columns whatever its script, and the screen written out as text
 * for headless tests. Everything drawn passes through here, so no control character from a
 * record ever reaches the terminal. */
#ifndef KITH_DRAW_H
#define KITH_DRAW_H

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <stdbool.h>
#include <stdio.h>

enum paint {
	PAINT_NORMAL,
	PAINT_HEADER,   /* the top line */
	PAINT_TAB,      /* the current screen's tab */
	PAINT_SELECTED, /* the row under the cursor */
	PAINT_HEADING,  /* a section or column heading */
	PAINT_DIM,      /* secondary text */
	PAINT_ERROR,
	PAINT_GOOD,
	PAINT_KEY,   /* a key in the hint bar */
	PAINT_FIELD, /* a form field */
	PAINT_FOCUS, /* the form field being typed in */
	PAINT_COUNT
};

/* Colour when the terminal has it and NO_COLOR is unset; monochrome otherwise. */
void draw_init(bool color);
attr_t draw_attr(enum paint p);
/* Draws text (made drawable: utf8_drawable) at y, x in at most cols columns, never splitting
 * a character; text that does not fit ends in an ellipsis. With pad, fills the rest of the
 * columns. Returns the columns drawn. */
int draw_text(WINDOW *w, int y, int x, const char *text, int cols, enum paint p, bool pad);
/* Draws text wrapped at spaces (and at its newlines) in rows of cols columns, at most rows
 * of them; returns how many it took. With w NULL it only counts. */
int draw_wrapped(WINDOW *w, int y, int x, const char *text, int cols, int rows, enum paint p);
/* Like draw_text, but right-aligned within cols. */
int draw_text_right(WINDOW *w, int y, int x, const char *text, int cols, enum paint p);
void draw_fill(WINDOW *w, int y, int x, int cols, enum paint p);
/* A frame with a title, its inside cleared. */
void draw_box(WINDOW *w, int y, int x, int h, int cols, const char *title);
/* Writes what the screen shows as text, one line a row, without trailing spaces. */
void draw_dump(FILE *out);

#endif
