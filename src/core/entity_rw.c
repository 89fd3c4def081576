/* The entity engine's reads and writes: create, load, update, tombstone, resolve and count.
 * Each write is one transaction, checked against the stored row inside it. */
#include "entity.h"
#include "entity_impl.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "date.h"
#include "page.h"
#include "record.h"
#include "store.h"
#include "strbuf.h"
#include "valid.h"
#include "xalloc.h"

static bool has_fts(const struct entity_def *def)
{
	return def->fts != NULL;
}

/* " AND <scope>" for entities that are a view of a table (groups), or "". */
static void add_scope(const struct entity_def *def, struct strbuf *sql)
{
	if (def->scope)
		strbuf_printf(sql, " AND %s", def->scope);
}

static int step_done(struct store *st, sqlite3_stmt *stmt, struct kerr *err)
{
	int rc = sqlite3_step(stmt);
	return rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
}

/* ---- create ---- */

/* The INSERT for def, made once: an import adds thousands of rows. */
static const char *insert_sql(const struct entity_def *def)
{
	static char *made[ENTITY_COUNT];
	if (made[def->kind])
		return made[def->kind];
	struct strbuf sql = STRBUF_INIT;
	strbuf_printf(&sql, "INSERT INTO %s (id, created_at, updated_at, updated_by", def->table);
	if (has_fts(def))
		strbuf_puts(&sql, ", fts_rowid");
	for (int i = 0; i < def->nfields; i++)
		strbuf_printf(&sql, ", %s", def->fields[i].name);
	strbuf_puts(&sql, ") VALUES (?, ?, ?, ?");
	if (has_fts(def))
		strbuf_printf(&sql, ", (SELECT coalesce(max(fts_rowid), 0) + 1 FROM %s)",
			      def->table);
	for (int i = 0; i < def->nfields; i++)
		strbuf_puts(&sql, ", ?");
	strbuf_putc(&sql, ')');
	return made[def->kind] = strbuf_take(&sql);
}

static int insert_row(struct store *st, struct record *rec, const char *created, const char *now,
		      struct kerr *err)
{
	const struct entity_def *def = rec->def;
	/* cached: preparing compiles the table's triggers */
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(st, insert_sql(def), &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, rec->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, created, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, now, -1, SQLITE_STATIC);
	if (store_actor(st))
		sqlite3_bind_text(stmt, 4, store_actor(st), -1, SQLITE_TRANSIENT);
	for (int i = 0; i < def->nfields; i++)
		entity_bind(stmt, 5 + i, &def->fields[i], record_get(rec, i));
	status = step_done(st, stmt, err);
	sqlite3_reset(stmt);
	return status;
}

static void set_stamps(struct record *rec, struct store *st, const char *now)
{
	free(rec->created_at);
	free(rec->updated_at);
	free(rec->updated_by);
	rec->created_at = xstrdup(now);
	rec->updated_at = xstrdup(now);
	rec->updated_by = xstrdup(store_actor(st));
}

/* What a new record must pass before it is inserted, whoever inserts it. */
static int check_new(struct store *st, struct record *rec, struct kerr *err)
{
	int status = entity_validate(st, rec, NULL, err);
	if (status == K_OK && rec->def->check)
		status = rec->def->check(st, NULL, rec, err);
	if (status == K_OK && rec->def->kind != ENTITY_PERSON) /* about someone restricted? */
		status = entity_may_touch(st, rec, err);
	return status;
}

int entity_check_new(struct store *st, struct record *rec, struct kerr *err)
{
	kerr_clear(err);
	int status = entity_may_write(st, rec->def, err);
	return status == K_OK ? check_new(st, rec, err) : status;
}

