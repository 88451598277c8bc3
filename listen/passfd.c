/*
 * passfd.c - handing connections to standing servers.
 *
 * A "p" service's command is the path of its standing server's
 * rendezvous: an AF_UNIX datagram socket made by nls_fdserver().  The
 * listener keeps one connected datagram socket per such service and sends
 * each connection on it as one datagram (struct nls_passmsg, the
 * connection in SCM_RIGHTS, our credentials in SCM_CREDENTIALS), without
 * waiting: a missing, stale or foreign rendezvous is found out at once,
 * the connection is closed, and a log line says which path and why.  A
 * full rendezvous (the kernel queues few datagrams) is waited for in the
 * event loop: up to LS_PASSQ_MAX connections, LS_PASSQ_WAIT_MS each; past
 * that they are closed, logged, as the standing server is not keeping up.
 * Before it is trusted the rendezvous must be a socket (not a symbolic
 * link, not a FIFO) owned by the service's user or by root.
 */
#include "config.h"

#include "doconfig.h"
#include "ls.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

struct ls_passq {
	int fd;
	socklen_t plen;
	bool own; /* came on the service's own, specific address */
	struct sockaddr_storage peer;
	uint64_t deadline;
};

static void ls_pq_refuse_all(struct ls_svc *svc, const char *why);

void
ls_pass_close(struct ls_svc *svc)
{
	ls_pq_refuse_all(svc, "closed");
	free(svc->pq);
	svc->pq = NULL;
	evloop_timer_free(svc->pq_timer);
	svc->pq_timer = NULL;
	if (svc->pass_fd >= 0) {
		if (svc->ls != NULL &&
		    evloop_watched(svc->ls->loop, svc->pass_fd))
			evloop_del(svc->ls->loop, svc->pass_fd);
		close(svc->pass_fd);
		svc->pass_fd = -1;
	}
}

/* Is the rendezvous what it must be?  0, or -1 (logged). */
static int
ls_pass_check(const struct ls_svc *svc, const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0) {
		ls_log("standing server of service %s: rendezvous %s: %s",
		    svc->ent.svctag, path, strerror(errno));
		return -1;
	}
	if (S_ISFIFO(st.st_mode)) {
		ls_log("standing server of service %s: %s is a FIFO; standing "
		       "servers create their rendezvous with nls_fdserver()",
		    svc->ent.svctag, path);
		return -1;
	}
	if (!S_ISSOCK(st.st_mode)) {
		ls_log("standing server of service %s: %s is not a socket",
		    svc->ent.svctag, path);
		return -1;
	}
	if (st.st_uid != svc->uid && st.st_uid != 0) {
		ls_log("standing server of service %s: %s belongs to uid %ld, "
		       "not to %s or root: refused",
		    svc->ent.svctag, path, (long)st.st_uid, svc->ent.id);
		return -1;
	}
	return 0;
}

static int
ls_pass_connect(struct ls_svc *svc)
{
	const char *path = svc->rec.command + strspn(svc->rec.command, " \t");
	struct sockaddr_un sun;
	int s, err;

	if (ls_pass_check(svc, path) < 0)
		return -1;
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		ls_log("standing server of service %s: path too long: %s",
		    svc->ent.svctag, path);
		return -1;
	}
	memcpy(sun.sun_path, path, strlen(path));
	s = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (s < 0 || connect(s, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
		err = errno;
		if (s >= 0)
			close(s);
		if (err == ECONNREFUSED)
			ls_log("standing server of service %s: nobody receives "
			       "on %s (stale rendezvous)",
			    svc->ent.svctag, path);
		else if (err == EPROTOTYPE)
			ls_log("standing server of service %s: %s is not a "
			       "datagram rendezvous",
			    svc->ent.svctag, path);
		else
			ls_log("standing server of service %s: %s: %s",
			    svc->ent.svctag, path, strerror(err));
		return -1;
	}
	svc->pass_fd = s;
	return 0;
}

static void
ls_pass_msg(const struct ls *ls, const struct ls_svc *svc, int fd,
    const struct sockaddr_storage *peer, socklen_t plen,
    const struct sockaddr_storage *known, socklen_t klen, struct nls_passmsg *m)
{
	struct sockaddr_storage local;
	socklen_t llen = sizeof(local);

	memset(m, 0, sizeof(*m));
	m->magic = NLS_PASS_MAGIC;
	m->version = NLS_PASS_VERSION;
	m->size = sizeof(*m);
	snprintf(m->svc_code, sizeof(m->svc_code), "%s", svc->ent.svctag);
	snprintf(m->netspec, sizeof(m->netspec), "%s", ls->netspec);
	if (plen > sizeof(m->caller))
		plen = sizeof(m->caller);
	memcpy(m->caller, peer, plen);
	m->caller_len = plen;
	if (known != NULL) {
		local = *known;
		llen = klen;
	}
	if (known != NULL ||
	    getsockname(fd, (struct sockaddr *)&local, &llen) == 0) {
		if (llen > sizeof(m->local))
			llen = sizeof(m->local);
		memcpy(m->local, &local, llen);
		m->local_len = llen;
	}
}

