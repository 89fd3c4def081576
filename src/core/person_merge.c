/* People recorded twice: the one rule for a likely duplicate (the form, the command line and
 * the importer all ask it), adding a person with it, and merging two records of one person
 * into the one kept. Which tables a merge touches is read from the schema's references to a
 * person, so a table added later moves with the rest. */
#include "person.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "date.h"
#include "entity_impl.h"
#include "record.h"
#include "store.h"
#include "strbuf.h"
#include "xalloc.h"

/* ---- likely duplicates ---- */

int person_likely_duplicate(struct store *st, const struct record *rec, struct person_twin *out,
			    struct kerr *err)
{
	memset(out, 0, sizeof *out);
	char *display = entity_sql_alias(person_entity.display, "t");
	struct strbuf sql = STRBUF_INIT;
	strbuf_printf(&sql,
		      "SELECT t.id, %s, t.postcode, coalesce(t.birth_year, '') FROM person t "
		      "WHERE t.deleted_at IS NULL AND t.given_name = ?1 COLLATE NOCASE AND "
		      "t.family_name = ?2 COLLATE NOCASE AND ((?3 <> '' AND t.postcode = ?3) OR "
		      "(?4 <> '' AND t.birth_year = CAST(?4 AS INTEGER)))",
		      display);
	free(display);
	/* someone the reader may not see is no one they could have meant */
	entity_visible(st, &person_entity, "t", &sql);
	strbuf_puts(&sql, " LIMIT 1");
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(st, strbuf_str(&sql), &stmt, err);
	strbuf_free(&sql);
	if (status != K_OK)
		return status;
	static const int fields[] = {PERSON_GIVEN_NAME, PERSON_FAMILY_NAME, PERSON_POSTCODE,
				     PERSON_BIRTH_YEAR};
	for (int i = 0; i < 4; i++)
		sqlite3_bind_text(stmt, i + 1, record_get(rec, fields[i]), -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		snprintf(out->id, sizeof out->id, "%s", sqlite3_column_text(stmt, 0));
		const char *postcode = (const char *)sqlite3_column_text(stmt, 2);
		snprintf(out->label, sizeof out->label, "%.100s, %s%s",
			 sqlite3_column_text(stmt, 1), *postcode ? "" : "born ",
			 *postcode ? postcode : (const char *)sqlite3_column_text(stmt, 3));
	} else if (rc != SQLITE_DONE) {
		status = store_error(st, rc, err);
	}
	sqlite3_reset(stmt);
	return status;
}

int person_add(struct store *st, struct record *rec, bool allow_duplicate, struct person_twin *twin,
	       struct kerr *err)
{
	memset(twin, 0, sizeof *twin);
	int status = store_begin(st, err);
	if (status != K_OK)
		return status;
	/* compared as saving would store them: a typed postcode in any case and spacing */
	struct record *work = record_copy(rec);
	status = entity_check_new(st, work, err);
	if (status == K_OK && !allow_duplicate)
		status = person_likely_duplicate(st, work, twin, err);
	if (status == K_OK && *twin->id)
		status = kerr_set(err, K_DUPLICATE, "given_name", "likely already here: %s",
				  twin->label);
	record_free(work);
	if (status == K_OK)
		status = entity_create(st, rec, err);
	return store_finish(st, status, err);
}

/* ---- merging ---- */

/* ?1 the one kept, ?2 the other, ?3 now, ?4 who */
static int run(struct store *st, const char *sql, const char *const v[4], long long *moved,
	       struct kerr *err)
{
	int status = store_run(st, sql, v, 4, err);
	if (status == K_OK && moved)
		*moved += sqlite3_changes(store_db(st));
	return status;
}

/* A join row (the person is half its key: a membership, a tag): where both had one, the
 * kept one's stands (revived if it had ended while the other's had not) and the other's
 * ends; the rest move. */
static int move_links(struct store *st, const char *table, const char *col, const char *pair,
		      const char *const v[4], long long *moved, struct kerr *err)
{
	char *sql = xasprintf("UPDATE %s SET deleted_at = NULL, updated_at = ?3, updated_by = ?4 "
			      "WHERE %s = ?1 AND deleted_at IS NOT NULL AND %s IN (SELECT %s "
			      "FROM %s WHERE %s = ?2 AND deleted_at IS NULL)",
			      table, col, pair, pair, table, col);
	int status = run(st, sql, v, NULL, err);
	free(sql);
	sql = xasprintf("UPDATE %s SET deleted_at = coalesce(deleted_at, ?3), updated_at = ?3, "
			"updated_by = ?4 WHERE %s = ?2 AND %s IN (SELECT %s FROM %s WHERE %s = ?1)",
			table, col, pair, pair, table, col);
	if (status == K_OK)
		status = run(st, sql, v, NULL, err);
	free(sql);
	sql = xasprintf("UPDATE %s SET %s = ?1, updated_at = ?3, updated_by = ?4 WHERE %s = ?2 "
			"AND %s NOT IN (SELECT %s FROM %s WHERE %s = ?1)",
			table, col, col, pair, pair, table, col);
	if (status == K_OK)
		status = run(st, sql, v, moved, err);
	free(sql);
	return status;
}

