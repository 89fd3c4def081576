/* The Reports screen: a report for commissioners (programme, outcomes, network, readiness) as
 * a document to read and scroll, its bars against targets and its months drawn in block
 * characters and sparklines. r, p, u and n choose the report, its period, whose outputs
 * (coordinators) and the neighbourhood (reports_choose.c); w writes it as HTML to print. The
 * document is built once for each choice, in the background, and every other key only draws
 * from it: scrolling a borough's report costs what drawing a page of lines does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "draw.h"
#include "partners.h"
#include "reports_view.h"
#include "selfassess.h"
#include "store.h"
#include "utf8.h"
#include "xalloc.h"

static struct repview *view(struct screen *s)
{
	if (!s->own) {
		struct repview *rv = xcalloc(1, sizeof *rv);
		snprintf(rv->period, sizeof rv->period, "the last 12 months");
		snprintf(rv->worker_name, sizeof rv->worker_name, "the programme");
		s->own = rv;
	}
	return s->own;
}

static void drop_lines(struct repview *rv)
{
	report_render_lines_free(&rv->lines);
	memset(&rv->lines, 0, sizeof rv->lines);
	rv->lines_width = 0;
}

static void drop_doc(struct repview *rv)
{
	drop_lines(rv);
	report_free(&rv->doc);
	rv->have = false;
	rv->top = 0;
}

/* Takes in the document built (or why it could not be). */
static void take(struct tui *t, struct repview *rv, struct report *doc, int status,
		 const struct kerr *err, const struct report_query *q)
{
	if (status != K_OK) {
		report_free(doc);
		drop_doc(rv);
		snprintf(rv->error, sizeof rv->error, "%s", err->msg);
		tui_status(t, true, "%s", err->msg);
		return;
	}
	int top = rv->top;
	drop_doc(rv);
	rv->doc = *doc;
	rv->built = *q;
	rv->have = true;
	rv->top = top; /* the same report built again keeps its place */
	rv->error[0] = '\0';
}

static struct report_query asked(const struct repview *rv)
{
	struct report_query q;
	memset(&q, 0, sizeof q);
	snprintf(q.from, DATE_LEN, "%s", rv->from);
	snprintf(q.to, DATE_LEN, "%s", rv->to);
	snprintf(q.worker, ID_LEN, "%s", rv->worker);
	q.neighbourhood = rv->neighbourhood[0] ? rv->neighbourhood : NULL;
	return q;
}

void repview_build(struct tui *t, struct repview *rv, bool fresh)
{
	report_job_cancel(rv->job);
	rv->job = NULL;
	if (fresh)
		drop_doc(rv);
	rv->error[0] = '\0';
	struct report_query q = asked(rv);
	struct kerr err;
	rv->job = report_job_start(tui_store(t), &REPORTS[rv->kind], &q, &err);
	if (rv->job)
		return;
	/* no second connection (a database in memory): built here and now */
	struct report doc;
	int status = report_build(tui_store(t), &REPORTS[rv->kind], &q, &doc, &err);
	q.neighbourhood = NULL;
	take(t, rv, &doc, status, &err, &q);
}

static void finished(struct tui *t, struct repview *rv)
{
	struct report doc;
	struct report_query q;
	struct kerr err;
	int status = report_job_finish(rv->job, &doc, &q, &err);
	rv->job = NULL;
	take(t, rv, &doc, status, &err, &q);
}

static void rep_open(struct tui *t, struct screen *s)
{
	repview_build(t, view(s), false);
}

/* The self-assessment or the register was open over the report: once it is closed, what it
 * changed shows. */
static void catch_up(struct tui *t, struct repview *rv)
{
	if (rv && rv->rebuild_below && tui_windows_open(t) < rv->rebuild_below) {
		rv->rebuild_below = 0;
		repview_build(t, rv, false);
	}
}

static bool rep_poll(struct tui *t, struct screen *s)
{
	struct repview *rv = s->own;
	catch_up(t, rv);
	if (rv && rv->job && report_job_done(rv->job))
		finished(t, rv);
	return rv && rv->job;
}

static void rep_wait(struct tui *t, struct screen *s)
{
	struct repview *rv = s->own;
	catch_up(t, rv);
	if (!rv || !rv->job)
		return;
	while (!report_job_done(rv->job))
		nanosleep(&(struct timespec){0, 5 * 1000 * 1000}, NULL);
	finished(t, rv);
}

static void rep_close(struct screen *s)
{
	struct repview *rv = s->own;
	if (!rv)
		return;
	report_job_cancel(rv->job);
	drop_doc(rv);
	free(rv);
	s->own = NULL;
}

/* ---- drawing ---- */

