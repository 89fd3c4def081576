/* The entity engine: validation, create, load, update, tombstone and id resolution for every
 * entity, driven by its description. SQL is assembled only from the descriptions' constant
 * names; every value a person typed is bound. */
#include "entity.h"
#include "entity_impl.h"

#include <ctype.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activity.h"
#include "asset.h"
#include "audit.h"
#include "conversation.h"
#include "date.h"
#include "page.h"
#include "person.h"
#include "record.h"
#include "referral.h"
#include "store.h"
#include "story.h"
#include "strbuf.h"
#include "tag.h"
#include "valid.h"
#include "funding.h"
#include "partnership.h"
#include "readiness.h"
#include "wellbeing.h"
#include "worker.h"
#include "xalloc.h"

/* ---- the registry ---- */

#define ENTITY_EXTERN(kind, name) extern const struct entity_def name##_entity;
ENTITIES(ENTITY_EXTERN)
#undef ENTITY_EXTERN

static const struct entity_def *const registry[ENTITY_COUNT] = {
#define ENTITY_ENTRY(kind, name) [ENTITY_##kind] = &name##_entity,
	ENTITIES(ENTITY_ENTRY)
#undef ENTITY_ENTRY
};

const struct entity_def *entity_get(enum entity_kind kind)
{
	return (unsigned)kind < ENTITY_COUNT ? registry[kind] : NULL;
}

const struct entity_def *entity_by_name(const char *name)
{
	for (int k = 0; k < ENTITY_COUNT; k++)
		if (strcmp(registry[k]->name, name) == 0)
			return registry[k];
	return NULL;
}

int entity_field(const struct entity_def *def, const char *name)
{
	for (int i = 0; i < def->nfields; i++) {
		const char *col = def->fields[i].name;
		if (strcmp(col, name) == 0)
			return i;
		size_t n = strlen(name);
		if (def->fields[i].kind == FIELD_REF && strncmp(col, name, n) == 0 &&
		    strcmp(col + n, "_id") == 0)
			return i;
		if (def->fields[i].kind == FIELD_MONEY && strncmp(col, name, n) == 0 &&
		    strcmp(col + n, "_pence") == 0)
			return i;
	}
	return -1;
}

void entity_field_key(const struct field_def *f, char *out, size_t n)
{
	size_t len = strlen(f->name);
	if (f->kind == FIELD_MONEY && len > 6 && strcmp(f->name + len - 6, "_pence") == 0)
		len -= 6;
	snprintf(out, n, "%.*s", (int)len, f->name);
}

char *entity_choice_label(const char *value)
{
	char *s = xstrdup(value);
	for (char *p = s; *p; p++)
		if (*p == '_')
			*p = ' ';
	return s;
}

char *entity_sql_alias(const char *sql, const char *alias)
{
	struct strbuf sb = STRBUF_INIT;
	for (const char *p = sql; *p; p++) {
		if (*p == '@')
			strbuf_puts(&sb, alias);
		else
			strbuf_putc(&sb, *p);
	}
	return strbuf_take(&sb);
}

/* ---- reading rows ---- */

static char *column_text(sqlite3_stmt *stmt, int col)
{
	const unsigned char *s = sqlite3_column_text(stmt, col);
	return s ? xstrdup((const char *)s) : NULL;
}

enum { COL_ID, COL_CREATED, COL_UPDATED, COL_BY, COL_DELETED, COL_DISPLAY, COL_FIELDS };

/* With names, each referenced record's name (and the display) comes from a subquery; without,
 * those columns are NULL and entity_read_names fills them in. */
static void select_columns(const struct entity_def *def, bool names, struct strbuf *sql)
{
	char *display = entity_sql_alias(def->display, "t");
	strbuf_printf(sql, "t.id, t.created_at, t.updated_at, t.updated_by, t.deleted_at, %s",
		      names || !def->display_of ? display : "NULL");
	free(display);
	for (int i = 0; i < def->nfields; i++)
		if (def->fields[i].kind == FIELD_MONEY) /* pence, read as pounds */
			strbuf_printf(sql, ", printf('%%d.%%02d', t.%s / 100, t.%s %% 100)",
				      def->fields[i].name, def->fields[i].name);
		else
			strbuf_printf(sql, ", t.%s", def->fields[i].name);
	for (int i = 0; i < def->nfields; i++) {
		const struct field_def *f = &def->fields[i];
		if (f->kind != FIELD_REF)
			continue;
		if (!names) {
			strbuf_puts(sql, ", NULL");
			continue;
		}
		const struct entity_def *target = entity_get(f->ref);
		char *name = entity_sql_alias(target->display, "x");
		strbuf_printf(sql, ", (SELECT %s FROM %s x WHERE x.id = t.%s)", name, target->table,
			      f->name);
		free(name);
	}
}

