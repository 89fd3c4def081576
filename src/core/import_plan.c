/* What each kind's import sets up before its rows: the kinds of record its lines name (looked
 * up once, entity_memo) and the table whose triggers import_bulk sets aside. */
#include "import_plan.h"

#include "entity.h"

/* The kinds whose records an import names on its lines and never adds: what they name is
 * looked up once per import (entity_memo_begin). */
unsigned import_plan_named(enum import_kind kind)
{
	const unsigned person = 1u << ENTITY_PERSON, asset = 1u << ENTITY_ASSET,
		       group = 1u << ENTITY_GROUP, worker = 1u << ENTITY_WORKER;
	static const unsigned named[IMPORT_KINDS] = {
		[IMPORT_REFERRALS] = person | asset | group | worker,
		[IMPORT_MEMBERSHIPS] = person | group,
		[IMPORT_CONVERSATIONS] = person | asset | group | worker,
		[IMPORT_ACTIVITIES] = asset | group | worker,
		[IMPORT_WELLBEING] = person | worker,
		[IMPORT_ATTENDANCE] = 1u << ENTITY_ACTIVITY | person,
		[IMPORT_GIFTS] = person | 1u << ENTITY_TAG,
		[IMPORT_ASSET_TAGS] = asset | 1u << ENTITY_TAG,
	};
	return named[kind];
}

/* The table each kind adds rows to whose triggers import_bulk sets aside. */
const char *import_plan_table(enum import_kind kind)
{
	static const char *const table[IMPORT_KINDS] = {
		[IMPORT_PEOPLE] = "person",
		[IMPORT_ASSETS] = "asset",
		[IMPORT_GROUPS] = "asset",
		[IMPORT_GIFTS] = "person_tag",
		[IMPORT_ASSET_TAGS] = "asset_tag",
		[IMPORT_TAGS] = "tag",
		[IMPORT_CONVERSATIONS] = "conversation",
		[IMPORT_ACTIVITIES] = "activity",
		[IMPORT_WELLBEING] = "wellbeing",
		[IMPORT_MEMBERSHIPS] = "membership",
		[IMPORT_ATTENDANCE] = "attendance",
		[IMPORT_REFERRALS] = "referral",
	};
	return table[kind];
}
