/* What the Network screen's files share: the view's state (the report measured, the query it
 * was measured for, the table's order, the figures view and its trend) and the parts kept in
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
	int sort;
	int filter, community;
	int *order, norder; /* the rows shown: node indexes */
	int sel, top;
	int summary_rows; /* as last drawn */
	char error[400];
	/* what is measured: the period ("" for the twelve months to today) and the place */
	char since[DATE_LEN], until[DATE_LEN];
	char neighbourhood[81], category[40];
	/* the figures view (i): its cursor, and the trend measured for it when first asked */
	bool figures;
	int fsel, ftop;
	struct network_trend *trend;
	char write_path[1024]; /* a file to write over, when the user says yes */
};

/* The query the view measures. */
struct network_query netview_query(const struct netview *nv);
/* Shows the report kept for a new query (after a choice) and measures it again in the
 * background unless it is current. */
void netview_remeasure(struct tui *t, struct netview *nv);
/* The trend of the report shown, measured now if it is not yet; NULL when it could not be
 * (the status line says why). */
const struct network_trend *netview_trend(struct tui *t, struct netview *nv);

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

#endif
