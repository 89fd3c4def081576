/* CSV import: read the whole file, match its headers, then add its records one by one in one
 * transaction, collecting every refusal with its line and column; roll back if there is any
 * (or on a dry run). */
#include "import.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asset.h"
#include "audit.h"
#include "auth.h"
#include "csv.h"
#include "date.h"
#include "file.h"
#include "import_map.h"
#include "membership.h"
#include "person.h"
#include "record.h"
#include "referral.h"
#include "store.h"
#include "strbuf.h"
#include "xalloc.h"

/* clang-format off */
const char *const import_kinds[IMPORT_KINDS + 1] = {
	[IMPORT_PEOPLE] = "people", [IMPORT_ASSETS] = "assets", [IMPORT_GROUPS] = "groups",
	[IMPORT_MEMBERSHIPS] = "memberships", [IMPORT_REFERRALS] = "referrals", NULL,
};
/* clang-format on */

int import_kind_parse(const char *word)
{
	for (int k = 0; k < IMPORT_KINDS; k++)
		if (strcmp(word, import_kinds[k]) == 0)
			return k;
	return -1;
}

static const struct entity_def *def_of(enum import_kind kind)
{
	switch (kind) {
	case IMPORT_PEOPLE:
		return &person_entity;
	case IMPORT_ASSETS:
		return &asset_entity;
	case IMPORT_GROUPS:
		return &group_entity;
	case IMPORT_REFERRALS:
		return &referral_entity;
	default:
		return NULL;
	}
}

void import_summary(const char *path, const struct import_result *r, const struct import_options *o,
		    char *buf, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	const char *slash = strrchr(path, '/');
	strbuf_printf(&sb, "%s%s: %ld %s", slash ? slash + 1 : path, o->dry_run ? " (dry run)" : "",
		      r->added, o->dry_run ? "would be added" : "added");
	if (r->updated)
		strbuf_printf(&sb, ", %ld brought up to date", r->updated);
	if (r->duplicates) {
		strbuf_printf(&sb, ", %ld likely duplicate%s %s (line%s", r->duplicates,
			      r->duplicates == 1 ? "" : "s",
			      o->keep_duplicates ? "added all the same" : "skipped",
			      r->nduplicate_line > 1 ? "s" : "");
		for (int i = 0; i < r->nduplicate_line && i < 10; i++)
			strbuf_printf(&sb, "%s %ld", i ? "," : "", r->duplicate_line[i]);
		strbuf_printf(&sb, "%s)", r->nduplicate_line > 10 ? ", ..." : "");
	}
	snprintf(buf, n, "%s", strbuf_str(&sb));
	strbuf_free(&sb);
}

/* ---- the state of one import ---- */

struct importing {
	struct store *st;
	enum import_kind kind;
	const struct entity_def *def;
	const struct import_options *o;
	struct import_result *out;
	char **header;
	struct import_column *col;
	int ncol;
	int member_col[4]; /* memberships: group, person, role, since */
};

