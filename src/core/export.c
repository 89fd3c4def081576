/* Exporting records: page through every live record, newest pages never mixing with older
 * ones since the keyset moves on from the last row read; and the names of what is exported. */
#include "export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "csv.h"
#include "entity.h"
#include "link_kinds.h"
#include "page.h"
#include "record.h"
#include "strbuf.h"

/* clang-format off */
const char *const export_kinds[] = {
	[EXPORT_PEOPLE] = "people",       [EXPORT_ASSETS] = "assets",
	[EXPORT_GROUPS] = "groups",       [EXPORT_REFERRALS] = "referrals",
	[EXPORT_CONVERSATIONS] = "conversations", [EXPORT_ACTIVITIES] = "activities",
	[EXPORT_WELLBEING] = "wellbeing",  [EXPORT_TAGS] = "tags",
	[EXPORT_MEMBERSHIPS] = "memberships", [EXPORT_ATTENDANCE] = "attendance",
	[EXPORT_GIFTS] = "gifts",          [EXPORT_ASSET_TAGS] = "asset-tags",
	[EXPORT_STORIES] = "stories",      [EXPORT_STORY_PEOPLE] = "story-people",
	[EXPORT_STORY_ASSETS] = "story-assets", [EXPORT_STORY_ACTIVITIES] = "story-activities",
	[EXPORT_STORY_OUTCOMES] = "story-outcomes",
	[EXPORT_PARTNERSHIPS] = "partnerships", [EXPORT_FUNDING] = "funding",
	[EXPORT_READINESS] = "readiness",  [EXPORT_PARTNERS] = "partners",
	[EXPORT_READINESS_ANSWERS] = "readiness-answers", NULL,
};
/* clang-format on */

const char *const export_formats[] = {[EXPORT_CSV] = "csv", [EXPORT_JSON] = "json", NULL};

int export_parse(const char *const *names, const char *word)
{
	for (int i = 0; names[i]; i++)
		if (strcmp(names[i], word) == 0)
			return i;
	return -1;
}

const struct entity_def *export_kind_entity(enum export_kind kind)
{
	if (kind >= EXPORT_MEMBERSHIPS)
		return NULL;
	static const enum entity_kind entity[] = {
		[EXPORT_PEOPLE] = ENTITY_PERSON,
		[EXPORT_ASSETS] = ENTITY_ASSET,
		[EXPORT_GROUPS] = ENTITY_GROUP,
		[EXPORT_REFERRALS] = ENTITY_REFERRAL,
		[EXPORT_CONVERSATIONS] = ENTITY_CONVERSATION,
		[EXPORT_ACTIVITIES] = ENTITY_ACTIVITY,
		[EXPORT_WELLBEING] = ENTITY_WELLBEING,
		[EXPORT_STORIES] = ENTITY_STORY,
		[EXPORT_TAGS] = ENTITY_TAG,
		[EXPORT_PARTNERSHIPS] = ENTITY_PARTNERSHIP,
		[EXPORT_FUNDING] = ENTITY_FUNDING,
		[EXPORT_READINESS] = ENTITY_READINESS,
	};
	return entity_get(entity[kind]);
}

/* The header: id, every field, and beside each reference the name it points at. */
static void header(const struct entity_def *def, struct strbuf *out)
{
	csv_cell(out, "id", true);
	for (int i = 0; i < def->nfields; i++) {
		char key[64];
		entity_field_key(&def->fields[i], key, sizeof key);
		csv_cell(out, key, false);
		if (def->fields[i].kind == FIELD_REF) {
			char name[80];
			size_t n = strlen(def->fields[i].name);
			snprintf(name, sizeof name, "%.*s_name",
				 (int)(n > 3 && strcmp(def->fields[i].name + n - 3, "_id") == 0
					       ? n - 3
					       : n),
				 def->fields[i].name);
			csv_cell(out, name, false);
		}
	}
	csv_cell(out, "created_at", false);
	strbuf_puts(out, "\r\n");
}

static void row(const struct record *r, struct strbuf *out)
{
	csv_cell(out, r->id, true);
	for (int i = 0; i < r->def->nfields; i++) {
		csv_cell(out, record_get(r, i), false);
		if (r->def->fields[i].kind == FIELD_REF)
			csv_cell(out, record_label(r, i), false);
	}
	csv_cell(out, r->created_at, false);
	strbuf_puts(out, "\r\n");
}

struct exporting {
	enum export_format format;
	struct strbuf *out;
	long *rows;
};

static bool one(void *ctx, const struct record *r)
{
	struct exporting *x = ctx;
	if (x->format == EXPORT_CSV) {
		row(r, x->out);
	} else {
		strbuf_puts(x->out, *x->rows ? ",\n" : "\n");
		record_json(r, x->out);
	}
	(*x->rows)++;
	return true;
}

int export_entity(struct store *st, const struct entity_def *def, enum export_format format,
		  struct strbuf *out, long *rows, struct kerr *err)
{
	*rows = 0;
	int status = auth_require(st, AUTH_EXPORT, err);
	if (status != K_OK)
		return status;
	struct page_query q;
	page_query_init(&q, def);
	q.limit = 500;
	if (format == EXPORT_CSV)
		header(def, out);
	else
		strbuf_putc(out, '[');
	struct exporting x = {format, out, rows};
	status = page_each(st, &q, one, &x, err);
	if (format == EXPORT_JSON)
		strbuf_puts(out, "\n]\n");
	char detail[80];
	snprintf(detail, sizeof detail, "%s, %ld rows", export_formats[format], *rows);
	if (status == K_OK)
		status = audit_record(st, "export", def->name, NULL, NULL, NULL, detail, err);
	return status;
}

const char *export_kind_noun(enum export_kind kind, long n)
{
	const struct entity_def *def = export_kind_entity(kind);
	return !def ? export_kinds[kind] : n == 1 ? def->name : def->plural;
}

int export_kind(struct store *st, enum export_kind kind, enum export_format format,
		struct strbuf *out, long *rows, struct kerr *err)
{
	const struct entity_def *def = export_kind_entity(kind);
	if (def)
		return export_entity(st, def, format, out, rows, err);
	*rows = 0;
	int status = auth_require(st, AUTH_EXPORT, err);
	if (status == K_OK)
		status = link_kinds_export(st, &link_kinds[kind - EXPORT_MEMBERSHIPS],
					   format == EXPORT_JSON, out, rows, err);
	char detail[80];
	snprintf(detail, sizeof detail, "%s, %ld rows", export_formats[format], *rows);
	if (status == K_OK)
		status = audit_record(st, "export", export_kinds[kind], NULL, NULL, NULL, detail,
				      err);
	return status;
}
