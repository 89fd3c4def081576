/* Writing a file whole and private, and reading one whole. */
#include "file.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"
#include "xalloc.h"

char *file_read(const char *path, size_t *n, struct kerr *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		kerr_set(err, K_IO, "file", "cannot read %s", path);
		return NULL;
	}
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
	size_t got;
	while ((got = fread(buf, 1, sizeof buf, f)) > 0 && sb.len <= FILE_READ_MAX)
		strbuf_add(&sb, buf, got);
	bool bad = ferror(f) != 0;
	fclose(f);
	if (bad || sb.len > FILE_READ_MAX) {
		strbuf_free(&sb);
		kerr_set(err, K_IO, "file", bad ? "cannot read %s" : "%s is larger than 512 MB", path);
		return NULL;
	}
	*n = sb.len;
	return sb.buf ? strbuf_take(&sb) : xstrdup("");
}

int file_write_private(const char *path, const char *data, size_t n, struct kerr *err)
{
	char *tmp = xasprintf("%s.tmp-XXXXXX", path);
	int fd = mkstemp(tmp);
	int status = K_OK;
	if (fd < 0) {
		status = kerr_set(err, K_IO, "out", "cannot write beside %s", path);
	} else {
		bool ok = fchmod(fd, 0600) == 0;
		for (size_t done = 0; ok && done < n;) {
			ssize_t w = write(fd, data + done, n - done);
			ok = w > 0;
			done += ok ? (size_t)w : 0;
		}
		ok = fsync(fd) == 0 && ok;
		ok = close(fd) == 0 && ok;
		if (!ok || rename(tmp, path) != 0) {
			unlink(tmp);
			status = kerr_set(err, K_IO, "out", "cannot write %s", path);
		}
	}
	free(tmp);
	return status;
}
