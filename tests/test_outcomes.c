/* Outcomes and stories: every figure of the outcomes report against SQL written here
 * independently (window functions over the same rows), as a coordinator, as a worker (their
 * own follow-ups, a restricted person left out) and logged out; stories linked and tagged,
 * hidden through their person, shown in a report only with consent and anonymised unless
 * they may be named, and gone with an erased person. */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "entity.h"
#include "fixture.h"
#include "outcomes.h"
#include "person.h"
#include "record.h"
#include "report.h"
#include "store.h"
#include "story.h"
#include "wellbeing.h"
#include "xalloc.h"

static struct store *st;

#define FROM "2026-01-01"
#define TO "2026-06-30"

static unsigned long lcg = 12345;
static int draw(int n)
{
	lcg = lcg * 6364136223846793005UL + 1442695040888963407UL;
	return (int)((lcg >> 33) % (unsigned long)n);
}

static const char *const hoods[] = {"Northgate", "Eastbrook"};

static void answer(const char *person, const char *date, const char *stage)
{
	char v[4][4];
	const char *pairs[32] = {"person_id", person, "date", date, "stage", stage};
	int n = 6;
	const char *qs[] = {"life_satisfaction", "worthwhile", "happiness", "anxiety"};
	for (int q = 0; q < 4; q++) {
		if (draw(10) == 0)
			continue; /* a question not answered */
		snprintf(v[q], sizeof v[q], "%d", draw(11));
		pairs[n++] = qs[q], pairs[n++] = v[q];
	}
	if (draw(6)) {
		pairs[n++] = "loneliness";
		pairs[n++] = wellbeing_loneliness[draw(5)];
	}
	pairs[n] = NULL;
	free(fixture_add(st, &wellbeing_entity, pairs));
}

/* People with baselines and follow-ups on either side of the period, some of them twice,
 * recorded by cora or wes; one restricted person of cora's. Returns the restricted one. */
static char *cohort(void)
{
	static const char *const days[] = {"2025-09-10", "2025-12-31", "2026-01-01", "2026-02-14",
					   "2026-03-03", "2026-04-20", "2026-06-30", "2026-07-01"};
	for (int i = 0; i < 60; i++) {
		fixture_as(st, i % 3 ? "cora" : "wes");
		char given[16];
		snprintf(given, sizeof given, "P%02d", i);
		char *p = fixture_add(st, &person_entity,
				      PAIRS("given_name", given, "family_name", "Test",
					    "neighbourhood", hoods[i % 2]));
		int nb = draw(3), nf = draw(4);
		for (int k = 0; k < nb; k++)
			answer(p, days[draw(5)], "baseline");
		for (int k = 0; k < nf; k++) {
			fixture_as(st, draw(2) ? "cora" : "wes");
			answer(p, days[draw(8)], "follow_up");
		}
		free(p);
	}
	fixture_as(st, "cora");
	char *hidden = fixture_add(st, &person_entity,
				   PAIRS("given_name", "Zephyrine", "family_name", "Brackwater",
					 "neighbourhood", "Northgate", "restricted", "yes"));
	free(fixture_add(st, &wellbeing_entity,
			 PAIRS("person_id", hidden, "date", "2026-01-05", "stage", "baseline",
			       "life_satisfaction", "1", "worthwhile", "1", "happiness", "1",
			       "anxiety", "9", "loneliness", "often_always")));
	free(fixture_add(st, &wellbeing_entity,
			 PAIRS("person_id", hidden, "date", "2026-05-05", "stage", "follow_up",
			       "life_satisfaction", "10", "worthwhile", "10", "happiness", "10",
			       "anxiety", "0", "loneliness", "never")));
	/* recorded by wes before the person was restricted */
	store_exec(st,
		   "UPDATE wellbeing SET worker_id = (SELECT id FROM worker WHERE username = "
		   "'wes') WHERE stage = 'follow_up' AND person_id IN (SELECT id FROM person "
		   "WHERE restricted = 1)",
		   NULL);
	return hidden;
}

