/* kith sync: push the outbox in batches whose ids are saved before they go (so a batch sent
 * again after a lost answer is a no-op at the hub), pull what the hub has after this laptop's
 * cursor, and push and pull again what applying it changed here. Every step leaves the laptop
 * consistent on its own: a connection that drops anywhere loses nothing, and the next sync
 * carries on from where this one stopped. */
#include "sync.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "entity.h"
#include "hub_schema.h"
#include "jsonr.h"
#include "schema.h"
#include "store.h"
#include "sync_audit.h"
#include "sync_impl.h"
#include "syncdb.h"
#include "testhook.h"
#include "xalloc.h"

#define PULL_PAGE 5000
/* A pull this far behind the hub (a new laptop's first sync, a laptop back after months) goes
 * in bulk: pages of BULK_PAGE rows (the triggers set aside and their work done once a page),
 * GROUP_ROWS to a transaction, written as an import writes (a big cache, no log): a borough
 * took 197 s of processor time in pages of 5,000, one transaction each, through the log. A
 * page of a borough's rows is some 40 MB in memory, and two are (one applied, one coming). */
#define BULK_PULL 50000
#define BULK_PAGE 50000
#define GROUP_ROWS 250000
#define BULK_CACHE_MB 512 /* as an import's, and the baseline's */
#define PUSH_KEYS 2000
#define ERASURE_RETRIES 5
/* People who came and are checked for a likely twin here: a drop-in's sync brings a few; a
 * new laptop's first brings everyone, who were checked where they were recorded. */
#define TWIN_CHECKS 500

struct run {
	struct store *st;
	struct sync_conn conn;
	sync_progress_fn progress;
	void *ctx;
	struct sync_summary *out;
	char laptop[64];
	long long start, cursor, hub_seq;
	long pending, pushed;
	int page;                              /* rows asked for at a time */
	long long bulk_from, bulk_page, group; /* BULK_PULL, BULK_PAGE, GROUP_ROWS */
	bool stopped;
	bool asked;    /* a page is asked for and not yet read */
	bool sees_all; /* whoever syncs sees every restricted person: decided once, at the start */
	char **people; /* the ids of the people who came, up to TWIN_CHECKS */
	int npeople;
	size_t cap;
	bool too_many;
	long refused;           /* the hub's rows left out here: they break a rule of this kith */
	char refused_what[160]; /* the first of them */
	uint64_t *went;         /* the rows that went (went_before), a hash set */
	size_t went_cap, went_n;
};

static bool report(struct run *r, const char *phase, double done)
{
	if (!r->progress || r->stopped)
		return !r->stopped;
	done = done < 0 ? 0 : done > 1 ? 1 : done;
	r->stopped = !r->progress(r->ctx, phase, done);
	return !r->stopped;
}

/* The summary's line for tbl (one of SYNCDB_TABLES; NULL for a table this kith lacks). */
static struct sync_table_count *line_of(struct sync_summary *s, const char *tbl)
{
	const char *name = NULL;
	for (int i = 0; i < SYNCDB_NTABLES && !name; i++)
		if (strcmp(SYNCDB_TABLES[i].name, tbl) == 0)
			name = SYNCDB_TABLES[i].name;
	if (!name)
		return NULL;
	int n = 0, max = (int)(sizeof s->by_table / sizeof s->by_table[0]) - 1;
	for (; n < max && s->by_table[n].tbl; n++)
		if (strcmp(s->by_table[n].tbl, name) == 0)
			return &s->by_table[n];
	if (n == max)
		return NULL;
	s->by_table[n] = (struct sync_table_count){.tbl = name};
	s->by_table[n + 1].tbl = NULL;
	return &s->by_table[n];
}

/* Whether the one syncing may be told of a row about person (NULL or "": about no one): a
 * worker hears nothing that depends on a restricted person they may not see, not even that
 * one arrived or was erased, nor anything about a person erased here (whose restriction
 * went with their details). */
