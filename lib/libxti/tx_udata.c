/*
 * tx_udata.c - connectionless transfer: t_sndudata, t_rcvudata,
 * t_rcvuderr and the vector forms.
 *
 * A datagram is received whole into the endpoint's buffer and handed out
 * in pieces of the caller's size with T_MORE (recvfrom would drop what
 * does not fit).  Datagram errors are T_UDERR: for UDP the kernel queues
 * ICMP errors on the error queue (IP_RECVERR, set at t_open); for AF_UNIX
 * datagrams a failed send is recorded by the library itself, as a TPI
 * provider would have answered with T_UDERROR_IND.
 *
 * AF_UNIX datagrams need two more cares: a peer outside the library may
 * send more than tsdu bytes (the buffer grows to the datagram), and
 * poll() cannot say when a full receiver has room again, so a blocking
 * send waits in the kernel with the library unlocked.
 */
#include "xti_entries.h"

#include <linux/errqueue.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

static int
tx_clts_checks(struct tx_ep *ep)
{
	if (ep->kind->servtype != T_CLTS)
		return TNOTSUPPORT;
	if (ep->state != T_IDLE)
		return TOUTSTATE;
	return 0;
}

/* An error queued by the kernel for this socket? */
static bool
tx_errqueue_ready(int fd)
{
	struct pollfd pfd = { fd, 0, 0 };

	return poll(&pfd, 1, 0) > 0 && (pfd.revents & POLLERR);
}

static void
tx_queue_uderr(struct tx_ep *ep, const struct sockaddr_storage *sa,
    socklen_t salen, int err)
{
	if (ep->nuderr >= TX_MAXUDERR)
		return; /* the oldest ones are kept */
	ep->uderr[ep->nuderr].addr = *sa;
	ep->uderr[ep->nuderr].alen = salen;
	ep->uderr[ep->nuderr].error = err;
	ep->nuderr++;
}

/*
 * A blocking send on an AF_UNIX datagram socket, made with the library
 * unlocked.  poll() reports such a socket writable even while the
 * receiver's queue is full, so waiting for POLLOUT would spin; the kernel
 * itself waits for room.  *epp is the entry looked up again afterwards,
 * or NULL if the descriptor went away meanwhile (the library is then
 * unlocked).
 */
static ssize_t
tx_sendmsg_blocking(struct tx_ep **epp, const struct msghdr *msg)
{
	struct tx_ep *ep = *epp;
	unsigned long gen = ep->gen;
	int fd = ep->fd, err;
	ssize_t n;

	tx_unlock();
	n = sendmsg(fd, msg, MSG_NOSIGNAL);
	err = errno;
	tx_lock();
	ep = tx_lookup(fd);
	if (ep == NULL || ep->gen != gen) {
		tx_unlock();
		ep = NULL;
	}
	*epp = ep;
	errno = err;
	return n;
}

