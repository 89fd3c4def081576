/* The programme report: each output against its target (the programme's, or one worker's),
 * month by month, and each worker's beside their own targets; then the programme counts
 * (programme_counts.c) and the stories chosen for it. Every figure is counted from what was
 * recorded (a conversation's worker and date, the referral's, the activity's, who added an
 * asset to the map), so nothing is typed twice. */
#include "report.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "programme_impl.h"
#include "store.h"
#include "story.h"
#include "strbuf.h"
#include "target.h"
#include "xalloc.h"

/* ---- binding and running ---- */

void programme_bind(sqlite3_stmt *stmt, const struct report_query *q)
{
	int n = sqlite3_bind_parameter_count(stmt);
	sqlite3_bind_text(stmt, 1, q->from, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, q->to, -1, SQLITE_STATIC);
	if (n >= 3 && q->worker[0])
		sqlite3_bind_text(stmt, 3, q->worker, -1, SQLITE_STATIC);
	if (n >= 4 && q->neighbourhood)
		sqlite3_bind_text(stmt, 4, q->neighbourhood, -1, SQLITE_STATIC);
}

enum { PROGRAMME_STORIES = 3 }; /* as many as a page of the printed report holds */

int programme_number(struct store *st, const struct report_query *q, const char *sql, double *out,
		     struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(st, sql, &stmt, err);
	if (status != K_OK)
		return status;
	programme_bind(stmt, q);
	int rc = sqlite3_step(stmt);
	*out = rc == SQLITE_ROW ? sqlite3_column_double(stmt, 0) : 0;
	status = rc == SQLITE_ROW ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return status;
}

void programme_worker_cond(struct strbuf *sql, const struct report_query *q, const char *column)
{
	if (q->worker[0])
		strbuf_printf(sql, " AND %s = ?3", column);
}

void programme_person_nb(struct strbuf *sql, const struct report_query *q, const char *column)
{
	if (q->neighbourhood)
		strbuf_printf(sql,
			      " AND %s IN (SELECT p.id FROM person p WHERE p.neighbourhood = ?4 "
			      "COLLATE NOCASE)",
			      column);
}

static void asset_nb(struct strbuf *sql, const struct report_query *q, const char *column)
{
	if (q->neighbourhood)
		strbuf_printf(sql,
			      " AND %s IN (SELECT a.id FROM asset a WHERE a.neighbourhood = ?4 "
			      "COLLATE NOCASE)",
			      column);
}

/* ---- the outputs: each a query of (month, worker) for what it counts ---- */

/* Who added an asset to the map: the audit trail's record of its making, for an asset added
 * by hand; one imported (or loaded by the demo) has none of its own (the trail records an
 * import once), and is the worker's who saved it last, the importer unless changed since. */
#define ADDED_BY \
	"coalesce((SELECT a.worker_id FROM audit a WHERE a.record_id = t.id AND a.action = " \
	"'create' ORDER BY a.seq LIMIT 1), t.updated_by)"

static void activity_rows(struct strbuf *sql, const struct report_query *q, const char *which)
{
	strbuf_printf(sql,
		      "SELECT substr(t.date, 1, 7) AS month, t.worker_id AS who, 1 AS n FROM "
		      "activity t WHERE t.deleted_at IS NULL AND %s AND t.date BETWEEN ?1 AND ?2",
		      which);
	programme_worker_cond(sql, q, "t.worker_id");
	asset_nb(sql, q, "t.host_asset_id");
}

/* A year's conversations are a hundred thousand at borough size: the live ones counted day
 * by day and worker by worker from their index alone, and an erased person's (which count,
 * PROGRAMME_KEPT) found from the erasures, each one row. */
static void conversation_rows(struct strbuf *sql, const struct report_query *q)
{
	strbuf_puts(sql, "SELECT substr(t.date, 1, 7) AS month, t.worker_id AS who, count(*) AS n "
			 "FROM conversation t INDEXED BY conversation_by_day_worker WHERE "
			 "t.deleted_at IS NULL AND t.date BETWEEN ?1 AND ?2");
	programme_worker_cond(sql, q, "t.worker_id");
	programme_person_nb(sql, q, "t.person_id");
	strbuf_puts(sql, " GROUP BY t.date, t.worker_id UNION ALL SELECT substr(t.date, 1, 7), "
			 "t.worker_id, 1 FROM erasure e CROSS JOIN conversation t ON t.person_id "
			 "= e.person_id WHERE t.deleted_at = e.erased_at AND t.date BETWEEN ?1 "
			 "AND ?2");
	programme_worker_cond(sql, q, "t.worker_id");
	programme_person_nb(sql, q, "t.person_id");
}

/* Rows of (month, who, n): n of the measure that month by that worker (one each, or a day's
 * already counted). */
