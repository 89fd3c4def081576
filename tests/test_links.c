/* Joins between records: group membership, tags on people and assets, attendance. Each
 * pair is linked once; leaving keeps a tombstone; linking again revives it. */
#include "activity.h"
#include "asset.h"
#include "check.h"
#include "database.h"
#include "entity.h"
#include "fixture.h"
#include "membership.h"
#include "person.h"
#include "record.h"
#include "setting.h"
#include "store.h"
#include "tag.h"
#include "xalloc.h"

static struct store *st;

static void joining_a_group_once(void)
{
	fixture_fresh(&st);
	char *amina = fixture_add(st, &person_entity,
				  PAIRS("given_name", "Amina", "family_name", "Yusuf"));
	char *zoe = fixture_add(st, &person_entity,
				PAIRS("given_name", "Zoë", "family_name", "Clarke"));
	char *knit = fixture_add(st, &group_entity, PAIRS("name", "Knit and Natter"));
	char *lib = fixture_add(st, &asset_entity,
				PAIRS("name", "Library", "category", "institution"));
	struct kerr err;
	CHECK_INT(membership_join(st, "knit and natter", "amina", "organiser", "01/09/2026", &err),
		  K_OK);
	CHECK_INT(membership_join(st, knit, zoe, NULL, NULL, &err), K_OK);
	CHECK_INT(membership_join(st, knit, amina, NULL, NULL, &err), K_DUPLICATE);
	CHECK_HAS(err.msg, "already a member");
	CHECK_INT(membership_join(st, lib, amina, NULL, NULL, &err), K_NOT_FOUND);
	CHECK_HAS(err.msg, "no group has the id");
	CHECK_INT(membership_join(st, knit, amina, "boss", NULL, &err), K_INVALID);
	CHECK_STR(err.field, "role");
	CHECK_INT(membership_join(st, knit, amina, NULL, "31/02/2026", &err), K_INVALID);
	struct member_list list;
	CHECK_INT(membership_members(st, knit, 100, &list, &err), K_OK);
	CHECK_INT(list.n, 2);
	CHECK_INT(list.total, 2);
	CHECK_STR(list.item[0].name, "Zoë Clarke"); /* by family name */
	CHECK_STR(list.item[1].role, "organiser");
	CHECK_STR(list.item[1].since, "2026-09-01");
	CHECK_STR(list.item[0].since, "2026-11-22");
	membership_list_free(&list);
	CHECK_INT(membership_members(st, knit, 1, &list, &err), K_OK);
	CHECK_INT(list.n, 1);
	CHECK_INT(list.total, 2);
	membership_list_free(&list);
	CHECK_INT(membership_groups(st, amina, &list, &err), K_OK);
	CHECK_INT(list.n, 1);
	CHECK_STR(list.item[0].name, "Knit and Natter");
	membership_list_free(&list);
	free(amina), free(zoe), free(knit), free(lib);
}

static void leaving_and_rejoining(void)
{
	fixture_fresh(&st);
	char *p = fixture_add(st, &person_entity, PAIRS("given_name", "Amina"));
	char *g = fixture_add(st, &group_entity, PAIRS("name", "Men's Shed"));
	struct kerr err;
	CHECK_INT(membership_join(st, g, p, NULL, NULL, &err), K_OK);
	CHECK_INT(membership_leave(st, g, p, &err), K_OK);
	CHECK_INT(membership_leave(st, g, p, &err), K_NOT_FOUND);
	struct member_list list;
	membership_members(st, g, 10, &list, &err);
	CHECK_INT(list.n, 0);
	membership_list_free(&list);
	CHECK_COUNT(st, "SELECT count(*) FROM membership WHERE deleted_at IS NOT NULL", 1);
	CHECK_INT(membership_join(st, g, p, "volunteer", NULL, &err), K_OK);
	CHECK_COUNT(st, "SELECT count(*) FROM membership", 1);
	CHECK_COUNT(st,
		    "SELECT count(*) FROM membership WHERE role = 'volunteer' AND "
		    "deleted_at IS NULL",
		    1);
	/* a deleted person is no longer listed as a member */
	CHECK_INT(entity_delete(st, &person_entity, p, &err), K_OK);
	membership_members(st, g, 10, &list, &err);
	CHECK_INT(list.n, 0);
	membership_list_free(&list);
	free(p), free(g);
}

