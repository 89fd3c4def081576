/* Open Referral import: the package's tables read into memory, joined on their ids, and each
 * service made (or brought up to date as) one asset, in one transaction. */
#include "hsds.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "asset.h"
#include "audit.h"
#include "auth.h"
#include "csv.h"
#include "file.h"
#include "record.h"
#include "store.h"
#include "strbuf.h"
#include "valid.h"
#include "xalloc.h"

/* ---- a table in memory ---- */

struct table {
	char **header;
	int ncol;
	char ***row; /* row[r][c] */
	long *line;
	long n;
	size_t cap;
	char *data;
};

static void table_free(struct table *t)
{
	for (long r = 0; r < t->n; r++) {
		for (int c = 0; c < t->ncol; c++)
			free(t->row[r][c]);
		free(t->row[r]);
	}
	for (int c = 0; c < t->ncol; c++)
		free(t->header[c]);
	free(t->header), free(t->row), free(t->line), free(t->data);
	memset(t, 0, sizeof *t);
}

static int column(const struct table *t, const char *name)
{
	for (int c = 0; c < t->ncol; c++)
		if (strcmp(t->header[c], name) == 0)
			return c;
	return -1;
}

/* The value in row r of the column called name ("" when the table or column is missing). */
static const char *cell(const struct table *t, long r, const char *name)
{
	int c = r >= 0 && r < t->n ? column(t, name) : -1;
	return c >= 0 ? t->row[r][c] : "";
}

/* The first row whose column `key` is value, or -1. */
static long find(const struct table *t, const char *key, const char *value)
{
	int c = column(t, key);
	for (long r = 0; c >= 0 && *value && r < t->n; r++)
		if (strcmp(t->row[r][c], value) == 0)
			return r;
	return -1;
}

/* Reads dir/file into t; a missing optional file is an empty table. */
static int load(const char *dir, const char *file, bool needed, struct table *t,
		struct import_result *out, struct kerr *err)
{
	memset(t, 0, sizeof *t);
	char *path = xasprintf("%s/%s", dir, file);
	size_t n = 0;
	bool there = access(path, F_OK) == 0;
	t->data = file_read(path, &n, err);
	free(path);
	if (!t->data && there) /* there, but unreadable or too large */
		return err ? err->status : K_REFUSED;
	if (!t->data && needed)
		return kerr_set(err, K_NOT_FOUND, "dir",
				"%s has no %s: is it an Open Referral "
				"package?",
				dir, file);
	if (!t->data) { /* an optional file left out: an empty table */
		kerr_clear(err);
		return K_OK;
	}
	struct csv_reader r;
	struct csv_row row = {0};
	csv_open(&r, t->data, n);
	enum csv_status st = csv_next(&r, &row);
	if (st == CSV_ROW) {
		t->ncol = row.n;
		t->header = xcalloc((size_t)row.n + 1, sizeof *t->header);
		for (int c = 0; c < row.n; c++)
			t->header[c] = xstrdup(row.field[c]);
	}
	while (st == CSV_ROW && (st = csv_next(&r, &row)) == CSV_ROW) {
		if (row.n == 0)
			continue;
		if (row.n != t->ncol) {
			st = CSV_ERROR;
			snprintf(r.error, sizeof r.error, "%d fields where the header has %d",
				 row.n, t->ncol);
			r.error_line = row.line;
			break;
		}
		if ((size_t)t->n == t->cap) { /* side by side: both grow together */
			t->cap = xgrow_cap(t->cap);
			t->row = xreallocarray(t->row, t->cap, sizeof *t->row);
			t->line = xreallocarray(t->line, t->cap, sizeof *t->line);
		}
		t->row[t->n] = row.field;
		t->line[t->n++] = row.line;
		row.field = NULL, row.n = row.cap = 0; /* the table keeps the fields */
	}
	csv_row_free(&row);
	if (st == CSV_ERROR && out->nproblem < IMPORT_PROBLEMS_MAX) {
		struct import_problem *p = &out->problem[out->nproblem++];
		p->line = r.error_line;
		snprintf(p->column, sizeof p->column, "%s", file);
		snprintf(p->reason, sizeof p->reason, "%s", r.error);
	}
	return K_OK;
}

/* ---- the package ---- */

enum {
	T_ORG,
	T_SERVICE,
	T_LOCATION,
	T_ADDRESS,
	T_SAL,
	T_PHONE,
	T_CONTACT,
	T_TERM,
	T_ATTR,
	T_SCHEDULE,
	T_ACCESS,
	T_AREA,
	T_N
};

static const struct {
	const char *file;
	bool needed;
} files[T_N] = {
	{"organizations.csv", false},
	{"services.csv", true},
	{"locations.csv", false},
	{"addresses.csv", false},
	{"service_at_location.csv", false},
	{"phones.csv", false},
	{"contacts.csv", false},
	{"taxonomy_terms.csv", false},
	{"attributes.csv", false},
	{"schedules.csv", false},
	{"accessibility.csv", false},
	{"service_areas.csv", false},
};

