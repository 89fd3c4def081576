/* A tree of lines in a popup over the screen: a chain browser's branches, or a person's
 * journey as a list of steps. Branches open and close from the keyboard; Enter on a line
 * that names a person, an asset or a referral closes the popup and shows that record. */
#ifndef KITH_TREEVIEW_H
#define KITH_TREEVIEW_H

#include "id.h"
#include "tui.h"

struct tree_item {
	char *text;
	char *note; /* dim, at the right: "12 people" */
	int parent; /* -1 at the top */
	int depth;
	bool open;
	bool has_children;
	bool heading;          /* a section's title */
	enum entity_kind kind; /* what Enter shows, with id; ENTITY_COUNT for nothing */
	char id[ID_LEN];
};

struct treeview {
	struct modal m;
	char title[200];
	char *summary;          /* a line under the title */
	struct tree_item *item; /* each item after its parent, children in order */
	int n;
	size_t cap;
	int sel, top; /* over the visible items */
	int chosen;   /* the item Enter opened, or -1 */
	char *empty;  /* said when there are no items */
};

struct treeview *treeview_new(const char *title, const char *summary);
/* Adds an item under parent (-1 for the top); returns its index. kind ENTITY_COUNT when
 * it names nothing to open. */
int treeview_add(struct treeview *tv, int parent, const char *text, const char *note,
		 enum entity_kind kind, const char *id);
/* Marks an item as a section title, open. */
void treeview_heading(struct treeview *tv, int item);

#endif
