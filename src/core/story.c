/* The story entity, the programme's intended outcomes stories are tagged with, and a story's
 * links to the people, assets and activities it is about (link.c's join rows). */
#include "story.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activity.h"
#include "entity_impl.h"
#include "link.h"
#include "person.h"
#include "record.h"
#include "store.h"
#include "strbuf.h"
#include "xalloc.h"

static const char *const voices[] = {"own_words", "worker_account", NULL};

/* clang-format off */
static const struct field_def fields[STORY_NFIELDS] = {
	[STORY_TITLE] = {"title", "Title", FIELD_TEXT, FIELD_REQUIRED | FIELD_LISTED | FIELD_PERSONAL,
			 200, 0, NULL, 0, NULL, 30, "a few words: what changed"},
	[STORY_DATE] = {"date", "Date", FIELD_DATE, FIELD_REQUIRED | FIELD_LISTED, 0, 0, NULL, 0,
			"today", 10, "when it was told"},
	[STORY_PERSON] = {"person_id", "Whose story", FIELD_REF, FIELD_LISTED, 0, 0, NULL,
			  ENTITY_PERSON, NULL, 18, "the person whose story it is"},
	[STORY_VOICE] = {"voice", "Told as", FIELD_CHOICE, FIELD_LISTED, 0, 0, voices, 0,
			 "own_words", 14, "own_words (theirs) or worker_account (yours)"},
	[STORY_BODY] = {"body", "Story", FIELD_NOTE, FIELD_PERSONAL, 20000, 0, NULL, 0, NULL, 30,
			"the story, in their words or yours"},
	[STORY_CONSENT] = {"consent_share", "May share", FIELD_BOOL, FIELD_LISTED, 0, 0, NULL, 0,
			   "no", 9, "they agreed that it may be shared in reports"},
	[STORY_MAY_NAME] = {"may_name", "May name", FIELD_BOOL, 0, 0, 0, NULL, 0, "no", 5,
			    "they agreed that a report may name them"},
	[STORY_WORKER] = {"worker_id", "Recorded by", FIELD_REF, FIELD_AUTO, 0, 0, NULL,
			  ENTITY_WORKER, NULL, 14, NULL},
};
/* clang-format on */

/* the seeds' intended outcomes, in their words, shortened */
/* clang-format off */
const struct story_outcome_def story_outcomes[] = {
	{"stronger_networks", "Stronger social networks and community connection", "Croydon"},
	{"wellbeing_confidence", "Better emotional wellbeing and confidence", "Croydon"},
	{"manage_own_health", "Better able to manage their own health, less reliance on the GP", "Croydon"},
	{"cohesive_communities", "Cohesive communities designing their own solutions", "Croydon"},
	{"referrals_to_activities", "More referrals to community activities and events", "Croydon"},
	{"vcs_access", "Wider access to voluntary and community services", "Croydon"},
	{"referred_between_assets", "More people referred between community assets", "Croydon"},
	{"preventative_services", "More groups delivering preventative services", "Croydon"},
	{"groups_in_partnership", "More groups working together in partnership", "Croydon"},
	{"assets_mobilised", "Community assets, people and place, mobilised", "CAN-DO"},
	{"barriers_removed", "Barriers to health services removed", "CAN-DO"},
	{"skilled_valued_connected", "People feel skilled, purposeful, valued and connected", "CAN-DO"},
	{"need_matched", "Need better matched to resources", "CAN-DO"},
	{"strong_assets", "Strong, informed community assets with a voice", "CAN-DO"},
	{"shared_learning", "Shared learning across sectors", "CAN-DO"},
	{"power_shared", "Power redistributed, decisions made locally", "CAN-DO"},
	{"resources_redistributed", "Resources redistributed", "CAN-DO"},
	{"community_knowledge", "Community knowledge valued as highly as any", "CAN-DO"},
	{"local_commissioning", "Place-based, collaborative commissioning", "CAN-DO"},
	{"evidence_base", "A stronger evidence base, better use of data", "CAN-DO"},
	{"lasting_relationships", "Structures for long-term relationships", "CAN-DO"},
};
/* clang-format on */
const int STORY_OUTCOMES = sizeof story_outcomes / sizeof *story_outcomes;

/* clang-format off */
const char *const story_outcome_codes[] = {
	"stronger_networks", "wellbeing_confidence", "manage_own_health", "cohesive_communities",
	"referrals_to_activities", "vcs_access", "referred_between_assets",
	"preventative_services", "groups_in_partnership", "assets_mobilised", "barriers_removed",
	"skilled_valued_connected", "need_matched", "strong_assets", "shared_learning",
	"power_shared", "resources_redistributed", "community_knowledge", "local_commissioning",
	"evidence_base", "lasting_relationships", NULL,
};
/* clang-format on */

