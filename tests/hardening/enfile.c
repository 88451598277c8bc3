/*
 * enfile.c - a fault injector for hd-fds.sh, preloaded into the listener
 * (LD_PRELOAD): while the file named by HD_ENFILE exists, accept4 fails
 * with ENFILE, as when the whole system is out of open files (which a
 * test cannot cause without starving everything else on the machine).
 */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);

int
accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
	static int (*next)(int, struct sockaddr *, socklen_t *, int);
	const char *flag = getenv("HD_ENFILE");

	if (flag != NULL && access(flag, F_OK) == 0) {
		errno = ENFILE;
		return -1;
	}
	if (next == NULL)
		*(void **)&next = dlsym(RTLD_NEXT, "accept4");
	if (next == NULL) {
		errno = ENOSYS;
		return -1;
	}
	return next(fd, addr, len, flags);
}
