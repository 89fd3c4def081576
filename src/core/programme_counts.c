/* The programme counts of the programme report, as Stoke's project reported them: residents
 * reached and participating, partnerships established, volunteers (and the regular ones),
 * community champions and funding secured. These are counts, so restricted people are in
 * them (never named), and an erased person's past contacts stay in them. One worker's report
 * counts the residents their own work reached; the rest are the programme's. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "programme_impl.h"
#include "report.h"
#include "store.h"
#include "strbuf.h"

/* The people each kind of contact in the period touched: a conversation, a referral (kept
 * whole by erasure), attendance at an activity, a wellbeing answer; in one worker's report,
 * those of their own work (the activities they were responsible for). */
static void contacts(struct strbuf *sql, const struct report_query *q, bool attended_only)
{
	strbuf_puts(sql, "SELECT t.person_id AS pid FROM attendance t JOIN activity a ON a.id = "
			 "t.activity_id WHERE a.deleted_at IS NULL AND a.date BETWEEN ?1 AND ?2 "
			 "AND " PROGRAMME_KEPT("t"));
	programme_worker_cond(sql, q, "a.worker_id");
	/* one worker's referrals that reached attended: their own, by the index of each
	 * worker's (the planner would rather read every referral of the status) */
	if (attended_only)
		strbuf_puts(sql, " UNION ALL SELECT t.person_id FROM referral t INDEXED BY "
				 "referral_worker WHERE t.deleted_at IS NULL AND t.date BETWEEN "
				 "?1 AND ?2 AND t.status = 'attended'");
	else
		strbuf_puts(sql, " UNION ALL SELECT t.person_id FROM referral t WHERE "
				 "t.deleted_at IS NULL AND t.date BETWEEN ?1 AND ?2");
	programme_worker_cond(sql, q, "t.worker_id");
	if (attended_only)
		return;
	static const char *const tables[] = {"conversation", "wellbeing"};
	for (int i = 0; i < 2; i++) {
		strbuf_printf(sql,
			      " UNION ALL SELECT t.person_id FROM %s t WHERE t.date BETWEEN ?1 AND "
			      "?2 AND " PROGRAMME_KEPT("t"),
			      tables[i]);
		programme_worker_cond(sql, q, "t.worker_id");
	}
}

static int of_people(struct store *st, const struct report_query *q, const char *rows, double *out,
		     struct kerr *err);

/* The programme's residents, person by person (tombstones of the erased too), each found by
 * their own index entries rather than a million referrals' ids gathered and made distinct:
 * 2 for those participating (among the period's attendance, a few thousand rows gathered
 * once, or with a referral that reached attended, in the index of those), 1 for the others
 * reached (any referral, conversation or wellbeing answer in the period), 0 for the rest. So
 * the participating, most of those reached, are looked for once. */
#define ATTENDED_ACTIVITY \
	"p.id IN (SELECT t.person_id FROM attendance t JOIN activity a ON a.id = t.activity_id " \
	"WHERE a.deleted_at IS NULL AND a.date BETWEEN ?1 AND ?2 AND " PROGRAMME_KEPT("t") ")"
#define ATTENDED_REFERRAL \
	"EXISTS (SELECT 1 FROM referral t INDEXED BY referral_attended WHERE t.person_id = " \
	"p.id AND t.deleted_at IS NULL AND t.status = 'attended' AND t.date BETWEEN ?1 AND ?2)"
#define ANY_REFERRAL \
	"EXISTS (SELECT 1 FROM referral t WHERE t.person_id = p.id AND t.date BETWEEN ?1 AND ?2 " \
	"AND t.deleted_at IS NULL)"
/* a conversation or a wellbeing answer */
#define ANY_OF(table) \
	"EXISTS (SELECT 1 FROM " table " t WHERE t.person_id = p.id AND t.date BETWEEN ?1 AND " \
	"?2 AND " PROGRAMME_KEPT("t") ")"
static const char residents_sql[] =
	"SELECT k, count(*) FROM (SELECT CASE WHEN " ATTENDED_ACTIVITY " OR " ATTENDED_REFERRAL
	" THEN 2 WHEN " ANY_REFERRAL " OR " ANY_OF("conversation") " OR " ANY_OF(
		"wellbeing") " THEN 1 ELSE 0 END AS k FROM person p WHERE 1";

