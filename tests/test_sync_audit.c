/* The audit trail through a real hub (a private PostgreSQL from tests/pgtmp): two laptops'
 * rows reach a third with their origin; a cut tail, a rebuilt chain and a row changed on a
 * laptop or at the hub are each told and not taken; a revoked laptop is refused; what the
 * hub holds about an erased person is no value of theirs; the pulled rows are read only by
 * those who may read the trail. */
#include <libpq-fe.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "audit.h"
#include "check.h"
#include "fixture.h"
#include "hub_schema.h"
#include "pghub.h"
#include "page.h"
#include "person.h"
#include "store.h"
#include "strbuf.h"
#include "sync_audit.h"
#include "syncdb.h"
#include "xalloc.h"

static char owner[1024]; /* the hub owner's connection string */
static char *hub_dir;

static void hub_start(void)
{
	hub_dir = fixture_path("hub");
	if (!pghub_start(hub_dir, owner, sizeof owner))
		exit(2);
	PGconn *conn = PQconnectdb(owner);
	struct kerr err;
	CHECK_INT(hub_schema_install(conn, &err), K_OK);
	PQfinish(conn);
}

static void hub_stop(void)
{
	CHECK(pghub_stop());
	free(hub_dir);
}

/* The owner's one-value answer to sql with one parameter, to be freed. */
static char *owner_says(const char *sql, const char *value)
{
	PGconn *conn = PQconnectdb(owner);
	PGresult *res = PQexecParams(conn, sql, value ? 1 : 0, NULL, &value, NULL, NULL, 0);
	char *out = NULL;
	if (CHECK(PQresultStatus(res) == PGRES_TUPLES_OK ||
		  PQresultStatus(res) == PGRES_COMMAND_OK))
		out = xstrdup(PQntuples(res) ? PQgetvalue(res, 0, 0) : "");
	else
		fprintf(stderr, "%s: %s", sql, PQresultErrorMessage(res));
	PQclear(res);
	PQfinish(conn);
	return out ? out : xstrdup("");
}

/* A laptop of the hub: its credentials made by the owner, and a connection with them. */
static PGconn *join(const char *name)
{
	char *password = owner_says("SELECT kith.add_laptop($1, false)", name);
	char role[64];
	snprintf(role, sizeof role, "kith_laptop_%s", name);
	for (char *c = role; *c; c++)
		*c = *c == '-' ? '_' : *c;
	char *info = xasprintf("%s user=%s password=%s", owner, role, password);
	PGconn *conn = PQconnectdb(info);
	CHECK(PQstatus(conn) == CONNECTION_OK);
	free(info);
	free(password);
	return conn;
}

static char *team;          /* the test team's database file, which every laptop starts from */
static long long team_rows; /* the rows of its trail */

/* Copies a database file (the laptop's state "from before"). */
static void copy_file(const char *from, const char *to)
{
	char *cmd = xasprintf("cp '%s' '%s'", from, to);
	CHECK_INT(system(cmd), 0);
	free(cmd);
}

/* A laptop's database: a copy of the team's file, trail and keys (as a programme might set
 * its laptops up), or (first_sync) a new file with the team's accounts alone, as a laptop's
 * first sync brings them. Every laptop knows the same workers. */
static struct store *laptop(const char *file, bool first_sync)
{
	char *path = fixture_path(file);
	if (!first_sync)
		copy_file(team, path);
	struct store *st = fixture_open(path);
	if (first_sync) {
		char *sql = xasprintf(
			"ATTACH '%s' AS team; INSERT INTO worker SELECT * FROM "
			"team.worker; UPDATE worker SET trail_key = NULL, key_vouch = "
			"NULL; DETACH team;",
			team);
		CHECK_INT(sqlite3_exec(store_db(st), sql, NULL, NULL, NULL), SQLITE_OK);
		free(sql);
	}
	free(path);
	return st;
}

