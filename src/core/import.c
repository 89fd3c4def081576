/* CSV import: read the whole file, match its headers, then add its records one by one in one
 * transaction, collecting every refusal with its line and column; roll back if there is any
 * (or on a dry run). */
#include "import.h"

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
#include "import_bulk.h"
#include "import_hash.h"
#include "import_ids.h"
#include "import_link.h"
#include "import_map.h"
#include "import_plan.h"
#include "import_review.h"
#include "import_value.h"
#include "link_kinds.h"
#include "person.h"
#include "record.h"
#include "referral.h"
#include "sheet.h"
#include "store.h"
#include "strbuf.h"
#include "xalloc.h"

/* clang-format off */
const char *const import_kinds[IMPORT_KINDS + 1] = {
	[IMPORT_PEOPLE] = "people", [IMPORT_ASSETS] = "assets", [IMPORT_GROUPS] = "groups",
	[IMPORT_MEMBERSHIPS] = "memberships", [IMPORT_REFERRALS] = "referrals",
	[IMPORT_CONVERSATIONS] = "conversations", [IMPORT_ACTIVITIES] = "activities",
	[IMPORT_WELLBEING] = "wellbeing", [IMPORT_TAGS] = "tags", [IMPORT_ATTENDANCE] = "attendance",
	[IMPORT_GIFTS] = "gifts", [IMPORT_ASSET_TAGS] = "asset-tags", [IMPORT_STORIES] = "stories",
	[IMPORT_STORY_PEOPLE] = "story-people", [IMPORT_STORY_ASSETS] = "story-assets",
	[IMPORT_STORY_ACTIVITIES] = "story-activities", [IMPORT_STORY_OUTCOMES] = "story-outcomes",
	[IMPORT_PARTNERSHIPS] = "partnerships", [IMPORT_FUNDING] = "funding",
	[IMPORT_READINESS] = "readiness", [IMPORT_PARTNERS] = "partners",
	[IMPORT_READINESS_ANSWERS] = "readiness-answers", NULL,
};
/* clang-format on */

int import_kind_parse(const char *word)
{
	for (int k = 0; k < IMPORT_KINDS; k++)
		if (strcmp(word, import_kinds[k]) == 0)
			return k;
	return -1;
}

/* The entity each kind's records are; memberships are no entity of their own. */
static const struct entity_def *def_of(enum import_kind kind)
{
	static const int entity[IMPORT_KINDS] = {
		[IMPORT_PEOPLE] = ENTITY_PERSON,
		[IMPORT_ASSETS] = ENTITY_ASSET,
		[IMPORT_GROUPS] = ENTITY_GROUP,
		[IMPORT_MEMBERSHIPS] = -1,
		[IMPORT_REFERRALS] = ENTITY_REFERRAL,
		[IMPORT_CONVERSATIONS] = ENTITY_CONVERSATION,
		[IMPORT_ACTIVITIES] = ENTITY_ACTIVITY,
		[IMPORT_WELLBEING] = ENTITY_WELLBEING,
		[IMPORT_TAGS] = ENTITY_TAG,
		[IMPORT_ATTENDANCE] = -1,
		[IMPORT_GIFTS] = -1,
		[IMPORT_ASSET_TAGS] = -1,
		[IMPORT_STORIES] = ENTITY_STORY,
		[IMPORT_STORY_PEOPLE] = -1,
		[IMPORT_STORY_ASSETS] = -1,
		[IMPORT_STORY_ACTIVITIES] = -1,
		[IMPORT_STORY_OUTCOMES] = -1,
		[IMPORT_PARTNERSHIPS] = ENTITY_PARTNERSHIP,
		[IMPORT_FUNDING] = ENTITY_FUNDING,
		[IMPORT_READINESS] = ENTITY_READINESS,
		[IMPORT_PARTNERS] = -1,
		[IMPORT_READINESS_ANSWERS] = -1,
	};
	return entity[kind] < 0 ? NULL : entity_get((enum entity_kind)entity[kind]);
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
	if (r->here)
		strbuf_printf(&sb, ", %ld here already (by id), left as they are", r->here);
	if (r->duplicates) {
		strbuf_printf(&sb, ", %ld likely duplicate%s %s (line%s", r->duplicates,
			      r->duplicates == 1 ? "" : "s",
			      o->keep_duplicates ? "added all the same" : "skipped",
			      r->nduplicate_line > 1 ? "s" : "");
		for (int i = 0; i < r->nduplicate_line && i < 10; i++)
			strbuf_printf(&sb, "%s %ld", i ? "," : "", r->duplicate_line[i]);
		strbuf_printf(&sb, "%s)", r->nduplicate_line > 10 ? ", ..." : "");
	}
	if (r->read_as[0])
		strbuf_printf(&sb, " (read as %s)", r->read_as);
	snprintf(buf, n, "%s", strbuf_str(&sb));
	strbuf_free(&sb);
}

