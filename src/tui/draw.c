/* Looks, text in columns, frames and the text dump of the screen. */
#include "draw.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "utf8.h"
#include "xalloc.h"

static attr_t looks[PAINT_COUNT];

void draw_init(bool color)
{
	/* monochrome: what reverse, bold, underline and dim can say */
	static const attr_t mono[PAINT_COUNT] = {
		[PAINT_NORMAL] = A_NORMAL,    [PAINT_HEADER] = A_REVERSE, [PAINT_TAB] = A_BOLD,
		[PAINT_SELECTED] = A_REVERSE, [PAINT_HEADING] = A_BOLD,   [PAINT_DIM] = A_DIM,
		[PAINT_ERROR] = A_BOLD,       [PAINT_GOOD] = A_NORMAL,    [PAINT_KEY] = A_BOLD,
		[PAINT_FIELD] = A_UNDERLINE,  [PAINT_FOCUS] = A_REVERSE,
	};
	memcpy(looks, mono, sizeof looks);
	if (!color || !has_colors() || start_color() == ERR)
		return;
	use_default_colors();
	static const short pairs[PAINT_COUNT][2] = {
		[PAINT_HEADER] = {COLOR_WHITE, COLOR_BLUE},
		[PAINT_TAB] = {COLOR_YELLOW, COLOR_BLUE},
		[PAINT_SELECTED] = {COLOR_BLACK, COLOR_CYAN},
		[PAINT_HEADING] = {COLOR_BLUE, -1},
		[PAINT_ERROR] = {COLOR_RED, -1},
		[PAINT_GOOD] = {COLOR_GREEN, -1},
		[PAINT_KEY] = {COLOR_CYAN, -1},
		[PAINT_FIELD] = {-1, -1},
		[PAINT_FOCUS] = {COLOR_BLACK, COLOR_YELLOW},
	};
	for (int p = 1; p < PAINT_COUNT; p++) {
		if (p == PAINT_DIM || p == PAINT_FIELD)
			continue;
		init_pair((short)p, pairs[p][0], pairs[p][1]);
		looks[p] = COLOR_PAIR(p) |
			   (p == PAINT_HEADING || p == PAINT_TAB || p == PAINT_KEY ? A_BOLD
										   : A_NORMAL);
	}
	looks[PAINT_FIELD] = A_UNDERLINE;
}

attr_t draw_attr(enum paint p)
{
	return looks[p];
}

int draw_text(WINDOW *w, int y, int x, const char *text, int cols, enum paint p, bool pad)
{
	if (cols <= 0)
		return 0;
	char *safe = utf8_drawable(text);
	int used = 0;
	size_t n = utf8_fit(safe, cols, &used);
	bool cut = safe[n] != '\0';
	if (cut) /* what is cut says so: an ellipsis in its last column */
		n = utf8_fit(safe, cols - 1, &used);
	wattrset(w, (int)looks[p]);
	mvwaddnstr(w, y, x, safe, (int)n);
	if (cut) {
		waddstr(w, "…");
		used++;
	}
	if (pad)
		for (int i = used; i < cols; i++)
			waddch(w, ' ');
	wattrset(w, A_NORMAL);
	free(safe);
	return pad ? cols : used;
}

int draw_text_right(WINDOW *w, int y, int x, const char *text, int cols, enum paint p)
{
	int width = utf8_width(text);
	int skip = width < cols ? cols - width : 0;
	return draw_text(w, y, x + skip, text, cols - skip, p, false) + skip;
}

void draw_fill(WINDOW *w, int y, int x, int cols, enum paint p)
{
	wattrset(w, (int)looks[p]);
	for (int i = 0; i < cols; i++)
		mvwaddch(w, y, x + i, ' ');
	wattrset(w, A_NORMAL);
}

/* Whether column at of row y holds the right half of a wide character (a CJK name). */
static bool right_half(WINDOW *w, int y, int at)
{
	int c = 0;
	while (c < at) {
		cchar_t cell;
		wchar_t wc[CCHARW_MAX + 1] = {0};
		attr_t attr;
		short pair;
		int width = 1;
		if (mvwin_wch(w, y, c, &cell) != ERR &&
		    getcchar(&cell, wc, &attr, &pair, NULL) != ERR && wc[0])
			width = wcwidth(wc[0]) == 2 ? 2 : 1;
		c += width;
	}
	return c > at;
}

/* A frame's edge that falls on the right half of a wide character blanks the whole of it:
 * curses keeps the left half, a terminal drops it, and the two disagree about that row
 * until the whole screen is drawn again (stale cells after the frame closes). */
static void unsplit(WINDOW *w, int y, int at)
{
	if (at > 0 && at < getmaxx(w) && right_half(w, y, at))
		mvwaddch(w, y, at - 1, ' ');
}

void draw_box(WINDOW *w, int y, int x, int h, int cols, const char *title)
{
	for (int r = 0; r < h; r++) {
		unsplit(w, y + r, x);
		unsplit(w, y + r, x + cols);
		const char *left = r == 0 ? "┌" : r == h - 1 ? "└" : "│";
		const char *right = r == 0 ? "┐" : r == h - 1 ? "┘" : "│";
		mvwaddstr(w, y + r, x, left);
		for (int c = 1; c < cols - 1; c++)
			waddstr(w, r == 0 || r == h - 1 ? "─" : " ");
		waddstr(w, right);
	}
	if (title && *title) {
		mvwaddstr(w, y, x + 2, " ");
		int n = draw_text(w, y, x + 3, title, cols - 6, PAINT_HEADING, false);
		mvwaddstr(w, y, x + 3 + n, " ");
	}
}

void draw_dump(FILE *out)
{
	char line[4096];
	for (int y = 0; y < LINES; y++) {
		size_t len = 0;
		for (int x = 0; x < COLS && len + 16 < sizeof line; x++) {
			cchar_t cell;
			wchar_t wc[CCHARW_MAX + 1] = {0};
			attr_t attr;
			short pair;
			if (mvwin_wch(curscr, y, x, &cell) == ERR ||
			    getcchar(&cell, wc, &attr, &pair, NULL) == ERR || !wc[0]) {
				line[len++] = ' ';
				continue;
			}
			for (int k = 0; wc[k]; k++) {
				char mb[8];
				mbstate_t st;
				memset(&st, 0, sizeof st);
				size_t m = wcrtomb(mb, wc[k], &st);
				if (m != (size_t)-1) {
					memcpy(line + len, mb, m);
					len += m;
				}
			}
			if (wcwidth(wc[0]) == 2)
				x++; /* the second column of a wide character */
		}
		while (len && line[len - 1] == ' ')
			len--;
		line[len] = '\0';
		fprintf(out, "%s\n", line);
	}
	fflush(out);
}

/* The bytes of s that fill one row of cols columns, broken at a space when it can be; *skip
 * gets the space or newline that ends the row. */
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
	if (n == 0 && *skip == 0 && limit > 0)
		n = 1; /* a column too narrow for a character still moves on */
	return n;
}

int draw_wrapped(WINDOW *w, int y, int x, const char *text, int cols, int rows, enum paint p)
{
	const char *s = text;
	int used = 0;
	do {
		size_t skip, n = wrap_row(s, cols, &skip);
		char *row = xstrndup(s, n);
		if (w)
			draw_text(w, y + used, x, row, cols, p, false);
		free(row);
		s += n + skip;
		used++;
	} while (*s && used < rows);
	return used;
}
