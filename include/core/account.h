/* Accounts: who may log in, their role, their password. Passwords are at least 12
 * characters, not common, never stored: an Argon2id hash (libsodium) at a cost measured on
 * this machine to take about a third of a second, raised on login when the setting rises.
 * Every change is audited. */
#ifndef KITH_ACCOUNT_H
#define KITH_ACCOUNT_H

#include <stdbool.h>

#include "auth.h"
#include "id.h"
#include "kerr.h"
#include "keyring.h"

struct store;

#define PASSWORD_MIN 12   /* characters */
#define PASSWORD_MAX 1024 /* bytes */

struct account {
	char id[ID_LEN];
	char *username, *display_name;
	enum role role;
	bool disabled;
	char *last_login;   /* a stamp, or "" */
	char *locked_until; /* a stamp, or "" */
};

struct account_list {
	struct account *item;
	int n;
};

/* Whether any account that can log in exists. */
int account_exists(struct store *st, bool *out, struct kerr *err);
/* Refuses a password that is short, too long, common, made of one character or a run
 * (abcd..., 1234..., a keyboard row), or that contains the username. */
int account_password_ok(const char *username, const char *password, struct kerr *err);

/* Adds an account. The first account of a database must be an admin and needs no login;
 * after that, only an admin adds accounts. *id gets the new id (may be NULL). */
int account_add(struct store *st, const char *username, const char *display_name, enum role role,
		const char *password, char *id, struct kerr *err);
int account_list(struct store *st, struct account_list *out, struct kerr *err);
void account_list_free(struct account_list *list);
/* By username (case ignored); K_NOT_FOUND when none. */
int account_find(struct store *st, const char *username, struct account *out, struct kerr *err);
int account_find_id(struct store *st, const char *id, struct account *out, struct kerr *err);
void account_free(struct account *a);
/* Admin only; the last admin who can log in is never disabled or made less. */
int account_disable(struct store *st, const char *username, bool disabled, struct kerr *err);
int account_set_role(struct store *st, const char *username, enum role role, struct kerr *err);
/* An admin sets anyone's; a worker their own. */
int account_set_password(struct store *st, const char *username, const char *password,
			 struct kerr *err);

/* The hash of a password at the database's cost (measured and kept the first time), in
 * kith's form: one Argon2id run gives what checks the password, which is kept, and the key
 * that unlocks the account's secret key (keyring.h), which goes to unlock (may be NULL) and
 * is never kept. Caller frees. NULL when memory for the hash could not be had. */
char *account_hash(struct store *st, const char *password, unsigned char unlock[KEYRING_KEY],
		   struct kerr *err);
/* Checks password against hash in constant time. *stale is set when the hash must be made
 * again (a lower cost than the setting now asks, or libsodium's own form from before
 * accounts had keys); *unlocked when unlock was filled (kith's form only). */
bool account_verify(struct store *st, const char *hash, const char *password, bool *stale,
		    unsigned char unlock[KEYRING_KEY], bool *unlocked);
/* A hash of nothing at the kept cost, for a login naming no account (caller frees; NULL
 * before the first account). */
char *account_dummy_hash(struct store *st);
/* Measures the cost that takes about a third of a second here and keeps it as the setting
 * when it is higher than the one kept (admin). KITH_PASSWORD_COST=min asks for the least
 * cost, for tests only. */
int account_calibrate(struct store *st, struct kerr *err);

#endif
