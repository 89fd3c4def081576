/* Talking to sqlite on an open database: errors, prepared statements and their cache,
 * transactions, bulk writes, and who is acting with which keys. Opening and closing the
 * file is store_open.c; checking it whole, store_check.c. What makes it kith's is above, in
 * database.c: nothing here calls up into the schema, search or accounts. */
#include "store.h"
#include "store_impl.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* ---- errors ---- */

int store_error(struct store *st, int rc, struct kerr *err)
{
	const char *msg = st && st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);
	const char *path = st && st->path ? st->path : "the database";
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return K_OK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return kerr_set(err, K_BUSY, "",
				"%s is locked by another program; try again in a moment", path);
	case SQLITE_READONLY:
		return kerr_set(err, K_READONLY, "", "%s cannot be written: %s", path, msg);
	case SQLITE_CORRUPT:
		if (st && st->db && st->ready) { /* found in use: no more writes from here on */
			store_mark_damage(st, msg);
			return kerr_set(err, K_CORRUPT, "", "%s", st->damage);
		}
		return kerr_set(err, K_CORRUPT, "", "%s is damaged (%s); restore it from a backup",
				path, msg);
	case SQLITE_NOTADB:
		return kerr_set(err, K_NOT_KITH, "", "%s is not a kith database", path);
	case SQLITE_FULL:
		return kerr_set(err, K_IO, "", "the disk holding %s is full", path);
	case SQLITE_CANTOPEN:
		return kerr_set(err, K_IO, "", "cannot open %s or write beside it: %s", path, msg);
	case SQLITE_IOERR:
		return kerr_set(err, K_IO, "", "input/output error on %s: %s", path, msg);
	case SQLITE_CONSTRAINT:
		return kerr_set(err, K_INVALID, "", "refused by the database: %s", msg);
	default:
		return kerr_set(err, K_DB, "", "database error: %s", msg);
	}
}

int store_prepare(struct store *st, const char *sql, sqlite3_stmt **stmt, struct kerr *err)
{
	int rc = sqlite3_prepare_v2(st->db, sql, -1, stmt, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_finalize(*stmt);
		*stmt = NULL;
		return store_error(st, rc, err);
	}
	return K_OK;
}

/* The cached statement of sql, or NULL. Most callers ask with the same constant each time:
 * the entry last asked for by that very pointer is tried first (its text compared still, as a
 * buffer can be asked again holding other SQL), before every entry's text. */
static struct cached *cache_find(struct store *st, const char *sql)
{
	for (int i = 0; i < CACHE_SIZE; i++)
		if (st->cache[i].asked == sql && strcmp(st->cache[i].sql, sql) == 0)
			return &st->cache[i];
	for (int i = 0; i < CACHE_SIZE; i++)
		if (st->cache[i].sql && strcmp(st->cache[i].sql, sql) == 0)
			return &st->cache[i];
	return NULL;
}

int store_cached(struct store *st, const char *sql, sqlite3_stmt **stmt, struct kerr *err)
{
	st->tick++;
	struct cached *c = cache_find(st, sql), *slot = &st->cache[0];
	if (c) {
		sqlite3_reset(c->stmt);
		sqlite3_clear_bindings(c->stmt);
		c->used = st->tick;
		c->asked = sql;
		*stmt = c->stmt;
		return K_OK;
	}
	for (int i = 0; i < CACHE_SIZE; i++)
		if (st->cache[i].used < slot->used)
			slot = &st->cache[i];
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_finalize(s);
		return store_error(st, rc, err);
	}
	sqlite3_finalize(slot->stmt);
	free(slot->sql);
	slot->sql = xstrdup(sql);
	slot->asked = sql;
	slot->stmt = s;
	slot->used = st->tick;
	*stmt = s;
	return K_OK;
}

