/* The programme report: each output and each count checked against SQL written here apart
 * from kith's, on a demo with the test team's work in it; targets (defaults, recorded, the
 * programme's sum, scaled to a period); a worker held to their own outputs, the logged out
 * refused, a restricted person counted and never named; erasure keeping last year's outputs
 * and a deletion lowering them. */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "conversation.h"
#include "demo.h"
#include "entity.h"
#include "fixture.h"
#include "person.h"
#include "record.h"
#include "report.h"
#include "store.h"
#include "strbuf.h"
#include "target.h"
#include "xalloc.h"

static struct store *st;
static char wes[ID_LEN], wren[ID_LEN];

#define FROM "2025-11-23"
#define TO "2026-11-22"

static void worker_id(const char *username, char out[ID_LEN])
{
	sqlite3_stmt *stmt = NULL;
	sqlite3_prepare_v2(store_db(st), "SELECT id FROM worker WHERE username = ?1", -1, &stmt,
			   NULL);
	sqlite3_bind_text(stmt, 1, username, -1, SQLITE_STATIC);
	CHECK_INT(sqlite3_step(stmt), SQLITE_ROW);
	snprintf(out, ID_LEN, "%s", sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
}

static void exec(const char *sql)
{
	char *msg = NULL;
	if (!CHECK_INT(sqlite3_exec(store_db(st), sql, NULL, NULL, &msg), SQLITE_OK))
		fprintf(stderr, "  %s\n  %s\n", sql, msg);
	sqlite3_free(msg);
}

/* A demo with the team's work in it: the demo's conversations, referrals and activities
 * shared out between wes and wren, some activities new and some volunteers, partnerships
 * and funding. */
static void world(void)
{
	fixture_fresh(&st);
	struct demo_options opt;
	demo_defaults(&opt);
	opt.seed = 16;
	struct demo_counts n;
	struct kerr err;
	CHECK_INT(demo_fill(st, &opt, &n, &err), K_OK);
	fixture_team(st);
	worker_id("wes", wes);
	worker_id("wren", wren);
	char *sql = xasprintf(
		"UPDATE conversation SET worker_id = CASE WHEN substr(id, 1, 1) < '6' THEN '%s' "
		"WHEN substr(id, 1, 1) < 'a' THEN '%s' ELSE worker_id END;"
		"UPDATE referral SET worker_id = CASE WHEN substr(id, 1, 1) < '6' THEN '%s' ELSE "
		"'%s' END;"
		"UPDATE activity SET worker_id = CASE WHEN substr(id, 2, 1) < '8' THEN '%s' ELSE "
		"'%s' END, new_activity = substr(id, 3, 1) < '5';"
		"UPDATE attendance SET role = 'volunteer' WHERE substr(person_id, 1, 1) < '5';"
		"UPDATE membership SET role = 'champion' WHERE role = 'organiser';"
		"UPDATE asset SET created_at = '2026-0' || (1 + fts_rowid %% 9) || '-15T10:00:00.000Z', "
		"updated_by = CASE WHEN fts_rowid %% 2 THEN '%s' ELSE '%s' END;",
		wes, wren, wes, wren, wes, wren, wes, wren);
	exec(sql);
	free(sql);
	exec("INSERT INTO partnership (id, name, since, created_at, updated_at) VALUES "
	     "('00000000-0000-4000-8000-000000000001', 'Food network', '2026-02-01', 'x', 'x'),"
	     "('00000000-0000-4000-8000-000000000002', 'Old one', '2024-02-01', 'x', 'x');"
	     "INSERT INTO funding (id, funder, amount_pence, date, created_at, updated_at) VALUES "
	     "('00000000-0000-4000-8000-000000000003', 'Ward budget', 250000, '2026-03-01', 'x', "
	     "'x'), ('00000000-0000-4000-8000-000000000004', 'Awards for All', 999950, "
	     "'2026-10-31', 'x', 'x'), ('00000000-0000-4000-8000-000000000005', 'Too early', "
	     "100, '2025-11-22', 'x', 'x');");
}

static const struct report_block *find(const struct report *r, const char *key)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->blocks[i].key && strcmp(r->blocks[i].key, key) == 0)
			return &r->blocks[i];
	return NULL;
}

static const struct report_block *block(const struct report *r, const char *key)
{
	const struct report_block *b = find(r, key);
	if (!b)
		fprintf(stderr, "  no block %s\n", key);
	return b;
}

