/* Many new people, places or tags at once (an import). Each new person or place's triggers
 * queue its words for the search index and move the network's stamp (a person's record their
 * consent and give them a review date), and each tag added rewrites its owner's tag words
 * (and so queues their words again): a few writes a row, or one an owner a tag; each new tag
 * looks for owners it cannot have yet. Inside the import's transaction those triggers are set
 * aside, and their work is done once at the end for the rows added since: every row and the
 * search index as the triggers would have left them (tests/test_import_bulk.py). Set aside
 * inside the transaction, they come back with it if it is rolled back. (Referrals have their
 * own: referral_bulk.c.) The capture trigger of a table's inserts (sync_TABLE_insert) is set
 * aside too while the laptop has joined no hub: it records nothing then, yet costs every row
 * a look-up, and a statement journal (a trigger could write after a check fails). A laptop
 * that has joined one keeps it, and each row is captured as it is written. */
#include "import_bulk.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

struct bulk_kind {
	const char *table;
	const char *triggers[IMPORT_BULK_TRIGGERS]; /* what is set aside */
	const char *done[IMPORT_BULK_TRIGGERS];     /* their work, for fts_rowid > ?1 */
	const char *per_owner;                      /* or for each owner touched (?1) */
	const char *mark;                           /* the column that tells rows added */
	const char *idle; /* a trigger that does nothing unless a sync is being applied */
};

/* clang-format off */
static const struct bulk_kind kinds[] = {
	{"person", {"person_search_insert", "consent_on_insert", "review_after_person"},
	 {"INSERT INTO person_fts (rowid, given_name, family_name, preferred_name, postcode, "
	  "neighbourhood, email, phone, what_matters, tag_words) SELECT fts_rowid, given_name, "
	  "family_name, preferred_name, postcode, neighbourhood, email, phone, what_matters, "
	  "tag_words FROM person WHERE fts_rowid > ?1 AND deleted_at IS NULL ORDER BY fts_rowid",
	  /* consent_on_insert: the consent each new person came with, as an event */
	  "INSERT INTO consent_event (id, person_id, status, basis, date, created_at, "
	  "updated_at, updated_by) SELECT lower(hex(randomblob(4))) || '-' || "
	  "lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || "
	  "substr('89ab', 1 + abs(random()) % 4, 1) || substr(lower(hex(randomblob(2))), 2) || "
	  "'-' || lower(hex(randomblob(6))), id, consent_status, consent_basis, consent_date, "
	  "updated_at, updated_at, coalesce(consent_by, updated_by) FROM person WHERE "
	  "fts_rowid > ?1 AND consent_status <> 'not_asked' AND NOT EXISTS (SELECT 1 FROM "
	  "sync_state WHERE applying = 1) ORDER BY fts_rowid",
	  /* review_after_person: a review date for whoever came without one */
	  "UPDATE person SET review_date = date(substr(created_at, 1, 10), '+' || coalesce("
	  "(SELECT value FROM setting WHERE key = 'retention_months' AND deleted_at IS NULL), "
	  "'24') || ' months') WHERE fts_rowid > ?1 AND review_date IS NULL AND NOT EXISTS "
	  "(SELECT 1 FROM sync_state WHERE applying = 1)"}, NULL, "fts_rowid", NULL},
	{"asset", {"asset_search_insert", "network_stamp_asset_insert", NULL},
	 {"INSERT INTO asset_fts (rowid, name, description, neighbourhood, postcode, tag_words) "
	  "SELECT fts_rowid, name, description, neighbourhood, postcode, tag_words FROM asset "
	  "WHERE fts_rowid > ?1 AND deleted_at IS NULL ORDER BY fts_rowid",
	  "UPDATE network_stamp SET n = n + (SELECT count(*) FROM asset WHERE fts_rowid > ?1)",
	  NULL},
	 NULL, "fts_rowid", "referral_flow_asset_arrives"},
	/* a new tag's owners: only rows that named it before it was here (none, with foreign
	 * keys on), yet each insert's trigger looks for them twice */
	{"tag", {"tag_words_insert", NULL, NULL},
	 {"UPDATE person SET tag_words = coalesce((SELECT group_concat(g.name, ' ') FROM "
	  "person_tag k JOIN tag g ON g.id = k.tag_id WHERE k.person_id = person.id AND "
	  "k.deleted_at IS NULL AND g.deleted_at IS NULL), '') WHERE id IN (SELECT person_id "
	  "FROM person_tag WHERE tag_id IN (SELECT id FROM tag WHERE rowid > ?1))",
	  "UPDATE asset SET tag_words = coalesce((SELECT group_concat(g.name, ' ') FROM "
	  "asset_tag k JOIN tag g ON g.id = k.tag_id WHERE k.asset_id = asset.id AND "
	  "k.deleted_at IS NULL AND g.deleted_at IS NULL), '') WHERE id IN (SELECT asset_id "
	  "FROM asset_tag WHERE tag_id IN (SELECT id FROM tag WHERE rowid > ?1))", NULL},
	 NULL, "rowid", NULL},
	{"person_tag", {"person_tag_words_insert", NULL, NULL}, {NULL, NULL, NULL},
	 "UPDATE person SET tag_words = coalesce((SELECT group_concat(g.name, ' ') FROM "
	 "person_tag k JOIN tag g ON g.id = k.tag_id WHERE k.person_id = person.id AND "
	 "k.deleted_at IS NULL AND g.deleted_at IS NULL), '') WHERE id = ?1", NULL, NULL},
	{"asset_tag", {"asset_tag_words_insert", NULL, NULL}, {NULL, NULL, NULL},
	 "UPDATE asset SET tag_words = coalesce((SELECT group_concat(g.name, ' ') FROM "
	 "asset_tag k JOIN tag g ON g.id = k.tag_id WHERE k.asset_id = asset.id AND "
	 "k.deleted_at IS NULL AND g.deleted_at IS NULL), '') WHERE id = ?1", NULL, NULL},
};
/* clang-format on */

