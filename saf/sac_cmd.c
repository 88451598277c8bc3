/*
 * sac_cmd.c - the administration channel: <SAF_ETC>/_cmdpipe.
 *
 * On Linux _cmdpipe is an AF_UNIX stream socket.  Anyone may connect and
 * ask for the status (SVR4's sacadm was setuid root so that any user could
 * list); every other command is taken only from root or sac's own user,
 * checked with SO_PEERCRED, and refused otherwise (logged, no answer).
 * Each connection
 * carries struct admcmd requests; each gets exactly one struct admack,
 * with ak_pid = ac_pid, followed for AC_STATUS by ak_size bytes of text.
 * Connections are non-blocking, bounded in number, and closed after
 * SAC_CMD_IDLE_MS without a complete request, so a client that stalls
 * cannot hold sac.
 */
#include "config.h"

#include "sac.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

/* Connections served at once; more wait in the kernel's backlog. */
#define SAC_CMD_MAXCONN 32
/* A connection that sends nothing for this long is closed. */
#define SAC_CMD_IDLE_MS 10000

struct sac_conn {
	struct sac_conn *next;
	struct sac *sac;
	int fd;
	bool privileged;	/* root or sac's user: every command */
	uid_t uid;
	unsigned char in[sizeof(struct admcmd)];
	size_t inlen;
	char *out;
	size_t outlen, outoff;
	struct evtimer *idle;
};

static void sac_conn_close(struct sac_conn *c);

/* ---- the commands (reference §4.3) ---- */

static int
sac_ac_start(struct sac_pm *pm)
{
	int r;

	if (pm->sstate != SAF_NOTRUNNING && pm->sstate != SAF_FAILED)
		return AK_PMRUN;
	pm->rscnt = 0;
	r = sac_startpm(pm);
	return r == 0 ? AK_ACK : r == -1 ? AK_PMLOCK : AK_REQFAIL;
}

static int
sac_ac_kill(struct sac_pm *pm)
{
	switch (pm->sstate) {
	case SAF_STARTING:
	case SAF_ENABLED:
	case SAF_DISABLED:
		break;
	default:
		return AK_PMNOTRUN;
	}
	if (pm->restart != NULL && evloop_timer_armed(pm->restart)) {
		/* waiting to be restarted: just do not */
		evloop_timer_disarm(pm->restart);
		pm->lstate = pm->sstate = pm->pstate = SAF_NOTRUNNING;
		sac_log("terminating <%s>", pm->ent.tag);
		return AK_ACK;
	}
	if (sac_sendsig(pm, SIGTERM) < 0) {
		sac_log("could not send SIGTERM to <%s>", pm->ent.tag);
		return AK_NOCONTACT;
	}
	pm->lstate = pm->sstate = SAF_NOTRUNNING;
	pm->pstate = SAF_STOPPING;
	sac_log("terminating <%s>", pm->ent.tag);
	return AK_ACK;
}

/* AC_ENABLE and AC_DISABLE: want is SAF_ENABLED or SAF_DISABLED. */
static int
sac_ac_able(struct sac_pm *pm, int want)
{
	switch (pm->sstate) {
	case SAF_STARTING:
	case SAF_ENABLED:
	case SAF_DISABLED:
		break;
	default:
		return AK_PMNOTRUN;
	}
	if (pm->sstate == want)
		return AK_ACK;
	(void)sac_sendmsg(pm, want == SAF_ENABLED ? SC_ENABLE : SC_DISABLE);
	pm->sstate = pm->lstate = want;
	return AK_ACK;
}

static int
sac_ac_pmread(struct sac_pm *pm)
{
	switch (pm->sstate) {
	case SAF_STARTING:
	case SAF_ENABLED:
	case SAF_DISABLED:
		(void)sac_sendmsg(pm, SC_READDB);
		return AK_ACK;
	}
	return AK_PMNOTRUN;
}

