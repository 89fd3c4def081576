/* The entity engine against the real schema: what is saved, what is refused (naming the
 * field, keeping what was typed, writing nothing), references, conflicts, tombstones, and
 * the rules of referrals, groups, gifts, consent and tags. */
#include <sqlite3.h>

#include "activity.h"
#include "asset.h"
#include "check.h"
#include "conversation.h"
#include "database.h"
#include "date.h"
#include "entity.h"
#include "fixture.h"
#include "person.h"
#include "record.h"
#include "referral.h"
#include "store.h"
#include "tag.h"
#include "wellbeing.h"
#include "worker.h"
#include "xalloc.h"

static struct store *st;
static char grace[ID_LEN];

static void fresh(void)
{
	struct kerr err;
	fixture_fresh(&st);
	struct record *w = record_new(&worker_entity);
	record_set(w, WORKER_USERNAME, "grace");
	record_set(w, WORKER_DISPLAY_NAME, "Grace Okoye");
	CHECK_INT(entity_create(st, w, &err), K_OK);
	snprintf(grace, sizeof grace, "%s", w->id);
	record_free(w);
	store_set_actor(st, grace);
}

/* Creates a record from name=value pairs; returns its id (static) or the refusal. */
static const char *make(const struct entity_def *def, const char *const *pairs, struct kerr *err)
{
	static char id[ID_LEN];
	struct record *rec = record_new(def);
	for (int i = 0; pairs[i]; i += 2)
		CHECK(record_set_named(rec, pairs[i], pairs[i + 1]) >= 0);
	int status = entity_create(st, rec, err);
	snprintf(id, sizeof id, "%s", status == K_OK ? rec->id : "");
	record_free(rec);
	return status == K_OK ? id : NULL;
}

static char *person(const char *given, const char *family)
{
	struct kerr err;
	const char *pairs[] = {"given_name", given, "family_name", family, NULL};
	const char *id = make(&person_entity, pairs, &err);
	CHECK(id != NULL);
	return xstrdup(id ? id : "");
}

static char *asset(const char *name, const char *category)
{
	struct kerr err;
	const char *pairs[] = {"name", name, "category", category, NULL};
	const char *id = make(&asset_entity, pairs, &err);
	CHECK(id != NULL);
	return xstrdup(id ? id : "");
}

static void person_saved_with_normal_forms(void)
{
	fresh();
	struct kerr err;
	struct record *rec = record_new(&person_entity);
	record_set(rec, PERSON_GIVEN_NAME, "  Amina ");
	record_set(rec, PERSON_FAMILY_NAME, "Yusuf");
	record_set(rec, PERSON_POSTCODE, "e16an");
	record_set(rec, PERSON_PHONE, "07700 900123");
	record_set(rec, PERSON_EMAIL, "amina@example.org");
	record_set(rec, PERSON_BIRTH_YEAR, "1984");
	record_set(rec, PERSON_REVIEW_DATE, "22/11/2028");
	record_set(rec, PERSON_RESTRICTED, "yes");
	record_set(rec, PERSON_WHAT_MATTERS, "My allotment\nand my grandchildren");
	CHECK_INT(entity_create(st, rec, &err), K_OK);
	CHECK(id_valid(rec->id));
	CHECK_STR(record_get(rec, PERSON_GIVEN_NAME), "Amina");
	CHECK_STR(record_get(rec, PERSON_POSTCODE), "E1 6AN");
	struct record *back = NULL;
	CHECK_INT(entity_load(st, &person_entity, rec->id, &back, &err), K_OK);
	CHECK_STR(record_display(back), "Amina Yusuf");
	CHECK_STR(record_get(back, PERSON_POSTCODE), "E1 6AN");
	CHECK_STR(record_get(back, PERSON_REVIEW_DATE), "2028-11-22");
	CHECK_STR(record_get(back, PERSON_RESTRICTED), "1");
	CHECK_STR(record_get(back, PERSON_CONSENT_STATUS), "not_asked");
	CHECK_STR(record_get(back, PERSON_WHAT_MATTERS), "My allotment\nand my grandchildren");
	CHECK_STR(back->updated_by, grace);
	CHECK(back->created_at && strlen(back->created_at) == 24);
	record_free(back);
	record_free(rec);
}

