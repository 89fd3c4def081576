/* Private to import.c and import_map.c: how a file's column maps onto a field. */
#ifndef KITH_IMPORT_MAP_H
#define KITH_IMPORT_MAP_H

#include <stdbool.h>
#include <stddef.h>

#include "csv.h"

#include "entity.h"
#include "link_kinds.h"

enum import_how {
	IMPORT_FIELD,      /* the value goes into the field as it is */
	IMPORT_BIRTH_DATE, /* a date of birth: its year goes into birth_year */
	IMPORT_FULL_NAME,  /* a whole name: split into given and family names */
	IMPORT_REF_NAME,   /* the name beside a reference (person_name): used when no id is */
	IMPORT_ID,         /* the record's own id (an export's): kept, and the record is
			      recognised when it is here already */
	IMPORT_CREATED,    /* when it was first recorded: kept */
	IMPORT_STAMP,      /* a stamp kith sets itself (updated_at): left out quietly */
};

struct import_column {
	int field; /* -1: no field of kith's; the column is left out */
	enum import_how how;
};

/* A JSON export read as rows (import_json.c): the keys as the header, a row per record. */
struct import_rows {
	struct csv_row header;
	struct csv_row *row;
	int n;
	size_t cap;
	long error_line; /* where it stopped being JSON kith reads */
};

/* Whether data is JSON (an array, or an object) rather than CSV. */
bool import_json_looks(const char *data, size_t n);
/* Reads data into out (the caller frees it with import_rows_free, also on failure); false
 * with the reason in why and its line in out->error_line when it is no such array. */
bool import_json_rows(const char *data, size_t n, struct import_rows *out, char *why,
		      size_t whylen);
void import_rows_free(struct import_rows *rows);

void import_normalise(const char *header, char *out, size_t n);
struct import_column import_match(const struct entity_def *def, const char *header);
/* A join row's headers: link_col[s] the column of slot s (the two sides' ids and names, then
 * the further columns), each column's field its slot or -1. */
void import_match_links(const struct link_kind *k, char *const *header, int ncol,
			struct import_column *col, int link_col[6]);

#endif
