/* Gifts first: people found and filtered by their gifts and what matters to them, tags
 * corrected and removed, and matching a person to the groups and assets that fit them, in
 * the order a connector would see them, with why. */
#include <string.h>

#include "asset.h"
#include "check.h"
#include "entity.h"
#include "fixture.h"
#include "match.h"
#include "page.h"
#include "person.h"
#include "record.h"
#include "referral.h"
#include "store.h"
#include "tag.h"
#include "xalloc.h"

static struct store *st;

/* How many of def a search (or a filter, "gift=NAME") finds. */
static int found(const struct entity_def *def, const char *search, const char *filter)
{
	struct page_query q;
	struct page pg;
	struct kerr err;
	page_query_init(&q, def);
	q.search = search;
	if (filter)
		CHECK_INT(page_query_named(&q, filter, &err), K_OK);
	CHECK_INT(page_load(st, &q, &pg, &err), K_OK);
	int n = pg.n;
	page_free(&pg);
	return n;
}

static void people_are_found_by_gift_and_what_matters(void)
{
	fixture_fresh(&st);
	char *amina = fixture_add(st, &person_entity,
				  PAIRS("given_name", "Amina", "what_matters",
					"restoring old clocks"));
	char *zoe = fixture_add(st, &person_entity, PAIRS("given_name", "Zoë"));
	char *hall = fixture_add(st, &asset_entity,
				 PAIRS("name", "Town Hall", "category", "institution"));
	struct kerr err;
	CHECK_INT(tag_attach(st, ENTITY_PERSON, amina, "gift_hands", "Cooking", &err), K_OK);
	CHECK_INT(tag_attach(st, ENTITY_PERSON, zoe, "passion", "Bike repair", &err), K_OK);
	CHECK_INT(tag_attach(st, ENTITY_ASSET, hall, "topic", "Cooking", &err), K_OK);
	CHECK_INT(found(&person_entity, "cooking", NULL), 1);
	CHECK_INT(found(&person_entity, "cook", NULL), 1); /* as you type */
	CHECK_INT(found(&person_entity, "clocks", NULL), 1);
	CHECK_INT(found(&person_entity, "repair", NULL), 1);
	CHECK_INT(found(&asset_entity, "cooking", NULL), 1);
	CHECK_INT(found(&person_entity, NULL, "gift=cooking"), 1);
	CHECK_INT(found(&person_entity, NULL, "gift=Bike repair"), 1);
	CHECK_INT(found(&person_entity, NULL, "gift=knitting"), 0);
	CHECK_INT(found(&asset_entity, NULL, "tag=COOKING"), 1);
	/* referrals are found by the names of whom and where, not by a person's gifts */
	char *sent = fixture_add(st, &referral_entity,
				 PAIRS("person_id", zoe, "from_asset_id", hall, "to_asset_id",
				       hall));
	CHECK_INT(found(&referral_entity, "zoe", NULL), 1);
	CHECK_INT(found(&referral_entity, "repair", NULL), 0);
	free(sent);
	struct page_query q;
	page_query_init(&q, &person_entity);
	CHECK_INT(page_query_named(&q, "gift", &err), K_INVALID);
	CHECK_HAS(err.msg, "needs a value");
	CHECK_INT(page_query_named(&q, "review=x", &err), K_INVALID);
	char **values = NULL;
	int gift = 0;
	while (gift < person_entity.nfilters && strcmp(person_entity.filters[gift].name, "gift"))
		gift++;
	CHECK_INT(entity_filter_values(st, &person_entity, gift, &values, &err), K_OK);
	CHECK(values && values[0] && values[1] && !values[2]);
	if (values && values[0] && values[1]) {
		CHECK_STR(values[0], "Bike repair");
		CHECK_STR(values[1], "Cooking");
	}
	entity_values_free(values);
	free(amina), free(zoe), free(hall);
}

