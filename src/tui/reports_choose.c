/* Choosing what the Reports screen shows, as kith report's words and options do: the report
 * (r), its period (p: the commissioners' quarters and financial years among them), whose
 * outputs (u, coordinators) and the neighbourhood (n); and writing the report shown to a file
 * (w), HTML unless its name ends otherwise, to send or print. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "dialog.h"
#include "file.h"
#include "network.h"
#include "page.h"
#include "picker.h"
#include "record.h"
#include "reports_view.h"
#include "store.h"
#include "worker.h"
#include "xalloc.h"

#define WORKERS_OFFERED 200

static struct repview *shown_view(struct tui *t)
{
	struct screen *s = tui_screen(t);
	return s->ops == &reports_screen ? s->own : NULL;
}

static void offer(struct tui *t, struct picker *p, void (*done)(struct tui *, struct modal *, bool))
{
	picker_refresh(t, p);
	p->m.done = done;
	tui_push(t, &p->m);
}

/* A line to type; after a refusal its label says what was wrong. */
static void ask(struct tui *t, const char *label, const char *text, const char *error,
		void (*done)(struct tui *, struct modal *, bool))
{
	char *said = error ? xasprintf("%s. %s", error, label) : xstrdup(label);
	struct dialog *d = dialog_prompt(said, text);
	free(said);
	d->m.done = done;
	tui_push(t, &d->m);
}

/* ---- the report ---- */

static void report_chosen(struct tui *t, struct modal *m, bool ok)
{
	struct picker *p = (struct picker *)m;
	struct repview *rv = shown_view(t);
	if (!ok || !rv || !p->value)
		return;
	rv->kind = atoi(p->value);
	repview_build(t, rv, true);
}

void repview_choose_report(struct tui *t, struct repview *rv)
{
	(void)rv;
	struct picker *p = picker_new("Which report?");
	char value[16];
	for (int i = 0; i < REPORT_COUNT; i++) {
		snprintf(value, sizeof value, "%d", i);
		picker_add(p, REPORTS[i].title, value, REPORTS[i].what);
	}
	offer(t, p, report_chosen);
}

/* ---- the period ---- */

static void set_period(struct tui *t, struct repview *rv, const char *from, const char *to,
		       const char *said)
{
	snprintf(rv->from, DATE_LEN, "%s", from);
	snprintf(rv->to, DATE_LEN, "%s", to);
	snprintf(rv->period, sizeof rv->period, "%s", said);
	repview_build(t, rv, true);
}

static void period_typed(struct tui *t, struct modal *m, bool ok);

static void ask_period(struct tui *t, const char *text, const char *error)
{
	ask(t, "From and to (dd/mm/yyyy dd/mm/yyyy): ", text, error, period_typed);
}

static void period_typed(struct tui *t, struct modal *m, bool ok)
{
	struct repview *rv = shown_view(t);
	if (!ok || !rv)
		return;
	const char *line = ((struct dialog *)m)->line.text;
	char *typed = xstrdup(line), *save = NULL, from[DATE_LEN], to[DATE_LEN];
	const char *a = strtok_r(typed, " ", &save), *b = strtok_r(NULL, " ", &save);
	if (b && strcmp(b, "to") == 0)
		b = strtok_r(NULL, " ", &save);
	struct kerr err;
	int status = !a || !b ? kerr_set(&err, K_INVALID, "period",
					 "period: give two dates, from and to")
			      : date_parse(a, from, "from", &err);
	if (status == K_OK)
		status = date_parse(b, to, "to", &err);
	if (status == K_OK && strcmp(from, to) > 0)
		status = kerr_set(&err, K_INVALID, "from", "from: %s comes after to (%s)", a, b);
	if (status == K_OK)
		set_period(t, rv, from, to, "the period typed");
	else
		ask_period(t, line, err.msg); /* what was typed stays */
	free(typed);
}

/* The quarter (0 to 3) of a financial year from April that month m is in, and that year. */
static void quarter_of(int y, int m, int *fy, int *q)
{
	*fy = m >= 4 ? y : y - 1;
	*q = ((m + 8) % 12) / 3;
}

static void quarter_dates(int fy, int q, char from[DATE_LEN], char to[DATE_LEN])
{
	int m = 4 + 3 * q, y = fy + (m > 12);
	m = (m - 1) % 12 + 1;
	date_format(y, m, 1, from);
	date_add_months(from, 3, to);
	date_add_days(to, -1, to);
}

