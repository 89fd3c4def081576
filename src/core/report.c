/* The report document and the list of reports. Builders append blocks; renderers read them.
 * report_build is the one door: it checks who reads and what they may read before a builder
 * runs, so no builder has to remember to. */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "store.h"
#include "xalloc.h"

/* clang-format off */
const struct report_def REPORTS[] = {
	{"programme", "Programme report",
	 "outputs against targets, programme counts and chosen stories", report_programme},
	{"outcomes", "Outcomes report",
	 "personal wellbeing (ONS4) and loneliness at baseline and follow-up", report_outcomes},
	{"network", "Network report",
	 "how well the assets are connected: referrals and partnerships over time", report_network},
	{"readiness", "Readiness report",
	 "the readiness self-assessment by theme, and its change", report_readiness},
};
/* clang-format on */
const int REPORT_COUNT = (int)(sizeof REPORTS / sizeof *REPORTS);

const struct report_def *report_find(const char *name)
{
	for (int i = 0; name && i < REPORT_COUNT; i++)
		if (strcmp(REPORTS[i].name, name) == 0)
			return &REPORTS[i];
	return NULL;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static struct report_block *add(struct report *r, enum report_block_kind kind, const char *key,
				const char *label)
{
	if (r->n == r->cap)
		r->blocks = xgrow(r->blocks, r->n + 1, &r->cap, sizeof *r->blocks);
	struct report_block *b = &r->blocks[r->n++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->key = dup_or_null(key);
	b->label = dup_or_null(label);
	return b;
}

void report_init(struct report *r, const char *title, const char *subtitle)
{
	memset(r, 0, sizeof *r);
	r->title = dup_or_null(title);
	r->subtitle = dup_or_null(subtitle);
}

void report_heading(struct report *r, const char *text)
{
	add(r, REPORT_HEADING, NULL, NULL)->text = dup_or_null(text);
}

void report_text(struct report *r, const char *text)
{
	add(r, REPORT_TEXT, NULL, NULL)->text = dup_or_null(text);
}

void report_figure(struct report *r, const char *key, const char *label, double value,
		   const char *unit, const char *note)
{
	struct report_block *b = add(r, REPORT_FIGURE, key, label);
	b->value = value;
	b->has_value = true;
	b->unit = xstrdup(unit ? unit : "");
	b->note = dup_or_null(note);
}

void report_missing(struct report *r, const char *key, const char *label, const char *note)
{
	struct report_block *b = add(r, REPORT_FIGURE, key, label);
	b->unit = xstrdup("");
	b->note = dup_or_null(note);
}

void report_bar(struct report *r, const char *key, const char *label, double value, double target,
		const char *unit, const char *note)
{
	struct report_block *b = add(r, REPORT_BAR, key, label);
	b->value = value;
	b->target = target;
	b->has_value = b->has_target = true;
	b->unit = xstrdup(unit ? unit : "");
	b->note = dup_or_null(note);
}

void report_series(struct report *r, const char *key, const char *label, int n,
		   const char *const *labels, const double *values)
{
	struct report_block *b = add(r, REPORT_SERIES, key, label);
	b->n = n;
	b->labels = xcalloc((size_t)n + 1, sizeof *b->labels);
	b->values = xcalloc((size_t)n + 1, sizeof *b->values);
	for (int i = 0; i < n; i++) {
		b->labels[i] = xstrdup(labels[i]);
		b->values[i] = values[i];
	}
}

static void put_cells(struct report_block *b, int row, const char *const *cells)
{
	for (int c = 0; c < b->ncols; c++)
		b->cells[row * b->ncols + c] = xstrdup(cells[c] ? cells[c] : "");
}

void report_table(struct report *r, const char *key, int ncols, const char *const *header)
{
	struct report_block *b = add(r, REPORT_TABLE, key, NULL);
	b->ncols = ncols;
	b->cells = xcalloc((size_t)ncols, sizeof *b->cells);
	put_cells(b, 0, header);
}

void report_row(struct report *r, const char *const *cells)
{
	if (r->n == 0 || r->blocks[r->n - 1].kind != REPORT_TABLE)
		die("report_row without report_table");
	struct report_block *b = &r->blocks[r->n - 1];
	b->n++;
	b->cells = xrealloc(b->cells, (size_t)b->ncols * ((size_t)b->n + 1) * sizeof *b->cells);
	put_cells(b, b->n, cells);
}

void report_story(struct report *r, const char *title, const char *text, const char *by)
{
	struct report_block *b = add(r, REPORT_STORY, NULL, title);
	b->text = dup_or_null(text);
	b->by = dup_or_null(by);
}

static void block_free(struct report_block *b)
{
	free(b->key);
	free(b->label);
	free(b->text);
	free(b->unit);
	free(b->note);
	free(b->by);
	for (int i = 0; b->labels && i < b->n; i++)
		free(b->labels[i]);
	free(b->labels);
	free(b->values);
	for (int i = 0; b->cells && i < b->ncols * (b->n + 1); i++)
		free(b->cells[i]);
	free(b->cells);
}

void report_free(struct report *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++)
		block_free(&r->blocks[i]);
	free(r->blocks);
	free(r->title);
	free(r->subtitle);
	memset(r, 0, sizeof *r);
}

int report_period(struct report_query *q, struct kerr *err)
{
	int y, m, d;
	if (!q->to[0])
		date_today(q->to);
	else if (!date_split(q->to, &y, &m, &d))
		return kerr_set(err, K_INVALID, "to", "to: '%s' is not a date", q->to);
	if (!q->from[0]) {
		date_add_months(q->to, -12, q->from); /* the twelve months to the day */
		date_add_days(q->from, 1, q->from);
	} else if (!date_split(q->from, &y, &m, &d)) {
		return kerr_set(err, K_INVALID, "from", "from: '%s' is not a date", q->from);
	}
	if (strcmp(q->from, q->to) > 0)
		return kerr_set(err, K_INVALID, "from", "from: %s comes after to (%s)", q->from,
				q->to);
	return K_OK;
}

int report_build(struct store *st, const struct report_def *def, struct report_query *q,
		 struct report *out, struct kerr *err)
{
	report_init(out, def->title, NULL);
	int status = auth_require(st, AUTH_RECORDS, err);
	if (status != K_OK)
		return status;
	/* a worker reads their own outputs; the programme's are a coordinator's */
	if (!auth_allows(st, AUTH_REPORTS)) {
		const char *me = store_actor(st);
		snprintf(q->worker, sizeof q->worker, "%s", me ? me : "");
	}
	status = report_period(q, err);
	if (status == K_OK)
		status = def->build(st, q, out, err);
	return status;
}
