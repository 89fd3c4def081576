/* Referral chains: a person's journey, and the trees of journeys through an asset. */
#include "entity.h"
#include "entity_impl.h"
#include "auth.h"
#include "chain.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asset.h"
#include "store.h"
#include "strbuf.h"
#include "xalloc.h"

/* ---- a person's chain ---- */

int chain_person(struct store *st, const char *person_id, struct chain *out, struct kerr *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *stmt = NULL;
	int status = auth_require(st, AUTH_RECORDS, err);
	if (status == K_OK)
		status = entity_may_touch_person(st, person_id, err);
	if (status != K_OK)
		return status;
	/* the places by their names as the reader may see them (asset.c) */
	char *from = entity_sql_alias(asset_entity.display, "f");
	char *to = entity_sql_alias(asset_entity.display, "t");
	char *sql = xasprintf(
		"SELECT r.id, r.date, r.kind, r.status, r.from_asset_id, "
		"r.to_asset_id, %s, %s FROM referral r JOIN asset f ON f.id = "
		"r.from_asset_id JOIN asset t ON t.id = r.to_asset_id WHERE "
		"r.person_id = ? AND r.deleted_at IS NULL ORDER BY r.date, r.created_at",
		from, to);
	status = store_prepare(st, sql, &stmt, err);
	free(sql), free(from), free(to);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, person_id, -1, SQLITE_STATIC);
	int rc;
	size_t cap = 0;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		out->step = xgrow(out->step, (size_t)out->n, &cap, sizeof *out->step);
		struct chain_step *s = &out->step[out->n++];
		snprintf(s->referral_id, ID_LEN, "%s", sqlite3_column_text(stmt, 0));
		snprintf(s->date, DATE_LEN, "%s", sqlite3_column_text(stmt, 1));
		s->kind = xstrdup((const char *)sqlite3_column_text(stmt, 2));
		s->status = xstrdup((const char *)sqlite3_column_text(stmt, 3));
		snprintf(s->from_id, ID_LEN, "%s", sqlite3_column_text(stmt, 4));
		snprintf(s->to_id, ID_LEN, "%s", sqlite3_column_text(stmt, 5));
		s->from_name = xstrdup((const char *)sqlite3_column_text(stmt, 6));
		s->to_name = xstrdup((const char *)sqlite3_column_text(stmt, 7));
	}
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	if (status != K_OK)
		chain_free(out);
	return status;
}

void chain_free(struct chain *c)
{
	for (int i = 0; i < c->n; i++) {
		free(c->step[i].kind), free(c->step[i].status);
		free(c->step[i].from_name), free(c->step[i].to_name);
	}
	free(c->step);
	memset(c, 0, sizeof *c);
}

/* ---- every asset's id and name, to turn ids into small numbers ---- */

struct assets {
	char (*id)[ID_LEN];
	char **name;
	int n;
};

static int load_assets(struct store *st, struct assets *a, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	memset(a, 0, sizeof *a);
	int status = store_prepare(st, "SELECT id, name FROM asset ORDER BY id", &stmt, err);
	if (status != K_OK)
		return status;
	int rc;
	size_t cap = 0;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if ((size_t)a->n == cap) { /* side by side: both grow together */
			cap = xgrow_cap(cap);
			a->id = xreallocarray(a->id, cap, sizeof *a->id);
			a->name = xreallocarray(a->name, cap, sizeof *a->name);
		}
		snprintf(a->id[a->n], ID_LEN, "%s", sqlite3_column_text(stmt, 0));
		a->name[a->n++] = xstrdup((const char *)sqlite3_column_text(stmt, 1));
	}
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

static void assets_free(struct assets *a)
{
	for (int i = 0; i < a->n; i++)
		free(a->name[i]);
	free(a->id), free(a->name);
}

