/* The demo's workers, people and assets. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo_gen.h"
#include "store.h"
#include "xalloc.h"

#define SPAN_DAYS 730 /* two years of history */

static const char *pick(struct demo_gen *g, const char *const *list, size_t n)
{
	return list[demo_below(g, (long)n)];
}

static int workers(struct demo_gen *g, struct kerr *err)
{
	sqlite3_stmt *s = NULL;
	int status = store_prepare(
		g->st,
		"INSERT INTO worker (id, username, display_name, role, created_at, "
		"updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
		&s, err);
	char stamp[STAMP_LEN];
	demo_stamp(g, g->today_days - SPAN_DAYS - 30, stamp);
	for (size_t i = 0; status == K_OK && i < demo_nworkers; i++) {
		demo_id(g, g->worker[i]);
		demo_bind(s, 1, g->worker[i]);
		demo_bind(s, 2, demo_workers[i][0]);
		demo_bind(s, 3, demo_workers[i][1]);
		demo_bind(s, 4,
			  strcmp(demo_workers[i][0], "coordinator") == 0 ? "coordinator"
									 : "worker");
		demo_bind(s, 5, stamp);
		status = demo_step(g, s, err);
		g->n->workers++;
	}
	sqlite3_finalize(s);
	return status;
}

/* ---- people ---- */

static const struct demo_culture *culture(struct demo_gen *g)
{
	int total = 0;
	for (size_t i = 0; i < demo_ncultures; i++)
		total += demo_cultures[i].weight;
	long x = demo_below(g, total);
	for (size_t i = 0; i < demo_ncultures; i++) {
		x -= demo_cultures[i].weight;
		if (x < 0)
			return &demo_cultures[i];
	}
	return &demo_cultures[0];
}

static bool ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80 || *s == ' ' || *s == '\'')
			return false;
	return true;
}

static void contact(struct demo_gen *g, long i, const char *given, const char *family,
		    sqlite3_stmt *s)
{
	char buf[128];
	if (demo_chance(g, 0.4)) {
		if (ascii(given) && ascii(family))
			snprintf(buf, sizeof buf, "%s.%s%ld@example.org", given, family, i % 97);
		else
			snprintf(buf, sizeof buf, "resident%ld@example.org", i);
		for (char *p = buf; *p; p++)
			*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
		demo_bind(s, 8, buf);
	}
	if (demo_chance(g, 0.7)) {
		snprintf(buf, sizeof buf, "07700 900%03ld", demo_below(g, 1000));
		demo_bind(s, 9, buf);
	}
	if (demo_chance(g, 0.5)) {
		long number = 1 + demo_below(g, 180);
		snprintf(buf, sizeof buf, "%ld %s", number, pick(g, demo_streets, demo_nstreets));
		demo_bind(s, 10, buf);
	}
}

static void consent(struct demo_gen *g, long day, sqlite3_stmt *s)
{
	double x = demo_unit(g);
	const char *status = x < 0.88 ? "given" : x < 0.97 ? "not_asked" : "refused";
	char date[DATE_LEN], review[DATE_LEN];
	demo_date(day, date);
	/* two years after they were met, and for some, not seen in a while, already due: the
	 * review list has people on it */
	unsigned long mix = (unsigned long)day * 2654435761UL; /* no draw: the stream stays put */
	demo_date(mix % 100 < 6 ? g->today_days - 1 - (long)(mix % 90) : day + 730, review);
	demo_bind(s, 16, status);
	demo_bind(s, 17, strcmp(status, "given") == 0 ? "consent" : "");
	demo_bind(s, 18, strcmp(status, "not_asked") ? date : NULL);
	demo_bind(s, 19, strcmp(status, "not_asked") ? g->worker[demo_below(g, 5)] : NULL);
	demo_bind(s, 20, review);
}

