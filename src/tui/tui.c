/* The interface's loop: starting and restoring the terminal (or a virtual one for scripts),
 * drawing the frame (tabs, list, detail, status line, hint bar), and passing each key to the
 * top modal or to the screen. */
#include "tui_impl.h"

#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "auth.h"
#include "autosync.h"
#include "date.h"
#include "draw.h"
#include "formdraft.h"
#include "record.h"
#include "setting.h"
#include "store.h"
#include "termkeys.h"
#include "utf8.h"
#include "xalloc.h"

#define MIN_COLS 60
#define MIN_ROWS 16
#define WIDE_COLS 120 /* from here the detail stands beside the list */

static const struct screen_ops *const all_screens[SCREEN_COUNT] = {
#define X(name, ops, word, help) [SCREEN_##name] = &ops,
	SCREENS(X)
#undef X
};

/* ---- for screens and widgets ---- */

bool tui_screen_allowed(struct tui *t, int id)
{
	return id >= 0 && id < SCREEN_COUNT &&
	       auth_allows(t->st, (enum auth_right)all_screens[id]->right);
}

struct store *tui_store(struct tui *t)
{
	return t->st;
}

struct screen *tui_screen(struct tui *t)
{
	return &t->screen[t->current];
}

int tui_cols(struct tui *t)
{
	return t->cols;
}

int tui_rows(struct tui *t)
{
	return t->rows;
}

const char *tui_venue(struct tui *t)
{
	if (!t->venue[0])
		return NULL;
	struct record *rec = NULL;
	struct kerr err;
	if (entity_load(t->st, entity_get(ENTITY_ASSET), t->venue, &rec, &err) != K_OK) {
		t->venue[0] = '\0'; /* deleted since: no longer where drop-ins happen */
		tui_status(t, true, "The venue was deleted; :venue sets another");
	}
	record_free(rec);
	return t->venue[0] ? t->venue : NULL;
}

void tui_push(struct tui *t, struct modal *m)
{
	if (t->nmodal == MODAL_DEPTH) {
		m->ops->free(m);
		tui_status(t, true, "too many windows open");
		return;
	}
	t->modal[t->nmodal++] = m;
}

int tui_windows_open(const struct tui *t)
{
	return t->nmodal;
}

void tui_status(struct tui *t, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(t->status, sizeof t->status, fmt, ap);
	va_end(ap);
	t->status_error = error;
	t->said++;
}

const char *tui_date(const char *iso, char buf[16])
{
	return date_uk(iso, buf);
}

bool tui_wide(struct tui *t)
{
	return t->cols >= WIDE_COLS;
}

int tui_list_rows(struct tui *t)
{
	return t->rows - 5;
}

/* ---- drawing the frame ---- */

/* A tab: its digit and title, or only its digit from screen `bare` on, when the top line is
 * short of room (the current screen's title always shows). */
static void tab_label(struct tui *t, int i, int bare, char *buf, size_t n)
{
	if (i >= bare && i != t->current)
		snprintf(buf, n, " %d ", i + 1);
	else
		snprintf(buf, n, " %d %s ", i + 1, all_screens[i]->title);
}

static int draw_tab_row(struct tui *t, int bare, bool draw)
{
	int x = 6; /* " kith " */
	if (draw)
		draw_text(stdscr, 0, 0, " kith ", 6, PAINT_HEADER, false);
	for (int i = 0; i < SCREEN_COUNT; i++) {
		char tab[40];
		if (!tui_screen_allowed(t, i))
			continue; /* a tab only for a screen this worker may use */
		tab_label(t, i, bare, tab, sizeof tab);
		if (draw)
			draw_text(stdscr, 0, x, tab, t->cols - x,
				  i == t->current ? PAINT_TAB : PAINT_HEADER, false);
		x += utf8_width(tab);
	}
	return x;
}

/* The top line: the tabs, then the venue and who is logged in. On a shared laptop who is
 * logged in always shows: the tabs give up their titles first, then the venue its room,
 * and a name too long for what is left is cut with an ellipsis. */
