/* Stories in a report: those of the period their person agreed to share, told as by "a
 * resident of <neighbourhood>" unless they agreed to be named. Nobody else linked to a story
 * is named; a restricted person's stories never leave kith. */
#include "story.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "entity_impl.h"
#include "person.h"
#include "report.h"
#include "store.h"
#include "strbuf.h"

static char *select_sql(struct store *st, const struct report_query *q)
{
	char *name = entity_sql_alias(person_entity.display, "p");
	struct strbuf sql = STRBUF_INIT;
	strbuf_printf(&sql,
		      "SELECT s.title, s.body, s.voice, s.may_name, %s, coalesce(p.neighbourhood, "
		      "''), s.person_id IS NOT NULL FROM story s LEFT JOIN person p ON p.id = "
		      "s.person_id WHERE s.deleted_at IS NULL AND s.consent_share = 1 AND s.date "
		      "BETWEEN ?1 AND ?2 AND (s.person_id IS NULL OR (p.deleted_at IS NULL AND "
		      "p.restricted = 0))",
		      name);
	if (q->worker[0])
		strbuf_puts(&sql, " AND s.worker_id = ?3");
	if (q->neighbourhood && *q->neighbourhood)
		strbuf_puts(&sql, " AND p.neighbourhood = ?4");
	entity_visible(st, &story_entity, "s", &sql);
	strbuf_puts(&sql, " ORDER BY s.date DESC, s.id LIMIT ?5");
	free(name);
	return strbuf_take(&sql);
}

/* Who told it, as a report may say it. */
static void by_line(sqlite3_stmt *stmt, char *out, size_t n)
{
	const char *voice = (const char *)sqlite3_column_text(stmt, 2);
	const char *name = (const char *)sqlite3_column_text(stmt, 4);
	const char *nb = (const char *)sqlite3_column_text(stmt, 5);
	bool named = sqlite3_column_int(stmt, 3) == 1 && name && *name;
	bool someone = sqlite3_column_int(stmt, 6) == 1;
	char who[240];
	if (named)
		snprintf(who, sizeof who, "%s", name);
	else if (someone && *nb)
		snprintf(who, sizeof who, "a resident of %s", nb);
	else
		snprintf(who, sizeof who, "a resident");
	if (voice && voice[0] == 'w') /* worker_account */
		snprintf(out, n, "their connector, about %s", who);
	else
		snprintf(out, n, "%s, in their own words", who);
}

int story_report(struct store *st, const struct report_query *q, int max, struct report *out,
		 struct kerr *err)
{
	char *sql = select_sql(st, q);
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st, sql, &stmt, err), rc = SQLITE_DONE, n = 0;
	free(sql);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, q->from, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, q->to, -1, SQLITE_STATIC);
	if (q->worker[0])
		sqlite3_bind_text(stmt, 3, q->worker, -1, SQLITE_STATIC);
	if (q->neighbourhood && *q->neighbourhood)
		sqlite3_bind_text(stmt, 4, q->neighbourhood, -1, SQLITE_STATIC);
	sqlite3_bind_int(stmt, 5, max);
	report_heading(out, "Stories");
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		char by[300];
		by_line(stmt, by, sizeof by);
		report_story(out, (const char *)sqlite3_column_text(stmt, 0),
			     (const char *)sqlite3_column_text(stmt, 1), by);
		n++;
	}
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	if (status == K_OK && n == 0)
		report_text(out, "No story of the period may be shared yet.");
	return status;
}
