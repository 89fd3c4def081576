/* ONS4 personal wellbeing: life satisfaction, worthwhile, happiness and anxiety, each 0-10,
 * and the ONS loneliness question, at a baseline and at follow-ups. */
#ifndef KITH_WELLBEING_H
#define KITH_WELLBEING_H

#include "entity.h"

enum wellbeing_field {
	WELLBEING_PERSON,
	WELLBEING_DATE,
	WELLBEING_STAGE,
	WELLBEING_LIFE_SATISFACTION,
	WELLBEING_WORTHWHILE,
	WELLBEING_HAPPINESS,
	WELLBEING_ANXIETY,
	WELLBEING_LONELINESS,
	WELLBEING_WORKER,
	WELLBEING_NFIELDS
};

extern const struct entity_def wellbeing_entity;
/* The loneliness answers as stored, oftenest first (NULL-terminated). */
extern const char *const wellbeing_loneliness[];

#endif