static void measure_rows(enum target_measure m, const struct report_query *q, struct strbuf *sql)
{
	switch (m) {
	case MEASURE_CONVERSATIONS:
		conversation_rows(sql, q);
		break;
	case MEASURE_ASSET_CONTACTS:
		strbuf_puts(sql,
			    "SELECT month, who, 1 AS n FROM (SELECT substr(t.created_at, 1, 7) AS "
			    "month, " ADDED_BY " AS who FROM asset t WHERE t.deleted_at IS "
			    "NULL AND substr(t.created_at, 1, 10) BETWEEN ?1 AND ?2");
		if (q->neighbourhood)
			strbuf_puts(sql, " AND t.neighbourhood = ?4 COLLATE NOCASE");
		strbuf_puts(sql, ") WHERE 1");
		programme_worker_cond(sql, q, "who");
		break;
	case MEASURE_NEW_ACTIVITIES:
		activity_rows(sql, q, "t.new_activity = 1");
		break;
	case MEASURE_MEETINGS:
		activity_rows(sql, q, "t.kind = 'multi_agency_meeting'");
		break;
	case MEASURE_REFERRALS: /* count_referrals */
	case MEASURE_COUNT:
		die("measure_rows: not a measure counted by rows");
	}
}

/* What the outputs came to: month by month, and by worker. */
struct who_row {
	char id[ID_LEN]; /* "" when no worker was recorded */
	double n[MEASURE_COUNT];
};

struct tally {
	int nmonths;
	char (*month)[8];
	double *by_month[MEASURE_COUNT];
	double total[MEASURE_COUNT];
	struct who_row *who;
	size_t nwho, capwho;
};

static void tally_init(struct tally *t, const struct report_query *q)
{
	memset(t, 0, sizeof *t);
	int y, m, d, ty, tm;
	date_split(q->from, &y, &m, &d);
	date_split(q->to, &ty, &tm, &d);
	t->nmonths = (ty * 12 + tm) - (y * 12 + m) + 1;
	t->month = xcalloc((size_t)t->nmonths, sizeof *t->month);
	for (int i = 0; i < t->nmonths; i++, m = m == 12 ? 1 : m + 1, y += m == 1)
		snprintf(t->month[i], sizeof t->month[i], "%04u-%02u", (unsigned)y % 10000u,
			 (unsigned)m % 100u);
	for (int k = 0; k < MEASURE_COUNT; k++)
		t->by_month[k] = xcalloc((size_t)t->nmonths, sizeof *t->by_month[k]);
}

static void tally_free(struct tally *t)
{
	free(t->month);
	for (int k = 0; k < MEASURE_COUNT; k++)
		free(t->by_month[k]);
	free(t->who);
}

static struct who_row *who_of(struct tally *t, const char *id)
{
	for (size_t i = 0; i < t->nwho; i++)
		if (strcmp(t->who[i].id, id) == 0)
			return &t->who[i];
	if (t->nwho == t->capwho)
		t->who = xgrow(t->who, t->nwho + 1, &t->capwho, sizeof *t->who);
	struct who_row *w = &t->who[t->nwho++];
	memset(w, 0, sizeof *w);
	snprintf(w->id, sizeof w->id, "%s", id);
	return w;
}

static void add_month(struct tally *t, enum target_measure m, const char *month, double n)
{
	for (int i = 0; month && i < t->nmonths; i++)
		if (strcmp(t->month[i], month) == 0)
			t->by_month[m][i] += n;
	t->total[m] += n;
}

static int count_measure(struct store *st, const struct report_query *q, enum target_measure m,
			 struct tally *t, struct kerr *err)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_puts(&sql, "SELECT month, who, sum(n) FROM (");
	measure_rows(m, q, &sql);
	strbuf_puts(&sql, ") GROUP BY month, who");
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(st, strbuf_str(&sql), &stmt, err);
	strbuf_free(&sql);
	if (status != K_OK)
		return status;
	programme_bind(stmt, q);
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *who = (const char *)sqlite3_column_text(stmt, 1);
		double n = sqlite3_column_double(stmt, 2);
		add_month(t, m, (const char *)sqlite3_column_text(stmt, 0), n);
		who_of(t, who ? who : "")->n[m] += n;
	}
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return status;
}

/* Referrals are a million at borough size: each worker's (and those with no worker
 * recorded) are counted day by day as a range of the index of each worker's by date, never
 * row by row, once; the months are their sums (every referral's worker is one of the
 * workers, or none). Erasure keeps a referral's row (the flow between assets stays true).
 * who: a worker's id, or "" for those with none recorded. */
