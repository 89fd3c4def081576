/* The readiness self-assessment: a sitting (the entity) and its answers, one per question,
 * each a rating and the local evidence for it; and what the readiness report reads back. */
#include "readiness.h"

#include <ctype.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audit.h"
#include "auth.h"
#include "record.h"
#include "store.h"
#include "valid.h"
#include "xalloc.h"

/* clang-format off */
static const struct field_def fields[READINESS_NFIELDS] = {
	[READINESS_DATE] = {"date", "Date", FIELD_DATE, FIELD_REQUIRED | FIELD_LISTED, 0, 0, NULL, 0,
			    "today", 10, "when the assessment was made"},
	[READINESS_TITLE] = {"title", "Title", FIELD_TEXT, FIELD_LISTED, 200, 0, NULL, 0, NULL, 36,
			     "a name for the sitting: \"Spring review with partners\""},
	[READINESS_NOTES] = {"notes", "Notes", FIELD_NOTE, 0, 10000, 0, NULL, 0, NULL, 30,
			     "who took part, what was agreed"},
	[READINESS_WORKER] = {"worker_id", "Recorded by", FIELD_REF, FIELD_AUTO | FIELD_LISTED, 0, 0,
			      NULL, ENTITY_WORKER, NULL, 14, NULL},
};
/* clang-format on */

static const struct sort_def sorts[] = {
	{"date", "newest first", {"t.date", "t.id", NULL}, true},
};

static int check(struct store *st, const struct record *old, struct record *rec, struct kerr *err)
{
	(void)err;
	if (!old)
		record_set(rec, READINESS_WORKER, store_actor(st));
	return K_OK;
}

const struct entity_def readiness_entity = {
	.kind = ENTITY_READINESS,
	.name = "readiness",
	.plural = "readiness assessments",
	.table = "readiness",
	.fields = fields,
	.nfields = READINESS_NFIELDS,
	.sorts = sorts,
	.nsorts = sizeof sorts / sizeof *sorts,
	.display = "CASE WHEN @.title <> '' THEN @.title ELSE 'readiness of ' || @.date END",
	.search = "t.title LIKE :like ESCAPE '\\' OR t.date LIKE :like ESCAPE '\\'",
	.scope_field = -1,
	.check = check,
	.writes = AUTH_PROGRAMME,
};

int readiness_rating_parse(const char *text, int *out, struct kerr *err)
{
	size_t n = text ? strlen(text) : 0;
	if (n == 1 && text[0] >= '1' && text[0] <= '4') {
		*out = text[0] - '0';
		return K_OK;
	}
	for (int i = 0; n >= 2 && i < READINESS_LEVELS; i++)
		if (strncasecmp(readiness_levels[i], text, n) == 0) {
			*out = i + 1;
			return K_OK;
		}
	return kerr_set(err, K_INVALID, "rating",
			"rating: '%.20s' is not 1 (not yet), 2 (emerging), 3 (developing) or 4 "
			"(established)",
			text ? text : "");
}

static int write_answer(struct store *st, const char *id, int question, int rating,
			const char *evidence, struct kerr *err)
{
	char now[STAMP_LEN], q[4], r[4];
	date_stamp(now);
	snprintf(q, sizeof q, "%d", question);
	snprintf(r, sizeof r, "%d", rating);
	/* an answer given again replaces the one before; a tombstoned one comes back */
	const char *v[] = {id, q, rating ? r : NULL, evidence, now, store_actor(st)};
	int status = store_run(st,
			       "INSERT INTO readiness_answer (readiness_id, question, rating, "
			       "evidence, created_at, updated_at, updated_by) VALUES (?1, ?2, ?3, "
			       "coalesce(?4, ''), ?5, ?5, ?6) ON CONFLICT (readiness_id, question) "
			       "DO UPDATE SET rating = coalesce(?3, rating), evidence = "
			       "coalesce(?4, evidence), updated_at = ?5, updated_by = ?6, "
			       "deleted_at = NULL",
			       v, 6, err);
	char detail[40];
	snprintf(detail, sizeof detail, "question %d rated %d", question, rating);
	if (status == K_OK)
		status = audit_record(st, "update", "readiness_answer", id, NULL, "rating", detail,
				      err);
	return status;
}

