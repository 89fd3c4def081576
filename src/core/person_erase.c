/* A person's review and erasure. Keeping a record past its review date is a coordinator's
 * decision, with a reason; erasure blanks every personal field of the person and of what is
 * about them, keeps their referrals as anonymous flow (so the network stays true), then
 * purges the search index and the write-ahead log, so that nothing of them stays in the file
 * or beside it. */
#include "person.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asset.h"
#include "audit.h"
#include "auth.h"
#include "date.h"
#include "record.h"
#include "schema.h"
#include "setting.h"
#include "store.h"
#include "strbuf.h"
#include "valid.h"
#include "xalloc.h"

static int reason_ok(const char *reason, struct kerr *err)
{
	char *r = valid_trim(reason ? reason : "");
	size_t n = strlen(r);
	free(r);
	if (n < 3)
		return kerr_set(err, K_INVALID, "reason", "reason: say why, in a few words");
	if (n > 500)
		return kerr_set(err, K_INVALID, "reason", "reason: at most 500 bytes");
	return K_OK;
}

static int exec_id(struct store *st, const char *sql, const char *id, const char *now,
		   struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st, sql, &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, now, -1, SQLITE_STATIC);
	if (store_actor(st))
		sqlite3_bind_text(stmt, 3, store_actor(st), -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(stmt);
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

/* ---- review ---- */

int person_keep(struct store *st, const char *id, const char *reason, const char *until,
		struct kerr *err)
{
	int status = auth_require(st, AUTH_REVIEW, err);
	if (status == K_OK)
		status = reason_ok(reason, err);
	char date[DATE_LEN], today[DATE_LEN];
	date_today(today);
	if (status == K_OK && until && *until)
		status = date_parse(until, date, "until", err);
	else if (status == K_OK) { /* a further retention period from today */
		char *months = NULL;
		setting_get(st, "retention_months", &months, err);
		long m = months ? atol(months) : 24;
		free(months);
		date_add_days(today, (m < 1 ? 24 : m) * 365 / 12, date);
	}
	if (status == K_OK && strcmp(date, today) <= 0)
		status = kerr_set(err, K_INVALID, "until", "until: a date after today");
	if (status != K_OK)
		return status;
	status = store_begin(st, err);
	if (status == K_OK)
		status = exec_id(st,
				 "UPDATE person SET review_date = ?2 WHERE id = ?1 AND deleted_at "
				 "IS NULL",
				 id, date, err);
	if (status == K_OK && sqlite3_changes(store_db(st)) != 1)
		status = kerr_set(err, K_NOT_FOUND, "", "no person has the id %s", id);
	char detail[600];
	snprintf(detail, sizeof detail, "kept until %s: %s", date, reason);
	if (status == K_OK)
		status = audit_record(st, "update", "person", id, id, "review_date", detail, err);
	return store_finish(st, status, err);
}

/* ---- erasure ---- */

/* "SET a = '', b = NULL ..." for def's personal fields (names for every text field of an
 * individual asset's). */
static void blank_fields(const struct entity_def *def, unsigned flags, struct strbuf *sql)
{
	for (int i = 0; i < def->nfields; i++) {
		const struct field_def *f = &def->fields[i];
		bool null_choice = f->kind == FIELD_CHOICE && (f->flags & FIELD_NULL);
		if (!(f->flags & flags) || f->kind == FIELD_REF ||
		    (f->kind == FIELD_CHOICE && !null_choice) || f->kind == FIELD_BOOL)
			continue;
		bool null = f->kind == FIELD_INT || f->kind == FIELD_YEAR ||
			    f->kind == FIELD_DATE || null_choice;
		strbuf_printf(sql, ", %s = %s", f->name, null ? "NULL" : "''");
	}
}

static int blank(struct store *st, const struct entity_def *def, const char *where, bool tombstone,
		 const char *id, const char *now, struct kerr *err)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_printf(&sql, "UPDATE %s SET updated_at = ?2, updated_by = ?3", def->table);
	/* of the person every field goes, even those that alone say little (a neighbourhood) */
	blank_fields(def, def == &person_entity ? ~0u : FIELD_PERSONAL, &sql);
	if (tombstone)
		strbuf_puts(&sql, ", deleted_at = coalesce(deleted_at, ?2)");
	strbuf_printf(&sql, " WHERE %s", where);
	int status = exec_id(st, strbuf_str(&sql), id, now, err);
	strbuf_free(&sql);
	return status;
}