static int
tx_senddgram(int fd, const struct t_unitdata *ud, struct iovec *iov, int iovcnt,
    size_t total)
{
	struct tx_ep *ep = tx_enter(fd);
	struct sockaddr_storage sa;
	socklen_t salen;
	struct msghdr msg;
	int terr, err, tries = 0;
	ssize_t n;

	if (ep == NULL)
		return -1;
	if ((terr = tx_clts_checks(ep)) != 0) {
		tx_leave();
		return tx_fail(terr);
	}
	if (ud == NULL ||
	    tx_addr_in(ep->kind, ud->addr.buf, ud->addr.len, &sa, &salen) < 0) {
		tx_leave();
		return tx_fail(TBADADDR);
	}
	if (ud->opt.len > 0) {
		/* per-datagram options cannot be expressed on sockets */
		tx_leave();
		return tx_fail(TBADOPT);
	}
	if (total > (size_t)ep->kind->info.tsdu) {
		tx_leave();
		return tx_fail(TBADDATA);
	}
	if (ep->nuderr > 0) {
		tx_leave();
		return tx_fail(TLOOK);
	}
	for (;;) {
		memset(&msg, 0, sizeof(msg));
		msg.msg_name = &sa;
		msg.msg_namelen = salen;
		msg.msg_iov = iov;
		msg.msg_iovlen = (size_t)iovcnt;
		if (tx_is_unix(ep->kind) && tx_blocking(ep)) {
			n = tx_sendmsg_blocking(&ep, &msg);
			if (ep == NULL)
				return n >= 0 ? 0 : tx_fail(TBADF);
		} else {
			n = sendmsg(fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
		}
		if (n >= 0)
			break;
		err = errno;
		if (err == EAGAIN || err == EWOULDBLOCK) {
			/* (a blocking AF_UNIX send only times out here) */
			if (!tx_blocking(ep) || tx_is_unix(ep->kind)) {
				ep->flow = true;
				tx_leave();
				return tx_fail(TFLOW);
			}
			if ((ep = tx_wait(ep, POLLOUT, false, -1)) == NULL)
				return -1;
			continue;
		}
		if (tx_is_disconnect_errno(err)) {
			if (tx_is_unix(ep->kind)) {
				/* no receiver at that address */
				tx_queue_uderr(ep, &sa, salen, err);
				break;
			}
			/* an earlier datagram's ICMP error, reported once
			 * by the kernel on this send: it stays on the error
			 * queue for t_rcvuderr; try this one again */
			if (tries++ == 0)
				continue;
		}
		tx_leave();
		if (err == EMSGSIZE)
			return tx_fail(TBADDATA);
		if (err == EACCES || err == EPERM)
			return tx_fail(TACCES);
		return tx_sysfail(err);
	}
	tx_leave();
	return 0;
}

TX_ENTRY int
t_sndudata(int fd, const struct t_unitdata *ud)
{
	struct iovec iov;

	if (ud == NULL)
		return tx_fail(TBADADDR);
	iov.iov_base = ud->udata.buf;
	iov.iov_len = ud->udata.len;
	return tx_senddgram(fd, ud, &iov, 1, ud->udata.len);
}

TX_ENTRY int
_xti_sndudata(int fd, const struct t_unitdata *ud)
{
	return t_sndudata(fd, ud);
}

static int
tx_sndvudata(
    int fd, struct t_unitdata *ud, struct t_iovec *tiov, unsigned int cnt)
{
	struct iovec iov[T_IOV_MAX];
	size_t total = 0;
	unsigned int i;

	if (tiov == NULL || cnt == 0 || cnt > T_IOV_MAX)
		return tx_fail(TBADDATA);
	for (i = 0; i < cnt; i++) {
		iov[i].iov_base = tiov[i].iov_base;
		iov[i].iov_len = tiov[i].iov_len;
		total += tiov[i].iov_len;
	}
	return tx_senddgram(fd, ud, iov, (int)cnt, total);
}

TX_ENTRY int
t_sndvudata(
    int fd, struct t_unitdata *ud, struct t_iovec *iov, unsigned int iovcount)
{
	return tx_sndvudata(fd, ud, iov, iovcount);
}

TX_ENTRY int
_xti_sndvudata(
    int fd, struct t_unitdata *ud, struct t_iovec *iov, unsigned int iovcount)
{
	return tx_sndvudata(fd, ud, iov, iovcount);
}

/* Receive the next datagram into the endpoint's buffer: 1, 0 (none), -1. */
static int
tx_fetch(struct tx_ep *ep)
{
	struct msghdr msg;
	struct iovec iov;
	ssize_t n;
	size_t cap = (size_t)ep->kind->info.tsdu;

	if (ep->dgbuf == NULL) {
		ep->dgbuf = malloc(cap);
		if (ep->dgbuf == NULL)
			return tx_sysfail(ENOMEM);
		ep->dgcap = cap;
	}
	if (tx_is_unix(ep->kind)) {
		/* a peer that does not use the library is not bound by tsdu:
		 * make room for the whole datagram rather than truncate it */
		n = recv(ep->fd, NULL, 0, MSG_PEEK | MSG_TRUNC | MSG_DONTWAIT);
		if (n > 0 && (size_t)n > ep->dgcap) {
			unsigned char *nb = realloc(ep->dgbuf, (size_t)n);

			if (nb == NULL)
				return tx_sysfail(ENOMEM);
			ep->dgbuf = nb;
			ep->dgcap = (size_t)n;
		}
	}
	iov.iov_base = ep->dgbuf;
	iov.iov_len = ep->dgcap;
	memset(&msg, 0, sizeof(msg));
	memset(&ep->dgaddr, 0, sizeof(ep->dgaddr));
	msg.msg_name = &ep->dgaddr;
	msg.msg_namelen = sizeof(ep->dgaddr);
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	n = recvmsg(ep->fd, &msg, MSG_DONTWAIT);
	if (n < 0 && tx_is_disconnect_errno(errno)) {
		/* the kernel reports a queued ICMP error once on a receive;
		 * the error queue is what counts */
		if (tx_errqueue_ready(ep->fd))
			return tx_fail(TLOOK);
		n = recvmsg(ep->fd, &msg, MSG_DONTWAIT);
	}
	if (n < 0) {
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			return 0;
		if (tx_is_disconnect_errno(errno))
			return tx_fail(TLOOK);
		return tx_sysfail(errno);
	}
	ep->dgalen = msg.msg_namelen;
	ep->dglen = (size_t)n;
	ep->dgoff = 0;
	return 1;
}

/* Hand out the buffered datagram (or its next piece). */
static int
tx_handout(struct tx_ep *ep, struct t_unitdata *ud, struct iovec *iov,
    int iovcnt, int *flags, enum tx_flavour flav)
{
	size_t left = ep->dglen - ep->dgoff, got = 0, n;
	int i;

	if (ud != NULL) {
		if (tx_copyout_addr(
			&ud->addr, ep->kind, &ep->dgaddr, ep->dgalen, flav) < 0)
			return -1; /* kept for a call with room */
		if (tx_copyout(&ud->opt, NULL, 0, flav) < 0)
			return -1;
	}
	for (i = 0; i < iovcnt && got < left; i++) {
		n = iov[i].iov_len < left - got ? iov[i].iov_len : left - got;
		if (n > 0)
			memcpy(iov[i].iov_base, ep->dgbuf + ep->dgoff + got, n);
		got += n;
	}
	ep->dgoff += got;
	if (flags != NULL)
		*flags = ep->dgoff < ep->dglen ? T_MORE : 0;
	if (ep->dgoff >= ep->dglen)
		ep->dglen = ep->dgoff = 0;
	return (int)got;
}

static int
tx_recvdgram(int fd, struct t_unitdata *ud, struct iovec *iov, int iovcnt,
    int *flags, enum tx_flavour flav)
{
	struct tx_ep *ep = tx_enter(fd);
	int terr, r;

	if (ep == NULL)
		return -1;
	if ((terr = tx_clts_checks(ep)) != 0) {
		tx_leave();
		return tx_fail(terr);
	}
	while (ep->dgoff >= ep->dglen) {
		if (ep->nuderr > 0 || tx_errqueue_ready(fd)) {
			tx_leave();
			return tx_fail(TLOOK);
		}
		r = tx_fetch(ep);
		if (r < 0) {
			tx_leave();
			return -1;
		}
		if (r > 0)
			break;
		if (!tx_blocking(ep)) {
			tx_leave();
			return tx_fail(TNODATA);
		}
		if ((ep = tx_wait(ep, POLLIN, false, -1)) == NULL)
			return -1;
	}
	r = tx_handout(ep, ud, iov, iovcnt, flags, flav);
	tx_leave();
	return r;
}

static int
tx_rcvudata(int fd, struct t_unitdata *ud, int *flags, enum tx_flavour flav)
{
	struct iovec iov = { NULL, 0 };
	int n;

	if (ud != NULL) {
		iov.iov_base = ud->udata.buf;
		iov.iov_len = ud->udata.buf != NULL ? ud->udata.maxlen : 0;
	}
	n = tx_recvdgram(fd, ud, &iov, 1, flags, flav);
	if (n < 0)
		return -1;
	if (ud != NULL)
		ud->udata.len = (unsigned int)n;
	return 0;
}

TX_ENTRY int
t_rcvudata(int fd, struct t_unitdata *ud, int *flags)
{
	return tx_rcvudata(fd, ud, flags, TX_TLI);
}

TX_ENTRY int
_xti_rcvudata(int fd, struct t_unitdata *ud, int *flags)
{
	return tx_rcvudata(fd, ud, flags, TX_XTI);
}

static int
tx_rcvvudata(int fd, struct t_unitdata *ud, struct t_iovec *tiov,
    unsigned int cnt, int *flags)
{
	struct iovec iov[T_IOV_MAX];
	unsigned int i;

	if (tiov == NULL || cnt == 0 || cnt > T_IOV_MAX)
		return tx_fail(TBADDATA);
	for (i = 0; i < cnt; i++) {
		iov[i].iov_base = tiov[i].iov_base;
		iov[i].iov_len = tiov[i].iov_len;
	}
	return tx_recvdgram(fd, ud, iov, (int)cnt, flags, TX_XTI);
}

TX_ENTRY int
t_rcvvudata(int fd, struct t_unitdata *ud, struct t_iovec *iov,
    unsigned int iovcount, int *flags)
{
	return tx_rcvvudata(fd, ud, iov, iovcount, flags);
}

TX_ENTRY int
_xti_rcvvudata(int fd, struct t_unitdata *ud, struct t_iovec *iov,
    unsigned int iovcount, int *flags)
{
	return tx_rcvvudata(fd, ud, iov, iovcount, flags);
}

/* Take one error off the kernel's error queue: 1, 0 (none), -1. */
static int
tx_errqueue_take(
    struct tx_ep *ep, struct sockaddr_storage *sa, socklen_t *salen, int *error)
{
	union {
		char buf[CMSG_SPACE(sizeof(struct sock_extended_err) +
		    sizeof(struct sockaddr_in6))];
		struct cmsghdr align;
	} ctl;
	struct msghdr msg;
	struct cmsghdr *cm;
	char dummy[1];
	struct iovec iov = { dummy, sizeof(dummy) };
	struct sock_extended_err ee;

	memset(&msg, 0, sizeof(msg));
	memset(sa, 0, sizeof(*sa));
	msg.msg_name = sa;
	msg.msg_namelen = sizeof(*sa);
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = ctl.buf;
	msg.msg_controllen = sizeof(ctl.buf);
	if (recvmsg(ep->fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT) < 0) {
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			return 0;
		return tx_sysfail(errno);
	}
	*salen = msg.msg_namelen;
	*error = 0;
	for (cm = CMSG_FIRSTHDR(&msg); cm != NULL; cm = CMSG_NXTHDR(&msg, cm))
		if ((cm->cmsg_level == IPPROTO_IP &&
			cm->cmsg_type == IP_RECVERR) ||
		    (cm->cmsg_level == IPPROTO_IPV6 &&
			cm->cmsg_type == IPV6_RECVERR)) {
			memcpy(&ee, CMSG_DATA(cm), sizeof(ee));
			*error = (int)ee.ee_errno;
		}
	return 1;
}

static int
tx_rcvuderr(int fd, struct t_uderr *uderr, enum tx_flavour flav)
{
	struct tx_ep *ep = tx_enter(fd);
	struct sockaddr_storage sa;
	socklen_t salen = 0;
	int error = 0, r;

	if (ep == NULL)
		return -1;
	if (ep->kind->servtype != T_CLTS) {
		tx_leave();
		return tx_fail(TNOTSUPPORT);
	}
	if (ep->nuderr > 0) {
		sa = ep->uderr[0].addr;
		salen = ep->uderr[0].alen;
		error = ep->uderr[0].error;
		memmove(&ep->uderr[0], &ep->uderr[1],
		    (size_t)(ep->nuderr - 1) * sizeof(ep->uderr[0]));
		ep->nuderr--;
	} else if ((r = tx_errqueue_take(ep, &sa, &salen, &error)) <= 0) {
		tx_leave();
		return r < 0 ? -1 : tx_fail(TNOUDERR);
	} else if (!tx_errqueue_ready(fd)) {
		/* the same error, pending once more as the socket error */
		int e;
		socklen_t el = sizeof(e);

		(void)getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &el);
	}
	r = 0;
	if (uderr != NULL) {
		uderr->error = error;
		if (tx_copyout_addr(&uderr->addr, ep->kind, &sa, salen, flav) <
			0 ||
		    tx_copyout(&uderr->opt, NULL, 0, flav) < 0)
			r = -1;
	}
	tx_leave();
	return r;
}

TX_ENTRY int
t_rcvuderr(int fd, struct t_uderr *uderr)
{
	return tx_rcvuderr(fd, uderr, TX_TLI);
}

TX_ENTRY int
_xti_rcvuderr(int fd, struct t_uderr *uderr)
{
	return tx_rcvuderr(fd, uderr, TX_XTI);
}
