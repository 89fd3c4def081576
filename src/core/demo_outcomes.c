/* The demo's outcomes: wellbeing answers that move believably between a baseline and its
 * follow-ups (most people a little better, some the same, a few worse), the ONS loneliness
 * answer beside them, and a couple of dozen stories with mixed consent, linked to the groups
 * and activities their people know and tagged with the programme's intended outcomes. Its
 * own random stream, so that adding it changes nothing else the demo makes. */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "demo_gen.h"
#include "store.h"
#include "story.h"
#include "wellbeing.h"

#define STORIES 24

/* ---- wellbeing ---- */

struct course {
	char person[ID_LEN];
	int score[4];  /* life satisfaction, worthwhile, happiness, anxiety */
	int lonely;    /* index in wellbeing_loneliness, or -1 */
	int direction; /* +1 better, 0 the same, -1 worse */
};

static int clamp(int v)
{
	return v < 0 ? 0 : v > 10 ? 10 : v;
}

static void start(struct demo_gen *r, struct course *c, const char *person)
{
	snprintf(c->person, sizeof c->person, "%s", person);
	for (int q = 0; q < 3; q++)
		c->score[q] = 3 + (int)demo_below(r, 5);
	c->score[3] = 3 + (int)demo_below(r, 6);
	/* those a connector meets are lonelier than most */
	c->lonely = demo_chance(r, 0.1) ? -1 : (int)demo_below(r, 3) + demo_chance(r, 0.2);
	double x = demo_unit(r);
	c->direction = x < 0.65 ? 1 : x < 0.85 ? 0 : -1;
}

/* A follow-up: a step in the person's direction, with the noise of any day. */
static void step(struct demo_gen *r, struct course *c)
{
	for (int q = 0; q < 4; q++) {
		int move = c->direction * (int)demo_below(r, 3) + (int)demo_below(r, 3) - 1;
		c->score[q] = clamp(c->score[q] + (q == 3 ? -move : move));
	}
	if (c->lonely >= 0 && demo_chance(r, 0.6))
		c->lonely += c->direction;
	if (c->lonely > 4)
		c->lonely = 4;
	if (c->lonely < -1 || (c->lonely < 0 && c->direction < 0))
		c->lonely = 0;
}

static int answer(struct demo_gen *g, sqlite3_stmt *up, const char *id, const struct course *c,
		  struct kerr *err)
{
	for (int q = 0; q < 4; q++)
		sqlite3_bind_int(up, 1 + q, c->score[q]);
	demo_bind(up, 5, c->lonely >= 0 ? wellbeing_loneliness[c->lonely] : NULL);
	demo_bind(up, 6, id);
	return demo_step(g, up, err);
}

static int wellbeing(struct demo_gen *g, struct demo_gen *r, struct kerr *err)
{
	sqlite3_stmt *rows = NULL, *up = NULL;
	int status = store_prepare(g->st,
				   "SELECT id, person_id, stage FROM wellbeing ORDER BY person_id, "
				   "date, id",
				   &rows, err);
	if (status == K_OK)
		status = store_prepare(g->st,
				       "UPDATE wellbeing SET life_satisfaction = ?1, worthwhile = "
				       "?2, happiness = ?3, anxiety = ?4, loneliness = ?5 WHERE id "
				       "= ?6",
				       &up, err);
	struct course c = {.person = ""};
	int rc = SQLITE_DONE;
	while (status == K_OK && (rc = sqlite3_step(rows)) == SQLITE_ROW) {
		char id[ID_LEN];
		snprintf(id, sizeof id, "%s", (const char *)sqlite3_column_text(rows, 0));
		const char *person = (const char *)sqlite3_column_text(rows, 1);
		if (strcmp(person, c.person) != 0)
			start(r, &c, person);
		else
			step(r, &c);
		status = answer(g, up, id, &c, err);
	}
	if (status == K_OK && rc != SQLITE_DONE)
		status = store_error(g->st, rc, err);
	sqlite3_finalize(rows);
	sqlite3_finalize(up);
	return status;
}

/* ---- stories ---- */

struct tale {
	const char *title, *body, *voice, *outcomes[3];
};