static bool may_tell(struct run *r, const char *person)
{
	if (r->sees_all || !person || !*person)
		return true;
	if (entity_may_touch_person(r->st, person, NULL) != K_OK)
		return false;
	sqlite3_stmt *stmt = NULL;
	bool erased = true; /* when it cannot be asked, nothing is told */
	if (store_cached(r->st, "SELECT 1 FROM erasure WHERE person_id = ?1", &stmt, NULL) ==
	    K_OK) {
		sqlite3_bind_text(stmt, 1, person, -1, SQLITE_TRANSIENT);
		erased = sqlite3_step(stmt) != SQLITE_DONE;
		sqlite3_reset(stmt);
	}
	return !erased;
}

/* may_tell of the person a row is about: a person row's own key, else its person_id. */
static bool countable(struct run *r, const char *tbl, const char *key, const struct jsonr *data)
{
	return may_tell(r, strcmp(tbl, "person") == 0 ? key : jsonr_text(data, "person_id"));
}

static void came_person(struct run *r, const char *id)
{
	if (r->npeople == TWIN_CHECKS) {
		r->too_many = true;
		return;
	}
	r->people = xgrow(r->people, (size_t)r->npeople, &r->cap, sizeof *r->people);
	r->people[r->npeople++] = xstrdup(id);
}

/* What came in a page: counted by table, leaving out this laptop's own rows coming back. */
static void count_came(struct run *r, const PGresult *res, const struct syncdb_row *rows, int n)
{
	int who = PQfnumber(res, "laptop");
	for (int i = 0; i < n; i++) {
		if ((who >= 0 && strcmp(PQgetvalue(res, i, who), r->laptop) == 0) || !rows[i].data)
			continue;
		struct jsonr *data = r->sees_all ? NULL : sync_json(rows[i].data);
		bool tell = countable(r, rows[i].tbl, rows[i].key, data);
		jsonr_free(data);
		if (!tell)
			continue;
		if (strcmp(rows[i].tbl, "person") == 0)
			came_person(r, rows[i].key);
		struct sync_table_count *line = line_of(r->out, rows[i].tbl);
		if (line)
			line->came++;
		r->out->came++;
	}
}

/* The page's rows, pointing into res. */
static struct syncdb_row *page_rows(const PGresult *res, int n, struct kerr *err)
{
	int f[4] = {PQfnumber(res, "seq"), PQfnumber(res, "tbl"), PQfnumber(res, "key"),
		    PQfnumber(res, "data")};
	if (f[0] < 0 || f[1] < 0 || f[2] < 0 || f[3] < 0) {
		kerr_set(err, K_DB, "hub",
			 "the hub's kith.pull gave rows without seq, tbl, key and "
			 "data: is it kith's hub?");
		return NULL;
	}
	struct syncdb_row *rows = xcalloc((size_t)(n ? n : 1), sizeof *rows);
	for (int i = 0; i < n; i++)
		rows[i] = (struct syncdb_row){
			.seq = atoll(PQgetvalue(res, i, f[0])),
			.tbl = PQgetvalue(res, i, f[1]),
			.key = PQgetvalue(res, i, f[2]),
			/* NULL: this laptop's own, as it sent it */
			.data = PQgetisnull(res, i, f[3]) ? NULL : PQgetvalue(res, i, f[3])};
	return rows;
}

/* How many of a page's erasures the one syncing may be told of, read before they are done
 * (an erased person is blanked): a worker hears nothing of a restricted person they may not
 * see, not even that they were erased. */
static long erasures_seen(struct run *r, const struct syncdb_row *rows, int n)
{
	long seen = 0;
	for (int i = 0; i < n; i++)
		if (strcmp(rows[i].tbl, "erasure") == 0)
			seen += may_tell(r, rows[i].key);
	return seen;
}

