/* The join rows as kinds of their own: the description of each, and its export, read from
 * the link table with both sides' names, through what the reader may see. */
#include "link_kinds.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activity.h"
#include "csv.h"
#include "date.h"
#include "entity_impl.h"
#include "jsonw.h"
#include "membership.h"
#include "partnership.h"
#include "readiness.h"
#include "record.h"
#include "store.h"
#include "story.h"
#include "strbuf.h"
#include "tag.h"

static int join_member(struct store *st, const char *a, const char *b,
		       const char *const extra[LINK_EXTRA], struct kerr *err)
{
	return membership_join(st, a, b, *extra[0] ? extra[0] : NULL, *extra[1] ? extra[1] : NULL,
			       err);
}

/* The further values of a membership: a role (member unless given) and the day they joined
 * (today unless given), as membership_join takes them. */
static int values_member(const char *const given[LINK_EXTRA], char out[LINK_EXTRA][LINK_VALUE],
			 struct kerr *err)
{
	snprintf(out[0], LINK_VALUE, "%s", *given[0] ? given[0] : "member");
	int status = membership_role_check(out[0], err);
	if (status == K_OK)
		status = date_parse(*given[1] ? given[1] : "today", out[1], "since", err);
	return status;
}

static int join_attendance(struct store *st, const char *a, const char *b,
			   const char *const extra[LINK_EXTRA], struct kerr *err)
{
	return activity_attend(st, a, b, extra[0], err);
}

static int values_attendance(const char *const given[LINK_EXTRA], char out[LINK_EXTRA][LINK_VALUE],
			     struct kerr *err)
{
	snprintf(out[0], LINK_VALUE, "%s", *given[0] ? given[0] : "attendee");
	out[1][0] = '\0';
	return activity_role_check(out[0], err);
}

/* A tag is joined by its kind and name, which find the tag that is here. */
static int join_tag(struct store *st, enum entity_kind owner, const char *id, const char *tag,
		    struct kerr *err)
{
	struct record *t = NULL;
	int status = entity_load(st, entity_get(ENTITY_TAG), tag, &t, err);
	if (status == K_OK)
		status = tag_attach(st, owner, id, record_get(t, TAG_KIND), record_get(t, TAG_NAME),
				    err);
	record_free(t);
	return status;
}

static int join_gift(struct store *st, const char *a, const char *b,
		     const char *const extra[LINK_EXTRA], struct kerr *err)
{
	(void)extra;
	return join_tag(st, ENTITY_PERSON, a, b, err);
}

static int join_asset_tag(struct store *st, const char *a, const char *b,
			  const char *const extra[LINK_EXTRA], struct kerr *err)
{
	(void)extra;
	return join_tag(st, ENTITY_ASSET, a, b, err);
}

/* A tag joined by its id: the import has found it (and so it is valid as it is). */
static int values_none(const char *const given[LINK_EXTRA], char out[LINK_EXTRA][LINK_VALUE],
		       struct kerr *err)
{
	(void)given, (void)err;
	out[0][0] = out[1][0] = '\0';
	return K_OK;
}

static int join_story_person(struct store *st, const char *a, const char *b,
			     const char *const extra[LINK_EXTRA], struct kerr *err)
{
	(void)extra;
	return story_link(st, a, STORY_LINK_PERSON, b, true, err);
}

static int join_story_asset(struct store *st, const char *a, const char *b,
			    const char *const extra[LINK_EXTRA], struct kerr *err)
{
	(void)extra;
	return story_link(st, a, STORY_LINK_ASSET, b, true, err);
}

static int join_story_activity(struct store *st, const char *a, const char *b,
			       const char *const extra[LINK_EXTRA], struct kerr *err)
{
	(void)extra;
	return story_link(st, a, STORY_LINK_ACTIVITY, b, true, err);
}

static int join_story_outcome(struct store *st, const char *a, const char *b,
			      const char *const extra[LINK_EXTRA], struct kerr *err)
{
	(void)extra;
	return story_tag(st, a, b, true, err);
}