static void tags_on_people_and_assets(void)
{
	fixture_fresh(&st);
	char *p = fixture_add(st, &person_entity, PAIRS("given_name", "Amina"));
	char *a = fixture_add(st, &asset_entity,
			      PAIRS("name", "Community Kitchen", "category", "space"));
	struct kerr err;
	CHECK_INT(tag_attach(st, ENTITY_PERSON, p, "skill", "Cooking", &err), K_OK);
	CHECK_INT(tag_attach(st, ENTITY_PERSON, p, "gift-hands", "sewing", &err), K_OK);
	CHECK_INT(tag_attach(st, ENTITY_PERSON, p, "skill", "cooking", &err), K_DUPLICATE);
	CHECK_INT(tag_attach(st, ENTITY_ASSET, a, "skill", "COOKING", &err), K_OK);
	CHECK_INT(tag_attach(st, ENTITY_PERSON, p, "talent", "juggling", &err), K_INVALID);
	CHECK_STR(err.field, "kind");
	CHECK_INT(tag_attach(st, ENTITY_PERSON, p, "skill", "", &err), K_INVALID);
	CHECK_COUNT(st, "SELECT count(*) FROM tag", 2); /* cooking is one tag, shared */
	struct tag_list list;
	CHECK_INT(tag_list_for(st, ENTITY_PERSON, p, &list, &err), K_OK);
	CHECK_INT(list.n, 2);
	CHECK_STR(list.item[0].kind, "gift_hands");
	CHECK_STR(list.item[1].name, "Cooking");
	char cooking[ID_LEN];
	snprintf(cooking, sizeof cooking, "%s", list.item[1].id);
	tag_list_free(&list);
	CHECK_INT(tag_detach(st, ENTITY_PERSON, p, cooking, &err), K_OK);
	tag_list_for(st, ENTITY_PERSON, p, &list, &err);
	CHECK_INT(list.n, 1);
	tag_list_free(&list);
	tag_list_for(st, ENTITY_ASSET, a, &list, &err);
	CHECK_INT(list.n, 1);
	tag_list_free(&list);
	free(p), free(a);
}

static void attendance_at_activities(void)
{
	fixture_fresh(&st);
	char *p = fixture_add(st, &person_entity, PAIRS("given_name", "Amina"));
	char *act = fixture_add(st, &activity_entity,
				PAIRS("name", "Northgate Community Café", "kind",
				      "community_cafe"));
	struct kerr err;
	CHECK_INT(activity_attend(st, act, p, NULL, &err), K_OK);
	CHECK_INT(activity_attend(st, act, p, NULL, &err), K_DUPLICATE);
	CHECK_INT(activity_attend(st, act, p, "dancer", &err), K_INVALID);
	long long n = 0;
	CHECK_INT(activity_attendance(st, act, &n, &err), K_OK);
	CHECK_INT(n, 1);
	CHECK_INT(activity_unattend(st, act, p, &err), K_OK);
	activity_attendance(st, act, &n, &err);
	CHECK_INT(n, 0);
	CHECK_INT(activity_attend(st, "community cafe", "amina", "volunteer", &err), K_NOT_FOUND);
	CHECK_INT(activity_attend(st, "northgate community café", "amina", "volunteer", &err),
		  K_OK);
	free(p), free(act);
}

/* Who came, organisers first; a role changed and audited; where a person has been; the
 * count at the door. */
