/*
 * xti-echo - an XTI client (<xti.h>): connects, sends each argument as a
 * line, prints what comes back, releases the connection in order.
 *
 * usage: xti-echo address port message...
 */
#include <xti.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main(int argc, char **argv)
{
	struct sockaddr_in sin;
	struct t_call call;
	char buf[512];
	int fd, i, n, flags;

	if (argc < 4) {
		fprintf(stderr, "usage: xti-echo address port message...\n");
		return 2;
	}
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((unsigned short)atoi(argv[2]));
	if (inet_pton(AF_INET, argv[1], &sin.sin_addr) != 1) {
		fprintf(stderr, "xti-echo: bad address %s\n", argv[1]);
		return 2;
	}
	if ((fd = t_open("tcp", O_RDWR, NULL)) < 0 ||
	    t_bind(fd, NULL, NULL) < 0) {
		t_error("xti-echo: t_open/t_bind");
		return 1;
	}
	memset(&call, 0, sizeof(call));
	call.addr.buf = &sin;
	call.addr.len = sizeof(sin);
	if (t_connect(fd, &call, NULL) < 0) {
		if (t_errno == TLOOK && t_look(fd) == T_DISCONNECT) {
			struct t_discon dis = { { 0, 0, NULL }, 0, 0 };

			t_rcvdis(fd, &dis);
			fprintf(stderr, "xti-echo: connection refused: %s\n",
			    strerror(dis.reason));
		} else {
			t_error("xti-echo: t_connect");
		}
		return 1;
	}
	for (i = 3; i < argc; i++) {
		snprintf(buf, sizeof(buf), "%s\n", argv[i]);
		if (t_snd(fd, buf, (unsigned int)strlen(buf), 0) < 0) {
			t_error("xti-echo: t_snd");
			return 1;
		}
		n = t_rcv(fd, buf, sizeof(buf), &flags);
		if (n < 0) {
			t_error("xti-echo: t_rcv");
			return 1;
		}
		printf("xti-echo: reply: %.*s", n, buf);
	}
	t_sndrel(fd);
	while (t_rcv(fd, buf, sizeof(buf), &flags) > 0)
		;
	if (t_look(fd) == T_ORDREL)
		t_rcvrel(fd);
	printf("xti-echo: done, state %d (T_IDLE is %d)\n", t_getstate(fd),
	    T_IDLE);
	t_close(fd);
	return 0;
}
