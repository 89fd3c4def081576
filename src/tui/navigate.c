/* Going places: to another screen (a digit, Tab), to a record's own screen by following a
 * link, back again with q, and out of kith, which asks first when a form holds typing (or,
 * for q on a top screen, always). Each asks for the screen it shows to be loaded (R_RELOAD)
 * rather than loading it. */
#include "tui_impl.h"

#include <stdio.h>
#include <string.h>

#include "asset.h"
#include "auth.h"
#include "dialog.h"
#include "record.h"

/* Screen id comes forward: what was asked of the screen it replaces is moot, since a screen
 * is loaded again whenever it comes forward. */
static void bring_forward(struct tui *t, int id)
{
	t->current = id;
	t->react &= ~(R_RELOAD | R_DETAIL | R_FROM_TOP | R_REVEAL);
	t->react_at[0] = '\0';
}

void tui_open_screen(struct tui *t, int id)
{
	struct kerr err;
	if (!tui_screen_allowed(t, id)) {
		auth_require(t->st, (enum auth_right)t->screen[id].ops->right, &err);
		tui_status(t, true, "%s", err.msg);
		return;
	}
	bring_forward(t, id);
	tui_react(t, R_RELOAD, NULL);
}

void tui_next_screen(struct tui *t, int step)
{
	int id = t->current;
	for (int tries = 0; tries < SCREEN_COUNT; tries++) {
		id = (id + step + SCREEN_COUNT) % SCREEN_COUNT;
		if (tui_screen_allowed(t, id))
			break;
	}
	tui_open_screen(t, id); /* after a whole turn, id is the current screen again */
}

static int screen_for(struct tui *t, enum entity_kind kind, const char *id)
{
	if (kind == ENTITY_PERSON)
		return SCREEN_PEOPLE;
	if (kind == ENTITY_REFERRAL)
		return SCREEN_REFERRALS;
	if (kind == ENTITY_ACTIVITY)
		return SCREEN_ACTIVITIES;
	struct record *rec = NULL;
	struct kerr err;
	int screen = SCREEN_ASSETS;
	if (entity_load(t->st, &asset_entity, id, &rec, &err) == K_OK &&
	    strcmp(record_get(rec, ASSET_CATEGORY), "association") == 0)
		screen = SCREEN_GROUPS;
	record_free(rec);
	return screen;
}

/* The screen, its list on the record id (from the top when NULL), its detail open or not. */
static void go_to(struct tui *t, int screen, const char *id, bool detail)
{
	bring_forward(t, screen);
	tui_screen(t)->detail_focus = detail;
	tui_react(t, R_RELOAD | (id ? R_REVEAL : R_FROM_TOP), id);
}

void tui_jump(struct tui *t, enum entity_kind kind, const char *id)
{
	struct screen *s = tui_screen(t);
	const struct record *cur = s->ops->def ? listview_current(&s->list) : NULL;
	if (t->nback == BACK_DEPTH)
		memmove(t->back, t->back + 1, sizeof t->back[0] * (BACK_DEPTH - 1)), t->nback--;
	struct place *p = &t->back[t->nback++];
	p->screen = t->current;
	snprintf(p->id, sizeof p->id, "%s", cur ? cur->id : "");
	p->detail = s->detail_focus;
	go_to(t, screen_for(t, kind, id), id, true);
}

bool tui_go_back(struct tui *t)
{
	if (!t->nback)
		return false;
	struct place p = t->back[--t->nback];
	go_to(t, p.screen, p.id[0] ? p.id : NULL, p.detail);
	return true;
}

static void ask_quit(struct tui *t, struct modal *m, bool ok)
{
	(void)m;
	t->quit = ok;
}

void tui_quit(struct tui *t)
{
	if (!tui_unsaved(t)) {
		t->quit = true;
		return;
	}
	struct dialog *d = dialog_confirm("Quit kith and lose what you typed in the form?");
	d->m.done = ask_quit;
	tui_push(t, &d->m);
}

void tui_quit_asking(struct tui *t)
{
	if (tui_unsaved(t)) {
		tui_quit(t); /* its question says what would be lost */
		return;
	}
	struct dialog *d = dialog_confirm("Quit kith? You would log in again to come back.");
	d->m.done = ask_quit;
	tui_push(t, &d->m);
}
