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
 *
 * saf_file_trusted says whether a daemon running as root may act on a
 * table or script: one that another user can change would let that user
 * run commands as root (a _pmtab names the programs and their users, a
 * script's run lines are run as root).
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

/* Does st belong to root or to us, and is it written by no one else?
   0, or -1 with why (what is "the file" or "the directory"). */
static int
saf_trust_st(const struct stat *st, const char *what, const char *path,
    char *why, size_t size)
{
	uid_t me = geteuid();

	if (st->st_uid != 0 && st->st_uid != me) {
		if (me == 0)
			snprintf(why, size, "%s%s belongs to uid %ld, not root",
			    what, path, (long)st->st_uid);
		else
			snprintf(why, size,
			    "%s%s belongs to uid %ld, not root or uid %ld",
			    what, path, (long)st->st_uid, (long)me);
		return -1;
	}
	if ((st->st_mode & (S_IWGRP | S_IWOTH)) != 0 &&
	    !(S_ISDIR(st->st_mode) && (st->st_mode & S_ISVTX))) {
		snprintf(why, size,
		    "%s%s is writable by group or others (mode %04o)", what,
		    path, (unsigned)(st->st_mode & 07777));
		return -1;
	}
	return 0;
}

/* The directory of path (a copy in buf). */
static const char *
saf_dir_of(const char *path, char *buf, size_t size)
{
	snprintf(buf, size, "%s", path);
	return dirname(buf);
}

int
saf_file_trusted(const char *path, char *why, size_t size)
{
	char dir[SAF_PATH_MAX], *real;
	struct stat st;
	int r = 0;

	if (size > 0)
		why[0] = '\0';
	if (stat(path, &st) < 0)
		return errno == ENOENT ? 1 : -1;
	if (saf_trust_st(&st, "", path, why, size) < 0)
		goto untrusted;
	if (stat(saf_dir_of(path, dir, sizeof(dir)), &st) < 0)
		return -1;
	if (saf_trust_st(&st, "directory ", dir, why, size) < 0)
		goto untrusted;
	/* a symbolic link: where the file really is counts too */
	if ((real = realpath(path, NULL)) == NULL)
		return -1;
	if (stat(saf_dir_of(real, dir, sizeof(dir)), &st) < 0)
		r = -1;
	else if (saf_trust_st(&st, "directory ", dir, why, size) < 0)
		r = -2;
	free(real);
	if (r == -2)
		goto untrusted;
	return r;
untrusted:
	errno = EPERM;
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