/* The pairs, by ranking rather than by NOT EXISTS as outcomes.c does; cond narrows them. */
static void expected_view(const char *cond)
{
	char *sql = xasprintf(
		"DROP VIEW IF EXISTS want; CREATE TEMP VIEW want AS WITH base AS (SELECT *, "
		"row_number() OVER (PARTITION BY person_id ORDER BY date, id) AS rn FROM wellbeing "
		"WHERE stage = 'baseline' AND deleted_at IS NULL), fol AS (SELECT w.*, "
		"b.life_satisfaction AS b0, b.worthwhile AS b1, b.happiness AS b2, b.anxiety AS "
		"b3, b.loneliness AS bl, row_number() OVER (PARTITION BY w.person_id ORDER BY "
		"w.date DESC, w.id DESC) AS rk FROM wellbeing w JOIN base b ON b.person_id = "
		"w.person_id AND b.rn = 1 WHERE w.stage = 'follow_up' AND w.deleted_at IS NULL AND "
		"w.date > b.date AND w.date >= '%s' AND w.date <= '%s') SELECT fol.*, "
		"life_satisfaction AS a0, worthwhile AS a1, happiness AS a2, anxiety AS a3, "
		"loneliness AS al FROM fol JOIN person p ON p.id = fol.person_id WHERE rk = 1 AND "
		"p.deleted_at IS NULL %s",
		FROM, TO, cond);
	CHECK_INT(store_exec(st, sql, NULL), K_OK);
	free(sql);
}

static const struct report_block *block(const struct report *r, const char *key)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->blocks[i].key && strcmp(r->blocks[i].key, key) == 0)
			return &r->blocks[i];
	check_true(__FILE__, __LINE__, key, false); /* no block has this key */
	return NULL;
}

static void check_figure(const struct report *r, const char *key, const char *sql)
{
	const struct report_block *b = block(r, key);
	long long want = fixture_count(st, sql);
	if (b)
		check_long(__FILE__, __LINE__, key, b->has_value ? llround(b->value) : -1, want);
}

static const char *const band_sql[4] = {
	"CASE WHEN %s >= 9 THEN 3 WHEN %s >= 7 THEN 2 WHEN %s >= 5 THEN 1 ELSE 0 END",
	"CASE WHEN %s >= 9 THEN 3 WHEN %s >= 7 THEN 2 WHEN %s >= 5 THEN 1 ELSE 0 END",
	"CASE WHEN %s >= 9 THEN 3 WHEN %s >= 7 THEN 2 WHEN %s >= 5 THEN 1 ELSE 0 END",
	"CASE WHEN %s >= 6 THEN 3 WHEN %s >= 4 THEN 2 WHEN %s >= 2 THEN 1 ELSE 0 END",
};

static char *band_of(int q, const char *col)
{
	return xasprintf(band_sql[q], col, col, col);
}

static void check_question(const struct report *r, int q)
{
	const char *name = outcomes_questions[q].key;
	char key[96], b[8], a[8];
	snprintf(b, sizeof b, "b%d", q);
	snprintf(a, sizeof a, "a%d", q);
	char *both = xasprintf("FROM want WHERE %s IS NOT NULL AND %s IS NOT NULL", b, a);
	char *sql = xasprintf("SELECT count(*) %s", both);
	snprintf(key, sizeof key, "wellbeing.%s.pairs", name);
	check_figure(r, key, sql);
	long long n = fixture_count(st, sql);
	free(sql);
	sql = xasprintf("SELECT coalesce(sum(%s - %s), 0) %s", a, b, both);
	long long sum = fixture_count(st, sql);
	free(sql);
	snprintf(key, sizeof key, "wellbeing.%s.mean_change", name);
	const struct report_block *m = block(r, key);
	CHECK(m && m->has_value == (n > 0));
	if (m && n > 0)
		CHECK(fabs(m->value - (double)sum / (double)n) < 1e-9);
	char *bb = band_of(q, b), *ab = band_of(q, a);
	const char *op = q == 3 ? "<" : ">";
	sql = xasprintf("SELECT count(*) %s AND (%s) %s (%s)", both, ab, op, bb);
	snprintf(key, sizeof key, "wellbeing.%s.better_band", name);
	check_figure(r, key, sql);
	free(sql);
	sql = xasprintf("SELECT count(*) %s AND (%s) %s (%s)", both, bb, op, ab);
	snprintf(key, sizeof key, "wellbeing.%s.worse_band", name);
	check_figure(r, key, sql);
	free(sql);
	snprintf(key, sizeof key, "wellbeing.%s.bands", name);
	const struct report_block *t = block(r, key);
	for (int from = 0; t && from < 4; from++)
		for (int to = 0; to < 4; to++) {
			sql = xasprintf("SELECT count(*) %s AND (%s) = %d AND (%s) = %d", both, bb,
					from, ab, to);
			CHECK_INT(atoll(t->cells[(from + 1) * t->ncols + 1 + to]),
				  fixture_count(st, sql));
			free(sql);
		}
	free(bb), free(ab), free(both);
}