static void draw_tabs(struct tui *t)
{
	char who[200], venue[200];
	snprintf(who, sizeof who, "%s ", t->worker_name);
	snprintf(venue, sizeof venue, "at %s · ", t->venue_name);
	int need = utf8_width(who) + (t->venue[0] ? utf8_width(venue) : 0) + 1;
	int bare = SCREEN_COUNT; /* the last tabs lose their titles first */
	while (bare > 0 && draw_tab_row(t, bare, false) + need > t->cols)
		bare--;
	draw_fill(stdscr, 0, 0, t->cols, PAINT_HEADER);
	int x = draw_tab_row(t, bare, true) + 1;
	int room = t->cols - x, name = utf8_width(who);
	if (room <= 0)
		return;
	if (name > room) { /* the name alone, what fits of it */
		draw_text(stdscr, 0, x, who, room, PAINT_HEADER, false);
		return;
	}
	int at = t->cols - name;
	draw_text(stdscr, 0, at, who, name, PAINT_HEADER, false);
	int fits = room - name, v = utf8_width(venue);
	if (t->venue[0] && fits >= 8) /* the venue in what is left; cut, a space before the name */
		draw_text(stdscr, 0, at - (v < fits ? v : fits), venue, v <= fits ? v : fits - 1,
			  PAINT_HEADER, false);
}

static int hint_width(const struct binding *b)
{
	char key[24];
	keys_name(b->key, key, sizeof key);
	return utf8_width(key) + 1 + utf8_width(keys_action_word(b->action)) + 2;
}

static int draw_hint(struct tui *t, const struct binding *b, int x)
{
	char key[24];
	keys_name(b->key, key, sizeof key);
	x += draw_text(stdscr, t->rows - 1, x, key, t->cols - x, PAINT_KEY, false) + 1;
	return x +
	       draw_text(stdscr, t->rows - 1, x, keys_action_word(b->action), t->cols - x,
			 PAINT_DIM, false) +
	       2;
}

/* Shown on every screen that has them, whatever else must give way, so that the hint bars of
 * the screens agree: finding, filtering, opening, going back and help. */
static bool hint_shared(enum action a)
{
	return a == ACT_SEARCH || a == ACT_FILTER || a == ACT_OPEN || a == ACT_BACK ||
	       a == ACT_HELP;
}

/* The hint bar: the main keys of whatever has the keys, from the key table, in its order.
 * The shared ones always show (help at the end, so a person can find the rest); the
 * screen's own and the others fill the room left, in table order. */
static void draw_hints(struct tui *t, enum keymap map)
{
	const struct binding *b[96], *help = NULL;
	bool shown[96] = {false};
	size_t n = keys_bindings(map, b, 96);
	int room = t->cols, x = 0;
	draw_fill(stdscr, t->rows - 1, 0, t->cols, PAINT_NORMAL);
	for (size_t i = 0; i < n; i++)
		if (b[i]->hint && hint_shared(b[i]->action) && hint_width(b[i]) <= room) {
			shown[i] = true;
			room -= hint_width(b[i]);
			if (b[i]->action == ACT_HELP)
				help = b[i];
		}
	for (size_t i = 0; i < n && (!b[i]->hint || shown[i] || hint_width(b[i]) <= room); i++)
		if (b[i]->hint && !shown[i]) {
			shown[i] = true;
			room -= hint_width(b[i]);
		}
	for (size_t i = 0; i < n; i++)
		if (shown[i] && b[i] != help)
			x = draw_hint(t, b[i], x);
	if (help)
		draw_hint(t, help, x);
}

/* The status line; a message longer than the screen is wide goes on over the hint bar,
 * wrapped at spaces, rather than losing its end (the hints are back at the next key). A form
 * stands above the status line, so the message cannot take the rows above it. Returns
 * whether the hint bar still shows. */
