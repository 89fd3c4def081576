/* The demo generator. Everything comes from one seeded random stream (ids included), so the
 * same seed, sizes and day give the same database. Rows go in with prepared statements in a
 * single transaction: a borough-sized demo is a benchmark input and must build quickly. */
#include "demo.h"

#include <math.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "date.h"
#include "demo_gen.h"
#include "id.h"
#include "login.h"
#include "network.h"
#include "setting.h"
#include "store.h"
#include "xalloc.h"

const struct demo_account demo_accounts[] = {
	{"ada", "Ada Okafor", "admin", "quiet harbour lantern"},
	{"cora", "Cora Lindqvist", "coordinator", "amber kettle meadow"},
	{"wes", "Wes Achterberg", "worker", "copper fern window"},
	{NULL, NULL, NULL, NULL},
};

/* The first is the admin, who then adds the others. */
static int add_accounts(struct store *st, struct kerr *err)
{
	int status = K_OK;
	for (const struct demo_account *a = demo_accounts; a->username && status == K_OK; a++) {
		enum role role = ROLE_WORKER;
		status = auth_role_parse(a->role, &role, err);
		if (status == K_OK)
			status = account_add(st, a->username, a->display_name, role, a->password,
					     NULL, err);
		if (status == K_OK && a == demo_accounts)
			status = login_attempt(st, a->username, a->password, NULL, err);
	}
	if (status == K_OK) /* the login screen then says how to get in */
		status = setting_set(st, "demo", "1", err);
	login_logout(st);
	return status;
}

void demo_defaults(struct demo_options *opt)
{
	opt->seed = 1;
	opt->people = 300;
	opt->assets = 60;
	opt->referrals = 900;
	opt->accounts = false;
}

/* ---- the random stream: xoshiro256** seeded by splitmix64 ---- */

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

void demo_seed(struct demo_gen *g, uint64_t seed)
{
	for (int i = 0; i < 4; i++) {
		seed += 0x9E3779B97F4A7C15ULL;
		uint64_t z = seed;
		z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
		z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
		g->s[i] = z ^ (z >> 31);
	}
}

