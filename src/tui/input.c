/* Reading keys. From the terminal: wide characters and function keys, with signals and a
 * vanished terminal ending the loop instead of spinning. From a script: keys by name, and
 * commands to dump or resize the screen. */
#define NCURSES_WIDECHAR 1
#include "input.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "keys.h"
#include "termkeys.h"
#include "xalloc.h"

static volatile sig_atomic_t stop_signal;
/* The handler writes a byte here, so that a wait for a key that began just before the signal
 * still ends at once (a flag alone is missed between its check and the wait). */
static int wake[2] = {-1, -1};

static void on_signal(int sig)
{
	int saved = errno;
	stop_signal = sig;
	if (wake[1] >= 0 && write(wake[1], "", 1) < 0)
		(void)0; /* full: a byte is already waiting, which is all that matters */
	errno = saved;
}

static void open_wake(void)
{
	if (wake[0] >= 0 || pipe(wake) != 0)
		return;
	for (int i = 0; i < 2; i++) {
		fcntl(wake[i], F_SETFL, fcntl(wake[i], F_GETFL) | O_NONBLOCK);
		fcntl(wake[i], F_SETFD, FD_CLOEXEC);
	}
}

void input_catch_signals(void)
{
	struct sigaction sa;
	open_wake();
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal; /* no SA_RESTART: a wait in progress ends */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
}

bool input_stopped(void)
{
	return stop_signal != 0;
}

int input_signal(void)
{
	return stop_signal;
}

/* ---- the terminal ---- */

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

#define TICK_MS 150
#define IDLE_MS 1000

/* Waits up to ms for the terminal to have something (a key, or its end) or for a stop
 * signal; true when the terminal has something. */
static bool wait_for_terminal(int ms)
{
	struct pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {wake[0], POLLIN, 0}};
	int n = poll(fds, wake[0] >= 0 ? 2 : 1, ms);
	return n > 0 && fds[0].revents != 0;
}

/* How long to wait for a key: briefly while work shows its progress, never past a wake-up
 * asked for (a sync due). */
static int wait_ms(const struct input *in)
{
	long long ms = in->ticking ? TICK_MS : IDLE_MS;
	if (in->wake_at_ms && in->wake_at_ms - now_ms() < ms)
		ms = in->wake_at_ms > now_ms() ? in->wake_at_ms - now_ms() : 0;
	return (int)ms;
}

static int tty_next(struct input *in)
{
	int fast_errors = 0;
	if (!in->last_key_ms)
		in->last_key_ms = now_ms();
	for (;;) {
		if (stop_signal)
			return -1;
		timeout(0); /* a key curses holds already, or one waiting unread */
		int key = termkeys_read();
		if (key >= 0) {
			in->last_key_ms = now_ms();
			return key;
		}
		bool ready = wait_for_terminal(wait_ms(in));
		if (stop_signal)
			return -1;
		if (in->idle_ms > 0 && in->last_key_ms &&
		    now_ms() - in->last_key_ms >= in->idle_ms) {
			in->last_key_ms = 0; /* said once; the next key starts the count again */
			return INPUT_IDLE;
		}
		/* A closed terminal is always ready and never gives a key: that must end the
		 * loop, not spin it. */
		if (ready) {
			if (++fast_errors > 20) {
				in->gone = true;
				return -1;
			}
			continue;
		}
		fast_errors = 0;
		if (in->ticking || (in->wake_at_ms && now_ms() >= in->wake_at_ms))
			return INPUT_TICK;
	}
}

/* ---- scripts ---- */

static void fail(struct input *in, const char *what)
{
	fprintf(stderr, "kith: %s:%d: %s\n", in->path, in->line, what);
	in->failed = true;
}

static void push_key(struct input *in, int key)
{
	in->keys = xgrow(in->keys, (size_t)in->nkeys, &in->keys_cap, sizeof *in->keys);
	in->keys[in->nkeys++] = key;
}

static bool parse_keys(struct input *in, const char *s)
{
	while (*s) {
		if (*s == '<') {
			const char *end = strchr(s, '>');
			if (!end || end - s > 20) {
				fail(in,
				     "a '<' starts a key name that never ends with '>'; write <lt> "
				     "for '<'");
				return false;
			}
			char name[24];
			snprintf(name, sizeof name, "%.*s", (int)(end - s - 1), s + 1);
			int key = keys_parse(name);
			if (key < 0) {
				char msg[80];
				snprintf(msg, sizeof msg, "unknown key <%s>", name);
				fail(in, msg);
				return false;
			}
			push_key(in, key);
			s = end + 1;
			continue;
		}
		wchar_t wc;
		mbstate_t st;
		memset(&st, 0, sizeof st);
		size_t n = mbrtowc(&wc, s, strlen(s), &st);
		if (n == 0 || n == (size_t)-1 || n == (size_t)-2) {
			fail(in, "not UTF-8");
			return false;
		}
		push_key(in, (int)wc);
		s += n;
	}
	return true;
}

