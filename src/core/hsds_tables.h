/* The tables of an Open Referral (HSDS 3.0) package that kith writes and reads, with their
 * columns as the specification's package definition gives them (name, type, format,
 * constraints), in its order, and the foreign keys among them. hsds_tables.c is generated
 * from the datapackage.json of HSDS 3.0 (CC BY-SA 4.0, Open Referral) by tools/hsds-tables. */
#ifndef KITH_HSDS_TABLES_H
#define KITH_HSDS_TABLES_H

#include <stdbool.h>

/* In the generator's order (tools/hsds-tables, TABLES). */
enum hsds_table {
	HSDS_ORGANIZATION,
	HSDS_SERVICE,
	HSDS_LOCATION,
	HSDS_ADDRESS,
	HSDS_SERVICE_AT_LOCATION,
	HSDS_PHONE,
	HSDS_CONTACT,
	HSDS_SCHEDULE,
	HSDS_ACCESSIBILITY,
	HSDS_SERVICE_AREA,
	HSDS_TAXONOMY,
	HSDS_TAXONOMY_TERM,
	HSDS_ATTRIBUTE,
	HSDS_TABLES
};

struct hsds_column {
	const char *name, *type, *format; /* format NULL when the specification gives none */
	bool required, unique;
	const char *enums; /* the allowed values as a JSON array, or NULL */
};

/* A column holding the id of a row of another table (its "id"); {NULL, NULL} ends a list. */
struct hsds_key {
	const char *field, *resource;
};

struct hsds_table_def {
	const char *name, *path;
	const struct hsds_column *columns;
	int ncolumns;
	const struct hsds_key *keys;
};

/* The definition's own licence, said in the package kith writes. */
struct hsds_licence {
	const char *name, *type, *url;
};

extern const struct hsds_table_def hsds_tables[HSDS_TABLES];
extern const struct hsds_licence hsds_licence;

#endif