static int asset_index(const struct assets *a, const char *id)
{
	int lo = 0, hi = a->n - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2, c = strcmp(a->id[mid], id);
		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* ---- building a tree ---- */

/* A hub's journeys make a million branches four hops out, so a branch is small: who took
 * it is kept apart, as (branch, person) pairs, sorted out once at the end. */
struct raw_node {
	int asset, parent, depth, people, last_person;
};

struct builder {
	struct raw_node *node;
	int n;
	size_t cap;
	int (*pair)[2]; /* (node, person): the person took that branch */
	size_t npair, pair_cap;
	uint64_t *slot; /* open addressing: (parent << 32 | asset) + 1, 0 empty */
	int *slot_node;
	size_t nslots;
	int bits;              /* nslots is 1 << bits */
	int moved, last_moved; /* people who took at least one hop, the last one counted */
};

/* Fibonacci hashing: the product's high bits depend on every bit of the key (its low bits
 * would ignore the parent, and every branch to one asset would collide). */
static size_t slot_of(uint64_t key, int bits)
{
	return (size_t)((key * 0x9E3779B97F4A7C15ULL) >> (64 - bits));
}

static void grow_slots(struct builder *b)
{
	size_t old = b->nslots;
	uint64_t *slot = b->slot;
	int *slot_node = b->slot_node;
	b->bits = old ? b->bits + 1 : 10;
	b->nslots = (size_t)1 << b->bits;
	b->slot = xcalloc(b->nslots, sizeof *b->slot);
	b->slot_node = xcalloc(b->nslots, sizeof *b->slot_node);
	for (size_t i = 0; i < old; i++) {
		if (!slot[i])
			continue;
		size_t j = slot_of(slot[i], b->bits);
		while (b->slot[j])
			j = (j + 1) & (b->nslots - 1);
		b->slot[j] = slot[i];
		b->slot_node[j] = slot_node[i];
	}
	free(slot), free(slot_node);
}

static int child(struct builder *b, int parent, int asset, int depth)
{
	if ((size_t)b->n * 2 >= b->nslots)
		grow_slots(b);
	uint64_t key = ((uint64_t)(uint32_t)parent << 32 | (uint32_t)asset) + 1;
	size_t i = slot_of(key, b->bits);
	while (b->slot[i] && b->slot[i] != key)
		i = (i + 1) & (b->nslots - 1);
	if (b->slot[i])
		return b->slot_node[i];
	b->node = xgrow(b->node, (size_t)b->n, &b->cap, sizeof *b->node);
	b->node[b->n] = (struct raw_node){asset, parent, depth, 0, -1};
	b->slot[i] = key;
	b->slot_node[i] = b->n;
	return b->n++;
}

static void seen_by(struct builder *b, int node, int person)
{
	struct raw_node *r = &b->node[node];
	if (r->last_person == person)
		return;
	r->last_person = person;
	r->people++;
	b->pair = xgrow(b->pair, b->npair, &b->pair_cap, sizeof *b->pair);
	b->pair[b->npair][0] = node;
	b->pair[b->npair++][1] = person;
}

/* Walks one journey's places from position `at` in direction step, up to depth hops. */
static void walk(struct builder *b, const int *place, int nplace, int at, int step, int depth,
		 int person)
{
	int node = 0;
	seen_by(b, 0, person);
	if (depth > 0 && at + step >= 0 && at + step < nplace && b->last_moved != person) {
		b->last_moved = person;
		b->moved++;
	}
	for (int hop = 1, i = at + step; hop <= depth && i >= 0 && i < nplace; hop++, i += step) {
		node = child(b, node, place[i], hop);
		seen_by(b, node, person);
	}
}

static struct builder *builder_new(int root)
{
	struct builder *b = xcalloc(1, sizeof *b);
	b->last_moved = -1;
	child(b, -1, root, 0);
	return b;
}

static void builder_free(struct builder *b)
{
	free(b->node), free(b->pair), free(b->slot), free(b->slot_node), free(b);
}

/* ---- turning a built tree into a chain_tree: children after parents, largest first ---- */

struct ranked {
	int people, node;
};

static int by_people(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	if (x->people != y->people)
		return x->people > y->people ? -1 : 1;
	return (x->node > y->node) - (x->node < y->node);
}

/* Each node's children, largest first, as ranges of one array. */
struct family {
	int *first, *count, *kid;
	int *pair_first; /* each node's people: pair_person[pair_first[v] .. pair_first[v+1]) */
	int *pair_person;
};

static void family_of(const struct builder *b, struct family *f)
{
	size_t n = (size_t)b->n + 1;
	f->first = xcalloc(n, sizeof *f->first);
	f->count = xcalloc(n, sizeof *f->count);
	f->kid = xmalloc(n * sizeof *f->kid);
	for (int v = 1; v < b->n; v++)
		f->count[b->node[v].parent]++;
	for (int v = 1; v < b->n; v++)
		f->first[v] = f->first[v - 1] + f->count[v - 1];
	int *fill = xcalloc(n, sizeof *fill);
	for (int v = 1; v < b->n; v++)
		f->kid[f->first[b->node[v].parent] + fill[b->node[v].parent]++] = v;
	struct ranked *tmp = xmalloc(n * sizeof *tmp);
	for (int v = 0; v < b->n; v++) {
		int *kids = f->kid + f->first[v];
		for (int i = 0; i < f->count[v]; i++)
			tmp[i] = (struct ranked){b->node[kids[i]].people, kids[i]};
		qsort(tmp, (size_t)f->count[v], sizeof *tmp, by_people);
		for (int i = 0; i < f->count[v]; i++)
			kids[i] = tmp[i].node;
	}
	/* the people of each node, by counting sort of the pairs */
	f->pair_first = xcalloc(n + 1, sizeof *f->pair_first);
	f->pair_person = xmalloc((b->npair + 1) * sizeof *f->pair_person);
	for (size_t i = 0; i < b->npair; i++)
		f->pair_first[b->pair[i][0] + 1]++;
	for (int v = 0; v < b->n; v++)
		f->pair_first[v + 1] += f->pair_first[v];
	memset(fill, 0, n * sizeof *fill);
	for (size_t i = 0; i < b->npair; i++) {
		int v = b->pair[i][0];
		f->pair_person[f->pair_first[v] + fill[v]++] = b->pair[i][1];
	}
	free(fill), free(tmp);
}

static void family_free(struct family *f)
{
	free(f->first), free(f->count), free(f->kid), free(f->pair_first), free(f->pair_person);
}

struct output {
	const struct builder *b;
	const struct family *f;
	struct chain_tree *t;
	size_t cap;
	int max_branches;
	int *stamp, round; /* for counting the people of folded branches once */
};

static struct chain_node *out_node(struct output *o, int parent, int depth)
{
	struct chain_tree *t = o->t;
	t->node = xgrow(t->node, (size_t)t->n, &o->cap, sizeof *t->node);
	struct chain_node *c = &t->node[t->n++];
	memset(c, 0, sizeof *c);
	c->parent = parent;
	c->depth = depth;
	c->asset_id = c->name = "";
	return c;
}

/* The branches past the largest few, as one line: how many, and how many people. */
static void fold(struct output *o, int parent, const int *kids, int nkids)
{
	struct chain_node *c = out_node(o, parent, o->b->node[kids[0]].depth);
	c->folded = nkids;
	o->round++;
	for (int i = 0; i < nkids; i++)
		for (int k = o->f->pair_first[kids[i]]; k < o->f->pair_first[kids[i] + 1]; k++) {
			int p = o->f->pair_person[k];
			if (o->stamp[p] != o->round) {
				o->stamp[p] = o->round;
				c->people++;
			}
		}
}

/* Depth first, children in order; recursion is as deep as the hops asked for. */
static void emit(struct output *o, int v, int parent)
{
	const struct raw_node *r = &o->b->node[v];
	int me = o->t->n;
	struct chain_node *c = out_node(o, parent, r->depth);
	c->asset_id = o->t->asset_id[r->asset];
	c->name = o->t->asset_name[r->asset];
	c->people = r->people;
	c->person = o->f->pair_person + o->f->pair_first[v];
	c->nperson = o->f->pair_first[v + 1] - o->f->pair_first[v];
	const int *kids = o->f->kid + o->f->first[v];
	int nkids = o->f->count[v];
	int keep = o->max_branches > 0 && nkids > o->max_branches ? o->max_branches : nkids;
	for (int i = 0; i < keep; i++)
		emit(o, kids[i], me);
	if (keep < nkids)
		fold(o, me, kids + keep, nkids - keep);
}

static void finish(struct builder *b, const struct assets *a, char (*people)[ID_LEN], int npeople,
		   int max_branches, struct chain_tree *out)
{
	struct family f;
	family_of(b, &f);
	out->asset_id = xmalloc(((size_t)a->n + 1) * sizeof *out->asset_id);
	memcpy(out->asset_id, a->id, (size_t)a->n * sizeof *a->id);
	out->asset_name = xcalloc((size_t)a->n + 1, sizeof *out->asset_name);
	for (int i = 0; i < a->n; i++)
		out->asset_name[i] = xstrdup(a->name[i]);
	out->nassets = a->n;
	struct output o = {b, &f, out, 0, max_branches, xcalloc((size_t)npeople + 1, sizeof(int)),
			   0};
	emit(&o, 0, -1);
	free(o.stamp);
	out->person_pool = f.pair_person; /* the nodes' person arrays point into it */
	f.pair_person = NULL;
	family_free(&f);
	out->person_id = xmalloc(((size_t)npeople + 1) * sizeof *out->person_id);
	memcpy(out->person_id, people, (size_t)npeople * sizeof *people);
	out->npeople = npeople;
}

/* ---- journeys through an asset ---- */

struct journeys {
	struct builder *up, *down;
	const struct assets *a;
	int root, depth;
	char (*people)[ID_LEN];
	int npeople;
	int to_root, from_root; /* referrals to and from the root */
	size_t cap;
	int *place;
	int nplace;
	size_t place_cap;
};

static void add_place(struct journeys *j, int asset)
{
	if (asset < 0 || (j->nplace && j->place[j->nplace - 1] == asset))
		return;
	j->place = xgrow(j->place, (size_t)j->nplace, &j->place_cap, sizeof *j->place);
	j->place[j->nplace++] = asset;
}

/* One person's journey is complete: walk it from each visit to the root. */
static void end_journey(struct journeys *j)
{
	int person = j->npeople - 1;
	for (int i = 0; i < j->nplace; i++)
		if (j->place[i] == j->root) {
			walk(j->up, j->place, j->nplace, i, -1, j->depth, person);
			walk(j->down, j->place, j->nplace, i, +1, j->depth, person);
		}
	j->nplace = 0;
}

static void start_journey(struct journeys *j, const char *person)
{
	j->people = xgrow(j->people, (size_t)j->npeople, &j->cap, sizeof *j->people);
	snprintf(j->people[j->npeople++], ID_LEN, "%s", person);
}

static int read_journeys(struct store *st, struct journeys *j, const char *asset_id,
			 const char *since, const char *until, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(
		st,
		"SELECT r.person_id, r.from_asset_id, r.to_asset_id FROM referral r "
		"WHERE r.deleted_at IS NULL AND r.date >= ?2 AND r.date <= ?3 AND "
		"r.person_id IN (SELECT person_id FROM referral WHERE deleted_at IS "
		"NULL AND date >= ?2 AND date <= ?3 AND (from_asset_id = ?1 OR "
		"to_asset_id = ?1)) ORDER BY r.person_id, r.date, r.id",
		&stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, asset_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, since && *since ? since : "0000", -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, until && *until ? until : "9999", -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *person = (const char *)sqlite3_column_text(stmt, 0);
		if (!j->npeople || strcmp(j->people[j->npeople - 1], person) != 0) {
			if (j->npeople)
				end_journey(j);
			start_journey(j, person);
		}
		int from = asset_index(j->a, (const char *)sqlite3_column_text(stmt, 1));
		int to = asset_index(j->a, (const char *)sqlite3_column_text(stmt, 2));
		/* as the Network screen counts them: a self-referral is neither */
		j->from_root += from == j->root && to != j->root;
		j->to_root += to == j->root && from != j->root;
		add_place(j, from);
		add_place(j, to);
	}
	if (j->npeople)
		end_journey(j);
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

int chain_asset(struct store *st, const char *asset_id, int depth, int max_branches,
		const char *since, const char *until, struct chain_tree *up,
		struct chain_tree *down, struct kerr *err)
{
	memset(up, 0, sizeof *up);
	memset(down, 0, sizeof *down);
	struct assets a;
	int status = auth_require(st, AUTH_REPORTS, err);
	if (status != K_OK)
		return status;
	status = load_assets(st, &a, err);
	int root = status == K_OK ? asset_index(&a, asset_id) : -1;
	if (status == K_OK && root < 0)
		status = kerr_set(err, K_NOT_FOUND, "", "no asset has the id %s", asset_id);
	if (status != K_OK) {
		assets_free(&a);
		return status;
	}
	struct journeys j = {.up = builder_new(root),
			     .down = builder_new(root),
			     .a = &a,
			     .root = root,
			     .depth = depth < 1 ? 1 : depth};
	status = read_journeys(st, &j, asset_id, since, until, err);
	if (status == K_OK) {
		finish(j.up, &a, j.people, j.npeople, max_branches, up);
		finish(j.down, &a, j.people, j.npeople, max_branches, down);
		up->moved = j.up->moved, up->referrals = j.to_root;
		down->moved = j.down->moved, down->referrals = j.from_root;
	}
	builder_free(j.up), builder_free(j.down);
	free(j.people), free(j.place);
	assets_free(&a);
	return status;
}

void chain_tree_free(struct chain_tree *t)
{
	for (int i = 0; i < t->nassets; i++)
		free(t->asset_name[i]);
	free(t->asset_name);
	free(t->asset_id);
	free(t->node);
	free(t->person_pool);
	free(t->person_id);
	memset(t, 0, sizeof *t);
}
