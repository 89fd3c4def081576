/* A member's role in a group, chosen when they join and changed later: a picker of the roles
 * core knows (membership_roles), whose choice is saved through core. */
#ifndef KITH_ROLES_H
#define KITH_ROLES_H

#include "id.h"

struct tui;

struct roles_ask {
	char group[ID_LEN], person[ID_LEN];
	char group_name[120], person_name[120];
	char current[20];    /* their role now; "" when they are joining */
	char reload[ID_LEN]; /* the record the screen shows, reloaded after */
};

/* Asks which role; on a choice, joins the person to the group in it, or (current set)
 * changes their role to it; says what it did on the status line. */
void roles_choose(struct tui *t, const struct roles_ask *ask);

#endif
