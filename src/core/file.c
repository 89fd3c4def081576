/* Files people name: writing one whole and private, reading one whole, and the checks that
 * keep an export or a backup from going over a file nobody meant to lose (above all the
 * database kith has open). */
#include "file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"
#include "xalloc.h"

/* ---- the database and the files sqlite keeps beside it ---- */

static const struct {
	const char *suffix, *what;
} parts[] = {
	{"", "the database kith is using"},
	{"-wal", "the write-ahead log of the database kith is using"},
	{"-shm", "the shared-memory file of the database kith is using"},
	{"-journal", "the rollback journal of the database kith is using"},
};

#define NPARTS (sizeof parts / sizeof *parts)

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* The directory part of path ("." when it has none). Caller frees. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	return slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
}

static const char *base_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* Whether path names, in the same directory, the database's name with suffix: a companion
 * that is not there yet, but that sqlite would take for its own once written. */
static bool named_as(const char *path, const char *db_path, const char *suffix)
{
	char *want = xasprintf("%s%s", base_of(db_path), suffix);
	bool same_name = strcmp(base_of(path), want) == 0;
	free(want);
	if (!same_name)
		return false;
	char *d1 = dir_of(path), *d2 = dir_of(db_path);
	struct stat s1, s2;
	bool same = stat(d1, &s1) == 0 && stat(d2, &s2) == 0 && same_file(&s1, &s2);
	free(d1), free(d2);
	return same;
}

/* Which of the database's files path is (an index into parts), or -1. at is path's stat
 * (NULL when path is not there): files are compared by device and inode, so another spelling
 * of the path or a link to it is caught too. */
static int database_part(const char *path, const struct stat *at, const char *db_path)
{
	if (!db_path || !*db_path || strcmp(db_path, ":memory:") == 0)
		return -1;
	for (size_t i = 0; i < NPARTS; i++) {
		char *p = xasprintf("%s%s", db_path, parts[i].suffix);
		struct stat s;
		bool hit = at && stat(p, &s) == 0 && same_file(at, &s);
		free(p);
		if (hit || (path && named_as(path, db_path, parts[i].suffix)))
			return (int)i;
	}
	return -1;
}

/* ---- checks ---- */

int file_check_out(const char *path, const char *db_path, bool force, struct kerr *err)
{
	struct stat s, ls;
	bool there = lstat(path, &ls) == 0;
	bool followed = stat(path, &s) == 0;
	int part = database_part(path, followed ? &s : NULL, db_path);
	if (part >= 0) /* --force or not: replacing it would lose every record written since */
		return kerr_set(err, K_REFUSED, "out", "%s is %s: write somewhere else", path,
				parts[part].what);
	if (there && !force)
		return kerr_set(err, K_DUPLICATE, "out",
				"%s already exists: choose another name "
				"(on the command line, --force replaces it)",
				path);
	if (there && followed && S_ISDIR(s.st_mode))
		return kerr_set(err, K_REFUSED, "out", "%s is a directory: give a file's name",
				path);
	return K_OK;
}

int file_check_fd(int fd, const char *db_path, struct kerr *err)
{
	if (fd < 0 || fcntl(fd, F_GETFD) < 0)
		return kerr_set(err, K_INVALID, "fd", "descriptor %d is not open", fd);
	int flags = fcntl(fd, F_GETFL);
	struct stat s;
	if (flags < 0 || (flags & O_ACCMODE) == O_WRONLY || fstat(fd, &s) != 0)
		return kerr_set(err, K_INVALID, "fd", "descriptor %d is not open for reading", fd);
	bool kind_ok = S_ISREG(s.st_mode) || S_ISFIFO(s.st_mode) || S_ISSOCK(s.st_mode) ||
		       (S_ISCHR(s.st_mode) && isatty(fd));
	if (!kind_ok)
		return kerr_set(err, K_INVALID, "fd",
				"descriptor %d is not a file, a pipe or a "
				"terminal",
				fd);
	int part = S_ISREG(s.st_mode) ? database_part(NULL, &s, db_path) : -1;
	if (part >= 0)
		return kerr_set(err, K_INVALID, "fd", "descriptor %d is %s, not a password", fd,
				parts[part].what);
	return K_OK;
}

int file_check_in(const char *path, bool dir, struct kerr *err)
{
	struct stat s;
	if (stat(path, &s) != 0)
		return kerr_set(err, errno == ENOENT || errno == ENOTDIR ? K_NOT_FOUND : K_REFUSED,
				dir ? "dir" : "file", "cannot read %s: %s", path, strerror(errno));
	if (dir != (S_ISDIR(s.st_mode) != 0))
		return kerr_set(err, K_INVALID, dir ? "dir" : "file",
				dir ? "%s is not a directory" : "%s is a directory: give a file",
				path);
	if (access(path, dir ? R_OK | X_OK : R_OK) != 0)
		return kerr_set(err, K_REFUSED, dir ? "dir" : "file", "cannot read %s: %s", path,
				strerror(errno));
	return K_OK;
}