int store_run(struct store *st, const char *sql, const char *const *v, int n, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st, sql, &stmt, err);
	if (status != K_OK)
		return status;
	for (int i = 0; i < n; i++)
		if (v[i])
			sqlite3_bind_text(stmt, i + 1, v[i], -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		;
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

int store_exec(struct store *st, const char *sql, struct kerr *err)
{
	int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? K_OK : store_error(st, rc, err);
}

/* The first column of the first row, as text (when text is not NULL) and as a number. */
int store_first_value(struct store *st, const char *sql, char *text, size_t n, long long *num,
		      struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	if (text && n)
		text[0] = '\0';
	int status = store_prepare(st, sql, &stmt, err);
	if (status != K_OK)
		return status;
	int rc = sqlite3_step(stmt);
	bool row = rc == SQLITE_ROW;
	if (text) {
		const unsigned char *v = row ? sqlite3_column_text(stmt, 0) : NULL;
		snprintf(text, n, "%s", v ? (const char *)v : "");
	}
	if (num)
		*num = row ? sqlite3_column_int64(stmt, 0) : 0;
	status = row || rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

int store_query_int(struct store *st, const char *sql, long long *out, struct kerr *err)
{
	return store_first_value(st, sql, NULL, 0, out, err);
}

/* ---- transactions ---- */

/* Savepoints come and go with every record an import adds: parsed once, kept. */
static int exec_cached(struct store *st, const char *sql, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(st, sql, &stmt, err);
	if (status != K_OK)
		return status;
	int rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
}

int store_begin(struct store *st, struct kerr *err)
{
	if (st->damage[0]) /* damage was found: nothing more is written to the file */
		return kerr_set(err, K_CORRUPT, "", "%s", st->damage);
	char sql[48];
	if (st->flat && st->depth >= 1 && st->depth <= 16) {
		st->flat_mark[st->depth - 1] = sqlite3_total_changes64(st->db);
		st->depth++;
		return K_OK;
	}
	if (st->depth == 0)
		snprintf(sql, sizeof sql, "BEGIN IMMEDIATE");
	else
		snprintf(sql, sizeof sql, "SAVEPOINT kith_%d", st->depth);
	int status = st->depth == 0 ? store_exec(st, sql, err) : exec_cached(st, sql, err);
	if (status == K_OK)
		st->depth++;
	return status;
}

int store_commit(struct store *st, struct kerr *err)
{
	char sql[48];
	if (st->depth <= 0)
		return kerr_set(err, K_DB, "", "commit without a transaction");
	int status = K_OK;
	if (st->flat && st->depth > 1 && st->depth <= 17) {
		st->depth--;
		return K_OK;
	}
	if (st->depth == 1 && st->spoilt)
		status = kerr_set(
			err, K_DB, "",
			"a change could not be taken back on its own: nothing was written");
	if (st->depth == 1) {
		snprintf(sql, sizeof sql, "COMMIT");
		if (status == K_OK && st->ready && st->fmt->before_commit)
			status = st->fmt->before_commit(st, err);
	} else {
		snprintf(sql, sizeof sql, "RELEASE kith_%d", st->depth - 1);
	}
	if (status == K_OK)
		status = st->depth == 1 ? store_exec(st, sql, err) : exec_cached(st, sql, err);
	if (status != K_OK) {
		store_rollback(st);
		return status;
	}
	st->depth--;
	return K_OK;
}

int store_version(struct store *st, long long *out, struct kerr *err)
{
	long long others = 0;
	int status = store_query_int(st, "PRAGMA data_version", &others, err);
	*out = others + (long long)sqlite3_total_changes64(st->db);
	return status;
}

void store_rollback(struct store *st)
{
	char sql[80];
	if (st->depth <= 0)
		return;
	if (st->flat && st->depth > 1 && st->depth <= 17) {
		st->depth--;
		if (sqlite3_total_changes64(st->db) != st->flat_mark[st->depth - 1])
			st->spoilt = true;
		return;
	}
	if (st->depth == 1)
		st->spoilt = false;
	if (st->depth == 1)
		snprintf(sql, sizeof sql, "ROLLBACK");
	else
		snprintf(sql, sizeof sql, "ROLLBACK TO kith_%d; RELEASE kith_%d", st->depth - 1,
			 st->depth - 1);
	sqlite3_exec(st->db, sql, NULL, NULL, NULL);
	st->depth--;
}

bool store_in_transaction(const struct store *st)
{
	return st->depth > 0;
}

void store_flat(struct store *st, bool on)
{
	st->flat = on;
}

bool store_is_flat(const struct store *st)
{
	return st->flat;
}

int store_finish(struct store *st, int status, struct kerr *err)
{
	if (status == K_OK)
		return store_commit(st, err);
	store_rollback(st);
	return status;
}

/* ---- bulk writes ---- */

int store_bulk_start(struct store *st, int mb, struct kerr *err)
{
	char sql[48];
	snprintf(sql, sizeof sql, "PRAGMA cache_size = %d", -1024 * mb);
	int status = store_exec(st, sql, err);
	if (status != K_OK)
		return status;
	/* Leaving the log needs the file to itself: while another kith has it open (an
	 * interface idle beside an import) the switch is refused at once, and the bulk write
	 * goes through the log, which is only slower. */
	sqlite3_busy_timeout(st->db, 0);
	int rc = sqlite3_exec(st->db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
	return rc == SQLITE_OK || (rc & 0xff) == SQLITE_BUSY ? K_OK : store_error(st, rc, err);
}

int store_bulk_end(struct store *st, struct kerr *err)
{
	char mode[16];
	int status = store_exec(st, "PRAGMA cache_size = " CACHE_KB, err);
	if (status == K_OK)
		status = store_first_value(st, "PRAGMA journal_mode = WAL", mode, sizeof mode, NULL,
					   err);
	if (status == K_OK && strcmp(mode, "wal") != 0 && strcmp(mode, "memory") != 0)
		status = kerr_set(err, K_DB, "", "%s: cannot go back to write-ahead logging (%s)",
				  store_path(st), mode);
	return status;
}

/* ---- who acts ---- */

const char *store_path(const struct store *st)
{
	return st->path;
}

struct sqlite3 *store_db(struct store *st)
{
	return st->db;
}

void store_set_actor(struct store *st, const char *worker_id)
{
	snprintf(st->actor, sizeof st->actor, "%s", worker_id ? worker_id : "");
}

const char *store_actor(const struct store *st)
{
	return st->actor[0] ? st->actor : NULL;
}

void store_set_memo(struct store *st, struct entity_memo *memo)
{
	st->memo = memo;
}

struct entity_memo *store_memo(const struct store *st)
{
	return st->memo;
}

void store_set_keys(struct store *st, const unsigned char *trail, const unsigned char *secret,
		    const char *public_hex)
{
	/* the arguments may be the store's own keys: copied aside before anything is wiped */
	unsigned char t[sizeof st->trail], s[sizeof st->secret];
	char p[sizeof st->public_hex];
	bool has_t = trail != NULL, has_s = secret != NULL && public_hex != NULL;
	if (has_t)
		memcpy(t, trail, sizeof t);
	if (has_s) {
		memcpy(s, secret, sizeof s);
		snprintf(p, sizeof p, "%s", public_hex);
	}
	sodium_memzero(st->trail, sizeof st->trail);
	sodium_memzero(st->secret, sizeof st->secret);
	st->public_hex[0] = '\0';
	st->has_trail = has_t;
	st->has_secret = has_s;
	if (has_t)
		memcpy(st->trail, t, sizeof t);
	if (has_s) {
		memcpy(st->secret, s, sizeof s);
		memcpy(st->public_hex, p, sizeof p);
	}
	sodium_memzero(t, sizeof t);
	sodium_memzero(s, sizeof s);
}

const unsigned char *store_trail_key(const struct store *st)
{
	return st->has_trail ? st->trail : NULL;
}

const unsigned char *store_secret_key(const struct store *st)
{
	return st->has_secret ? st->secret : NULL;
}

const char *store_public_key(const struct store *st)
{
	return st->has_secret ? st->public_hex : NULL;
}

void store_set_role(struct store *st, int role)
{
	st->role = role;
}

int store_role(const struct store *st)
{
	return st->role;
}

int store_fold_log(struct store *st, struct kerr *err)
{
	int log = 0, moved = 0;
	int rc = sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &log, &moved);
	if (rc == SQLITE_OK && log <= 0)
		store_file_seen(st);
	if (rc == SQLITE_BUSY || (rc == SQLITE_OK && log > 0))
		return kerr_set(err, K_BUSY, "",
				"another kith has %s open, so its write-ahead log "
				"could not be emptied yet",
				st->path);
	return rc == SQLITE_OK ? K_OK : store_error(st, rc, err);
}
