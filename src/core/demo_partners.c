/* The demo's partnerships, funding and readiness: a register of a few dozen partnerships
 * between its groups and institutions over the two years (some new each year, a few
 * ended, a few forming), a handful of grants like Stoke's (tens of thousands of pounds),
 * and three readiness self-assessments some months apart that show change by theme. */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "asset.h"
#include "demo_gen.h"
#include "readiness.h"
#include "store.h"

#define SPAN_DAYS 730

/* clang-format off */
static const char *const aims[][2] = {
	{"Food Network", "sharing surplus food and cooking together"},
	{"Warm Spaces Alliance", "warm, welcoming places open through the winter"},
	{"Walking for Health", "led walks from the surgery and the library"},
	{"Young Carers Circle", "time out and a voice for young carers"},
	{"Men's Shed Partnership", "a workshop space and company for older men"},
	{"Community Garden Group", "growing food on the estate's spare land"},
	{"Digital Inclusion Partnership", "phones and laptops set up, and the help to use them"},
	{"Dementia Friendly Neighbourhood", "shops, cafés and groups that welcome people with "
					    "dementia"},
	{"Family Hub Partners", "a front door for families with children under five"},
	{"Social Prescribing Link", "the surgery's link workers and the groups they refer to"},
	{"Tenants and Residents Forum", "residents' priorities taken to the landlord"},
	{"Faith Communities Forum", "churches, mosques and temples working together"},
	{"Holiday Activities Partnership", "food and fun for children in the school holidays"},
	{"Mental Health Peer Network", "peer support groups meeting across the area"},
	{"Arts on Prescription", "art, music and craft groups taking referrals"},
	{"Cost of Living Response", "money advice, food and fuel support joined up"},
	{"Clean Streets Partnership", "litter picks and reporting with the council"},
	{"Refugee Welcome Network", "language cafés and befriending for new arrivals"},
	{"Physical Activity Alliance", "sport and movement for people who do little"},
	{"Community Safety Forum", "residents and the neighbourhood police team"},
	{"Library Lates Partners", "evening events in the library for all ages"},
	{"Carers' Support Network", "breaks, advice and company for unpaid carers"},
	{"Healthy Homes Partnership", "damp, warmth and repairs for private tenants"},
	{"Breakfast Club Partners", "breakfast before school, run with volunteers"},
	{"Allotment Federation", "the area's allotment societies and their waiting lists"},
	{"Loneliness Action Group", "finding and reaching people who are on their own"},
	{"Employment and Skills Network", "training, volunteering and routes into work"},
	{"Community Transport Partners", "lifts to appointments and to groups"},
	{"Heritage and Memory Project", "local history gathered with older residents"},
	{"Youth Voice Partnership", "young people's say in what the area offers them"},
	{"Pharmacy Health Champions", "health checks and advice in local pharmacies"},
	{"Neighbourhood Partnership Board", "residents and services planning together (C2)"},
	{"Community Café Network", "the area's cafés sharing volunteers and venues"},
	{"Sports Club Alliance", "the clubs opening their doors to newcomers"},
	{"Bereavement Support Partners", "groups and services for people who have lost "
					 "someone"},
	{"Green Spaces Partnership", "parks and open spaces cared for with residents"},
};
/* clang-format on */
enum { AIMS = sizeof aims / sizeof *aims };

/* clang-format off */
static const struct {
	const char *funder, *purpose;
	long pence, days_ago;
} grants[] = {
	{"Ward Budgets", "community café equipment and room hire", 450000, 650},
	{"National Lottery Awards for All", "two years of community connecting events", 1000000,
	 600},
	{"Sported", "coaching and kit for the Physical Activity Alliance", 350000, 470},
	{"The Co-operative Local Community Fund", "the Food Network's cold store", 812550, 400},
	{"Give it Some", "sessional worker for the young carers' circle", 250000, 330},
	{"Public Health Grant", "community champions' training and expenses", 1500000, 240},
	{"Ward Budgets", "warm spaces through the winter", 380000, 150},
	{"Community Foundation", "a participatory appraisal with residents", 249200, 60},
};
/* clang-format on */

