/* The person entity: its fields, orders and search, and the consent rules kept on save. */
#include "person.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "record.h"
#include "store.h"

static const char *const consent_status[] = {"given", "refused", "not_asked", NULL};
static const char *const consent_basis[] = {"consent", "legitimate_interests", "public_task",
					    "vital_interests", NULL};

#define P (FIELD_PERSONAL)
/* clang-format off */
static const struct field_def fields[PERSON_NFIELDS] = {
	[PERSON_GIVEN_NAME] = {"given_name", "Given name", FIELD_TEXT,
			       FIELD_REQUIRED | FIELD_LISTED | P, 100, 0, NULL, 0, NULL, 14,
			       "first name, as they give it"},
	[PERSON_FAMILY_NAME] = {"family_name", "Family name", FIELD_TEXT, FIELD_LISTED | P, 100, 0,
				NULL, 0, NULL, 16, "surname, if they give one"},
	[PERSON_PREFERRED_NAME] = {"preferred_name", "Preferred name", FIELD_TEXT, P, 100, 0, NULL,
				   0, NULL, 14, "what they like to be called"},
	[PERSON_PRONOUNS] = {"pronouns", "Pronouns", FIELD_TEXT, P, 40, 0, NULL, 0, NULL, 8, NULL},
	[PERSON_BIRTH_YEAR] = {"birth_year", "Year of birth", FIELD_YEAR, P, 0, 1900, NULL, 0, NULL,
			       4, NULL},
	[PERSON_EMAIL] = {"email", "E-mail", FIELD_EMAIL, P, 254, 0, NULL, 0, NULL, 24, NULL},
	[PERSON_PHONE] = {"phone", "Phone", FIELD_PHONE, FIELD_LISTED | P, 40, 0, NULL, 0, NULL, 14,
			  NULL},
	[PERSON_ADDRESS] = {"address", "Address", FIELD_TEXT, P, 300, 0, NULL, 0, NULL, 30, NULL},
	[PERSON_POSTCODE] = {"postcode", "Postcode", FIELD_POSTCODE, FIELD_LISTED | P, 10, 0, NULL,
			     0, NULL, 8, "UK postcode, such as E1 6AN"},
	[PERSON_NEIGHBOURHOOD] = {"neighbourhood", "Neighbourhood", FIELD_TEXT, FIELD_LISTED, 80, 0,
				  NULL, 0, NULL, 14, NULL},
	[PERSON_LANGUAGES] = {"languages", "Languages", FIELD_TEXT, P, 200, 0, NULL, 0, NULL, 16,
			      "languages they speak"},
	[PERSON_WHAT_MATTERS] = {"what_matters", "What matters to me", FIELD_NOTE, P, 4000, 0, NULL,
				 0, NULL, 30, "in their words: hopes, passions, what they care about"},
	[PERSON_NOTES] = {"notes", "Notes", FIELD_NOTE, P, 10000, 0, NULL, 0, NULL, 30, NULL},
	[PERSON_CONSENT_STATUS] = {"consent_status", "Consent", FIELD_CHOICE, 0, 0, 0,
				   consent_status, 0, "not_asked", 9,
				   "have they agreed to us keeping this record?"},
	[PERSON_CONSENT_BASIS] = {"consent_basis", "Lawful basis", FIELD_CHOICE, 0, 0, 0,
				  consent_basis, 0, NULL, 12, "UK GDPR basis for keeping it"},
	[PERSON_CONSENT_DATE] = {"consent_date", "Consent date", FIELD_DATE, 0, 0, 0, NULL, 0, NULL,
				 10, "when consent was given or refused"},
	[PERSON_CONSENT_BY] = {"consent_by", "Consent recorded by", FIELD_REF, FIELD_AUTO, 0, 0,
			       NULL, ENTITY_WORKER, NULL, 14, NULL},
	[PERSON_REVIEW_DATE] = {"review_date", "Review date", FIELD_DATE, 0, 0, 0, NULL, 0, NULL, 10,
				"when to review whether to keep this record"},
	[PERSON_RESTRICTED] = {"restricted", "Restricted", FIELD_BOOL, 0, 0, 0, NULL, 0, "no", 3,
			       "a safeguarding case or a refuge address: details shown only to "
			       "those who need them"},
};
/* clang-format on */
#undef P

