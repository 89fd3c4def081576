/* The demo's tags, memberships, conversations and wellbeing (its activities are
 * demo_activities.c's). */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "demo_gen.h"
#include "store.h"

#define SPAN_DAYS 730
#define MAX_PICK 16

struct stmts {
	sqlite3_stmt *tag, *person_tag, *asset_tag, *member, *conversation, *wellbeing;
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
	"INSERT INTO wellbeing (id, person_id, worker_id, date, stage, life_satisfaction, "
	"worthwhile, happiness, anxiety, created_at, updated_at, updated_by) VALUES (?1, ?2, ?3, "
	"?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?3)",
};

/* Up to n distinct picks (fewer when there are not enough to choose from). */
static int pick_distinct(struct demo_gen *g, const struct demo_picker *p, int n, long out[MAX_PICK])
{
	int got = 0;
	for (int tries = 0; got < n && tries < 4 * n; tries++) {
		long x = demo_pick(p, g);
		bool seen = x < 0;
		for (int k = 0; k < got && !seen; k++)
			seen = out[k] == x;
		if (!seen)
			out[got++] = x;
	}
	return got;
}

static int tags(struct demo_gen *g, struct stmts *s, char (*ids)[ID_LEN], struct kerr *err)
{
	char stamp[STAMP_LEN];
	struct demo_picker all = {0};
	int status = K_OK;
	demo_stamp(g, g->today_days - SPAN_DAYS, stamp);
	for (size_t t = 0; status == K_OK && t < demo_ntags; t++) {
		demo_id(g, ids[t]);
		demo_bind(s->tag, 1, ids[t]);
		demo_bind(s->tag, 2, demo_tags[t].name);
		demo_bind(s->tag, 3, demo_tags[t].kind);
		demo_bind(s->tag, 4, stamp);
		status = demo_step(g, s->tag, err);
		demo_pick_add(&all, (long)t, 1);
		g->n->tags++;
	}
	long chosen[MAX_PICK];
	for (long i = 0; status == K_OK && i < g->npeople; i++) {
		int n = demo_chance(g, 0.5)
				? pick_distinct(g, &all, 1 + (int)demo_below(g, 3), chosen)
				: 0;
		for (int k = 0; status == K_OK && k < n; k++) {
			demo_bind(s->person_tag, 1, g->person_id[i]);
			demo_bind(s->person_tag, 2, ids[chosen[k]]);
			demo_bind(s->person_tag, 3, stamp);
			status = demo_step(g, s->person_tag, err);
		}
	}
	for (long i = 0; status == K_OK && i < g->nasset; i++) {
		int n = demo_chance(g, 0.6)
				? pick_distinct(g, &all, 1 + (int)demo_below(g, 2), chosen)
				: 0;
		for (int k = 0; status == K_OK && k < n; k++) {
			demo_bind(s->asset_tag, 1, g->asset_id[i]);
			demo_bind(s->asset_tag, 2, ids[chosen[k]]);
			demo_bind(s->asset_tag, 3, stamp);
			status = demo_step(g, s->asset_tag, err);
		}
	}
	demo_pick_free(&all);
	return status;
}

static int memberships(struct demo_gen *g, struct stmts *s, long i, struct kerr *err)
{
	static const char *const roles[] = {"member",    "member",  "member",    "member",
					    "member",    "member",  "volunteer", "volunteer",
					    "organiser", "champion"};
	long groups[MAX_PICK];
	int status = K_OK;
	if (!demo_chance(g, 0.3))
		return K_OK;
	int n = pick_distinct(g, &g->nb_group[g->person_nb[i]], 1 + (int)demo_below(g, 3), groups);
	for (int k = 0; status == K_OK && k < n; k++) {
		char since[DATE_LEN], stamp[STAMP_LEN];
		long day = g->person_day[i] + demo_below(g, 60);
		demo_date(day < g->today_days ? day : g->today_days, since);
		demo_stamp(g, day < g->today_days ? day : g->today_days, stamp);
		demo_bind(s->member, 1, g->asset_id[groups[k]]);
		demo_bind(s->member, 2, g->person_id[i]);
		demo_bind(s->member, 3, roles[demo_below(g, 10)]);
		demo_bind(s->member, 4, since);
		demo_bind(s->member, 5, stamp);
		status = demo_step(g, s->member, err);
		g->n->memberships++;
	}
	return status;
}