/* ---- reading and writing ---- */

/* A file the user named could not be read: their file, not the database, so not K_IO. */
static char *unreadable(const char *path, int errnum, struct kerr *err)
{
	kerr_set(err, errnum == ENOENT || errnum == ENOTDIR ? K_NOT_FOUND : K_REFUSED, "file",
		 "cannot read %s: %s", path, strerror(errnum));
	return NULL;
}

char *file_read(const char *path, size_t *n, struct kerr *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return unreadable(path, errno, err);
	struct strbuf sb = STRBUF_INIT;
	struct stat info;
	/* read into room for the whole file at once, when its size is known: no copy as it grows */
	if (fstat(fileno(f), &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0 &&
	    info.st_size <= FILE_READ_MAX) {
		sb.cap = (size_t)info.st_size + 1;
		sb.buf = xmalloc(sb.cap);
		sb.len = fread(sb.buf, 1, (size_t)info.st_size, f);
		sb.buf[sb.len] = '\0';
	}
	char buf[65536];
	size_t got;
	while ((got = fread(buf, 1, sizeof buf, f)) > 0 && sb.len <= FILE_READ_MAX)
		strbuf_add(&sb, buf, got);
	int errnum = ferror(f) ? errno : 0;
	fclose(f);
	if (errnum || sb.len > FILE_READ_MAX) {
		strbuf_free(&sb);
		if (errnum)
			return unreadable(path, errnum, err);
		kerr_set(err, K_REFUSED, "file", "%s is larger than 512 MB", path);
		return NULL;
	}
	*n = sb.len;
	return sb.buf ? strbuf_take(&sb) : xstrdup("");
}

/* Syncs the directory path is in, so that a rename there reaches the disk too. A file system
 * that cannot sync a directory (EINVAL) has nothing more to do. */
static int sync_dir(const char *path)
{
	char *dir = dir_of(path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd < 0)
		return -1;
	int rc = fsync(fd) == 0 || errno == EINVAL ? 0 : -1;
	close(fd);
	return rc;
}

static int sync_file(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

/* The temporary file beside path, open in *fd, mode 0600 whatever the umask. */
static int make_temp(const char *path, const char *tail, char **tmp, int *fd, struct kerr *err)
{
	*tmp = xasprintf("%s%sXXXXXX", path, tail);
	*fd = mkstemp(*tmp);
	if (*fd >= 0 && fchmod(*fd, 0600) == 0)
		return K_OK;
	int errnum = errno;
	if (*fd >= 0) {
		close(*fd);
		unlink(*tmp);
	}
	free(*tmp);
	*tmp = NULL;
	return kerr_set(err, K_REFUSED, "out", "cannot write beside %s: %s", path,
			strerror(errnum));
}

int file_temp(const char *path, const char *tail, char **tmp, struct kerr *err)
{
	int fd;
	int status = make_temp(path, tail, tmp, &fd, err);
	if (status == K_OK)
		close(fd);
	return status;
}

int file_put(const char *tmp, const char *path, struct kerr *err)
{
	if (sync_file(tmp) != 0 || rename(tmp, path) != 0 || sync_dir(path) != 0)
		return kerr_set(err, K_REFUSED, "out", "cannot write %s", path);
	return K_OK;
}

int file_out_open(struct file_out *o, const char *path, struct kerr *err)
{
	int fd;
	o->f = NULL;
	int status = make_temp(path, ".tmp-", &o->tmp, &fd, err);
	if (status != K_OK)
		return status;
	o->f = fdopen(fd, "w");
	if (!o->f) {
		close(fd);
		unlink(o->tmp);
		free(o->tmp);
		return kerr_set(err, K_REFUSED, "out", "cannot write %s", path);
	}
	o->path = xstrdup(path);
	return K_OK;
}

int file_out_close(struct file_out *o, bool keep, struct kerr *err)
{
	bool written = fflush(o->f) == 0 && !ferror(o->f);
	written = fclose(o->f) == 0 && written;
	int status = K_OK;
	if (keep && !written)
		status = kerr_set(err, K_REFUSED, "out", "cannot write %s", o->path);
	else if (keep)
		status = file_put(o->tmp, o->path, err);
	if (!keep || status != K_OK)
		unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	return status;
}

int file_write_private(const char *path, const char *data, size_t n, struct kerr *err)
{
	struct file_out o;
	int status = file_out_open(&o, path, err);
	if (status != K_OK)
		return status;
	fwrite(data, 1, n, o.f); /* a short write leaves the stream in error: close refuses it */
	return file_out_close(&o, true, err);
}