static const char *const evidence[READINESS_QUESTIONS] = {
	"Residents with lived experience sat on the design group",
	"Joint working agreement signed with the voluntary sector forum",
	"Co-production training for commissioners and practitioners",
	"Strengths-based principles written into the corporate plan",
	"Grant agreements now set with groups, not for them",
	"Housing and neighbourhood teams at the monthly meeting",
	"Quarterly data review with partners, actions minuted",
	"Stories gathered with outcomes; wellbeing measured at baseline",
	"Performance team adapting the case recording system",
	"Director-level sponsor who speaks for the approach",
	"Leaders agreed to stop two contracts that did to, not with",
	"Programme lead appointed with operational authority",
	"Residents' feedback gathered at every drop-in",
	"Commissioners funding community-based support",
	"Practice teams trained in strengths-based conversations",
	"The approach named in the health and wellbeing strategy",
	"Shared vision agreed with the NHS and the voluntary sector",
	"Whole-system board includes community partners",
};

static const char *const sql[] = {
	"INSERT INTO partnership (id, name, purpose, since, status, ended, created_at, updated_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
	"INSERT INTO partner (partnership_id, asset_id, created_at, updated_at) VALUES (?1, ?2, ?3, "
	"?3)",
	"INSERT INTO funding (id, funder, amount_pence, date, purpose, created_at, updated_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
	"INSERT INTO readiness (id, date, title, notes, worker_id, created_at, updated_at, "
	"updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?5)",
	"INSERT INTO readiness_answer (readiness_id, question, rating, evidence, created_at, "
	"updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
};
enum { PARTNERSHIP, PARTNER, FUNDING, READINESS, ANSWER, NSQL };

/* Groups and institutions mostly, now and then a space or a business; of the partnership's
 * own neighbourhood (nb) mostly, so that the network has parts. */
static long partner_asset(struct demo_gen *g, int nb)
{
	for (int tries = 0; tries < 200; tries++) {
		long a = demo_below(g, g->nasset);
		int cat = g->asset_cat[a];
		if (g->asset_nb[a] != nb && !demo_chance(g, 0.02))
			continue;
		if (cat <= 1 || (cat <= 3 && demo_chance(g, 0.2)))
			return a;
	}
	return -1;
}

static int partners(struct demo_gen *g, sqlite3_stmt **s, const char *id, const char *stamp,
		    struct kerr *err)
{
	long chosen[8];
	int want = 2 + (int)demo_below(g, 3), n = 0, status = K_OK;
	int nb = g->asset_nb[demo_below(g, g->nasset)];
	for (int tries = 0; n < want && tries < 30; tries++) {
		long a = partner_asset(g, nb);
		bool seen = a < 0;
		for (int k = 0; k < n && !seen; k++)
			seen = chosen[k] == a;
		if (seen)
			continue;
		chosen[n++] = a;
		demo_bind(s[PARTNER], 1, id);
		demo_bind(s[PARTNER], 2, g->asset_id[a]);
		demo_bind(s[PARTNER], 3, stamp);
		status = demo_step(g, s[PARTNER], err);
		if (status != K_OK)
			break;
	}
	return status;
}

/* One partnership: older ones before the span, most within it; a few ended, the newest
 * few still forming. */
static int partnership(struct demo_gen *g, sqlite3_stmt **s, int i, struct kerr *err)
{
	char id[ID_LEN], since[DATE_LEN], ended[DATE_LEN], stamp[STAMP_LEN];
	long start = g->today_days - 20 - (long)(SPAN_DAYS + 120) * (AIMS - i) / AIMS -
		     demo_below(g, 20);
	bool forming = i >= AIMS - 2, over = !forming && i % 9 == 4;
	demo_id(g, id);
	demo_date(start, since);
	demo_stamp(g, start, stamp);
	if (over)
		demo_date(start + 120 + demo_below(g, g->today_days - start - 120), ended);
	demo_bind(s[PARTNERSHIP], 1, id);
	demo_bind(s[PARTNERSHIP], 2, aims[i][0]);
	demo_bind(s[PARTNERSHIP], 3, aims[i][1]);
	demo_bind(s[PARTNERSHIP], 4, since);
	demo_bind(s[PARTNERSHIP], 5, forming ? "forming" : over ? "ended" : "active");
	demo_bind(s[PARTNERSHIP], 6, over ? ended : NULL);
	demo_bind(s[PARTNERSHIP], 7, stamp);
	int status = demo_step(g, s[PARTNERSHIP], err);
	return status == K_OK ? partners(g, s, id, stamp, err) : status;
}

