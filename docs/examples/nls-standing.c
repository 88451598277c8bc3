/*
 * nls-standing - a standing server: it makes its rendezvous, then takes
 * the connections the listener passes to it (services with the "p" flag,
 * whose command is the rendezvous path), greets each one with its service
 * code and caller, and closes it.  SIGTERM or SIGINT stops it; it removes
 * its rendezvous on the way out.
 *
 * A _pmtab record that sends port 7778 to it:
 *   greet::root:reserved:reserved:reserved:\:7778::p::/run/nls-standing.sock#greet
 *
 * usage: nls-standing path
 * Build: cc -o nls-standing nls-standing.c $(pkg-config --cflags --libs libnls)
 */
#define _GNU_SOURCE /* ppoll */
#include <listen.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* Block the stop signals; ppoll unblocks them only while it waits, so a
 * signal is never lost between the check of stop and the wait. */
static void
catch_stop(sigset_t *waitmask)
{
	struct sigaction sa;
	sigset_t block;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, waitmask);
	sigdelset(waitmask, SIGTERM);
	sigdelset(waitmask, SIGINT);
}

/* Greet one connection and close it. */
static void
greet(const struct strrecvfd *r, const struct nls_callinfo *info)
{
	char host[NI_MAXHOST], serv[NI_MAXSERV];

	if (info->caller.len == 0 ||
	    getnameinfo(info->caller.buf, info->caller.len, host, sizeof(host),
		serv, sizeof(serv), NI_NUMERICHOST | NI_NUMERICSERV) != 0)
		snprintf(host, sizeof(host), "\\x%s", info->nlsaddr);
	else
		snprintf(host + strlen(host), sizeof(host) - strlen(host),
		    " port %s", serv);
	dprintf(r->fd,
	    "hello from nls-standing: service %s on %s, you are %s\n",
	    info->svc_code, info->netspec, host);
	printf("nls-standing: service %s for %s, passed by uid %ld\n",
	    info->svc_code, host, (long)r->uid);
	close(r->fd);
}

/* Take connections until a stop signal: 0, or 1 on a fatal error. */
static int
serve(int rfd, const sigset_t *waitmask)
{
	struct pollfd p = { .fd = rfd, .events = POLLIN };
	struct nls_callinfo info;
	struct strrecvfd r;

	while (!stop) {
		if (ppoll(&p, 1, NULL, waitmask) < 0) {
			if (errno == EINTR)
				continue;
			perror("nls-standing: ppoll");
			return 1;
		}
		if (nls_recvcall(rfd, &r, &info) == 0)
			greet(&r, &info);
		else if (errno == EPROTO)
			fprintf(stderr,
			    "nls-standing: not a connection "
			    "from a listener: ignored\n");
		else if (errno != EAGAIN && errno != EINTR) {
			perror("nls-standing: nls_recvcall");
			return 1;
		}
	}
	return 0;
}

int
main(int argc, char **argv)
{
	sigset_t waitmask;
	int rfd, status;

	if (argc != 2) {
		fprintf(stderr, "usage: nls-standing path\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN); /* a caller that left is not fatal */
	catch_stop(&waitmask);
	if ((rfd = nls_fdserver(argv[1], 0600)) < 0) {
		fprintf(
		    stderr, "nls-standing: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	/* non-blocking: a message another reader took is not a hang */
	fcntl(rfd, F_SETFL, fcntl(rfd, F_GETFL) | O_NONBLOCK);
	printf("nls-standing: waiting on %s\n", argv[1]);
	status = serve(rfd, &waitmask);
	close(rfd);
	unlink(argv[1]);
	printf("nls-standing: stopped\n");
	return status;
}
