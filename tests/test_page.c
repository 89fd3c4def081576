/* Lists: keyset pages cover every row once, in order, forwards and backwards, for every
 * sort of every entity; each order comes from an index; search is by prefix with accents
 * folded; filters and tombstones behave. */
#include <sqlite3.h>
#include <string.h>

#include "asset.h"
#include "check.h"
#include "database.h"
#include "entity.h"
#include "fixture.h"
#include "page.h"
#include "person.h"
#include "record.h"
#include "referral.h"
#include "store.h"
#include "strbuf.h"
#include "xalloc.h"

static struct store *st;

static char *add_person(const char *given, const char *family, const char *nb)
{
	return fixture_add(st, &person_entity,
			   PAIRS("given_name", given, "family_name", family, "neighbourhood", nb));
}

/* clang-format off */
static const char *given[] = {"Sarah", "Sarwar", "Rosa", "Amina", "Zoë", "Zoe", "李", "Ahmed",
			      "Łukasz", "sam", "Sam", "Émile", "Olumide"};
/* clang-format on */
/* clang-format off */
static const char *family[] = {"Yusuf", "Clarke", "", "O'Neill", "Begum", "clarke", "Nowak",
			       "Ó Súilleabháin", "Zhang", "Smith"};
/* clang-format on */

/* 130 people with repeated names, so that sort keys tie and only the id separates them. */
static void many_people(void)
{
	for (int i = 0; i < 130; i++)
		free(add_person(given[i % 13], family[(i * 7) % 10],
				i % 3 ? "Northgate" : "Riverside"));
}

/* Pages through the whole list one way; returns the ids joined in list order. */
static char *walk(struct page_query *q, bool backward, int *pages)
{
	struct strbuf all = STRBUF_INIT;
	struct record *edge = NULL;
	char **chunks = NULL;
	int n = 0;
	size_t cap = 0;
	*pages = 0;
	q->backward = backward;
	for (;;) {
		struct page pg;
		struct kerr err;
		q->after = edge;
		CHECK_INT(page_load(st, q, &pg, &err), K_OK);
		struct strbuf chunk = STRBUF_INIT;
		for (int i = 0; i < pg.n; i++)
			strbuf_printf(&chunk, "%s\n", pg.row[i]->id);
		chunks = xgrow(chunks, (size_t)n, &cap, sizeof *chunks);
		chunks[n++] = strbuf_take(&chunk);
		(*pages)++;
		record_free(edge);
		edge = pg.n ? record_copy(pg.row[backward ? 0 : pg.n - 1]) : NULL;
		bool more = pg.more;
		page_free(&pg);
		if (!more || *pages > 100)
			break;
	}
	for (int i = 0; i < n; i++) {
		strbuf_puts(&all, chunks[backward ? n - 1 - i : i]);
		free(chunks[backward ? n - 1 - i : i]);
	}
	free(chunks);
	record_free(edge);
	return strbuf_take(&all);
}