static double value(const struct report *r, const char *key)
{
	const struct report_block *b = block(r, key);
	return b ? b->value : -1;
}

static int build(const char *worker, const char *from, const char *to, struct report *out,
		 struct kerr *err)
{
	struct report_query q = {.neighbourhood = NULL};
	snprintf(q.from, sizeof q.from, "%s", from);
	snprintf(q.to, sizeof q.to, "%s", to);
	snprintf(q.worker, sizeof q.worker, "%s", worker ? worker : "");
	return report_build(st, report_find("programme"), &q, out, err);
}

/* The SQL of a figure, with :w the worker ('' for everyone); its count. */
static long long sql_count(const char *sql, const char *worker)
{
	sqlite3_stmt *stmt = NULL;
	if (!CHECK_INT(sqlite3_prepare_v2(store_db(st), sql, -1, &stmt, NULL), SQLITE_OK)) {
		fprintf(stderr, "  %s\n", sqlite3_errmsg(store_db(st)));
		return -1;
	}
	sqlite3_bind_text(stmt, 1, FROM, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, TO, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, worker ? worker : "", -1, SQLITE_STATIC);
	long long n = sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
	sqlite3_finalize(stmt);
	return n;
}

/* Kept: live, or tombstoned by its person's erasure. */
#define KEPT(t) \
	"(" t ".deleted_at IS NULL OR EXISTS (SELECT 1 FROM erasure e WHERE e.person_id " \
	"= " t ".person_id AND e.erased_at = " t ".deleted_at))"
#define MINE(col) " AND (?3 = '' OR " col " = ?3)"

static const struct {
	const char *key, *sql;
} outputs_sql[] = {
	{"outputs.conversations", "SELECT count(*) FROM conversation c WHERE c.date >= ?1 AND "
				  "c.date <= ?2 AND " KEPT("c") MINE("c.worker_id")},
	{"outputs.asset_contacts",
	 "SELECT count(*) FROM asset a WHERE a.deleted_at IS NULL AND date(a.created_at) >= ?1 "
	 "AND date(a.created_at) <= ?2 AND (?3 = '' OR ?3 = coalesce((SELECT worker_id FROM "
	 "audit WHERE record_id = a.id AND action = 'create'), a.updated_by))"},
	{"outputs.new_activities",
	 "SELECT count(*) FROM activity a WHERE a.deleted_at IS NULL AND "
	 "a.new_activity AND a.date >= ?1 AND a.date <= ?2" MINE("a.worker_id")},
	{"outputs.referrals", "SELECT count(*) FROM referral r WHERE r.deleted_at IS NULL AND "
			      "r.date >= ?1 AND r.date <= ?2" MINE("r.worker_id")},
	{"outputs.multi_agency_meetings",
	 "SELECT count(*) FROM activity a WHERE a.deleted_at IS NULL AND a.kind = "
	 "'multi_agency_meeting' AND a.date >= ?1 AND a.date <= ?2" MINE("a.worker_id")},
};

/* Everyone with a contact in the period, as kith should see them. */
#define CONTACTS \
	"SELECT c.person_id FROM conversation c WHERE c.date BETWEEN ?1 AND ?2 AND " KEPT("c") MINE( \
		"c.worker_id") " UNION SELECT w.person_id FROM wellbeing w WHERE w.date BETWEEN ?1 " \
			       "AND ?2 AND " KEPT("w") MINE("w.worker_id") " UNION " ATTENDED \
									   " UNION " REFERRED
#define ATTENDED \
	"SELECT t.person_id FROM attendance t, activity a WHERE a.id = t.activity_id AND " \
	"a.deleted_at IS NULL AND a.date BETWEEN ?1 AND ?2 AND " KEPT("t") MINE("a.worker_id")
#define REFERRED \
	"SELECT r.person_id FROM referral r WHERE r.deleted_at IS NULL AND r.date BETWEEN ?1 AND " \
	"?2" MINE("r.worker_id")

static const struct {
	const char *key, *sql;
} counts_sql[] = {
	{"counts.residents_reached", "SELECT count(*) FROM (" CONTACTS ")"},
	{"counts.residents_participating",
	 "SELECT count(*) FROM (" ATTENDED " UNION " REFERRED " AND r.status = 'attended')"},
	{"counts.unnamed_attendance",
	 "SELECT coalesce(sum(unnamed), 0) FROM activity a WHERE "
	 "a.deleted_at IS NULL AND a.date BETWEEN ?1 AND ?2" MINE("a.worker_id")},
};