static const char *const unlink_sql[] = {
	"UPDATE membership SET deleted_at = coalesce(deleted_at, ?2), updated_at = ?2, "
	"updated_by = ?3 WHERE person_id = ?1",
	/* who came stays counted, no longer by name: an activity's headcount is the same */
	"UPDATE activity SET unnamed = unnamed + 1, updated_at = ?2, updated_by = ?3 WHERE id IN "
	"(SELECT activity_id FROM attendance WHERE person_id = ?1 AND deleted_at IS NULL)",
	"UPDATE attendance SET deleted_at = coalesce(deleted_at, ?2), updated_at = ?2, "
	"updated_by = ?3 WHERE person_id = ?1",
	/* a tag nobody else carries says something about them alone: it goes too */
	"UPDATE tag SET name = id, deleted_at = coalesce(deleted_at, ?2), updated_at = ?2, "
	"updated_by = ?3 WHERE id IN (SELECT tag_id FROM person_tag WHERE person_id = ?1) AND "
	"NOT EXISTS (SELECT 1 FROM person_tag o WHERE o.tag_id = tag.id AND o.person_id <> ?1 AND "
	"o.deleted_at IS NULL) AND NOT EXISTS (SELECT 1 FROM asset_tag a WHERE a.tag_id = tag.id "
	"AND a.deleted_at IS NULL)",
	"UPDATE person_tag SET deleted_at = coalesce(deleted_at, ?2), updated_at = ?2, "
	"updated_by = ?3 WHERE person_id = ?1",
	/* their stories' links go with their stories, and their place in others' stories */
	"UPDATE story_person SET deleted_at = coalesce(deleted_at, ?2), updated_at = ?2, "
	"updated_by = ?3 WHERE person_id = ?1 OR story_id IN (SELECT id FROM story WHERE "
	"person_id = ?1)",
	"UPDATE story_asset SET deleted_at = coalesce(deleted_at, ?2), updated_at = ?2, "
	"updated_by = ?3 WHERE story_id IN (SELECT id FROM story WHERE person_id = ?1)",
	"UPDATE story_activity SET deleted_at = coalesce(deleted_at, ?2), updated_at = ?2, "
	"updated_by = ?3 WHERE story_id IN (SELECT id FROM story WHERE person_id = ?1)",
	"UPDATE story_outcome SET deleted_at = coalesce(deleted_at, ?2), updated_at = ?2, "
	"updated_by = ?3 WHERE story_id IN (SELECT id FROM story WHERE person_id = ?1)",
	"UPDATE consent_event SET deleted_at = coalesce(deleted_at, ?2), updated_at = ?2, "
	"updated_by = ?3 WHERE person_id = ?1",
	"UPDATE person SET consent_status = 'not_asked', consent_basis = '', consent_by = NULL, "
	"review_date = NULL, restricted = 0 WHERE id = ?1",
	/* a form someone left unsaved about them */
	"UPDATE draft SET typed = '', person_id = NULL, deleted_at = coalesce(deleted_at, ?2), "
	"updated_at = ?2, updated_by = ?3 WHERE person_id = ?1",
	/* the register outlives a restore, which applies the erasure again (backup.c) */
	"INSERT OR IGNORE INTO erasure (person_id, erased_at, created_at, updated_at, updated_by) "
	"VALUES (?1, ?2, ?2, ?2, ?3)",
	/* and the records merged into theirs, which a backup from before the merge holds apart */
	"INSERT OR IGNORE INTO erasure (person_id, erased_at, created_at, updated_at, updated_by) "
	"SELECT id, ?2, ?2, ?2, ?3 FROM person WHERE merged_into = ?1",
};

