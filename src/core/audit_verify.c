/* Checking the audit trail: the chain of hashes, the MAC on every row written with the
 * trail's key, the seal at its end, the accounts' vouched keys and the guards. Whoever holds
 * no account's password can change the file but cannot make any of these hold again. */
#include "audit.h"
#include "audit_impl.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keyring.h"
#include "store.h"
#include "xalloc.h"

/* ---- the chain and its rows' keys ---- */

struct walk {
	struct audit_check *out;
	const unsigned char *key; /* the reader's trail key, or NULL: MACs go unchecked */
	bool keyed_era;           /* from the row where the key was made on */
	char (*holders)[ID_LEN];  /* accounts holding the key, as their rows say */
	size_t nholders, holders_cap;
	long long forged; /* the first row that needed the key and lacks it */
};

static bool holds_key(const struct walk *w, const char *id)
{
	for (size_t i = 0; id && i < w->nholders; i++)
		if (strcmp(w->holders[i], id) == 0)
			return true;
	return false;
}

static bool is_key_row(const char *const v[H_COUNT])
{
	return v[H_ACTION] && strcmp(v[H_ACTION], "setting") == 0 && v[H_ENTITY] &&
	       strcmp(v[H_ENTITY], "audit") == 0 && v[H_DETAIL] && v[H_RECORD] &&
	       (strcmp(v[H_DETAIL], KEY_MADE) == 0 || strcmp(v[H_DETAIL], KEY_GIVEN) == 0);
}

/* One row's key: a row with a good MAC may say an account now holds the key; once the key
 * was made, a row without one must be a failed login, a restore of another database's
 * backup, or by an account that does not hold the key yet. */
static void check_row_key(struct walk *w, const char *const v[H_COUNT], const char *hash,
			  const char *mac, long long seq)
{
	if (!w->key || w->forged)
		return;
	bool good = keyring_mac_ok(w->key, MAC_ROW, hash, mac);
	if (is_key_row(v) && strcmp(v[H_DETAIL], KEY_MADE) == 0)
		w->keyed_era =
			true; /* by what it says, so that stripping its MAC does not end it */
	if (good && is_key_row(v)) {
		w->holders = xgrow(w->holders, w->nholders, &w->holders_cap, sizeof *w->holders);
		snprintf(w->holders[w->nholders++], ID_LEN, "%s", v[H_RECORD]);
		return;
	}
	if (good || !w->keyed_era || strcmp(v[H_ACTION], "login_failed") == 0 ||
	    (strcmp(v[H_ACTION], "restore") == 0 && !v[H_WORKER]))
		return;
	if (v[H_WORKER] && !holds_key(w, v[H_WORKER]))
		w->out->unkeyed++;
	else
		w->forged = seq;
}

/* Walks the chain: how many rows follow from the start, and the hash of row at. */
static int walk(struct store *st, struct walk *w, long long at, char *at_hash, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(
		st,
		"SELECT seq, id, worker_id, action, entity, record_id, person_id, "
		"fields, detail, created_at, prev_hash, hash, mac FROM audit "
		"WHERE origin = '' ORDER BY seq",
		&stmt, err);
	if (status != K_OK)
		return status;
	char before[HASH_HEX] = "", hash[HASH_HEX];
	long long expect = 1;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *v[H_COUNT];
		for (int i = 0; i < H_COUNT; i++)
			v[i] = (const char *)sqlite3_column_text(stmt, i);
		long long seq = sqlite3_column_int64(stmt, 0);
		audit_hash_row(v, hash);
		const char *stored = (const char *)sqlite3_column_text(stmt, H_COUNT);
		if (seq != expect || strcmp(v[H_PREV] ? v[H_PREV] : "", before) != 0 || !stored ||
		    strcmp(hash, stored) != 0 || !v[H_ACTION]) {
			w->out->bad = seq != expect && seq > expect ? expect : seq;
			break;
		}
		check_row_key(w, v, stored, (const char *)sqlite3_column_text(stmt, H_COUNT + 1),
			      seq);
		snprintf(before, sizeof before, "%s", stored);
		if (seq == at)
			snprintf(at_hash, HASH_HEX, "%s", stored);
		expect++;
		w->out->rows++;
	}
	if (!w->out->bad && rc != SQLITE_DONE)
		status = store_error(st, rc, err);
	sqlite3_finalize(stmt);
	if (status == K_OK && w->out->bad)
		status = kerr_set(err, K_CORRUPT, "",
				  "the audit trail was changed outside kith at "
				  "row %lld: its chain of hashes breaks there",
				  w->out->bad);
	else if (status == K_OK && w->forged)
		status = kerr_set(err, K_CORRUPT, "",
				  "row %lld of the audit trail was added or "
				  "changed outside kith: it lacks the trail's key",
				  w->forged);
	return status;
}