/* @until: the interface sits idle, logged in with the database open, until another program
 * says it is done (by making the file), as a connector's window stays open beside an
 * admin's import. */
static bool wait_for_file(struct input *in, const char *path)
{
	for (int waited = 0; access(path, F_OK) != 0; waited += 20) {
		if (waited >= 120000 || stop_signal) {
			fail(in, "@until: the file never came");
			return false;
		}
		struct timespec ts = {0, 20 * 1000000L};
		nanosleep(&ts, NULL);
	}
	return true;
}

/* @bytes: bytes in hexadecimal, as a terminal would send them, read back through curses
 * and the terminal's entry as the keys a person's terminal would give. */
static bool feed_bytes(struct input *in, const char *hex)
{
	unsigned char buf[256];
	size_t n = 0;
	for (unsigned byte; n < sizeof buf && sscanf(hex, " %2x", &byte) == 1; n++) {
		buf[n] = (unsigned char)byte;
		while (*hex == ' ')
			hex++;
		hex += 2;
	}
	while (*hex == ' ')
		hex++;
	if (n == 0 || *hex || in->feed < 0 || write(in->feed, buf, n) != (ssize_t)n) {
		fail(in, "@bytes takes bytes in hexadecimal, as @bytes 1b 5b 36 7e");
		return false;
	}
	timeout(0); /* every byte is there already; only a lone Esc waits, for ESCDELAY */
	for (int key; (key = termkeys_read()) >= 0;)
		push_key(in, key);
	return true;
}

static bool script_command(struct input *in, char *line)
{
	if (strncmp(line, "@dump", 5) == 0) {
		char *file = line + 5;
		while (*file == ' ')
			file++;
		in->dump(in->ctx, *file ? file : NULL);
		return true;
	}
	if (strcmp(line, "@wait") == 0) {
		in->wait(in->ctx);
		return true;
	}
	if (strncmp(line, "@time ", 6) == 0 && line[6] && !in->times) {
		in->times = fopen(line + 6, "w");
		if (!in->times) {
			fail(in, "cannot write the @time file");
			return false;
		}
		fprintf(in->times, "first_screen %.6f\n", in->first_drawn);
		return true;
	}
	if (strncmp(line, "@mark ", 6) == 0) {
		if (in->times)
			fprintf(in->times, "mark %s\n", line + 6);
		return true;
	}
	if (strcmp(line, "@idle") == 0) {
		push_key(in, INPUT_IDLE);
		return true;
	}
	if (strncmp(line, "@until ", 7) == 0 && line[7])
		return wait_for_file(in, line + 7);
	if (strncmp(line, "@bytes ", 7) == 0)
		return feed_bytes(in, line + 7);
	int cols, rows;
	if (sscanf(line, "@resize %dx%d", &cols, &rows) == 2 && cols > 0 && rows > 0 &&
	    cols < 1000 && rows < 1000) {
		in->resize(in->ctx, cols, rows);
		return true;
	}
	fail(in, "unknown command (there are @dump [FILE], @resize COLSxROWS, @wait, @idle, "
		 "@until FILE, @bytes HEX, @time FILE and @mark TEXT)");
	return false;
}

static int script_next(struct input *in)
{
	char *line = NULL;
	size_t cap = 0;
	while (in->at >= in->nkeys && !in->failed) {
		in->nkeys = in->at = 0;
		ssize_t n = getline(&line, &cap, in->script);
		if (n < 0)
			break;
		in->line++;
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		if (line[0] == '#' || n == 0)
			continue;
		if (line[0] == '@') {
			if (!script_command(in, line))
				break;
			continue;
		}
		parse_keys(in, line);
	}
	free(line);
	if (in->at < in->nkeys && !in->failed)
		return in->keys[in->at++];
	return -1;
}

static double clock_s(clockid_t which)
{
	struct timespec ts;
	clock_gettime(which, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int input_next(struct input *in)
{
	if (stop_signal)
		return -1;
	int key = in->script ? script_next(in) : tty_next(in);
	if (in->times && key >= 0) {
		in->key = key;
		in->key_read = clock_s(CLOCK_MONOTONIC);
		in->key_cpu = clock_s(CLOCK_THREAD_CPUTIME_ID);
	}
	return key;
}

void input_drawn(struct input *in)
{
	if (!in->first_drawn)
		in->first_drawn = clock_s(CLOCK_REALTIME);
	if (!in->times || !in->key_read)
		return;
	char name[32];
	/* the interface's own processor time, then the time a person waited: on a busy
	 * machine the two part */
	fprintf(in->times, "key %s %.3f %.3f\n", keys_name(in->key, name, sizeof name),
		(clock_s(CLOCK_THREAD_CPUTIME_ID) - in->key_cpu) * 1e3,
		(clock_s(CLOCK_MONOTONIC) - in->key_read) * 1e3);
	in->key_read = 0;
}

void input_end(struct input *in)
{
	if (in->times)
		fclose(in->times);
	in->times = NULL;
}