static void refused_form_keeps_its_text_and_writes_nothing(void)
{
	fresh();
	struct kerr err;
	struct record *rec = record_new(&person_entity);
	record_set(rec, PERSON_FAMILY_NAME, " Yusuf ");
	record_set(rec, PERSON_POSTCODE, "e16an");
	CHECK_INT(entity_create(st, rec, &err), K_INVALID);
	CHECK_STR(err.field, "given_name");
	CHECK_STR(err.msg, "given name: required");
	CHECK_STR(record_get(rec, PERSON_FAMILY_NAME), " Yusuf ");
	CHECK_STR(record_get(rec, PERSON_POSTCODE), "e16an");
	CHECK_STR(rec->id, "");
	record_set(rec, PERSON_GIVEN_NAME, "Amina");
	record_set(rec, PERSON_POSTCODE, "E1 6ZZZ");
	CHECK_INT(entity_create(st, rec, &err), K_INVALID);
	CHECK_STR(err.field, "postcode");
	CHECK_HAS(err.msg, "not a UK postcode");
	CHECK_STR(record_get(rec, PERSON_POSTCODE), "E1 6ZZZ");
	CHECK_COUNT(st, "SELECT count(*) FROM person", 0);
	record_free(rec);
}

struct bad {
	const struct entity_def *def;
	const char *field, *value, *words;
};

