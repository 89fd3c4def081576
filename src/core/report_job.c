/* A report built in the background: report_build on a reader of the session's own (its actor
 * and role copied, so the same checks hold) in one read transaction, so that every figure of
 * the document counts the same rows. */
#include "report_job.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "xalloc.h"

#define READER_CACHE_KB 2048

struct report_job {
	pthread_t thread;
	struct store *reader;
	const struct report_def *def;
	struct report_query q;
	char neighbourhood[200];
	atomic_bool done;
	atomic_bool stop; /* cancelled: every statement of the build from now on stops */
	int status;
	struct kerr err;
	struct report r;
};

/* sqlite3_interrupt stops only the statements running when it is called: one that falls
 * between two of the report's many would leave the rest of the build to run while the
 * screen waits for it (half a second at borough size). */
static int stopped(void *arg)
{
	return atomic_load(&((struct report_job *)arg)->stop);
}

static void *work(void *arg)
{
	struct report_job *j = arg;
	j->status = store_exec(j->reader, "BEGIN", &j->err);
	if (j->status == K_OK) {
		j->status = report_build(j->reader, j->def, &j->q, &j->r, &j->err);
		struct kerr ignored;
		store_exec(j->reader, "COMMIT", &ignored);
	}
	atomic_store(&j->done, true);
	return NULL;
}

struct report_job *report_job_start(struct store *st, const struct report_def *def,
				    const struct report_query *q, struct kerr *err)
{
	struct report_job *j = xcalloc(1, sizeof *j);
	j->def = def;
	j->q = *q;
	if (q->neighbourhood) {
		snprintf(j->neighbourhood, sizeof j->neighbourhood, "%s", q->neighbourhood);
		j->q.neighbourhood = j->neighbourhood;
	}
	atomic_init(&j->done, false);
	atomic_init(&j->stop, false);
	if (store_open_reader(st, READER_CACHE_KB, &j->reader, err) != K_OK) {
		free(j);
		return NULL;
	}
	sqlite3_progress_handler(store_db(j->reader), 1000, stopped, j);
	if (pthread_create(&j->thread, NULL, work, j) != 0) {
		kerr_set(err, K_IO, "", "the report could not be built in the background");
		store_close(j->reader);
		free(j);
		return NULL;
	}
	return j;
}

bool report_job_done(const struct report_job *j)
{
	return atomic_load(&((struct report_job *)j)->done);
}

int report_job_finish(struct report_job *j, struct report *out, struct report_query *q,
		      struct kerr *err)
{
	pthread_join(j->thread, NULL);
	int status = j->status;
	*out = j->r;
	if (q) {
		*q = j->q;
		q->neighbourhood = NULL; /* the job's copy goes with it */
	}
	if (status != K_OK && err)
		*err = j->err;
	store_close(j->reader);
	free(j);
	return status;
}

void report_job_cancel(struct report_job *j)
{
	if (!j)
		return;
	atomic_store(&j->stop, true);
	sqlite3_interrupt(store_db(j->reader));
	pthread_join(j->thread, NULL);
	report_free(&j->r);
	store_close(j->reader);
	free(j);
}
