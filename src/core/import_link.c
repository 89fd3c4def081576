/* Many pairs joined in one import. kind->join, as the forms do, runs a transaction, checks the
 * reader's rights, resolves both sides and writes an audit row for every pair; an import does
 * all of that once (one transaction, its sides resolved where it reads them, one audit row
 * for the whole file), so here a line is its values checked, the person's restriction, and
 * what join's statement does, prepared once. That statement inserts or revives a tombstone in
 * one (ON CONFLICT DO UPDATE), which makes sqlite ready every insert to be an update too (its
 * triggers, a statement journal): half a join's cost. Here a pair is inserted unless it is
 * there (link_insert_sql), and only a pair that was there is revived (link_revive_sql). */
#include "import_link.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "date.h"
#include "entity.h"

int import_link_begin(struct store *st, struct import_link *l, const struct link_kind *kind,
		      struct kerr *err)
{
	*l = (struct import_link){
		.kind = kind,
		.def = {kind->table, kind->a, kind->b, {kind->extra[0], kind->extra[1]}, NULL},
		.person = strcmp(kind->a, "person_id") == 0   ? 0
			  : strcmp(kind->b, "person_id") == 0 ? 1
							      : -1,
	};
	while (l->nextra < LINK_EXTRA && kind->extra[l->nextra])
		l->nextra++;
	int status = auth_require(st, AUTH_RECORDS, err);
	char *add = link_insert_sql(&l->def), *revive = link_revive_sql(&l->def);
	char *set = kind->reset >= 0 ? link_set_sql(&l->def, kind->reset) : NULL;
	if (status == K_OK)
		status = store_prepare(st, add, &l->add, err);
	if (status == K_OK)
		status = store_prepare(st, revive, &l->revive, err);
	if (status == K_OK && set)
		status = store_prepare(st, set, &l->set, err);
	free(add), free(revive), free(set);
	return status;
}

/* Runs stmt for a and b: ?3 and on are values (NULL where empty). *changed: a row changed. */
static int put(struct store *st, sqlite3_stmt *stmt, const char *a, const char *b,
	       const char *const *values, int n, bool *changed, struct kerr *err)
{
	sqlite3_bind_text(stmt, 1, a, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, b, -1, SQLITE_STATIC);
	for (int i = 0; i < n; i++)
		if (values[i] && *values[i])
			sqlite3_bind_text(stmt, 3 + i, values[i], -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	int status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	*changed = status == K_OK && sqlite3_changes(store_db(st)) > 0;
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return status;
}

int import_link_row(struct store *st, struct import_link *l, const char *a, const char *b,
		    const char *const given[LINK_EXTRA], struct kerr *err)
{
	char v[LINK_EXTRA][LINK_VALUE], now[STAMP_LEN];
	int status = l->kind->values(given, v, err);
	if (status == K_OK && l->person >= 0)
		status = entity_may_touch_person(st, l->person ? b : a, err);
	if (status != K_OK)
		return status;
	date_stamp(now);
	const char *actor = store_actor(st);
	bool changed = false;
	const char *add[] = {now, actor, v[0], v[1]};
	status = put(st, l->add, a, b, add, 2 + l->nextra, &changed, err);
	if (status == K_OK && !changed)
		status = put(st, l->revive, a, b, add, 2 + l->nextra, &changed, err);
	if (status != K_OK || changed)
		return status;
	int r = l->kind->reset;
	if (r >= 0 && *given[r]) { /* joined so already: in the value given now */
		const char *set[] = {v[r], now, actor};
		status = put(st, l->set, a, b, set, 3, &changed, err);
	}
	return status == K_OK && !changed ? K_DUPLICATE : status;
}

void import_link_end(struct import_link *l)
{
	sqlite3_finalize(l->add);
	sqlite3_finalize(l->revive);
	sqlite3_finalize(l->set);
	*l = (struct import_link){0};
}