/* ---- the seal ---- */

struct seal_row {
	long long seq;
	char hash[HASH_HEX], mac[KEYRING_MAC_HEX];
	bool present;
	bool expected; /* the trail's key was ever made here, so a seal must exist */
};

static int read_seal(struct store *st, struct seal_row *s, struct kerr *err)
{
	memset(s, 0, sizeof *s);
	sqlite3_stmt *stmt = NULL;
	/* a password hash in kith's form was made at a login or by an account's creation, each
	 * of which holds or makes the trail's key: from then on there is a seal (but on a
	 * laptop that joined a hub, hashes arrive from the others: only a key here counts) */
	int status = store_prepare(
		st,
		"SELECT seq, hash, mac, EXISTS (SELECT 1 FROM worker WHERE "
		"trail_key IS NOT NULL OR (password_hash LIKE '$kith1$%' AND "
		"NOT EXISTS (SELECT 1 FROM sync_state WHERE joined = 1))) OR "
		"EXISTS (SELECT 1 FROM audit WHERE action = 'setting' AND "
		"entity = 'audit' AND origin = '') FROM (SELECT 1) LEFT JOIN audit_seal ON "
		"id = 1",
		&stmt, err);
	if (status != K_OK)
		return status;
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		s->present = sqlite3_column_type(stmt, 0) != SQLITE_NULL;
		s->seq = sqlite3_column_int64(stmt, 0);
		const unsigned char *h = sqlite3_column_text(stmt, 1),
				    *m = sqlite3_column_text(stmt, 2);
		snprintf(s->hash, sizeof s->hash, "%s", h ? (const char *)h : "");
		snprintf(s->mac, sizeof s->mac, "%s", m ? (const char *)m : "");
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
	out->sealed = s->present ? s->seq : 0;
	if (!s->present)
		return s->expected ? kerr_set(err, K_CORRUPT, "",
					      "the audit trail's seal is "
					      "missing: rows may have been removed from its end")
				   : K_OK;
	char text[128];
	audit_seal_text(s->seq, s->hash, text, sizeof text);
	if (key && !keyring_mac_ok(key, MAC_SEAL, text, s->mac))
		return kerr_set(err, K_CORRUPT, "",
				"the audit trail's seal was not made "
				"with its key: the trail was rebuilt, or its seal replaced");
	if (s->seq > out->rows)
		return kerr_set(err, K_CORRUPT, "",
				"the audit trail was cut: it ends at row %lld, "
				"but kith sealed it at row %lld",
				out->rows, s->seq);
	if (strcmp(sealed_hash, s->hash) != 0)
		return kerr_set(err, K_CORRUPT, "",
				"the audit trail was cut or rebuilt: its row %lld "
				"is not the row kith sealed",
				s->seq);
	return K_OK;
}

/* ---- the hub's copy ---- */

/* Against what the hub last said it holds of this trail (audit_sync, kept at each sync): a
 * trail that now ends before it was cut, one whose row there differs was rebuilt. */
static int check_hub(struct store *st, struct audit_check *out, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(
		st,
		"SELECT s.acked, s.acked_hash, a.hash FROM audit_sync s LEFT JOIN "
		"audit a ON a.origin = '' AND a.seq = s.acked WHERE s.id = 1",
		&stmt, err);
	if (status != K_OK)
		return status;
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		const char *held = (const char *)sqlite3_column_text(stmt, 1);
		const char *here = (const char *)sqlite3_column_text(stmt, 2);
		out->hub = sqlite3_column_int64(stmt, 0);
		if (out->hub > out->rows)
			status = kerr_set(err, K_CORRUPT, "",
					  "the audit trail was cut: it ends at row %lld, but the "
					  "hub holds its rows to row %lld",
					  out->rows, out->hub);
		else if (out->hub > 0 && (!here || !held || strcmp(here, held) != 0))
			status = kerr_set(err, K_CORRUPT, "",
					  "the audit trail differs from the hub's copy at row "
					  "%lld: it was rebuilt outside kith",
					  out->hub);
	} else if (rc != SQLITE_DONE) {
		status = store_error(st, rc, err);
	}
	sqlite3_finalize(stmt);
	return status;
}

