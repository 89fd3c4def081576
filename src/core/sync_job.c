/* A sync in the background: its own connection, opened in its own thread, and sync_run's
 * progress kept where the interface reads it between keys. */
#include "sync_job.h"

#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "database.h"
#include "keyring.h"
#include "store.h"
#include "xalloc.h"

struct sync_job {
	pthread_t thread;
	char *path;
	char actor[ID_LEN];
	int role;
	unsigned char trail[KEYRING_KEY]; /* the audit trail's key, so rows written are sealed */
	bool has_trail;
	atomic_bool done;
	atomic_bool stop;
	atomic_int phase;    /* 0 none yet, 1 pull, 2 push */
	atomic_int permille; /* of the phase */
	int status;
	struct kerr err;
	struct sync_summary sum;
};

static bool progress(void *ctx, const char *phase, double done)
{
	struct sync_job *j = ctx;
	atomic_store(&j->phase, strcmp(phase, "push") == 0 ? 2 : 1);
	atomic_store(&j->permille, (int)(done < 0 ? 0 : done > 1 ? 1000 : done * 1000));
	return !atomic_load(&j->stop);
}

static void *work(void *arg)
{
	struct sync_job *j = arg;
	struct store *w = NULL;
	j->status = database_open(j->path, &w, &j->err);
	if (j->status == K_OK) {
		store_set_actor(w, j->actor[0] ? j->actor : NULL);
		store_set_role(w, j->role);
		store_set_keys(w, j->has_trail ? j->trail : NULL, NULL, NULL);
		j->status = sync_run(w, progress, j, &j->sum, &j->err);
	}
	store_close(w);
	atomic_store(&j->done, true);
	return NULL;
}

struct sync_job *sync_job_start(struct store *st, struct kerr *err)
{
	const char *path = store_path(st);
	if (!path || !*path || strcmp(path, ":memory:") == 0) {
		kerr_set(err, K_IO, "", "a database in memory cannot sync");
		return NULL;
	}
	struct sync_job *j = xcalloc(1, sizeof *j);
	j->path = xstrdup(path);
	snprintf(j->actor, sizeof j->actor, "%s", store_actor(st) ? store_actor(st) : "");
	j->role = store_role(st);
	j->has_trail = store_trail_key(st) != NULL;
	if (j->has_trail)
		memcpy(j->trail, store_trail_key(st), sizeof j->trail);
	atomic_init(&j->done, false);
	atomic_init(&j->stop, false);
	atomic_init(&j->phase, 0);
	atomic_init(&j->permille, 0);
	if (pthread_create(&j->thread, NULL, work, j) != 0) {
		kerr_set(err, K_IO, "", "the sync could not be started in the background");
		sodium_memzero(j->trail, sizeof j->trail);
		free(j->path);
		free(j);
		return NULL;
	}
	return j;
}

bool sync_job_done(const struct sync_job *j)
{
	return atomic_load(&((struct sync_job *)j)->done);
}

const char *sync_job_progress(const struct sync_job *j, double *done)
{
	struct sync_job *m = (struct sync_job *)j;
	int phase = atomic_load(&m->phase);
	*done = atomic_load(&m->permille) / 1000.0;
	return phase == 2 ? "push" : phase == 1 ? "pull" : "";
}

int sync_job_finish(struct sync_job *j, struct sync_summary *out, struct kerr *err)
{
	pthread_join(j->thread, NULL);
	int status = j->status;
	if (out)
		*out = j->sum;
	if (status != K_OK && err)
		*err = j->err;
	sodium_memzero(j->trail, sizeof j->trail);
	free(j->path);
	free(j);
	return status;
}

void sync_job_cancel(struct sync_job *j)
{
	if (!j)
		return;
	atomic_store(&j->stop, true);
	sync_job_finish(j, NULL, NULL);
}
