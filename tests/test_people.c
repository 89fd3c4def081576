/* People recorded twice and people in groups: a likely duplicate is refused unless allowed,
 * and never names someone the reader may not see; a merge moves every row that refers to the
 * other record, leaves it a tombstone pointing at the one kept, is audited, and refuses a
 * restricted person as if unknown; a member's role changes. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activity.h"
#include "asset.h"
#include "check.h"
#include "entity.h"
#include "fixture.h"
#include "membership.h"
#include "person.h"
#include "record.h"
#include "store.h"
#include "strbuf.h"
#include "tag.h"
#include "xalloc.h"

static struct store *st;

static int add(const char *given, const char *family, const char *postcode, const char *year,
	       bool allow, struct person_twin *twin, struct kerr *err)
{
	struct record *rec = record_new(&person_entity);
	record_set(rec, PERSON_GIVEN_NAME, given);
	record_set(rec, PERSON_FAMILY_NAME, family);
	record_set(rec, PERSON_POSTCODE, postcode);
	record_set(rec, PERSON_BIRTH_YEAR, year);
	int status = person_add(st, rec, allow, twin, err);
	/* a refused form keeps what was typed */
	CHECK_STR(record_get(rec, PERSON_POSTCODE),
		  status == K_OK ? record_get(rec, PERSON_POSTCODE) : postcode);
	record_free(rec);
	return status;
}

static void a_likely_duplicate_is_refused_unless_allowed(void)
{
	fixture_fresh(&st);
	struct person_twin twin;
	struct kerr err;
	char *amina = fixture_add(st, &person_entity,
				  PAIRS("given_name", "Amina", "family_name", "Yusuf", "postcode",
					"E1 6AN", "birth_year", "1980"));
	/* the same names, the postcode typed otherwise */
	CHECK_INT(add("amina", "YUSUF", "e16an", "", false, &twin, &err), K_DUPLICATE);
	CHECK_STR(err.field, "given_name");
	CHECK_HAS(err.msg, "likely already here: Amina Yusuf, E1 6AN");
	CHECK_STR(twin.id, amina);
	/* or the same year of birth */
	CHECK_INT(add("Amina", "Yusuf", "N1 9GU", "1980", false, &twin, &err), K_DUPLICATE);
	CHECK_COUNT(st, "SELECT count(*) FROM person", 1);
	/* another postcode and no year: someone else */
	CHECK_INT(add("Amina", "Yusuf", "N1 9GU", "", false, &twin, &err), K_OK);
	CHECK_STR(twin.id, "");
	CHECK_INT(add("Amina", "Yusuf", "E1 6AN", "", true, &twin, &err), K_OK);
	CHECK_COUNT(st, "SELECT count(*) FROM person WHERE postcode = 'E1 6AN'", 2);
	free(amina);
}

/* A worker adding someone a coordinator keeps restricted is not told they are there. */
static void a_hidden_person_is_no_ones_duplicate(void)
{
	fixture_fresh(&st);
	fixture_team(st);
	fixture_as(st, "cora");
	free(fixture_add(st, &person_entity,
			 PAIRS("given_name", "Rosa", "family_name", "Brackwater", "postcode",
			       "E1 6AN", "restricted", "yes")));
	struct person_twin twin;
	struct kerr err;
	fixture_as(st, "wes");
	CHECK_INT(add("Rosa", "Brackwater", "E1 6AN", "", false, &twin, &err), K_OK);
	CHECK_STR(twin.id, "");
	fixture_as(st, "cora");
	CHECK_INT(add("Rosa", "Brackwater", "E1 6AN", "", false, &twin, &err), K_DUPLICATE);
	fixture_as(st, NULL);
	CHECK_INT(add("Rosa", "Brackwater", "E2 7AA", "", false, &twin, &err), K_REFUSED);
}

