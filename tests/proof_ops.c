/* The sync proof's random operations on one laptop, each through the function of core that a
 * person's key or command calls (entity_create/update/delete, person_erase, referral moves,
 * membership, tags), so that what travels is what kith really writes. What an accepted
 * operation changed is read back from the laptop's file and kept for the final checks. */
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asset.h"
#include "conversation.h"
#include "entity.h"
#include "membership.h"
#include "person.h"
#include "proof.h"
#include "record.h"
#include "referral.h"
#include "store.h"
#include "tag.h"
#include "xalloc.h"

uint64_t proof_rand(struct proof *p)
{
	p->rng ^= p->rng >> 12;
	p->rng ^= p->rng << 25;
	p->rng ^= p->rng >> 27;
	return p->rng * 2685821657736338717ULL;
}

long proof_below(struct proof *p, long n)
{
	return n > 0 ? (long)(proof_rand(p) >> 33) % n : 0;
}

void proof_clock(struct proof *p, int laptop)
{
	char shift[32];
	snprintf(shift, sizeof shift, "%ld", p->lap[laptop].shift);
	setenv("KITH_CLOCK_SHIFT", shift, 1);
}

void proof_fail(struct proof *p, const char *fmt, ...)
{
	if (p->failures++ >= 3)
		return;
	va_list ap;
	va_start(ap, fmt);
	char line[600];
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	strbuf_printf(&p->why, "%s%s", p->failures > 1 ? "; " : "", line);
}

/* ---- choosing what to work on ---- */

/* The id (first column, and the second into out2) of a random row of what (a subquery in
 * parentheses), or false when none. */
static bool pick(struct proof *p, int l, const char *what, char out[ID_LEN], char out2[ID_LEN])
{
	struct store *st = p->lap[l].st;
	char *sql = xasprintf("SELECT count(*) FROM %s", what);
	long long n = 0;
	struct kerr err;
	int status = store_query_int(st, sql, &n, &err);
	free(sql);
	if (status != K_OK || n == 0)
		return false;
	sqlite3_stmt *stmt = NULL;
	/* mostly one of the first two: records that several laptops work on at once */
	long at = proof_below(p, 3) ? proof_below(p, n < 2 ? (long)n : 2) : proof_below(p, (long)n);
	sql = xasprintf("SELECT * FROM %s LIMIT 1 OFFSET %ld", what, at);
	bool found = store_prepare(st, sql, &stmt, &err) == K_OK &&
		     sqlite3_step(stmt) == SQLITE_ROW;
	if (found) {
		snprintf(out, ID_LEN, "%s", (const char *)sqlite3_column_text(stmt, 0));
		if (out2)
			snprintf(out2, ID_LEN, "%s", (const char *)sqlite3_column_text(stmt, 1));
	}
	sqlite3_finalize(stmt);
	free(sql);
	return found;
}

#define LIVE_PERSON "(SELECT id FROM person WHERE deleted_at IS NULL ORDER BY rowid)"
#define LIVE_ASSET "(SELECT id FROM asset WHERE deleted_at IS NULL ORDER BY rowid)"

/* ---- what an operation wrote ---- */

static void made(struct proof *p, int l, const char *tbl, const char *key)
{
	p->made = xgrow(p->made, (size_t)(p->nmade + 1), &p->capmade, sizeof *p->made);
	p->made[p->nmade++] = (struct proof_made){tbl, xstrdup(key), l, p->step, false};
}

/* Reads col (an expression) of the row back from laptop l and keeps it as l's write. */
static void wrote(struct proof *p, int l, const char *tbl, const char *k1col, const char *k1,
		  const char *k2col, const char *k2, const char *col, const char *person)
{
	char *sql = k2col ? xasprintf("SELECT %s FROM %s WHERE %s = ?1 AND %s = ?2", col, tbl,
				      k1col, k2col)
			  : xasprintf("SELECT %s FROM %s WHERE %s = ?1", col, tbl, k1col);
	sqlite3_stmt *stmt = NULL;
	struct kerr err;
	int status = store_prepare(p->lap[l].st, sql, &stmt, &err);
	free(sql);
	if (status != K_OK) {
		proof_fail(p, "reading back %s.%s: %s", tbl, col, err.msg);
		return;
	}
	sqlite3_bind_text(stmt, 1, k1, -1, SQLITE_STATIC);
	if (k2col)
		sqlite3_bind_text(stmt, 2, k2, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(stmt, 0);
		p->w = xgrow(p->w, (size_t)(p->nw + 1), &p->capw, sizeof *p->w);
		p->w[p->nw++] = (struct proof_write){tbl,
						     k1col,
						     k2col,
						     col,
						     xstrdup(k1),
						     k2 ? xstrdup(k2) : NULL,
						     xstrdup(person),
						     v ? xstrdup(v) : NULL,
						     l,
						     p->step};
	} else {
		proof_fail(p, "laptop %d: %s %s written but not there", l, tbl, k1);
	}
	sqlite3_finalize(stmt);
}