/* One sendmsg: 0, or the errno. */
static int
ls_pass_send(int s, int fd, const struct nls_passmsg *m)
{
	union {
		char buf[CMSG_SPACE(sizeof(int)) +
		    CMSG_SPACE(sizeof(struct ucred))];
		struct cmsghdr align;
	} ctl;
	/* who we are does not change: asked once */
	static struct ucred cr;
	struct iovec iov = { (void *)m, sizeof(*m) };
	struct msghdr msg;
	struct cmsghdr *cm;

	if (cr.pid == 0) {
		cr.pid = getpid();
		cr.uid = geteuid();
		cr.gid = getegid();
	}

	memset(&ctl, 0, sizeof(ctl));
	memset(&msg, 0, sizeof(msg));
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = ctl.buf;
	msg.msg_controllen = sizeof(ctl.buf);
	cm = CMSG_FIRSTHDR(&msg);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	cm = CMSG_NXTHDR(&msg, cm);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_CREDENTIALS;
	cm->cmsg_len = CMSG_LEN(sizeof(cr));
	memcpy(CMSG_DATA(cm), &cr, sizeof(cr));
	ls_handover(fd);
	if (sendmsg(s, &msg, MSG_DONTWAIT | MSG_NOSIGNAL) < 0)
		return errno;
	return 0;
}

/* The service script, restricted to push and pop. */
static int
ls_pass_script(const struct ls *ls, const struct ls_svc *svc, int fd)
{
	char path[SAF_PATH_MAX];
	struct doconfig_err err;
	int r;

	if (!svc->script ||
	    saf_path_svc(path, sizeof(path), ls->tag, svc->ent.svctag) < 0)
		return 0;
	r = doconfig_r(fd, path, NOASSIGN | NORUN, &err);
	if (r == 0)
		return 0;
	ls_log("doconfig failed on line %d of script %s", r, path);
	ls_log("%s", err.msg);
	return -1;
}

/* Send one connection; its fd is closed (sent) or left (EAGAIN): 0, 1
 * (full), or -1 (failed and refused, logged). */
static int
ls_pass_one(struct ls *ls, struct ls_svc *svc, int fd,
    const struct sockaddr_storage *peer, socklen_t plen,
    const struct sockaddr_storage *local, socklen_t llen)
{
	struct nls_passmsg m;
	int err;

	ls_pass_msg(ls, svc, fd, peer, plen, local, llen, &m);
	err = ls_pass_send(svc->pass_fd, fd, &m);
	if (err == ECONNREFUSED || err == ENOTCONN || err == EPIPE ||
	    err == ENOENT) {
		/* the server went away (maybe restarted): once more */
		int q = svc->pass_fd;

		svc->pass_fd = -1;
		if (evloop_watched(ls->loop, q))
			evloop_del(ls->loop, q);
		close(q);
		err = ls_pass_connect(svc) == 0 ?
		    ls_pass_send(svc->pass_fd, fd, &m) :
		    ECONNREFUSED;
	}
	if (err == EAGAIN)
		return 1;
	if (err != 0) {
		ls_log(
		    "Passfd failed: %s: %s", svc->rec.command, strerror(err));
		svc->n.failed++;
		ls_refuse(fd);
		return -1;
	}
	close(fd); /* the standing server has its own copy */
	svc->n.accepted++;
	return 0;
}

static void
ls_pq_refuse_all(struct ls_svc *svc, const char *why)
{
	while (svc->pq_len > 0) {
		struct ls_passq *q = &svc->pq[svc->pq_head];

		ls_log("standing server of service %s: waiting connection %s",
		    svc->ent.svctag, why);
		ls_refuse(q->fd);
		svc->n.failed++;
		svc->pq_head = (svc->pq_head + 1) % LS_PASSQ_MAX;
		svc->pq_len--;
	}
}

static void ls_pq_writable(
    struct evloop *loop, int fd, uint32_t events, void *arg);

