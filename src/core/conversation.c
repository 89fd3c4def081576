/* The conversation entity. */
#include "conversation.h"

#include <stddef.h>

#include "record.h"
#include "store.h"

#define P FIELD_PERSONAL
/* clang-format off */
static const struct field_def fields[CONVERSATION_NFIELDS] = {
	[CONVERSATION_PERSON] = {"person_id", "Person", FIELD_REF, FIELD_REQUIRED | FIELD_LISTED, 0,
				 0, NULL, ENTITY_PERSON, NULL, 18, NULL},
	[CONVERSATION_DATE] = {"date", "Date", FIELD_DATE, FIELD_REQUIRED | FIELD_LISTED, 0, 0, NULL,
			       0, "today", 10, NULL},
	[CONVERSATION_VENUE] = {"venue_asset_id", "Venue", FIELD_REF, FIELD_LISTED, 0, 0, NULL,
				ENTITY_ASSET, NULL, 20, "where you talked"},
	[CONVERSATION_HOPES] = {"hopes", "Hopes and dreams", FIELD_NOTE, P, 4000, 0, NULL, 0, NULL,
				30, "what they would love to see or do"},
	[CONVERSATION_CONCERNS] = {"concerns", "Concerns", FIELD_NOTE, P, 4000, 0, NULL, 0, NULL,
				   30, "what worries them about the place or their life"},
	[CONVERSATION_GIFTS] = {"gifts", "Gifts noticed", FIELD_NOTE, P, 4000, 0, NULL, 0, NULL, 30,
				"head, hands and heart: what they know, can do, care about"},
	[CONVERSATION_NOTES] = {"notes", "Notes", FIELD_NOTE, P, 10000, 0, NULL, 0, NULL, 30, NULL},
	[CONVERSATION_FOLLOW_UP] = {"follow_up", "Follow-up", FIELD_TEXT, FIELD_LISTED | P, 500, 0,
				    NULL, 0, NULL, 24, "what you agreed to do next"},
	[CONVERSATION_FOLLOW_UP_DATE] = {"follow_up_date", "Follow-up date", FIELD_DATE,
					 FIELD_LISTED, 0, 0, NULL, 0, NULL, 10, NULL},
	[CONVERSATION_WORKER] = {"worker_id", "Recorded by", FIELD_REF, FIELD_AUTO, 0, 0, NULL,
				 ENTITY_WORKER, NULL, 14, NULL},
};
/* clang-format on */
#undef P

/* a search finds them by the person's name */
static const struct through_def through[] = {{CONVERSATION_PERSON, false}};

static const struct sort_def sorts[] = {
	{"date", "newest first", {"t.date", "t.id", NULL}, true},
	{"recent", "recently changed first", {"t.updated_at", "t.id", NULL}, true},
};

static const struct filter_def filters[] = {
	{"due", "follow-up due", "t.follow_up_date <= :today", NULL},
};

static int check(struct store *st, const struct record *old, struct record *rec, struct kerr *err)
{
	(void)err;
	if (!old)
		record_set(rec, CONVERSATION_WORKER, store_actor(st));
	return K_OK;
}

const struct entity_def conversation_entity = {
	.kind = ENTITY_CONVERSATION,
	.name = "conversation",
	.plural = "conversations",
	.table = "conversation",
	.fields = fields,
	.nfields = CONVERSATION_NFIELDS,
	.sorts = sorts,
	.nsorts = sizeof sorts / sizeof *sorts,
	.filters = filters,
	.nfilters = sizeof filters / sizeof *filters,
	.display = "'conversation of ' || @.date",
	.through = through,
	.nthrough = 1,
	.through_order = "by person, newest first",
	.scope_field = -1,
	.check = check,
	.subject_heading = "Conversations",
	.erasure = ERASURE_DELETE,
};
