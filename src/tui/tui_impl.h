/* Private to the interface's loop (tui.c) and its generic actions (actions.c). */
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
};

void tui_draw(struct tui *t);
void tui_draw_screen(struct tui *t, struct screen *s);
void tui_key(struct tui *t, int key);
void tui_quit(struct tui *t);
void tui_open_screen(struct tui *t, int id);
bool tui_wide(struct tui *t);
int tui_list_rows(struct tui *t);
bool tui_unsaved(struct tui *t);

#endif
