/*
 * request.c - connections on an NLPS address (a record whose command is
 * nlps_server): the listener reads the service request itself, in the
 * loop, instead of starting nlps_server for every caller.
 *
 * Bytes are looked at with MSG_PEEK and only those that belong to the
 * request are consumed (nlps_scan says how many), so the first byte the
 * service's client sends after the request reaches the server intact.  A
 * caller has LS_REQ_TIMEOUT seconds to send its request.  Then: a version
 * 2 reply "2:<code>:<text>" (none for version 0), and the connection goes
 * to the named service like one on its own address.  An SMB negotiate
 * message goes to service "2" with its dialects as arguments.
 */
#include "config.h"

#include "ls.h"
#include "nlps.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct ls_req {
	struct ls_req *next, *prev;
	struct ls *ls;
	int fd;
	struct evtimer *timer;
	size_t len;
	struct sockaddr_storage peer;
	socklen_t plen;
	unsigned char buf[NLPS_REQ_MAX];
};

static void ls_req_cb(struct evloop *loop, int fd, uint32_t events, void *arg);
static void ls_req_timeout(struct evloop *loop, struct evtimer *t, void *arg);

/* Leave the loop; the connection is kept (keep) or closed. */
static void
ls_req_end(struct ls_req *r, bool keep)
{
	struct ls *ls = r->ls;

	evloop_del(ls->loop, r->fd);
	evloop_timer_disarm(r->timer);
	if (!keep)
		close(r->fd);
	if (r->prev != NULL)
		r->prev->next = r->next;
	else
		ls->reqs = r->next;
	if (r->next != NULL)
		r->next->prev = r->prev;
	ls->nreqs--;
	r->next = ls->reqfree;
	ls->reqfree = r;
}

void
ls_request_start(
    struct ls *ls, int fd, const struct sockaddr_storage *peer, socklen_t plen)
{
	struct ls_req *r = ls->reqfree;

	if (r != NULL) {
		ls->reqfree = r->next;
	} else {
		r = calloc(1, sizeof(*r));
		if (r == NULL ||
		    (r->timer = evloop_timer_new(
			 ls->loop, ls_req_timeout, r)) == NULL) {
			free(r);
			ls_log("cannot allocate enough memory");
			ls_refuse(fd);
			return;
		}
	}
	r->ls = ls;
	r->fd = fd;
	r->len = 0;
	r->peer = *peer;
	r->plen = plen;
	if (evloop_add(ls->loop, fd, EPOLLIN, ls_req_cb, r) < 0) {
		r->next = ls->reqfree;
		ls->reqfree = r;
		ls_refuse(fd);
		return;
	}
	r->prev = NULL;
	r->next = ls->reqs;
	if (ls->reqs != NULL)
		ls->reqs->prev = r;
	ls->reqs = r;
	ls->nreqs++;
	evloop_timer_arm(r->timer, (uint64_t)ls->req_timeout * 1000);
}

void
ls_request_shutdown(struct ls *ls)
{
	struct ls_req *r;

	while (ls->reqs != NULL)
		ls_req_end(ls->reqs, false);
	while ((r = ls->reqfree) != NULL) {
		ls->reqfree = r->next;
		evloop_timer_free(r->timer);
		free(r);
	}
}

static void
ls_req_timeout(struct evloop *loop, struct evtimer *t, void *arg)
{
	(void)loop;
	(void)t;
	struct ls_req *r = arg;

	ls_log("Timed out trying to rcv message to start a service");
	r->ls->n_timeout++;
	ls_req_end(r, false);
}

static void
ls_req_bad(struct ls_req *r, const char *why)
{
	if (why != NULL)
		ls_log("%s", why);
	ls_log("NLPS: No/bad service request received");
	r->ls->n_badreq++;
	ls_req_end(r, false);
}

/* Send the version 2 reply (and log its text). */
static void
ls_req_reply(struct ls_req *r, bool v2, int code, const char *text)
{
	char msg[NLPS_REQ_MAX + 128];
	int n;

	ls_log("%s", text);
	if (!v2 || (n = nlps_reply(msg, sizeof(msg), code, text)) < 0)
		return;
	/* a new connection's send buffer is empty: this cannot block */
	(void)send(r->fd, msg, (size_t)n, MSG_DONTWAIT | MSG_NOSIGNAL);
}

