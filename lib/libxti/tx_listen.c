/*
 * tx_listen.c - connect indications: t_listen and t_accept.
 *
 * Linux completes the handshake before accept(), as a TPI provider did
 * before T_CONN_IND, so an indication is an accepted socket that the
 * library holds, keyed by a sequence number, until the user answers with
 * t_accept (the socket is moved onto resfd) or t_snddis (it is reset).
 * Held sockets live on high, close-on-exec, non-blocking descriptors so
 * they never take the numbers SVR4 code expects and never leak into exec.
 * At most qlen are held; the rest wait in the kernel's backlog.
 */
#include "xti_entries.h"

#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

void
tx_abort_close(int fd)
{
	struct linger lg = { 1, 0 };
	int err = errno;

	(void)setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	close(fd);
	errno = err;
}

struct tx_ind *
tx_ind_find(struct tx_ep *ep, int seq)
{
	unsigned int i;

	if (seq <= 0 || ep->ind == NULL)
		return NULL;
	for (i = 0; i < ep->qlen; i++)
		if (ep->ind[i].seq == seq)
			return &ep->ind[i];
	return NULL;
}

void
tx_ind_drop(struct tx_ep *ep, struct tx_ind *ind, bool abortive)
{
	if (ind->seq == 0)
		return;
	if (abortive)
		tx_abort_close(ind->fd);
	ind->seq = 0;
	ind->fd = -1;
	if (ep->ocnt > 0)
		ep->ocnt--;
	ep->qfull_told = false;
	if (ep->dis_seq >= 0 && ep->ev_dis &&
	    tx_ind_find(ep, ep->dis_seq) == NULL) {
		/* the disconnect concerned this indication */
		ep->ev_dis = false;
		ep->dis_seq = -1;
	}
}

void
tx_ind_dropall(struct tx_ep *ep)
{
	unsigned int i;

	if (ep->ind == NULL)
		return;
	for (i = 0; i < ep->qlen; i++)
		if (ep->ind[i].seq != 0) {
			tx_abort_close(ep->ind[i].fd);
			ep->ind[i].seq = 0;
		}
	ep->ocnt = 0;
}

/* A sequence number not in use (positive, wraps). */
static int
tx_newseq(struct tx_ep *ep)
{
	int seq;

	do {
		seq = ep->nextseq++;
		if (ep->nextseq <= 0)
			ep->nextseq = 1;
	} while (tx_ind_find(ep, seq) != NULL);
	return seq;
}