/* ---- the accounts' keys and the guards ---- */

/* Keys taken from the accounts, or put in their place: without a password no one can make
 * an account's vouch hold again, so a trail made to look as if it had never been sealed,
 * or a key pair swapped to catch the trail's key, still shows. */
static int check_keys(struct store *st, const struct seal_row *s, struct kerr *err)
{
	long long stripped = 0, holders = 1;
	int status = store_query_int(st,
				     "SELECT count(*) FROM worker WHERE deleted_at IS NULL AND "
				     "password_hash LIKE '$kith1$%' AND (public_key IS NULL OR "
				     "secret_key IS NULL)",
				     &stripped, err);
	if (status == K_OK && s->expected)
		status = store_query_int(st,
					 "SELECT count(*) FROM worker WHERE trail_key IS NOT "
					 "NULL",
					 &holders, err);
	if (status == K_OK && stripped)
		return kerr_set(err, K_CORRUPT, "",
				"the keys of %lld account%s were removed "
				"outside kith",
				stripped, stripped == 1 ? "" : "s");
	if (status == K_OK && !holders)
		return kerr_set(err, K_CORRUPT, "",
				"no account holds the audit trail's key any "
				"more: it was removed outside kith");
	const unsigned char *key = store_trail_key(st);
	sqlite3_stmt *stmt = NULL;
	if (status == K_OK && key)
		status = store_prepare(st,
				       "SELECT id, username, public_key, key_vouch FROM worker "
				       "WHERE trail_key IS NOT NULL OR key_vouch IS NOT NULL",
				       &stmt, err);
	while (status == K_OK && key && sqlite3_step(stmt) == SQLITE_ROW) {
		char text[160];
		snprintf(text, sizeof text, "%s:%s", sqlite3_column_text(stmt, 0),
			 sqlite3_column_text(stmt, 2) ? (const char *)sqlite3_column_text(stmt, 2)
						      : "");
		if (!keyring_mac_ok(key, "kith vouch", text,
				    (const char *)sqlite3_column_text(stmt, 3)))
			status = kerr_set(err, K_CORRUPT, "",
					  "the keys of %s were replaced outside "
					  "kith",
					  sqlite3_column_text(stmt, 1));
	}
	sqlite3_finalize(stmt);
	return status;
}

/* The triggers that keep the trail append-only: a trail whose guard was taken away may
 * have been changed in ways no hash shows (kith check puts them back). */
static int check_guards(struct store *st, struct kerr *err)
{
	long long guards = 0;
	int status = store_query_int(st,
				     "SELECT count(*) FROM sqlite_schema WHERE type = "
				     "'trigger' AND name IN ('audit_no_update', "
				     "'audit_no_delete') AND tbl_name = 'audit'",
				     &guards, err);
	if (status == K_OK && guards != 2)
		status = kerr_set(err, K_CORRUPT, "",
				  "the audit trail's guards against changes were "
				  "removed outside kith (kith check puts them back)");
	return status;
}

int audit_verify(struct store *st, struct audit_check *out, struct kerr *err)
{
	memset(out, 0, sizeof *out);
	struct seal_row s;
	struct walk w = {.out = out, .key = store_trail_key(st)};
	out->keyed = w.key != NULL;
	char sealed_hash[HASH_HEX] = "";
	int status = read_seal(st, &s, err);
	if (status == K_OK)
		status = walk(st, &w, s.present ? s.seq : -1, sealed_hash, err);
	free(w.holders);
	if (status == K_OK)
		status = check_hub(st, out, err);
	if (status == K_OK)
		status = check_seal(st, &s, sealed_hash, out, err);
	if (status == K_OK)
		status = check_keys(st, &s, err);
	if (status == K_OK)
		status = check_guards(st, err);
	return status;
}