static const struct {
	const char *key, *sql;
} programme_sql[] = {
	{"counts.partnerships", "SELECT count(*) FROM partnership WHERE deleted_at IS NULL AND "
				"since BETWEEN ?1 AND ?2"},
	{"counts.volunteers",
	 "SELECT count(*) FROM (SELECT t.person_id FROM attendance t JOIN activity a ON a.id = "
	 "t.activity_id WHERE t.role = 'volunteer' AND a.deleted_at IS NULL AND a.date BETWEEN "
	 "?1 AND ?2 AND " KEPT(
		 "t") " UNION SELECT m.person_id FROM membership m WHERE m.role = "
		      "'volunteer' AND " KEPT(
			      "m") " AND (m.since IS NULL OR m.since <= ?2) AND (m.until IS "
				   "NULL OR m.until >= ?1))"},
	{"counts.champions",
	 "SELECT count(DISTINCT m.person_id) FROM membership m WHERE m.role = 'champion' AND "
	 "" KEPT("m") " AND (m.since IS NULL OR m.since <= ?2) AND (m.until IS NULL OR m.until "
		      ">= ?1)"},
};

/* Each of the programme's figures, and each worker's, is what the SQL above counts. */
static void every_figure_is_what_was_recorded(void)
{
	world();
	fixture_as(st, "cora");
	for (int who = 0; who < 3; who++) {
		const char *w = who == 0 ? NULL : who == 1 ? wes : wren;
		struct report r;
		struct kerr err;
		CHECK_INT(build(w, FROM, TO, &r, &err), K_OK);
		for (size_t i = 0; i < sizeof outputs_sql / sizeof *outputs_sql; i++)
			if (!CHECK_INT((long long)value(&r, outputs_sql[i].key),
				       sql_count(outputs_sql[i].sql, w)))
				fprintf(stderr, "  %s (%s)\n", outputs_sql[i].key, w ? w : "all");
		for (size_t i = 0; i < sizeof counts_sql / sizeof *counts_sql; i++)
			if (!CHECK_INT((long long)value(&r, counts_sql[i].key),
				       sql_count(counts_sql[i].sql, w)))
				fprintf(stderr, "  %s (%s)\n", counts_sql[i].key, w ? w : "all");
		for (size_t i = 0; !w && i < sizeof programme_sql / sizeof *programme_sql; i++)
			if (!CHECK_INT((long long)value(&r, programme_sql[i].key),
				       sql_count(programme_sql[i].sql, NULL)))
				fprintf(stderr, "  %s\n", programme_sql[i].key);
		static const char *const some[] = {"outputs.conversations",
						   "outputs.asset_contacts",
						   "outputs.new_activities",
						   "outputs.referrals",
						   "outputs.multi_agency_meetings",
						   "counts.residents_reached",
						   "counts.residents_participating",
						   "counts.volunteers",
						   "counts.champions",
						   "counts.partnerships"};
		for (size_t i = 0; !w && i < sizeof some / sizeof *some; i++) /* none vacuous */
			if (!CHECK(value(&r, some[i]) > 0))
				fprintf(stderr, "  %s is 0\n", some[i]);
		if (!w) /* the demo's grants, £2,500 and £9,999.50; the one before the period not */
			CHECK(fabs(value(&r, "counts.funding") -
				   (double)sql_count(
					   "SELECT sum(amount_pence) FROM funding WHERE "
					   "deleted_at IS NULL AND date BETWEEN ?1 AND ?2",
					   NULL) /
					   100) < 0.001 &&
			      value(&r, "counts.funding") >= 12499.50);
		else /* the programme's alone */
			CHECK(!find(&r, "counts.funding") && !find(&r, "outputs.by_worker"));
		report_free(&r);
	}
	CHECK(sql_count("SELECT count(*) FROM activity WHERE new_activity AND date BETWEEN ?1 AND "
			"?2",
			NULL) > 0);
}

