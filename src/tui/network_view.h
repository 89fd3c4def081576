/* What the Network screen's files share: the view's state (the report measured with its trend,
 * the query it was measured for, the table's order, the figures view) and the parts kept in
 * files of their own, the figures view (network_figures.c) and choosing what to measure and
 * writing the report out (network_choose.c). Private to the interface. */
#ifndef KITH_NETWORK_VIEW_H
#define KITH_NETWORK_VIEW_H

#include "network.h"
#include "tui.h"

struct netview {
	struct network_report r;
	bool have;
	struct network_kept kept;      /* the stamp and time of what is shown */
	struct network_job *measuring; /* the report being measured again */
	struct network_exact *job;     /* exact figures being worked out */
	struct network_job *months;    /* the report's trend being measured (kept in r.trend) */
	char months_error[400];        /* why the trend could not be measured */
	int sort;
	int filter, community;
	int *order, norder; /* the rows shown: node indexes */
	int sel, top;
	int summary_rows; /* as last drawn */
	char error[400];
	/* what is measured: the period ("" for the twelve months to today) and the place */
	char since[DATE_LEN], until[DATE_LEN];
	char neighbourhood[81], category[40];
	/* the figures view (i): its cursor */
	bool figures;
	int fsel, ftop;
	char write_path[1024]; /* a file to write over, when the user says yes */
	/* a report to write once its months are measured (w while they are), and whether it
	 * may replace a file */
	char write_when_ready[1024];
	bool write_force;
};

/* The query the view measures. */
struct network_query netview_query(const struct netview *nv);
/* Shows the report kept for a new query (after a choice) and measures it again in the
 * background unless it is current. */
void netview_remeasure(struct tui *t, struct netview *nv);
/* Whether the trend of the report shown is still to come (being measured, or to be measured
 * once the report is). */
bool netview_months_coming(const struct netview *nv);

/* Moves a cursor *sel over rows 0 to last by a's step (page rows a page); R_UNHANDLED for an
 * action that does not move. */
int netview_move(int *sel, int last, int page, enum action a);

/* ---- the figures view (network_figures.c) ---- */
void netview_figures_draw(struct tui *t, struct netview *nv, int y, int h, int cols);
int netview_figures_act(struct tui *t, struct netview *nv, enum action a, int rows);

/* ---- choosing, and writing out (network_choose.c) ---- */
void netview_choose_period(struct tui *t, struct netview *nv);
void netview_choose_neighbourhood(struct tui *t, struct netview *nv);
void netview_choose_category(struct tui *t, struct netview *nv);
void netview_write(struct tui *t, struct netview *nv);
/* Writes the report w asked for once its months are measured (nothing when none waits). */
void netview_write_ready(struct tui *t, struct netview *nv);

#endif