static void a_gift_is_corrected_or_removed_and_search_follows(void)
{
	fixture_fresh(&st);
	char *amina = fixture_add(st, &person_entity, PAIRS("given_name", "Amina"));
	char *sam = fixture_add(st, &person_entity, PAIRS("given_name", "Sam"));
	struct kerr err;
	CHECK_INT(tag_attach(st, ENTITY_PERSON, amina, "skill", "Cookng", &err), K_OK);
	CHECK_INT(tag_attach(st, ENTITY_PERSON, sam, "skill", "Cookng", &err), K_OK);
	CHECK_INT(tag_attach(st, ENTITY_PERSON, amina, "passion", "Singing", &err), K_OK);
	/* corrected for Amina only: Sam keeps what he has */
	CHECK_INT(tag_correct(st, ENTITY_PERSON, amina, "cookng", NULL, "Cooking", &err), K_OK);
	CHECK_INT(found(&person_entity, "cooking", NULL), 1);
	CHECK_INT(found(&person_entity, "cookng", NULL), 1);
	struct tag_list list;
	CHECK_INT(tag_list_for(st, ENTITY_PERSON, amina, &list, &err), K_OK);
	CHECK_INT(list.n, 2);
	if (list.n == 2) { /* the kind kept */
		CHECK_STR(list.item[0].name, "Singing");
		CHECK_STR(list.item[1].name, "Cooking");
		CHECK_STR(list.item[1].kind, "skill");
	}
	tag_list_free(&list);
	CHECK_INT(tag_correct(st, ENTITY_PERSON, amina, "singing", "gift_heart", "Singing", &err),
		  K_OK);
	CHECK_INT(tag_detach(st, ENTITY_PERSON, amina, "Cooking", &err), K_OK);
	CHECK_INT(found(&person_entity, "cooking", NULL), 0);
	CHECK_INT(found(&person_entity, "singing", NULL), 1);
	CHECK_INT(tag_detach(st, ENTITY_PERSON, amina, "Cooking", &err), K_NOT_FOUND);
	CHECK_STR(err.field, "tag");
	CHECK_HAS(err.msg, "not one of their gifts");
	CHECK_INT(tag_correct(st, ENTITY_PERSON, amina, "knitting", NULL, "Knitting", &err),
		  K_NOT_FOUND);
	/* a coordinator renaming the tag itself renames it in everyone's search */
	char id[ID_LEN];
	CHECK_INT(entity_resolve(st, &tag_entity, "Cookng", id, &err), K_OK);
	struct record *tag = NULL;
	CHECK_INT(entity_load(st, &tag_entity, id, &tag, &err), K_OK);
	if (tag) {
		record_set(tag, TAG_NAME, "Baking");
		CHECK_INT(entity_update(st, tag, &err), K_OK);
	}
	record_free(tag);
	CHECK_INT(found(&person_entity, "baking", NULL), 1);
	CHECK_INT(found(&person_entity, "cookng", NULL), 0);
	CHECK_COUNT(st,
		    "INSERT INTO person_fts (person_fts, rank) VALUES ('integrity-check', 1) "
		    "RETURNING 0",
		    0);
	free(amina), free(sam);
}

/* A person added, tagged three times and renamed in one transaction is indexed once, as they
 * end up: the search queue sends the index only each row's net change. */