int entity_insert_checked(struct store *st, struct record *rec, struct kerr *err)
{
	if (!store_in_transaction(st))
		return kerr_set(err, K_DB, "", "a bulk insert outside a transaction");
	char now[STAMP_LEN], created[STAMP_LEN];
	date_stamp(now);
	/* an export coming back keeps its ids and when its records were first made */
	bool own_id = rec->id[0] != '\0';
	if (!own_id)
		id_new(rec->id);
	snprintf(created, sizeof created, "%s",
		 rec->created_at && *rec->created_at ? rec->created_at : now);
	int status = insert_row(st, rec, created, now, err);
	if (status == K_OK) {
		set_stamps(rec, st, now);
		free(rec->created_at);
		rec->created_at = xstrdup(created);
	} else if (!own_id) {
		rec->id[0] = '\0';
	}
	return status;
}

int entity_create(struct store *st, struct record *rec, struct kerr *err)
{
	kerr_clear(err);
	int status = entity_may_write(st, rec->def, err);
	if (status == K_OK)
		status = store_begin(st, err);
	if (status != K_OK)
		return status;
	struct record *work = record_copy(rec);
	status = check_new(st, work, err);
	char now[STAMP_LEN];
	date_stamp(now);
	if (status == K_OK) {
		id_new(work->id);
		status = insert_row(st, work, now, now, err);
	}
	if (status == K_OK)
		status = audit_change(st, "create", NULL, work, err);
	status = store_finish(st, status, err);
	if (status == K_OK) {
		/* only a saved record takes the normalised values: a refused form keeps its text */
		for (int i = 0; i < rec->def->nfields; i++) {
			record_put(rec, i, work->val[i]);
			work->val[i] = NULL;
		}
		memcpy(rec->id, work->id, sizeof rec->id);
		set_stamps(rec, st, now);
	}
	record_free(work);
	return status;
}

/* ---- load ---- */

static int deleted_message(struct store *st, const struct entity_def *def, const char *id,
			   struct kerr *err)
{
	struct strbuf sql = STRBUF_INIT;
	/* a person merged into another says which, to whoever may see that one */
	strbuf_printf(&sql, "SELECT deleted_at, %s FROM %s t WHERE t.id = ?",
		      def->kind == ENTITY_PERSON ? "merged_into" : "NULL", def->table);
	add_scope(def, &sql);
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st, strbuf_str(&sql), &stmt, err);
	strbuf_free(&sql);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	char day[DATE_LEN], uk[DATE_LEN];
	if (rc == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
		snprintf(day, sizeof day, "%.10s", (const char *)sqlite3_column_text(stmt, 0));
		const char *into = (const char *)sqlite3_column_text(stmt, 1);
		if (into && entity_may_touch_person(st, into, NULL) == K_OK)
			status = kerr_set(err, K_NOT_FOUND, "", "that %s was merged into %s on %s",
					  def->name, into, date_uk(day, uk));
		else
			status = kerr_set(err, K_NOT_FOUND, "", "that %s was deleted on %s",
					  def->name, date_uk(day, uk));
	} else if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		status = kerr_set(err, K_NOT_FOUND, "", "no %s has the id %s", def->name, id);
	else
		status = store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

/* The stored row as it is, for the engine's own checks. */
static int load_row(struct store *st, const struct entity_def *def, const char *id,
		    struct record **out, struct kerr *err)
{
	*out = NULL;
	struct strbuf sql = STRBUF_INIT;
	strbuf_puts(&sql, "SELECT ");
	entity_select_columns(def, &sql);
	strbuf_printf(&sql, " FROM %s t WHERE t.id = ? AND t.deleted_at IS NULL", def->table);
	add_scope(def, &sql);
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(st, strbuf_str(&sql), &stmt, err);
	strbuf_free(&sql);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*out = entity_read_row(stmt, def);
	else if (rc != SQLITE_DONE)
		status = store_error(st, rc, err);
	sqlite3_reset(stmt);
	if (status == K_OK && !*out)
		status = deleted_message(st, def, id, err);
	return status;
}

int entity_load(struct store *st, const struct entity_def *def, const char *id, struct record **out,
		struct kerr *err)
{
	*out = NULL;
	int status = entity_may_read(st, def, err);
	if (status == K_OK)
		status = load_row(st, def, id, out, err);
	if (status == K_OK)
		entity_mask(st, *out);
	return status;
}

