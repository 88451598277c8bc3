/*
 * tx_look.c - events: t_look and what every TLOOK check asks.
 *
 * Some socket conditions are reported once only (SO_ERROR is cleared on
 * read; after it, a reset connection reads as end-of-file).  Whenever the
 * library sees one it registers the event on the entry, so that an abort is
 * never mistaken for an orderly release.  Order of checks, first match
 * wins: registered events (a disconnect beats everything and drops a
 * pending release), library datagram errors, then the socket by state.
 */
#include "xti_entries.h"

#include <poll.h>
#include <sys/ioctl.h>

void
tx_register_dis(struct tx_ep *ep, int reason, int seq)
{
	if (ep->ev_dis)
		return;
	ep->ev_dis = true;
	ep->dis_reason = reason;
	ep->dis_seq = seq;
	ep->ev_ordrel = false;
}

static int
tx_so_error(int fd)
{
	int err = 0;
	socklen_t len = sizeof(err);

	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
		return 0;
	return err;
}

bool
tx_check_abort(struct tx_ep *ep)
{
	int err;

	if (ep->ev_dis)
		return true;
	err = tx_so_error(ep->fd);
	if (err == 0)
		return false;
	tx_register_dis(ep, err, -1);
	return true;
}

bool
tx_check_held(struct tx_ep *ep)
{
	struct pollfd pfd;
	unsigned int i;
	int err;

	if (ep->ev_dis)
		return true;
	if (ep->ind == NULL || ep->ocnt == 0)
		return false;
	for (i = 0; i < ep->qlen; i++) {
		if (ep->ind[i].seq == 0)
			continue;
		/* only an error is a disconnect: data and FIN sent before
		 * t_accept belong to the connection */
		pfd.fd = ep->ind[i].fd;
		pfd.events = 0;
		pfd.revents = 0;
		if (poll(&pfd, 1, 0) > 0 && (pfd.revents & POLLERR)) {
			err = tx_so_error(pfd.fd);
			tx_register_dis(
			    ep, err ? err : ECONNRESET, ep->ind[i].seq);
			return true;
		}
	}
	return false;
}

static short
tx_poll1(int fd, short events)
{
	struct pollfd pfd = { fd, events, 0 };

	if (poll(&pfd, 1, 0) <= 0)
		return 0;
	return pfd.revents;
}

/* A connection in DATAXFER or OUTREL. */
static int
tx_event_conn(struct tx_ep *ep)
{
	short rev = tx_poll1(ep->fd, POLLIN | POLLPRI);
	char c;
	ssize_t n;

	if (rev & POLLERR) {
		if (tx_check_abort(ep))
			return T_DISCONNECT;
	}
	if ((rev & POLLPRI) && tx_is_tcp(ep->kind))
		return T_EXDATA;
	if (!(rev & (POLLIN | POLLHUP)))
		return 0;
	n = recv(ep->fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);
	if (n > 0)
		return T_DATA;
	if (n < 0) {
		if (tx_is_disconnect_errno(errno)) {
			tx_register_dis(ep, errno, -1);
			return T_DISCONNECT;
		}
		return 0;
	}
	/* end of file: a release, unless the kernel holds an error, or the
	 * transport has no orderly release (ticots) */
	if (tx_check_abort(ep))
		return T_DISCONNECT;
	if (ep->kind->servtype == T_COTS) {
		tx_register_dis(ep, ECONNRESET, -1);
		return T_DISCONNECT;
	}
	ep->ev_ordrel = true;
	return T_ORDREL;
}

/* XTI: sending is possible again after TFLOW (reported once). */
static int
tx_event_flow(struct tx_ep *ep, enum tx_flavour flav)
{
	int ev;

	if (flav != TX_XTI || !(ep->flow || ep->flow_exp) ||
	    !(tx_poll1(ep->fd, POLLOUT) & POLLOUT))
		return 0;
	ev = ep->flow ? T_GODATA : T_GOEXDATA;
	ep->flow = ep->flow_exp = false;
	return ev;
}

int
tx_event(struct tx_ep *ep, enum tx_flavour flav)
{
	short rev;

	if (ep->ev_dis)
		return T_DISCONNECT;
	if (ep->nuderr > 0)
		return T_UDERR;
	if (ep->ev_ordrel) {
		/* a reset after the release supersedes it */
		if ((tx_poll1(ep->fd, 0) & POLLERR) && tx_check_abort(ep))
			return T_DISCONNECT;
		return T_ORDREL;
	}

	if (ep->kind->servtype == T_CLTS) {
		if (ep->state != T_IDLE)
			return 0;
		if (ep->dgoff < ep->dglen)
			return T_DATA;
		rev = tx_poll1(ep->fd, POLLIN);
		if (rev & POLLERR)
			return T_UDERR;
		if (rev & POLLIN)
			return T_DATA;
		return tx_event_flow(ep, flav);
	}

	switch (ep->state) {
	case T_IDLE:
	case T_INCON:
		if (ep->qlen == 0)
			return 0;
		if (tx_check_held(ep))
			return T_DISCONNECT;
		if (ep->ocnt < ep->qlen && (tx_poll1(ep->fd, POLLIN) & POLLIN))
			return T_LISTEN;
		return 0;
	case T_OUTCON:
		rev = tx_poll1(ep->fd, POLLOUT);
		if (!(rev & (POLLOUT | POLLERR | POLLHUP)))
			return 0;
		if (tx_check_abort(ep))
			return T_DISCONNECT;
		if (rev & POLLHUP) {
			tx_register_dis(ep, ECONNREFUSED, -1);
			return T_DISCONNECT;
		}
		return T_CONNECT;
	case T_DATAXFER:
	case T_OUTREL: {
		int ev = tx_event_conn(ep);

		if (ev != 0)
			return ev;
		break;
	}
	case T_INREL:
		/* the release is consumed; end of file repeats forever, so
		 * only an error is news */
		if ((tx_poll1(ep->fd, 0) & POLLERR) && tx_check_abort(ep))
			return T_DISCONNECT;
		break;
	default:
		return 0;
	}
	return tx_event_flow(ep, flav);
}

static int
tx_look(int fd, enum tx_flavour flav)
{
	struct tx_ep *ep = tx_enter(fd);
	int ev;

	if (ep == NULL)
		return -1;
	ev = tx_event(ep, flav);
	tx_leave();
	return ev;
}

TX_ENTRY int
t_look(int fd)
{
	return tx_look(fd, TX_TLI);
}

TX_ENTRY int
_xti_look(int fd)
{
	return tx_look(fd, TX_XTI);
}
