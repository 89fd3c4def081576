/* The authorisation check. One table says which role each right needs; everything else
 * asks auth_require. Restricted people are a second, finer check: by person. */
#include "auth.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "store.h"
#include "strbuf.h"
#include "xalloc.h"

static const struct {
	enum role needs;
	const char *what;
} rights[AUTH_RIGHTS] = {
	[AUTH_RECORDS] = {ROLE_WORKER, "reading and recording people and assets"},
	[AUTH_REPORTS] = {ROLE_COORDINATOR, "the network report"},
	[AUTH_EXPORT] = {ROLE_COORDINATOR, "exporting in bulk"},
	[AUTH_IMPORT] = {ROLE_COORDINATOR, "importing in bulk"},
	[AUTH_TAGS] = {ROLE_COORDINATOR, "keeping the list of gifts, skills and passions"},
	[AUTH_AUDIT] = {ROLE_COORDINATOR, "the audit trail"},
	[AUTH_REVIEW] = {ROLE_COORDINATOR, "keeping a record past its review"},
	[AUTH_ERASE] = {ROLE_COORDINATOR, "erasing a person"},
	[AUTH_SUBJECT_ACCESS] = {ROLE_COORDINATOR, "a subject access export"},
	[AUTH_ACCOUNTS] = {ROLE_ADMIN, "managing accounts"},
	[AUTH_SETTINGS] = {ROLE_ADMIN, "changing settings"},
	[AUTH_CORRECT] = {ROLE_COORDINATOR, "correcting what someone else recorded"},
	[AUTH_TARGETS] = {ROLE_COORDINATOR, "setting targets"},
	[AUTH_PROGRAMME] = {ROLE_COORDINATOR, "keeping partnerships, funding and readiness"},
};

static const char *const names[] = {"", "worker", "coordinator", "admin"};

const char *auth_role_name(enum role role)
{
	return (unsigned)role <= ROLE_ADMIN ? names[role] : "";
}

int auth_role_parse(const char *text, enum role *out, struct kerr *err)
{
	for (int r = ROLE_WORKER; r <= ROLE_ADMIN; r++)
		if (text && strcmp(text, names[r]) == 0) {
			*out = (enum role)r;
			return K_OK;
		}
	return kerr_set(err, K_INVALID, "role",
			"role: '%s' is not a role (worker, coordinator "
			"or admin)",
			text ? text : "");
}

enum role auth_needs(enum auth_right right)
{
	return rights[right].needs;
}

int auth_require(struct store *st, enum auth_right right, struct kerr *err)
{
	enum role role = (enum role)store_role(st);
	if (role == ROLE_NONE) {
		bool any = true;
		struct kerr e;
		if (account_exists(st, &any, &e) == K_OK && !any)
			return K_OK; /* no accounts yet: the first admin is being made */
		return kerr_set(err, K_REFUSED, "", "this database has accounts: log in first");
	}
	if (role >= rights[right].needs)
		return K_OK;
	return kerr_set(err, K_REFUSED, "", "%s needs a%s %s's account; you are logged in as a %s",
			rights[right].what, rights[right].needs == ROLE_ADMIN ? "n" : "",
			names[rights[right].needs], names[role]);
}

bool auth_allows(struct store *st, enum auth_right right)
{
	return auth_require(st, right, NULL) == K_OK;
}

/* Whether the actor has recorded anything about the person (the audit knows). */
static bool recorded_by_actor(struct store *st, const char *person_id)
{
	const char *actor = store_actor(st);
	if (!actor || !person_id)
		return false;
	sqlite3_stmt *stmt = NULL;
	if (sqlite3_prepare_v2(store_db(st),
			       "SELECT 1 FROM audit WHERE person_id = ?1 AND worker_id = ?2 AND "
			       "action IN ('create', 'update') LIMIT 1",
			       -1, &stmt, NULL) != SQLITE_OK) {
		sqlite3_finalize(stmt);
		return false;
	}
	sqlite3_bind_text(stmt, 1, person_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, actor, -1, SQLITE_STATIC);
	bool found = sqlite3_step(stmt) == SQLITE_ROW;
	sqlite3_finalize(stmt);
	return found;
}

bool auth_sees_person(struct store *st, const char *person_id)
{
	enum role role = (enum role)store_role(st);
	if (role >= ROLE_COORDINATOR)
		return true;
	if (role == ROLE_NONE)
		return auth_allows(st, AUTH_RECORDS);
	return recorded_by_actor(st, person_id);
}

static void add_names(struct store *st, const char *sql, const char *person_id, struct strbuf *sb,
		      int *n)
{
	sqlite3_stmt *stmt = NULL;
	if (sqlite3_prepare_v2(store_db(st), sql, -1, &stmt, NULL) == SQLITE_OK) {
		if (person_id)
			sqlite3_bind_text(stmt, 1, person_id, -1, SQLITE_STATIC);
		while (sqlite3_step(stmt) == SQLITE_ROW) {
			strbuf_printf(sb, "%s%s", (*n)++ ? ", " : "", sqlite3_column_text(stmt, 0));
		}
	}
	sqlite3_finalize(stmt);
}

char *auth_whom_to_ask(struct store *st, const char *person_id)
{
	struct strbuf sb = STRBUF_INIT;
	int n = 0;
	add_names(st,
		  "SELECT DISTINCT CASE WHEN w.display_name <> '' THEN w.display_name ELSE "
		  "w.username END FROM audit a JOIN worker w ON w.id = a.worker_id WHERE "
		  "a.person_id = ?1 AND a.action IN ('create', 'update') AND w.deleted_at IS NULL "
		  "AND w.disabled = 0 LIMIT 3",
		  person_id, &sb, &n);
	if (n)
		strbuf_puts(&sb, " (who recorded them), or ");
	strbuf_puts(&sb, "a coordinator");
	struct strbuf who = STRBUF_INIT;
	int m = 0;
	add_names(st,
		  "SELECT CASE WHEN display_name <> '' THEN display_name ELSE username END FROM "
		  "worker WHERE role IN ('coordinator', 'admin') AND deleted_at IS NULL AND "
		  "disabled = 0 AND password_hash IS NOT NULL ORDER BY role = 'admin', username "
		  "LIMIT 2",
		  NULL, &who, &m);
	if (m)
		strbuf_printf(&sb, ": %s", strbuf_str(&who));
	strbuf_free(&who);
	return strbuf_take(&sb);
}

static void sees(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	struct store *st = sqlite3_user_data(ctx);
	const char *id = (const char *)sqlite3_value_text(argv[0]);
	sqlite3_result_int(ctx, auth_sees_person(st, id));
}

int auth_install(struct store *st, struct kerr *err)
{
	int rc = sqlite3_create_function(store_db(st), "kith_sees", 1,
					 SQLITE_UTF8 | SQLITE_DIRECTONLY, st, sees, NULL, NULL);
	return rc == SQLITE_OK ? K_OK : store_error(st, rc, err);
}