/* Month by month adds up to the period's figure; the months run from the first to the last. */
static void the_months_add_up(void)
{
	world();
	fixture_as(st, "cora");
	struct report r;
	struct kerr err;
	CHECK_INT(build(NULL, "2026-01-10", "2026-06-30", &r, &err), K_OK);
	for (int m = 0; m < MEASURE_COUNT; m++) {
		char key[80];
		snprintf(key, sizeof key, "%s.by_month", TARGET_MEASURES[m].key);
		const struct report_block *b = block(&r, key);
		if (!b)
			continue;
		CHECK_INT(b->n, 6);
		CHECK_STR(b->labels[0], "2026-01");
		CHECK_STR(b->labels[5], "2026-06");
		double sum = 0;
		for (int i = 0; i < b->n; i++)
			sum += b->values[i];
		CHECK_INT((long long)sum, (long long)value(&r, TARGET_MEASURES[m].key));
	}
	CHECK_INT((long long)block(&r, "outputs.conversations.by_month")->values[1],
		  fixture_count(st, "SELECT count(*) FROM conversation WHERE deleted_at IS NULL "
				    "AND date LIKE '2026-02-%'"));
	/* the first month's referrals from its 10th (the months are the workers' summed) */
	CHECK_INT((long long)block(&r, "outputs.referrals.by_month")->values[0],
		  fixture_count(st, "SELECT count(*) FROM referral WHERE deleted_at IS NULL AND "
				    "date BETWEEN '2026-01-10' AND '2026-01-31'"));
	report_free(&r);
}

static void person_in(const char *id, const char *given)
{
	char *sql = xasprintf("INSERT INTO person (id, fts_rowid, given_name, created_at, "
			      "updated_at) VALUES ('%s', (SELECT coalesce(max(fts_rowid), 0) + 1 "
			      "FROM person), '%s', 'x', 'x')",
			      id, given);
	exec(sql);
	free(sql);
}

/* Volunteers at activities in three different months, or a group's volunteer over three
 * months of the period, are regular; two months are not. */
static void regular_volunteers_volunteer_in_three_months(void)
{
	fixture_fresh(&st);
	fixture_team(st);
	const char *p[] = {
		"10000000-0000-4000-8000-000000000001", "10000000-0000-4000-8000-000000000002",
		"10000000-0000-4000-8000-000000000003", "10000000-0000-4000-8000-000000000004"};
	for (int i = 0; i < 4; i++)
		person_in(p[i], "Vol");
	exec("INSERT INTO asset (id, fts_rowid, name, category, created_at, updated_at) VALUES "
	     "('20000000-0000-4000-8000-000000000001', 1, 'Choir', 'association', "
	     "'2020-01-01T00:00:00Z', 'x')");
	static const char *const dates[] = {"2026-01-05", "2026-02-05", "2026-03-05", "2026-01-20"};
	for (int a = 0; a < 4; a++) {
		char *sql = xasprintf(
			"INSERT INTO activity (id, name, date, created_at, "
			"updated_at) VALUES ('3000000%d-0000-4000-8000-000000000000', "
			"'Drop-in', '%s', 'x', 'x')",
			a, dates[a]);
		exec(sql);
		free(sql);
	}
	/* the first at three, in January, February and March; the second twice in January
	 * and once in February */
	exec("INSERT INTO attendance (activity_id, person_id, role, created_at, updated_at) "
	     "SELECT '3000000' || a || '-0000-4000-8000-000000000000', '10000000-0000-4000-8000-"
	     "00000000000' || p, 'volunteer', 'x', 'x' FROM (SELECT 0 a, 1 p UNION SELECT 1, 1 "
	     "UNION SELECT 2, 1 UNION SELECT 0, 2 UNION SELECT 3, 2 UNION SELECT 1, 2)");
	exec("INSERT INTO membership (asset_id, person_id, role, since, created_at, updated_at) "
	     "VALUES ('20000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-"
	     "000000000003', 'volunteer', '2026-09-01', 'x', 'x'), ('20000000-0000-4000-8000-"
	     "000000000001', '10000000-0000-4000-8000-000000000004', 'volunteer', '2026-10-15', "
	     "'x', 'x')");
	fixture_as(st, "cora");
	struct report r;
	struct kerr err;
	CHECK_INT(build(NULL, FROM, TO, &r, &err), K_OK);
	CHECK_INT((long long)value(&r, "counts.volunteers"), 4);
	CHECK_INT((long long)value(&r, "counts.regular_volunteers"), 2);
	CHECK_INT((long long)value(&r, "counts.residents_participating"), 2);
	report_free(&r);
}

