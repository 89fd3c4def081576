/* The audit trail: writing rows into the chain, checking the chain, and the trail as a
 * read-only entity for lists. */
#include "audit.h"
#include "audit_impl.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "id.h"
#include "keyring.h"
#include "record.h"
#include "store.h"
#include "strbuf.h"
#include "xalloc.h"

/* ---- the chain ---- */

void audit_hash_row(const char *const v[H_COUNT], char out[HASH_HEX])
{
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < H_COUNT; i++)
		if (v[i])
			strbuf_printf(&sb, "%zu:%s;", strlen(v[i]), v[i]);
		else
			strbuf_puts(&sb, "-;");
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)strbuf_str(&sb), strlen(strbuf_str(&sb)));
	sodium_bin2hex(out, HASH_HEX, h, sizeof h);
	strbuf_free(&sb);
}

void audit_seal_text(long long seq, const char *hash, char *out, size_t n)
{
	snprintf(out, n, "%lld:%s", seq, hash ? hash : "");
}

static int last_row(struct store *st, long long *seq, char *hash, size_t n, char *when,
		    struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(st,
				  "SELECT seq, hash, created_at FROM audit WHERE origin = '' "
				  "ORDER BY seq DESC LIMIT 1",
				  &stmt, err);
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

/* Inserts the row with its hash, and with its MAC when the session holds the trail's key. */
static int insert(struct store *st, const char *const v[H_COUNT], const char *hash,
		  struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(
		st,
		"INSERT INTO audit (seq, id, worker_id, action, entity, record_id, "
		"person_id, fields, detail, created_at, prev_hash, hash, mac, "
		"updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
		"?10, ?11, ?12, ?13, ?10, ?3)",
		&stmt, err);
	if (status != K_OK)
		return status;
	for (int i = 0; i < H_COUNT; i++)
		if (v[i])
			sqlite3_bind_text(stmt, i + 1, v[i], -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, H_COUNT + 1, hash, -1, SQLITE_STATIC);
	char mac[KEYRING_MAC_HEX];
	if (store_trail_key(st)) {
		keyring_mac(store_trail_key(st), MAC_ROW, hash, mac);
		sqlite3_bind_text(stmt, H_COUNT + 2, mac, -1, SQLITE_STATIC);
	}
	int rc = sqlite3_step(stmt);
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return status;
}

/* ---- the seal ---- */

/* Whether the seal as it stands still vouches for the trail: made with the key, and the
 * row it names is the one it sealed (no seal yet: nothing to vouch for). */
static int seal_holds(struct store *st, const unsigned char *key, bool *holds, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(st,
				  "SELECT s.seq, s.hash, s.mac, a.hash FROM audit_seal s LEFT "
				  "JOIN audit a ON a.origin = '' AND a.seq = s.seq WHERE s.id = 1",
				  &stmt, err);
	if (status != K_OK)
		return status;
	int rc = sqlite3_step(stmt);
	*holds = rc == SQLITE_DONE;
	if (rc == SQLITE_ROW) {
		char text[128];
		const char *hash = (const char *)sqlite3_column_text(stmt, 1);
		const char *row = (const char *)sqlite3_column_text(stmt, 3);
		audit_seal_text(sqlite3_column_int64(stmt, 0), hash, text, sizeof text);
		*holds = row && hash && strcmp(row, hash) == 0 &&
			 keyring_mac_ok(key, MAC_SEAL, text,
					(const char *)sqlite3_column_text(stmt, 2));
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
	char text[128], mac[KEYRING_MAC_HEX];
	audit_seal_text(seq, hash, text, sizeof text);
	keyring_mac(key, MAC_SEAL, text, mac);
	sqlite3_stmt *stmt = NULL;
	status = store_cached(st,
			      "INSERT INTO audit_seal (id, seq, hash, mac, sealed_at) "
			      "VALUES (1, ?1, ?2, ?3, ?4) ON CONFLICT (id) DO UPDATE SET "
			      "seq = excluded.seq, hash = excluded.hash, mac = excluded.mac, "
			      "sealed_at = excluded.sealed_at",
			      &stmt, err);
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

int audit_record_as(struct store *st, const char *worker_id, const char *action, const char *entity,
		    const char *record_id, const char *person_id, const char *fields,
		    const char *detail, struct kerr *err)
{
	int status = store_begin(st, err);
	if (status != K_OK)
		return status;
	long long seq;
	char prev[HASH_HEX], last[STAMP_LEN], when[STAMP_LEN];
	char seq_text[24], id[ID_LEN], hash[HASH_HEX];
	status = last_row(st, &seq, prev, sizeof prev, last, err);
	if (status == K_OK) {
		snprintf(seq_text, sizeof seq_text, "%lld", seq + 1);
		id_new(id);
		date_stamp_after(last[0] ? last : NULL, when); /* the trail's times never go back */
		const char *v[H_COUNT] = {
			[H_SEQ] = seq_text,
			[H_ID] = id,
			[H_WORKER] = worker_id,
			[H_ACTION] = action,
			[H_ENTITY] = entity ? entity : "",
			[H_RECORD] = record_id,
			[H_PERSON] = person_id,
			[H_FIELDS] = fields ? fields : "",
			[H_DETAIL] = detail ? detail : "",
			[H_WHEN] = when,
			[H_PREV] = prev,
		};
		audit_hash_row(v, hash);
		status = insert(st, v, hash, err);
	}
	/* a bulk write's rows are sealed by its last, written once it is no longer flat (the
	 * import's own row): the seal moves once, to where it would have moved row by row */
	if (status == K_OK && !store_is_flat(st))
		status = seal(st, seq + 1, hash, when, err);
	return store_finish(st, status, err);
}

int audit_record(struct store *st, const char *action, const char *entity, const char *record_id,
		 const char *person_id, const char *fields, const char *detail, struct kerr *err)
{
	return audit_record_as(st, store_actor(st), action, entity, record_id, person_id, fields,
			       detail, err);
}

int audit_key_held(struct store *st, const char *account_id, bool made, struct kerr *err)
{
	return audit_record(st, "setting", "audit", account_id, NULL, NULL,
			    made ? KEY_MADE : KEY_GIVEN, err);
}

const char *audit_person_of(const struct record *rec)
{
	if (rec->def->kind == ENTITY_PERSON)
		return rec->id[0] ? rec->id : NULL;
	int f = entity_field(rec->def, "person_id");
	return f >= 0 && *record_get(rec, f) ? record_get(rec, f) : NULL;
}

/* The names of the fields of rec that differ from old (that are set, when old is NULL). */
static void changed_names(const struct record *old, const struct record *rec, struct strbuf *out)
{
	for (int i = 0; i < rec->def->nfields; i++) {
		const char *now = record_get(rec, i);
		if (old ? strcmp(now, record_get(old, i)) != 0 : *now != '\0')
			strbuf_printf(out, "%s%s", out->len ? "," : "", rec->def->fields[i].name);
	}
}

int audit_change(struct store *st, const char *action, const struct record *old,
		 const struct record *rec, struct kerr *err)
{
	struct strbuf names = STRBUF_INIT;
	if (strcmp(action, "delete") != 0)
		changed_names(old, rec, &names);
	int status = audit_record(st, action, rec->def->name, rec->id, audit_person_of(rec),
				  strbuf_str(&names), NULL, err);
	strbuf_free(&names);
	return status;
}

/* Values short enough to read in the trail are said; a personal field or a long text only
 * by its name. Automatic fields follow the others and go unsaid. */
#define CORRECTION_VALUE_MAX 40

static void correction_note(const struct record *old, const struct record *rec, struct strbuf *out)
{
	const char *sep = " ";
	strbuf_puts(out, "correction:");
	for (int i = 0; i < rec->def->nfields; i++) {
		const struct field_def *f = &rec->def->fields[i];
		const char *was = record_get(old, i), *now = record_get(rec, i);
		if (strcmp(was, now) == 0 || (f->flags & FIELD_AUTO))
			continue;
		strbuf_printf(out, "%s%s", sep, f->name);
		sep = ", ";
		if (!(f->flags & FIELD_PERSONAL) && strlen(was) <= CORRECTION_VALUE_MAX &&
		    strlen(now) <= CORRECTION_VALUE_MAX)
			strbuf_printf(out, " %s → %s", *was ? was : "nothing",
				      *now ? now : "nothing");
	}
}

int audit_correction(struct store *st, const struct record *old, const struct record *rec,
		     struct kerr *err)
{
	struct strbuf names = STRBUF_INIT, note = STRBUF_INIT;
	changed_names(old, rec, &names);
	correction_note(old, rec, &note);
	int status = audit_record(st, "update", rec->def->name, rec->id, audit_person_of(rec),
				  strbuf_str(&names), strbuf_str(&note), err);
	strbuf_free(&names);
	strbuf_free(&note);
	return status;
}

/* ---- the trail as a read-only entity ---- */

/* clang-format off */
static const char *const actions[] = {"create", "update", "delete", "view", "export", "import",
				      "login", "login_failed", "lock", "unlock", "role", "erase",
				      "backup", "restore", "setting", NULL};
/* clang-format on */

/* clang-format off */
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
	[AUDIT_ORIGIN] = {"origin", "Laptop", FIELD_TEXT, FIELD_AUTO | FIELD_LISTED, 0, 0, NULL, 0,
			  NULL, 12, NULL},
};
/* clang-format on */

/* By time: each laptop's trail numbers its own rows, and the trail's times never go back */
static const struct sort_def sorts[] = {
	{"recent", "newest first", {"t.created_at", "t.seq", "t.id", NULL}, true},
};

/* clang-format off */
static const struct filter_def filters[] = {
	{"views", "views of people", "t.action = 'view'", NULL},
	{"changes", "changes", "t.action IN ('create', 'update', 'delete')", NULL},
	{"logins", "logins and locks",
	 "t.action IN ('login', 'login_failed', 'lock', 'unlock')", NULL},
	{"failed", "failed logins", "t.action = 'login_failed'", NULL},
	{"exports", "exports and erasures", "t.action IN ('export', 'erase')", NULL},
	{"accounts", "accounts and settings", "t.action IN ('role', 'setting') OR t.entity = "
					       "'worker'", NULL},
	{"corrections", "corrections", "t.action = 'update' AND t.detail LIKE 'correction:%'",
	 NULL},
};
/* clang-format on */

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
	.subject_heading = "Who viewed and changed this record (the audit trail)",
};
