/* The interface's side of syncing: `:sync`, the sync that runs by itself every few minutes
 * (backing off while the hub does not answer), what came in said on the status line and the
 * screen in front reloaded, and the words at the status line's right end. The sync itself
 * runs in sync_job's thread on connections of its own: the loop only looks at it between
 * keys. */
#include "autosync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "date.h"
#include "setting.h"
#include "strbuf.h"
#include "sync_job.h"
#include "syncdb.h"
#include "testhook.h"
#include "tui_impl.h"
#include "xalloc.h"

#define SYNC_MINUTES 5
#define SYNC_MINUTES_MAX 1440
#define BACKOFF_MAX 8 /* times the interval, while the hub does not answer */

struct autosync {
	struct sync_job *job;
	bool asked;          /* :sync started it, or asked while it ran: its outcome is said */
	char worker[ID_LEN]; /* whose session the state below was read for */
	bool joined;
	long minutes;     /* sync_minutes: 0 never by itself */
	long long due_ms; /* monotonic: when the next sync by itself starts; 0 none */
	int failures;     /* in a row, this session */
	bool refused;     /* the hub refused this laptop (revoked): no sync by itself */
	char failing_since[STAMP_LEN]; /* when the hub stopped answering, this session; "" */
	char last_sync[32];            /* when the last sync that worked ended, UTC; "" never */
};

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* How long a minute of sync_minutes lasts: a test build may shorten it
 * (KITH_SYNC_MINUTE_MS), so that a test sees a sync by itself without waiting minutes. */
static long long minute_ms(void)
{
	const char *v = testhook_env("KITH_SYNC_MINUTE_MS");
	long long ms = v ? atoll(v) : 0;
	return ms > 0 ? ms : 60 * 1000;
}

static long sync_minutes(struct tui *t)
{
	char *v = NULL;
	struct kerr err;
	long minutes = SYNC_MINUTES;
	if (setting_get(t->st, "sync_minutes", &v, &err) == K_OK && v && *v)
		minutes = atol(v);
	free(v);
	return minutes < 0 || minutes > SYNC_MINUTES_MAX ? SYNC_MINUTES : minutes;
}

/* What the file says: joined or not, when a sync last worked, how often to sync. */
static void read_state(struct tui *t, struct autosync *a)
{
	struct syncdb_state s;
	struct kerr err;
	a->joined = syncdb_state(t->st, &s, &err) == K_OK && s.joined;
	a->minutes = sync_minutes(t);
	snprintf(a->last_sync, sizeof a->last_sync, "%s", a->joined ? s.last_sync : "");
}

/* The state for the worker logged in now: read again when someone else logs in, and the
 * first sync by itself due at once (what came while the laptop was shut). NULL before
 * anyone has logged in. */
static struct autosync *current(struct tui *t)
{
	if (!t->worker[0])
		return NULL;
	if (!t->sync)
		t->sync = xcalloc(1, sizeof *t->sync);
	struct autosync *a = t->sync;
	if (strcmp(a->worker, t->worker) != 0) {
		snprintf(a->worker, sizeof a->worker, "%s", t->worker);
		read_state(t, a);
		a->failures = 0;
		a->failing_since[0] = '\0';
		a->due_ms = a->joined && a->minutes ? now_ms() : 0;
	}
	return a;
}

/* When the next sync by itself starts: the interval after one that worked, twice as long
 * after each that did not (up to BACKOFF_MAX times), never after a refusal. */
static void schedule(struct autosync *a, int status)
{
	if (!a->joined || !a->minutes || status == K_REFUSED) {
		a->due_ms = 0;
		return;
	}
	long long wait = a->minutes * minute_ms();
	for (int i = 1; i < a->failures && wait < a->minutes * minute_ms() * BACKOFF_MAX; i++)
		wait *= 2;
	a->due_ms = now_ms() + wait;
}

static void start(struct tui *t, struct autosync *a, bool asked)
{
	struct kerr err;
	a->asked = asked;
	a->job = sync_job_start(t->st, &err);
	if (!a->job) {
		if (asked)
			tui_status(t, true, "Sync: %s", err.msg);
		schedule(a, K_IO);
	}
}

/* ": people, referrals and 2 more kinds": what came, in the words the command line uses, in
 * the summary's order. */
static void say_kinds(struct strbuf *sb, const struct sync_summary *s)
{
	const char *kinds[3];
	int n = 0, more = 0;
	for (int i = 0; i < 48 && s->by_table[i].tbl; i++)
		if (s->by_table[i].came && n < 3)
			kinds[n++] = sync_table_words(s->by_table[i].tbl);
		else if (s->by_table[i].came)
			more++;
	for (int i = 0; i < n; i++)
		strbuf_printf(sb, "%s%s",
			      i == 0                ? ": "
			      : i == n - 1 && !more ? " and "
						    : ", ",
			      kinds[i]);
	if (more)
		strbuf_printf(sb, " and %d more kind%s", more, more == 1 ? "" : "s");
}

/* The counts are of what the reader may see: the engine leaves out the records of a person
 * the reader may not touch (sync.c's countable), so a worker hears nothing of a restricted
 * person who came. The people likely here twice are those the reader may see. */
