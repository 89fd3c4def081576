/* Choosing what the Network screen measures, as the command line's --since, --until,
 * --neighbourhood and --category do (p, n, c), and writing the report shown to a file (w)
 * with the command line's own writer (network_write), to keep, send or print. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asset.h"
#include "dialog.h"
#include "file.h"
#include "network_view.h"
#include "picker.h"
#include "store.h"
#include "xalloc.h"

#define TOP 10

static struct netview *shown_view(struct tui *t)
{
	return tui_screen(t)->own;
}

static void offer(struct tui *t, struct picker *p, void (*done)(struct tui *, struct modal *, bool))
{
	picker_refresh(t, p);
	p->m.done = done;
	tui_push(t, &p->m);
}

/* ---- the period ---- */

static void set_period(struct tui *t, struct netview *nv, const char *since, const char *until)
{
	snprintf(nv->since, DATE_LEN, "%s", since);
	snprintf(nv->until, DATE_LEN, "%s", until);
	netview_remeasure(t, nv);
}

static void period_typed(struct tui *t, struct modal *m, bool ok);

/* A line to type; after a refusal its label says what was wrong, since the prompt stands
 * where the status line would say it. */
static void ask(struct tui *t, const char *label, const char *again, const char *text,
		const char *error, void (*done)(struct tui *, struct modal *, bool))
{
	char *said = error ? xasprintf("%s. %s", error, again) : xstrdup(label);
	struct dialog *d = dialog_prompt(said, text);
	free(said);
	d->m.done = done;
	tui_push(t, &d->m);
}

static void ask_period(struct tui *t, const char *text, const char *error)
{
	ask(t, "From and to (dd/mm/yyyy dd/mm/yyyy): ", "From and to: ", text, error, period_typed);
}

static void period_typed(struct tui *t, struct modal *m, bool ok)
{
	struct netview *nv = shown_view(t);
	if (!ok || !nv)
		return;
	char *typed = xstrdup(((struct dialog *)m)->line.text), *save = NULL;
	char since[DATE_LEN], until[DATE_LEN];
	const char *from = strtok_r(typed, " ", &save), *to = strtok_r(NULL, " ", &save);
	if (to && strcmp(to, "to") == 0)
		to = strtok_r(NULL, " ", &save);
	struct kerr err;
	int status = !from || !to ? kerr_set(&err, K_INVALID, "period",
					     "period: give two dates, from and to")
				  : date_parse(from, since, "from", &err);
	if (status == K_OK)
		status = date_parse(to, until, "to", &err);
	if (status == K_OK && strcmp(since, until) > 0)
		status = kerr_set(&err, K_INVALID, "from", "from: %s comes after to (%s)", from,
				  to);
	if (status == K_OK) {
		set_period(t, nv, since, until);
	} else {
		ask_period(t, ((struct dialog *)m)->line.text, err.msg); /* what was typed stays */
	}
	free(typed);
}

static void period_chosen(struct tui *t, struct modal *m, bool ok)
{
	struct picker *p = (struct picker *)m;
	struct netview *nv = shown_view(t);
	char today[DATE_LEN], since[DATE_LEN], d1[16], d2[16], text[40];
	if (!ok || !nv || !p->value)
		return;
	date_today(today);
	int y = atoi(today);
	if (strcmp(p->value, "typed") == 0) {
		/* the period shown, or chosen and still being measured */
		bool shown = nv->have && nv->r.net;
		snprintf(text, sizeof text, "%s %s",
			 tui_date(shown ? nv->r.net->since : nv->since, d1),
			 tui_date(shown ? nv->r.net->until : nv->until, d2));
		ask_period(t, text, NULL);
	} else if (strcmp(p->value, "year") == 0) {
		date_format(y, 1, 1, since);
		set_period(t, nv, since, today);
	} else if (strcmp(p->value, "last") == 0) {
		char until[DATE_LEN];
		date_format(y - 1, 1, 1, since);
		date_format(y - 1, 12, 31, until);
		set_period(t, nv, since, until);
	} else if (strcmp(p->value, "12") == 0) {
		set_period(t, nv, "", ""); /* the default, moving on with the days */
	} else {
		date_add_months(today, -atoi(p->value), since); /* the last n months */
		date_add_days(since, 1, since);
		set_period(t, nv, since, today);
	}
}

void netview_choose_period(struct tui *t, struct netview *nv)
{
	(void)nv;
	struct picker *p = picker_new("Measure which period?");
	picker_add(p, "the last 12 months", "12", "beside the 12 before");
	picker_add(p, "the last 6 months", "6", "beside the 6 before");
	picker_add(p, "the last 3 months", "3", "beside the 3 before");
	picker_add(p, "this year so far", "year", NULL);
	picker_add(p, "last year", "last", NULL);
	picker_add(p, "from… to…", "typed", "two dates");
	offer(t, p, period_chosen);
}

/* ---- the place ---- */