#define LONELY_INDEX(c) \
	"CASE " c " WHEN 'often_always' THEN 0 WHEN 'some_of_the_time' THEN 1 WHEN " \
	"'occasionally' THEN 2 WHEN 'hardly_ever' THEN 3 WHEN 'never' THEN 4 END"

static void check_loneliness(const struct report *r)
{
	const char *both = "FROM want WHERE bl IS NOT NULL AND al IS NOT NULL";
	char sql[600];
	snprintf(sql, sizeof sql, "SELECT count(*) %s", both);
	check_figure(r, "loneliness.pairs", sql);
	snprintf(sql, sizeof sql,
		 "SELECT count(*) %s AND " LONELY_INDEX("al") " > " LONELY_INDEX("bl"), both);
	check_figure(r, "loneliness.less_often", sql);
	snprintf(sql, sizeof sql,
		 "SELECT count(*) %s AND " LONELY_INDEX("al") " < " LONELY_INDEX("bl"), both);
	check_figure(r, "loneliness.more_often", sql);
	const struct report_block *t = block(r, "loneliness.answers");
	for (int i = 0; t && i < 5; i++) {
		snprintf(sql, sizeof sql, "SELECT count(*) %s AND bl = '%s'", both,
			 wellbeing_loneliness[i]);
		CHECK_INT(atoll(t->cells[(i + 1) * 3 + 1]), fixture_count(st, sql));
		snprintf(sql, sizeof sql, "SELECT count(*) %s AND al = '%s'", both,
			 wellbeing_loneliness[i]);
		CHECK_INT(atoll(t->cells[(i + 1) * 3 + 2]), fixture_count(st, sql));
	}
}

static void check_report(const struct report *r)
{
	check_figure(r, "wellbeing.pairs", "SELECT count(*) FROM want");
	for (int q = 0; q < 4; q++)
		check_question(r, q);
	check_loneliness(r);
}

static int build(const char *neighbourhood, struct report *r, struct kerr *err)
{
	struct report_query q = {FROM, TO, "", neighbourhood};
	return report_build(st, report_find("outcomes"), &q, r, err);
}

static void every_figure_is_the_sql_s(void)
{
	fixture_fresh(&st);
	fixture_team(st);
	char *hidden = cohort();
	struct report r;
	struct kerr err;
	fixture_as(st, "cora");
	CHECK_INT(build(NULL, &r, &err), K_OK);
	expected_view("");
	CHECK(fixture_count(st, "SELECT count(*) FROM want") > 10);
	check_report(&r);
	report_free(&r);
	CHECK_INT(build("Eastbrook", &r, &err), K_OK);
	expected_view("AND p.neighbourhood = 'Eastbrook'");
	check_report(&r);
	report_free(&r);
	/* a worker: their own follow-ups, and never the restricted person's */
	fixture_as(st, "wes");
	CHECK_INT(build(NULL, &r, &err), K_OK);
	expected_view("AND fol.worker_id = (SELECT id FROM worker WHERE username = 'wes') AND "
		      "p.restricted = 0");
	check_report(&r);
	report_free(&r);
	expected_view("AND fol.worker_id = (SELECT id FROM worker WHERE username = 'wes')");
	CHECK(fixture_count(st, "SELECT count(*) FROM want WHERE al = 'never' AND a0 = 10 AND "
				"person_id IN (SELECT id FROM person WHERE restricted = 1)") == 1);
	fixture_as(st, NULL);
	CHECK_INT(build(NULL, &r, &err), K_REFUSED);
	report_free(&r);
	free(hidden);
}