static long long own(struct store *st)
{
	return fixture_count(st, "SELECT count(*) FROM audit WHERE origin = ''");
}

static void work(struct store *st, const char *who, const char *given)
{
	fixture_as(st, who);
	free(fixture_add(st, &person_entity, PAIRS("given_name", given, "family_name", "Okoro")));
}

static long long count_origin(struct store *st, const char *origin)
{
	struct page_query q;
	struct kerr err;
	long long n = -1;
	page_query_init(&q, &audit_entity);
	CHECK_INT(page_query_where(&q, "origin", origin, &err), K_OK);
	CHECK_INT(page_count(st, &q, 1000000, &n, &err), K_OK);
	return n;
}

static void two_laptops_rows_reach_a_third(void)
{
	struct store *a = laptop("a1.db", false), *b = laptop("b1.db", true),
		     *c = laptop("c1.db", true);
	PGconn *ca = join("lap-a1"), *cb = join("lap-b1"), *cc = join("lap-c1");
	work(a, "cora", "Amina");
	work(b, "wes", "Bola");
	long long na = own(a), nb = own(b);
	struct sync_audit sa = {0}, sb = {0}, sc = {0};
	struct kerr err;
	CHECK_INT(sync_audit_push(a, ca, &sa, &err), K_OK);
	CHECK_INT(sync_audit_push(b, cb, &sb, &err), K_OK);
	CHECK_INT(sa.pushed, na);
	CHECK_INT(sb.hub_has, nb);
	CHECK_INT(sync_audit_pull(c, cc, &sc, &err), K_OK);
	CHECK_STR(sc.problem, "");
	CHECK_INT(sc.pulled, na + nb);
	/* each laptop's chain as it wrote it, read on the third as a coordinator */
	fixture_as(c, "cora");
	CHECK_INT(count_origin(c, "lap-a1"), na);
	CHECK_INT(count_origin(c, "lap-b1"), nb);
	CHECK_COUNT(c,
		    "SELECT count(*) FROM audit x JOIN audit p ON p.origin = x.origin AND p.seq = "
		    "x.seq - 1 AND p.hash = x.prev_hash WHERE x.origin = 'lap-b1'",
		    nb - 1);
	CHECK_COUNT(c,
		    "SELECT count(*) FROM audit WHERE origin = 'lap-b1' AND action = 'create' "
		    "AND entity = 'person'",
		    1);
	/* again: nothing more comes or goes, and a's own chain holds beside b's rows */
	memset(&sc, 0, sizeof sc);
	CHECK_INT(sync_audit_pull(c, cc, &sc, &err), K_OK);
	CHECK_INT(sc.pulled, 0);
	memset(&sa, 0, sizeof sa);
	CHECK_INT(sync_audit_pull(a, ca, &sa, &err), K_OK);
	CHECK_INT(sa.pulled, nb);
	fixture_as(a, "ada");
	struct audit_check check;
	CHECK_INT(audit_verify(a, &check, &err), K_OK);
	memset(&sa, 0, sizeof sa);
	CHECK_INT(sync_audit_push(a, ca, &sa, &err), K_OK);
	CHECK_INT(sa.pushed, 1); /* ada's login, and no row twice */
	CHECK_STR(sa.problem, "");
	/* a worker reads no trail, theirs or another laptop's; logged out, nothing */
	fixture_as(c, "wes");
	struct page_query q;
	struct page pg;
	page_query_init(&q, &audit_entity);
	CHECK_INT(page_load(c, &q, &pg, &err), K_REFUSED);
	page_free(&pg);
	fixture_as(c, NULL);
	CHECK_INT(page_load(c, &q, &pg, &err), K_REFUSED);
	page_free(&pg);
	PQfinish(ca), PQfinish(cb), PQfinish(cc);
	store_close(a), store_close(b), store_close(c);
}

