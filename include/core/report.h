/* Reports for commissioners: what the work achieved, built from what was recorded. A report is
 * a document of blocks (headings, figures, bars against targets, month-by-month series,
 * tables, stories) that builders fill from the database and renderers turn into text,
 * Markdown, CSV, JSON, HTML or the Reports screen; a builder never formats and a renderer
 * never reads the database. REPORTS lists the kinds: a new report is a row and a builder. */
#ifndef KITH_REPORT_H
#define KITH_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "id.h"
#include "kerr.h"

struct store;

/* What a report covers. from/to inclusive; "" in either is filled by report_period (the
 * twelve months to today). worker: one worker's outputs (an id), or NULL for the programme;
 * a worker reading is held to their own (report_build). neighbourhood: only people and
 * assets there, or NULL. */
struct report_query {
	char from[DATE_LEN], to[DATE_LEN];
	char worker[ID_LEN]; /* "" for the programme */
	const char *neighbourhood;
};

enum report_block_kind {
	REPORT_HEADING, /* text: a section's title */
	REPORT_TEXT,    /* text: a paragraph */
	REPORT_FIGURE,  /* label, value (unit), note: one number */
	REPORT_BAR,     /* label, value against target (unit), note: an output against its target */
	REPORT_SERIES,  /* label, n points (labels[i], values[i]): month by month */
	REPORT_TABLE,   /* ncols, cells: the header row then n rows, row by row */
	REPORT_STORY,   /* label (title), text (the story), by (who, as it may be shown) */
};

struct report_block {
	enum report_block_kind kind;
	char *key;   /* stable name for CSV and JSON: "outputs.conversations"; NULL for text */
	char *label; /* what a reader reads: "New learning conversations" */
	char *text;  /* HEADING, TEXT, STORY */
	char *unit;  /* "" or "£", "%", ... (FIGURE, BAR) */
	char *note;  /* a line under it: "12 pairs", "target 70 a month" */
	char *by;    /* STORY */
	double value, target;
	bool has_value, has_target; /* a figure with no value reads "none recorded" */
	int n, ncols;
	char **labels;  /* SERIES: n labels ("2026-01"); TABLE: NULL */
	double *values; /* SERIES: n values */
	char **cells;   /* TABLE: ncols * (n + 1) cells */
};

struct report {
	char *title;    /* "Programme report" */
	char *subtitle; /* the period and whose: "1 Apr 2026 to 30 Jun 2026, the programme" */
	struct report_block *blocks;
	size_t n, cap;
};

/* Building. Each copies its text; NULL text is kept as NULL. */
void report_init(struct report *r, const char *title, const char *subtitle);
void report_heading(struct report *r, const char *text);
void report_text(struct report *r, const char *text);
void report_figure(struct report *r, const char *key, const char *label, double value,
		   const char *unit, const char *note);
/* A figure with nothing recorded to count (a mean of no pairs): reads "none recorded". */
void report_missing(struct report *r, const char *key, const char *label, const char *note);
void report_bar(struct report *r, const char *key, const char *label, double value, double target,
		const char *unit, const char *note);
void report_series(struct report *r, const char *key, const char *label, int n,
		   const char *const *labels, const double *values);
/* A table: report_table with its header, then report_row for each row (ncols cells each). */
void report_table(struct report *r, const char *key, int ncols, const char *const *header);
void report_row(struct report *r, const char *const *cells);
void report_story(struct report *r, const char *title, const char *text, const char *by);
void report_free(struct report *r); /* accepts one never initialised if zeroed */

struct report_def {
	const char *name;  /* "programme": the command line's word */
	const char *title; /* "Programme report" */
	const char *what;  /* one line for help */
	int (*build)(struct store *st, const struct report_query *q, struct report *out,
		     struct kerr *err);
};

extern const struct report_def REPORTS[];
extern const int REPORT_COUNT;
const struct report_def *report_find(const char *name); /* NULL when none is called that */

/* Fills in the default period and checks the dates (from after to is refused, naming --from). */
int report_period(struct report_query *q, struct kerr *err);
/* Checks the reader may read reports (logged in), holds a worker to their own outputs, fills
 * the period, and runs the builder into *out (the caller frees it with report_free, also on
 * failure). */
int report_build(struct store *st, const struct report_def *def, struct report_query *q,
		 struct report *out, struct kerr *err);

/* The builders (report_programme.c, report_outcomes.c, report_network.c, report_readiness.c). */
int report_programme(struct store *st, const struct report_query *q, struct report *out,
		     struct kerr *err);
int report_outcomes(struct store *st, const struct report_query *q, struct report *out,
		    struct kerr *err);
int report_network(struct store *st, const struct report_query *q, struct report *out,
		   struct kerr *err);
int report_readiness(struct store *st, const struct report_query *q, struct report *out,
		     struct kerr *err);

#endif