static void one_person_s_change_since_baseline(void)
{
	fixture_fresh(&st);
	char *p = fixture_add(st, &person_entity, PAIRS("given_name", "Amina"));
	struct outcomes_pair pair;
	bool found = true;
	struct kerr err;
	CHECK_INT(outcomes_person(st, p, &pair, &found, &err), K_OK);
	CHECK(!found);
	/* a follow-up on the day of the baseline makes no pair */
	free(fixture_add(st, &wellbeing_entity,
			 PAIRS("person_id", p, "date", "2026-01-05", "stage", "follow_up",
			       "life_satisfaction", "9")));
	free(fixture_add(st, &wellbeing_entity,
			 PAIRS("person_id", p, "date", "2026-01-05", "life_satisfaction", "4",
			       "anxiety", "7", "loneliness", "some_of_the_time")));
	CHECK_INT(outcomes_person(st, p, &pair, &found, &err), K_OK);
	CHECK(!found);
	free(fixture_add(st, &wellbeing_entity,
			 PAIRS("person_id", p, "date", "2026-03-05", "stage", "follow_up",
			       "life_satisfaction", "6", "anxiety", "5")));
	free(fixture_add(st, &wellbeing_entity,
			 PAIRS("person_id", p, "date", "2026-06-05", "stage", "follow_up",
			       "life_satisfaction", "8", "anxiety", "3", "loneliness",
			       "hardly_ever")));
	CHECK_INT(outcomes_person(st, p, &pair, &found, &err), K_OK);
	CHECK(found);
	CHECK_STR(pair.follow_up, "2026-06-05");
	CHECK_INT(pair.after[0] - pair.before[0], 4);
	CHECK_INT(pair.before[1], -1);
	CHECK_INT(pair.after[3] - pair.before[3], -4);
	CHECK_INT(pair.lonely_before, 1);
	CHECK_INT(pair.lonely_after, 3);
	CHECK_INT(outcomes_band(0, 4), 0);
	CHECK_INT(outcomes_band(0, 9), 3);
	CHECK_INT(outcomes_band(3, 1), 0);
	CHECK_INT(outcomes_band(3, 6), 3);
	free(p);
}

/* ---- stories ---- */

static char *story(const char *person, const char *title, const char *date, const char *share,
		   const char *name)
{
	return fixture_add(st, &story_entity,
			   PAIRS("title", title, "person_id", person, "date", date, "body",
				 "I go every week now.", "consent_share", share, "may_name", name));
}

static void stories_are_linked_tagged_and_hidden_through_their_person(void)
{
	fixture_fresh(&st);
	fixture_team(st);
	fixture_as(st, "cora");
	struct kerr err;
	char *amina = fixture_add(st, &person_entity,
				  PAIRS("given_name", "Amina", "family_name", "Yusuf"));
	char *zeph = fixture_add(st, &person_entity,
				 PAIRS("given_name", "Zephyrine", "restricted", "yes"));
	char *hall = fixture_add(st, entity_get(ENTITY_ASSET),
				 PAIRS("name", "Hall", "category", "space"));
	char *s = story(amina, "Amina found the choir", "2026-03-01", "yes", "no");
	char *z = story(zeph, "Zephyrine's allotment", "2026-03-02", "yes", "yes");
	CHECK_INT(story_link(st, s, STORY_LINK_PERSON, zeph, true, &err), K_OK);
	CHECK_INT(story_link(st, s, STORY_LINK_ASSET, "Hall", true, &err), K_OK);
	CHECK_INT(story_link(st, s, STORY_LINK_ASSET, hall, true, &err), K_DUPLICATE);
	CHECK_INT(story_tag(st, s, "stronger_networks", true, &err), K_OK);
	CHECK_INT(story_tag(st, s, "world_peace", true, &err), K_INVALID);
	CHECK_STR(err.field, "outcome");
	struct story_links l;
	CHECK_INT(story_links_load(st, s, &l, &err), K_OK);
	CHECK_INT(l.n, 3); /* the coordinator sees Zephyrine */
	story_links_free(&l);
	/* may name needs consent to share */
	struct record *bad = record_new(&story_entity);
	record_set(bad, STORY_TITLE, "Named without consent");
	record_set(bad, STORY_PERSON, amina);
	record_set(bad, STORY_MAY_NAME, "yes");
	CHECK_INT(entity_create(st, bad, &err), K_INVALID);
	CHECK_STR(err.field, "may_name");
	CHECK_STR(record_get(bad, STORY_TITLE), "Named without consent");
	record_free(bad);
	fixture_as(st, "wes");
	CHECK_INT(story_links_load(st, s, &l, &err), K_OK);
	CHECK_INT(l.n, 2); /* the hall and the outcome: not the restricted person */
	for (int i = 0; i < l.n; i++)
		CHECK(strstr(l.item[i].name, "Zeph") == NULL);
	story_links_free(&l);
	CHECK_INT(story_links_load(st, z, &l, &err), K_NOT_FOUND);
	story_links_free(&l);
	CHECK_INT(story_tag(st, z, "stronger_networks", true, &err), K_NOT_FOUND);
	long long n = 0;
	CHECK_INT(entity_count(st, &story_entity, &n, &err), K_OK);
	CHECK_INT(n, 1);
	fixture_as(st, NULL);
	CHECK_INT(story_links_load(st, s, &l, &err), K_REFUSED);
	story_links_free(&l);
	CHECK_INT(story_link(st, s, STORY_LINK_ASSET, hall, false, &err), K_REFUSED);
	free(amina), free(zeph), free(hall), free(s), free(z);
}