static void wrote_id(struct proof *p, int l, const char *tbl, const char *id, const char *col,
		     const char *person)
{
	wrote(p, l, tbl, "id", id, NULL, NULL, col, person);
}

/* A value no other write has: who wrote it, and when. */
static char *fresh(struct proof *p, int l, const char *what)
{
	return xasprintf("%s by laptop %d at step %ld", what, l, p->step);
}

static bool create(struct proof *p, int l, struct record *rec, const char *label)
{
	struct kerr err;
	int status = entity_create(p->lap[l].st, rec, &err);
	if (status != K_OK)
		proof_fail(p, "laptop %d: %s refused: %s", l, label, err.msg);
	return status == K_OK;
}

/* Creates rec about person with a fresh value in its field note, and keeps what it wrote. */
static bool create_noted(struct proof *p, int l, struct record *rec, int note, const char *person)
{
	const char *col = rec->def->fields[note].name;
	char *value = fresh(p, l, col);
	record_set(rec, note, value);
	free(value);
	if (!create(p, l, rec, rec->def->name))
		return false;
	made(p, l, rec->def->table, rec->id);
	wrote_id(p, l, rec->def->table, rec->id, col, person);
	return true;
}

/* ---- the operations ---- */

static const char *const given[] = {"Amina", "Ben", "Chloe", "Dev", "Efua", "Finn", "Grace"};
static const char *const family[] = {"Okafor", "Patel", "Nowak", "Hughes", "Silva", "Khan"};

static void person_add_one(struct proof *p, int l)
{
	struct record *rec = record_new(&person_entity);
	record_set(rec, PERSON_GIVEN_NAME, given[proof_below(p, 7)]);
	record_set(rec, PERSON_FAMILY_NAME, family[proof_below(p, 6)]);
	char *notes = fresh(p, l, "met");
	record_set(rec, PERSON_NOTES, notes);
	free(notes);
	if (create(p, l, rec, "a new person")) {
		made(p, l, "person", rec->id);
		wrote_id(p, l, "person", rec->id, "given_name", rec->id);
		wrote_id(p, l, "person", rec->id, "family_name", rec->id);
		wrote_id(p, l, "person", rec->id, "notes", rec->id);
	}
	record_free(rec);
}

/* Loads a live record of def picked by from, sets field to value, saves it. */
static bool edit(struct proof *p, int l, const struct entity_def *def, const char *from, int field,
		 const char *value, char id[ID_LEN])
{
	if (!pick(p, l, from, id, NULL))
		return false;
	struct record *rec = NULL;
	struct kerr err;
	int status = entity_load(p->lap[l].st, def, id, &rec, &err);
	if (status == K_OK) {
		record_set(rec, field, value);
		status = entity_update(p->lap[l].st, rec, &err);
	}
	if (status != K_OK)
		proof_fail(p, "laptop %d: editing %s %s refused: %s", l, def->name, id, err.msg);
	record_free(rec);
	return status == K_OK;
}

static void person_edit(struct proof *p, int l)
{
	static const int fields[] = {PERSON_PREFERRED_NAME, PERSON_PRONOUNS, PERSON_LANGUAGES,
				     PERSON_WHAT_MATTERS,   PERSON_NOTES,    PERSON_NEIGHBOURHOOD,
				     PERSON_ADDRESS};
	int f = fields[proof_below(p, 7)];
	const char *col = person_entity.fields[f].name;
	char *value = fresh(p, l, col);
	char id[ID_LEN];
	if (edit(p, l, &person_entity, LIVE_PERSON, f, value, id))
		wrote_id(p, l, "person", id, col, id);
	free(value);
}

static void person_restrict(struct proof *p, int l)
{
	char id[ID_LEN];
	const char *value = proof_below(p, 2) ? "1" : "0";
	if (edit(p, l, &person_entity, LIVE_PERSON, PERSON_RESTRICTED, value, id))
		wrote_id(p, l, "person", id, "restricted", id);
}

static void person_delete(struct proof *p, int l)
{
	char id[ID_LEN];
	struct kerr err;
	if (!pick(p, l, LIVE_PERSON, id, NULL))
		return;
	if (entity_delete(p->lap[l].st, &person_entity, id, &err) == K_OK)
		wrote_id(p, l, "person", id, "deleted_at IS NULL", id);
	else
		proof_fail(p, "laptop %d: deleting person %s refused: %s", l, id, err.msg);
}

