/* The gate: first admin, login and lock screens, drawn alone on a cleared screen. */
#include "gate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "draw.h"
#include "login.h"
#include "store.h"
#include "utf8.h"
#include "xalloc.h"

static const struct {
	const char *title, *intro, *labels[GATE_FIELDS];
	bool secret[GATE_FIELDS];
	int nfield;
} modes[] = {
	[GATE_FIRST] = {"Welcome to kith",
			"This database has no accounts yet. Make the first admin, who then adds "
			"the workers and coordinators.",
			{"Username", "Name", "Password", "Password again"},
			{false, false, true, true},
			4},
	[GATE_LOGIN] = {"Log in", "Who is using kith?", {"Username", "Password"}, {false, true}, 2},
	[GATE_LOCKED] = {"Locked", NULL, {"Password"}, {true}, 1},
};

struct gate *gate_new(enum gate_mode mode, const char *who)
{
	struct gate *g = xcalloc(1, sizeof *g);
	g->mode = mode;
	g->nfield = modes[mode].nfield;
	for (int i = 0; i < g->nfield; i++)
		lineedit_set(&g->field[i], "", modes[mode].secret[i] ? PASSWORD_MAX : 100);
	snprintf(g->who, sizeof g->who, "%s", who ? who : "");
	return g;
}

void gate_free(struct gate *g)
{
	if (!g)
		return;
	for (int i = 0; i < GATE_FIELDS; i++)
		lineedit_free(&g->field[i]);
	free(g);
}

/* ---- drawing ---- */

static void draw_field(struct gate *g, int i, int y, int x, int cols, int *cy, int *cx)
{
	const struct lineedit *f = &g->field[i];
	bool focused = i == g->focus;
	draw_text(stdscr, y, x, modes[g->mode].labels[i], 16, focused ? PAINT_HEADING : PAINT_DIM,
		  false);
	char shown[80] = "";
	int chars = 0;
	if (modes[g->mode].secret[i]) { /* a bullet a character, never the characters */
		for (size_t k = 0; k < f->len; k++)
			chars += ((unsigned char)f->text[k] & 0xC0) != 0x80;
		for (int k = 0; k < chars && k < 24; k++)
			strcat(shown, "•");
		draw_text(stdscr, y, x + 17, shown, cols - 17, focused ? PAINT_FOCUS : PAINT_FIELD,
			  true);
		if (focused)
			*cy = y, *cx = x + 17 + (chars < 24 ? chars : 24);
		return;
	}
	int cur;
	size_t start = lineedit_view(f, cols - 17, &cur);
	draw_text(stdscr, y, x + 17, f->text + start, cols - 17,
		  focused ? PAINT_FOCUS : PAINT_FIELD, true);
	if (focused)
		*cy = y, *cx = x + 17 + cur;
}

void gate_draw(struct tui *t, struct gate *g)
{
	int cols = tui_cols(t) - 4 < 64 ? tui_cols(t) - 4 : 64;
	char intro[520];
	if (g->mode == GATE_LOCKED)
		snprintf(intro, sizeof intro, "%s's password opens it.%s%s", g->who,
			 g->note[0] ? " " : "", g->note);
	else
		snprintf(intro, sizeof intro, "%s", modes[g->mode].intro);
	const char *keys = g->mode == GATE_LOCKED ? "Enter unlocks · F2: another worker logs in"
						  : "Enter goes on · Ctrl-Q leaves kith";
	const char *hint = g->mode == GATE_FIRST
				   ? "At least 12 characters: three or four unrelated "
				     "words make a good password."
				   : "";
	const char *say = g->message[0] ? g->message : hint;
	int lines = draw_wrapped(NULL, 0, 0, intro, cols - 4, 4, PAINT_NORMAL);
	int said = *say ? draw_wrapped(NULL, 0, 0, say, cols - 4, 3, PAINT_DIM) : 1;
	int h = lines + g->nfield + said + 6, y = (tui_rows(t) - h) / 2,
	    x = (tui_cols(t) - cols) / 2;
	draw_box(stdscr, y, x, h, cols, modes[g->mode].title);
	draw_wrapped(stdscr, y + 1, x + 2, intro, cols - 4, 4, PAINT_NORMAL);
	int cy = -1, cx = 0, fy = y + 2 + lines;
	for (int i = 0; i < g->nfield; i++)
		draw_field(g, i, fy + i, x + 2, cols - 4, &cy, &cx);
	draw_wrapped(stdscr, fy + g->nfield + 1, x + 2, say, cols - 4, 3,
		     g->error ? PAINT_ERROR : PAINT_DIM);
	draw_text(stdscr, y + h - 2, x + 2, keys, cols - 4, PAINT_DIM, false);
	if (cy >= 0) {
		move(cy, cx);
		curs_set(1);
	}
}

