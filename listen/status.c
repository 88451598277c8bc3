/*
 * status.c - what the listener says about itself: its state and counters,
 * in the log on SIGUSR1, and in <SAF_VAR>/<tag>/status for anyone to read
 * (nlsadmin -C shows it).
 *
 * The file is written at start, then checked once a second and rewritten
 * when anything in it changed, and at once on SIGUSR1; a new file is
 * renamed over the old one, so a reader never sees half of one.  It is
 * removed at exit: a file that is there, with the pid of a live listener,
 * is current to the second.  Its format (version 1, one item per line):
 *
 *   listen-status 1
 *   pid <pid>
 *   tag <pmtag>
 *   netspec <net_spec>
 *   state ENABLED|DISABLED
 *   started <epoch seconds>
 *   written <epoch seconds>
 *   requests <NLPS requests being read>
 *   nlps <bad> <unknown> <timeout>   NLPS requests refused, by reason
 *   paused <times accepting paused for want of descriptors>
 *   service <svctag> <accepted> <disabled> <failed> <busy> <running> <addr>
 *
 * with one service line per record, in table order; <addr> is the rest of
 * the line: the bound address as logged, or "-".
 */
#include "config.h"

#include "ls.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define LS_STATUS_MS 1000

/* A fingerprint of everything the file shows but the time. */
static uint64_t
ls_status_sum(const struct ls *ls)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

#define MIX(v) (h = (h ^ (uint64_t)(v)) * 1099511628211ULL)
	MIX(ls->state);
	MIX(ls->nreqs);
	MIX(ls->n_badreq);
	MIX(ls->n_unknown);
	MIX(ls->n_timeout);
	MIX(ls->n_paused);
	MIX(ls->tab.n);
	for (i = 0; i < ls->tab.n; i++) {
		const struct ls_svc *s = &ls->tab.v[i];

		MIX(s->n.accepted);
		MIX(s->n.disabled);
		MIX(s->n.failed);
		MIX(s->n.busy);
		MIX(s->n.running);
		MIX((uintptr_t)s->ep);
	}
#undef MIX
	return h;
}

static const char *
ls_state_name(const struct ls *ls)
{
	return ls->state == PM_ENABLED ? "ENABLED" : "DISABLED";
}

static void
ls_status_print(const struct ls *ls, FILE *f)
{
	size_t i;

	fprintf(f,
	    "listen-status 1\npid %ld\ntag %s\nnetspec %s\nstate %s\n"
	    "started %lld\nwritten %lld\nrequests %zu\nnlps %lu %lu %lu\n"
	    "paused %lu\n",
	    (long)getpid(), ls->tag, ls->netspec, ls_state_name(ls),
	    (long long)ls->started, (long long)time(NULL), ls->nreqs,
	    ls->n_badreq, ls->n_unknown, ls->n_timeout, ls->n_paused);
	for (i = 0; i < ls->tab.n; i++) {
		const struct ls_svc *s = &ls->tab.v[i];

		fprintf(f, "service %s %lu %lu %lu %lu %lu %s\n", s->ent.svctag,
		    s->n.accepted, s->n.disabled, s->n.failed, s->n.busy,
		    s->n.running, s->ep != NULL ? s->ep->addrstr : "-");
	}
}

/* Write the file anew: 0, or -1 (logged once per kind of failure). */
static int
ls_status_write(struct ls *ls)
{
	static int logged;
	char path[SAF_PATH_MAX], tmp[SAF_PATH_MAX + 8];
	FILE *f;
	int fd, err;

	ls->status_sum = ls_status_sum(ls);
	if (saf_path(path, sizeof(path), SAF_P_PMSTATUS, ls->tag) < 0 ||
	    snprintf(tmp, sizeof(tmp), "%s.new", path) >= (int)sizeof(tmp))
		return -1;
	fd = open(
	    tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0 || (f = fdopen(fd, "w")) == NULL) {
		err = errno;
		if (fd >= 0)
			close(fd);
		goto fail;
	}
	ls_status_print(ls, f);
	if (fflush(f) != 0 || ferror(f)) {
		err = errno;
		fclose(f);
		unlink(tmp);
		goto fail;
	}
	fclose(f);
	if (rename(tmp, path) < 0) {
		err = errno;
		unlink(tmp);
		goto fail;
	}
	logged = 0;
	return 0;
fail:
	/* not written: the next tick tries again, changed or not */
	ls->status_sum = 0;
	if (logged != err)
		ls_log(
		    "cannot write the status file %s: %s", path, strerror(err));
	logged = err;
	return -1;
}

static void
ls_status_tick(struct evloop *loop, struct evtimer *t, void *arg)
{
	struct ls *ls = arg;

	(void)loop;
	if (ls_status_sum(ls) != ls->status_sum)
		(void)ls_status_write(ls);
	evloop_timer_arm(t, LS_STATUS_MS);
}

int
ls_status_init(struct ls *ls)
{
	ls->started = time(NULL);
	if ((ls->status = evloop_timer_new(ls->loop, ls_status_tick, ls)) ==
	    NULL)
		return -1;
	(void)ls_status_write(ls);
	evloop_timer_arm(ls->status, LS_STATUS_MS);
	return 0;
}

void
ls_status_end(struct ls *ls)
{
	char path[SAF_PATH_MAX];

	if (ls->status == NULL)
		return;
	evloop_timer_free(ls->status);
	ls->status = NULL;
	if (saf_path(path, sizeof(path), SAF_P_PMSTATUS, ls->tag) == 0)
		(void)unlink(path);
}

void
ls_status_dump(struct ls *ls)
{
	size_t i;

	ls_log("status: %s, %zu services, %zu requests being read",
	    ls_state_name(ls), ls->tab.n, ls->nreqs);
	ls_log("status: NLPS requests refused: %lu bad, %lu unknown code, "
	       "%lu timed out; accepting paused %lu times",
	    ls->n_badreq, ls->n_unknown, ls->n_timeout, ls->n_paused);
	for (i = 0; i < ls->tab.n; i++) {
		const struct ls_svc *s = &ls->tab.v[i];

		ls_log("status: service %s: %s%s, accepted %lu, refused "
		       "(disabled %lu, failed %lu, busy %lu), running %lu",
		    s->ent.svctag, s->ep != NULL ? "bound " : "",
		    s->ep != NULL ? s->ep->addrstr : "no address",
		    s->n.accepted, s->n.disabled, s->n.failed, s->n.busy,
		    s->n.running);
	}
	(void)ls_status_write(ls);
}
