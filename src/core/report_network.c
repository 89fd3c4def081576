/* The network report: how connected the community's assets are. The referral network's
 * figures for the period and month by month (the trend the Network screen keeps, or measured
 * now), beside the partnership network's (how many partnerships, new and ended, the groups
 * and institutions in none, its parts and density) and the register of partnerships. */
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "network.h"
#include "partnership.h"
#include "store.h"
#include "valid.h"
#include "xalloc.h"

/* The referral network's figures the report shows, by their NETWORK_FIGURES key. */
static const struct {
	const char *key, *label, *unit;
	double scale;
	bool monthly; /* worth a series: the map's size barely moves month by month */
} referral_figures[] = {
	{"assets", "Assets on the map", "", 1, false},
	{"assets_with_flow", "Assets with referrals", "", 1, true},
	{"isolated", "Assets in no referral", "", 1, true},
	{"referrals", "Referrals between assets", "", 1, true},
	{"edges", "Links between assets", "", 1, true},
	{"weak_components", "Separate parts", "", 1, true},
	{"weak_largest_share", "Assets in the largest part", "%", 100, true},
	{"reciprocity", "Links that go both ways", "%", 100, true},
	{"density", "Density", "", 1, true},
};
enum { REFERRAL_FIGURES = sizeof referral_figures / sizeof *referral_figures };

/* As the report shows a number: two places at most (a share of 51.67%, not 51.6666…). */
static double two(double v)
{
	return round(v * 100) / 100;
}

static void referral_period(struct report *r, const struct network_figures *f)
{
	for (int i = 0; i < REFERRAL_FIGURES; i++) {
		double v = 0;
		char key[80];
		snprintf(key, sizeof key, "referrals.%s", referral_figures[i].key);
		if (network_figure_value(f, referral_figures[i].key, &v))
			report_figure(r, key, referral_figures[i].label,
				      two(v * referral_figures[i].scale), referral_figures[i].unit,
				      NULL);
	}
}

static void referral_trend(struct report *r, const struct network_trend *t)
{
	const char *labels[NETWORK_TREND_MAX];
	double values[NETWORK_TREND_MAX], raw[NETWORK_TREND_MAX];
	for (int m = 0; m < t->months; m++)
		labels[m] = t->month[m];
	for (int i = 0; i < REFERRAL_FIGURES; i++) {
		char key[80], label[120];
		if (!referral_figures[i].monthly ||
		    !network_trend_values(t, referral_figures[i].key, raw))
			continue;
		for (int m = 0; m < t->months; m++) { /* as the figures above, not as the screen */
			network_figure_value(&t->fig[m], referral_figures[i].key, &values[m]);
			values[m] = two(values[m] * referral_figures[i].scale);
		}
		snprintf(key, sizeof key, "referrals.trend.%s", referral_figures[i].key);
		snprintf(label, sizeof label, "%s, month by month", referral_figures[i].label);
		report_series(r, key, label, t->months, labels, values);
	}
}

/* The trend the Network screen kept for this period when nothing has changed since, else
 * measured now. */
static int referral_months(struct store *st, const struct network_query *nq,
			   struct network_trend *out, struct kerr *err)
{
	struct network_report kept = {0};
	struct network_kept k = {0};
	int status = network_kept_read(st, nq, &kept, &k, NULL);
	bool fresh = status == K_OK && k.fresh && kept.trend &&
		     strcmp(kept.trend->since, nq->since) == 0 &&
		     strcmp(kept.trend->until, nq->until) == 0;
	if (fresh)
		*out = *kept.trend;
	network_report_free(&kept);
	return fresh ? K_OK : network_trend(st, nq, out, err);
}

static int referral_section(struct store *st, const struct report_query *q, struct report *r,
			    struct kerr *err)
{
	report_heading(r, "The referral network");
	/* the whole programme's: not one worker's outputs, nor theirs to read */
	if (!auth_allows(st, AUTH_REPORTS) || q->worker[0]) {
		report_text(r,
			    "How the assets are connected by referrals is the programme's: a "
			    "coordinator reads it in the network report of the whole programme.");
		return K_OK;
	}
	struct network_query nq = {.neighbourhood = q->neighbourhood};
	snprintf(nq.since, sizeof nq.since, "%s", q->from);
	snprintf(nq.until, sizeof nq.until, "%s", q->to);
	struct network *net = NULL;
	int status = network_load(st, &nq, &net, err);
	if (status != K_OK)
		return status;
	struct network_figures f;
	struct network_options o = {.cheap = true};
	network_measure(net->g, net->category, &o, &f);
	network_free(net);
	referral_period(r, &f);
	struct network_trend *t = xcalloc(1, sizeof *t);
	status = referral_months(st, &nq, t, err);
	if (status == K_OK)
		referral_trend(r, t);
	free(t);
	return status;
}