const char *const story_link_kinds[] = {"person", "asset", "activity", NULL};

const char *story_outcome_label(const char *code)
{
	for (int i = 0; i < STORY_OUTCOMES; i++)
		if (strcmp(story_outcomes[i].code, code) == 0)
			return story_outcomes[i].label;
	return NULL;
}

static const struct sort_def sorts[] = {
	{"date", "newest first", {"t.date", "t.id", NULL}, true},
	{"recent", "recently changed first", {"t.updated_at", "t.id", NULL}, true},
};

static const struct filter_def filters[] = {
	{"shareable", "may be shared in reports", "t.consent_share = 1", NULL},
	{"outcome", "tagged with an outcome",
	 "t.id IN (SELECT story_id FROM story_outcome WHERE outcome = :value AND deleted_at IS "
	 "NULL)",
	 "SELECT DISTINCT o.outcome FROM story_outcome o JOIN story t ON t.id = o.story_id WHERE "
	 "o.deleted_at IS NULL AND t.deleted_at IS NULL%s ORDER BY 1"},
};

static int check(struct store *st, const struct record *old, struct record *rec, struct kerr *err)
{
	if (strcmp(record_get(rec, STORY_MAY_NAME), "1") == 0 &&
	    strcmp(record_get(rec, STORY_CONSENT), "1") != 0)
		return kerr_set(err, K_INVALID, "may_name",
				"may name: only a story they agreed to share can carry their "
				"name (set may share first)");
	if (!old)
		record_set(rec, STORY_WORKER, store_actor(st));
	return K_OK;
}

const struct entity_def story_entity = {
	.kind = ENTITY_STORY,
	.name = "story",
	.plural = "stories",
	.table = "story",
	.fields = fields,
	.nfields = STORY_NFIELDS,
	.sorts = sorts,
	.nsorts = sizeof sorts / sizeof *sorts,
	.filters = filters,
	.nfilters = sizeof filters / sizeof *filters,
	.display = "@.title",
	/* by its title, or by the name of whose story it is (a person hidden from the reader
	 * hides their stories through entity_visible whatever matched) */
	.search = "t.title LIKE :like ESCAPE '\\' OR t.person_id IN (SELECT p.id FROM person p "
		  "WHERE p.fts_rowid IN (SELECT rowid FROM person_fts WHERE person_fts MATCH :q))",
	.scope_field = -1,
	.check = check,
	.subject_heading = "Stories",
	.erasure = ERASURE_DELETE,
};

/* ---- links and outcomes ---- */

/* clang-format off */
static const struct link_def links[STORY_LINKS + 1] = {
	[STORY_LINK_PERSON] = {"story_person", "story_id", "person_id", {NULL, NULL},
			       "linked to that story"},
	[STORY_LINK_ASSET] = {"story_asset", "story_id", "asset_id", {NULL, NULL},
			      "linked to that story"},
	[STORY_LINK_ACTIVITY] = {"story_activity", "story_id", "activity_id", {NULL, NULL},
				 "linked to that story"},
	[STORY_LINKS] = {"story_outcome", "story_id", "outcome", {NULL, NULL},
			 "an outcome of that story"},
};
/* clang-format on */

/* The story text names, refused as not there when it is a restricted person's the reader
 * may not see. */
static int resolve_story(struct store *st, const char *text, char id[ID_LEN], struct kerr *err)
{
	struct record *rec = NULL;
	int status = entity_resolve(st, &story_entity, text, id, err);
	if (status == K_OK)
		status = entity_load(st, &story_entity, id, &rec, err);
	if (status == K_OK && entity_may_touch(st, rec, NULL) != K_OK)
		status = kerr_set(err, K_NOT_FOUND, "", "no story has the id %s", id);
	record_free(rec);
	return status;
}

static int resolve_target(struct store *st, enum story_link kind, const char *text, char id[ID_LEN],
			  struct kerr *err)
{
	if (kind == STORY_LINK_PERSON)
		return entity_resolve_person(st, text, id, err);
	return entity_resolve(st,
			      entity_get(kind == STORY_LINK_ASSET ? ENTITY_ASSET : ENTITY_ACTIVITY),
			      text, id, err);
}

static int link_or_unlink(struct store *st, enum story_link kind, const char *story,
			  const char *target, bool on, struct kerr *err)
{
	if (on)
		return link_add(st, &links[kind], story, target, NULL, err);
	return link_remove(st, &links[kind], story, target, err);
}

/* One write, one transaction: the story (one the reader may see) joined to, or parted from,
 * what text names, or for STORY_LINKS the outcome code text is. */
