/* The accounts' keys. A password, run through Argon2id once at login, gives two things: what
 * checks it, and a key that unlocks the account's secret key (X25519). Things sealed to the
 * account's public key open only with that secret key: the audit trail's key, and whatever
 * else a worker's login must unlock. Anyone who holds the trail's key can seal it for
 * another account (their public key is plain), so no one needs another's password. Every
 * key is libsodium's; this module only packs them as hex for the database. */
#ifndef KITH_KEYRING_H
#define KITH_KEYRING_H

#include <stdbool.h>
#include <stddef.h>

#include "kerr.h"

#define KEYRING_KEY 32 /* bytes of an unlock key, a secret key and the trail's key */

struct keyring_pair {
	char *public_hex; /* X25519 public key */
	char *secret_hex; /* its secret key, sealed with the unlock key */
};

/* A new key pair whose secret key only unlock opens; secret (may be NULL) gets the secret
 * key itself. Caller frees with keyring_pair_free. */
void keyring_make(const unsigned char unlock[KEYRING_KEY], struct keyring_pair *out,
		  unsigned char secret[KEYRING_KEY]);
/* A secret key sealed with unlock, as hex (when the password changes). Caller frees. */
char *keyring_lock_secret(const unsigned char unlock[KEYRING_KEY],
			  const unsigned char secret[KEYRING_KEY]);
void keyring_pair_free(struct keyring_pair *p);
/* Opens a sealed secret key with unlock; false when it is not the key it was sealed with
 * or the text was changed. */
bool keyring_open_secret(const unsigned char unlock[KEYRING_KEY], const char *secret_hex,
			 unsigned char secret[KEYRING_KEY]);
/* Seals n bytes to a public key (anyone may; only the secret key opens it). Caller frees;
 * NULL when public_hex is not a key. */
char *keyring_seal(const char *public_hex, const unsigned char *data, size_t n);
/* Opens what keyring_seal sealed to public_hex, with its secret key, into out (n bytes);
 * false when it was not sealed to this pair, is not n bytes, or was changed. */
bool keyring_open(const char *public_hex, const unsigned char secret[KEYRING_KEY],
		  const char *sealed_hex, unsigned char *out, size_t n);
/* Text sealed with keyring_seal (its bytes without the NUL), opened: caller frees; NULL when
 * it does not open with this pair. */
char *keyring_open_text(const char *public_hex, const unsigned char secret[KEYRING_KEY],
			const char *sealed_hex);
#define KEYRING_MAC_HEX 65 /* an HMAC-SHA-256 as hex, with its NUL */

/* HMAC-SHA-256 of purpose, ':' and text, keyed with key (the trail's key), as hex: the
 * purpose keeps one use's MACs from standing for another's. */
void keyring_mac(const unsigned char key[KEYRING_KEY], const char *purpose, const char *text,
		 char out[KEYRING_MAC_HEX]);
/* Whether mac_hex is that MAC (in constant time; false for NULL or the wrong length). */
bool keyring_mac_ok(const unsigned char key[KEYRING_KEY], const char *purpose, const char *text,
		    const char *mac_hex);
/* The public key that belongs to a secret key, as hex (for checking a pair). Caller frees. */
char *keyring_public_of(const unsigned char secret[KEYRING_KEY]);

#endif
