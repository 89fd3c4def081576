/* The audit trail's part of a sync (kith.push_audit and kith.pull_audit in hub_audit.sql):
 * this laptop's rows up to the hub, checked against its copy of this laptop's chain; other
 * laptops' rows down into the local trail with their origin, each checked against its own
 * hash and its laptop's chain as held here. JSON is made and read by sqlite's functions. */
#include "sync_audit.h"
#include "audit_impl.h"

#include "pq.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "xalloc.h"

#define PUSH_ROWS 2000
#define PULL_ROWS 2000

/* ---- the hub ---- */

static int hub_failed(PGconn *conn, PGresult *res, struct kerr *err)
{
	char said[240];
	snprintf(said, sizeof said, "%s", res ? PQresultErrorMessage(res) : PQerrorMessage(conn));
	said[strcspn(said, "\n")] = '\0';
	PQclear(res);
	if (PQstatus(conn) != CONNECTION_OK)
		return kerr_set(err, K_IO, "hub", "the hub could not be reached: %s", said);
	if (strstr(said, "kith: this laptop was revoked") ||
	    strstr(said, "kith: not a laptop of this hub"))
		return kerr_set(err, K_REFUSED, "hub", "%s", strstr(said, "kith: ") + 6);
	return kerr_set(err, K_DB, "hub", "the hub could not take the audit trail: %s", said);
}

/* One statement with text parameters; *out is the rows (PQclear). */
static int hub_call(PGconn *conn, const char *sql, int n, const char *const *v, PGresult **out,
		    struct kerr *err)
{
	*out = PQexecParams(conn, sql, n, NULL, v, NULL, NULL, 0);
	if (PQresultStatus(*out) == PGRES_TUPLES_OK)
		return K_OK;
	int status = hub_failed(conn, *out, err);
	*out = NULL;
	return status;
}

/* ---- pushing this laptop's rows ---- */

/* What the hub said to push_audit: the last row of this laptop it holds, and what it refused. */
struct answer {
	long long last, at, accepted;
	char hash[HASH_HEX], refused[16];
};

static int read_answer(struct store *st, const char *json, struct answer *a, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(st,
				  "SELECT coalesce(json_extract(?1, '$.last'), 0), coalesce("
				  "json_extract(?1, '$.hash'), ''), coalesce(json_extract(?1, "
				  "'$.refused'), ''), coalesce(json_extract(?1, '$.at'), 0), "
				  "coalesce(json_extract(?1, '$.accepted'), 0)",
				  &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, json, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		a->last = sqlite3_column_int64(stmt, 0);
		snprintf(a->hash, sizeof a->hash, "%s", sqlite3_column_text(stmt, 1));
		snprintf(a->refused, sizeof a->refused, "%s", sqlite3_column_text(stmt, 2));
		a->at = sqlite3_column_int64(stmt, 3);
		a->accepted = sqlite3_column_int64(stmt, 4);
	}
	status = rc == SQLITE_ROW ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	return status;
}

static int push_json(struct store *st, PGconn *conn, const char *rows, struct answer *a,
		     struct kerr *err)
{
	PGresult *res = NULL;
	int status = hub_call(conn, "SELECT kith.push_audit($1::jsonb)::text", 1,
			      (const char *[]){rows}, &res, err);
	if (status == K_OK)
		status = read_answer(st, PQgetvalue(res, 0, 0), a, err);
	PQclear(res);
	return status;
}

/* This laptop's rows after `after`, at most max, as the JSON array push_audit takes. */
static int own_rows(struct store *st, long long after, long max, char **json, long *count,
		    struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(
		st,
		"SELECT json_group_array(json_object('seq', seq, 'id', id, 'worker_id', "
		"worker_id, 'action', action, 'entity', entity, 'record_id', record_id, "
		"'person_id', person_id, 'fields', fields, 'detail', detail, 'created_at', "
		"created_at, 'prev_hash', prev_hash, 'hash', hash)), count(*) FROM (SELECT * FROM "
		"audit WHERE origin = '' AND seq > ?1 ORDER BY seq LIMIT ?2)",
		&stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_int64(stmt, 1, after);
	sqlite3_bind_int64(stmt, 2, max);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*json = xstrdup((const char *)sqlite3_column_text(stmt, 0));
		*count = sqlite3_column_int(stmt, 1);
	}
	status = rc == SQLITE_ROW ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	return status;
}

