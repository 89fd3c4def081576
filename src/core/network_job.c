/* Measuring a report, or its trend month by month, in the background: a thread of its own on
 * a read-only connection of its own (a connection is never shared between threads), so that
 * the interface keeps answering keys while a borough's network is loaded and measured. What
 * was measured is handed over whole, with the stamp of the network it measured, when the
 * caller takes it. */
#include "network.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "store.h"
#include "xalloc.h"

/* The reader's page cache: it reads the flow once, in order, so a small one does. */
#define READER_CACHE_KB 512

struct network_job {
	pthread_t thread;
	struct store *reader;
	struct network_query q;
	char neighbourhood[200], category[100];
	struct network_options o;
	atomic_bool stop, done;
	int status;
	struct kerr err;
	struct network_report r;
	struct network_trend *trend; /* measuring the trend (network_trend_job_start) */
	long long stamp;
};

static bool keep_going(void *ctx, double done)
{
	(void)done;
	return !atomic_load(&((struct network_job *)ctx)->stop);
}

/* One read transaction on the reader (which never writes): the stamp is the one of the
 * very rows measured. */
static int report_stamped(struct store *reader, const struct network_query *q,
			  const struct network_options *o, struct network_report *out,
			  long long *stamp, struct kerr *err)
{
	memset(out, 0, sizeof *out);
	int status = store_exec(reader, "BEGIN", err);
	if (status != K_OK)
		return status;
	status = network_stamp(reader, stamp, err);
	if (status == K_OK)
		status = network_report(reader, q, o, out, err);
	struct kerr ignored;
	store_exec(reader, "COMMIT", &ignored);
	return status;
}

/* The trend as report_stamped measures a report: its stamp that of the very rows read. */
static int trend_stamped(struct network_job *j)
{
	int status = store_exec(j->reader, "BEGIN", &j->err);
	if (status != K_OK)
		return status;
	status = network_stamp(j->reader, &j->stamp, &j->err);
	if (status == K_OK)
		status = network_trend_stoppable(j->reader, &j->q, keep_going, j, j->trend,
						 &j->err);
	struct kerr ignored;
	store_exec(j->reader, "COMMIT", &ignored);
	return status;
}

static void *work(void *arg)
{
	struct network_job *j = arg;
	network_background();
	if (j->trend)
		j->status = trend_stamped(j);
	else
		j->status = report_stamped(j->reader, &j->q, &j->o, &j->r, &j->stamp, &j->err);
	if (j->status == K_OK && atomic_load(&j->stop)) {
		network_report_free(&j->r);
		j->status = kerr_set(&j->err, K_BUSY, "", "measuring was stopped");
	}
	atomic_store(&j->done, true);
	return NULL;
}

/* The job's own copy of the query: the caller's strings may go before the job ends. */
static void copy_query(struct network_job *j, const struct network_query *q)
{
	j->q = *q;
	if (q->neighbourhood) {
		snprintf(j->neighbourhood, sizeof j->neighbourhood, "%s", q->neighbourhood);
		j->q.neighbourhood = j->neighbourhood;
	}
	if (q->category) {
		snprintf(j->category, sizeof j->category, "%s", q->category);
		j->q.category = j->category;
	}
}

/* A job for q (o, or a trend when months), its thread started; NULL with err when not. */
static struct network_job *start(struct store *st, const struct network_query *q,
				 const struct network_options *o, bool months, struct kerr *err)
{
	if (auth_require(st, AUTH_REPORTS, err) != K_OK)
		return NULL;
	struct network_job *j = xcalloc(1, sizeof *j);
	copy_query(j, q);
	if (o)
		j->o = *o;
	if (months)
		j->trend = xcalloc(1, sizeof *j->trend);
	j->o.progress = keep_going;
	j->o.ctx = j;
	atomic_init(&j->stop, false);
	atomic_init(&j->done, false);
	if (store_open_reader(st, READER_CACHE_KB, &j->reader, err) != K_OK) {
		free(j->trend);
		free(j);
		return NULL;
	}
	if (pthread_create(&j->thread, NULL, work, j) != 0) {
		kerr_set(err, K_IO, "", "the network could not be measured in the background");
		store_close(j->reader);
		free(j->trend);
		free(j);
		return NULL;
	}
	return j;
}

struct network_job *network_job_start(struct store *st, const struct network_query *q,
				      const struct network_options *o, struct kerr *err)
{
	return start(st, q, o, false, err);
}

struct network_job *network_trend_job_start(struct store *st, const struct network_query *q,
					    struct kerr *err)
{
	return start(st, q, NULL, true, err);
}

bool network_job_done(const struct network_job *j)
{
	return atomic_load(&((struct network_job *)j)->done);
}

/* Frees a job whose thread has been joined. */
static void release(struct network_job *j)
{
	store_close(j->reader);
	free(j->trend);
	free(j);
}

int network_job_finish(struct network_job *j, struct network_report *out, long long *stamp,
		       struct kerr *err)
{
	pthread_join(j->thread, NULL);
	int status = j->status;
	*out = j->r;
	*stamp = j->stamp;
	if (status != K_OK && err)
		*err = j->err;
	release(j);
	return status;
}

int network_trend_job_finish(struct network_job *j, struct network_trend **out, long long *stamp,
			     struct kerr *err)
{
	pthread_join(j->thread, NULL);
	int status = j->status;
	*out = NULL;
	if (status == K_OK) {
		*out = j->trend; /* handed over */
		j->trend = NULL;
	}
	*stamp = j->stamp;
	if (status != K_OK && err)
		*err = j->err;
	release(j);
	return status;
}

void network_job_cancel(struct network_job *j)
{
	if (!j)
		return;
	atomic_store(&j->stop, true);
	sqlite3_interrupt(store_db(j->reader));
	pthread_join(j->thread, NULL);
	if (j->status == K_OK)
		network_report_free(&j->r);
	release(j);
}
