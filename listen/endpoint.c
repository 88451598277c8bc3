/*
 * endpoint.c - the listener's addresses: binding them through libxti (so
 * the provider, the address notation and the SVR4 "bound another
 * address" rule are the library's), and taking connections on them.
 *
 * An endpoint is a libxti endpoint, bound through the library, then made
 * to listen with a backlog of MAXCON; as the endpoint is the socket,
 * connections are taken with accept4, non-blocking and close-on-exec from
 * birth: in batches by the event loop, or one at a time by the worker
 * threads that start servers without fork, on their services' own
 * addresses (clone.c), as ls_ep_rewatch decides.  (Bound with qlen
 * MAXCON, libxti would also keep room for MAXCON connect indications per
 * endpoint, 14 KiB, for the t_listen the listener never calls.)  A busy or refused address
 * makes only its service unavailable, with a log line naming the address;
 * the bind is tried again on the next re-read.  When descriptors run out
 * (EMFILE/ENFILE) accepting pauses for a moment instead of spinning.
 */
#include "config.h"

#include "ls.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <xti.h>

/* Find out the provider's socket kind from a probe endpoint. */
int
ls_provider_probe(struct ls *ls)
{
	struct t_info info;
	socklen_t len = sizeof(int);
	int fd = t_open(ls->provider, O_RDWR, &info);

	if (fd < 0)
		return -1;
	if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &ls->domain, &len) < 0) {
		t_close(fd);
		return -1;
	}
	len = sizeof(int);
	(void)getsockopt(fd, SOL_SOCKET, SO_TYPE, &ls->type, &len);
	t_close(fd);
	if (info.servtype == T_CLTS) {
		errno = EPROTOTYPE; /* the listener needs connections */
		return -1;
	}
	ls->abstract = strncmp(ls->netspec, "tic", 3) == 0;
	return 0;
}

static void ls_accept_cb(
    struct evloop *loop, int fd, uint32_t events, void *arg);
static void ls_ep_rewatch(struct ls *ls, struct ls_ep *ep);

