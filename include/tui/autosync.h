/* Syncing with the hub from the interface: `:sync`, a sync by itself every few minutes
 * (the setting sync_minutes, 5 unless set, 0 never) while the hub answers, and what the
 * status line says about it: "synced 14:02", "hub not answering since 14:05". Syncs run in
 * the background (sync_job.h), so that no key ever waits for the hub. */
#ifndef KITH_AUTOSYNC_H
#define KITH_AUTOSYNC_H

#include <stdbool.h>
#include <stddef.h>

#include "tui.h"

/* :sync: starts a sync now, or says one is running; says how to join when this laptop has
 * not. */
void autosync_command(struct tui *t);
/* Between keys: takes in a sync that has ended (its summary said, the screen in front
 * reloaded when rows came), starts one when it is due, and sets when the loop must wake for
 * the next. Returns whether one is running. */
bool autosync_poll(struct tui *t);
/* Waits for a running sync and takes it in (a script's @wait). */
void autosync_wait(struct tui *t);
/* What the status line's right end says about syncing ("synced 14:02", a progress bar while
 * one runs), written into buf; false when there is nothing to say (not joined, nobody
 * logged in). */
bool autosync_label(struct tui *t, char *buf, size_t n);
/* Stops a running sync (the next one resumes) and forgets everything: kith ends. */
void autosync_end(struct tui *t);

#endif
