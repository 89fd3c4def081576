/* Subject access: everything kith holds about a person, as JSON and as text a person can
 * read, with the audit of who viewed and changed their record. Written private (0600),
 * whole or not at all, and itself audited. */
#include "person.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "file.h"
#include "jsonw.h"
#include "membership.h"
#include "page.h"
#include "record.h"
#include "store.h"
#include "strbuf.h"
#include "tag.h"
#include "xalloc.h"

struct writing {
	struct strbuf *json, *text;
	int n;
};

static bool one(void *ctx, const struct record *r)
{
	struct writing *w = ctx;
	const struct entity_def *def = r->def;
	strbuf_puts(w->json, w->n++ ? ",\n" : "\n");
	record_json(r, w->json);
	strbuf_printf(w->text, "  %s %s\n", r->created_at ? r->created_at : "", record_display(r));
	for (int f = 0; f < def->nfields; f++) {
		const char *v = def->fields[f].kind == FIELD_REF ? record_label(r, f)
								 : record_get(r, f);
		if (*v)
			strbuf_printf(w->text, "    %s: %s\n", def->fields[f].label, v);
	}
	return true;
}

/* Every live record of def about the person, as JSON and as text. */
static int section(struct store *st, const struct entity_def *def, const char *id,
		   struct strbuf *json, struct strbuf *text, struct kerr *err)
{
	struct page_query q;
	page_query_init(&q, def);
	int status = page_query_where(&q, "person_id", id, err);
	jsonw_key(json, def == &audit_entity ? "audit" : def->plural, 0);
	strbuf_putc(json, '[');
	strbuf_printf(text, "\n%s\n", def->subject_heading);
	struct writing w = {json, text, 0};
	if (status == K_OK)
		status = page_each(st, &q, one, &w, err);
	if (w.n == 0)
		strbuf_puts(text, "  none\n");
	strbuf_putc(json, ']');
	return status;
}

static int links(struct store *st, const char *id, struct strbuf *json, struct strbuf *text,
		 struct kerr *err)
{
	struct member_list groups;
	struct tag_list tags;
	int status = membership_groups(st, id, &groups, err);
	if (status != K_OK)
		return status;
	jsonw_key(json, "groups", 0);
	strbuf_putc(json, '[');
	strbuf_puts(text, "\nGroups\n");
	for (int i = 0; i < groups.n; i++) {
		strbuf_puts(json, i ? "," : "");
		jsonw_string(json, groups.item[i].name);
		strbuf_printf(text, "  %s (%s)\n", groups.item[i].name, groups.item[i].role);
	}
	strbuf_putc(json, ']');
	membership_list_free(&groups);
	status = tag_list_for(st, ENTITY_PERSON, id, &tags, err);
	if (status != K_OK)
		return status;
	jsonw_key(json, "gifts_skills_passions", 0);
	strbuf_putc(json, '[');
	strbuf_puts(text, "\nGifts, skills and passions\n");
	for (int i = 0; i < tags.n; i++) {
		strbuf_puts(json, i ? "," : "");
		jsonw_string(json, tags.item[i].name);
		strbuf_printf(text, "  %s (%s)\n", tags.item[i].name, tags.item[i].kind);
	}
	strbuf_putc(json, ']');
	tag_list_free(&tags);
	return K_OK;
}

/* Others' stories they are linked to: their own are a section of their records. */
static int stories_in(struct store *st, const char *id, struct strbuf *json, struct strbuf *text,
		      struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st,
				   "SELECT s.id, s.date, s.title FROM story_person l JOIN story s "
				   "ON s.id = l.story_id WHERE l.person_id = ?1 AND l.deleted_at "
				   "IS NULL AND s.deleted_at IS NULL ORDER BY s.date, s.id",
				   &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	jsonw_key(json, "in_stories", 0);
	strbuf_putc(json, '[');
	strbuf_puts(text, "\nIn others' stories\n");
	int rc, n = 0;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *v[3];
		for (int i = 0; i < 3; i++)
			v[i] = (const char *)sqlite3_column_text(stmt, i);
		strbuf_puts(json, n++ ? ",{" : "{");
		jsonw_key(json, "id", 1);
		jsonw_string(json, v[0]);
		jsonw_key(json, "date", 0);
		jsonw_string(json, v[1]);
		jsonw_key(json, "title", 0);
		jsonw_string(json, v[2]);
		strbuf_putc(json, '}');
		strbuf_printf(text, "  %s %s\n", v[1], v[2]);
	}
	strbuf_putc(json, ']');
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

