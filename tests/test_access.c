/* Accounts, logins and who may do what: passwords, locking, the audit chain, the matrix of
 * roles and actions, and restricted people. */
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include "account.h"
#include "asset.h"
#include "audit.h"
#include "auth.h"
#include "check.h"
#include "conversation.h"
#include "database.h"
#include "entity.h"
#include "fixture.h"
#include "import.h"
#include "login.h"
#include "network.h"
#include "page.h"
#include "person.h"
#include "record.h"
#include "referral.h"
#include "setting.h"
#include "store.h"
#include "xalloc.h"

static struct store *st;

/* A database with an admin (ada), a coordinator (cora) and two workers (wes, wren). */
static void fresh(void)
{
	fixture_fresh(&st);
	fixture_team(st);
}

static char *add_person(const char *given, bool restricted)
{
	struct kerr err;
	struct record *rec = record_new(&person_entity);
	record_set(rec, PERSON_GIVEN_NAME, given);
	record_set(rec, PERSON_FAMILY_NAME, "Marker");
	record_set(rec, PERSON_ADDRESS, "1 Refuge Road");
	record_set(rec, PERSON_RESTRICTED, restricted ? "1" : "0");
	int status = entity_create(st, rec, &err);
	char *id = status == K_OK ? xstrdup(rec->id) : NULL;
	record_free(rec);
	return id;
}

static void passwords_must_be_hard_to_guess(void)
{
	struct kerr err;
	const char *weak[] = {"short",
			      "password1234",
			      "Password2026!",
			      "qwertyuiopas",
			      "123456789012",
			      "aaaaaaaaaaaa",
			      "abcdefghijkl",
			      "ILoveYou!!2026",
			      "qwertyqwertyqwerty",
			      "sam-lantern-river-9"};
	for (size_t i = 0; i < sizeof weak / sizeof *weak; i++)
		if (!CHECK(account_password_ok("sam", weak[i], &err) == K_INVALID))
			fprintf(stderr, "  accepted %s\n", weak[i]);
	CHECK_STR(err.field, "password");
	CHECK_INT(account_password_ok("sam", FIXTURE_PASSWORD, &err), K_OK);
	CHECK_INT(account_password_ok("sam", "granite-tulip-harbour", &err), K_OK);
	/* twelve characters, not twelve bytes: Welsh and Bengali passwords count right */
	CHECK_INT(account_password_ok("sam", "ŵŷŵŷ ddraig coch", &err), K_OK);
	CHECK_INT(account_password_ok("sam", "ŵŷŵ", &err), K_INVALID);
	char *longest = xcalloc(PASSWORD_MAX + 2, 1);
	for (int i = 0; i < PASSWORD_MAX; i++)
		longest[i] = "lanternriver"[i % 12] + (char)(i % 7 == 0);
	CHECK_INT(account_password_ok("sam", longest, &err), K_OK);
	longest[PASSWORD_MAX] = 'x';
	CHECK_INT(account_password_ok("sam", longest, &err), K_INVALID);
	CHECK_HAS(err.msg, "at most 1024 bytes");
	free(longest);
}

static void the_first_account_is_an_admin_and_only_admins_add_more(void)
{
	struct kerr err;
	fixture_fresh(&st);
	CHECK_INT(account_add(st, "wes", "", ROLE_WORKER, FIXTURE_PASSWORD, NULL, &err), K_INVALID);
	CHECK_HAS(err.msg, "first account must be an admin");
	CHECK_INT(account_add(st, "ada", "", ROLE_ADMIN, FIXTURE_PASSWORD, NULL, &err), K_OK);
	/* now nothing personal is reached without a login */
	struct page_query q;
	struct page pg;
	page_query_init(&q, &person_entity);
	CHECK_INT(page_load(st, &q, &pg, &err), K_REFUSED);
	CHECK_HAS(err.msg, "log in");
	CHECK_INT(account_add(st, "eve", "", ROLE_ADMIN, FIXTURE_PASSWORD, NULL, &err), K_REFUSED);
	CHECK_COUNT(st, "SELECT count(*) FROM worker WHERE password_hash LIKE '$kith1$%'", 1);
	CHECK_COUNT(st, "SELECT count(*) FROM worker WHERE password_hash LIKE '%lantern%'", 0);
}