static void attendance_by_role_and_person(void)
{
	fixture_fresh(&st);
	char *zoe = fixture_add(st, &person_entity,
				PAIRS("given_name", "Zoë", "family_name", "Clarke"));
	char *amina = fixture_add(st, &person_entity,
				  PAIRS("given_name", "Amina", "family_name", "Yusuf"));
	char *cafe = fixture_add(st, &activity_entity,
				 PAIRS("name", "Community Café", "kind", "community_cafe", "date",
				       "2026-11-01", "unnamed", "3"));
	char *walk = fixture_add(st, &activity_entity,
				 PAIRS("name", "Walkabout", "kind", "walkabout", "date",
				       "2026-11-10", "venue", "Northgate streets"));
	struct kerr err;
	CHECK_INT(activity_attend(st, cafe, zoe, NULL, &err), K_OK);
	CHECK_INT(activity_attend(st, cafe, amina, "organiser", &err), K_OK);
	CHECK_INT(activity_attend(st, walk, zoe, "volunteer", &err), K_OK);
	struct attendee_list list;
	CHECK_INT(activity_attendees(st, cafe, 10, &list, &err), K_OK);
	CHECK_INT(list.n, 2);
	CHECK_STR(list.item[0].name, "Amina Yusuf");
	CHECK_STR(list.item[0].role, "organiser");
	CHECK_STR(list.item[1].role, "attendee");
	activity_attendees_free(&list);
	/* given again in another role, they take it; the same role is a duplicate */
	CHECK_INT(activity_attend(st, cafe, zoe, "volunteer", &err), K_OK);
	CHECK_INT(activity_set_role(st, cafe, zoe, "volunteer", &err), K_DUPLICATE);
	CHECK_INT(activity_set_role(st, walk, amina, "volunteer", &err), K_NOT_FOUND);
	CHECK_INT(activity_set_role(st, cafe, zoe, "dancer", &err), K_INVALID);
	CHECK_COUNT(st,
		    "SELECT count(*) FROM audit WHERE entity = 'attendance' AND action = "
		    "'update' AND fields = 'role'",
		    1);
	CHECK_INT(activity_attended(st, zoe, 10, &list, &err), K_OK);
	CHECK_INT(list.n, 2);
	CHECK_STR(list.item[0].name, "Walkabout"); /* newest first */
	CHECK_STR(list.item[0].kind, "walkabout");
	CHECK_STR(list.item[1].role, "volunteer");
	CHECK_STR(list.item[1].date, "2026-11-01");
	activity_attendees_free(&list);
	CHECK_INT(activity_add_unnamed(st, cafe, 1, NULL, &err), K_OK);
	CHECK_INT(activity_add_unnamed(st, walk, -1, NULL, &err), K_INVALID);
	CHECK_COUNT(st, "SELECT unnamed FROM activity WHERE name = 'Community Café'", 4);
	CHECK_COUNT(st, "SELECT unnamed FROM activity WHERE name = 'Walkabout'", 0);
	/* erased, Zoë is still counted at both, no longer by name */
	CHECK_INT(person_erase(st, zoe, "asked to be forgotten", &err), K_OK);
	CHECK_COUNT(st, "SELECT unnamed FROM activity WHERE name = 'Community Café'", 5);
	CHECK_COUNT(st, "SELECT unnamed FROM activity WHERE name = 'Walkabout'", 1);
	CHECK_INT(activity_attendees(st, cafe, 10, &list, &err), K_OK);
	CHECK_INT((int)list.total, 1);
	CHECK_STR(list.item[0].name, "Amina Yusuf");
	activity_attendees_free(&list);
	free(zoe), free(amina), free(cafe), free(walk);
}

/* The worker responsible: whoever records it; another, only a coordinator's choice. */
static void the_worker_responsible(void)
{
	fixture_fresh(&st);
	fixture_team(st);
	fixture_as(st, "wes");
	struct record *rec = record_new(&activity_entity);
	record_set_named(rec, "name", "Drop-in");
	struct kerr err;
	CHECK_INT(entity_create(st, rec, &err), K_OK);
	CHECK_COUNT(st,
		    "SELECT count(*) FROM activity a JOIN worker w ON w.id = a.worker_id "
		    "WHERE w.username = 'wes'",
		    1);
	record_set_named(rec, "worker_id", "Cora Coordinator");
	CHECK_INT(entity_update(st, rec, &err), K_REFUSED);
	CHECK_HAS(err.msg, "only a coordinator");
	record_free(rec);
	fixture_as(st, "cora");
	rec = record_new(&activity_entity);
	record_set_named(rec, "name", "Multi-agency meeting");
	record_set_named(rec, "kind", "multi_agency_meeting");
	record_set_named(rec, "worker_id", "Wes Worker");
	CHECK_INT(entity_create(st, rec, &err), K_OK);
	record_free(rec);
}

static void settings_are_kept(void)
{
	fixture_fresh(&st);
	struct kerr err;
	char *v = NULL;
	CHECK_INT(setting_get(st, "venue", &v, &err), K_OK);
	CHECK(v == NULL);
	CHECK_INT(setting_set(st, "venue", "abc", &err), K_OK);
	CHECK_INT(setting_set(st, "venue", "def", &err), K_OK);
	CHECK_INT(setting_get(st, "venue", &v, &err), K_OK);
	CHECK_STR(v, "def");
	free(v);
	CHECK_INT(setting_set(st, "venue", NULL, &err), K_OK);
	CHECK_INT(setting_get(st, "venue", &v, &err), K_OK);
	CHECK(v == NULL);
	CHECK_COUNT(st, "SELECT count(*) FROM setting WHERE deleted_at IS NOT NULL", 1);
}

int main(void)
{
	RUN(settings_are_kept);
	RUN(joining_a_group_once);
	RUN(leaving_and_rejoining);
	RUN(tags_on_people_and_assets);
	RUN(attendance_at_activities);
	RUN(attendance_by_role_and_person);
	RUN(the_worker_responsible);
	store_close(st);
	return check_summary("links");
}
