/* The partnership network of a period and the register: which partnerships count, which
 * groups and institutions are in none, and the network of assets joined by being partners
 * together, measured by the graph module as the referral network is. */
#include "partnership.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asset.h"
#include "auth.h"
#include "entity_impl.h"
#include "graph.h"
#include "store.h"
#include "strbuf.h"
#include "xalloc.h"

/* Partnerships counting in [?1, ?2]: established by its end, not ended before its start. */
#define COUNTING \
	"s.deleted_at IS NULL AND s.status <> 'forming' AND s.since <= ?2 AND (s.ended IS NULL " \
	"OR s.ended >= ?1)"

/* One number from sql over the period ?1..?2. */
static int count(struct store *st, const char *sql, const char *from, const char *to, int *out,
		 struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st, sql, &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, to, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	*out = rc == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : 0;
	status = rc == SQLITE_ROW ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

/* The assets the reader sees that are partners in a partnership counting, as a condition
 * over alias a. */
static void visible_assets(struct store *st, struct strbuf *sql)
{
	strbuf_puts(sql, " AND a.deleted_at IS NULL");
	entity_visible(st, &asset_entity, "a", sql);
}

static int register_counts(struct store *st, const char *from, const char *to,
			   struct partnership_figures *f, struct kerr *err)
{
	int status = count(st, "SELECT count(*) FROM partnership s WHERE " COUNTING, from, to,
			   &f->partnerships, err);
	if (status == K_OK)
		status = count(st,
			       "SELECT count(*) FROM partnership s WHERE " COUNTING
			       " AND s.since >= ?1",
			       from, to, &f->started, err);
	if (status == K_OK)
		status = count(st,
			       "SELECT count(*) FROM partnership s WHERE " COUNTING
			       " AND s.ended <= ?2",
			       from, to, &f->ended, err);
	if (status == K_OK)
		status = count(st,
			       "SELECT count(*) FROM partnership s WHERE s.deleted_at IS NULL AND "
			       "s.status = 'forming' AND s.since <= ?2",
			       from, to, &f->forming, err);
	return status;
}

static int organisation_counts(struct store *st, const char *from, const char *to,
			       struct partnership_figures *f, struct kerr *err)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_puts(&sql, "SELECT count(*), coalesce(sum(NOT EXISTS (SELECT 1 FROM partner p JOIN "
			  "partnership s ON s.id = p.partnership_id WHERE p.asset_id = a.id AND "
			  "p.deleted_at IS NULL AND " COUNTING ")), 0) FROM asset a WHERE "
			  "a.category IN ('association', 'institution')");
	visible_assets(st, &sql);
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st, strbuf_str(&sql), &stmt, err);
	strbuf_free(&sql);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, to, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		f->organisations = sqlite3_column_int(stmt, 0);
		f->in_none = sqlite3_column_int(stmt, 1);
	}
	status = rc == SQLITE_ROW ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

/* The partner rows of partnerships counting, by partnership: (partnership rowid, asset). */
static int read_pairs(struct store *st, const char *from, const char *to, sqlite3_stmt **stmt,
		      struct kerr *err)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_puts(&sql,
		    "SELECT p.partnership_id, p.asset_id FROM partner p JOIN partnership s ON "
		    "s.id = p.partnership_id JOIN asset a ON a.id = p.asset_id WHERE "
		    "p.deleted_at IS NULL AND " COUNTING);
	visible_assets(st, &sql);
	strbuf_puts(&sql, " ORDER BY p.partnership_id, p.asset_id");
	int status = store_prepare(st, strbuf_str(&sql), stmt, err);
	strbuf_free(&sql);
	if (status == K_OK) {
		sqlite3_bind_text(*stmt, 1, from, -1, SQLITE_STATIC);
		sqlite3_bind_text(*stmt, 2, to, -1, SQLITE_STATIC);
	}
	return status;
}

struct pairs {
	char (*asset)[ID_LEN]; /* the nodes, each asset once */
	int n;
	size_t cap;
	struct graph_edge *edge;
	size_t nedge, ecap;
};

static int node_of(struct pairs *p, const char *asset)
{
	for (int i = 0; i < p->n; i++) /* a register has tens of partners, not thousands */
		if (strcmp(p->asset[i], asset) == 0)
			return i;
	p->asset = xgrow(p->asset, (size_t)p->n, &p->cap, sizeof *p->asset);
	snprintf(p->asset[p->n], ID_LEN, "%s", asset);
	return p->n++;
}

/* Each pair of partners of one partnership is a link, both ways (a symmetric graph, whose
 * directed density is the undirected one). */
