/* The audit trail's seal and the accounts' keys: a cut tail, a rebuilt chain, a forged or
 * missing seal, keys taken from the accounts and removed guards all show to anyone who logs
 * in; failed logins written without a key wait for the next seal; the trail's key reaches
 * every account without anyone sharing a password. */
#include <sodium.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include "account.h"
#include "audit.h"
#include "check.h"
#include "database.h"
#include "fixture.h"
#include "login.h"
#include "schema.h"
#include "store.h"
#include "xalloc.h"

static struct store *st;

/* A database with an admin and a worker, and a trail of rows rows or more. */
static void fresh(int rows)
{
	struct kerr err;
	fixture_fresh(&st);
	fixture_account(st, "ada", "Ada", ROLE_ADMIN);
	fixture_as(st, "ada");
	fixture_account(st, "wes", "Wes", ROLE_WORKER);
	while (fixture_count(st, "SELECT count(*) FROM audit") < rows)
		CHECK_INT(audit_record(st, "view", "person", NULL, NULL, NULL, NULL, &err), K_OK);
}

static void raw(const char *sql)
{
	char *msg = NULL;
	if (!CHECK_INT(sqlite3_exec(store_db(st), sql, NULL, NULL, &msg), SQLITE_OK))
		fprintf(stderr, "  %s\n", msg);
	sqlite3_free(msg);
}

static int verify(struct kerr *err)
{
	struct audit_check c;
	return audit_verify(st, &c, err);
}

static void a_sealed_trail_verifies_and_says_how_far(void)
{
	struct kerr err;
	fresh(10);
	struct audit_check c;
	CHECK_INT(audit_verify(st, &c, &err), K_OK);
	CHECK(c.keyed);
	CHECK_INT(c.sealed, c.rows);
	/* a failed login is written without a key: the seal lags it, and that is not damage */
	login_logout(st);
	CHECK_INT(login_attempt(st, "wes", "not the password at all", NULL, &err), K_REFUSED);
	fixture_as(st, "ada");
	CHECK_INT(audit_verify(st, &c, &err), K_OK);
	CHECK_INT(c.sealed, c.rows); /* ada's login sealed it again */
	CHECK_COUNT(st, "SELECT count(*) FROM audit WHERE action = 'login_failed'", 1);
}

static void a_cut_tail_shows_however_short(void)
{
	static const int cuts[] = {1, 5, 100, 2000};
	struct kerr err;
	for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++) {
		fresh(2100);
		char sql[200];
		snprintf(sql, sizeof sql,
			 "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq > "
			 "(SELECT max(seq) FROM audit) - %d",
			 cuts[i]);
		raw(sql);
		/* logging in to look writes to the trail: it must not seal over the cut */
		fixture_as(st, "ada");
		if (!CHECK_INT(verify(&err), K_CORRUPT))
			fprintf(stderr, "  a cut of %d rows passed\n", cuts[i]);
		CHECK_HAS(err.msg, "the audit trail was cut"); /* or rebuilt, after the login */
		/* moving the seal back to the new end needs the key, which the file does not give */
		raw("UPDATE audit_seal SET seq = (SELECT max(seq) FROM audit), hash = (SELECT hash "
		    "FROM audit ORDER BY seq DESC LIMIT 1)");
		fixture_as(st, "ada");
		CHECK_INT(verify(&err), K_CORRUPT);
		CHECK_HAS(err.msg, "not made with its key");
	}
}

static void a_missing_seal_or_missing_keys_show(void)
{
	struct kerr err;
	fresh(20);
	raw("DELETE FROM audit_seal");
	CHECK_INT(verify(&err), K_CORRUPT);
	CHECK_HAS(err.msg, "seal is missing");
	fresh(20);
	/* the trail's key taken from every account: this shows too, although the one verifying
	 * now holds no key to check the seal with */
	raw("UPDATE worker SET trail_key = NULL");
	fixture_as(st, "ada");
	CHECK(store_trail_key(st) == NULL);
	CHECK_INT(verify(&err), K_CORRUPT);
	CHECK_HAS(err.msg, "no account holds the audit trail's key");
	fresh(20);
	raw("UPDATE worker SET public_key = NULL, secret_key = NULL, trail_key = NULL");
	CHECK_INT(verify(&err), K_CORRUPT);
	CHECK_HAS(err.msg, "keys of 2 accounts were removed");
}