static bool draw_status(struct tui *t)
{
	enum paint p = t->status_error ? PAINT_ERROR : PAINT_NORMAL;
	int rows = draw_wrapped(NULL, 0, 0, t->status, t->cols, 2, p);
	for (int r = 0; r < rows; r++)
		draw_fill(stdscr, t->rows - 2 + r, 0, t->cols, PAINT_NORMAL);
	draw_wrapped(stdscr, t->rows - 2, 0, t->status, t->cols, rows, p);
	char sync[160]; /* at the right end, when the message leaves room */
	if (rows == 1 && !t->gate && autosync_label(t, sync, sizeof sync) &&
	    utf8_width(t->status) + 2 + utf8_width(sync) <= t->cols)
		draw_text_right(stdscr, t->rows - 2, 0, sync, t->cols, PAINT_DIM);
	return rows == 1;
}

static void draw_too_small(struct tui *t)
{
	char msg[80];
	snprintf(msg, sizeof msg, "Enlarge the window: kith needs %dx%d", MIN_COLS, MIN_ROWS);
	erase();
	/* wrapped, so that the sizes show in however narrow a window */
	draw_wrapped(stdscr, 0, 0, msg, t->cols, t->rows, PAINT_NORMAL);
	curs_set(0);
}

void tui_draw(struct tui *t)
{
	getmaxyx(stdscr, t->rows, t->cols);
	if (t->cols < MIN_COLS || t->rows < MIN_ROWS) {
		draw_too_small(t);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	erase();
	curs_set(0);
	if (t->gate) { /* nothing personal behind a gate */
		session_draw(t);
		if (draw_status(t))
			draw_hints(t, KEYMAP_GATE);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	draw_tabs(t);
	struct screen *s = tui_screen(t);
	tui_draw_screen(t, s);
	struct modal *top = t->nmodal ? t->modal[t->nmodal - 1] : NULL;
	if (draw_status(t))
		draw_hints(t, top ? top->ops->keymap : s->ops->keymap);
	/* modals last: a form's text cursor must be the last thing placed */
	for (int i = 0; i < t->nmodal; i++)
		t->modal[i]->ops->draw(t, t->modal[i]);
	wnoutrefresh(stdscr);
	doupdate();
}

void tui_show_now(struct tui *t)
{
	if (!t->in.script) /* a script's screens are its dumps: nothing to show early */
		tui_draw(t);
}

/* ---- modals ---- */

static void close_modal(struct tui *t, int result)
{
	struct modal *m = t->modal[--t->nmodal];
	if (m->done)
		m->done(t, m, result == MODAL_DONE);
	m->ops->free(m);
}

bool tui_unsaved(struct tui *t)
{
	for (int i = 0; i < t->nmodal; i++)
		if (t->modal[i]->ops->dirty && t->modal[i]->ops->dirty(t->modal[i]))
			return true;
	return false;
}

static void key_to_modal(struct tui *t, int key)
{
	struct modal *m = t->modal[t->nmodal - 1];
	if (keys_lookup(m->ops->keymap, key) == ACT_QUIT) {
		tui_quit(t);
		return;
	}
	int r = m->ops->key(t, m, key);
	if (r != MODAL_STAY)
		m->closing = r;
	/* close from the top whatever asked to close (a question may close the form below) */
	while (t->nmodal && t->modal[t->nmodal - 1]->closing)
		close_modal(t, t->modal[t->nmodal - 1]->closing);
}

/* ---- the loop ---- */

static void handle_key(struct tui *t, int key)
{
	if (key == KEY_FN(KEY_RESIZE)) {
		getmaxyx(stdscr, t->rows, t->cols);
		return;
	}
	t->status[0] = '\0';
	t->status_error = false;
	if (t->cols < MIN_COLS || t->rows < MIN_ROWS) {
		if (keys_lookup(KEYMAP_GLOBAL, key) == ACT_QUIT || key == 'q')
			tui_quit(t);
		return;
	}
	if (!session_key(t, key)) {
		if (t->nmodal)
			key_to_modal(t, key);
		else
			tui_key(t, key);
	}
	tui_update(t); /* once, whatever the key's actions asked for */
}

static void dump(void *ctx, const char *file)
{
	struct tui *t = ctx;
	tui_draw(t);
	FILE *out = file ? fopen(file, "w") : stdout;
	if (!out) {
		fprintf(stderr, "kith: cannot write %s\n", file);
		return;
	}
	if (!file)
		fputs("--- screen\n", out);
	draw_dump(out);
	if (file)
		fclose(out);
}

/* Whether a screen has work running in the background (and takes in what has finished). */
static bool busy(struct tui *t)
{
	bool any = session_check(t, false);
	if (autosync_poll(t))
		any = true;
	for (int i = 0; i < SCREEN_COUNT; i++)
		if (t->screen[i].ops->poll && t->screen[i].ops->poll(t, &t->screen[i]))
			any = true;
	return any;
}

static void wait_for_work(void *ctx)
{
	struct tui *t = ctx;
	session_check(t, true);
	autosync_wait(t);
	for (int i = 0; i < SCREEN_COUNT; i++)
		if (t->screen[i].ops->wait)
			t->screen[i].ops->wait(t, &t->screen[i]);
}

static void resize(void *ctx, int cols, int rows)
{
	struct tui *t = ctx;
	resizeterm(rows, cols);
	handle_key(t, KEY_FN(KEY_RESIZE));
	tui_draw(t);
}

void session_load_venue(struct tui *t)
{
	char *id = NULL;
	struct kerr err;
	if (setting_get(t->st, "venue", &id, &err) == K_OK && id) {
		struct record *rec = NULL;
		if (entity_load(t->st, entity_get(ENTITY_ASSET), id, &rec, &err) == K_OK) {
			snprintf(t->venue, sizeof t->venue, "%s", id);
			snprintf(t->venue_name, sizeof t->venue_name, "%s", record_display(rec));
			tui_status(t, false, "Venue %s, as last time: :venue changes it",
				   t->venue_name);
		}
		record_free(rec);
	}
	free(id);
}

static void start(struct tui *t, struct store *st)
{
	t->st = st;
	for (int i = 0; i < SCREEN_COUNT; i++) {
		t->screen[i].ops = all_screens[i];
		if (all_screens[i]->def)
			listview_init(&t->screen[i].list, all_screens[i]->def);
		t->screen[i].detail.sel = -1;
	}
	const char *nc = getenv("NO_COLOR");
	draw_init(!(nc && *nc) && !t->in.script);
	getmaxyx(stdscr, t->rows, t->cols);
	session_start(t); /* the screens open once someone has logged in */
}

/* Kith must stop (a signal, or the terminal went away): every unsaved form is kept as a
 * draft of the logged-in worker, before anything is written to a terminal that may be
 * gone. Quitting instead throws away the forms reopened from drafts, and their drafts. */
static void keep_or_drop(struct tui *t)
{
	struct kerr err;
	int kept = 0;
	if (!input_stopped() && !t->in.gone) {
		if (t->quit)
			formdraft_drop(t);
		return;
	}
	if (formdraft_keep(t, &kept, &err) != K_OK)
		snprintf(t->farewell, sizeof t->farewell,
			 "kith: the unsaved form could not be kept as a draft: %s", err.msg);
}

static void finish(struct tui *t)
{
	formdraft_forget(t);
	tui_undo_forget(t);
	autosync_end(t);
	session_end(t);
	while (t->nmodal) {
		struct modal *m = t->modal[--t->nmodal];
		m->ops->free(m);
	}
	for (int i = 0; i < SCREEN_COUNT; i++) {
		if (t->screen[i].ops->close)
			t->screen[i].ops->close(&t->screen[i]);
		if (t->screen[i].ops->def)
			listview_free(&t->screen[i].list);
		detail_clear(&t->screen[i].detail);
		entity_values_free(t->screen[i].values);
	}
	free(t->in.keys);
}

static void restore_terminal(void)
{
	if (!isendwin())
		endwin();
}

/* A virtual terminal for scripts: output to nowhere, the screen read back by @dump, input
 * from a pipe that @bytes writes to. Its entry is $TERM's (xterm when that has none), so
 * that keys are read as under the terminal named. */
static SCREEN *open_virtual(const char *size, FILE **null_out, FILE **null_in, int *feed)
{
	int cols = 80, rows = 24, fds[2];
	if (size && sscanf(size, "%dx%d", &cols, &rows) != 2)
		return NULL;
	*null_out = fopen("/dev/null", "w");
	if (!*null_out || pipe(fds) != 0)
		return NULL;
	*null_in = fdopen(fds[0], "r");
	*feed = fds[1];
	if (!*null_in)
		return NULL;
	const char *term = getenv("TERM");
	SCREEN *scr = term && *term ? newterm(term, *null_out, *null_in) : NULL;
	if (!scr)
		scr = newterm("xterm", *null_out, *null_in);
	if (scr)
		resizeterm(rows, cols);
	return scr;
}

static int run(struct tui *t)
{
	noecho();
	raw();
	nonl();
	keypad(stdscr, TRUE);
	termkeys_define();
	set_escdelay(25);
	timeout(1000);
	start(t, t->st);
	while (!t->quit) {
		/* a script takes in background work only at @wait, so its screens are the same
		 * on every run */
		t->in.ticking = !t->in.script && busy(t);
		tui_draw(t);
		input_drawn(&t->in);
		int key = input_next(&t->in);
		if (key == INPUT_TICK)
			continue; /* drawn again with the background work's progress */
		if (key == INPUT_IDLE) {
			session_lock(t);
			continue;
		}
		if (key < 0)
			break;
		handle_key(t, key);
	}
	keep_or_drop(t);
	finish(t);
	input_end(&t->in);
	if (input_stopped()) /* as a shell reports a process a signal ended */
		return 128 + input_signal();
	if (t->in.gone) /* hung up, though the signal went only to the session's leader */
		return 128 + SIGHUP;
	return t->in.failed ? 2 : 0;
}

int tui_main(struct store *st, const char *script, const char *size)
{
#ifdef M_MMAP_THRESHOLD
	/* A session lasts hours, and measures a borough's network now and then: large arrays
	 * go back to the system when freed, not into the heap, where glibc would otherwise
	 * keep them (it raises this threshold to the size of the last one freed) and the
	 * session's memory would stay at its peak (bench/run: 50 MB against 40). */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
	struct tui t;
	memset(&t, 0, sizeof t);
	t.st = st;
	t.in.dump = dump;
	t.in.resize = resize;
	t.in.wait = wait_for_work;
	t.in.ctx = &t;
	t.in.feed = -1;
	FILE *null_out = NULL, *null_in = NULL;
	SCREEN *scr = NULL;
	if (script) {
		t.in.path = script;
		t.in.script = fopen(script, "r");
		if (!t.in.script) {
			fprintf(stderr, "kith: cannot read the script %s\n", script);
			return 2;
		}
		scr = open_virtual(size, &null_out, &null_in, &t.in.feed);
	} else if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "kith: the interface needs a terminal; see kith --help for the "
				"command line\n");
		return 2;
	} else {
		scr = newterm(NULL, stdout, stdin);
	}
	if (!scr) {
		fprintf(stderr, "kith: cannot start the screen (is TERM set?)\n");
		return 2;
	}
	die_set_hook(restore_terminal);
	input_catch_signals();
	int rc = run(&t);
	if (!script) {
		erase(); /* nothing personal stays on the terminal after kith */
		refresh();
	}
	endwin();
	delscreen(scr);
	die_set_hook(NULL);
	if (t.farewell[0])
		fprintf(stderr, "%s\n", t.farewell);
	if (t.in.script)
		fclose(t.in.script);
	if (null_out)
		fclose(null_out);
	if (null_in)
		fclose(null_in);
	if (t.in.feed >= 0)
		close(t.in.feed);
	return rc;
}
