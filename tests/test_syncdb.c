/* The laptop's side of sync, without PostgreSQL: two laptop files and a small hub made here
 * that does what kith.push and kith.pull do (the later arrival wins a column, every touched
 * row stamped with the next number). What one laptop changes reaches the other and both end
 * equal to the hub; a change of one's own is held back until it went up; an erasure that
 * arrives erases; names taken twice are settled the same whichever comes first; accounts log
 * in where they arrive; restricted people stay hidden there. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "asset.h"
#include "audit.h"
#include "check.h"
#include "entity.h"
#include "fixture.h"
#include "jsonr.h"
#include "jsonw.h"
#include "login.h"
#include "person.h"
#include "record.h"
#include "referral.h"
#include "store.h"
#include "strbuf.h"
#include "syncdb.h"
#include "tag.h"
#include "xalloc.h"

/* ---- a hub ---- */

struct hub_row {
	char *tbl, *key, *data;
	long long seq;
};
static struct hub_row *hub;
static size_t nhub, hubcap;
static long long hubseq;

static void hub_clear(void)
{
	for (size_t i = 0; i < nhub; i++)
		free(hub[i].tbl), free(hub[i].key), free(hub[i].data);
	free(hub);
	hub = NULL;
	nhub = hubcap = 0;
	hubseq = 0;
}

static struct jsonr *parse(const char *s)
{
	char why[160];
	long line = 0;
	struct jsonr *v = jsonr_parse(s, strlen(s), why, sizeof why, &line);
	if (!CHECK(v != NULL))
		fprintf(stderr, "  not JSON (%s) at line %ld: %.300s\n", why, line, s);
	return v;
}

static void put_json(struct strbuf *out, const struct jsonr *v)
{
	if (v->type == JSONR_STRING)
		jsonw_string(out, v->text);
	else if (v->type == JSONR_NULL)
		strbuf_puts(out, "null");
	else
		strbuf_puts(out, v->text ? v->text : "null");
}

static bool in_cols(const struct jsonr *c, const char *name)
{
	if (!c || c->type != JSONR_ARRAY)
		return true;
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->item[i].text, name) == 0)
			return true;
	return false;
}

/* The hub's row merged with a change: its columns in c (all of d's when c is null). */
static char *merge(const char *current, const struct jsonr *c, const struct jsonr *d)
{
	struct jsonr *cur = parse(current);
	struct strbuf out = STRBUF_INIT;
	strbuf_putc(&out, '{');
	int first = 1;
	for (size_t i = 0; i < cur->n; i++) {
		const struct jsonr *mine = jsonr_get(d, cur->item[i].key);
		jsonw_key(&out, cur->item[i].key, first);
		first = 0;
		put_json(&out, mine && in_cols(c, cur->item[i].key) ? mine : &cur->item[i]);
	}
	for (size_t i = 0; i < d->n; i++)
		if (!jsonr_get(cur, d->item[i].key)) {
			jsonw_key(&out, d->item[i].key, first);
			first = 0;
			put_json(&out, &d->item[i]);
		}
	strbuf_putc(&out, '}');
	jsonr_free(cur);
	return strbuf_take(&out);
}

static struct hub_row *hub_find(const char *tbl, const char *key)
{
	for (size_t i = 0; i < nhub; i++)
		if (strcmp(hub[i].tbl, tbl) == 0 && strcmp(hub[i].key, key) == 0)
			return &hub[i];
	return NULL;
}