/* The dates of a choice of period (its value); false for one typed or moving on with days. */
static bool period_dates(const char *v, char from[DATE_LEN], char to[DATE_LEN])
{
	char today[DATE_LEN];
	date_today(today);
	int y = atoi(today), fy, q;
	quarter_of(y, atoi(today + 5), &fy, &q);
	snprintf(to, DATE_LEN, "%s", today);
	if (strcmp(v, "typed") == 0 || strcmp(v, "12") == 0)
		return false;
	if (strcmp(v, "quarter") == 0) {
		char end[DATE_LEN];
		quarter_dates(fy, q, from, end);
	} else if (strcmp(v, "last-quarter") == 0) {
		quarter_dates(q ? fy : fy - 1, q ? q - 1 : 3, from, to);
	} else if (strcmp(v, "fy") == 0) {
		date_format(fy, 4, 1, from);
	} else if (strcmp(v, "last-fy") == 0) {
		date_format(fy - 1, 4, 1, from);
		date_format(fy, 3, 31, to);
	} else if (strcmp(v, "year") == 0) {
		date_format(y, 1, 1, from);
	} else {
		date_add_months(today, -atoi(v), from); /* the last n months */
		date_add_days(from, 1, from);
	}
	return true;
}

static void period_chosen(struct tui *t, struct modal *m, bool ok)
{
	struct picker *p = (struct picker *)m;
	struct repview *rv = shown_view(t);
	char from[DATE_LEN], to[DATE_LEN];
	if (!ok || !rv || !p->value)
		return;
	if (strcmp(p->value, "typed") == 0) {
		char a[16], b[16], text[40];
		snprintf(text, sizeof text, "%s %s", tui_date(rv->have ? rv->built.from : "", a),
			 tui_date(rv->have ? rv->built.to : "", b));
		ask_period(t, rv->have ? text : "", NULL);
	} else if (period_dates(p->value, from, to)) {
		set_period(t, rv, from, to, p->label);
	} else {
		set_period(t, rv, "", "", p->label); /* moving on with the days */
	}
}

/* A choice of period, its dates beside it. */
static void add_period(struct picker *p, const char *label, const char *value)
{
	char from[DATE_LEN], to[DATE_LEN], a[16], b[16], note[40] = "";
	if (period_dates(value, from, to))
		snprintf(note, sizeof note, "%s to %s", tui_date(from, a), tui_date(to, b));
	picker_add(p, label, value, note[0] ? note : NULL);
}

void repview_choose_period(struct tui *t, struct repview *rv)
{
	(void)rv;
	struct picker *p = picker_new("Report on which period?");
	add_period(p, "the last 12 months", "12");
	add_period(p, "last quarter", "last-quarter");
	add_period(p, "this quarter so far", "quarter");
	add_period(p, "this financial year so far", "fy");
	add_period(p, "last financial year", "last-fy");
	add_period(p, "the last 3 months", "3");
	add_period(p, "this year so far", "year");
	picker_add(p, "from… to…", "typed", "two dates");
	offer(t, p, period_chosen);
}

/* ---- whose outputs ---- */

static void worker_chosen(struct tui *t, struct modal *m, bool ok)
{
	struct picker *p = (struct picker *)m;
	struct repview *rv = shown_view(t);
	if (!ok || !rv || !p->value)
		return;
	snprintf(rv->worker, sizeof rv->worker, "%s", p->value);
	snprintf(rv->worker_name, sizeof rv->worker_name, "%s",
		 p->value[0] ? p->label : "the programme");
	repview_build(t, rv, true);
}

void repview_choose_worker(struct tui *t, struct repview *rv)
{
	(void)rv;
	struct store *st = tui_store(t);
	if (!auth_allows(st, AUTH_REPORTS)) {
		tui_status(t, true,
			   "A worker's report is of their own work; another's is for a "
			   "coordinator");
		return;
	}
	struct page_query q;
	struct page pg;
	struct kerr err;
	page_query_init(&q, &worker_entity);
	q.limit = WORKERS_OFFERED;
	if (page_load(st, &q, &pg, &err) != K_OK) {
		page_free(&pg);
		tui_status(t, true, "%s", err.msg);
		return;
	}
	struct picker *p = picker_new("Whose outputs?");
	picker_add(p, "the programme", "", "every worker's");
	for (int i = 0; i < pg.n; i++)
		picker_add(p, record_display(pg.row[i]), pg.row[i]->id,
			   record_get(pg.row[i], WORKER_ROLE));
	page_free(&pg);
	offer(t, p, worker_chosen);
}

