/* Building a report in the background, for the Reports screen: a thread of its own on a
 * read-only connection of its own (as network_job does), so that keys are answered while a
 * borough's year is counted. The document is handed over whole when the job is finished. */
#ifndef KITH_REPORT_JOB_H
#define KITH_REPORT_JOB_H

#include <stdbool.h>

#include "report.h"

struct report_job;

/* Starts building def for q (copied: the caller's strings may go) as the session's reader,
 * with report_build's checks. NULL with err when no second connection or thread could be
 * had (a database in memory has none). */
struct report_job *report_job_start(struct store *st, const struct report_def *def,
				    const struct report_query *q, struct kerr *err);
bool report_job_done(const struct report_job *j);
/* Waits for it, hands over the document (*out, freed by the caller with report_free, also on
 * failure) and the query as report_build filled it (its period), and frees the job. */
int report_job_finish(struct report_job *j, struct report *out, struct report_query *q,
		      struct kerr *err);
/* Stops it and frees it (NULL is fine). */
void report_job_cancel(struct report_job *j);

#endif