static void hub_push(const char *json)
{
	struct jsonr *all = parse(json);
	CHECK(all != NULL && all->type == JSONR_ARRAY);
	for (size_t i = 0; all && i < all->n; i++) {
		const struct jsonr *ch = &all->item[i];
		const char *tbl = jsonr_text(ch, "t"), *key = jsonr_text(ch, "k");
		const struct jsonr *d = jsonr_get(ch, "d"), *c = jsonr_get(ch, "c");
		struct hub_row *r = hub_find(tbl, key);
		struct strbuf text = STRBUF_INIT;
		if (!r) {
			hub = xgrow(hub, nhub, &hubcap, sizeof *hub);
			r = &hub[nhub++];
			r->tbl = xstrdup(tbl);
			r->key = xstrdup(key);
			r->data = merge("{}", NULL, d);
		} else {
			char *next = merge(r->data, c->type == JSONR_NULL ? NULL : c, d);
			free(r->data);
			r->data = next;
		}
		strbuf_free(&text);
		r->seq = ++hubseq;
	}
	jsonr_free(all);
}

static int by_seq(const void *a, const void *b)
{
	const struct syncdb_row *x = a, *y = b;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Pulls what the hub stamped after the laptop's cursor, in pages of page rows. */
static struct syncdb_applied hub_pull(struct store *st, int page)
{
	struct syncdb_state s;
	struct syncdb_applied got = {0};
	struct kerr err;
	CHECK_INT(syncdb_state(st, &s, &err), K_OK);
	struct syncdb_row *rows = xcalloc(nhub + 1, sizeof *rows);
	int n = 0;
	for (size_t i = 0; i < nhub; i++)
		if (hub[i].seq > s.cursor)
			rows[n++] = (struct syncdb_row){hub[i].seq, hub[i].tbl, hub[i].key,
							hub[i].data};
	qsort(rows, (size_t)n, sizeof *rows, by_seq);
	for (int at = 0; at < n; at += page) {
		int k = n - at < page ? n - at : page;
		if (!CHECK_INT(syncdb_apply(st, rows + at, k, rows[at + k - 1].seq, &got, &err),
			       K_OK))
			fprintf(stderr, "  apply: %s\n", err.msg);
	}
	free(rows);
	return got;
}

static void hub_push_all(struct store *st, long max_keys)
{
	struct kerr err;
	struct syncdb_batch b;
	while (CHECK_INT(syncdb_batch(st, max_keys, &b, &err), K_OK) && b.count > 0) {
		hub_push(b.json);
		CHECK_INT(syncdb_batch_done(st, &b, &err), K_OK);
		syncdb_batch_free(&b);
	}
	syncdb_batch_free(&b);
}

static struct syncdb_applied sync_now(struct store *st)
{
	struct syncdb_applied a = hub_pull(st, 7);
	hub_push_all(st, 5);
	struct syncdb_applied b = hub_pull(st, 7);
	a.rows += b.rows, a.skipped += b.skipped, a.erased += b.erased, a.renamed += b.renamed;
	return a;
}

static char *dump(struct store *st)
{
	struct strbuf out = STRBUF_INIT;
	struct kerr err;
	CHECK_INT(syncdb_dump(st, &out, &err), K_OK);
	return strbuf_take(&out);
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *hub_dump(void)
{
	char **lines = xcalloc(nhub + 1, sizeof *lines);
	for (size_t i = 0; i < nhub; i++) {
		struct strbuf l = STRBUF_INIT;
		struct kerr err;
		strbuf_printf(&l, "%s\t%s\t", hub[i].tbl, hub[i].key);
		CHECK_INT(syncdb_canonical(hub[i].data, &l, &err), K_OK);
		lines[i] = strbuf_take(&l);
	}
	qsort(lines, nhub, sizeof *lines, by_text);
	struct strbuf out = STRBUF_INIT;
	for (size_t i = 0; i < nhub; i++) {
		strbuf_printf(&out, "%s\n", lines[i]);
		free(lines[i]);
	}
	free(lines);
	return strbuf_take(&out);
}

/* Both laptops and the hub hold the same rows. */
static bool all_equal(struct store *a, struct store *b)
{
	char *da = dump(a), *db = dump(b), *dh = hub_dump();
	bool same = CHECK_STR(da, dh) && CHECK_STR(db, dh);
	free(da), free(db), free(dh);
	return same;
}

/* ---- the laptops ---- */

static struct store *la, *lb;

static void join(struct store *st, const char *name)
{
	struct kerr err;
	CHECK_INT(syncdb_join(st, name, &err), K_OK);
}

/* Laptop A with the team and two people, joined; laptop B empty, joined; the hub empty. */
static void two_laptops(void)
{
	store_close(la);
	store_close(lb);
	hub_clear();
	la = fixture_open(":memory:");
	lb = fixture_open(":memory:");
	fixture_team(la);
	fixture_as(la, "cora");
	free(fixture_add(la, &person_entity,
			 PAIRS("given_name", "Amina", "family_name", "Yusuf", "phone",
			       "0161 496 0000", "consent_status", "given", "consent_basis",
			       "consent")));
	free(fixture_add(la, &person_entity, PAIRS("given_name", "Zoë", "family_name", "Clarke")));
	join(la, "a");
	join(lb, "b");
}

static char *find_person(struct store *st, const char *name)
{
	char id[ID_LEN];
	struct kerr err;
	if (entity_resolve(st, &person_entity, name, id, &err) != K_OK)
		return NULL;
	return xstrdup(id);
}

static void set_field(struct store *st, const char *id, int field, const char *value)
{
	struct record *rec = NULL;
	struct kerr err;
	CHECK_INT(entity_load(st, &person_entity, id, &rec, &err), K_OK);
	record_set(rec, field, value);
	if (!CHECK_INT(entity_update(st, rec, &err), K_OK))
		fprintf(stderr, "  update: %s\n", err.msg);
	record_free(rec);
}

/* ---- the tests ---- */

/* Every travelling table's capture triggers name each of its columns here (a column added
 * without running tools/sync-triggers again fails), and every table with a key and stamps
 * either travels or is one the design keeps local. */
static void triggers_match_the_columns(void)
{
	struct store *st = fixture_open(":memory:");
	sqlite3 *db = store_db(st);
	for (int i = 0; i < SYNCDB_NTABLES; i++) {
		const struct syncdb_table *t = &SYNCDB_TABLES[i];
		char *sql = sqlite3_mprintf("SELECT name FROM pragma_table_info(%Q)", t->name);
		char *trig = sqlite3_mprintf("SELECT sql FROM sqlite_schema WHERE name = "
					     "'sync_%q_update'",
					     t->name);
		sqlite3_stmt *cols = NULL, *tr = NULL;
		sqlite3_prepare_v2(db, sql, -1, &cols, NULL);
		sqlite3_prepare_v2(db, trig, -1, &tr, NULL);
		CHECK(sqlite3_step(tr) == SQLITE_ROW);
		const char *body = (const char *)sqlite3_column_text(tr, 0);
		int n = 0;
		while (sqlite3_step(cols) == SQLITE_ROW) {
			const char *c = (const char *)sqlite3_column_text(cols, 0);
			bool local = false;
			for (int k = 0; k < SYNCDB_LOCAL_MAX && t->local[k]; k++)
				local |= strcmp(t->local[k], c) == 0;
			char want[96];
			snprintf(want, sizeof want, "',%s=' || quote(old.%s)", c, c);
			if (!local && !CHECK(body && strstr(body, want)))
				fprintf(stderr, "  %s.%s: run tools/sync-triggers\n", t->name, c);
			n += !local;
		}
		int quoted = 0;
		for (const char *p = body; p && (p = strstr(p, "quote(old.")); p++)
			quoted++;
		CHECK_INT(quoted, n);
		sqlite3_finalize(cols);
		sqlite3_finalize(tr);
		sqlite3_free(sql);
		sqlite3_free(trig);
	}
	const char *sql = "SELECT count(*) FROM sqlite_schema m WHERE type = 'table' AND EXISTS "
			  "(SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'updated_at') AND "
			  "name NOT IN ('audit', 'draft') AND NOT EXISTS (SELECT 1 FROM "
			  "sqlite_schema t WHERE t.name = 'sync_' || m.name || '_insert')";
	CHECK_COUNT(st, sql, 0);
	store_close(st);
}

static void unjoined_writes_nothing_and_join_enqueues_everything(void)
{
	struct store *st = fixture_open(":memory:");
	fixture_team(st);
	fixture_as(st, "cora");
	free(fixture_add(st, &person_entity, PAIRS("given_name", "Amina")));
	CHECK_COUNT(st, "SELECT count(*) FROM sync_outbox", 0);
	struct kerr err;
	CHECK_INT(syncdb_join(st, "hall", &err), K_OK);
	long long rows = fixture_count(st, "SELECT (SELECT count(*) FROM worker) + (SELECT "
					   "count(*) FROM person) + (SELECT count(*) FROM "
					   "consent_event) + (SELECT count(*) FROM setting WHERE "
					   "key NOT IN ('password_ops', 'password_mem', "
					   "'password_dummy', 'venue', 'demo'))");
	CHECK(rows >= 5);
	CHECK_COUNT(st, "SELECT count(*) FROM sync_outbox", rows);
	struct syncdb_state s;
	CHECK_INT(syncdb_state(st, &s, &err), K_OK);
	CHECK(s.joined);
	CHECK_STR(s.laptop, "hall");
	CHECK_INT((int)s.pending, (int)rows);
	/* joining again changes the name only */
	CHECK_INT(syncdb_join(st, "hall-2", &err), K_OK);
	CHECK_COUNT(st, "SELECT count(*) FROM sync_outbox", rows);
	/* a write that changes no travelling column (search words) writes nothing */
	store_exec(st, "DELETE FROM sync_outbox", &err);
	store_exec(st, "UPDATE person SET tag_words = 'x'", &err);
	CHECK_COUNT(st, "SELECT count(*) FROM sync_outbox", 0);
	store_close(st);
}

static void what_one_laptop_writes_the_other_gets(void)
{
	two_laptops();
	sync_now(la);
	struct syncdb_applied got = sync_now(lb);
	CHECK(got.rows > 5);
	all_equal(la, lb);
	/* B's own change goes back to A */
	fixture_as(lb, "wes");
	char *amina = find_person(lb, "amina yusuf");
	CHECK(amina != NULL);
	set_field(lb, amina ? amina : "", PERSON_PHONE, "0161 496 0999");
	sync_now(lb);
	sync_now(la);
	all_equal(la, lb);
	CHECK_COUNT(la, "SELECT count(*) FROM person WHERE phone = '0161 496 0999'", 1);
	/* pulled rows made no consent event or review date of their own */
	CHECK_COUNT(lb, "SELECT count(*) FROM consent_event", 1);
	/* and search finds what came */
	char *zoe = find_person(lb, "zoe");
	CHECK(zoe != NULL);
	free(zoe);
	free(amina);
}

static void two_fields_changed_apart_both_survive(void)
{
	two_laptops();
	sync_now(la);
	sync_now(lb);
	fixture_as(lb, "wes");
	char *id = find_person(la, "amina yusuf");
	set_field(la, id, PERSON_PHONE, "0161 496 0111");
	set_field(lb, id, PERSON_NOTES, "likes mornings");
	sync_now(la);
	/* B holds its own change back while A's arrives */
	struct syncdb_applied held = hub_pull(lb, 50);
	CHECK(held.skipped >= 1);
	CHECK_COUNT(lb, "SELECT count(*) FROM person WHERE phone = '0161 496 0000'", 1);
	sync_now(lb);
	sync_now(la);
	all_equal(la, lb);
	CHECK_COUNT(la,
		    "SELECT count(*) FROM person WHERE phone = '0161 496 0111' AND notes = "
		    "'likes mornings'",
		    1);
	free(id);
}

/* Assets changed after a referral between them reach the hub's sequence after it: a laptop
 * pulling one row a page meets the referral first, and still counts its flow. */
static void a_referral_before_its_assets_is_still_counted(void)
{
	two_laptops();
	char *from = fixture_add(la, &asset_entity, PAIRS("name", "Hall", "category", "space"));
	char *to = fixture_add(la, &asset_entity, PAIRS("name", "Choir", "category", "culture"));
	char *amina = find_person(la, "amina yusuf");
	free(fixture_add(la, &referral_entity,
			 PAIRS("person_id", amina, "from_asset_id", from, "to_asset_id", to, "date",
			       "2026-11-01")));
	struct record *rec = NULL;
	struct kerr err;
	hub_push_all(la, 3);
	for (int i = 0; i < 2; i++) {
		CHECK_INT(entity_load(la, &asset_entity, i ? to : from, &rec, &err), K_OK);
		record_set(rec, ASSET_DESCRIPTION, "changed after the referral");
		CHECK_INT(entity_update(la, rec, &err), K_OK);
		record_free(rec);
	}
	hub_push_all(la, 3);
	hub_pull(lb, 1);
	CHECK_COUNT(lb, "SELECT count(*) FROM referral", 1);
	CHECK_COUNT(lb, "SELECT sum(n) FROM referral_flow", 1);
	CHECK_COUNT(
		lb,
		"SELECT count(*) FROM referral_flow r JOIN asset f ON f.fts_rowid = r.from_rowid "
		"JOIN asset t ON t.fts_rowid = r.to_rowid WHERE f.name = 'Hall' AND t.name = "
		"'Choir' AND month = '2026-11'",
		1);
	/* the same rows again (the echo of a push) write nothing: no flow, stamp nor index */
	long long stamp = fixture_count(lb, "SELECT n FROM network_stamp");
	store_exec(lb, "UPDATE sync_state SET cursor = 0", &err);
	struct syncdb_applied again = hub_pull(lb, 50);
	CHECK(again.rows >= 4);
	CHECK_COUNT(lb, "SELECT n FROM network_stamp", stamp);
	CHECK_COUNT(lb, "SELECT sum(n) FROM referral_flow", 1);
	CHECK_COUNT(lb, "SELECT count(*) FROM sync_outbox", 0);
	/* an echo the hub sends without its data (kith.pull's quiet) is passed over */
	struct syncdb_row echo = {hubseq + 1, "person", amina, NULL};
	struct syncdb_applied none = {0};
	CHECK_INT(syncdb_apply(lb, &echo, 1, hubseq + 1, &none, &err), K_OK);
	CHECK(none.rows == 0 && none.skipped == 0);
	struct syncdb_state s;
	CHECK_INT(syncdb_state(lb, &s, &err), K_OK);
	CHECK(s.cursor == hubseq + 1);
	free(from), free(to), free(amina);
}

static void a_batch_goes_again_with_its_id_until_acknowledged(void)
{
	two_laptops();
	struct syncdb_batch b1, b2, b3;
	struct kerr err;
	CHECK_INT(syncdb_batch(la, 3, &b1, &err), K_OK);
	CHECK_INT((int)b1.count, 3);
	free(fixture_add(la, &person_entity, PAIRS("given_name", "Late")));
	CHECK_INT(syncdb_batch(la, 3, &b2, &err), K_OK);
	CHECK_STR(b2.id, b1.id);
	CHECK(b2.max_n == b1.max_n);
	CHECK_INT((int)b2.count, 3);
	CHECK_INT(syncdb_batch_done(la, &b2, &err), K_OK);
	CHECK_INT(syncdb_batch(la, 3, &b3, &err), K_OK);
	CHECK(strcmp(b3.id, b1.id) != 0);
	CHECK(b3.max_n > b1.max_n);
	syncdb_batch_free(&b1);
	syncdb_batch_free(&b2);
	syncdb_batch_free(&b3);
}

static void an_erasure_that_arrives_erases_here(void)
{
	two_laptops();
	sync_now(la);
	sync_now(lb);
	CHECK_COUNT(lb, "SELECT count(*) FROM person WHERE given_name = 'Amina'", 1);
	char *id = find_person(la, "amina yusuf");
	struct kerr err;
	CHECK_INT(person_erase(la, id, "asked to be forgotten", &err), K_OK);
	sync_now(la);
	struct syncdb_applied got = sync_now(lb);
	CHECK_INT((int)got.erased, 1);
	CHECK_COUNT(lb, "SELECT count(*) FROM person WHERE given_name = 'Amina' OR phone <> ''", 0);
	CHECK_COUNT(lb, "SELECT count(*) FROM erasure", 1);
	sync_now(la);
	all_equal(la, lb);
	free(id);
}

static void one_person_erased_on_two_laptops_ends_the_same(void)
{
	two_laptops();
	sync_now(la);
	sync_now(lb);
	fixture_as(lb, "cora");
	char *id = find_person(la, "zoe clarke");
	struct kerr err;
	CHECK_INT(person_erase(la, id, "asked to be forgotten", &err), K_OK);
	CHECK_INT(person_erase(lb, id, "asked again, elsewhere", &err), K_OK);
	sync_now(la);
	sync_now(lb);
	sync_now(la);
	all_equal(la, lb);
	CHECK_COUNT(lb, "SELECT count(*) FROM erasure", 1);
	free(id);
}

static void names_taken_twice_settle_the_same_either_way(void)
{
	for (int order = 0; order < 2; order++) {
		two_laptops();
		sync_now(la);
		sync_now(lb);
		fixture_as(lb, "ada");
		fixture_as(la, "ada");
		fixture_account(la, "sam", "Sam A", ROLE_WORKER);
		fixture_account(lb, "sam", "Sam B", ROLE_WORKER);
		struct store *first = order ? lb : la, *second = order ? la : lb;
		sync_now(first);
		struct syncdb_applied got = sync_now(second);
		sync_now(first);
		CHECK_INT((int)got.renamed, 1);
		all_equal(la, lb);
		CHECK_COUNT(la, "SELECT count(*) FROM worker WHERE username IN ('sam', 'sam-2')",
			    2);
		/* the smaller id kept the name */
		CHECK_COUNT(la,
			    "SELECT count(*) FROM worker WHERE username = 'sam' AND id = (SELECT "
			    "min(id) FROM worker WHERE username IN ('sam', 'sam-2'))",
			    1);
	}
}

static void a_tag_made_on_two_laptops_is_one(void)
{
	two_laptops();
	sync_now(la);
	sync_now(lb);
	fixture_as(lb, "wes");
	char ta[ID_LEN], tb[ID_LEN];
	struct kerr err;
	CHECK_INT(tag_ensure(la, "passion", "Cooking", ta, &err), K_OK);
	CHECK_INT(tag_ensure(lb, "passion", "cooking", tb, &err), K_OK);
	CHECK_STR(ta, tb);
	sync_now(la);
	sync_now(lb);
	sync_now(la);
	all_equal(la, lb);
	CHECK_COUNT(lb, "SELECT count(*) FROM tag WHERE deleted_at IS NULL", 1);
}

static void accounts_log_in_where_they_arrive(void)
{
	two_laptops();
	sync_now(la);
	sync_now(lb);
	struct kerr err;
	struct audit_check ac;
	/* accounts came with their hashes, not with this laptop's trail: nothing looks cut */
	if (!CHECK_INT(audit_verify(lb, &ac, &err), K_OK))
		fprintf(stderr, "  verify: %s\n", err.msg);
	login_logout(lb);
	if (!CHECK_INT(login_attempt(lb, "cora", FIXTURE_PASSWORD, NULL, &err), K_OK))
		fprintf(stderr, "  login: %s\n", err.msg);
	/* the first login here begins this laptop's trail, sealed from then on */
	CHECK(store_trail_key(lb) != NULL);
	free(fixture_add(lb, &person_entity, PAIRS("given_name", "Lee")));
	if (!CHECK_INT(audit_verify(lb, &ac, &err), K_OK))
		fprintf(stderr, "  verify: %s\n", err.msg);
	CHECK(ac.sealed > 0);
	CHECK_INT(login_attempt(lb, "cora", "wrong words entirely", NULL, &err), K_REFUSED);
	login_logout(lb);
	fixture_as(lb, "wes");
	free(fixture_add(lb, &person_entity, PAIRS("given_name", "Pat")));
	sync_now(lb);
	sync_now(la);
	all_equal(la, lb);
}

/* A login is this laptop's: its last login, failures and lockout put nothing in the outbox,
 * and another laptop's sync brings none of them. */
#define LOGINS "SELECT count(*) FROM worker WHERE last_login IS NOT NULL"
static void logins_stay_on_their_laptop(void)
{
	two_laptops();
	sync_now(la);
	sync_now(lb);
	struct kerr err;
	login_logout(la); /* the first login begins this laptop's trail: its keys travel */
	CHECK_INT(login_attempt(la, "cora", FIXTURE_PASSWORD, NULL, &err), K_OK);
	sync_now(la);
	sync_now(lb);
	CHECK_COUNT(la, "SELECT count(*) FROM sync_outbox", 0);
	login_logout(la);
	long long before = fixture_count(lb, LOGINS);
	CHECK_INT(login_attempt(la, "wes", "wrong words entirely", NULL, &err), K_REFUSED);
	CHECK_INT(login_attempt(la, "cora", FIXTURE_PASSWORD, NULL, &err), K_OK);
	CHECK_COUNT(la, "SELECT count(*) FROM worker WHERE username = 'wes' AND failed_logins = 1",
		    1);
	CHECK_COUNT(la, "SELECT count(*) FROM sync_outbox", 0);
	long long stamped = hubseq;
	sync_now(la);
	sync_now(lb);
	CHECK_INT((int)(hubseq - stamped), 0); /* no account's row went to the hub */
	for (size_t i = 0; i < nhub; i++)
		CHECK(strcmp(hub[i].tbl, "worker") != 0 || !strstr(hub[i].data, "last_login"));
	CHECK_COUNT(lb, LOGINS, before);
	CHECK_COUNT(lb, "SELECT count(*) FROM worker WHERE failed_logins > 0", 0);
}

static void restricted_people_stay_hidden_where_they_arrive(void)
{
	two_laptops();
	char *id = find_person(la, "zoe clarke");
	set_field(la, id, PERSON_RESTRICTED, "yes");
	sync_now(la);
	sync_now(lb);
	CHECK_COUNT(lb, "SELECT count(*) FROM person WHERE restricted = 1", 1);
	fixture_as(lb, "wes");
	char *seen = find_person(lb, "zoe clarke");
	CHECK(seen == NULL);
	free(seen);
	fixture_as(lb, "cora");
	seen = find_person(lb, "zoe clarke");
	CHECK(seen != NULL);
	free(seen);
	free(id);
}

int main(void)
{
	setenv("KITH_PASSWORD_COST", "min", 1);
	RUN(triggers_match_the_columns);
	RUN(unjoined_writes_nothing_and_join_enqueues_everything);
	RUN(what_one_laptop_writes_the_other_gets);
	RUN(two_fields_changed_apart_both_survive);
	RUN(a_referral_before_its_assets_is_still_counted);
	RUN(a_batch_goes_again_with_its_id_until_acknowledged);
	RUN(an_erasure_that_arrives_erases_here);
	RUN(one_person_erased_on_two_laptops_ends_the_same);
	RUN(names_taken_twice_settle_the_same_either_way);
	RUN(a_tag_made_on_two_laptops_is_one);
	RUN(accounts_log_in_where_they_arrive);
	RUN(logins_stay_on_their_laptop);
	RUN(restricted_people_stay_hidden_where_they_arrive);
	store_close(la);
	store_close(lb);
	hub_clear();
	return check_summary("syncdb");
}
