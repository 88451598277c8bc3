/*
 * tx_sync.c - rebuilding an endpoint's state from its socket, t_sync and
 * t_getstate.
 *
 * After exec the kernel socket survives but the library's per-fd data is
 * gone.  Any call on an unknown socket (and t_sync) rebuilds the entry:
 * the kind from SO_DOMAIN/SO_TYPE/SO_PROTOCOL, the state from
 * SO_ACCEPTCONN, the peer and TCP_INFO.  Connect indications that the
 * previous program image held cannot be recovered.  A descriptor that is
 * not a socket gives TBADF (rpcgen daemons test t_getstate(0) for that).
 */
#include "xti_entries.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/un.h>
#include <unistd.h>

int
tx_somaxconn(void)
{
	static int cached;
	FILE *f;
	int v;

	if (cached > 0)
		return cached;
	cached = 4096;
	f = fopen("/proc/sys/net/core/somaxconn", "re");
	if (f != NULL) {
		if (fscanf(f, "%d", &v) == 1 && v > 0)
			cached = v;
		fclose(f);
	}
	return cached;
}

static int
tx_getint(int fd, int level, int name, int dflt)
{
	int v;
	socklen_t len = sizeof(v);

	if (getsockopt(fd, level, name, &v, &len) < 0)
		return dflt;
	return v;
}

/* Is the socket bound (to something other than the unspecified port or
 * the empty AF_UNIX name)? */
static bool
tx_is_bound(int fd, struct sockaddr_storage *sa, socklen_t *salen)
{
	*salen = sizeof(*sa);
	if (getsockname(fd, (struct sockaddr *)sa, salen) < 0)
		return false;
	switch (sa->ss_family) {
	case AF_INET:
		return ((struct sockaddr_in *)sa)->sin_port != 0;
	case AF_INET6:
		return ((struct sockaddr_in6 *)sa)->sin6_port != 0;
	case AF_UNIX:
		return *salen > sizeof(sa_family_t);
	}
	return false;
}

/* State of a connected stream socket. */
static int
tx_connected_state(struct tx_ep *ep)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);
	int unread = 0;
	int err;

	if (!tx_is_tcp(ep->kind) ||
	    getsockopt(ep->fd, IPPROTO_TCP, TCP_INFO, &ti, &len) < 0)
		return T_DATAXFER;
	switch (ti.tcpi_state) {
	case TCP_SYN_SENT:
		return T_OUTCON;
	case TCP_FIN_WAIT1:
	case TCP_FIN_WAIT2:
		return T_OUTREL;
	case TCP_CLOSE_WAIT:
		/* data still ahead of the release: DATAXFER until read */
		if (ioctl(ep->fd, FIONREAD, &unread) == 0 && unread > 0)
			return T_DATAXFER;
		return T_INREL;
	case TCP_CLOSE:
		err = tx_getint(ep->fd, SOL_SOCKET, SO_ERROR, 0);
		tx_register_dis(ep, err ? err : ECONNRESET, -1);
		return T_DATAXFER;
	default:
		return T_DATAXFER;
	}
}

/*
 * TCP states in which getpeername fails although the endpoint is not idle:
 * connecting (SYN_SENT), or closed by an error the kernel still holds (a
 * refused connection, or a reset one).  True if ep's state was set.
 */
static bool
tx_unconnected_tcp(struct tx_ep *ep)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);
	int err;

	if (getsockopt(ep->fd, IPPROTO_TCP, TCP_INFO, &ti, &len) < 0)
		return false;
	if (ti.tcpi_state == TCP_SYN_SENT) {
		ep->state = T_OUTCON;
		return true;
	}
	if (ti.tcpi_state != TCP_CLOSE ||
	    (err = tx_getint(ep->fd, SOL_SOCKET, SO_ERROR, 0)) == 0)
		return false;
	/* a connection attempt that failed is still "outgoing" */
	ep->state = (err == ECONNREFUSED || err == ETIMEDOUT ||
			err == EHOSTUNREACH || err == ENETUNREACH) ?
	    T_OUTCON :
	    T_DATAXFER;
	tx_register_dis(ep, err, -1);
	return true;
}

