/*
 * misc_util.h - helpers shared by the libxti tests of errors, t_open,
 * t_alloc, options, datagrams, netdir and modules.
 *
 * Include <xti.h> or <tiuser.h> first (one of them, never both): this
 * header only uses what the two share.  Everything is header-only and
 * static so that each test program stays one source file.  Networking is
 * on 127.0.0.1, ::1 or the abstract AF_UNIX namespace, with ports chosen
 * by the kernel.
 */
#ifndef MISC_UTIL_H
#define MISC_UTIL_H

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

/* How long a test waits for something that must happen (milliseconds). */
#define MU_WAIT_MS 5000

/* The call failed with -1 and this t_errno. */
#define MU_TFAIL(call, terr) \
	do { \
		int mu_r_ = (call); \
		ck_assert_msg( \
		    mu_r_ == -1, "%s returned %d, wanted -1", #call, mu_r_); \
		ck_assert_msg(t_errno == (terr), "%s: t_errno %d, wanted %d", \
		    #call, t_errno, (terr)); \
	} while (0)

/* The call failed with TSYSERR and this errno. */
#define MU_TSYSFAIL(call, err) \
	do { \
		int mu_r_ = (call); \
		int mu_e_ = errno; \
		ck_assert_msg( \
		    mu_r_ == -1, "%s returned %d, wanted -1", #call, mu_r_); \
		ck_assert_msg(t_errno == TSYSERR, \
		    "%s: t_errno %d, wanted TSYSERR", #call, t_errno); \
		ck_assert_msg(mu_e_ == (err), "%s: errno %d, wanted %d", \
		    #call, mu_e_, (err)); \
	} while (0)

/* The call succeeded (returned 0 or, for t_open, a descriptor). */
#define MU_TOK(call) \
	do { \
		int mu_r_ = (call); \
		ck_assert_msg(mu_r_ >= 0, "%s failed: t_errno %d errno %d", \
		    #call, t_errno, errno); \
	} while (0)

static inline void
mu_msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/*
 * What t_open and t_getinfo must report per provider (the "shim" rows of
 * the t_info table, plus the path-named local/unix transports).
 *
 * options is the size of an XTI option buffer holding every option the
 * provider supports, each as a 16-byte struct t_opthdr plus its value
 * rounded up to 4 bytes:
 *   generic, all providers: DEBUG 4, LINGER 8, RCVBUF, RCVLOWAT, SNDBUF,
 *     SNDLOWAT 4 each                                    = 6 * 16 + 28 = 124
 *   T_INET_TCP: NODELAY 4, MAXSEG 4, KEEPALIVE 8         = 3 * 16 + 16 = 64
 *   T_INET_UDP (IPv4): CHECKSUM 4                                      = 20
 *   T_INET_IP: OPTIONS 40 (IPv4 only), TOS 1, TTL 1, REUSEADDR 4,
 *     DONTROUTE 4 (4 * 20 = 80), BROADCAST 4 (datagrams only) 20
 * so tcp 124+64+56+80 = 324, tcp6 124+64+80 = 268, udp 124+20+56+80+20 =
 * 300, udp6 124+80+20 = 224 and AF_UNIX 124.
 */
struct mu_prov {
	const char *name;
	int domain, type;
	int addr, options, tsdu, etsdu, connect, discon, servtype;
	bool sendzero; /* XTI t_info.flags has T_SENDZERO */
};

static const struct mu_prov mu_provs[] = {
	{ "tcp", AF_INET, SOCK_STREAM, 16, 324, 0, T_INFINITE, T_INVALID,
	    T_INVALID, T_COTS_ORD, false },
	{ "tcp6", AF_INET6, SOCK_STREAM, 28, 268, 0, T_INFINITE, T_INVALID,
	    T_INVALID, T_COTS_ORD, false },
	{ "udp", AF_INET, SOCK_DGRAM, 16, 300, 65507, T_INVALID, T_INVALID,
	    T_INVALID, T_CLTS, true },
	{ "udp6", AF_INET6, SOCK_DGRAM, 28, 224, 65527, T_INVALID, T_INVALID,
	    T_INVALID, T_CLTS, true },
	{ "ticotsord", AF_UNIX, SOCK_STREAM, 107, 124, 0, T_INVALID, T_INVALID,
	    T_INVALID, T_COTS_ORD, false },
	{ "ticots", AF_UNIX, SOCK_STREAM, 107, 124, 0, T_INVALID, T_INVALID,
	    T_INVALID, T_COTS, false },
	{ "ticlts", AF_UNIX, SOCK_DGRAM, 107, 124, 65536, T_INVALID, T_INVALID,
	    T_INVALID, T_CLTS, true },
	{ "local", AF_UNIX, SOCK_STREAM, 110, 124, 0, T_INVALID, T_INVALID,
	    T_INVALID, T_COTS_ORD, false },
	{ "unix", AF_UNIX, SOCK_STREAM, 110, 124, 0, T_INVALID, T_INVALID,
	    T_INVALID, T_COTS_ORD, false },
};
#define MU_NPROVS ((int)(sizeof(mu_provs) / sizeof(mu_provs[0])))

static inline const struct mu_prov *
mu_prov(const char *name)
{
	int i;

	for (i = 0; i < MU_NPROVS; i++)
		if (strcmp(mu_provs[i].name, name) == 0)
			return &mu_provs[i];
	ck_abort_msg("no provider %s in the table", name);
	return NULL;
}

/* An integer socket option of fd (the test fails if it cannot be read). */
static inline int
mu_getint(int fd, int level, int name)
{
	int v = 0;
	socklen_t len = sizeof(v);

	ck_assert_msg(getsockopt(fd, level, name, &v, &len) == 0,
	    "getsockopt(%d, %d): %s", level, name, strerror(errno));
	return v;
}

static inline void
mu_sin_loop(struct sockaddr_in *sin, in_port_t port)
{
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = port;
	sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
}

static inline void
mu_sin6_loop(struct sockaddr_in6 *sin6, in_port_t port)
{
	memset(sin6, 0, sizeof(*sin6));
	sin6->sin6_family = AF_INET6;
	sin6->sin6_port = port;
	sin6->sin6_addr = in6addr_loopback;
}

/*
 * A name for the abstract AF_UNIX namespace that no other test (or other
 * run) uses: the bytes of a ticots/ticlts address.
 */
static inline size_t
mu_absname(char *buf, size_t size, const char *tag)
{
	static unsigned int seq;
	int n = snprintf(
	    buf, size, "listen-misc-%ld-%s-%u", (long)getpid(), tag, seq++);

	ck_assert(n > 0 && (size_t)n < size);
	return (size_t)n;
}

/*
 * An inet address (sockaddr bytes) on which nothing listens: bound by a
 * throw-away socket that is then closed.
 */
static inline socklen_t
mu_closed_port(int domain, int type, struct sockaddr_storage *ss)
{
	socklen_t len;
	int s = socket(domain, type, 0);

	ck_assert(s >= 0);
	if (domain == AF_INET) {
		mu_sin_loop((struct sockaddr_in *)ss, 0);
		len = sizeof(struct sockaddr_in);
	} else {
		mu_sin6_loop((struct sockaddr_in6 *)ss, 0);
		len = sizeof(struct sockaddr_in6);
	}
	ck_assert(bind(s, (struct sockaddr *)ss, len) == 0);
	ck_assert(getsockname(s, (struct sockaddr *)ss, &len) == 0);
	close(s);
	return len;
}

/* What a piece of code writes on descriptor 2. */
struct mu_capture {
	int saved; /* the real descriptor 2 */
	int rd;    /* read end of the pipe now on 2 */
};

static inline void
mu_capture_begin(struct mu_capture *c)
{
	int p[2];

	fflush(stderr);
	ck_assert(pipe(p) == 0);
	c->saved = dup(2);
	ck_assert(c->saved >= 0);
	ck_assert(dup2(p[1], 2) == 2);
	close(p[1]);
	c->rd = p[0];
}

/* Restore descriptor 2; the captured text, NUL-terminated, in buf. */
static inline size_t
mu_capture_end(struct mu_capture *c, char *buf, size_t size)
{
	size_t got = 0;
	ssize_t n;

	fflush(stderr);
	ck_assert(dup2(c->saved, 2) == 2);
	close(c->saved);
	while (
	    got + 1 < size && (n = read(c->rd, buf + got, size - 1 - got)) > 0)
		got += (size_t)n;
	buf[got] = '\0';
	close(c->rd);
	return got;
}

/* Run one suite; the exit status of the test program. */
static inline int
mu_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif /* MISC_UTIL_H */