static bool report_has(const struct report *r, const char *text)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct report_block *b = &r->blocks[i];
		if ((b->text && strstr(b->text, text)) || (b->label && strstr(b->label, text)) ||
		    (b->by && strstr(b->by, text)))
			return true;
	}
	return false;
}

static int stories_in(const struct report *r)
{
	int n = 0;
	for (size_t i = 0; i < r->n; i++)
		n += r->blocks[i].kind == REPORT_STORY;
	return n;
}

static void a_report_shares_only_what_consent_allows(void)
{
	fixture_fresh(&st);
	fixture_team(st);
	fixture_as(st, "cora");
	struct kerr err;
	char *amina = fixture_add(st, &person_entity,
				  PAIRS("given_name", "Amina", "family_name", "Yusuf",
					"neighbourhood", "Northgate"));
	char *bo = fixture_add(st, &person_entity,
			       PAIRS("given_name", "Bo", "family_name", "Lind", "neighbourhood",
				     "Eastbrook"));
	char *zeph = fixture_add(st, &person_entity,
				 PAIRS("given_name", "Zephyrine", "restricted", "yes"));
	char *s1 = story(amina, "The choir", "2026-03-01", "yes", "no");
	char *s2 = story(bo, "Bo's bikes", "2026-03-02", "yes", "yes");
	char *s3 = story(amina, "Not for sharing", "2026-03-03", "no", "no");
	char *s4 = story(zeph, "Hidden allotment", "2026-03-04", "yes", "yes");
	char *s5 = story(bo, "Too early", "2025-03-04", "yes", "yes");
	CHECK_INT(story_link(st, s1, STORY_LINK_PERSON, bo, true, &err), K_OK);
	struct report r;
	report_init(&r, "t", NULL);
	struct report_query q = {"2026-01-01", "2026-06-30", "", NULL};
	CHECK_INT(story_report(st, &q, 10, &r, &err), K_OK);
	CHECK_INT(stories_in(&r), 2);
	/* Bo, linked to Amina's story, is named in his own story only */
	for (size_t i = 0; i < r.n; i++)
		if (r.blocks[i].kind == REPORT_STORY && strcmp(r.blocks[i].label, "The choir") == 0)
			CHECK_STR(r.blocks[i].by, "a resident of Northgate, in their own words");
	CHECK(report_has(&r, "Bo Lind"));
	CHECK(!report_has(&r, "Amina"));
	CHECK(!report_has(&r, "Not for sharing"));
	CHECK(!report_has(&r, "Hidden"));
	CHECK(!report_has(&r, "Too early"));
	report_free(&r);
	/* the newest first, up to max; a neighbourhood's own */
	report_init(&r, "t", NULL);
	CHECK_INT(story_report(st, &q, 1, &r, &err), K_OK);
	CHECK_INT(stories_in(&r), 1);
	CHECK(report_has(&r, "Bo's bikes"));
	report_free(&r);
	q.neighbourhood = "Northgate";
	report_init(&r, "t", NULL);
	CHECK_INT(story_report(st, &q, 10, &r, &err), K_OK);
	CHECK_INT(stories_in(&r), 1);
	CHECK(report_has(&r, "The choir"));
	report_free(&r);
	free(amina), free(bo), free(zeph), free(s1), free(s2), free(s3), free(s4), free(s5);
}