/* clang-format off */
static const struct sort_def sorts[] = {
	/* the index's own keys (person_by_family), so that a page's bound starts its scan where
	 * the page starts; those without a family name come last */
	{"family", "by family name",
	 {"(t.family_name = '')", "t.family_name COLLATE NOCASE", "t.given_name COLLATE NOCASE",
	  "t.id"}, false},
	{"given", "by given name",
	 {"t.given_name COLLATE NOCASE", "t.family_name COLLATE NOCASE", "t.id"}, false},
	{"recent", "recently changed first", {"t.updated_at", "t.id", NULL}, true},
	{"new", "newest first", {"t.created_at", "t.id", NULL}, true},
};
/* clang-format on */

/* clang-format off */
static const struct filter_def filters[] = {
	{"review", "review due", "t.review_date <= :today", NULL},
	{"no_consent", "consent not given", "t.consent_status <> 'given'", NULL},
	/* what a connector agreed in a conversation and has not done by the date they said */
	{"follow_up", "conversation follow-up due",
	 "EXISTS (SELECT 1 FROM conversation c WHERE c.person_id = t.id AND c.deleted_at IS NULL "
	 "AND c.follow_up_date <= :today)",
	 NULL},
	/* from the tag's few carriers (person_tag_by_tag), not every person's tags */
	{"gift", "gift, skill or passion",
	 "t.id IN (SELECT k.person_id FROM tag g JOIN person_tag k ON k.tag_id = g.id "
	 "WHERE g.name = :value AND g.deleted_at IS NULL AND k.deleted_at IS NULL)",
	 "SELECT g.name FROM tag g WHERE g.deleted_at IS NULL AND EXISTS (SELECT 1 FROM "
	 "person_tag k JOIN person t ON t.id = k.person_id WHERE k.tag_id = g.id AND "
	 "k.deleted_at IS NULL AND t.deleted_at IS NULL%s) GROUP BY g.name ORDER BY g.name"},
};
/* clang-format on */

/* Consent is kept with its date and who recorded it, whenever it changes. */
/* A new person's review date, a retention period from today, as the review_after_person
 * trigger would set it; set here, the trigger does not rewrite each row an import adds. */
static int review_date(struct store *st, struct record *rec, struct kerr *err)
{
	if (*record_get(rec, PERSON_REVIEW_DATE))
		return K_OK;
	char now[STAMP_LEN], today[DATE_LEN];
	date_stamp(now); /* the day created_at will give, as the trigger counts from it */
	snprintf(today, sizeof today, "%.10s", now);
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(st,
				  "SELECT date(?1, '+' || coalesce((SELECT value FROM "
				  "setting WHERE key = 'retention_months' AND deleted_at IS "
				  "NULL), '24') || ' months')",
				  &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, today, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		record_set(rec, PERSON_REVIEW_DATE, (const char *)sqlite3_column_text(stmt, 0));
	else
		status = store_error(st, rc, err);
	sqlite3_reset(stmt);
	return status;
}

static int check(struct store *st, const struct record *old, struct record *rec, struct kerr *err)
{
	int status = old ? K_OK : review_date(st, rec, err);
	if (status != K_OK)
		return status;
	const char *now = record_get(rec, PERSON_CONSENT_STATUS);
	const char *was = old ? record_get(old, PERSON_CONSENT_STATUS) : "not_asked";
	if (strcmp(now, was) == 0)
		return K_OK;
	char today[DATE_LEN];
	date_today(today);
	bool date_typed = old ? strcmp(record_get(rec, PERSON_CONSENT_DATE),
				       record_get(old, PERSON_CONSENT_DATE)) != 0
			      : *record_get(rec, PERSON_CONSENT_DATE) != '\0';
	if (!date_typed)
		record_set(rec, PERSON_CONSENT_DATE, strcmp(now, "not_asked") ? today : NULL);
	record_set(rec, PERSON_CONSENT_BY, store_actor(st));
	if (strcmp(now, "given") == 0 && !*record_get(rec, PERSON_CONSENT_BASIS))
		record_set(rec, PERSON_CONSENT_BASIS, "consent");
	return K_OK;
}

const struct entity_def person_entity = {
	.kind = ENTITY_PERSON,
	.name = "person",
	.plural = "people",
	.table = "person",
	.fields = fields,
	.nfields = PERSON_NFIELDS,
	.sorts = sorts,
	.nsorts = sizeof sorts / sizeof *sorts,
	.filters = filters,
	.nfilters = sizeof filters / sizeof *filters,
	.display = PERSON_NAME_SQL("@"),
	.fts = "person_fts",
	/* a referral found by the name of whom it is about, not by their gifts */
	.fts_through = "('- {what_matters tag_words} : (' || :q || ')')",
	.key_index = "person_key",
	.scope_field = -1,
	.check = check,
};
