/*
 * tx_release.c - orderly release (t_sndrel, t_rcvrel and the XTI reldata
 * forms) and disconnect (t_snddis, t_rcvdis).
 *
 * XTI lets an endpoint that went back to T_IDLE connect again.  A Linux
 * TCP socket that was connected cannot, until connect(AF_UNSPEC) resets it
 * (with SO_LINGER {1,0} first when the end is abortive, which sends RST).
 * An AF_UNIX socket cannot be reset at all, so it is replaced by a fresh
 * one bound to the same address.
 */
#include "xti_entries.h"

#include <string.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

/* Rebind a replaced AF_UNIX socket to its old address. */
static void
tx_rebind_unix(
    struct tx_ep *ep, const struct sockaddr_storage *sa, socklen_t salen)
{
	const struct sockaddr_un *sun = (const struct sockaddr_un *)sa;
	struct stat st;

	if (bind(ep->fd, (const struct sockaddr *)sa, salen) == 0)
		return;
	/* our own socket file is still there: replace it */
	if (errno == EADDRINUSE && salen > sizeof(sa_family_t) &&
	    sun->sun_path[0] != '\0' && lstat(sun->sun_path, &st) == 0 &&
	    S_ISSOCK(st.st_mode) && unlink(sun->sun_path) == 0)
		(void)bind(ep->fd, (const struct sockaddr *)sa, salen);
}

