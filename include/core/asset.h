/* Community assets, the nodes of the map: associations (groups), institutions, spaces, the
 * local economy, culture, and individuals' gifts. Groups are assets of category association;
 * group_entity is the same table seen through that category. */
#ifndef KITH_ASSET_H
#define KITH_ASSET_H

#include "entity.h"

struct store;

enum asset_field {
	ASSET_NAME,
	ASSET_CATEGORY,
	ASSET_DESCRIPTION,
	ASSET_ADDRESS,
	ASSET_POSTCODE,
	ASSET_NEIGHBOURHOOD,
	ASSET_CONTACT_NAME,
	ASSET_EMAIL,
	ASSET_PHONE,
	ASSET_WEBSITE,
	ASSET_OPENING_TIMES,
	ASSET_ACCESSIBILITY,
	ASSET_CAPACITY,
	ASSET_CONFIDENTIAL,
	ASSET_STATUS,
	ASSET_LAST_VERIFIED,
	ASSET_PERSON,
	ASSET_HSDS_ID,
	ASSET_NFIELDS
};

extern const struct entity_def asset_entity;
extern const struct entity_def group_entity;
extern const char *const asset_categories[]; /* NULL-terminated */

/* Marks the asset verified today (one transaction). When undo is not NULL it is filled with
 * what that changed, for entity_revert to take back (empty when it was verified today). */
int asset_verify(struct store *st, const char *id, struct entity_change *undo, struct kerr *err);

#endif
