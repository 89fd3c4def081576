/* Natural keys two laptops took at once: the same username, a tag of the same kind and name,
 * a second target for one measure and worker, one Open Referral service twice. Ids never
 * collide, but these unique indexes would refuse the hub's row. Whichever order the rows
 * come in, the row with the smaller id keeps the key and the other is changed here ("sam" to
 * "sam-2", "Cooking" to "Cooking (2)", the later target ended, the Open Referral id cleared),
 * and the change goes into the outbox, so that the hub and every laptop end the same. */
#include "syncdb.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "jsonr.h"
#include "store.h"
#include "strbuf.h"
#include "syncdb_impl.h"
#include "xalloc.h"

struct rule {
	const char *table;
	const char *match; /* the column of the natural key bound as ?1 */
	const char *extra; /* its second column, bound as ?3, or NULL */
	const char *fix;   /* the column changed on the row that gives way */
	const char *find;  /* a live row here holding it (?1, the row's id ?2, ?3): its id, value */
	const char *taken; /* whether a new value ?1 (?3 the second column) is taken */
	const char *form;  /* the new value: printf of the old and a number from 2 */
};

/* clang-format off */
static const struct rule RULES[] = {
	{"worker", "username", NULL, "username",
	 "SELECT id, username FROM worker WHERE username = ?1 AND deleted_at IS NULL AND id <> ?2",
	 "SELECT 1 FROM worker WHERE username = ?1 AND deleted_at IS NULL", "%s-%d"},
	{"tag", "name", "kind", "name",
	 "SELECT id, name FROM tag WHERE name = ?1 AND kind = ?3 AND deleted_at IS NULL AND id <> ?2",
	 "SELECT 1 FROM tag WHERE name = ?1 AND kind = ?3 AND deleted_at IS NULL", "%s (%d)"},
	{"target", "measure", "worker_id", "deleted_at",
	 "SELECT id, measure FROM target WHERE measure = ?1 AND coalesce(worker_id, '') = coalesce(?3, '') "
	 "AND deleted_at IS NULL AND id <> ?2", NULL, NULL},
	{"asset", "hsds_id", NULL, "hsds_id",
	 "SELECT id, hsds_id FROM asset WHERE hsds_id = ?1 AND ?1 <> '' AND id <> ?2", NULL, NULL},
};
/* clang-format on */

static const struct jsonr *value_of(const struct syncdb_cols *cols, const struct jsonr *const *jv,
				    const char *name)
{
	for (int i = 0; i < cols->n; i++)
		if (strcmp(cols->name[i], name) == 0)
			return jv[i];
	return NULL;
}

static const char *text_of(const struct jsonr *v)
{
	return v && v->type == JSONR_STRING ? v->text : NULL;
}

/* The first free value of the rule's form (for a target: ended now; an Open Referral id:
 * cleared). Caller frees. */
static int new_value(struct store *st, const struct rule *r, const char *old, const char *extra,
		     char **out, struct kerr *err)
{
	*out = NULL;
	if (!r->form) {
		char now[STAMP_LEN];
		date_stamp(now);
		*out = xstrdup(strcmp(r->fix, "deleted_at") == 0 ? now : "");
		return K_OK;
	}
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st, r->taken, &stmt, err);
	for (int k = 2; status == K_OK && !*out; k++) {
		char *candidate = xasprintf(r->form, old, k);
		sqlite3_reset(stmt);
		sqlite3_bind_text(stmt, 1, candidate, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(stmt, 3, extra, -1, SQLITE_TRANSIENT);
		int rc = sqlite3_step(stmt);
		if (rc == SQLITE_DONE)
			*out = candidate;
		else
			free(candidate);
		if (rc != SQLITE_DONE && rc != SQLITE_ROW)
			status = store_error(st, rc, err);
	}
	sqlite3_finalize(stmt);
	return status;
}