/* ---- keys ---- */

void gate_say(struct gate *g, bool error, const char *msg)
{
	snprintf(g->message, sizeof g->message, "%s", msg);
	g->error = error;
}

static enum gate_result first_admin(struct tui *t, struct gate *g)
{
	struct kerr err;
	if (strcmp(g->field[2].text, g->field[3].text) != 0) {
		gate_say(g, true, "the two passwords differ");
		lineedit_set(&g->field[3], "", PASSWORD_MAX);
		g->focus = 3;
		return GATE_STAY;
	}
	if (account_add(tui_store(t), g->field[0].text, g->field[1].text, ROLE_ADMIN,
			g->field[2].text, NULL, &err) != K_OK ||
	    login_attempt(tui_store(t), g->field[0].text, g->field[2].text, NULL, &err) != K_OK) {
		gate_say(g, true, err.msg);
		bool name = strcmp(err.field, "username") == 0;
		if (!name) { /* a refused password is typed afresh, twice */
			lineedit_set(&g->field[2], "", PASSWORD_MAX);
			lineedit_set(&g->field[3], "", PASSWORD_MAX);
		}
		g->focus = name ? 0 : 2;
		return GATE_STAY;
	}
	return GATE_OPENED;
}

static enum gate_result submit(struct tui *t, struct gate *g)
{
	struct kerr err;
	int status;
	if (g->focus < g->nfield - 1) { /* Enter moves on until the last field */
		g->focus++;
		return GATE_STAY;
	}
	if (g->mode == GATE_FIRST)
		return first_admin(t, g);
	if (g->mode == GATE_LOGIN)
		status = login_attempt(tui_store(t), g->field[0].text, g->field[1].text, NULL,
				       &err);
	else
		status = login_unlock(tui_store(t), g->field[0].text, &err);
	if (status == K_OK)
		return GATE_OPENED;
	lineedit_set(&g->field[g->nfield - 1], "", PASSWORD_MAX);
	gate_say(g, true, err.msg);
	return GATE_STAY;
}

void gate_switch(struct tui *t, struct gate *g)
{
	login_logout(tui_store(t));
	g->mode = GATE_LOGIN;
	g->nfield = modes[GATE_LOGIN].nfield;
	lineedit_set(&g->field[0], "", 100);
	lineedit_set(&g->field[1], "", PASSWORD_MAX);
	g->focus = 0;
	g->note[0] = '\0';
	gate_say(g, false, "");
}

enum gate_result gate_key(struct tui *t, struct gate *g, int key)
{
	enum action a = keys_lookup(KEYMAP_GATE, key);
	struct lineedit *f = &g->field[g->focus];
	switch (a) {
	case ACT_CHOOSE:
		return submit(t, g);
	case ACT_NEXT_FIELD:
	case ACT_PREV_FIELD:
		g->focus = (g->focus + (a == ACT_NEXT_FIELD ? 1 : g->nfield - 1)) % g->nfield;
		return GATE_STAY;
	case ACT_SWITCH_WORKER:
		return g->mode == GATE_LOCKED ? GATE_SWITCH : GATE_STAY;
	case ACT_QUIT:
		return g->mode == GATE_LOCKED ? GATE_STAY : GATE_QUIT;
	default:
		break;
	}
	if (a != ACT_NONE)
		lineedit_act(f, a);
	else if (key < KEY_FN_BASE)
		lineedit_insert(f, (unsigned)key);
	return GATE_STAY;
}
