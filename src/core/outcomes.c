/* Wellbeing outcomes: pairs of a baseline and a follow-up read with one query, and the mean
 * change, band moves and loneliness answers summed from them. */
#include "outcomes.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "entity_impl.h"
#include "person.h"
#include "report.h"
#include "store.h"
#include "strbuf.h"
#include "wellbeing.h"

/* clang-format off */
const struct outcomes_question outcomes_questions[OUTCOMES_QUESTIONS] = {
	{"life_satisfaction", "Life satisfaction", false, {0, 5, 7, 9},
	 {"low", "medium", "high", "very high"}},
	{"worthwhile", "Worthwhile", false, {0, 5, 7, 9}, {"low", "medium", "high", "very high"}},
	{"happiness", "Happiness", false, {0, 5, 7, 9}, {"low", "medium", "high", "very high"}},
	{"anxiety", "Anxiety", true, {0, 2, 4, 6}, {"very low", "low", "medium", "high"}},
};
/* clang-format on */

const char *const outcomes_lonely_label[OUTCOMES_LONELINESS] = {
	"often or always", "some of the time", "occasionally", "hardly ever", "never"};

int outcomes_band(int q, int score)
{
	int b = OUTCOMES_BANDS - 1;
	while (b > 0 && score < outcomes_questions[q].band_min[b])
		b--;
	return b;
}

/* Each person's first baseline (b) and their latest follow-up after it within ?1..?2 (f),
 * the answers of both, through what the reader may see. */
static const char pairs_sql[] =
	"WITH b AS (SELECT w.* FROM wellbeing w WHERE w.deleted_at IS NULL AND w.stage = "
	"'baseline' AND NOT EXISTS (SELECT 1 FROM wellbeing o WHERE o.person_id = w.person_id "
	"AND o.deleted_at IS NULL AND o.stage = 'baseline' AND (o.date < w.date OR (o.date = "
	"w.date AND o.id < w.id)))), "
	"f AS (SELECT w.*, b.id AS baseline_id, b.date AS baseline_date FROM wellbeing w JOIN b "
	"ON b.person_id = w.person_id WHERE w.deleted_at IS NULL AND w.stage = 'follow_up' AND "
	"w.date > b.date AND w.date BETWEEN ?1 AND ?2 AND NOT EXISTS (SELECT 1 FROM wellbeing "
	"o WHERE o.person_id = w.person_id AND o.deleted_at IS NULL AND o.stage = 'follow_up' "
	"AND o.date > b.date AND o.date <= ?2 AND (o.date > w.date OR (o.date = w.date AND "
	"o.id > w.id)))) "
	"SELECT p.id, b.date, f.date, b.life_satisfaction, b.worthwhile, b.happiness, "
	"b.anxiety, f.life_satisfaction, f.worthwhile, f.happiness, f.anxiety, b.loneliness, "
	"f.loneliness FROM f JOIN b ON b.id = f.baseline_id JOIN person p ON p.id = f.person_id "
	"WHERE p.deleted_at IS NULL";

static int lonely_index(sqlite3_stmt *stmt, int col)
{
	const char *v = (const char *)sqlite3_column_text(stmt, col);
	for (int i = 0; v && wellbeing_loneliness[i]; i++)
		if (strcmp(v, wellbeing_loneliness[i]) == 0)
			return i;
	return -1;
}

static void read_pair(sqlite3_stmt *stmt, struct outcomes_pair *p)
{
	snprintf(p->person, sizeof p->person, "%s", (const char *)sqlite3_column_text(stmt, 0));
	snprintf(p->baseline, sizeof p->baseline, "%s", (const char *)sqlite3_column_text(stmt, 1));
	snprintf(p->follow_up, sizeof p->follow_up, "%s",
		 (const char *)sqlite3_column_text(stmt, 2));
	for (int q = 0; q < OUTCOMES_QUESTIONS; q++) {
		p->before[q] = sqlite3_column_type(stmt, 3 + q) == SQLITE_NULL
				       ? -1
				       : sqlite3_column_int(stmt, 3 + q);
		p->after[q] = sqlite3_column_type(stmt, 7 + q) == SQLITE_NULL
				      ? -1
				      : sqlite3_column_int(stmt, 7 + q);
	}
	p->lonely_before = lonely_index(stmt, 11);
	p->lonely_after = lonely_index(stmt, 12);
}

