/*
 * check_request.c - nlsrequest against a fake listener: a child process
 * with plain sockets on a real loopback TCP connection.  Replies, the
 * bytes after the reply's NUL, malformed and oversized replies, a peer
 * that leaves, invalid codes, NLS_TIMEOUT, non-blocking endpoints and the
 * _nlslog diagnostics.
 */
#include "nls_test.h"

#include <tiuser.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* The size of the library's reply buffer, NUL included. */
#define NT_REPLY_MAX 2048

/* Run nlsrequest(code) against a fake listener playing s, with stderr
 * captured into *log; the result.  The endpoint stays open in *fd. */
static int
nt_ask(const struct nt_script *s, char *code, struct nt_peer *p, int *fd,
    const char **log)
{
	int r;

	*p = nt_peer_start(s);
	*fd = nt_tli_connect(p->port);
	nt_capture_start();
	r = nlsrequest(*fd, code);
	*log = nt_capture_end();
	return r;
}

/* Close the endpoint and check that the fake listener was content. */
static void
nt_done(struct nt_peer *p, int fd)
{
	ck_assert_int_eq(t_close(fd), 0);
	ck_assert_int_eq(nt_peer_wait(p), 0);
}

static const struct {
	const char *reply;
	int code;
	const char *text;
} nt_answers[] = {
	{ "2:0:NLPS (lp) exec: /usr/lib/lp/lpsched", NLSSTART,
	    "NLPS (lp) exec: /usr/lib/lp/lpsched" },
	{ "2:3:NLPS: Request for service code lp denied, unknown service code",
	    NLSUNKNOWN,
	    "NLPS: Request for service code lp denied, unknown service code" },
	{ "2:4:NLPS: Request for service code lp denied, service is disabled",
	    NLSDISABLED,
	    "NLPS: Request for service code lp denied, service is disabled" },
	{ "2:2:bad format", NLSFORMAT, "bad format" },
};

START_TEST(reply_codes)
{
	struct nt_script s = { .expect = "NLPS:002:002:lp",
		.reply = nt_answers[_i].reply,
		.len = strlen(nt_answers[_i].reply) + 1 };
	char want[256];
	const char *log;
	struct nt_peer p;
	int fd;

	_nlslog = 1;
	ck_assert_int_eq(nt_ask(&s, "lp", &p, &fd, &log), nt_answers[_i].code);
	ck_assert_str_eq(_nlsrmsg, nt_answers[_i].text);
	ck_assert_int_eq(t_errno, 0);
	/* refusals are explained on stderr with the listener's text */
	snprintf(want, sizeof(want), "%s\n", nt_answers[_i].text);
	ck_assert_str_eq(log, nt_answers[_i].code == NLSSTART ? "" : want);
	nt_done(&p, fd);
}
END_TEST

START_TEST(no_log_unless_asked)
{
	struct nt_script s = { .reply = "2:3:unknown", .len = 12 };
	struct nt_script bad = { .reply = "junk", .len = 5 };
	const char *log;
	struct nt_peer p;
	int fd;

	_nlslog = 0;
	ck_assert_int_eq(nt_ask(&s, "x", &p, &fd, &log), NLSUNKNOWN);
	ck_assert_str_eq(log, "");
	nt_done(&p, fd);
	ck_assert_int_eq(nt_ask(&bad, "x", &p, &fd, &log), -1);
	ck_assert_str_eq(log, "");
	nt_done(&p, fd);
}
END_TEST

START_TEST(bytes_after_reply_stay_unread)
{
	/* 13 bytes up to the NUL, a prime: a reader taking more than one
	 * byte at a time would run past the NUL */
	static const char wire[] = "2:0:started.\0HELLO FROM SERVICE";
	struct nt_script s = { .expect = "NLPS:002:002:svc",
		.reply = wire,
		.len = sizeof(wire) - 1,
		.after = NT_ECHO };
	char buf[64];
	const char *log;
	struct nt_peer p;
	int fd, n, flags, got = 0;

	ck_assert_int_eq(nt_ask(&s, "svc", &p, &fd, &log), NLSSTART);
	ck_assert_str_eq(_nlsrmsg, "started.");
	while (got < 18) {
		n = t_rcv(fd, buf + got, sizeof(buf) - (size_t)got, &flags);
		ck_assert_int_gt(n, 0);
		got += n;
	}
	ck_assert_int_eq(got, 18);
	ck_assert_mem_eq(buf, "HELLO FROM SERVICE", 18);
	/* and the connection is the service's now, both ways */
	ck_assert_int_eq(t_snd(fd, "ping", 4, 0), 4);
	ck_assert_int_eq(nt_read_n(fd, buf, 4), 4);
	ck_assert_mem_eq(buf, "ping", 4);
	nt_done(&p, fd);
}
END_TEST