/* Make a connected socket able to connect again. */
void
tx_reset_socket(struct tx_ep *ep, bool abortive)
{
	struct sockaddr_storage sa;
	socklen_t salen = sizeof(sa);
	struct sockaddr unspec;
	struct linger lg = { 1, 0 };

	ep->reset_pending = false;
	if (tx_is_unix(ep->kind)) {
		int state = ep->state;

		if (getsockname(ep->fd, (struct sockaddr *)&sa, &salen) < 0)
			salen = 0;
		if (tx_replace_socket(ep) == 0 && salen > sizeof(sa_family_t))
			tx_rebind_unix(ep, &sa, salen);
		ep->state = state;
		return;
	}
	if (abortive)
		(void)setsockopt(
		    ep->fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	memset(&unspec, 0, sizeof(unspec));
	unspec.sa_family = AF_UNSPEC;
	(void)connect(ep->fd, &unspec, sizeof(unspec));
	if (abortive) {
		lg.l_onoff = 0;
		(void)setsockopt(
		    ep->fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
		tx_reapply_opts(ep);
	}
}

/*
 * Back to T_IDLE.  An abortive end resets the socket now (the peer must
 * see RST); after an orderly release the reset waits for the next
 * t_connect, because resetting a socket purges data still in flight.
 */
void
tx_to_idle(struct tx_ep *ep, bool abortive)
{
	if (abortive)
		tx_reset_socket(ep, true);
	else
		ep->reset_pending = true;
	ep->state = T_IDLE;
	ep->ev_dis = ep->ev_ordrel = false;
	ep->dis_seq = -1;
	ep->flow = ep->flow_exp = false;
}

static int
tx_sndrel(int fd, struct t_discon *discon)
{
	struct tx_ep *ep = tx_enter(fd);
	int err;

	if (ep == NULL)
		return -1;
	if (ep->kind->servtype != T_COTS_ORD) {
		tx_leave();
		return tx_fail(TNOTSUPPORT);
	}
	if (ep->state != T_DATAXFER && ep->state != T_INREL) {
		tx_leave();
		return tx_fail(TOUTSTATE);
	}
	if (ep->ev_dis) {
		tx_leave();
		return tx_fail(TLOOK);
	}
	if (discon != NULL && discon->udata.len > 0) {
		tx_leave();
		return tx_fail(TBADDATA);
	}
	if (shutdown(fd, SHUT_WR) < 0) {
		err = errno;
		if (err == ENOTCONN || tx_is_disconnect_errno(err)) {
			tx_register_dis(
			    ep, err == ENOTCONN ? ECONNRESET : err, -1);
			tx_leave();
			return tx_fail(TLOOK);
		}
		tx_leave();
		return tx_sysfail(err);
	}
	if (ep->state == T_INREL)
		tx_to_idle(ep, false);
	else
		ep->state = T_OUTREL;
	tx_leave();
	return 0;
}

TX_ENTRY int
t_sndrel(int fd)
{
	return tx_sndrel(fd, NULL);
}

TX_ENTRY int
_xti_sndrel(int fd)
{
	return tx_sndrel(fd, NULL);
}

TX_ENTRY int
t_sndreldata(int fd, struct t_discon *discon)
{
	return tx_sndrel(fd, discon);
}

TX_ENTRY int
_xti_sndreldata(int fd, struct t_discon *discon)
{
	return tx_sndrel(fd, discon);
}

static int
tx_rcvrel(int fd, struct t_discon *discon, enum tx_flavour flav)
{
	struct tx_ep *ep = tx_enter(fd);

	if (ep == NULL)
		return -1;
	if (ep->kind->servtype != T_COTS_ORD) {
		tx_leave();
		return tx_fail(TNOTSUPPORT);
	}
	if (ep->state != T_DATAXFER && ep->state != T_OUTREL) {
		tx_leave();
		return tx_fail(TOUTSTATE);
	}
	if (!ep->ev_dis)
		(void)tx_event(ep, flav); /* registers a release or an abort */
	if (ep->ev_dis) {
		tx_leave();
		return tx_fail(TLOOK);
	}
	if (!ep->ev_ordrel) {
		/* no release, or data still ahead of it */
		tx_leave();
		return tx_fail(TNOREL);
	}
	ep->ev_ordrel = false;
	if (discon != NULL) {
		discon->udata.len = 0;
		discon->reason = 0;
		discon->sequence = 0;
	}
	if (ep->state == T_OUTREL)
		tx_to_idle(ep, false);
	else
		ep->state = T_INREL;
	tx_leave();
	return 0;
}

TX_ENTRY int
t_rcvrel(int fd)
{
	return tx_rcvrel(fd, NULL, TX_TLI);
}

TX_ENTRY int
_xti_rcvrel(int fd)
{
	return tx_rcvrel(fd, NULL, TX_XTI);
}

TX_ENTRY int
t_rcvreldata(int fd, struct t_discon *discon)
{
	return tx_rcvrel(fd, discon, TX_XTI);
}

TX_ENTRY int
_xti_rcvreldata(int fd, struct t_discon *discon)
{
	return tx_rcvrel(fd, discon, TX_XTI);
}

static int
tx_snddis(int fd, const struct t_call *call)
{
	struct tx_ep *ep = tx_enter(fd);
	struct tx_ind *ind;

	if (ep == NULL)
		return -1;
	if (ep->kind->servtype == T_CLTS) {
		tx_leave();
		return tx_fail(TNOTSUPPORT);
	}
	if (call != NULL && call->udata.len > 0) {
		tx_leave();
		return tx_fail(TBADDATA);
	}
	if (ep->state == T_INCON) {
		/* reject a connect indication: the caller sees a reset */
		if (call == NULL ||
		    (ind = tx_ind_find(ep, call->sequence)) == NULL) {
			tx_leave();
			return tx_fail(TBADSEQ);
		}
		tx_ind_drop(ep, ind, true);
		ep->state = ep->ocnt > 0 ? T_INCON : T_IDLE;
		tx_leave();
		return 0;
	}
	switch (ep->state) {
	case T_OUTCON:
	case T_DATAXFER:
	case T_OUTREL:
	case T_INREL:
		break;
	default:
		tx_leave();
		return tx_fail(TOUTSTATE);
	}
	if (ep->ev_dis) {
		tx_leave();
		return tx_fail(TLOOK);
	}
	tx_to_idle(ep, true);
	tx_leave();
	return 0;
}

TX_ENTRY int
t_snddis(int fd, const struct t_call *call)
{
	return tx_snddis(fd, call);
}

TX_ENTRY int
_xti_snddis(int fd, const struct t_call *call)
{
	return tx_snddis(fd, call);
}

static int
tx_rcvdis(int fd, struct t_discon *discon, enum tx_flavour flav)
{
	struct tx_ep *ep = tx_enter(fd);
	struct tx_ind *ind;
	int seq;

	if (ep == NULL)
		return -1;
	if (ep->kind->servtype == T_CLTS) {
		tx_leave();
		return tx_fail(TNOTSUPPORT);
	}
	switch (ep->state) {
	case T_OUTCON:
	case T_DATAXFER:
	case T_OUTREL:
	case T_INREL:
	case T_INCON:
		break;
	default:
		tx_leave();
		return tx_fail(TOUTSTATE);
	}
	if (!ep->ev_dis)
		(void)tx_event(ep, flav);
	if (!ep->ev_dis) {
		tx_leave();
		return tx_fail(TNODIS);
	}
	seq = ep->dis_seq;
	if (discon != NULL) {
		discon->udata.len = 0;
		discon->reason = ep->dis_reason;
		discon->sequence = seq > 0 ? seq : -1;
	}
	if (ep->state == T_INCON) {
		ep->ev_dis = false;
		ep->dis_seq = -1;
		if ((ind = tx_ind_find(ep, seq)) != NULL)
			tx_ind_drop(ep, ind, true);
		ep->state = ep->ocnt > 0 ? T_INCON : T_IDLE;
	} else {
		/* unread data is discarded with the connection */
		tx_to_idle(ep, true);
	}
	tx_leave();
	return 0;
}

TX_ENTRY int
t_rcvdis(int fd, struct t_discon *discon)
{
	return tx_rcvdis(fd, discon, TX_TLI);
}

TX_ENTRY int
_xti_rcvdis(int fd, struct t_discon *discon)
{
	return tx_rcvdis(fd, discon, TX_XTI);
}
