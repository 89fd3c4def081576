/* Tags: gifts of head, hands and heart, skills, passions, interests and topics, attached to
 * people and assets. Shared tags are what matching a person to an asset rests on. */
#ifndef KITH_TAG_H
#define KITH_TAG_H

#include "entity.h"
#include "id.h"

struct store;

enum tag_field { TAG_NAME, TAG_KIND, TAG_NFIELDS };

extern const struct entity_def tag_entity;
extern const char *const tag_kinds[]; /* NULL-terminated */

struct tag_item {
	char id[ID_LEN];
	char *name;
	char *kind;
	int uses; /* live people and assets carrying it (tag_list_all only) */
};

struct tag_list {
	struct tag_item *item;
	int n;
};

/* The live tag of kind called name (case ignored), created when there is none. */
int tag_ensure(struct store *st, const char *kind, const char *name, char out[ID_LEN],
	       struct kerr *err);
/* Tags a person or an asset (owner ENTITY_PERSON, ENTITY_ASSET or ENTITY_GROUP; owner_id as
 * typed) with kind/name, making the tag if needed. One transaction; K_DUPLICATE if already. */
int tag_attach(struct store *st, enum entity_kind owner, const char *owner_id, const char *kind,
	       const char *name, struct kerr *err);
/* Takes the tag that tag names (its id, or its name, case ignored: under every kind it is
 * carried) off the owner. One transaction; K_NOT_FOUND, field "tag", when they have none. */
int tag_detach(struct store *st, enum entity_kind owner, const char *owner_id, const char *tag,
	       struct kerr *err);
/* Corrects one of the owner's tags: the tag that tag names is replaced by kind/name (kind
 * NULL or "" keeps its kind). Others carrying the old tag keep it. One transaction. */
int tag_correct(struct store *st, enum entity_kind owner, const char *owner_id, const char *tag,
		const char *kind, const char *name, struct kerr *err);
/* The owner's live tags, by kind then name. */
int tag_list_for(struct store *st, enum entity_kind owner, const char *owner_id,
		 struct tag_list *out, struct kerr *err);
/* Every live tag with how often it is used, by name: what a connector picks from so that
 * "Gardening" is not also typed as "gardening ". */
int tag_list_all(struct store *st, struct tag_list *out, struct kerr *err);
void tag_list_free(struct tag_list *list);

#endif