static const char *const nt_malformed[] = {
	"junk",
	"2",
	"2:",
	":0:text",
	"2:x:text",
	"2:0x:text",
	"2:-1:text",
	"2:1000:text",
	"2;0;text",
	"",
};

START_TEST(malformed_reply)
{
	struct nt_script s = { .reply = nt_malformed[_i],
		.len = strlen(nt_malformed[_i]) + 1 };
	const char *log;
	struct nt_peer p;
	int fd;

	_nlslog = 1;
	ck_assert_int_eq(nt_ask(&s, "1", &p, &fd, &log), -1);
	ck_assert_int_eq(t_errno, 0);
	ck_assert_str_eq(_nlsrmsg, "");
	ck_assert_str_eq(log, "nlsrequest: failed parse of response message\n");
	nt_done(&p, fd);
}
END_TEST

START_TEST(reply_longer_than_buffer)
{
	static char wire[3000 + 1 + 4];
	struct nt_script s = { .reply = wire, .len = sizeof(wire) };
	char rest[sizeof(wire)];
	const size_t left = sizeof(wire) - NT_REPLY_MAX;
	const char *log;
	struct nt_peer p;
	int fd;

	memset(wire, 'A', 3000);
	memcpy(wire + 3000, "\0TAIL", 5);
	_nlslog = 1;
	ck_assert_int_eq(nt_ask(&s, "1", &p, &fd, &log), -1);
	ck_assert_int_eq(t_errno, 0);
	ck_assert_str_eq(log, "nlsrequest: _nlsbuf not large enough\n");
	ck_assert_str_eq(_nlsrmsg, "");
	/* exactly the buffer's worth was read, nothing more */
	ck_assert_uint_eq(nt_read_n(fd, rest, left), left);
	ck_assert_mem_eq(rest, wire + NT_REPLY_MAX, left);
	ck_assert(nt_nothing_pending(fd));
	nt_done(&p, fd);
}
END_TEST

START_TEST(reply_at_the_limit)
{
	static char wire[NT_REPLY_MAX];
	struct nt_script s = { .reply = wire, .len = sizeof(wire) };
	const char *log;
	struct nt_peer p;
	int fd;

	memset(wire, 'x', sizeof(wire) - 1);
	memcpy(wire, "2:0:", 4);
	ck_assert_int_eq(nt_ask(&s, "1", &p, &fd, &log), NLSSTART);
	ck_assert_uint_eq(strlen(_nlsrmsg), NT_REPLY_MAX - 1 - 4);
	ck_assert_int_eq(_nlsrmsg[0], 'x');
	nt_done(&p, fd);
}
END_TEST

START_TEST(peer_closes_before_nul)
{
	struct nt_script s = {
		.reply = "2:0:half a rep", .len = 14, .after = NT_CLOSE
	};
	const char *log;
	struct nt_peer p;
	int fd;

	_nlslog = 1;
	ck_assert_int_eq(nt_ask(&s, "1", &p, &fd, &log), -1);
	ck_assert_int_eq(t_errno, TLOOK);
	ck_assert_str_eq(_nlsrmsg, "");
	ck_assert_msg(
	    strncmp(log, "t_rcv of listener response msg failed: ", 39) == 0,
	    "log: %s", log);
	nt_done(&p, fd);
}
END_TEST

static char *const nt_bad_codes[] = { "", "abcdefghijklmn", NULL };

START_TEST(invalid_code)
{
	const char *log;
	int sv[2];

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	_nlslog = 1;
	t_errno = TBADF;
	nt_capture_start();
	ck_assert_int_eq(nlsrequest(sv[0], nt_bad_codes[_i]), -1);
	log = nt_capture_end();
	ck_assert_int_eq(t_errno, 0);
	ck_assert_str_eq(log, "nlsrequest: invalid service code format\n");
	ck_assert(nt_nothing_pending(sv[1])); /* nothing was sent */
	close(sv[0]);
	close(sv[1]);
}
END_TEST

START_TEST(longest_code)
{
	struct nt_script s = { .expect = "NLPS:002:002:abcdefghijklm",
		.reply = "2:0:ok",
		.len = 7 };
	const char *log;
	struct nt_peer p;
	int fd;

	ck_assert_int_eq(nt_ask(&s, "abcdefghijklm", &p, &fd, &log), 0);
	nt_done(&p, fd);
}
END_TEST

/* A silent listener and NLS_TIMEOUT=1, on a blocking (_i 0) and a
 * non-blocking (_i 1) endpoint. */
