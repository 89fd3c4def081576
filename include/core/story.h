/* Stories: a person's own words, or a worker's account of what changed for someone, with
 * whose story it is, whom and what else it is about (people, assets and groups, activities),
 * the programme's intended outcomes it shows, and whether it may leave kith in a report and
 * carry the person's name. */
#ifndef KITH_STORY_H
#define KITH_STORY_H

#include <stdbool.h>

#include "entity.h"
#include "id.h"

struct store;
struct report;
struct report_query;

enum story_field {
	STORY_PERSON, /* first: a form from the person fixes it */
	STORY_TITLE,
	STORY_DATE,
	STORY_VOICE,
	STORY_BODY,
	STORY_CONSENT,
	STORY_MAY_NAME,
	STORY_WORKER,
	STORY_NFIELDS
};

extern const struct entity_def story_entity;

/* The programme's intended outcomes a story can be tagged with, from the theories of change
 * kith was made from (Croydon's and CAN-DO's): a code as stored, a label, and whose. */
struct story_outcome_def {
	const char *code, *label, *source;
};
extern const struct story_outcome_def story_outcomes[];
extern const int STORY_OUTCOMES;
extern const char *const story_outcome_codes[]; /* the codes, NULL-terminated */
/* The outcome's label, or NULL for a code kith does not know. */
const char *story_outcome_label(const char *code);

/* What a story can be linked to besides its own person: people, assets (groups are assets),
 * activities. story_link_kinds names them for the command line. */
enum story_link { STORY_LINK_PERSON, STORY_LINK_ASSET, STORY_LINK_ACTIVITY, STORY_LINKS };
extern const char *const story_link_kinds[]; /* "person", "asset", "activity"; NULL-ended */

/* Links the story to the record text names (an id or a name; a group is an asset), or with
 * on false removes that link. K_DUPLICATE when linked already, K_NOT_FOUND when there is no
 * such link to remove. One transaction, audited. */
int story_link(struct store *st, const char *story, enum story_link kind, const char *text, bool on,
	       struct kerr *err);
/* Tags the story with one of story_outcomes' codes (or removes the tag). */
int story_tag(struct store *st, const char *story, const char *outcome, bool on, struct kerr *err);

/* What a story is linked to, as the reader may see it: no restricted person the reader may
 * not see is listed. */
struct story_linked {
	enum story_link kind; /* STORY_LINKS for an outcome */
	char id[ID_LEN];      /* the record's id, or "" for an outcome */
	char *name;           /* its name, or the outcome's label */
	char *code;           /* the outcome's code, or NULL */
};
struct story_links {
	struct story_linked *item;
	int n;
};
/* Whom and what a story is about and its outcomes; on failure *out holds nothing to free. */
int story_links_load(struct store *st, const char *story, struct story_links *out,
		     struct kerr *err);
void story_links_free(struct story_links *l);

/* For a report of q's period: a "Stories" heading and up to max stories dated in it whose
 * person agreed to share them, newest first, each by "a resident of <neighbourhood>" unless
 * they may be named; other people linked to a story are never named. A restricted person's
 * stories are left out. Appends to out. */
int story_report(struct store *st, const struct report_query *q, int max, struct report *out,
		 struct kerr *err);

#endif
