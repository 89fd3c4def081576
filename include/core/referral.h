/* Referrals, signposts and introductions: a person moved from one asset to another. Their
 * status moves only along allowed transitions (made -> contacted -> attended, or declined,
 * did not attend, closed); any other change of status is a correction, which a coordinator
 * may make, or the worker who set the status within the last day, audited as one. */
#ifndef KITH_REFERRAL_H
#define KITH_REFERRAL_H

#include <stdbool.h>

#include "entity.h"

struct store;

enum referral_field {
	REFERRAL_PERSON,
	REFERRAL_FROM_ASSET,
	REFERRAL_TO_ASSET,
	REFERRAL_KIND,
	REFERRAL_DATE,
	REFERRAL_STATUS,
	REFERRAL_STATUS_DATE,
	REFERRAL_FOLLOW_UP_DATE,
	REFERRAL_REASON,
	REFERRAL_NOTES,
	REFERRAL_WORKER,
	REFERRAL_NFIELDS
};

extern const struct entity_def referral_entity;
extern const char *const referral_statuses[]; /* NULL-terminated */

/* Whether status may move from `from` to `to` (staying put is always allowed) without
 * being a correction. */
bool referral_can_move(const char *from, const char *to);
/* The usual next step from status (made -> contacted -> attended -> closed), or NULL when
 * there is none. */
const char *referral_next_status(const char *status);
/* Made or contacted: someone still has to follow it up. */
bool referral_awaits_follow_up(const char *status);
/* Moves a referral to status, checking the transition, as one transaction. When undo is
 * not NULL it is filled with what the move changed, for entity_revert to take back. */
int referral_set_status(struct store *st, const char *id, const char *status,
			struct entity_change *undo, struct kerr *err);

/* Around adding many referrals in one transaction (an import): begin sets aside the
 * triggers that keep the monthly flow, the network's stamp and people's review dates; end
 * does their work once for every referral added since and puts them back, leaving each row
 * as they would have. End is called whatever happened (status is the work's so far; it
 * returns the first failure); the caller rolls back on any. */
#define REFERRAL_BULK_TRIGGERS 3
struct referral_bulk {
	long long mark; /* the last rowid before */
	char *sql[REFERRAL_BULK_TRIGGERS];
	int n;
	bool review_apart; /* review dates are import_review's (records coming back) */
};
int referral_bulk_begin(struct store *st, struct referral_bulk *b, struct kerr *err);
int referral_bulk_end(struct store *st, struct referral_bulk *b, int status, struct kerr *err);

#endif
