/* The asset entity and its group view: fields, orders, search and the rule that an
 * individual's gift names the person who offers it. */
#include "asset.h"

#include <string.h>

#include "date.h"
#include "entity_impl.h"
#include "person.h"
#include "record.h"
#include "store.h"

/* clang-format off */
const char *const asset_categories[] = {"association", "institution", "space", "economy",
					"culture", "individual", NULL};
/* clang-format on */
static const char *const statuses[] = {"active", "paused", "closed", NULL};

/* clang-format off */
static const struct field_def fields[ASSET_NFIELDS] = {
	[ASSET_NAME] = {"name", "Name", FIELD_TEXT, FIELD_REQUIRED | FIELD_LISTED, 200, 0, NULL, 0,
			NULL, 30, NULL},
	[ASSET_CATEGORY] = {"category", "Category", FIELD_CHOICE, FIELD_REQUIRED | FIELD_LISTED, 0,
			    0, asset_categories, 0, NULL, 11,
			    "association (a group), institution, space, economy, culture or "
			    "individual (a person's gift)"},
	[ASSET_DESCRIPTION] = {"description", "Description", FIELD_NOTE, 0, 4000, 0, NULL, 0, NULL,
			       30, NULL},
	[ASSET_ADDRESS] = {"address", "Address", FIELD_TEXT, 0, 300, 0, NULL, 0, NULL, 30, NULL},
	[ASSET_POSTCODE] = {"postcode", "Postcode", FIELD_POSTCODE, FIELD_LISTED, 10, 0, NULL, 0,
			    NULL, 8, NULL},
	[ASSET_NEIGHBOURHOOD] = {"neighbourhood", "Neighbourhood", FIELD_TEXT, FIELD_LISTED, 80, 0,
				 NULL, 0, NULL, 14, NULL},
	[ASSET_CONTACT_NAME] = {"contact_name", "Contact", FIELD_TEXT, 0, 100, 0, NULL, 0, NULL, 16,
				"who to ask for"},
	[ASSET_EMAIL] = {"email", "E-mail", FIELD_EMAIL, 0, 254, 0, NULL, 0, NULL, 24, NULL},
	[ASSET_PHONE] = {"phone", "Phone", FIELD_PHONE, 0, 40, 0, NULL, 0, NULL, 14, NULL},
	[ASSET_WEBSITE] = {"website", "Website", FIELD_URL, 0, 2000, 0, NULL, 0, NULL, 24, NULL},
	[ASSET_OPENING_TIMES] = {"opening_times", "Opening times", FIELD_TEXT, 0, 300, 0, NULL, 0,
				 NULL, 24, "such as Tue 10-12, Thu 2-4"},
	[ASSET_ACCESSIBILITY] = {"accessibility", "Accessibility", FIELD_NOTE, 0, 2000, 0, NULL, 0,
				 NULL, 24, "step-free? hearing loop? quiet room?"},
	[ASSET_CAPACITY] = {"capacity", "Capacity", FIELD_TEXT, 0, 200, 0, NULL, 0, NULL, 16,
			    "room for new people?"},
	[ASSET_CONFIDENTIAL] = {"confidential", "Confidential location", FIELD_BOOL, 0, 0, 0, NULL,
				0, "no", 3, "a refuge or safe house: never exported with its address"},
	[ASSET_STATUS] = {"status", "Status", FIELD_CHOICE, 0, 0, 0, statuses, 0, "active", 7,
			  NULL},
	[ASSET_LAST_VERIFIED] = {"last_verified", "Last verified", FIELD_DATE, 0, 0, 0, NULL, 0,
				 NULL, 10, "when someone last checked these details"},
	[ASSET_PERSON] = {"person_id", "Offered by", FIELD_REF, 0, 0, 0, NULL, ENTITY_PERSON, NULL,
			  18, "for an individual's gift: the person who offers it"},
	[ASSET_HSDS_ID] = {"hsds_id", "Open Referral id", FIELD_TEXT, FIELD_AUTO, 100, 0, NULL, 0,
			   NULL, 12, "the service's id in the directory it was imported from"},
};
/* clang-format on */

