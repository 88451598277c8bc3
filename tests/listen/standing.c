/*
 * standing - a standing server for the listener's tests, written against
 * the documented rendezvous message (docs/rendezvous.md), not libnls.
 *
 * usage: standing [-n] path log
 *   binds an AF_UNIX datagram socket at path (replacing the file), with
 *   SO_PASSCRED, and for each connection received writes a line to log
 *   ("code=<c> net=<n> caller_len=<l> uid=<u> ... fd=blocking") and "hello <code>\n" to
 *   the connection, then closes it.  -n: never read (the queue fills).
 *   Writes "ready" to log once bound.  Ends on SIGTERM.
 */
#include "config.h"

#include <listen.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static FILE *outf;

static void
serve_one(int s)
{
	union {
		char buf[CMSG_SPACE(sizeof(int)) +
		    CMSG_SPACE(sizeof(struct ucred))];
		struct cmsghdr align;
	} ctl;
	struct nls_passmsg m;
	struct iovec iov = { &m, sizeof(m) };
	struct msghdr msg;
	struct cmsghdr *cm;
	struct ucred cr = { 0, (uid_t)-1, (gid_t)-1 };
	char line[64];
	int fd = -1;

	memset(&msg, 0, sizeof(msg));
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = ctl.buf;
	msg.msg_controllen = sizeof(ctl.buf);
	if (recvmsg(s, &msg, 0) != (ssize_t)sizeof(m))
		return;
	for (cm = CMSG_FIRSTHDR(&msg); cm != NULL; cm = CMSG_NXTHDR(&msg, cm))
		if (cm->cmsg_type == SCM_RIGHTS)
			memcpy(&fd, CMSG_DATA(cm), sizeof(fd));
		else if (cm->cmsg_type == SCM_CREDENTIALS)
			memcpy(&cr, CMSG_DATA(cm), sizeof(cr));
	fprintf(outf,
	    "code=%s net=%s caller_len=%u local_len=%u uid=%ld "
	    "magic=%s fd=%s\n",
	    m.svc_code, m.netspec, m.caller_len, m.local_len, (long)cr.uid,
	    m.magic == NLS_PASS_MAGIC && m.version == NLS_PASS_VERSION ? "ok" :
									 "bad",
	    fd < 0                                ? "none" :
		(fcntl(fd, F_GETFL) & O_NONBLOCK) ? "nonblocking" :
						    "blocking");
	fflush(outf);
	if (fd >= 0) {
		snprintf(line, sizeof(line), "hello %s\n", m.svc_code);
		(void)!write(fd, line, strlen(line));
		close(fd);
	}
}

int
main(int argc, char **argv)
{
	struct sockaddr_un sun;
	int s, one = 1, noread = 0, c;

	while ((c = getopt(argc, argv, "n")) != -1)
		noread = c == 'n';
	if (argc - optind != 2)
		return 2;
	outf = fopen(argv[optind + 1], "a");
	if (outf == NULL)
		return 1;
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", argv[optind]);
	unlink(sun.sun_path);
	s = socket(AF_UNIX, SOCK_DGRAM, 0);
	setsockopt(s, SOL_SOCKET, SO_PASSCRED, &one, sizeof(one));
	if (bind(s, (struct sockaddr *)&sun, sizeof(sun)) < 0)
		return 1;
	fprintf(outf, "ready\n");
	fflush(outf);
	for (;;) {
		if (noread)
			pause();
		else
			serve_one(s);
	}
}
