/* What the Reports screen's files share: the view's state (the report chosen, its period,
 * worker and neighbourhood; the document last built and its lines as drawn; the job building
 * the next) and the choosing and writing out kept in reports_choose.c. Private to the
 * interface. */
#ifndef KITH_REPORTS_VIEW_H
#define KITH_REPORTS_VIEW_H

#include "report.h"
#include "report_job.h"
#include "report_render.h"
#include "tui.h"

struct repview {
	/* what is asked for */
	int kind;                          /* in REPORTS */
	char from[DATE_LEN], to[DATE_LEN]; /* "" for the twelve months to today */
	char period[80];                   /* how the period was chosen: "the last 12 months" */
	char worker[ID_LEN];               /* "" for the programme */
	char worker_name[120];
	char neighbourhood[81];
	/* what is shown: the document built for it, laid out for the width */
	struct report doc;
	bool have;
	struct report_query built; /* the query it was built for, its period filled */
	struct report_lines lines;
	int lines_width;
	int top;
	char error[400];
	struct report_job *job; /* building the next */
	char write_path[1024];  /* a file to write over, when the user says yes */
	int rebuild_below;      /* build again once the windows open fall below this many */
};

/* Builds the report asked for again (in the background where it can); fresh drops what is
 * shown first (another report, period, worker or place was chosen). */
void repview_build(struct tui *t, struct repview *rv, bool fresh);

/* ---- choosing, and writing out (reports_choose.c) ---- */
void repview_choose_report(struct tui *t, struct repview *rv);
void repview_choose_period(struct tui *t, struct repview *rv);
void repview_choose_worker(struct tui *t, struct repview *rv);
void repview_choose_neighbourhood(struct tui *t, struct repview *rv);
void repview_write(struct tui *t, struct repview *rv);

#endif