/* clang-format off */
static const struct sort_def sorts[] = {
	{"name", "by name", {"t.name COLLATE NOCASE", "t.id", NULL}, false},
	{"category", "by category", {"t.category", "t.name COLLATE NOCASE", "t.id"}, false},
	{"neighbourhood", "by neighbourhood",
	 {"t.neighbourhood COLLATE NOCASE", "t.name COLLATE NOCASE", "t.id"}, false},
	{"recent", "recently changed first", {"t.updated_at", "t.id", NULL}, true},
	{"verified", "least recently verified first", {"coalesce(t.last_verified, '')", "t.id", NULL},
	 false},
};
/* clang-format on */

/* clang-format off */
static const struct filter_def filters[] = {
	{"unverified", "not verified in a year",
	 "coalesce(t.last_verified, '') < date(:today, '-1 year')", NULL},
	{"active", "active", "t.status = 'active'", NULL},
	{"tag", "tagged",
	 "t.id IN (SELECT k.asset_id FROM tag g JOIN asset_tag k ON k.tag_id = g.id "
	 "WHERE g.name = :value AND g.deleted_at IS NULL AND k.deleted_at IS NULL)",
	 "SELECT g.name FROM tag g WHERE g.deleted_at IS NULL AND EXISTS (SELECT 1 FROM "
	 "asset_tag k JOIN asset t ON t.id = k.asset_id WHERE k.tag_id = g.id AND "
	 "k.deleted_at IS NULL AND t.deleted_at IS NULL%s) GROUP BY g.name ORDER BY g.name"},
};
/* clang-format on */

static int check(struct store *st, const struct record *old, struct record *rec, struct kerr *err)
{
	(void)st, (void)old;
	bool individual = strcmp(record_get(rec, ASSET_CATEGORY), "individual") == 0;
	bool has_person = *record_get(rec, ASSET_PERSON) != '\0';
	if (individual && !has_person)
		return kerr_set(err, K_INVALID, "person_id",
				"offered by: an individual's gift needs the person who offers it");
	if (!individual && has_person)
		return kerr_set(err, K_INVALID, "person_id",
				"offered by: only an individual's gift names a person");
	return K_OK;
}

/* clang-format off */
#define ASSET_COMMON                                                 \
	.table = "asset", .fields = fields, .nfields = ASSET_NFIELDS, \
	.filters = filters, .nfilters = sizeof filters / sizeof *filters, \
	/* the gift of a restricted person, as the reader may see it (entity_visible) */ \
	.display = "CASE WHEN @.person_id IS NOT NULL AND (SELECT r.restricted FROM person r " \
		   "INDEXED BY person_key WHERE r.id = @.person_id) = 1 AND NOT " \
		   "kith_sees(@.person_id) THEN '" PERSON_RESTRICTED_NAME "' ELSE @.name END", \
	.fts = "asset_fts", .key_index = "asset_key", .check = check
/* clang-format on */

const struct entity_def asset_entity = {
	.kind = ENTITY_ASSET,
	.name = "asset",
	.plural = "assets",
	.sorts = sorts,
	.nsorts = sizeof sorts / sizeof *sorts,
	.scope_field = -1,
	ASSET_COMMON,
};

/* clang-format off */
static const struct sort_def group_sorts[] = {
	{"name", "by name", {"t.category", "t.name COLLATE NOCASE", "t.id"}, false},
	{"neighbourhood", "by neighbourhood",
	 {"t.category", "t.neighbourhood COLLATE NOCASE", "t.name COLLATE NOCASE", "t.id"}, false},
};
/* clang-format on */

const struct entity_def group_entity = {
	.kind = ENTITY_GROUP,
	.name = "group",
	.plural = "groups",
	.sorts = group_sorts,
	.nsorts = sizeof group_sorts / sizeof *group_sorts,
	.scope = "t.category = 'association'",
	.scope_field = ASSET_CATEGORY,
	.scope_value = "association",
	ASSET_COMMON,
};

int asset_verify(struct store *st, const char *id, struct entity_change *undo, struct kerr *err)
{
	struct record *rec = NULL, *before = NULL;
	char today[DATE_LEN];
	int status = store_begin(st, err);
	if (status != K_OK)
		return status;
	status = entity_load(st, &asset_entity, id, &rec, err);
	if (status == K_OK) {
		before = record_copy(rec);
		date_today(today);
		record_set(rec, ASSET_LAST_VERIFIED, today);
		status = entity_update(st, rec, err);
	}
	status = store_finish(st, status, err);
	if (status == K_OK && undo)
		entity_change_set(undo, before, rec);
	record_free(before);
	record_free(rec);
	return status;
}
