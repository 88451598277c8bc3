/*
 * nls_request.c - nlsrequest, the client side of NLPS, and the library's
 * globals and diagnostics.
 *
 * One t_snd of the request; the reply is read one byte at a time up to
 * its NUL and never further, so that whatever the started service sends
 * first stays queued for the caller.  The reply must fit NLSI_REPLY_MAX
 * bytes.  With NLS_TIMEOUT set, every wait (for room to send, for each
 * byte of the reply) is a poll against one deadline; without it the
 * endpoint's own mode decides (a blocking endpoint blocks in t_rcv, a
 * non-blocking one waits in poll).
 */
#include "nls_impl.h"

#include <tiuser.h>

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The environment variable that bounds the wait, and its largest value
 * in seconds (so that milliseconds fit an int). */
#define NLSI_TIMEOUT_ENV "NLS_TIMEOUT"
#define NLSI_TIMEOUT_MAX 1000000L
/* A diagnostic line: a reply text and some words around it. */
#define NLSI_LOG_MAX     (NLSI_REPLY_MAX + 128)

NLSI_ENTRY int _nlslog = 0;
NLSI_ENTRY char *_nlsrmsg = NULL;

static char nlsi_buf[NLSI_REPLY_MAX]; /* the last reply */
static char nlsi_none[1];             /* _nlsrmsg when there is no reply */

/* The deadline of one nlsrequest, if NLS_TIMEOUT asks for one. */
struct nlsi_clock {
	bool set;
	long secs;
	struct timespec end;
};

/* Write "text\n" on fd 2 in one write, if _nlslog is set. */
static void nlsi_log(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static void
nlsi_log(const char *fmt, ...)
{
	char line[NLSI_LOG_MAX];
	int err = errno, n;
	va_list ap;

	if (!_nlslog)
		return;
	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	(void)!write(STDERR_FILENO, line, (size_t)n);
	errno = err;
}

static void
nlsi_deadline(struct nlsi_clock *dl)
{
	const char *s = getenv(NLSI_TIMEOUT_ENV);
	char *end;
	long secs;

	dl->set = false;
	if (s == NULL || *s == '\0')
		return;
	errno = 0;
	secs = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || secs <= 0 ||
	    secs > NLSI_TIMEOUT_MAX) {
		nlsi_log("nlsrequest: %s=%.32s is not a number of seconds "
			 "from 1 to %ld: no timeout",
		    NLSI_TIMEOUT_ENV, s, NLSI_TIMEOUT_MAX);
		return;
	}
	(void)clock_gettime(CLOCK_MONOTONIC, &dl->end);
	dl->end.tv_sec += secs;
	dl->secs = secs;
	dl->set = true;
}

/* Milliseconds to the deadline, rounded up; -1 without one. */
static int
nlsi_left(const struct nlsi_clock *dl)
{
	struct timespec now;
	long long ms;

	if (!dl->set)
		return -1;
	(void)clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (long long)(dl->end.tv_sec - now.tv_sec) * 1000 +
	    (dl->end.tv_nsec - now.tv_nsec + 999999) / 1000000;
	if (ms <= 0)
		return 0;
	return ms > INT_MAX ? INT_MAX : (int)ms;
}

/* Wait until fd is ready for events or the deadline passes: 0, or -1
 * with t_errno TSYSERR (errno ETIMEDOUT when the time is up). */
static int
nlsi_wait(int fd, short events, const struct nlsi_clock *dl, const char *what)
{
	struct pollfd p = { .fd = fd, .events = events };
	int r, ms;

	for (;;) {
		if ((ms = nlsi_left(dl)) == 0) {
			nlsi_log("nlsrequest: timed out after %ld seconds "
				 "(%s) trying to %s",
			    dl->secs, NLSI_TIMEOUT_ENV, what);
			t_errno = TSYSERR;
			errno = ETIMEDOUT;
			return -1;
		}
		if ((r = poll(&p, 1, ms)) > 0)
			return 0;
		if (r < 0 && errno != EINTR) {
			t_errno = TSYSERR;
			if (_nlslog)
				t_error("nlsrequest: poll");
			return -1;
		}
	}
}

static int
nlsi_send(int fd, char *req, int len, const struct nlsi_clock *dl)
{
	int sent = 0, r;

	while (sent < len) {
		if (dl->set &&
		    nlsi_wait(fd, POLLOUT, dl, "send the request") < 0)
			return -1;
		r = t_snd(fd, req + sent, (unsigned int)(len - sent), 0);
		if (r > 0) {
			sent += r;
			continue;
		}
		if (r < 0 && t_errno == TFLOW) {
			if (nlsi_wait(fd, POLLOUT, dl, "send the request") < 0)
				return -1;
			continue;
		}
		if (_nlslog)
			t_error("t_snd of listener request message failed");
		return -1;
	}
	return 0;
}

/* Read the reply into nlsi_buf up to its NUL: its length without the
 * NUL, or -1. */
static int
nlsi_read_reply(int fd, const struct nlsi_clock *dl)
{
	const char *what = "receive the response";
	size_t n = 0;
	int r, flags;

	for (;;) {
		if (n == sizeof(nlsi_buf)) {
			nlsi_log("nlsrequest: _nlsbuf not large enough");
			return -1;
		}
		if (dl->set && nlsi_wait(fd, POLLIN, dl, what) < 0)
			return -1;
		r = t_rcv(fd, nlsi_buf + n, 1, &flags);
		if (r == 1) {
			if (nlsi_buf[n] == '\0')
				return (int)n;
			n++;
			continue;
		}
		if (r < 0 && t_errno == TNODATA) {
			if (nlsi_wait(fd, POLLIN, dl, what) < 0)
				return -1;
			continue;
		}
		if (_nlslog)
			t_error("t_rcv of listener response msg failed");
		return -1;
	}
}

NLSI_ENTRY int
nlsrequest(int fd, char *svc_code)
{
	char req[NLSI_REQ_MAX];
	struct nlsi_clock dl;
	int len, code;
	size_t text;

	t_errno = 0;
	nlsi_none[0] = '\0';
	_nlsrmsg = nlsi_none;
	if ((len = nlsi_request(req, sizeof(req), svc_code)) < 0) {
		nlsi_log("nlsrequest: invalid service code format");
		return -1;
	}
	nlsi_deadline(&dl);
	if (nlsi_send(fd, req, len, &dl) < 0)
		return -1;
	if ((len = nlsi_read_reply(fd, &dl)) < 0)
		return -1;
	if ((code = nlsi_parse_reply(nlsi_buf, (size_t)len, &text)) < 0) {
		nlsi_log("nlsrequest: failed parse of response message");
		return -1;
	}
	_nlsrmsg = nlsi_buf + text;
	if (code != NLSSTART)
		nlsi_log("%s", _nlsrmsg);
	return code;
}
