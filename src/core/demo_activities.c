/* The demo's activities, as a programme runs them over its two years: in each neighbourhood a
 * drop-in every fortnight, a community café each month, walkabouts, listening and connecting
 * events, workshops, a community map, a participatory appraisal and a street party; the
 * social activities residents set up (the first session marked new, then meeting monthly,
 * some stopping); and the programme's multi-agency meeting each month. Residents come by name
 * as attendees, volunteers and organisers; more come not named; a month ahead is planned. */
#include <sqlite3.h>
#include <stdio.h>

#include "demo_gen.h"
#include "store.h"

#define SPAN_DAYS 730
#define AHEAD_DAYS 30
#define MAX_CAME 24
#define COORDINATOR 5 /* demo_workers' coordinator: the programme's meetings are theirs */

struct plan {
	const char *kind, *title;
	int per_year;
	const char *venue;  /* a place typed, with %s for the neighbourhood; NULL: an asset hosts */
	int named, unnamed; /* at most, by name and not */
};

/* clang-format off */
static const struct plan plans[] = {
	{"drop_in", "Drop-in", 26, NULL, 7, 5},
	{"community_cafe", "Community Café", 12, NULL, 10, 14},
	{"walkabout", "Walkabout", 4, "the streets around %s", 5, 3},
	{"listening_event", "Listening Event", 3, NULL, 10, 25},
	{"connecting_event", "Connecting Event", 3, NULL, 10, 30},
	{"workshop", "Funding Bids Workshop", 2, NULL, 8, 6},
	{"workshop", "Digital Skills Workshop", 2, NULL, 8, 4},
	{"community_map", "Community Mapping", 1, "%s Park", 10, 12},
	{"participatory_appraisal", "Participatory Appraisal", 1, "%s Market", 8, 20},
	{"other", "Street Party", 1, "%s High Street", 8, 60},
};
/* clang-format on */

static const char *const socials[] = {"Knit and Natter", "Walking Football", "Men's Shed",
				      "Supper Club",     "Gardening Club",   "Chess Club",
				      "Coffee Morning",  "Community Choir",  "Tai Chi",
				      "Homework Club",   "Sewing Circle",    "Running Group"};

struct acts {
	struct demo_gen *g;
	sqlite3_stmt *activity, *attend;
	int density; /* each neighbourhood's activities, as many times over */
};

struct one {
	const char *kind, *venue, *worker, *host;
	char name[128];
	long day;
	int named, unnamed;
	bool fresh; /* a new social activity set up */
	long organiser, volunteers[2];
};

/* Someone of neighbourhood nb already met by day, or -1 after a few tries. */
static long resident(struct demo_gen *g, int nb, long day)
{
	for (int tries = 0; tries < 8; tries++) {
		long p = demo_pick(&g->nb_person[nb], g);
		if (p >= 0 && g->person_day[p] <= day)
			return p;
	}
	return -1;
}

static int came(struct acts *a, const char *id, long person, const char *role, const char *stamp,
		struct kerr *err)
{
	demo_bind(a->attend, 1, id);
	demo_bind(a->attend, 2, a->g->person_id[person]);
	demo_bind(a->attend, 3, role);
	demo_bind(a->attend, 4, stamp);
	return demo_step(a->g, a->attend, err);
}

/* Those who ran it first, then the attendees (none yet for one still to come). */
static int attendance(struct acts *a, const struct one *o, int nb, const char *id,
		      const char *stamp, struct kerr *err)
{
	struct demo_gen *g = a->g;
	long seen[MAX_CAME];
	int n = 0, status = K_OK;
	if (o->day >= g->today_days)
		return K_OK;
	long ran[3] = {o->organiser, o->volunteers[0], o->volunteers[1]};
	for (int r = 0; r < 3; r++)
		if (ran[r] >= 0)
			seen[n++] = ran[r];
	int want = n + 1 + (int)demo_below(g, o->named);
	for (int tries = 0; n < want && n < MAX_CAME && tries < 3 * MAX_CAME; tries++) {
		long p = resident(g, nb, o->day);
		bool dup = p < 0;
		for (int k = 0; k < n && !dup; k++)
			dup = seen[k] == p;
		if (!dup)
			seen[n++] = p;
	}
	for (int k = 0; status == K_OK && k < n; k++) {
		const char *role = seen[k] == o->organiser ? "organiser"
				   : seen[k] == o->volunteers[0] || seen[k] == o->volunteers[1]
					   ? "volunteer"
					   : "attendee";
		status = came(a, id, seen[k], role, stamp, err);
	}
	return status;
}

static int add(struct acts *a, const struct one *o, int nb, struct kerr *err)
{
	struct demo_gen *g = a->g;
	char id[ID_LEN], date[DATE_LEN], stamp[STAMP_LEN];
	demo_id(g, id);
	demo_date(o->day, date);
	demo_stamp(g, o->day < g->today_days ? o->day : g->today_days - 1, stamp);
	const char *values[] = {id, o->name, o->kind, o->host, o->venue ? o->venue : "", date};
	for (int i = 0; i < 6; i++)
		demo_bind(a->activity, i + 1, values[i]);
	bool past = o->day < g->today_days;
	sqlite3_bind_int(a->activity, 7, past ? (int)demo_below(g, o->unnamed + 1) : 0);
	sqlite3_bind_int(a->activity, 8, o->fresh);
	demo_bind(a->activity, 9, o->worker);
	demo_bind(a->activity, 10, stamp);
	int status = demo_step(g, a->activity, err);
	if (status == K_OK)
		status = attendance(a, o, nb, id, stamp, err);
	g->n->activities++;
	return status;
}