static void wrong_passwords_lock_the_account_then_the_laptop(void)
{
	struct kerr err;
	fresh();
	for (int i = 0; i < LOGIN_TRIES; i++) {
		CHECK_INT(login_attempt(st, "wes", "not the password at all", NULL, &err),
			  K_REFUSED);
		CHECK_HAS(err.msg, "wrong name or password");
	}
	CHECK_HAS(err.msg, "this account is now locked for 5 minutes"); /* the fifth says so */
	CHECK_INT(login_attempt(st, "wes", FIXTURE_PASSWORD, NULL, &err), K_REFUSED);
	CHECK_HAS(err.msg, "locked for 5 more minutes");
	/* only the right password learns that: a guess is told what any wrong guess is, so
	 * that trying names shows none of them exist */
	CHECK_INT(login_attempt(st, "wes", "another guess at it", NULL, &err), K_REFUSED);
	CHECK_STR(err.msg, "wrong name or password");
	/* others still can */
	CHECK_INT(login_attempt(st, "wren", FIXTURE_PASSWORD, NULL, &err), K_OK);
	setenv("KITH_CLOCK_SHIFT", "301", 1);
	CHECK_INT(login_attempt(st, "wes", FIXTURE_PASSWORD, NULL, &err), K_OK);
	/* well past the window of wes's failures, so that only the laptop's count below is
	 * in it, whatever the machine's clock did meanwhile */
	setenv("KITH_CLOCK_SHIFT", "1000", 1);
	/* a name that is no account fails the same way, and counts for the laptop */
	for (int i = 0; i < LOGIN_LAPTOP_TRIES + 1; i++)
		CHECK_INT(login_attempt(st, i % 2 ? "nobody" : "cora", "guess the password now",
					NULL, &err),
			  K_REFUSED);
	CHECK_INT(login_attempt(st, "ada", FIXTURE_PASSWORD, NULL, &err), K_REFUSED);
	CHECK_HAS(err.msg, "too many failed logins on this laptop");
	/* refused while the laptop is locked: written down, without making the lock longer */
	CHECK_COUNT(st, "SELECT count(*) FROM audit WHERE detail LIKE 'refused: every login%'", 1);
	setenv("KITH_CLOCK_SHIFT", "1400", 1);
	CHECK_INT(login_attempt(st, "ada", FIXTURE_PASSWORD, NULL, &err), K_OK);
	unsetenv("KITH_CLOCK_SHIFT");
	CHECK(fixture_count(st, "SELECT count(*) FROM audit WHERE action = 'login_failed'") >= 16);
	CHECK_COUNT(st,
		    "SELECT count(*) FROM audit WHERE detail LIKE '%guess%' OR fields LIKE "
		    "'%guess%'",
		    0);
}

static void locks_survive_a_restart(void)
{
	struct kerr err;
	char *path = fixture_path("locks.db");
	store_close(st);
	st = fixture_open(path);
	fixture_account(st, "ada", "", ROLE_ADMIN);
	for (int i = 0; i < LOGIN_TRIES; i++)
		login_attempt(st, "ada", "still not the password", NULL, &err);
	store_close(st);
	st = fixture_open(path);
	CHECK_INT(login_attempt(st, "ada", FIXTURE_PASSWORD, NULL, &err), K_REFUSED);
	CHECK_HAS(err.msg, "locked");
	store_close(st);
	st = NULL;
	free(path);
}

static void a_raised_cost_rehashes_at_the_next_login(void)
{
	struct kerr err;
	fresh();
	char *before = NULL, *after = NULL;
	sqlite3_stmt *stmt = NULL;
	const char *sql = "SELECT password_hash FROM worker WHERE username = 'wes'";
	sqlite3_prepare_v2(store_db(st), sql, -1, &stmt, NULL);
	sqlite3_step(stmt);
	before = xstrdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	fixture_as(st, "ada");
	CHECK_INT(setting_set(st, "password_ops", "2", &err), K_OK);
	fixture_as(st, "wes");
	sqlite3_prepare_v2(store_db(st), sql, -1, &stmt, NULL);
	sqlite3_step(stmt);
	after = xstrdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	CHECK(strcmp(before, after) != 0);
	CHECK_HAS(after, "$kith1$2$");
	CHECK_COUNT(st, "SELECT count(*) FROM audit WHERE detail = 'password hash made again'", 1);
	/* the account's keys came through: its next login still opens the trail's key */
	fixture_as(st, "wes");
	CHECK(store_trail_key(st) != NULL);
	free(before), free(after);
}

