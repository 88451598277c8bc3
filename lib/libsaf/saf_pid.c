/*
 * saf_pid.c - _pid files: "this port monitor is running, with this pid".
 *
 * A port monitor creates <SAF_ETC>/<pmtag>/_pid (mode 0644), takes a
 * lockf(3) lock on it without waiting and holds it for its whole life, and
 * writes its pid in decimal followed by a NUL.  A monitor runs exactly when
 * its _pid file is locked; sac signals the pid written in a locked file
 * only.  The same lock test on <SAF_VAR>/_log says whether sac runs.
 *
 * lockf(3) locks are POSIX record locks: they belong to the process, a
 * process never sees its own lock as a conflict, and closing any
 * descriptor of the file releases them.  The file is truncated only once
 * the lock is held, so a failed start never erases a running monitor's pid.
 */
#include "saf_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <unistd.h>

int
saf_pid_create(const char *path, pid_t pid)
{
	char text[24];
	int fd, n, e;

	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	if (lockf(fd, F_TLOCK, 0) < 0) {
		e = errno == EACCES ? EAGAIN : errno;
		goto fail;
	}
	/* the pid and its NUL, as the original monitors wrote it */
	n = snprintf(text, sizeof(text), "%ld", (long)pid);
	if (ftruncate(fd, 0) < 0 ||
	    pwrite(fd, text, (size_t)n + 1, 0) != n + 1) {
		e = errno != 0 ? errno : EIO;
		goto fail;
	}
	return fd;
fail:
	close(fd);
	errno = e;
	return -1;
}

int
saf_lock_test(int fd)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };

	if (fcntl(fd, F_GETLK, &fl) < 0)
		return -1;
	return fl.l_type != F_UNLCK;
}

int
saf_pid_parse(const char *text, size_t len, pid_t *pid)
{
	long v = 0;
	size_t i = 0;

	for (; i < len && safi_isdigit((unsigned char)text[i]); i++) {
		v = v * 10 + (text[i] - '0');
		if (v > INT_MAX)
			goto bad;
	}
	if (i == 0 || v == 0)
		goto bad;
	/* the NUL the monitors write, or a newline a person wrote */
	for (; i < len; i++)
		if (text[i] != '\0' && !safi_isspace((unsigned char)text[i]))
			goto bad;
	*pid = (pid_t)v;
	return 0;
bad:
	errno = EINVAL;
	return -1;
}

static int
saf_pid_read_fd(int fd, pid_t *pid)
{
	char text[SAF_PIDTEXT_MAX];
	ssize_t n;

	do
		n = pread(fd, text, sizeof(text), 0);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -1;
	return saf_pid_parse(text, (size_t)n, pid);
}

/* Open path read-only, run fn on it, close it keeping fn's errno. */
static int
saf_with_file(const char *path, int (*fn)(int, pid_t *), pid_t *pid)
{
	int fd, rc, e;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	rc = fn(fd, pid);
	e = errno;
	close(fd);
	errno = e;
	return rc;
}

static int
saf_lock_test_fd(int fd, pid_t *unused)
{
	(void)unused;
	return saf_lock_test(fd);
}

static int
saf_pid_check_fd(int fd, pid_t *pid)
{
	int rc = saf_lock_test(fd);

	if (rc == 1 && saf_pid_read_fd(fd, pid) < 0)
		*pid = 0;
	return rc;
}

int
saf_lock_test_path(const char *path)
{
	return saf_with_file(path, saf_lock_test_fd, NULL);
}

int
saf_pid_read(const char *path, pid_t *pid)
{
	return saf_with_file(path, saf_pid_read_fd, pid);
}

int
saf_pid_check(const char *path, pid_t *pid)
{
	*pid = 0;
	return saf_with_file(path, saf_pid_check_fd, pid);
}
