/* The demo's referrals: journeys. A person starts at the connector team or a neighbourhood
 * hub (a GP surgery, say), is sent somewhere, and often on from there; most moves stay in
 * their neighbourhood. Older referrals have settled into their outcomes. Journeys are drawn
 * first and inserted in date order, as a real database fills. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "demo_gen.h"
#include "store.h"
#include "xalloc.h"

#define FOLLOW_UP_DAYS 14

/* clang-format off */
static const char *const statuses[] = {"made", "contacted", "attended", "declined",
				       "did_not_attend", "closed"};
/* clang-format on */
static const char *const kinds[] = {"referral", "signpost", "introduction"};

struct hop {
	long order; /* when it was drawn: keeps the sort stable, so the demo is repeatable */
	int person, from, to, day, settled;
	unsigned char status, kind, reason, worker;
};

struct hops {
	struct hop *h;
	long n;
};

static unsigned char status_for_age(struct demo_gen *g, long age)
{
	double x = demo_unit(g);
	if (age > 45)
		return x < 0.5 ? 2 : x < 0.62 ? 4 : x < 0.7 ? 3 : 5;
	if (age > 14)
		return x < 0.25 ? 0 : x < 0.6 ? 1 : 2;
	return x < 0.6 ? 0 : x < 0.9 ? 1 : 2;
}

static unsigned char kind(struct demo_gen *g)
{
	double x = demo_unit(g);
	return x < 0.5 ? 0 : x < 0.85 ? 1 : 2;
}

/* Where someone is sent from `from`: mostly within their neighbourhood. */
static long destination(struct demo_gen *g, int nb, long from)
{
	for (int tries = 0; tries < 6; tries++) {
		const struct demo_picker *p = demo_chance(g, 0.8) && g->nb_recv[nb].n
						      ? &g->nb_recv[nb]
						      : &g->recv;
		long to = demo_pick(p, g);
		if (to != from)
			return to;
	}
	return -1;
}

static long origin(struct demo_gen *g, int nb)
{
	if (demo_chance(g, 0.4))
		return g->hub;
	long from = demo_pick(g->nb_send[nb].n ? &g->nb_send[nb] : &g->send, g);
	return from >= 0 ? from : g->hub;
}

static void draw(struct demo_gen *g, struct hops *out, long person, long from, long to, long day)
{
	struct hop *h = &out->h[out->n];
	h->order = out->n++;
	h->person = (int)person, h->from = (int)from, h->to = (int)to, h->day = (int)day;
	h->status = status_for_age(g, g->today_days - day);
	h->settled = (int)(day + demo_below(g, 20));
	h->kind = kind(g);
	h->reason = (unsigned char)demo_below(g, (long)demo_nreasons);
	h->worker = (unsigned char)demo_below(g, 5);
}

/* One person's journey of up to `left` referrals; returns how many it made. */
static long journey(struct demo_gen *g, struct hops *out, long left)
{
	long person = demo_below(g, g->npeople);
	int nb = g->person_nb[person];
	long day = g->person_day[person] + demo_below(g, 60);
	long from = origin(g, nb), made = 0;
	while (made < left && day < g->today_days) {
		long to = demo_chance(g, 0.005) ? from : destination(g, nb, from);
		if (to < 0)
			break;
		draw(g, out, person, from, to, day);
		made++;
		if (!demo_chance(g, 0.55))
			break;
		from = demo_chance(g, 0.7) ? to : origin(g, nb);
		day += 2 + demo_below(g, 45);
	}
	return made;
}

static int by_day(const void *a, const void *b)
{
	const struct hop *x = a, *y = b;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return (x->order > y->order) - (x->order < y->order);
}

static int insert(struct demo_gen *g, sqlite3_stmt *s, const struct hop *h, struct kerr *err)
{
	char id[ID_LEN], date[DATE_LEN], due[DATE_LEN], moved[DATE_LEN], stamp[STAMP_LEN];
	demo_id(g, id);
	demo_date(h->day, date);
	demo_date(h->day + FOLLOW_UP_DAYS, due);
	demo_date(h->settled < g->today_days ? h->settled : h->day, moved);
	demo_stamp(g, h->day, stamp);
	demo_bind(s, 1, id);
	demo_bind(s, 2, g->person_id[h->person]);
	demo_bind(s, 3, g->asset_id[h->from]);
	demo_bind(s, 4, g->asset_id[h->to]);
	demo_bind(s, 5, g->worker[h->worker]);
	demo_bind(s, 6, kinds[h->kind]);
	demo_bind(s, 7, date);
	demo_bind(s, 8, demo_reasons[h->reason]);
	demo_bind(s, 9, statuses[h->status]);
	demo_bind(s, 10, h->status == 0 ? date : moved);
	demo_bind(s, 11, due);
	demo_bind(s, 12, stamp);
	g->n->referrals++;
	return demo_step(g, s, err);
}

int demo_referrals(struct demo_gen *g, struct kerr *err)
{
	if (g->npeople == 0 || g->recv.n == 0 || g->nasset < 2)
		return K_OK;
	struct hops all = {xcalloc((size_t)g->opt->referrals + 1, sizeof *all.h), 0};
	long left = g->opt->referrals, idle = 0;
	while (left > 0 && idle < 1000) {
		long made = journey(g, &all, left);
		left -= made;
		idle = made ? 0 : idle + 1; /* people met only today have no history yet */
	}
	qsort(all.h, (size_t)all.n, sizeof *all.h, by_day);
	sqlite3_stmt *s = NULL;
	int status = store_prepare(
		g->st,
		"INSERT INTO referral (id, person_id, from_asset_id, to_asset_id, "
		"worker_id, kind, date, reason, status, status_date, follow_up_date, "
		"created_at, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
		"?7, ?8, ?9, ?10, ?11, ?12, ?12, ?5)",
		&s, err);
	for (long i = 0; status == K_OK && i < all.n; i++)
		status = insert(g, s, &all.h[i], err);
	sqlite3_finalize(s);
	free(all.h);
	return status;
}