uint64_t demo_next(struct demo_gen *g)
{
	uint64_t *s = g->s, result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

long demo_below(struct demo_gen *g, long n)
{
	return n <= 0 ? 0 : (long)(demo_next(g) % (uint64_t)n);
}

double demo_unit(struct demo_gen *g)
{
	return (double)(demo_next(g) >> 11) * 0x1.0p-53;
}

bool demo_chance(struct demo_gen *g, double p)
{
	return demo_unit(g) < p;
}

void demo_id(struct demo_gen *g, char out[ID_LEN])
{
	uint64_t hi = demo_next(g);
	id_from_bits(hi, demo_next(g), out);
}

/* A day in the last `span` days before today (today excluded when span > 0). */
long demo_day(struct demo_gen *g, long span)
{
	return g->today_days - 1 - demo_below(g, span);
}

void demo_date(long days, char out[DATE_LEN])
{
	int y, m, d;
	date_from_days(days, &y, &m, &d);
	date_format(y, m, d, out);
}

/* Created and updated stamps follow the record's own date, keeping the demo repeatable. */
void demo_stamp(struct demo_gen *g, long days, char out[STAMP_LEN])
{
	char day[DATE_LEN];
	demo_date(days, day);
	long hour = 9 + demo_below(g, 8);
	long minute = demo_below(g, 60);
	snprintf(out, STAMP_LEN, "%.10sT%02u:%02u:00.000Z", day, (unsigned)hour % 100u,
		 (unsigned)minute % 100u);
}

void demo_postcode(struct demo_gen *g, int nb, char out[DEMO_POSTCODE])
{
	static const char letters[] = "ABDEFGHJLNPQRSTUWXYZ";
	/* one draw per statement: the order of arguments' evaluation is unspecified */
	long digit = demo_below(g, 10);
	char a = letters[demo_below(g, (long)sizeof letters - 1)];
	char b = letters[demo_below(g, (long)sizeof letters - 1)];
	snprintf(out, DEMO_POSTCODE, "KV%d %ld%c%c", (nb + 1) % 100, digit, a, b);
}

/* ---- weighted choice ---- */

void demo_pick_add(struct demo_picker *p, long item, double weight)
{
	if (weight <= 0)
		return;
	if ((size_t)p->n == p->cap) { /* side by side: both grow together */
		p->cap = xgrow_cap(p->cap);
		p->item = xreallocarray(p->item, p->cap, sizeof *p->item);
		p->cum = xreallocarray(p->cum, p->cap, sizeof *p->cum);
	}
	p->total += weight;
	p->item[p->n] = item;
	p->cum[p->n++] = p->total;
}

long demo_pick(const struct demo_picker *p, struct demo_gen *g)
{
	if (p->n == 0)
		return -1;
	double x = demo_unit(g) * p->total;
	long lo = 0, hi = p->n - 1;
	while (lo < hi) {
		long mid = (lo + hi) / 2;
		if (p->cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return p->item[lo];
}

void demo_pick_free(struct demo_picker *p)
{
	free(p->item);
	free(p->cum);
	memset(p, 0, sizeof *p);
}

/* ---- inserting ---- */

void demo_bind(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

int demo_step(struct demo_gen *g, sqlite3_stmt *s, struct kerr *err)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc == SQLITE_DONE ? K_OK : store_error(g->st, rc, err);
}

static int refuse_if_used(struct store *st, struct kerr *err)
{
	long long n = 0;
	int status = store_query_int(
		st,
		"SELECT (SELECT count(*) FROM person) + (SELECT count(*) FROM asset) + "
		"(SELECT count(*) FROM worker WHERE password_hash IS NOT NULL)",
		&n, err);
	if (status == K_OK && n > 0)
		return kerr_set(err, K_REFUSED, "",
				"%s already holds records; the demo fills only an empty database "
				"(give a new file with --db)",
				store_path(st));
	return status;
}

static void gen_free(struct demo_gen *g)
{
	free(g->asset_id);
	free(g->asset_nb);
	free(g->asset_cat);
	free(g->person_id);
	free(g->person_nb);
	free(g->person_given);
	free(g->person_day);
	for (int i = 0; i < g->nnb; i++) {
		demo_pick_free(&g->nb_send[i]);
		demo_pick_free(&g->nb_recv[i]);
		demo_pick_free(&g->nb_asset[i]);
		demo_pick_free(&g->nb_group[i]);
		demo_pick_free(&g->nb_person[i]);
	}
	free(g->nb_send);
	free(g->nb_recv);
	free(g->nb_asset);
	free(g->nb_group);
	free(g->nb_person);
	demo_pick_free(&g->send);
	demo_pick_free(&g->recv);
}

static void gen_init(struct demo_gen *g, struct store *st, const struct demo_options *opt,
		     struct demo_counts *out)
{
	memset(g, 0, sizeof *g);
	memset(out, 0, sizeof *out);
	g->st = st;
	g->n = out;
	g->opt = opt;
	demo_seed(g, (uint64_t)opt->seed);
	char today[DATE_LEN];
	date_today(today);
	int y, m, d;
	date_split(today, &y, &m, &d);
	g->today_days = date_to_days(y, m, d);
	long nb = opt->assets / 12;
	g->nnb = (int)(nb < 4                            ? 4
		       : nb > (long)demo_nneighbourhoods ? (long)demo_nneighbourhoods
							 : nb);
	g->nb_send = xcalloc((size_t)g->nnb, sizeof *g->nb_send);
	g->nb_recv = xcalloc((size_t)g->nnb, sizeof *g->nb_recv);
	g->nb_asset = xcalloc((size_t)g->nnb, sizeof *g->nb_asset);
	g->nb_group = xcalloc((size_t)g->nnb, sizeof *g->nb_group);
	g->nb_person = xcalloc((size_t)g->nnb, sizeof *g->nb_person);
}

/* ---- bulk loading: secondary indexes are rebuilt at the end, from their own definitions,
 * because sorting once is far cheaper than a million random descents into B-trees ---- */

struct saved_index {
	char **sql;
	int n;
};

/* Runs exactly one statement: text from the file's own schema must not smuggle in more. */
static int one_statement(struct store *st, const char *sql, struct kerr *err)
{
	if (strncmp(sql, "CREATE INDEX", 12) != 0 && strncmp(sql, "CREATE TRIGGER", 14) != 0 &&
	    strncmp(sql, "DROP ", 5) != 0)
		return kerr_set(err, K_REFUSED, "", "unexpected schema text: %.40s", sql);
	sqlite3_stmt *stmt = NULL;
	const char *tail = NULL;
	int rc = sqlite3_prepare_v2(store_db(st), sql, -1, &stmt, &tail);
	int status = rc == SQLITE_OK ? K_OK : store_error(st, rc, err);
	while (status == K_OK && tail && (*tail == ' ' || *tail == ';' || *tail == '\n'))
		tail++;
	if (status == K_OK && tail && *tail)
		status = kerr_set(err, K_REFUSED, "", "unexpected schema text after %.40s", sql);
	if (status == K_OK) {
		rc = sqlite3_step(stmt);
		status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	}
	sqlite3_finalize(stmt);
	return status;
}

static int drop_indexes(struct store *st, struct saved_index *saved, struct kerr *err)
{
	/* the monthly flow's triggers go too (it is summed once at the end), and the review
	 * dates' (the demo sets them) */
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(
		st,
		"SELECT name, sql, type FROM sqlite_schema WHERE ((type = 'index' AND "
		"sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN "
		"('person', 'referral', 'conversation', 'person_tag', 'asset_tag', "
		"'membership', 'attendance', 'wellbeing', 'activity', 'asset')) OR "
		"(type = 'trigger' AND (name LIKE 'referral_flow_%' OR name LIKE "
		"'review_%'))) "
		"ORDER BY type",
		&stmt, err);
	char **names = NULL;
	int rc;
	size_t cap = 0;
	while (status == K_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if ((size_t)saved->n == cap) { /* side by side: both grow together */
			cap = xgrow_cap(cap);
			saved->sql = xreallocarray(saved->sql, cap, sizeof *saved->sql);
			names = xreallocarray(names, cap, sizeof *names);
		}
		names[saved->n] = xstrdup((const char *)sqlite3_column_text(stmt, 0));
		saved->sql[saved->n++] = xstrdup((const char *)sqlite3_column_text(stmt, 1));
	}
	if (status == K_OK && rc != SQLITE_DONE)
		status = store_error(st, rc, err);
	sqlite3_finalize(stmt);
	for (int i = 0; i < saved->n; i++) {
		bool trigger = strncmp(saved->sql[i], "CREATE TRIGGER", 14) == 0;
		char *drop = sqlite3_mprintf("DROP %s \"%w\"", trigger ? "TRIGGER" : "INDEX",
					     names[i]);
		if (status == K_OK)
			status = one_statement(st, drop, err);
		sqlite3_free(drop);
		free(names[i]);
	}
	free(names);
	return status;
}

static int restore_indexes(struct store *st, struct saved_index *saved, int status,
			   struct kerr *err)
{
	if (status == K_OK)
		status = network_rebuild_flow(st, err);
	for (int i = 0; i < saved->n; i++) {
		if (status == K_OK)
			status = one_statement(st, saved->sql[i], err);
		free(saved->sql[i]);
	}
	free(saved->sql);
	return status;
}

int demo_fill(struct store *st, const struct demo_options *opt, struct demo_counts *out,
	      struct kerr *err)
{
	struct demo_gen g;
	gen_init(&g, st, opt, out);
	/* a bulk load touches every index page: a large cache keeps them in memory */
	int status = store_bulk_start(st, 512, err);
	if (status == K_OK)
		status = store_begin(st, err);
	if (status != K_OK) {
		struct kerr ignored;
		store_bulk_end(st, &ignored);
		gen_free(&g);
		return status;
	}
	struct saved_index saved = {NULL, 0};
	status = refuse_if_used(st, err);
	if (status == K_OK)
		status = drop_indexes(st, &saved, err);
	if (status == K_OK)
		status = demo_people(&g, err);
	if (status == K_OK)
		status = demo_assets(&g, err);
	if (status == K_OK)
		status = demo_links(&g, err);
	if (status == K_OK)
		status = demo_activities(&g, err);
	if (status == K_OK)
		status = demo_referrals(&g, err);
	if (status == K_OK)
		status = demo_outcomes(&g, err);
	if (status == K_OK)
		status = demo_targets(&g, err);
	if (status == K_OK)
		status = demo_partners(&g, err);
	status = restore_indexes(st, &saved, status, err);
	if (status == K_OK && opt->accounts)
		status = add_accounts(st, err);
	status = store_finish(st, status, err);
	struct kerr ended;
	if (store_bulk_end(st, &ended) != K_OK && status == K_OK)
		status = kerr_set(err, ended.status, "", "%s", ended.msg);
	gen_free(&g);
	return status;
}