START_TEST(timeout_on_silent_peer)
{
	struct nt_script s = { .after = NT_SILENT };
	struct nt_peer p = nt_peer_start(&s);
	int fd = nt_tli_connect(p.port);
	long long t0, ms;
	const char *log;

	if (_i == 1)
		ck_assert_int_eq(
		    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK), 0);
	setenv("NLS_TIMEOUT", "1", 1);
	_nlslog = 1;
	t0 = nt_now_ms();
	nt_capture_start();
	ck_assert_int_eq(nlsrequest(fd, "1"), -1);
	ck_assert_int_eq(errno, ETIMEDOUT);
	log = nt_capture_end();
	ms = nt_now_ms() - t0;
	ck_assert_int_eq(t_errno, TSYSERR);
	ck_assert_msg(ms >= 950 && ms < 3000, "timed out after %lld ms", ms);
	ck_assert_str_eq(log,
	    "nlsrequest: timed out after 1 seconds "
	    "(NLS_TIMEOUT) trying to receive the response\n");
	t_close(fd);
	nt_peer_stop(&p);
}
END_TEST

/* A listener that answers after 200 ms: no timeout set (_i 0), a timeout
 * not reached (_i 1), a value that is not a number (_i 2), and a
 * non-blocking endpoint without a timeout (_i 3). */
START_TEST(slow_answer)
{
	static const char wire[] = "2:0:late\0after";
	static const char *const timeouts[] = { NULL, "5", "soon", NULL };
	struct nt_script s = {
		.reply = wire, .len = sizeof(wire) - 1, .delay_ms = 200
	};
	struct nt_peer p = nt_peer_start(&s);
	int fd = nt_tli_connect(p.port);
	const char *log;
	long long t0;
	char buf[5];

	if (timeouts[_i] != NULL)
		setenv("NLS_TIMEOUT", timeouts[_i], 1);
	else
		unsetenv("NLS_TIMEOUT");
	if (_i == 3)
		ck_assert_int_eq(
		    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK), 0);
	_nlslog = 1;
	t0 = nt_now_ms();
	nt_capture_start();
	ck_assert_int_eq(nlsrequest(fd, "1"), NLSSTART);
	log = nt_capture_end();
	ck_assert_int_ge(nt_now_ms() - t0, 150);
	ck_assert_str_eq(_nlsrmsg, "late");
	ck_assert_str_eq(log,
	    _i != 2 ? "" :
		      "nlsrequest: NLS_TIMEOUT=soon is not a number of seconds "
		      "from 1 to 1000000: no timeout\n");
	ck_assert_uint_eq(nt_read_n(fd, buf, 5), 5);
	ck_assert_mem_eq(buf, "after", 5);
	nt_done(&p, fd);
}
END_TEST

START_TEST(send_fails)
{
	int fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	const char *log;

	ck_assert_int_ge(fd, 0);
	_nlslog = 1;
	nt_capture_start();
	ck_assert_int_eq(nlsrequest(fd, "1"), -1);
	log = nt_capture_end();
	ck_assert_int_ne(t_errno, 0);
	ck_assert_msg(
	    strncmp(log, "t_snd of listener request message failed: ", 42) == 0,
	    "log: %s", log);
	close(fd);
}
END_TEST

START_TEST(message_cleared_by_failure)
{
	struct nt_script s = { .reply = "2:0:first", .len = 10 };
	const char *log;
	struct nt_peer p;
	int fd;

	ck_assert_ptr_null(_nlsrmsg); /* before any request */
	ck_assert_int_eq(nt_ask(&s, "1", &p, &fd, &log), 0);
	ck_assert_str_eq(_nlsrmsg, "first");
	nt_done(&p, fd);
	ck_assert_int_eq(nlsrequest(-1, ""), -1);
	ck_assert_str_eq(_nlsrmsg, "");
}
END_TEST

Suite *
nt_request_suite(void)
{
	Suite *s = suite_create("nlsrequest");
	TCase *tc = tcase_create("nlsrequest");

	tcase_add_loop_test(tc, reply_codes, 0,
	    (int)(sizeof(nt_answers) / sizeof(nt_answers[0])));
	tcase_add_test(tc, no_log_unless_asked);
	tcase_add_test(tc, bytes_after_reply_stay_unread);
	tcase_add_loop_test(tc, malformed_reply, 0,
	    (int)(sizeof(nt_malformed) / sizeof(nt_malformed[0])));
	tcase_add_test(tc, reply_longer_than_buffer);
	tcase_add_test(tc, reply_at_the_limit);
	tcase_add_test(tc, peer_closes_before_nul);
	tcase_add_loop_test(tc, invalid_code, 0,
	    (int)(sizeof(nt_bad_codes) / sizeof(nt_bad_codes[0])));
	tcase_add_test(tc, longest_code);
	tcase_add_loop_test(tc, timeout_on_silent_peer, 0, 2);
	tcase_add_loop_test(tc, slow_answer, 0, 4);
	tcase_add_test(tc, send_fails);
	tcase_add_test(tc, message_cleared_by_failure);
	suite_add_tcase(s, tc);
	return s;
}