/* Asks the hub for the page after `after`, without waiting for it. */
static int send_pull(struct run *r, long long after, struct kerr *err)
{
	char from[24], max[16];
	snprintf(from, sizeof from, "%lld", after);
	snprintf(max, sizeof max, "%d", r->page);
	/* quiet: the rows this laptop pushed and the hub holds as sent come without their data.
	 * Only past where the hub was at hello: what this sync pushed, which is here; a row
	 * pushed before (by a file since put back to an older copy, say) comes whole. */
	const char *p[] = {from, max, after >= r->hub_seq ? "true" : "false"};
	int status = sync_send(&r->conn, "SELECT * FROM kith.pull($1::bigint, $2::int, $3::bool)",
			       p, 3, err);
	r->asked = status == K_OK;
	return status;
}

/* The page asked for, applied in one transaction that moves the cursor; the next is asked
 * for first, so that the hub reads it while this one is applied (the hub then takes this
 * laptop to be a page further on than it is, till its next pull). *more: rows came, so there
 * may be more. */
static int pull_page(struct run *r, bool *more, struct kerr *err)
{
	PGresult *res;
	*more = false;
	r->asked = false;
	int status = sync_receive(&r->conn, &res, err);
	if (status != K_OK)
		return status;
	int n = PQntuples(res);
	struct syncdb_row *rows = page_rows(res, n, err);
	struct syncdb_applied applied = {0};
	status = rows ? K_OK : K_DB;
	if (status == K_OK && n > 0) /* until a page comes back empty: the hub knows we are level */
		status = send_pull(r, rows[n - 1].seq, err);
	long seen = status == K_OK ? erasures_seen(r, rows, n) : 0;
	if (status == K_OK && n > 0)
		status = syncdb_apply(r->st, rows, n, rows[n - 1].seq, &applied, err);
	if (status == K_OK && n > 0) {
		count_came(r, res, rows, n);
		r->cursor = rows[n - 1].seq;
		r->out->held += applied.skipped;
		if (applied.refused && !r->refused)
			snprintf(r->refused_what, sizeof r->refused_what, "%s",
				 applied.refused_what);
		r->refused += applied.refused;
		r->out->erased += seen < applied.erased ? seen : applied.erased;
		*more = true;
	}
	free(rows);
	PQclear(res);
	return status;
}

/* The pull's progress told; false when the one syncing stopped it. */
static bool go_on(struct run *r)
{
	double span = (double)(r->hub_seq - r->start);
	return report(r, "pull", span > 0 ? (double)(r->cursor - r->start) / span : 1);
}

/* The end of a group of pages in one transaction: committed, or rolled back to where it
 * began (the cursor with it). */
static int end_group(struct run *r, long long began, int status, struct kerr *err)
{
	store_flat(r->st, false);
	status = store_finish(r->st, status, err);
	if (status != K_OK)
		r->cursor = began;
	return status;
}

/* Pages in bulk: GROUP_ROWS of the hub's numbers (rows, or fewer) to a transaction (a kill
 * loses that much work at most, and no rows: the cursor moves with them), foreign keys
 * waiting for the parents still to come. */
static int pull_bulk(struct run *r, struct kerr *err)
{
	bool more = true;
	int status = store_exec(r->st, "PRAGMA foreign_keys = OFF", err);
	while (status == K_OK && more) {
		long long began = r->cursor;
		status = store_begin(r->st, err);
		if (status != K_OK)
			break;
		store_flat(r->st, true); /* all or nothing: a page needs no savepoint of its own */
		while (status == K_OK && more && r->cursor - began < r->group)
			if ((more = go_on(r)))
				status = pull_page(r, &more, err);
		status = end_group(r, began, status, err);
	}
	struct kerr e;
	int on = store_exec(r->st, "PRAGMA foreign_keys = ON", &e);
	if (status == K_OK && on != K_OK)
		*err = e, status = on;
	return status;
}