/* Send what waits while there is room; watch for room otherwise. */
static void
ls_pq_flush(struct ls_svc *svc)
{
	struct ls *ls = svc->ls;
	uint64_t now = evloop_now();

	while (svc->pq_len > 0) {
		struct ls_passq *q = &svc->pq[svc->pq_head];

		if (q->deadline <= now) {
			ls_log("standing server of service %s did not take a "
			       "connection within %d ms (rendezvous %s): "
			       "connection closed",
			    svc->ent.svctag, LS_PASSQ_WAIT_MS,
			    svc->rec.command);
			ls_refuse(q->fd);
			svc->n.busy++;
		} else if (svc->pass_fd < 0 ||
		    ls_pass_one(ls, svc, q->fd, &q->peer, q->plen,
			q->own && svc->ep != NULL ? &svc->ep->bound : NULL,
			q->own && svc->ep != NULL ? svc->ep->blen : 0) == 1) {
			break; /* still full */
		}
		svc->pq_head = (svc->pq_head + 1) % LS_PASSQ_MAX;
		svc->pq_len--;
	}
	if (svc->pq_len == 0) {
		if (svc->pass_fd >= 0 && evloop_watched(ls->loop, svc->pass_fd))
			evloop_del(ls->loop, svc->pass_fd);
		evloop_timer_disarm(svc->pq_timer);
		return;
	}
	if (svc->pass_fd >= 0 && !evloop_watched(ls->loop, svc->pass_fd))
		(void)evloop_add(
		    ls->loop, svc->pass_fd, EPOLLOUT, ls_pq_writable, svc);
	evloop_timer_at(svc->pq_timer, svc->pq[svc->pq_head].deadline);
}

static void
ls_pq_writable(struct evloop *loop, int fd, uint32_t events, void *arg)
{
	(void)loop;
	(void)fd;
	(void)events;
	ls_pq_flush(arg);
}

static void
ls_pq_expired(struct evloop *loop, struct evtimer *t, void *arg)
{
	(void)loop;
	(void)t;
	ls_pq_flush(arg);
}

/* The rendezvous is full: wait for room, if there is room to wait. */
static void
ls_pq_add(struct ls *ls, struct ls_svc *svc, int fd,
    const struct sockaddr_storage *peer, socklen_t plen, bool own)
{
	struct ls_passq *q;

	/* nlps_server has no loop to wait in */
	if (svc->pq == NULL && ls->loop != NULL) {
		svc->pq = calloc(LS_PASSQ_MAX, sizeof(*svc->pq));
		svc->pq_timer = evloop_timer_new(ls->loop, ls_pq_expired, svc);
	}
	if (svc->pq == NULL || svc->pq_timer == NULL ||
	    svc->pq_len == LS_PASSQ_MAX) {
		ls_log("standing server of service %s is not keeping up "
		       "(rendezvous %s full): connection closed",
		    svc->ent.svctag, svc->rec.command);
		svc->n.busy++;
		ls_refuse(fd);
		return;
	}
	q = &svc->pq[(svc->pq_head + svc->pq_len) % LS_PASSQ_MAX];
	q->fd = fd;
	q->peer = *peer;
	q->plen = plen;
	q->own = own;
	q->deadline = evloop_now() + LS_PASSQ_WAIT_MS;
	/* behind others, it waits with them: room is being watched for */
	if (svc->pq_len++ == 0)
		ls_pq_flush(svc);
}

void
ls_pass_move(struct ls_svc *old, struct ls_svc *succ)
{
	if (succ == NULL || succ->how != LS_PASS ||
	    strcmp(old->rec.command, succ->rec.command) != 0) {
		ls_pass_close(old);
		return;
	}
	succ->pass_fd = old->pass_fd;
	succ->pq = old->pq;
	succ->pq_head = old->pq_head;
	succ->pq_len = old->pq_len;
	old->pass_fd = -1;
	old->pq = NULL;
	old->pq_len = 0;
	evloop_timer_free(old->pq_timer);
	old->pq_timer = NULL;
	if (succ->pass_fd >= 0 && evloop_watched(succ->ls->loop, succ->pass_fd))
		evloop_del(succ->ls->loop, succ->pass_fd);
	if (succ->pq_len > 0) {
		succ->pq_timer =
		    evloop_timer_new(succ->ls->loop, ls_pq_expired, succ);
		ls_pq_flush(succ);
	}
}

int
ls_passfd(struct ls *ls, struct ls_svc *svc, int fd,
    const struct sockaddr_storage *peer, socklen_t plen,
    const struct sockaddr_storage *local, socklen_t llen)
{
	svc->ls = ls;
	if (ls_pass_script(ls, svc, fd) < 0 ||
	    (svc->pass_fd < 0 && ls_pass_connect(svc) < 0)) {
		svc->n.failed++;
		ls_refuse(fd);
		return -1;
	}
	/* in order: nothing overtakes connections already waiting */
	if (svc->pq_len > 0 ||
	    ls_pass_one(ls, svc, fd, peer, plen, local, llen) == 1)
		ls_pq_add(ls, svc, fd, peer, plen, local != NULL);
	return 0;
}