/* One statement, ?1 bound to mark (>= 0) or text (not NULL). */
static int one(struct store *st, const char *sql, long long mark, const char *text,
	       struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = text ? store_cached(st, sql, &stmt, err) : store_prepare(st, sql, &stmt, err);
	if (status != K_OK)
		return status;
	if (text)
		sqlite3_bind_text(stmt, 1, text, -1, SQLITE_TRANSIENT);
	else if (mark >= 0)
		sqlite3_bind_int64(stmt, 1, mark);
	int rc = sqlite3_step(stmt);
	status = rc == SQLITE_DONE || rc == SQLITE_ROW ? K_OK : store_error(st, rc, err);
	if (text)
		sqlite3_reset(stmt);
	else
		sqlite3_finalize(stmt);
	return status;
}

/* Reads the trigger's CREATE, when there is one, then drops it. */
static int set_aside(struct store *st, struct import_bulk *b, const char *name, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st,
				   "SELECT sql FROM sqlite_schema WHERE type = 'trigger' "
				   "AND name = ?1",
				   &stmt, err);
	if (status == K_OK) {
		sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
		int rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW)
			b->sql[b->n++] = xstrdup((const char *)sqlite3_column_text(stmt, 0));
		else if (rc != SQLITE_DONE)
			status = store_error(st, rc, err);
	}
	sqlite3_finalize(stmt); /* the schema is no longer being read */
	if (status == K_OK) {
		char *drop = sqlite3_mprintf("DROP TRIGGER IF EXISTS \"%w\"", name);
		status = store_exec(st, drop, err);
		sqlite3_free(drop);
	}
	return status;
}

/* The capture trigger of table's inserts, set aside unless this laptop has joined a hub. */
static int capture_aside(struct store *st, struct import_bulk *b, const char *table,
			 struct kerr *err)
{
	long long joined = 1;
	int status = store_query_int(st, "SELECT joined FROM sync_state WHERE id = 1", &joined,
				     err);
	if (status != K_OK || joined)
		return status;
	char name[64];
	snprintf(name, sizeof name, "sync_%s_insert", table);
	return set_aside(st, b, name, err);
}

/* The kind's trigger that acts only while a sync is applied, set aside while none is: the
 * import changes no sync state, so it would do nothing for any row, yet a trigger on a table
 * makes each insert keep a statement journal, in case it fails half done. */
static int idle_aside(struct store *st, struct import_bulk *b, struct kerr *err)
{
	long long applying = 1;
	int status = store_query_int(st, "SELECT coalesce(max(applying), 0) FROM sync_state",
				     &applying, err);
	if (status != K_OK || applying)
		return status;
	return set_aside(st, b, b->kind->idle, err);
}

int import_bulk_begin(struct store *st, struct import_bulk *b, const char *table, struct kerr *err)
{
	*b = (struct import_bulk){0};
	for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
		if (strcmp(kinds[k].table, table) == 0)
			b->kind = &kinds[k];
	int status = K_OK;
	if (b->kind && !b->kind->per_owner) {
		char *sql = sqlite3_mprintf("SELECT coalesce(max(%s), 0) FROM \"%w\"",
					    b->kind->mark, table);
		status = store_query_int(st, sql, &b->mark, err);
		sqlite3_free(sql);
	}
	for (int i = 0; status == K_OK && b->kind && i < IMPORT_BULK_TRIGGERS; i++)
		if (b->kind->triggers[i])
			status = set_aside(st, b, b->kind->triggers[i], err);
	if (status == K_OK && b->kind && b->kind->idle)
		status = idle_aside(st, b, err);
	return status == K_OK ? capture_aside(st, b, table, err) : status;
}

void import_bulk_touch(struct import_bulk *b, const char *owner)
{
	if (!b->kind || !b->kind->per_owner)
		return;
	b->touched = xgrow(b->touched, b->ntouched, &b->cap, sizeof *b->touched);
	snprintf(b->touched[b->ntouched++], sizeof *b->touched, "%s", owner);
}

static int by_id(const void *a, const void *b)
{
	return strcmp(a, b);
}

int import_bulk_end(struct store *st, struct import_bulk *b, int status, struct kerr *err)
{
	if (b->kind && b->ntouched)
		qsort(b->touched, b->ntouched, sizeof *b->touched, by_id);
	for (size_t i = 0; status == K_OK && i < b->ntouched; i++)
		if (i == 0 || strcmp(b->touched[i], b->touched[i - 1]) != 0)
			status = one(st, b->kind->per_owner, -1, b->touched[i], err);
	for (int i = 0; b->kind && status == K_OK && i < IMPORT_BULK_TRIGGERS; i++)
		if (b->kind->done[i])
			status = one(st, b->kind->done[i], b->mark, NULL, err);
	for (int i = 0; i < b->n; i++) {
		if (status == K_OK)
			status = store_exec(st, b->sql[i], err);
		free(b->sql[i]);
	}
	free(b->touched);
	*b = (struct import_bulk){0};
	return status;
}
