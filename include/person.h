/* People: residents met by connectors, with their names, contacts, what matters to them and
 * consent. The description is data for the entity engine; the rest is what only people have. */
#ifndef KITH_PERSON_H
#define KITH_PERSON_H

#include "entity.h"

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

#endif