static void
ls_req_nlps(struct ls_req *r)
{
	struct ls *ls = r->ls;
	struct nlps_req q;
	struct ls_svc *s;
	char text[NLPS_REQ_MAX + 64];
	struct sockaddr_storage peer = r->peer;
	socklen_t plen = r->plen;
	bool v2;
	int fd = r->fd;

	switch (nlps_parse((const char *)r->buf, r->len, &q)) {
	case NLPS_BADFORMAT:
		ls->n_badreq++;
		ls_req_end(r, false);
		ls_log("ATT service: bad message format");
		return;
	case NLPS_BADVERSION:
		ls_log("NLPS: Unknown version of an NLPS service request: "
		       "%d:%d",
		    q.low, q.high);
		ls->n_badreq++;
		ls_req_end(r, false);
		ls_log("ATT service: unknown version");
		return;
	case NLPS_OK:
		break;
	}
	v2 = q.low == 2;
	s = strlen(q.code) <= NLPS_CODE_MAX ? ls_table_find(&ls->tab, q.code) :
					      NULL;
	if (s == NULL || (s->ent.flags & SAF_PM_XFLAG)) {
		snprintf(text, sizeof(text),
		    "NLPS: Request for service code %s denied, %s", q.code,
		    s == NULL ? "unknown service code" : "service is disabled");
		ls_req_reply(r, v2, s == NULL ? NLSUNKNOWN : NLSDISABLED, text);
		if (s == NULL)
			ls->n_unknown++;
		else
			s->n.disabled++;
		ls_req_end(r, false);
		return;
	}
	snprintf(text, sizeof(text), "NLPS (%s) %s: %.*s", s->ent.svctag,
	    s->how == LS_PASS ? "passfd" : "exec",
	    s->how == LS_PASS ? (int)strlen(s->rec.command) :
				(int)strcspn(s->rec.command, " \t"),
	    s->rec.command);
	ls_req_reply(r, v2, NLSSTART, text);
	ls_req_end(r, true);
	ls_dispatch(ls, s, fd, &peer, plen, "nlps");
}

static void
ls_req_smb(struct ls_req *r)
{
	struct ls *ls = r->ls;
	static struct ls_smb_args a;
	struct ls_svc *s = ls_table_find(&ls->tab, NLPS_SMB_CODE);
	struct sockaddr_storage peer = r->peer;
	socklen_t plen = r->plen;
	int fd = r->fd;

	if (ls_smb_args(r->buf, r->len, &a) < 0) {
		ls_req_bad(r, a.why);
		return;
	}
	if (s == NULL || (s->ent.flags & SAF_PM_XFLAG) || s->how != LS_EXEC) {
		ls_req_bad(r,
		    s == NULL ?
			"NLPS: SMB message, no data base entry" :
			"NLPS: SMB message, server disabled in data base");
		return;
	}
	ls_req_end(r, true);
	ls->seq++;
	ls_log("Connect: fd %d, svctag %s, seq %lu, type exec (SMB)", fd,
	    s->ent.svctag, ls->seq);
	if (!s->ready) {
		ls_log("%s", s->why);
		s->n.failed++;
		ls_refuse(fd);
		return;
	}
	s->n.accepted++;
	(void)ls_exec(ls, s, fd, &peer, plen, a.argv, a.n, a.hex);
}

/* Take the request's bytes (and no others); act when it is whole. */
static void
ls_req_cb(struct evloop *loop, int fd, uint32_t events, void *arg)
{
	struct ls_req *r = arg;
	unsigned char junk[NLPS_REQ_MAX];
	size_t take;
	ssize_t n;

	(void)loop;
	(void)events;
	n = recv(fd, r->buf + r->len, sizeof(r->buf) - r->len,
	    MSG_PEEK | MSG_DONTWAIT);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		ls_log("Error trying to rcv message to start a service: %s",
		    n == 0 ? "connection closed" : strerror(errno));
		ls_req_bad(r, NULL);
		return;
	}
	switch (nlps_scan(r->buf, r->len + (size_t)n, &take)) {
	case NLPS_SCAN_UNKNOWN:
		ls_req_bad(r, "NLPS: Unknown service request (ignored)");
		return;
	case NLPS_SCAN_TOOLONG:
		ls_req_bad(r, "NLPS: recieve buffer not large enough");
		return;
	case NLPS_SCAN_MORE:
	case NLPS_SCAN_NLPS:
	case NLPS_SCAN_SMB:
		break;
	}
	if (take > r->len &&
	    recv(fd, junk, take - r->len, MSG_DONTWAIT) !=
		(ssize_t)(take - r->len)) {
		ls_req_bad(r, "Error trying to rcv message to start a service");
		return;
	}
	r->len = take;
	switch (nlps_scan(r->buf, r->len, &take)) {
	case NLPS_SCAN_NLPS:
		ls_req_nlps(r);
		break;
	case NLPS_SCAN_SMB:
		ls_req_smb(r);
		break;
	default:
		break; /* wait for more */
	}
}