static void problem(struct importing *im, long line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void problem(struct importing *im, long line, int col, const char *fmt, ...)
{
	struct import_result *r = im->out;
	if (r->nproblem == IMPORT_PROBLEMS_MAX) {
		r->more_problems++;
		return;
	}
	struct import_problem *p = &r->problem[r->nproblem++];
	p->line = line;
	snprintf(p->column, sizeof p->column, "%s",
		 col >= 0 && col < im->ncol ? im->header[col] : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->reason, sizeof p->reason, fmt, ap);
	va_end(ap);
}

/* ---- headers ---- */

static const char *const member_words[4][6] = {
	{"group", "groupname", "asset", "assetname", "club", NULL},
	{"person", "name", "member", "personname", "fullname", NULL},
	{"role", NULL},
	{"since", "joined", "datejoined", "startdate", "from", NULL},
};

static void match_members(struct importing *im)
{
	char want[128];
	for (int k = 0; k < 4; k++)
		im->member_col[k] = -1;
	for (int c = 0; c < im->ncol; c++) {
		import_normalise(im->header[c], want, sizeof want);
		im->col[c].field = -1;
		for (int k = 0; k < 4; k++)
			for (int w = 0; member_words[k][w]; w++)
				if (strcmp(want, member_words[k][w]) == 0 && im->member_col[k] < 0)
					im->member_col[k] = c, im->col[c].field = k;
	}
}

/* Matches every header; notes the ones kith has no field for; refuses a field named twice. */
static void match_headers(struct importing *im, const struct csv_row *row)
{
	im->ncol = row->n;
	im->header = xcalloc((size_t)row->n + 1, sizeof *im->header);
	im->col = xcalloc((size_t)row->n + 1, sizeof *im->col);
	for (int c = 0; c < row->n; c++)
		im->header[c] = xstrdup(row->field[c]);
	if (im->kind == IMPORT_MEMBERSHIPS)
		match_members(im);
	else
		for (int c = 0; c < row->n; c++)
			im->col[c] = import_match(im->def, row->field[c]);
	struct strbuf ignored = STRBUF_INIT;
	for (int c = 0; c < row->n; c++) {
		if (im->col[c].field < 0 && *row->field[c])
			strbuf_printf(&ignored, "%s%s", ignored.len ? ", " : "", row->field[c]);
		for (int d = 0; d < c; d++)
			if (im->col[c].field >= 0 && im->col[d].field == im->col[c].field &&
			    im->col[d].how == im->col[c].how)
				problem(im, row->line, c,
					"this column and \"%s\" are the same field", im->header[d]);
	}
	snprintf(im->out->ignored, sizeof im->out->ignored, "%s", strbuf_str(&ignored));
	strbuf_free(&ignored);
}

/* ---- one record ---- */

static void put_full_name(struct record *rec, const char *name)
{
	const char *space = strrchr(name, ' ');
	if (!space) {
		record_set(rec, PERSON_GIVEN_NAME, name);
		return;
	}
	char *given = xstrndup(name, (size_t)(space - name));
	record_set(rec, PERSON_GIVEN_NAME, given);
	record_set(rec, PERSON_FAMILY_NAME, space + 1);
	free(given);
}

/* Fills rec from the row; false (with a problem noted) when a value cannot be read. */
static bool fill(struct importing *im, const struct csv_row *row, struct record *rec)
{
	for (int c = 0; c < row->n; c++) {
		const char *v = csv_uninert(row->field[c]);
		struct import_column col = im->col[c];
		if (col.field < 0 || !*v)
			continue;
		if (col.how == IMPORT_FULL_NAME) {
			put_full_name(rec, v);
		} else if (col.how == IMPORT_BIRTH_DATE) {
			char iso[DATE_LEN];
			struct kerr err;
			if (date_parse(v, iso, "date of birth", &err) != K_OK) {
				problem(im, row->line, c, "%s", err.msg);
				return false;
			}
			char year[5];
			snprintf(year, sizeof year, "%.4s", iso);
			record_set(rec, col.field, year);
		} else {
			record_set(rec, col.field, v);
		}
	}
	return true;
}

/* The column a refused field came from, for the message. */
static int column_of(struct importing *im, const char *field)
{
	for (int c = 0; c < im->ncol; c++)
		if (im->col[c].field >= 0 && im->kind != IMPORT_MEMBERSHIPS &&
		    strcmp(im->def->fields[im->col[c].field].name, field) == 0)
			return c;
	return -1;
}

/* Someone already here: for people the rule the form and `person add` use
 * (person_likely_duplicate); for an asset or group, the same name and postcode. */
static bool likely_duplicate(struct importing *im, const struct record *rec)
{
	if (im->kind == IMPORT_PEOPLE) {
		struct person_twin twin;
		return person_likely_duplicate(im->st, rec, &twin, NULL) == K_OK && *twin.id;
	}
	sqlite3_stmt *stmt = NULL;
	if (store_cached(im->st,
			 "SELECT 1 FROM asset WHERE deleted_at IS NULL AND name = ?1 COLLATE "
			 "NOCASE AND postcode = ?2 LIMIT 1",
			 &stmt, NULL) != K_OK)
		return false;
	sqlite3_bind_text(stmt, 1, record_get(rec, ASSET_NAME), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 2, record_get(rec, ASSET_POSTCODE), -1, SQLITE_TRANSIENT);
	bool found = sqlite3_step(stmt) == SQLITE_ROW;
	sqlite3_reset(stmt);
	return found;
}

static void one_record(struct importing *im, const struct csv_row *row)
{
	struct kerr err;
	struct record *rec = record_new(im->def);
	if (im->kind == IMPORT_GROUPS)
		record_set(rec, ASSET_CATEGORY, "association");
	bool ok = fill(im, row, rec);
	/* the values as the form would save them, so that duplicates compare alike */
	if (ok && entity_check_new(im->st, rec, &err) != K_OK) {
		problem(im, row->line, column_of(im, err.field), "%s", err.msg);
		ok = false;
	}
	bool twin = ok &&
		    (im->kind == IMPORT_PEOPLE || im->kind == IMPORT_ASSETS ||
		     im->kind == IMPORT_GROUPS) &&
		    likely_duplicate(im, rec);
	if (twin) {
		im->out->duplicates++;
		if (im->out->nduplicate_line < IMPORT_PROBLEMS_MAX)
			im->out->duplicate_line[im->out->nduplicate_line++] = row->line;
	}
	if (ok && (!twin || im->o->keep_duplicates)) {
		/* the import's own audit row records these */
		if (entity_insert_checked(im->st, rec, &err) == K_OK)
			im->out->added++;
		else
			problem(im, row->line, column_of(im, err.field), "%s", err.msg);
	}
	record_free(rec);
}

static void one_membership(struct importing *im, const struct csv_row *row)
{
	struct kerr err;
	const char *v[4];
	for (int k = 0; k < 4; k++)
		v[k] = im->member_col[k] >= 0 ? csv_uninert(row->field[im->member_col[k]]) : "";
	if (membership_join(im->st, v[0], v[1], *v[2] ? v[2] : NULL, *v[3] ? v[3] : NULL, &err) ==
	    K_OK)
		im->out->added++;
	else
		problem(im, row->line, im->member_col[strstr(err.msg, "person") ? 1 : 0], "%s",
			err.msg);
}

/* ---- the whole file ---- */

static void rows(struct importing *im, struct csv_reader *r, struct csv_row *row, size_t len)
{
	enum csv_status st;
	while ((st = csv_next(r, row)) == CSV_ROW) {
		if (row->n == 0 || (row->n == 1 && !*row->field[0]))
			continue; /* a blank line */
		im->out->rows++;
		if (row->n != im->ncol)
			problem(im, row->line, -1, "%d fields where the header has %d", row->n,
				im->ncol);
		else if (im->kind == IMPORT_MEMBERSHIPS)
			one_membership(im, row);
		else
			one_record(im, row);
		if (im->o->progress && im->out->rows % 500 == 0)
			im->o->progress(im->o->ctx, (double)r->at / (double)(len ? len : 1));
	}
	if (st == CSV_ERROR)
		problem(im, r->error_line, -1, "%s", r->error);
}

static int seen_before(struct store *st, const char *hash, struct kerr *err)
{
	char like[80];
	snprintf(like, sizeof like, "%%sha256 %s%%", hash);
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st,
				   "SELECT substr(created_at, 1, 10) FROM audit WHERE action = "
				   "'import' AND detail LIKE ?1 ORDER BY seq DESC LIMIT 1",
				   &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, like, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		char uk[DATE_LEN];
		status = kerr_set(err, K_DUPLICATE, "file",
				  "this file was imported on %s; give "
				  "--again to import it once more",
				  date_uk((const char *)sqlite3_column_text(stmt, 0), uk));
	}
	sqlite3_finalize(stmt);
	return status;
}

