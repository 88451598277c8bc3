/*
 * tx_connect.c - t_connect and t_rcvconnect.
 *
 * A refused or unreachable connection is not an error of the call: it is
 * a T_DISCONNECT event (reason = the errno) and the call returns TLOOK
 * with the endpoint in T_OUTCON; t_rcvdis then takes it back to T_IDLE.
 * A blocking connect runs with the library unlocked.
 */
#include "xti_entries.h"

#include <poll.h>

static int
tx_connect_errno(struct tx_ep *ep, int err, enum tx_flavour flav)
{
	switch (err) {
	case EINPROGRESS:
	case EALREADY:
		ep->state = T_OUTCON;
		return tx_fail(TNODATA);
	case EINTR:
		/* the kernel goes on connecting; t_rcvconnect completes */
		ep->state = T_OUTCON;
		return tx_sysfail(EINTR);
	case EAGAIN:
		return tx_fail(TFLOW);
	case EADDRINUSE:
	case EADDRNOTAVAIL:
		return tx_fail(flav == TX_XTI ? TADDRBUSY : TBADADDR);
	case EACCES:
	case EPERM:
		return tx_fail(TACCES);
	case EAFNOSUPPORT:
	case EINVAL:
		return tx_fail(TBADADDR);
	}
	if (tx_is_disconnect_errno(err)) {
		ep->state = T_OUTCON;
		tx_register_dis(ep, err, -1);
		return tx_fail(TLOOK);
	}
	return tx_sysfail(err);
}

static int
tx_fill_rcvcall(struct tx_ep *ep, struct t_call *rcv, enum tx_flavour flav)
{
	struct sockaddr_storage sa;
	socklen_t salen = sizeof(sa);

	if (rcv == NULL)
		return 0;
	if (getpeername(ep->fd, (struct sockaddr *)&sa, &salen) < 0)
		salen = 0;
	rcv->sequence = -1;
	if (tx_copyout_addr(&rcv->addr, ep->kind, &sa, salen, flav) < 0 ||
	    tx_copyout(&rcv->opt, NULL, 0, flav) < 0 ||
	    tx_copyout(&rcv->udata, NULL, 0, flav) < 0)
		return -1;
	return 0;
}

static int
tx_connect(
    int fd, const struct t_call *snd, struct t_call *rcv, enum tx_flavour flav)
{
	struct tx_ep *ep = tx_enter(fd);
	struct sockaddr_storage sa;
	socklen_t salen;
	unsigned long gen;
	int r, err;

	if (ep == NULL)
		return -1;
	if (ep->kind->servtype == T_CLTS) {
		tx_leave();
		return tx_fail(TNOTSUPPORT);
	}
	if (ep->state != T_IDLE || ep->qlen > 0) {
		tx_leave();
		return tx_fail(TOUTSTATE);
	}
	if (snd == NULL ||
	    tx_addr_in(ep->kind, snd->addr.buf, snd->addr.len, &sa, &salen) <
		0) {
		tx_leave();
		return tx_fail(TBADADDR);
	}
	if (snd->udata.len > 0) {
		tx_leave();
		return tx_fail(TBADDATA);
	}
	if (snd->opt.len > 0 && tx_apply_opts(ep, &snd->opt, flav) < 0) {
		tx_leave();
		return -1;
	}
	if (ep->reset_pending)
		tx_reset_socket(ep, false);
	ep->ev_dis = ep->ev_ordrel = false;
	gen = ep->gen;
	if (tx_blocking(ep)) {
		/* the endpoint is marked connecting while unlocked */
		ep->state = T_OUTCON;
		tx_unlock();
		r = connect(fd, (struct sockaddr *)&sa, salen);
		err = errno;
		tx_lock();
		ep = tx_lookup(fd);
		if (ep == NULL || ep->gen != gen) {
			tx_unlock();
			return tx_fail(TBADF);
		}
		ep->state = T_IDLE;
	} else {
		r = connect(fd, (struct sockaddr *)&sa, salen);
		err = errno;
	}
	if (r < 0) {
		r = tx_connect_errno(ep, err, flav);
		tx_leave();
		return r;
	}
	/* connected, even if rcvcall is too small */
	ep->state = T_DATAXFER;
	r = tx_fill_rcvcall(ep, rcv, flav);
	tx_leave();
	return r;
}

TX_ENTRY int
t_connect(int fd, const struct t_call *sndcall, struct t_call *rcvcall)
{
	return tx_connect(fd, sndcall, rcvcall, TX_TLI);
}

TX_ENTRY int
_xti_connect(int fd, const struct t_call *sndcall, struct t_call *rcvcall)
{
	return tx_connect(fd, sndcall, rcvcall, TX_XTI);
}

static int
tx_rcvconnect(int fd, struct t_call *call, enum tx_flavour flav)
{
	struct tx_ep *ep = tx_enter(fd);
	struct pollfd pfd;
	int r;

	if (ep == NULL)
		return -1;
	if (ep->kind->servtype == T_CLTS) {
		tx_leave();
		return tx_fail(TNOTSUPPORT);
	}
	if (ep->state != T_OUTCON) {
		tx_leave();
		return tx_fail(TOUTSTATE);
	}
	for (;;) {
		if (ep->ev_dis) {
			tx_leave();
			return tx_fail(TLOOK);
		}
		pfd.fd = fd;
		pfd.events = POLLOUT;
		pfd.revents = 0;
		if (poll(&pfd, 1, 0) > 0 && pfd.revents != 0)
			break;
		if (!tx_blocking(ep)) {
			tx_leave();
			return tx_fail(TNODATA);
		}
		if ((ep = tx_wait(ep, POLLOUT, false, -1)) == NULL)
			return -1;
	}
	if (tx_check_abort(ep)) {
		tx_leave();
		return tx_fail(TLOOK);
	}
	if (pfd.revents & POLLHUP) {
		tx_register_dis(ep, ECONNREFUSED, -1);
		tx_leave();
		return tx_fail(TLOOK);
	}
	ep->state = T_DATAXFER;
	r = tx_fill_rcvcall(ep, call, flav);
	tx_leave();
	return r;
}

TX_ENTRY int
t_rcvconnect(int fd, struct t_call *call)
{
	return tx_rcvconnect(fd, call, TX_TLI);
}

TX_ENTRY int
_xti_rcvconnect(int fd, struct t_call *call)
{
	return tx_rcvconnect(fd, call, TX_XTI);
}