static void the_audit_chain_shows_a_row_changed_outside_kith(void)
{
	struct kerr err;
	fresh();
	fixture_as(st, "wes");
	char *p = add_person("Amina", false);
	struct record *rec = NULL;
	CHECK_INT(entity_view(st, &person_entity, p, &rec, &err), K_OK);
	record_set(rec, PERSON_PHONE, "07700 900123");
	CHECK_INT(entity_update(st, rec, &err), K_OK);
	record_free(rec);
	CHECK_COUNT(st,
		    "SELECT count(*) FROM audit WHERE action = 'view' AND person_id IS NOT "
		    "NULL",
		    1);
	CHECK_COUNT(st, "SELECT count(*) FROM audit WHERE action = 'update' AND fields = 'phone'",
		    1);
	/* names of fields, never their values */
	CHECK_COUNT(st,
		    "SELECT count(*) FROM audit WHERE fields LIKE '%0770%' OR detail LIKE "
		    "'%0770%' OR detail LIKE '%Amina%'",
		    0);
	struct audit_check c;
	CHECK_INT(audit_verify(st, &c, &err), K_OK);
	CHECK(c.rows > 5);
	/* the sqlite3 shell can drop the guard and change a row; the chain notices */
	sqlite3_exec(store_db(st),
		     "DROP TRIGGER audit_no_update; UPDATE audit SET worker_id = "
		     "NULL WHERE action = 'view'",
		     NULL, NULL, NULL);
	CHECK_INT(audit_verify(st, &c, &err), K_CORRUPT);
	CHECK_INT(c.bad, fixture_count(st, "SELECT seq FROM audit WHERE action = 'view'"));
	CHECK_HAS(err.msg, "changed outside kith");
	free(p);
}

/* ---- the matrix ---- */

enum act {
	A_READ,
	A_WRITE,
	A_REPORT,
	A_AUDIT,
	A_EXPORT,
	A_IMPORT,
	A_KEEP,
	A_ERASE,
	A_SUBJECT,
	A_SETTING,
	A_ACCOUNTS,
	A_COUNT
};

static char *someone; /* a person for the review, erasure and export rows */

/* A dry run of a one-line CSV file: the right is checked before the file is read. */
static int try_import(void)
{
	char path[] = "/tmp/kith-access-import-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return K_INVALID;
	static const char csv[] = "First name\nMatrix\n";
	bool written = write(fd, csv, sizeof csv - 1) == (ssize_t)(sizeof csv - 1);
	close(fd);
	struct import_options o = {.dry_run = true, .again = true};
	struct import_result *r = xcalloc(1, sizeof *r);
	struct kerr err;
	int status = written ? import_csv(st, IMPORT_PEOPLE, path, &o, r, &err) : K_INVALID;
	free(r);
	unlink(path);
	return status;
}

/* Into a directory of its own: an export never replaces a file, so none may be left over
 * from another run. */
static int try_subject_access(void)
{
	char dir[] = "/tmp/kith-access-XXXXXX";
	if (!mkdtemp(dir))
		return K_INVALID;
	char *path = xasprintf("%s/export.json", dir), *text = xasprintf("%s.txt", path);
	struct kerr err;
	int status = person_export(st, someone, path, &err);
	unlink(path), unlink(text), rmdir(dir);
	free(path), free(text);
	return status;
}

static int try(enum act a)
{
	struct kerr err;
	struct page_query q;
	struct page pg;
	switch (a) {
	case A_READ: {
		page_query_init(&q, &person_entity);
		int status = page_load(st, &q, &pg, &err);
		page_free(&pg);
		return status;
	}
	case A_WRITE: {
		char *id = add_person("Matrix", false);
		free(id);
		return id ? K_OK : K_REFUSED;
	}
	case A_REPORT: {
		struct network_query nq;
		struct network *net = NULL;
		memset(&nq, 0, sizeof nq);
		int status = network_load(st, &nq, &net, &err);
		network_free(net);
		return status;
	}
	case A_AUDIT: {
		page_query_init(&q, &audit_entity);
		int status = page_load(st, &q, &pg, &err);
		page_free(&pg);
		return status;
	}
	case A_EXPORT:
		return auth_require(st, AUTH_EXPORT, &err);
	case A_IMPORT:
		return try_import();
	case A_KEEP:
		return person_keep(st, someone, "still coming", NULL, &err);
	case A_ERASE: {
		int status = person_erase(st, someone, "asked to be forgotten", &err);
		if (status == K_OK) { /* the next role needs someone to erase too */
			free(someone);
			fixture_as(st, "ada");
			someone = add_person("Again", false);
		}
		return status;
	}
	case A_SUBJECT:
		return try_subject_access();
	case A_SETTING:
		return setting_set(st, "retention_months", "36", &err);
	case A_ACCOUNTS:
		return account_set_role(st, "wren", ROLE_WORKER, &err);
	default:
		return K_INVALID;
	}
}