/* The file's first n - 1 bytes as text ("" when it cannot be read). */
static void slurp(const char *path, char *buf, size_t n)
{
	FILE *f = fopen(path, "r");
	buf[0] = '\0';
	if (f) {
		buf[fread(buf, 1, n - 1, f)] = '\0';
		fclose(f);
	}
}

static void an_erased_person_s_stories_go_with_them(void)
{
	fixture_fresh(&st);
	fixture_team(st);
	fixture_as(st, "cora");
	struct kerr err;
	char *amina = fixture_add(st, &person_entity, PAIRS("given_name", "Amina"));
	char *bo = fixture_add(st, &person_entity, PAIRS("given_name", "Bo"));
	char *hall = fixture_add(st, entity_get(ENTITY_ASSET),
				 PAIRS("name", "Hall", "category", "space"));
	char *mine = story(amina, "Amina's choir", "2026-03-01", "yes", "yes");
	char *his = story(bo, "Bo met Amina", "2026-03-02", "yes", "no");
	CHECK_INT(story_link(st, mine, STORY_LINK_ASSET, hall, true, &err), K_OK);
	CHECK_INT(story_tag(st, mine, "vcs_access", true, &err), K_OK);
	CHECK_INT(story_link(st, his, STORY_LINK_PERSON, amina, true, &err), K_OK);
	/* subject access includes them */
	fixture_scratch("outcomes");
	char *path = fixture_path("amina.json");
	CHECK_INT(person_export(st, amina, path, &err), K_OK);
	char *txt = xasprintf("%s.txt", path);
	char jbuf[16384], buf[8192];
	slurp(path, jbuf, sizeof jbuf);
	CHECK_HAS(jbuf, "\"in_stories\":[{\"id\":");
	CHECK_HAS(jbuf, "Bo met Amina");
	slurp(txt, buf, sizeof buf);
	CHECK_HAS(buf, "Stories");
	CHECK_HAS(buf, "Amina's choir");
	CHECK_HAS(buf, "In others' stories\n  2026-03-02 Bo met Amina");
	free(txt), free(path);
	fixture_as(st, "ada");
	CHECK_INT(person_erase(st, amina, "asked to be forgotten", &err), K_OK);
	CHECK_COUNT(st, "SELECT count(*) FROM story WHERE title LIKE '%Amina%' AND body <> ''", 1);
	CHECK_COUNT(st, "SELECT count(*) FROM story WHERE deleted_at IS NULL", 1);
	CHECK_COUNT(st,
		    "SELECT count(*) FROM story WHERE body LIKE '%week%' AND deleted_at IS "
		    "NOT NULL",
		    0);
	CHECK_COUNT(st, "SELECT count(*) FROM story_asset WHERE deleted_at IS NULL", 0);
	CHECK_COUNT(st, "SELECT count(*) FROM story_outcome WHERE deleted_at IS NULL", 0);
	CHECK_COUNT(st, "SELECT count(*) FROM story_person WHERE deleted_at IS NULL", 0);
	fixture_scratch_remove();
	free(amina), free(bo), free(hall), free(mine), free(his);
}

int main(void)
{
	RUN(every_figure_is_the_sql_s);
	RUN(one_person_s_change_since_baseline);
	RUN(stories_are_linked_tagged_and_hidden_through_their_person);
	RUN(a_report_shares_only_what_consent_allows);
	RUN(an_erased_person_s_stories_go_with_them);
	store_close(st);
	return check_summary("outcomes");
}