static int funding(struct demo_gen *g, sqlite3_stmt **s, struct kerr *err)
{
	int status = K_OK;
	for (size_t i = 0; status == K_OK && i < sizeof grants / sizeof *grants; i++) {
		char id[ID_LEN], day[DATE_LEN], stamp[STAMP_LEN], pence[24];
		demo_id(g, id);
		demo_date(g->today_days - grants[i].days_ago, day);
		demo_stamp(g, g->today_days - grants[i].days_ago, stamp);
		snprintf(pence, sizeof pence, "%ld", grants[i].pence);
		demo_bind(s[FUNDING], 1, id);
		demo_bind(s[FUNDING], 2, grants[i].funder);
		demo_bind(s[FUNDING], 3, pence);
		demo_bind(s[FUNDING], 4, day);
		demo_bind(s[FUNDING], 5, grants[i].purpose);
		demo_bind(s[FUNDING], 6, stamp);
		status = demo_step(g, s[FUNDING], err);
	}
	return status;
}

/* Where each theme starts and how far it moves at each sitting: co-production and impact
 * move most, vision least. */
static const int start_at[READINESS_THEMES] = {1, 2, 1, 2, 2, 1};
static const int moves[READINESS_THEMES][3] = {{0, 1, 2}, {0, 0, 1}, {0, 1, 2},
					       {0, 1, 1}, {0, 0, 1}, {0, 0, 0}};

static int answer(struct demo_gen *g, sqlite3_stmt **s, const char *id, int sitting, int q,
		  const char *stamp, struct kerr *err)
{
	int t = readiness_questions[q].theme;
	int r = start_at[t] + moves[t][sitting] + (q % 4 == 1); /* some ahead of their theme */
	char question[12], rating[12];
	r = r > 4 ? 4 : r;
	snprintf(question, sizeof question, "%d", q + 1);
	snprintf(rating, sizeof rating, "%d", r);
	demo_bind(s[ANSWER], 1, id);
	demo_bind(s[ANSWER], 2, question);
	demo_bind(s[ANSWER], 3, rating);
	demo_bind(s[ANSWER], 4, r <= 1 ? "No local evidence yet: to be sought" : evidence[q]);
	demo_bind(s[ANSWER], 5, stamp);
	demo_bind(s[ANSWER], 6, g->worker[0]);
	return demo_step(g, s[ANSWER], err);
}

static int readiness(struct demo_gen *g, sqlite3_stmt **s, struct kerr *err)
{
	static const char *const titles[] = {"Baseline with partners", "Six-month review",
					     "Spring review"};
	static const long ago[] = {330, 190, 45};
	int status = K_OK;
	for (int k = 0; k < 3 && status == K_OK; k++) {
		char id[ID_LEN], day[DATE_LEN], stamp[STAMP_LEN];
		demo_id(g, id);
		demo_date(g->today_days - ago[k], day);
		demo_stamp(g, g->today_days - ago[k], stamp);
		demo_bind(s[READINESS], 1, id);
		demo_bind(s[READINESS], 2, day);
		demo_bind(s[READINESS], 3, titles[k]);
		demo_bind(s[READINESS], 4,
			  "Workshop with council, NHS and voluntary sector partners");
		demo_bind(s[READINESS], 5, g->worker[0]);
		demo_bind(s[READINESS], 6, stamp);
		status = demo_step(g, s[READINESS], err);
		for (int q = 0; q < READINESS_QUESTIONS && status == K_OK; q++)
			status = answer(g, s, id, k, q, stamp, err);
	}
	return status;
}

int demo_partners(struct demo_gen *g, struct kerr *err)
{
	sqlite3_stmt *s[NSQL] = {0};
	struct demo_gen own = *g; /* a stream of its own: other steps do not move it */
	demo_seed(&own, (uint64_t)g->opt->seed * 7919u + 16u);
	int status = K_OK;
	for (int k = 0; k < NSQL && status == K_OK; k++)
		status = store_prepare(g->st, sql[k], &s[k], err);
	for (int i = 0; i < AIMS && status == K_OK && g->nasset > 0; i++)
		status = partnership(&own, s, i, err);
	if (status == K_OK)
		status = funding(&own, s, err);
	if (status == K_OK)
		status = readiness(&own, s, err);
	for (int k = 0; k < NSQL; k++)
		sqlite3_finalize(s[k]);
	return status;
}