void entity_select_columns(const struct entity_def *def, struct strbuf *sql)
{
	select_columns(def, true, sql);
}

void entity_select_unnamed(const struct entity_def *def, struct strbuf *sql)
{
	select_columns(def, false, sql);
}

/* The name of the record row[r] refers to in field f, if an earlier row named it already. */
static const char *named_before(struct record **row, int r, int f)
{
	const char *id = record_get(row[r], f);
	for (int i = 0; i < r; i++)
		if (row[i]->label[f] && strcmp(record_get(row[i], f), id) == 0)
			return row[i]->label[f];
	return NULL;
}

static int read_names(struct store *st, struct record **row, int n, int f, struct kerr *err)
{
	const struct entity_def *target = entity_get(row[0]->def->fields[f].ref);
	char *name = entity_sql_alias(target->display, "x");
	struct strbuf sql = STRBUF_INIT;
	strbuf_printf(&sql, "SELECT %s FROM %s x%s%s WHERE x.id = ?1", name, target->table,
		      target->key_index ? " INDEXED BY " : "",
		      target->key_index ? target->key_index : "");
	free(name);
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(st, strbuf_str(&sql), &stmt, err);
	strbuf_free(&sql);
	for (int r = 0; status == K_OK && r < n; r++) {
		const char *known = named_before(row, r, f), *id = record_get(row[r], f);
		if (known || !*id) {
			row[r]->label[f] = known ? xstrdup(known) : NULL;
			continue;
		}
		sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
		int rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW)
			row[r]->label[f] = column_text(stmt, 0);
		else if (rc != SQLITE_DONE)
			status = store_error(st, rc, err);
		sqlite3_reset(stmt);
	}
	return status;
}

int entity_read_names(struct store *st, struct record **row, int n, struct kerr *err)
{
	int status = K_OK;
	if (n == 0)
		return K_OK;
	const struct entity_def *def = row[0]->def;
	for (int f = 0; status == K_OK && f < def->nfields; f++)
		if (def->fields[f].kind == FIELD_REF)
			status = read_names(st, row, n, f, err);
	for (int r = 0; status == K_OK && def->display_of && r < n; r++) {
		free(row[r]->display);
		row[r]->display = def->display_of(row[r]);
	}
	return status;
}

struct record *entity_read_row(sqlite3_stmt *stmt, const struct entity_def *def)
{
	struct record *rec = record_new(def);
	const unsigned char *id = sqlite3_column_text(stmt, COL_ID);
	snprintf(rec->id, sizeof rec->id, "%s", id ? (const char *)id : "");
	rec->created_at = column_text(stmt, COL_CREATED);
	rec->updated_at = column_text(stmt, COL_UPDATED);
	rec->updated_by = column_text(stmt, COL_BY);
	rec->deleted_at = column_text(stmt, COL_DELETED);
	rec->display = column_text(stmt, COL_DISPLAY);
	int col = COL_FIELDS;
	for (int i = 0; i < def->nfields; i++)
		record_put(rec, i, column_text(stmt, col++));
	for (int i = 0; i < def->nfields; i++)
		if (def->fields[i].kind == FIELD_REF)
			rec->label[i] = column_text(stmt, col++);
	if (def->display_of) {
		free(rec->display);
		rec->display = def->display_of(rec);
	}
	return rec;
}

/* ---- validation ---- */

static bool nullable(enum field_kind kind)
{
	return kind == FIELD_DATE || kind == FIELD_YEAR || kind == FIELD_INT || kind == FIELD_REF ||
	       kind == FIELD_MONEY;
}

int entity_bind(sqlite3_stmt *stmt, int index, const struct field_def *f, const char *value)
{
	bool empty = !value || !*value;
	if (f->kind == FIELD_BOOL)
		return sqlite3_bind_int(stmt, index, !empty && strcmp(value, "1") == 0);
	if (empty)
		return nullable(f->kind) || (f->flags & FIELD_NULL)
			       ? sqlite3_bind_null(stmt, index)
			       : sqlite3_bind_text(stmt, index, "", 0, SQLITE_STATIC);
	if (f->kind == FIELD_INT || f->kind == FIELD_YEAR)
		return sqlite3_bind_int64(stmt, index, strtoll(value, NULL, 10));
	long long pence = 0;
	if (f->kind == FIELD_MONEY) /* checked already: it reads */
		return valid_money(value, &pence, f->name, NULL) == K_OK
			       ? sqlite3_bind_int64(stmt, index, pence)
			       : sqlite3_bind_null(stmt, index);
	return sqlite3_bind_text(stmt, index, value, -1, SQLITE_STATIC);
}