static void one_transactions_changes_reach_the_index_as_they_end(void)
{
	fixture_fresh(&st);
	char *sam = fixture_add(st, &person_entity, PAIRS("given_name", "Sam"));
	struct kerr err;
	CHECK_INT(store_begin(st, &err), K_OK);
	struct record *rec = record_new(&person_entity);
	record_set(rec, PERSON_GIVEN_NAME, "Amina");
	CHECK_INT(entity_create(st, rec, &err), K_OK);
	const char *gifts[] = {"Quilting", "Juggling", "Pottery"};
	for (int i = 0; i < 3; i++)
		CHECK_INT(tag_attach(st, ENTITY_PERSON, rec->id, "skill", gifts[i], &err), K_OK);
	CHECK_INT(tag_detach(st, ENTITY_PERSON, rec->id, "juggling", &err), K_OK);
	CHECK_INT(tag_attach(st, ENTITY_PERSON, sam, "skill", "Juggling", &err), K_OK);
	struct record *again = NULL;
	CHECK_INT(entity_load(st, &person_entity, rec->id, &again, &err), K_OK);
	if (again) {
		record_set(again, PERSON_GIVEN_NAME, "Aminata");
		CHECK_INT(entity_update(st, again, &err), K_OK);
	}
	CHECK_INT(store_finish(st, K_OK, &err), K_OK);
	CHECK_COUNT(st,
		    "INSERT INTO person_fts (person_fts, rank) VALUES ('integrity-check', 1) "
		    "RETURNING 0",
		    0);
	CHECK_INT(found(&person_entity, "aminata", NULL), 1);
	CHECK_INT(found(&person_entity, "pottery quilting", NULL), 1);
	CHECK_INT(found(&person_entity, "juggling", NULL), 1); /* Sam's, not hers */
	CHECK_COUNT(st, "SELECT count(*) FROM person_fts WHERE person_fts MATCH 'amina'", 0);
	record_free(rec);
	record_free(again);
	free(sam);
}

/* ---- matching ---- */

static char *place(const char *name, const char *category, const char *where, const char *status,
		   const char *verified, const char *capacity, const char *description,
		   const char *tag)
{
	char *id = fixture_add(st, &asset_entity,
			       PAIRS("name", name, "category", category, "neighbourhood", where,
				     "status", status, "last_verified", verified, "capacity",
				     capacity, "description", description));
	struct kerr err;
	if (tag)
		CHECK_INT(tag_attach(st, ENTITY_ASSET, id, "topic", tag, &err), K_OK);
	return id;
}

/* Amina in Northgate cooks and gardens and wants to walk more; the places that fit her. */
static char *matching_world(void)
{
	fixture_fresh(&st);
	fixture_team(st);
	fixture_as(st, "wes");
	char *amina = fixture_add(st, &person_entity,
				  PAIRS("given_name", "Amina", "neighbourhood", "Northgate",
					"what_matters", "Walking with others, and my garden"));
	struct kerr err;
	CHECK_INT(tag_attach(st, ENTITY_PERSON, amina, "gift_hands", "Cooking", &err), K_OK);
	CHECK_INT(tag_attach(st, ENTITY_PERSON, amina, "passion", "Gardening", &err), K_OK);
	const char *recent = "2026-09-01", *old = "2024-01-10";
	char *ids[] = {
		place("Zeta Kitchen", "space", "Northgate", "active", recent, "", "", "Cooking"),
		place("Aardvark Suppers", "association", "Northgate", "active", recent, "", "",
		      "cooking"),
		place("Ramblers", "association", "Northgate", "active", recent, "",
		      "gentle walks on Sundays", NULL),
		place("Allotment Society", "association", "Northgate", "active", recent, "full", "",
		      "Gardening"),
		place("Old Chapel Lunch", "space", "Northgate", "active", old, "", "", "Cooking"),
		place("Supper Club", "association", "Northgate", "paused", recent, "", "",
		      "Cooking"),
		place("Eastfield Growers", "association", "Eastfield", "active", recent, "",
		      "cooking what we grow", "Gardening"),
		place("Closed Canteen", "space", "Northgate", "closed", recent, "", "", "Cooking"),
		place("Knitting Circle", "association", "Northgate", "active", recent, "", "",
		      "Knitting"),
	};
	for (size_t i = 0; i < sizeof ids / sizeof *ids; i++)
		free(ids[i]);
	return amina;
}

