/* Files kith writes for people to take away (exports, subject access, backups) and files
 * people bring (imports): written whole and private, never over an existing file unless asked
 * and never over the database itself; read whole. A file the user names that cannot be read
 * or written is their file's problem, not the database's: K_NOT_FOUND or K_REFUSED, never
 * K_IO. */
#ifndef KITH_FILE_H
#define KITH_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "kerr.h"

/* Whether a file the user named may be written at path, for a database at db_path (NULL when
 * there is none). K_REFUSED when path is the database or one of the files sqlite keeps beside
 * it (-wal, -shm, -journal), force or not: compared by device and inode, and by directory and
 * name for a companion not there yet. K_DUPLICATE when path exists and force is false; the
 * messages name path (and --force). Every command that writes a file the user names calls
 * this for each file before writing any. */
int file_check_out(const char *path, const char *db_path, bool force, struct kerr *err);

/* Whether fd can give a password: open, readable, a file, pipe, socket or terminal, and not
 * the database at db_path or a companion of it. K_INVALID saying why otherwise (the message
 * names the descriptor, not the option). */
int file_check_fd(int fd, const char *db_path, struct kerr *err);

/* Whether path is there to be read: a regular file, or a directory when dir. K_NOT_FOUND
 * when it is not there, K_INVALID when it is of the other kind, K_REFUSED when it cannot be
 * read; the message names path. */
int file_check_in(const char *path, bool dir, struct kerr *err);

/* ---- writing a file whole and private ----
 * The one way kith writes a file: a temporary file beside the target, mode 0600, written,
 * flushed and synced, renamed over the target, and the directory synced, so that a reader
 * never sees half of it and a crash leaves the old file or the new one, never neither. None
 * of these check the target: callers call file_check_out first. */

/* A file being written: write to f, then file_out_close. */
struct file_out {
	FILE *f;
	char *tmp; /* the temporary file beside path */
	char *path;
};

/* Starts writing path. K_REFUSED, naming path, when no file can be made beside it. */
int file_out_open(struct file_out *o, const char *path, struct kerr *err);
/* Puts the file written in place when keep (and everything written reached the disk), else
 * removes it; frees o's names either way. K_REFUSED when it could not be put in place. */
int file_out_close(struct file_out *o, bool keep, struct kerr *err);

/* Writes n bytes to path through file_out_open and file_out_close. K_REFUSED when it cannot. */
int file_write_private(const char *path, const char *data, size_t n, struct kerr *err);

/* For a file written by name (a sqlite copy): makes path + tail + six random characters,
 * empty, mode 0600, beside path; *tmp is the caller's. K_REFUSED when it cannot. */
int file_temp(const char *path, const char *tail, char **tmp, struct kerr *err);
/* Syncs tmp, renames it over path and syncs the directory. K_REFUSED when it cannot (tmp
 * is left for the caller to remove). */
int file_put(const char *tmp, const char *path, struct kerr *err);

/* Reads the whole of path (NUL-terminated; *n bytes); NULL with err saying why when it cannot
 * be read (K_NOT_FOUND when it is not there, K_REFUSED otherwise) or is larger than
 * FILE_READ_MAX. The caller frees. */
#define FILE_READ_MAX (512L * 1024 * 1024)
char *file_read(const char *path, size_t *n, struct kerr *err);

#endif