/* Offers row seq alone: whether the hub's copy of it differs (held and the same: no). */
static int row_differs(struct store *st, PGconn *conn, long long seq, bool *differs,
		       struct kerr *err)
{
	char *json = NULL;
	long n = 0;
	struct answer a = {0};
	int status = own_rows(st, seq - 1, 1, &json, &n, err);
	if (status == K_OK)
		status = push_json(st, conn, json, &a, err);
	free(json);
	*differs = strcmp(a.refused, "differs") == 0;
	return status;
}

/* The first row where this trail and the hub's copy part, knowing they agree nowhere past
 * upto (the hub holds rows to upto, and the chain makes agreement at a row hold for all
 * before it): halving, one row offered at a time. */
static int first_difference(struct store *st, PGconn *conn, long long upto, long long *first,
			    struct kerr *err)
{
	long long lo = 1, hi = upto + 1; /* the answer lies in [lo, hi] */
	int status = K_OK;
	while (status == K_OK && lo < hi) {
		long long mid = lo + (hi - lo) / 2;
		bool differs = false;
		status = row_differs(st, conn, mid, &differs, err);
		if (differs)
			hi = mid;
		else
			lo = mid + 1;
	}
	*first = lo;
	return status;
}

static int own_last(struct store *st, long long *seq, char hash[HASH_HEX], struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(st,
				  "SELECT seq, hash FROM audit WHERE origin = '' ORDER BY seq DESC "
				  "LIMIT 1",
				  &stmt, err);
	if (status != K_OK)
		return status;
	int rc = sqlite3_step(stmt);
	*seq = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
	snprintf(hash, HASH_HEX, "%s",
		 rc == SQLITE_ROW ? (const char *)sqlite3_column_text(stmt, 1) : "");
	status = rc == SQLITE_ROW || rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	return status;
}