static int referrals_of(struct store *st, const struct report_query *q, const char *who,
			struct tally *t, struct kerr *err)
{
	struct report_query part = *q;
	snprintf(part.worker, sizeof part.worker, "%s", who);
	struct strbuf sql = STRBUF_INIT;
	strbuf_puts(&sql,
		    "SELECT substr(t.date, 1, 7), count(*) FROM referral t INDEXED BY "
		    "referral_worker WHERE t.deleted_at IS NULL AND t.date BETWEEN ?1 AND ?2");
	if (!*who)
		strbuf_puts(&sql, " AND t.worker_id IS NULL");
	programme_worker_cond(&sql, &part, "t.worker_id");
	programme_person_nb(&sql, &part, "t.person_id");
	strbuf_puts(&sql, " GROUP BY t.date");
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(st, strbuf_str(&sql), &stmt, err);
	strbuf_free(&sql);
	if (status != K_OK)
		return status;
	programme_bind(stmt, &part);
	double sum = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		double n = sqlite3_column_double(stmt, 1);
		add_month(t, MEASURE_REFERRALS, (const char *)sqlite3_column_text(stmt, 0), n);
		sum += n;
	}
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	if (status == K_OK && sum > 0)
		who_of(t, who)->n[MEASURE_REFERRALS] += sum;
	return status;
}

static int count_referrals(struct store *st, const struct report_query *q, struct tally *t,
			   struct kerr *err)
{
	if (q->worker[0])
		return referrals_of(st, q, q->worker, t, err);
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st, "SELECT id FROM worker UNION ALL SELECT ''", &stmt, err);
	int rc = SQLITE_DONE;
	while (status == K_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW)
		status = referrals_of(st, q, (const char *)sqlite3_column_text(stmt, 0), t, err);
	if (status == K_OK && rc != SQLITE_DONE)
		status = store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

/* ---- the blocks ---- */

static void target_note(const struct target_rate *t, bool programme, char *out, size_t n)
{
	char words[48];
	target_words(t, words, sizeof words);
	if (t->recorded)
		snprintf(out, n, "target %s%s", words, programme ? ", the programme's" : "");
	else if (programme)
		snprintf(out, n, "target %s: the targets of its %d worker%s, summed", words,
			 t->workers, t->workers == 1 ? "" : "s");
	else
		snprintf(out, n, "target %s, the default", words);
}

static int output_bars(struct store *st, const struct report_query *q, const struct tally *t,
		       struct report *out, struct kerr *err)
{
	int status = K_OK;
	for (int m = 0; status == K_OK && m < MEASURE_COUNT; m++) {
		struct target_rate rate;
		status = target_rate(st, q->worker[0] ? q->worker : NULL, (enum target_measure)m,
				     &rate, err);
		if (status != K_OK)
			break;
		char note[160];
		target_note(&rate, !q->worker[0], note, sizeof note);
		report_bar(out, TARGET_MEASURES[m].key, TARGET_MEASURES[m].label, t->total[m],
			   target_over(&rate, q->from, q->to), "", note);
	}
	return status;
}

static void output_series(const struct tally *t, struct report *out)
{
	const char **labels = xcalloc((size_t)t->nmonths + 1, sizeof *labels);
	for (int i = 0; i < t->nmonths; i++)
		labels[i] = t->month[i];
	for (int m = 0; m < MEASURE_COUNT; m++) {
		char key[80], label[120];
		snprintf(key, sizeof key, "%s.by_month", TARGET_MEASURES[m].key);
		snprintf(label, sizeof label, "%s, month by month", TARGET_MEASURES[m].label);
		report_series(out, key, label, t->nmonths, labels, t->by_month[m]);
	}
	free(labels);
}

/* One row of the table of workers: their name, and each output of theirs against their own
 * target over the period. */
static int worker_row(struct store *st, const struct report_query *q, const char *id,
		      const char *name, const struct who_row *w, struct report *out,
		      struct kerr *err)
{
	char cells[MEASURE_COUNT + 1][64];
	const char *row[MEASURE_COUNT + 1];
	snprintf(cells[0], sizeof cells[0], "%s", name);
	int status = K_OK;
	for (int m = 0; status == K_OK && m < MEASURE_COUNT; m++) {
		struct target_rate rate;
		double n = w ? w->n[m] : 0;
		status = id ? target_rate(st, id, (enum target_measure)m, &rate, err) : K_OK;
		if (id)
			snprintf(cells[m + 1], sizeof cells[m + 1], "%.0f of %.0f", n,
				 target_over(&rate, q->from, q->to));
		else
			snprintf(cells[m + 1], sizeof cells[m + 1], "%.0f", n);
	}
	for (int c = 0; c <= MEASURE_COUNT; c++)
		row[c] = cells[c];
	if (status == K_OK)
		report_row(out, row);
	return status;
}

static const struct who_row *tallied(const struct tally *t, const char *id)
{
	for (size_t i = 0; i < t->nwho; i++)
		if (strcmp(t->who[i].id, id) == 0)
			return &t->who[i];
	return NULL;
}

