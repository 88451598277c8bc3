/*
 * nls-client - an NLPS client: it connects to a listener's NLPS address
 * (the address of its nlps_server record), asks for a service by its
 * code, tells what the listener answered, and then relays its standard
 * input and output over the connection, now the service's, until both
 * sides have released it.
 *
 * usage: nls-client host port service-code
 * Exit status: 0 the service ran, 1 the listener refused it or the
 * connection failed, 2 usage.  NLS_TIMEOUT=seconds bounds the wait for
 * the listener's answer.
 *
 * Build: cc -o nls-client nls-client.c $(pkg-config --cflags --libs libnls)
 */
#include <listen.h>
#include <tiuser.h>

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define RELAY_BUF 4096

/* A connected TLI endpoint to host:port, or -1. */
static int
connect_to(const char *host, const char *port)
{
	struct addrinfo hints, *res, *ai;
	struct t_call call;
	int fd = -1, r;

	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	if ((r = getaddrinfo(host, port, &hints, &res)) != 0) {
		fprintf(stderr, "nls-client: %s port %s: %s\n", host, port,
		    gai_strerror(r));
		return -1;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		fd =
		    t_open(ai->ai_family == AF_INET6 ? "/dev/tcp6" : "/dev/tcp",
			O_RDWR, NULL);
		if (fd < 0 || t_bind(fd, NULL, NULL) < 0) {
			t_error("nls-client: t_open");
			break;
		}
		memset(&call, 0, sizeof(call));
		call.addr.buf = ai->ai_addr;
		call.addr.len = call.addr.maxlen = ai->ai_addrlen;
		if (t_connect(fd, &call, NULL) == 0)
			break;
		t_error("nls-client: t_connect");
		t_close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	return fd;
}

/* Send stdin's bytes; at its end release our side.  0 or -1. */
static int
relay_out(int fd, int *out_open)
{
	char buf[RELAY_BUF];
	ssize_t n = read(0, buf, sizeof(buf));
	int sent;

	if (n <= 0) {
		*out_open = 0;
		return t_sndrel(fd);
	}
	for (char *p = buf; n > 0; p += sent, n -= sent)
		if ((sent = t_snd(fd, p, (unsigned int)n, 0)) < 0)
			return -1;
	return 0;
}

/* Copy what the service sends to stdout; its release ends it.  0 or -1. */
static int
relay_in(int fd, int *in_open)
{
	char buf[RELAY_BUF];
	int n, flags;

	if ((n = t_rcv(fd, buf, sizeof(buf), &flags)) > 0)
		return write(1, buf, (size_t)n) == n ? 0 : -1;
	if (t_errno == TLOOK && t_look(fd) == T_ORDREL) {
		*in_open = 0;
		return t_rcvrel(fd);
	}
	return -1;
}

static int
relay(int fd)
{
	struct pollfd p[2] = { { .fd = 0, .events = POLLIN },
		{ .fd = fd, .events = POLLIN } };
	int out_open = 1, in_open = 1;

	while (in_open) {
		p[0].fd = out_open ? 0 : -1;
		if (poll(p, 2, -1) < 0)
			return -1;
		if (p[0].revents && relay_out(fd, &out_open) < 0)
			return -1;
		if (p[1].revents && relay_in(fd, &in_open) < 0)
			return -1;
	}
	/* the service has finished: our side ends too */
	return out_open ? t_sndrel(fd) : 0;
}

int
main(int argc, char **argv)
{
	int fd, code;

	if (argc != 4) {
		fprintf(stderr, "usage: nls-client host port service-code\n");
		return 2;
	}
	if ((fd = connect_to(argv[1], argv[2])) < 0)
		return 1;
	_nlslog = 1; /* let the library explain a failure */
	code = nlsrequest(fd, argv[3]);
	if (code < 0) {
		fprintf(stderr, "nls-client: no answer to the request\n");
		return 1;
	}
	fprintf(stderr, "nls-client: reply %d: %s\n", code, _nlsrmsg);
	if (code != NLSSTART) {
		t_close(fd);
		return 1;
	}
	if (relay(fd) < 0) {
		t_error("nls-client: connection");
		return 1;
	}
	t_close(fd);
	return 0;
}
