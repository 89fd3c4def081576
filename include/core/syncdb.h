/* The laptop's side of syncing with a hub, in sqlite alone (no libpq): which tables travel, the
 * outbox the capture triggers fill, the batches pushed from it, the hub's rows applied, and a
 * canonical dump to compare a laptop with the hub. sync.c talks to the hub with these. */
#ifndef KITH_SYNCDB_H
#define KITH_SYNCDB_H

#include <stdbool.h>
#include <stdint.h>

#include "kerr.h"

struct store;
struct strbuf;

/* A table that travels: its name, its primary key's columns in order, and its local columns
 * (kept on this laptop only: never sent, never overwritten). */
#define SYNCDB_LOCAL_MAX 6
struct syncdb_table {
	const char *name;
	const char *key[3];                  /* NULL-terminated */
	const char *local[SYNCDB_LOCAL_MAX]; /* NULL-terminated */
};
extern const struct syncdb_table SYNCDB_TABLES[];
extern const int SYNCDB_NTABLES;
/* The settings that describe this machine rather than the programme (a password hash's cost
 * measured here, the venue this laptop sits at): they never travel. NULL-terminated. */
extern const char *const SYNCDB_LOCAL_SETTINGS[];

struct syncdb_state {
	char laptop[64]; /* this laptop's name at the hub; "" before it joins */
	bool joined;
	long long cursor;   /* the last hub sequence number applied here */
	char last_sync[32]; /* when a sync last finished, UTC ISO 8601; "" never */
	char last_error[320];
	long long pending; /* outbox entries not yet acknowledged by the hub */
};
int syncdb_state(struct store *st, struct syncdb_state *out, struct kerr *err);

/* Joining: records the laptop's name, turns capture on and puts every row of every travelling
 * table in the outbox (so what this laptop already holds goes up at its first sync). */
int syncdb_join(struct store *st, const char *laptop, struct kerr *err);

/* A push batch: up to max_keys distinct rows from the outbox, as the JSON array kith.push takes.
 * When a batch is already in flight (its id saved, no acknowledgement yet), the same id and the
 * same outbox range again. The id and range are saved before this returns. count 0: nothing to
 * push. */
struct syncdb_batch {
	char id[37];
	long long max_n; /* the last outbox entry it covers */
	long count;      /* rows in it */
	char *json;      /* owned: syncdb_batch_free */
};
int syncdb_batch(struct store *st, long max_keys, struct syncdb_batch *out, struct kerr *err);
/* A 64-bit hash of a row's table and key (FNV-1a), to tell rows apart without keeping them. */
uint64_t syncdb_key_hash(const char *tbl, const char *key);
/* The hub acknowledged it: its outbox entries go, in one transaction. */
int syncdb_batch_done(struct store *st, const struct syncdb_batch *b, struct kerr *err);
void syncdb_batch_free(struct syncdb_batch *b);

/* One row as the hub sends it. */
struct syncdb_row {
	long long seq;
	const char *tbl;
	const char *key;
	const char *data; /* JSON object of the travelling columns; NULL: an echo of this
			     laptop's own push, already here as sent (skipped, not counted) */
};
struct syncdb_applied {
	long rows;    /* applied */
	long skipped; /* held back: this laptop has a change of its own to push first */
	long erased;  /* people erased here because an erasure arrived */
	long renamed; /* natural-key collisions settled (a username or tag name made unique) */
	long refused; /* left out: they break a rule of this file (a CHECK), each in the audit */
	char refused_what[160]; /* the first of them: "table key: why", or "" */
};
/* Applies a page of the hub's rows in one transaction and moves the cursor to cursor. Adds to
 * out. */
int syncdb_apply(struct store *st, const struct syncdb_row *rows, int n, long long cursor,
		 struct syncdb_applied *out, struct kerr *err);

/* After a sync: when it finished and how (error NULL: it succeeded). */
int syncdb_finish(struct store *st, const char *error, struct kerr *err);

/* Every travelling row, one line each, "table<TAB>key<TAB>{json with sorted keys}", sorted, so
 * that two laptops (or a laptop and the hub, through syncdb_canonical) compare as text. */
int syncdb_dump(struct store *st, struct strbuf *out, struct kerr *err);
/* A JSON object's text with its keys sorted and its values written one way. */
int syncdb_canonical(const char *json, struct strbuf *out, struct kerr *err);

#endif