static int pull_all(struct run *r, struct kerr *err)
{
	bool more = true, bulk = r->hub_seq - r->cursor >= r->bulk_from;
	int status = bulk ? store_bulk_start(r->st, BULK_CACHE_MB, err) : K_OK;
	r->page = bulk ? (int)r->bulk_page : PULL_PAGE;
	if (status == K_OK)
		status = send_pull(r, r->cursor, err);
	if (status == K_OK && bulk)
		status = pull_bulk(r, err);
	while (status == K_OK && more && !bulk && go_on(r))
		status = pull_page(r, &more, err);
	if (r->asked) /* stopped, or this page failed: the next one is not wanted */
		sync_drop_answer(&r->conn);
	r->asked = false;
	if (bulk) {
		struct kerr e;
		int ended = store_bulk_end(r->st, &e);
		if (status == K_OK && ended != K_OK)
			*err = e, status = ended;
	}
	return status;
}

static void grow_went(struct run *r)
{
	size_t cap = r->went_cap ? r->went_cap * 2 : 1024;
	uint64_t *slot = xcalloc(cap, sizeof *slot);
	for (size_t i = 0; i < r->went_cap; i++) {
		size_t j = r->went[i] & (cap - 1);
		while (r->went[i] && slot[j])
			j = (j + 1) & (cap - 1);
		if (r->went[i])
			slot[j] = r->went[i];
	}
	free(r->went);
	r->went = slot;
	r->went_cap = cap;
}

/* Whether the row went already in this sync: its changes may take two batches, and what
 * applying the hub's rows changed goes in a second round. Kept as hashes, 8 bytes a row. */
static bool went_before(struct run *r, const char *tbl, const char *key)
{
	if (2 * (r->went_n + 1) > r->went_cap)
		grow_went(r);
	uint64_t h = syncdb_key_hash(tbl, key) | 1; /* 0: an empty slot */
	size_t i = h & (r->went_cap - 1);
	for (; r->went[i]; i = (i + 1) & (r->went_cap - 1))
		if (r->went[i] == h)
			return true;
	r->went[i] = h;
	r->went_n++;
	return false;
}

/* The batch's rows counted by table, for the summary, once the hub has them: each row once a
 * sync, however many batches took it. */
static void count_went(struct run *r, const struct syncdb_batch *b, const struct jsonr *v)
{
	for (size_t i = 0; v && v->type == JSONR_ARRAY && i < v->n; i++) {
		const struct jsonr *row = &v->item[i];
		const char *tbl = jsonr_text(row, "t"), *key = jsonr_text(row, "k");
		if (went_before(r, tbl, key) || !countable(r, tbl, key, jsonr_get(row, "d")))
			continue;
		struct sync_table_count *line = line_of(r->out, tbl);
		if (line)
			line->went++;
		r->out->went++;
	}
	r->pushed += b->count;
}

/* The row of the batch with table tbl and key key (the row as it is here), or NULL. */
static const struct jsonr *batch_row(const struct jsonr *batch, const char *tbl, const char *key)
{
	for (size_t i = 0; batch && batch->type == JSONR_ARRAY && i < batch->n; i++) {
		const struct jsonr *row = &batch->item[i];
		if (strcmp(jsonr_text(row, "t"), tbl) == 0 &&
		    strcmp(jsonr_text(row, "k"), key) == 0)
			return row;
	}
	return NULL;
}

/* The fields where this laptop's change replaced another laptop's: what someone typed, not
 * when or by whom a record was last changed; and only on rows
 * about someone the one syncing may see (a worker is not told of a conflict over a
 * restricted person, as the engine counts only the rows they see). */
