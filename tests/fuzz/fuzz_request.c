/*
 * fuzz_request - the listener's own handling of a connection on an NLPS
 * address (listen/request.c, with the real event loop), over a real
 * socket pair.  The first byte of the input says in pieces of how many
 * bytes the caller sends the rest; then the caller closes its side.
 *
 * Properties: the connection is always settled once the caller has
 * closed (handed to a service, or closed by the listener), never left
 * waiting; a version 2 request gets exactly one reply, whose code is the
 * one the table calls for; a connection handed over has lost exactly the
 * request's bytes, and everything the caller sent after them is still
 * there for the server, byte for byte; the SMB server gets one argument
 * per dialect and the message in hex; no descriptor is left behind.
 *
 * The rest of the listener (dispatch, exec, log) is replaced by stubs
 * that record what they were given.
 */
#include "config.h"

#include "ls.h"
#include "nlps.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define FUZZ_ASSERT(c) ((c) ? (void)0 : abort())
/* The longest input: what the caller sends fits the socket's buffer. */
#define FUZZ_INPUT_MAX 32768

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char table[] = "# VERSION=4\n"
			    "echo::nobody:reserved:reserved:reserved:::c::"
			    "/bin/cat#exec\n"
			    "off:x:nobody:reserved:reserved:reserved:::c::"
			    "/bin/cat#disabled\n"
			    "pass::nobody:reserved:reserved:reserved:::p::"
			    "/run/x#pass\n"
			    "2::nobody:reserved:reserved:reserved:::c::"
			    "/bin/cat#MS-NET\n";

static struct ls ls;
/* what the stubs were given */
static int handed_fd = -1, handed_how;
static const struct ls_svc *handed_svc;
static int handed_nextra;

/* ---- the rest of the listener, as stubs ---- */