static int conversations(struct demo_gen *g, struct stmts *s, long i, struct kerr *err)
{
	double x = demo_unit(g);
	int n = x < 0.3 ? 0 : x < 0.75 ? 1 : x < 0.93 ? 2 : 3;
	int status = K_OK;
	for (int k = 0; status == K_OK && k < n; k++) {
		char id[ID_LEN], date[DATE_LEN], due[DATE_LEN], stamp[STAMP_LEN];
		long day = g->person_day[i] + demo_below(g, g->today_days - g->person_day[i]);
		demo_id(g, id);
		demo_date(day, date);
		demo_date(day + 14, due);
		demo_stamp(g, day, stamp);
		long venue = demo_pick(&g->nb_asset[g->person_nb[i]], g);
		bool follow = demo_chance(g, 0.4);
		demo_bind(s->conversation, 1, id);
		demo_bind(s->conversation, 2, g->person_id[i]);
		demo_bind(s->conversation, 3, g->worker[demo_below(g, 5)]);
		demo_bind(s->conversation, 4, date);
		demo_bind(s->conversation, 5, venue >= 0 ? g->asset_id[venue] : NULL);
		demo_bind(s->conversation, 6, demo_hopes[demo_below(g, (long)demo_nhopes)]);
		demo_bind(s->conversation, 7, demo_concerns[demo_below(g, (long)demo_nconcerns)]);
		demo_bind(s->conversation, 8, demo_gifts[demo_below(g, (long)demo_ngifts)]);
		demo_bind(s->conversation, 9, follow ? "Introduce to a group nearby" : "");
		demo_bind(s->conversation, 10, follow ? due : NULL);
		demo_bind(s->conversation, 11, stamp);
		status = demo_step(g, s->conversation, err);
		g->n->conversations++;
	}
	return status;
}

static int wellbeing(struct demo_gen *g, struct stmts *s, long i, struct kerr *err)
{
	int status = K_OK;
	if (!demo_chance(g, 0.3))
		return K_OK;
	int stages = demo_chance(g, 0.5) ? 2 : 1;
	long day = g->person_day[i];
	for (int k = 0; status == K_OK && k < stages && day < g->today_days; k++) {
		char id[ID_LEN], date[DATE_LEN], stamp[STAMP_LEN];
		demo_id(g, id);
		demo_date(day, date);
		demo_stamp(g, day, stamp);
		demo_bind(s->wellbeing, 1, id);
		demo_bind(s->wellbeing, 2, g->person_id[i]);
		demo_bind(s->wellbeing, 3, g->worker[demo_below(g, 5)]);
		demo_bind(s->wellbeing, 4, date);
		demo_bind(s->wellbeing, 5, k ? "follow_up" : "baseline");
		for (int q = 0; q < 4; q++) /* follow-ups tend to be a little better */
			sqlite3_bind_int(s->wellbeing, 6 + q,
					 (int)(q == 3 ? 7 - 2 * k : 4 + 2 * k) +
						 (int)demo_below(g, 3));
		demo_bind(s->wellbeing, 10, stamp);
		status = demo_step(g, s->wellbeing, err);
		g->n->wellbeing++;
		day += 90 + demo_below(g, 90);
	}
	return status;
}

int demo_links(struct demo_gen *g, struct kerr *err)
{
	struct stmts s = {0};
	sqlite3_stmt **all[] = {&s.tag,    &s.person_tag,   &s.asset_tag,
				&s.member, &s.conversation, &s.wellbeing};
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
	for (size_t k = 0; k < sizeof all / sizeof *all; k++)
		sqlite3_finalize(*all[k]);
	return status;
}