static void each_role_may_do_what_it_should_and_nothing_more(void)
{
	fresh();
	fixture_as(st, "ada");
	someone = add_person("Matrix", false);
	static const char *const who[] = {"wes", "cora", "ada"};
	/* allowed? by role (worker, coordinator, admin) and action */
	static const bool allowed[3][A_COUNT] = {
		{true, true, false, false, false, false, false, false, false, false, false},
		{true, true, true, true, true, true, true, true, true, false, false},
		{true, true, true, true, true, true, true, true, true, true, true},
	};
	static const char *const act_name[] = {"read",           "write",   "report",  "audit",
					       "export",         "import",  "keep",    "erase",
					       "subject access", "setting", "accounts"};
	for (int r = 0; r < 3; r++) {
		for (int a = 0; a < A_COUNT; a++) {
			/* an erasure logs in as ada to make the next person */
			fixture_as(st, who[r]);
			if (!CHECK((try((enum act)a) == K_OK) == allowed[r][a]))
				fprintf(stderr, "  %s %s\n", who[r], act_name[a]);
		}
	}
	fixture_as(st, NULL); /* logged out: nothing */
	for (int a = 0; a < A_COUNT; a++)
		CHECK(try((enum act)a) != K_OK);
	free(someone);
}

static void restricted_people_show_only_to_who_recorded_them_and_coordinators(void)
{
	struct kerr err;
	fresh();
	fixture_as(st, "wes");
	char *p = add_person("Refuge", true);
	CHECK(p != NULL);
	struct record *rec = NULL;
	CHECK_INT(entity_load(st, &person_entity, p, &rec, &err), K_OK);
	CHECK_STR(record_get(rec, PERSON_ADDRESS), "1 Refuge Road"); /* wes recorded them */
	record_free(rec);
	struct record *hall = record_new(&asset_entity), *ref = record_new(&referral_entity);
	record_set_named(hall, "name", "Town Hall");
	record_set_named(hall, "category", "institution");
	CHECK_INT(entity_create(st, hall, &err), K_OK);
	record_set(ref, REFERRAL_PERSON, p);
	record_set(ref, REFERRAL_FROM_ASSET, hall->id);
	record_set(ref, REFERRAL_TO_ASSET, hall->id);
	CHECK_INT(entity_create(st, ref, &err), K_OK);
	fixture_as(st, "wren");
	/* nor does the list of referrals hold theirs (test_restricted.c tries every path) */
	struct page refs;
	struct page_query rq;
	page_query_init(&rq, &referral_entity);
	CHECK_INT(page_load(st, &rq, &refs, &err), K_OK);
	CHECK_INT(refs.n, 0);
	page_free(&refs);
	/* opened by its id (a link), the referral names no one */
	CHECK_INT(entity_load(st, &referral_entity, ref->id, &rec, &err), K_OK);
	CHECK_STR(record_display(rec), "Restricted record to Town Hall");
	char found[ID_LEN];
	CHECK(entity_resolve(st, &referral_entity, "Refuge Marker to Town Hall", found, &err) !=
	      K_OK); /* naming the referral does not find them either */
	record_free(rec), record_free(ref), record_free(hall);
	CHECK_INT(entity_view(st, &person_entity, p, &rec, &err), K_OK);
	CHECK(entity_masked(rec));
	CHECK_STR(record_display(rec), "Restricted record");
	CHECK_STR(record_get(rec, PERSON_ADDRESS), "");
	CHECK_STR(record_get(rec, PERSON_GIVEN_NAME), "");
	record_free(rec);
	struct page_query q;
	struct page pg;
	page_query_init(&q, &person_entity);
	q.search = "refuge";
	CHECK_INT(page_load(st, &q, &pg, &err), K_OK); /* a search tells nothing of them */
	CHECK_INT(pg.n, 0);
	page_free(&pg);
	/* wren may not change them or record about them, and is told whom to ask */
	struct record *c = record_new(&conversation_entity);
	record_set(c, CONVERSATION_PERSON, p);
	record_set(c, CONVERSATION_HOPES, "a new flat");
	CHECK_INT(entity_create(st, c, &err), K_REFUSED);
	CHECK_HAS(err.msg, "ask Wes Worker (who recorded them), or a coordinator: Cora");
	record_free(c);
	CHECK_INT(entity_delete(st, &person_entity, p, &err), K_REFUSED);
	fixture_as(st, "cora");
	CHECK_INT(entity_load(st, &person_entity, p, &rec, &err), K_OK);
	CHECK_STR(record_get(rec, PERSON_ADDRESS), "1 Refuge Road");
	record_free(rec);
	free(p);
}

int main(void)
{
	setenv("KITH_PASSWORD_COST", "min", 1);
	fixture_scratch("access");
	RUN(passwords_must_be_hard_to_guess);
	RUN(the_first_account_is_an_admin_and_only_admins_add_more);
	RUN(wrong_passwords_lock_the_account_then_the_laptop);
	RUN(locks_survive_a_restart);
	RUN(a_raised_cost_rehashes_at_the_next_login);
	RUN(the_audit_chain_shows_a_row_changed_outside_kith);
	RUN(each_role_may_do_what_it_should_and_nothing_more);
	RUN(restricted_people_show_only_to_who_recorded_them_and_coordinators);
	store_close(st);
	fixture_scratch_remove();
	return check_summary("access");
}
