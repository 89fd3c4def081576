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
};

/* A new key pair for an account whose password gives unlock, with the trail's key sealed to
 * it when the session holds that key; secret (may be NULL) gets the pair's secret key. */
void account_keys_make(struct store *st, const unsigned char unlock[KEYRING_KEY],
		       struct account_keyset *out, unsigned char secret[KEYRING_KEY]);
void account_keys_free(struct account_keyset *k);
/* Makes the trail's key, holds it in the session and records in the trail that it was
 * made (the first account of a database; the first login after keys came to kith). */
int account_trail_begin(struct store *st, struct kerr *err);
/* At a login that checked the password: opens the account's secret key with unlock (NULL
 * when the hash gave none) and the trail's key with that, into the session; with
 * new_unlock (the password was hashed again) the secret key is sealed anew for it, and an
 * account with no key pair gets one. Shares the trail's key with accounts still waiting for
 * it. Runs inside the login's transaction. */
int account_keys_login(struct store *st, const char *account_id, const unsigned char *unlock,
		       const unsigned char *new_unlock, struct kerr *err);

#endif
