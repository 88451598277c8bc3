/*
 * sac_poll.c - sanity polls and the monitors' answers.
 *
 * Every interval each running monitor gets one message on its _pmpipe,
 * chosen from what sac wants (sstate) and what the monitor last said
 * (pstate).  A monitor that has not answered since the previous poll has
 * failed it.  Answers arrive on the shared _sacpipe, which sac opens
 * read-write so it never sees end of file; reads are non-blocking and a
 * message split across reads is put together again.
 */
#include "config.h"

#include "sac.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
sac_sendmsg(struct sac_pm *pm, int type)
{
	struct sacmsg m;

	saf_sacmsg_encode(&m, type);
	if (pm->pmpipe < 0 ||
	    write(pm->pmpipe, &m, sizeof(m)) != (ssize_t)sizeof(m)) {
		sac_log("message to <%s> failed", pm->ent.tag);
		return -1;
	}
	return 0;
}

/* The message one poll sends (reference: pollpms). */
static int
sac_pollmsg(const struct sac_pm *pm)
{
	if (pm->sstate == pm->pstate)
		return SC_STATUS;
	switch (pm->sstate) {
	case SAF_ENABLED:
		return SC_ENABLE;
	case SAF_DISABLED:
		return SC_DISABLE;
	case SAF_STARTING:
	case SAF_STOPPING:
	case SAF_NOTRUNNING:
	case SAF_FAILED:
	case SAF_UNKNOWN:
		return SC_STATUS;
	}
	sac_fatal(SAC_EX_BADSTATE, "internal error - bad state");
}

void
sac_pollpms(struct sac *sac)
{
	struct sac_pm *pm, *next;

	for (pm = sac->pms; pm != NULL; pm = next) {
		next = pm->next;
		if (pm->pstate == SAF_NOTRUNNING || pm->pstate == SAF_FAILED)
			continue;
		if (pm->restart != NULL && evloop_timer_armed(pm->restart))
			continue; /* waiting to start again */
		if (!pm->sc_ok) {
			sac_pollfail(pm, SAC_RESP);
			continue;
		}
		(void)sac_sendmsg(pm, sac_pollmsg(pm));
		pm->sc_ok = false;
	}
	evloop_timer_arm(sac->polltimer, (uint64_t)sac->interval * 1000);
}

static void
sac_poll_cb(struct evloop *loop, struct evtimer *t, void *arg)
{
	(void)loop;
	(void)t;
	sac_pollpms(arg);
}

/* A status report: the state bookkeeping of reference §2.6. */
static void
sac_status(struct sac_pm *pm, int state)
{
	if (pm->sstate == pm->pstate) {
		if (pm->pstate == SAF_UNKNOWN) {
			/* recovery: the monitor tells us where it is */
			pm->sstate = pm->pstate = state;
			if (state == SAF_ENABLED || state == SAF_DISABLED)
				pm->lstate = state;
		}
		if (state != pm->pstate)
			pm->pstate = state; /* it changed on its own */
	} else if (state == pm->sstate) {
		sac_log("port monitor <%s> changed state from <%s> to <%s>",
		    pm->ent.tag, saf_state_name(pm->pstate),
		    saf_state_name(state));
		pm->pstate = state;
	} else if (state != pm->pstate && pm->pstate != SAF_STOPPING) {
		pm->pstate = state;
	}
}

static void
sac_pmmsg(struct sac *sac, const unsigned char *buf)
{
	struct pmmsg m;
	struct saf_error err;
	struct sac_pm *pm;
	char tag[PMTAGSIZE + 1];
	int state;

	/* the checks below are sac's own: a bad type or state is answered
	 * as the reference says, so the decoder's verdict is not needed */
	(void)saf_pmmsg_decode(buf, sizeof(m), &m, &err);
	memcpy(tag, m.pm_tag, sizeof(tag));
	tag[PMTAGSIZE] = '\0';
	if ((pm = sac_find(sac, tag)) == NULL) {
		sac_log("message from unknown process");
		return;
	}
	switch (m.pm_type) {
	case PM_UNKNOWN:
		sac_log(
		    "port monitor <%s> didn't recognize message", pm->ent.tag);
		/* FALLTHROUGH */
	case PM_STATUS:
		state = (unsigned char)m.pm_state;
		if (state < PM_STARTING || state > PM_STOPPING) {
			sac_log("port monitor <%s> reporting invalid state",
			    pm->ent.tag);
			state = SAF_UNKNOWN;
		}
		sac_status(pm, state);
		break;
	default:
		sac_log("port monitor <%s> sent an invalid message - ignoring "
			"it",
		    pm->ent.tag);
		break;
	}
	/* any message from a monitor answers its poll */
	pm->sc_ok = true;
	pm->maxclass = m.pm_maxclass;
}

/* Consume bytes of _sacpipe: whole messages, skipping their data parts. */
static void
sac_consume(struct sac *sac, const unsigned char *p, size_t n)
{
	while (n > 0) {
		size_t k;

		if (sac->skip > 0) {
			k = n < sac->skip ? n : sac->skip;
			sac->skip -= k;
			p += k;
			n -= k;
			continue;
		}
		k = sizeof(sac->inbuf) - sac->inlen;
		if (k > n)
			k = n;
		memcpy(sac->inbuf + sac->inlen, p, k);
		sac->inlen += k;
		p += k;
		n -= k;
		if (sac->inlen == sizeof(sac->inbuf)) {
			struct pmmsg m;

			memcpy(&m, sac->inbuf, sizeof(m));
			sac->inlen = 0;
			/* a data part (never sent by real monitors) is
			 * skipped; a negative size is no size */
			if (m.pm_size > 0)
				sac->skip = (size_t)m.pm_size;
			sac_pmmsg(sac, sac->inbuf);
		}
	}
}

static void
sac_sacpipe_cb(struct evloop *loop, int fd, uint32_t events, void *arg)
{
	unsigned char buf[4096];
	ssize_t n;

	(void)loop;
	(void)events;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		sac_consume(arg, buf, (size_t)n);
	if (n < 0 && errno != EAGAIN && errno != EINTR)
		sac_fatal(SAC_EX_READPIPE, "read of _sacpipe failed");
}

int
sac_poll_init(struct sac *sac)
{
	char path[SAF_PATH_MAX];

	if (saf_path(path, sizeof(path), SAF_P_SACPIPE, NULL) < 0 ||
	    (mkfifo(path, 0600) < 0 && errno != EEXIST))
		sac_fatal(SAC_EX_SACPIPE, "could not open _sacpipe");
	(void)chmod(path, 0600);
	sac->sacpipe = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (sac->sacpipe < 0 ||
	    evloop_add(sac->loop, sac->sacpipe, EPOLLIN, sac_sacpipe_cb, sac) <
		0)
		sac_fatal(SAC_EX_SACPIPE, "could not open _sacpipe");
	sac->polltimer = evloop_timer_new(sac->loop, sac_poll_cb, sac);
	if (sac->polltimer == NULL)
		sac_fatal(SAC_EX_NOMEM, "malloc failed");
	return 0;
}
