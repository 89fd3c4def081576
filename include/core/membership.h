/* People's places in groups: a person belongs to a group (an association asset) once, with a
 * role (member, organiser, volunteer, champion) and the date they joined. */
#ifndef KITH_MEMBERSHIP_H
#define KITH_MEMBERSHIP_H

#include "id.h"
#include "kerr.h"

struct store;

struct member {
	char group_id[ID_LEN];
	char person_id[ID_LEN];
	char *name; /* the person's name in a group's list, the group's in a person's */
	char *role;
	char *since; /* ISO date or "" */
};

struct member_list {
	struct member *item;
	int n;
	long long total; /* live memberships in all, which may exceed n */
};

extern const char *const membership_roles[]; /* NULL-terminated */

/* K_INVALID, naming the field, when role is not one of membership_roles. */
int membership_role_check(const char *role, struct kerr *err);

/* group and person are what someone typed (id, id prefix or name); role NULL means member,
 * since NULL means today. Someone who belongs already and is given another role takes that
 * role; K_DUPLICATE when they already belong in it (or no role is given). One transaction. */
int membership_join(struct store *st, const char *group, const char *person, const char *role,
		    const char *since, struct kerr *err);
/* A member's role changes (audited): K_NOT_FOUND when they are not a member, K_DUPLICATE
 * when it is their role already. One transaction. */
int membership_set_role(struct store *st, const char *group, const char *person, const char *role,
			struct kerr *err);
int membership_leave(struct store *st, const char *group, const char *person, struct kerr *err);
/* A group's members by name (at most limit of them), or a person's groups by name. */
int membership_members(struct store *st, const char *group_id, int limit, struct member_list *out,
		       struct kerr *err);
int membership_groups(struct store *st, const char *person_id, struct member_list *out,
		      struct kerr *err);
void membership_list_free(struct member_list *list);

#endif