static void count_conflicts(struct run *r, const struct jsonr *list, const struct jsonr *batch)
{
	static const char *const BOOKKEEPING[] = {"updated_at", "updated_by", "created_at", NULL};
	for (size_t i = 0; list && list->type == JSONR_ARRAY && i < list->n; i++) {
		const char *col = jsonr_text(&list->item[i], "col");
		bool kept = true;
		for (int k = 0; BOOKKEEPING[k] && kept; k++)
			kept = strcmp(col, BOOKKEEPING[k]) != 0;
		const char *tbl = jsonr_text(&list->item[i], "t");
		const char *key = jsonr_text(&list->item[i], "k");
		const struct jsonr *row = r->sees_all ? NULL : batch_row(batch, tbl, key);
		if (kept && !r->sees_all) /* a row not found in the batch: not told */
			kept = row && countable(r, tbl, key, jsonr_get(row, "d"));
		r->out->conflicts += kept;
	}
}

/* What the hub said to a batch: taken (now or before: "repeat"), or refused because an
 * erasure came after this laptop's cursor (*again: pull, then push again). */
static int push_answer(struct run *r, const struct syncdb_batch *b, const char *answer, bool *again,
		       struct kerr *err)
{
	struct jsonr *v = sync_json(answer);
	const char *refused = v ? jsonr_text(v, "refused") : "";
	int status = K_OK;
	if (!v || v->type != JSONR_OBJECT)
		status = kerr_set(err, K_DB, "hub",
				  "the hub's answer to a push was not understood");
	else if (strcmp(refused, "erasure") == 0)
		*again = true;
	else if (*refused)
		status = kerr_set(err, K_REFUSED, "hub",
				  "the hub refused this laptop's changes: %.200s", refused);
	struct jsonr *batch = status == K_OK && !*again ? sync_json(b->json) : NULL;
	if (status == K_OK && !*again) {
		count_conflicts(r, jsonr_get(v, "conflicts"), batch);
		status = syncdb_batch_done(r->st, b, err);
	}
	if (status == K_OK && !*again)
		count_went(r, b, batch);
	jsonr_free(batch);
	jsonr_free(v);
	return status;
}

static int push_batch(struct run *r, const struct syncdb_batch *b, bool *again, struct kerr *err)
{
	char base[24];
	snprintf(base, sizeof base, "%lld", r->cursor);
	const char *p[] = {b->id, base, b->json};
	char *answer = NULL;
	*again = false;
	int status = sync_call_value(&r->conn, "SELECT kith.push($1::uuid, $2::bigint, $3::jsonb)",
				     p, 3, &answer, err);
	if (status == K_OK)
		status = push_answer(r, b, answer, again, err);
	free(answer);
	return status;
}

/* The outbox, batch by batch; an erasure that reached the hub first is pulled (and done
 * here) before the batch goes again. */
static int push_all(struct run *r, struct kerr *err)
{
	int refusals = 0, status = K_OK;
	while (status == K_OK) {
		struct syncdb_batch b = {0};
		if (!report(r, "push", r->pending > 0 ? (double)r->pushed / (double)r->pending : 1))
			break;
		status = syncdb_batch(r->st, PUSH_KEYS, &b, err);
		if (status != K_OK || b.count == 0) {
			syncdb_batch_free(&b);
			break;
		}
		bool again = false;
		status = push_batch(r, &b, &again, err);
		syncdb_batch_free(&b);
		if (status == K_OK && again && ++refusals > ERASURE_RETRIES)
			status = kerr_set(
				err, K_BUSY, "hub",
				"erasures kept reaching the hub while this laptop pushed: "
				"sync again in a moment; your work is kept here");
		else if (status == K_OK && again)
			status = pull_all(r, err);
	}
	return status;
}

/* Who this laptop is at the hub and how far the hub has got; a newer kith's data is kept by
 * the hub and shows here once this kith is upgraded. */
