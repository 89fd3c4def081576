/* Questions, the bottom prompt, and help. */
#include "dialog.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "draw.h"
#include "utf8.h"
#include "xalloc.h"

static void dialog_free(struct modal *m)
{
	struct dialog *d = (struct dialog *)m;
	free(d->text);
	lineedit_free(&d->line);
	free(d);
}

static struct dialog *dialog_new(const struct modal_ops *ops, const char *text)
{
	struct dialog *d = xcalloc(1, sizeof *d);
	d->m.ops = ops;
	d->text = xstrdup(text);
	lineedit_set(&d->line, "", 200);
	return d;
}

/* ---- yes or no ---- */

static void confirm_draw(struct tui *t, struct modal *m)
{
	struct dialog *d = (struct dialog *)m;
	int cols = utf8_width(d->text) + 6;
	cols = cols < 40 ? 40 : cols > tui_cols(t) - 2 ? tui_cols(t) - 2 : cols;
	if (cols > 72)
		cols = 72; /* a long question reads better wrapped */
	int lines = draw_wrapped(NULL, 0, 0, d->text, cols - 4, 4, PAINT_NORMAL);
	int y = tui_rows(t) / 2 - 2, x = (tui_cols(t) - cols) / 2;
	draw_box(stdscr, y, x, 4 + lines, cols, "Are you sure?");
	draw_wrapped(stdscr, y + 1, x + 2, d->text, cols - 4, 4, PAINT_NORMAL);
	y += lines - 1;
	draw_text(stdscr, y + 3, x + 2, "y", 1, PAINT_KEY, false);
	draw_text(stdscr, y + 3, x + 4, "yes", 3, PAINT_NORMAL, false);
	draw_text(stdscr, y + 3, x + 9, "n", 1, PAINT_KEY, false);
	draw_text(stdscr, y + 3, x + 11, "no", 2, PAINT_NORMAL, false);
	curs_set(0);
}

static int confirm_key(struct tui *t, struct modal *m, int key)
{
	(void)t, (void)m;
	enum action a = keys_lookup(KEYMAP_CONFIRM, key);
	return a == ACT_YES ? MODAL_DONE : a == ACT_NO ? MODAL_CANCEL : MODAL_STAY;
}

/* clang-format off */
static const struct modal_ops confirm_ops = {KEYMAP_CONFIRM, confirm_draw, confirm_key,
					     dialog_free, NULL};
/* clang-format on */

struct dialog *dialog_confirm(const char *question)
{
	return dialog_new(&confirm_ops, question);
}

/* ---- a line at the bottom ---- */

static void prompt_draw(struct tui *t, struct modal *m)
{
	struct dialog *d = (struct dialog *)m;
	int y = tui_rows(t) - 2, label = utf8_width(d->text), cur;
	draw_fill(stdscr, y, 0, tui_cols(t), PAINT_NORMAL);
	draw_text(stdscr, y, 0, d->text, label, PAINT_KEY, false);
	size_t start = lineedit_view(&d->line, tui_cols(t) - label - 1, &cur);
	draw_text(stdscr, y, label, d->line.text + start, tui_cols(t) - label, PAINT_NORMAL, false);
	if (d->moved && tui_cols(t) - label - utf8_width(d->line.text) > 44)
		draw_text_right(stdscr, y, 0, "↓ ↑ matches  Enter opens  Esc goes back ",
				tui_cols(t), PAINT_DIM);
	move(y, label + cur);
	curs_set(1);
}

static int prompt_key(struct tui *t, struct modal *m, int key)
{
	struct dialog *d = (struct dialog *)m;
	enum action a = keys_lookup(KEYMAP_PROMPT, key);
	if (a == ACT_CHOOSE)
		return MODAL_DONE;
	if (a == ACT_CANCEL)
		return MODAL_CANCEL;
	if (d->moved && (a == ACT_DOWN || a == ACT_UP || a == ACT_PAGE_DOWN || a == ACT_PAGE_UP)) {
		d->moved(t, d, a);
		return MODAL_STAY;
	}
	bool changed = a != ACT_NONE
			       ? lineedit_act(&d->line, a)
			       : key < KEY_FN_BASE && lineedit_insert(&d->line, (unsigned)key);
	if (changed && d->changed)
		d->changed(t, d);
	return MODAL_STAY;
}

static bool prompt_dirty(const struct modal *m)
{
	(void)m;
	return false;
}

