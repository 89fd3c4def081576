/* Backups: `kith backup` copies the database with sqlite's online backup (safe while kith is
 * in use), makes it one file, checks it, flushes it to disk, 0600, and keeps the last
 * backups_kept (a setting, default 10) of those it names itself. `kith restore` checks a
 * backup before it replaces anything and keeps the database it replaced beside it. */
#ifndef KITH_BACKUP_H
#define KITH_BACKUP_H

#include <stdbool.h>
#include <stddef.h>

#include "kerr.h"

struct store;

struct backup_options {
	bool (*progress)(void *ctx, double done);
	void *ctx;
};

/* Writes a backup to path, or when path is NULL to backups/NAME-YYYYMMDD-HHMMSS-mmm.db beside
 * the database; written gets where (a coordinator). */
int backup_take(struct store *st, const char *path, const struct backup_options *o,
		char *written, size_t n, struct kerr *err);
/* Replaces the database's content with the backup at path, once the backup has passed its
 * checks; kept gets where the replaced content was saved (an admin). */
int backup_restore(struct store *st, const char *path, const struct backup_options *o,
		   char *kept, size_t n, struct kerr *err);

#endif
