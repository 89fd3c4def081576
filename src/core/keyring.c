/* The accounts' keys, as hex text for the database: key pairs whose secret half is sealed
 * with a key from the password (secretbox), and sealed boxes to a public key (box_seal). */
#include "keyring.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static char *hex_of(const unsigned char *bin, size_t n)
{
	char *hex = xmalloc(2 * n + 1);
	sodium_bin2hex(hex, 2 * n + 1, bin, n);
	return hex;
}

/* Decodes hex of exactly n bytes into out (allocated, caller frees); NULL otherwise. */
static unsigned char *bin_of(const char *hex, size_t *n)
{
	size_t len = hex ? strlen(hex) : 0;
	if (len == 0 || len % 2)
		return NULL;
	unsigned char *bin = xmalloc(len / 2);
	if (sodium_hex2bin(bin, len / 2, hex, len, NULL, n, NULL) != 0 || *n != len / 2) {
		free(bin);
		return NULL;
	}
	return bin;
}

char *keyring_lock_secret(const unsigned char unlock[KEYRING_KEY],
			  const unsigned char secret[KEYRING_KEY])
{
	unsigned char sealed[crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + KEYRING_KEY];
	randombytes_buf(sealed, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(sealed + crypto_secretbox_NONCEBYTES, secret, KEYRING_KEY, sealed,
			      unlock);
	return hex_of(sealed, sizeof sealed);
}

void keyring_make(const unsigned char unlock[KEYRING_KEY], struct keyring_pair *out,
		  unsigned char secret[KEYRING_KEY])
{
	unsigned char pk[crypto_box_PUBLICKEYBYTES], sk[crypto_box_SECRETKEYBYTES];
	crypto_box_keypair(pk, sk);
	out->public_hex = hex_of(pk, sizeof pk);
	out->secret_hex = keyring_lock_secret(unlock, sk);
	if (secret)
		memcpy(secret, sk, KEYRING_KEY);
	sodium_memzero(sk, sizeof sk);
}

void keyring_pair_free(struct keyring_pair *p)
{
	free(p->public_hex);
	free(p->secret_hex);
	p->public_hex = p->secret_hex = NULL;
}

bool keyring_open_secret(const unsigned char unlock[KEYRING_KEY], const char *secret_hex,
			 unsigned char secret[KEYRING_KEY])
{
	size_t n = 0;
	unsigned char *sealed = bin_of(secret_hex, &n);
	bool ok = sealed &&
		  n == crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + KEYRING_KEY &&
		  crypto_secretbox_open_easy(secret, sealed + crypto_secretbox_NONCEBYTES,
					     n - crypto_secretbox_NONCEBYTES, sealed, unlock) == 0;
	free(sealed);
	return ok;
}

char *keyring_seal(const char *public_hex, const unsigned char *data, size_t n)
{
	size_t len = 0;
	unsigned char *pk = bin_of(public_hex, &len);
	if (!pk || len != crypto_box_PUBLICKEYBYTES) {
		free(pk);
		return NULL;
	}
	unsigned char *box = xmalloc(n + crypto_box_SEALBYTES);
	crypto_box_seal(box, data, n, pk);
	char *hex = hex_of(box, n + crypto_box_SEALBYTES);
	free(box);
	free(pk);
	return hex;
}

/* Opens a sealed box into a new buffer of *n bytes (and a NUL after them). */
static unsigned char *open_box(const char *public_hex, const unsigned char secret[KEYRING_KEY],
			       const char *sealed_hex, size_t *n)
{
	size_t plen = 0, blen = 0;
	unsigned char *pk = bin_of(public_hex, &plen), *box = bin_of(sealed_hex, &blen);
	unsigned char *out = NULL;
	if (pk && box && plen == crypto_box_PUBLICKEYBYTES && blen >= crypto_box_SEALBYTES) {
		*n = blen - crypto_box_SEALBYTES;
		out = xmalloc(*n + 1);
		if (crypto_box_seal_open(out, box, blen, pk, secret) != 0) {
			sodium_memzero(out, *n);
			free(out);
			out = NULL;
		} else {
			out[*n] = '\0';
		}
	}
	free(pk);
	free(box);
	return out;
}

bool keyring_open(const char *public_hex, const unsigned char secret[KEYRING_KEY],
		  const char *sealed_hex, unsigned char *out, size_t n)
{
	size_t got = 0;
	unsigned char *plain = open_box(public_hex, secret, sealed_hex, &got);
	bool ok = plain && got == n;
	if (ok)
		memcpy(out, plain, n);
	if (plain)
		sodium_memzero(plain, got);
	free(plain);
	return ok;
}

char *keyring_open_text(const char *public_hex, const unsigned char secret[KEYRING_KEY],
			const char *sealed_hex)
{
	size_t n = 0;
	return (char *)open_box(public_hex, secret, sealed_hex, &n);
}

char *keyring_public_of(const unsigned char secret[KEYRING_KEY])
{
	unsigned char pk[crypto_box_PUBLICKEYBYTES];
	crypto_scalarmult_base(pk, secret);
	return hex_of(pk, sizeof pk);
}

void keyring_mac(const unsigned char key[KEYRING_KEY], const char *purpose, const char *text,
		 char out[KEYRING_MAC_HEX])
{
	crypto_auth_hmacsha256_state state;
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_init(&state, key, KEYRING_KEY);
	crypto_auth_hmacsha256_update(&state, (const unsigned char *)purpose, strlen(purpose));
	crypto_auth_hmacsha256_update(&state, (const unsigned char *)":", 1);
	crypto_auth_hmacsha256_update(&state, (const unsigned char *)text, strlen(text));
	crypto_auth_hmacsha256_final(&state, mac);
	sodium_bin2hex(out, KEYRING_MAC_HEX, mac, sizeof mac);
}

bool keyring_mac_ok(const unsigned char key[KEYRING_KEY], const char *purpose, const char *text,
		    const char *mac_hex)
{
	char want[KEYRING_MAC_HEX];
	if (!mac_hex || !text || strlen(mac_hex) != KEYRING_MAC_HEX - 1)
		return false;
	keyring_mac(key, purpose, text, want);
	return sodium_memcmp(want, mac_hex, KEYRING_MAC_HEX - 1) == 0;
}
