/* The keys accounts hold: each account's key pair, unlocked by its password at login, and
 * the audit trail's key, sealed to accounts' public keys. Only a session that holds the
 * trail's key and sets an account's password (or makes the account) knows that a pair is
 * that account's: it vouches for the pair with the trail's key, and the key is only ever
 * sealed to vouched pairs, so that no one can catch it by putting a pair of their own in an
 * account's row. */
#include "account_impl.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "store.h"
#include "xalloc.h"

#define VOUCH "kith vouch"

static char *vouch_of(const unsigned char *trail, const char *id, const char *public_hex)
{
	char text[160], *out = xmalloc(KEYRING_MAC_HEX);
	snprintf(text, sizeof text, "%s:%s", id, public_hex ? public_hex : "");
	keyring_mac(trail, VOUCH, text, out);
	return out;
}

static bool vouched(const unsigned char *trail, const char *id, const char *public_hex,
		    const char *vouch)
{
	char text[160];
	snprintf(text, sizeof text, "%s:%s", id, public_hex ? public_hex : "");
	return public_hex && keyring_mac_ok(trail, VOUCH, text, vouch);
}

void account_keys_make(struct store *st, const char *id, const unsigned char unlock[KEYRING_KEY],
		       struct account_keyset *out, unsigned char secret[KEYRING_KEY])
{
	struct keyring_pair pair;
	keyring_make(unlock, &pair, secret);
	out->public_hex = pair.public_hex;
	out->secret_hex = pair.secret_hex;
	const unsigned char *trail = store_trail_key(st);
	out->trail_hex = trail ? keyring_seal(pair.public_hex, trail, KEYRING_KEY) : NULL;
	out->vouch_hex = trail ? vouch_of(trail, id, pair.public_hex) : NULL;
}

void account_keys_free(struct account_keyset *k)
{
	free(k->public_hex);
	free(k->secret_hex);
	free(k->trail_hex);
	free(k->vouch_hex);
	memset(k, 0, sizeof *k);
}

void account_trail_begin(struct store *st)
{
	unsigned char trail[KEYRING_KEY];
	randombytes_buf(trail, sizeof trail);
	store_set_keys(st, trail, store_secret_key(st), store_public_key(st));
	sodium_memzero(trail, sizeof trail);
}

/* ---- what an account holds ---- */