static void say_summary(struct tui *t, const struct sync_summary *s)
{
	struct strbuf sb = STRBUF_INIT;
	if (!s->came && !s->went)
		strbuf_puts(&sb, "Synced: nothing new came in or went out");
	else {
		strbuf_printf(&sb, "Synced: %ld change%s came in", s->came,
			      s->came == 1 ? "" : "s");
		say_kinds(&sb, s);
		if (s->went)
			strbuf_printf(&sb, "; %ld went out", s->went);
		else
			strbuf_puts(&sb, "; none went out");
	}
	if (s->conflicts)
		strbuf_printf(&sb, "; %ld change%s made here replaced by a later one", s->conflicts,
			      s->conflicts == 1 ? "" : "s");
	if (s->erased)
		strbuf_printf(&sb, "; %ld %s erased as asked on another laptop", s->erased,
			      s->erased == 1 ? "person" : "people");
	if (s->note[0])
		strbuf_printf(&sb, ". %s", s->note);
	if (s->twins[0])
		strbuf_printf(&sb, ". %s", s->twins);
	tui_status(t, false, "%s", strbuf_str(&sb));
	strbuf_free(&sb);
}

/* A sync has ended: what it did is said (always after :sync; after one by itself only what
 * came, and only on a quiet status line), the screen in front shows what came, and the next
 * is scheduled. */
static void take_in(struct tui *t, struct autosync *a)
{
	struct sync_summary s;
	struct kerr err;
	int status = sync_job_finish(a->job, &s, &err);
	a->job = NULL;
	read_state(t, a);
	a->refused = status == K_REFUSED;
	if (status == K_OK) {
		a->failures = 0;
		a->failing_since[0] = '\0';
	} else if (!a->failures++) {
		date_stamp(a->failing_since);
	}
	schedule(a, status);
	bool came = status == K_OK && (s.came || s.erased);
	if (came && !t->gate) /* the cursor stays on its record; a form being typed stays */
		tui_react(t, R_RELOAD, NULL);
	if (status != K_OK && a->asked)
		tui_status(t, true, "Sync: %s", err.msg);
	else if (status == K_OK && !t->gate && (a->asked || (came && !t->status[0])))
		say_summary(t, &s);
	if (came && !t->gate)
		tui_update(t);
}

void autosync_command(struct tui *t)
{
	struct autosync *a = current(t);
	if (!a)
		return;
	if (a->job) {
		a->asked = true;
		tui_status(t, false, "A sync is running: what it brings shows when it ends");
		return;
	}
	read_state(t, a);
	if (!a->joined) {
		tui_status(t, true,
			   "This laptop has not joined a hub. On a laptop that has, an admin runs "
			   "kith hub add-laptop NAME; here, kith hub join with what it printed");
		return;
	}
	tui_status(t, false, "Syncing with the hub…");
	start(t, a, true);
}

bool autosync_poll(struct tui *t)
{
	struct autosync *a = current(t);
	t->in.wake_at_ms = 0;
	if (!a)
		return false;
	if (a->job && sync_job_done(a->job))
		take_in(t, a);
	if (!a->job && a->due_ms && now_ms() >= a->due_ms)
		start(t, a, false);
	t->in.wake_at_ms = a->job ? 0 : a->due_ms;
	return a->job != NULL;
}

/* A script has no clock of its own: a sync due by itself runs at its @wait, so that the
 * screens it dumps are the same on every run. */
void autosync_wait(struct tui *t)
{
	struct autosync *a = current(t);
	if (a && !a->job && a->due_ms && now_ms() >= a->due_ms)
		start(t, a, false);
	if (a && a->job)
		take_in(t, a);
}

/* "14:05" in local time when the stamp is of today, else "22/11/2026"; days is how many days
 * before today it was (negative: after today, a clock set wrong). */
static bool local_time(const char *stamp, char *buf, size_t n, long *days)
{
	long long secs;
	if (!date_stamp_seconds(stamp, &secs))
		return false;
	time_t when = (time_t)secs;
	struct tm tm;
	localtime_r(&when, &tm);
	char today[DATE_LEN];
	int y, m, d;
	date_today(today);
	date_split(today, &y, &m, &d);
	*days = date_to_days(y, m, d) - date_to_days(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	if (*days == 0)
		snprintf(buf, n, "%02d:%02d", tm.tm_hour, tm.tm_min);
	else
		snprintf(buf, n, "%02d/%02d/%04d", tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900);
	return true;
}

static void progress_label(const struct sync_job *j, char *buf, size_t n)
{
	double done;
	const char *phase = sync_job_progress(j, &done);
	char bar[64] = "";
	int full = (int)(done * 10 + 0.5);
	for (int i = 0; i < 10; i++)
		strcat(bar, i < full ? "█" : "░");
	snprintf(buf, n, "syncing%s %s %d%%",
		 !*phase                      ? ""
		 : strcmp(phase, "push") == 0 ? ": sending"
					      : ": receiving",
		 bar, (int)(done * 100));
}

bool autosync_label(struct tui *t, char *buf, size_t n)
{
	struct autosync *a = current(t);
	char when[48];
	long days = 0;
	if (!a || !a->joined)
		return false;
	if (a->job)
		progress_label(a->job, buf, n);
	else if (a->refused)
		snprintf(buf, n, "the hub refused this laptop: :sync says why");
	else if (a->failures && local_time(a->failing_since, when, sizeof when, &days))
		snprintf(buf, n, "hub not answering since %s", when);
	else if (!local_time(a->last_sync, when, sizeof when, &days))
		snprintf(buf, n, "not synced yet: :sync");
	else if (days == 1)
		snprintf(buf, n, "synced yesterday");
	else if (days > 1)
		snprintf(buf, n, "synced %ld days ago", days);
	else
		snprintf(buf, n, "synced %s", when);
	return true;
}

void autosync_end(struct tui *t)
{
	if (!t->sync)
		return;
	sync_job_cancel(t->sync->job);
	free(t->sync);
	t->sync = NULL;
}
