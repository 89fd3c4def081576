/* Open Referral tables in memory: reading a package's CSV files, and the hash indexes the
 * import joins through (see hsds_read.h). */
#include "hsds_read.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "file.h"
#include "hash.h"
#include "jsonr.h"
#include "xalloc.h"

void hsds_table_free(struct hsds_table *t)
{
	for (long r = 0; r < t->n; r++) {
		for (int c = 0; c < t->ncol; c++)
			free(t->row[r][c]);
		free(t->row[r]);
	}
	for (int c = 0; c < t->ncol; c++)
		free(t->header[c]);
	for (int i = 0; i < t->nidx; i++)
		free(t->idx[i].head), free(t->idx[i].next);
	free(t->header), free(t->row), free(t->line), free(t->data);
	memset(t, 0, sizeof *t);
}

void hsds_table_header(struct hsds_table *t, const char *const *names, int n)
{
	t->ncol = n;
	t->header = xcalloc((size_t)n + 1, sizeof *t->header);
	for (int c = 0; c < n; c++)
		t->header[c] = xstrdup(names[c]);
}

void hsds_table_add(struct hsds_table *t, char **fields, long line)
{
	if ((size_t)t->n == t->cap) { /* side by side: both grow together */
		t->cap = xgrow_cap(t->cap);
		t->row = xreallocarray(t->row, t->cap, sizeof *t->row);
		t->line = xreallocarray(t->line, t->cap, sizeof *t->line);
	}
	t->row[t->n] = fields;
	t->line[t->n++] = line;
}

static int column(const struct hsds_table *t, const char *name)
{
	for (int c = 0; c < t->ncol; c++)
		if (strcmp(t->header[c], name) == 0)
			return c;
	return -1;
}

bool hsds_has(const struct hsds_table *t, const char *name)
{
	return column(t, name) >= 0;
}

const char *hsds_cell(const struct hsds_table *t, long r, const char *name)
{
	int c = r >= 0 && r < t->n ? column(t, name) : -1;
	return c >= 0 ? t->row[r][c] : "";
}

static size_t hash(const char *s)
{
	return (size_t)hash_text(HASH_START, s);
}

/* The index on column c, built the first time it is asked for, and again when rows were
 * added since (the JSON reader looks up what it has already flattened while it adds). */
static const struct hsds_index *index_on(struct hsds_table *t, int c)
{
	struct hsds_index *x = NULL;
	for (int i = 0; i < t->nidx && !x; i++)
		if (t->idx[i].col == c)
			x = &t->idx[i];
	if (x && x->rows == t->n)
		return x;
	if (x)
		free(x->head), free(x->next);
	else if (t->nidx == (int)(sizeof t->idx / sizeof *t->idx))
		return NULL; /* the import joins on fewer columns than this */
	else
		x = &t->idx[t->nidx++];
	x->rows = t->n;
	size_t slots = 16;
	while (slots < 2 * (size_t)t->n)
		slots *= 2;
	x->col = c, x->mask = slots - 1;
	x->head = xreallocarray(NULL, slots, sizeof *x->head);
	x->next = xreallocarray(NULL, (size_t)t->n + 1, sizeof *x->next);
	for (size_t s = 0; s < slots; s++)
		x->head[s] = -1;
	for (long r = t->n - 1; r >= 0; r--) { /* backwards, so each slot lists rows in order */
		size_t s = hash(t->row[r][c]) & x->mask;
		x->next[r] = x->head[s];
		x->head[s] = r;
	}
	return x;
}

long hsds_find(struct hsds_table *t, const char *key, const char *value, long from)
{
	int c = column(t, key);
	const struct hsds_index *x = c >= 0 && *value ? index_on(t, c) : NULL;
	if (!x)
		return -1;
	for (long r = x->head[hash(value) & x->mask]; r >= 0; r = x->next[r])
		if (r >= from && strcmp(t->row[r][c], value) == 0)
			return r;
	return -1;
}

void hsds_problem(struct import_result *out, const char *file, long line, const char *fmt, ...)
{
	if (out->nproblem == IMPORT_PROBLEMS_MAX) {
		out->more_problems++;
		return;
	}
	struct import_problem *p = &out->problem[out->nproblem++];
	p->line = line;
	snprintf(p->column, sizeof p->column, "%s", file);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->reason, sizeof p->reason, fmt, ap);
	va_end(ap);
}