/* Accept one waiting connection into a free slot: 1, 0 (none), -1. */
static int
tx_take_one(struct tx_ep *ep, struct tx_ind **out)
{
	struct sockaddr_storage sa;
	socklen_t salen = sizeof(sa);
	struct pollfd pfd = { ep->fd, POLLIN, 0 };
	struct tx_ind *ind = NULL;
	unsigned int i;
	int s, hs;

	/* do not block in accept4 while holding the library lock */
	if (poll(&pfd, 1, 0) <= 0 || !(pfd.revents & POLLIN))
		return 0;
	s = accept4(ep->fd, (struct sockaddr *)&sa, &salen,
	    SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (s < 0) {
		if (errno == EAGAIN || errno == EWOULDBLOCK ||
		    errno == ECONNABORTED || errno == EINTR)
			return 0;
		return tx_sysfail(errno);
	}
	hs = fcntl(s, F_DUPFD_CLOEXEC, tx_highfd());
	if (hs >= 0) {
		close(s);
		s = hs;
	}
	tx_sockdefaults(s, ep->kind);
	for (i = 0; i < ep->qlen; i++)
		if (ep->ind[i].seq == 0) {
			ind = &ep->ind[i];
			break;
		}
	if (ind == NULL) { /* cannot happen: ocnt < qlen was checked */
		tx_abort_close(s);
		return tx_fail(TPROTO);
	}
	ind->seq = tx_newseq(ep);
	ind->fd = s;
	ind->addr = sa;
	ind->alen = salen;
	ep->ocnt++;
	*out = ind;
	return 1;
}

static int
tx_listen_call(int fd, struct t_call *call, enum tx_flavour flav)
{
	struct tx_ep *ep = tx_enter(fd);
	struct tx_ind *ind = NULL;
	int r;

	if (ep == NULL)
		return -1;
	if (ep->kind->servtype == T_CLTS) {
		tx_leave();
		return tx_fail(TNOTSUPPORT);
	}
	if (ep->state != T_IDLE && ep->state != T_INCON) {
		tx_leave();
		return tx_fail(TOUTSTATE);
	}
	if (ep->qlen == 0) {
		tx_leave();
		return tx_fail(flav == TX_XTI ? TBADQLEN : TOUTSTATE);
	}
	if (call == NULL) {
		/* an indication taken without a call could never be answered */
		tx_leave();
		return tx_sysfail(EINVAL);
	}
	for (;;) {
		if (ep->ev_dis || tx_check_held(ep)) {
			tx_leave();
			return tx_fail(TLOOK);
		}
		if (ep->ocnt >= ep->qlen) {
			if (flav == TX_XTI && !ep->qfull_told) {
				ep->qfull_told = true;
				tx_leave();
				return tx_fail(TQFULL);
			}
		} else {
			r = tx_take_one(ep, &ind);
			if (r < 0) {
				tx_leave();
				return -1;
			}
			if (r > 0)
				break;
		}
		if (!tx_blocking(ep)) {
			tx_leave();
			return tx_fail(TNODATA);
		}
		ep = tx_wait(ep, ep->ocnt < ep->qlen ? POLLIN : 0, true, -1);
		if (ep == NULL)
			return -1;
	}
	/* The indication is taken even if the copy below overflows. */
	ep->state = T_INCON;
	r = 0;
	call->sequence = ind->seq;
	if (tx_copyout_addr(
		&call->addr, ep->kind, &ind->addr, ind->alen, flav) < 0 ||
	    tx_copyout(&call->opt, NULL, 0, flav) < 0 ||
	    tx_copyout(&call->udata, NULL, 0, flav) < 0)
		r = -1;
	tx_leave();
	return r;
}

TX_ENTRY int
t_listen(int fd, struct t_call *call)
{
	return tx_listen_call(fd, call, TX_TLI);
}

TX_ENTRY int
_xti_listen(int fd, struct t_call *call)
{
	return tx_listen_call(fd, call, TX_XTI);
}

/*
 * Checks of t_accept on the acceptor; 0 or a t_errno.  TLI has no
 * TINDOUT, TRESQLEN or TPROVMISMATCH: an SVR4 provider answered all three
 * with TBADF ("illegally accepting on the endpoint of the indication").
 */
static int
tx_accept_check_res(struct tx_ep *ep, struct tx_ep *res, enum tx_flavour flav)
{
	int terr = 0;

	if (res == ep)
		terr = ep->ocnt > 1 ? TINDOUT : 0;
	else if (res->state != T_UNBND && res->state != T_IDLE)
		return TOUTSTATE;
	else if (res->qlen > 0)
		terr = TRESQLEN;
	else if (res->kind->domain != ep->kind->domain ||
	    res->kind->type != ep->kind->type ||
	    res->kind->servtype != ep->kind->servtype)
		terr = TPROVMISMATCH;
	if (terr != 0 && flav == TX_TLI)
		terr = TBADF;
	return terr;
}

/* Move the held socket onto resfd, keeping resfd's descriptor flags. */
static int
tx_move_onto(struct tx_ind *ind, int resfd)
{
	int fl = fcntl(resfd, F_GETFL);
	int fdfl = fcntl(resfd, F_GETFD);
	int nfl;

	if (dup3(ind->fd, resfd,
		fdfl >= 0 && (fdfl & FD_CLOEXEC) ? O_CLOEXEC : 0) < 0)
		return -1;
	close(ind->fd);
	ind->fd = -1;
	/* the held socket's description is non-blocking; resfd's was not
	 * necessarily */
	nfl = fcntl(resfd, F_GETFL);
	if (nfl >= 0 && fl >= 0)
		(void)fcntl(
		    resfd, F_SETFL, (nfl & ~O_NONBLOCK) | (fl & O_NONBLOCK));
	return 0;
}

/* The checks of t_accept, in order: the indication to answer, or NULL
 * and t_errno. */
static struct tx_ind *
tx_accept_checks(struct tx_ep *ep, int resfd, const struct t_call *call,
    enum tx_flavour flav, struct tx_ep **resp)
{
	struct tx_ep *res;
	struct tx_ind *ind;
	int terr, ev;

	if (ep->kind->servtype == T_CLTS)
		return tx_fail(TNOTSUPPORT), NULL;
	if (ep->state != T_INCON)
		return tx_fail(TOUTSTATE), NULL;
	if (call == NULL)
		return tx_fail(TBADSEQ), NULL;
	if (resfd == ep->fd)
		res = ep;
	else if ((res = tx_lookup(resfd)) == NULL &&
	    (res = tx_adopt(resfd)) == NULL)
		return NULL;
	if ((terr = tx_accept_check_res(ep, res, flav)) != 0)
		return tx_fail(terr), NULL;
	/* TLI (and XNS4): any event pending on the listener comes first;
	 * the caller re-queues this call and looks. */
	if (flav == TX_TLI && (ev = tx_event(ep, flav)) != 0 &&
	    (ev == T_DISCONNECT || ev == T_LISTEN))
		return tx_fail(TLOOK), NULL;
	if ((ind = tx_ind_find(ep, call->sequence)) == NULL)
		return tx_fail(TBADSEQ), NULL;
	if (call->udata.len > 0)
		return tx_fail(TBADDATA), NULL;
	/* options that would not apply refuse the accept before it is done,
	 * not after (the indication stays pending) */
	if (tx_check_opts(res, &call->opt, flav) < 0)
		return NULL;
	*resp = res;
	return ind;
}

/* The listener itself becomes the connection; the backlog is reset with
 * the listening socket (TINDOUT made sure this is the only indication). */
static int
tx_accept_self(struct tx_ep *ep, struct tx_ind *ind)
{
	int s = ind->fd;

	ind->seq = 0;
	ind->fd = -1;
	ep->ocnt = 0;
	if (tx_move_onto(&(struct tx_ind){ .fd = s }, ep->fd) < 0) {
		int err = errno;

		tx_abort_close(s);
		return tx_sysfail(err);
	}
	free(ep->ind);
	ep->ind = NULL;
	ep->qlen = 0;
	/* a reset already seen on the indication now concerns the
	 * connection */
	if (ep->ev_dis)
		ep->dis_seq = -1;
	tx_reidentify(ep);
	return 0;
}

/* The indication moves onto another endpoint, with a reset already seen on
 * it (XTI accepts it anyway; the acceptor then reports the disconnect). */
static int
tx_accept_other(struct tx_ep *ep, struct tx_ep *res, struct tx_ind *ind)
{
	bool dead = ep->ev_dis && ep->dis_seq == ind->seq;
	int reason = ep->dis_reason;

	if (tx_move_onto(ind, res->fd) < 0)
		return tx_sysfail(errno);
	tx_ind_drop(ep, ind, false);
	res->kind = ep->kind;
	res->qlen = 0;
	res->ev_dis = res->ev_ordrel = false;
	res->nuderr = 0;
	res->reset_pending = false;
	if (dead)
		tx_register_dis(res, reason, -1);
	tx_reidentify(res);
	ep->state = ep->ocnt > 0 ? T_INCON : T_IDLE;
	return 0;
}

static int
tx_accept(int fd, int resfd, const struct t_call *call, enum tx_flavour flav)
{
	struct tx_ep *ep = tx_enter(fd);
	struct tx_ep *res = NULL;
	struct tx_ind *ind;
	int r;

	if (ep == NULL)
		return -1;
	if ((ind = tx_accept_checks(ep, resfd, call, flav, &res)) == NULL) {
		tx_leave();
		return -1;
	}
	r = res == ep ? tx_accept_self(ep, ind) : tx_accept_other(ep, res, ind);
	if (r == 0) {
		res->state = T_DATAXFER;
		tx_sockdefaults(res->fd, res->kind);
		tx_reapply_opts(res);
		if (call->opt.len > 0)
			r = tx_apply_opts(res, &call->opt, flav);
	}
	tx_leave();
	return r;
}

TX_ENTRY int
t_accept(int fd, int resfd, const struct t_call *call)
{
	return tx_accept(fd, resfd, call, TX_TLI);
}

TX_ENTRY int
_xti_accept(int fd, int resfd, const struct t_call *call)
{
	return tx_accept(fd, resfd, call, TX_XTI);
}
