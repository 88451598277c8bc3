/*
 * fault.c - a fault injector preloaded into the listener (LD_PRELOAD), for
 * failures a test cannot cause otherwise without starving the machine or
 * without a kernel that refuses root:
 *
 *   HD_ENFILE=file  while the file exists, accept4 fails with ENFILE, as
 *                   when the whole system is out of open files (hd-fds.sh);
 *   HD_FAULT=what   one failure, in the listener's program only (not in a
 *                   wrapper script before it), in the servers' children
 *                   (a process other than the one that loaded this),
 *                   before they exec (hd-faults.sh):
 *                     dup0       dup2 onto descriptor 0 fails with EMFILE
 *                     setgroups  setgroups fails with EPERM
 *                     setgid     setgid fails with EPERM
 *                     setuid     setuid fails with EPERM
 *                   or, in the listener itself:
 *                     threads    pthread_create fails with EAGAIN.
 *
 * The listener's children started without fork share its memory and make
 * their identity changes with syscall(): that is caught too.  Everything is
 * looked up when the library is loaded, since such a child may only make
 * system calls.
 */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <grp.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

enum hd_fault {
	HD_NONE,
	HD_DUP0,
	HD_SETGROUPS,
	HD_SETGID,
	HD_SETUID,
	HD_THREADS
};

static enum hd_fault hd_fault;
static pid_t hd_parent; /* the process that loaded this */

static int (*next_accept4)(int, struct sockaddr *, socklen_t *, int);
static int (*next_dup2)(int, int);
static int (*next_setgroups)(size_t, const gid_t *);
static int (*next_setgid)(gid_t);
static int (*next_setuid)(uid_t);
static long (*next_syscall)(long, ...);
static int (*next_pthread_create)(
    pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);

#define HD_NEXT(name) (*(void **)&next_##name = dlsym(RTLD_NEXT, #name))

static void __attribute__((constructor)) hd_init(void)
{
	static const struct {
		const char *name;
		enum hd_fault fault;
	} faults[] = { { "dup0", HD_DUP0 }, { "setgroups", HD_SETGROUPS },
		{ "setgid", HD_SETGID }, { "setuid", HD_SETUID },
		{ "threads", HD_THREADS } };
	const char *what = getenv("HD_FAULT");
	const char *self = program_invocation_short_name;
	size_t i;

	hd_parent = getpid();
	if (strcmp(self, "listen") != 0 && strcmp(self, "lt-listen") != 0)
		what = NULL;
	for (i = 0; what != NULL && i < sizeof(faults) / sizeof(faults[0]); i++)
		if (strcmp(what, faults[i].name) == 0)
			hd_fault = faults[i].fault;
	HD_NEXT(accept4);
	HD_NEXT(dup2);
	HD_NEXT(setgroups);
	HD_NEXT(setgid);
	HD_NEXT(setuid);
	HD_NEXT(syscall);
	HD_NEXT(pthread_create);
}

/* Is this fault asked for, here (a server's child)? */
static bool
hd_in_child(enum hd_fault f)
{
	return hd_fault == f && getpid() != hd_parent;
}

static int
hd_fail(int err)
{
	errno = err;
	return -1;
}

int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);
int dup2(int old, int new);
int setgroups(size_t n, const gid_t *groups);
int setgid(gid_t gid);
int setuid(uid_t uid);
long syscall(long nr, ...);
int pthread_create(
    pthread_t *t, const pthread_attr_t *attr, void *(*fn)(void *), void *arg);

int
accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
	const char *flag = getenv("HD_ENFILE");

	if (flag != NULL && access(flag, F_OK) == 0)
		return hd_fail(ENFILE);
	if (next_accept4 == NULL)
		return hd_fail(ENOSYS);
	return next_accept4(fd, addr, len, flags);
}

int
dup2(int old, int new)
{
	if (new == 0 && hd_in_child(HD_DUP0))
		return hd_fail(EMFILE);
	return next_dup2 == NULL ? hd_fail(ENOSYS) : next_dup2(old, new);
}

int
setgroups(size_t n, const gid_t *groups)
{
	if (hd_in_child(HD_SETGROUPS))
		return hd_fail(EPERM);
	return next_setgroups == NULL ? hd_fail(ENOSYS) :
					next_setgroups(n, groups);
}

int
setgid(gid_t gid)
{
	if (hd_in_child(HD_SETGID))
		return hd_fail(EPERM);
	return next_setgid == NULL ? hd_fail(ENOSYS) : next_setgid(gid);
}

int
setuid(uid_t uid)
{
	if (hd_in_child(HD_SETUID))
		return hd_fail(EPERM);
	return next_setuid == NULL ? hd_fail(ENOSYS) : next_setuid(uid);
}

/* The C library's syscall takes up to six arguments, all passed on as
 * longs: so are they here. */
long
syscall(long nr, ...)
{
	long a[6];
	va_list ap;
	int i;

	if ((nr == SYS_setgroups && hd_in_child(HD_SETGROUPS)) ||
	    (nr == SYS_setgid && hd_in_child(HD_SETGID)) ||
	    (nr == SYS_setuid && hd_in_child(HD_SETUID)))
		return hd_fail(EPERM);
	va_start(ap, nr);
	for (i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	if (next_syscall == NULL)
		return hd_fail(ENOSYS);
	return next_syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
}

int
pthread_create(
    pthread_t *t, const pthread_attr_t *attr, void *(*fn)(void *), void *arg)
{
	if (hd_fault == HD_THREADS)
		return EAGAIN;
	if (next_pthread_create == NULL)
		return ENOSYS;
	return next_pthread_create(t, attr, fn, arg);
}
