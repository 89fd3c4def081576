/* Forms kept as drafts: when kith must stop (a hang-up, SIGTERM) or another worker logs in at
 * the lock screen, every form holding unsaved typing is kept in the database (core's draft
 * module) for the worker who typed it; at that worker's next login each draft is offered
 * back, to reopen with everything typed, to discard, or to keep for later. */
#ifndef KITH_FORMDRAFT_H
#define KITH_FORMDRAFT_H

#include "kerr.h"

struct tui;

/* Keeps every form with unsaved typing as a draft of the logged-in worker, all in one
 * transaction; *kept (may be NULL) gets how many. On failure nothing is kept. */
int formdraft_keep(struct tui *t, int *kept, struct kerr *err);
/* After a login: offers the worker's drafts back, one at a time. */
void formdraft_offer(struct tui *t);
/* The forms reopened from drafts are being thrown away (the worker quit, saying to lose what
 * was typed): their drafts are discarded too. */
void formdraft_drop(struct tui *t);
/* Forgets the drafts waiting to be offered (another worker, or kith ends). */
void formdraft_forget(struct tui *t);

#endif
