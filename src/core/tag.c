/* The tag entity and the links from people and assets to tags. */
#include "auth.h"
#include "tag.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "entity_impl.h"
#include "link.h"
#include "person.h"
#include "record.h"
#include "store.h"
#include "strbuf.h"
#include "xalloc.h"

/* clang-format off */
const char *const tag_kinds[] = {"gift_head", "gift_hands", "gift_heart", "skill", "passion",
				 "interest", "topic", NULL};
/* clang-format on */

static const struct field_def fields[TAG_NFIELDS] = {
	[TAG_NAME] = {"name", "Name", FIELD_TEXT, FIELD_REQUIRED | FIELD_LISTED, 80, 0, NULL, 0,
		      NULL, 24, NULL},
	[TAG_KIND] = {"kind", "Kind", FIELD_CHOICE, FIELD_REQUIRED | FIELD_LISTED, 0, 0, tag_kinds,
		      0, NULL, 10,
		      "gift_head, gift_hands, gift_heart, skill, passion, interest or topic"},
};

static const struct sort_def sorts[] = {
	{"name", "by name", {"t.name", "t.id", NULL}, false},
};

static int find(struct store *st, const char *kind, const char *name, const char *except,
		char out[ID_LEN], struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(st,
				  "SELECT id FROM tag WHERE kind = ?1 AND name = ?2 "
				  "AND deleted_at IS NULL AND id <> ?3",
				  &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 3, except ? except : "", -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		snprintf(out, ID_LEN, "%s", (const char *)sqlite3_column_text(stmt, 0));
	status = rc == SQLITE_ROW    ? K_OK
		 : rc == SQLITE_DONE ? K_NOT_FOUND
				     : store_error(st, rc, err);
	sqlite3_reset(stmt);
	return status;
}

static int check(struct store *st, const struct record *old, struct record *rec, struct kerr *err)
{
	(void)old;
	char id[ID_LEN];
	int status = find(st, record_get(rec, TAG_KIND), record_get(rec, TAG_NAME), rec->id, id,
			  err);
	if (status == K_OK)
		return kerr_set(err, K_DUPLICATE, "name", "name: there is already a %s tag '%s'",
				record_get(rec, TAG_KIND), record_get(rec, TAG_NAME));
	return status == K_NOT_FOUND ? K_OK : status;
}

const struct entity_def tag_entity = {
	.kind = ENTITY_TAG,
	.name = "tag",
	.plural = "tags",
	.table = "tag",
	.fields = fields,
	.nfields = TAG_NFIELDS,
	.sorts = sorts,
	.nsorts = sizeof sorts / sizeof *sorts,
	.display = "@.name",
	.search = "t.name LIKE :like ESCAPE '\\'",
	.scope_field = -1,
	.check = check,
};

/* The id a tag of this kind and name gets on every laptop (the same tag added on two is one
 * row when they sync), or a random one when that id is taken (a tag renamed since). */
static int named_id(struct store *st, struct record *rec, struct kerr *err)
{
	char *name = xasprintf("%s:%s", record_get(rec, TAG_KIND), record_get(rec, TAG_NAME));
	for (char *p = name; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p); /* as NOCASE folds */
	id_named(name, rec->id);
	free(name);
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(st, "SELECT 1 FROM tag WHERE id = ?1", &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, rec->id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		rec->id[0] = '\0';
	status = rc == SQLITE_ROW || rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	return status;
}

int tag_ensure(struct store *st, const char *kind, const char *name, char out[ID_LEN],
	       struct kerr *err)
{
	struct record *rec = record_new(&tag_entity);
	record_set(rec, TAG_KIND, kind);
	record_set(rec, TAG_NAME, name);
	int status = store_begin(st, err);
	if (status != K_OK) {
		record_free(rec);
		return status;
	}
	status = entity_validate(st, rec, NULL, err);
	if (status == K_OK) {
		status = find(st, record_get(rec, TAG_KIND), record_get(rec, TAG_NAME), NULL, out,
			      err);
		if (status == K_NOT_FOUND) { /* attaching makes it: no curator's right needed */
			status = named_id(st, rec, err);
			if (status == K_OK)
				status = entity_insert_checked(st, rec, err);
			if (status == K_OK)
				status = audit_change(st, "create", NULL, rec, err);
			snprintf(out, ID_LEN, "%s", rec->id);
		}
	}
	record_free(rec);
	return store_finish(st, status, err);
}

/* clang-format off */
static const struct link_def person_tag = {"person_tag", "person_id", "tag_id", {NULL, NULL},
					   "tagged so"};
/* clang-format on */
/* clang-format off */
static const struct link_def asset_tag = {"asset_tag", "asset_id", "tag_id", {NULL, NULL},
					  "tagged so"};
/* clang-format on */

static const struct link_def *owner_link(enum entity_kind owner)
{
	return owner == ENTITY_PERSON ? &person_tag : &asset_tag;
}

int tag_attach(struct store *st, enum entity_kind owner, const char *owner_id, const char *kind,
	       const char *name, struct kerr *err)
{
	char oid[ID_LEN], tid[ID_LEN];
	int status = store_begin(st, err);
	if (status != K_OK)
		return status;
	status = entity_resolve(st, entity_get(owner), owner_id, oid, err);
	if (status == K_OK)
		status = tag_ensure(st, kind, name, tid, err);
	if (status == K_OK)
		status = link_add(st, owner_link(owner), oid, tid, NULL, err);
	return store_finish(st, status, err);
}

/* The first of the owner's live tags that text names (its id, or its name with case
 * ignored), with its kind; K_NOT_FOUND naming the field when none. */
static int owned(struct store *st, const struct link_def *l, const char *oid, const char *text,
		 char id[ID_LEN], char kind[32], struct kerr *err)
{
	char *sql = xasprintf("SELECT t.id, t.kind FROM %s k JOIN tag t ON t.id = k.tag_id "
			      "WHERE k.%s = ?1 AND k.deleted_at IS NULL AND t.deleted_at IS NULL "
			      "AND (t.id = ?2 OR t.name = ?2) ORDER BY t.kind, t.id LIMIT 1",
			      l->table, l->a);
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st, sql, &stmt, err);
	free(sql);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, oid, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, text, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		snprintf(id, ID_LEN, "%s", (const char *)sqlite3_column_text(stmt, 0));
		snprintf(kind, 32, "%s", (const char *)sqlite3_column_text(stmt, 1));
	}
	status = rc == SQLITE_ROW    ? K_OK
		 : rc == SQLITE_DONE ? kerr_set(err, K_NOT_FOUND, "tag",
						"tag: '%s' is not one of their gifts, skills or "
						"passions",
						text)
				     : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

int tag_detach(struct store *st, enum entity_kind owner, const char *owner_id, const char *tag,
	       struct kerr *err)
{
	char oid[ID_LEN], tid[ID_LEN], kind[32];
	int status = store_begin(st, err);
	if (status != K_OK)
		return status;
	status = entity_resolve(st, entity_get(owner), owner_id, oid, err);
	if (status == K_OK)
		status = owned(st, owner_link(owner), oid, tag, tid, kind, err);
	/* a name carried under two kinds (a skill and a passion): both go */
	while (status == K_OK) {
		status = link_remove(st, owner_link(owner), oid, tid, err);
		if (status == K_OK &&
		    owned(st, owner_link(owner), oid, tag, tid, kind, NULL) != K_OK)
			break;
	}
	return store_finish(st, status, err);
}

int tag_correct(struct store *st, enum entity_kind owner, const char *owner_id, const char *tag,
		const char *kind, const char *name, struct kerr *err)
{
	char oid[ID_LEN], tid[ID_LEN], was[32];
	int status = store_begin(st, err);
	if (status != K_OK)
		return status;
	status = entity_resolve(st, entity_get(owner), owner_id, oid, err);
	if (status == K_OK)
		status = owned(st, owner_link(owner), oid, tag, tid, was, err);
	if (status == K_OK)
		status = link_remove(st, owner_link(owner), oid, tid, err);
	if (status == K_OK)
		status = tag_attach(st, owner, oid, kind && *kind ? kind : was, name, err);
	return store_finish(st, status, err);
}

static int read_tags(struct store *st, sqlite3_stmt *stmt, struct tag_list *out, struct kerr *err)
{
	int rc;
	size_t cap = 0;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		out->item = xgrow(out->item, (size_t)out->n, &cap, sizeof *out->item);
		struct tag_item *t = &out->item[out->n++];
		snprintf(t->id, sizeof t->id, "%s", (const char *)sqlite3_column_text(stmt, 0));
		t->name = xstrdup((const char *)sqlite3_column_text(stmt, 1));
		t->kind = xstrdup((const char *)sqlite3_column_text(stmt, 2));
		t->uses = sqlite3_column_count(stmt) > 3 ? sqlite3_column_int(stmt, 3) : 0;
	}
	int status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	if (status != K_OK)
		tag_list_free(out);
	return status;
}

