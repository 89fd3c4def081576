/* Activities and events (walkabouts, listening and connecting events, community cafés and
 * maps, workshops, drop-ins, multi-agency meetings, social activities) and who came to them:
 * people by name in a role, and a count of those not recorded by name. */
#ifndef KITH_ACTIVITY_H
#define KITH_ACTIVITY_H

#include "entity.h"

struct store;
struct entity_change;

enum activity_field {
	ACTIVITY_NAME,
	ACTIVITY_KIND,
	ACTIVITY_DATE,
	ACTIVITY_VENUE,
	ACTIVITY_HOST,
	ACTIVITY_WORKER,
	ACTIVITY_UNNAMED,
	ACTIVITY_NEW, /* a new social activity set up */
	ACTIVITY_NOTES,
	ACTIVITY_NFIELDS
};

extern const struct entity_def activity_entity;
extern const char *const activity_kinds[]; /* NULL-terminated stored values */
extern const char *const activity_roles[]; /* attendee, volunteer, organiser */
/* K_INVALID, naming the field, when role is not one of activity_roles. */
int activity_role_check(const char *role, struct kerr *err);

struct attendee {
	char activity_id[ID_LEN];
	char person_id[ID_LEN];
	char *name;        /* the person's, in an activity's list; the activity's, in a person's */
	char *role;        /* attendee, volunteer or organiser */
	char *date, *kind; /* the activity's, in a person's list ("" in an activity's) */
};

struct attendee_list {
	struct attendee *item;
	int n;
	long long total; /* how many in all, which may exceed n */
};

/* Records that a person came (role attendee when NULL, or volunteer or organiser); coming
 * again after being removed revives the row. Someone recorded already and given a role
 * takes it; K_DUPLICATE when they are recorded so already. One transaction, audited. */
int activity_attend(struct store *st, const char *activity_id, const char *person_id,
		    const char *role, struct kerr *err);
/* Their role there changes (audited): K_NOT_FOUND when they are not recorded as coming,
 * K_DUPLICATE when it is their role already. */
int activity_set_role(struct store *st, const char *activity_id, const char *person_id,
		      const char *role, struct kerr *err);
/* Takes back that they came (a tombstone, audited); K_NOT_FOUND when they are not recorded. */
int activity_unattend(struct store *st, const char *activity_id, const char *person_id,
		      struct kerr *err);
/* How many the reader may see are recorded by name as having come (never counting a
 * restricted person the reader may not see). */
int activity_attendance(struct store *st, const char *activity_id, long long *out,
			struct kerr *err);
/* Who came to an activity (at most limit, organisers and volunteers first, then by name),
 * and the activities a person came to, newest first; only people the reader may see. *out
 * is the caller's (activity_attendees_free), also on failure. */
int activity_attendees(struct store *st, const char *activity_id, int limit,
		       struct attendee_list *out, struct kerr *err);
int activity_attended(struct store *st, const char *person_id, int limit, struct attendee_list *out,
		      struct kerr *err);
void activity_attendees_free(struct attendee_list *list);
/* Those who came and were not recorded by name, one more or fewer (delta): a headcount kept
 * at the door. undo (may be NULL) gets the change, to take it back; K_INVALID below none. */
int activity_add_unnamed(struct store *st, const char *id, int delta, struct entity_change *undo,
			 struct kerr *err);

#endif