/* The label in lower case, for messages: "Given name" -> "given name". */
void entity_field_words(const struct field_def *f, char *out, size_t n)
{
	/* every value checked asks, for the message it may need: no printf */
	if (!n)
		return;
	size_t len = strnlen(f->label, n - 1);
	memcpy(out, f->label, len);
	out[len] = '\0';
	if (out[0] && out[1] && !isupper((unsigned char)out[1]))
		out[0] = (char)tolower((unsigned char)out[0]);
}

static int check_choice(const struct field_def *f, const char *text, char **out, const char *words,
			struct kerr *err)
{
	char *norm = xstrdup(text);
	for (char *p = norm; *p; p++)
		*p = *p == '-' || *p == ' ' ? '_' : (char)tolower((unsigned char)*p);
	const char *found = NULL;
	int prefixed = 0;
	for (const char *const *c = f->choices; *c; c++) {
		if (strcmp(*c, norm) == 0) {
			found = *c;
			prefixed = 1;
			break;
		}
		if (strncmp(*c, norm, strlen(norm)) == 0)
			found = *c, prefixed++;
	}
	free(norm);
	if (found && prefixed == 1) {
		*out = xstrdup(found);
		return K_OK;
	}
	struct strbuf list = STRBUF_INIT;
	for (const char *const *c = f->choices; *c; c++)
		strbuf_printf(&list, "%s%s", c == f->choices ? "" : ", ", *c);
	kerr_set(err, K_INVALID, f->name, "%s: '%.30s' is not one of %s", words, text,
		 strbuf_str(&list));
	strbuf_free(&list);
	return K_INVALID;
}

/* v in decimal, as "%ld" writes it, without printf: every number of an import comes here. */
static char *number_text(long v)
{
	char buf[24], *p = buf + sizeof buf;
	unsigned long u = v < 0 ? 0ul - (unsigned long)v : (unsigned long)v;
	*--p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	return xstrdup(p);
}

static int check_number(const struct field_def *f, const char *text, char **out, const char *words,
			struct kerr *err)
{
	long v, max = f->kind == FIELD_YEAR ? date_this_year() : f->max;
	int status = valid_int(text, f->min, max, &v, words, err);
	if (status == K_OK)
		*out = number_text(v);
	return status;
}

static int check_money(const char *text, char **out, const char *words, struct kerr *err)
{
	long long pence;
	int status = valid_money(text, &pence, words, err);
	if (status == K_OK) {
		char plain[40];
		valid_money_text(pence, true, plain, sizeof plain);
		*out = xstrdup(plain);
	}
	return status;
}

/* Points err at a field after a check that named only its label. */
static int at_field(struct kerr *err, int status, const char *field)
{
	if (err && status != K_OK)
		snprintf(err->field, sizeof err->field, "%s", field);
	return status;
}

static int check_ref(struct store *st, const struct field_def *f, const char *text, char **out,
		     const char *words, struct kerr *err)
{
	char id[ID_LEN];
	int status = entity_resolve(st, entity_get(f->ref), text, id, err);
	if (status != K_OK) {
		char why[sizeof err->msg];
		snprintf(why, sizeof why, "%s", err ? err->msg : "");
		return kerr_set(err, (enum kstatus)status, f->name, "%s: %s", words, why);
	}
	*out = xstrdup(id);
	return K_OK;
}

