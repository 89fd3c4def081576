/* What writing the audit trail (audit.c) and checking it (audit_verify.c) share: how a row
 * is hashed and keyed, and the rows that say who holds the trail's key. */
#ifndef KITH_AUDIT_IMPL_H
#define KITH_AUDIT_IMPL_H

#include <sodium.h>

#include "audit.h"

enum {
	H_SEQ,
	H_ID,
	H_WORKER,
	H_ACTION,
	H_ENTITY,
	H_RECORD,
	H_PERSON,
	H_FIELDS,
	H_DETAIL,
	H_WHEN,
	H_PREV,
	H_COUNT
};

#define HASH_HEX (2 * crypto_hash_sha256_BYTES + 1)

/* The purposes the trail's key is used for (keyring_mac), kept apart. */
#define MAC_ROW "kith audit row"
#define MAC_SEAL "kith audit seal"

/* The details of the rows (action 'setting', entity 'audit', record_id the account) that
 * say an account came to hold the trail's key: made with it, or given it by a session that
 * held it. From the first of them on, every row needs the key but for the few written
 * without a login. */
#define KEY_MADE "the audit trail's key was made, held by this account"
#define KEY_GIVEN "the audit trail's key was given to this account"

/* A row's hash: each value as "length:text;" ("-;" for none), so that no two rows read
 * alike, and SHA-256 over them all, as hex. */
void audit_hash_row(const char *const v[H_COUNT], char out[HASH_HEX]);
/* The text the seal's MAC covers. */
void audit_seal_text(long long seq, const char *hash, char *out, size_t n);

#endif