/* clang-format off */
static const struct tale tales[] = {
	{"Out on a Tuesday again", "I hadn't been out in the evening since my husband died. Now Tuesdays with the group are the best night of my week, and I know half the street.", "own_words", {"stronger_networks", "wellbeing_confidence", NULL}},
	{"From the food bank queue to running the stall", "I came for a parcel. They asked what I was good at and I said cooking. Now I run the soup stall on Saturdays.", "own_words", {"skilled_valued_connected", "assets_mobilised", NULL}},
	{"Fewer visits to the surgery", "Since joining the group they have stopped booking fortnightly GP appointments; they say they mostly needed company.", "worker_account", {"manage_own_health", "stronger_networks", NULL}},
	{"The allotment waiting list", "Neighbours pooled their gardens when the allotment list was full. Six households now grow food together.", "worker_account", {"cohesive_communities", "assets_mobilised", NULL}},
	{"Someone to talk to", "I used to go days without speaking to anyone. The community café gave me somewhere to be on a Thursday.", "own_words", {"wellbeing_confidence", "referrals_to_activities", NULL}},
	{"A repair café of our own", "They mended a neighbour's radio at a listening event; a month later eight people meet at the library to fix things.", "worker_account", {"assets_mobilised", "cohesive_communities", NULL}},
	{"Finding the advice centre", "I didn't know the advice centre existed. They sorted my benefits in two visits and I volunteer there now.", "own_words", {"vcs_access", "need_matched", NULL}},
	{"Introduced, not just signposted", "Rather than a leaflet they were walked to the group and introduced; they have chaired two of its meetings since.", "worker_account", {"referred_between_assets", "power_shared", NULL}},
	{"Confidence to speak up", "At the first workshop I said nothing. At the third I presented our map to the councillors.", "own_words", {"wellbeing_confidence", "community_knowledge", NULL}},
	{"Two groups, one hall", "The youth club and the lunch club now share the hall and a volunteer rota.", "worker_account", {"groups_in_partnership", "resources_redistributed", NULL}},
	{"Less anxious about going out", "The buddy walks got me out of the flat. I still get nervous, but I go to the market on my own now.", "own_words", {"wellbeing_confidence", "manage_own_health", NULL}},
	{"Our street's map", "We drew every skill on our street at the community map day. I didn't know my neighbour was a plumber.", "own_words", {"strong_assets", "stronger_networks", NULL}},
	{"The GP who refers to the café", "After the multi-agency meeting the practice nurse now refers lonely patients to the community café.", "worker_account", {"barriers_removed", "referrals_to_activities", NULL}},
	{"Teaching English on Wednesdays", "I was a teacher at home. Now I help six women with their English at the group.", "own_words", {"skilled_valued_connected", "preventative_services", NULL}},
	{"A seat at the table", "Residents now sit on the panel that decides the ward budget; their first grant went to the bike project.", "worker_account", {"power_shared", "local_commissioning", NULL}},
	{"Not so alone", "My kids moved away. The group is like family now.", "own_words", {"stronger_networks", "wellbeing_confidence", NULL}},
};
/* clang-format on */
#define NTALES (sizeof tales / sizeof *tales)

struct story_stmts {
	sqlite3_stmt *story, *tag, *asset, *activity, *group, *came;
};

static const char *const story_sql[] = {
	"INSERT INTO story (id, title, body, voice, person_id, worker_id, date, consent_share, "
	"may_name, created_at, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
	"?9, ?10, ?10, ?6)",
	"INSERT INTO story_outcome (story_id, outcome, created_at, updated_at, updated_by) "
	"VALUES (?1, ?2, ?3, ?3, ?4)",
	"INSERT INTO story_asset (story_id, asset_id, created_at, updated_at, updated_by) "
	"VALUES (?1, ?2, ?3, ?3, ?4)",
	"INSERT INTO story_activity (story_id, activity_id, created_at, updated_at, updated_by) "
	"VALUES (?1, ?2, ?3, ?3, ?4)",
	"SELECT asset_id FROM membership WHERE person_id = ?1 AND deleted_at IS NULL ORDER BY "
	"asset_id LIMIT 1",
	"SELECT activity_id FROM attendance WHERE person_id = ?1 AND deleted_at IS NULL ORDER BY "
	"activity_id LIMIT 1",
};

