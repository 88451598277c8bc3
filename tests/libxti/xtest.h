/*
 * xtest.h - helpers of the libxti connection tests.
 *
 * A test source is compiled twice: as the XTI flavour (default, <xti.h>)
 * and with -DXTEST_TLI as the TLI flavour (<tiuser.h>).  Peers are plain
 * sockets, so what is tested is libxti on one side only.  Everything is on
 * 127.0.0.1 or the abstract AF_UNIX namespace, with kernel-chosen ports.
 */
#ifndef XTEST_H
#define XTEST_H

#ifdef XTEST_TLI
#include <tiuser.h>
#define XT_FLAVOUR "tli"
#define XT_IS_TLI  1
typedef char *xt_buf_t;
#else
#include <xti.h>
#define XT_FLAVOUR "xti"
#define XT_IS_TLI  0
typedef void *xt_buf_t;
#endif

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* How long a test waits for an event that must come (milliseconds). */
#define XT_WAIT_MS 5000

static inline void
xt_msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* A loopback address (port 0) as a sockaddr_in. */
static inline struct sockaddr_in
xt_loopback(unsigned short port)
{
	struct sockaddr_in sin;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return sin;
}

/* t_open + t_bind of provider prov; *addr gets the bound address. */
static inline int
xt_bound(const char *prov, unsigned int qlen, struct sockaddr_in *addr)
{
	struct sockaddr_in sin = xt_loopback(0);
	struct t_bind req, ret;
	int fd = t_open(prov, O_RDWR, NULL);

	ck_assert_int_ge(fd, 0);
	req.addr.buf = (xt_buf_t)&sin;
	req.addr.len = req.addr.maxlen = sizeof(sin);
	req.qlen = qlen;
	ret.addr.buf = (xt_buf_t)addr;
	ret.addr.maxlen = sizeof(*addr);
	ret.addr.len = 0;
	ck_assert_int_eq(t_bind(fd, &req, &ret), 0);
	ck_assert_uint_eq(ret.addr.len, sizeof(*addr));
	ck_assert_uint_eq(ret.qlen, qlen);
	return fd;
}

/* A TCP listener endpoint on 127.0.0.1. */
static inline int
xt_listener(unsigned int qlen, struct sockaddr_in *addr)
{
	return xt_bound("/dev/tcp", qlen, addr);
}

/* An unbound-then-bound TCP endpoint (acceptor or client). */
static inline int
xt_endpoint(void)
{
	int fd = t_open("/dev/tcp", O_RDWR, NULL);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(t_bind(fd, NULL, NULL), 0);
	return fd;
}

/* A plain TCP socket connected to addr. */
static inline int
xt_plain_connect(const struct sockaddr_in *addr)
{
	int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	ck_assert_int_ge(s, 0);
	ck_assert_int_eq(
	    connect(s, (const struct sockaddr *)addr, sizeof(*addr)), 0);
	return s;
}

/* A plain listening TCP socket on 127.0.0.1. */
static inline int
xt_plain_listen(struct sockaddr_in *addr)
{
	int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	socklen_t len = sizeof(*addr);

	*addr = xt_loopback(0);
	ck_assert_int_ge(s, 0);
	ck_assert_int_eq(bind(s, (struct sockaddr *)addr, sizeof(*addr)), 0);
	ck_assert_int_eq(listen(s, 8), 0);
	ck_assert_int_eq(getsockname(s, (struct sockaddr *)addr, &len), 0);
	return s;
}

/* Close a plain socket with a reset. */
static inline void
xt_reset(int s)
{
	struct linger lg = { 1, 0 };

	setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	close(s);
}

/* Call t_look until it reports ev (or something else non-zero, which is
 * returned) within XT_WAIT_MS. */
static inline int
xt_wait_look(int fd, int ev)
{
	int waited, got = 0;

	for (waited = 0; waited < XT_WAIT_MS; waited += 5) {
		got = t_look(fd);
		if (got != 0)
			return got;
		xt_msleep(5);
	}
	(void)ev;
	return got;
}

/* t_listen for one indication (blocking), filling call's address. */
static inline void
xt_listen_one(int lfd, struct t_call *call, struct sockaddr_in *peer)
{
	memset(call, 0, sizeof(*call));
	call->addr.buf = (xt_buf_t)peer;
	call->addr.maxlen = sizeof(*peer);
	ck_assert_int_eq(t_listen(lfd, call), 0);
	ck_assert_int_gt(call->sequence, 0);
	ck_assert_uint_eq(call->addr.len, sizeof(*peer));
}

/* Read exactly n bytes from a plain socket (5 s bound). */
static inline void
xt_plain_read(int s, char *buf, size_t n)
{
	size_t got = 0;
	struct pollfd pfd = { s, POLLIN, 0 };

	while (got < n) {
		ck_assert_int_eq(poll(&pfd, 1, XT_WAIT_MS), 1);
		ssize_t r = recv(s, buf + got, n - got, 0);
		ck_assert_int_gt(r, 0);
		got += (size_t)r;
	}
}

/* Wait for a forked child; its exit status must be 0. */
static inline void
xt_reap(pid_t pid)
{
	int st;

	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert_msg(
	    WIFEXITED(st) && WEXITSTATUS(st) == 0, "child status 0x%x", st);
}

/* Is fd open? */
static inline int
xt_isopen(int fd)
{
	return fcntl(fd, F_GETFD) >= 0;
}

#endif /* XTEST_H */
