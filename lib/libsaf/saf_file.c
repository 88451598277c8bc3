/*
 * saf_file.c - reading a table whole and replacing it atomically.
 *
 * A table is replaced by writing a temporary file in the same directory
 * (".<name>.XXXXXX", so that rename(2) is atomic), giving it the mode and,
 * when we may, the owner of the file it replaces (SAF_TABLE_MODE for a new
 * one), syncing it to disk and renaming it over the old name; the
 * directory is synced last.  Whatever fails, the old file is untouched and
 * the temporary file is removed.  The original wrote "._sactab" with umask
 * 0333, leaving every rewritten table mode 0444.
 */
#include "saf_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
saf_file_read(const char *path, char **buf, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *p = NULL;
	int fd, e;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	for (;;) {
		ssize_t r;

		if (cap - n < 2) {
			char *q;

			if (cap > (size_t)SAF_TABLE_MAX) {
				e = EFBIG;
				goto fail;
			}
			cap *= 2;
			q = realloc(p, cap);
			if (q == NULL) {
				e = errno;
				goto fail;
			}
			p = q;
		} else if (p == NULL && (p = malloc(cap)) == NULL) {
			e = errno;
			goto fail;
		}
		r = read(fd, p + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			e = errno;
			goto fail;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > (size_t)SAF_TABLE_MAX) {
			e = EFBIG;
			goto fail;
		}
	}
	close(fd);
	p[n] = '\0';
	*buf = p;
	*len = n;
	return 0;
fail:
	free(p);
	close(fd);
	errno = e;
	return -1;
}

static int
saf_write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, p, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Mode and owner for the new file: those of the old one, if any. */
static int
saf_copy_attrs(int fd, const char *path, mode_t newmode)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		if (errno != ENOENT)
			return -1;
		return fchmod(fd, newmode);
	}
	/* keeping the owner needs privilege; without it the file is ours */
	if (fchown(fd, st.st_uid, st.st_gid) < 0 && errno != EPERM)
		return -1;
	return fchmod(fd, st.st_mode & 07777);
}

static int
saf_sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	/* some file systems cannot sync a directory: not an error */
	if (fsync(fd) < 0 && errno != EINVAL && errno != EROFS) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	return close(fd);
}

/* Split path into its directory and a temporary name beside it. */
static int
saf_temp_name(const char *path, char *dir, char *tmp, size_t size)
{
	char copy[SAF_PATH_MAX];
	const char *base;
	int n;

	n = snprintf(copy, sizeof(copy), "%s", path);
	if (n < 0 || (size_t)n >= sizeof(copy)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	base = strrchr(path, '/');
	base = base != NULL ? base + 1 : path;
	n = snprintf(dir, size, "%s", dirname(copy));
	if (n < 0 || (size_t)n >= size)
		goto toolong;
	n = snprintf(tmp, size, "%s/.%s.XXXXXX", dir, base);
	if (n < 0 || (size_t)n >= size)
		goto toolong;
	return 0;
toolong:
	errno = ENAMETOOLONG;
	return -1;
}

int
saf_file_replace(const char *path, const void *data, size_t len, mode_t newmode,
    struct saf_error *err)
{
	char dir[SAF_PATH_MAX], tmp[SAF_PATH_MAX];
	const char *step = "create a temporary file for";
	int fd, e;

	if (saf_temp_name(path, dir, tmp, sizeof(dir)) < 0)
		return safi_syserr(err, "name a temporary file for", path);
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return safi_syserr(err, step, path);
	if (saf_copy_attrs(fd, path, newmode) < 0) {
		step = "set the mode of";
		goto fail;
	}
	if (saf_write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		step = "write";
		goto fail;
	}
	if (close(fd) < 0) {
		fd = -1;
		step = "write";
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) < 0) {
		step = "rename the temporary file onto";
		goto fail;
	}
	/* the new table is in place; a directory that cannot be synced
	   does not undo that */
	(void)saf_sync_dir(dir);
	return 0;
fail:
	e = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	errno = e;
	return safi_syserr(err, step, path);
}