static int hello(struct run *r, struct kerr *err)
{
	char version[16], *answer = NULL;
	snprintf(version, sizeof version, "%d", SCHEMA_VERSION);
	const char *p[] = {version};
	int status = sync_call_value(&r->conn, "SELECT kith.hello($1::int)", p, 1, &answer, err);
	struct jsonr *v = status == K_OK ? sync_json(answer) : NULL;
	if (status == K_OK && (!v || !*jsonr_text(v, "laptop")))
		status = kerr_set(err, K_DB, "hub",
				  "the hub at %s did not say who this laptop is: "
				  "is it kith's hub?",
				  r->conn.where);
	if (status == K_OK && atoi(jsonr_text(v, "hub")) < HUB_SCHEMA_VERSION)
		status = kerr_set(
			err, K_REFUSED, "hub",
			"the hub at %s was made by an older kith: an admin runs kith hub "
			"init with the owner's connection string again (it keeps all the hub "
			"holds), then this laptop syncs",
			r->conn.where);
	if (status == K_OK && atoll(jsonr_text(v, "seq")) < r->cursor)
		status = kerr_set(
			err, K_REFUSED, "hub",
			"the hub at %s holds less than this laptop has already had from it "
			"(it was put back to an older copy): its operator moves the hub's "
			"numbering past what laptops had, and each laptop joins again; your "
			"work is kept here",
			r->conn.where);
	if (status == K_OK) {
		r->hub_seq = atoll(jsonr_text(v, "seq"));
		snprintf(r->laptop, sizeof r->laptop, "%s", jsonr_text(v, "laptop"));
		int newer = atoi(jsonr_text(v, "data_version"));
		if (newer > SCHEMA_VERSION)
			snprintf(r->out->note, sizeof r->out->note,
				 "A newer kith has run kith hub init on this hub: what only it "
				 "records is kept by the hub and shows here once this kith is "
				 "upgraded.");
	}
	jsonr_free(v);
	free(answer);
	return status;
}

