/* Accounts in the database: adding, finding, listing, disabling, roles and passwords. */
#include "account.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account_impl.h"
#include "audit.h"
#include "date.h"
#include "store.h"
#include "utf8.h"
#include "valid.h"
#include "xalloc.h"

/* clang-format off */
#define COLUMNS "id, username, display_name, role, disabled, coalesce(last_login, ''), " \
		"coalesce(locked_until, '')"
/* clang-format on */

int account_exists(struct store *st, bool *out, struct kerr *err)
{
	long long n = 0;
	int status = store_query_int(st,
				     "SELECT EXISTS (SELECT 1 FROM worker WHERE deleted_at IS "
				     "NULL AND password_hash IS NOT NULL)",
				     &n, err);
	*out = n != 0;
	return status;
}

static void read_account(sqlite3_stmt *stmt, struct account *a)
{
	snprintf(a->id, sizeof a->id, "%s", sqlite3_column_text(stmt, 0));
	a->username = xstrdup((const char *)sqlite3_column_text(stmt, 1));
	a->display_name = xstrdup((const char *)sqlite3_column_text(stmt, 2));
	struct kerr err;
	a->role = ROLE_WORKER;
	auth_role_parse((const char *)sqlite3_column_text(stmt, 3), &a->role, &err);
	a->disabled = sqlite3_column_int(stmt, 4) != 0;
	a->last_login = xstrdup((const char *)sqlite3_column_text(stmt, 5));
	a->locked_until = xstrdup((const char *)sqlite3_column_text(stmt, 6));
}

void account_free(struct account *a)
{
	free(a->username), free(a->display_name), free(a->last_login), free(a->locked_until);
	memset(a, 0, sizeof *a);
}

static int find_by(struct store *st, const char *where, const char *value, struct account *out,
		   struct kerr *err)
{
	memset(out, 0, sizeof *out);
	char sql[200];
	snprintf(sql, sizeof sql, "SELECT " COLUMNS " FROM worker WHERE %s AND deleted_at IS NULL",
		 where);
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st, sql, &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, value, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		read_account(stmt, out);
	else if (rc == SQLITE_DONE)
		status = kerr_set(err, K_NOT_FOUND, "username", "no account is called %s", value);
	else
		status = store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

int account_find(struct store *st, const char *username, struct account *out, struct kerr *err)
{
	return find_by(st, "username = ?1", username, out, err);
}

int account_find_id(struct store *st, const char *id, struct account *out, struct kerr *err)
{
	return find_by(st, "id = ?1", id, out, err);
}

int account_list(struct store *st, struct account_list *out, struct kerr *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st,
				   "SELECT " COLUMNS " FROM worker WHERE deleted_at IS NULL "
				   "AND password_hash IS NOT NULL ORDER BY username",
				   &stmt, err);
	if (status != K_OK)
		return status;
	int rc;
	size_t cap = 0;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		out->item = xgrow(out->item, (size_t)out->n, &cap, sizeof *out->item);
		read_account(stmt, &out->item[out->n++]);
	}
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

void account_list_free(struct account_list *list)
{
	for (int i = 0; i < list->n; i++)
		account_free(&list->item[i]);
	free(list->item);
	memset(list, 0, sizeof *list);
}

/* ---- changes ---- */