static int consent_history(struct store *st, const char *id, struct strbuf *json,
			   struct strbuf *text, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st,
				   "SELECT status, basis, coalesce(date, ''), created_at FROM "
				   "consent_event WHERE person_id = ?1 AND deleted_at IS NULL "
				   "ORDER BY created_at",
				   &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	jsonw_key(json, "consent_history", 0);
	strbuf_putc(json, '[');
	strbuf_puts(text, "\nConsent, as it changed\n");
	int rc, n = 0;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *v[4];
		for (int i = 0; i < 4; i++)
			v[i] = (const char *)sqlite3_column_text(stmt, i);
		strbuf_printf(json,
			      "%s{\"status\":\"%s\",\"basis\":\"%s\",\"date\":\"%s\","
			      "\"recorded_at\":\"%s\"}",
			      n++ ? "," : "", v[0], v[1], v[2], v[3]);
		strbuf_printf(text, "  %s %s%s%s\n", v[2], v[0], *v[1] ? ", on the basis of " : "",
			      v[1]);
	}
	strbuf_putc(json, ']');
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

static int gather(struct store *st, const struct record *p, struct strbuf *json,
		  struct strbuf *text, struct kerr *err)
{
	strbuf_puts(json, "{\"person\":");
	record_json(p, json);
	strbuf_printf(text, "Everything kith holds about %s\n\nPerson\n", record_display(p));
	for (int f = 0; f < person_entity.nfields; f++)
		if (*record_get(p, f))
			strbuf_printf(text, "  %s: %s\n", person_entity.fields[f].label,
				      person_entity.fields[f].kind == FIELD_REF ? record_label(p, f)
										: record_get(p, f));
	int status = consent_history(st, p->id, json, text, err);
	if (status == K_OK)
		status = links(st, p->id, json, text, err);
	if (status == K_OK)
		status = stories_in(st, p->id, json, text, err);
	for (int k = 0; status == K_OK && k < ENTITY_COUNT; k++) {
		const struct entity_def *def = entity_get((enum entity_kind)k);
		if (def->subject_heading)
			status = section(st, def, p->id, json, text, err);
	}
	strbuf_puts(json, "}\n");
	return status;
}

int person_export(struct store *st, const char *id, const char *path, struct kerr *err)
{
	return person_export_out(st, id, path, false, err);
}

int person_export_out(struct store *st, const char *id, const char *path, bool force,
		      struct kerr *err)
{
	int status = auth_require(st, AUTH_SUBJECT_ACCESS, err);
	char *text_path = xasprintf("%s.txt", path);
	/* both files checked before the export is audited and either is written */
	if (status == K_OK)
		status = file_check_out(path, store_path(st), force, err);
	if (status == K_OK)
		status = file_check_out(text_path, store_path(st), force, err);
	struct record *p = NULL;
	if (status == K_OK)
		status = entity_load(st, &person_entity, id, &p, err);
	struct strbuf json = STRBUF_INIT, text = STRBUF_INIT;
	if (status == K_OK) /* the export itself is in the trail it writes out */
		status = audit_record(st, "export", "person", p->id, p->id, NULL, "subject access",
				      err);
	if (status == K_OK)
		status = gather(st, p, &json, &text, err);
	if (status == K_OK)
		status = file_write_private(path, strbuf_str(&json), json.len, err);
	if (status == K_OK)
		status = file_write_private(text_path, strbuf_str(&text), text.len, err);
	free(text_path);
	strbuf_free(&json);
	strbuf_free(&text);
	record_free(p);
	return status;
}
