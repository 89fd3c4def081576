/* Which handler takes the action a key is bound to: the screen's own first, then what every
 * list of records does, or its detail, or a screen of its own; the keys every screen shares
 * last. What a handler asks to be brought up to date is done after the key (reaction.c). */
#include "tui_impl.h"

#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "dialog.h"

/* The screen that action a switches to, or -1. */
static int screen_of(enum action a)
{
	switch (a) {
/* clang-format off */
#define X(name, ops, word, help) \
	case ACT_##name: \
		return SCREEN_##name;
		/* clang-format on */
		SCREENS(X)
#undef X
	default:
		return -1;
	}
}

/* Help, a command, quitting, drawing again, and switching screens: the same everywhere. */
static int global_action(struct tui *t, struct screen *s, enum action a)
{
	char title[80];
	if (screen_of(a) >= 0) {
		tui_open_screen(t, screen_of(a));
		return R_NONE;
	}
	switch (a) {
	case ACT_HELP:
		snprintf(title, sizeof title, "Keys on %s", s->ops->title);
		tui_push(t, &dialog_help(s->ops->keymap, title)->m);
		return R_NONE;
	case ACT_COMMAND:
		command_prompt(t);
		return R_NONE;
	case ACT_QUIT:
		tui_quit(t);
		return R_NONE;
	case ACT_REDRAW:
		return R_REPAINT;
	case ACT_NEXT_SCREEN:
	case ACT_PREV_SCREEN:
		tui_next_screen(t, a == ACT_NEXT_SCREEN ? 1 : -1);
		return R_NONE;
	default:
		return R_UNHANDLED;
	}
}

/* What a list of records does in its list and in its detail alike. */
static int records_action(struct tui *t, struct screen *s, enum action a)
{
	int r = tui_narrow_act(t, s, a);
	if (r & R_UNHANDLED)
		r = tui_record_act(t, s, a);
	return r & R_UNHANDLED ? global_action(t, s, a) : r;
}

/* q: back where a link was followed from; on a top screen, quit once that is confirmed. */
static void back_or_quit(struct tui *t)
{
	if (!tui_go_back(t))
		tui_quit_asking(t);
}

static int move_action(struct tui *t, struct screen *s, enum action a)
{
	int rows = tui_list_rows(t), delta;
	struct kerr err;
	int status = K_OK;
	switch (a) {
	case ACT_DOWN:
		delta = 1;
		break;
	case ACT_UP:
		delta = -1;
		break;
	case ACT_PAGE_DOWN:
		delta = rows;
		break;
	case ACT_PAGE_UP:
		delta = -rows;
		break;
	case ACT_FIRST:
		status = listview_load(&s->list, t->st, NULL, &err);
		return status == K_OK ? R_DETAIL : (tui_status(t, true, "%s", err.msg), R_NONE);
	case ACT_LAST:
		status = listview_load_last(&s->list, t->st, &err);
		listview_scroll(&s->list, rows);
		return status == K_OK ? R_DETAIL : (tui_status(t, true, "%s", err.msg), R_NONE);
	default:
		return R_UNHANDLED;
	}
	if (listview_move(&s->list, t->st, delta, rows, &err) != K_OK)
		tui_status(t, true, "%s", err.msg);
	return R_DETAIL;
}

static int list_action(struct tui *t, struct screen *s, enum action a)
{
	int r = move_action(t, s, a);
	if (!(r & R_UNHANDLED))
		return r;
	switch (a) {
	case ACT_OPEN:
		if (!listview_current(&s->list))
			return R_NONE;
		s->detail_focus = true;
		return R_DETAIL;
	case ACT_BACK:
		back_or_quit(t);
		return R_NONE;
	case ACT_CANCEL:
		if (s->search[0] || s->filter_label[0]) {
			tui_clear_narrowing(s);
			tui_status(t, false, "All %s", s->ops->def->plural);
			return R_RELOAD;
		}
		tui_status(t, false, "q quits kith");
		return R_NONE;
	default:
		return records_action(t, s, a);
	}
}

static int detail_action(struct tui *t, struct screen *s, enum action a)
{
	int rows = t->rows - 4;
	const struct dline *link = detail_chosen(&s->detail);
	switch (a) {
	case ACT_DOWN:
	case ACT_UP:
	case ACT_PAGE_DOWN:
	case ACT_PAGE_UP:
		detail_move(&s->detail,
			    a == ACT_DOWN        ? 1
			    : a == ACT_UP        ? -1
			    : a == ACT_PAGE_DOWN ? rows
						 : -rows,
			    rows);
		return R_NONE;
	case ACT_OPEN:
		if (link)
			tui_jump(t, link->kind, link->id);
		else
			tui_status(t, false, "Nothing to open here; j and k choose a line");
		return R_NONE;
	case ACT_BACK:
	case ACT_CANCEL:
		if (!tui_go_back(t))
			s->detail_focus = false;
		return R_NONE;
	case ACT_FIRST:
	case ACT_LAST:
		detail_move(&s->detail, a == ACT_FIRST ? -s->detail.n : s->detail.n, rows);
		return R_NONE;
	default:
		return records_action(t, s, a);
	}
}

/* A screen of its own (the Network) shares going back and the global keys. */
static int own_action(struct tui *t, struct screen *s, enum action a)
{
	switch (a) {
	case ACT_BACK:
		back_or_quit(t);
		return R_NONE;
	case ACT_CANCEL:
		tui_status(t, false, "q quits kith");
		return R_NONE;
	default:
		return global_action(t, s, a);
	}
}

void tui_key(struct tui *t, int key)
{
	struct screen *s = tui_screen(t);
	enum action a = keys_lookup(s->ops->keymap, key);
	int r = R_UNHANDLED;
	if (a != ACT_NONE && s->ops->act)
		r = s->ops->act(t, s, a);
	if (a != ACT_NONE && (r & R_UNHANDLED))
		r = !s->ops->def      ? own_action(t, s, a)
		    : s->detail_focus ? detail_action(t, s, a)
				      : list_action(t, s, a);
	if (r & R_UNHANDLED) {
		char name[24];
		tui_status(t, true, "%s does nothing here; ? shows the keys",
			   keys_name(key, name, sizeof name));
		return;
	}
	tui_react(t, r, NULL);
}