/* The programme's workers (those in the worker role, and anyone with outputs in the
 * period), each against their own targets; outputs recorded with no worker last. */
static int worker_table(struct store *st, const struct report_query *q, const struct tally *t,
			struct report *out, struct kerr *err)
{
	const char *header[MEASURE_COUNT + 1] = {"Worker"};
	for (int m = 0; m < MEASURE_COUNT; m++)
		header[m + 1] = TARGET_MEASURES[m].column;
	report_heading(out, "Each worker against their own targets");
	report_table(out, "outputs.by_worker", MEASURE_COUNT + 1, header);
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(
		st,
		"SELECT id, CASE WHEN display_name <> '' THEN display_name ELSE "
		"username END, role = 'worker' AND disabled = 0 FROM worker WHERE "
		"deleted_at IS NULL ORDER BY 2 COLLATE NOCASE, id",
		&stmt, err);
	int rc = SQLITE_DONE;
	while (status == K_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(stmt, 0);
		const struct who_row *w = tallied(t, id);
		if (w || sqlite3_column_int(stmt, 2))
			status = worker_row(st, q, id, (const char *)sqlite3_column_text(stmt, 1),
					    w, out, err);
	}
	if (status == K_OK && rc != SQLITE_DONE)
		status = store_error(st, rc, err);
	sqlite3_finalize(stmt);
	const struct who_row *none = tallied(t, "");
	if (status == K_OK && none)
		status = worker_row(st, q, NULL, "(no worker recorded)", none, out, err);
	return status;
}

static void explain_targets(struct report *out)
{
	report_text(
		out,
		"A target not recorded is Croydon's for a part-time worker: 70 new learning "
		"conversations a month, 600 contacts added to the asset map a year, 60 new "
		"social activities a year, 400 people signposted or referred a year and one "
		"multi-agency meeting a month. The programme's, when not recorded, is the sum "
		"of its workers'. A target is scaled to the period: whole months count as "
		"months (70 a month is 210 over a quarter), a part month by its share of days.");
}

static int outputs(struct store *st, const struct report_query *q, struct report *out,
		   struct kerr *err)
{
	struct tally t;
	tally_init(&t, q);
	int status = K_OK;
	for (int m = 0; status == K_OK && m < MEASURE_COUNT; m++)
		status = m == MEASURE_REFERRALS
				 ? count_referrals(st, q, &t, err)
				 : count_measure(st, q, (enum target_measure)m, &t, err);
	report_heading(out, "Outputs against targets");
	explain_targets(out);
	if (status == K_OK)
		status = output_bars(st, q, &t, out, err);
	if (status == K_OK) {
		report_heading(out, "Month by month");
		output_series(&t, out);
	}
	if (status == K_OK && !q->worker[0])
		status = worker_table(st, q, &t, out, err);
	tally_free(&t);
	return status;
}

/* "01/04/2026 to 30/06/2026, the programme" or ", Wes Achterberg"; and the neighbourhood. */
static int subtitle(struct store *st, const struct report_query *q, struct report *out,
		    struct kerr *err)
{
	char from[DATE_LEN], to[DATE_LEN];
	struct strbuf sb = STRBUF_INIT;
	strbuf_printf(&sb, "%s to %s, ", date_uk(q->from, from), date_uk(q->to, to));
	int status = K_OK;
	if (q->worker[0]) {
		sqlite3_stmt *stmt = NULL;
		status = store_cached(st,
				      "SELECT CASE WHEN display_name <> '' THEN display_name ELSE "
				      "username END FROM worker WHERE id = ?1",
				      &stmt, err);
		if (status != K_OK) {
			strbuf_free(&sb);
			return status;
		}
		sqlite3_bind_text(stmt, 1, q->worker, -1, SQLITE_STATIC);
		int rc = sqlite3_step(stmt);
		strbuf_puts(&sb, rc == SQLITE_ROW ? (const char *)sqlite3_column_text(stmt, 0)
						  : "a worker");
		status = rc == SQLITE_ROW || rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
		sqlite3_reset(stmt);
	} else {
		strbuf_puts(&sb, "the programme");
	}
	if (q->neighbourhood)
		strbuf_printf(&sb, ", in %s", q->neighbourhood);
	free(out->subtitle);
	out->subtitle = strbuf_take(&sb);
	return status;
}

int report_programme(struct store *st, const struct report_query *q, struct report *out,
		     struct kerr *err)
{
	int status = subtitle(st, q, out, err);
	if (status == K_OK)
		status = outputs(st, q, out, err);
	if (status == K_OK)
		status = programme_counts(st, q, out, err);
	/* last, a few of the period's stories that may be shared, anonymised unless their
	 * consent says otherwise: what the figures meant to someone */
	if (status == K_OK)
		status = story_report(st, q, PROGRAMME_STORIES, out, err);
	return status;
}
