/* An Open Referral table read into memory (from a package's CSV file or flattened from HSDS
 * JSON), with hash indexes on the columns the import joins on, so that joining n services
 * to their organisations, phones, contacts and places costs n lookups, not n scans. */
#ifndef KITH_HSDS_READ_H
#define KITH_HSDS_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "import.h"
#include "kerr.h"

struct hsds_index {
	int col;
	size_t mask; /* slots - 1, a power of two less one */
	long *head;  /* head[slot]: the first row hashed there, or -1 */
	long *next;  /* next[row]: the next row in its slot (rows in order), or -1 */
	long rows;   /* the table's rows when it was built: more since, and it is built again */
};

struct hsds_table {
	const char *file; /* what a refusal names: "services.csv", "service_full.json" */
	char **header;
	int ncol;
	char ***row; /* row[r][c] */
	long *line;  /* the line of the file row r came from */
	long n;
	size_t cap;
	char *data;
	struct hsds_index idx[4];
	int nidx;
};

/* The tables the import reads, as hsds_read fills them. */
enum {
	HSDS_T_ORG,
	HSDS_T_SERVICE,
	HSDS_T_LOCATION,
	HSDS_T_ADDRESS,
	HSDS_T_SAL,
	HSDS_T_PHONE,
	HSDS_T_CONTACT,
	HSDS_T_TERM,
	HSDS_T_ATTR,
	HSDS_T_SCHEDULE,
	HSDS_T_ACCESS,
	HSDS_T_AREA,
	HSDS_T_N
};

/* Reads the directory at path (a package of CSV files and datapackage.json) or the HSDS JSON
 * file at path (a service, a page of services, an organisation with its services) into
 * t[HSDS_T_N]. Refuses a package of another HSDS version than 3. */
int hsds_read(const char *path, struct hsds_table *t, struct import_result *out, struct kerr *err);
/* Refuses (in out) a document whose "version" is not HSDS 3's, and says (out->ignored) which
 * HSDS profile it names, if any: kith reads the base standard and the UK profile's links. */
struct jsonr;
void hsds_check_version(const struct jsonr *root, const char *file, struct import_result *out);
/* The JSON reader's half of hsds_read (hsds_json.c). */
int hsds_read_json(const char *path, struct hsds_table *t, struct import_result *out,
		   struct kerr *err);

void hsds_table_free(struct hsds_table *t);
void hsds_table_header(struct hsds_table *t, const char *const *names, int n);
/* Appends a row of t->ncol fields (the table takes them). */
void hsds_table_add(struct hsds_table *t, char **fields, long line);
/* Whether t has the column (a file or JSON member the directory left out has none). */
bool hsds_has(const struct hsds_table *t, const char *name);
/* The value in row r of the column called name ("" when the row or column is missing). */
const char *hsds_cell(const struct hsds_table *t, long r, const char *name);
/* The first row from `from` on whose column `key` is value, or -1 (never for ""). */
long hsds_find(struct hsds_table *t, const char *key, const char *value, long from);
/* Reads dir/file into t; a missing optional file is an empty table. A malformed file is a
 * problem in out, naming the file and line. */
int hsds_load_csv(const char *dir, const char *file, int needed, struct hsds_table *t,
		  struct import_result *out, struct kerr *err);
/* Adds a refusal to out, naming file and line. */
void hsds_problem(struct import_result *out, const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
