/* The audit trail: who viewed, changed, exported or erased what, and every login, failed
 * login, lock and role change, each written in the same transaction as what it records. The
 * trail is append-only (the schema refuses UPDATE and DELETE) and hash-chained: each row's
 * hash covers its own text and the hash before it, so a row changed behind kith's back (with
 * the sqlite3 shell, say) shows. */
#ifndef KITH_AUDIT_H
#define KITH_AUDIT_H

#include <stdbool.h>

#include "entity.h"
#include "kerr.h"

struct store;
struct record;

/* The audit trail as a read-only entity: the Audit screen lists it and `kith audit` pages it;
 * reading it needs AUTH_AUDIT. */
enum audit_field {
	AUDIT_SEQ,
	AUDIT_WORKER,
	AUDIT_ACTION,
	AUDIT_ENTITY,
	AUDIT_RECORD,
	AUDIT_PERSON,
	AUDIT_FIELDS,
	AUDIT_DETAIL,
	AUDIT_ORIGIN, /* '' this laptop's own trail, else the laptop (its hub name) it came from */
	AUDIT_NFIELDS
};
extern const struct entity_def audit_entity;

/* One row, by the logged-in worker. action is one the schema allows ("view", "update",
 * "login_failed", ...); entity, record_id, person_id (whom it concerns), fields (names, never
 * values) and detail may be NULL. Runs inside the caller's transaction when there is one. */
int audit_record(struct store *st, const char *action, const char *entity, const char *record_id,
		 const char *person_id, const char *fields, const char *detail, struct kerr *err);
/* The same, naming the worker (a failed login has no logged-in worker). */
int audit_record_as(struct store *st, const char *worker_id, const char *action, const char *entity,
		    const char *record_id, const char *person_id, const char *fields,
		    const char *detail, struct kerr *err);

/* Records that an account came to hold the trail's key (made with it when made, else given
 * it by this session, which holds it), in the caller's transaction. */
int audit_key_held(struct store *st, const char *account_id, bool made, struct kerr *err);

/* A change to rec through the entity engine: which fields differ from old (all that are
 * set when old is NULL). */
int audit_change(struct store *st, const char *action, const struct record *old,
		 const struct record *rec, struct kerr *err);
/* An update that corrects what was recorded: audited as audit_change does, with the detail
 * "correction: status attended → contacted" (a personal field by its name alone, so that
 * the trail holds nothing erasure would have to blank). */
int audit_correction(struct store *st, const struct record *old, const struct record *rec,
		     struct kerr *err);

struct audit_check {
	long long rows;    /* rows whose chain holds, from the first */
	long long bad;     /* the first row whose hash does not follow, or 0 */
	long long sealed;  /* the row the seal vouches for (rows after it are failed logins and
			     the like, written without the key); 0 when there is no seal */
	long long unkeyed; /* rows written by accounts that do not hold the trail's key yet
			      (after an upgrade from a kith before keys): not vouched for */
	bool keyed;        /* the reader holds the trail's key, so the seal itself was checked */
	long long hub;     /* the last row the hub held a copy of at the last sync; 0 none */
};
/* Checks the trail: every row's hash follows from the one before (a changed row shows);
 * from the row where the trail's key was made, every row carries a MAC made with the key
 * (a row added outside kith shows), but for failed logins and rows by accounts that do not
 * hold the key yet; the seal still matches a row of the chain (a cut tail or a rebuilt
 * chain shows); every account's key is the one vouched for; the guards that keep it
 * append-only are there; the trail still reaches, as it was, the last row the hub said it
 * holds (a cut tail shows against the hub's copy even when the seal went back with it). The
 * keyed checks need a reader who holds the key. K_CORRUPT with a sentence saying what is
 * wrong. */
int audit_verify(struct store *st, struct audit_check *out, struct kerr *err);

/* The person a record concerns: the person, or the person a record is about (a
 * conversation's, a referral's); NULL when none. */
const char *audit_person_of(const struct record *rec);

#endif
