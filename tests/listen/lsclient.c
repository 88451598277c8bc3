/*
 * lsclient - a client for the listener's tests.
 *
 * usage: lsclient [-l] [-r request] [-x hexbytes] [-s data] [-h ms] [-p ms]
 *                 host port
 *        lsclient -P      print a TCP port of 127.0.0.1 that is free now,
 *                         outside the ephemeral range
 *        lsclient -L port   hold 127.0.0.1:port bound and listening, print
 *                           "listening", until killed
 *        lsclient -n N host port
 *                         open N connections at once, wait up to 10 s for
 *                         each to say something or end, and print
 *                         "data=D reset=R closed=C open=O failed=F"
 *   -r request  send "request" and a NUL first, then read the reply up to
 *               its NUL and print "reply=<text>"
 *   -x hex      send these raw bytes first (no reply is read)
 *   -s data     then send data (with the request in one write when both)
 *   -h ms       hold the connection that long before sending
 *   -l          print "local=<port>" (its own port) first
 *   -p ms       send it in two writes that long apart: the first half of
 *               the bytes, then the rest
 * Then it closes its sending side and prints everything it receives.  A
 * reset prints "[reset]"; a connection refused prints "[refused]".
 * Exit 0, or 1 when it could not connect.
 */
#include "config.h"

#include "settle.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static size_t
unhex(const char *s, unsigned char *out, size_t max)
{
	size_t n = 0;
	unsigned int b;

	while (s[0] != '\0' && s[1] != '\0' && n < max &&
	    sscanf(s, "%2x", &b) == 1) {
		out[n++] = (unsigned char)b;
		s += 2;
	}
	return n;
}

static void
drain(int s)
{
	char buf[4096];
	struct pollfd pfd = { s, POLLIN, 0 };
	ssize_t n;

	while (poll(&pfd, 1, 10000) == 1) {
		n = recv(s, buf, sizeof(buf), 0);
		if (n < 0 && errno == ECONNRESET) {
			printf("[reset]");
			break;
		}
		if (n <= 0)
			break;
		fwrite(buf, 1, (size_t)n, stdout);
	}
	fflush(stdout);
}

static int
free_port(void)
{
	struct sockaddr_in sin;
	struct timespec ts;
	unsigned seed;
	int i;

	/* below the kernel's ephemeral range (32768 up by default), where
	 * no outgoing connection of another test can take it meanwhile */
	clock_gettime(CLOCK_REALTIME, &ts);
	seed = (unsigned)ts.tv_nsec ^ ((unsigned)getpid() << 16);
	for (i = 0; i < 200; i++) {
		int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		int port = 20000 + (int)(rand_r(&seed) % 12000);

		memset(&sin, 0, sizeof(sin));
		sin.sin_family = AF_INET;
		sin.sin_port = htons((unsigned short)port);
		sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		if (s < 0)
			return 1;
		if (bind(s, (struct sockaddr *)&sin, sizeof(sin)) == 0) {
			close(s);
			printf("%d\n", port);
			return 0;
		}
		close(s);
	}
	return 1;
}

/* What N simultaneous connections get within 10 seconds of the last
 * connect (a connect whose SYN the full backlog dropped is retried by the
 * kernel seconds later, so the clock starts when all are made). */
static int
flood(int n, const struct sockaddr_in *sin)
{
	struct pollfd *p = calloc((size_t)n, sizeof(*p));
	int i, failed = 0;

	for (i = 0; i < n; i++) {
		p[i].fd = socket(AF_INET, SOCK_STREAM, 0);
		p[i].events = POLLIN;
		if (connect(p[i].fd, (const struct sockaddr *)sin,
			sizeof(*sin)) < 0) {
			/* a busy machine may run out of ports or time */
			close(p[i].fd);
			p[i].fd = -1;
			failed++;
		}
	}
	settle(p, n, settle_now_ms() + 10000, 0, failed);
	free(p);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *req = NULL, *data = NULL, *hex = NULL;
	unsigned char out[8192];
	struct sockaddr_in sin;
	size_t n = 0;
	int c, s, hold = 0, local = 0, pause_ms = -1;
	char ch;

	if (argc == 2 && strcmp(argv[1], "-P") == 0)
		return free_port();
	if (argc == 3 && strcmp(argv[1], "-L") == 0) {
		struct sockaddr_in a;
		int l = socket(AF_INET, SOCK_STREAM, 0);

		memset(&a, 0, sizeof(a));
		a.sin_family = AF_INET;
		a.sin_port = htons((unsigned short)atoi(argv[2]));
		a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		if (bind(l, (struct sockaddr *)&a, sizeof(a)) < 0 ||
		    listen(l, 1) < 0)
			return 1;
		printf("listening\n");
		fflush(stdout);
		for (;;)
			pause();
	}
	if (argc == 5 && strcmp(argv[1], "-n") == 0) {
		struct sockaddr_in a;

		memset(&a, 0, sizeof(a));
		a.sin_family = AF_INET;
		a.sin_port = htons((unsigned short)atoi(argv[4]));
		inet_pton(AF_INET, argv[3], &a.sin_addr);
		return flood(atoi(argv[2]), &a);
	}
	while ((c = getopt(argc, argv, "r:x:s:h:lp:")) != -1) {
		if (c == 'l')
			local = 1;
		else if (c == 'r')
			req = optarg;
		else if (c == 'x')
			hex = optarg;
		else if (c == 's')
			data = optarg;
		else if (c == 'h')
			hold = atoi(optarg);
		else if (c == 'p')
			pause_ms = atoi(optarg);
		else
			return 2;
	}
	if (argc - optind != 2)
		return 2;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((unsigned short)atoi(argv[optind + 1]));
	inet_pton(AF_INET, argv[optind], &sin.sin_addr);
	s = socket(AF_INET, SOCK_STREAM, 0);
	if (connect(s, (struct sockaddr *)&sin, sizeof(sin)) < 0) {
		printf("[refused]\n");
		return 1;
	}
	if (local) {
		struct sockaddr_in me;
		socklen_t len = sizeof(me);

		if (getsockname(s, (struct sockaddr *)&me, &len) == 0)
			printf("local=%u\n", (unsigned)ntohs(me.sin_port));
		fflush(stdout);
	}
	if (hold > 0) {
		struct timespec ts = { hold / 1000, (hold % 1000) * 1000000L };

		nanosleep(&ts, NULL);
	}
	if (req != NULL) {
		n = strlen(req) + 1;
		memcpy(out, req, n);
	}
	if (hex != NULL)
		n += unhex(hex, out + n, sizeof(out) - n);
	if (data != NULL && n + strlen(data) < sizeof(out)) {
		memcpy(out + n, data, strlen(data));
		n += strlen(data);
	}
	if (pause_ms >= 0 && n > 1) {
		struct timespec ts = { pause_ms / 1000,
			(pause_ms % 1000) * 1000000L };
		size_t half = n / 2;

		if (send(s, out, half, MSG_NOSIGNAL) != (ssize_t)half)
			printf("[send failed]");
		nanosleep(&ts, NULL);
		memmove(out, out + half, n - half);
		n -= half;
	}
	if (n > 0 && send(s, out, n, MSG_NOSIGNAL) != (ssize_t)n)
		printf("[send failed]");
	if (req != NULL) {
		printf("reply=");
		while (recv(s, &ch, 1, 0) == 1 && ch != '\0')
			putchar(ch);
		putchar('\n');
	}
	shutdown(s, SHUT_WR);
	drain(s);
	close(s);
	return 0;
}
