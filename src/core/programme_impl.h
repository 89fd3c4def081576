/* Private to the programme report (report_programme.c, programme_counts.c): whose work and
 * which period it reads, and the one way its queries are bound and run. */
#ifndef KITH_PROGRAMME_IMPL_H
#define KITH_PROGRAMME_IMPL_H

#include "kerr.h"
#include "report.h"
#include "strbuf.h"

struct store;
struct sqlite3_stmt;

/* A row about a person counts while it is live, and also when its tombstone is their
 * erasure's (erasure stamps every row it removes with the time in its register), so that
 * erasing someone keeps what the work did while their details go; a row deleted by mistake,
 * before or without an erasure, does not count. Over alias t. */
#define PROGRAMME_KEPT(t) \
	"(" t ".deleted_at IS NULL OR " t ".deleted_at = (SELECT e.erased_at FROM erasure e " \
	"WHERE e.person_id = " t ".person_id))"

/* Binds ?1 from, ?2 to, ?3 the worker and ?4 the neighbourhood, where the statement has
 * them (a query for the programme leaves ?3 out, so that it can read an index alone). */
void programme_bind(struct sqlite3_stmt *stmt, const struct report_query *q);
/* Runs sql (bound as above) for one number: the first column of its one row. */
int programme_number(struct store *st, const struct report_query *q, const char *sql, double *out,
		     struct kerr *err);
/* " AND <column> = ?3" when the report is one worker's, else "". */
void programme_worker_cond(struct strbuf *sql, const struct report_query *q, const char *column);
/* " AND <person column> IN (people of ?4)" when the report is one neighbourhood's. */
void programme_person_nb(struct strbuf *sql, const struct report_query *q, const char *column);

/* The programme counts (programme_counts.c): residents reached and participating, and for
 * the programme volunteers, champions, partnerships and funding. */
int programme_counts(struct store *st, const struct report_query *q, struct report *out,
		     struct kerr *err);

#endif