/* ---- update ---- */

static int update_row(struct store *st, struct record *rec, const char *now, struct kerr *err)
{
	const struct entity_def *def = rec->def;
	struct strbuf sql = STRBUF_INIT;
	strbuf_printf(&sql, "UPDATE %s SET updated_at = ?1, updated_by = ?2", def->table);
	for (int i = 0; i < def->nfields; i++)
		strbuf_printf(&sql, ", %s = ?%d", def->fields[i].name, 5 + i);
	strbuf_puts(&sql, " WHERE id = ?3 AND updated_at = ?4 AND deleted_at IS NULL");
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st, strbuf_str(&sql), &stmt, err);
	strbuf_free(&sql);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, now, -1, SQLITE_STATIC);
	if (store_actor(st))
		sqlite3_bind_text(stmt, 2, store_actor(st), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 3, rec->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, rec->updated_at ? rec->updated_at : "", -1, SQLITE_STATIC);
	for (int i = 0; i < def->nfields; i++)
		entity_bind(stmt, 5 + i, &def->fields[i], record_get(rec, i));
	status = step_done(st, stmt, err);
	sqlite3_finalize(stmt);
	if (status == K_OK && sqlite3_changes(store_db(st)) != 1)
		status = kerr_set(
			err, K_CONFLICT, "",
			"this %s was changed elsewhere since it was opened; open it again "
			"to see the changes",
			def->name);
	return status;
}

/* Puts the values restore holds (non-NULL entries) back into work after the entity's check
 * has set what follows from a change (a status's date, a follow-up): taking a change back
 * restores those too, exactly as they were. */
static void restore_was(struct record *work, char *const *restore)
{
	for (int i = 0; restore && i < work->def->nfields; i++)
		if (restore[i])
			record_set(work, i, restore[i]);
}

/* Whether the update from old to work corrects what was recorded: a change taken back, or
 * one the entity calls a correction. */
static bool correcting(const struct record *old, const struct record *work, char *const *restore)
{
	return restore || (work->def->corrects && work->def->corrects(old, work));
}

/* entity_update; taking a change back when restore (what it changed, as it was) is not NULL. */
static int update(struct store *st, struct record *rec, char *const *restore, struct kerr *err)
{
	kerr_clear(err);
	int status = entity_may_write(st, rec->def, err);
	if (status == K_OK)
		status = store_begin(st, err);
	if (status != K_OK)
		return status;
	struct record *old = NULL;
	struct record *work = record_copy(rec);
	status = load_row(st, rec->def, rec->id, &old, err);
	if (status == K_OK)
		status = entity_may_touch(st, old, err);
	if (status == K_OK && strcmp(old->updated_at, rec->updated_at ? rec->updated_at : "") != 0)
		status = kerr_set(
			err, K_CONFLICT, "",
			"this %s was changed elsewhere since it was opened; open it again "
			"to see the changes",
			rec->def->name);
	if (status == K_OK)
		status = entity_validate(st, work, old, err);
	if (status == K_OK && work->def->check)
		status = work->def->check(st, old, work, err);
	if (status == K_OK)
		restore_was(work, restore);
	char now[STAMP_LEN];
	date_stamp_after(old ? old->updated_at : NULL, now);
	if (status == K_OK && work->def->kind != ENTITY_PERSON)
		status = entity_may_touch(st, work, err); /* moved to someone restricted? */
	if (status == K_OK)
		status = update_row(st, work, now, err);
	if (status == K_OK)
		status = correcting(old, work, restore)
				 ? audit_correction(st, old, work, err)
				 : audit_change(st, "update", old, work, err);
	status = store_finish(st, status, err);
	if (status == K_OK) {
		for (int i = 0; i < rec->def->nfields; i++) {
			record_put(rec, i, work->val[i]);
			work->val[i] = NULL;
		}
		free(rec->updated_at);
		free(rec->updated_by);
		rec->updated_at = xstrdup(now);
		rec->updated_by = xstrdup(store_actor(st));
	}
	record_free(old);
	record_free(work);
	return status;
}