/* Bind svc's address: the endpoint's descriptor, or -1 (logged). */
static int
ls_bind_fd(struct ls *ls, struct ls_svc *svc, struct t_bind *ret)
{
	unsigned char want[NLS_ADDR_MAX];
	struct t_bind req;
	int one = 1, fd = t_open(ls->provider, O_RDWR | O_NONBLOCK, NULL);

	if (fd < 0) {
		if (t_errno == TSYSERR && errno == EMFILE)
			ls_log("  Service %s ignored: out of file descriptors",
			    svc->ent.svctag);
		else
			ls_log("cannot open channel to network (FD1): %s",
			    t_strerror(t_errno));
		return -1;
	}
	/* endpoints are inherited by no server: close-on-exec at once */
	(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
	/* what t_bind does for a listener (qlen > 0) on an IP provider */
	if (ls->domain == AF_INET || ls->domain == AF_INET6)
		(void)setsockopt(
		    fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&req, 0, sizeof(req));
	req.qlen = 0; /* listen() below */
	if (!svc->dynamic) {
		req.addr.buf = want;
		req.addr.len = req.addr.maxlen =
		    (unsigned int)ls_addr_netbuf(ls, svc, want, sizeof(want));
	}
	if (t_bind(fd, &req, ret) < 0) {
		ls_log("TLI t_bind failed: %s: service %s, address %s",
		    t_strerror(t_errno), svc->ent.svctag,
		    svc->dynamic ? "(dynamic)" : svc->rec.addr);
		t_close(fd);
		return -1;
	}
	if (!svc->dynamic &&
	    (ret->addr.len != req.addr.len ||
		memcmp(ret->addr.buf, want, req.addr.len) != 0)) {
		char h1[2 * NLS_ADDR_MAX + 1], h2[2 * NLS_ADDR_MAX + 1];

		ls_hex(want, req.addr.len, h1, sizeof(h1));
		ls_hex(ret->addr.buf, ret->addr.len, h2, sizeof(h2));
		ls_log("Requested address \\x%s", h1);
		ls_log("Actual address    \\x%s", h2);
		ls_log("  Service %s ignored: unable to bind requested address "
		       "%s (in use)",
		    svc->ent.svctag, svc->rec.addr);
		t_close(fd);
		return -1;
	}
	if (listen(fd, MAXCON) < 0) {
		ls_log("TLI t_bind failed: %s: service %s, address %s",
		    strerror(errno), svc->ent.svctag,
		    svc->dynamic ? "(dynamic)" : svc->rec.addr);
		t_close(fd);
		return -1;
	}
	return fd;
}

int
ls_ep_bind(struct ls *ls, struct ls_svc *svc)
{
	unsigned char got[NLS_ADDR_MAX];
	struct t_bind ret;
	struct ls_ep *ep;
	char hex[2 * NLS_ADDR_MAX + 1];
	int fd;

	memset(&ret, 0, sizeof(ret));
	ret.addr.buf = got;
	ret.addr.maxlen = sizeof(got);
	if ((fd = ls_bind_fd(ls, svc, &ret)) < 0)
		return -1;
	if ((ep = calloc(1, sizeof(*ep))) == NULL) {
		t_close(fd);
		return -1;
	}
	ep->fd = fd;
	ep->ls = ls;
	ep->svc = svc;
	ep->prog = ep->vers = -1;
	ep->blen = sizeof(ep->bound);
	(void)getsockname(fd, (struct sockaddr *)&ep->bound, &ep->blen);
	/* a wildcard address: its connections each have their own */
	ep->specific = ep->blen > 0 &&
	    !(ep->bound.ss_family == AF_INET &&
		((struct sockaddr_in *)&ep->bound)->sin_addr.s_addr ==
		    htonl(INADDR_ANY)) &&
	    !(ep->bound.ss_family == AF_INET6 &&
		IN6_IS_ADDR_UNSPECIFIED(
		    &((struct sockaddr_in6 *)&ep->bound)->sin6_addr));
	ls_hex(got, ret.addr.len, hex, sizeof(hex));
	if (svc->dynamic) {
		snprintf(ep->addrstr, sizeof(ep->addrstr), "\\x%s", hex);
		ls_log("Service %s: fd %d dynamic addr %s", svc->ent.svctag, fd,
		    ep->addrstr);
	} else {
		snprintf(ep->addrstr, sizeof(ep->addrstr), "%s", svc->rec.addr);
		ls_log("Service %s: fd %d addr %s", svc->ent.svctag, fd,
		    ep->addrstr);
	}
	if (evloop_add(ls->loop, fd, EPOLLIN, ls_accept_cb, ep) < 0) {
		t_close(fd);
		free(ep);
		return -1;
	}
	ep->loop_events = EPOLLIN;
	svc->ep = ep;
	ls_ep_rewatch(ls, ep);
	if (svc->rec.prog >= 0 && svc->rec.vers >= 0)
		ls_rpc_set(ls, ep, svc->rec.prog, svc->rec.vers);
	return 0;
}

void
ls_ep_unbind(struct ls *ls, struct ls_ep *ep)
{
	if (ep->prog >= 0)
		ls_rpc_unset(ls, ep);
	ls_log("Unbind %s: fd %d addr %s",
	    ep->svc != NULL ? ep->svc->ent.svctag : "?", ep->fd, ep->addrstr);
	ls_direct_unwatch(ls, ep);
	evloop_del(ls->loop, ep->fd);
	/* callers still in the kernel's queue are reset with the socket */
	t_close(ep->fd);
	if (ep->svc != NULL && ep->svc->ep == ep)
		ep->svc->ep = NULL;
	free(ep);
}

/* Bind every service of t that has an address and no endpoint: static
 * addresses first, then dynamic ones (they must not take a static one). */
void
ls_bind_all(struct ls *ls, struct ls_table *t)
{
	size_t i;
	int pass;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < t->n; i++) {
			struct ls_svc *s = &t->v[i];

			if (!s->has_addr || s->ep != NULL ||
			    s->dynamic != (pass == 1))
				continue;
			(void)ls_ep_bind(ls, s);
		}
}

