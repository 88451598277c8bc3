/*
 * tx_data.c - t_snd, t_sndv, t_rcv, t_rcvv on connection endpoints.
 *
 * Every send uses MSG_NOSIGNAL (TLI programs never expect SIGPIPE) and
 * MSG_DONTWAIT; blocking mode waits in poll() with the library unlocked.
 * Expedited data is TCP urgent data: a T_EXPEDITED send makes its last
 * byte urgent, and with SO_OOBINLINE the receiver's recv stops at the
 * urgent mark, so the byte at the mark is returned alone with T_EXPEDITED.
 * T_MORE is never set on a byte stream (tsdu 0: it has no meaning).
 */
#include "xti_entries.h"

#include <limits.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/uio.h>

#define TX_SNDFLAGS (T_MORE | T_EXPEDITED | T_PUSH)

/* Advance an iovec array past n bytes (in place); the new count. */
static int
tx_iov_skip(struct iovec *iov, int cnt, size_t n, struct iovec **first)
{
	int i = 0;

	while (i < cnt && n >= iov[i].iov_len) {
		n -= iov[i].iov_len;
		i++;
	}
	if (i < cnt) {
		iov[i].iov_base = (char *)iov[i].iov_base + n;
		iov[i].iov_len -= n;
	}
	*first = iov + i;
	return cnt - i;
}

/* Copy into out the iovecs that hold the first limit bytes of iov, the
 * last one cut to fit; the count. */
static int
tx_iov_limit(const struct iovec *iov, int cnt, size_t limit, struct iovec *out)
{
	int i;

	for (i = 0; i < cnt && limit > 0; i++) {
		out[i] = iov[i];
		if (out[i].iov_len > limit)
			out[i].iov_len = limit;
		limit -= out[i].iov_len;
	}
	return i;
}

static int
tx_send_checks(struct tx_ep *ep, size_t total, int flags, enum tx_flavour flav)
{
	if (ep->kind->servtype == T_CLTS)
		return TNOTSUPPORT;
	if (ep->state != T_DATAXFER && ep->state != T_INREL)
		return TOUTSTATE;
	if (flav == TX_XTI && (flags & ~TX_SNDFLAGS))
		return TBADFLAG;
	if (ep->ev_dis)
		return TLOOK;
	if (total == 0 || total > INT_MAX)
		return TBADDATA;
	if ((flags & T_EXPEDITED) && !tx_is_tcp(ep->kind))
		return TBADDATA;
	return 0;
}

static int
tx_send(int fd, struct iovec *iov, int iovcnt, size_t total, int flags,
    enum tx_flavour flav)
{
	struct tx_ep *ep = tx_enter(fd);
	int mflags = MSG_NOSIGNAL | MSG_DONTWAIT;
	struct msghdr msg;
	size_t sent = 0;
	ssize_t n;
	int terr, err;

	if (ep == NULL)
		return -1;
	if ((terr = tx_send_checks(ep, total, flags, flav)) != 0) {
		tx_leave();
		return tx_fail(terr);
	}
	while (sent < total) {
		/* an expedited send is normal data and then one urgent byte,
		 * however many pieces the kernel takes it in */
		bool last = (flags & T_EXPEDITED) && sent + 1 == total;
		struct iovec part[T_IOV_MAX];

		memset(&msg, 0, sizeof(msg));
		msg.msg_iov = iov;
		msg.msg_iovlen = (size_t)iovcnt;
		if ((flags & T_EXPEDITED) && !last) {
			msg.msg_iov = part;
			msg.msg_iovlen = (size_t)tx_iov_limit(
			    iov, iovcnt, total - sent - 1, part);
		}
		n = sendmsg(fd, &msg, mflags | (last ? MSG_OOB : 0));
		if (n > 0) {
			sent += (size_t)n;
			iovcnt = tx_iov_skip(iov, iovcnt, (size_t)n, &iov);
			continue;
		}
		err = errno;
		if (tx_is_disconnect_errno(err)) {
			if (!tx_check_abort(ep))
				tx_register_dis(ep, err, -1);
			if (sent > 0)
				break;
			tx_leave();
			return tx_fail(TLOOK);
		}
		if (sent > 0 && (err != EAGAIN || !tx_blocking(ep)))
			break; /* a partial send is a success */
		if (err == EAGAIN || err == EWOULDBLOCK) {
			if (!tx_blocking(ep)) {
				if (flags & T_EXPEDITED)
					ep->flow_exp = true;
				else
					ep->flow = true;
				tx_leave();
				return tx_fail(TFLOW);
			}
			if ((ep = tx_wait(ep, POLLOUT, false, -1)) == NULL)
				return -1;
			continue;
		}
		tx_leave();
		return tx_sysfail(err);
	}
	tx_leave();
	return (int)sent;
}

TX_ENTRY int
t_snd(int fd, void *buf, unsigned int nbytes, int flags)
{
	struct iovec iov = { buf, nbytes };

	return tx_send(fd, &iov, 1, nbytes, flags, TX_TLI);
}

TX_ENTRY int
_xti_snd(int fd, void *buf, unsigned int nbytes, int flags)
{
	struct iovec iov = { buf, nbytes };

	return tx_send(fd, &iov, 1, nbytes, flags, TX_XTI);
}

/* Copy a t_iovec array into iovecs; the total, or -1 (TBADDATA). */
static ssize_t
tx_iov_import(const struct t_iovec *tiov, unsigned int cnt, struct iovec *iov)
{
	size_t total = 0;
	unsigned int i;

	if (tiov == NULL || cnt == 0 || cnt > T_IOV_MAX)
		return tx_fail(TBADDATA);
	for (i = 0; i < cnt; i++) {
		iov[i].iov_base = tiov[i].iov_base;
		iov[i].iov_len = tiov[i].iov_len;
		total += tiov[i].iov_len;
		if (total > INT_MAX)
			return tx_fail(TBADDATA);
	}
	return (ssize_t)total;
}

