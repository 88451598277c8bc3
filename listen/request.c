/*
 * request.c - connections to NLPS addresses (a record whose command is
 * nlps_server): the listener reads the service request itself, in the
 * loop, instead of starting nlps_server for every caller.
 *
 * Bytes are looked at with MSG_PEEK and only those that belong to the
 * request are consumed (nlps_scan says how many), once it is whole, so
 * the first byte the service's client sends after the request reaches
 * the server intact.  The request is looked for as soon as the
 * connection is accepted (a busy caller has sent it by then): only a
 * caller that has not yet sent all of it is watched (edge-triggered, as
 * its bytes stay unread until the end) and given LS_REQ_TIMEOUT seconds.
 * A caller waited for costs a small record, no buffer.  Then: a version 2
 * reply "2:<code>:<text>" (none for version 0), and the connection goes
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

/* A caller being waited for. */
struct ls_req {
	struct ls_req *next, *prev;
	struct ls *ls;
	int fd;
	struct evtimer *timer;
	struct sockaddr_storage peer;
	socklen_t plen;
};

/* A connection whose request is read: its caller, and its record if it
 * was waited for. */
struct ls_call {
	struct ls *ls;
	int fd;
	const struct sockaddr_storage *peer;
	socklen_t plen;
	struct ls_req *r;
};

/* What looking at a connection's bytes came to. */
enum ls_got {
	LS_GOT_MORE, /* the request is not whole yet: wait */
	LS_GOT_DONE  /* served or refused, out of the loop: no longer ours */
};

static void ls_req_cb(struct evloop *loop, int fd, uint32_t events, void *arg);
static void ls_req_timeout(struct evloop *loop, struct evtimer *t, void *arg);