/* The AC_STATUS text: one line per monitor, in tag order. */
static int
sac_ac_status(struct sac *sac, char **text, size_t *len)
{
	struct saf_status st;
	struct saf_error err;
	struct sac_pm *pm;
	char line[3 * SAF_FIELD_MAX + 64];
	size_t cap = 0;
	char *buf = NULL;
	int n;

	*len = 0;
	for (pm = sac->pms; pm != NULL; pm = pm->next) {
		st.ent = pm->ent;
		st.state = pm->pstate;
		n = saf_status_format(&st, line, sizeof(line), &err);
		if (n < 0) {
			free(buf);
			return AK_REQFAIL;
		}
		if (*len + (size_t)n > cap) {
			char *nb;

			cap = (cap + (size_t)n) * 2;
			if ((nb = realloc(buf, cap)) == NULL) {
				free(buf);
				return AK_REQFAIL;
			}
			buf = nb;
		}
		memcpy(buf + *len, line, (size_t)n);
		*len += (size_t)n;
	}
	*text = buf;
	return AK_ACK;
}

/* Carry out one command: the AK_ value; *text (malloc'ed) for AC_STATUS. */
static int
sac_ac(struct sac *sac, const struct admcmd *c, char **text, size_t *len)
{
	char tag[PMTAGSIZE + 1];
	struct sac_pm *pm;

	*text = NULL;
	*len = 0;
	if (c->ac_mtype == AC_STATUS)
		return sac_ac_status(sac, text, len);
	if (c->ac_mtype == AC_SACREAD)
		return sac_read_table(sac, true) == 0 ? AK_ACK : AK_REQFAIL;
	memcpy(tag, c->ac_tag, sizeof(tag));
	tag[PMTAGSIZE] = '\0';
	if (c->ac_mtype < AC_START || c->ac_mtype > AC_PMREAD) {
		sac_log("Got unknown message for <%s>", tag);
		return AK_UNKNOWN;
	}
	if ((pm = sac_find(sac, tag)) == NULL)
		return AK_NOPM;
	if (pm->sstate == SAF_UNKNOWN)
		return AK_RECOVER;
	switch (c->ac_mtype) {
	case AC_START:
		return sac_ac_start(pm);
	case AC_KILL:
		return sac_ac_kill(pm);
	case AC_ENABLE:
		return sac_ac_able(pm, SAF_ENABLED);
	case AC_DISABLE:
		return sac_ac_able(pm, SAF_DISABLED);
	default:
		return sac_ac_pmread(pm);
	}
}

/* ---- connections ---- */

/* Write what is pending; true when all of it went. */
static bool
sac_conn_flush(struct sac_conn *c)
{
	ssize_t n;

	while (c->outoff < c->outlen) {
		n = send(c->fd, c->out + c->outoff, c->outlen - c->outoff,
		    MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				return false;
			sac_log("Could not send ack");
			c->outoff = c->outlen;
			break;
		}
		c->outoff += (size_t)n;
	}
	free(c->out);
	c->out = NULL;
	c->outlen = c->outoff = 0;
	return true;
}

/* Queue the answer to one command. */
static void
sac_conn_answer(struct sac_conn *c, const struct admcmd *cmd)
{
	struct admack ak;
	char *text;
	size_t len;
	int resp = sac_ac(c->sac, cmd, &text, &len);

	saf_admack_encode(&ak, resp, cmd->ac_pid, (long)len);
	c->out = malloc(sizeof(ak) + len);
	if (c->out == NULL) {
		free(text);
		sac_log("Could not send ack");
		return;
	}
	memcpy(c->out, &ak, sizeof(ak));
	if (len > 0)
		memcpy(c->out + sizeof(ak), text, len);
	free(text);
	c->outlen = sizeof(ak) + len;
	c->outoff = 0;
}

static void
sac_conn_cb(struct evloop *loop, int fd, uint32_t events, void *arg)
{
	struct sac_conn *c = arg;
	struct admcmd cmd;
	struct saf_error err;
	ssize_t n;

	if (c->out != NULL && !sac_conn_flush(c))
		return; /* still writing: EPOLLOUT is watched */
	(void)evloop_mod(loop, fd, EPOLLIN);
	if (events & (EPOLLERR | EPOLLHUP)) {
		sac_conn_close(c);
		return;
	}
	for (;;) {
		n = recv(fd, c->in + c->inlen, sizeof(c->in) - c->inlen,
		    MSG_DONTWAIT);
		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
			sac_conn_close(c);
			return;
		}
		if (n < 0)
			return;
		c->inlen += (size_t)n;
		if (c->inlen < sizeof(c->in))
			continue;
		c->inlen = 0;
		(void)saf_admcmd_decode(c->in, sizeof(c->in), &cmd, &err);
		if (!c->privileged && cmd.ac_mtype != AC_STATUS) {
			sac_log("refused a command from uid %ld: only the "
				"status is open to every user",
			    (long)c->uid);
			sac_conn_close(c);
			return;
		}
		evloop_timer_arm(c->idle, SAC_CMD_IDLE_MS);
		sac_conn_answer(c, &cmd);
		if (c->out != NULL && !sac_conn_flush(c)) {
			(void)evloop_mod(loop, fd, EPOLLOUT);
			return;
		}
	}
}

