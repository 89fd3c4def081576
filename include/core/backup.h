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
 * the database; written gets where (a coordinator). A path that is the database or a file
 * sqlite keeps beside it is refused (file_check_out); whether an existing file may be
 * replaced is for the caller to check first, with file_check_out. */
int backup_take(struct store *st, const char *path, const struct backup_options *o, char *written,
		size_t n, struct kerr *err);
/* Replaces the database's records with the backup at path (an admin), once the backup has
 * passed its checks. When the backup is an earlier state of this database, the accounts,
 * the audit trail, settings and drafts stay as they are now; in every case each erasure
 * either one registered is applied again, and the restore is a row of the trail. kept gets
 * where the replaced database was saved, whole. Works while other kiths have it open. */
struct backup_restored {
	int erased;          /* people erased again: the backup still held them */
	bool other_database; /* a backup of another database: its accounts and trail came too */
	bool synced;         /* the laptop syncs with a hub: its next sync pulls all again */
};
int backup_restore(struct store *st, const char *path, const struct backup_options *o, char *kept,
		   size_t n, struct backup_restored *done, struct kerr *err);

#endif
