/* Referral chains: a person's journey, and the trees of journeys through an asset. */
#include "chain.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "strbuf.h"
#include "xalloc.h"

/* ---- a person's chain ---- */

int chain_person(struct store *st, const char *person_id, struct chain *out, struct kerr *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st,
				   "SELECT r.id, r.date, r.kind, r.status, r.from_asset_id, "
				   "r.to_asset_id, f.name, t.name FROM referral r JOIN asset f ON f.id = "
				   "r.from_asset_id JOIN asset t ON t.id = r.to_asset_id WHERE "
				   "r.person_id = ? AND r.deleted_at IS NULL ORDER BY r.date, r.created_at",
				   &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, person_id, -1, SQLITE_STATIC);
	int rc, cap = 0;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (out->n == cap)
			out->step = xreallocarray(out->step, (size_t)(cap = cap ? cap * 2 : 8),
						  sizeof *out->step);
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
	int rc, cap = 0;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (a->n == cap) {
			cap = cap ? cap * 2 : 256;
			a->id = xreallocarray(a->id, (size_t)cap, sizeof *a->id);
			a->name = xreallocarray(a->name, (size_t)cap, sizeof *a->name);
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

struct raw_node {
	int asset, parent, depth, people, last_person, *person, nperson, cap;
};

struct builder {
	struct raw_node *node;
	int n, cap;
	uint64_t *slot;   /* open addressing: (parent << 32 | asset) + 1, 0 empty */
	int *slot_node;
	size_t nslots;
};

static void grow_slots(struct builder *b);

static int child(struct builder *b, int parent, int asset, int depth)
{
	if ((size_t)b->n * 2 >= b->nslots)
		grow_slots(b);
	uint64_t key = ((uint64_t)(uint32_t)parent << 32 | (uint32_t)asset) + 1;
	size_t i = (size_t)(key * 0x9E3779B97F4A7C15ULL) & (b->nslots - 1);
	while (b->slot[i] && b->slot[i] != key)
		i = (i + 1) & (b->nslots - 1);
	if (b->slot[i])
		return b->slot_node[i];
	if (b->n == b->cap)
		b->node = xreallocarray(b->node, (size_t)(b->cap = b->cap ? b->cap * 2 : 64),
					sizeof *b->node);
	b->node[b->n] = (struct raw_node){asset, parent, depth, 0, -1, NULL, 0, 0};
	b->slot[i] = key;
	b->slot_node[i] = b->n;
	return b->n++;
}

static void grow_slots(struct builder *b)
{
	size_t old = b->nslots;
	uint64_t *slot = b->slot;
	int *slot_node = b->slot_node;
	b->nslots = old ? old * 2 : 1024;
	b->slot = xcalloc(b->nslots, sizeof *b->slot);
	b->slot_node = xcalloc(b->nslots, sizeof *b->slot_node);
	for (size_t i = 0; i < old; i++) {
		if (!slot[i])
			continue;
		size_t j = (size_t)(slot[i] * 0x9E3779B97F4A7C15ULL) & (b->nslots - 1);
		while (b->slot[j])
			j = (j + 1) & (b->nslots - 1);
		b->slot[j] = slot[i];
		b->slot_node[j] = slot_node[i];
	}
	free(slot), free(slot_node);
}

static void seen_by(struct raw_node *r, int person)
{
	if (r->last_person == person)
		return;
	r->last_person = person;
	r->people++;
	if (r->nperson == r->cap)
		r->person = xreallocarray(r->person, (size_t)(r->cap = r->cap ? r->cap * 2 : 4),
					  sizeof *r->person);
	r->person[r->nperson++] = person;
}

/* Walks one journey's places from position `at` in direction step, up to depth hops. */
static void walk(struct builder *b, const int *place, int nplace, int at, int step, int depth,
		 int person)
{
	int node = 0;
	seen_by(&b->node[0], person);
	for (int hop = 1, i = at + step; hop <= depth && i >= 0 && i < nplace; hop++, i += step) {
		node = child(b, node, place[i], hop);
		seen_by(&b->node[node], person);
	}
}

static struct builder *builder_new(int root)
{
	struct builder *b = xcalloc(1, sizeof *b);
	child(b, -1, root, 0);
	return b;
}

/* ---- turning a built tree into a chain_tree: children after parents, largest first ---- */

static int cmp_people(const struct raw_node *node, int a, int b)
{
	if (node[a].people != node[b].people)
		return node[a].people > node[b].people ? -1 : 1;
	return (a > b) - (a < b);
}

static void order_children(const struct builder *b, int *kids, int nkids)
{
	for (int i = 1; i < nkids; i++) /* few children a node: insertion sort */
		for (int j = i; j > 0 && cmp_people(b->node, kids[j - 1], kids[j]) > 0; j--) {
			int t = kids[j - 1];
			kids[j - 1] = kids[j], kids[j] = t;
		}
}

static void finish(struct builder *b, const struct assets *a, char (*people)[ID_LEN],
		   int npeople, struct chain_tree *out)
{
	int *first = xcalloc((size_t)b->n + 1, sizeof *first), *count = xcalloc((size_t)b->n + 1,
									   sizeof *count);
	int *kids = xmalloc(((size_t)b->n + 1) * sizeof *kids), *newid = xmalloc(((size_t)b->n + 1) * sizeof *newid);
	for (int v = 1; v < b->n; v++)
		count[b->node[v].parent]++;
	for (int v = 1; v <= b->n; v++)
		first[v] = first[v - 1] + count[v - 1];
	memset(count, 0, ((size_t)b->n + 1) * sizeof *count);
	for (int v = 1; v < b->n; v++)
		kids[first[b->node[v].parent] + count[b->node[v].parent]++] = v;
	for (int v = 0; v < b->n; v++)
		order_children(b, kids + first[v], count[v]);
	/* a depth-first walk with an explicit stack */
	int *stack = xmalloc(((size_t)b->n + 1) * sizeof *stack), sp = 0, k = 0;
	out->node = xcalloc((size_t)b->n + 1, sizeof *out->node);
	stack[sp++] = 0;
	while (sp) {
		int v = stack[--sp];
		struct raw_node *r = &b->node[v];
		struct chain_node *c = &out->node[k];
		newid[v] = k++;
		snprintf(c->asset_id, ID_LEN, "%s", a->id[r->asset]);
		c->name = xstrdup(a->name[r->asset]);
		c->parent = r->parent < 0 ? -1 : newid[r->parent];
		c->depth = r->depth;
		c->people = r->people;
		c->person = r->person;
		c->nperson = r->nperson;
		r->person = NULL;
		for (int i = count[v] - 1; i >= 0; i--)
			stack[sp++] = kids[first[v] + i];
	}
	out->n = k;
	out->person_id = xmalloc(((size_t)npeople + 1) * sizeof *out->person_id);
	memcpy(out->person_id, people, (size_t)npeople * sizeof *people);
	out->npeople = npeople;
	free(first), free(count), free(kids), free(newid), free(stack);
}

static void builder_free(struct builder *b)
{
	for (int i = 0; i < b->n; i++)
		free(b->node[i].person);
	free(b->node), free(b->slot), free(b->slot_node), free(b);
}

/* ---- journeys through an asset ---- */

struct journeys {
	struct builder *up, *down;
	const struct assets *a;
	int root, depth;
	char (*people)[ID_LEN];
	int npeople, cap;
	int *place;
	int nplace, place_cap;
};

static void add_place(struct journeys *j, int asset)
{
	if (asset < 0 || (j->nplace && j->place[j->nplace - 1] == asset))
		return;
	if (j->nplace == j->place_cap)
		j->place = xreallocarray(j->place, (size_t)(j->place_cap = j->place_cap ? j->place_cap * 2 : 16),
					 sizeof *j->place);
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
	if (j->npeople == j->cap)
		j->people = xreallocarray(j->people, (size_t)(j->cap = j->cap ? j->cap * 2 : 64),
					  sizeof *j->people);
	snprintf(j->people[j->npeople++], ID_LEN, "%s", person);
}

static int read_journeys(struct store *st, struct journeys *j, const char *asset_id,
			 const char *since, const char *until, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st,
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
		add_place(j, asset_index(j->a, (const char *)sqlite3_column_text(stmt, 1)));
		add_place(j, asset_index(j->a, (const char *)sqlite3_column_text(stmt, 2)));
	}
	if (j->npeople)
		end_journey(j);
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

int chain_asset(struct store *st, const char *asset_id, int depth, const char *since,
		const char *until, struct chain_tree *up, struct chain_tree *down,
		struct kerr *err)
{
	memset(up, 0, sizeof *up);
	memset(down, 0, sizeof *down);
	struct assets a;
	int status = load_assets(st, &a, err);
	int root = status == K_OK ? asset_index(&a, asset_id) : -1;
	if (status == K_OK && root < 0)
		status = kerr_set(err, K_NOT_FOUND, "", "no asset has the id %s", asset_id);
	if (status != K_OK) {
		assets_free(&a);
		return status;
	}
	struct journeys j = {.up = builder_new(root), .down = builder_new(root), .a = &a,
			     .root = root, .depth = depth < 1 ? 1 : depth};
	status = read_journeys(st, &j, asset_id, since, until, err);
	if (status == K_OK) {
		finish(j.up, &a, j.people, j.npeople, up);
		finish(j.down, &a, j.people, j.npeople, down);
	}
	builder_free(j.up), builder_free(j.down);
	free(j.people), free(j.place);
	assets_free(&a);
	return status;
}

void chain_tree_free(struct chain_tree *t)
{
	for (int i = 0; i < t->n; i++) {
		free(t->node[i].name);
		free(t->node[i].person);
	}
	free(t->node);
	free(t->person_id);
	memset(t, 0, sizeof *t);
}
