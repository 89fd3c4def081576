/* The demo's tags, memberships, conversations, activities with attendance, and wellbeing. */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "demo_gen.h"
#include "store.h"

#define SPAN_DAYS 730
#define MAX_PICK 16

struct stmts {
	sqlite3_stmt *tag, *person_tag, *asset_tag, *member, *conversation, *activity, *attend,
		*wellbeing;
};

static const char *const sql[] = {
	"INSERT INTO tag (id, name, kind, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
	"INSERT INTO person_tag (person_id, tag_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
	"INSERT INTO asset_tag (asset_id, tag_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
	"INSERT INTO membership (asset_id, person_id, role, since, created_at, updated_at) "
	"VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
	"INSERT INTO conversation (id, person_id, worker_id, date, venue_asset_id, hopes, concerns, "
	"gifts, follow_up, follow_up_date, created_at, updated_at, updated_by) VALUES (?1, ?2, ?3, "
	"?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?3)",
	"INSERT INTO activity (id, name, kind, host_asset_id, date, headcount, created_at, "
	"updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
	"INSERT INTO attendance (activity_id, person_id, role, created_at, updated_at) "
	"VALUES (?1, ?2, ?3, ?4, ?4)",
	"INSERT INTO wellbeing (id, person_id, worker_id, date, stage, life_satisfaction, "
	"worthwhile, happiness, anxiety, created_at, updated_at, updated_by) VALUES (?1, ?2, ?3, "
	"?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?3)",
};

/* Up to n distinct picks (fewer when there are not enough to choose from). */
static int pick_distinct(struct gen *g, const struct picker *p, int n, long out[MAX_PICK])
{
	int got = 0;
	for (int tries = 0; got < n && tries < 4 * n; tries++) {
		long x = picker_pick(p, g);
		bool seen = x < 0;
		for (int k = 0; k < got && !seen; k++)
			seen = out[k] == x;
		if (!seen)
			out[got++] = x;
	}
	return got;
}

static int tags(struct gen *g, struct stmts *s, char (*ids)[ID_LEN], struct kerr *err)
{
	char stamp[STAMP_LEN];
	struct picker all = {0};
	int status = K_OK;
	gen_stamp(g, g->today_days - SPAN_DAYS, stamp);
	for (size_t t = 0; status == K_OK && t < demo_ntags; t++) {
		gen_id(g, ids[t]);
		gen_text(s->tag, 1, ids[t]);
		gen_text(s->tag, 2, demo_tags[t].name);
		gen_text(s->tag, 3, demo_tags[t].kind);
		gen_text(s->tag, 4, stamp);
		status = gen_step(g, s->tag, err);
		picker_add(&all, (long)t, 1);
		g->n->tags++;
	}
	long chosen[MAX_PICK];
	for (long i = 0; status == K_OK && i < g->npeople; i++) {
		int n = gen_chance(g, 0.5) ? pick_distinct(g, &all, 1 + (int)gen_below(g, 3), chosen) : 0;
		for (int k = 0; status == K_OK && k < n; k++) {
			gen_text(s->person_tag, 1, g->person_id[i]);
			gen_text(s->person_tag, 2, ids[chosen[k]]);
			gen_text(s->person_tag, 3, stamp);
			status = gen_step(g, s->person_tag, err);
		}
	}
	for (long i = 0; status == K_OK && i < g->nasset; i++) {
		int n = gen_chance(g, 0.6) ? pick_distinct(g, &all, 1 + (int)gen_below(g, 2), chosen) : 0;
		for (int k = 0; status == K_OK && k < n; k++) {
			gen_text(s->asset_tag, 1, g->asset_id[i]);
			gen_text(s->asset_tag, 2, ids[chosen[k]]);
			gen_text(s->asset_tag, 3, stamp);
			status = gen_step(g, s->asset_tag, err);
		}
	}
	picker_free(&all);
	return status;
}

static int memberships(struct gen *g, struct stmts *s, long i, struct kerr *err)
{
	static const char *const roles[] = {"member", "member", "member", "member", "member",
					    "member", "volunteer", "volunteer", "organiser",
					    "champion"};
	long groups[MAX_PICK];
	int status = K_OK;
	if (!gen_chance(g, 0.3))
		return K_OK;
	int n = pick_distinct(g, &g->nb_group[g->person_nb[i]], 1 + (int)gen_below(g, 3), groups);
	for (int k = 0; status == K_OK && k < n; k++) {
		char since[DATE_LEN], stamp[STAMP_LEN];
		long day = g->person_day[i] + gen_below(g, 60);
		gen_date(day < g->today_days ? day : g->today_days, since);
		gen_stamp(g, day < g->today_days ? day : g->today_days, stamp);
		gen_text(s->member, 1, g->asset_id[groups[k]]);
		gen_text(s->member, 2, g->person_id[i]);
		gen_text(s->member, 3, roles[gen_below(g, 10)]);
		gen_text(s->member, 4, since);
		gen_text(s->member, 5, stamp);
		status = gen_step(g, s->member, err);
		g->n->memberships++;
	}
	return status;
}