/* The same list in one query, ordered by the sort's own keys: what the pages must equal. */
static char *whole(const struct page_query *q)
{
	const struct sort_def *s = &q->def->sorts[q->sort];
	struct strbuf sql = STRBUF_INIT, out = STRBUF_INIT;
	strbuf_printf(&sql, "SELECT t.id FROM %s t WHERE t.deleted_at IS NULL", q->def->table);
	if (q->def->scope)
		strbuf_printf(&sql, " AND %s", q->def->scope);
	strbuf_puts(&sql, " ORDER BY ");
	for (int k = 0; k < SORT_KEYS && s->keys[k]; k++)
		strbuf_printf(&sql, "%s%s%s", k ? ", " : "", s->keys[k], s->desc ? " DESC" : "");
	sqlite3_stmt *stmt = NULL;
	sqlite3_prepare_v2(store_db(st), strbuf_str(&sql), -1, &stmt, NULL);
	while (sqlite3_step(stmt) == SQLITE_ROW)
		strbuf_printf(&out, "%s\n", sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	strbuf_free(&sql);
	return strbuf_take(&out);
}

static void pages_cover_every_row_once_in_order(void)
{
	fixture_fresh(&st);
	many_people();
	char *a = NULL, *b = NULL;
	for (int sort = 0; sort < person_entity.nsorts; sort++) {
		struct page_query q;
		page_query_init(&q, &person_entity);
		q.sort = sort;
		char *want = whole(&q);
		int pages;
		char *fwd = walk(&q, false, &pages);
		CHECK_INT(pages, 3);
		CHECK_STR(fwd, want);
		char *back = walk(&q, true, &pages);
		CHECK_STR(back, want);
		q.limit = 7;
		char *small = walk(&q, false, &pages);
		CHECK_INT(pages, 19);
		CHECK_STR(small, want);
		free(want);
		free(fwd);
		free(back);
		free(small);
	}
	free(a);
	free(b);
}

/* By family name, those who gave none come after everyone who did, in pages either way:
 * a list that opened on them looked like broken data. */
static void people_without_a_family_name_come_last(void)
{
	fixture_fresh(&st);
	many_people();
	struct page_query q;
	page_query_init(&q, &person_entity);
	CHECK_STR(person_entity.sorts[q.sort].name, "family");
	q.limit = 7;
	for (int backward = 0; backward < 2; backward++) {
		int pages;
		char *ids = walk(&q, backward, &pages);
		/* the family name of each row, in list order */
		struct strbuf names = STRBUF_INIT;
		sqlite3_stmt *stmt = NULL;
		sqlite3_prepare_v2(store_db(st), "SELECT family_name FROM person WHERE id = ?1", -1,
				   &stmt, NULL);
		for (char *line = strtok(ids, "\n"); line; line = strtok(NULL, "\n")) {
			sqlite3_bind_text(stmt, 1, line, -1, SQLITE_STATIC);
			if (sqlite3_step(stmt) == SQLITE_ROW)
				strbuf_puts(&names, *sqlite3_column_text(stmt, 0) ? "F" : "_");
			sqlite3_reset(stmt);
		}
		sqlite3_finalize(stmt);
		/* 13 of the 130 have none: all of them at the end */
		CHECK_INT((int)names.len, 130);
		CHECK(strstr(strbuf_str(&names), "F_") && !strstr(strbuf_str(&names), "_F"));
		CHECK_STR(strbuf_str(&names) + 117, "_____________");
		strbuf_free(&names);
		free(ids);
	}
}

static void other_entities_page_the_same_way(void)
{
	fixture_fresh(&st);
	char *p = add_person("Amina", "Yusuf", "Northgate");
	char *assets[12];
	for (int i = 0; i < 12; i++) {
		char name[32];
		snprintf(name, sizeof name, "Asset %d", i % 5);
		const char *pairs[] = {"name", name, "category", asset_categories[i % 5], NULL};
		assets[i] = fixture_add(st, &asset_entity, pairs);
	}
	for (int i = 0; i < 75; i++) {
		char date[16], due[16];
		snprintf(date, sizeof date, "%02d/10/2026", 1 + i % 28);
		snprintf(due, sizeof due, "%02d/11/2026", 1 + (i * 7) % 28);
		const char *pairs[] = {"person_id",
				       p,
				       "from_asset_id",
				       assets[i % 12],
				       "to_asset_id",
				       assets[(i + 1) % 12],
				       "date",
				       date,
				       "follow_up_date",
				       i % 4 ? due : "",
				       "status",
				       referral_statuses[i % 3],
				       NULL};
		free(fixture_add(st, &referral_entity, pairs));
	}
	const enum entity_kind kinds[] = {ENTITY_ASSET, ENTITY_GROUP, ENTITY_REFERRAL};
	for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
		const struct entity_def *def = entity_get(kinds[k]);
		for (int sort = 0; sort < def->nsorts; sort++) {
			struct page_query q;
			page_query_init(&q, def);
			q.sort = sort;
			q.limit = 10;
			char *want = whole(&q);
			int pages;
			char *fwd = walk(&q, false, &pages);
			char *back = walk(&q, true, &pages);
			if (!CHECK_STR(fwd, want) || !CHECK_STR(back, want))
				fprintf(stderr, "  %s by %s\n", def->plural, def->sorts[sort].name);
			free(want);
			free(fwd);
			free(back);
		}
	}
	for (int i = 0; i < 12; i++)
		free(assets[i]);
	free(p);
}

/* Every page's SQL, as the list sees it, through sqlite's own query planner. */
static struct strbuf plans;

static bool page_sql(const char *sql)
{
	return strncmp(sql, "SELECT t.id, t.created_at", 25) == 0 && strstr(sql, "LIMIT :limit");
}