static void
sac_conn_idle(struct evloop *loop, struct evtimer *t, void *arg)
{
	(void)loop;
	(void)t;
	sac_conn_close(arg);
}

static void
sac_conn_close(struct sac_conn *c)
{
	struct sac_conn **pp = &c->sac->conns;

	while (*pp != c)
		pp = &(*pp)->next;
	*pp = c->next;
	c->sac->nconns--;
	evloop_del(c->sac->loop, c->fd);
	close(c->fd);
	evloop_timer_free(c->idle);
	free(c->out);
	free(c);
}

/* Root, or the user sac runs as, may administer it: true; *uid the peer. */
static bool
sac_peer_privileged(int fd, uid_t *uid)
{
	struct ucred cr;
	socklen_t len = sizeof(cr);

	*uid = (uid_t)-1;
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &len) < 0)
		return false;
	*uid = cr.uid;
	return cr.uid == 0 || cr.uid == geteuid();
}

static void
sac_accept_cb(struct evloop *loop, int fd, uint32_t events, void *arg)
{
	struct sac *sac = arg;
	struct sac_conn *c;
	int s;

	(void)events;
	while (sac->nconns < SAC_CMD_MAXCONN &&
	    (s = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
		c = calloc(1, sizeof(*c));
		if (c == NULL ||
		    (c->idle = evloop_timer_new(loop, sac_conn_idle, c)) ==
			NULL ||
		    evloop_add(loop, s, EPOLLIN, sac_conn_cb, c) < 0) {
			if (c != NULL)
				evloop_timer_free(c->idle);
			free(c);
			close(s);
			continue;
		}
		c->sac = sac;
		c->fd = s;
		c->privileged = sac_peer_privileged(s, &c->uid);
		c->next = sac->conns;
		sac->conns = c;
		sac->nconns++;
		evloop_timer_arm(c->idle, SAC_CMD_IDLE_MS);
	}
	/* at the limit the socket is left out until a connection ends */
	(void)evloop_mod(loop, fd, sac->nconns < SAC_CMD_MAXCONN ? EPOLLIN : 0);
}

int
sac_cmd_init(struct sac *sac)
{
	struct sockaddr_un sun;
	int s;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (saf_path(sun.sun_path, sizeof(sun.sun_path), SAF_P_CMDPIPE, NULL) <
	    0)
		sac_fatal(SAC_EX_CMDPIPE, "could not create _cmdpipe");
	s = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (s < 0)
		sac_fatal(SAC_EX_PIPE, "pipe failed");
	(void)unlink(sun.sun_path);
	if (bind(s, (struct sockaddr *)&sun, sizeof(sun)) < 0 ||
	    chmod(sun.sun_path, 0666) < 0 || listen(s, 16) < 0)
		sac_fatal(SAC_EX_CMDPIPE, "could not create _cmdpipe");
	if (evloop_add(sac->loop, s, EPOLLIN, sac_accept_cb, sac) < 0)
		sac_fatal(SAC_EX_CMDPIPE, "could not create _cmdpipe");
	sac->cmdsock = s;
	return 0;
}

void
sac_cmd_shutdown(struct sac *sac)
{
	char path[SAF_PATH_MAX];

	while (sac->conns != NULL)
		sac_conn_close(sac->conns);
	if (sac->cmdsock >= 0) {
		evloop_del(sac->loop, sac->cmdsock);
		close(sac->cmdsock);
		sac->cmdsock = -1;
	}
	if (saf_path(path, sizeof(path), SAF_P_CMDPIPE, NULL) == 0)
		(void)unlink(path);
}