/* ---- the state of one import ---- */

/* Whether an automatic reference (who recorded it: a few accounts, named on every line) is
 * here and live: the last few answers are kept, as nothing the import writes changes them.
 * An empty one (id "") matches no reference, which is never empty. */
#define AUTO_SEEN 16
struct auto_answer {
	int ref; /* enum entity_kind */
	char id[ID_LEN];
	bool live;
};

struct importing {
	struct store *st;
	enum import_kind kind;
	const struct entity_def *def;
	const struct import_options *o;
	struct import_result *out;
	char **header;
	struct import_column *col;
	int ncol;
	const struct link_kind *link; /* join rows (memberships, ...), or NULL */
	int link_col[6];              /* their columns: see names_slot */
	bool inert;                   /* CSV: formula cells were made inert on export (csv_cell) */
	struct referral_bulk bulk;    /* a referral import's triggers set aside (referral_bulk) */
	bool bulk_on;
	int bulk_status; /* setting them aside failed: bulk_err says why */
	struct kerr bulk_err;
	struct import_review review; /* contacts' review dates, worked out in memory */
	bool review_on;
	struct import_bulk people; /* new people's, places' or tags' triggers set aside */
	struct import_link joins;  /* join rows written by the import itself (import_link) */
	bool fresh;                /* the table held no row at the start: the ids added are all */
	struct import_ids added;   /* that an id can find there (import_ids) */
	struct auto_answer auto_seen[AUTO_SEEN]; /* the automatic references last looked up */
	int auto_next;                           /* the one to forget next */
};

/* The value in column c as it was before export guarded it. */
static const char *cell(const struct importing *im, const struct csv_row *row, int c)
{
	return im->inert ? csv_uninert(row->field[c]) : row->field[c];
}

