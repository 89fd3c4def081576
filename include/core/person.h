/* People: residents met by connectors, with their names, contacts, what matters to them and
 * consent. The description is data for the entity engine; the rest is what only people have. */
#ifndef KITH_PERSON_H
#define KITH_PERSON_H

#include "entity.h"

/* What a restricted person the reader may not see is called, wherever their name would be. */
#define PERSON_RESTRICTED_NAME "Restricted record"
/* A person's name as the reader may see it, in SQL, for the person row under alias P (a
 * string literal): the preferred or given name and the family name, or
 * PERSON_RESTRICTED_NAME for a restricted person the reader may not see (kith_sees, auth.c).
 * The one copy of this rule: a person's own display and every record named after a person
 * (referrals) use it, so that no one is found, sorted or named by a hidden name. */
/* clang-format off */
#define PERSON_NAME_SQL(P)                                                                  \
	"CASE WHEN " P ".restricted = 1 AND NOT kith_sees(" P ".id) THEN '"                  \
	PERSON_RESTRICTED_NAME "' ELSE CASE WHEN " P ".preferred_name <> '' THEN " P         \
	".preferred_name ELSE " P ".given_name END || CASE WHEN " P ".family_name <> '' THEN " \
	"' ' || " P ".family_name ELSE '' END END"
/* clang-format on */

enum person_field {
	PERSON_GIVEN_NAME,
	PERSON_FAMILY_NAME,
	PERSON_PREFERRED_NAME,
	PERSON_PRONOUNS,
	PERSON_BIRTH_YEAR,
	PERSON_EMAIL,
	PERSON_PHONE,
	PERSON_ADDRESS,
	PERSON_POSTCODE,
	PERSON_NEIGHBOURHOOD,
	PERSON_LANGUAGES,
	PERSON_WHAT_MATTERS,
	PERSON_NOTES,
	PERSON_CONSENT_STATUS,
	PERSON_CONSENT_BASIS,
	PERSON_CONSENT_DATE,
	PERSON_CONSENT_BY,
	PERSON_REVIEW_DATE,
	PERSON_RESTRICTED,
	PERSON_NFIELDS
};

extern const struct entity_def person_entity;

struct store;

/* Keeps a person past their review date (a coordinator), with a reason, until `until`
 * (typed as people type dates; NULL or "" for another retention period from today). */
int person_keep(struct store *st, const char *id, const char *reason, const char *until,
		struct kerr *err);
/* Erases a person (a coordinator), with a reason: every personal field of theirs and of
 * their conversations and wellbeing answers is blanked and tombstoned, their tags and
 * memberships ended, their referrals kept as anonymous flow; then the search index and the
 * write-ahead log are purged. K_BUSY, after erasing, when another connection kept the log
 * from being emptied. */
int person_erase(struct store *st, const char *id, const char *reason, struct kerr *err);
/* Erases again, as of when, a person the register of erasures names (a restore brings back
 * the state of a backup taken before the erasure): the rows only, no audit row of its own,
 * inside the caller's transaction when there is one. */
int person_erase_again(struct store *st, const char *id, const char *when, struct kerr *err);
/* Subject access (a coordinator): everything held about the person as JSON to path and as
 * text to path.txt, both 0600, the export itself audited. Refuses, before anything is
 * written, when either file exists unless force, and whenever either would be the database
 * (file_check_out). person_export never replaces a file. */
int person_export_out(struct store *st, const char *id, const char *path, bool force,
		      struct kerr *err);
int person_export(struct store *st, const char *id, const char *path, struct kerr *err);

/* A likely duplicate of a person about to be added: someone live the reader may see with the
 * same given and family names (case ignored) and the same postcode or year of birth. The
 * one rule, which the form, `person add` and the importer share. */
struct person_twin {
	char id[ID_LEN]; /* "" when there is none */
	char label[160]; /* "Amina Yusuf, E1 6AN" */
};
struct record;
/* rec holds normalised values (as saving stores them). K_OK with out->id "" when no one. */
int person_likely_duplicate(struct store *st, const struct record *rec, struct person_twin *out,
			    struct kerr *err);
/* Adds a person as entity_create does, but refuses a likely duplicate (K_DUPLICATE on
 * given_name, *twin naming them) unless allow_duplicate. One transaction. */
int person_add(struct store *st, struct record *rec, bool allow_duplicate, struct person_twin *twin,
	       struct kerr *err);
/* Merges the person other names into the one keep names (an id, the start of one, or a
 * name): every record, link and draft that refers to other refers to keep instead (a link
 * both had stays once), keep takes the details it lacked and stays restricted if either
 * was, and other becomes a tombstone whose merged_into is keep. Audited on both; one
 * transaction. Someone the reader may not see is refused as if unknown. *moved counts the
 * rows that now refer to keep. */
int person_merge(struct store *st, const char *keep, const char *other, long long *moved,
		 struct kerr *err);

#endif