static int conversations(struct gen *g, struct stmts *s, long i, struct kerr *err)
{
	double x = gen_unit(g);
	int n = x < 0.3 ? 0 : x < 0.75 ? 1 : x < 0.93 ? 2 : 3;
	int status = K_OK;
	for (int k = 0; status == K_OK && k < n; k++) {
		char id[ID_LEN], date[DATE_LEN], due[DATE_LEN], stamp[STAMP_LEN];
		long day = g->person_day[i] + gen_below(g, g->today_days - g->person_day[i]);
		gen_id(g, id);
		gen_date(day, date);
		gen_date(day + 14, due);
		gen_stamp(g, day, stamp);
		long venue = picker_pick(&g->nb_asset[g->person_nb[i]], g);
		bool follow = gen_chance(g, 0.4);
		gen_text(s->conversation, 1, id);
		gen_text(s->conversation, 2, g->person_id[i]);
		gen_text(s->conversation, 3, g->worker[gen_below(g, 5)]);
		gen_text(s->conversation, 4, date);
		gen_text(s->conversation, 5, venue >= 0 ? g->asset_id[venue] : NULL);
		gen_text(s->conversation, 6, demo_hopes[gen_below(g, (long)demo_nhopes)]);
		gen_text(s->conversation, 7, demo_concerns[gen_below(g, (long)demo_nconcerns)]);
		gen_text(s->conversation, 8, demo_gifts[gen_below(g, (long)demo_ngifts)]);
		gen_text(s->conversation, 9, follow ? "Introduce to a group nearby" : "");
		gen_text(s->conversation, 10, follow ? due : NULL);
		gen_text(s->conversation, 11, stamp);
		status = gen_step(g, s->conversation, err);
		g->n->conversations++;
	}
	return status;
}

static int wellbeing(struct gen *g, struct stmts *s, long i, struct kerr *err)
{
	int status = K_OK;
	if (!gen_chance(g, 0.3))
		return K_OK;
	int stages = gen_chance(g, 0.5) ? 2 : 1;
	long day = g->person_day[i];
	for (int k = 0; status == K_OK && k < stages && day < g->today_days; k++) {
		char id[ID_LEN], date[DATE_LEN], stamp[STAMP_LEN];
		gen_id(g, id);
		gen_date(day, date);
		gen_stamp(g, day, stamp);
		gen_text(s->wellbeing, 1, id);
		gen_text(s->wellbeing, 2, g->person_id[i]);
		gen_text(s->wellbeing, 3, g->worker[gen_below(g, 5)]);
		gen_text(s->wellbeing, 4, date);
		gen_text(s->wellbeing, 5, k ? "follow_up" : "baseline");
		for (int q = 0; q < 4; q++) /* follow-ups tend to be a little better */
			sqlite3_bind_int(s->wellbeing, 6 + q,
					 (int)(q == 3 ? 7 - 2 * k : 4 + 2 * k) + (int)gen_below(g, 3));
		gen_text(s->wellbeing, 10, stamp);
		status = gen_step(g, s->wellbeing, err);
		g->n->wellbeing++;
		day += 90 + gen_below(g, 90);
	}
	return status;
}

static int activity(struct gen *g, struct stmts *s, struct kerr *err)
{
	static const char *const kinds[][2] = {
		{"walkabout", "Walkabout"},           {"listening_event", "Listening Event"},
		{"connecting_event", "Connecting Event"}, {"community_cafe", "Community Café"},
		{"multi_agency_meeting", "Multi-agency Meeting"}};
	char id[ID_LEN], name[128], date[DATE_LEN], stamp[STAMP_LEN];
	int nb = (int)gen_below(g, g->nnb), k = (int)gen_below(g, 5);
	long day = gen_chance(g, 0.05) ? g->today_days + gen_below(g, 30) : gen_day(g, SPAN_DAYS);
	long host = picker_pick(&g->nb_asset[nb], g);
	gen_id(g, id);
	snprintf(name, sizeof name, "%s %s", demo_neighbourhoods[nb], kinds[k][1]);
	gen_date(day, date);
	gen_stamp(g, day < g->today_days ? day : g->today_days, stamp);
	gen_text(s->activity, 1, id);
	gen_text(s->activity, 2, name);
	gen_text(s->activity, 3, kinds[k][0]);
	gen_text(s->activity, 4, host >= 0 ? g->asset_id[host] : NULL);
	gen_text(s->activity, 5, date);
	if (day < g->today_days)
		sqlite3_bind_int(s->activity, 6, 5 + (int)gen_below(g, 36));
	gen_text(s->activity, 7, stamp);
	int status = gen_step(g, s->activity, err);
	long people[MAX_PICK];
	int n = day < g->today_days ? pick_distinct(g, &g->nb_person[nb], 3 + (int)gen_below(g, 8),
						    people)
				    : 0;
	for (int p = 0; status == K_OK && p < n; p++) {
		gen_text(s->attend, 1, id);
		gen_text(s->attend, 2, g->person_id[people[p]]);
		gen_text(s->attend, 3, p == 0 ? "organiser" : "attendee");
		gen_text(s->attend, 4, stamp);
		status = gen_step(g, s->attend, err);
	}
	g->n->activities++;
	return status;
}

int demo_links(struct gen *g, struct kerr *err)
{
	struct stmts s = {0};
	sqlite3_stmt **all[] = {&s.tag,          &s.person_tag, &s.asset_tag, &s.member,
				&s.conversation, &s.activity,   &s.attend,    &s.wellbeing};
	int status = K_OK;
	for (size_t k = 0; status == K_OK && k < sizeof all / sizeof *all; k++)
		status = store_prepare(g->st, sql[k], all[k], err);
	char tag_ids[64][ID_LEN];
	if (status == K_OK)
		status = tags(g, &s, tag_ids, err);
	for (long i = 0; status == K_OK && i < g->npeople; i++) {
		status = memberships(g, &s, i, err);
		if (status == K_OK)
			status = conversations(g, &s, i, err);
		if (status == K_OK)
			status = wellbeing(g, &s, i, err);
	}
	long nact = g->nasset / 3 > 12 ? g->nasset / 3 : 12;
	for (long a = 0; status == K_OK && g->npeople && a < nact; a++)
		status = activity(g, &s, err);
	for (size_t k = 0; k < sizeof all / sizeof *all; k++)
		sqlite3_finalize(*all[k]);
	return status;
}