static int programme_residents(struct store *st, const struct report_query *q, double *reached,
			       double *participating, struct kerr *err)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_puts(&sql, residents_sql);
	if (q->neighbourhood)
		strbuf_puts(&sql, " AND p.neighbourhood = ?4 COLLATE NOCASE");
	strbuf_puts(&sql, ") GROUP BY k");
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(st, strbuf_str(&sql), &stmt, err);
	strbuf_free(&sql);
	if (status != K_OK)
		return status;
	programme_bind(stmt, q);
	*reached = *participating = 0;
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		int k = sqlite3_column_int(stmt, 0);
		double n = sqlite3_column_double(stmt, 1);
		*reached += k > 0 ? n : 0;
		*participating += k == 2 ? n : 0;
	}
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return status;
}

/* The residents reached and participating: the programme's as above, one worker's from
 * the contacts of their own work. */
static int residents(struct store *st, const struct report_query *q, double *reached,
		     double *participating, struct kerr *err)
{
	if (!q->worker[0])
		return programme_residents(st, q, reached, participating, err);
	struct strbuf rows = STRBUF_INIT;
	contacts(&rows, q, false);
	int status = of_people(st, q, strbuf_str(&rows), reached, err);
	strbuf_reset(&rows);
	contacts(&rows, q, true);
	if (status == K_OK)
		status = of_people(st, q, strbuf_str(&rows), participating, err);
	strbuf_free(&rows);
	return status;
}

static int unnamed(struct store *st, const struct report_query *q, double *out, struct kerr *err)
{
	struct strbuf sql = STRBUF_INIT;
	/* an erasure counts the person among those not named at each activity they came to;
	 * they are counted by their tombstone among the residents reached already */
	strbuf_puts(&sql,
		    "SELECT coalesce(sum(t.unnamed - (SELECT count(*) FROM attendance n "
		    "WHERE n.activity_id = t.id AND n.deleted_at IS NOT NULL AND "
		    "n.deleted_at = (SELECT e.erased_at FROM erasure e WHERE e.person_id = "
		    "n.person_id))), 0) FROM activity t WHERE t.deleted_at IS NULL AND t.date "
		    "BETWEEN ?1 AND ?2");
	programme_worker_cond(&sql, q, "t.worker_id");
	if (q->neighbourhood)
		strbuf_puts(&sql, " AND t.host_asset_id IN (SELECT a.id FROM asset a WHERE "
				  "a.neighbourhood = ?4 COLLATE NOCASE)");
	int status = programme_number(st, q, strbuf_str(&sql), out, err);
	strbuf_free(&sql);
	return status;
}

/* A group's members in a role at any time in the period (kept through erasure). */
#define MEMBERS(role) \
	"SELECT t.person_id AS pid FROM membership t WHERE t.role = '" role "' AND " \
	"coalesce(t.since, '0000-01-01') <= ?2 AND coalesce(t.until, '9999-12-31') >= ?1 AND " PROGRAMME_KEPT( \
		"t")

/* A month's number, to count the months between two dates. */
#define MONTHNO(d) \
	"(CAST(substr(" d ", 1, 4) AS INTEGER) * 12 + CAST(substr(" d ", 6, 2) AS INTEGER))"
#define SPAN_FROM "max(coalesce(t.since, '0000-01-01'), ?1)"
#define SPAN_TO "min(coalesce(t.until, '9999-12-31'), ?2)"

/* Volunteers: at an activity in the period, or a group's volunteer during it. Regular: at
 * activities in three different months of the period or more, or a group's volunteer over
 * three of its months or more. */
static const char volunteers_sql[] =
	"SELECT t.person_id AS pid FROM attendance t JOIN "
	"activity a ON a.id = t.activity_id WHERE t.role = 'volunteer' AND a.deleted_at IS NULL "
	"AND a.date BETWEEN ?1 AND ?2 AND " PROGRAMME_KEPT("t") " UNION ALL " MEMBERS("volunteer");
static const char regular_sql[] =
	"SELECT t.person_id AS pid FROM attendance t JOIN "
	"activity a ON a.id = t.activity_id WHERE t.role = 'volunteer' AND a.deleted_at IS NULL "
	"AND a.date BETWEEN ?1 AND ?2 AND " PROGRAMME_KEPT(
		"t") " GROUP BY t.person_id HAVING count(DISTINCT substr(a.date, 1, 7)) >= 3 "
		     "UNION ALL " MEMBERS("volunteer") " AND " MONTHNO(SPAN_TO) " - " MONTHNO(
			     SPAN_FROM) " + 1 >= 3";