static void every_list_order_comes_from_an_index(void)
{
	fixture_fresh(&st);
	many_people();
	fixture_plans(st, page_sql, &plans);
	for (int k = 0; k < ENTITY_COUNT; k++) {
		const struct entity_def *def = entity_get(k);
		for (int sort = 0; sort < def->nsorts; sort++) {
			struct page_query q;
			page_query_init(&q, def);
			q.sort = sort;
			struct page pg;
			struct kerr err;
			strbuf_reset(&plans);
			for (int dir = 0; dir < 2; dir++) {
				q.backward = dir;
				CHECK_INT(page_load(st, &q, &pg, &err), K_OK);
				page_free(&pg);
			}
			if (!CHECK(plans.len > 0 && !strstr(strbuf_str(&plans), "TEMP B-TREE")) ||
			    !CHECK(!strstr(strbuf_str(&plans), "SCAN t\n")))
				fprintf(stderr, "  %s by %s:\n%s", def->plural,
					def->sorts[sort].name, strbuf_str(&plans));
		}
	}
	/* and a person filter of the Network screen's kind: a neighbourhood by family name */
	struct page_query q;
	struct page pg;
	struct kerr err;
	page_query_init(&q, &person_entity);
	page_query_where(&q, "neighbourhood", "riverside", &err);
	strbuf_reset(&plans);
	CHECK_INT(page_load(st, &q, &pg, &err), K_OK);
	CHECK_INT(pg.n, 44);
	page_free(&pg);
	CHECK(!strstr(strbuf_str(&plans), "TEMP B-TREE"));
	fixture_plans_stop(st);
	strbuf_free(&plans);
}

static int search_count(const struct entity_def *def, const char *text, char *first, size_t n)
{
	struct page_query q;
	page_query_init(&q, def);
	q.search = text;
	struct page pg;
	struct kerr err;
	CHECK_INT(page_load(st, &q, &pg, &err), K_OK);
	int found = pg.n;
	if (first)
		snprintf(first, n, "%s", pg.n ? record_display(pg.row[0]) : "");
	page_free(&pg);
	return found;
}

/* A page after a row, or from a row jumped to, starts its index scan at that row: a page
 * deep in a long list costs what the first does. */
static void a_later_page_starts_at_its_row_in_the_index(void)
{
	fixture_fresh(&st);
	many_people();
	fixture_plans(st, page_sql, &plans);
	for (int k = 0; k < ENTITY_COUNT; k++) {
		const struct entity_def *def = entity_get(k);
		for (int sort = 0; sort < def->nsorts; sort++) {
			struct page_query q;
			struct page first, pg;
			struct kerr err;
			page_query_init(&q, def);
			q.sort = sort;
			q.limit = 5;
			CHECK_INT(page_load(st, &q, &first, &err), K_OK);
			if (first.n == 0) {
				page_free(&first);
				continue;
			}
			strbuf_reset(&plans);
			q.after = first.row[first.n - 1];
			CHECK_INT(page_load(st, &q, &pg, &err), K_OK);
			page_free(&pg);
			q.after = NULL;
			q.at = first.row[0]->id;
			CHECK_INT(page_load(st, &q, &pg, &err), K_OK);
			CHECK_STR(pg.n ? pg.row[0]->id : "", first.row[0]->id);
			page_free(&pg);
			if (!CHECK(plans.len > 0 && !strstr(strbuf_str(&plans), "SCAN t")))
				fprintf(stderr, "  %s by %s:\n%s", def->plural,
					def->sorts[sort].name, strbuf_str(&plans));
			page_free(&first);
		}
	}
	sqlite3_trace_v2(store_db(st), 0, NULL, NULL);
}