static const struct modal_ops prompt_ops = {KEYMAP_PROMPT, prompt_draw, prompt_key, dialog_free,
					    prompt_dirty};

struct dialog *dialog_prompt(const char *label, const char *text)
{
	struct dialog *d = dialog_new(&prompt_ops, label);
	lineedit_set(&d->line, text, 200);
	return d;
}

/* ---- help, from the key table ---- */

#define HELP_KEYS 18 /* the column of keys */

/* Rows one line of help takes: its keys and what they do, each wrapped in its column. */
static int help_rows(const char *keys, const struct binding *b, int cols)
{
	int k = draw_wrapped(NULL, 0, 0, keys, HELP_KEYS, 4, PAINT_KEY);
	int h = draw_wrapped(NULL, 0, 0, keys_action_help(b->action), cols - HELP_KEYS - 5, 4,
			     PAINT_NORMAL);
	return k > h ? k : h;
}

/* The help box: every key of the keymap and what it does, wrapped rather than cut, as many
 * lines as fit from d->top. */
static void help_draw(struct tui *t, struct modal *m)
{
	struct dialog *d = (struct dialog *)m;
	const struct binding *b[KEYS_HELP_MAX];
	char keys[KEYS_HELP_MAX][64];
	int n = keys_help(d->help_map, false, b, keys, KEYS_HELP_MAX);
	int cols = 64; /* as wide as the longest line needs, as far as the screen allows */
	for (int i = 0; i < n; i++) {
		int w = utf8_width(keys_action_help(b[i]->action)) + HELP_KEYS + 5;
		cols = w > cols ? w : cols;
	}
	cols = tui_cols(t) - 4 < cols ? tui_cols(t) - 4 : cols;
	int h = tui_rows(t) - 2, y = 1, x = (tui_cols(t) - cols) / 2, rows = h - 3;
	int last = n, used = 0; /* the top that shows the last line at the bottom */
	while (last > 0 && used + help_rows(keys[last - 1], b[last - 1], cols) <= rows) {
		last--;
		used += help_rows(keys[last], b[last], cols);
	}
	d->top = d->top > last ? last : d->top;
	draw_box(stdscr, y, x, h, cols, d->text);
	int r = 0, i = d->top, hr;
	for (; i < n && r + (hr = help_rows(keys[i], b[i], cols)) <= rows; i++) {
		draw_wrapped(stdscr, y + 1 + r, x + 2, keys[i], HELP_KEYS, 4, PAINT_KEY);
		draw_wrapped(stdscr, y + 1 + r, x + 3 + HELP_KEYS, keys_action_help(b[i]->action),
			     cols - HELP_KEYS - 5, 4, PAINT_NORMAL);
		r += hr;
	}
	char foot[80];
	snprintf(foot, sizeof foot, "%s%s", i < n ? "↓ more: j   " : "",
		 d->top > 0 ? "↑ k   q or Esc closes" : "q or Esc closes");
	draw_text(stdscr, y + h - 2, x + 2, foot, cols - 4, PAINT_DIM, false);
	curs_set(0);
}

static int help_key(struct tui *t, struct modal *m, int key)
{
	(void)t;
	struct dialog *d = (struct dialog *)m;
	switch (keys_lookup(KEYMAP_HELP, key)) {
	case ACT_DOWN:
		d->top += 1;
		break;
	case ACT_PAGE_DOWN:
		d->top += 10;
		break;
	case ACT_UP:
		d->top -= d->top > 0;
		break;
	case ACT_PAGE_UP:
		d->top = d->top > 10 ? d->top - 10 : 0;
		break;
	case ACT_BACK:
		return MODAL_DONE;
	default:
		break;
	}
	return MODAL_STAY;
}

static const struct modal_ops help_ops = {KEYMAP_HELP, help_draw, help_key, dialog_free, NULL};

struct dialog *dialog_help(enum keymap map, const char *title)
{
	struct dialog *d = dialog_new(&help_ops, title);
	d->help_map = map;
	return d;
}

char *dialog_default_path(const char *file)
{
	const char *home = getenv("HOME"), *docs = getenv("XDG_DOCUMENTS_DIR");
	struct stat sb;
	char *dir = docs && *docs ? xstrdup(docs) : xasprintf("%s/Documents", home ? home : ".");
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		free(dir);
		dir = xstrdup(home && *home ? home : ".");
	}
	char *path = xasprintf("%s/%s", dir, file);
	free(dir);
	return path;
}
