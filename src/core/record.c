/* Records: the text of one row, owned in one place. */
#include "record.h"

#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "strbuf.h"
#include "xalloc.h"

struct record *record_new(const struct entity_def *def)
{
	struct record *rec = xcalloc(1, sizeof *rec);
	rec->def = def;
	rec->val = xcalloc((size_t)def->nfields, sizeof *rec->val);
	rec->label = xcalloc((size_t)def->nfields, sizeof *rec->label);
	return rec;
}

void record_free(struct record *rec)
{
	if (!rec)
		return;
	for (int i = 0; i < rec->def->nfields; i++) {
		free(rec->val[i]);
		free(rec->label[i]);
	}
	free(rec->val);
	free(rec->label);
	free(rec->display);
	free(rec->created_at);
	free(rec->updated_at);
	free(rec->updated_by);
	free(rec->deleted_at);
	for (int k = 0; k < SORT_KEYS; k++)
		free(rec->key[k]);
	free(rec);
}

struct record *record_copy(const struct record *rec)
{
	struct record *c = record_new(rec->def);
	memcpy(c->id, rec->id, sizeof c->id);
	for (int i = 0; i < rec->def->nfields; i++) {
		c->val[i] = xstrdup(rec->val[i]);
		c->label[i] = xstrdup(rec->label[i]);
	}
	c->display = xstrdup(rec->display);
	c->created_at = xstrdup(rec->created_at);
	c->updated_at = xstrdup(rec->updated_at);
	c->updated_by = xstrdup(rec->updated_by);
	c->deleted_at = xstrdup(rec->deleted_at);
	for (int k = 0; k < SORT_KEYS; k++) {
		c->key[k] = xstrdup(rec->key[k]);
		c->key_int[k] = rec->key_int[k];
	}
	return c;
}

const char *record_get(const struct record *rec, int field)
{
	if (field < 0 || field >= rec->def->nfields || !rec->val[field])
		return "";
	return rec->val[field];
}

const char *record_label(const struct record *rec, int field)
{
	if (field < 0 || field >= rec->def->nfields || !rec->label[field])
		return "";
	return rec->label[field];
}

const char *record_display(const struct record *rec)
{
	return rec->display ? rec->display : "";
}

void record_put(struct record *rec, int field, char *value)
{
	if (field < 0 || field >= rec->def->nfields) {
		free(value);
		return;
	}
	free(rec->val[field]);
	rec->val[field] = value && *value ? value : (free(value), NULL);
}

void record_set(struct record *rec, int field, const char *value)
{
	record_put(rec, field, xstrdup(value));
}

int record_set_named(struct record *rec, const char *name, const char *value)
{
	int f = entity_field(rec->def, name);
	if (f >= 0)
		record_set(rec, f, value);
	return f;
}

static void json_value(const struct field_def *f, const char *v, struct strbuf *out)
{
	bool empty = !v || !*v;
	switch (f->kind) {
	case FIELD_INT:
	case FIELD_YEAR:
		strbuf_puts(out, empty ? "null" : v);
		break;
	case FIELD_BOOL:
		strbuf_puts(out, !empty && strcmp(v, "1") == 0 ? "true" : "false");
		break;
	case FIELD_DATE:
	case FIELD_REF:
		jsonw_string(out, empty ? NULL : v);
		break;
	default:
		jsonw_string(out, empty ? "" : v);
	}
}

void record_json(const struct record *rec, struct strbuf *out)
{
	const struct entity_def *def = rec->def;
	strbuf_putc(out, '{');
	jsonw_key(out, "id", 1);
	jsonw_string(out, rec->id);
	for (int i = 0; i < def->nfields; i++) {
		const struct field_def *f = &def->fields[i];
		char word[64];
		entity_field_key(f, word, sizeof word);
		jsonw_key(out, word, 0);
		json_value(f, rec->val[i], out);
		if (f->kind == FIELD_REF) {
			size_t n = strlen(f->name);
			char *key = n > 3 && strcmp(f->name + n - 3, "_id") == 0
					    ? xasprintf("%.*s_name", (int)(n - 3), f->name)
					    : xasprintf("%s_name", f->name);
			jsonw_key(out, key, 0);
			jsonw_string(out, rec->val[i] ? record_label(rec, i) : NULL);
			free(key);
		}
	}
	jsonw_key(out, "created_at", 0);
	jsonw_string(out, rec->created_at);
	jsonw_key(out, "updated_at", 0);
	jsonw_string(out, rec->updated_at);
	jsonw_key(out, "updated_by", 0);
	jsonw_string(out, rec->updated_by);
	jsonw_key(out, "deleted_at", 0);
	jsonw_string(out, rec->deleted_at);
	strbuf_putc(out, '}');
}
