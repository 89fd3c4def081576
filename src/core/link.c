/* Join rows: insert, or revive a tombstone, with one statement so the pair stays unique. */
#include "link.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "date.h"
#include "entity.h"
#include "store.h"
#include "strbuf.h"

static int nextra(const struct link_def *l)
{
	int n = 0;
	while (n < LINK_EXTRA && l->extra[n])
		n++;
	return n;
}

/* Runs one link statement in its own transaction (or the caller's): ?1 a, ?2 b, ?3 now,
 * ?4 the actor, ?5.. the extra values. No row changed means `none` with "<why> <what>". */
static int run(struct store *st, const struct link_def *l, const char *sql, const char *a,
	       const char *b, const char *const *extra, int nextra_values, enum kstatus none,
	       const char *why, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	char now[STAMP_LEN];
	const char *person = strcmp(l->a, "person_id") == 0   ? a
			     : strcmp(l->b, "person_id") == 0 ? b
							      : NULL;
	int status = auth_require(st, AUTH_RECORDS, err);
	if (status == K_OK && person)
		status = entity_may_touch_person(st, person, err);
	if (status == K_OK)
		status = store_begin(st, err);
	if (status != K_OK)
		return status;
	/* cached: preparing compiles the table's triggers, and an import joins thousands */
	status = store_cached(st, sql, &stmt, err);
	if (status == K_OK) {
		date_stamp(now);
		sqlite3_bind_text(stmt, 1, a, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 2, b, -1, SQLITE_STATIC);
		sqlite3_bind_text(stmt, 3, now, -1, SQLITE_STATIC);
		if (store_actor(st))
			sqlite3_bind_text(stmt, 4, store_actor(st), -1, SQLITE_TRANSIENT);
		for (int i = 0; i < nextra_values; i++)
			if (extra && extra[i] && *extra[i])
				sqlite3_bind_text(stmt, 5 + i, extra[i], -1, SQLITE_STATIC);
		int rc = sqlite3_step(stmt);
		status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
		if (status == K_OK && sqlite3_changes(store_db(st)) == 0)
			status = kerr_set(err, none, "", "%s %s", why, l->what);
		sqlite3_reset(stmt);
	}
	if (status == K_OK) /* the pair, by its two ids: record and detail */
		status = audit_record(st, none == K_DUPLICATE ? "create" : "delete", l->table, a,
				      person, l->b, b, err);
	return store_finish(st, status, err);
}

/* "INSERT ... ON CONFLICT (a, b)": ?1 a, ?2 b, ?3 now, ?4 the actor, ?5.. the extra values. */
static void insert_part(const struct link_def *l, int n, struct strbuf *sql)
{
	strbuf_printf(sql, "INSERT INTO %s (%s, %s, created_at, updated_at, updated_by", l->table,
		      l->a, l->b);
	for (int i = 0; i < n; i++)
		strbuf_printf(sql, ", %s", l->extra[i]);
	strbuf_puts(sql, ") VALUES (?1, ?2, ?3, ?3, ?4");
	for (int i = 0; i < n; i++)
		strbuf_printf(sql, ", ?%d", 5 + i);
	strbuf_printf(sql, ") ON CONFLICT (%s, %s)", l->a, l->b);
}

/* What reviving a tombstone sets, numbered as insert_part's. */
static void revive_part(const struct link_def *l, int n, struct strbuf *sql)
{
	strbuf_puts(sql, "updated_at = ?3, updated_by = ?4, deleted_at = NULL");
	for (int i = 0; i < n; i++)
		strbuf_printf(sql, ", %s = ?%d", l->extra[i], 5 + i);
}

char *link_add_sql(const struct link_def *l)
{
	struct strbuf sql = STRBUF_INIT;
	insert_part(l, nextra(l), &sql);
	strbuf_puts(&sql, " DO UPDATE SET ");
	revive_part(l, nextra(l), &sql);
	strbuf_puts(&sql, " WHERE deleted_at IS NOT NULL");
	return strbuf_take(&sql);
}

char *link_insert_sql(const struct link_def *l)
{
	struct strbuf sql = STRBUF_INIT;
	insert_part(l, nextra(l), &sql);
	strbuf_puts(&sql, " DO NOTHING");
	return strbuf_take(&sql);
}

char *link_revive_sql(const struct link_def *l)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_printf(&sql, "UPDATE %s SET ", l->table);
	revive_part(l, nextra(l), &sql);
	strbuf_printf(&sql, " WHERE %s = ?1 AND %s = ?2 AND deleted_at IS NOT NULL", l->a, l->b);
	return strbuf_take(&sql);
}

int link_add(struct store *st, const struct link_def *l, const char *a, const char *b,
	     const char *const extra[LINK_EXTRA], struct kerr *err)
{
	char *sql = link_add_sql(l);
	int status = run(st, l, sql, a, b, extra, nextra(l), K_DUPLICATE, "already", err);
	free(sql);
	return status;
}

int link_remove(struct store *st, const struct link_def *l, const char *a, const char *b,
		struct kerr *err)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_printf(&sql,
		      "UPDATE %s SET deleted_at = ?3, updated_at = ?3, updated_by = ?4 "
		      "WHERE %s = ?1 AND %s = ?2 AND deleted_at IS NULL",
		      l->table, l->a, l->b);
	int status = run(st, l, strbuf_str(&sql), a, b, NULL, 0, K_NOT_FOUND, "not", err);
	strbuf_free(&sql);
	return status;
}

/* Whether the pair is linked at all (a live row), inside the caller's transaction. */
static int linked(struct store *st, const struct link_def *l, const char *a, const char *b,
		  bool *out, struct kerr *err)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_printf(&sql,
		      "SELECT count(*) FROM %s WHERE %s = ?1 AND %s = ?2 AND deleted_at IS NULL",
		      l->table, l->a, l->b);
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(st, strbuf_str(&sql), &stmt, err);
	strbuf_free(&sql);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, a, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, b, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	*out = rc == SQLITE_ROW && sqlite3_column_int64(stmt, 0) > 0;
	status = rc == SQLITE_ROW ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	return status;
}

char *link_set_sql(const struct link_def *l, int extra)
{
	const char *col = l->extra[extra];
	struct strbuf sql = STRBUF_INIT;
	strbuf_printf(&sql,
		      "UPDATE %s SET %s = ?3, updated_at = ?4, updated_by = ?5 WHERE %s = ?1 AND "
		      "%s = ?2 AND deleted_at IS NULL AND %s IS NOT ?3",
		      l->table, col, l->a, l->b, col);
	return strbuf_take(&sql);
}

int link_set(struct store *st, const struct link_def *l, const char *a, const char *b, int extra,
	     const char *value, struct kerr *err)
{
	char now[STAMP_LEN];
	date_stamp(now);
	const char *col = l->extra[extra];
	char *sql = link_set_sql(l, extra);
	const char *v[] = {a, b, value, now, store_actor(st)};
	int status = store_run(st, sql, v, 5, err);
	free(sql);
	if (status != K_OK)
		return status;
	const char *person = strcmp(l->b, "person_id") == 0 ? b : NULL;
	if (sqlite3_changes(store_db(st)) == 1) {
		char detail[120];
		snprintf(detail, sizeof detail, "%s is now %s", b, value);
		return audit_record(st, "update", l->table, a, person, col, detail, err);
	}
	bool there = false;
	status = linked(st, l, a, b, &there, err);
	if (status != K_OK)
		return status;
	return there ? kerr_set(err, K_DUPLICATE, col, "%s: already %s, as %s", col, l->what, value)
		     : kerr_set(err, K_NOT_FOUND, "", "not %s", l->what);
}