static void a_cut_tail_is_told_at_the_next_sync_and_by_verify(void)
{
	struct store *a = laptop("a2.db", false);
	PGconn *ca = join("lap-a2");
	work(a, "cora", "Amina");
	char *path = xstrdup(store_path(a)), *before = fixture_path("a2-before.db");
	store_close(a);
	copy_file(path, before);
	a = fixture_open(path);
	work(a, "cora", "Bola");
	long long n = own(a);
	struct sync_audit s = {0};
	struct kerr err;
	CHECK_INT(sync_audit_push(a, ca, &s, &err), K_OK);
	CHECK_INT(s.hub_has, n);
	store_close(a);
	/* the file put back as it was: its own seal still matches its shorter trail */
	copy_file(before, path);
	a = fixture_open(path);
	long long m = own(a);
	memset(&s, 0, sizeof s);
	CHECK_INT(sync_audit_push(a, ca, &s, &err), K_OK);
	char want[200];
	snprintf(want, sizeof want,
		 "was cut: it ends at row %lld, but the hub holds its rows to "
		 "row %lld",
		 m, n);
	CHECK_HAS(s.problem, want);
	CHECK_INT(s.pushed, 0);
	/* and kith audit verify says so, without the hub */
	fixture_as(a, "ada");
	struct audit_check check;
	CHECK_INT(audit_verify(a, &check, &err), K_CORRUPT);
	CHECK_HAS(err.msg, "the hub holds");
	PQfinish(ca);
	store_close(a);
	free(path);
	free(before);
}

static void raw(struct store *st, const char *sql)
{
	char *msg = NULL;
	if (!CHECK_INT(sqlite3_exec(store_db(st), sql, NULL, NULL, &msg), SQLITE_OK))
		fprintf(stderr, "%s: %s\n", sql, msg);
	sqlite3_free(msg);
}

#define HASH_HEX (2 * crypto_hash_sha256_BYTES + 1)

/* A row's hash made as kith makes it (each value "length:text;", "-;" for none), as someone
 * with the file and kith's source would, to rebuild a chain. */
static void rehash(const char *const v[11], char out[HASH_HEX])
{
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 11; i++)
		if (v[i])
			strbuf_printf(&sb, "%zu:%s;", strlen(v[i]), v[i]);
		else
			strbuf_puts(&sb, "-;");
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)strbuf_str(&sb), sb.len);
	sodium_bin2hex(out, HASH_HEX, h, sizeof h);
	strbuf_free(&sb);
}

static void a_row_changed_on_a_laptop_is_refused(void)
{
	struct store *a = laptop("a3.db", false);
	PGconn *ca = join("lap-a3");
	work(a, "cora", "Amina");
	struct sync_audit s = {0};
	struct kerr err;
	CHECK_INT(sync_audit_push(a, ca, &s, &err), K_OK);
	long long n = own(a);
	work(a, "cora", "Bola");
	/* a row not yet sent, changed behind kith's back: the hub finds its hash does not hold */
	raw(a, "DROP TRIGGER audit_no_update");
	char *sql = xasprintf("UPDATE audit SET detail = 'nothing happened' WHERE origin = '' "
			      "AND seq = %lld",
			      n + 2);
	raw(a, sql);
	free(sql);
	memset(&s, 0, sizeof s);
	CHECK_INT(sync_audit_push(a, ca, &s, &err), K_OK);
	char want[120];
	snprintf(want, sizeof want, "row %lld of this laptop's audit trail does not match", n + 2);
	CHECK_HAS(s.problem, want);
	CHECK_INT(s.hub_has, n + 1); /* the row before it fitted and was taken */
	/* a chain rebuilt from a row the hub holds: told from that very row */
	raw(a, "UPDATE audit SET detail = 'rebuilt' WHERE origin = '' AND seq = 3");
	for (long long seq = 3; seq <= own(a); seq++) {
		sqlite3_stmt *stmt = NULL;
		sqlite3_prepare_v2(
			store_db(a),
			"SELECT seq, id, worker_id, action, entity, record_id, person_id, "
			"fields, detail, created_at, (SELECT hash FROM audit WHERE origin "
			"= '' AND seq = ?1 - 1) FROM audit WHERE origin = '' AND seq = ?1",
			-1, &stmt, NULL);
		sqlite3_bind_int64(stmt, 1, seq);
		CHECK_INT(sqlite3_step(stmt), SQLITE_ROW);
		const char *v[11];
		for (int i = 0; i < 11; i++)
			v[i] = (const char *)sqlite3_column_text(stmt, i);
		char hash[HASH_HEX];
		rehash(v, hash);
		char *up = xasprintf("UPDATE audit SET prev_hash = '%s', hash = '%s' WHERE origin "
				     "= '' AND seq = %lld",
				     v[10], hash, seq);
		sqlite3_finalize(stmt);
		raw(a, up);
		free(up);
	}
	memset(&s, 0, sizeof s);
	CHECK_INT(sync_audit_push(a, ca, &s, &err), K_OK);
	CHECK_HAS(s.problem, "differs from the hub's copy from row 3");
	CHECK_INT(s.pushed, 0);
	PQfinish(ca);
	store_close(a);
}