/* "Programme report · 01/04/2026 to 30/06/2026 · the programme · every neighbourhood" */
static void draw_choices(struct tui *t, const struct repview *rv, int y, int cols)
{
	char line[600], from[16], to[16], when[100];
	struct report_query q = rv->have ? rv->built : asked(rv);
	struct kerr err;
	if (rv->have || report_period(&q, &err) == K_OK) /* the dates, also while building */
		snprintf(when, sizeof when, "%s to %s", tui_date(q.from, from), tui_date(q.to, to));
	else
		snprintf(when, sizeof when, "%s", rv->period);
	/* a worker's report is always of their own work (report_build) */
	const char *whose = auth_allows(tui_store(t), AUTH_REPORTS) ? rv->worker_name
								    : "your own work";
	snprintf(line, sizeof line, " %s · %s · %s · %s", REPORTS[rv->kind].title, when, whose,
		 rv->neighbourhood[0] ? rv->neighbourhood : "every neighbourhood");
	draw_fill(stdscr, y, 0, cols, PAINT_HEADING);
	draw_text(stdscr, y, 0, line, cols, PAINT_HEADING, false);
}

static enum paint paint_of(enum report_style style)
{
	switch (style) {
	case REPORT_STYLE_TITLE:
	case REPORT_STYLE_HEADING:
		return PAINT_HEADING;
	case REPORT_STYLE_NOTE:
		return PAINT_DIM;
	case REPORT_STYLE_CHART:
		return PAINT_GOOD;
	default:
		return PAINT_NORMAL;
	}
}

static int page_rows(struct tui *t)
{
	return tui_rows(t) - 3 - 2; /* the screen's own area, less the choices and the place */
}

static void clamp(struct repview *rv, int rows)
{
	int last = (int)rv->lines.n - rows;
	if (rv->top > last)
		rv->top = last;
	if (rv->top < 0)
		rv->top = 0;
}

static void rep_draw(struct tui *t, struct screen *s, int y, int h)
{
	struct repview *rv = view(s);
	int cols = tui_cols(t);
	draw_choices(t, rv, y, cols);
	if (!rv->have) {
		char msg[200];
		snprintf(msg, sizeof msg, "Building the %s…", REPORTS[rv->kind].title);
		draw_text(stdscr, y + 2, 1, rv->error[0] ? rv->error : msg, cols - 2,
			  rv->error[0] ? PAINT_ERROR : PAINT_DIM, false);
		return;
	}
	int width = cols - 2 > 100 ? 100 : cols - 2;
	if (rv->lines_width != width) { /* laid out once for each width */
		drop_lines(rv);
		report_render_lines(&rv->doc, width, &rv->lines);
		rv->lines_width = width;
	}
	int rows = h - 2;
	clamp(rv, rows);
	for (int r = 0; r < rows && rv->top + r < (int)rv->lines.n; r++) {
		const struct report_line *l = &rv->lines.line[rv->top + r];
		draw_text(stdscr, y + 1 + r, 1, l->text, cols - 2, paint_of(l->style), false);
	}
	char where[120];
	int last = rv->top + rows < (int)rv->lines.n ? rv->top + rows : (int)rv->lines.n;
	snprintf(where, sizeof where, "%s lines %d–%d of %zu ", rv->job ? "updating…  " : "",
		 rv->top + 1, last, rv->lines.n);
	draw_text_right(stdscr, y + h - 1, 0, where, cols, PAINT_DIM);
}

/* ---- keys ---- */

static int move_by(struct tui *t, struct repview *rv, enum action a)
{
	int page = page_rows(t) - 1;
	switch (a) {
	case ACT_DOWN:
		rv->top++;
		break;
	case ACT_UP:
		rv->top--;
		break;
	case ACT_PAGE_DOWN:
		rv->top += page;
		break;
	case ACT_PAGE_UP:
		rv->top -= page;
		break;
	case ACT_FIRST:
		rv->top = 0;
		break;
	case ACT_LAST:
		rv->top = (int)rv->lines.n;
		break;
	default:
		return R_UNHANDLED;
	}
	clamp(rv, page_rows(t));
	return R_NONE;
}

static int rep_act(struct tui *t, struct screen *s, enum action a)
{
	struct repview *rv = view(s);
	switch (a) {
	case ACT_REPORT:
		repview_choose_report(t, rv);
		return R_NONE;
	case ACT_PERIOD:
		repview_choose_period(t, rv);
		return R_NONE;
	case ACT_WORKER:
		repview_choose_worker(t, rv);
		return R_NONE;
	case ACT_NEIGHBOURHOOD:
		repview_choose_neighbourhood(t, rv);
		return R_NONE;
	case ACT_READINESS:
		selfassess_open(t);
		rv->rebuild_below = tui_windows_open(t);
		return R_NONE;
	case ACT_PARTNERSHIPS:
		partners_open(t, rv->built.from, rv->built.to);
		rv->rebuild_below = tui_windows_open(t);
		return R_NONE;
	case ACT_WRITE_REPORT:
		if (rv->have)
			repview_write(t, rv);
		else
			tui_status(t, true, "The report is still being built");
		return R_NONE;
	default:
		return move_by(t, rv, a);
	}
}

const struct screen_ops reports_screen = {
	.title = "Reports",
	.keymap = KEYMAP_REPORTS,
	.right = AUTH_RECORDS, /* a worker reads their own outputs (report_build) */
	.filter_field = -1,
	.act = rep_act,
	.open = rep_open,
	.draw = rep_draw,
	.poll = rep_poll,
	.wait = rep_wait,
	.close = rep_close,
};