static void removed_guards_show_and_check_puts_them_back(void)
{
	struct kerr err;
	fresh(5);
	raw("DROP TRIGGER audit_no_update; DROP TRIGGER erasure_no_delete");
	CHECK_INT(verify(&err), K_CORRUPT);
	CHECK_HAS(err.msg, "guards against changes were removed");
	char *restored = NULL;
	CHECK_INT(schema_repair(st, &restored, &err), K_OK);
	CHECK_STR(restored, "audit_no_update, erasure_no_delete");
	free(restored);
	CHECK_INT(verify(&err), K_OK);
	CHECK_INT(sqlite3_exec(store_db(st), "DELETE FROM audit", NULL, NULL, NULL) & 0xff,
		  SQLITE_CONSTRAINT);
	CHECK_INT(schema_repair(st, &restored, &err), K_OK); /* nothing more to do */
	CHECK_STR(restored, "");
	free(restored);
	/* a guard with its text changed is put back as kith wrote it */
	raw("DROP TRIGGER audit_no_delete; CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit "
	    "WHEN 0 BEGIN SELECT 1; END");
	CHECK_INT(schema_repair(st, &restored, &err), K_OK);
	CHECK_STR(restored, "audit_no_delete");
	free(restored);
}

static void the_trails_key_reaches_every_account_without_a_shared_password(void)
{
	struct kerr err;
	fresh(3);
	/* an account made by an admin who holds the key has it at once */
	fixture_account(st, "cora", "Cora", ROLE_COORDINATOR);
	fixture_as(st, "cora");
	CHECK(store_trail_key(st) != NULL);
	/* a worker's own new password keeps their pair, and with it the key (and their drafts) */
	fixture_as(st, "wes");
	char *pair = NULL;
	sqlite3_stmt *stmt = NULL;
	sqlite3_prepare_v2(store_db(st), "SELECT public_key FROM worker WHERE username = 'wes'", -1,
			   &stmt, NULL);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		pair = xstrdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	CHECK_INT(account_set_password(st, "wes", "copper fern window glass", &err), K_OK);
	login_logout(st);
	CHECK_INT(login_attempt(st, "wes", "copper fern window glass", NULL, &err), K_OK);
	CHECK(store_trail_key(st) != NULL);
	CHECK_STR(store_public_key(st), pair);
	free(pair);
	/* an admin who holds it sets someone's password: a new pair, vouched for, given it */
	fixture_as(st, "ada");
	CHECK_INT(account_set_password(st, "cora", "amber kettle meadow lane", &err), K_OK);
	login_logout(st);
	CHECK_INT(login_attempt(st, "cora", "amber kettle meadow lane", NULL, &err), K_OK);
	CHECK(store_trail_key(st) != NULL);
	CHECK_INT(verify(&err), K_OK);
	/* nothing secret is stored in the clear */
	CHECK_COUNT(st,
		    "SELECT count(*) FROM worker WHERE length(secret_key) <> 2 * (24 + 16 + "
		    "32) OR length(trail_key) <> 2 * (48 + 32)",
		    0);
}

/* A pair of one's own put in an account's row, to catch the trail's key when the next
 * holder shares it: only vouched pairs are ever given the key, and verify names the swap. */
static void a_swapped_key_pair_is_never_given_the_trails_key(void)
{
	struct kerr err;
	fresh(3);
	unsigned char pk[crypto_box_PUBLICKEYBYTES], sk[crypto_box_SECRETKEYBYTES];
	char hex[2 * crypto_box_PUBLICKEYBYTES + 1], sql[256];
	crypto_box_keypair(pk, sk);
	sodium_bin2hex(hex, sizeof hex, pk, sizeof pk);
	snprintf(sql, sizeof sql,
		 "UPDATE worker SET public_key = '%s', trail_key = NULL WHERE "
		 "username = 'wes'",
		 hex);
	raw(sql);
	fixture_as(st, "ada"); /* a holder logs in: the key goes nowhere new */
	CHECK_COUNT(st,
		    "SELECT count(*) FROM worker WHERE username = 'wes' AND trail_key IS NOT "
		    "NULL",
		    0);
	CHECK_INT(verify(&err), K_CORRUPT);
	CHECK_HAS(err.msg, "the keys of wes were replaced outside kith");
	/* nor does a login whose pair no longer opens make a new one over the evidence */
	fixture_as(st, "wes");
	CHECK(store_trail_key(st) == NULL);
	CHECK_COUNT(st,
		    "SELECT count(*) FROM worker WHERE public_key = (SELECT public_key FROM "
		    "worker WHERE username = 'wes')",
		    1);
	fixture_as(st, "ada");
	CHECK_INT(verify(&err), K_CORRUPT);
}

/* The trail rebuilt from scratch, its seal and every key taken away: the next login must not
 * make a fresh key over it, and verify says the key is gone. */
static void a_trail_rebuilt_without_its_key_is_not_sealed_afresh(void)
{
	struct kerr err;
	fresh(5);
	raw("DROP TRIGGER audit_no_delete; DELETE FROM audit; DELETE FROM audit_seal; "
	    "UPDATE worker SET trail_key = NULL");
	fixture_as(st, "wes");
	CHECK(store_trail_key(st) == NULL);
	CHECK_COUNT(st, "SELECT count(*) FROM worker WHERE trail_key IS NOT NULL", 0);
	CHECK_INT(verify(&err), K_CORRUPT);
	CHECK_HAS(err.msg, "seal is missing");
}

