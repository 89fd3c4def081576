/* Who is at the keyboard: the gate before anything personal shows (first admin, login), the
 * lock (on a key, or after the idle minutes), unlocking as the same worker, and another
 * worker logging in, which starts every screen afresh. */
#include "tui_impl.h"

#include <ctype.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "account.h"
#include "demo.h"
#include "draw.h"
#include "formdraft.h"
#include "gate.h"
#include "login.h"
#include "setting.h"
#include "store.h"
#include "xalloc.h"

#define LOCK_MINUTES 5
#define LOCK_MINUTES_MAX 15

static long idle_ms(struct tui *t)
{
	char *v = NULL;
	struct kerr err;
	long minutes = LOCK_MINUTES;
	if (setting_get(t->st, "lock_minutes", &v, &err) == K_OK && v)
		minutes = atol(v);
	free(v);
	if (minutes < 1 || minutes > LOCK_MINUTES_MAX)
		minutes = LOCK_MINUTES;
	return minutes * 60 * 1000;
}

/* kith draws in UTF-8 whatever the locale says (main switches to one); a terminal set up for
 * another encoding then shows names garbled, which a connector should hear about before
 * taking it for broken data. Fills why ("LANG=C") and returns false for such a terminal. */
static bool terminal_utf8(char *why, size_t n)
{
	const char *names[] = {"LC_ALL", "LC_CTYPE", "LANG"}, *name = "LANG", *value = "";
	for (int i = 0; i < 3 && !*value; i++)
		if (getenv(names[i]) && *getenv(names[i]))
			name = names[i], value = getenv(names[i]);
	snprintf(why, n, "%s=%s", name, *value ? value : "(unset)");
	locale_t loc = newlocale(LC_CTYPE_MASK, "", (locale_t)0);
	if (!loc) { /* a locale not installed here: its name says what the terminal expects */
		char low[120];
		size_t i = 0;
		for (; value[i] && i + 1 < sizeof low; i++)
			low[i] = (char)tolower((unsigned char)value[i]);
		low[i] = '\0';
		return strstr(low, "utf-8") || strstr(low, "utf8");
	}
	bool utf8 = strcmp(nl_langinfo_l(CODESET, loc), "UTF-8") == 0;
	freelocale(loc);
	return utf8;
}

/* Said on the gate and again after logging in, in place of the welcome. */
static bool warn_locale(struct tui *t)
{
	char why[120];
	if (terminal_utf8(why, sizeof why))
		return false;
	tui_status(t, true, "%s is not UTF-8: names may show garbled; start kith with LANG=C.UTF-8",
		   why);
	return true;
}

void session_start(struct tui *t)
{
	bool any = false;
	struct kerr err;
	char *demo = NULL;
	account_exists(t->st, &any, &err);
	t->gate = gate_new(any ? GATE_LOGIN : GATE_FIRST, NULL);
	if (any && setting_get(t->st, "demo", &demo, &err) == K_OK && demo)
		snprintf(t->gate->message, sizeof t->gate->message,
			 "This is the demo: try cora, password %s (README lists the others).",
			 demo_accounts[1].password);
	free(demo);
	warn_locale(t);
}

/* Everything a screen holds was read for the worker before: it goes. */
static void reset_screens(struct tui *t)
{
	while (t->nmodal) {
		struct modal *m = t->modal[--t->nmodal];
		m->ops->free(m);
	}
	for (int i = 0; i < SCREEN_COUNT; i++) {
		struct screen *s = &t->screen[i];
		if (s->ops->close)
			s->ops->close(s);
		if (s->ops->def) {
			listview_free(&s->list);
			listview_init(&s->list, s->ops->def);
		}
		detail_clear(&s->detail);
		s->detail.sel = -1;
		s->detail_focus = false;
		entity_values_free(s->values);
		s->values = NULL;
		s->search[0] = s->filter_label[0] = s->filter_value[0] = '\0';
		s->loaded = false;
	}
	t->nback = 0;
	t->venue[0] = t->venue_name[0] = '\0';
	tui_undo_forget(t); /* the next worker cannot take back what this one did */
}