static void person_forget(struct proof *p, int l)
{
	char id[ID_LEN];
	struct kerr err;
	if (!pick(p, l, LIVE_PERSON, id, NULL))
		return;
	if (person_erase(p->lap[l].st, id, "asked to be forgotten", &err) != K_OK) {
		proof_fail(p, "laptop %d: erasing %s refused: %s", l, id, err.msg);
		return;
	}
	p->erased = xgrow(p->erased, (size_t)(p->nerased + 1), &p->caperased, sizeof *p->erased);
	p->erased[p->nerased++] = xstrdup(id);
}

static void asset_add_one(struct proof *p, int l)
{
	static const char *const category[] = {"association", "space", "institution"};
	struct record *rec = record_new(&asset_entity);
	char *name = fresh(p, l, "asset");
	record_set(rec, ASSET_NAME, name);
	record_set(rec, ASSET_CATEGORY, category[proof_below(p, 3)]);
	if (create(p, l, rec, "a new asset")) {
		made(p, l, "asset", rec->id);
		wrote_id(p, l, "asset", rec->id, "name", NULL);
		wrote_id(p, l, "asset", rec->id, "category", NULL);
	}
	free(name);
	record_free(rec);
}

static void asset_edit(struct proof *p, int l)
{
	char *value = fresh(p, l, "description");
	char id[ID_LEN];
	if (edit(p, l, &asset_entity,
		 "(SELECT id FROM asset WHERE deleted_at IS NULL ORDER BY rowid)",
		 ASSET_DESCRIPTION, value, id))
		wrote_id(p, l, "asset", id, "description", NULL);
	free(value);
}

static void referral_add_one(struct proof *p, int l)
{
	char person[ID_LEN], from[ID_LEN], to[ID_LEN];
	if (!pick(p, l, LIVE_PERSON, person, NULL) || !pick(p, l, LIVE_ASSET, from, NULL) ||
	    !pick(p, l, LIVE_ASSET, to, NULL) || strcmp(from, to) == 0)
		return;
	struct record *rec = record_new(&referral_entity);
	record_set(rec, REFERRAL_PERSON, person);
	record_set(rec, REFERRAL_FROM_ASSET, from);
	record_set(rec, REFERRAL_TO_ASSET, to);
	record_set(rec, REFERRAL_DATE, "today");
	if (create_noted(p, l, rec, REFERRAL_REASON, person))
		wrote_id(p, l, "referral", rec->id, "status", person);
	record_free(rec);
}

static void referral_move(struct proof *p, int l)
{
	char id[ID_LEN], status[ID_LEN], person[ID_LEN] = "";
	if (!pick(p, l,
		  "(SELECT id, status, person_id FROM referral WHERE deleted_at IS NULL "
		  "AND status <> 'closed' ORDER BY rowid)",
		  id, status))
		return;
	/* forward only: did_not_attend -> contacted ("put in touch again") is a move the hub's
	 * furthest-status rule undoes (see the report of issue 17) */
	const char *to[8];
	int n = 0;
	for (int i = 0; referral_statuses[i]; i++)
		if (strcmp(referral_statuses[i], status) != 0 &&
		    proof_rank(referral_statuses[i]) >= proof_rank(status) &&
		    referral_can_move(status, referral_statuses[i]))
			to[n++] = referral_statuses[i];
	if (n == 0)
		return;
	struct kerr err;
	const char *next = to[proof_below(p, n)];
	if (referral_set_status(p->lap[l].st, id, next, NULL, &err) != K_OK) {
		proof_fail(p, "laptop %d: moving referral %s to %s refused: %s", l, id, next,
			   err.msg);
		return;
	}
	struct record *rec = NULL;
	if (entity_load(p->lap[l].st, &referral_entity, id, &rec, &err) == K_OK)
		snprintf(person, sizeof person, "%s", record_get(rec, REFERRAL_PERSON));
	record_free(rec);
	wrote_id(p, l, "referral", id, "status", person);
}

static void membership_change(struct proof *p, int l)
{
	static const char *const roles[] = {"member", "organiser", "volunteer", "champion"};
	char group[ID_LEN], person[ID_LEN];
	struct store *st = p->lap[l].st;
	if (!pick(p, l,
		  "(SELECT id FROM asset WHERE deleted_at IS NULL AND category = 'association' "
		  "ORDER BY rowid)",
		  group, NULL) ||
	    !pick(p, l, LIVE_PERSON, person, NULL))
		return;
	struct kerr err;
	int status = membership_join(st, group, person, roles[proof_below(p, 4)], NULL, &err);
	if (status == K_DUPLICATE) /* a member already: a role changes, or they leave */
		status = proof_below(p, 2) ? membership_leave(st, group, person, &err)
					   : membership_set_role(st, group, person,
								 roles[proof_below(p, 4)], &err);
	if (status == K_DUPLICATE)
		return;
	if (status != K_OK) {
		proof_fail(p, "laptop %d: membership refused: %s", l, err.msg);
		return;
	}
	/* a pair's row is checked through its writes: a missing one fails them */
	wrote(p, l, "membership", "asset_id", group, "person_id", person, "deleted_at IS NULL",
	      person);
	wrote(p, l, "membership", "asset_id", group, "person_id", person, "role", person);
}

