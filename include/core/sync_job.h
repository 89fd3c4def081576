/* A sync in the background, for the interface: sync_run in a thread of its own on a
 * connection of its own to the same file (the session's actor, role and audit trail key
 * copied, so the same rights hold and what it writes is sealed), so that keys are answered
 * while rows come and go. Its progress can be read at
 * any moment; its summary is handed over when it has ended. */
#ifndef KITH_SYNC_JOB_H
#define KITH_SYNC_JOB_H

#include <stdbool.h>

#include "kerr.h"
#include "sync.h"

struct store;
struct sync_job;

/* Starts syncing st's file. NULL with err when no connection or thread could be had (a
 * database in memory has no file to share). */
struct sync_job *sync_job_start(struct store *st, struct kerr *err);
bool sync_job_done(const struct sync_job *j);
/* How far it has come: "pull" or "push" ("" before either) and *done between 0 and 1. */
const char *sync_job_progress(const struct sync_job *j, double *done);
/* Waits for it to end, hands over its summary and status (err filled on failure) and frees
 * it. */
int sync_job_finish(struct sync_job *j, struct sync_summary *out, struct kerr *err);
/* Asks it to stop at its next step (what was done stays done, the next sync resumes), waits
 * and frees it. NULL is fine. */
void sync_job_cancel(struct sync_job *j);

#endif
