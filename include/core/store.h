/* The database connection: where the file lives, opening it safely, transactions and the
 * statement cache. Core modules use it to reach sqlite; the interface only opens, closes
 * and passes it on (this header deliberately does not include sqlite3.h). */
#ifndef KITH_STORE_H
#define KITH_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "id.h"
#include "kerr.h"

struct sqlite3;
struct sqlite3_stmt;

struct store;
struct entity_memo;

/* $KITH_DB, else $XDG_DATA_HOME/kith/kith.db, else ~/.local/share/kith/kith.db.
 * Caller frees *out. */
int store_default_path(char **out, struct kerr *err);
/* The directory kith keeps its files in by default (where kith.db and demo.db live).
 * Caller frees. */
char *store_data_dir(void);

/* What makes a file one of kith's databases, for the store that knows connections and
 * files but not what is in them (database.c describes kith's: its schema, its search
 * indexes, its privacy function). */
struct store_format {
	int version;                     /* the newest user_version this kith writes */
	const char *const *tables;       /* tables every such database has (NULL-ended) */
	const char *const *small_tables; /* checked at every open: what any use reads first */
	const char *const *index_checks; /* statements that fail when an index is out of step */
	/* each connection, before anything is read (functions the schema's views call) */
	int (*configure)(struct store *st, struct kerr *err);
	/* from an older version (0: an empty file) to version, in one transaction */
	int (*upgrade)(struct store *st, int from, struct kerr *err);
	/* inside every outermost commit, once the schema is in place */
	int (*before_commit)(struct store *st, struct kerr *err);
};

/* Opens (creating when missing) the database of format fmt at path; NULL means the default
 * path and ":memory:" an in-memory database. A new directory is made 0700 and a new file
 * 0600 whatever the umask. Refuses a symbolic link, a read-only file or place, a locked,
 * damaged or foreign file and one from a newer kith, with a one-line message, without
 * changing the file. Brings an older file forward. On success *out is the caller's
 * (store_close). Everything else opens a kith database with database_open. */
int store_open(const char *path, const struct store_format *fmt, struct store **out,
	       struct kerr *err);
void store_close(struct store *st); /* accepts NULL */
/* A second, read-only connection to from's file, for work in a thread of its own (sqlite
 * connections are not shared between threads): the same reader (actor and role, so the
 * same rights), no transaction of from's, a page cache of cache_kb kilobytes. Not for a
 * database in memory. On success *out is the caller's (store_close). */
int store_open_reader(const struct store *from, int cache_kb, struct store **out, struct kerr *err);

/* The full check: sqlite's integrity_check and the search indexes' own. K_CORRUPT with the
 * first problem found, saying how to restore. */
int store_check(struct store *st, struct kerr *err);
/* A full check of the whole file in the background, on a connection of its own (the
 * interface starts one after a login); store_check_poll says how it went. Damage found
 * means the store writes nothing more: every later write is refused with store_damage()'s
 * message, which says how to restore. */
enum store_check_state {
	STORE_CHECK_NONE, /* none ran, or it was stopped */
	STORE_CHECK_RUNNING,
	STORE_CHECK_SOUND,  /* once, when it has just finished: the file is sound */
	STORE_CHECK_DAMAGED /* once, when it has just finished: msg gets what was found and
				what to do (store_damage() keeps it) */
};
int store_check_start(struct store *st, struct kerr *err);
enum store_check_state store_check_poll(struct store *st, char *msg, size_t n);
/* What damage was found, with how to restore, or NULL. */
const char *store_damage(const struct store *st);
/* Removes what a restore killed half way left beside the database more than an hour ago (a
 * staged copy of a backup holds people erased since): restores and kith check call it. */
void store_sweep(const struct store *st);
/* Folds the write-ahead log into the file and empties it (after an erasure or a restore,
 * so that no old page stays beside the file). K_BUSY when another connection kept it. */
