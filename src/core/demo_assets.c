/* The demo's community assets: a connector team for the whole place, a GP surgery and a
 * library in each neighbourhood, then groups, spaces, shops, faith and culture, and
 * neighbours' gifts. Each asset gets weights for how much it sends and receives referrals,
 * which is what makes hubs, clusters and a few isolated assets. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo_gen.h"
#include "store.h"
#include "xalloc.h"

struct flow {
	const char *name;
	double send, recv;
};

/* Assets whose place in the flow is well known; the rest take their category's. */
/* clang-format off */
static const struct flow known[] = {
	{"GP Surgery", 10, 1},     {"Social Prescribing Team", 8, 2}, {"Citizens Advice", 4, 4},
	{"Food Bank", 1, 6},       {"Jobcentre", 3, 2},               {"Library", 3, 3},
	{"Housing Office", 2, 1},  {"Health Centre", 5, 1},           {"Time Bank", 1, 3},
	{"Community Hall", 1, 2},  {"Dementia Café", 0.5, 3},         {"Men's Shed", 0.5, 3},
};
/* clang-format on */
/* clang-format off */
static const struct flow by_category[] = {
	{"association", 0.6, 3}, {"institution", 1.5, 1.5}, {"space", 0.3, 1},
	{"economy", 0.3, 0.8},   {"culture", 0.8, 1.5},      {"individual", 0.2, 1},
};
/* clang-format on */

/* clang-format off */
static const char *const opening[] = {"Mon-Fri 9:00-17:00", "Tue 10:00-12:00",
				      "Thu 14:00-16:00", "Sat 10:00-13:00", "Wed evenings",
				      "Daily 8:00-20:00"};
/* clang-format on */
static const char *const access[] = {"Step-free; accessible toilet", "Hearing loop",
				     "Two steps at the door; ramp on request", "Quiet room",
				     "Upstairs, no lift"};

struct asset_row {
	long i;
	int nb, cat;
	size_t tmpl;
	char name[256];
	long person;
};

static void flow_weights(struct demo_gen *g, const struct asset_row *a, double *send, double *recv)
{
	const char *tmpl = demo_categories[a->cat].templates[a->tmpl];
	*send = by_category[a->cat].send;
	*recv = by_category[a->cat].recv;
	for (size_t k = 0; k < sizeof known / sizeof *known; k++)
		if (strcmp(known[k].name, tmpl) == 0)
			*send = known[k].send, *recv = known[k].recv;
	if (a->i == g->hub)
		*send = 30, *recv = 4;
	else if (demo_chance(g, 0.07))
		*send = 0, *recv = 0; /* isolated: on the map but nobody is sent there */
}

static void name_asset(struct demo_gen *g, struct asset_row *a, int *uses)
{
	const struct demo_category *c = &demo_categories[a->cat];
	const char *tmpl = c->templates[a->tmpl];
	if (a->i == g->hub) {
		snprintf(a->name, sizeof a->name, "Community Connector Team");
		return;
	}
	if (strcmp(c->name, "individual") == 0) {
		snprintf(a->name, sizeof a->name, "%s's %s", g->person_given[a->person], tmpl);
		return;
	}
	int k = (*uses)++;
	if (k == 0)
		snprintf(a->name, sizeof a->name, "%s %s", demo_neighbourhoods[a->nb], tmpl);
	else if (k <= (int)demo_nstreets)
		snprintf(a->name, sizeof a->name, "%s %s, %s", demo_neighbourhoods[a->nb], tmpl,
			 demo_streets[k - 1]);
	else
		snprintf(a->name, sizeof a->name, "%s %s %d", demo_neighbourhoods[a->nb], tmpl, k);
}

/* Chooses what the i-th asset is: the first few are fixed, the rest drawn by weight. */
static void choose(struct demo_gen *g, struct asset_row *a)
{
	int fixed = 2; /* a GP surgery and a library in each neighbourhood, then one group each */
	a->person = -1;
	if (a->i == 0) {
		a->nb = 0, a->cat = 1, a->tmpl = 10; /* the social prescribing / connector team */
		return;
	}
	if (a->i <= (long)fixed * g->nnb) {
		a->nb = (int)((a->i - 1) % g->nnb);
		a->cat = 1;
		a->tmpl = a->i <= g->nnb ? 0 : 1;
		return;
	}
	if (a->i <= (long)(fixed + 1) * g->nnb) { /* a knit and natter, a men's shed, ... */
		a->nb = (int)((a->i - 1) % g->nnb);
		a->cat = 0;
		a->tmpl = (size_t)a->nb % demo_categories[0].ntemplates;
		return;
	}
	int total = 0;
	for (size_t k = 0; k < demo_ncategories; k++)
		total += demo_categories[k].weight;
	long x = demo_below(g, total);
	a->cat = 0;
	while ((x -= demo_categories[a->cat].weight) >= 0)
		a->cat++;
	a->nb = (int)demo_below(g, g->nnb);
	a->tmpl = (size_t)demo_below(g, (long)demo_categories[a->cat].ntemplates);
	if (strcmp(demo_categories[a->cat].name, "individual") == 0) {
		a->person = demo_pick(&g->nb_person[a->nb], g);
		if (a->person < 0) /* nobody lives there yet: make it a space instead */
			a->cat = 2, a->tmpl = 0;
	}
}

