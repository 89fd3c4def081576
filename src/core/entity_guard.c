/* Who may reach which records through the entity engine: the role check for reading and
 * writing each entity, and restricted people, whose details only some workers see. Every
 * read and write of the engine passes here. */
#include "entity.h"
#include "entity_impl.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "person.h"
#include "record.h"
#include "store.h"
#include "strbuf.h"
#include "xalloc.h"

int entity_may_read(struct store *st, const struct entity_def *def, struct kerr *err)
{
	return auth_require(st, def->kind == ENTITY_AUDIT ? AUTH_AUDIT : AUTH_RECORDS, err);
}

int entity_may_write(struct store *st, const struct entity_def *def, struct kerr *err)
{
	if (def->read_only)
		return kerr_set(err, K_REFUSED, "", "the %s is written by kith alone", def->name);
	/* a worker cannot learn from a refusal that a tag only a restricted person carries
	 * exists: the list of tags itself is a coordinator's to keep */
	return auth_require(st,
			    def->kind == ENTITY_WORKER   ? AUTH_ACCOUNTS
			    : def->kind == ENTITY_TAG    ? AUTH_TAGS
			    : def->kind == ENTITY_TARGET ? AUTH_TARGETS
							 : (enum auth_right)def->writes,
			    err);
}

static bool restricted(struct store *st, const char *person_id)
{
	sqlite3_stmt *stmt = NULL;
	bool yes = false;
	if (store_cached(st, "SELECT restricted FROM person WHERE id = ?1", &stmt, NULL) == K_OK) {
		sqlite3_bind_text(stmt, 1, person_id, -1, SQLITE_TRANSIENT);
		yes = sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_int(stmt, 0) == 1;
		sqlite3_reset(stmt);
	}
	return yes;
}

static int refuse(struct store *st, const char *person, struct kerr *err)
{
	char *ask = auth_whom_to_ask(st, person);
	int status = kerr_set(err, K_REFUSED, "", "this person's record is restricted: ask %s",
			      ask);
	free(ask);
	return status;
}

int entity_may_touch_person(struct store *st, const char *person_id, struct kerr *err)
{
	if (entity_sees_all(st)) /* asked first: it needs no lookup */
		return K_OK;
	if (!restricted(st, person_id) || auth_sees_person(st, person_id))
		return K_OK;
	return refuse(st, person_id, err);
}

int entity_resolve_person(struct store *st, const char *text, char id[ID_LEN], struct kerr *err)
{
	int status = entity_resolve(st, &person_entity, text, id, err);
	if (status == K_OK && entity_may_touch_person(st, id, NULL) != K_OK)
		status = kerr_set(err, K_NOT_FOUND, "", "no person has the id %s", id);
	return status;
}

int entity_may_touch(struct store *st, const struct record *rec, struct kerr *err)
{
	const char *person = audit_person_of(rec);
	if (!person || entity_sees_all(st)) /* asked first: it needs no lookup */
		return K_OK;
	bool is_restricted = rec->def->kind == ENTITY_PERSON
				     ? strcmp(record_get(rec, PERSON_RESTRICTED), "1") == 0
				     : restricted(st, person);
	if (!is_restricted || auth_sees_person(st, person))
		return K_OK;
	return refuse(st, person, err);
}

bool entity_sees_all(struct store *st)
{
	enum role role = (enum role)store_role(st);
	return role >= ROLE_COORDINATOR || (role == ROLE_NONE && auth_allows(st, AUTH_RECORDS));
}

/* The field of def that names the person a row is about, or -1. */
static int about_field(const struct entity_def *def)
{
	int f = entity_field(def, "person_id");
	return f >= 0 && def->fields[f].kind == FIELD_REF && def->fields[f].ref == ENTITY_PERSON
		       ? f
		       : -1;
}

