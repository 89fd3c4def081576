/* Many referrals at once (an import): the triggers that keep the monthly flow, the network's
 * stamp and people's review dates each cost a few writes a referral, so they are set aside
 * inside the import's transaction and their work done once at the end, for the referrals
 * added since, leaving every row as the triggers would have. Set aside inside the
 * transaction, they come back with it if it is rolled back. */
#include "referral.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "store.h"
#include "xalloc.h"

/* Each trigger's work for the referrals after rowid ?1: the same sums, stamps and dates, as
 * one statement. A review date is the latest of what each referral's trigger would have set
 * (date() of each, as a month added to the 31st is not the month after the 30th's). */
static const char *const done_once[] = {
	"INSERT INTO referral_flow (month, from_rowid, to_rowid, n) "
	"SELECT substr(r.date, 1, 7), f.fts_rowid, t.fts_rowid, count(*) "
	"FROM referral r JOIN asset f ON f.id = r.from_asset_id JOIN asset t ON t.id = "
	"r.to_asset_id WHERE r.rowid > ?1 AND r.deleted_at IS NULL GROUP BY 1, 2, 3 "
	"ON CONFLICT (month, from_rowid, to_rowid) DO UPDATE SET n = n + excluded.n",
	"UPDATE network_stamp SET n = n + (SELECT count(*) FROM referral WHERE rowid > ?1)",
	"UPDATE person SET review_date = max(coalesce(review_date, ''), r.due) "
	"FROM (SELECT person_id, max(date(date, '+' || coalesce((SELECT value FROM setting "
	"WHERE key = 'retention_months' AND deleted_at IS NULL), '24') || ' months')) AS due "
	"FROM referral WHERE rowid > ?1 AND deleted_at IS NULL GROUP BY person_id) r "
	"WHERE person.id = r.person_id AND person.deleted_at IS NULL",
};

static int one(struct store *st, const char *sql, long long mark, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st, sql, &stmt, err);
	if (status != K_OK)
		return status;
	if (mark >= 0)
		sqlite3_bind_int64(stmt, 1, mark);
	int rc = sqlite3_step(stmt);
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

int referral_bulk_begin(struct store *st, struct referral_bulk *b, struct kerr *err)
{
	*b = (struct referral_bulk){0};
	char *name[REFERRAL_BULK_TRIGGERS] = {NULL};
	int status = store_query_int(st, "SELECT coalesce(max(rowid), 0) FROM referral", &b->mark,
				     err);
	sqlite3_stmt *stmt = NULL;
	if (status == K_OK)
		status = store_prepare(st,
				       "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' "
				       "AND name IN ('referral_flow_insert', "
				       "'referral_flow_stamp_insert', 'review_after_referral') "
				       "ORDER BY name",
				       &stmt, err);
	int rc = SQLITE_DONE;
	while (status == K_OK && b->n < REFERRAL_BULK_TRIGGERS &&
	       (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		name[b->n] = sqlite3_mprintf("DROP TRIGGER \"%w\"", sqlite3_column_text(stmt, 0));
		b->sql[b->n++] = xstrdup((const char *)sqlite3_column_text(stmt, 1));
	}
	if (status == K_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
		status = store_error(st, rc, err);
	sqlite3_finalize(stmt);
	/* dropped once the schema is no longer being read */
	for (int i = 0; i < b->n; i++) {
		if (status == K_OK)
			status = one(st, name[i], -1, err);
		sqlite3_free(name[i]);
	}
	return status;
}

int referral_bulk_end(struct store *st, struct referral_bulk *b, int status, struct kerr *err)
{
	size_t n = sizeof done_once / sizeof *done_once - (b->review_apart ? 1 : 0);
	for (size_t i = 0; i < n; i++) /* the review dates' last */
		if (status == K_OK)
			status = one(st, done_once[i], b->mark, err);
	for (int i = 0; i < b->n; i++) {
		if (status == K_OK)
			status = one(st, b->sql[i], -1, err);
		free(b->sql[i]);
	}
	b->n = 0;
	return status;
}