struct held {
	char *public_hex, *secret_hex, *trail_hex, *vouch_hex, *hash;
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
	int status = store_prepare(st,
				   "SELECT public_key, secret_key, trail_key, key_vouch, "
				   "password_hash FROM worker WHERE id = ?1",
				   &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		h->public_hex = column(stmt, 0);
		h->secret_hex = column(stmt, 1);
		h->trail_hex = column(stmt, 2);
		h->vouch_hex = column(stmt, 3);
		h->hash = column(stmt, 4);
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
	free(h->vouch_hex);
	free(h->hash);
}

static int write_held(struct store *st, const char *id, const struct held *h, struct kerr *err)
{
	const char *v[] = {id, h->public_hex, h->secret_hex, h->trail_hex, h->vouch_hex};
	return store_run(st,
			 "UPDATE worker SET public_key = ?2, secret_key = ?3, trail_key = ?4, "
			 "key_vouch = ?5 WHERE id = ?1",
			 v, 5, err);
}

int account_holds_trail(struct store *st, const char *id, bool *out, struct kerr *err)
{
	long long n = 0;
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st, "SELECT trail_key IS NOT NULL FROM worker WHERE id = ?1",
				   &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	n = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	status = rc == SQLITE_ROW || rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	*out = n != 0;
	return status;
}

/* ---- at login ---- */

/* Whether the trail's key may be made at this login: never when it was made here before,
 * or when any other account shows it had keys (a hash in kith's form, a pair, a key) -
 * an attacker who clears the seal and the keys must not get a fresh key minted over a
 * rebuilt trail. On a laptop that joined a hub the accounts' pairs and hashes came from the
 * hub and say nothing of this laptop's trail, whose key is its own: there only the key's
 * own columns and the trail's record of it count (and the hub's copy of the trail shows one
 * rebuilt). */
static int may_begin(struct store *st, const char *me, bool *yes, struct kerr *err)
{
	const char *v[] = {me};
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(
		st,
		"SELECT EXISTS (SELECT 1 FROM audit WHERE action = 'setting' AND entity = "
		"'audit' AND origin = '') OR EXISTS (SELECT 1 FROM worker WHERE trail_key IS "
		"NOT NULL OR key_vouch IS NOT NULL) OR (NOT EXISTS (SELECT 1 FROM sync_state "
		"WHERE joined = 1) AND EXISTS (SELECT 1 FROM worker WHERE id <> ?1 AND "
		"(public_key IS NOT NULL OR password_hash LIKE '$kith1$%')))",
		&stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, v[0], -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	*yes = rc == SQLITE_ROW && sqlite3_column_int(stmt, 0) == 0;
	status = rc == SQLITE_ROW ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

/* The account's secret key, opened with unlock and sealed anew for new_unlock. An account
 * from before keys (its hash was libsodium's, so only new_unlock is given) gets a pair;
 * keys that do not open are left as they are. *opened says whether sk holds the key. */
static void open_pair(const unsigned char *unlock, const unsigned char *new_unlock, struct held *h,
		      unsigned char sk[KEYRING_KEY], bool *opened)
{
	*opened = unlock && h->public_hex && keyring_open_secret(unlock, h->secret_hex, sk);
	if (*opened && new_unlock) {
		free(h->secret_hex);
		h->secret_hex = keyring_lock_secret(new_unlock, sk);
	} else if (!*opened && !unlock && new_unlock && !h->public_hex) {
		struct keyring_pair pair;
		keyring_make(new_unlock, &pair, sk);
		h->public_hex = pair.public_hex;
		h->secret_hex = pair.secret_hex;
		*opened = true;
	}
}

/* Seals the session's trail key for every account whose vouched pair lost it. */
static int share(struct store *st, struct kerr *err)
{
	const unsigned char *trail = store_trail_key(st);
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st,
				   "SELECT id, public_key, key_vouch FROM worker WHERE "
				   "public_key IS NOT NULL AND trail_key IS NULL AND key_vouch "
				   "IS NOT NULL AND deleted_at IS NULL",
				   &stmt, err);
	if (status != K_OK)
		return status;
	struct give {
		char id[ID_LEN];
		char *sealed;
	} *give = NULL;
	size_t n = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(stmt, 0);
		const char *pk = (const char *)sqlite3_column_text(stmt, 1);
		if (!vouched(trail, id, pk, (const char *)sqlite3_column_text(stmt, 2)))
			continue; /* not vouched for with this key: never given it */
		give = xgrow(give, n, &cap, sizeof *give);
		snprintf(give[n].id, ID_LEN, "%s", id);
		give[n++].sealed = keyring_seal(pk, trail, KEYRING_KEY);
	}
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	for (size_t i = 0; i < n; i++) {
		const char *v[] = {give[i].id, give[i].sealed};
		if (status == K_OK && give[i].sealed)
			status = store_run(st, "UPDATE worker SET trail_key = ?2 WHERE id = ?1", v,
					   2, err);
		free(give[i].sealed);
	}
	free(give);
	return status;
}

/* The trail's key, made at this login when it was never made here: held, sealed to the
 * account's pair, vouched for and recorded. */
static int begin_here(struct store *st, const char *id, struct held *h, struct kerr *err)
{
	bool yes = false;
	int status = may_begin(st, id, &yes, err);
	if (status != K_OK || !yes)
		return status;
	account_trail_begin(st);
	const unsigned char *trail = store_trail_key(st);
	h->trail_hex = keyring_seal(h->public_hex, trail, KEYRING_KEY);
	h->vouch_hex = vouch_of(trail, id, h->public_hex);
	return audit_key_held(st, id, true, err);
}

int account_keys_login(struct store *st, const char *account_id, const unsigned char *unlock,
		       const unsigned char *new_unlock, struct kerr *err)
{
	struct held h;
	unsigned char sk[KEYRING_KEY], trail[KEYRING_KEY];
	bool opened = false, has_trail = false;
	int status = read_held(st, account_id, &h, err);
	if (status == K_OK)
		open_pair(unlock, new_unlock, &h, sk, &opened);
	if (status == K_OK && opened) {
		has_trail = h.trail_hex &&
			    keyring_open(h.public_hex, sk, h.trail_hex, trail, sizeof trail);
		store_set_keys(st, has_trail ? trail : NULL, sk, h.public_hex);
		if (!has_trail && !h.trail_hex)
			status = begin_here(st, account_id, &h, err);
		if (status == K_OK)
			status = write_held(st, account_id, &h, err);
	}
	if (status == K_OK && store_trail_key(st))
		status = share(st, err);
	sodium_memzero(sk, sizeof sk);
	sodium_memzero(trail, sizeof trail);
	held_free(&h);
	return status;
}