/* The live row here holding the key, if any (*holder "" when none), and its own spelling of
 * it (*had, to be freed). */
static int holder_of(struct store *st, const struct rule *r, const char *match, const char *id,
		     const char *extra, char holder[40], char **had, struct kerr *err)
{
	*had = NULL;
	sqlite3_stmt *stmt = NULL;
	holder[0] = '\0';
	int status = store_prepare(st, r->find, &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, match, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, id, -1, SQLITE_STATIC);
	if (r->extra)
		sqlite3_bind_text(stmt, 3, extra, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		snprintf(holder, 40, "%s", (const char *)sqlite3_column_text(stmt, 0));
		*had = xstrdup((const char *)sqlite3_column_text(stmt, 1));
	}
	status = rc == SQLITE_ROW || rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

/* The row here gives way: changed, and the change put in the outbox. */
static int change_here(struct store *st, const struct rule *r, const char *holder,
		       const char *match, const char *extra, struct kerr *err)
{
	char *value = NULL;
	int status = new_value(st, r, match, extra, &value, err);
	struct strbuf sql = STRBUF_INIT;
	strbuf_printf(&sql,
		      "INSERT INTO sync_outbox (tbl, key, cols, old) SELECT '%s', id, '%s', "
		      "',%s=' || quote(%s) FROM %s WHERE id = ?1",
		      r->table, r->fix, r->fix, r->fix, r->table);
	const char *v[] = {holder, value};
	if (status == K_OK)
		status = store_run(st, strbuf_str(&sql), v, 1, err);
	strbuf_reset(&sql);
	strbuf_printf(&sql, "UPDATE %s SET %s = ?2 WHERE id = ?1", r->table, r->fix);
	if (status == K_OK)
		status = store_run(st, strbuf_str(&sql), v, 2, err);
	strbuf_free(&sql);
	free(value);
	return status;
}

int syncdb_settle(struct store *st, const struct syncdb_table *t, const struct syncdb_cols *cols,
		  const struct jsonr *const *jv, int *col, char **value, struct kerr *err)
{
	*col = -1;
	*value = NULL;
	const struct rule *r = NULL;
	for (size_t i = 0; i < sizeof RULES / sizeof *RULES; i++)
		if (strcmp(RULES[i].table, t->name) == 0)
			r = &RULES[i];
	const struct jsonr *dead = r ? value_of(cols, jv, "deleted_at") : NULL;
	const char *match = r ? text_of(value_of(cols, jv, r->match)) : NULL;
	const char *id = text_of(value_of(cols, jv, "id"));
	const char *extra = r && r->extra ? text_of(value_of(cols, jv, r->extra)) : NULL;
	/* a tombstone holds no natural key (an Open Referral id it does) */
	if (!r || !match || !id || (dead && dead->type != JSONR_NULL && r->form))
		return K_OK;
	char holder[40];
	char *had = NULL;
	int status = holder_of(st, r, match, id, extra, holder, &had, err);
	if (status != K_OK || !holder[0]) {
		free(had);
		return status;
	}
	if (strcmp(id, holder) < 0) { /* the incoming row keeps it */
		*col = -2;
		status = change_here(st, r, holder, had ? had : match, extra, err);
		free(had);
		return status;
	}
	free(had);
	for (int i = 0; i < cols->n; i++)
		if (strcmp(cols->name[i], r->fix) == 0)
			*col = i;
	return *col < 0 ? K_OK : new_value(st, r, match, extra, value, err);
}

int syncdb_settled(struct store *st, const struct syncdb_table *t, const char *key, const char *col,
		   const struct jsonr *was, struct kerr *err)
{
	const char *v[] = {t->name, key, col, text_of(was)};
	return store_run(
		st,
		"INSERT INTO sync_outbox (tbl, key, cols, old) VALUES (?1, ?2, ?3, ',' || ?3 "
		"|| '=' || quote(?4))",
		v, 4, err);
}