static void bind_details(struct demo_gen *g, sqlite3_stmt *s, const struct asset_row *a)
{
	char pc[DEMO_POSTCODE], verified[DATE_LEN], stamp[STAMP_LEN];
	demo_postcode(g, a->nb, pc);
	demo_bind(s, 5, demo_categories[a->cat].description);
	demo_bind(s, 6, demo_streets[demo_below(g, (long)demo_nstreets)]);
	demo_bind(s, 7, pc);
	demo_bind(s, 8, demo_neighbourhoods[a->nb]);
	demo_bind(s, 9, demo_chance(g, 0.6) ? "07700 900123" : "");
	demo_bind(s, 10, opening[demo_below(g, 6)]);
	demo_bind(s, 11, access[demo_below(g, 5)]);
	sqlite3_bind_int(s, 12,
			 strcmp(demo_categories[a->cat].name, "space") == 0 &&
				 demo_chance(g, 0.02));
	double x = demo_unit(g);
	demo_bind(s, 13, x < 0.95 ? "active" : x < 0.98 ? "paused" : "closed");
	demo_date(demo_day(g, 540), verified);
	demo_bind(s, 14, demo_chance(g, 0.7) ? verified : NULL);
	demo_bind(s, 15, a->person >= 0 ? g->person_id[a->person] : NULL);
	demo_stamp(g, demo_day(g, 730), stamp);
	demo_bind(s, 16, stamp);
	demo_bind(s, 17, g->worker[demo_below(g, 5)]);
}

static int asset(struct demo_gen *g, sqlite3_stmt *s, long i, int *uses, struct kerr *err)
{
	struct asset_row a = {.i = i};
	choose(g, &a);
	int ntmpl = 32;
	name_asset(g, &a, &uses[(a.nb * (int)demo_ncategories + a.cat) * ntmpl + (int)a.tmpl]);
	demo_id(g, g->asset_id[i]);
	g->asset_nb[i] = a.nb;
	g->asset_cat[i] = a.cat;
	demo_bind(s, 1, g->asset_id[i]);
	sqlite3_bind_int64(s, 2, i + 1);
	demo_bind(s, 3, a.name);
	demo_bind(s, 4, demo_categories[a.cat].name);
	bind_details(g, s, &a);
	double send, recv;
	flow_weights(g, &a, &send, &recv);
	demo_pick_add(&g->send, i, send);
	demo_pick_add(&g->recv, i, recv);
	demo_pick_add(&g->nb_send[a.nb], i, send);
	demo_pick_add(&g->nb_recv[a.nb], i, recv);
	demo_pick_add(&g->nb_asset[a.nb], i, 1);
	if (a.cat == 0) {
		demo_pick_add(&g->nb_group[a.nb], i, 1);
		g->n->groups++;
	}
	g->n->assets++;
	return demo_step(g, s, err);
}

int demo_assets(struct demo_gen *g, struct kerr *err)
{
	g->nasset = g->opt->assets;
	g->hub = 0;
	g->asset_id = xcalloc((size_t)g->nasset + 1, sizeof *g->asset_id);
	g->asset_nb = xcalloc((size_t)g->nasset + 1, sizeof *g->asset_nb);
	g->asset_cat = xcalloc((size_t)g->nasset + 1, sizeof *g->asset_cat);
	int *uses = xcalloc((size_t)g->nnb * demo_ncategories * 32, sizeof *uses);
	sqlite3_stmt *s = NULL;
	int status = store_prepare(
		g->st,
		"INSERT INTO asset (id, fts_rowid, name, category, description, "
		"address, postcode, neighbourhood, phone, opening_times, "
		"accessibility, confidential, status, last_verified, person_id, "
		"created_at, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
		"?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16, ?17)",
		&s, err);
	for (long i = 0; status == K_OK && i < g->nasset; i++)
		status = asset(g, s, i, uses, err);
	sqlite3_finalize(s);
	free(uses);
	return status;
}
