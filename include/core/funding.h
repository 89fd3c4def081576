/* Funding the programme secured: who gave it, how much (in pounds, kept in pence), when and
 * for what. A coordinator's to record; the programme report counts it. */
#ifndef KITH_FUNDING_H
#define KITH_FUNDING_H

#include "entity.h"

enum funding_field {
	FUNDING_FUNDER,
	FUNDING_AMOUNT,
	FUNDING_DATE,
	FUNDING_PURPOSE,
	FUNDING_NOTES,
	FUNDING_NFIELDS
};

extern const struct entity_def funding_entity;

#endif