static int username_ok(const char *name, struct kerr *err)
{
	size_t n = strlen(name);
	bool ok = n >= 1 && n <= 40;
	for (size_t i = 0; i < n && ok; i++)
		ok = (name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z') ||
		     (name[i] >= '0' && name[i] <= '9') || strchr("._-", name[i]);
	return ok ? K_OK
		  : kerr_set(err, K_INVALID, "username",
			     "username: 1 to 40 letters, digits, dots, "
			     "dashes or underscores");
}

/* The first account of a database: the trail's key is made with it. Never where the trail
 * says it had a key: those accounts were taken away outside kith, not yet made. */
static int first_account(struct store *st, struct kerr *err)
{
	long long had = 0;
	int status = store_query_int(st,
				     "SELECT EXISTS (SELECT 1 FROM audit WHERE action = "
				     "'setting' AND entity = 'audit' AND origin = '')",
				     &had, err);
	if (status == K_OK && had)
		return kerr_set(err, K_CORRUPT, "",
				"this database's accounts were removed outside "
				"kith: restore a backup");
	if (status == K_OK)
		account_trail_begin(st);
	return status;
}

/* What a new account must be before anything is written; *any says whether accounts exist. */
static int new_account_ok(struct store *st, const char *username, const char *display_name,
			  enum role role, const char *password, bool *any, struct kerr *err)
{
	int status = account_exists(st, any, err);
	if (status == K_OK && !*any && role != ROLE_ADMIN)
		return kerr_set(
			err, K_INVALID, "role",
			"role: the first account must be an admin, who then adds the others");
	if (status == K_OK && *any)
		status = auth_require(st, AUTH_ACCOUNTS, err);
	if (status == K_OK)
		status = username_ok(username, err);
	/* the name others see beside every change: nothing invisible in it, as in a person's */
	if (status == K_OK && valid_text(display_name, 100, false, "name", err) != K_OK)
		status = err ? err->status : K_INVALID;
	if (status != K_OK && err && !*err->field)
		snprintf(err->field, sizeof err->field, "display_name");
	if (status == K_OK)
		status = account_password_ok(username, password, err);
	struct account taken;
	if (status == K_OK && account_find(st, username, &taken, NULL) == K_OK) {
		account_free(&taken);
		status = kerr_set(err, K_DUPLICATE, "username", "username: %s is taken", username);
	}
	return status;
}

/* The account's row and its audit, inside the caller's transaction; first: the database's
 * first account, which makes the trail's key. */
static int insert_account(struct store *st, const char *id, const char *const *v,
			  const struct account_keyset *keys, bool first, struct kerr *err)
{
	const char *row[11] = {id, v[0], v[1], v[2], v[3], v[4], store_actor(st)};
	row[7] = keys->public_hex, row[8] = keys->secret_hex;
	row[9] = keys->trail_hex, row[10] = keys->vouch_hex;
	static const char insert[] =
		"INSERT INTO worker (id, username, display_name, role, password_hash, created_at, "
		"updated_at, updated_by, public_key, secret_key, trail_key, key_vouch) VALUES (?1, "
		"?2, ?3, ?4, ?5, ?6, ?6, ?7, ?8, ?9, ?10, ?11)";
	int status = store_run(st, insert, row, 11, err);
	if (status == K_OK)
		status = audit_record(st, "create", "worker", id, NULL,
				      "username,display_name,role,password", NULL, err);
	if (status == K_OK && keys->trail_hex) /* made with it, or given it by its maker */
		status = audit_key_held(st, id, first, err);
	return status;
}

int account_add(struct store *st, const char *username, const char *display_name, enum role role,
		const char *password, char *id_out, struct kerr *err)
{
	bool any = true;
	display_name = display_name ? display_name : "";
	int status = new_account_ok(st, username, display_name, role, password, &any, err);
	if (status != K_OK)
		return status;
	unsigned char unlock[KEYRING_KEY];
	char *hash = account_hash(st, password, unlock, err);
	if (!hash)
		return err ? err->status : K_IO;
	char id[ID_LEN], now[STAMP_LEN];
	id_new(id);
	date_stamp(now);
	status = store_begin(st, err);
	if (status == K_OK && !any)
		status = first_account(st, err);
	struct account_keyset keys = {0};
	if (status == K_OK)
		account_keys_make(st, id, unlock, &keys, NULL);
	sodium_memzero(unlock, sizeof unlock);
	const char *v[] = {username, display_name, auth_role_name(role), hash, now};
	if (status == K_OK)
		status = insert_account(st, id, v, &keys, !any, err);
	status = store_finish(st, status, err);
	account_keys_free(&keys);
	sodium_memzero(hash, strlen(hash));
	free(hash);
	if (status == K_OK && id_out)
		snprintf(id_out, ID_LEN, "%s", id);
	return status;
}

/* Whether changing a (to disabled, or to another role) would leave no admin to log in. */
static int last_admin(struct store *st, const struct account *a, struct kerr *err)
{
	long long admins = 0;
	int status = store_query_int(st,
				     "SELECT count(*) FROM worker WHERE role = 'admin' AND "
				     "disabled = 0 AND deleted_at IS NULL AND password_hash IS "
				     "NOT NULL",
				     &admins, err);
	if (status == K_OK && a->role == ROLE_ADMIN && !a->disabled && admins <= 1)
		return kerr_set(err, K_REFUSED, "", "%s is the last admin: add another admin first",
				a->username);
	return status;
}

/* Finds the account an admin is about to change. */
static int for_admin(struct store *st, const char *username, struct account *a, struct kerr *err)
{
	memset(a, 0, sizeof *a);
	int status = auth_require(st, AUTH_ACCOUNTS, err);
	if (status == K_OK)
		status = account_find(st, username, a, err);
	return status;
}

static int change(struct store *st, const struct account *a, const char *sql, const char *value,
		  const char *action, const char *fields, const char *detail, struct kerr *err)
{
	char now[STAMP_LEN];
	date_stamp(now);
	const char *v[] = {a->id, value, now, store_actor(st)};
	int status = store_begin(st, err);
	if (status == K_OK)
		status = store_run(st, sql, v, 4, err);
	if (status == K_OK)
		status = audit_record(st, action, "worker", a->id, NULL, fields, detail, err);
	return store_finish(st, status, err);
}

int account_disable(struct store *st, const char *username, bool disabled, struct kerr *err)
{
	struct account a;
	int status = for_admin(st, username, &a, err);
	if (status == K_OK && disabled)
		status = last_admin(st, &a, err);
	if (status == K_OK)
		status = change(st, &a,
				"UPDATE worker SET disabled = ?2, updated_at = ?3, updated_by "
				"= ?4 WHERE id = ?1",
				disabled ? "1" : "0", "update", "disabled",
				disabled ? "disabled" : "enabled", err);
	account_free(&a);
	return status;
}

int account_set_role(struct store *st, const char *username, enum role role, struct kerr *err)
{
	struct account a;
	int status = for_admin(st, username, &a, err);
	if (status == K_OK && role != ROLE_ADMIN)
		status = last_admin(st, &a, err);
	char detail[64];
	snprintf(detail, sizeof detail, "%s to %s", auth_role_name(a.role), auth_role_name(role));
	if (status == K_OK)
		status = change(st, &a,
				"UPDATE worker SET role = ?2, updated_at = ?3, updated_by = "
				"?4 WHERE id = ?1",
				auth_role_name(role), "role", "role", detail, err);
	account_free(&a);
	return status;
}

/* One's own new password keeps one's key pair (the secret key sealed anew for it), so that
 * the trail's key and one's drafts stay one's own. */
static int own_password(struct store *st, const struct account *a, const char *hash,
			const unsigned char unlock[KEYRING_KEY], struct kerr *err)
{
	if (!store_secret_key(st))
		return kerr_set(
			err, K_REFUSED, "",
			"your account's keys did not open at this "
			"login: an admin who holds the audit trail's key sets your password");
	char now[STAMP_LEN], *sealed = keyring_lock_secret(unlock, store_secret_key(st));
	date_stamp(now);
	const char *v[] = {a->id, hash, now, sealed};
	int status = store_begin(st, err);
	if (status == K_OK)
		status = store_run(st,
				   "UPDATE worker SET password_hash = ?2, failed_logins = 0, "
				   "locked_until = NULL, updated_at = ?3, updated_by = ?1, "
				   "secret_key = ?4 WHERE id = ?1",
				   v, 4, err);
	if (status == K_OK)
		status = audit_record(st, "update", "worker", a->id, NULL, "password", NULL, err);
	free(sealed);
	return store_finish(st, status, err);
}

/* Someone else's new password comes with a new key pair (their old secret key opened only
 * with the old password): vouched for and given the trail's key when this session holds
 * it. A session without the key may not reset one who holds it: the key would be lost to
 * them, and with the last holder, to everyone. */
static int their_password(struct store *st, const struct account *a, const char *hash,
			  const unsigned char unlock[KEYRING_KEY], struct kerr *err)
{
	bool holds = false;
	int status = account_holds_trail(st, a->id, &holds, err);
	if (status == K_OK && holds && !store_trail_key(st))
		return kerr_set(err, K_REFUSED, "",
				"%s holds the audit trail's key and you do "
				"not: an admin who holds it sets %s's password",
				a->username, a->username);
	struct account_keyset keys = {0};
	account_keys_make(st, a->id, unlock, &keys, NULL);
	char now[STAMP_LEN];
	date_stamp(now);
	const char *v[] = {
		a->id,           hash,           now,           store_actor(st), keys.public_hex,
		keys.secret_hex, keys.trail_hex, keys.vouch_hex};
	if (status == K_OK)
		status = store_begin(st, err);
	if (status == K_OK)
		status = store_run(st,
				   "UPDATE worker SET password_hash = ?2, failed_logins = 0, "
				   "locked_until = NULL, updated_at = ?3, updated_by = ?4, "
				   "public_key = ?5, secret_key = ?6, trail_key = ?7, key_vouch = "
				   "?8 WHERE id = ?1",
				   v, 8, err);
	if (status == K_OK)
		status = audit_record(st, "update", "worker", a->id, NULL, "password", NULL, err);
	if (status == K_OK && keys.trail_hex)
		status = audit_key_held(st, a->id, false, err);
	account_keys_free(&keys);
	return store_finish(st, status, err);
}

int account_set_password(struct store *st, const char *username, const char *password,
			 struct kerr *err)
{
	struct account a;
	int status = account_find(st, username, &a, err);
	bool own = status == K_OK && store_actor(st) && strcmp(a.id, store_actor(st)) == 0;
	if (status == K_OK && !own)
		status = auth_require(st, AUTH_ACCOUNTS, err);
	if (status == K_OK)
		status = account_password_ok(a.username, password, err);
	unsigned char unlock[KEYRING_KEY];
	char *hash = status == K_OK ? account_hash(st, password, unlock, err) : NULL;
	if (status == K_OK && !hash)
		status = err ? err->status : K_IO;
	if (status == K_OK)
		status = own ? own_password(st, &a, hash, unlock, err)
			     : their_password(st, &a, hash, unlock, err);
	sodium_memzero(unlock, sizeof unlock);
	if (hash) {
		sodium_memzero(hash, strlen(hash));
		free(hash);
	}
	account_free(&a);
	return status;
}