void entity_visible(struct store *st, const struct entity_def *def, const char *alias,
		    struct strbuf *sql)
{
	if (entity_sees_all(st))
		return;
	/* kith_sees (auth.c) runs only for the rare restricted row: OR stops at the first */
	if (def->kind == ENTITY_PERSON) {
		strbuf_printf(sql, " AND (%s.restricted = 0 OR kith_sees(%s.id))", alias, alias);
		return;
	}
	if (def->kind == ENTITY_TAG) { /* a gift only they carry says something of them alone */
		strbuf_printf(sql,
			      " AND NOT (EXISTS (SELECT 1 FROM person_tag k JOIN person r ON "
			      "r.id = k.person_id WHERE k.tag_id = %s.id AND k.deleted_at IS NULL "
			      "AND r.deleted_at IS NULL AND r.restricted = 1 AND NOT "
			      "kith_sees(r.id)) AND NOT EXISTS (SELECT 1 FROM person_tag k JOIN "
			      "person r ON r.id = k.person_id WHERE k.tag_id = %s.id AND "
			      "k.deleted_at IS NULL AND r.deleted_at IS NULL AND (r.restricted = 0 "
			      "OR kith_sees(r.id))) AND NOT EXISTS (SELECT 1 FROM asset_tag k "
			      "WHERE k.tag_id = %s.id AND k.deleted_at IS NULL))",
			      alias, alias, alias);
		return;
	}
	int f = about_field(def);
	if (f < 0)
		return;
	const char *col = def->fields[f].name;
	strbuf_printf(sql,
		      " AND (coalesce((SELECT r.restricted FROM person r INDEXED BY person_key "
		      "WHERE r.id = %s.%s), 0) = 0 OR kith_sees(%s.%s))",
		      alias, col, alias, col);
}

bool entity_masked(const struct record *rec)
{
	return rec->def->kind == ENTITY_PERSON && rec->display &&
	       strcmp(rec->display, PERSON_RESTRICTED_NAME) == 0 &&
	       strcmp(record_get(rec, PERSON_RESTRICTED), "1") == 0 &&
	       !*record_get(rec, PERSON_GIVEN_NAME);
}

/* When the record was made and changed, and by whom, go too: they say when someone was
 * met and who recorded them. */
static void mask_stamps(struct record *rec)
{
	free(rec->created_at), free(rec->updated_at), free(rec->updated_by);
	rec->created_at = rec->updated_at = rec->updated_by = NULL;
}

/* Free text about a restricted person goes; what connects records (references, dates,
 * choices) stays, so that a referral still counts in the network. */
static void mask_about(struct record *rec)
{
	mask_stamps(rec);
	for (int i = 0; i < rec->def->nfields; i++) {
		enum field_kind k = rec->def->fields[i].kind;
		if (k != FIELD_REF && k != FIELD_DATE && k != FIELD_CHOICE && k != FIELD_BOOL)
			record_set(rec, i, NULL);
	}
	if (rec->def->kind == ENTITY_STORY) { /* its name is its title: their words too */
		free(rec->display);
		rec->display = xstrdup(PERSON_RESTRICTED_NAME);
	}
}

void entity_mask(struct store *st, struct record *rec)
{
	if (store_role(st) >= ROLE_COORDINATOR)
		return;
	if (rec->def->kind != ENTITY_PERSON) {
		const char *person = audit_person_of(rec);
		if (person && restricted(st, person) && !auth_sees_person(st, person))
			mask_about(rec);
		return;
	}
	if (strcmp(record_get(rec, PERSON_RESTRICTED), "1") != 0 || auth_sees_person(st, rec->id))
		return;
	for (int i = 0; i < rec->def->nfields; i++)
		if (i != PERSON_RESTRICTED)
			record_set(rec, i, NULL);
	mask_stamps(rec);
	free(rec->display);
	rec->display = xstrdup(PERSON_RESTRICTED_NAME);
}

int entity_view(struct store *st, const struct entity_def *def, const char *id, struct record **out,
		struct kerr *err)
{
	int status = entity_load(st, def, id, out, err);
	if (status != K_OK || !audit_person_of(*out))
		return status;
	status = audit_record(st, "view", def->name, (*out)->id, audit_person_of(*out), NULL,
			      entity_masked(*out) ? "restricted: details not shown" : NULL, err);
	if (status != K_OK) {
		record_free(*out);
		*out = NULL;
	}
	return status;
}