struct reading {
	struct store *st;
	struct table t[T_N];
	struct import_result *out;
	struct strbuf notes;
};

static void note(struct reading *rd, const char *fmt, const char *value, long line)
{
	if (rd->notes.len > 400)
		return;
	char *v = xstrndup(value, 40);
	strbuf_printf(&rd->notes, "%s", rd->notes.len ? "; " : "");
	strbuf_printf(&rd->notes, fmt, v, line);
	free(v);
}

/* The asset category an attribute of the service names, when the term is one of ours. */
static const char *category(struct reading *rd, const char *service)
{
	const struct table *a = &rd->t[T_ATTR], *terms = &rd->t[T_TERM];
	for (long r = 0; r < a->n; r++) {
		if (strcmp(cell(a, r, "link_id"), service) != 0)
			continue;
		long term = find(terms, "id", cell(a, r, "taxonomy_term_id"));
		const char *code = cell(terms, term, "code");
		for (int c = 0; asset_categories[c]; c++)
			if (strcmp(code, asset_categories[c]) == 0)
				return asset_categories[c];
	}
	return "institution"; /* a service an organisation provides */
}

static const char *status_from(const char *hsds)
{
	if (strcmp(hsds, "temporarily closed") == 0)
		return "paused";
	if (strcmp(hsds, "inactive") == 0 || strcmp(hsds, "defunct") == 0)
		return "closed";
	return "active";
}

/* A value kith cannot keep is left out (and said), rather than refusing the directory. */
static void put_checked(struct reading *rd, struct record *rec, int field, const char *value,
			long line)
{
	if (!*value)
		return;
	struct kerr err;
	char *norm = NULL;
	if (entity_normalize(rd->st, &asset_entity, field, value, &norm, &err) == K_OK)
		record_put(rec, field, norm);
	else
		note(rd, "\"%s\" (line %ld) left out", value, line);
}

static void address(struct reading *rd, struct record *rec, const char *location, long line)
{
	long a = find(&rd->t[T_ADDRESS], "location_id", location);
	if (a < 0)
		return;
	const struct table *t = &rd->t[T_ADDRESS];
	struct strbuf sb = STRBUF_INIT;
	const char *parts[] = {"address_1", "address_2", "city"};
	for (int i = 0; i < 3; i++)
		if (*cell(t, a, parts[i]))
			strbuf_printf(&sb, "%s%s", sb.len ? ", " : "", cell(t, a, parts[i]));
	const char *postcode = cell(t, a, "postal_code");
	char *norm = NULL;
	struct kerr err;
	if (*postcode &&
	    entity_normalize(rd->st, &asset_entity, ASSET_POSTCODE, postcode, &norm, &err) == K_OK)
		record_put(rec, ASSET_POSTCODE, norm);
	else if (*postcode) /* not a UK postcode: it stays part of the address */
		strbuf_printf(&sb, "%s%s", sb.len ? ", " : "", postcode);
	record_set(rec, ASSET_ADDRESS, strbuf_str(&sb));
	strbuf_free(&sb);
	(void)line;
}

/* What kith's own export also writes: opening times (a schedule's description), the
 * neighbourhood (the service's area), accessibility (the location's) and last verified. */
static void more(struct reading *rd, long s, struct record *rec, const char *location)
{
	const struct table *svc = &rd->t[T_SERVICE];
	const char *id = cell(svc, s, "id");
	long line = svc->line[s];
	put_checked(rd, rec, ASSET_LAST_VERIFIED, cell(svc, s, "assured_date"), line);
	long sch = find(&rd->t[T_SCHEDULE], "service_id", id);
	put_checked(rd, rec, ASSET_OPENING_TIMES, cell(&rd->t[T_SCHEDULE], sch, "description"),
		    line);
	long area = find(&rd->t[T_AREA], "service_id", id);
	put_checked(rd, rec, ASSET_NEIGHBOURHOOD, cell(&rd->t[T_AREA], area, "name"), line);
	long acc = find(&rd->t[T_ACCESS], "location_id", location);
	put_checked(rd, rec, ASSET_ACCESSIBILITY, cell(&rd->t[T_ACCESS], acc, "description"), line);
}