int entity_update(struct store *st, struct record *rec, struct kerr *err)
{
	return update(st, rec, NULL, err);
}

/* ---- taking a change back ---- */

void entity_change_free(struct entity_change *c)
{
	for (int i = 0; c->def && i < c->def->nfields; i++)
		free(c->was[i]);
	free(c->was);
	free(c->saved_at);
	memset(c, 0, sizeof *c);
}

void entity_change_set(struct entity_change *c, const struct record *before,
		       const struct record *after)
{
	entity_change_free(c);
	const struct entity_def *def = after->def;
	char **was = xcalloc((size_t)def->nfields, sizeof *was);
	bool any = false;
	for (int i = 0; i < def->nfields; i++)
		if (strcmp(record_get(before, i), record_get(after, i)) != 0) {
			was[i] = xstrdup(record_get(before, i));
			any = true;
		}
	if (!any) {
		free(was); /* nothing to take back */
		return;
	}
	c->def = def;
	c->was = was;
	snprintf(c->id, sizeof c->id, "%s", after->id);
	c->saved_at = xstrdup(after->updated_at ? after->updated_at : "");
}

int entity_revert(struct store *st, const struct entity_change *c, struct kerr *err)
{
	struct record *rec = NULL;
	int status = store_begin(st, err);
	if (status != K_OK)
		return status;
	status = load_row(st, c->def, c->id, &rec, err);
	if (status == K_OK && strcmp(rec->updated_at, c->saved_at) != 0)
		status = kerr_set(err, K_CONFLICT, "",
				  "this %s was changed again since; open it to correct it by hand",
				  c->def->name);
	for (int i = 0; status == K_OK && i < c->def->nfields; i++)
		if (c->was[i])
			record_set(rec, i, c->was[i]);
	if (status == K_OK)
		status = update(st, rec, c->was, err);
	record_free(rec);
	return store_finish(st, status, err);
}

/* ---- tombstone ---- */

int entity_delete(struct store *st, const struct entity_def *def, const char *id, struct kerr *err)
{
	kerr_clear(err);
	struct strbuf sql = STRBUF_INIT;
	strbuf_printf(&sql,
		      "UPDATE %s AS t SET deleted_at = ?1, updated_at = ?1, updated_by = ?2 "
		      "WHERE t.id = ?3 AND t.deleted_at IS NULL",
		      def->table);
	add_scope(def, &sql);
	int status = entity_may_write(st, def, err);
	if (status == K_OK)
		status = store_begin(st, err);
	sqlite3_stmt *stmt = NULL;
	if (status != K_OK) {
		strbuf_free(&sql);
		return status;
	}
	struct record *old = NULL;
	if (load_row(st, def, id, &old, NULL) == K_OK)
		status = entity_may_touch(st, old, err);
	if (status != K_OK) {
		record_free(old);
		strbuf_free(&sql);
		return store_finish(st, status, err);
	}
	status = store_prepare(st, strbuf_str(&sql), &stmt, err);
	strbuf_free(&sql);
	if (status != K_OK)
		return store_finish(st, status, err);
	char now[STAMP_LEN];
	date_stamp(now);
	sqlite3_bind_text(stmt, 1, now, -1, SQLITE_STATIC);
	if (store_actor(st))
		sqlite3_bind_text(stmt, 2, store_actor(st), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 3, id, -1, SQLITE_STATIC);
	status = step_done(st, stmt, err);
	sqlite3_finalize(stmt);
	if (status == K_OK && sqlite3_changes(store_db(st)) != 1)
		status = deleted_message(st, def, id, err);
	if (status == K_OK)
		status = audit_change(st, "delete", NULL, old, err);
	record_free(old);
	return store_finish(st, status, err);
}

/* ---- resolving what someone typed to an id ---- */

