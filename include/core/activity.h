/* Social activities and events (walkabouts, listening events, community cafés, multi-agency
 * meetings) and who came to them. */
#ifndef KITH_ACTIVITY_H
#define KITH_ACTIVITY_H

#include "entity.h"

struct store;

enum activity_field {
	ACTIVITY_NAME,
	ACTIVITY_KIND,
	ACTIVITY_HOST,
	ACTIVITY_DATE,
	ACTIVITY_UNNAMED,
	ACTIVITY_NOTES,
	ACTIVITY_NFIELDS
};

extern const struct entity_def activity_entity;

/* Records that a person came (role attendee, volunteer or organiser); coming again after
 * being removed revives the row. K_DUPLICATE when already recorded. */
int activity_attend(struct store *st, const char *activity_id, const char *person_id,
		    const char *role, struct kerr *err);
int activity_unattend(struct store *st, const char *activity_id, const char *person_id,
		      struct kerr *err);
/* How many people are recorded as having come. */
int activity_attendance(struct store *st, const char *activity_id, long long *out,
			struct kerr *err);

#endif