/* Normalises one non-empty value; *out is set (owned) on success. */
static int check_value(struct store *st, const struct field_def *f, const char *text, char **out,
		       struct kerr *err)
{
	char words[64];
	entity_field_words(f, words, sizeof words);
	bool numeric = f->kind == FIELD_INT || f->kind == FIELD_YEAR;
	size_t max = f->max > 0 && !numeric ? (size_t)f->max
					    : (f->kind == FIELD_NOTE ? 20000 : 500);
	int status = valid_text(text, max, f->kind == FIELD_NOTE, words, err);
	if (status != K_OK)
		return status;
	char buf[DATE_LEN > POSTCODE_LEN ? DATE_LEN : POSTCODE_LEN];
	int b = 0;
	switch (f->kind) {
	case FIELD_TEXT:
	case FIELD_NOTE:
		*out = xstrdup(text);
		return K_OK;
	case FIELD_DATE:
		status = date_parse(text, buf, words, err);
		break;
	case FIELD_YEAR:
	case FIELD_INT:
		return check_number(f, text, out, words, err);
	case FIELD_BOOL:
		status = valid_bool(text, &b, words, err);
		snprintf(buf, sizeof buf, "%d", b);
		break;
	case FIELD_CHOICE:
		return check_choice(f, text, out, words, err);
	case FIELD_POSTCODE:
		status = valid_postcode(text, buf, words, err);
		break;
	case FIELD_EMAIL:
		status = valid_email(text, words, err);
		if (status == K_OK)
			*out = xstrdup(text);
		return status;
	case FIELD_PHONE:
		status = valid_phone(text, words, err);
		if (status == K_OK)
			*out = xstrdup(text);
		return status;
	case FIELD_URL:
		return valid_url(text, out, words, err);
	case FIELD_REF:
		return check_ref(st, f, text, out, words, err);
	case FIELD_MONEY:
		return check_money(text, out, words, err);
	}
	if (status == K_OK)
		*out = xstrdup(buf);
	return status;
}

int entity_normalize(struct store *st, const struct entity_def *def, int field, const char *text,
		     char **out, struct kerr *err)
{
	*out = NULL;
	char *t = valid_trim(text);
	int status = K_OK;
	if (*t)
		status = check_value(st, &def->fields[field], t, out, err);
	else
		*out = xstrdup("");
	free(t);
	return at_field(err, status, def->fields[field].name);
}

/* The value a field gets: typed text normalised, a default, or what it was. */
static int field_value(struct store *st, const struct field_def *f, const char *typed,
		       const char *before, bool creating, char **out, struct kerr *err)
{
	*out = NULL;
	if (f->flags & FIELD_AUTO) {
		*out = xstrdup(before);
		return K_OK;
	}
	char *text = valid_trim(typed);
	if (!*text && creating && f->def) {
		free(text);
		text = xstrdup(f->def);
	}
	int status = K_OK;
	if (f->kind == FIELD_REF && before && strcmp(text, before) == 0)
		*out = xstrdup(before); /* unchanged: its target may since have been deleted */
	else if (*text)
		status = check_value(st, f, text, out, err);
	free(text);
	if (status != K_OK)
		return at_field(err, status, f->name);
	bool must = (f->flags & FIELD_REQUIRED) || (f->kind == FIELD_CHOICE && f->def);
	if (must && (!*out || !**out)) {
		char words[64];
		entity_field_words(f, words, sizeof words);
		free(*out);
		*out = NULL;
		if (!(f->flags & FIELD_REQUIRED))
			return kerr_set(err, K_INVALID, f->name, "%s: choose one (%s, ...)", words,
					f->choices[0]);
		return kerr_set(err, K_INVALID, f->name, "%s: required", words);
	}
	return K_OK;
}

static int check_scope(const struct entity_def *def, char **vals, struct kerr *err)
{
	if (def->scope_field < 0)
		return K_OK;
	char **v = &vals[def->scope_field];
	if (!*v || !**v) {
		free(*v);
		*v = xstrdup(def->scope_value);
	}
	if (strcmp(*v, def->scope_value) != 0)
		return kerr_set(err, K_INVALID, def->fields[def->scope_field].name,
				"a %s is always of %s '%s'", def->name,
				def->fields[def->scope_field].name, def->scope_value);
	return K_OK;
}

int entity_validate(struct store *st, struct record *rec, const struct record *old,
		    struct kerr *err)
{
	const struct entity_def *def = rec->def;
	char **vals = xcalloc((size_t)def->nfields, sizeof *vals);
	int status = K_OK;
	for (int i = 0; i < def->nfields && status == K_OK; i++) {
		const char *before = old ? record_get(old, i) : NULL;
		const char *typed = record_get(rec, i);
		if (i == def->scope_field && !*typed)
			typed = def->scope_value; /* a group need not be told it is an association */
		status = field_value(st, &def->fields[i], typed, before, old == NULL, &vals[i],
				     err);
	}
	if (status == K_OK)
		status = check_scope(def, vals, err);
	if (status == K_OK) {
		for (int i = 0; i < def->nfields; i++) {
			record_put(rec, i, vals[i]);
			vals[i] = NULL;
		}
	}
	for (int i = 0; i < def->nfields; i++)
		free(vals[i]);
	free(vals);
	return status;
}