/* Runs a query returning ids; 1 row -> out, 0 -> K_NOT_FOUND, 2 -> K_AMBIGUOUS (no message). */
static int unique_id(struct store *st, sqlite3_stmt *stmt, char out[ID_LEN], struct kerr *err)
{
	int found = 0, rc;
	while (found < 2 && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (found++ == 0)
			snprintf(out, ID_LEN, "%s", (const char *)sqlite3_column_text(stmt, 0));
	}
	if (found < 2 && rc != SQLITE_DONE)
		return store_error(st, rc, err);
	return found == 1 ? K_OK : found == 0 ? K_NOT_FOUND : K_AMBIGUOUS;
}

/* The live record whose id starts with text (the whole id, or its start: then only among the
 * records the reader may see, so that no one is found by trying the starts of ids). */
static int resolve_by_id(struct store *st, const struct entity_def *def, const char *text,
			 bool start, char out[ID_LEN], struct kerr *err)
{
	struct strbuf sql = STRBUF_INIT;
	/* a whole id by equality, which its unique index answers whatever else the scope asks
	 * (a group's category has an index of its own, which a range lets the planner take) */
	strbuf_printf(&sql, "SELECT t.id FROM %s t WHERE %s AND t.deleted_at IS NULL", def->table,
		      start ? "t.id >= ?1 AND t.id < ?2" : "t.id = ?1 AND ?2 <> ''");
	add_scope(def, &sql);
	if (start)
		entity_visible(st, def, "t", &sql);
	strbuf_puts(&sql, " LIMIT 2");
	sqlite3_stmt *stmt = NULL;
	/* a whole id's lookup is the same for every reader: cached, as an import makes one a
	 * line */
	int status = start ? store_prepare(st, strbuf_str(&sql), &stmt, err)
			   : store_cached(st, strbuf_str(&sql), &stmt, err);
	strbuf_free(&sql);
	if (status != K_OK)
		return status;
	/* every id starting with text sorts in [text, text + '~'): ids are hex and dashes */
	char *upper = xasprintf("%s~", text);
	sqlite3_bind_text(stmt, 1, text, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, upper, -1, SQLITE_STATIC);
	status = unique_id(st, stmt, out, err);
	if (start)
		sqlite3_finalize(stmt);
	else
		sqlite3_reset(stmt), sqlite3_clear_bindings(stmt);
	free(upper);
	return status;
}

/* Every live id of def (in its scope) into the import's memo, each the answer resolve_by_id
 * gives it: a whole id's lookup is the same for every reader. */
static int read_ids(struct store *st, const struct entity_def *def, struct kerr *err)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_printf(&sql, "SELECT t.id FROM %s t WHERE t.deleted_at IS NULL", def->table);
	add_scope(def, &sql);
	/* at most as many as its last rowid, told at once: the memo grows once rather than
	 * doubling through */
	char *last = xasprintf("SELECT coalesce(max(rowid), 0) FROM %s", def->table);
	long long n = 0;
	int status = store_query_int(st, last, &n, err), rc = SQLITE_DONE;
	free(last);
	entity_memo_expect(st, n > 0 ? (size_t)n : 0);
	sqlite3_stmt *stmt = NULL;
	if (status == K_OK)
		status = store_prepare(st, strbuf_str(&sql), &stmt, err);
	strbuf_free(&sql);
	while (status == K_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(stmt, 0);
		entity_memo_keep(st, def->kind, id, K_OK, id, NULL);
	}
	if (status == K_OK && rc != SQLITE_DONE)
		status = store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

/* The live rows whose name is text (case ignored), or, pass 1, for entities with a search
 * index, the rows holding every word of text whole (accents ignored: "zoe clarke" finds Zoë
 * Clarke). */
/* The first pass's condition for every name at once: each visible row's id and name, into
 * the import's memo. */
