/* Files kith writes for people to take away (exports, subject access, backups' companions):
 * whole or not at all, and private; and files people bring (imports), read whole. */
#ifndef KITH_FILE_H
#define KITH_FILE_H

#include <stddef.h>

#include "kerr.h"

/* Writes n bytes to path through a temporary file beside it, flushed to disk, mode 0600, then
 * renamed over path, so that a reader never sees half of it. */
int file_write_private(const char *path, const char *data, size_t n, struct kerr *err);

/* Reads the whole of path (NUL-terminated; *n bytes); NULL with err saying why when it cannot
 * be read or is larger than FILE_READ_MAX. The caller frees. */
#define FILE_READ_MAX (512L * 1024 * 1024)
char *file_read(const char *path, size_t *n, struct kerr *err);

#endif
