/* Private to the interface's loop (tui.c), the generic actions that every screen shares
 * (actions.c, navigate.c, narrow.c, records.c, reaction.c, listdraw.c), the session and the
 * commands typed after ':'. */
#ifndef KITH_TUI_IMPL_H
#define KITH_TUI_IMPL_H

#include "input.h"
#include "tui.h"

#define MODAL_DEPTH 8
#define BACK_DEPTH 32

struct place {
	int screen;
	char id[ID_LEN];
	bool detail;
};

struct tui {
	struct store *st;
	struct screen screen[SCREEN_COUNT];
	int current;
	struct modal *modal[MODAL_DEPTH];
	int nmodal;
	char status[320];
	bool status_error;
	char venue[ID_LEN];
	char venue_name[160];
	struct place back[BACK_DEPTH]; /* where q returns to after following a link */
	int nback;
	struct input in;
	int rows, cols;
	bool quit;
	struct gate *gate;   /* login, first admin or lock: up, nothing else shows */
	char worker[ID_LEN]; /* who is logged in */
	char worker_name[160];
	struct draft *drafts; /* the worker's drafts, offered one at a time after login */
	int ndrafts, draft_at;
	char farewell[400];      /* said on the terminal after kith has ended, when not "" */
	int react;               /* the reactions asked for during this key */
	char react_at[ID_LEN];   /* the record a reload keeps the cursor on, "" for its own */
	unsigned said;           /* messages written on the status line, counted */
	unsigned said_at_reload; /* how many when the reload was asked for */

	struct autosync *sync; /* syncing with the hub (autosync.c); NULL until someone logs in */

	/* what the last u or v changed, for z, and what taking it back leaves (undo.c) */
	struct entity_change undo;
	char undo_back[200];
};

void tui_draw(struct tui *t);
bool tui_wide(struct tui *t);
int tui_list_rows(struct tui *t);
bool tui_unsaved(struct tui *t);
/* Whether the logged-in worker may open screen id (the Network and Audit need a
 * coordinator). */
bool tui_screen_allowed(struct tui *t, int id);

/* actions.c: which handler takes the action a key is bound to. */
void tui_key(struct tui *t, int key);

/* reaction.c: what the actions of a key asked for (tui_react), done once after it. */
void tui_update(struct tui *t);
/* Loads the detail of the record under the cursor (a look at it is audited). */
void tui_load_detail(struct tui *t, struct screen *s);
/* How far the list's rows are counted ("over 1000 people"). */
long long tui_count_cap(const struct screen *s);

/* listdraw.c: a screen's list and detail, or the screen's own drawing. */
void tui_draw_screen(struct tui *t, struct screen *s);

/* undo.c: takes back the change tui_undoable kept, as a correction; says why not when it
 * cannot. Returns reactions. */
int tui_undo(struct tui *t);
/* Forgets that change: another worker is logging in, or kith ends. */
void tui_undo_forget(struct tui *t);

/* navigate.c: going to another screen or record and back, and quitting. */
/* Brings screen id forward, or says why this worker may not open it. */
void tui_open_screen(struct tui *t, int id);
/* Opens the next screen this worker may use (step 1), or the previous (-1). */
void tui_next_screen(struct tui *t, int step);
/* Goes back to where the last link was followed from; false when there is no such place. */
bool tui_go_back(struct tui *t);
/* Quits, asking first when a form holds typing that would be lost. */
void tui_quit(struct tui *t);
/* Asks whether to quit, then quits: q on a top screen, one q too many after going back,
 * would otherwise end the session (and mean logging in again), as mutt asks. */
void tui_quit_asking(struct tui *t);

/* narrow.c: searching, ordering and filtering a list. R_UNHANDLED for another action. */
int tui_narrow_act(struct tui *t, struct screen *s, enum action a);
/* Shows every record again: no search, no filter. */
void tui_clear_narrowing(struct screen *s);

/* records.c: adding, editing and deleting a record. R_UNHANDLED for another action. */
int tui_record_act(struct tui *t, struct screen *s, enum action a);

/* session.c: the gate and the lock. */
void session_start(struct tui *t);
/* Handles the key when the gate is up, the lock key and INPUT_IDLE; false passes it on. */
bool session_key(struct tui *t, int key);
void session_lock(struct tui *t);
void session_draw(struct tui *t);
void session_end(struct tui *t);
/* The whole file's check that a login starts in the background: takes in its result (damage
 * shown, and from then on every write refused with how to restore), waiting for it when
 * wait; returns whether it is still running. */
bool session_check(struct tui *t, bool wait);
/* The drop-in's venue, as the last session left it. */
void session_load_venue(struct tui *t);

#endif