static double target_of(const struct report *r, const char *key)
{
	const struct report_block *b = block(r, key);
	return b ? b->target : -1;
}

/* Croydon's defaults for a worker; the programme's the sum of its workers'; a recorded one
 * over its default; each scaled to the period. */
static void targets_default_and_scale(void)
{
	fixture_fresh(&st);
	fixture_team(st);
	worker_id("wes", wes);
	fixture_as(st, "cora");
	struct report r;
	struct kerr err;
	/* a quarter: 70 a month is 210, 600 a year 150, one meeting a month 3 */
	CHECK_INT(build(wes, "2026-04-01", "2026-06-30", &r, &err), K_OK);
	CHECK_INT((long long)target_of(&r, "outputs.conversations"), 210);
	CHECK_INT((long long)target_of(&r, "outputs.asset_contacts"), 150);
	CHECK_INT((long long)target_of(&r, "outputs.new_activities"), 15);
	CHECK_INT((long long)target_of(&r, "outputs.referrals"), 100);
	CHECK_INT((long long)target_of(&r, "outputs.multi_agency_meetings"), 3);
	CHECK_HAS(block(&r, "outputs.conversations")->note, "70 a month, the default");
	report_free(&r);
	/* the programme: its two workers (wes, wren) */
	CHECK_INT(build(NULL, "2026-04-01", "2026-06-30", &r, &err), K_OK);
	CHECK_INT((long long)target_of(&r, "outputs.conversations"), 420);
	CHECK_HAS(block(&r, "outputs.conversations")->note, "140 a month: the targets of its 2 "
							    "workers, summed");
	report_free(&r);
	/* half of a 30-day month: half its target */
	CHECK(fabs(target_months("2026-06-01", "2026-06-15") - 0.5) < 1e-9);
	CHECK(fabs(target_months("2026-01-01", "2026-12-31") - 12) < 1e-9);
	CHECK(fabs(target_months("2026-01-31", "2026-02-28") - (1.0 / 31 + 1)) < 1e-9);
	/* recorded: wes 50 a month, the programme's 30 a quarter for meetings */
	CHECK_INT(target_set(st, "conversations", "wes", "50", "month", &err), K_OK);
	CHECK_INT(target_set(st, "multi_agency_meetings", NULL, "30", "quarter", &err), K_OK);
	CHECK_INT(target_set(st, "conversations", "wes", "55", NULL, &err), K_OK); /* changed */
	CHECK_COUNT(st, "SELECT count(*) FROM target WHERE deleted_at IS NULL", 2);
	CHECK_INT(build(NULL, "2026-06-01", "2026-06-15", &r, &err), K_OK);
	CHECK_INT((long long)target_of(&r, "outputs.conversations"), 63); /* (55 + 70) / 2 */
	CHECK_INT((long long)target_of(&r, "outputs.multi_agency_meetings"), 5);
	CHECK_HAS(block(&r, "outputs.multi_agency_meetings")->note,
		  "30 a quarter, the programme's");
	report_free(&r);
	/* a second target for the same is refused naming the first; bad input names its field */
	struct record *rec = record_new(&target_entity);
	record_set(rec, TARGET_MEASURE, "conversations");
	record_set(rec, TARGET_WORKER, wes);
	record_set(rec, TARGET_AMOUNT, "10");
	CHECK_INT(entity_create(st, rec, &err), K_DUPLICATE);
	CHECK_STR(err.field, "measure");
	CHECK_HAS(err.msg, "already has a target for that worker (55 a month)");
	record_free(rec);
	CHECK_INT(target_set(st, "cakes", NULL, "5", "month", &err), K_INVALID);
	CHECK_STR(err.field, "measure");
	CHECK_INT(target_set(st, "referrals", "nobody", "5", "month", &err), K_NOT_FOUND);
	CHECK_STR(err.field, "worker");
	CHECK_INT(target_set(st, "referrals", NULL, "lots", "month", &err), K_INVALID);
	CHECK_STR(err.field, "amount");
	CHECK_INT(target_set(st, "referrals", NULL, "5", "fortnight", &err), K_INVALID);
	CHECK_STR(err.field, "period");
	/* a worker may read targets, not set them */
	fixture_as(st, "wes");
	CHECK_INT(target_set(st, "referrals", "wes", "500", "year", &err), K_REFUSED);
	CHECK_HAS(err.msg, "setting targets needs a coordinator's account");
	CHECK_COUNT(st, "SELECT count(*) FROM target WHERE deleted_at IS NULL", 2);
}

