/*
 * nlsstanding.c - a standing server for the listener's pass-fd path, made
 * the way the project documents it: nls_fdserver() makes the rendezvous
 * (an AF_UNIX datagram socket), nls_recvfd() takes each connection the
 * listener passes.  Like fdserver (the fd-pass baseline), it writes
 * "hello\n" to each connection and closes it.  One thread, one poll()
 * loop; every datagram waiting is taken at each wake-up.
 *
 * usage: nlsstanding PATH
 * PATH is removed first if it exists; it is removed again on SIGTERM.
 */
#define _GNU_SOURCE
#include <listen.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void
on_term(int sig)
{
	(void)sig;
	stop = 1;
}

int
main(int argc, char **argv)
{
	static const char hello[] = "hello\n";
	struct sigaction sa;
	struct pollfd p;
	struct strrecvfd r;
	int rfd;

	if (argc != 2) {
		fprintf(stderr, "usage: nlsstanding PATH\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	unlink(argv[1]);
	if ((rfd = nls_fdserver(argv[1], 0600)) < 0) {
		fprintf(stderr, "nlsstanding: %s: %s\n", argv[1],
		    strerror(errno));
		return 1;
	}
	fcntl(rfd, F_SETFL, fcntl(rfd, F_GETFL) | O_NONBLOCK);
	p.fd = rfd;
	p.events = POLLIN;
	while (!stop) {
		if (poll(&p, 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			perror("nlsstanding: poll");
			break;
		}
		while (nls_recvfd(rfd, &r) == 0) {
			if (write(r.fd, hello, sizeof(hello) - 1) < 0) {
				/* the client sees it; nothing to do here */
			}
			close(r.fd);
		}
		if (errno != EAGAIN && errno != EINTR && errno != EPROTO) {
			perror("nlsstanding: nls_recvfd");
			break;
		}
	}
	close(rfd);
	unlink(argv[1]);
	return 0;
}
