/* The audit trail: writing rows into the chain, checking the chain, and the trail as a
 * read-only entity for lists. */
#include "audit.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "id.h"
#include "record.h"
#include "store.h"
#include "strbuf.h"
#include "xalloc.h"

/* ---- the chain ---- */

enum { H_SEQ, H_ID, H_WORKER, H_ACTION, H_ENTITY, H_RECORD, H_PERSON, H_FIELDS, H_DETAIL,
       H_WHEN, H_PREV, H_COUNT };

/* Each value as "length:text;" ("-;" for none), so that no two rows read alike. */
static void hash_row(const char *const v[H_COUNT], char out[2 * crypto_hash_sha256_BYTES + 1])
{
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < H_COUNT; i++)
		if (v[i])
			strbuf_printf(&sb, "%zu:%s;", strlen(v[i]), v[i]);
		else
			strbuf_puts(&sb, "-;");
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)strbuf_str(&sb), strlen(strbuf_str(&sb)));
	sodium_bin2hex(out, 2 * crypto_hash_sha256_BYTES + 1, h, sizeof h);
	strbuf_free(&sb);
}

static int last_row(struct store *st, long long *seq, char *hash, size_t n, char *when,
		    struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(st, "SELECT seq, hash, created_at FROM audit ORDER BY seq DESC "
				      "LIMIT 1", &stmt, err);
	if (status != K_OK)
		return status;
	int rc = sqlite3_step(stmt);
	*seq = 0;
	hash[0] = when[0] = '\0';
	if (rc == SQLITE_ROW) {
		*seq = sqlite3_column_int64(stmt, 0);
		snprintf(hash, n, "%s", sqlite3_column_text(stmt, 1));
		snprintf(when, STAMP_LEN, "%s", sqlite3_column_text(stmt, 2));
	}
	status = rc == SQLITE_ROW || rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	return status;
}