static int read_names(struct store *st, const struct entity_def *def, struct kerr *err)
{
	char *display = entity_sql_alias(def->display, "t");
	struct strbuf sql = STRBUF_INIT;
	strbuf_printf(&sql, "SELECT t.id, (%s) FROM %s t WHERE t.deleted_at IS NULL", display,
		      def->table);
	add_scope(def, &sql);
	entity_visible(st, def, "t", &sql);
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st, strbuf_str(&sql), &stmt, err), rc = SQLITE_DONE;
	strbuf_free(&sql);
	free(display);
	while (status == K_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW)
		if (sqlite3_column_type(stmt, 1) != SQLITE_NULL) /* NULL = ?1 is never true */
			entity_memo_name_add(st, def->kind,
					     (const char *)sqlite3_column_text(stmt, 1),
					     (const char *)sqlite3_column_text(stmt, 0));
	if (status == K_OK && rc != SQLITE_DONE)
		status = store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

/* The first pass from the memo's every name, once an import has asked for many: the same
 * answer as the query below, which scans the table when the name is worked out. -1: not
 * answered from there. */
static int by_name_in_memo(struct store *st, const struct entity_def *def, const char *text,
			   char out[ID_LEN], struct kerr *err)
{
	if (entity_memo_names_due(st, def->kind)) {
		int status = read_names(st, def, err);
		if (status != K_OK)
			return status;
	}
	int found = entity_memo_name_find(st, def->kind, text, out);
	return found < 0 ? -1 : found == 0 ? K_NOT_FOUND : found == 1 ? K_OK : K_AMBIGUOUS;
}

static int resolve_by_name(struct store *st, const struct entity_def *def, const char *text,
			   int pass, char out[ID_LEN], struct kerr *err)
{
	int known = pass == 0 ? by_name_in_memo(st, def, text, out, err) : -1;
	if (known >= 0)
		return known;
	char *fts = has_fts(def) ? page_fts_query(text, false) : NULL;
	if (pass == 1 && !fts)
		return K_NOT_FOUND;
	char *display = entity_sql_alias(def->display, "t");
	struct strbuf sql = STRBUF_INIT;
	strbuf_printf(&sql, "SELECT t.id FROM %s t WHERE t.deleted_at IS NULL", def->table);
	if (pass == 0)
		strbuf_printf(&sql, " AND (%s) = ?1 COLLATE NOCASE", display);
	else
		strbuf_printf(&sql, " AND t.fts_rowid IN (SELECT rowid FROM %s WHERE %s MATCH ?1)",
			      def->fts, def->fts);
	add_scope(def, &sql);
	entity_visible(st, def, "t", &sql); /* nobody is found by a name they may not see */
	strbuf_puts(&sql, " LIMIT 2");
	sqlite3_stmt *stmt = NULL;
	/* cached (the text says whose view it is): an import names someone on every line */
	int status = store_cached(st, strbuf_str(&sql), &stmt, err);
	strbuf_free(&sql);
	if (status == K_OK) {
		sqlite3_bind_text(stmt, 1, pass == 0 ? text : fts, -1, SQLITE_STATIC);
		status = unique_id(st, stmt, out, err);
		sqlite3_reset(stmt), sqlite3_clear_bindings(stmt);
	}
	free(display);
	free(fts);
	return status;
}

/* What someone typed may be a whole id, a name, words of a name, or the start of an id, in
 * that order: "cafe" is the Cafe before it is an id that happens to start with those four
 * letters. */
static int resolve_text(struct store *st, const struct entity_def *def, const char *text,
			char out[ID_LEN], struct kerr *err)
{
	char *t = valid_trim(text);
	int status = K_NOT_FOUND;
	if (!*t) {
		free(t);
		return kerr_set(err, K_INVALID, "", "no %s given", def->name);
	}
	if (id_valid(t)) {
		status = entity_memo_ids_due(st, def->kind) ? read_ids(st, def, err) : K_OK;
		if (status == K_OK)
			status = resolve_by_id(st, def, t, false, out, err);
		if (status == K_NOT_FOUND)
			status = deleted_message(st, def, t,
						 err); /* says when, if it was deleted */
		free(t);
		return status;
	}
	for (int pass = 0; pass < 2 && status == K_NOT_FOUND; pass++)
		status = resolve_by_name(st, def, t, pass, out, err);
	if (status == K_NOT_FOUND && id_prefix_valid(t) && strlen(t) >= 4)
		status = resolve_by_id(st, def, t, true, out, err);
	if (status == K_NOT_FOUND)
		kerr_set(err, K_NOT_FOUND, "", "no %s matches '%.60s'", def->name, t);
	else if (status == K_AMBIGUOUS)
		kerr_set(err, K_AMBIGUOUS, "", "more than one %s matches '%.60s'; give its id",
			 def->name, t);
	free(t);
	return status;
}

