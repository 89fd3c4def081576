/* The terminal interface: screens (People, Groups, Assets, Referrals over a shared list
 * widget, and the Network), each a table of operations; modal widgets (forms, pickers, questions) stacked on
 * top; one loop that reads every key through one function, so a script can drive it. */
#ifndef KITH_TUI_H
#define KITH_TUI_H

#include <stdbool.h>

#include "detail.h"
#include "entity.h"
#include "keys.h"
#include "listview.h"
#include "screens.h"

struct store;
struct tui;
struct screen;
struct editor;

/* What an action asks to be brought up to date (htop's reactions). A handler returns them, a
 * callback (which returns nothing) asks with tui_react; the loop does what was asked once,
 * after the key, before the screen is drawn. Nothing else reloads a list or redraws. */
enum reaction {
	R_NONE = 0,
	R_RELOAD = 1 << 0,   /* the list's rows may have changed: the cursor stays on its record */
	R_DETAIL = 1 << 1,   /* the selected record may have changed */
	R_REPAINT = 1 << 2,  /* the terminal may be garbled: all of it is drawn again */
	R_FROM_TOP = 1 << 3, /* with R_RELOAD: from the first row (a new search) */
	R_REVEAL = 1 << 4,   /* with R_RELOAD: a search or filter that hides the record goes */
	R_UNHANDLED = 1 << 8 /* not this handler's action */
};

/* A column of a list: a field, the record's own name when field is COLUMN_NAME, when the
 * row was written when COLUMN_WHEN, or the screen's own text (its .cell) for COLUMN_OWN(k):
 * what no field holds, such as how many came to an activity. */
#define COLUMN_NAME (-1)
#define COLUMN_WHEN (-2)
#define COLUMN_OWN(k) (-10 - (k))
struct column {
	int field;
	const char *title;
	int width; /* 0: what is left */
};

/* A screen's operations; it is registered by its row in SCREENS (screens.h). */
struct screen_ops {
	const char *title; /* the tab: "People" */
	enum keymap keymap;
	int right; /* the enum auth_right a worker needs for it (0: records) */
	const struct entity_def *def;
	const struct column *columns;
	int ncolumns;
	int filter_field;  /* whose values `f` offers besides named filters, or -1 */
	const int *layout; /* a form's fields in the order asked, most used first */
	int nlayout;
	/* The text of column COLUMN_OWN(k) for rec: written into buf (n bytes), or a constant. */
	const char *(*cell)(struct tui *t, const struct record *rec, int k, char *buf, size_t n);
	/* Fills d with what the record's detail shows. */
	void (*detail)(struct tui *t, struct screen *s, const struct record *rec, struct detail *d);
	/* The screen's own actions; R_UNHANDLED passes the action to the generic handler. */
	int (*act)(struct tui *t, struct screen *s, enum action a);
	/* A screen that is not a list of records (def NULL) keeps its own state in s->own: */
	void (*open)(struct tui *t, struct screen *s); /* shown, or data changed */
	void (*draw)(struct tui *t, struct screen *s, int y, int h);
	bool (*poll)(struct tui *t, struct screen *s); /* work still running? */
	void (*wait)(struct tui *t, struct screen *s); /* until it is done */
	void (*close)(struct screen *s);               /* frees s->own */
	/* Opens again a form of the screen's own (an editor's form name, about the person with
	 * id about) for a draft; NULL with err when it cannot. */
	struct editor *(*form)(struct tui *t, struct screen *s, const char *form, const char *about,
			       struct kerr *err);
};

struct screen {
	const struct screen_ops *ops;
	struct listview list;
	struct detail detail;
	bool detail_focus; /* keys go to the detail (on a narrow terminal it fills the view) */
	char search[200];
	/* the row a search started on, and whether its detail had the keys: Esc goes back */
	char search_from[ID_LEN];
	bool search_from_detail;
	char filter_label[120]; /* what the filter shows, "" for everything */
	char filter_value[120]; /* the value the list is filtered on, when it is a field's */
	char **values;          /* the filter field's values, loaded when first needed */
	long long count;        /* rows matching, counted up to a cap */
	bool loaded;
	void *own; /* a screen's own state (the Network's report) */
};

/* ---- modal widgets ---- */

enum modal_result { MODAL_STAY, MODAL_DONE, MODAL_CANCEL };

struct modal;

struct modal_ops {
	enum keymap keymap;
	void (*draw)(struct tui *t, struct modal *m);
	int (*key)(struct tui *t, struct modal *m, int key); /* a modal_result */
	void (*free)(struct modal *m);
	bool (*dirty)(const struct modal *m); /* holds typing that would be lost, or NULL */
};

struct modal {
	const struct modal_ops *ops;
	/* Set to MODAL_DONE or MODAL_CANCEL to close it after the current key (a question
	 * above it may decide that, as "discard what you typed?" does). */
	int closing;
	/* Called when the modal closes, before it is freed; ok is true for MODAL_DONE. */
	void (*done)(struct tui *t, struct modal *m, bool ok);
	void *ctx;
};

/* ---- for screens and widgets ---- */

struct store *tui_store(struct tui *t);
struct screen *tui_screen(struct tui *t);
void tui_push(struct tui *t, struct modal *m);
int tui_windows_open(const struct tui *t); /* modals over the screen: 0 when none */
/* A message on the status line; error ones stand out. */
void tui_status(struct tui *t, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* After a change one key made at once (u, v): the status line says what it did (fmt) and
 * which key takes it back, and that key will; back says what is left once it is taken back
 * ("Amina Yusuf's referral is back to contacted"). change is taken over and left empty; an
 * empty one (nothing changed) only says fmt. */
void tui_undoable(struct tui *t, struct entity_change *change, const char *back, const char *fmt,
		  ...) __attribute__((format(printf, 4, 5)));
/* Shows the record of that kind: its screen, the list positioned on it, its detail open.
 * The previous place is remembered: q goes back to it. */
void tui_jump(struct tui *t, enum entity_kind kind, const char *id);
/* Asks for reactions (R_RELOAD and the like) after this key, on the screen then in front;
 * a reload keeps the cursor on the record at (copied) when at is not NULL. */
void tui_react(struct tui *t, int reactions, const char *at);
/* The session's venue (an asset id), set with :venue, or NULL. */
const char *tui_venue(struct tui *t);
/* Opens the form for rec (taken over), asking the fields in layout first; after a save the
 * list shows the record with its detail. Returns the form, for a caller to adjust. */
struct editor *tui_form(struct tui *t, struct record *rec, bool creating, const int *layout,
			int nlayout, const char *title);
/* Draws the screen now, before slow work, so that its status line ("Measuring…") shows. */
void tui_show_now(struct tui *t);
/* Columns and rows of the whole screen. */
int tui_cols(struct tui *t);
int tui_rows(struct tui *t);
/* "21/11/2026" from "2026-11-21" ("" stays ""). */
const char *tui_date(const char *iso, char buf[16]);

/* Runs the interface on st until the person quits (or the script ends). script is a key
 * script file for headless runs, or NULL for the terminal; size "COLSxROWS" for scripts.
 * Returns an exit status. */
int tui_main(struct store *st, const char *script, const char *size);

#define X(name, ops, word, help) extern const struct screen_ops ops;
SCREENS(X)
#undef X

#endif