static int insert(struct store *st, const char *const v[H_COUNT], const char *hash,
		  struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(st,
				  "INSERT INTO audit (seq, id, worker_id, action, entity, record_id, "
				  "person_id, fields, detail, created_at, prev_hash, hash, updated_at, "
				  "updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
				  "?10, ?3)",
				  &stmt, err);
	if (status != K_OK)
		return status;
	for (int i = 0; i < H_COUNT; i++)
		if (v[i])
			sqlite3_bind_text(stmt, i + 1, v[i], -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, H_COUNT + 1, hash, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return status;
}

/* ---- the seal ---- */

#define HEX_MAC (2 * crypto_auth_hmacsha256_BYTES + 1)

static void mac_of(const unsigned char *key, long long seq, const char *hash, char out[HEX_MAC])
{
	char msg[128];
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	snprintf(msg, sizeof msg, "kith audit seal %lld:%s", seq, hash);
	crypto_auth_hmacsha256(mac, (const unsigned char *)msg, strlen(msg), key);
	sodium_bin2hex(out, HEX_MAC, mac, sizeof mac);
}

/* Whether the seal as it stands still vouches for the trail: made with the key, and the
 * row it names is the one it sealed (no seal yet: nothing to vouch for). */
static int seal_holds(struct store *st, const unsigned char *key, bool *holds,
		      struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(st, "SELECT s.seq, s.hash, s.mac, a.hash FROM audit_seal s LEFT "
				      "JOIN audit a ON a.seq = s.seq WHERE s.id = 1", &stmt, err);
	if (status != K_OK)
		return status;
	int rc = sqlite3_step(stmt);
	*holds = rc == SQLITE_DONE;
	if (rc == SQLITE_ROW) {
		char mac[HEX_MAC];
		const char *hash = (const char *)sqlite3_column_text(stmt, 1);
		const char *had = (const char *)sqlite3_column_text(stmt, 2);
		const char *row = (const char *)sqlite3_column_text(stmt, 3);
		mac_of(key, sqlite3_column_int64(stmt, 0), hash ? hash : "", mac);
		*holds = had && row && hash && strcmp(row, hash) == 0 &&
			 sodium_memcmp(mac, had, sizeof mac) == 0 && strlen(had) == HEX_MAC - 1;
	}
	status = rc == SQLITE_ROW || rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	return status;
}

/* Moves the seal to the row just written, when the session holds the trail's key and the
 * seal still holds: a seal that no longer matches the trail (cut, rebuilt, or sealed with
 * another key) stays where it is, so that audit_verify shows it rather than a later login
 * sealing over it. */
static int seal(struct store *st, long long seq, const char *hash, const char *when,
		struct kerr *err)
{
	const unsigned char *key = store_trail_key(st);
	if (!key)
		return K_OK; /* a failed login: the next sealed row will vouch for it */
	bool holds = false;
	int status = seal_holds(st, key, &holds, err);
	if (status != K_OK || !holds)
		return status;
	char mac[HEX_MAC];
	mac_of(key, seq, hash, mac);
	sqlite3_stmt *stmt = NULL;
	status = store_cached(st, "INSERT INTO audit_seal (id, seq, hash, mac, sealed_at) "
				      "VALUES (1, ?1, ?2, ?3, ?4) ON CONFLICT (id) DO UPDATE SET "
				      "seq = excluded.seq, hash = excluded.hash, mac = excluded.mac, "
				      "sealed_at = excluded.sealed_at", &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_int64(stmt, 1, seq);
	sqlite3_bind_text(stmt, 2, hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, mac, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 4, when, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	return status;
}

int audit_record_as(struct store *st, const char *worker_id, const char *action,
		    const char *entity, const char *record_id, const char *person_id,
		    const char *fields, const char *detail, struct kerr *err)
{
	int status = store_begin(st, err);
	if (status != K_OK)
		return status;
	long long seq;
	char prev[2 * crypto_hash_sha256_BYTES + 1], last[STAMP_LEN], when[STAMP_LEN];
	char seq_text[24], id[ID_LEN], hash[2 * crypto_hash_sha256_BYTES + 1];
	status = last_row(st, &seq, prev, sizeof prev, last, err);
	if (status == K_OK) {
		snprintf(seq_text, sizeof seq_text, "%lld", seq + 1);
		id_new(id);
		date_stamp_after(last[0] ? last : NULL, when); /* the trail's times never go back */
		const char *v[H_COUNT] = {
			[H_SEQ] = seq_text,	    [H_ID] = id,	 [H_WORKER] = worker_id,
			[H_ACTION] = action,	    [H_ENTITY] = entity ? entity : "",
			[H_RECORD] = record_id,	    [H_PERSON] = person_id,
			[H_FIELDS] = fields ? fields : "", [H_DETAIL] = detail ? detail : "",
			[H_WHEN] = when,	    [H_PREV] = prev,
		};
		hash_row(v, hash);
		status = insert(st, v, hash, err);
	}
	if (status == K_OK)
		status = seal(st, seq + 1, hash, when, err);
	return store_finish(st, status, err);
}

int audit_record(struct store *st, const char *action, const char *entity,
		 const char *record_id, const char *person_id, const char *fields,
		 const char *detail, struct kerr *err)
{
	return audit_record_as(st, store_actor(st), action, entity, record_id, person_id, fields,
			       detail, err);
}

const char *audit_person_of(const struct record *rec)
{
	if (rec->def->kind == ENTITY_PERSON)
		return rec->id[0] ? rec->id : NULL;
	int f = entity_field(rec->def, "person_id");
	return f >= 0 && *record_get(rec, f) ? record_get(rec, f) : NULL;
}

int audit_change(struct store *st, const char *action, const struct record *old,
		 const struct record *rec, struct kerr *err)
{
	struct strbuf names = STRBUF_INIT;
	for (int i = 0; i < rec->def->nfields && strcmp(action, "delete") != 0; i++) {
		const char *now = record_get(rec, i);
		if (old ? strcmp(now, record_get(old, i)) != 0 : *now != '\0')
			strbuf_printf(&names, "%s%s", names.len ? "," : "",
				      rec->def->fields[i].name);
	}
	int status = audit_record(st, action, rec->def->name, rec->id, audit_person_of(rec),
				  strbuf_str(&names), NULL, err);
	strbuf_free(&names);
	return status;
}

/* Walks the chain: how many rows follow from the start, and the hash of row at. */
static int walk(struct store *st, struct audit_check *out, long long at, char *at_hash,
		struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st,
				   "SELECT seq, id, worker_id, action, entity, record_id, person_id, "
				   "fields, detail, created_at, prev_hash, hash FROM audit ORDER BY seq",
				   &stmt, err);
	if (status != K_OK)
		return status;
	char before[2 * crypto_hash_sha256_BYTES + 1] = "", hash[2 * crypto_hash_sha256_BYTES + 1];
	long long expect = 1;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *v[H_COUNT];
		for (int i = 0; i < H_COUNT; i++)
			v[i] = (const char *)sqlite3_column_text(stmt, i);
		long long seq = sqlite3_column_int64(stmt, 0);
		hash_row(v, hash);
		const char *stored = (const char *)sqlite3_column_text(stmt, H_COUNT);
		if (seq != expect || strcmp(v[H_PREV] ? v[H_PREV] : "", before) != 0 || !stored ||
		    strcmp(hash, stored) != 0) {
			out->bad = seq != expect && seq > expect ? expect : seq;
			break;
		}
		snprintf(before, sizeof before, "%s", stored);
		if (seq == at)
			snprintf(at_hash, 2 * crypto_hash_sha256_BYTES + 1, "%s", stored);
		expect++;
		out->rows++;
	}
	if (!out->bad && rc != SQLITE_DONE)
		status = store_error(st, rc, err);
	sqlite3_finalize(stmt);
	if (status == K_OK && out->bad)
		status = kerr_set(err, K_CORRUPT, "", "the audit trail was changed outside kith at "
						     "row %lld: its chain of hashes breaks there",
				  out->bad);
	return status;
}

struct seal_row {
	long long seq;
	char hash[2 * crypto_hash_sha256_BYTES + 1], mac[HEX_MAC];
	bool present;
	bool expected; /* the trail's key was ever made here, so a seal must exist */
};

static int read_seal(struct store *st, struct seal_row *s, struct kerr *err)
{
	memset(s, 0, sizeof *s);
	sqlite3_stmt *stmt = NULL;
	/* a password hash in kith's form was made at a login or by an account's creation, each
	 * of which holds or makes the trail's key: from then on there is a seal */
	int status = store_prepare(st, "SELECT seq, hash, mac, EXISTS (SELECT 1 FROM worker WHERE "
				       "trail_key IS NOT NULL OR password_hash LIKE '$kith1$%') OR "
				       "EXISTS (SELECT 1 FROM audit WHERE action = 'setting' AND "
				       "entity = 'audit') FROM (SELECT 1) LEFT JOIN audit_seal ON "
				       "id = 1", &stmt, err);
	if (status != K_OK)
		return status;
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		s->present = sqlite3_column_type(stmt, 0) != SQLITE_NULL;
		s->seq = sqlite3_column_int64(stmt, 0);
		snprintf(s->hash, sizeof s->hash, "%s", s->present ? sqlite3_column_text(stmt, 1)
								   : (const unsigned char *)"");
		snprintf(s->mac, sizeof s->mac, "%s", s->present ? sqlite3_column_text(stmt, 2)
								 : (const unsigned char *)"");
		s->expected = sqlite3_column_int(stmt, 3) != 0;
	}
	status = rc == SQLITE_ROW ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

/* The seal against the chain: a trail cut short of it, a row that is not the one sealed,
 * a seal not made with the trail's key (only a holder of the key can tell), none at all. */
static int check_seal(struct store *st, const struct seal_row *s, const char *sealed_hash,
		      struct audit_check *out, struct kerr *err)
{
	const unsigned char *key = store_trail_key(st);
	out->keyed = key != NULL;
	out->sealed = s->present ? s->seq : 0;
	if (!s->present)
		return s->expected ? kerr_set(err, K_CORRUPT, "", "the audit trail's seal is "
					      "missing: rows may have been removed from its end")
				   : K_OK;
	if (key) {
		char mac[HEX_MAC];
		mac_of(key, s->seq, s->hash, mac);
		if (sodium_memcmp(mac, s->mac, sizeof mac) != 0)
			return kerr_set(err, K_CORRUPT, "", "the audit trail's seal was not made "
					"with its key: the trail was rebuilt, or its seal replaced");
	}
	if (s->seq > out->rows)
		return kerr_set(err, K_CORRUPT, "", "the audit trail was cut: it ends at row %lld, "
				"but kith sealed it at row %lld", out->rows, s->seq);
	if (strcmp(sealed_hash, s->hash) != 0)
		return kerr_set(err, K_CORRUPT, "", "the audit trail was cut or rebuilt: its row %lld "
				"is not the row kith sealed", s->seq);
	return K_OK;
}

/* The triggers that keep the trail append-only: a trail whose guard was taken away may
 * have been changed in ways no hash shows (kith check puts them back). */
static int check_guards(struct store *st, struct kerr *err)
{
	long long guards = 0;
	int status = store_query_int(st, "SELECT count(*) FROM sqlite_schema WHERE type = "
					 "'trigger' AND name IN ('audit_no_update', "
					 "'audit_no_delete') AND tbl_name = 'audit'", &guards, err);
	if (status == K_OK && guards != 2)
		status = kerr_set(err, K_CORRUPT, "", "the audit trail's guards against changes were "
				  "removed outside kith (kith check puts them back)");
	return status;
}

/* Keys taken from the accounts: without a password no one can put them back, so a trail
 * made to look as if it had never been sealed still shows. */
static int check_keys(struct store *st, const struct seal_row *s, struct kerr *err)
{
	long long stripped = 0, holders = 1;
	int status = store_query_int(st, "SELECT count(*) FROM worker WHERE deleted_at IS NULL AND "
					 "password_hash LIKE '$kith1$%' AND (public_key IS NULL OR "
					 "secret_key IS NULL)", &stripped, err);
	if (status == K_OK && s->expected)
		status = store_query_int(st, "SELECT count(*) FROM worker WHERE trail_key IS NOT "
						 "NULL", &holders, err);
	if (status == K_OK && stripped)
		status = kerr_set(err, K_CORRUPT, "", "the keys of %lld account%s were removed "
				  "outside kith", stripped, stripped == 1 ? "" : "s");
	else if (status == K_OK && !holders)
		status = kerr_set(err, K_CORRUPT, "", "no account holds the audit trail's key any "
				  "more: it was removed outside kith");
	return status;
}

int audit_verify(struct store *st, struct audit_check *out, struct kerr *err)
{
	memset(out, 0, sizeof *out);
	struct seal_row s;
	char sealed_hash[2 * crypto_hash_sha256_BYTES + 1] = "";
	int status = read_seal(st, &s, err);
	if (status == K_OK)
		status = walk(st, out, s.present ? s.seq : -1, sealed_hash, err);
	if (status == K_OK)
		status = check_seal(st, &s, sealed_hash, out, err);
	if (status == K_OK)
		status = check_keys(st, &s, err);
	if (status == K_OK)
		status = check_guards(st, err);
	return status;
}

/* ---- the trail as a read-only entity ---- */

static const char *const actions[] = {"create", "update", "delete", "view", "export", "import",
				      "login", "login_failed", "lock", "unlock", "role", "erase",
				      "backup", "restore", "setting", NULL};

static const struct field_def fields[AUDIT_NFIELDS] = {
	[AUDIT_SEQ] = {"seq", "Row", FIELD_INT, FIELD_AUTO, 0, 0, NULL, 0, NULL, 7, NULL},
	[AUDIT_WORKER] = {"worker_id", "Worker", FIELD_REF, FIELD_AUTO | FIELD_LISTED, 0, 0, NULL,
			  ENTITY_WORKER, NULL, 16, NULL},
	[AUDIT_ACTION] = {"action", "Action", FIELD_CHOICE, FIELD_AUTO | FIELD_LISTED, 0, 0,
			  actions, 0, NULL, 12, NULL},
	[AUDIT_ENTITY] = {"entity", "Of", FIELD_TEXT, FIELD_AUTO | FIELD_LISTED, 0, 0, NULL, 0,
			  NULL, 12, NULL},
	[AUDIT_RECORD] = {"record_id", "Record", FIELD_TEXT, FIELD_AUTO, 0, 0, NULL, 0, NULL, 10,
			  NULL},
	[AUDIT_PERSON] = {"person_id", "About", FIELD_REF, FIELD_AUTO | FIELD_LISTED, 0, 0, NULL,
			  ENTITY_PERSON, NULL, 20, NULL},
	[AUDIT_FIELDS] = {"fields", "Fields", FIELD_TEXT, FIELD_AUTO, 0, 0, NULL, 0, NULL, 20, NULL},
	[AUDIT_DETAIL] = {"detail", "Detail", FIELD_TEXT, FIELD_AUTO, 0, 0, NULL, 0, NULL, 20, NULL},
};

static const struct sort_def sorts[] = {
	{"recent", "newest first", {"t.seq", "t.id", NULL}, true},
};

static const struct filter_def filters[] = {
	{"views", "views of people", "t.action = 'view'"},
	{"changes", "changes", "t.action IN ('create', 'update', 'delete')"},
	{"logins", "logins and locks",
	 "t.action IN ('login', 'login_failed', 'lock', 'unlock')"},
	{"failed", "failed logins", "t.action = 'login_failed'"},
	{"exports", "exports and erasures", "t.action IN ('export', 'erase')"},
	{"accounts", "accounts and settings", "t.action IN ('role', 'setting') OR t.entity = "
					       "'worker'"},
};

const struct entity_def audit_entity = {
	.kind = ENTITY_AUDIT,
	.name = "audit",
	.plural = "audit rows",
	.table = "audit",
	.fields = fields,
	.nfields = AUDIT_NFIELDS,
	.sorts = sorts,
	.nsorts = sizeof sorts / sizeof *sorts,
	.filters = filters,
	.nfilters = sizeof filters / sizeof *filters,
	.display = "@.action || ' ' || @.entity",
	.search = "t.action LIKE :like ESCAPE '\\' OR t.entity LIKE :like ESCAPE '\\' OR "
		  "t.detail LIKE :like ESCAPE '\\'",
	.scope_field = -1,
	.read_only = true,
};