int entity_resolve(struct store *st, const struct entity_def *def, const char *text,
		   char out[ID_LEN], struct kerr *err)
{
	int status = entity_may_read(st, def, err);
	if (status != K_OK || entity_memo_recall(st, def->kind, text, &status, out, err))
		return status;
	status = resolve_text(st, def, text, out, err);
	entity_memo_keep(st, def->kind, text, status, out, err);
	return status;
}

int entity_count(struct store *st, const struct entity_def *def, long long *out, struct kerr *err)
{
	*out = 0;
	int status = entity_may_read(st, def, err);
	if (status != K_OK)
		return status;
	struct strbuf sql = STRBUF_INIT;
	strbuf_printf(&sql, "SELECT count(*) FROM %s t WHERE t.deleted_at IS NULL", def->table);
	add_scope(def, &sql);
	entity_visible(st, def, "t", &sql);
	status = store_query_int(st, strbuf_str(&sql), out, err);
	strbuf_free(&sql);
	return status;
}

static int read_values(struct store *st, const char *sql, char ***out, struct kerr *err);

int entity_distinct(struct store *st, const struct entity_def *def, int field, char ***out,
		    struct kerr *err)
{
	*out = NULL;
	if (entity_may_read(st, def, err) != K_OK)
		return err ? err->status : K_REFUSED;
	struct strbuf sql = STRBUF_INIT;
	const char *col = def->fields[field].name;
	strbuf_printf(&sql,
		      "SELECT DISTINCT t.%s COLLATE NOCASE FROM %s t WHERE t.deleted_at "
		      "IS NULL AND t.%s <> ''",
		      col, def->table, col);
	add_scope(def, &sql);
	entity_visible(st, def, "t", &sql);
	strbuf_puts(&sql, " ORDER BY 1");
	int status = read_values(st, strbuf_str(&sql), out, err);
	strbuf_free(&sql);
	return status;
}

int entity_filter_values(struct store *st, const struct entity_def *def, int filter, char ***out,
			 struct kerr *err)
{
	*out = NULL;
	if (entity_may_read(st, def, err) != K_OK)
		return err ? err->status : K_REFUSED;
	if (filter < 0 || filter >= def->nfilters || !def->filters[filter].values)
		return kerr_set(err, K_INVALID, "filter", "that filter takes no value");
	struct strbuf rows = STRBUF_INIT, sql = STRBUF_INIT;
	add_scope(def, &rows);
	entity_visible(st, def, "t", &rows);
	strbuf_printf(&sql, def->filters[filter].values, strbuf_str(&rows));
	int status = read_values(st, strbuf_str(&sql), out, err);
	strbuf_free(&rows);
	strbuf_free(&sql);
	return status;
}

/* The first column of sql's rows, NULL-terminated, into *out. */
static int read_values(struct store *st, const char *sql, char ***out, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	*out = NULL;
	int status = store_prepare(st, sql, &stmt, err);
	if (status != K_OK)
		return status;
	size_t n = 0, cap = 0;
	char **values = xgrow(NULL, 0, &cap, sizeof *values);
	values[0] = NULL;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		values = xgrow(values, n + 1, &cap, sizeof *values); /* and its NULL */
		values[n++] = xstrdup((const char *)sqlite3_column_text(stmt, 0));
		values[n] = NULL;
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE) {
		entity_values_free(values);
		return store_error(st, rc, err);
	}
	*out = values;
	return K_OK;
}

void entity_values_free(char **values)
{
	if (!values)
		return;
	for (char **p = values; *p; p++)
		free(*p);
	free(values);
}