static void opened(struct tui *t)
{
	const char *me = store_actor(t->st);
	struct account a;
	struct kerr err;
	bool same = me && strcmp(me, t->worker) == 0;
	gate_free(t->gate);
	t->gate = NULL;
	t->in.idle_ms = idle_ms(t);
	if (same) {
		tui_status(t, false, "Unlocked");
		tui_react(t, R_RELOAD, NULL);
		return;
	}
	reset_screens(t);
	snprintf(t->worker, sizeof t->worker, "%s", me ? me : "");
	t->worker_name[0] = '\0';
	if (me && account_find_id(t->st, me, &a, &err) == K_OK) {
		snprintf(t->worker_name, sizeof t->worker_name, "%s",
			 *a.display_name ? a.display_name : a.username);
		account_free(&a);
	}
	session_load_venue(t);
	store_check_start(t->st, &err); /* the whole file, in the background: damage shows */
	tui_open_screen(t, SCREEN_PEOPLE);
	if (!warn_locale(t)) /* the title says who is logged in */
		tui_status(t, false, "Logged in as %s (%s). Ctrl-X locks the screen.",
			   t->worker_name, auth_role_name((enum role)store_role(t->st)));
	formdraft_offer(t); /* what they typed before kith stopped, or another logged in */
}

void session_lock(struct tui *t)
{
	struct kerr err;
	if (t->gate)
		return;
	login_lock(t->st, &err);
	t->gate = gate_new(GATE_LOCKED, t->worker_name);
	if (tui_unsaved(t))
		snprintf(t->gate->note, sizeof t->gate->note,
			 "Your unsaved form waits; if someone "
			 "else logs in (F2), it is kept as your draft.");
}

/* F2 at the lock: the locked worker's unsaved forms are kept as their drafts, everything
 * read for them goes, and the gate asks who is next. */
static void switch_worker(struct tui *t)
{
	struct kerr err;
	char msg[480] = "";
	int kept = 0;
	if (formdraft_keep(t, &kept, &err) != K_OK) {
		snprintf(msg, sizeof msg,
			 "Your unsaved form could not be kept as a draft (%s): "
			 "unlock and save it first.",
			 err.msg);
		gate_say(t->gate, true, msg);
		return;
	}
	if (kept)
		snprintf(msg, sizeof msg,
			 "%s's unsaved form is kept as their draft, offered back "
			 "when they next log in.",
			 t->worker_name);
	reset_screens(t);
	formdraft_forget(t);
	t->worker[0] = t->worker_name[0] = '\0';
	gate_switch(t, t->gate);
	gate_say(t->gate, false, msg);
}

bool session_key(struct tui *t, int key)
{
	if (key == INPUT_IDLE) {
		session_lock(t);
		return true;
	}
	if (!t->gate) {
		enum keymap map = t->nmodal ? t->modal[t->nmodal - 1]->ops->keymap
					    : tui_screen(t)->ops->keymap;
		if (keys_lookup(map, key) != ACT_LOCK)
			return false;
		session_lock(t);
		return true;
	}
	switch (gate_key(t, t->gate, key)) {
	case GATE_OPENED:
		opened(t);
		break;
	case GATE_QUIT:
		t->quit = true;
		break;
	case GATE_SWITCH:
		switch_worker(t);
		break;
	default:
		break;
	}
	return true;
}

void session_draw(struct tui *t)
{
	draw_fill(stdscr, 0, 0, t->cols, PAINT_HEADER);
	draw_text(stdscr, 0, 0, " kith ", 6, PAINT_HEADER, false);
	gate_draw(t, t->gate);
}

void session_end(struct tui *t)
{
	gate_free(t->gate);
	t->gate = NULL;
}

bool session_check(struct tui *t, bool wait)
{
	char msg[320];
	enum store_check_state state;
	while ((state = store_check_poll(t->st, msg, sizeof msg)) == STORE_CHECK_RUNNING && wait) {
		struct timespec pause = {0, 20 * 1000000L};
		nanosleep(&pause, NULL);
	}
	/* beside what the line says already; a warning stays alone, the sound file is no news */
	if (state == STORE_CHECK_SOUND && !t->gate && !(t->status_error && *t->status)) {
		char said[sizeof t->status];
		snprintf(said, sizeof said, "%s", t->status);
		tui_status(t, false, "%s%sThe whole database was checked: it is sound.", said,
			   *said ? " " : "");
	} else if (state == STORE_CHECK_DAMAGED) /* every refused save says the rest */
		tui_status(t, true,
			   "The database is damaged: nothing more can be saved. An admin "
			   "restores a backup (kith restore); kith check names the damage.");
	return state == STORE_CHECK_RUNNING;
}