static void add_pair(struct outcomes_cohort *c, const struct outcomes_pair *p)
{
	c->pairs++;
	for (int q = 0; q < OUTCOMES_QUESTIONS; q++) {
		if (p->before[q] < 0 || p->after[q] < 0)
			continue;
		int from = outcomes_band(q, p->before[q]), to = outcomes_band(q, p->after[q]);
		bool up = outcomes_questions[q].lower_better ? to < from : to > from;
		c->n[q]++;
		c->change[q] += p->after[q] - p->before[q];
		c->moved[q][from][to]++;
		c->better[q] += from != to && up;
		c->worse[q] += from != to && !up;
	}
	if (p->lonely_before < 0 || p->lonely_after < 0)
		return;
	c->lonely_n++;
	c->lonely[0][p->lonely_before]++;
	c->lonely[1][p->lonely_after]++;
	/* the answers run oftenest first: a later one is lonely less often */
	c->less_lonely += p->lonely_after > p->lonely_before;
	c->more_lonely += p->lonely_after < p->lonely_before;
}

typedef void (*pair_fn)(void *ctx, const struct outcomes_pair *p);

static int each_pair(struct store *st, const char *from, const char *to, const char *const *cond,
		     const char *const *values, int n, pair_fn fn, void *ctx, struct kerr *err)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_puts(&sql, pairs_sql);
	for (int i = 0; i < n; i++)
		strbuf_printf(&sql, " AND %s ?%d", cond[i], 3 + i);
	entity_visible(st, &person_entity, "p", &sql);
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st, strbuf_str(&sql), &stmt, err), rc = SQLITE_DONE;
	strbuf_free(&sql);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, to, -1, SQLITE_STATIC);
	for (int i = 0; i < n; i++)
		sqlite3_bind_text(stmt, 3 + i, values[i], -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct outcomes_pair p;
		read_pair(stmt, &p);
		fn(ctx, &p);
	}
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

static void sum_pair(void *ctx, const struct outcomes_pair *p)
{
	add_pair(ctx, p);
}

int outcomes_cohort(struct store *st, const struct report_query *q, struct outcomes_cohort *out,
		    struct kerr *err)
{
	memset(out, 0, sizeof *out);
	const char *cond[2], *values[2];
	int n = 0;
	if (q->worker[0])
		cond[n] = "f.worker_id =", values[n++] = q->worker;
	if (q->neighbourhood && *q->neighbourhood)
		cond[n] = "p.neighbourhood =", values[n++] = q->neighbourhood;
	int status = auth_require(st, AUTH_RECORDS, err);
	if (status == K_OK)
		status = each_pair(st, q->from, q->to, cond, values, n, sum_pair, out, err);
	return status;
}

struct one {
	struct outcomes_pair *out;
	bool *found;
};

static void keep_pair(void *ctx, const struct outcomes_pair *p)
{
	struct one *o = ctx;
	*o->out = *p;
	*o->found = true;
}

int outcomes_person(struct store *st, const char *person_id, struct outcomes_pair *out, bool *found,
		    struct kerr *err)
{
	memset(out, 0, sizeof *out);
	*found = false;
	const char *cond[] = {"p.id ="}, *values[] = {person_id};
	struct one o = {out, found};
	int status = auth_require(st, AUTH_RECORDS, err);
	if (status == K_OK)
		status = each_pair(st, "0000-01-01", "9999-12-31", cond, values, 1, keep_pair, &o,
				   err);
	return status;
}
