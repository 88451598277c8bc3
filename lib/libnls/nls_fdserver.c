/*
 * nls_fdserver.c - create a standing server's rendezvous: an AF_UNIX
 * datagram socket bound at a path, receiving credentials.
 *
 * What may already be at the path:
 *  - nothing: bind;
 *  - a socket nobody is bound to (a server that died): a datagram connect
 *    to it is refused, so it is stale; unlink it and bind;
 *  - a socket somebody is bound to: EADDRINUSE, left alone;
 *  - anything else (a regular file, a FIFO, a directory, a symbolic
 *    link): EEXIST, never unlinked.
 * The socket file is created under a umask that leaves at most the
 * owner's bits of mode, then set to mode: it is never more open than
 * asked, not even for a moment.
 */
#include "nls_impl.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

/* The permission bits nls_fdserver applies (a socket has no use for
 * set-id or sticky bits). */
#define NLSI_MODE_BITS 0777

/* Close fd keeping errno; -1. */
static int
nlsi_close_fail(int fd)
{
	int err = errno;

	(void)close(fd);
	errno = err;
	return -1;
}

static int
nlsi_sockaddr(struct sockaddr_un *sun, const char *path)
{
	size_t len;

	if (path == NULL || *path == '\0') {
		errno = EINVAL;
		return -1;
	}
	if ((len = strlen(path)) >= sizeof(sun->sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	memcpy(sun->sun_path, path, len + 1);
	return 0;
}

/* Is somebody bound to the socket at sun?  1 live, 0 stale, -1 error. */
static int
nlsi_probe(const struct sockaddr_un *sun)
{
	int fd, r, err;

	if ((fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0)
		return -1;
	r = connect(fd, (const struct sockaddr *)sun, sizeof(*sun));
	err = errno;
	(void)close(fd);
	if (r == 0 || err == EPROTOTYPE)
		return 1; /* a bound datagram socket, or a stream listener */
	if (err == ECONNREFUSED)
		return 0;
	errno = err;
	return -1;
}

/* Make the path free for bind: 0, or -1 with errno. */
static int
nlsi_clear(const struct sockaddr_un *sun)
{
	struct stat st, again;
	int live;

	if (lstat(sun->sun_path, &st) < 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISSOCK(st.st_mode)) {
		errno = EEXIST;
		return -1;
	}
	if ((live = nlsi_probe(sun)) != 0) {
		if (live > 0)
			errno = EADDRINUSE;
		return -1;
	}
	/* unlink only the stale socket that was probed */
	if (lstat(sun->sun_path, &again) < 0)
		return errno == ENOENT ? 0 : -1;
	if (again.st_dev != st.st_dev || again.st_ino != st.st_ino) {
		errno = EADDRINUSE;
		return -1;
	}
	if (unlink(sun->sun_path) < 0 && errno != ENOENT)
		return -1;
	return 0;
}

static int
nlsi_bind(int fd, const struct sockaddr_un *sun, mode_t mode)
{
	mode_t old = umask(S_IRWXG | S_IRWXO | (~mode & S_IRWXU));
	int r = bind(fd, (const struct sockaddr *)sun, sizeof(*sun));

	(void)umask(old);
	return r;
}

NLSI_ENTRY int
nls_fdserver(const char *path, mode_t mode)
{
	struct sockaddr_un sun;
	int fd, on = 1;

	if (nlsi_sockaddr(&sun, path) < 0 || nlsi_clear(&sun) < 0)
		return -1;
	if ((fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0)
		return -1;
	if (setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &on, sizeof(on)) < 0)
		return nlsi_close_fail(fd);
	if (nlsi_bind(fd, &sun, mode) < 0)
		return nlsi_close_fail(fd);
	if (chmod(path, mode & NLSI_MODE_BITS) < 0) {
		int err = errno;

		(void)unlink(path);
		errno = err;
		return nlsi_close_fail(fd);
	}
	return fd;
}