/* A sentence added to the summary's note. */
static void add_note(struct run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add_note(struct run *r, const char *fmt, ...)
{
	char *note = r->out->note;
	size_t used = strlen(note);
	if (used && used + 1 < sizeof r->out->note)
		note[used++] = ' ', note[used] = '\0';
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(note + used, sizeof r->out->note - used, fmt, ap);
	va_end(ap);
}

/* The audit trails: this laptop's rows up, other laptops' down (after the records, whose
 * accounts they name). A trail cut or changed is told in the note, not as a failure: the
 * records still sync. */
static int audit_trails(struct run *r, struct kerr *err)
{
	struct sync_audit a = {0};
	int status = sync_audit_push(r->st, r->conn.pg, &a, err);
	if (status == K_OK)
		status = sync_audit_pull(r->st, r->conn.pg, &a, err);
	if (status == K_OK && a.problem[0])
		add_note(r, "The audit trail: %s.", a.problem);
	return status;
}

/* The hub's rows left out here as they break a rule of this kith (syncdb_apply): told to a
 * coordinator or admin (a worker may not hear of a row about a restricted person; the audit
 * keeps each), so that someone sees to the laptop whose kith made them. */
static void refused_note(struct run *r)
{
	if (!r->refused || !r->sees_all)
		return;
	if (r->refused == 1)
		add_note(r,
			 "1 row from the hub was left out here as it breaks a rule of this kith "
			 "(%s); the audit has it, and the rows after it came.",
			 r->refused_what);
	else
		add_note(r,
			 "%ld rows from the hub were left out here as they break rules of this "
			 "kith (the first: %s); the audit has each, and the rows after them came.",
			 r->refused, r->refused_what);
}

/* Records how the sync ended and fills the rest of the summary. */
static int finish(struct run *r, int status, struct kerr *err)
{
	struct kerr e;
	const char *failed = status != K_OK ? err->msg
			     : r->stopped   ? "stopped before the end"
					    : NULL;
	int done = syncdb_finish(r->st, failed, &e);
	if (status == K_OK && done != K_OK) {
		*err = e;
		status = done;
	}
	struct syncdb_state after;
	if (syncdb_state(r->st, &after, &e) == K_OK)
		snprintf(r->out->when, sizeof r->out->when, "%s", after.last_sync);
	r->out->cursor = r->cursor;
	if (status == K_OK && r->stopped)
		snprintf(r->out->note, sizeof r->out->note,
			 "Stopped before the end: what was done stays done, and the rest goes at "
			 "the next sync.");
	return status;
}

/* Reads what sync_run needs before it connects: the laptop's state and connection string. */
static int start(struct run *r, char **conninfo, struct kerr *err)
{
	struct syncdb_state state;
	int status = syncdb_state(r->st, &state, err);
	bool arriving = status == K_OK && sync_arriving(r->st) && store_role(r->st) == ROLE_NONE;
	if (status == K_OK && !arriving)
		status = auth_require(r->st, AUTH_RECORDS, err);
	if (status == K_OK && !state.joined)
		status = kerr_set(err, K_NOT_FOUND, "hub", SYNC_NOT_JOINED);
	if (status == K_OK)
		status = sync_hub_read(r->st, conninfo, err);
	if (status == K_OK) {
		snprintf(r->laptop, sizeof r->laptop, "%s", state.laptop);
		r->start = r->cursor = state.cursor;
		r->pending = (long)state.pending;
		r->sees_all = entity_sees_all(r->st);
	}
	/* a test build's KITH_SYNC_BULK=N: the bulk path from N rows behind, N rows a page, 3N a
	 * transaction, so that a small hub takes it */
	const char *n = testhook_env("KITH_SYNC_BULK");
	long long k = n ? atoll(n) : 0;
	r->bulk_from = k > 0 ? k : BULK_PULL;
	r->bulk_page = k > 0 ? k : BULK_PAGE;
	r->group = k > 0 ? 3 * k : GROUP_ROWS;
	return status;
}

int sync_run(struct store *st, sync_progress_fn progress, void *ctx, struct sync_summary *out,
	     struct kerr *err)
{
	memset(out, 0, sizeof *out);
	struct run r = {.st = st, .progress = progress, .ctx = ctx, .out = out};
	char *conninfo = NULL;
	int status = start(&r, &conninfo, err);
	if (status != K_OK) {
		sync_forget(&conninfo);
		return status;
	}
	status = sync_conn_open(&r.conn, conninfo, err);
	sync_forget(&conninfo);
	if (status == K_OK)
		status = hello(&r, err);
	/* Push before pulling: a batch whose answer was lost last time must go again before any
	 * pull, for a pull would hold back the hub's rows of its keys (still in the outbox) and
	 * move past them, and the hub, taking it again as a repeat, stamps nothing anew. */
	if (status == K_OK)
		status = push_all(&r, err);
	if (status == K_OK) /* what the hub made of ours, and what others pushed meanwhile */
		status = pull_all(&r, err);
	long pushed = r.pushed;
	if (status == K_OK) /* what applying them changed here (a name made unique, an erasure) */
		status = push_all(&r, err);
	if (status == K_OK && r.pushed > pushed)
		status = pull_all(&r, err);
	if (status == K_OK && !r.stopped && store_role(st) >= ROLE_COORDINATOR)
		hub_waiting_note(&r.conn, out->note, sizeof out->note);
	refused_note(&r);
	if (status == K_OK && !r.stopped)
		status = audit_trails(&r, err);
	sync_conn_close(&r.conn);
	/* names only for someone logged in (not one ending a first sync without logging in) */
	if (status == K_OK && !r.too_many && auth_allows(st, AUTH_RECORDS))
		sync_twins_note(st, r.people, r.npeople, out->twins, sizeof out->twins);
	for (int i = 0; i < r.npeople; i++)
		free(r.people[i]);
	free(r.people);
	free(r.went);
	return finish(&r, status, err);
}

bool sync_joined(struct store *st)
{
	struct syncdb_state state;
	struct kerr err;
	return syncdb_state(st, &state, &err) == K_OK && state.joined;
}

bool sync_arriving(struct store *st)
{
	struct syncdb_state state;
	struct kerr err;
	return syncdb_state(st, &state, &err) == K_OK && state.joined && !state.last_sync[0] &&
	       state.cursor > 0;
}
