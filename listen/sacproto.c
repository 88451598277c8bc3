/*
 * sacproto.c - the listener's side of the SAC protocol: one struct sacmsg
 * at a time on _pmpipe, each answered with one struct pmmsg on _sacpipe
 * (state after acting, class 1, our tag).  Both FIFOs are non-blocking;
 * a re-read asked by SC_READDB happens after the current round of the
 * loop, so the answer goes out first.
 */
#include "config.h"

#include "ls.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

static void
ls_sac_answer(struct ls *ls, int type)
{
	struct pmmsg m;
	struct saf_error err;

	if (saf_pmmsg_encode(&m, type, ls->state, ls->tag, &err) < 0)
		return;
	if (write(ls->sacpipe, &m, sizeof(m)) != (ssize_t)sizeof(m))
		ls_log("could not answer sac: %s", strerror(errno));
}

static void
ls_sac_msg(struct ls *ls, const struct sacmsg *m)
{
	int want;

	switch (m->sc_type) {
	case SC_STATUS:
		break;
	case SC_ENABLE:
	case SC_DISABLE:
		want = m->sc_type == SC_ENABLE ? PM_ENABLED : PM_DISABLED;
		if (ls->state != want) {
			ls->state = want;
			ls_log("New state: %s",
			    want == PM_ENABLED ? "ENABLED" : "DISABLED");
		}
		break;
	case SC_READDB:
		ls_schedule_reread(ls);
		break;
	default:
		ls_log("Received unknown message from sac -- ignored");
		ls_sac_answer(ls, PM_UNKNOWN);
		return;
	}
	ls_sac_answer(ls, PM_STATUS);
}

static void
ls_pmpipe_cb(struct evloop *loop, int fd, uint32_t events, void *arg)
{
	struct ls *ls = arg;
	struct sacmsg m;
	ssize_t n;

	(void)loop;
	(void)events;
	while ((n = read(fd, &m, sizeof(m))) == (ssize_t)sizeof(m))
		ls_sac_msg(ls, &m);
	/* a short read is a broken writer: what arrived is dropped */
}

int
ls_sac_open(struct ls *ls)
{
	char path[SAF_PATH_MAX];

	if (saf_path(path, sizeof(path), SAF_P_SACPIPE, NULL) < 0 ||
	    (ls->sacpipe = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC)) < 0)
		ls_fatal(
		    LS_EX_CREAT, "Can't open pipe to respond to SAC messages");
	if (saf_path(path, sizeof(path), SAF_P_PMPIPE, ls->tag) < 0 ||
	    (ls->pmpipe = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC)) < 0)
		ls_fatal(LS_EX_CREAT, "Can't open pipe to read SAC messages");
	if (evloop_add(ls->loop, ls->pmpipe, EPOLLIN, ls_pmpipe_cb, ls) < 0)
		ls_fatal(LS_EX_CREAT, "Can't open pipe to read SAC messages");
	return 0;
}
