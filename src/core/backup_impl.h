/* What taking a backup (backup.c) and restoring one (restore.c) share: sqlite's online copy
 * and the checks of a copy. */
#ifndef KITH_BACKUP_IMPL_H
#define KITH_BACKUP_IMPL_H

#include <sqlite3.h>
#include <stdbool.h>

#include "backup.h"

/* Copies every page of src into dst, a step at a time, waiting while a writer holds src. */
int backup_copy_pages(sqlite3 *dst, sqlite3 *src, const struct backup_options *o, struct kerr *err);
/* K_CORRUPT unless db passes sqlite's integrity check. */
int backup_check_copy(sqlite3 *db, struct kerr *err);
/* A private file (0600) beside path, named path, tail and six random characters, holding a
 * copy of src's pages: *tmp gets its name and *dst is left open on it. The caller closes
 * *dst, frees *tmp, and unlinks it when it is not wanted. */
int backup_copy_beside(sqlite3 *src, const char *path, const char *tail,
		       const struct backup_options *o, char **tmp, sqlite3 **dst, struct kerr *err);
/* Writes a checked, flushed, private copy of the database to path (via a temporary file
 * beside it, renamed into place). */
int backup_copy_to(struct store *st, const char *path, const struct backup_options *o,
		   struct kerr *err);
/* A restore on a laptop that syncs (restore_sync.c), next holding the live file attached as
 * live: the laptop's identity kept, its cursor back to the start, the backup's outbox cut to
 * what the live file had not pushed (a backup of another database: all it holds, as a join
 * does); capture held off until backup_sync_capture. *joined: whether the live file syncs. */
int backup_sync_keep(struct store *next, bool same, bool *joined, struct kerr *err);
int backup_sync_capture(struct store *next, struct kerr *err);

#endif