/* A row written outside kith with a chain hash that holds, after the seal: the next login
 * seals over it, and verify still names it. */
static void a_row_added_outside_kith_shows_though_sealed_over(void)
{
	struct kerr err;
	fresh(5);
	fixture_as(st, NULL);
	long long last = fixture_count(st, "SELECT max(seq) FROM audit");
	/* the row kith would write, but without the key: as a forger can make it */
	CHECK_INT(audit_record_as(st, NULL, "view", "person", NULL, NULL, NULL, NULL, &err), K_OK);
	raw("UPDATE worker SET failed_logins = 0");
	fixture_as(st, "ada");
	struct audit_check c;
	CHECK_INT(audit_verify(st, &c, &err), K_CORRUPT);
	char want[80];
	snprintf(want, sizeof want, "row %lld of the audit trail was added", last + 1);
	CHECK_HAS(err.msg, want);
}

/* A reset by an admin who does not hold the key, of one who does, would lose the key to
 * them: refused. */
static void a_reset_never_loses_the_key(void)
{
	struct kerr err;
	fresh(3);
	fixture_account(st, "abe", "Abe", ROLE_ADMIN);
	raw("UPDATE worker SET trail_key = NULL, key_vouch = NULL WHERE username = 'abe'");
	fixture_as(st, "abe");
	CHECK(store_trail_key(st) == NULL);
	CHECK_INT(account_set_password(st, "ada", "granite orchard whistle", &err), K_REFUSED);
	CHECK_HAS(err.msg, "ada holds the audit trail's key and you do not");
}

/* After an upgrade from a kith before keys, the first account to log in makes the trail's
 * key; another gets it when an admin who holds it sets its password. */
static void accounts_from_before_keys_get_them_after_an_upgrade(void)
{
	struct kerr err;
	fresh(3);
	char old[crypto_pwhash_STRBYTES];
	CHECK_INT(crypto_pwhash_str(old, FIXTURE_PASSWORD, strlen(FIXTURE_PASSWORD),
				    crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN),
		  0);
	sqlite3_stmt *stmt = NULL;
	sqlite3_prepare_v2(store_db(st),
			   "UPDATE worker SET password_hash = ?1, public_key = NULL, "
			   "secret_key = NULL, trail_key = NULL, key_vouch = NULL",
			   -1, &stmt, NULL);
	sqlite3_bind_text(stmt, 1, old, -1, SQLITE_STATIC);
	CHECK_INT(sqlite3_step(stmt), SQLITE_DONE);
	sqlite3_finalize(stmt);
	raw("DROP TRIGGER audit_no_delete; DELETE FROM audit; DELETE FROM audit_seal");
	raw("CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, "
	    "'the audit trail is append-only'); END");
	fixture_as(st, "ada");
	CHECK(store_trail_key(st) != NULL);
	CHECK_COUNT(st,
		    "SELECT count(*) FROM worker WHERE username = 'ada' AND password_hash LIKE "
		    "'$kith1$%' AND public_key IS NOT NULL",
		    1);
	fixture_as(st, "wes"); /* a pair of their own, but no one has vouched for it */
	CHECK(store_trail_key(st) == NULL);
	fixture_as(st, "ada");
	struct audit_check c;
	CHECK_INT(audit_verify(st, &c, &err), K_OK);
	CHECK_INT(c.unkeyed, 1); /* wes's login, written without the key */
	CHECK_INT(account_set_password(st, "wes", "copper fern window glass", &err), K_OK);
	login_logout(st);
	CHECK_INT(login_attempt(st, "wes", "copper fern window glass", NULL, &err), K_OK);
	CHECK(store_trail_key(st) != NULL);
	CHECK_INT(verify(&err), K_OK);
}

int main(void)
{
	RUN(a_sealed_trail_verifies_and_says_how_far);
	RUN(a_cut_tail_shows_however_short);
	RUN(a_missing_seal_or_missing_keys_show);
	RUN(removed_guards_show_and_check_puts_them_back);
	RUN(the_trails_key_reaches_every_account_without_a_shared_password);
	RUN(a_swapped_key_pair_is_never_given_the_trails_key);
	RUN(a_trail_rebuilt_without_its_key_is_not_sealed_afresh);
	RUN(a_row_added_outside_kith_shows_though_sealed_over);
	RUN(a_reset_never_loses_the_key);
	RUN(accounts_from_before_keys_get_them_after_an_upgrade);
	store_close(st);
	return check_summary("audit");
}
