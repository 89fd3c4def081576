/* Logins: the counters that lock, and the session on the store. */
#include "login.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account_impl.h"
#include "audit.h"
#include "date.h"
#include "store.h"
#include "xalloc.h"

#define WRONG "wrong name or password"
/* the audit's word for a login refused because every login here is locked */
#define LAPTOP_LOCKED "refused: every login on this laptop is locked"

static long seconds_of(const char *stamp)
{
	int y, mo, d, h, mi, s, ms;
	if (!stamp ||
	    sscanf(stamp, "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ", &y, &mo, &d, &h, &mi, &s, &ms) != 7)
		return 0;
	return date_to_days(y, mo, d) * 86400L + h * 3600L + mi * 60L + s;
}

static long now_seconds(void)
{
	char now[STAMP_LEN];
	date_stamp(now);
	return seconds_of(now);
}

/* Whole minutes, rounded up, until a lock that began at `since` runs out; 0 when it has. */
static long minutes_left(long since)
{
	long left = since + 60L * LOGIN_LOCK_MINUTES - now_seconds();
	return left > 0 ? (left + 59) / 60 : 0;
}

static const char *failure_at(struct store *st, int offset, char out[STAMP_LEN], struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	out[0] = '\0';
	if (store_prepare(st,
			  "SELECT created_at FROM audit WHERE action = 'login_failed' AND "
			  "origin = '' AND detail <> ?2 ORDER BY created_at DESC LIMIT 1 OFFSET ?1",
			  &stmt, err) != K_OK)
		return NULL;
	sqlite3_bind_int(stmt, 1, offset);
	sqlite3_bind_text(stmt, 2, LAPTOP_LOCKED, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		snprintf(out, STAMP_LEN, "%s", sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return out[0] ? out : NULL;
}

/* Minutes until logins here open again, when more than LOGIN_LAPTOP_TRIES failed within
 * LOGIN_LOCK_MINUTES; 0 when they are open. The lock begins at the failure that tipped it
 * (attempts while locked are not checked, so they do not prolong it). */
static long laptop_locked(struct store *st, struct kerr *err)
{
	char last[STAMP_LEN], first[STAMP_LEN];
	if (!failure_at(st, 0, last, err) || !failure_at(st, LOGIN_LAPTOP_TRIES, first, err))
		return 0;
	if (seconds_of(last) - seconds_of(first) > 60L * LOGIN_LOCK_MINUTES)
		return 0;
	return minutes_left(seconds_of(last));
}

/* A wrong password (a is NULL when the name is no account's): counted, audited; *locks is
 * set when it was the one that locks the account. */
static int failed(struct store *st, const struct account *a, bool *locks_out, struct kerr *err)
{
	char now[STAMP_LEN], until[STAMP_LEN];
	date_stamp(now);
	date_stamp_in(60L * LOGIN_LOCK_MINUTES, until);
	int status = store_begin(st, err);
	bool locks = false;
	if (status == K_OK && a) {
		long long tries = 0;
		sqlite3_stmt *stmt = NULL;
		status = store_prepare(st,
				       "UPDATE worker SET failed_logins = failed_logins + 1 "
				       "WHERE id = ?1 RETURNING failed_logins",
				       &stmt, err);
		if (status == K_OK) {
			sqlite3_bind_text(stmt, 1, a->id, -1, SQLITE_STATIC);
			int rc = sqlite3_step(stmt);
			tries = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
			while (rc == SQLITE_ROW)
				rc = sqlite3_step(stmt);
			status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
			sqlite3_finalize(stmt);
		}
		locks = tries >= LOGIN_TRIES;
		if (status == K_OK && locks) {
			stmt = NULL;
			status = store_prepare(
				st,
				"UPDATE worker SET failed_logins = 0, locked_until = "
				"?2 WHERE id = ?1",
				&stmt, err);
			if (status == K_OK) {
				sqlite3_bind_text(stmt, 1, a->id, -1, SQLITE_STATIC);
				sqlite3_bind_text(stmt, 2, until, -1, SQLITE_STATIC);
				int rc = sqlite3_step(stmt);
				status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
				sqlite3_finalize(stmt);
			}
		}
	}
	if (status == K_OK)
		status = audit_record_as(st, a ? a->id : NULL, "login_failed", "worker",
					 a ? a->id : NULL, NULL, NULL,
					 a ? (locks ? "wrong password; the account locks"
						    : "wrong password")
					   : "no such account, or disabled",
					 err);
	*locks_out = locks;
	return store_finish(st, status, err);
}

static int succeeded(struct store *st, const struct account *a, const char *password, bool stale,
		     const unsigned char *unlock, const char *action, struct kerr *err)
{
	char now[STAMP_LEN];
	date_stamp(now);
	unsigned char fresh[KEYRING_KEY];
	char *hash = stale ? account_hash(st, password, fresh, err) : NULL;
	if (stale && !hash)
		return err ? err->status : K_IO;
	int status = store_begin(st, err);
	sqlite3_stmt *stmt = NULL;
	if (status == K_OK)
		status = store_prepare(st,
				       "UPDATE worker SET failed_logins = 0, locked_until = NULL, "
				       "last_login = ?2, password_hash = coalesce(?3, "
				       "password_hash) WHERE id = ?1",
				       &stmt, err);
	if (status == K_OK) {
		sqlite3_bind_text(stmt, 1, a->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, now, -1, SQLITE_STATIC);
		if (hash)
			sqlite3_bind_text(stmt, 3, hash, -1, SQLITE_STATIC);
		int rc = sqlite3_step(stmt);
		status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	}
	sqlite3_finalize(stmt);
	if (status == K_OK) /* the session's keys, so that this login's row is sealed too */
		status = account_keys_login(st, a->id, unlock, hash ? fresh : NULL, err);
	if (status == K_OK)
		status = audit_record_as(st, a->id, action, "worker", a->id, NULL, NULL,
					 hash ? "password hash made again" : NULL, err);
	status = store_finish(st, status, err);
	sodium_memzero(fresh, sizeof fresh);
	if (hash) {
		sodium_memzero(hash, strlen(hash));
		free(hash);
	}
	if (status == K_OK) {
		store_set_actor(st, a->id);
		store_set_role(st, (int)a->role);
	} else {
		store_set_keys(st, NULL, NULL, NULL);
	}
	return status;
}

static char *hash_of(struct store *st, const char *id)
{
	sqlite3_stmt *stmt = NULL;
	char *hash = NULL;
	if (store_prepare(st, "SELECT password_hash FROM worker WHERE id = ?1", &stmt, NULL) ==
	    K_OK) {
		sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
		if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0))
			hash = xstrdup((const char *)sqlite3_column_text(stmt, 0));
	}
	sqlite3_finalize(stmt);
	return hash;
}