static void problem(struct importing *im, long line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int refused(const struct import_result *r, struct kerr *err)
{
	return kerr_set(err, K_INVALID, "", "nothing was imported: %ld line%s refused", r->refused,
			r->refused == 1 ? " was" : "s were");
}

/* Problems noted so far, listed or not: a line that adds to them is refused. */
static long problems(const struct import_result *r)
{
	return r->nproblem + r->more_problems;
}

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

/* Matches every header; notes the ones kith has no field for; refuses a field named twice. */
static void match_headers(struct importing *im, const struct csv_row *row)
{
	im->ncol = row->n;
	im->header = xcalloc((size_t)row->n + 1, sizeof *im->header);
	im->col = xcalloc((size_t)row->n + 1, sizeof *im->col);
	for (int c = 0; c < row->n; c++)
		im->header[c] = xstrdup(row->field[c]);
	if (im->link)
		import_match_links(im->link, im->header, im->ncol, im->col, im->link_col);
	else
		for (int c = 0; c < row->n; c++)
			im->col[c] = import_match(im->def, row->field[c]);
	struct strbuf ignored = STRBUF_INIT;
	for (int c = 0; c < row->n; c++) {
		if (im->col[c].field < 0 && im->col[c].how == IMPORT_FIELD && *row->field[c])
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

/* An export's id and first stamp, kept so that the record comes back as it was. */
static bool put_own(struct importing *im, const struct csv_row *row, int c, struct record *rec)
{
	const char *v = cell(im, row, c);
	long long secs;
	if (im->col[c].how == IMPORT_ID) {
		if (!id_valid(v)) {
			problem(im, row->line, c, "id: '%.40s' is not one of kith's ids", v);
			return false;
		}
		snprintf(rec->id, sizeof rec->id, "%s", v);
	} else if (im->col[c].how == IMPORT_CREATED) {
		if (!date_stamp_seconds(v, &secs)) {
			problem(im, row->line, c, "created at: '%.40s' is not a time kith wrote",
				v);
			return false;
		}
		free(rec->created_at);
		rec->created_at = xstrdup(v);
	}
	return true;
}

/* The names beside references go in only where no id did: ids win over names. */
static void put_names(struct importing *im, const struct csv_row *row, struct record *rec)
{
	for (int c = 0; c < row->n; c++) {
		const char *v = cell(im, row, c);
		if (im->col[c].how == IMPORT_REF_NAME && *v && !*record_get(rec, im->col[c].field))
			record_set(rec, im->col[c].field, v);
	}
}

/* Fills rec from the row; false (with a problem noted) when a value cannot be read. Goes on
 * past one, so that every problem on the line is told. */
static bool fill(struct importing *im, const struct csv_row *row, struct record *rec)
{
	bool ok = true;
	for (int c = 0; c < row->n; c++) {
		const char *v = cell(im, row, c);
		struct import_column col = im->col[c];
		if (*v && (col.how == IMPORT_ID || col.how == IMPORT_CREATED)) {
			ok = put_own(im, row, c, rec) && ok;
			continue;
		}
		if (col.field < 0 || !*v || col.how == IMPORT_REF_NAME)
			continue;
		char buf[DATE_LEN];
		struct kerr err;
		if (col.how == IMPORT_FULL_NAME) {
			put_full_name(rec, v);
		} else if ((v = import_value(im->def, col, v, buf, sizeof buf, &err))) {
			record_set(rec, col.field, v);
		} else {
			problem(im, row->line, c, "%s", err.msg);
			ok = false;
		}
	}
	put_names(im, row, rec);
	return ok;
}

/* The column a refused field came from, for the message. */
static int column_of(struct importing *im, const char *field)
{
	for (int c = 0; c < im->ncol; c++)
		if (im->col[c].field >= 0 && !im->link &&
		    strcmp(im->def->fields[im->col[c].field].name, field) == 0)
			return c;
	return -1;
}

/* Someone already here: for people the rule the form and `person add` use
 * (person_likely_duplicate); for an asset or group, the same name and postcode. A lookup that
 * fails is the line's problem, so that the file is refused rather than let in unchecked. */
static bool likely_duplicate(struct importing *im, const struct record *rec, long line)
{
	struct kerr err;
	struct person_twin twin = {0};
	sqlite3_stmt *stmt = NULL;
	int status = K_OK, rc = SQLITE_DONE;
	if (im->kind == IMPORT_PEOPLE) {
		status = person_likely_duplicate(im->st, rec, &twin, &err);
	} else {
		status = store_cached(im->st,
				      "SELECT 1 FROM asset WHERE deleted_at IS NULL AND name = ?1 "
				      "COLLATE NOCASE AND postcode = ?2 LIMIT 1",
				      &stmt, &err);
		if (status == K_OK) {
			sqlite3_bind_text(stmt, 1, record_get(rec, ASSET_NAME), -1,
					  SQLITE_TRANSIENT);
			sqlite3_bind_text(stmt, 2, record_get(rec, ASSET_POSTCODE), -1,
					  SQLITE_TRANSIENT);
			rc = sqlite3_step(stmt);
			if (rc != SQLITE_ROW && rc != SQLITE_DONE)
				status = store_error(im->st, rc, &err);
			sqlite3_reset(stmt);
		}
	}
	if (status != K_OK)
		problem(im, line, -1, "%s", err.msg);
	return status == K_OK && (im->kind == IMPORT_PEOPLE ? *twin.id != '\0' : rc == SQLITE_ROW);
}

/* Whether def's row with this id is live (1), deleted (0, with when in deleted), or not
 * there (-1), whoever may see it: ids are unique; -2 when sqlite fails. */
static int row_state(struct store *st, const struct entity_def *def, const char *id, char *deleted,
		     size_t n)
{
	static char *made[ENTITY_COUNT];
	if (!made[def->kind])
		made[def->kind] = xasprintf("SELECT deleted_at FROM %s WHERE id = ?1", def->table);
	sqlite3_stmt *stmt = NULL;
	if (store_cached(st, made[def->kind], &stmt, NULL) != K_OK)
		return -2;
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(stmt), state = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? -1 : -2;
	if (state == 1 && sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
		snprintf(deleted, n, "%.10s", (const char *)sqlite3_column_text(stmt, 0));
		state = 0;
	}
	sqlite3_reset(stmt);
	return state;
}

/* A record of kith's own export whose id is here: left as it is (true), or refused when it
 * was deleted here (true, with a problem noted). */
static bool already_here(struct importing *im, const struct csv_row *row, struct record *rec)
{
	char deleted[DATE_LEN] = "", uk[DATE_LEN];
	int state = !im->fresh || import_ids_maybe(&im->added, rec->id)
			    ? row_state(im->st, im->def, rec->id, deleted, sizeof deleted)
			    : -1;
	if (state == 1)
		im->out->here++;
	else if (state == 0)
		problem(im, row->line, -1, "id: this %s was deleted here on %s", im->def->name,
			date_uk(deleted, uk));
	else if (state == -2)
		problem(im, row->line, -1, "id: the database could not be read");
	return state != -1;
}

/* Whether the record an automatic reference names is here and live (struct auto_answer). */
static bool auto_ref_live(struct importing *im, const struct field_def *f, const char *id,
			  char *deleted, size_t n)
{
	for (int i = 0; i < AUTO_SEEN; i++) {
		const struct auto_answer *a = &im->auto_seen[i];
		if (a->ref == (int)f->ref && strcmp(a->id, id) == 0)
			return a->live;
	}
	struct auto_answer *a = &im->auto_seen[im->auto_next];
	im->auto_next = (im->auto_next + 1) % AUTO_SEEN;
	a->live = row_state(im->st, entity_get(f->ref), id, deleted, n) == 1;
	a->ref = (int)f->ref;
	snprintf(a->id, sizeof a->id, "%.*s", ID_LEN - 1, id);
	return a->live;
}

/* What kith sets itself (who recorded it, since when its status holds, its directory id)
 * is kept from the file where it can be: a worker only when that account is here. */
static void keep_auto(struct importing *im, struct record *rec, char **given)
{
	char iso[DATE_LEN], deleted[DATE_LEN];
	for (int i = 0; i < im->def->nfields; i++) {
		const struct field_def *f = &im->def->fields[i];
		if (!given[i] || !*given[i])
			continue;
		if (f->kind == FIELD_REF ? auto_ref_live(im, f, given[i], deleted, sizeof deleted)
		    : f->kind == FIELD_DATE ? date_parse(given[i], iso, f->name, NULL) == K_OK
					    : strlen(given[i]) <= (size_t)f->max)
			record_set(rec, i, f->kind == FIELD_DATE ? iso : given[i]);
	}
}

/* The values of the automatic fields the file gives, before validation clears them. */
static char **auto_given(const struct record *rec)
{
	char **given = xcalloc((size_t)rec->def->nfields, sizeof *given);
	for (int i = 0; i < rec->def->nfields; i++)
		if (rec->def->fields[i].flags & FIELD_AUTO && *record_get(rec, i))
			given[i] = xstrdup(record_get(rec, i));
	return given;
}

static void free_given(char **given, int n)
{
	for (int i = 0; given && i < n; i++)
		free(given[i]);
	free(given);
}

/* Adds rec. A contact's person's review date follows in memory (import_review): a record of
 * an export coming back is no new contact with its person, so a review date that came with
 * them stays as it was rather than moving on from the record's date as the trigger moves it
 * for a contact recorded now (someone with none gets one, as for any contact). */
static void insert(struct importing *im, const struct csv_row *row, struct record *rec)
{
	struct kerr err;
	bool back = *rec->id != '\0'; /* the insert gives a new record its id */
	int status = entity_insert_checked(im->st, rec, &err);
	if (status == K_OK && im->review_on)
		status = import_review_contact(im->st, &im->review,
					       record_get(rec, entity_field(im->def, "person_id")),
					       record_get(rec, entity_field(im->def, "date")), back,
					       &err);
	if (status == K_OK && im->fresh)
		import_ids_add(&im->added, rec->id);
	if (status == K_OK)
		im->out->added++; /* the import's own audit row records these */
	else
		problem(im, row->line, column_of(im, err.field), "%s", err.msg);
}

/* Field i's problem, if it has one: the first the checks found, or its own check's. */
static void field_problem(struct importing *im, long line, int col, int i, const struct record *rec,
			  const struct kerr *first)
{
	const struct field_def *f = &im->def->fields[i];
	const char *v = record_get(rec, i);
	struct kerr err;
	char *out = NULL, words[64];
	if (strcmp(f->name, first->field) == 0) { /* where the checks found it */
		problem(im, line, column_of(im, first->field), "%s", first->msg);
	} else if (*v && !(f->flags & FIELD_AUTO)) {
		if (entity_normalize(im->st, im->def, i, v, &out, &err) != K_OK)
			problem(im, line, col, "%s", err.msg);
	} else if (!*v && (f->flags & FIELD_REQUIRED)) {
		entity_field_words(f, words, sizeof words);
		problem(im, line, col, "%s: required", words);
	}
	free(out);
}

/* A record the checks refused at their first problem: each other field is checked on its
 * own, so that the line's every problem is told at once, in the order of the columns. Only
 * refused lines pay for it. */
static void every_problem(struct importing *im, const struct csv_row *row, struct record *rec,
			  const struct kerr *first)
{
	int nf = im->def->nfields;
	bool *told = xcalloc((size_t)nf, sizeof *told);
	if (entity_field(im->def, first->field) < 0)
		problem(im, row->line, -1, "%s", first->msg); /* a rule across fields */
	for (int c = 0; c < im->ncol; c++) {
		int i = im->col[c].field;
		if (i >= 0 && !told[i] && im->col[c].how != IMPORT_REF_NAME)
			field_problem(im, row->line, c, i, rec, first);
		if (i >= 0 && im->col[c].how != IMPORT_REF_NAME)
			told[i] = true;
	}
	for (int i = 0; i < nf; i++) /* fields with no column: only whether they are needed */
		if (!told[i])
			field_problem(im, row->line, -1, i, rec, first);
	free(told);
}

static void one_record(struct importing *im, const struct csv_row *row)
{
	struct kerr err;
	struct record *rec = record_new(im->def);
	if (im->kind == IMPORT_GROUPS)
		record_set(rec, ASSET_CATEGORY, "association");
	bool ok = fill(im, row, rec);
	if (ok && *rec->id && already_here(im, row, rec)) {
		record_free(rec);
		return;
	}
	char **given = ok ? auto_given(rec) : NULL;
	/* the values as the form would save them, so that duplicates compare alike */
	if (entity_check_new(im->st, rec, &err) != K_OK) {
		every_problem(im, row, rec, &err);
		ok = false;
	}
	if (ok)
		keep_auto(im, rec, given);
	free_given(given, im->def->nfields);
	/* a record with its own id is one of an export's, not someone typed in twice */
	bool twin = ok && !*rec->id &&
		    (im->kind == IMPORT_PEOPLE || im->kind == IMPORT_ASSETS ||
		     im->kind == IMPORT_GROUPS) &&
		    likely_duplicate(im, rec, row->line);
	if (twin) {
		im->out->duplicates++;
		if (im->out->nduplicate_line < IMPORT_PROBLEMS_MAX)
			im->out->duplicate_line[im->out->nduplicate_line++] = row->line;
	}
	if (ok && (!twin || im->o->keep_duplicates))
		insert(im, row, rec);
	record_free(rec);
}

/* One side of a join row: its id where the row gives one, else its name; resolved as a form
 * resolves what is typed. */
static bool side(struct importing *im, const struct csv_row *row, int s, char out[ID_LEN])
{
	int c = im->link_col[s] >= 0 && *cell(im, row, im->link_col[s]) ? im->link_col[s]
									: im->link_col[s + 1];
	const struct entity_def *def = entity_get(s == 0 ? im->link->a_of : im->link->b_of);
	struct kerr err;
	if (c < 0 || !*cell(im, row, c)) {
		problem(im, row->line, -1, "no %s given", def ? def->name : im->link->b);
		return false;
	}
	if (!def) { /* a code, not a record (a story's outcome): the join checks it */
		snprintf(out, ID_LEN, "%.*s", ID_LEN - 1, cell(im, row, c));
		return true;
	}
	if (entity_resolve(im->st, def, cell(im, row, c), out, &err) == K_OK)
		return true;
	problem(im, row->line, c, "%s", err.msg);
	return false;
}

/* A join row; one that is joined so already is here already. */
static void one_link(struct importing *im, const struct csv_row *row)
{
	char a[ID_LEN], b[ID_LEN];
	if (!side(im, row, 0, a) || !side(im, row, 2, b))
		return;
	const char *extra[LINK_EXTRA];
	for (int e = 0; e < LINK_EXTRA; e++)
		extra[e] = im->link_col[4 + e] >= 0 ? cell(im, row, im->link_col[4 + e]) : "";
	struct kerr err;
	int status = im->joins.add ? import_link_row(im->st, &im->joins, a, b, extra, &err)
				   : im->link->join(im->st, a, b, extra, &err);
	if (status == K_OK)
		im->out->added++, import_bulk_touch(&im->people, a);
	else if (status == K_DUPLICATE)
		im->out->here++;
	else
		problem(im, row->line, im->link_col[strcmp(err.field, "since") == 0 ? 5 : 4], "%s",
			err.msg);
}

/* ---- the whole file ---- */

static void rows(struct importing *im, struct csv_reader *r, struct csv_row *row, size_t len)
{
	enum csv_status st;
	while ((st = csv_next(r, row)) == CSV_ROW) {
		if (csv_row_blank(row))
			continue; /* a blank line, or Excel's ",,,," below a table */
		im->out->rows++;
		long before = problems(im->out);
		if (row->n != im->ncol)
			problem(im, row->line, -1, "%d fields where the header has %d", row->n,
				im->ncol);
		else if (im->link)
			one_link(im, row);
		else
			one_record(im, row);
		im->out->refused += problems(im->out) > before;
		if (im->o->progress && im->out->rows % 500 == 0)
			im->o->progress(im->o->ctx, (double)r->at / (double)(len ? len : 1));
	}
	if (st == CSV_ERROR) {
		problem(im, r->error_line, -1, "%s", r->error);
		im->out->refused++;
	}
}

/* Whether def's table holds no row (im->fresh), ahead of a file with ids. */
static int fresh_table(struct importing *im)
{
	char *sql = xasprintf("SELECT NOT EXISTS (SELECT 1 FROM %s)", im->def->table);
	long long none = 0;
	int status = store_query_int(im->st, sql, &none, &im->bulk_err);
	free(sql);
	im->fresh = status == K_OK && none;
	return status;
}

/* Before the records, their headers matched: what makes many of them cheap. Names are looked
 * up once (entity_memo); referrals' triggers' work is done once at the end (referral_bulk);
 * contacts' review dates are followed in memory (import_review), as records of kith's own
 * export come back without moving them (insert), which SQL at the end cannot tell apart. */
/* lines: how many the file holds, or about (its line ends). */
static void rows_begin(struct importing *im, long lines)
{
	bool ids = false;
	for (int c = 0; c < im->ncol; c++)
		ids = ids || im->col[c].how == IMPORT_ID;
	entity_memo_begin(im->st, import_plan_named(im->kind));
	im->bulk_on = im->kind == IMPORT_REFERRALS;
	if (im->bulk_on) {
		im->bulk_status = referral_bulk_begin(im->st, &im->bulk, &im->bulk_err);
		im->bulk.review_apart = ids;
	}
	const char *trigger = im->kind == IMPORT_CONVERSATIONS ? "review_after_conversation"
			      : im->kind == IMPORT_WELLBEING   ? "review_after_wellbeing"
							       : NULL;
	im->review_on = trigger || (im->kind == IMPORT_REFERRALS && ids);
	if (im->review_on && im->bulk_status == K_OK) /* referral_bulk set its trigger aside */
		im->bulk_status = import_review_begin(im->st, &im->review, trigger, &im->bulk_err);
	if (im->review_on && im->bulk_status == K_OK)
		im->bulk_status = import_review_expect(im->st, &im->review, lines, &im->bulk_err);
	if (ids && im->def && im->bulk_status == K_OK)
		im->bulk_status = fresh_table(im);
	const char *table = import_plan_table(im->kind);
	if (table && im->bulk_status == K_OK)
		im->bulk_status = import_bulk_begin(im->st, &im->people, table, &im->bulk_err);
	if (im->link && im->link->values && im->bulk_status == K_OK)
		im->bulk_status = import_link_begin(im->st, &im->joins, im->link, &im->bulk_err);
}

/* After them: the triggers' work done and the triggers back. Fails only when the database
 * does. */
static int rows_end(struct importing *im, struct kerr *err)
{
	entity_memo_end(im->st);
	import_link_end(&im->joins);
	import_ids_free(&im->added);
	int status = im->bulk_status;
	if (status != K_OK && err)
		*err = im->bulk_err;
	status = import_bulk_end(im->st, &im->people, status, err);
	if (im->review_on)
		status = import_review_end(im->st, &im->review, status, err);
	if (im->bulk_on)
		status = referral_bulk_end(im->st, &im->bulk, status, err);
	im->bulk_on = im->review_on = false;
	return status;
}

/* A spreadsheet's file, read as sh says: its header, then its rows. */
static void csv_file(struct importing *im, const struct sheet *sh)
{
	struct csv_reader r;
	struct csv_row row = {0};
	sheet_describe(sh, im->out->read_as, sizeof im->out->read_as);
	csv_open(&r, sh->text, sh->len);
	r.separator = sh->separator;
	enum csv_status st = csv_next(&r, &row);
	if (st == CSV_ERROR)
		problem(im, r.error_line, -1, "%s", r.error);
	else if (st == CSV_END || row.n == 0)
		problem(im, 1, -1, "the file is empty: the first line names the columns");
	else
		match_headers(im, &row);
	im->out->refused += im->out->nproblem > 0; /* the header's line */
	if (st == CSV_ROW && row.n) {
		rows_begin(im, csv_lines_about(&r));
		rows(im, &r, &row, sh->len);
	}
	csv_row_free(&row);
}

/* kith's own JSON export: its keys are the header, each record a row. */
static void json_file(struct importing *im, const char *data, size_t n)
{
	struct import_rows j;
	char why[200];
	im->inert = false; /* JSON carries values as they are: no spreadsheet guard to undo */
	bool ok = import_json_rows(data, n, &j, why, sizeof why);
	if (!ok)
		problem(im, j.error_line, -1, "%s", why);
	else if (j.header.n == 0)
		problem(im, 1, -1, "the file holds no records");
	else
		match_headers(im, &j.header), rows_begin(im, j.n);
	im->out->refused += im->out->nproblem > 0;
	for (int i = 0; ok && j.header.n && i < j.n; i++) {
		long before = problems(im->out);
		im->out->rows++;
		if (im->link)
			one_link(im, &j.row[i]);
		else
			one_record(im, &j.row[i]);
		im->out->refused += problems(im->out) > before;
	}
	import_rows_free(&j);
}

static int run(struct importing *im, const char *path, const struct sheet *sh, struct kerr *err)
{
	int status = store_begin(im->st, err);
	if (status != K_OK)
		return status;
	store_flat(im->st, true); /* all or nothing: a line needs no savepoint of its own */
	if (import_json_looks(sh->text, sh->len))
		json_file(im, sh->text, sh->len);
	else
		csv_file(im, sh);
	status = rows_end(im, err);
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char detail[600];
	int at = snprintf(detail, sizeof detail,
			  "%s from %.200s, sha256 %s: %ld added, %ld duplicates %s",
			  import_kinds[im->kind], base, im->out->sha256, im->out->added,
			  im->out->duplicates, im->o->keep_duplicates ? "kept" : "skipped");
	if (im->out->here && at > 0 && (size_t)at < sizeof detail)
		snprintf(detail + at, sizeof detail - (size_t)at, ", %ld here already (by id)",
			 im->out->here);
	store_flat(im->st, false); /* the import's own row seals the trail (audit_record_as) */
	if (status == K_OK && !im->out->nproblem && !im->o->dry_run)
		status = audit_record(im->st, "import", import_kinds[im->kind], NULL, NULL, NULL,
				      detail, err);
	if (status == K_OK && im->out->nproblem)
		status = refused(im->out, err);
	if (status != K_OK || im->o->dry_run) {
		store_rollback(im->st);
		return status;
	}
	return store_commit(im->st, err);
}

/* The file as UTF-8 text: one that cannot be read is refused whole, or at its line. */
static int decode(struct importing *im, const char *data, size_t n, struct sheet *sh,
		  struct kerr *err)
{
	long line = 0;
	int status = sheet_read(data, n, sh, &line, err);
	if (status != K_OK && line > 0) {
		problem(im, line, -1, "%s", err->msg);
		im->out->refused++;
		status = refused(im->out, err);
	}
	return status;
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
	import_hash_of(data, n, out->sha256);
	if (!o->again)
		status = import_seen_before(st, out->sha256, err);
	struct importing im = {.st = st,
			       .kind = kind,
			       .def = def_of(kind),
			       .o = o,
			       .out = out,
			       .link = link_kinds_find(import_kinds[kind]),
			       .inert = true};
	struct sheet sh = {0};
	if (status == K_OK)
		status = decode(&im, data, n, &sh, err);
	free(data); /* what is read now is sh's UTF-8 copy */
	if (status == K_OK)
		status = store_bulk_start(st, 512, err); /* as the demo, and the baseline */
	if (status == K_OK)
		status = run(&im, path, &sh, err);
	struct kerr ended;
	if (store_bulk_end(st, &ended) != K_OK && status == K_OK)
		status = kerr_set(err, ended.status, "", "%s", ended.msg);
	for (int c = 0; c < im.ncol; c++)
		free(im.header[c]);
	free(im.header), free(im.col);
	sheet_free(&sh);
	return status;
}