int store_fold_log(struct store *st, struct kerr *err);

const char *store_path(const struct store *st);
struct sqlite3 *store_db(struct store *st);

/* The worker on whose behalf changes are made (written to updated_by); NULL for none. */
void store_set_actor(struct store *st, const char *worker_id);
const char *store_actor(const struct store *st);
/* The actor's role (an enum role of auth.h; 0 for none), for the one authorisation check. */
void store_set_role(struct store *st, int role);
int store_role(const struct store *st);
/* What the entity engine remembers through a bulk write (entity_memo.c); NULL for none. The
 * store only holds it: its owner frees it before the store closes. */
void store_set_memo(struct store *st, struct entity_memo *memo);
struct entity_memo *store_memo(const struct store *st);

/* The session's keys (keyring.h), set at login: the audit trail's key, and the worker's
 * own secret key with its public key (hex). NULL for any the session does not hold; all
 * three are wiped by store_set_keys(st, NULL, NULL, NULL), at logout and at close. */
void store_set_keys(struct store *st, const unsigned char *trail, const unsigned char *secret,
		    const char *public_hex);
const unsigned char *store_trail_key(const struct store *st);
const unsigned char *store_secret_key(const struct store *st);
const char *store_public_key(const struct store *st);

/* One user action is one transaction. Nested calls use savepoints, so a core function that
 * opens a transaction can be called from one that already has. */
int store_begin(struct store *st, struct kerr *err);
int store_commit(struct store *st, struct kerr *err);
void store_rollback(struct store *st);
/* Ends the transaction: commits when status is K_OK, rolls back otherwise. Returns the final
 * status (a failed commit turns K_OK into an error). */
int store_finish(struct store *st, int status, struct kerr *err);
bool store_in_transaction(const struct store *st);
/* Inside a bulk write's transaction (an import, all or nothing): transactions begun within it
 * take no savepoint of their own, which would copy every page a line touches. One rolled
 * back having changed nothing is as if it had one; one that changed something leaves the
 * whole transaction unable to commit (it says so), so nothing half-done is ever kept. */
void store_flat(struct store *st, bool on);
bool store_is_flat(const struct store *st);

/* Turns an sqlite result code into a status with a message (sqlite's text copied at once). */
int store_error(struct store *st, int rc, struct kerr *err);
/* Prepares sql; on failure fills err. The caller finalizes. */
int store_prepare(struct store *st, const char *sql, struct sqlite3_stmt **stmt, struct kerr *err);
/* A statement kept prepared for the life of the store (for paths taken on every keystroke).
 * Returned reset with no bindings; the caller resets it after use and never finalizes it. */
int store_cached(struct store *st, const char *sql, struct sqlite3_stmt **stmt, struct kerr *err);
/* Runs sql once with the n texts of v bound as ?1..?n (a NULL one as NULL), stepping past
 * any rows it gives. */
int store_run(struct store *st, const char *sql, const char *const *v, int n, struct kerr *err);
/* Runs SQL with no parameters and no rows, such as a PRAGMA. */
int store_exec(struct store *st, const char *sql, struct kerr *err);
/* Around a bulk write (an import, the demo), outside a transaction: up to mb megabytes of
 * pages stay in memory instead of spilling mid-transaction, and when no other connection
 * has the file open a rollback journal writes each page once where the log writes it twice
 * (log, then checkpoint). store_bulk_end gives back the usual cache and the log. */
int store_bulk_start(struct store *st, int mb, struct kerr *err);
int store_bulk_end(struct store *st, struct kerr *err);
/* A number that changes whenever the data may have: written here (sqlite's count of rows
 * changed) or by another connection (PRAGMA data_version). For caching what is measured. */
int store_version(struct store *st, long long *out, struct kerr *err);
/* The first column of the first row of a query with no parameters, as an integer. */
int store_query_int(struct store *st, const char *sql, long long *out, struct kerr *err);

#endif
