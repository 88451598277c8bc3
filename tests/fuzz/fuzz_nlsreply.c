/*
 * fuzz_nlsreply.c - libFuzzer target for the NLPS reply parser that
 * nlsrequest applies to what a listener sends back, and the request
 * builder applied to the same bytes as a service code.
 * Properties: no crash; a reply that parses has a code from 0 to 999, no
 * NUL, and its text inside the input; the reply rebuilt from the code and
 * the text parses to the same code and text; a request is built exactly
 * for codes of 1 to 13 characters.
 *
 * Then the real nlsrequest over a socket pair whose other end sends the
 * input and closes: the request goes out whole; the reply is read up to
 * its NUL and not one byte further (what follows stays for the caller),
 * never more than NLSI_REPLY_MAX bytes; the result is the code of the
 * reply as parsed, or -1; _nlsrmsg is the reply's text.
 */
#include "nls_impl.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <tiuser.h>
#include <unistd.h>

#define FUZZ_ASSERT(c) ((c) ? (void)0 : abort())

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
rebuilt(int code, const char *text, size_t tlen)
{
	char buf[NLSI_REPLY_MAX + 16];
	size_t t2;
	int n;

	n = snprintf(buf, sizeof(buf), "2:%d:", code);
	FUZZ_ASSERT(n > 0 && (size_t)n + tlen <= sizeof(buf));
	memcpy(buf + n, text, tlen);
	FUZZ_ASSERT(nlsi_parse_reply(buf, (size_t)n + tlen, &t2) == code);
	FUZZ_ASSERT(t2 == (size_t)n && memcmp(buf + t2, text, tlen) == 0);
}

static void
request(const uint8_t *data, size_t size)
{
	char code[SVC_CODE_SZ + 8], req[NLSI_REQ_MAX];
	size_t clen = size < sizeof(code) - 1 ? size : sizeof(code) - 1;
	int n;

	memcpy(code, data, clen);
	code[clen] = '\0';
	clen = strlen(code);
	n = nlsi_request(req, sizeof(req), code);
	if (clen == 0 || clen > NLSI_CODE_MAX) {
		FUZZ_ASSERT(n == -1);
		return;
	}
	FUZZ_ASSERT(n == (int)(13 + clen + 1) && req[n - 1] == '\0');
	FUZZ_ASSERT(memcmp(req, "NLPS:002:002:", 13) == 0);
	FUZZ_ASSERT(memcmp(req + 13, code, clen) == 0);
}

/* Everything still readable on fd. */
static size_t
drain(int fd, unsigned char *buf, size_t size)
{
	size_t n = 0;
	ssize_t r;

	while (n < size && (r = recv(fd, buf + n, size - n, MSG_DONTWAIT)) > 0)
		n += (size_t)r;
	return n;
}

static void
fuzz_request(const uint8_t *data, size_t size)
{
	static const char want[] = "NLPS:002:002:svc";
	static unsigned char left[2 * NLSI_REPLY_MAX];
	char code[] = "svc";
	const uint8_t *nul;
	size_t n, reply, text;
	int sv[2], r, expect;

	if (size > NLSI_REPLY_MAX + 64)
		return;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		abort();
	if (size > 0 && write(sv[1], data, size) != (ssize_t)size)
		abort();
	shutdown(sv[1], SHUT_WR);
	r = nlsrequest(sv[0], code);
	/* the request, whole */
	n = drain(sv[1], left, sizeof(left));
	FUZZ_ASSERT(n == sizeof(want) && memcmp(left, want, n) == 0);
	/* the reply, read up to its NUL and no further */
	n = drain(sv[0], left, sizeof(left));
	nul = memchr(data, '\0', size);
	if (nul != NULL && (size_t)(nul - data) < NLSI_REPLY_MAX) {
		reply = (size_t)(nul - data);
		FUZZ_ASSERT(n == size - reply - 1);
		FUZZ_ASSERT(memcmp(left, nul + 1, n) == 0);
		expect = nlsi_parse_reply((const char *)data, reply, &text);
		FUZZ_ASSERT(r == expect);
		if (r >= 0)
			FUZZ_ASSERT(strlen(_nlsrmsg) == reply - text &&
			    memcmp(_nlsrmsg, data + text, reply - text) == 0);
	} else {
		FUZZ_ASSERT(r == -1);
		FUZZ_ASSERT(size - n <= NLSI_REPLY_MAX);
	}
	t_close(sv[0]);
	close(sv[1]);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *msg = (const char *)data;
	size_t text = (size_t)-1;
	int code;

	request(data, size);
	fuzz_request(data, size);
	if (size >= NLSI_REPLY_MAX)
		return 0; /* nlsrequest never reads a longer reply */
	code = nlsi_parse_reply(msg, size, &text);
	if (code < 0)
		return 0;
	FUZZ_ASSERT(code <= 999 && text <= size);
	FUZZ_ASSERT(memchr(msg, '\0', size) == NULL);
	FUZZ_ASSERT(text == size || msg[text - 1] == ':');
	rebuilt(code, msg + text, size - text);
	return 0;
}