/* An individual asset is someone's gift offered to others: it stays on the map, nameless. */
static int anonymise_gifts(struct store *st, const char *id, const char *now, struct kerr *err)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_puts(&sql, "UPDATE asset SET updated_at = ?2, updated_by = ?3, name = 'An "
			  "individual (erased)', person_id = NULL");
	for (int i = 0; i < asset_entity.nfields; i++) {
		const struct field_def *f = &asset_entity.fields[i];
		enum field_kind k = f->kind;
		if (strcmp(f->name, "name") != 0 && strcmp(f->name, "neighbourhood") != 0 &&
		    (k == FIELD_TEXT || k == FIELD_NOTE || k == FIELD_EMAIL || k == FIELD_PHONE ||
		     k == FIELD_URL || k == FIELD_POSTCODE))
			strbuf_printf(&sql, ", %s = ''", f->name);
	}
	strbuf_puts(&sql, " WHERE person_id = ?1");
	int status = exec_id(st, strbuf_str(&sql), id, now, err);
	strbuf_free(&sql);
	return status;
}

static int erase_rows(struct store *st, const char *id, const char *now, struct kerr *err)
{
	int status = blank(st, &person_entity, "id = ?1", true, id, now, err);
	/* a record merged into theirs (person_merge) is a tombstone still holding what it held */
	if (status == K_OK)
		status = blank(st, &person_entity, "merged_into = ?1", true, id, now, err);
	for (int k = 0; status == K_OK && k < ENTITY_COUNT; k++) {
		const struct entity_def *def = entity_get((enum entity_kind)k);
		if (def->erasure != ERASURE_NONE)
			status = blank(st, def, "person_id = ?1", def->erasure == ERASURE_DELETE,
				       id, now, err);
	}
	for (size_t i = 0; status == K_OK && i < sizeof unlink_sql / sizeof *unlink_sql; i++)
		status = exec_id(st, unlink_sql[i], id, now, err);
	if (status == K_OK)
		status = anonymise_gifts(st, id, now, err);
	return status;
}

/* Inside the erasure's transaction, so that no moment exists when the erasure is committed
 * and the person's words are still in the index's segments (a kill just after the commit
 * left them there): the queued index changes applied, then the indexes rewritten without
 * what was deleted from them. */
static int purge_index(struct store *st, struct kerr *err)
{
	int status = schema_flush_search(st, err);
	if (status == K_OK)
		status = store_exec(st,
				    "INSERT INTO person_fts (person_fts) VALUES ('optimize');"
				    "INSERT INTO asset_fts (asset_fts) VALUES ('optimize')",
				    err);
	return status;
}

/* After the commit: the write-ahead log emptied, so that no old page of the person survives
 * beside the file. */
static int purge_log(struct store *st, struct kerr *err)
{
	int status = store_fold_log(st, err);
	if (status == K_BUSY)
		kerr_set(err, K_BUSY, "",
			 "erased, but another kith has this database open, so its "
			 "write-ahead log could not be emptied yet: close it, then run kith check");
	return status;
}

int person_erase_again(struct store *st, const char *id, const char *when, struct kerr *err)
{
	int status = store_begin(st, err);
	if (status == K_OK)
		status = erase_rows(st, id, when, err);
	if (status == K_OK)
		status = purge_index(st, err);
	return store_finish(st, status, err);
}

int person_erase(struct store *st, const char *id, const char *reason, struct kerr *err)
{
	int status = auth_require(st, AUTH_ERASE, err);
	if (status == K_OK)
		status = reason_ok(reason, err);
	struct record *rec = NULL;
	if (status == K_OK)
		status = entity_load(st, &person_entity, id, &rec, err);
	record_free(rec);
	if (status != K_OK)
		return status;
	char now[STAMP_LEN];
	date_stamp(now);
	status = store_begin(st, err);
	if (status == K_OK)
		status = erase_rows(st, id, now, err);
	if (status == K_OK)
		status = audit_record(st, "erase", "person", id, id, NULL, reason, err);
	if (status == K_OK)
		status = purge_index(st, err);
	status = store_finish(st, status, err);
	return status == K_OK ? purge_log(st, err) : status;
}