static const char champions_sql[] = MEMBERS("champion");

/* How many people rows (a query of pid) names, in the neighbourhood if the report is one's. */
static int of_people(struct store *st, const struct report_query *q, const char *rows, double *out,
		     struct kerr *err)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_printf(&sql, "SELECT count(DISTINCT pid) FROM (%s) WHERE 1", rows);
	programme_person_nb(&sql, q, "pid");
	int status = programme_number(st, q, strbuf_str(&sql), out, err);
	strbuf_free(&sql);
	return status;
}

static int partnerships(struct store *st, const struct report_query *q, double *out,
			struct kerr *err)
{
	struct strbuf sql = STRBUF_INIT;
	strbuf_puts(&sql, "SELECT count(*) FROM partnership t WHERE t.deleted_at IS NULL AND "
			  "t.since BETWEEN ?1 AND ?2");
	if (q->neighbourhood)
		strbuf_puts(&sql, " AND EXISTS (SELECT 1 FROM partner p JOIN asset a ON a.id = "
				  "p.asset_id WHERE p.partnership_id = t.id AND p.deleted_at IS "
				  "NULL AND a.neighbourhood = ?4 COLLATE NOCASE)");
	int status = programme_number(st, q, strbuf_str(&sql), out, err);
	strbuf_free(&sql);
	return status;
}

static int reached(struct store *st, const struct report_query *q, struct report *out,
		   struct kerr *err)
{
	double n = 0, participating = 0;
	int status = residents(st, q, &n, &participating, err);
	if (status == K_OK)
		report_figure(out, "counts.residents_reached", "Residents reached", n, "",
			      "people with a conversation, referral, attendance or wellbeing "
			      "answer in the period");
	if (status == K_OK)
		status = unnamed(st, q, &n, err);
	if (status == K_OK)
		report_figure(out, "counts.unnamed_attendance", "Others at activities", n, "",
			      "came to activities and were not recorded by name");
	if (status == K_OK)
		report_figure(out, "counts.residents_participating", "Residents participating",
			      participating, "",
			      "attended an activity, or a referral that reached attended");
	return status;
}

/* The people who give their time, each count a query of pid. */
/* clang-format off */
static const struct {
	const char *key, *label, *note, *rows;
} helpers[] = {
	{"counts.volunteers", "Volunteers",
	 "volunteered at an activity, or a group's volunteer", volunteers_sql},
	{"counts.regular_volunteers", "Regular volunteers",
	 "volunteering in three different months of the period or more", regular_sql},
	{"counts.champions", "Community champions", "a group's champion in the period",
	 champions_sql},
};
/* clang-format on */

static int programme_only(struct store *st, const struct report_query *q, struct report *out,
			  struct kerr *err)
{
	double n = 0;
	int status = partnerships(st, q, &n, err);
	if (status == K_OK)
		report_figure(out, "counts.partnerships", "Partnerships established", n, "",
			      "partnerships begun in the period");
	for (size_t i = 0; status == K_OK && i < sizeof helpers / sizeof *helpers; i++) {
		status = of_people(st, q, helpers[i].rows, &n, err);
		if (status == K_OK)
			report_figure(out, helpers[i].key, helpers[i].label, n, "",
				      helpers[i].note);
	}
	if (status == K_OK)
		status = programme_number(
			st, q,
			"SELECT coalesce(sum(amount_pence), 0) / 100.0 FROM "
			"funding WHERE deleted_at IS NULL AND date BETWEEN ?1 AND ?2",
			&n, err);
	if (status == K_OK)
		report_figure(out, "counts.funding", "Funding secured", n, "£",
			      q->neighbourhood ? "the programme's, in every neighbourhood"
					       : "awarded in the period");
	return status;
}

int programme_counts(struct store *st, const struct report_query *q, struct report *out,
		     struct kerr *err)
{
	report_heading(out, "Programme counts");
	int status = reached(st, q, out, err);
	if (status == K_OK && !q->worker[0])
		status = programme_only(st, q, out, err);
	else if (status == K_OK)
		report_text(out, "Partnerships, volunteers, champions and funding are the "
				 "programme's: the programme report has them.");
	return status;
}