static void partnership_period(struct report *r, const struct partnership_figures *f)
{
	char note[120];
	report_figure(r, "partnerships.count", "Partnerships", f->partnerships, "",
		      "established by the period's end and not ended before it");
	report_figure(r, "partnerships.new", "New partnerships", f->started, "",
		      "established in the period");
	report_figure(r, "partnerships.ended", "Partnerships ended", f->ended, "", NULL);
	report_figure(r, "partnerships.forming", "Partnerships forming", f->forming, "",
		      "not yet counted");
	snprintf(note, sizeof note, "of %d groups and institutions", f->organisations);
	report_figure(r, "partnerships.organisations_in_none", "Groups and institutions in none",
		      f->in_none, "", note);
	report_figure(r, "partnerships.partners", "Partners", f->partners, "",
		      "assets in one or more partnerships");
	report_figure(r, "partnerships.links", "Pairs of partners", f->links, "",
		      "assets partners together, each pair once");
	report_figure(r, "partnerships.components", "Separate parts", f->components, "",
		      "of the partnership network");
	report_figure(r, "partnerships.largest", "Partners in the largest part", f->largest, "",
		      NULL);
	report_figure(r, "partnerships.density", "Density", two(f->density), "",
		      "pairs of partners as a share of all the pairs there could be");
}

/* The calendar months from `from` to `to`, the last NETWORK_TREND_MAX of them. */
static int months_of(const char *from, const char *to, char month[][8])
{
	char day[DATE_LEN];
	int n = 0;
	snprintf(day, sizeof day, "%.7s-01", from);
	while (strncmp(day, to, 7) <= 0 && n < 240) {
		snprintf(month[n % NETWORK_TREND_MAX], 8, "%.7s", day);
		n++;
		date_add_months(day, 1, day);
	}
	return n;
}

static int partnership_months(struct store *st, const struct report_query *q, struct report *r,
			      struct kerr *err)
{
	char month[NETWORK_TREND_MAX][8];
	int all = months_of(q->from, q->to, month);
	int n = all < NETWORK_TREND_MAX ? all : NETWORK_TREND_MAX;
	const char *labels[NETWORK_TREND_MAX];
	double counting[NETWORK_TREND_MAX], started[NETWORK_TREND_MAX];
	int status = K_OK;
	for (int i = 0; i < n && status == K_OK; i++) {
		int at = all <= NETWORK_TREND_MAX ? i : (all + i) % NETWORK_TREND_MAX;
		char first[DATE_LEN], last[DATE_LEN];
		snprintf(first, sizeof first, "%.7s-01", month[at]); /* YYYY-MM */
		date_add_months(first, 1, last);
		date_add_days(last, -1, last);
		struct partnership_figures f;
		status = partnership_figures(st, first, last, &f, err);
		labels[i] = month[at];
		counting[i] = f.partnerships;
		started[i] = f.started;
	}
	if (status == K_OK) {
		report_series(r, "partnerships.trend.count", "Partnerships, month by month", n,
			      labels, counting);
		report_series(r, "partnerships.trend.new", "New partnerships, month by month", n,
			      labels, started);
	}
	return status;
}

static int partnership_register_table(struct store *st, const struct report_query *q,
				      struct report *r, struct kerr *err)
{
	struct partnership_register reg;
	int status = partnership_register(st, q->to, &reg, err);
	if (status != K_OK)
		return status;
	static const char *const header[] = {"Partnership", "Since",    "Status",
					     "Ended",       "Partners", "Purpose"};
	report_table(r, "partnerships.register", 6, header);
	for (int i = 0; i < reg.n; i++) {
		const struct partnership_row *p = &reg.row[i];
		char partners[16];
		snprintf(partners, sizeof partners, "%d", p->partners);
		const char *cells[] = {p->name,  p->since, p->status,
				       p->ended, partners, p->purpose};
		report_row(r, cells);
	}
	partnership_register_free(&reg);
	return K_OK;
}

static int partnership_section(struct store *st, const struct report_query *q, struct report *r,
			       struct kerr *err)
{
	report_heading(r, "Partnerships");
	struct partnership_figures f;
	int status = partnership_figures(st, q->from, q->to, &f, err);
	if (status != K_OK)
		return status;
	partnership_period(r, &f);
	status = partnership_months(st, q, r, err);
	if (status == K_OK) {
		report_heading(r, "The register of partnerships");
		status = partnership_register_table(st, q, r, err);
	}
	return status;
}

int report_network(struct store *st, const struct report_query *q, struct report *out,
		   struct kerr *err)
{
	char from[DATE_LEN], to[DATE_LEN];
	free(out->subtitle);
	out->subtitle = xasprintf("%s to %s", date_uk(q->from, from), date_uk(q->to, to));
	int status = referral_section(st, q, out, err);
	if (status == K_OK)
		status = partnership_section(st, q, out, err);
	return status;
}
