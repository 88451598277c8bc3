/*
 * tli-echod - an echo server written against SVR4 TLI (<tiuser.h>), as a
 * program of the 1990s would be: t_open on /dev/tcp, t_bind with a queue
 * length, t_listen and t_accept onto a second endpoint, t_rcv/t_snd until
 * the caller releases the connection, then t_sndrel.
 *
 * usage: tli-echod [-n count] address port
 * Serves count connections (default: for ever), one at a time.
 */
#include <tiuser.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int
serve(int lfd)
{
	struct t_call *call;
	char buf[512];
	int cfd, n, flags;

	call = (struct t_call *)t_alloc(lfd, T_CALL, T_ALL);
	if (call == NULL || t_listen(lfd, call) < 0) {
		t_error("tli-echod: t_listen");
		return -1;
	}
	if ((cfd = t_open("/dev/tcp", O_RDWR, NULL)) < 0 ||
	    t_bind(cfd, NULL, NULL) < 0) {
		t_error("tli-echod: acceptor");
		return -1;
	}
	if (t_accept(lfd, cfd, call) < 0) {
		t_error("tli-echod: t_accept");
		t_snddis(lfd, call);
		t_close(cfd);
		t_free((char *)call, T_CALL);
		return 0;
	}
	printf("tli-echod: connection from %s port %u\n",
	    inet_ntoa(((struct sockaddr_in *)call->addr.buf)->sin_addr),
	    ntohs(((struct sockaddr_in *)call->addr.buf)->sin_port));
	t_free((char *)call, T_CALL);
	while ((n = t_rcv(cfd, buf, sizeof(buf), &flags)) > 0) {
		printf("tli-echod: echo %d bytes\n", n);
		if (t_snd(cfd, buf, (unsigned int)n, 0) < 0)
			break;
	}
	if (t_errno == TLOOK && t_look(cfd) == T_ORDREL) {
		t_rcvrel(cfd);
		t_sndrel(cfd);
		printf("tli-echod: released\n");
	} else {
		t_error("tli-echod: t_rcv");
	}
	fflush(stdout);
	t_close(cfd);
	return 0;
}

int
main(int argc, char **argv)
{
	struct sockaddr_in sin;
	struct t_bind req, *ret;
	long count = -1;
	int lfd, c;

	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((c = getopt(argc, argv, "n:")) != -1) {
		if (c != 'n') {
			fprintf(stderr, "usage: tli-echod [-n count] address port\n");
			return 2;
		}
		count = strtol(optarg, NULL, 10);
	}
	if (argc - optind != 2) {
		fprintf(stderr, "usage: tli-echod [-n count] address port\n");
		return 2;
	}
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((unsigned short)atoi(argv[optind + 1]));
	if (inet_pton(AF_INET, argv[optind], &sin.sin_addr) != 1) {
		fprintf(stderr, "tli-echod: bad address %s\n", argv[optind]);
		return 2;
	}
	if ((lfd = t_open("/dev/tcp", O_RDWR, NULL)) < 0) {
		t_error("tli-echod: t_open");
		return 1;
	}
	req.addr.buf = &sin;
	req.addr.len = req.addr.maxlen = sizeof(sin);
	req.qlen = 5;
	ret = (struct t_bind *)t_alloc(lfd, T_BIND, T_ALL);
	if (ret == NULL || t_bind(lfd, &req, ret) < 0) {
		t_error("tli-echod: t_bind");
		return 1;
	}
	/* TLI binds another address when the requested one is busy */
	if (memcmp(ret->addr.buf, &sin, sizeof(sin)) != 0) {
		fprintf(stderr, "tli-echod: address %s port %s is busy\n",
		    argv[optind], argv[optind + 1]);
		return 1;
	}
	printf("tli-echod: listening on %s port %s\n", argv[optind],
	    argv[optind + 1]);
	fflush(stdout);
	while (count < 0 || count-- > 0)
		if (serve(lfd) < 0)
			return 1;
	t_close(lfd);
	return 0;
}