static int own_hash(struct store *st, long long seq, char hash[HASH_HEX], struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(st, "SELECT hash FROM audit WHERE origin = '' AND seq = ?1",
				  &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_int64(stmt, 1, seq);
	int rc = sqlite3_step(stmt);
	snprintf(hash, HASH_HEX, "%s",
		 rc == SQLITE_ROW ? (const char *)sqlite3_column_text(stmt, 0) : "");
	status = rc == SQLITE_ROW || rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	return status;
}

/* Remembers how far the hub holds this trail, so that kith audit verify can tell a cut tail
 * without the hub. */
static int save_acked(struct store *st, const struct answer *a, struct kerr *err)
{
	char last[24];
	snprintf(last, sizeof last, "%lld", a->last);
	int status = store_begin(st, err);
	if (status == K_OK)
		status = store_run(st,
				   "INSERT INTO audit_sync (id, acked, acked_hash) VALUES (1, ?1, "
				   "?2) ON CONFLICT (id) DO UPDATE SET acked = excluded.acked, "
				   "acked_hash = excluded.acked_hash",
				   (const char *[]){last, a->hash}, 2, err);
	return store_finish(st, status, err);
}

/* What a refusal means, for out->problem. */
static int explain(struct store *st, PGconn *conn, const struct answer *a, struct sync_audit *out,
		   struct kerr *err)
{
	long long first = a->at;
	int status = K_OK;
	if (strcmp(a->refused, "differs") == 0)
		status = first_difference(st, conn, a->last, &first, err);
	if (strcmp(a->refused, "tampered") == 0)
		snprintf(out->problem, sizeof out->problem,
			 "row %lld of this laptop's audit trail does not match its hash (it was "
			 "changed outside kith): the hub did not take it",
			 first);
	else if (strcmp(a->refused, "differs") == 0)
		snprintf(out->problem, sizeof out->problem,
			 "this laptop's audit trail differs from the hub's copy from row %lld: it "
			 "was changed outside kith",
			 first);
	else
		snprintf(out->problem, sizeof out->problem,
			 "the hub holds this laptop's audit trail to row %lld and could not take "
			 "row %lld (%s)",
			 a->last, a->at, a->refused);
	return status;
}

/* Where the hub's copy meets this trail: the hub holds no more than this laptop has, and its
 * last row is the one here. */
static int check_meeting(struct store *st, PGconn *conn, const struct answer *a,
			 struct sync_audit *out, struct kerr *err)
{
	long long mine = 0;
	char last[HASH_HEX], there[HASH_HEX];
	int status = own_last(st, &mine, last, err);
	if (status == K_OK && a->last > mine) {
		snprintf(out->problem, sizeof out->problem,
			 "this laptop's audit trail was cut: it ends at row %lld, but the hub "
			 "holds its rows to row %lld",
			 mine, a->last);
		return K_OK;
	}
	if (status == K_OK && a->last > 0)
		status = own_hash(st, a->last, there, err);
	if (status == K_OK && a->last > 0 && strcmp(there, a->hash) != 0) {
		struct answer d = *a;
		snprintf(d.refused, sizeof d.refused, "differs");
		status = explain(st, conn, &d, out, err);
	}
	return status;
}

int sync_audit_push(struct store *st, struct pg_conn *conn, struct sync_audit *out,
		    struct kerr *err)
{
	struct answer a = {0};
	int status = pq_load(err);
	if (status == K_OK)
		status = push_json(st, conn, "[]", &a, err);
	if (status == K_OK)
		status = check_meeting(st, conn, &a, out, err);
	while (status == K_OK && !out->problem[0]) {
		char *json = NULL;
		long n = 0;
		status = own_rows(st, a.last, PUSH_ROWS, &json, &n, err);
		if (status == K_OK && n > 0)
			status = push_json(st, conn, json, &a, err);
		free(json);
		if (status == K_OK && n > 0)
			out->pushed += a.accepted;
		if (status == K_OK && a.refused[0])
			status = explain(st, conn, &a, out, err);
		if (n < PUSH_ROWS)
			break;
	}
	out->hub_has = a.last;
	if (status == K_OK)
		status = save_acked(st, &a, err);
	return status;
}

/* ---- pulling other laptops' rows ---- */

/* A row as the hub sends it: the values its hash covers, and that hash. */
struct pulled {
	char *v[H_COUNT];
	char *hash;
};

static void pulled_free(struct pulled *p)
{
	for (int i = 0; i < H_COUNT; i++)
		free(p->v[i]);
	free(p->hash);
}

static int read_pulled(struct store *st, const char *body, struct pulled *p, struct kerr *err)
{
	memset(p, 0, sizeof *p);
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(st,
				  "SELECT json_extract(?1, '$.seq'), json_extract(?1, '$.id'), "
				  "json_extract(?1, '$.worker_id'), json_extract(?1, '$.action'), "
				  "json_extract(?1, '$.entity'), json_extract(?1, '$.record_id'), "
				  "json_extract(?1, '$.person_id'), json_extract(?1, '$.fields'), "
				  "json_extract(?1, '$.detail'), json_extract(?1, '$.created_at'), "
				  "json_extract(?1, '$.prev_hash'), json_extract(?1, '$.hash')",
				  &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, body, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	for (int i = 0; rc == SQLITE_ROW && i <= H_COUNT; i++) {
		const char *text = (const char *)sqlite3_column_text(stmt, i);
		char *copy = text ? xstrdup(text) : NULL;
		if (i < H_COUNT)
			p->v[i] = copy;
		else
			p->hash = copy;
	}
	status = rc == SQLITE_ROW ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	return status;
}

/* One number about a pulled row, from the local trail: the first column of the first row. */
static int ask(struct store *st, const char *sql, const char *const *v, int n, char *out,
	       size_t size, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(st, sql, &stmt, err);
	if (status != K_OK)
		return status;
	for (int i = 0; i < n; i++)
		sqlite3_bind_text(stmt, i + 1, v[i], -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	const char *text = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(stmt, 0) : NULL;
	snprintf(out, size, "%s", text ? text : "");
	status = rc == SQLITE_ROW || rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return status;
}

enum take { TAKE, SKIP, WAIT, REFUSE };

/* Whether the row is here already: the same row (pulled before, or of a trail this file was
 * copied from) is skipped; another row in its place is refused. */
static int held_here(struct store *st, const char *laptop, const struct pulled *p, enum take *t,
		     struct kerr *err)
{
	char there[HASH_HEX];
	int status = ask(st,
			 "SELECT hash FROM audit WHERE (origin = ?1 AND seq = ?2) OR id = ?3 "
			 "LIMIT 1",
			 (const char *[]){laptop, p->v[H_SEQ], p->v[H_ID]}, 3, there, sizeof there,
			 err);
	if (status == K_OK && there[0])
		*t = strcmp(there, p->hash) == 0 ? SKIP : REFUSE;
	return status;
}

/* Whether the row follows the last row of its laptop's trail taken here (its tip), or
 * begins the trail. */
static int follows(struct store *st, const char *laptop, const struct pulled *p, bool *yes,
		   struct kerr *err)
{
	const char *prev = p->v[H_PREV] ? p->v[H_PREV] : "";
	char found[8];
	int status = ask(st,
			 "SELECT 1 WHERE coalesce((SELECT seq = ?2 - 1 AND hash = ?3 FROM "
			 "audit_tip WHERE origin = ?1), CAST(?2 AS INTEGER) = 1 AND ?3 = '')",
			 (const char *[]){laptop, p->v[H_SEQ], prev}, 3, found, sizeof found, err);
	*yes = found[0] != '\0';
	return status;
}

/* The row taken, or found here already: the next of its trail follows it. */
static int move_tip(struct store *st, const char *laptop, const struct pulled *p, struct kerr *err)
{
	return store_run(st,
			 "INSERT INTO audit_tip (origin, seq, hash) VALUES (?1, ?2, ?3) ON "
			 "CONFLICT (origin) DO UPDATE SET seq = excluded.seq, hash = "
			 "excluded.hash WHERE excluded.seq > audit_tip.seq",
			 (const char *[]){laptop, p->v[H_SEQ], p->hash}, 3, err);
}

/* Whether a pulled row may be taken: its hash holds, it is not here, it follows its chain,
 * and its worker's account is here (else it waits for the next sync). */
static int judge(struct store *st, const char *laptop, const struct pulled *p, enum take *t,
		 struct kerr *err)
{
	char hash[HASH_HEX], worker[8];
	*t = TAKE;
	if (!p->v[H_SEQ] || !p->v[H_ID] || !p->v[H_ACTION] || !p->v[H_WHEN] || !p->hash) {
		*t = REFUSE;
		return K_OK;
	}
	audit_hash_row((const char *const *)p->v, hash);
	if (strcmp(hash, p->hash) != 0) {
		*t = REFUSE;
		return K_OK;
	}
	int status = held_here(st, laptop, p, t, err);
	bool yes = true;
	if (status == K_OK && *t == TAKE)
		status = follows(st, laptop, p, &yes, err);
	if (status == K_OK && !yes)
		*t = REFUSE;
	if (status == K_OK && *t == TAKE && p->v[H_WORKER])
		status = ask(st, "SELECT 1 FROM worker WHERE id = ?1",
			     (const char *[]){p->v[H_WORKER]}, 1, worker, sizeof worker, err);
	if (status == K_OK && *t == TAKE && p->v[H_WORKER] && !worker[0])
		*t = WAIT;
	return status;
}

static int insert_pulled(struct store *st, const char *laptop, const struct pulled *p,
			 struct kerr *err)
{
	const char *const *v = (const char *const *)p->v;
	const char *row[] = {v[H_SEQ],    v[H_ID],     v[H_WORKER], v[H_ACTION], v[H_ENTITY],
			     v[H_RECORD], v[H_PERSON], v[H_FIELDS], v[H_DETAIL], v[H_WHEN],
			     v[H_PREV],   p->hash,     laptop};
	return store_run(st,
			 "INSERT INTO audit (seq, id, worker_id, action, entity, record_id, "
			 "person_id, fields, detail, created_at, prev_hash, hash, origin, "
			 "updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, coalesce(?5, ''), ?6, "
			 "?7, coalesce(?8, ''), coalesce(?9, ''), ?10, coalesce(?11, ''), ?12, "
			 "?13, ?10, ?3)",
			 row, 13, err);
}

/* Takes one pulled row, or says why not; *t says what became of it. */
static int take_row(struct store *st, const char *laptop, const char *body, enum take *t,
		    struct sync_audit *out, struct kerr *err)
{
	struct pulled p;
	int status = read_pulled(st, body, &p, err);
	if (status == K_OK)
		status = judge(st, laptop, &p, t, err);
	if (status == K_OK && *t == TAKE)
		status = insert_pulled(st, laptop, &p, err);
	if (status == K_OK && (*t == TAKE || *t == SKIP))
		status = move_tip(st, laptop, &p, err);
	if (status == K_OK && *t == TAKE)
		out->pulled++;
	if (status == K_OK && *t == REFUSE)
		snprintf(out->problem, sizeof out->problem,
			 "row %s of %s's audit trail from the hub does not match its hash or "
			 "follow that laptop's rows here (the hub's copy was changed): it was not "
			 "taken",
			 p.v[H_SEQ] ? p.v[H_SEQ] : "?", laptop);
	pulled_free(&p);
	return status;
}

static int save_pulled(struct store *st, long long cursor, struct kerr *err)
{
	char at[24];
	snprintf(at, sizeof at, "%lld", cursor);
	return store_run(st,
			 "INSERT INTO audit_sync (id, pulled) VALUES (1, ?1) ON CONFLICT (id) DO "
			 "UPDATE SET pulled = excluded.pulled",
			 (const char *[]){at}, 1, err);
}

/* One page in one transaction; *more says whether to ask for another. */
static int take_page(struct store *st, PGresult *res, long long *cursor, bool *more,
		     struct sync_audit *out, struct kerr *err)
{
	int n = PQntuples(res);
	*more = n == PULL_ROWS;
	int status = store_begin(st, err);
	for (int i = 0; status == K_OK && i < n; i++) {
		enum take t = TAKE;
		status = take_row(st, PQgetvalue(res, i, 1), PQgetvalue(res, i, 2), &t, out, err);
		if (status == K_OK && (t == WAIT || t == REFUSE)) {
			*more = false;
			break;
		}
		*cursor = strtoll(PQgetvalue(res, i, 0), NULL, 10);
	}
	if (status == K_OK)
		status = save_pulled(st, *cursor, err);
	return store_finish(st, status, err);
}

int sync_audit_pull(struct store *st, struct pg_conn *conn, struct sync_audit *out,
		    struct kerr *err)
{
	char at[24];
	int status = pq_load(err);
	if (status == K_OK)
		status = ask(st, "SELECT pulled FROM audit_sync WHERE id = 1", NULL, 0, at,
			     sizeof at, err);
	long long cursor = strtoll(at, NULL, 10);
	bool more = true;
	while (status == K_OK && more) {
		char after[24], max[24];
		snprintf(after, sizeof after, "%lld", cursor);
		snprintf(max, sizeof max, "%d", PULL_ROWS);
		PGresult *res = NULL;
		status = hub_call(conn, "SELECT ord, laptop, body FROM kith.pull_audit($1, $2)", 2,
				  (const char *[]){after, max}, &res, err);
		if (status == K_OK)
			status = take_page(st, res, &cursor, &more, out, err);
		PQclear(res);
	}
	return status;
}
