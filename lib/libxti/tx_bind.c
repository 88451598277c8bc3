/*
 * tx_bind.c - t_bind, t_unbind, t_getprotaddr, t_getname.
 *
 * TLI and XTI differ on a busy address: XTI fails with TADDRBUSY, TLI
 * binds another address (inet: the same host with a port the kernel
 * chooses; loopback: an automatic name) and returns it, and the caller
 * compares it with its request, as an SVR4 provider answered O_T_BIND_REQ.
 * Linux cannot unbind a socket, so t_unbind replaces it.
 */
#include "xti_entries.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int
tx_bind_errno(int err, bool chosen_by_kernel)
{
	switch (err) {
	case EADDRINUSE:
		return tx_fail(chosen_by_kernel ? TNOADDR : TADDRBUSY);
	case EAGAIN:
		return tx_fail(TNOADDR);
	case EACCES:
	case EPERM:
		return tx_fail(TACCES);
	case EADDRNOTAVAIL:
	case EINVAL:
	case EAFNOSUPPORT:
	case ENOENT:
	case ENOTDIR:
	case ENAMETOOLONG:
		return tx_fail(TBADADDR);
	}
	return tx_sysfail(err);
}

/* The TLI answer to a busy address: the same host, another port/name. */
static int
tx_bind_other(struct tx_ep *ep, struct sockaddr_storage *sa, socklen_t *salen)
{
	switch (sa->ss_family) {
	case AF_INET:
		((struct sockaddr_in *)sa)->sin_port = 0;
		break;
	case AF_INET6:
		((struct sockaddr_in6 *)sa)->sin6_port = 0;
		break;
	default:
		*salen = sizeof(sa_family_t);
		break;
	}
	return bind(ep->fd, (struct sockaddr *)sa, *salen);
}

