/* The readiness report: the latest self-assessment by theme (the mean rating of each theme's
 * rated questions, and every question's rating with its evidence), and the change by theme
 * since the sitting before and since the first, as figures, a table and series. */
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readiness.h"
#include "store.h"
#include "xalloc.h"

/* "Community Connections" -> "community_connections": a theme in block keys. */
static void theme_key(int theme, char *out, size_t n)
{
	snprintf(out, n, "%s", theme < READINESS_THEMES ? readiness_themes[theme] : "overall");
	for (char *p = out; *p; p++)
		*p = *p == ' ' || *p == '-' ? '_' : (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
}

/* As the report shows a number: two places at most (3.33, not 3.333…). */
static double two(double v)
{
	return round(v * 100) / 100;
}

/* The mean of every rated question. */
static bool overall_mean(const struct readiness_answers *a, double *out)
{
	int sum = 0, n = 0;
	for (int q = 0; q < READINESS_QUESTIONS; q++)
		if (a->rating[q] > 0)
			sum += a->rating[q], n++;
	if (n)
		*out = (double)sum / n;
	return n > 0;
}

static bool mean_of(const struct readiness_answers *a, int theme, double *out)
{
	return theme < READINESS_THEMES ? readiness_theme_mean(a, theme, out)
					: overall_mean(a, out);
}

static const char *theme_name(int theme)
{
	return theme < READINESS_THEMES ? readiness_themes[theme] : "All 18 questions";
}

static void latest(struct report *r, const struct readiness_answers *a)
{
	char heading[300], key[80], tk[40], note[64];
	snprintf(heading, sizeof heading, "The latest assessment: %s (%s)", a->title, a->date);
	report_heading(r, heading);
	for (int t = 0; t <= READINESS_THEMES; t++) {
		double mean;
		int rated = 0, of = 0;
		for (int q = 0; q < READINESS_QUESTIONS; q++)
			if (t == READINESS_THEMES || readiness_questions[q].theme == t)
				of++, rated += a->rating[q] > 0;
		theme_key(t, tk, sizeof tk);
		snprintf(key, sizeof key, "readiness.latest.%s", tk);
		snprintf(note, sizeof note, "%d of %d questions rated, 1 to 4", rated, of);
		if (mean_of(a, t, &mean))
			report_figure(r, key, theme_name(t), two(mean), "", note);
		else
			report_missing(r, key, theme_name(t), note);
	}
}

static void answers_table(struct report *r, const struct readiness_answers *a)
{
	static const char *const header[] = {"Theme", "Question", "Rating", "Evidence"};
	report_table(r, "readiness.latest.answers", 4, header);
	for (int q = 0; q < READINESS_QUESTIONS; q++) {
		char question[120], rating[40];
		int v = a->rating[q];
		snprintf(question, sizeof question, "%d. %s", q + 1, readiness_questions[q].label);
		if (v)
			snprintf(rating, sizeof rating, "%d %s", v, readiness_levels[v - 1]);
		else
			snprintf(rating, sizeof rating, "not rated");
		const char *cells[] = {readiness_themes[readiness_questions[q].theme], question,
				       rating, a->evidence[q]};
		report_row(r, cells);
	}
}

/* The change of each theme from `from` to `to`: a figure a theme, when both rated it. */
static void change(struct report *r, const char *what, const struct readiness_answers *from,
		   const struct readiness_answers *to)
{
	for (int t = 0; t <= READINESS_THEMES; t++) {
		char key[80], tk[40], note[120];
		double a, b;
		theme_key(t, tk, sizeof tk);
		snprintf(key, sizeof key, "readiness.%s.%s", what, tk);
		if (!mean_of(from, t, &a) || !mean_of(to, t, &b)) {
			report_missing(r, key, theme_name(t), "not rated at both");
			continue;
		}
		snprintf(note, sizeof note, "from %.1f (%s) to %.1f (%s)", a, from->date, b,
			 to->date);
		report_figure(r, key, theme_name(t), two(b - a), "", note);
	}
}

/* Each theme's mean at every sitting that rated it, oldest first. */
static void series(struct report *r, const struct readiness_answers *all, int n)
{
	const char **labels = xcalloc((size_t)n, sizeof *labels);
	double *values = xcalloc((size_t)n, sizeof *values);
	for (int t = 0; t <= READINESS_THEMES; t++) {
		int k = 0;
		for (int i = 0; i < n; i++)
			if (mean_of(&all[i], t, &values[k])) {
				values[k] = two(values[k]);
				labels[k++] = all[i].date;
			}
		char key[80], tk[40], label[80];
		theme_key(t, tk, sizeof tk);
		snprintf(key, sizeof key, "readiness.trend.%s", tk);
		snprintf(label, sizeof label, "%s, assessment by assessment", theme_name(t));
		report_series(r, key, label, k, labels, values);
	}
	free(labels);
	free(values);
}

static int load_all(struct store *st, const struct readiness_sitting *s, int n,
		    struct readiness_answers *out, struct kerr *err)
{
	int status = K_OK;
	for (int i = 0; i < n && status == K_OK; i++)
		status = readiness_answers_load(st, s[i].id, &out[i], err);
	return status;
}

static void build(struct report *r, const struct readiness_answers *all, int n)
{
	latest(r, &all[n - 1]);
	answers_table(r, &all[n - 1]);
	if (n >= 2) {
		report_heading(r, "Change since the assessment before");
		change(r, "change", &all[n - 2], &all[n - 1]);
	}
	if (n >= 3) {
		report_heading(r, "Change since the first assessment");
		change(r, "change_all", &all[0], &all[n - 1]);
	}
	report_heading(r, "Each theme over time");
	series(r, all, n);
}

int report_readiness(struct store *st, const struct report_query *q, struct report *out,
		     struct kerr *err)
{
	struct readiness_sitting *s = NULL;
	int n = 0;
	free(out->subtitle);
	out->subtitle = xasprintf("assessments to %s", q->to);
	int status = readiness_sittings(st, q->to, &s, &n, err);
	if (status != K_OK)
		return status;
	report_text(out, "The readiness framework of NDTi and Partners in Care and Health: 18 "
			 "questions in six themes, each rated 1 (not yet), 2 (emerging), 3 "
			 "(developing) or 4 (established) with the local evidence for it.");
	struct readiness_answers *all = xcalloc((size_t)n + 1, sizeof *all);
	status = load_all(st, s, n, all, err);
	if (status == K_OK && n == 0)
		report_text(out, "No readiness assessment has been recorded yet.");
	else if (status == K_OK)
		build(out, all, n);
	for (int i = 0; i < n; i++)
		readiness_answers_free(&all[i]);
	free(all);
	free(s);
	return status;
}
