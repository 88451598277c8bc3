/*
 * hdclient - a client for the hardening tests: many connections, idle
 * ones, and connections that end in a reset.
 *
 *   hdclient many HOST PORT N SECS [REQUEST]
 *       open N connections at once (sending REQUEST and its NUL on each,
 *       if given), wait up to SECS seconds for each to bring a byte or
 *       end, and print "data=D reset=R closed=C open=O failed=F"
 *   hdclient idle HOST PORT N
 *       open N connections that say nothing, print "connected=C
 *       failed=F", and hold them until killed
 *   hdclient reset HOST PORT HEX [MS]
 *       connect, send the bytes HEX, wait MS milliseconds (default 0),
 *       and close with a reset (SO_LINGER 0); print "reset"
 * The descriptor limit is raised to the hard limit first.  Exit 0, or 1
 * when the arguments are wrong or a reset connection could not be made.
 */
#include "config.h"

#include "../listen/settle.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* Connections started at once, then a pause to let the server take them:
 * on loopback a connection is made before connect returns, so a client
 * going at full speed fills the listener's backlog (MAXCON, 100) before
 * it is scheduled, and every connection refused then waits a second for
 * its SYN to be sent again. */
#define BATCH    32
#define PAUSE_US 2000

static struct sockaddr_in peer;

static void
nofile_max(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
	}
}

/* Open n connections, BATCH at a time: the descriptors (-1 if failed;
 * a connection reset before it was looked at is made, and counted in
 * *reset with its descriptor closed and -2 in its place). */
static int *
open_many(int n, int *failed, int *reset)
{
	int *fd = calloc((size_t)n, sizeof(int));
	struct pollfd *p = calloc(BATCH, sizeof(*p));
	short done[BATCH] = { 0 };
	int i, j, k;

	*failed = 0;
	if (fd == NULL || p == NULL)
		exit(1);
	for (i = 0; i < n; i += BATCH) {
		k = n - i < BATCH ? n - i : BATCH;
		for (j = 0; j < k; j++) {
			int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);

			fd[i + j] = s;
			p[j].fd = s;
			p[j].events = POLLOUT;
			if (s < 0 ||
			    (connect(s, (struct sockaddr *)&peer,
				 sizeof(peer)) < 0 &&
				errno != EINPROGRESS))
				p[j].fd = -1;
		}
		/* wait for this batch to be connected (or refused); one that
		 * has answered is polled no more (its fd negated) */
		for (;;) {
			int left = 0;

			for (j = 0; j < k; j++)
				left += p[j].fd >= 0;
			if (left == 0 || poll(p, (nfds_t)k, 10000) <= 0)
				break;
			for (j = 0; j < k; j++)
				if (p[j].fd >= 0 && p[j].revents != 0) {
					done[j] = p[j].revents;
					p[j].fd = -1;
				}
		}
		for (j = 0; j < k; j++) {
			int err = 0;
			socklen_t len = sizeof(err);
			int s = fd[i + j];

			if (s < 0 || !(done[j] & (POLLOUT | POLLERR)) ||
			    getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &len) <
				0 ||
			    err != 0) {
				if (s >= 0)
					close(s);
				fd[i + j] = err == ECONNRESET ? -2 : -1;
				if (err == ECONNRESET)
					(*reset)++;
				else
					(*failed)++;
			}
			done[j] = 0;
		}
		usleep(PAUSE_US);
	}
	free(p);
	return fd;
}

static int
many(int n, int secs, const char *req)
{
	struct pollfd *p = calloc((size_t)n, sizeof(*p));
	long end = settle_now_ms() + 1000L * secs;
	int *fd, i, failed, rst = 0;

	fd = open_many(n, &failed, &rst);
	for (i = 0; i < n; i++) {
		p[i].fd = fd[i] < 0 ? -1 : fd[i];
		p[i].events = POLLIN;
		if (fd[i] >= 0 && req != NULL)
			(void)send(fd[i], req, strlen(req) + 1, MSG_NOSIGNAL);
	}
	settle(p, n, end, rst, failed);
	free(p);
	free(fd);
	return 0;
}

static _Noreturn void
idle(int n)
{
	int *fd, i, failed, reset = 0, ok = 0;

	fd = open_many(n, &failed, &reset);
	for (i = 0; i < n; i++)
		ok += fd[i] >= 0;
	failed += reset;
	printf("connected=%d failed=%d\n", ok, failed);
	fflush(stdout);
	for (;;)
		pause();
}

static int
reset(const char *hex, int ms)
{
	unsigned char buf[4096];
	struct linger lg = { 1, 0 };
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	size_t n = 0;
	unsigned b;
	int s = socket(AF_INET, SOCK_STREAM, 0);

	while (hex[0] != '\0' && hex[1] != '\0' && n < sizeof(buf) &&
	    sscanf(hex, "%2x", &b) == 1) {
		buf[n++] = (unsigned char)b;
		hex += 2;
	}
	if (s < 0 || connect(s, (struct sockaddr *)&peer, sizeof(peer)) < 0)
		return 1;
	if (n > 0 && send(s, buf, n, MSG_NOSIGNAL) != (ssize_t)n)
		return 1;
	if (ms > 0)
		nanosleep(&ts, NULL);
	(void)setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	close(s);
	printf("reset\n");
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc < 4)
		return 1;
	nofile_max();
	memset(&peer, 0, sizeof(peer));
	peer.sin_family = AF_INET;
	peer.sin_port = htons((unsigned short)atoi(argv[3]));
	if (inet_pton(AF_INET, argv[2], &peer.sin_addr) != 1)
		return 1;
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (strcmp(argv[1], "many") == 0 && (argc == 6 || argc == 7))
		return many(
		    atoi(argv[4]), atoi(argv[5]), argc == 7 ? argv[6] : NULL);
	if (strcmp(argv[1], "idle") == 0 && argc == 5)
		idle(atoi(argv[4]));
	if (strcmp(argv[1], "reset") == 0 && (argc == 5 || argc == 6))
		return reset(argv[4], argc == 6 ? atoi(argv[5]) : 0);
	return 1;
}