int readiness_rate(struct store *st, const char *assessment, int question, int rating,
		   const char *evidence, struct kerr *err)
{
	if (question < 1 || question > READINESS_QUESTIONS)
		return kerr_set(err, K_INVALID, "question", "question: %d is not 1 to %d", question,
				READINESS_QUESTIONS);
	if (rating < 0 || rating > READINESS_LEVELS)
		return kerr_set(err, K_INVALID, "rating",
				"rating: %d is not 1 to %d (0: not rated)", rating,
				READINESS_LEVELS);
	if (evidence && valid_text(evidence, 4000, true, "evidence", err) != K_OK)
		return K_INVALID;
	char id[ID_LEN];
	int status = store_begin(st, err);
	if (status != K_OK)
		return status;
	status = auth_require(st, AUTH_PROGRAMME, err);
	if (status == K_OK)
		status = entity_resolve(st, &readiness_entity, assessment, id, err);
	if (status == K_OK)
		status = write_answer(st, id, question, rating, evidence, err);
	return store_finish(st, status, err);
}

/* ---- reading back ---- */

static int load_answers(struct store *st, struct readiness_answers *a, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(
		st,
		"SELECT question, coalesce(rating, 0), evidence FROM "
		"readiness_answer WHERE readiness_id = ?1 AND deleted_at IS NULL",
		&stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, a->id, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		int q = sqlite3_column_int(stmt, 0) - 1;
		if (q < 0 || q >= READINESS_QUESTIONS)
			continue;
		a->rating[q] = sqlite3_column_int(stmt, 1);
		free(a->evidence[q]);
		a->evidence[q] = xstrdup((const char *)sqlite3_column_text(stmt, 2));
	}
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

int readiness_answers_load(struct store *st, const char *id, struct readiness_answers *out,
			   struct kerr *err)
{
	memset(out, 0, sizeof *out);
	struct record *rec = NULL;
	int status = entity_load(st, &readiness_entity, id, &rec, err);
	if (status != K_OK)
		return status;
	snprintf(out->id, sizeof out->id, "%s", rec->id);
	snprintf(out->date, sizeof out->date, "%s", record_get(rec, READINESS_DATE));
	out->title = xstrdup(record_display(rec));
	record_free(rec);
	for (int q = 0; q < READINESS_QUESTIONS; q++)
		out->evidence[q] = xstrdup("");
	status = load_answers(st, out, err);
	if (status != K_OK)
		readiness_answers_free(out);
	return status;
}

void readiness_answers_free(struct readiness_answers *a)
{
	free(a->title);
	for (int q = 0; q < READINESS_QUESTIONS; q++)
		free(a->evidence[q]);
	memset(a, 0, sizeof *a);
}

bool readiness_theme_mean(const struct readiness_answers *a, int theme, double *out)
{
	int sum = 0, n = 0;
	for (int q = 0; q < READINESS_QUESTIONS; q++)
		if (readiness_questions[q].theme == theme && a->rating[q] > 0)
			sum += a->rating[q], n++;
	if (n)
		*out = (double)sum / n;
	return n > 0;
}

int readiness_sittings(struct store *st, const char *to, struct readiness_sitting **out, int *n,
		       struct kerr *err)
{
	*out = NULL;
	*n = 0;
	int status = entity_may_read(st, &readiness_entity, err);
	sqlite3_stmt *stmt = NULL;
	if (status == K_OK)
		status = store_prepare(
			st,
			"SELECT id, date FROM readiness WHERE deleted_at IS NULL AND "
			"(?1 = '' OR date <= ?1) ORDER BY date, created_at, id",
			&stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, to ? to : "", -1, SQLITE_STATIC);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		*out = xgrow(*out, (size_t)*n, &cap, sizeof **out);
		snprintf((*out)[*n].id, ID_LEN, "%s", sqlite3_column_text(stmt, 0));
		snprintf((*out)[*n].date, DATE_LEN, "%s", sqlite3_column_text(stmt, 1));
		(*n)++;
	}
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	if (status != K_OK) {
		free(*out);
		*out = NULL, *n = 0;
	}
	return status;
}