static void no_name_in(const struct report *r, const char *name)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct report_block *b = &r->blocks[i];
		const char *texts[] = {b->label, b->text, b->note, b->by, r->subtitle};
		for (size_t k = 0; k < sizeof texts / sizeof *texts; k++)
			if (texts[k] && !CHECK(!strstr(texts[k], name)))
				fprintf(stderr, "  %s in %s\n", name, texts[k]);
		for (int c = 0; b->cells && c < b->ncols * (b->n + 1); c++)
			CHECK(!strstr(b->cells[c], name));
	}
}

/* A worker reads their own outputs whoever they ask for; a restricted person they may not
 * see is counted in them and never named; logged out, nothing. */
static void a_worker_reads_their_own_and_a_restricted_person_is_counted(void)
{
	world();
	fixture_as(st, "cora");
	char *zelda = fixture_add(st, &person_entity,
				  PAIRS("given_name", "Zelda", "family_name", "Quixote",
					"restricted", "yes"));
	char *talk = fixture_add(st, &conversation_entity,
				 PAIRS("person_id", zelda, "date", "2026-06-01"));
	char *sql = xasprintf("UPDATE conversation SET worker_id = '%s' WHERE id = '%s'", wren,
			      talk);
	exec(sql);
	free(sql);
	fixture_as(st, "wren");
	struct kerr err;
	CHECK_INT(entity_may_touch_person(st, zelda, &err), K_REFUSED); /* she is hidden */
	struct report r;
	CHECK_INT(build(wes, FROM, TO, &r, &err), K_OK); /* asks for wes's: gets her own */
	CHECK_HAS(r.subtitle, "Wren Worker");
	CHECK_INT((long long)value(&r, "outputs.conversations"),
		  sql_count(outputs_sql[0].sql, wren));
	CHECK_INT((long long)value(&r, "outputs.referrals"), sql_count(outputs_sql[3].sql, wren));
	CHECK(sql_count("SELECT count(*) FROM conversation WHERE person_id IN (SELECT id FROM "
			"person WHERE restricted) AND worker_id = ?3",
			wren) == 1);
	CHECK_INT((long long)value(&r, "counts.residents_reached"),
		  sql_count(counts_sql[0].sql, wren));
	no_name_in(&r, "Zelda");
	no_name_in(&r, "Quixote");
	CHECK(!find(&r, "outputs.by_worker"));
	report_free(&r);
	fixture_as(st, NULL);
	CHECK_INT(build(NULL, FROM, TO, &r, &err), K_REFUSED);
	CHECK_HAS(err.msg, "log in first");
	CHECK_INT((int)r.n, 0);
	report_free(&r);
	free(zelda);
	free(talk);
}

/* Every figure of the report, by key. */
static void figures(const struct report *r, double *out, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < r->n && k < n; i++)
		if (r->blocks[i].kind == REPORT_FIGURE || r->blocks[i].kind == REPORT_BAR)
			out[k++] = r->blocks[i].value;
}

/* Erasing a person keeps what the work did with them in last year's figures; a worker's
 * deleting a conversation by mistake lowers them. */