static void hash_of(const char *data, size_t n, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)data, n);
	sodium_bin2hex(out, 65, h, sizeof h);
}

static int run(struct importing *im, const char *path, const char *data, size_t n, struct kerr *err)
{
	struct csv_reader r;
	struct csv_row row = {0};
	csv_open(&r, data, n);
	enum csv_status st = csv_next(&r, &row);
	int status = store_begin(im->st, err);
	if (status != K_OK) {
		csv_row_free(&row);
		return status;
	}
	if (st == CSV_ERROR)
		problem(im, r.error_line, -1, "%s", r.error);
	else if (st == CSV_END || row.n == 0)
		problem(im, 1, -1, "the file is empty: the first line names the columns");
	else {
		match_headers(im, &row);
		rows(im, &r, &row, n);
	}
	csv_row_free(&row);
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char detail[600];
	snprintf(detail, sizeof detail, "%s from %.200s, sha256 %s: %ld added, %ld duplicates %s",
		 import_kinds[im->kind], base, im->out->sha256, im->out->added, im->out->duplicates,
		 im->o->keep_duplicates ? "kept" : "skipped");
	if (!im->out->nproblem && !im->o->dry_run)
		status = audit_record(im->st, "import", import_kinds[im->kind], NULL, NULL, NULL,
				      detail, err);
	if (status == K_OK && im->out->nproblem)
		status = kerr_set(err, K_INVALID, "", "nothing was imported: %d line%s refused",
				  im->out->nproblem, im->out->nproblem == 1 ? " was" : "s were");
	if (status != K_OK || im->o->dry_run) {
		store_rollback(im->st);
		return status;
	}
	return store_commit(im->st, err);
}

int import_csv(struct store *st, enum import_kind kind, const char *path,
	       const struct import_options *o, struct import_result *out, struct kerr *err)
{
	memset(out, 0, sizeof *out);
	int status = auth_require(st, AUTH_IMPORT, err);
	if (status != K_OK)
		return status;
	size_t n = 0;
	char *data = file_read(path, &n, err);
	if (!data)
		return err ? err->status : K_NOT_FOUND;
	hash_of(data, n, out->sha256);
	if (!o->again)
		status = seen_before(st, out->sha256, err);
	struct importing im = {st, kind, def_of(kind), o, out, NULL, NULL, 0, {-1, -1, -1, -1}};
	if (status == K_OK)
		status = store_bulk_start(st, 256, err);
	if (status == K_OK)
		status = run(&im, path, data, n, err);
	struct kerr ended;
	if (store_bulk_end(st, &ended) != K_OK && status == K_OK)
		status = kerr_set(err, ended.status, "", "%s", ended.msg);
	for (int c = 0; c < im.ncol; c++)
		free(im.header[c]);
	free(im.header), free(im.col), free(data);
	return status;
}