void
ls_log(const char *fmt, ...)
{
	char line[SAF_LOG_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
}

void
ls_dispatch(struct ls *l, struct ls_svc *svc, int fd,
    const struct sockaddr_storage *peer, socklen_t plen, const char *via)
{
	(void)l;
	(void)peer;
	(void)plen;
	FUZZ_ASSERT(via != NULL && handed_fd < 0 && fd >= 0);
	handed_fd = fd;
	handed_svc = svc;
	handed_how = 1;
}

int
ls_exec(struct ls *l, struct ls_svc *svc, int fd,
    const struct sockaddr_storage *peer, socklen_t plen,
    const char *const *extra, int nextra, const char *last)
{
	int i;

	(void)l;
	(void)peer;
	(void)plen;
	FUZZ_ASSERT(handed_fd < 0 && fd >= 0 && last != NULL);
	FUZZ_ASSERT(nextra >= 0 && nextra <= SMB_MAX_DIALECTS);
	for (i = 0; i < nextra; i++)
		FUZZ_ASSERT(strncmp(extra[i], "-D", 2) == 0);
	handed_fd = fd;
	handed_svc = svc;
	handed_how = 2;
	handed_nextra = nextra;
	return 0;
}

/* ---- the caller's side ---- */

/* Everything readable on fd now (it is non-blocking). */
static size_t
drain(int fd, unsigned char *buf, size_t size)
{
	size_t n = 0;
	ssize_t r;

	while (n < size && (r = recv(fd, buf + n, size - n, MSG_DONTWAIT)) > 0)
		n += (size_t)r;
	return n;
}

/* The reply the table calls for, for a request of code. */
static int
reply_code(const char *code)
{
	const struct ls_svc *s =
	    strlen(code) <= NLPS_CODE_MAX ? ls_table_find(&ls.tab, code) : NULL;

	if (s == NULL)
		return NLSUNKNOWN;
	return (s->ent.flags & SAF_PM_XFLAG) ? NLSDISABLED : NLSSTART;
}

static void
check_reply(const unsigned char *got, size_t n, const uint8_t *req, size_t take)
{
	struct nlps_req q;
	char want[16];

	if (nlps_parse((const char *)req, take, &q) != NLPS_OK || q.low != 2) {
		FUZZ_ASSERT(n == 0);
		return;
	}
	snprintf(want, sizeof(want), "2:%d:", reply_code(q.code));
	FUZZ_ASSERT(n > strlen(want) && got[n - 1] == '\0');
	FUZZ_ASSERT(memcmp(got, want, strlen(want)) == 0);
	FUZZ_ASSERT(memchr(got, '\0', n - 1) == NULL);
}

/* A connection handed over: what is left on it is what followed the
 * request, and it went to the service the request names. */
static void
check_handed(const uint8_t *data, size_t size, size_t take, enum nlps_scan k)
{
	static unsigned char rest[FUZZ_INPUT_MAX];
	size_t n;

	FUZZ_ASSERT(k == NLPS_SCAN_NLPS || k == NLPS_SCAN_SMB);
	if (k == NLPS_SCAN_SMB) {
		FUZZ_ASSERT(handed_how == 2);
		FUZZ_ASSERT(strcmp(handed_svc->ent.svctag, "2") == 0);
	} else {
		FUZZ_ASSERT(handed_how == 1);
		FUZZ_ASSERT((handed_svc->ent.flags & SAF_PM_XFLAG) == 0);
	}
	n = drain(handed_fd, rest, sizeof(rest));
	FUZZ_ASSERT(n == size - take);
	FUZZ_ASSERT(memcmp(rest, data + take, n) == 0);
	close(handed_fd);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned char got[4096];
	struct sockaddr_storage peer;
	size_t step, sent = 0, n = 0, take = 0;
	enum nlps_scan k;
	int sv[2], i;

	if (ls.loop == NULL) {
		struct saf_error err;
		size_t j;

		ls.loop = evloop_new();
		ls.req_timeout = 3600;
		ls.state = PM_ENABLED;
		if (ls.loop == NULL ||
		    ls_table_parse(
			table, strlen(table), AF_INET, &ls.tab, &err) < 0)
			abort();
		for (j = 0; j < ls.tab.n; j++)
			ls.tab.v[j].ready = true;
	}
	/* what the whole says, and what the caller sends: at most what fits
	 * the socket's buffer without waiting */
	if (size == 0 || size > FUZZ_INPUT_MAX)
		return 0;
	step = data[0] == 0 ? size : data[0];
	data++;
	size--;
	if (socketpair(
		AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv) < 0)
		abort();
	memset(&peer, 0, sizeof(peer));
	peer.ss_family = AF_UNIX;
	handed_fd = -1;
	handed_how = 0;
	ls_request_start(&ls, sv[0], &peer, sizeof(sa_family_t));
	FUZZ_ASSERT(ls.nreqs == 1);
	while (sent < size && ls.nreqs > 0) {
		size_t m = size - sent < step ? size - sent : step;
		ssize_t w = send(sv[1], data + sent, m, MSG_NOSIGNAL);

		if (w <= 0)
			break; /* the listener closed its side */
		sent += (size_t)w;
		(void)evloop_once(ls.loop, 0);
	}
	/* anything not sent yet goes now; then the caller is done */
	while (sent < size) {
		ssize_t w = send(sv[1], data + sent, size - sent, MSG_NOSIGNAL);

		if (w <= 0)
			break;
		sent += (size_t)w;
	}
	shutdown(sv[1], SHUT_WR);
	for (i = 0; i < 4 && ls.nreqs > 0; i++)
		(void)evloop_once(ls.loop, 0);
	/* settled: never left waiting for a caller that has gone */
	FUZZ_ASSERT(ls.nreqs == 0);
	n = drain(sv[1], got, sizeof(got));
	k = nlps_scan(data, sent < NLPS_REQ_MAX ? sent : NLPS_REQ_MAX, &take);
	if (k == NLPS_SCAN_NLPS)
		check_reply(got, n, data, take);
	else
		FUZZ_ASSERT(n == 0);
	if (handed_fd >= 0) {
		FUZZ_ASSERT(handed_fd == sv[0] && sent == size);
		check_handed(data, size, take, k);
	} else {
		/* closed by the listener */
		FUZZ_ASSERT(fcntl(sv[0], F_GETFD) < 0 && errno == EBADF);
	}
	close(sv[1]);
	return 0;
}
