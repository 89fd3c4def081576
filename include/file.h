/* Files kith writes for people to take away (exports, subject access, backups' companions):
 * whole or not at all, and private. */
#ifndef KITH_FILE_H
#define KITH_FILE_H

#include <stddef.h>

#include "kerr.h"

/* Writes n bytes to path through a temporary file beside it, flushed to disk, mode 0600, then
 * renamed over path, so that a reader never sees half of it. */
int file_write_private(const char *path, const char *data, size_t n, struct kerr *err);

#endif
