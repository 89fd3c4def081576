/* Memberships: joining and leaving groups, and listing who belongs where. */
#include "auth.h"
#include "membership.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asset.h"
#include "date.h"
#include "entity.h"
#include "entity_impl.h"
#include "link.h"
#include "person.h"
#include "store.h"
#include "strbuf.h"
#include "xalloc.h"

const char *const membership_roles[] = {"member", "organiser", "volunteer", "champion", NULL};

static const struct link_def membership = {
	"membership", "asset_id", "person_id", {"role", "since"}, "a member of that group"};

int membership_role_check(const char *role, struct kerr *err)
{
	for (const char *const *r = membership_roles; *r; r++)
		if (strcmp(*r, role) == 0)
			return K_OK;
	return kerr_set(err, K_INVALID, "role",
			"role: '%.20s' is not member, organiser, volunteer or champion", role);
}

/* The group and person someone typed, and the right to touch the person. */
static int resolve_pair(struct store *st, const char *group, const char *person, char gid[ID_LEN],
			char pid[ID_LEN], struct kerr *err)
{
	int status = entity_resolve(st, &group_entity, group, gid, err);
	if (status == K_OK)
		status = entity_resolve(st, &person_entity, person, pid, err);
	if (status == K_OK)
		status = auth_require(st, AUTH_RECORDS, err);
	if (status == K_OK)
		status = entity_may_touch_person(st, pid, err);
	return status;
}

/* Joining (or, not joining, changing a member's role): one transaction. Someone who
 * belongs already and joins in a role takes that role. */
static int write_member(struct store *st, const char *group, const char *person, const char *role,
			const char *since, bool joining, struct kerr *err)
{
	char gid[ID_LEN], pid[ID_LEN], day[DATE_LEN] = "";
	const char *extra[LINK_EXTRA] = {role && *role ? role : "member", day};
	int status = membership_role_check(extra[0], err);
	if (status == K_OK && joining)
		status = date_parse(since && *since ? since : "today", day, "since", err);
	if (status == K_OK)
		status = store_begin(st, err);
	if (status != K_OK)
		return status;
	status = resolve_pair(st, group, person, gid, pid, err);
	if (status == K_OK && joining)
		status = link_add(st, &membership, gid, pid, extra, err);
	if ((status == K_OK && !joining) || (status == K_DUPLICATE && joining && role && *role))
		status = link_set(st, &membership, gid, pid, 0, extra[0], err);
	return store_finish(st, status, err);
}

int membership_join(struct store *st, const char *group, const char *person, const char *role,
		    const char *since, struct kerr *err)
{
	return write_member(st, group, person, role, since, true, err);
}

int membership_set_role(struct store *st, const char *group, const char *person, const char *role,
			struct kerr *err)
{
	return write_member(st, group, person, role, NULL, false, err);
}

int membership_leave(struct store *st, const char *group, const char *person, struct kerr *err)
{
	char gid[ID_LEN], pid[ID_LEN];
	int status = entity_resolve(st, &group_entity, group, gid, err);
	if (status == K_OK)
		status = entity_resolve(st, &person_entity, person, pid, err);
	if (status == K_OK)
		status = link_remove(st, &membership, gid, pid, err);
	return status;
}

static int read_list(struct store *st, sqlite3_stmt *stmt, struct member_list *out,
		     struct kerr *err)
{
	int rc;
	size_t cap = 0;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		out->item = xgrow(out->item, (size_t)out->n, &cap, sizeof *out->item);
		struct member *m = &out->item[out->n++];
		snprintf(m->group_id, sizeof m->group_id, "%s", sqlite3_column_text(stmt, 0));
		snprintf(m->person_id, sizeof m->person_id, "%s", sqlite3_column_text(stmt, 1));
		m->name = xstrdup((const char *)sqlite3_column_text(stmt, 2));
		m->role = xstrdup((const char *)sqlite3_column_text(stmt, 3));
		const unsigned char *since = sqlite3_column_text(stmt, 4);
		m->since = xstrdup(since ? (const char *)since : "");
		out->total = sqlite3_column_int64(stmt, 5);
	}
	return rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
}

static int run_list(struct store *st, const char *sql, const char *id, int limit,
		    struct member_list *out, struct kerr *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st, sql, &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 2, limit);
	status = read_list(st, stmt, out, err);
	sqlite3_finalize(stmt);
	if (status != K_OK)
		membership_list_free(out);
	return status;
}

int membership_members(struct store *st, const char *group_id, int limit, struct member_list *out,
		       struct kerr *err)
{
	memset(out, 0, sizeof *out);
	int status = auth_require(st, AUTH_RECORDS, err);
	if (status != K_OK)
		return status;
	char *display = entity_sql_alias(person_entity.display, "p");
	struct strbuf sql = STRBUF_INIT;
	strbuf_printf(&sql,
		      "SELECT m.asset_id, m.person_id, %s, m.role, m.since, count(*) OVER () "
		      "FROM membership m JOIN person p ON p.id = m.person_id "
		      "WHERE m.asset_id = ?1 AND m.deleted_at IS NULL AND p.deleted_at IS NULL",
		      display);
	entity_visible(st, &person_entity, "p", &sql);
	strbuf_puts(&sql, " ORDER BY p.family_name = '', p.family_name COLLATE NOCASE, "
			  "p.given_name COLLATE NOCASE "
			  "LIMIT ?2");
	status = run_list(st, strbuf_str(&sql), group_id, limit, out, err);
	strbuf_free(&sql);
	free(display);
	return status;
}

int membership_groups(struct store *st, const char *person_id, struct member_list *out,
		      struct kerr *err)
{
	memset(out, 0, sizeof *out);
	int status = auth_require(st, AUTH_RECORDS, err);
	if (status == K_OK)
		status = entity_may_touch_person(st, person_id, err);
	if (status != K_OK)
		return status;
	/* a person belongs to a handful of groups: no limit is needed */
	return run_list(st,
			"SELECT m.asset_id, m.person_id, a.name, m.role, m.since, count(*) OVER () "
			"FROM membership m JOIN asset a ON a.id = m.asset_id "
			"WHERE m.person_id = ?1 AND m.deleted_at IS NULL AND a.deleted_at IS NULL "
			"ORDER BY a.name COLLATE NOCASE LIMIT ?2",
			person_id, -1, out, err);
}

void membership_list_free(struct member_list *list)
{
	for (int i = 0; i < list->n; i++) {
		free(list->item[i].name);
		free(list->item[i].role);
		free(list->item[i].since);
	}
	free(list->item);
	memset(list, 0, sizeof *list);
}