/* Every (table, column) the schema says refers to a person, "table.column\n" each. */
static char *references(void)
{
	struct strbuf out = STRBUF_INIT;
	sqlite3_stmt *stmt = NULL;
	sqlite3_prepare_v2(store_db(st),
			   "SELECT m.name || '.' || f.\"from\" FROM sqlite_schema m JOIN "
			   "pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND "
			   "f.\"table\" = 'person' ORDER BY 1",
			   -1, &stmt, NULL);
	while (sqlite3_step(stmt) == SQLITE_ROW)
		strbuf_printf(&out, "%s\n", sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return strbuf_take(&out);
}

/* A merge moves what the schema's references name. Every entity's reference to a person must
 * be one of them, or a merge would leave that entity's records with the tombstone: an entity
 * added with a person field and no REFERENCES person (id) fails here. The audit trail alone
 * keeps whom each row was about then. */
static void every_reference_to_a_person_is_one_a_merge_moves(void)
{
	fixture_fresh(&st);
	char *refs = references();
	int seen = 0;
	for (int k = 0; k < ENTITY_COUNT; k++) {
		const struct entity_def *def = entity_get(k);
		for (int i = 0; i < def->nfields; i++) {
			const struct field_def *f = &def->fields[i];
			if (f->kind != FIELD_REF || f->ref != ENTITY_PERSON || def->read_only)
				continue;
			char *want = xasprintf("%s.%s\n", def->table, f->name);
			if (!CHECK(strstr(refs, want)))
				fprintf(stderr, "  %s.%s refers to a person without REFERENCES\n",
					def->name, f->name);
			seen++;
			free(want);
		}
	}
	CHECK(seen >= 4); /* assets, referrals, conversations, wellbeing */
	/* and the joins and the rest: memberships, tags, attendance, consent, drafts */
	for (const char *const *t =
		     (const char *const[]){"membership.person_id", "person_tag.person_id",
					   "attendance.person_id", "consent_event.person_id",
					   "draft.person_id", NULL};
	     *t; t++)
		CHECK(strstr(refs, *t));
	free(refs);
}

/* The other record, with something in every kind of record about a person. */
static char *twice_recorded(const char *amina, const char *knit, const char *shed, const char *walk)
{
	char *other = fixture_add(st, &person_entity,
				  PAIRS("given_name", "Amina", "family_name", "Yusuf", "phone",
					"07700 900123", "notes", "came to the drop-in",
					"consent_status", "given", "consent_basis", "consent"));
	char *hall = fixture_add(st, &asset_entity,
				 PAIRS("name", "Town Hall", "category", "institution"));
	free(fixture_add(st, entity_get(ENTITY_REFERRAL),
			 PAIRS("person_id", other, "from_asset_id", hall, "to_asset_id", knit)));
	free(fixture_add(st, entity_get(ENTITY_CONVERSATION),
			 PAIRS("person_id", other, "hopes", "a garden")));
	free(fixture_add(st, entity_get(ENTITY_WELLBEING),
			 PAIRS("person_id", other, "life_satisfaction", "6")));
	free(fixture_add(st, &asset_entity,
			 PAIRS("name", "Sewing lessons", "category", "individual", "person_id",
			       other)));
	struct kerr err;
	CHECK_INT(tag_attach(st, ENTITY_PERSON, other, "skill", "cooking", &err), K_OK);
	CHECK_INT(tag_attach(st, ENTITY_PERSON, other, "passion", "sewing", &err), K_OK);
	CHECK_INT(membership_join(st, knit, other, "organiser", NULL, &err), K_OK);
	CHECK_INT(membership_join(st, shed, other, NULL, NULL, &err), K_OK);
	CHECK_INT(activity_attend(st, walk, other, NULL, &err), K_OK);
	CHECK_INT(activity_attend(st, walk, amina, NULL, &err), K_OK);
	free(hall);
	return other;
}

/* Rows of table.column that are live and refer to id, over every reference. */
static long long live_rows_about(const char *id)
{
	char *refs = references();
	long long n = 0;
	for (char *line = strtok(refs, "\n"); line; line = strtok(NULL, "\n")) {
		char *dot = strchr(line, '.');
		*dot = '\0';
		char *sql = xasprintf("SELECT count(*) FROM %s WHERE %s = '%s' AND deleted_at IS "
				      "NULL",
				      line, dot + 1, id);
		long long here = fixture_count(st, sql);
		if (here)
			fprintf(stderr, "  %s.%s: %lld\n", line, dot + 1, here);
		n += here;
		free(sql);
	}
	free(refs);
	return n;
}

static void a_merge_moves_everything_to_the_one_kept(void)
{
	fixture_fresh(&st);
	char *amina = fixture_add(st, &person_entity,
				  PAIRS("given_name", "Amina", "family_name", "Yusuf", "notes",
					"speaks Somali"));
	char *knit = fixture_add(st, &group_entity, PAIRS("name", "Knit and Natter"));
	char *shed = fixture_add(st, &group_entity, PAIRS("name", "Men's Shed"));
	char *walk = fixture_add(st, entity_get(ENTITY_ACTIVITY),
				 PAIRS("name", "Spring walkabout", "date", "2026-04-01"));
	struct kerr err;
	CHECK_INT(tag_attach(st, ENTITY_PERSON, amina, "skill", "cooking", &err), K_OK);
	CHECK_INT(membership_join(st, knit, amina, NULL, NULL, &err), K_OK);
	char *other = twice_recorded(amina, knit, shed, walk);
	long long moved = 0;
	CHECK_INT(person_merge(st, amina, other, &moved, &err), K_OK);
	CHECK_INT(live_rows_about(other), 0);
	CHECK_INT((int)moved, 7); /* the two links both had stay the kept record's */
	char *sql = xasprintf("SELECT count(*) FROM person WHERE id = '%s' AND deleted_at IS NOT "
			      "NULL AND merged_into = '%s'",
			      other, amina);
	CHECK_COUNT(st, sql, 1);
	free(sql);
	/* what the kept record lacked it has now; its notes have both */
	struct record *rec = NULL;
	CHECK_INT(entity_load(st, &person_entity, amina, &rec, &err), K_OK);
	CHECK_STR(record_get(rec, PERSON_PHONE), "07700 900123");
	CHECK_STR(record_get(rec, PERSON_NOTES), "speaks Somali\n\ncame to the drop-in");
	record_free(rec);
	/* a link both had is there once, as the kept record had it */
	struct member_list list;
	CHECK_INT(membership_groups(st, amina, &list, &err), K_OK);
	CHECK_INT(list.n, 2);
	CHECK_STR(list.item[0].name, "Knit and Natter");
	CHECK_STR(list.item[0].role, "member");
	membership_list_free(&list);
	CHECK_COUNT(st, "SELECT count(*) FROM person_tag WHERE deleted_at IS NULL", 2);
	CHECK_COUNT(st, "SELECT count(*) FROM attendance WHERE deleted_at IS NULL", 1);
	/* audited on both; the other's old id says where they went */
	sql = xasprintf("SELECT count(*) FROM audit WHERE record_id = '%s' AND action = 'delete' "
			"AND fields = 'merged_into'",
			other);
	CHECK_COUNT(st, sql, 1);
	free(sql);
	CHECK_INT(entity_resolve(st, &person_entity, other, (char[ID_LEN]){0}, &err), K_NOT_FOUND);
	CHECK_HAS(err.msg, "merged into");
	CHECK_HAS(err.msg, amina);
	CHECK_INT(person_merge(st, amina, amina, &moved, &err), K_INVALID);
	/* erasing the one kept erases what the merged record held too */
	CHECK_INT(person_erase(st, amina, "asked to be forgotten", &err), K_OK);
	sql = xasprintf("SELECT count(*) FROM person WHERE id = '%s' AND given_name = '' AND "
			"phone = '' AND notes = ''",
			other);
	CHECK_COUNT(st, sql, 1);
	free(sql);
	sql = xasprintf("SELECT count(*) FROM erasure WHERE person_id = '%s'", other);
	CHECK_COUNT(st, sql, 1);
	free(sql);
	free(amina), free(knit), free(shed), free(walk), free(other);
}

/* A worker may not merge, nor learn of, someone restricted they may not see; merging them
 * (a coordinator) keeps the one kept restricted. */
static void a_merge_respects_restricted_records(void)
{
	fixture_fresh(&st);
	fixture_team(st);
	fixture_as(st, "wes");
	char *amina = fixture_add(st, &person_entity, PAIRS("given_name", "Amina"));
	fixture_as(st, "cora");
	char *rosa = fixture_add(st, &person_entity,
				 PAIRS("given_name", "Rosa", "family_name", "Brackwater",
				       "restricted", "yes"));
	fixture_as(st, "wes");
	struct kerr err;
	long long moved;
	char unknown[ID_LEN];
	snprintf(unknown, sizeof unknown, "%s", rosa);
	unknown[0] = unknown[0] == 'f' ? 'e' : 'f';
	CHECK_INT(person_merge(st, amina, unknown, &moved, &err), K_NOT_FOUND);
	char *as_unknown = xasprintf("no person has the id %s", unknown);
	CHECK_STR(err.msg, as_unknown);
	free(as_unknown);
	char *as_rosa = xasprintf("no person has the id %s", rosa);
	CHECK_INT(person_merge(st, amina, rosa, &moved, &err), K_NOT_FOUND);
	CHECK_STR(err.msg, as_rosa);
	CHECK_INT(person_merge(st, rosa, amina, &moved, &err), K_NOT_FOUND);
	CHECK_STR(err.msg, as_rosa);
	CHECK_INT(person_merge(st, amina, "Restricted record", &moved, &err), K_NOT_FOUND);
	free(as_rosa);
	fixture_as(st, NULL);
	CHECK_INT(person_merge(st, amina, rosa, &moved, &err), K_REFUSED);
	CHECK_COUNT(st, "SELECT count(*) FROM person WHERE deleted_at IS NULL", 2);
	fixture_as(st, "cora");
	CHECK_INT(person_merge(st, amina, rosa, &moved, &err), K_OK);
	char *sql = xasprintf("SELECT restricted FROM person WHERE id = '%s'", amina);
	CHECK_COUNT(st, sql, 1);
	free(sql);
	free(amina), free(rosa);
}

static void joining_again_in_a_role_changes_it(void)
{
	fixture_fresh(&st);
	char *amina = fixture_add(st, &person_entity, PAIRS("given_name", "Amina"));
	char *zoe = fixture_add(st, &person_entity, PAIRS("given_name", "Zoë"));
	char *knit = fixture_add(st, &group_entity, PAIRS("name", "Knit and Natter"));
	struct kerr err;
	CHECK_INT(membership_join(st, knit, amina, NULL, "01/09/2026", &err), K_OK);
	CHECK_INT(membership_join(st, knit, amina, "organiser", NULL, &err), K_OK);
	CHECK_INT(membership_join(st, knit, amina, "organiser", NULL, &err), K_DUPLICATE);
	CHECK_HAS(err.msg, "already a member of that group, as organiser");
	CHECK_INT(membership_join(st, knit, amina, NULL, NULL, &err), K_DUPLICATE);
	CHECK_INT(membership_set_role(st, knit, amina, "champion", &err), K_OK);
	CHECK_INT(membership_set_role(st, knit, zoe, "champion", &err), K_NOT_FOUND);
	CHECK_INT(membership_set_role(st, knit, amina, "boss", &err), K_INVALID);
	CHECK_STR(err.field, "role");
	struct member_list list;
	CHECK_INT(membership_members(st, knit, 10, &list, &err), K_OK);
	CHECK_INT(list.n, 1);
	CHECK_STR(list.item[0].role, "champion");
	CHECK_STR(list.item[0].since, "2026-09-01"); /* since they joined, not since the change */
	membership_list_free(&list);
	CHECK_COUNT(st,
		    "SELECT count(*) FROM audit WHERE entity = 'membership' AND action = 'update' "
		    "AND fields = 'role'",
		    2);
	free(amina), free(zoe), free(knit);
}

int main(void)
{
	RUN(a_likely_duplicate_is_refused_unless_allowed);
	RUN(a_hidden_person_is_no_ones_duplicate);
	RUN(every_reference_to_a_person_is_one_a_merge_moves);
	RUN(a_merge_moves_everything_to_the_one_kept);
	RUN(a_merge_respects_restricted_records);
	RUN(joining_again_in_a_role_changes_it);
	store_close(st);
	return check_summary("people");
}