/* A neighbourhood's regular activities: each plan's sessions spread over the span. */
static int regular(struct acts *a, int nb, struct kerr *err)
{
	struct demo_gen *g = a->g;
	int status = K_OK;
	char venue[128];
	for (size_t p = 0; status == K_OK && p < sizeof plans / sizeof *plans; p++) {
		const struct plan *pl = &plans[p];
		long every = 365 / (pl->per_year * a->density);
		every = every < 7 ? 7 : every;
		long host = pl->venue ? -1 : demo_pick(&g->nb_asset[nb], g); /* the same place */
		for (long day = g->today_days - SPAN_DAYS + (long)demo_below(g, every);
		     status == K_OK && day < g->today_days + AHEAD_DAYS; day += every) {
			struct one o = {.kind = pl->kind,
					.day = day,
					.named = pl->named,
					.unnamed = pl->unnamed,
					.organiser = -1,
					.volunteers = {-1, -1}};
			o.worker = g->worker[nb % COORDINATOR];
			snprintf(o.name, sizeof o.name, "%s %s", demo_neighbourhoods[nb],
				 pl->title);
			if (pl->venue) {
				snprintf(venue, sizeof venue, pl->venue, demo_neighbourhoods[nb]);
				o.venue = venue;
			} else {
				o.host = host >= 0 ? g->asset_id[host] : NULL;
			}
			o.volunteers[0] = demo_chance(g, 0.5) ? resident(g, nb, day) : -1;
			status = add(a, &o, nb, err);
		}
	}
	return status;
}

/* Social activities residents set up: the first session is the new one, then it meets
 * each month, with the same organiser, until it stops or the span ends. */
static int social(struct acts *a, int nb, struct kerr *err)
{
	struct demo_gen *g = a->g;
	int status = K_OK, starts = (2 + (int)demo_below(g, 3)) * 2 * a->density;
	for (int s = 0; status == K_OK && s < starts; s++) {
		long day = demo_day(g, SPAN_DAYS - 30);
		struct one o = {.kind = "social_activity",
				.named = 6,
				.unnamed = 6,
				.worker = g->worker[nb % COORDINATOR],
				.fresh = true};
		long host = demo_pick(&g->nb_group[nb], g);
		host = host >= 0 ? host : demo_pick(&g->nb_asset[nb], g);
		o.host = host >= 0 ? g->asset_id[host] : NULL;
		o.organiser = resident(g, nb, day);
		o.volunteers[0] = demo_chance(g, 0.6) ? resident(g, nb, day) : -1;
		o.volunteers[1] = demo_chance(g, 0.3) ? resident(g, nb, day) : -1;
		snprintf(o.name, sizeof o.name, "%s %s", demo_neighbourhoods[nb],
			 socials[demo_below(g, sizeof socials / sizeof *socials)]);
		long last = g->today_days + AHEAD_DAYS;
		if (demo_chance(g, 0.3) && day + 90 < last) /* some stop after a few months */
			last = day + 90 +
			       demo_below(g, last - day - 90 < 90 ? last - day - 90 : 90);
		for (; status == K_OK && day < last; day += 28 + demo_below(g, 7)) {
			o.day = day;
			status = add(a, &o, nb, err);
			o.fresh = false;
		}
	}
	return status;
}

/* The programme's multi-agency meeting, each month at the hub: partners, few residents. */
static int meetings(struct acts *a, struct kerr *err)
{
	struct demo_gen *g = a->g;
	int status = K_OK;
	for (long day = g->today_days - SPAN_DAYS + 10;
	     status == K_OK && day < g->today_days + AHEAD_DAYS; day += 30 + demo_below(g, 3)) {
		int nb = (int)demo_below(g, g->nnb);
		struct one o = {.kind = "multi_agency_meeting",
				.day = day,
				.named = 2,
				.unnamed = 14,
				.organiser = -1,
				.volunteers = {-1, -1},
				.worker = g->worker[COORDINATOR]};
		snprintf(o.name, sizeof o.name, "Multi-agency Meeting");
		o.host = g->hub >= 0 ? g->asset_id[g->hub] : NULL;
		status = add(a, &o, nb, err);
	}
	return status;
}

int demo_activities(struct demo_gen *g, struct kerr *err)
{
	struct acts a = {.g = g};
	long per_nb = g->npeople / (g->nnb ? g->nnb : 1);
	a.density = per_nb < 1800 ? 1 : per_nb > 7200 ? 4 : (int)(per_nb / 1800);
	if (g->npeople == 0)
		return K_OK;
	int status = store_prepare(
		g->st,
		"INSERT INTO activity (id, name, kind, host_asset_id, venue, date, "
		"unnamed, new_activity, worker_id, created_at, updated_at, "
		"updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
		"?10, ?9)",
		&a.activity, err);
	if (status == K_OK)
		status = store_prepare(g->st,
				       "INSERT OR IGNORE INTO attendance (activity_id, person_id, "
				       "role, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
				       &a.attend, err);
	for (int nb = 0; status == K_OK && nb < g->nnb; nb++) {
		status = regular(&a, nb, err);
		if (status == K_OK)
			status = social(&a, nb, err);
	}
	if (status == K_OK)
		status = meetings(&a, err);
	sqlite3_finalize(a.activity);
	sqlite3_finalize(a.attend);
	return status;
}
