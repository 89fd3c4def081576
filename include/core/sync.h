/* Syncing this laptop with a PostgreSQL hub (libpq): joining, pushing and pulling, and the
 * hub's administration. The laptop's file stays the working copy; everything here is optional
 * and works again after any failure (the next sync resumes). syncdb.h is the sqlite side. */
#ifndef KITH_SYNC_H
#define KITH_SYNC_H

#include <stdbool.h>

#include "kerr.h"

struct store;
struct strbuf;

/* Progress of a sync: phase "pull" or "push", done between 0 and 1. false stops it (what was
 * done so far stays done). */
typedef bool (*sync_progress_fn)(void *ctx, const char *phase, double done);

struct sync_table_count {
	const char *tbl;
	long came, went;
};
struct sync_summary {
	long came, went;  /* rows pulled and applied, rows pushed */
	long conflicts;   /* columns where a later change replaced one made here */
	long erased;      /* people erased here because an erasure arrived */
	long held;        /* rows held back for a change of our own (sent and back in the sync) */
	long long cursor; /* the hub sequence number this laptop has reached */
	char when[32];    /* UTC ISO 8601 */
	struct sync_table_count by_table[48]; /* the tables that moved; tbl NULL after the last */
	char note[320];  /* a sentence for the coordinator: erasures not yet reached, ... */
	char twins[480]; /* people who came that are likely someone here already, or "" */
};

/* The connection string file beside the database: "<database>.hub", mode 0600. */
int sync_hub_path(const struct store *st, char **out, struct kerr *err);
/* A connection string from a file a person names (kith hub init and join --from FILE), which
 * must be theirs and private as the .hub file is: K_NOT_FOUND, K_UNSAFE (others may read it),
 * K_INVALID (empty). *out is the caller's, to wipe with sync_forget. */
int sync_string_read(const char *path, char **out, struct kerr *err);
/* Wipes and frees a string that holds a password; *secret becomes NULL. */
void sync_forget(char **secret);
/* Whether this database has joined a hub. */
bool sync_joined(struct store *st);
/* Whether its first sync stopped mid-pull (joined, some pages came, no sync has ended): the
 * hub's accounts may be here only in part, so kith sync may go on without logging in, as the
 * first one began, telling only counts. */
bool sync_arriving(struct store *st);

/* Pull, push, pull again. K_IO with a sentence when the hub cannot be reached (nothing lost);
 * K_REFUSED when this laptop was revoked. */
int sync_run(struct store *st, sync_progress_fn progress, void *ctx, struct sync_summary *out,
	     struct kerr *err);

/* An admin's: creates the hub's schema with the owner's connection string (idempotent), makes
 * this laptop's credentials (an admin laptop, named name) and joins this laptop. The owner's
 * string is not kept. */
int hub_init(struct store *st, const char *owner_url, const char *name, struct kerr *err);
/* An admin's, from an admin laptop: makes credentials for another laptop; *conninfo (owned) is
 * the connection string to give it. */
int hub_add_laptop(struct store *st, const char *name, bool admin, char **conninfo,
		   struct kerr *err);
/* Stores the connection string (0600) and joins; the first sync brings everything. */
int hub_join(struct store *st, const char *conninfo, struct kerr *err);
/* An admin's: ends a laptop's credentials; its next sync is refused. */
int hub_revoke(struct store *st, const char *name, struct kerr *err);
/* The laptops, when each last synced, the erasures some have not reached, the hub's counts:
 * text for a person. */
int hub_status(struct store *st, struct strbuf *out, struct kerr *err);

/* What people call the records of a table that travels ("people" for person); the table's
 * own name for one it does not know. */
const char *sync_table_words(const char *tbl);

#endif
