/* The keys accounts hold: each account's key pair, unlocked by its password at login, and
 * the audit trail's key, sealed to every account that has a key pair. A session that holds
 * the trail's key seals the trail as it writes (audit.c) and shares the key with accounts
 * that have none yet, so that no one ever needs another's password for it. */
#include "account_impl.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "store.h"
#include "xalloc.h"

/* What the trail says when its key is made; audit_verify looks for it. */
#define KEY_MADE "the audit trail's key was made"

void account_keys_make(struct store *st, const unsigned char unlock[KEYRING_KEY],
		       struct account_keyset *out, unsigned char secret[KEYRING_KEY])
{
	struct keyring_pair pair;
	keyring_make(unlock, &pair, secret);
	out->public_hex = pair.public_hex;
	out->secret_hex = pair.secret_hex;
	const unsigned char *trail = store_trail_key(st);
	out->trail_hex = trail ? keyring_seal(pair.public_hex, trail, KEYRING_KEY) : NULL;
}

void account_keys_free(struct account_keyset *k)
{
	free(k->public_hex);
	free(k->secret_hex);
	free(k->trail_hex);
	memset(k, 0, sizeof *k);
}

int account_trail_begin(struct store *st, struct kerr *err)
{
	unsigned char trail[KEYRING_KEY];
	randombytes_buf(trail, sizeof trail);
	store_set_keys(st, trail, store_secret_key(st), store_public_key(st));
	sodium_memzero(trail, sizeof trail);
	return audit_record(st, "setting", "audit", NULL, NULL, NULL, KEY_MADE, err);
}

/* ---- at login ---- */

struct held {
	char *public_hex, *secret_hex, *trail_hex;
};

static char *column(sqlite3_stmt *stmt, int i)
{
	const unsigned char *v = sqlite3_column_text(stmt, i);
	return v ? xstrdup((const char *)v) : NULL;
}

static int read_held(struct store *st, const char *id, struct held *h, struct kerr *err)
{
	memset(h, 0, sizeof *h);
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st, "SELECT public_key, secret_key, trail_key FROM worker WHERE "
				       "id = ?1", &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		h->public_hex = column(stmt, 0);
		h->secret_hex = column(stmt, 1);
		h->trail_hex = column(stmt, 2);
	}
	status = rc == SQLITE_ROW ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

static void held_free(struct held *h)
{
	free(h->public_hex);
	free(h->secret_hex);
	free(h->trail_hex);
}

/* Whether a trail's key may be made now: none was ever made here (the trail would say so),
 * so this is a database from before keys, at its first login since. */
static int may_begin(struct store *st, bool *yes, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st, "SELECT EXISTS (SELECT 1 FROM audit WHERE action = "
				       "'setting' AND entity = 'audit' AND detail = ?1) OR EXISTS "
				       "(SELECT 1 FROM worker WHERE trail_key IS NOT NULL)", &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, KEY_MADE, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	*yes = rc == SQLITE_ROW && sqlite3_column_int(stmt, 0) == 0;
	status = rc == SQLITE_ROW ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

/* The account's secret key, opened with unlock, or a new pair when it has none that opens;
 * sealed anew for new_unlock when the password was hashed again. */
static void open_pair(const unsigned char *unlock, const unsigned char *new_unlock,
		      struct held *h, unsigned char sk[KEYRING_KEY], bool *fresh)
{
	bool opened = unlock && h->public_hex &&
		      keyring_open_secret(unlock, h->secret_hex, sk);
	*fresh = !opened;
	if (!opened) {
		struct keyring_pair pair;
		keyring_make(new_unlock ? new_unlock : unlock, &pair, sk);
		free(h->public_hex), free(h->secret_hex);
		h->public_hex = pair.public_hex;
		h->secret_hex = pair.secret_hex;
	} else if (new_unlock) {
		free(h->secret_hex);
		h->secret_hex = keyring_lock_secret(new_unlock, sk);
	}
}

static int write_held(struct store *st, const char *id, const struct held *h, struct kerr *err)
{
	const char *v[] = {id, h->public_hex, h->secret_hex, h->trail_hex};
	return store_run(st, "UPDATE worker SET public_key = ?2, secret_key = ?3, trail_key = ?4 "
			     "WHERE id = ?1", v, 4, err);
}

/* Seals the session's trail key for every account with a key pair and no trail key. */
static int share(struct store *st, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st, "SELECT id, public_key FROM worker WHERE public_key IS NOT "
				       "NULL AND trail_key IS NULL AND deleted_at IS NULL", &stmt, err);
	if (status != K_OK)
		return status;
	struct held *wait = NULL;
	char (*ids)[ID_LEN] = NULL;
	size_t n = 0;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		wait = xreallocarray(wait, n + 1, sizeof *wait);
		ids = xreallocarray(ids, n + 1, sizeof *ids);
		memset(&wait[n], 0, sizeof *wait);
		snprintf(ids[n], ID_LEN, "%s", sqlite3_column_text(stmt, 0));
		wait[n].public_hex = column(stmt, 1);
		wait[n].trail_hex = keyring_seal(wait[n].public_hex, store_trail_key(st), KEYRING_KEY);
		n++;
	}
	sqlite3_finalize(stmt);
	for (size_t i = 0; i < n; i++) {
		const char *v[] = {ids[i], wait[i].trail_hex};
		if (status == K_OK && wait[i].trail_hex)
			status = store_run(st, "UPDATE worker SET trail_key = ?2 WHERE id = ?1", v, 2,
					   err);
		held_free(&wait[i]);
	}
	free(wait);
	free(ids);
	return status;
}

int account_keys_login(struct store *st, const char *account_id, const unsigned char *unlock,
		       const unsigned char *new_unlock, struct kerr *err)
{
	struct held h;
	unsigned char sk[KEYRING_KEY], trail[KEYRING_KEY];
	bool fresh = false, has_trail = false;
	int status = read_held(st, account_id, &h, err);
	if (status == K_OK && (unlock || new_unlock)) {
		open_pair(unlock, new_unlock, &h, sk, &fresh);
		has_trail = !fresh && h.trail_hex &&
			    keyring_open(h.public_hex, sk, h.trail_hex, trail, sizeof trail);
		store_set_keys(st, has_trail ? trail : NULL, sk, h.public_hex);
	}
	if (!has_trail) { /* sealed to a pair that is gone, or not at all: waits to be shared */
		free(h.trail_hex);
		h.trail_hex = NULL;
	}
	bool begin = false;
	if (status == K_OK && !has_trail && store_secret_key(st))
		status = may_begin(st, &begin, err);
	if (status == K_OK && begin)
		status = account_trail_begin(st, err);
	if (status == K_OK && store_trail_key(st) && !h.trail_hex)
		h.trail_hex = keyring_seal(h.public_hex, store_trail_key(st), KEYRING_KEY);
	if (status == K_OK && store_secret_key(st))
		status = write_held(st, account_id, &h, err);
	if (status == K_OK && store_trail_key(st))
		status = share(st, err);
	sodium_memzero(sk, sizeof sk);
	sodium_memzero(trail, sizeof trail);
	held_free(&h);
	return status;
}
