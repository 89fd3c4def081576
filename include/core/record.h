/* One row of an entity as text: what a form edits, what a list draws, what JSON prints.
 * Values are indexed by the entity's field order; an empty value is "" (never NULL to
 * callers). A record owns all its strings: record_free() releases them. */
#ifndef KITH_RECORD_H
#define KITH_RECORD_H

#include "entity.h"
#include "id.h"

struct strbuf;

struct record {
	const struct entity_def *def;
	char id[ID_LEN]; /* "" until created */
	char **val;      /* def->nfields values, each NULL or owned text */
	char **label;    /* for FIELD_REF fields: the referenced record's display name */
	char *display;   /* the record's own display name, when loaded */
	char *created_at;
	char *updated_at;
	char *updated_by;
	char *deleted_at;
	char *key[SORT_KEYS];    /* the sort keys of the page it came from (for paging on) */
	bool key_int[SORT_KEYS]; /* a key sqlite gave as an integer, to be bound as one */
};

struct record *record_new(const struct entity_def *def);
void record_free(struct record *rec); /* accepts NULL */
struct record *record_copy(const struct record *rec);

/* "" when empty, never NULL. */
const char *record_get(const struct record *rec, int field);
/* The referenced record's name for a FIELD_REF field ("" when not loaded). */
const char *record_label(const struct record *rec, int field);
const char *record_display(const struct record *rec);
/* Copies value (NULL or "" clears). */
void record_set(struct record *rec, int field, const char *value);
/* Sets by field name; returns -1 when the entity has no such field. */
int record_set_named(struct record *rec, const char *name, const char *value);
/* Takes ownership of value. */
void record_put(struct record *rec, int field, char *value);

/* Appends the record as one JSON object with every field, ids, labels and timestamps. */
void record_json(const struct record *rec, struct strbuf *out);

#endif