/* The ids of live people in Riverside, newest first: what a search for "river" lists. */
static char *riverside_newest_first(void)
{
	struct strbuf out = STRBUF_INIT;
	sqlite3_stmt *stmt = NULL;
	sqlite3_prepare_v2(store_db(st),
			   "SELECT id FROM person WHERE deleted_at IS NULL AND "
			   "neighbourhood = 'Riverside' ORDER BY fts_rowid DESC",
			   -1, &stmt, NULL);
	while (sqlite3_step(stmt) == SQLITE_ROW)
		strbuf_printf(&out, "%s\n", sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return strbuf_take(&out);
}

static void a_search_pages_its_matches_newest_first(void)
{
	fixture_fresh(&st);
	many_people();
	struct page_query q;
	page_query_init(&q, &person_entity);
	q.sort = 1; /* by given name: a search keeps the index's order all the same */
	q.search = "river";
	q.limit = 7;
	CHECK(page_in_index_order(&q));
	char *want = riverside_newest_first();
	int pages;
	char *fwd = walk(&q, false, &pages);
	CHECK_INT(pages, 7); /* 44 matches */
	CHECK_STR(fwd, want);
	char *back = walk(&q, true, &pages);
	CHECK_STR(back, want);
	long long n = 0;
	struct kerr err;
	CHECK_INT(page_count(st, &q, 1000, &n, &err), K_OK);
	CHECK_INT(n, 44);
	CHECK_INT(page_count(st, &q, 10, &n, &err), K_OK);
	CHECK_INT(n, 10);
	page_query_where(&q, "neighbourhood", "Northgate", &err); /* counted through the rows */
	CHECK_INT(page_count(st, &q, 1000, &n, &err), K_OK);
	CHECK_INT(n, 0);
	q.search = "\"*";
	CHECK(!page_in_index_order(&q)); /* nothing to search for: the sort's order */
	free(want);
	free(fwd);
	free(back);
}

static void search_matches_prefixes_with_accents_folded(void)
{
	fixture_fresh(&st);
	free(add_person("Sarah", "Clarke", "Northgate"));
	free(add_person("Sarwar", "Khan", "Riverside"));
	free(add_person("Rosa", "Sarmiento", "Riverside"));
	free(add_person("Amina", "Yusuf", "Northgate"));
	free(add_person("Zoë", "Evans", "Eastfield"));
	free(add_person("Zoe", "Evans", "Eastfield"));
	free(add_person("李", "伟", "Eastfield"));
	free(add_person("Siobhán", "Ó Súilleabháin", "Eastfield"));
	char first[64];
	CHECK_INT(search_count(&person_entity, "sar", first, sizeof first), 3); /* Sarmiento too */
	CHECK_INT(search_count(&person_entity, "sarw", first, sizeof first), 1);
	CHECK_STR(first, "Sarwar Khan");
	CHECK_INT(search_count(&person_entity, "zoe", NULL, 0), 2);
	CHECK_INT(search_count(&person_entity, "ZOË", NULL, 0), 2);
	CHECK_INT(search_count(&person_entity, "ami", first, sizeof first), 1);
	CHECK_STR(first, "Amina Yusuf");
	CHECK_INT(search_count(&person_entity, "amina yus", NULL, 0), 1);
	CHECK_INT(search_count(&person_entity, "amina clarke", NULL, 0), 0);
	CHECK_INT(search_count(&person_entity, "suil", NULL, 0), 1);
	CHECK_INT(search_count(&person_entity, "李", NULL, 0), 1);
	CHECK_INT(search_count(&person_entity, "river", NULL, 0), 2);  /* neighbourhood */
	CHECK_INT(search_count(&person_entity, "\"*)(-", NULL, 0), 8); /* nothing to search for */
	/* regression: "£" or "–" alone searched for a word and found nobody */
	CHECK_INT(search_count(&person_entity, "£", NULL, 0), 8);
	CHECK_INT(search_count(&person_entity, "– ·", NULL, 0), 8);
	CHECK_INT(search_count(&person_entity, "“sarw”", NULL, 0), 1);
	/* FTS syntax typed by accident is only a separator: "sa" and "r" */
	CHECK_INT(search_count(&person_entity, "sa\"r", NULL, 0), 2);
	CHECK_INT(search_count(&person_entity, "sarah OR NOT", NULL, 0), 0);
}

static void search_follows_edits_and_deletes(void)
{
	fixture_fresh(&st);
	char *p = add_person("Sarah", "Clarke", "Northgate");
	struct kerr err;
	struct record *r = NULL;
	entity_load(st, &person_entity, p, &r, &err);
	record_set(r, PERSON_GIVEN_NAME, "Bethany");
	CHECK_INT(entity_update(st, r, &err), K_OK);
	CHECK_INT(search_count(&person_entity, "sar", NULL, 0), 0);
	CHECK_INT(search_count(&person_entity, "beth", NULL, 0), 1);
	CHECK_INT(entity_delete(st, &person_entity, p, &err), K_OK);
	CHECK_INT(search_count(&person_entity, "beth", NULL, 0), 0);
	CHECK_INT(search_count(&person_entity, "", NULL, 0), 0);
	CHECK_INT(store_check(st, &err), K_OK);
	record_free(r);
	free(p);
}

static void referrals_found_by_person_or_asset_name(void)
{
	fixture_fresh(&st);
	char *p = add_person("Amina", "Yusuf", "Northgate");
	char *q = add_person("Kwame", "Mensah", "Northgate");
	const char *a1[] = {"name", "Northgate GP Surgery", "category", "institution", NULL};
	const char *a2[] = {"name", "Knit and Natter", "category", "association", NULL};
	char *gp = fixture_add(st, &asset_entity, a1), *knit = fixture_add(st, &asset_entity, a2);
	const char *r1[] = {"person_id", p, "from_asset_id", gp, "to_asset_id", knit, NULL};
	const char *r2[] = {"person_id", q,      "from_asset_id", knit, "to_asset_id",
			    gp,          "date", "01/09/2026",    NULL};
	free(fixture_add(st, &referral_entity, r1));
	free(fixture_add(st, &referral_entity, r2));
	CHECK_INT(search_count(&referral_entity, "amina", NULL, 0), 1);
	CHECK_INT(search_count(&referral_entity, "knit", NULL, 0), 2);
	CHECK_INT(search_count(&referral_entity, "surg", NULL, 0), 2);
	CHECK_INT(search_count(&referral_entity, "mensah", NULL, 0), 1);
	struct page_query pq;
	struct page pg;
	struct kerr err;
	page_query_init(&pq, &referral_entity);
	CHECK_INT(page_query_named(&pq, "due", &err), K_OK);
	CHECK_INT(page_load(st, &pq, &pg, &err), K_OK);
	CHECK_INT(pg.n, 1); /* September's follow-up is due; today's is not yet */
	CHECK_STR(record_label(pg.row[0], REFERRAL_PERSON), "Kwame Mensah");
	page_free(&pg);
	CHECK_INT(page_query_named(&pq, "overdue", &err), K_INVALID);
	CHECK_HAS(err.msg, "no filter 'overdue'");
	page_query_init(&pq, &referral_entity);
	CHECK_INT(page_query_where(&pq, "person_id", q, &err), K_OK);
	CHECK_INT(page_load(st, &pq, &pg, &err), K_OK);
	CHECK_INT(pg.n, 1);
	page_free(&pg);
	CHECK_INT(page_query_where(&pq, "shoe_size", "9", &err), K_INVALID);
	free(p);
	free(q);
	free(gp);
	free(knit);
}

/* The ids one SQL query gives, a line each. */
static char *ids(const char *sql)
{
	sqlite3_stmt *stmt = NULL;
	struct strbuf out = STRBUF_INIT;
	CHECK_INT(sqlite3_prepare_v2(store_db(st), sql, -1, &stmt, NULL), SQLITE_OK);
	while (sqlite3_step(stmt) == SQLITE_ROW)
		strbuf_printf(&out, "%s\n", sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return strbuf_take(&out);
}

static void add_referral(const char *person, const char *from, const char *to, const char *date)
{
	const char *pairs[] = {
		"person_id", person, "from_asset_id", from, "to_asset_id", to, "date", date, NULL};
	free(fixture_add(st, &referral_entity, pairs));
}

/* Pages (small ones, both ways) of a search equal want, counted whole and capped, and a
 * jump to its middle row starts there. */
static void search_pages(const char *typed, const char *want)
{
	struct page_query q;
	page_query_init(&q, &referral_entity);
	q.search = typed;
	q.limit = 7;
	int pages, n = 0;
	char *fwd = walk(&q, false, &pages), *back = walk(&q, true, &pages);
	CHECK_STR(fwd, want);
	CHECK_STR(back, want);
	for (const char *p = want; *p; p++)
		n += *p == '\n';
	CHECK(n > 10);
	long long count = 0;
	struct kerr err;
	CHECK_INT(page_count(st, &q, 100000, &count, &err), K_OK);
	CHECK_INT(count, n);
	CHECK_INT(page_count(st, &q, 10, &count, &err), K_OK);
	CHECK_INT(count, n < 10 ? n : 10);
	char middle[ID_LEN];
	snprintf(middle, sizeof middle, "%.36s", want + (size_t)(n / 2) * 37);
	q.after = NULL;
	q.backward = false;
	q.at = middle;
	struct page pg;
	CHECK_INT(page_load(st, &q, &pg, &err), K_OK);
	CHECK(pg.n > 0);
	CHECK_STR(pg.n ? pg.row[0]->id : "", middle);
	page_free(&pg);
	free(fwd), free(back);
}

/* A search in Referrals runs through the names they refer to: the people whose name
 * matches, newest first, each one's referrals newest first; when no one's name matches,
 * the places they went to, then came from (each referral once). */
static void a_referral_search_runs_through_the_names_it_refers_to(void)
{
	fixture_fresh(&st);
	const char *a1[] = {"name", "Town Hall", "category", "institution", NULL};
	const char *a2[] = {"name", "Library", "category", "institution", NULL};
	const char *a3[] = {"name", "Kerrigan Library", "category", "institution", NULL};
	char *hall = fixture_add(st, &asset_entity, a1);
	char *library = fixture_add(st, &asset_entity, a2);
	char *kerrigan = fixture_add(st, &asset_entity, a3);
	char *kerr[3], *quint = add_person("Rosa", "Quint", "Riverside"), date[16];
	for (int i = 0; i < 3; i++)
		kerr[i] = add_person(given[i], "Kerr", "Northgate");
	store_begin(st, NULL);
	for (int i = 0; i < 60; i++) {
		snprintf(date, sizeof date, "2025-%02d-%02d", i % 12 + 1, i % 5 + 1);
		add_referral(kerr[i % 3], i % 2 ? hall : library, i % 3 ? library : hall, date);
		add_referral(quint, i % 2 ? kerrigan : hall, i % 4 ? hall : library, date);
	}
	store_commit(st, NULL);
	char *want = ids("SELECT r.id FROM referral r JOIN person p ON p.id = r.person_id "
			 "WHERE p.family_name = 'Kerr' ORDER BY p.fts_rowid DESC, r.date DESC, "
			 "r.id DESC");
	search_pages("kerr", want); /* Kerrigan Library's are not among them: people match */
	free(want);
	want = ids("SELECT id FROM (SELECT 0 AS arm, a.fts_rowid AS f, r.date, r.id FROM "
		   "referral r JOIN asset a ON a.id = r.to_asset_id WHERE a.name LIKE '%library%' "
		   "UNION ALL SELECT 1, a.fts_rowid, r.date, r.id FROM referral r JOIN asset a ON "
		   "a.id = r.from_asset_id JOIN asset b ON b.id = r.to_asset_id WHERE a.name LIKE "
		   "'%library%' AND b.name NOT LIKE '%library%') ORDER BY arm, f DESC, date DESC, "
		   "id DESC");
	search_pages("library", want);
	free(want);
	for (int i = 0; i < 3; i++)
		free(kerr[i]);
	free(quint), free(hall), free(library), free(kerrigan);
}

static void a_page_can_start_at_a_record_and_rows_can_be_counted(void)
{
	fixture_fresh(&st);
	many_people();
	struct page_query q;
	struct page all, at;
	struct kerr err;
	page_query_init(&q, &person_entity);
	q.limit = 130;
	CHECK_INT(page_load(st, &q, &all, &err), K_OK);
	CHECK_INT(all.n, 130);
	for (int i = 0; i < 130; i += 37) {
		q.at = all.row[i]->id;
		q.limit = 5;
		CHECK_INT(page_load(st, &q, &at, &err), K_OK);
		CHECK_STR(at.row[0]->id, all.row[i]->id);
		CHECK_STR(at.row[at.n - 1]->id, all.row[i + at.n - 1]->id);
		page_free(&at);
	}
	page_free(&all);
	long long n = 0;
	page_query_init(&q, &person_entity);
	CHECK_INT(page_count(st, &q, 1000, &n, &err), K_OK);
	CHECK_INT(n, 130);
	CHECK_INT(page_count(st, &q, 100, &n, &err), K_OK);
	CHECK_INT(n, 100); /* counting stops at the cap */
	q.search = "sarw";
	CHECK_INT(page_count(st, &q, 1000, &n, &err), K_OK);
	CHECK_INT(n, 10);
	char **values = NULL;
	CHECK_INT(entity_distinct(st, &person_entity, PERSON_NEIGHBOURHOOD, &values, &err), K_OK);
	CHECK(values && values[0] && values[1] && !values[2]);
	CHECK_STR(values[0], "Northgate");
	CHECK_STR(values[1], "Riverside");
	entity_values_free(values);
}

int main(void)
{
	RUN(pages_cover_every_row_once_in_order);
	RUN(people_without_a_family_name_come_last);
	RUN(a_page_can_start_at_a_record_and_rows_can_be_counted);
	RUN(other_entities_page_the_same_way);
	RUN(every_list_order_comes_from_an_index);
	RUN(a_later_page_starts_at_its_row_in_the_index);
	RUN(a_search_pages_its_matches_newest_first);
	RUN(search_matches_prefixes_with_accents_folded);
	RUN(search_follows_edits_and_deletes);
	RUN(referrals_found_by_person_or_asset_name);
	RUN(a_referral_search_runs_through_the_names_it_refers_to);
	store_close(st);
	return check_summary("page");
}
