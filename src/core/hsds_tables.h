/* The tables of an Open Referral (HSDS 3.0) package that kith writes and reads, with their
 * columns as the specification's package definition gives them (name, type, format,
 * required), in its order. Taken from the datapackage.json of HSDS 3.0 (CC BY-SA 4.0, Open
 * Referral). */
#ifndef KITH_HSDS_TABLES_H
#define KITH_HSDS_TABLES_H

#include <stdbool.h>

enum hsds_table {
	HSDS_ORGANIZATION,
	HSDS_SERVICE,
	HSDS_LOCATION,
	HSDS_ADDRESS,
	HSDS_SERVICE_AT_LOCATION,
	HSDS_PHONE,
	HSDS_CONTACT,
	HSDS_TAXONOMY,
	HSDS_TAXONOMY_TERM,
	HSDS_ATTRIBUTE,
	HSDS_TABLES
};

struct hsds_column {
	const char *name, *type, *format; /* format NULL when the specification gives none */
	bool required;
};

struct hsds_table_def {
	const char *name, *path;
	const struct hsds_column *columns;
	int ncolumns;
};

extern const struct hsds_table_def hsds_tables[HSDS_TABLES];

#endif