static int join(struct store *st, const char *story, enum story_link kind, const char *text,
		bool on, struct kerr *err)
{
	char sid[ID_LEN], target[ID_LEN];
	int status = entity_may_write(st, &story_entity, err);
	if (status == K_OK)
		status = store_begin(st, err);
	if (status != K_OK)
		return status;
	status = resolve_story(st, story, sid, err);
	if (status == K_OK && kind == STORY_LINKS)
		snprintf(target, sizeof target, "%s", text);
	else if (status == K_OK)
		status = resolve_target(st, kind, text, target, err);
	if (status == K_OK)
		status = link_or_unlink(st, kind, sid, target, on, err);
	return store_finish(st, status, err);
}

int story_link(struct store *st, const char *story, enum story_link kind, const char *text, bool on,
	       struct kerr *err)
{
	if ((unsigned)kind >= STORY_LINKS)
		return kerr_set(err, K_INVALID, "kind", "kind: a person, asset or activity");
	return join(st, story, kind, text, on, err);
}

int story_tag(struct store *st, const char *story, const char *outcome, bool on, struct kerr *err)
{
	if (!story_outcome_label(outcome))
		return kerr_set(err, K_INVALID, "outcome",
				"outcome: '%.40s' is none of the programme's intended outcomes "
				"(kith story outcomes lists them)",
				outcome);
	return join(st, story, STORY_LINKS, outcome, on, err);
}

/* The live links of one kind with the names of what they join, through what the reader
 * may see. */
static void links_sql(struct store *st, enum story_link kind, struct strbuf *sql)
{
	const struct entity_def *def = entity_get(kind == STORY_LINK_PERSON  ? ENTITY_PERSON
						  : kind == STORY_LINK_ASSET ? ENTITY_ASSET
									     : ENTITY_ACTIVITY);
	char *name = entity_sql_alias(def->display, "t");
	strbuf_printf(sql,
		      "SELECT t.id, %s FROM %s l JOIN %s t ON t.id = l.%s WHERE l.story_id = ?1 "
		      "AND l.deleted_at IS NULL AND t.deleted_at IS NULL",
		      name, links[kind].table, def->table, links[kind].b);
	entity_visible(st, def, "t", sql);
	strbuf_puts(sql, " ORDER BY 2 COLLATE NOCASE");
	free(name);
}

static void add_item(struct story_links *out, size_t *cap, enum story_link kind, const char *id,
		     const char *name, const char *code)
{
	out->item = xgrow(out->item, (size_t)out->n, cap, sizeof *out->item);
	struct story_linked *it = &out->item[out->n++];
	it->kind = kind;
	snprintf(it->id, sizeof it->id, "%s", id ? id : "");
	it->name = xstrdup(name ? name : "");
	it->code = code ? xstrdup(code) : NULL;
}

static int read_kind(struct store *st, const char *story, enum story_link kind,
		     struct story_links *out, size_t *cap, struct kerr *err)
{
	struct strbuf sql = STRBUF_INIT;
	if (kind == STORY_LINKS)
		strbuf_puts(&sql, "SELECT outcome FROM story_outcome WHERE story_id = ?1 AND "
				  "deleted_at IS NULL ORDER BY outcome");
	else
		links_sql(st, kind, &sql);
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st, strbuf_str(&sql), &stmt, err), rc = SQLITE_DONE;
	strbuf_free(&sql);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, story, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *a = (const char *)sqlite3_column_text(stmt, 0);
		if (kind == STORY_LINKS) {
			const char *label = story_outcome_label(a);
			add_item(out, cap, kind, NULL, label ? label : a, a);
		} else {
			add_item(out, cap, kind, a, (const char *)sqlite3_column_text(stmt, 1),
				 NULL);
		}
	}
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

int story_links_load(struct store *st, const char *story, struct story_links *out, struct kerr *err)
{
	memset(out, 0, sizeof *out);
	size_t cap = 0;
	char sid[ID_LEN];
	int status = entity_may_read(st, &story_entity, err);
	if (status == K_OK)
		status = resolve_story(st, story, sid, err);
	for (int k = 0; status == K_OK && k <= STORY_LINKS; k++)
		status = read_kind(st, sid, (enum story_link)k, out, &cap, err);
	if (status != K_OK)
		story_links_free(out); /* nothing for the caller to free on failure */
	return status;
}

void story_links_free(struct story_links *l)
{
	for (int i = 0; l && i < l->n; i++) {
		free(l->item[i].name);
		free(l->item[i].code);
	}
	if (l)
		free(l->item), memset(l, 0, sizeof *l);
}