/* What some people like to be called: a short form of their given name, now and then. */
static const char *nickname(struct demo_gen *g, const char *given)
{
	static const char *const pairs[][2] = {
		{"Mohammed", "Mo"},       {"Margaret", "Maggie"},  {"Olumide", "Olu"},
		{"Katarzyna", "Kasia"},   {"Małgorzata", "Gosia"}, {"Thomas", "Tom"},
		{"Elizabeth", "Liz"},     {"Abdi", "Abdi"},        {"Precious", "Pree"},
		{"Christopher", "Chris"}, {"Siobhán", "Shiv"},     {"Yiannis", "Yanni"}};
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
		if (strcmp(pairs[i][0], given) == 0 && strcmp(pairs[i][1], given) != 0)
			return demo_chance(g, 0.5) ? pairs[i][1] : "";
	return "";
}

static int person(struct demo_gen *g, sqlite3_stmt *s, long i, struct kerr *err)
{
	static const char *const pronouns[] = {"she/her", "he/him", "they/them"};
	const struct demo_culture *c = culture(g);
	const char *given = pick(g, c->given, c->ngiven);
	const char *family = pick(g, c->family, c->nfamily);
	int nb = (int)demo_below(g, g->nnb);
	long day = demo_day(g, SPAN_DAYS);
	char stamp[STAMP_LEN], pc[DEMO_POSTCODE];
	demo_id(g, g->person_id[i]);
	g->person_nb[i] = nb;
	g->person_given[i] = given;
	g->person_day[i] = day;
	demo_stamp(g, day, stamp);
	demo_postcode(g, nb, pc);
	demo_bind(s, 1, g->person_id[i]);
	sqlite3_bind_int64(s, 2, i + 1);
	demo_bind(s, 3, given);
	demo_bind(s, 4, demo_chance(g, 0.95) ? family : "");
	demo_bind(s, 5, nickname(g, given));
	demo_bind(s, 6, demo_chance(g, 0.25) ? pronouns[demo_below(g, 3)] : "");
	if (demo_chance(g, 0.85))
		sqlite3_bind_int64(s, 7, 1938 + demo_below(g, 70));
	contact(g, i, given, family, s);
	demo_bind(s, 11, pc);
	demo_bind(s, 12, demo_neighbourhoods[nb]);
	demo_bind(s, 13, c->languages);
	demo_bind(s, 14, demo_chance(g, 0.8) ? pick(g, demo_matters, demo_nmatters) : "");
	demo_bind(s, 15, "");
	consent(g, day, s);
	demo_bind(s, 21, stamp);
	demo_bind(s, 22, g->worker[demo_below(g, 5)]);
	demo_pick_add(&g->nb_person[nb], i, 1);
	g->n->people++;
	return demo_step(g, s, err);
}

int demo_people(struct demo_gen *g, struct kerr *err)
{
	int status = workers(g, err);
	g->npeople = g->opt->people;
	g->person_id = xcalloc((size_t)g->npeople + 1, sizeof *g->person_id);
	g->person_nb = xcalloc((size_t)g->npeople + 1, sizeof *g->person_nb);
	g->person_given = xcalloc((size_t)g->npeople + 1, sizeof *g->person_given);
	g->person_day = xcalloc((size_t)g->npeople + 1, sizeof *g->person_day);
	sqlite3_stmt *s = NULL;
	if (status == K_OK)
		status = store_prepare(
			g->st,
			"INSERT INTO person (id, fts_rowid, given_name, family_name, "
			"preferred_name, pronouns, birth_year, email, phone, address, "
			"postcode, neighbourhood, languages, what_matters, notes, "
			"consent_status, consent_basis, consent_date, consent_by, "
			"review_date, created_at, updated_at, updated_by) VALUES (?1, ?2, "
			"?3, ?4, ?5, ?6, ?7, coalesce(?8, ''), coalesce(?9, ''), "
			"coalesce(?10, ''), ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
			"?20, ?21, ?21, ?22)",
			&s, err);
	for (long i = 0; status == K_OK && i < g->npeople; i++)
		status = person(g, s, i, err);
	sqlite3_finalize(s);
	return status;
}
