/* Every key comes through here: from the terminal, or from a script for headless runs. A
 * script line is keys (letters as themselves, others as <Enter>, <Esc>, <Down>, <C-s>,
 * <S-Tab>, <lt>), or one of:
 *   @dump [FILE]       write the screen as text to FILE (stdout when none)
 *   @resize COLSxROWS  change the screen's size, as a terminal would
 *   @wait              let work running in the background finish (exact network figures),
 *                      and run a sync with the hub that is due
 *   @idle              as if no key came for the idle time (the screen locks)
 *   @until FILE        wait, idle and logged in, until FILE exists (another program's
 *                      import or restore running beside this window)
 *   @bytes HEX...      bytes as a terminal sends them (@bytes 1b 5b 36 7e is PgDn), read
 *                      through curses and $TERM's entry as keys
 *   @time FILE         from here on, write to FILE when the first screen was drawn and how
 *                      long each key took from being read to its screen drawn, as
 *                      "key NAME CPU-MS WALL-MS": the interface thread's processor time,
 *                      then the time waited (bench/run)
 *   @mark TEXT         write TEXT into that file, to tell one stretch of keys from another
 *   # ...              a comment
 * A line of keys ends at its newline, which is not a key. */
#ifndef KITH_INPUT_H
#define KITH_INPUT_H

#include <stdbool.h>
#include <stdio.h>

struct input {
	FILE *script; /* NULL: the terminal */
	int feed;     /* a script's @bytes go in here, curses reads them */
	const char *path;
	int line;  /* of the script, for messages */
	int *keys; /* keys waiting from the current script line */
	int nkeys, at;
	size_t keys_cap;
	bool failed; /* a script error was reported */
	bool gone;   /* the terminal went away (closed, with no hang-up signal) */
	void (*dump)(void *ctx, const char *file);
	void (*resize)(void *ctx, int cols, int rows);
	void (*wait)(void *ctx);
	void *ctx;
	bool ticking; /* work runs in the background: wake now and then to show it */
	long idle_ms; /* no key for this long returns INPUT_IDLE; 0 never */
	long long last_key_ms;
	long long wake_at_ms; /* monotonic: INPUT_TICK then even when not ticking; 0 never */
	FILE *times;          /* @time: where each key's time goes */
	double first_drawn;   /* the wall clock when the first screen was drawn */
	double key_read;      /* when the key being handled was read (monotonic), 0 when none */
	double key_cpu;       /* the interface thread's processor time then */
	int key;
};

/* What input_next returns, when ticking, after a while with no key. */
#define INPUT_TICK (-2)
/* What input_next returns after idle_ms with no key (once, until the next key). */
#define INPUT_IDLE (-3)

/* The next key, or INPUT_TICK; -1 when the script has ended or the terminal is gone. Signals (hang-up,
 * termination) also end it. */
int input_next(struct input *in);
/* Says the screen has been drawn: the first time is noted, and with @time the key that
 * led to it is written with its time. */
void input_drawn(struct input *in);
/* Closes the @time file. */
void input_end(struct input *in);
/* Whether SIGTERM, SIGHUP or SIGINT asked the interface to stop. */
bool input_stopped(void);
/* Which of them (0 for none): kith then exits with 128 and it, as a shell expects. */
int input_signal(void);
/* Catches those signals so that an unsaved form is kept and the terminal restored on the
 * way out; a wait for a key ends at once when one comes. */
void input_catch_signals(void);

#endif