/* *pair: the other key column of table when col is half of its primary key, else NULL. */
static int pair_of(struct store *st, const char *table, const char *col, char **pair,
		   struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	*pair = NULL;
	int status = store_prepare(
		st,
		"SELECT (SELECT count(*) FROM pragma_table_info(?1) WHERE pk > 0 "
		"AND name = ?2), (SELECT name FROM pragma_table_info(?1) WHERE "
		"pk > 0 AND name <> ?2)",
		&stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, col, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW && sqlite3_column_int64(stmt, 0) && sqlite3_column_text(stmt, 1))
		*pair = xstrdup((const char *)sqlite3_column_text(stmt, 1));
	status = rc == SQLITE_ROW || rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

/* Every column the schema says refers to a person, table by table. */
#define REFERENCES_SQL \
	"SELECT m.name, f.\"from\" FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) f " \
	"WHERE m.type = 'table' AND f.\"table\" = 'person' ORDER BY 1, 2"

static int move_one(struct store *st, const char *table, const char *col, const char *const v[4],
		    long long *moved, struct kerr *err)
{
	char *pair = NULL;
	int status = pair_of(st, table, col, &pair, err);
	if (status == K_OK && pair) {
		status = move_links(st, table, col, pair, v, moved, err);
	} else if (status == K_OK) {
		char *sql = xasprintf("UPDATE %s SET %s = ?1, updated_at = ?3, updated_by = ?4 "
				      "WHERE %s = ?2",
				      table, col, col);
		status = run(st, sql, v, moved, err);
		free(sql);
	}
	free(pair);
	return status;
}

static int move_everything(struct store *st, const char *const v[4], long long *moved,
			   struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st, REFERENCES_SQL, &stmt, err);
	if (status != K_OK)
		return status;
	int rc;
	while (status == K_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		char *table = xstrdup((const char *)sqlite3_column_text(stmt, 0));
		char *col = xstrdup((const char *)sqlite3_column_text(stmt, 1));
		status = move_one(st, table, col, v, moved, err);
		free(table);
		free(col);
	}
	if (status == K_OK && rc != SQLITE_DONE)
		status = store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

/* What the kept record lacks, it takes from the other: a phone, a postcode; notes join. A
 * restricted record stays restricted in the one kept. */
static int fill_in(struct store *st, const char *const v[4], struct kerr *err)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_puts(&sql, "UPDATE person AS k SET updated_at = ?3, updated_by = ?4, restricted = "
			  "max(k.restricted, o.restricted)");
	for (int i = 0; i < person_entity.nfields; i++) {
		const struct field_def *f = &person_entity.fields[i];
		if (f->flags & FIELD_AUTO || f->kind == FIELD_CHOICE || f->kind == FIELD_BOOL ||
		    f->kind == FIELD_REF || f->kind == FIELD_DATE)
			continue;
		if (f->kind == FIELD_YEAR)
			strbuf_printf(&sql, ", %s = coalesce(k.%s, o.%s)", f->name, f->name,
				      f->name);
		else if (f->kind == FIELD_NOTE)
			strbuf_printf(&sql,
				      ", %s = CASE WHEN k.%s = '' THEN o.%s WHEN o.%s = '' OR "
				      "o.%s = k.%s OR length(k.%s) + length(o.%s) + 2 > %d THEN "
				      "k.%s ELSE k.%s || char(10, 10) || o.%s END",
				      f->name, f->name, f->name, f->name, f->name, f->name, f->name,
				      f->name, f->max, f->name, f->name, f->name);
		else
			strbuf_printf(&sql, ", %s = CASE WHEN k.%s = '' THEN o.%s ELSE k.%s END",
				      f->name, f->name, f->name, f->name);
	}
	strbuf_puts(&sql, " FROM person AS o WHERE k.id = ?1 AND o.id = ?2");
	int status = store_run(st, strbuf_str(&sql), v, 4, err);
	strbuf_free(&sql);
	return status;
}

static int record_merge(struct store *st, const char *const v[4], long long moved, struct kerr *err)
{
	char detail[200];
	snprintf(detail, sizeof detail, "merged into %s", v[0]);
	int status = audit_record(st, "delete", "person", v[1], v[1], "merged_into", detail, err);
	snprintf(detail, sizeof detail, "%s merged into this record: %lld records moved", v[1],
		 moved);
	if (status == K_OK)
		status = audit_record(st, "update", "person", v[0], v[0], NULL, detail, err);
	return status;
}

int person_merge(struct store *st, const char *keep, const char *other, long long *moved,
		 struct kerr *err)
{
	char kid[ID_LEN], oid[ID_LEN], now[STAMP_LEN];
	*moved = 0;
	int status = entity_may_write(st, &person_entity, err);
	if (status == K_OK)
		status = entity_resolve_person(st, keep, kid, err);
	if (status == K_OK)
		status = entity_resolve_person(st, other, oid, err);
	if (status == K_OK && strcmp(kid, oid) == 0)
		status = kerr_set(err, K_INVALID, "", "those are the same record: name two");
	if (status == K_OK)
		status = store_begin(st, err);
	if (status != K_OK)
		return status;
	date_stamp(now);
	const char *v[4] = {kid, oid, now, store_actor(st)};
	status = fill_in(st, v, err);
	if (status == K_OK)
		status = move_everything(st, v, moved, err);
	if (status == K_OK)
		status = store_run(st,
				   "UPDATE person SET deleted_at = ?3, merged_into = ?1, "
				   "updated_at = ?3, updated_by = ?4 WHERE id = ?2",
				   v, 4, err);
	if (status == K_OK)
		status = record_merge(st, v, *moved, err);
	return store_finish(st, status, err);
}