/* Leave the loop; the record goes back to the free list. */
static void
ls_req_end(struct ls_req *r)
{
	struct ls *ls = r->ls;

	evloop_del(ls->loop, r->fd);
	evloop_timer_disarm(r->timer);
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

/* The request is read (or never will be): the connection leaves the
 * loop before it is served or closed. */
static void
ls_call_leave(struct ls_call *c)
{
	if (c->r != NULL)
		ls_req_end(c->r);
	c->r = NULL;
}

static void
ls_call_bad(const struct ls_call *c, const char *why)
{
	if (why != NULL)
		ls_log("%s", why);
	ls_log("NLPS: No/bad service request received");
	c->ls->n_badreq++;
	close(c->fd);
}

/* Send the version 2 reply (and log its text). */
static void
ls_call_reply(const struct ls_call *c, bool v2, int code, const char *text)
{
	char msg[NLPS_REQ_MAX + 128];
	int n;

	ls_log("%s", text);
	if (!v2 || (n = nlps_reply(msg, sizeof(msg), code, text)) < 0)
		return;
	/* a new connection's send buffer is empty: this cannot block */
	(void)send(c->fd, msg, (size_t)n, MSG_DONTWAIT | MSG_NOSIGNAL);
}

static void
ls_call_nlps(const struct ls_call *c, const char *buf, size_t len)
{
	struct ls *ls = c->ls;
	struct nlps_req q;
	struct ls_svc *s;
	char text[NLPS_REQ_MAX + 64];
	bool v2;

	switch (nlps_parse(buf, len, &q)) {
	case NLPS_BADFORMAT:
		ls->n_badreq++;
		close(c->fd);
		ls_log("ATT service: bad message format");
		return;
	case NLPS_BADVERSION:
		ls_log("NLPS: Unknown version of an NLPS service request: "
		       "%d:%d",
		    q.low, q.high);
		ls->n_badreq++;
		close(c->fd);
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
		ls_call_reply(
		    c, v2, s == NULL ? NLSUNKNOWN : NLSDISABLED, text);
		if (s == NULL)
			ls->n_unknown++;
		else
			s->n.disabled++;
		close(c->fd);
		return;
	}
	snprintf(text, sizeof(text), "NLPS (%s) %s: %.*s", s->ent.svctag,
	    s->how == LS_PASS ? "passfd" : "exec",
	    s->how == LS_PASS ? (int)strlen(s->rec.command) :
				(int)strcspn(s->rec.command, " \t"),
	    s->rec.command);
	ls_call_reply(c, v2, NLSSTART, text);
	ls_dispatch(ls, s, c->fd, c->peer, c->plen, "nlps");
}

static void
ls_call_smb(const struct ls_call *c, const unsigned char *buf, size_t len)
{
	struct ls *ls = c->ls;
	static struct ls_smb_args a;
	struct ls_svc *s = ls_table_find(&ls->tab, NLPS_SMB_CODE);

	if (ls_smb_args(buf, len, &a) < 0) {
		ls_call_bad(c, a.why);
		return;
	}
	if (s == NULL || (s->ent.flags & SAF_PM_XFLAG) || s->how != LS_EXEC) {
		ls_call_bad(c,
		    s == NULL ?
			"NLPS: SMB message, no data base entry" :
			"NLPS: SMB message, server disabled in data base");
		return;
	}
	ls->seq++;
	ls_log("Connect: fd %d, svctag %s, seq %lu, type exec (SMB)", c->fd,
	    s->ent.svctag, ls->seq);
	if (!s->ready) {
		ls_log("%s", s->why);
		s->n.failed++;
		ls_refuse(c->fd);
		return;
	}
	s->n.accepted++;
	(void)ls_exec(ls, s, c->fd, c->peer, c->plen, a.argv, a.n, a.hex);
}

/* Look at what the caller has sent: act when the request is whole (and
 * consume just its bytes), wait when it is not (unless the caller has
 * stopped sending: eof). */
static enum ls_got
ls_call_look(struct ls_call *c, bool eof)
{
	unsigned char buf[NLPS_REQ_MAX];
	enum nlps_scan k;
	size_t take;
	ssize_t n;

	n = recv(c->fd, buf, sizeof(buf), MSG_PEEK | MSG_DONTWAIT);
	if (n < 0 && (errno == EAGAIN || errno == EINTR) && !eof)
		return LS_GOT_MORE;
	k = n > 0 ? nlps_scan(buf, (size_t)n, &take) : NLPS_SCAN_UNKNOWN;
	if (n > 0 && k == NLPS_SCAN_MORE && !eof)
		return LS_GOT_MORE;
	ls_call_leave(c);
	if (n <= 0) {
		ls_log("Error trying to rcv message to start a service: %s",
		    n == 0 || errno == EAGAIN ? "connection closed" :
						strerror(errno));
		ls_call_bad(c, NULL);
		return LS_GOT_DONE;
	}
	switch (k) {
	case NLPS_SCAN_UNKNOWN:
		ls_call_bad(c, "NLPS: Unknown service request (ignored)");
		return LS_GOT_DONE;
	case NLPS_SCAN_TOOLONG:
		ls_call_bad(c, "NLPS: recieve buffer not large enough");
		return LS_GOT_DONE;
	case NLPS_SCAN_MORE: /* and the caller stopped sending */
		ls_log("Error trying to rcv message to start a service: %s",
		    "connection closed");
		ls_call_bad(c, NULL);
		return LS_GOT_DONE;
	case NLPS_SCAN_NLPS:
	case NLPS_SCAN_SMB:
		break;
	}
	if (recv(c->fd, buf, take, MSG_DONTWAIT) != (ssize_t)take) {
		ls_call_bad(
		    c, "Error trying to rcv message to start a service");
		return LS_GOT_DONE;
	}
	if (nlps_scan(buf, take, &take) == NLPS_SCAN_SMB)
		ls_call_smb(c, buf, take);
	else
		ls_call_nlps(c, (const char *)buf, take);
	return LS_GOT_DONE;
}

void
ls_request_start(
    struct ls *ls, int fd, const struct sockaddr_storage *peer, socklen_t plen)
{
	struct ls_call c = { ls, fd, peer, plen, NULL };
	struct ls_req *r;

	if (ls_call_look(&c, false) == LS_GOT_DONE)
		return;
	if ((r = ls->reqfree) != NULL) {
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
	r->peer = *peer;
	r->plen = plen;
	/* edge-triggered: the bytes already there stay unread */
	if (evloop_add(ls->loop, fd, EPOLLIN | EPOLLRDHUP | EPOLLET, ls_req_cb,
		r) < 0) {
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

	while ((r = ls->reqs) != NULL) {
		int fd = r->fd;

		ls_req_end(r);
		close(fd);
	}
	while ((r = ls->reqfree) != NULL) {
		ls->reqfree = r->next;
		evloop_timer_free(r->timer);
		free(r);
	}
}

static void
ls_req_timeout(struct evloop *loop, struct evtimer *t, void *arg)
{
	struct ls_req *r = arg;
	int fd = r->fd;

	(void)loop;
	(void)t;
	ls_log("Timed out trying to rcv message to start a service");
	r->ls->n_timeout++;
	ls_req_end(r);
	close(fd);
}

/* More bytes, or the end: look again. */
static void
ls_req_cb(struct evloop *loop, int fd, uint32_t events, void *arg)
{
	struct ls_req *r = arg;
	struct sockaddr_storage peer = r->peer;
	struct ls_call c = { r->ls, fd, &peer, r->plen, r };

	(void)loop;
	(void)ls_call_look(
	    &c, (events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)) != 0);
}