static void fill(struct reading *rd, long s, struct record *rec)
{
	const struct table *svc = &rd->t[T_SERVICE];
	long line = svc->line[s];
	const char *id = cell(svc, s, "id");
	long org = find(&rd->t[T_ORG], "id", cell(svc, s, "organization_id"));
	const char *desc = *cell(svc, s, "description") ? cell(svc, s, "description")
							: cell(&rd->t[T_ORG], org, "description");
	record_set(rec, ASSET_NAME, cell(svc, s, "name"));
	record_set(rec, ASSET_CATEGORY, category(rd, id));
	record_set(rec, ASSET_STATUS, status_from(cell(svc, s, "status")));
	put_checked(rd, rec, ASSET_DESCRIPTION, desc, line);
	const char *email = *cell(svc, s, "email") ? cell(svc, s, "email")
						   : cell(&rd->t[T_ORG], org, "email");
	put_checked(rd, rec, ASSET_EMAIL, email, line);
	const char *url = *cell(svc, s, "url") ? cell(svc, s, "url")
					       : cell(&rd->t[T_ORG], org, "website");
	put_checked(rd, rec, ASSET_WEBSITE, url, line);
	long ph = find(&rd->t[T_PHONE], "service_id", id);
	if (ph < 0)
		ph = find(&rd->t[T_PHONE], "organization_id", cell(svc, s, "organization_id"));
	char *number = xstrdup(cell(&rd->t[T_PHONE], ph, "number"));
	for (char *p = number; *p; p++) /* "+44 ..." quoted inside its field */
		if (*p == '"')
			*p = ' ';
	char *trimmed = valid_trim(number);
	put_checked(rd, rec, ASSET_PHONE, trimmed, line);
	free(trimmed), free(number);
	long con = find(&rd->t[T_CONTACT], "service_id", id);
	put_checked(rd, rec, ASSET_CONTACT_NAME, cell(&rd->t[T_CONTACT], con, "name"), line);
	long sal = find(&rd->t[T_SAL], "service_id", id);
	address(rd, rec, cell(&rd->t[T_SAL], sal, "location_id"), line);
	more(rd, s, rec, cell(&rd->t[T_SAL], sal, "location_id"));
}

/* The asset imported from this service before, or NULL. */
static struct record *earlier(struct reading *rd, const char *hsds_id)
{
	sqlite3_stmt *stmt = NULL;
	char id[ID_LEN] = "";
	if (store_prepare(rd->st, "SELECT id FROM asset WHERE hsds_id = ?1 AND deleted_at IS NULL",
			  &stmt, NULL) == K_OK) {
		sqlite3_bind_text(stmt, 1, hsds_id, -1, SQLITE_STATIC);
		if (sqlite3_step(stmt) == SQLITE_ROW)
			snprintf(id, sizeof id, "%s", sqlite3_column_text(stmt, 0));
	}
	sqlite3_finalize(stmt);
	struct record *rec = NULL;
	struct kerr err;
	if (*id && entity_load(rd->st, &asset_entity, id, &rec, &err) != K_OK)
		rec = NULL;
	return rec;
}

/* The directory's id is kith's to set, never typed: it goes in beside the new asset. */
static int keep_id(struct store *st, const char *asset, const char *hsds_id, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st, "UPDATE asset SET hsds_id = ?2 WHERE id = ?1", &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, asset, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, hsds_id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

static void one_service(struct reading *rd, long s)
{
	struct import_result *out = rd->out;
	struct kerr err;
	const char *id = cell(&rd->t[T_SERVICE], s, "id");
	struct record *rec = earlier(rd, id);
	bool update = rec != NULL;
	if (!rec)
		rec = record_new(&asset_entity);
	fill(rd, s, rec);
	int status = update ? entity_update(rd->st, rec, &err) : entity_create(rd->st, rec, &err);
	if (status == K_OK && !update)
		status = keep_id(rd->st, rec->id, id, &err);
	if (status == K_OK) {
		*(update ? &out->updated : &out->added) += 1;
	} else if (out->nproblem < IMPORT_PROBLEMS_MAX) {
		struct import_problem *p = &out->problem[out->nproblem++];
		p->line = rd->t[T_SERVICE].line[s];
		snprintf(p->column, sizeof p->column, "services.csv");
		snprintf(p->reason, sizeof p->reason, "%s", err.msg);
	}
	record_free(rec);
}

int hsds_import(struct store *st, const char *dir, const struct import_options *o,
		struct import_result *out, struct kerr *err)
{
	memset(out, 0, sizeof *out);
	int status = auth_require(st, AUTH_IMPORT, err);
	if (status == K_OK)
		status = file_check_in(dir, true, err);
	struct reading rd = {.st = st, .out = out, .notes = STRBUF_INIT};
	for (int i = 0; i < T_N && status == K_OK; i++)
		status = load(dir, files[i].file, files[i].needed, &rd.t[i], out, err);
	if (status == K_OK)
		status = store_begin(st, err);
	if (status == K_OK) {
		for (long s = 0; s < rd.t[T_SERVICE].n && !out->nproblem; s++, out->rows++)
			one_service(&rd, s);
		char detail[300];
		snprintf(detail, sizeof detail,
			 "Open Referral package from %.200s: %ld added, %ld "
			 "updated",
			 dir, out->added, out->updated);
		if (!out->nproblem && !o->dry_run)
			status = audit_record(st, "import", "asset", NULL, NULL, NULL, detail, err);
		if (status == K_OK && out->nproblem)
			status = kerr_set(err, K_INVALID, "",
					  "nothing was imported: %d line%s refused", out->nproblem,
					  out->nproblem == 1 ? " was" : "s were");
		if (status != K_OK || o->dry_run)
			store_rollback(st);
		else
			status = store_commit(st, err);
	}
	snprintf(out->ignored, sizeof out->ignored, "%s", strbuf_str(&rd.notes));
	strbuf_free(&rd.notes);
	for (int i = 0; i < T_N; i++)
		table_free(&rd.t[i]);
	return status;
}
