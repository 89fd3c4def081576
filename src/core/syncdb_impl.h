/* Private to syncdb*.c: what the batch, the dump and the apply share about a travelling
 * table (its columns here, the SQL that names a row by its key and writes it as JSON). */
#ifndef KITH_SYNCDB_IMPL_H
#define KITH_SYNCDB_IMPL_H

#include <stdbool.h>

#include "kerr.h"
#include "syncdb.h"

struct store;
struct strbuf;

/* A travelling table's columns in this file, in order, without its local ones. */
struct syncdb_cols {
	int n;
	char **name;
};
int syncdb_cols_load(struct store *st, const struct syncdb_table *t, struct syncdb_cols *out,
		     struct kerr *err);
void syncdb_cols_free(struct syncdb_cols *c);
bool syncdb_cols_has(const struct syncdb_cols *c, const char *name);

/* The table of that name, or NULL when it does not travel (a newer kith's). */
const struct syncdb_table *syncdb_find(const char *name);
int syncdb_nkey(const struct syncdb_table *t);
/* The key as the outbox writes it: "id", or "a || '|' || b" for a composite key. */
void syncdb_key_sql(const struct syncdb_table *t, struct strbuf *sql);
/* " WHERE a = ?1 AND b = ?2": the row of a key split at '|'. */
void syncdb_where_key(const struct syncdb_table *t, struct strbuf *sql);
/* Binds key's parts (split at '|') as ?1, ?2, ...; false when it has too few or too many. */
bool syncdb_bind_key(struct sqlite3_stmt *stmt, const struct syncdb_table *t, const char *key);
/* "json_object('a', a, 'b', b, ...)" of the travelling columns. */
void syncdb_json_sql(const struct syncdb_cols *c, struct strbuf *sql);
/* Whether a setting of this key stays on this laptop (SYNCDB_LOCAL_SETTINGS). */
bool syncdb_local_setting(const char *key);

struct jsonr;
/* A row of the hub's about to be applied that would take a natural key a live row here holds
 * (a username, a tag's kind and name, a target's measure and worker, an Open Referral id):
 * the row with the smaller id keeps it, the other is changed (made unique, or the target
 * ended), and the change goes into the outbox so that the hub and every laptop take it.
 * When the incoming row is the one changed, *col and *value (owned) say how; *col is -2 when
 * the row here gave way, -1 when nothing collided. */
int syncdb_settle(struct store *st, const struct syncdb_table *t, const struct syncdb_cols *cols,
		  const struct jsonr *const *jv, int *col, char **value, struct kerr *err);
/* After the incoming row is in: the outbox entry of its change. */
int syncdb_settled(struct store *st, const struct syncdb_table *t, const char *key,
		   const char *col, const struct jsonr *was, struct kerr *err);

#endif
