/* Logging in, locking and unlocking. Five wrong passwords in a row lock an account for five
 * minutes; more than ten failed logins on this database within five minutes lock every
 * login for five minutes. The counts are kept in the database (the worker row and the audit
 * trail), so that restarting kith does not reset them. */
#ifndef KITH_LOGIN_H
#define KITH_LOGIN_H

#include "account.h"

#define LOGIN_TRIES 5 /* wrong passwords in a row that lock an account */
#define LOGIN_LOCK_MINUTES 5
#define LOGIN_LAPTOP_TRIES 10 /* failed logins here in LOGIN_LOCK_MINUTES before all lock */

/* Checks the password; on success the store acts as that worker in their role (and a hash
 * made at a lower cost than the setting is made again). *who (may be NULL) gets the account.
 * Every attempt is audited. The refusal never says whether the name or the password was
 * wrong. */
int login_attempt(struct store *st, const char *username, const char *password, struct account *who,
		  struct kerr *err);
/* The screen was locked: only the same worker's password opens it (counted as a login). */
int login_unlock(struct store *st, const char *password, struct kerr *err);
/* Audits a lock of the screen (idle, or asked for). */
int login_lock(struct store *st, struct kerr *err);
/* Ends the session: the store acts as nobody. */
void login_logout(struct store *st);

#endif
