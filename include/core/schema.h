/* The schema compiled into the binary, and the steps that bring an older file forward. */
#ifndef KITH_SCHEMA_H
#define KITH_SCHEMA_H

#include "kerr.h"

struct store;

/* PRAGMA user_version of a database made by this kith. */
#define SCHEMA_VERSION 18

/* The text of schema.sql, and of each migration (migrations/NNN-*.sql, in the order
 * meson.build lists them): migration_sql[i] takes version i + 1 to i + 2. */
extern const char schema_sql_text[];
extern const char *const migration_sql[];
extern const int migration_sql_count;

/* Brings a database at user_version `from` to SCHEMA_VERSION in one transaction: an empty
 * file (0) gets schema.sql, an older one the migration steps. */
int schema_upgrade(struct store *st, int from, struct kerr *err);
/* Applies the changes the triggers queued to the full-text indexes. store_commit() calls it
 * before every commit, so an index is never out of step with a committed row. */
int schema_flush_search(struct store *st, struct kerr *err);
/* Puts back the triggers, views and indexes of schema.sql that the file lacks, or (triggers
 * and views) holds with other text: the guards that keep the audit trail append-only, say,
 * dropped with the sqlite3 shell. One transaction. *restored gets the names put back, comma
 * separated, "" when there were none; caller frees. */
int schema_repair(struct store *st, char **restored, struct kerr *err);
/* The SQL that takes a database from version v to v + 1, or NULL when there is none. */
const char *schema_step(int v);

#endif