static void link_members(struct pairs *p, const int *members, int k)
{
	for (int i = 0; i < k; i++)
		for (int j = i + 1; j < k; j++) {
			p->edge = xgrow(p->edge, p->nedge + 1, &p->ecap, sizeof *p->edge);
			p->edge[p->nedge++] = (struct graph_edge){members[i], members[j], 1};
			p->edge = xgrow(p->edge, p->nedge + 1, &p->ecap, sizeof *p->edge);
			p->edge[p->nedge++] = (struct graph_edge){members[j], members[i], 1};
		}
}

static int load_pairs(struct store *st, const char *from, const char *to, struct pairs *p,
		      struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = read_pairs(st, from, to, &stmt, err), rc = SQLITE_DONE;
	char current[ID_LEN] = "";
	int *members = NULL, k = 0;
	size_t mcap = 0;
	while (status == K_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *ship = (const char *)sqlite3_column_text(stmt, 0);
		if (strcmp(ship, current) != 0) {
			link_members(p, members, k);
			k = 0;
			snprintf(current, sizeof current, "%s", ship);
		}
		members = xgrow(members, (size_t)k, &mcap, sizeof *members);
		members[k++] = node_of(p, (const char *)sqlite3_column_text(stmt, 1));
	}
	link_members(p, members, k);
	free(members);
	if (status == K_OK && rc != SQLITE_DONE)
		status = store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

static void measure(const struct pairs *p, struct partnership_figures *f)
{
	struct graph *g = graph_build(p->n, p->edge, p->nedge);
	struct graph_components c = {0};
	graph_wcc(g, &c);
	f->partners = p->n;
	f->links = g->m / 2;
	f->components = c.count;
	f->largest = c.largest;
	f->density = graph_density(g);
	graph_components_free(&c);
	graph_free(g);
}

int partnership_figures(struct store *st, const char *from, const char *to,
			struct partnership_figures *out, struct kerr *err)
{
	memset(out, 0, sizeof *out);
	int status = auth_require(st, AUTH_RECORDS, err);
	if (status == K_OK)
		status = register_counts(st, from, to, out, err);
	if (status == K_OK)
		status = organisation_counts(st, from, to, out, err);
	struct pairs p = {0};
	if (status == K_OK)
		status = load_pairs(st, from, to, &p, err);
	if (status == K_OK)
		measure(&p, out);
	free(p.asset);
	free(p.edge);
	return status;
}

/* ---- the register ---- */

static void read_row(sqlite3_stmt *stmt, struct partnership_row *r)
{
	const char *ended = (const char *)sqlite3_column_text(stmt, 5);
	snprintf(r->id, sizeof r->id, "%s", sqlite3_column_text(stmt, 0));
	r->name = xstrdup((const char *)sqlite3_column_text(stmt, 1));
	r->purpose = xstrdup((const char *)sqlite3_column_text(stmt, 2));
	snprintf(r->since, sizeof r->since, "%s", sqlite3_column_text(stmt, 3));
	r->status = xstrdup((const char *)sqlite3_column_text(stmt, 4));
	snprintf(r->ended, sizeof r->ended, "%s", ended ? ended : "");
	r->partners = sqlite3_column_int(stmt, 6);
}

int partnership_register(struct store *st, const char *to, struct partnership_register *out,
			 struct kerr *err)
{
	memset(out, 0, sizeof *out);
	int status = auth_require(st, AUTH_RECORDS, err);
	if (status != K_OK)
		return status;
	struct strbuf sql = STRBUF_INIT;
	strbuf_puts(&sql, "SELECT s.id, s.name, s.purpose, s.since, s.status, s.ended, (SELECT "
			  "count(*) FROM partner p JOIN asset a ON a.id = p.asset_id WHERE "
			  "p.partnership_id = s.id AND p.deleted_at IS NULL");
	visible_assets(st, &sql);
	strbuf_puts(&sql, ") FROM partnership s WHERE s.deleted_at IS NULL AND (?1 = '' OR s.since "
			  "<= ?1) ORDER BY s.since, s.name COLLATE NOCASE, s.id");
	sqlite3_stmt *stmt = NULL;
	status = store_prepare(st, strbuf_str(&sql), &stmt, err);
	strbuf_free(&sql);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, to ? to : "", -1, SQLITE_STATIC);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		out->row = xgrow(out->row, (size_t)out->n, &cap, sizeof *out->row);
		read_row(stmt, &out->row[out->n++]);
	}
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	if (status != K_OK)
		partnership_register_free(out);
	return status;
}

void partnership_register_free(struct partnership_register *r)
{
	for (int i = 0; i < r->n; i++) {
		free(r->row[i].name);
		free(r->row[i].purpose);
		free(r->row[i].status);
	}
	free(r->row);
	memset(r, 0, sizeof *r);
}
