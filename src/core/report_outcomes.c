/* The outcomes report: ONS4 personal wellbeing (the mean change per question, with its
 * number of pairs, and the moves between the ONS bands), the ONS loneliness question before
 * and after, and stories people agreed to share. Figures from outcomes.c. */
#include "report.h"

#include <stdio.h>

#include "outcomes.h"
#include "store.h"
#include "story.h"

#define STORIES 5

static const char pairs_text[] =
	"A pair is a person's first baseline and their latest follow-up dated after it and "
	"within the period; a question counts in a pair when it was answered both times. Scores "
	"run 0 to 10; for anxiety lower is better. Bands are the ONS's: life satisfaction, "
	"worthwhile and happiness low 0-4, medium 5-6, high 7-8, very high 9-10; anxiety very "
	"low 0-1, low 2-3, medium 4-5, high 6-10.";

static void key(char *out, size_t n, const char *question, const char *what)
{
	snprintf(out, n, "wellbeing.%s.%s", question, what);
}

static void bands_table(struct report *r, const struct outcomes_cohort *c, int q)
{
	const struct outcomes_question *qu = &outcomes_questions[q];
	char k[96], cell[OUTCOMES_BANDS][24];
	const char *header[1 + OUTCOMES_BANDS] = {"Baseline → now"};
	for (int b = 0; b < OUTCOMES_BANDS; b++)
		header[1 + b] = qu->band[b];
	key(k, sizeof k, qu->key, "bands");
	report_table(r, k, 1 + OUTCOMES_BANDS, header);
	for (int from = 0; from < OUTCOMES_BANDS; from++) {
		const char *row[1 + OUTCOMES_BANDS] = {qu->band[from]};
		for (int to = 0; to < OUTCOMES_BANDS; to++) {
			snprintf(cell[to], sizeof cell[to], "%ld", c->moved[q][from][to]);
			row[1 + to] = cell[to];
		}
		report_row(r, row);
	}
}

static void question(struct report *r, const struct outcomes_cohort *c, int q)
{
	const struct outcomes_question *qu = &outcomes_questions[q];
	char k[96], label[96], note[96];
	report_heading(r, qu->label);
	key(k, sizeof k, qu->key, "mean_change");
	snprintf(label, sizeof label, "%s: mean change", qu->label);
	snprintf(note, sizeof note, "%ld pair%s; %s is better", c->n[q], c->n[q] == 1 ? "" : "s",
		 qu->lower_better ? "lower" : "higher");
	if (c->n[q])
		report_figure(r, k, label, (double)c->change[q] / (double)c->n[q], "", note);
	else
		report_missing(r, k, label, note);
	key(k, sizeof k, qu->key, "pairs");
	report_figure(r, k, "Pairs", (double)c->n[q], "", NULL);
	key(k, sizeof k, qu->key, "better_band");
	report_figure(r, k, "Moved to a better band", (double)c->better[q], "", NULL);
	key(k, sizeof k, qu->key, "worse_band");
	report_figure(r, k, "Moved to a worse band", (double)c->worse[q], "", NULL);
	bands_table(r, c, q);
}

static void loneliness(struct report *r, const struct outcomes_cohort *c)
{
	report_heading(r, "Loneliness");
	report_text(r, "The ONS question \"How often do you feel lonely?\", answered at the "
		       "baseline and the follow-up of each pair.");
	report_figure(r, "loneliness.pairs", "Pairs", (double)c->lonely_n, "", NULL);
	report_figure(r, "loneliness.less_often", "Now feel lonely less often",
		      (double)c->less_lonely, "", NULL);
	report_figure(r, "loneliness.more_often", "Now feel lonely more often",
		      (double)c->more_lonely, "", NULL);
	const char *header[] = {"How often lonely", "At baseline", "At follow-up"};
	report_table(r, "loneliness.answers", 3, header);
	for (int a = 0; a < OUTCOMES_LONELINESS; a++) {
		char n0[24], n1[24];
		snprintf(n0, sizeof n0, "%ld", c->lonely[0][a]);
		snprintf(n1, sizeof n1, "%ld", c->lonely[1][a]);
		const char *row[] = {outcomes_lonely_label[a], n0, n1};
		report_row(r, row);
	}
}

int report_outcomes(struct store *st, const struct report_query *q, struct report *out,
		    struct kerr *err)
{
	struct outcomes_cohort c;
	int status = outcomes_cohort(st, q, &c, err);
	if (status != K_OK)
		return status;
	report_heading(out, "Personal wellbeing (ONS4)");
	report_text(out, pairs_text);
	if (q->worker[0]) /* one worker's: whose answers they took */
		report_text(out, "Only the pairs whose follow-up this worker recorded.");
	report_figure(out, "wellbeing.pairs", "People with a baseline and a follow-up",
		      (double)c.pairs, "", NULL);
	for (int i = 0; i < OUTCOMES_QUESTIONS; i++)
		question(out, &c, i);
	loneliness(out, &c);
	return story_report(st, q, STORIES, out, err);
}