/* The workers take the connections of a service whose servers start
 * without fork, on its own address: each accepts and starts in one go,
 * with no hand-off (clone.c).  The loop takes the others: the NLPS
 * address (a request to read first), pass-fd services, servers started
 * with fork (a fork is the loop's to make). */
static bool
ls_ep_for_workers(const struct ls *ls, const struct ls_ep *ep)
{
	const struct ls_svc *s = ep->svc;

	return s != NULL && s->how == LS_EXEC && s->nofork &&
	    ls_direct_able(ls);
}

static void
ls_ep_rewatch(struct ls *ls, struct ls_ep *ep)
{
	bool paused = ls->pause != NULL && evloop_timer_armed(ls->pause);
	uint32_t ev = paused ? 0 : EPOLLIN;

	if (!paused && ls_ep_for_workers(ls, ep)) {
		if (ep->direct != 0 || ls_direct_watch(ls, ep) == 0)
			ev = 0;
	} else {
		ls_direct_unwatch(ls, ep);
	}
	if (ev != ep->loop_events && evloop_mod(ls->loop, ep->fd, ev) == 0)
		ep->loop_events = ev;
}

void
ls_ep_rewatch_all(struct ls *ls)
{
	size_t i;

	for (i = 0; i < ls->tab.n; i++)
		if (ls->tab.v[i].ep != NULL)
			ls_ep_rewatch(ls, ls->tab.v[i].ep);
}

static void
ls_resume_cb(struct evloop *loop, struct evtimer *t, void *arg)
{
	(void)loop;
	(void)t;
	ls_ep_rewatch_all(arg);
}

int
ls_endpoint_init(struct ls *ls)
{
	ls->pause = evloop_timer_new(ls->loop, ls_resume_cb, ls);
	return ls->pause != NULL ? 0 : -1;
}

/* Out of descriptors: stop accepting everywhere for a moment. */
void
ls_accept_pause(struct ls *ls)
{
	ls->n_paused++;
	/* logged once, then at most every LS_EMFILE_LOG_MS with a count */
	if (evloop_now() >= ls->emfile_next) {
		if (ls->emfile_quiet > 0)
			ls_log("out of file descriptors: accepting paused for "
			       "%d ms (and %lu more times since)",
			    LS_PAUSE_MS, ls->emfile_quiet);
		else
			ls_log("out of file descriptors: accepting paused for "
			       "%d ms",
			    LS_PAUSE_MS);
		ls->emfile_next = evloop_now() + LS_EMFILE_LOG_MS;
		ls->emfile_quiet = 0;
	} else {
		ls->emfile_quiet++;
	}
	evloop_timer_arm(ls->pause, LS_PAUSE_MS);
	ls_ep_rewatch_all(ls);
}

/* Take one connection of ep and dispatch it: 1, or 0 (none waits, or a
 * failure, logged), or -1 (descriptors ran out: accepting paused). */
static int
ls_ep_accept(struct ls *ls, struct ls_ep *ep)
{
	struct sockaddr_storage peer;
	socklen_t plen = sizeof(peer);
	int c = accept4(ep->fd, (struct sockaddr *)&peer, &plen,
	    SOCK_NONBLOCK | SOCK_CLOEXEC);

	if (c >= 0) {
		ls_dispatch(ls, ep->svc, c, &peer, plen, NULL);
		return 1;
	}
	if (errno == EMFILE || errno == ENFILE) {
		ls_accept_pause(ls);
		return -1;
	}
	if (errno != EAGAIN && errno != EINTR && errno != ECONNABORTED)
		ls_log(
		    "TLI t_listen failed: %s (fd %d)", strerror(errno), ep->fd);
	return 0;
}

bool
ls_ep_take(struct ls *ls, struct ls_ep *ep)
{
	return ls_ep_accept(ls, ep) < 0;
}

/* The loop takes a batch of ep's connections. */
static void
ls_accept_cb(struct evloop *loop, int fd, uint32_t events, void *arg)
{
	struct ls_ep *ep = arg;
	int i;

	(void)loop;
	(void)fd;
	(void)events;
	for (i = 0; i < LS_ACCEPT_BATCH; i++)
		if (ls_ep_accept(ep->ls, ep) <= 0)
			return;
}
