/* The tree popup. Items are kept in the order they show when everything is open; which
 * show now is worked out on each key and draw, as a tree of a few thousand lines costs
 * nothing to walk. */
#include "treeview.h"

#include <stdlib.h>
#include <string.h>

#include "dialog.h"
#include "draw.h"
#include "utf8.h"
#include "xalloc.h"

static void treeview_free(struct modal *m)
{
	struct treeview *tv = (struct treeview *)m;
	for (int i = 0; i < tv->n; i++) {
		free(tv->item[i].text);
		free(tv->item[i].note);
	}
	free(tv->item);
	free(tv->summary);
	free(tv->empty);
	free(tv);
}

int treeview_add(struct treeview *tv, int parent, const char *text, const char *note,
		 enum entity_kind kind, const char *id)
{
	tv->item = xgrow(tv->item, (size_t)tv->n, &tv->cap, sizeof *tv->item);
	struct tree_item *it = &tv->item[tv->n];
	memset(it, 0, sizeof *it);
	it->text = xstrdup(text);
	it->note = xstrdup(note ? note : "");
	it->parent = parent;
	it->depth = parent < 0 ? 0 : tv->item[parent].depth + 1;
	it->kind = kind;
	snprintf(it->id, sizeof it->id, "%s", id ? id : "");
	if (parent >= 0)
		tv->item[parent].has_children = true;
	return tv->n++;
}

void treeview_heading(struct treeview *tv, int item)
{
	tv->item[item].heading = true;
	tv->item[item].open = true;
}

/* The items showing: those whose every ancestor is open. Caller frees. */
static int *visible(const struct treeview *tv, int *count)
{
	int *shown = xmalloc(((size_t)tv->n + 1) * sizeof *shown), n = 0;
	bool *show = xcalloc((size_t)tv->n + 1, sizeof *show);
	for (int i = 0; i < tv->n; i++) {
		int p = tv->item[i].parent;
		show[i] = p < 0 || (show[p] && tv->item[p].open);
		if (show[i])
			shown[n++] = i;
	}
	free(show);
	*count = n;
	return shown;
}

static int list_rows(struct tui *t)
{
	return tui_rows(t) - 3 - 5;
}

static void draw_item(const struct tree_item *it, int y, int x, int cols, bool chosen)
{
	enum paint p = chosen ? PAINT_SELECTED : it->heading ? PAINT_HEADING : PAINT_NORMAL;
	draw_fill(stdscr, y, x, cols, chosen ? PAINT_SELECTED : PAINT_NORMAL);
	if (chosen) /* seen without colour too */
		draw_text(stdscr, y, x - 1, "›", 1, PAINT_SELECTED, false);
	int indent = 2 * it->depth;
	const char *mark = it->has_children ? (it->open ? "▾ " : "▸ ") : "  ";
	int note_cols = it->note[0] ? utf8_width(it->note) + 1 : 0;
	if (indent + 2 + note_cols > cols)
		return;
	draw_text(stdscr, y, x + indent, mark, 2, p, false);
	draw_text(stdscr, y, x + indent + 2, it->text, cols - indent - 2 - note_cols, p, false);
	if (note_cols)
		draw_text_right(stdscr, y, x, it->note, cols, chosen ? PAINT_SELECTED : PAINT_DIM);
}

static void treeview_draw(struct tui *t, struct modal *m)
{
	struct treeview *tv = (struct treeview *)m;
	int cols = tui_cols(t), h = tui_rows(t) - 3, rows = list_rows(t);
	draw_box(stdscr, 1, 0, h, cols, tv->title);
	if (tv->summary)
		draw_text(stdscr, 2, 2, tv->summary, cols - 4, PAINT_DIM, false);
	int n;
	int *shown = visible(tv, &n);
	if (tv->sel >= n)
		tv->sel = n ? n - 1 : 0;
	if (tv->sel < tv->top)
		tv->top = tv->sel;
	if (tv->sel >= tv->top + rows)
		tv->top = tv->sel - rows + 1;
	for (int r = 0; r < rows && tv->top + r < n; r++)
		draw_item(&tv->item[shown[tv->top + r]], 4 + r, 2, cols - 4,
			  tv->top + r == tv->sel);
	if (n == 0 && tv->empty)
		draw_text(stdscr, 4, 2, tv->empty, cols - 4, PAINT_DIM, false);
	if (tv->top + rows < n)
		draw_text_right(stdscr, h - 1, 2, "↓ more ", cols - 4, PAINT_DIM);
	free(shown);
	curs_set(0);
}

