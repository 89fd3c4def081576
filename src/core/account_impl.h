/* What the account files share inside core: the keys an account's password unlocks, and the
 * audit trail's key that sessions hold (account_keys.c). */
#ifndef KITH_ACCOUNT_IMPL_H
#define KITH_ACCOUNT_IMPL_H

#include "account.h"
#include "keyring.h"

struct account_keyset {
	char *public_hex; /* the account's public key */
	char *secret_hex; /* its secret key, sealed with the password's unlock key */
	char *trail_hex;  /* the trail's key sealed to the public key, or NULL */
	char *vouch_hex;  /* the public key vouched for with the trail's key, or NULL */
};

/* A new key pair for account id, whose password gives unlock; when the session holds the
 * trail's key, it is vouched for and given the key. secret (may be NULL) gets the pair's
 * secret key. Free with account_keys_free. */
void account_keys_make(struct store *st, const char *id, const unsigned char unlock[KEYRING_KEY],
		       struct account_keyset *out, unsigned char secret[KEYRING_KEY]);
void account_keys_free(struct account_keyset *k);
/* Makes the trail's key and holds it in the session (the first account of a database);
 * the caller records who holds it (audit_key_held). */
void account_trail_begin(struct store *st);
/* At a login that checked the password: opens the account's secret key with unlock (NULL
 * when the hash gave none) and the trail's key with that, into the session; with
 * new_unlock (the password was hashed again) the secret key is sealed anew for it. An
 * account from before keys gets a pair, and the trail's key is made when none was ever
 * made here. Keys that no longer open are left as they are (verify names them) and the
 * session holds none. Gives the trail's key back to vouched accounts that lost theirs.
 * Runs inside the login's transaction. */
int account_keys_login(struct store *st, const char *account_id, const unsigned char *unlock,
		       const unsigned char *new_unlock, struct kerr *err);
/* Whether account id holds the trail's key (a vouched pair with the key sealed to it). */
int account_holds_trail(struct store *st, const char *id, bool *out, struct kerr *err);

#endif