/* The first row's id of a lookup by person, into out ("" for none). */
static int first(struct demo_gen *g, sqlite3_stmt *q, const char *person, char out[ID_LEN],
		 struct kerr *err)
{
	demo_bind(q, 1, person);
	int rc = sqlite3_step(q);
	snprintf(out, ID_LEN, "%s",
		 rc == SQLITE_ROW ? (const char *)sqlite3_column_text(q, 0) : "");
	sqlite3_reset(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? K_OK : store_error(g->st, rc, err);
}

static int joined(struct demo_gen *g, sqlite3_stmt *ins, const char *story, const char *other,
		  const char *stamp, const char *worker, struct kerr *err)
{
	if (!*other)
		return K_OK;
	demo_bind(ins, 1, story);
	demo_bind(ins, 2, other);
	demo_bind(ins, 3, stamp);
	demo_bind(ins, 4, worker);
	return demo_step(g, ins, err);
}

static int links(struct demo_gen *g, struct story_stmts *s, const struct tale *t, const char *story,
		 const char *person, const char *stamp, const char *worker, struct kerr *err)
{
	char group[ID_LEN], came[ID_LEN];
	int status = first(g, s->group, person, group, err);
	if (status == K_OK)
		status = first(g, s->came, person, came, err);
	if (status == K_OK)
		status = joined(g, s->asset, story, group, stamp, worker, err);
	if (status == K_OK)
		status = joined(g, s->activity, story, came, stamp, worker, err);
	for (int k = 0; status == K_OK && k < 3 && t->outcomes[k]; k++)
		status = joined(g, s->tag, story, t->outcomes[k], stamp, worker, err);
	return status;
}

static int story(struct demo_gen *g, struct demo_gen *r, struct story_stmts *s, int n,
		 struct kerr *err)
{
	const struct tale *t = &tales[n % (int)NTALES];
	long who = demo_below(r, g->npeople);
	char group[ID_LEN] = "";
	/* someone in a group, if a few tries find one: a story links to where it happened */
	for (int tries = 0; tries < 8 && !*group; tries++) {
		who = demo_below(r, g->npeople);
		int status = first(g, s->group, g->person_id[who], group, err);
		if (status != K_OK)
			return status;
	}
	long day = g->today_days - 1 - demo_below(r, 330);
	char id[ID_LEN], date[DATE_LEN], stamp[STAMP_LEN];
	demo_id(r, id);
	demo_date(day, date);
	demo_stamp(r, day, stamp);
	bool share = demo_chance(r, 0.7), name = share && demo_chance(r, 0.35);
	const char *worker = g->worker[demo_below(r, 5)];
	demo_bind(s->story, 1, id);
	demo_bind(s->story, 2, t->title);
	demo_bind(s->story, 3, t->body);
	demo_bind(s->story, 4, t->voice);
	demo_bind(s->story, 5, g->person_id[who]);
	demo_bind(s->story, 6, worker);
	demo_bind(s->story, 7, date);
	sqlite3_bind_int(s->story, 8, share);
	sqlite3_bind_int(s->story, 9, name);
	demo_bind(s->story, 10, stamp);
	int status = demo_step(g, s->story, err);
	if (status == K_OK)
		status = links(g, s, t, id, g->person_id[who], stamp, worker, err);
	return status;
}

static int stories(struct demo_gen *g, struct demo_gen *r, struct kerr *err)
{
	struct story_stmts s = {0};
	sqlite3_stmt **all[] = {&s.story, &s.tag, &s.asset, &s.activity, &s.group, &s.came};
	int status = K_OK;
	for (size_t k = 0; status == K_OK && k < sizeof all / sizeof *all; k++)
		status = store_prepare(g->st, story_sql[k], all[k], err);
	int n = g->npeople / 10 < STORIES ? (int)(g->npeople / 10) : STORIES;
	for (int i = 0; status == K_OK && i < n; i++)
		status = story(g, r, &s, i, err);
	for (size_t k = 0; k < sizeof all / sizeof *all; k++)
		sqlite3_finalize(*all[k]);
	return status;
}

int demo_outcomes(struct demo_gen *g, struct kerr *err)
{
	struct demo_gen r = *g; /* a stream of its own: the rest of the demo stays as it was */
	demo_seed(&r, (uint64_t)g->opt->seed * 7919u + 16u);
	int status = wellbeing(g, &r, err);
	if (status == K_OK)
		status = stories(g, &r, err);
	return status;
}