static int
tx_bind(
    int fd, const struct t_bind *req, struct t_bind *ret, enum tx_flavour flav)
{
	struct tx_ep *ep = tx_enter(fd);
	struct sockaddr_storage sa, got;
	socklen_t salen, glen = sizeof(got);
	unsigned int qlen;
	bool explicit = req != NULL && req->addr.len > 0;
	int one = 1, r;

	if (ep == NULL)
		return -1;
	if (ep->state != T_UNBND) {
		tx_leave();
		return tx_fail(TOUTSTATE);
	}
	qlen = req != NULL && ep->kind->servtype != T_CLTS ? req->qlen : 0;
	if (explicit) {
		if (tx_addr_in(ep->kind, req->addr.buf, req->addr.len, &sa,
			&salen) < 0) {
			tx_leave();
			return -1;
		}
	} else {
		tx_addr_any(ep->kind, &sa, &salen);
	}
	if (qlen > 0 && tx_is_inet(ep->kind))
		(void)setsockopt(
		    fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	r = bind(fd, (struct sockaddr *)&sa, salen);
	if (r < 0 && errno == EADDRINUSE && explicit && flav == TX_TLI) {
		r = tx_bind_other(ep, &sa, &salen);
		explicit = false; /* the kernel chose this time */
	}
	if (r < 0) {
		int err = errno;

		tx_leave();
		return tx_bind_errno(err, !explicit);
	}
	if (qlen > 0) {
		int backlog = qlen > (unsigned int)tx_somaxconn() ?
		    tx_somaxconn() :
		    (int)qlen;

		if (listen(fd, backlog) < 0) {
			int err = errno;

			tx_replace_socket(ep);
			tx_leave();
			return tx_sysfail(err);
		}
		if (qlen > TX_MAXQLEN)
			qlen = TX_MAXQLEN;
		ep->ind = calloc(qlen, sizeof(*ep->ind));
		if (ep->ind == NULL) {
			tx_replace_socket(ep);
			tx_leave();
			return tx_sysfail(ENOMEM);
		}
	}
	ep->state = T_IDLE;
	ep->qlen = qlen;
	ep->ocnt = 0;
	ep->qfull_told = false;
	ep->bound_explicit = explicit;
	ep->baddr = sa;
	ep->balen = salen;
	r = 0;
	if (ret != NULL) {
		/* the endpoint stays bound even if the copy overflows */
		ret->qlen = qlen;
		if (getsockname(fd, (struct sockaddr *)&got, &glen) < 0)
			glen = 0;
		r = tx_copyout_addr(&ret->addr, ep->kind, &got, glen, flav);
	}
	tx_leave();
	return r;
}

TX_ENTRY int
t_bind(int fd, const struct t_bind *req, struct t_bind *ret)
{
	return tx_bind(fd, req, ret, TX_TLI);
}

TX_ENTRY int
_xti_bind(int fd, const struct t_bind *req, struct t_bind *ret)
{
	return tx_bind(fd, req, ret, TX_XTI);
}

/*
 * A fresh, unbound socket of the same kind in place of ep->fd, with the
 * descriptor's O_NONBLOCK and FD_CLOEXEC and the recorded options.
 */
int
tx_replace_socket(struct tx_ep *ep)
{
	int fl = fcntl(ep->fd, F_GETFL);
	int fdfl = fcntl(ep->fd, F_GETFD);
	int ns, err;

	ns = socket(ep->kind->domain,
	    ep->kind->type | SOCK_CLOEXEC |
		(fl >= 0 && (fl & O_NONBLOCK) ? SOCK_NONBLOCK : 0),
	    ep->kind->protocol);
	if (ns < 0)
		return -1;
	tx_sockdefaults(ns, ep->kind);
	if (dup3(ns, ep->fd, fdfl >= 0 && (fdfl & FD_CLOEXEC) ? O_CLOEXEC : 0) <
	    0) {
		err = errno;
		close(ns);
		errno = err;
		return -1;
	}
	close(ns);
	tx_ind_dropall(ep);
	free(ep->ind);
	ep->ind = NULL;
	ep->qlen = ep->ocnt = 0;
	ep->ev_dis = ep->ev_ordrel = false;
	ep->nuderr = 0;
	ep->dglen = ep->dgoff = 0;
	ep->flow = ep->flow_exp = false;
	ep->reset_pending = false;
	ep->state = T_UNBND;
	tx_reidentify(ep);
	tx_reapply_opts(ep);
	return 0;
}

static int
tx_unbind(int fd, enum tx_flavour flav)
{
	struct tx_ep *ep = tx_enter(fd);
	int err;

	if (ep == NULL)
		return -1;
	if (ep->state != T_IDLE) {
		tx_leave();
		return tx_fail(TOUTSTATE);
	}
	if (tx_event(ep, flav) != 0) {
		tx_leave();
		return tx_fail(TLOOK);
	}
	if (tx_replace_socket(ep) < 0) {
		err = errno;
		tx_leave();
		return tx_sysfail(err);
	}
	ep->bound_explicit = false;
	ep->balen = 0;
	tx_leave();
	return 0;
}

TX_ENTRY int
t_unbind(int fd)
{
	return tx_unbind(fd, TX_TLI);
}

TX_ENTRY int
_xti_unbind(int fd)
{
	return tx_unbind(fd, TX_XTI);
}

static bool
tx_connected(int state)
{
	return state == T_DATAXFER || state == T_OUTREL || state == T_INREL;
}

static int
tx_getprotaddr(int fd, struct t_bind *boundaddr, struct t_bind *peeraddr)
{
	struct tx_ep *ep = tx_enter(fd);
	struct sockaddr_storage sa;
	socklen_t salen;
	int r = 0;

	if (ep == NULL)
		return -1;
	if (boundaddr != NULL) {
		salen = sizeof(sa);
		if (ep->state == T_UNBND ||
		    getsockname(fd, (struct sockaddr *)&sa, &salen) < 0)
			salen = 0;
		r = tx_copyout_addr(
		    &boundaddr->addr, ep->kind, &sa, salen, TX_XTI);
	}
	if (r == 0 && peeraddr != NULL) {
		salen = sizeof(sa);
		if (!tx_connected(ep->state) ||
		    getpeername(fd, (struct sockaddr *)&sa, &salen) < 0)
			salen = 0;
		r = tx_copyout_addr(
		    &peeraddr->addr, ep->kind, &sa, salen, TX_XTI);
	}
	tx_leave();
	return r;
}

TX_ENTRY int
t_getprotaddr(int fd, struct t_bind *boundaddr, struct t_bind *peeraddr)
{
	return tx_getprotaddr(fd, boundaddr, peeraddr);
}

TX_ENTRY int
_xti_getprotaddr(int fd, struct t_bind *boundaddr, struct t_bind *peeraddr)
{
	return tx_getprotaddr(fd, boundaddr, peeraddr);
}

/* TLI (Solaris): LOCALNAME 0 or REMOTENAME 1 into a netbuf. */
TX_ENTRY int
t_getname(int fd, struct netbuf *name, int type)
{
	struct tx_ep *ep;
	struct sockaddr_storage sa;
	socklen_t salen = sizeof(sa);
	int r;

	if (name == NULL || (type != 0 && type != 1))
		return tx_sysfail(EINVAL);
	if ((ep = tx_enter(fd)) == NULL)
		return -1;
	if (type == 0) {
		if (ep->state == T_UNBND ||
		    getsockname(fd, (struct sockaddr *)&sa, &salen) < 0)
			salen = 0;
	} else if (!tx_connected(ep->state) ||
	    getpeername(fd, (struct sockaddr *)&sa, &salen) < 0) {
		tx_leave();
		return tx_sysfail(ENOTCONN);
	}
	r = tx_copyout_addr(name, ep->kind, &sa, salen, TX_TLI);
	tx_leave();
	return r;
}