/* The tag kind/name the person has, or had. */
static bool tag_of(struct proof *p, int l, const char *person, const char *kind, const char *name,
		   char out[ID_LEN])
{
	sqlite3_stmt *stmt = NULL;
	struct kerr err;
	if (store_prepare(p->lap[l].st,
			  "SELECT tag_id FROM person_tag pt JOIN tag t ON t.id = pt.tag_id "
			  "WHERE pt.person_id = ?1 AND t.name = ?2 AND t.kind = ?3",
			  &stmt, &err) != K_OK)
		return false;
	sqlite3_bind_text(stmt, 1, person, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, kind, -1, SQLITE_STATIC);
	bool found = sqlite3_step(stmt) == SQLITE_ROW;
	if (found)
		snprintf(out, ID_LEN, "%s", (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return found;
}

static void tag_change(struct proof *p, int l)
{
	static const char *const names[] = {"Cooking", "Gardening", "Singing", "Bike repair",
					    "Welcoming"};
	static const char *const kinds[] = {"skill", "passion"};
	char person[ID_LEN], tag[ID_LEN];
	struct store *st = p->lap[l].st;
	if (!pick(p, l, LIVE_PERSON, person, NULL))
		return;
	const char *name = names[proof_below(p, 5)], *kind = kinds[proof_below(p, 2)];
	struct kerr err;
	int status = tag_attach(st, ENTITY_PERSON, person, kind, name, &err);
	if (status == K_DUPLICATE && tag_of(p, l, person, kind, name, tag)) /* by id: one kind */
		status = tag_detach(st, ENTITY_PERSON, person, tag, &err);
	if (status != K_OK) {
		proof_fail(p, "laptop %d: tag %s refused: %s", l, name, err.msg);
		return;
	}
	if (tag_of(p, l, person, kind, name, tag))
		wrote(p, l, "person_tag", "person_id", person, "tag_id", tag, "deleted_at IS NULL",
		      person);
}

static void conversation_add_one(struct proof *p, int l)
{
	char person[ID_LEN];
	if (!pick(p, l, LIVE_PERSON, person, NULL))
		return;
	struct record *rec = record_new(&conversation_entity);
	record_set(rec, CONVERSATION_PERSON, person);
	record_set(rec, CONVERSATION_DATE, "today");
	create_noted(p, l, rec, CONVERSATION_HOPES, person);
	record_free(rec);
}

static void conversation_edit(struct proof *p, int l)
{
	static const int fields[] = {CONVERSATION_CONCERNS, CONVERSATION_GIFTS, CONVERSATION_NOTES};
	int f = fields[proof_below(p, 3)];
	const char *col = conversation_entity.fields[f].name;
	char *value = fresh(p, l, col);
	char id[ID_LEN], person[ID_LEN] = "";
	if (edit(p, l, &conversation_entity,
		 "(SELECT id, person_id FROM conversation WHERE deleted_at IS NULL ORDER BY rowid)",
		 f, value, id)) {
		struct record *rec = NULL;
		struct kerr err;
		if (entity_load(p->lap[l].st, &conversation_entity, id, &rec, &err) == K_OK)
			snprintf(person, sizeof person, "%s", record_get(rec, CONVERSATION_PERSON));
		record_free(rec);
		wrote_id(p, l, "conversation", id, col, person);
	}
	free(value);
}

/* Each operation and how often it comes, out of the sum of the weights. */
static const struct {
	void (*fn)(struct proof *p, int l);
	int weight;
} OPS[] = {
	{person_add_one, 8},    {person_edit, 24},     {person_restrict, 5},
	{person_delete, 2},     {person_forget, 1},    {asset_add_one, 3},
	{asset_edit, 4},        {referral_add_one, 8}, {referral_move, 12},
	{membership_change, 8}, {tag_change, 8},       {conversation_add_one, 5},
	{conversation_edit, 6},
};

void proof_ops(struct proof *p, int l, int count)
{
	int total = 0, nops = (int)(sizeof OPS / sizeof OPS[0]);
	for (int i = 0; i < nops; i++)
		total += OPS[i].weight;
	proof_clock(p, l);
	for (int k = 0; k < count; k++) {
		long r = proof_below(p, total);
		int i = 0;
		while (r >= OPS[i].weight)
			r -= OPS[i++].weight;
		p->step++;
		OPS[i].fn(p, l);
		p->count->ops++;
	}
}