static void matches_come_in_the_order_a_connector_expects(void)
{
	char *amina = matching_world();
	struct match_list list;
	struct kerr err;
	CHECK_INT(match_person(st, amina, 20, &list, &err), K_OK);
	const char *want[] = {"Aardvark Suppers",  "Zeta Kitchen",     "Ramblers",
			      "Allotment Society", "Old Chapel Lunch", "Supper Club",
			      "Eastfield Growers"};
	CHECK_INT(list.n, 7); /* not the closed canteen, nor the knitters */
	CHECK_INT(list.found, 7);
	for (int i = 0; i < list.n && i < 7; i++)
		CHECK_STR(list.item[i].name, want[i]);
	if (list.n == 7) {
		CHECK_STR(list.item[0].why, "shares Cooking; in Northgate; active, verified "
					    "2026-09-01");
		CHECK_HAS(list.item[2].why, "mentions walking (what matters to them)");
		CHECK_HAS(list.item[3].why, "full");
		CHECK_HAS(list.item[4].why, "not verified in a year");
		CHECK_HAS(list.item[5].why, "paused");
		CHECK_HAS(list.item[6].why, "shares Gardening; mentions Cooking");
		CHECK_INT(list.item[6].fit, MATCH_SHARED_TAG + MATCH_TAG_MENTIONED + MATCH_WORD);
		CHECK(!list.item[6].near && list.item[0].near && list.item[0].ready);
	}
	match_list_free(&list);
	CHECK_INT(match_person(st, "amina", 2, &list, &err), K_OK); /* by name; the best two */
	CHECK_INT(list.n, 2);
	CHECK_INT(list.found, 7);
	match_list_free(&list);
	free(amina);
}

static void nothing_recorded_nothing_matched(void)
{
	fixture_fresh(&st);
	char *sam = fixture_add(st, &person_entity, PAIRS("given_name", "Sam"));
	struct match_list list;
	struct kerr err;
	CHECK_INT(match_person(st, sam, 5, &list, &err), K_OK);
	CHECK_INT(list.terms, 0);
	CHECK_INT(list.n, 0);
	match_list_free(&list);
	free(sam);
}

/* A worker who may not see a restricted person is told what a name nobody has gets. */
static void a_restricted_person_is_not_matched_for_a_worker(void)
{
	char *amina = matching_world();
	struct kerr err, none;
	struct record *rec = NULL;
	CHECK_INT(entity_load(st, &person_entity, amina, &rec, &err), K_OK);
	if (rec) {
		record_set(rec, PERSON_RESTRICTED, "1");
		CHECK_INT(entity_update(st, rec, &err), K_OK);
	}
	record_free(rec);
	struct match_list list;
	fixture_as(st, "wren");
	int hidden = match_person(st, amina, 5, &list, &err);
	CHECK_INT(list.n, 0);
	match_list_free(&list);
	char other[ID_LEN];
	snprintf(other, sizeof other, "%s", amina);
	other[0] = other[0] == 'a' ? 'b' : 'a';
	CHECK_INT(hidden, match_person(st, other, 5, &list, &none));
	CHECK_INT(hidden, K_NOT_FOUND);
	char want[80]; /* word for word what an id nobody has is told */
	snprintf(want, sizeof want, "no person has the id %s", amina);
	CHECK_STR(err.msg, want);
	snprintf(want, sizeof want, "no person has the id %s", other);
	CHECK_STR(none.msg, want);
	match_list_free(&list);
	CHECK_INT(match_person(st, "Amina", 5, &list, &err), K_NOT_FOUND);
	match_list_free(&list);
	fixture_as(st, "wes"); /* who recorded her */
	CHECK_INT(match_person(st, amina, 5, &list, &err), K_OK);
	CHECK_INT(list.n, 5);
	match_list_free(&list);
	fixture_as(st, NULL);
	CHECK_INT(match_person(st, amina, 5, &list, &err), K_REFUSED);
	match_list_free(&list);
	free(amina);
}

int main(void)
{
	RUN(people_are_found_by_gift_and_what_matters);
	RUN(a_gift_is_corrected_or_removed_and_search_follows);
	RUN(one_transactions_changes_reach_the_index_as_they_end);
	RUN(matches_come_in_the_order_a_connector_expects);
	RUN(nothing_recorded_nothing_matched);
	RUN(a_restricted_person_is_not_matched_for_a_worker);
	store_close(st);
	return check_summary("gifts");
}