/* A choice of place is its kind's letter, n or c, a colon, then the name ("" for all). */
static void place_chosen(struct tui *t, struct modal *m, bool ok)
{
	struct picker *p = (struct picker *)m;
	struct netview *nv = shown_view(t);
	if (!ok || !nv || !p->value || strlen(p->value) < 2)
		return;
	if (p->value[0] == 'n')
		snprintf(nv->neighbourhood, sizeof nv->neighbourhood, "%s", p->value + 2);
	else
		snprintf(nv->category, sizeof nv->category, "%s", p->value + 2);
	nv->filter = 0;
	netview_remeasure(t, nv);
}

void netview_choose_neighbourhood(struct tui *t, struct netview *nv)
{
	(void)nv;
	struct network_place *place;
	int n;
	struct kerr err;
	if (network_neighbourhoods(tui_store(t), &place, &n, &err) != K_OK) {
		tui_status(t, true, "%s", err.msg);
		return;
	}
	struct picker *p = picker_new("Measure the assets of which neighbourhood?");
	char note[32], *value;
	picker_add(p, "every neighbourhood", "n:", NULL);
	for (int i = 0; i < n; i++) {
		snprintf(note, sizeof note, "%d %s", place[i].assets,
			 place[i].assets == 1 ? "asset" : "assets");
		value = xasprintf("n:%s", place[i].name);
		picker_add(p, place[i].name, value, note);
		free(value);
	}
	network_places_free(place, n);
	offer(t, p, place_chosen);
}

void netview_choose_category(struct tui *t, struct netview *nv)
{
	(void)nv;
	struct picker *p = picker_new("Measure the assets of which category?");
	char value[48];
	picker_add(p, "every category", "c:", NULL);
	for (int i = 0; asset_categories[i]; i++) {
		snprintf(value, sizeof value, "c:%s", asset_categories[i]);
		picker_add(p, asset_categories[i], value, NULL);
	}
	offer(t, p, place_chosen);
}

/* ---- writing the report out ---- */

/* Where a report goes unless told: the user's documents folder, else their home. */
static char *default_path(const struct netview *nv)
{
	char *file = xasprintf("kith-network-report-%s.txt", nv->r.net->until);
	char *path = dialog_default_path(file);
	free(file);
	return path;
}

static void write_typed(struct tui *t, struct modal *m, bool ok);
static void write_confirmed(struct tui *t, struct modal *m, bool ok);

static void ask_path(struct tui *t, const char *path, const char *error)
{
	ask(t, "Write the report to (.json for JSON): ", "Write to: ", path, error, write_typed);
}

static void ask_replace(struct tui *t, struct netview *nv, const char *path)
{
	snprintf(nv->write_path, sizeof nv->write_path, "%s", path);
	char *q = xasprintf("%s is already there. Write the report over it?", path);
	struct dialog *d = dialog_confirm(q);
	free(q);
	d->m.done = write_confirmed;
	tui_push(t, &d->m);
}

/* The months are still being measured, and the report is the same text as graph report
 * --trend: the file is checked now (asked about before it is replaced), written as soon as
 * they are ready (netview_write_ready), and the screen stays in use meanwhile. */
static void write_later(struct tui *t, struct netview *nv, const char *path, bool force)
{
	struct kerr err;
	int status = file_check_out(path, store_path(tui_store(t)), force, &err);
	if (status == K_DUPLICATE) {
		ask_replace(t, nv, path);
	} else if (status != K_OK) {
		ask_path(t, path, err.msg);
	} else {
		snprintf(nv->write_when_ready, sizeof nv->write_when_ready, "%s", path);
		nv->write_force = force;
		tui_status(t, false, "Measuring each month: the report goes to %s when done…",
			   path);
	}
}

static void write_to(struct tui *t, struct netview *nv, const char *path, bool force)
{
	struct kerr err;
	if (netview_months_coming(nv)) {
		write_later(t, nv, path, force);
		return;
	}
	int status = network_write(tui_store(t), &nv->r, nv->r.trend, TOP, path, force, &err);
	if (status == K_OK)
		tui_status(t, false, "Report written to %s%s", path,
			   nv->r.trend ? "" : " (without the months: they could not be measured)");
	else if (status == K_DUPLICATE && !force)
		ask_replace(t, nv, path);
	else
		ask_path(t, path, err.msg);
}

void netview_write_ready(struct tui *t, struct netview *nv)
{
	if (!nv->write_when_ready[0] || !nv->have || netview_months_coming(nv))
		return;
	char *path = xstrdup(nv->write_when_ready);
	nv->write_when_ready[0] = '\0';
	write_to(t, nv, path, nv->write_force);
	free(path);
}

static void write_confirmed(struct tui *t, struct modal *m, bool ok)
{
	(void)m;
	struct netview *nv = shown_view(t);
	if (!nv || !nv->have)
		return;
	if (ok)
		write_to(t, nv, nv->write_path, true);
	else
		ask_path(t, nv->write_path, NULL);
}

static void write_typed(struct tui *t, struct modal *m, bool ok)
{
	struct netview *nv = shown_view(t);
	const char *path = ((struct dialog *)m)->line.text;
	while (*path == ' ')
		path++;
	if (!ok || !nv || !nv->have || !*path)
		return;
	char *copy = xstrdup(path);
	write_to(t, nv, copy, false);
	free(copy);
}

void netview_write(struct tui *t, struct netview *nv)
{
	char *path = default_path(nv);
	ask_path(t, path, NULL);
	free(path);
}