/* A laptop whose accounts all came from the hub makes its trail's key of its own at its
 * first login, and its trail is sealed and verifies, beside other laptops' rows. */
static void a_joined_laptop_keys_its_own_trail(void)
{
	struct store *a = laptop("a5.db", false), *b = laptop("b5.db", true);
	PGconn *ca = join("lap-a5"), *cb = join("lap-b5");
	struct kerr err;
	CHECK_INT(syncdb_join(b, "lap-b5", &err), K_OK);
	work(a, "cora", "Amina");
	struct sync_audit s = {0};
	CHECK_INT(sync_audit_push(a, ca, &s, &err), K_OK);
	CHECK_INT(sync_audit_pull(b, cb, &s, &err), K_OK);
	work(b, "wes", "Bola");
	fixture_as(b, "wes");
	struct audit_check check;
	if (!CHECK_INT(audit_verify(b, &check, &err), K_OK))
		fprintf(stderr, "%s\n", err.msg);
	CHECK(check.keyed);
	CHECK(check.sealed > 0);
	CHECK_COUNT(b,
		    "SELECT count(*) FROM audit WHERE origin = '' AND action = 'setting' AND "
		    "entity = 'audit'",
		    1);
	PQfinish(ca), PQfinish(cb);
	store_close(a), store_close(b);
}

/* A row changed at the hub (by whoever holds its disk) does not match its hash, or (its hash
 * made again) the row after it no longer follows it: no laptop takes it nor any after it,
 * and each says so. */