/* ---- the neighbourhood ---- */

static void place_set(struct tui *t, struct repview *rv, const char *name)
{
	while (*name == ' ')
		name++;
	snprintf(rv->neighbourhood, sizeof rv->neighbourhood, "%s", name);
	repview_build(t, rv, true);
}

static void place_chosen(struct tui *t, struct modal *m, bool ok)
{
	struct repview *rv = shown_view(t);
	if (ok && rv && ((struct picker *)m)->value)
		place_set(t, rv, ((struct picker *)m)->value);
}

static void place_typed(struct tui *t, struct modal *m, bool ok)
{
	struct repview *rv = shown_view(t);
	if (ok && rv)
		place_set(t, rv, ((struct dialog *)m)->line.text);
}

void repview_choose_neighbourhood(struct tui *t, struct repview *rv)
{
	struct network_place *place;
	int n;
	struct kerr err;
	if (network_neighbourhoods(tui_store(t), &place, &n, &err) != K_OK) {
		/* a worker is not shown the places of every asset: they type the one they want */
		ask(t, "Neighbourhood (empty for every one): ", rv->neighbourhood, NULL,
		    place_typed);
		return;
	}
	struct picker *p = picker_new("Report on which neighbourhood?");
	char note[32];
	picker_add(p, "every neighbourhood", "", NULL);
	for (int i = 0; i < n; i++) {
		snprintf(note, sizeof note, "%d %s", place[i].assets,
			 place[i].assets == 1 ? "asset" : "assets");
		picker_add(p, place[i].name, place[i].name, note);
	}
	network_places_free(place, n);
	offer(t, p, place_chosen);
}

/* ---- writing it out ---- */

/* Where a report goes unless told: the user's documents folder, else their home. */
static char *default_path(const struct repview *rv)
{
	char *file = xasprintf("kith-%s-report-%s-to-%s.html", REPORTS[rv->kind].name,
			       rv->built.from, rv->built.to);
	char *path = dialog_default_path(file);
	free(file);
	return path;
}

static void write_typed(struct tui *t, struct modal *m, bool ok);
static void write_confirmed(struct tui *t, struct modal *m, bool ok);

static void ask_path(struct tui *t, const char *path, const char *error)
{
	ask(t, "Write the report to (.html to print; .md, .csv, .json, .txt): ", path, error,
	    write_typed);
}

static void write_to(struct tui *t, struct repview *rv, const char *path, bool force)
{
	struct kerr err;
	int status = report_render_write(&rv->doc, report_format_of_path(path), path,
					 store_path(tui_store(t)), force, &err);
	if (status == K_OK) {
		tui_status(t, false, "Report written to %s", path);
	} else if (status == K_DUPLICATE && !force) {
		snprintf(rv->write_path, sizeof rv->write_path, "%s", path);
		char *q = xasprintf("%s is already there. Write the report over it?", path);
		struct dialog *d = dialog_confirm(q);
		free(q);
		d->m.done = write_confirmed;
		tui_push(t, &d->m);
	} else {
		ask_path(t, path, err.msg);
	}
}

static void write_confirmed(struct tui *t, struct modal *m, bool ok)
{
	(void)m;
	struct repview *rv = shown_view(t);
	if (!rv || !rv->have)
		return;
	if (ok)
		write_to(t, rv, rv->write_path, true);
	else
		ask_path(t, rv->write_path, NULL);
}

static void write_typed(struct tui *t, struct modal *m, bool ok)
{
	struct repview *rv = shown_view(t);
	const char *path = ((struct dialog *)m)->line.text;
	while (*path == ' ')
		path++;
	if (!ok || !rv || !rv->have || !*path)
		return;
	char *copy = xstrdup(path);
	write_to(t, rv, copy, false);
	free(copy);
}

void repview_write(struct tui *t, struct repview *rv)
{
	char *path = default_path(rv);
	ask_path(t, path, NULL);
	free(path);
}