static void read_rows(struct hsds_table *t, size_t n, struct import_result *out)
{
	struct csv_reader r;
	struct csv_row row = {0};
	csv_open(&r, t->data, n);
	enum csv_status st = csv_next(&r, &row);
	if (st == CSV_ROW)
		hsds_table_header(t, (const char *const *)row.field, row.n);
	while (st == CSV_ROW && (st = csv_next(&r, &row)) == CSV_ROW) {
		if (row.n == 0)
			continue;
		if (row.n != t->ncol) {
			hsds_problem(out, t->file, row.line, "%d fields where the header has %d",
				     row.n, t->ncol);
			continue;
		}
		long line = row.line;
		hsds_table_add(t, csv_row_take(&row), line); /* the table keeps the fields */
	}
	csv_row_free(&row);
	if (st == CSV_ERROR)
		hsds_problem(out, t->file, r.error_line, "%s", r.error);
}

int hsds_load_csv(const char *dir, const char *file, int needed, struct hsds_table *t,
		  struct import_result *out, struct kerr *err)
{
	memset(t, 0, sizeof *t);
	t->file = file;
	char *path = xasprintf("%s/%s", dir, file);
	size_t n = 0;
	int there = access(path, F_OK) == 0;
	t->data = file_read(path, &n, err);
	free(path);
	if (!t->data && there) { /* there, but unreadable or too large: not the database's fault */
		if (err && err->status == K_IO)
			err->status = K_REFUSED;
		return err ? err->status : K_REFUSED;
	}
	if (!t->data && needed)
		return kerr_set(err, K_INVALID, "dir",
				"%s has no %s: is it an Open Referral package?", dir, file);
	kerr_clear(err);
	if (t->data)
		read_rows(t, n, out);
	return K_OK;
}

/* A package's datapackage.json, when it has one, must be HSDS 3's: another major version
 * names the same files but means other things by their columns. */
static int check_version(const char *dir, struct import_result *out, struct kerr *err)
{
	char *path = xasprintf("%s/datapackage.json", dir);
	size_t n = 0;
	char *text = access(path, F_OK) == 0 ? file_read(path, &n, err) : NULL;
	free(path);
	if (!text)
		return kerr_clear(err), K_OK;
	char why[200];
	long line = 0;
	struct jsonr *root = jsonr_parse(text, n, why, sizeof why, &line);
	free(text);
	if (!root)
		hsds_problem(out, "datapackage.json", line, "not JSON: %s", why);
	else
		hsds_check_version(root, "datapackage.json", out);
	jsonr_free(root);
	return K_OK;
}

void hsds_check_version(const struct jsonr *root, const char *file, struct import_result *out)
{
	const char *version = jsonr_text(root, "version");
	const char *profile = jsonr_text(root, "profile");
	if (*version && !(version[0] == '3' && (version[1] == '.' || !version[1])))
		hsds_problem(out, file, jsonr_get(root, "version")->line,
			     "HSDS version %.40s: kith reads HSDS 3 (3.0 and 3.1)", version);
	/* an HSDS profile is a URI (a package's "tabular-data-package" is Frictionless's) */
	if (strncmp(profile, "http", 4) == 0)
		snprintf(out->ignored, sizeof out->ignored,
			 "the profile %.200s read as HSDS 3: what only it has is left out",
			 profile);
}

static const struct {
	const char *file;
	int needed;
} files[HSDS_T_N] = {
	[HSDS_T_ORG] = {"organizations.csv", 0},       [HSDS_T_SERVICE] = {"services.csv", 1},
	[HSDS_T_LOCATION] = {"locations.csv", 0},      [HSDS_T_ADDRESS] = {"addresses.csv", 0},
	[HSDS_T_SAL] = {"service_at_location.csv", 0}, [HSDS_T_PHONE] = {"phones.csv", 0},
	[HSDS_T_CONTACT] = {"contacts.csv", 0},        [HSDS_T_TERM] = {"taxonomy_terms.csv", 0},
	[HSDS_T_ATTR] = {"attributes.csv", 0},         [HSDS_T_SCHEDULE] = {"schedules.csv", 0},
	[HSDS_T_ACCESS] = {"accessibility.csv", 0},    [HSDS_T_AREA] = {"service_areas.csv", 0},
};

int hsds_read(const char *path, struct hsds_table *t, struct import_result *out, struct kerr *err)
{
	size_t len = strlen(path);
	if (len > 5 && strcmp(path + len - 5, ".json") == 0 &&
	    file_check_in(path, false, NULL) == K_OK)
		return hsds_read_json(path, t, out, err);
	int status = file_check_in(path, true, err);
	if (status == K_INVALID) /* a file, not a directory */
		return kerr_set(err, K_INVALID, "dir",
				"%s is not a directory: give an Open Referral package's directory "
				"or an HSDS .json file",
				path);
	if (status == K_OK)
		status = check_version(path, out, err);
	for (int i = 0; i < HSDS_T_N && status == K_OK; i++)
		status = hsds_load_csv(path, files[i].file, files[i].needed, &t[i], out, err);
	return status;
}