static void a_row_changed_at_the_hub_is_refused(void)
{
	struct store *a = laptop("a6.db", false), *c = laptop("c6.db", true);
	PGconn *ca = join("lap-a6"), *cc = join("lap-c6");
	work(a, "cora", "Amina");
	struct sync_audit s = {0};
	struct kerr err;
	CHECK_INT(sync_audit_push(a, ca, &s, &err), K_OK);
	long long n = own(a), bad = team_rows + 1; /* the first row a wrote itself */
	char *at = xasprintf("%lld", bad), want[120];
	free(owner_says("UPDATE kith.audit SET body = jsonb_set(body, '{detail}', "
			"'\"nothing to see\"') WHERE laptop = 'lap-a6' AND seq = $1::bigint "
			"RETURNING seq",
			at));
	CHECK_INT(sync_audit_pull(c, cc, &s, &err), K_OK);
	snprintf(want, sizeof want, "row %lld of lap-a6's audit trail from the hub does not match",
		 bad);
	CHECK_HAS(s.problem, want);
	CHECK_COUNT(c, "SELECT seq FROM audit_tip WHERE origin = 'lap-a6'", bad - 1);
	CHECK_COUNT(c, "SELECT count(*) FROM audit WHERE origin = 'lap-a6'", 0); /* c had them */
	/* the same row with its hash made again breaks the chain after it instead */
	free(owner_says("UPDATE kith.audit SET body = jsonb_set(body, '{detail}', "
			"to_jsonb('quietly changed'::text)) WHERE laptop = 'lap-a6' AND seq = "
			"$1::bigint "
			"RETURNING seq",
			at));
	free(owner_says("UPDATE kith.audit SET hash = kith.audit_hash(body), body = "
			"jsonb_set(body, '{hash}', to_jsonb(kith.audit_hash(body))) WHERE laptop = "
			"'lap-a6' AND seq = $1::bigint RETURNING seq",
			at));
	memset(&s, 0, sizeof s);
	CHECK_INT(sync_audit_pull(c, cc, &s, &err), K_OK);
	snprintf(want, sizeof want, "row %lld of lap-a6's audit trail", bad + 1);
	CHECK_HAS(s.problem, want);
	CHECK_COUNT(c, "SELECT count(*) FROM audit WHERE origin = 'lap-a6'", 1);
	CHECK_INT(n, bad + 1); /* its login and the person it added */
	free(at);
	PQfinish(ca), PQfinish(cc);
	store_close(a), store_close(c);
}

/* Whether conn may not run sql: the hub says permission denied. */
static bool denied(PGconn *conn, const char *sql)
{
	PGresult *res = PQexec(conn, sql);
	bool no = PQresultStatus(res) == PGRES_FATAL_ERROR &&
		  strstr(PQresultErrorMessage(res), "permission denied");
	PQclear(res);
	return no;
}

/* A laptop reaches the hub's copy of the trails only through push_audit and pull_audit. */
static void a_laptop_reads_no_trail_but_through_the_functions(void)
{
	PGconn *ca = join("lap-a8");
	CHECK(denied(ca, "SELECT * FROM kith.audit"));
	CHECK(denied(ca, "UPDATE kith.audit SET hash = ''"));
	CHECK(denied(ca, "SELECT nextval('kith.audit_ord')"));
	CHECK(denied(ca, "SELECT kith.audit_fits('lap-a1', '{}', 0, '')"));
	CHECK(denied(ca, "SELECT kith.audit_hash('{}')"));
	CHECK(!denied(ca, "SELECT kith.push_audit('[]')"));
	CHECK(!denied(ca, "SELECT * FROM kith.pull_audit(0, 1)"));
	PQfinish(ca);
}

/* A revoked laptop's trail is neither taken nor given. */
static void a_revoked_laptop_is_refused(void)
{
	struct store *a = laptop("a7.db", false);
	PGconn *ca = join("lap-a7");
	free(owner_says("SELECT kith.revoke_laptop($1)", "lap-a7"));
	struct sync_audit s = {0};
	struct kerr err;
	CHECK(sync_audit_push(a, ca, &s, &err) != K_OK);
	CHECK(sync_audit_pull(a, ca, &s, &err) != K_OK);
	PQfinish(ca);
	store_close(a);
}

int main(void)
{
	fixture_scratch("sync-audit");
	team = fixture_path("team.db");
	struct store *st = fixture_open(team); /* closed, so that a copy of the file holds all */
	fixture_team(st);
	team_rows = own(st);
	store_close(st);
	hub_start();
	RUN(two_laptops_rows_reach_a_third);
	RUN(a_cut_tail_is_told_at_the_next_sync_and_by_verify);
	RUN(a_row_changed_on_a_laptop_is_refused);
	RUN(a_joined_laptop_keys_its_own_trail);
	RUN(a_row_changed_at_the_hub_is_refused);
	RUN(a_revoked_laptop_is_refused);
	RUN(a_laptop_reads_no_trail_but_through_the_functions);
	hub_stop();
	free(team);
	fixture_scratch_remove();
	return check_summary("sync-audit");
}
