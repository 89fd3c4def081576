/* The demo's targets: the programme's own for each output, sized to the demo's small team
 * (a part-time worker's Croydon figures would dwarf a demo of a few hundred people), and the
 * conversations each of its workers aims for; the rest stay at their defaults, so that the
 * programme report shows both kinds. They draw nothing from the random stream, so the rest of
 * the demo comes out as it did before them. */
#include <sqlite3.h>
#include <stdio.h>

#include "demo_gen.h"
#include "store.h"

/* clang-format off */
static const struct {
	const char *measure;
	int amount;
	const char *period;
} programme[] = {
	{"conversations", 25, "month"},
	{"asset_contacts", 40, "year"},
	{"new_activities", 20, "year"},
	{"referrals", 500, "year"},
	{"multi_agency_meetings", 1, "month"},
};
/* clang-format on */

#define WORKERS 5 /* the demo's connectors, before its coordinator */

static int one(struct demo_gen *g, sqlite3_stmt *s, uint64_t k, const char *measure,
	       const char *worker, int amount, const char *period, const char *stamp,
	       struct kerr *err)
{
	char id[ID_LEN];
	id_from_bits(0x7a12c0de00000000ULL, k, id);
	demo_bind(s, 1, id);
	demo_bind(s, 2, measure);
	demo_bind(s, 3, worker);
	sqlite3_bind_int(s, 4, amount);
	demo_bind(s, 5, period);
	demo_bind(s, 6, stamp);
	return demo_step(g, s, err);
}

int demo_targets(struct demo_gen *g, struct kerr *err)
{
	sqlite3_stmt *s = NULL;
	int status = store_prepare(g->st,
				   "INSERT INTO target (id, measure, worker_id, amount, period, "
				   "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
				   &s, err);
	char day[DATE_LEN], stamp[STAMP_LEN];
	demo_date(g->today_days - 300, day);
	snprintf(stamp, sizeof stamp, "%sT09:00:00.000Z", day);
	for (size_t i = 0; status == K_OK && i < sizeof programme / sizeof *programme; i++)
		status = one(g, s, i, programme[i].measure, NULL, programme[i].amount,
			     programme[i].period, stamp, err);
	for (int w = 0; status == K_OK && w < WORKERS; w++)
		status = one(g, s, 100 + (uint64_t)w, "conversations", g->worker[w], 5, "month",
			     stamp, err);
	sqlite3_finalize(s);
	return status;
}