/* Space: open a closed branch, close an open one. → opens, as in other tree views, and on an
 * open branch goes to the first under it; ← closes, or goes up to the parent. */
static void expand(struct treeview *tv, int item, bool toggle)
{
	struct tree_item *it = &tv->item[item];
	if (it->has_children)
		it->open = toggle ? !it->open : true;
}

static void go_into(struct treeview *tv, int n, int item)
{
	struct tree_item *it = &tv->item[item];
	if (!it->has_children)
		return;
	if (!it->open)
		it->open = true;
	else if (tv->sel + 1 < n)
		tv->sel++; /* the first under it: children follow their parent */
}

static void collapse(struct treeview *tv, const int *shown, int n, int item)
{
	struct tree_item *it = &tv->item[item];
	if (it->has_children && it->open) {
		it->open = false;
		return;
	}
	for (int i = 0; i < n; i++)
		if (shown[i] == it->parent)
			tv->sel = i;
}

static int open_item(struct tui *t, struct treeview *tv, int item)
{
	const struct tree_item *it = &tv->item[item];
	if (it->kind != ENTITY_COUNT) {
		tv->chosen = item;
		return MODAL_DONE;
	}
	if (it->has_children)
		expand(tv, item, true);
	else
		tui_status(t, false, "Nothing to open on this line");
	return MODAL_STAY;
}

static int treeview_key(struct tui *t, struct modal *m, int key)
{
	struct treeview *tv = (struct treeview *)m;
	enum action a = keys_lookup(KEYMAP_TREE, key);
	int n, rows = list_rows(t), r = MODAL_STAY;
	int *shown = visible(tv, &n);
	int item = n ? shown[tv->sel < n ? tv->sel : n - 1] : -1;
	switch (a) {
	case ACT_DOWN:
		tv->sel += tv->sel + 1 < n;
		break;
	case ACT_UP:
		tv->sel -= tv->sel > 0;
		break;
	case ACT_PAGE_DOWN:
		tv->sel = tv->sel + rows < n ? tv->sel + rows : n - 1;
		break;
	case ACT_PAGE_UP:
		tv->sel = tv->sel > rows ? tv->sel - rows : 0;
		break;
	case ACT_FIRST:
		tv->sel = 0;
		break;
	case ACT_LAST:
		tv->sel = n ? n - 1 : 0;
		break;
	case ACT_EXPAND:
		if (item >= 0)
			expand(tv, item, true);
		break;
	case ACT_INTO:
		if (item >= 0)
			go_into(tv, n, item);
		break;
	case ACT_COLLAPSE:
		if (item >= 0)
			collapse(tv, shown, n, item);
		break;
	case ACT_OPEN:
		if (item >= 0)
			r = open_item(t, tv, item);
		break;
	case ACT_HELP:
		tui_push(t, &dialog_help(KEYMAP_TREE, "Keys here")->m);
		break;
	case ACT_BACK:
		r = MODAL_CANCEL;
		break;
	default:
		break;
	}
	free(shown);
	return r;
}

static void treeview_done(struct tui *t, struct modal *m, bool ok)
{
	struct treeview *tv = (struct treeview *)m;
	if (!ok || tv->chosen < 0)
		return;
	const struct tree_item *it = &tv->item[tv->chosen];
	char id[ID_LEN];
	snprintf(id, sizeof id, "%s", it->id);
	tui_jump(t, it->kind, id);
}

static const struct modal_ops treeview_ops = {KEYMAP_TREE, treeview_draw, treeview_key,
					      treeview_free, NULL};

struct treeview *treeview_new(const char *title, const char *summary)
{
	struct treeview *tv = xcalloc(1, sizeof *tv);
	tv->m.ops = &treeview_ops;
	tv->m.done = treeview_done;
	snprintf(tv->title, sizeof tv->title, "%s", title);
	tv->summary = summary ? xstrdup(summary) : NULL;
	tv->chosen = -1;
	return tv;
}