int tag_list_for(struct store *st, enum entity_kind owner, const char *owner_id,
		 struct tag_list *out, struct kerr *err)
{
	memset(out, 0, sizeof *out);
	int status = auth_require(st, AUTH_RECORDS, err);
	if (status == K_OK && owner == ENTITY_PERSON)
		status = entity_may_touch_person(st, owner_id, err);
	if (status != K_OK)
		return status;
	const struct link_def *l = owner_link(owner);
	char *sql = xasprintf("SELECT t.id, t.name, t.kind FROM %s k JOIN tag t ON t.id = k.tag_id "
			      "WHERE k.%s = ?1 AND k.deleted_at IS NULL AND t.deleted_at IS NULL "
			      "ORDER BY t.kind, t.name",
			      l->table, l->a);
	sqlite3_stmt *stmt = NULL;
	status = store_prepare(st, sql, &stmt, err);
	free(sql);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, owner_id, -1, SQLITE_STATIC);
	return read_tags(st, stmt, out, err);
}

int tag_list_all(struct store *st, struct tag_list *out, struct kerr *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *stmt = NULL;
	int status = auth_require(st, AUTH_RECORDS, err);
	if (status != K_OK)
		return status;
	/* each tag with how many carry it; a reader who may not see a restricted person neither
	 * counts them nor sees a tag that only they carry */
	struct strbuf people = STRBUF_INIT, sql = STRBUF_INIT;
	entity_visible(st, &person_entity, "p", &people);
	strbuf_printf(&sql,
		      "SELECT id, name, kind, uses FROM (SELECT t.id, t.name, t.kind, "
		      "(SELECT count(*) FROM person_tag k JOIN person p ON p.id = k.person_id "
		      "WHERE k.tag_id = t.id AND k.deleted_at IS NULL AND p.deleted_at IS NULL%s) "
		      "+ (SELECT count(*) FROM asset_tag k WHERE k.tag_id = t.id AND "
		      "k.deleted_at IS NULL) AS uses, (SELECT count(*) FROM person_tag k "
		      "WHERE k.tag_id = t.id AND k.deleted_at IS NULL) AS carried "
		      "FROM tag t WHERE t.deleted_at IS NULL) WHERE uses > 0 OR carried = 0 "
		      "OR %d ORDER BY name COLLATE NOCASE, kind",
		      strbuf_str(&people), people.len == 0);
	status = store_prepare(st, strbuf_str(&sql), &stmt, err);
	strbuf_free(&people);
	strbuf_free(&sql);
	if (status != K_OK)
		return status;
	return read_tags(st, stmt, out, err);
}

void tag_list_free(struct tag_list *list)
{
	for (int i = 0; i < list->n; i++) {
		free(list->item[i].name);
		free(list->item[i].kind);
	}
	free(list->item);
	memset(list, 0, sizeof *list);
}
