/* What the store's files share: the connection's state (store.c), opening and closing a
 * file (store_open.c) and checking it whole (store_check.c). Private to core. */
#ifndef KITH_STORE_IMPL_H
#define KITH_STORE_IMPL_H

#include <pthread.h>
#include <sqlite3.h>
#include <stdbool.h>

#include "store.h"

#define CACHE_SIZE 48
#define BUSY_TIMEOUT_MS 3000
#define CACHE_KB "-8192"

struct cached {
	char *sql;
	const char *asked; /* the text it was last asked for by (store_cached's first look) */
	sqlite3_stmt *stmt;
	unsigned long used;
};

/* A full check running in the background on a connection of its own (store_check.c). */
struct background_check {
	pthread_t thread;
	sqlite3 *db;
	bool started;
	int stop;   /* asked to stop before it began (under lock) */
	int done;   /* read and written under lock */
	int status; /* K_OK, or K_CORRUPT with msg */
	char msg[320];
	pthread_mutex_t lock;
};

struct store {
	sqlite3 *db;
	char *path;
	char actor[ID_LEN];
	int role;  /* the actor's role (enum role in auth.h), or 0 */
	int depth; /* transaction nesting: 0 none, 1 BEGIN, >1 savepoints */
	const struct store_format *fmt;
	bool ready; /* the schema is in place: commits call fmt->before_commit */
	struct cached cache[CACHE_SIZE];
	unsigned long tick;
	/* the session's keys (keyring.h), wiped at logout and close */
	unsigned char trail[32], secret[32];
	bool has_trail, has_secret;
	char public_hex[65];
	/* how the file looked when kith last wrote or checked it (store_check.c), and when it
	 * was last checked whole (seconds; 0 when never) */
	long long seen_size, seen_ino, seen_mtime_s, seen_mtime_ns, checked, checked_written;
	/* damage found by a check: no more writes, this says why and what to do */
	char damage[320];
	struct background_check *check;
	struct entity_memo *memo; /* entity_memo.c's, during a bulk write */
	/* store_flat: nested levels take no savepoint; the changes at each one's start, and
	 * whether one that changed something was rolled back (then nothing may commit) */
	bool flat, spoilt;
	long long flat_mark[16];
};

/* The first column of the first row of sql, as text (when text is not NULL) and as a
 * number (when num is not NULL). */
int store_first_value(struct store *st, const char *sql, char *text, size_t n, long long *num,
		      struct kerr *err);

/* store_check.c: the checks made at open. A full check when the file is small, has
 * changed outside kith since kith last saw it, has a log beside it no live connection holds
 * (hot), or was last checked a day ago or more; otherwise the schema and the small tables.
 * Damage refuses the file. */
int store_check_at_open(struct store *st, bool kith_file, bool hot, struct kerr *err);
/* Whether a write-ahead log lies beside the file that no live connection holds (a crash's,
 * or one from elsewhere): asked before the file is opened, as opening takes it up. */
bool store_log_is_hot(const struct store *st);
/* Damage found while the file was in use: no more writes, the log not folded in at close,
 * and the next open checks the whole file. */
void store_mark_damage(struct store *st, const char *found);
/* Remembers how the file looks now that kith has written it (after a checkpoint), so that
 * a change made outside kith is noticed at the next open. */
void store_file_seen(struct store *st);
/* Forgets it (damage was found): the next open checks the whole file again. */
void store_file_forget(struct store *st);
/* Stops a background check and frees it. */
void store_check_stop(struct store *st);

#endif