static void
tx_rebuild(struct tx_ep *ep)
{
	struct sockaddr_storage sa;
	socklen_t salen = sizeof(sa);
	struct tcp_info ti;
	socklen_t tilen = sizeof(ti);

	if (tx_getint(ep->fd, SOL_SOCKET, SO_ACCEPTCONN, 0)) {
		ep->state = T_IDLE;
		ep->qlen = 1;
		if (tx_is_tcp(ep->kind) &&
		    getsockopt(ep->fd, IPPROTO_TCP, TCP_INFO, &ti, &tilen) ==
			0 &&
		    ti.tcpi_sacked > 0)
			ep->qlen = ti.tcpi_sacked;
		if (ep->qlen > TX_MAXQLEN)
			ep->qlen = TX_MAXQLEN;
		ep->ind = calloc(ep->qlen, sizeof(*ep->ind));
		if (ep->ind == NULL)
			ep->qlen = 0;
		tx_is_bound(ep->fd, &ep->baddr, &ep->balen);
		return;
	}
	if (tx_is_tcp(ep->kind) && tx_unconnected_tcp(ep))
		return;
	if (getpeername(ep->fd, (struct sockaddr *)&sa, &salen) == 0) {
		ep->state = ep->kind->servtype == T_CLTS ?
		    T_IDLE :
		    tx_connected_state(ep);
		return;
	}
	if (tx_is_bound(ep->fd, &ep->baddr, &ep->balen))
		ep->state = T_IDLE;
	else
		ep->state = T_UNBND;
}

struct tx_ep *
tx_adopt(int fd)
{
	struct stat st;
	const struct tx_kind *k;
	struct sockaddr_storage sa;
	socklen_t salen = sizeof(sa);
	struct tx_ep *ep;
	int domain, type, protocol;

	if (fstat(fd, &st) < 0 || !S_ISSOCK(st.st_mode)) {
		tx_fail(TBADF);
		return NULL;
	}
	domain = tx_getint(fd, SOL_SOCKET, SO_DOMAIN, -1);
	type = tx_getint(fd, SOL_SOCKET, SO_TYPE, -1);
	protocol = tx_getint(fd, SOL_SOCKET, SO_PROTOCOL, 0);
	k = tx_kind_bysocket(domain, type, protocol);
	if (k == NULL) {
		tx_fail(TBADF);
		return NULL;
	}
	/* An AF_UNIX socket bound to a path is of the "local" kind. */
	if (domain == AF_UNIX &&
	    getsockname(fd, (struct sockaddr *)&sa, &salen) == 0 &&
	    salen > sizeof(sa_family_t) &&
	    ((struct sockaddr_un *)&sa)->sun_path[0] != '\0')
		k = tx_kind_pathvariant(k);
	ep = tx_create(fd, k);
	if (ep == NULL) {
		tx_sysfail(errno ? errno : ENOMEM);
		return NULL;
	}
	tx_rebuild(ep);
	return ep;
}

static int
tx_sync(int fd)
{
	struct tx_ep *ep = tx_enter(fd);
	int state;

	if (ep == NULL)
		return -1;
	/* A known, unchanged fd keeps what only the library knows (held
	 * indications, registered events): its state is already current. */
	state = ep->state;
	tx_leave();
	return state;
}

TX_ENTRY int
t_sync(int fd)
{
	return tx_sync(fd);
}

TX_ENTRY int
_xti_sync(int fd)
{
	return tx_sync(fd);
}

static int
tx_getstate(int fd)
{
	return tx_sync(fd);
}

TX_ENTRY int
t_getstate(int fd)
{
	return tx_getstate(fd);
}

TX_ENTRY int
_xti_getstate(int fd)
{
	return tx_getstate(fd);
}