/* Checks the password of a (NULL: no such account) the way a login does. */
static int check(struct store *st, const struct account *a, const char *password,
		 const char *action, struct kerr *err)
{
	int status = K_OK;
	long wait = laptop_locked(st, err);
	if (wait) { /* written down, and not counted: it does not make the lock longer */
		status = audit_record_as(st, a ? a->id : NULL, "login_failed", "worker",
					 a ? a->id : NULL, NULL, NULL, LAPTOP_LOCKED, err);
		return status != K_OK ? status
				      : kerr_set(err, K_REFUSED, "",
						 "too many failed logins on "
						 "this laptop: try again in %ld minute%s",
						 wait, wait == 1 ? "" : "s");
	}
	wait = a && a->locked_until[0]
		       ? minutes_left(seconds_of(a->locked_until) - 60L * LOGIN_LOCK_MINUTES)
		       : 0;
	char *hash = a && !a->disabled ? hash_of(st, a->id) : NULL;
	bool stale = false, unlocked = false, locks = false;
	unsigned char unlock[KEYRING_KEY];
	/* a hash of the same cost is checked whoever is named, locked or not there at all, so
	 * that neither the time taken nor the answer tells which names exist */
	char *dummy = hash ? NULL : account_dummy_hash(st);
	bool ok = account_verify(st, hash ? hash : dummy, password, &stale, unlock, &unlocked) &&
		  hash;
	free(hash);
	free(dummy);
	if (wait) { /* counted: trying locked accounts in turn locks them all */
		sodium_memzero(unlock, sizeof unlock);
		status = audit_record_as(st, a->id, "login_failed", "worker", a->id, NULL, NULL,
					 "the account is locked", err);
		if (status != K_OK || !ok) /* only the password tells that it is locked */
			return status != K_OK ? status
					      : kerr_set(err, K_REFUSED, "password", WRONG);
		return kerr_set(err, K_REFUSED, "",
				"this account is locked for %ld more minute%s "
				"after %d wrong passwords (an admin can set a new password)",
				wait, wait == 1 ? "" : "s", LOGIN_TRIES);
	}
	if (!ok) {
		status = failed(st, a && !a->disabled ? a : NULL, &locks, err);
		if (status == K_OK && locks)
			return kerr_set(err, K_REFUSED, "password",
					WRONG
					"; after %d wrong "
					"passwords this account is now locked for %d minutes (an "
					"admin can set a new password)",
					LOGIN_TRIES, LOGIN_LOCK_MINUTES);
		return status != K_OK ? status : kerr_set(err, K_REFUSED, "password", WRONG);
	}
	status = succeeded(st, a, password, stale, unlocked ? unlock : NULL, action, err);
	sodium_memzero(unlock, sizeof unlock);
	return status;
}

int login_attempt(struct store *st, const char *username, const char *password, struct account *who,
		  struct kerr *err)
{
	struct account a;
	int status = account_find(st, username, &a, NULL);
	bool found = status == K_OK;
	status = check(st, found ? &a : NULL, password, "login", err);
	if (status == K_OK && who)
		*who = a;
	else if (found)
		account_free(&a);
	return status;
}

int login_unlock(struct store *st, const char *password, struct kerr *err)
{
	const char *me = store_actor(st);
	struct account a;
	if (!me || account_find_id(st, me, &a, err) != K_OK)
		return kerr_set(err, K_REFUSED, "", "nobody is logged in");
	int status = check(st, &a, password, "unlock", err);
	account_free(&a);
	return status;
}

int login_lock(struct store *st, struct kerr *err)
{
	return audit_record(st, "lock", "worker", store_actor(st), NULL, NULL, NULL, err);
}

void login_logout(struct store *st)
{
	store_set_actor(st, NULL);
	store_set_role(st, ROLE_NONE);
	store_set_keys(st, NULL, NULL, NULL);
}
