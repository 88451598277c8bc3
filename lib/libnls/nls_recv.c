/*
 * nls_recv.c - nls_recvfd and nls_recvcall: take one connection from a
 * rendezvous.
 *
 * One recvmsg of one datagram, with MSG_CMSG_CLOEXEC so that the
 * connection is close-on-exec from the moment it exists.  The datagram
 * must be exactly a valid struct nls_passmsg with exactly one SCM_RIGHTS
 * descriptor; anything else (short, long, wrong magic or version, no
 * descriptor, several, truncated control data) is EPROTO, and every
 * descriptor it carried is closed first.  SCM_CREDENTIALS, which the
 * kernel adds when the rendezvous has SO_PASSCRED, gives the sender's
 * uid and gid; without it they are -1.
 */
#include "nls_impl.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* Descriptors a malformed message may bring that fit the control buffer
 * (and so are received, then closed); the kernel drops the others and
 * sets MSG_CTRUNC. */
#define NLSI_CTL_FDS 8

/* The control buffer: descriptors and credentials, aligned. */
union nlsi_ctl {
	struct cmsghdr align;
	char buf[CMSG_SPACE(sizeof(int) * NLSI_CTL_FDS) +
	    CMSG_SPACE(sizeof(struct ucred))];
};

/* Keep the first descriptor in *keep, close any other: the count. */
static int
nlsi_take_fds(const unsigned char *data, size_t len, int *keep)
{
	size_t i, n = len / sizeof(int);
	int fd;

	for (i = 0; i < n; i++) {
		memcpy(&fd, data + i * sizeof(int), sizeof(int));
		if (*keep < 0)
			*keep = fd;
		else
			(void)close(fd);
	}
	return (int)n;
}

/* Walk the control messages: the descriptor count; *keep gets the first
 * descriptor, r the credentials. */
static int
nlsi_take_cmsgs(struct msghdr *msg, struct strrecvfd *r, int *keep)
{
	const unsigned char *end =
	    (const unsigned char *)msg->msg_control + msg->msg_controllen;
	struct cmsghdr *c;
	struct ucred cred;
	size_t dlen;
	int nfds = 0;

	for (c = CMSG_FIRSTHDR(msg); c != NULL; c = CMSG_NXTHDR(msg, c)) {
		if (c->cmsg_len < CMSG_LEN(0) ||
		    (const unsigned char *)c + c->cmsg_len > end)
			break;
		dlen = c->cmsg_len - CMSG_LEN(0);
		if (c->cmsg_level != SOL_SOCKET)
			continue;
		if (c->cmsg_type == SCM_RIGHTS)
			nfds += nlsi_take_fds(CMSG_DATA(c), dlen, keep);
		else if (c->cmsg_type == SCM_CREDENTIALS &&
		    dlen >= sizeof(cred)) {
			memcpy(&cred, CMSG_DATA(c), sizeof(cred));
			r->uid = cred.uid;
			r->gid = cred.gid;
		}
	}
	return nfds;
}

static int
nlsi_recv(int rfd, struct strrecvfd *r, struct nls_passmsg *m)
{
	unsigned char data[sizeof(*m) + 1]; /* one more: a long one shows */
	struct iovec iov = { .iov_base = data, .iov_len = sizeof(data) };
	union nlsi_ctl ctl;
	struct msghdr msg;
	int keep = -1, nfds;
	ssize_t n;

	if (r == NULL) {
		errno = EINVAL;
		return -1;
	}
	memset(r, 0, sizeof(*r));
	r->fd = -1;
	r->uid = (uid_t)-1;
	r->gid = (gid_t)-1;
	memset(&msg, 0, sizeof(msg));
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = ctl.buf;
	msg.msg_controllen = sizeof(ctl.buf);
	if ((n = recvmsg(rfd, &msg, MSG_CMSG_CLOEXEC)) < 0)
		return -1;
	nfds = nlsi_take_cmsgs(&msg, r, &keep);
	if ((msg.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) || nfds != 1 ||
	    !nlsi_passmsg_ok(data, (size_t)n)) {
		if (keep >= 0)
			(void)close(keep);
		errno = EPROTO;
		return -1;
	}
	memcpy(m, data, sizeof(*m));
	r->fd = keep;
	return 0;
}

NLSI_ENTRY int
nls_recvfd(int rfd, struct strrecvfd *r)
{
	struct nls_passmsg m;

	return nlsi_recv(rfd, r, &m);
}

NLSI_ENTRY int
nls_recvcall(int rfd, struct strrecvfd *r, struct nls_callinfo *info)
{
	struct nls_passmsg m;

	if (nlsi_recv(rfd, r, &m) < 0)
		return -1;
	if (info != NULL)
		nlsi_callinfo(info, &m);
	return 0;
}