static void erasure_keeps_the_outputs_and_deleting_lowers_them(void)
{
	world();
	fixture_as(st, "cora");
	/* someone with a conversation, attendance and a referral in the period */
	sqlite3_stmt *stmt = NULL;
	sqlite3_prepare_v2(
		store_db(st),
		"SELECT c.person_id FROM conversation c WHERE c.date BETWEEN ?1 AND ?2 "
		"AND c.person_id IN (SELECT person_id FROM attendance) AND c.person_id "
		"IN (SELECT person_id FROM referral WHERE date BETWEEN ?1 AND ?2) LIMIT 1",
		-1, &stmt, NULL);
	sqlite3_bind_text(stmt, 1, FROM, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, TO, -1, SQLITE_STATIC);
	if (!CHECK_INT(sqlite3_step(stmt), SQLITE_ROW)) {
		sqlite3_finalize(stmt);
		return;
	}
	char person[ID_LEN];
	snprintf(person, sizeof person, "%s", sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	struct report before, after;
	struct kerr err;
	double a[32] = {0}, b[32] = {0};
	CHECK_INT(build(NULL, FROM, TO, &before, &err), K_OK);
	CHECK_INT(person_erase(st, person, "asked to be forgotten", &err), K_OK);
	char *sql = xasprintf("SELECT count(*) FROM conversation WHERE person_id = '%s' AND "
			      "deleted_at IS NULL",
			      person);
	CHECK_COUNT(st, sql, 0); /* gone from the records */
	free(sql);
	CHECK_INT(build(NULL, FROM, TO, &after, &err), K_OK);
	figures(&before, a, 32);
	figures(&after, b, 32);
	for (int i = 0; i < 32; i++)
		if (!CHECK(a[i] == b[i]))
			fprintf(stderr, "  figure %d: %g then %g\n", i, a[i], b[i]);
	double conversations = value(&after, "outputs.conversations");
	report_free(&before);
	report_free(&after);
	/* a conversation deleted by mistake is one fewer */
	char *ola = fixture_add(st, &person_entity,
				PAIRS("given_name", "Ola", "family_name", "Nordmann"));
	char *talk = fixture_add(st, &conversation_entity,
				 PAIRS("person_id", ola, "date", "2026-05-05"));
	free(ola);
	CHECK_INT(build(NULL, FROM, TO, &after, &err), K_OK);
	CHECK_INT((long long)value(&after, "outputs.conversations"), (long long)conversations + 1);
	report_free(&after);
	CHECK_INT(entity_delete(st, &conversation_entity, talk, &err), K_OK);
	CHECK_INT(build(NULL, FROM, TO, &after, &err), K_OK);
	CHECK_INT((long long)value(&after, "outputs.conversations"), (long long)conversations);
	report_free(&after);
	free(talk);
}

/* The programme report's statements about conversations and referrals. */
static bool about_contacts(const char *sql)
{
	return strstr(sql, "FROM conversation") || strstr(sql, "FROM referral");
}

/* At borough size a year is a million referrals and a hundred thousand conversations: the
 * programme's report reads them as ranges of indexes, and each person's by their own
 * entries (the residents reached and participating), never the whole table or index. */
static void the_programme_reads_referrals_and_conversations_by_index(void)
{
	world();
	fixture_as(st, "cora");
	struct strbuf plans = STRBUF_INIT;
	fixture_plans(st, about_contacts, &plans);
	struct report r;
	struct kerr err;
	CHECK_INT(build(NULL, FROM, TO, &r, &err), K_OK);
	fixture_plans_stop(st);
	report_free(&r);
	const char *all = strbuf_str(&plans);
	if (!CHECK(strstr(all, "SCAN t") == NULL)) /* a table or an index read whole */
		fprintf(stderr, "%s", all);
	CHECK(strstr(all, "referral_attended (person_id=?") != NULL);
	CHECK(strstr(all, "INDEX conversation_by_day_worker (date>? AND date<?)") != NULL);
	CHECK(strstr(all, "referral_worker (worker_id=? AND date>? AND date<?)") != NULL);
	strbuf_free(&plans);
}

/* The report ends with a few of the period's stories that their people agreed to share. */
static void the_report_ends_with_stories_that_may_be_shared(void)
{
	world();
	fixture_as(st, "cora");
	struct report r;
	struct kerr err;
	CHECK_INT(build(NULL, FROM, TO, &r, &err), K_OK);
	long long shareable = fixture_count(st, "SELECT min(count(*), 3) FROM story WHERE "
						"deleted_at IS NULL AND consent_share = 1 AND "
						"date BETWEEN '" FROM "' AND '" TO "'");
	int stories = 0;
	for (size_t i = 0; i < r.n; i++)
		stories += r.blocks[i].kind == REPORT_STORY;
	CHECK(shareable > 0);
	CHECK_INT(stories, shareable);
	CHECK(r.n > 0 && r.blocks[r.n - 1].kind == REPORT_STORY);
	report_free(&r);
}

int main(void)
{
	RUN(every_figure_is_what_was_recorded);
	RUN(the_months_add_up);
	RUN(regular_volunteers_volunteer_in_three_months);
	RUN(targets_default_and_scale);
	RUN(a_worker_reads_their_own_and_a_restricted_person_is_counted);
	RUN(erasure_keeps_the_outputs_and_deleting_lowers_them);
	RUN(the_report_ends_with_stories_that_may_be_shared);
	RUN(the_programme_reads_referrals_and_conversations_by_index);
	store_close(st);
	return check_summary("programme");
}
