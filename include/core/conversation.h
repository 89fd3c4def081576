/* ABCD learning conversations: what a connector learns of a person's hopes, concerns and
 * gifts, and what they agreed to follow up. */
#ifndef KITH_CONVERSATION_H
#define KITH_CONVERSATION_H

#include "entity.h"

enum conversation_field {
	CONVERSATION_PERSON,
	CONVERSATION_DATE,
	CONVERSATION_VENUE,
	CONVERSATION_HOPES,
	CONVERSATION_CONCERNS,
	CONVERSATION_GIFTS,
	CONVERSATION_NOTES,
	CONVERSATION_FOLLOW_UP,
	CONVERSATION_FOLLOW_UP_DATE,
	CONVERSATION_WORKER,
	CONVERSATION_NFIELDS
};

extern const struct entity_def conversation_entity;

#endif