static int
tx_sndv(int fd, const struct t_iovec *tiov, unsigned int cnt, int flags)
{
	struct iovec iov[T_IOV_MAX];
	ssize_t total = tx_iov_import(tiov, cnt, iov);

	if (total < 0)
		return -1;
	return tx_send(fd, iov, (int)cnt, (size_t)total, flags, TX_XTI);
}

TX_ENTRY int
t_sndv(int fd, const struct t_iovec *iov, unsigned int iovcount, int flags)
{
	return tx_sndv(fd, iov, iovcount, flags);
}

TX_ENTRY int
_xti_sndv(int fd, const struct t_iovec *iov, unsigned int iovcount, int flags)
{
	return tx_sndv(fd, iov, iovcount, flags);
}

/* End of file on a connection: a release, or an abort seen too late. */
static int
tx_rcv_eof(struct tx_ep *ep)
{
	if (!tx_check_abort(ep)) {
		if (ep->kind->servtype == T_COTS)
			tx_register_dis(ep, ECONNRESET, -1);
		else
			ep->ev_ordrel = true;
	}
	return tx_fail(TLOOK);
}

/* Read the urgent byte if the stream is at the urgent mark: 1, 0, -1. */
static int
tx_rcv_urgent(struct tx_ep *ep, struct iovec *iov, int iovcnt)
{
	int atmark = 0;
	struct msghdr msg;
	struct iovec one;
	int i;

	if (!tx_is_tcp(ep->kind) || ioctl(ep->fd, SIOCATMARK, &atmark) < 0 ||
	    !atmark)
		return 0;
	for (i = 0; i < iovcnt && iov[i].iov_len == 0; i++)
		;
	if (i == iovcnt)
		return 0;
	one.iov_base = iov[i].iov_base;
	one.iov_len = 1;
	memset(&msg, 0, sizeof(msg));
	msg.msg_iov = &one;
	msg.msg_iovlen = 1;
	return recvmsg(ep->fd, &msg, MSG_DONTWAIT) == 1 ? 1 : 0;
}

static int
tx_recv(int fd, struct iovec *iov, int iovcnt, size_t total, int *flags)
{
	struct tx_ep *ep = tx_enter(fd);
	struct msghdr msg;
	ssize_t n;
	int err;

	if (ep == NULL)
		return -1;
	if (ep->kind->servtype == T_CLTS) {
		tx_leave();
		return tx_fail(TNOTSUPPORT);
	}
	if (ep->state != T_DATAXFER && ep->state != T_OUTREL) {
		tx_leave();
		return tx_fail(TOUTSTATE);
	}
	for (;;) {
		if (ep->ev_dis || ep->ev_ordrel) {
			tx_leave();
			return tx_fail(TLOOK);
		}
		if (total == 0) {
			tx_leave();
			if (flags != NULL)
				*flags = 0;
			return 0;
		}
		if (tx_rcv_urgent(ep, iov, iovcnt) == 1) {
			tx_leave();
			if (flags != NULL)
				*flags = T_EXPEDITED;
			return 1;
		}
		memset(&msg, 0, sizeof(msg));
		msg.msg_iov = iov;
		msg.msg_iovlen = (size_t)iovcnt;
		n = recvmsg(fd, &msg, MSG_DONTWAIT);
		if (n > 0) {
			tx_leave();
			if (flags != NULL)
				*flags = 0;
			return (int)n;
		}
		if (n == 0) {
			n = tx_rcv_eof(ep);
			tx_leave();
			return (int)n;
		}
		err = errno;
		if (err == EAGAIN || err == EWOULDBLOCK) {
			if (!tx_blocking(ep)) {
				tx_leave();
				return tx_fail(TNODATA);
			}
			ep = tx_wait(ep, POLLIN | POLLPRI, false, -1);
			if (ep == NULL)
				return -1;
			continue;
		}
		if (tx_is_disconnect_errno(err)) {
			tx_register_dis(ep, err, -1);
			tx_leave();
			return tx_fail(TLOOK);
		}
		tx_leave();
		return tx_sysfail(err);
	}
}

TX_ENTRY int
t_rcv(int fd, void *buf, unsigned int nbytes, int *flags)
{
	struct iovec iov = { buf, nbytes };

	return tx_recv(fd, &iov, 1, nbytes, flags);
}

TX_ENTRY int
_xti_rcv(int fd, void *buf, unsigned int nbytes, int *flags)
{
	struct iovec iov = { buf, nbytes };

	return tx_recv(fd, &iov, 1, nbytes, flags);
}

static int
tx_rcvv(int fd, struct t_iovec *tiov, unsigned int cnt, int *flags)
{
	struct iovec iov[T_IOV_MAX];
	ssize_t total = tx_iov_import(tiov, cnt, iov);

	if (total < 0)
		return -1;
	return tx_recv(fd, iov, (int)cnt, (size_t)total, flags);
}

TX_ENTRY int
t_rcvv(int fd, struct t_iovec *iov, unsigned int iovcount, int *flags)
{
	return tx_rcvv(fd, iov, iovcount, flags);
}

TX_ENTRY int
_xti_rcvv(int fd, struct t_iovec *iov, unsigned int iovcount, int *flags)
{
	return tx_rcvv(fd, iov, iovcount, flags);
}