static void every_bad_value_is_refused_naming_its_field(void)
{
	fresh();
	char *p = person("Sam", "Smith");
	char *a = asset("Library", "institution");
	static char long_name[150];
	memset(long_name, 'x', sizeof long_name - 1);
	const struct bad bad[] = {
		{&person_entity, "birth_year", "1850", "year of birth: must be between 1900"},
		{&person_entity, "birth_year", "2090", "year of birth: must be between"},
		{&person_entity, "email", "sam at home", "e-mail: 'sam at home' is not an e-mail"},
		{&person_entity, "phone", "07700", "phone: a UK number has 10 or 11 digits"},
		{&person_entity, "consent_status", "maybe", "consent: 'maybe' is not one of"},
		{&person_entity, "restricted", "perhaps", "restricted: answer yes or no"},
		{&person_entity, "review_date", "31/02/2026",
		 "review date: '31/02/2026' is not a "
		 "real date"},
		{&person_entity, "family_name", "Smith\x1b[2J", "family name: contains a control"},
		{&person_entity, "family_name",
		 "Sm\xff"
		 "ith",
		 "family name: not valid UTF-8"},
		{&person_entity, "family_name", long_name, "family name: too long"},
		{&asset_entity, "category", "church", "category: 'church' is not one of"},
		{&asset_entity, "website", "no such thing",
		 "website: 'no such thing' is not a web"},
		{&asset_entity, "last_verified", "soon", "last verified: 'soon' is not a date"},
		{&activity_entity, "unnamed", "-1", "not named: must be between 0 and 100000"},
		{&activity_entity, "host_asset_id", "Nowhere Hall", "host: no asset matches"},
		{&wellbeing_entity, "anxiety", "11", "anxiety: must be between 0 and 10"},
		{&referral_entity, "person_id", "Nobody Atall", "person: no person matches"},
		{&referral_entity, "kind", "shove", "kind: 'shove' is not one of"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct record *rec = record_new(bad[i].def);
		const char *required[][2] = {{"given_name", "Sam"}, {"name", "Thing"},
					     {"category", "space"}, {"person_id", p},
					     {"from_asset_id", a},  {"to_asset_id", a}};
		for (size_t k = 0; k < sizeof required / sizeof *required; k++)
			record_set_named(rec, required[k][0], required[k][1]);
		CHECK(record_set_named(rec, bad[i].field, bad[i].value) >= 0);
		struct kerr err;
		kerr_clear(&err);
		int status = entity_create(st, rec, &err);
		CHECK(status == K_INVALID || status == K_NOT_FOUND);
		if (!CHECK_STR(err.field, bad[i].field) || !CHECK_HAS(err.msg, bad[i].words))
			fprintf(stderr, "  (case %zu)\n", i);
		record_free(rec);
	}
	CHECK_INT(fixture_count(st, "SELECT count(*) FROM referral") +
			  fixture_count(st, "SELECT count(*) FROM activity") +
			  fixture_count(st, "SELECT count(*) FROM wellbeing"),
		  0);
	free(p);
	free(a);
}

static void new_records_get_sensible_defaults(void)
{
	fresh();
	char *p = person("Amina", "Yusuf");
	char *gp = asset("Northgate GP Surgery", "institution");
	char *knit = asset("Knit and Natter", "association");
	struct kerr err;
	struct record *r = record_new(&referral_entity);
	record_set(r, REFERRAL_PERSON, p);
	record_set(r, REFERRAL_FROM_ASSET, gp);
	record_set(r, REFERRAL_TO_ASSET, knit);
	CHECK_INT(entity_create(st, r, &err), K_OK);
	CHECK_STR(record_get(r, REFERRAL_DATE), "2026-11-22");
	CHECK_STR(record_get(r, REFERRAL_STATUS), "made");
	CHECK_STR(record_get(r, REFERRAL_KIND), "referral");
	CHECK_STR(record_get(r, REFERRAL_FOLLOW_UP_DATE), "2026-12-06");
	CHECK_STR(record_get(r, REFERRAL_STATUS_DATE), "2026-11-22");
	CHECK_STR(record_get(r, REFERRAL_WORKER), grace);
	struct record *back = NULL;
	entity_load(st, &referral_entity, r->id, &back, &err);
	CHECK_STR(record_label(back, REFERRAL_PERSON), "Amina Yusuf");
	CHECK_STR(record_label(back, REFERRAL_TO_ASSET), "Knit and Natter");
	CHECK_STR(record_label(back, REFERRAL_WORKER), "Grace Okoye");
	record_free(back);
	record_free(r);
	/* a person is due for review a retention period (24 months unless set) after joining */
	entity_load(st, &person_entity, p, &back, &err);
	sqlite3_stmt *due = NULL;
	sqlite3_prepare_v2(store_db(st), "SELECT date(substr(?1, 1, 10), '+24 months')", -1, &due,
			   NULL);
	sqlite3_bind_text(due, 1, back->created_at, -1, SQLITE_STATIC);
	CHECK_INT(sqlite3_step(due), SQLITE_ROW);
	CHECK_STR(record_get(back, PERSON_REVIEW_DATE), (const char *)sqlite3_column_text(due, 0));
	sqlite3_finalize(due);
	record_free(back);
	struct record *a = NULL;
	entity_load(st, &asset_entity, gp, &a, &err);
	CHECK_STR(record_get(a, ASSET_STATUS), "active");
	CHECK_STR(record_get(a, ASSET_CONFIDENTIAL), "0");
	record_free(a);
	free(p);
	free(gp);
	free(knit);
}

/* What a form shows in an empty field before the save is what the save then writes. */
static void a_referrals_implied_follow_up_is_the_one_saved(void)
{
	char due[64];
	struct record *r = record_new(&referral_entity);
	record_set(r, REFERRAL_DATE, "19/11/2026"); /* as a form holds it */
	CHECK(referral_entity.implied(r, REFERRAL_FOLLOW_UP_DATE, due, sizeof due));
	CHECK_STR(due, "2026-12-03");
	record_set(r, REFERRAL_DATE, "2026-11-22");
	CHECK(referral_entity.implied(r, REFERRAL_FOLLOW_UP_DATE, due, sizeof due));
	CHECK_STR(due, "2026-12-06"); /* new_records_get_sensible_defaults saves that */
	CHECK(!referral_entity.implied(r, REFERRAL_REASON, due, sizeof due));
	record_set(r, REFERRAL_STATUS, "closed"); /* nothing to follow up */
	CHECK(!referral_entity.implied(r, REFERRAL_FOLLOW_UP_DATE, due, sizeof due));
	record_set(r, REFERRAL_STATUS, "made");
	record_set(r, REFERRAL_DATE, "not a date");
	CHECK(!referral_entity.implied(r, REFERRAL_FOLLOW_UP_DATE, due, sizeof due));
	record_free(r);
}

static void references_resolve_by_id_prefix_and_name(void)
{
	fresh();
	char *p = person("Zoë", "Clarke");
	char *from = asset("Riverside Library", "institution");
	char *to = asset("Men's Shed", "association");
	struct kerr err;
	char prefix[9];
	snprintf(prefix, sizeof prefix, "%s", from);
	const char *pairs[] = {"person_id",  "zoe clarke", "from_asset_id", prefix, "to_asset_id",
			       "MEN'S SHED", NULL};
	const char *id = make(&referral_entity, pairs, &err);
	CHECK(id != NULL);
	struct record *r = NULL;
	entity_load(st, &referral_entity, id ? id : "", &r, &err);
	CHECK_STR(record_get(r, REFERRAL_PERSON), p);
	CHECK_STR(record_get(r, REFERRAL_FROM_ASSET), from);
	CHECK_STR(record_get(r, REFERRAL_TO_ASSET), to);
	record_free(r);
	char out[ID_LEN];
	CHECK_INT(entity_resolve(st, &person_entity, p, out, &err), K_OK);
	CHECK_INT(entity_resolve(st, &person_entity, "clarke", out, &err), K_OK);
	CHECK_STR(out, p);
	free(p);
	free(from);
	free(to);
}

static void ambiguous_and_missing_references_refused(void)
{
	fresh();
	char *a = person("Sam", "Smith"), *b = person("Sam", "Smith");
	char out[ID_LEN];
	struct kerr err;
	CHECK_INT(entity_resolve(st, &person_entity, "Sam Smith", out, &err), K_AMBIGUOUS);
	CHECK_HAS(err.msg, "more than one person matches 'Sam Smith'; give its id");
	CHECK_INT(entity_resolve(st, &person_entity, "Sam Jones", out, &err), K_NOT_FOUND);
	CHECK_HAS(err.msg, "no person matches 'Sam Jones'");
	CHECK_INT(entity_resolve(st, &person_entity, "", out, &err), K_INVALID);
	char prefix[5];
	snprintf(prefix, sizeof prefix, "%s", a);
	CHECK_INT(entity_resolve(st, &person_entity, a, out, &err), K_OK);
	CHECK_STR(out, a);
	free(a);
	free(b);
}

/* regression: "cafe" was taken as the start of an id before being looked up as a name */
static void a_name_made_of_hex_letters_is_a_name(void)
{
	fresh();
	struct kerr err;
	CHECK_INT(store_exec(st,
			     "INSERT INTO asset (id, fts_rowid, name, category, created_at, "
			     "updated_at) VALUES ('cafe0000-0000-4000-8000-000000000001', 900, "
			     "'Food Bank', 'institution', 'x', 'x')",
			     &err),
		  K_OK);
	char *cafe = asset("Cafe", "economy");
	char out[ID_LEN];
	CHECK_INT(entity_resolve(st, &asset_entity, "cafe", out, &err), K_OK);
	CHECK_STR(out, cafe);
	CHECK_INT(entity_resolve(st, &asset_entity, "cafe0000", out, &err), K_OK);
	CHECK_STR(out, "cafe0000-0000-4000-8000-000000000001");
	free(cafe);
}

/* regression: emptying a choice on edit reached the database's CHECK constraint */
static void choices_cannot_be_emptied(void)
{
	fresh();
	struct kerr err;
	char *p = person("Amina", "Yusuf");
	char *a = asset("Library", "institution"), *b = asset("Choir", "association");
	const char *pairs[] = {"person_id", p, "from_asset_id", a, "to_asset_id", b, NULL};
	char *r = xstrdup(make(&referral_entity, pairs, &err));
	struct record *rec = NULL;
	entity_load(st, &referral_entity, r, &rec, &err);
	record_set(rec, REFERRAL_STATUS, "");
	CHECK_INT(entity_update(st, rec, &err), K_INVALID);
	CHECK_STR(err.field, "status");
	CHECK_HAS(err.msg, "status: choose one");
	record_free(rec);
	entity_load(st, &person_entity, p, &rec, &err);
	record_set(rec, PERSON_CONSENT_STATUS, "");
	CHECK_INT(entity_update(st, rec, &err), K_INVALID);
	CHECK_STR(err.field, "consent_status");
	record_set(rec, PERSON_CONSENT_STATUS, "given");
	record_set(rec, PERSON_CONSENT_BASIS, ""); /* the one choice that may be empty */
	CHECK_INT(entity_update(st, rec, &err), K_OK);
	record_free(rec);
	free(p), free(a), free(b), free(r);
}

/* regression: a web address longer than 500 bytes was refused though 2000 are allowed */
static void long_web_addresses_are_kept(void)
{
	fresh();
	struct kerr err;
	char url[700];
	snprintf(url, sizeof url, "https://example.org/");
	memset(url + 20, 'a', 600);
	url[620] = '\0';
	const char *pairs[] = {"name", "Hall", "category", "space", "website", url, NULL};
	CHECK(make(&asset_entity, pairs, &err) != NULL);
}

/* Tombstones carry the clock's day, shown to people the UK way. */
static const char *stamp_day_uk(void)
{
	static char uk[DATE_LEN];
	char stamp[STAMP_LEN], day[DATE_LEN];
	date_stamp(stamp);
	snprintf(day, sizeof day, "%.10s", stamp);
	return date_uk(day, uk);
}

static void deleted_target_refused_for_new_links_but_kept_on_edit(void)
{
	fresh();
	char *p = person("Amina", "Yusuf");
	char *from = asset("Library", "institution");
	char *to = asset("Food Bank", "institution");
	struct kerr err;
	const char *pairs[] = {"person_id", p, "from_asset_id", from, "to_asset_id", to, NULL};
	char *ref = xstrdup(make(&referral_entity, pairs, &err));
	CHECK_INT(entity_delete(st, &asset_entity, to, &err), K_OK);
	CHECK(make(&referral_entity, pairs, &err) == NULL);
	CHECK_STR(err.field, "to_asset_id");
	char want[80];
	snprintf(want, sizeof want, "to: that asset was deleted on %s", stamp_day_uk());
	CHECK_HAS(err.msg, want);
	struct record *r = NULL;
	CHECK_INT(entity_load(st, &referral_entity, ref, &r, &err), K_OK);
	record_set(r, REFERRAL_NOTES, "went twice");
	CHECK_INT(entity_update(st, r, &err), K_OK);
	record_free(r);
	free(ref);
	free(p);
	free(from);
	free(to);
}

static void edits_saved_and_conflicts_detected(void)
{
	fresh();
	char *p = person("Amina", "Yusuf");
	struct kerr err;
	struct record *mine = NULL, *theirs = NULL;
	entity_load(st, &person_entity, p, &mine, &err);
	entity_load(st, &person_entity, p, &theirs, &err);
	record_set(theirs, PERSON_PHONE, "07700 900999");
	CHECK_INT(entity_update(st, theirs, &err), K_OK);
	record_set(mine, PERSON_PHONE, "07700 900111");
	CHECK_INT(entity_update(st, mine, &err), K_CONFLICT);
	CHECK_HAS(err.msg, "changed elsewhere");
	struct record *now = NULL;
	entity_load(st, &person_entity, p, &now, &err);
	CHECK_STR(record_get(now, PERSON_PHONE), "07700 900999");
	record_set(theirs, PERSON_PHONE, "");
	CHECK_INT(entity_update(st, theirs, &err), K_OK); /* theirs is current: it saves */
	record_free(now);
	entity_load(st, &person_entity, p, &now, &err);
	CHECK_STR(record_get(now, PERSON_PHONE), "");
	record_free(now);
	record_free(mine);
	record_free(theirs);
	free(p);
}

static void delete_leaves_a_tombstone(void)
{
	fresh();
	char *p = person("Amina", "Yusuf");
	struct kerr err;
	CHECK_INT(entity_delete(st, &person_entity, p, &err), K_OK);
	struct record *r = NULL;
	CHECK_INT(entity_load(st, &person_entity, p, &r, &err), K_NOT_FOUND);
	CHECK_HAS(err.msg, stamp_day_uk());
	CHECK_COUNT(st, "SELECT count(*) FROM person WHERE deleted_at IS NOT NULL", 1);
	CHECK_INT(entity_delete(st, &person_entity, p, &err), K_NOT_FOUND);
	CHECK_INT(entity_delete(st, &person_entity, "00000000-0000-4000-8000-000000000000", &err),
		  K_NOT_FOUND);
	CHECK_HAS(err.msg, "no person has the id");
	long long live = -1;
	entity_count(st, &person_entity, &live, &err);
	CHECK_INT(live, 0);
	free(p);
}

/* How many audit rows of the record say they correct its status. */
static long long count_corrections(const char *id)
{
	sqlite3_stmt *stmt = NULL;
	long long n = -1;
	if (sqlite3_prepare_v2(store_db(st),
			       "SELECT count(*) FROM audit WHERE record_id = ? "
			       "AND detail LIKE 'correction: status %'",
			       -1, &stmt, NULL) == SQLITE_OK) {
		sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
		if (sqlite3_step(stmt) == SQLITE_ROW)
			n = sqlite3_column_int64(stmt, 0);
	}
	sqlite3_finalize(stmt);
	return n;
}

/* Any other change of status is a correction, audited as one. */
static void referral_status_moves_along_allowed_transitions(void)
{
	fresh();
	char *p = person("Amina", "Yusuf");
	char *a = asset("Library", "institution"), *b = asset("Choir", "association");
	/* rows: from; columns: to, in the order of referral_statuses */
	static const char allowed[6][7] = {"111111", "011111", "001001",
					   "000101", "010011", "000001"};
	for (int from = 0; from < 6; from++)
		for (int to = 0; to < 6; to++) {
			struct kerr err;
			const char *pairs[] = {"person_id",
					       p,
					       "from_asset_id",
					       a,
					       "to_asset_id",
					       b,
					       "status",
					       referral_statuses[from],
					       "date",
					       "01/11/2026",
					       NULL};
			char *id = xstrdup(make(&referral_entity, pairs, &err));
			int status = referral_set_status(st, id, referral_statuses[to], NULL, &err);
			bool ok = allowed[from][to] == '1';
			CHECK(referral_can_move(referral_statuses[from], referral_statuses[to]) ==
			      ok);
			/* with no accounts anyone may correct: test_correct says who may */
			CHECK_INT(status, K_OK);
			if (!CHECK_INT(count_corrections(id), ok ? 0 : 1))
				fprintf(stderr, "  %s -> %s\n", referral_statuses[from],
					referral_statuses[to]);
			struct record *r = NULL;
			entity_load(st, &referral_entity, id, &r, &err);
			CHECK_STR(record_get(r, REFERRAL_STATUS_DATE),
				  ok && from != to ? "2026-11-22" : "2026-11-01");
			record_free(r);
			free(id);
		}
	CHECK_STR(referral_next_status("made"), "contacted");
	CHECK_STR(referral_next_status("contacted"), "attended");
	CHECK_STR(referral_next_status("attended"), "closed");
	CHECK(referral_next_status("closed") == NULL);
	free(p);
	free(a);
	free(b);
}

static void choices_take_their_usual_spellings(void)
{
	fresh();
	char *p = person("Amina", "Yusuf");
	char *a = asset("Library", "institution"), *b = asset("Choir", "association");
	struct kerr err;
	const char *pairs[] = {"person_id", p,        "from_asset_id",  a,   "to_asset_id",
			       b,           "status", "Did-Not-Attend", NULL};
	CHECK(make(&referral_entity, pairs, &err) != NULL);
	CHECK_COUNT(st, "SELECT count(*) FROM referral WHERE status = 'did_not_attend'", 1);
	const char *prefix[] = {"person_id", p,        "from_asset_id", a,   "to_asset_id",
				b,           "status", "att",           NULL};
	CHECK(make(&referral_entity, prefix, &err) != NULL);
	const char *vague[] = {"person_id", p,   "from_asset_id", a, "to_asset_id", b, "status",
			       "d",         NULL};
	CHECK(make(&referral_entity, vague, &err) == NULL);
	CHECK_STR(err.field, "status");
	free(p);
	free(a);
	free(b);
}

static void groups_are_associations(void)
{
	fresh();
	struct kerr err;
	const char *knit[] = {"name", "Knit and Natter", NULL};
	char *g = xstrdup(make(&group_entity, knit, &err));
	struct record *r = NULL;
	CHECK_INT(entity_load(st, &asset_entity, g, &r, &err), K_OK);
	CHECK_STR(record_get(r, ASSET_CATEGORY), "association");
	record_free(r);
	const char *wrong[] = {"name", "Library", "category", "institution", NULL};
	CHECK(make(&group_entity, wrong, &err) == NULL);
	CHECK_STR(err.field, "category");
	CHECK_HAS(err.msg, "a group is always of category 'association'");
	char *lib = asset("Library", "institution");
	CHECK_INT(entity_load(st, &group_entity, lib, &r, &err), K_NOT_FOUND);
	CHECK_INT(entity_delete(st, &group_entity, lib, &err), K_NOT_FOUND);
	long long n = 0;
	entity_count(st, &group_entity, &n, &err);
	CHECK_INT(n, 1);
	free(g);
	free(lib);
}

static void an_individuals_gift_names_its_person(void)
{
	fresh();
	char *p = person("Łukasz", "Nowak");
	struct kerr err;
	const char *none[] = {"name", "Bike repairs", "category", "individual", NULL};
	CHECK(make(&asset_entity, none, &err) == NULL);
	CHECK_STR(err.field, "person_id");
	const char *with[] = {"name", "Bike repairs", "category", "individual", "person_id", p,
			      NULL};
	CHECK(make(&asset_entity, with, &err) != NULL);
	const char *odd[] = {"name", "Library", "category", "institution", "person_id", p, NULL};
	CHECK(make(&asset_entity, odd, &err) == NULL);
	CHECK_STR(err.field, "person_id");
	free(p);
}

static void consent_is_kept_with_its_date_and_worker(void)
{
	fresh();
	struct kerr err;
	const char *pairs[] = {"given_name", "Amina", "consent_status", "given", NULL};
	char *p = xstrdup(make(&person_entity, pairs, &err));
	struct record *r = NULL;
	entity_load(st, &person_entity, p, &r, &err);
	CHECK_STR(record_get(r, PERSON_CONSENT_DATE), "2026-11-22");
	CHECK_STR(record_get(r, PERSON_CONSENT_BASIS), "consent");
	CHECK_STR(record_get(r, PERSON_CONSENT_BY), grace);
	CHECK_STR(record_label(r, PERSON_CONSENT_BY), "Grace Okoye");
	record_set(r, PERSON_CONSENT_STATUS, "refused");
	CHECK_INT(entity_update(st, r, &err), K_OK);
	CHECK_COUNT(st, "SELECT count(*) FROM consent_event", 2);
	CHECK_COUNT(st,
		    "SELECT count(*) FROM consent_event WHERE status = 'refused' AND "
		    "date = '2026-11-22'",
		    1);
	record_free(r);
	free(p);
}

static void tags_are_unique_within_their_kind(void)
{
	fresh();
	struct kerr err;
	const char *a[] = {"name", "Cooking", "kind", "skill", NULL};
	const char *b[] = {"name", "cooking", "kind", "skill", NULL};
	const char *c[] = {"name", "Cooking", "kind", "passion", NULL};
	CHECK(make(&tag_entity, a, &err) != NULL);
	CHECK(make(&tag_entity, b, &err) == NULL);
	CHECK_INT(err.status, K_DUPLICATE);
	CHECK(make(&tag_entity, c, &err) != NULL);
}

/* Each description names real columns; each reference, sort and default makes sense, and
 * each order reads as the others do in a list's title. */
static void descriptions_agree_with_the_schema(void)
{
	fresh();
	for (int k = 0; k < ENTITY_COUNT; k++) {
		const struct entity_def *def = entity_get(k);
		CHECK(entity_by_name(def->name) == def);
		for (int i = 0; i < def->nfields; i++) {
			const struct field_def *f = &def->fields[i];
			char *sql = xasprintf("SELECT count(*) FROM pragma_table_info('%s') WHERE "
					      "name = '%s'",
					      def->table, f->name);
			if (!CHECK_COUNT(st, sql, 1))
				fprintf(stderr, "  %s.%s\n", def->table, f->name);
			free(sql);
			CHECK(f->label && *f->label && f->width > 0);
			CHECK((f->kind == FIELD_CHOICE) == (f->choices != NULL));
			CHECK(entity_field(def, f->name) == i);
		}
		for (int s = 0; s < def->nsorts; s++) {
			const struct sort_def *so = &def->sorts[s];
			int n = 0;
			while (n < SORT_KEYS && so->keys[n])
				n++;
			CHECK_STR(so->keys[n - 1],
				  "t.id"); /* keys are unique, so pages never skip */
			/* a list's title reads "People by family name", "Referrals newest first" */
			size_t len = strlen(so->label);
			if (!CHECK(strncmp(so->label, "by ", 3) == 0 ||
				   (len > 6 && strcmp(so->label + len - 6, " first") == 0)))
				fprintf(stderr, "  %s: %s\n", def->name, so->label);
		}
	}
}

int main(void)
{
	RUN(person_saved_with_normal_forms);
	RUN(refused_form_keeps_its_text_and_writes_nothing);
	RUN(every_bad_value_is_refused_naming_its_field);
	RUN(new_records_get_sensible_defaults);
	RUN(a_referrals_implied_follow_up_is_the_one_saved);
	RUN(references_resolve_by_id_prefix_and_name);
	RUN(ambiguous_and_missing_references_refused);
	RUN(a_name_made_of_hex_letters_is_a_name);
	RUN(choices_cannot_be_emptied);
	RUN(long_web_addresses_are_kept);
	RUN(deleted_target_refused_for_new_links_but_kept_on_edit);
	RUN(edits_saved_and_conflicts_detected);
	RUN(delete_leaves_a_tombstone);
	RUN(referral_status_moves_along_allowed_transitions);
	RUN(choices_take_their_usual_spellings);
	RUN(groups_are_associations);
	RUN(an_individuals_gift_names_its_person);
	RUN(consent_is_kept_with_its_date_and_worker);
	RUN(tags_are_unique_within_their_kind);
	RUN(descriptions_agree_with_the_schema);
	store_close(st);
	return check_summary("entity");
}
