/* Who may do what: the roles, and the one authorisation check every data path in core goes
 * through. The store carries the logged-in worker and their role (login.c sets them). A
 * database with no accounts yet is open to whoever holds the file (the first admin is being
 * made); once an account exists, nothing personal is reached without a login. */
#ifndef KITH_AUTH_H
#define KITH_AUTH_H

#include <stdbool.h>

#include "kerr.h"

struct store;

enum role { ROLE_NONE, ROLE_WORKER, ROLE_COORDINATOR, ROLE_ADMIN };

enum auth_right {
	AUTH_RECORDS,        /* people, groups, assets, referrals, conversations: worker */
	AUTH_REPORTS,        /* the network report and chains through assets: coordinator */
	AUTH_EXPORT,         /* bulk export: coordinator */
	AUTH_IMPORT,         /* bulk import (CSV, Open Referral): coordinator, like export,
			       * for a whole file goes in under one audit row */
	AUTH_TAGS,           /* the list of gifts, skills and passions itself (a tag made,
			       * renamed or removed on its own): coordinator; anyone who records
			       * people tags them, which makes a tag when it is new */
	AUTH_AUDIT,          /* reading the audit trail: coordinator */
	AUTH_REVIEW,         /* keeping a record past its review date: coordinator */
	AUTH_ERASE,          /* erasure: coordinator */
	AUTH_SUBJECT_ACCESS, /* everything held about a person, exported: coordinator */
	AUTH_ACCOUNTS,       /* accounts of others: admin */
	AUTH_SETTINGS,       /* settings of the database: admin */
	AUTH_CORRECT,        /* correcting a status whoever set it: coordinator (a worker
			      * may correct one they set within a day: referral.c) */
	AUTH_TARGETS,        /* the outputs' targets, the programme's and each worker's:
			      * coordinator */
	AUTH_PROGRAMME,      /* the programme's own records (partnerships, funding, the
			      * readiness self-assessment): a coordinator's to write */
	AUTH_RIGHTS
};

const char *auth_role_name(enum role role); /* "worker", ... ("" for none) */
/* "coordinator" -> ROLE_COORDINATOR; refuses anything else, naming the field. */
int auth_role_parse(const char *text, enum role *out, struct kerr *err);
/* The role a right needs. */
enum role auth_needs(enum auth_right right);

/* K_OK when the logged-in worker may; K_REFUSED with a sentence saying who may otherwise. */
int auth_require(struct store *st, enum auth_right right, struct kerr *err);
bool auth_allows(struct store *st, enum auth_right right);

/* Whether the logged-in worker sees a restricted person's details: coordinators and admins
 * do, and workers who have recorded something about them. */
bool auth_sees_person(struct store *st, const char *person_id);
/* For a restricted person they may not see: whom to ask ("Sam Patel (who recorded them) or
 * a coordinator: Cora Jones"). Caller frees. */
char *auth_whom_to_ask(struct store *st, const char *person_id);
/* Makes kith_sees(person_id) callable from queries on this connection (and not from the
 * schema), so that a restricted person's name is masked wherever it is shown. */
int auth_install(struct store *st, struct kerr *err);

#endif