static int join_partner(struct store *st, const char *a, const char *b,
			const char *const extra[LINK_EXTRA], struct kerr *err)
{
	(void)extra;
	return partnership_join(st, a, b, err);
}

/* An assessment's answer: the question is b, its number; rating and evidence the further
 * columns, an empty rating one not rated yet. */
static int join_readiness_answer(struct store *st, const char *a, const char *b,
				 const char *const extra[LINK_EXTRA], struct kerr *err)
{
	char *end = NULL;
	long question = strtol(b, &end, 10);
	if (!*b || *end)
		return kerr_set(err, K_INVALID, "question", "question: '%.20s' is not 1 to %d", b,
				READINESS_QUESTIONS);
	int rating = 0;
	if (extra[0] && *extra[0] && readiness_rating_parse(extra[0], &rating, err) != K_OK)
		return K_INVALID;
	/* answered already: left as it is, as a record whose id is here already */
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(
		st,
		"SELECT EXISTS (SELECT 1 FROM readiness_answer WHERE readiness_id = ?1 "
		"AND question = ?2 AND deleted_at IS NULL)",
		&stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, a, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(stmt, 2, (int)question);
	int rc = sqlite3_step(stmt);
	bool here = rc == SQLITE_ROW && sqlite3_column_int(stmt, 0);
	status = rc == SQLITE_ROW ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	if (status != K_OK)
		return status;
	if (here)
		return kerr_set(err, K_DUPLICATE, "question", "question %ld is answered already",
				question);
	return readiness_rate(st, a, (int)question, rating, extra[1] ? extra[1] : "", err);
}

/* clang-format off */
const struct link_kind link_kinds[LINK_KINDS] = {
	{"memberships", "membership", "asset_id", "person_id", ENTITY_GROUP, ENTITY_PERSON,
	 {"role", "since"}, join_member, values_member, 0},
	{"attendance", "attendance", "activity_id", "person_id", ENTITY_ACTIVITY, ENTITY_PERSON,
	 {"role", NULL}, join_attendance, values_attendance, 0},
	{"gifts", "person_tag", "person_id", "tag_id", ENTITY_PERSON, ENTITY_TAG,
	 {NULL, NULL}, join_gift, values_none, -1},
	{"asset-tags", "asset_tag", "asset_id", "tag_id", ENTITY_ASSET, ENTITY_TAG,
	 {NULL, NULL}, join_asset_tag, values_none, -1},
	{"story-people", "story_person", "story_id", "person_id", ENTITY_STORY, ENTITY_PERSON,
	 {NULL, NULL}, join_story_person, NULL, -1},
	{"story-assets", "story_asset", "story_id", "asset_id", ENTITY_STORY, ENTITY_ASSET,
	 {NULL, NULL}, join_story_asset, NULL, -1},
	{"story-activities", "story_activity", "story_id", "activity_id", ENTITY_STORY,
	 ENTITY_ACTIVITY, {NULL, NULL}, join_story_activity, NULL, -1},
	{"story-outcomes", "story_outcome", "story_id", "outcome", ENTITY_STORY, ENTITY_COUNT,
	 {NULL, NULL}, join_story_outcome, NULL, -1},
	{"partners", "partner", "partnership_id", "asset_id", ENTITY_PARTNERSHIP, ENTITY_ASSET,
	 {NULL, NULL}, join_partner, NULL, -1},
	{"readiness-answers", "readiness_answer", "readiness_id", "question", ENTITY_READINESS,
	 ENTITY_COUNT, {"rating", "evidence"}, join_readiness_answer, NULL, -1},
};
/* clang-format on */

const struct link_kind *link_kinds_find(const char *name)
{
	for (int k = 0; k < LINK_KINDS; k++)
		if (strcmp(link_kinds[k].name, name) == 0)
			return &link_kinds[k];
	return NULL;
}

/* "asset_id" -> "asset_name": the column beside an id, as the entity export names it. */
static void name_column(const char *id, char *out, size_t n)
{
	size_t len = strlen(id);
	snprintf(out, n, "%.*s_name", (int)(len > 3 ? len - 3 : len), id);
}

/* The columns, and how many: a code (b_of ENTITY_COUNT) has no name beside it. */
static int columns(const struct link_kind *k, const char *col[2 + 2 + LINK_EXTRA],
		   char names[2][64])
{
	name_column(k->a, names[0], sizeof names[0]);
	name_column(k->b, names[1], sizeof names[1]);
	bool code = k->b_of == ENTITY_COUNT;
	const char *all[] = {k->a,
			     names[0],
			     k->b,
			     code ? k->extra[0] : names[1],
			     code ? k->extra[1] : k->extra[0],
			     code ? NULL : k->extra[1]};
	memcpy(col, all, sizeof all);
	int n = code ? 3 : 4;
	while (n < 2 + 2 + LINK_EXTRA && col[n])
		n++;
	return n;
}

static char *select_sql(struct store *st, const struct link_kind *k)
{
	const struct entity_def *a = entity_get(k->a_of), *b = entity_get(k->b_of);
	char *an = entity_sql_alias(a->display, "t");
	char *bn = b ? entity_sql_alias(b->display, "y") : NULL;
	struct strbuf sql = STRBUF_INIT;
	strbuf_printf(&sql, "SELECT l.%s, %s, l.%s", k->a, an, k->b);
	if (bn)
		strbuf_printf(&sql, ", %s", bn);
	for (int i = 0; i < LINK_EXTRA; i++)
		if (k->extra[i])
			strbuf_printf(&sql, ", l.%s", k->extra[i]);
	strbuf_printf(&sql, " FROM %s l JOIN %s t ON t.id = l.%s", k->table, a->table, k->a);
	if (b)
		strbuf_printf(&sql, " JOIN %s y ON y.id = l.%s", b->table, k->b);
	strbuf_printf(&sql, " WHERE l.deleted_at IS NULL AND t.deleted_at IS NULL%s",
		      b ? " AND y.deleted_at IS NULL" : "");
	if (a->scope) /* over alias t, as every scope is */
		strbuf_printf(&sql, " AND %s", a->scope);
	entity_visible(st, a, "t", &sql); /* nothing about someone the reader may not see */
	if (b)
		entity_visible(st, b, "y", &sql);
	strbuf_printf(&sql, " ORDER BY l.%s, l.%s", k->a, k->b);
	free(an), free(bn);
	return strbuf_take(&sql);
}

static void put_row(sqlite3_stmt *stmt, const char *const *col, int ncol, bool json, long row,
		    struct strbuf *out)
{
	if (json)
		strbuf_puts(out, row ? ",\n{" : "\n{");
	for (int c = 0; c < ncol; c++) {
		const char *v = (const char *)sqlite3_column_text(stmt, c);
		if (json) {
			jsonw_key(out, col[c], c == 0);
			jsonw_string(out, v);
		} else {
			csv_cell(out, v ? v : "", c == 0);
		}
	}
	strbuf_puts(out, json ? "}" : "\r\n");
}

int link_kinds_export(struct store *st, const struct link_kind *kind, bool json, struct strbuf *out,
		      long *rows, struct kerr *err)
{
	const char *col[2 + 2 + LINK_EXTRA];
	char names[2][64];
	int ncol = columns(kind, col, names);
	*rows = 0;
	for (int c = 0; !json && c < ncol; c++)
		csv_cell(out, col[c], c == 0);
	strbuf_puts(out, json ? "[" : "\r\n");
	char *sql = select_sql(st, kind);
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st, sql, &stmt, err), rc;
	free(sql);
	while (status == K_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW)
		put_row(stmt, col, ncol, json, (*rows)++, out);
	if (status == K_OK && rc != SQLITE_DONE)
		status = store_error(st, rc, err);
	sqlite3_finalize(stmt);
	if (json)
		strbuf_puts(out, "\n]\n");
	return status;
}
