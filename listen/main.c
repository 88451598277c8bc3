/*
 * main.c - listen [-m devstem] [-T pmtag] net_spec
 *
 * Under sac (PMTAG and ISTATE in the environment) the listener speaks the
 * SAC protocol on _pmpipe/_sacpipe.  Standalone (no PMTAG) its tag is -T
 * or the net_spec, it starts ENABLED, re-reads its table on SIGHUP, ends
 * cleanly (status 0) on SIGTERM or SIGINT, and copies its log to stderr.
 * Start-up order: log, identity checks, the provider, the SAC pipes, the
 * pid file (locked for our whole life), the table and its addresses.
 * SIGUSR1 writes every service's counters to the log (status.c keeps
 * them in a file too).
 */
#include "config.h"

#include "ls.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xti.h>

static _Noreturn void
ls_usage(void)
{
	fputs("Usage: listen [ -m minor_prefix ] [ -T pmtag ] network_device\n",
	    stderr);
	exit(LS_EX_START);
}

static void
ls_options(struct ls *ls, int argc, char **argv)
{
	const char *tag = NULL, *devstem = NULL;
	int c;

	opterr = 0;
	while ((c = getopt(argc, argv, "m:T:")) != -1) {
		if (c == 'm')
			devstem = optarg;
		else if (c == 'T')
			tag = optarg;
		else
			ls_usage();
	}
	if (optind >= argc)
		ls_usage();
	if (strlen(argv[optind]) > NLS_NETSPEC_MAX) {
		fprintf(stderr,
		    "listen: Bad netspec on command line ( Pathname "
		    "too long )\n");
		exit(LS_EX_START);
	}
	snprintf(ls->netspec, sizeof(ls->netspec), "%s", argv[optind]);
	snprintf(ls->provider, sizeof(ls->provider), "/dev/%s", ls->netspec);
	snprintf(ls->devstem, sizeof(ls->devstem), "%s",
	    devstem != NULL ? devstem : ls->netspec);
	if (getenv("PMTAG") != NULL) {
		tag = getenv("PMTAG");
	} else {
		ls->standalone = true;
		if (tag == NULL)
			tag = ls->netspec;
	}
	if (saf_tag_check(tag, strlen(tag), SAF_PMTAG_MAX, "tag", NULL) < 0) {
		fprintf(stderr, "listen: bad port monitor tag: %s\n", tag);
		exit(LS_EX_START);
	}
	snprintf(ls->tag, sizeof(ls->tag), "%s", tag);
	/* services see PMTAG as they do under sac (nlps_server needs it) */
	if (ls->standalone && setenv("PMTAG", ls->tag, 1) < 0) {
		fprintf(
		    stderr, "listen: cannot set PMTAG: %s\n", strerror(errno));
		exit(LS_EX_START);
	}
}

static void
ls_istate(struct ls *ls)
{
	const char *is = getenv("ISTATE");

	if (ls->standalone) {
		ls->state = PM_ENABLED;
	} else if (is == NULL) {
		ls_fatal(LS_EX_START,
		    "ERROR: ISTATE variable not set in "
		    "environment");
	} else {
		ls->state =
		    strcmp(is, "enabled") == 0 ? PM_ENABLED : PM_DISABLED;
	}
	ls_log("Starting state: %s",
	    ls->state == PM_ENABLED ? "ENABLED" : "DISABLED");
}

static void
ls_pidfile(struct ls *ls)
{
	char path[SAF_PATH_MAX];

	if (saf_path(path, sizeof(path), SAF_P_PID, ls->tag) < 0)
		ls_fatal(LS_EX_CREAT,
		    "Can't create process ID file in home "
		    "directory");
	ls->pidfd = saf_pid_create(path, getpid());
	if (ls->pidfd < 0 && errno == EAGAIN) {
		ls_log("Can't lock PID file: listener may already be running");
		ls_fatal(LS_EX_START, "Listener failed to start properly");
	}
	if (ls->pidfd < 0)
		ls_fatal(LS_EX_CREAT,
		    "Can't create process ID file in home "
		    "directory: %s",
		    strerror(errno));
}

static void
ls_signal_cb(struct evloop *loop, const struct signalfd_siginfo *si, void *arg)
{
	struct ls *ls = arg;

	switch (si->ssi_signo) {
	case SIGCHLD:
		ls_reap(ls);
		break;
	case SIGHUP:
		if (ls->standalone)
			ls_schedule_reread(ls);
		break;
	case SIGUSR1:
		ls_status_dump(ls);
		break;
	case SIGTERM:
	case SIGINT:
		ls_log("caught %s (exiting)",
		    si->ssi_signo == SIGTERM ? "SIGTERM" : "SIGINT");
		ls->terminating = true;
		evloop_stop(loop);
		break;
	}
}

static void
ls_signals(struct ls *ls)
{
	sigset_t set;

	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	if (evloop_signals(ls->loop, &set, ls_signal_cb, ls) < 0)
		ls_fatal(
		    LS_EX_SYSERR, "System error: signals: %s", strerror(errno));
}

static void
ls_start(struct ls *ls)
{
	/* first the lock: a second listener of the tag must not touch the
	 * first one's log */
	ls_pidfile(ls);
	ls_log_rotate();
	ls_log("@(#)listen %s", PACKAGE_VERSION);
	ls_log("Listener port monitor tag: %s%s", ls->tag,
	    ls->standalone ? " (standalone)" : "");
	if (geteuid() != 0)
		ls_log("not running as root: services that run as another "
		       "user are refused");
	if (ls_provider_probe(ls) < 0) {
		ls_log(errno == EPROTOTYPE ?
			"%s is a connectionless transport: the listener needs "
			"connections" :
			"no netconfig entry for %s",
		    ls->netspec);
		ls_fatal(LS_EX_START, "Listener failed to start properly");
	}
	if (!ls->standalone)
		ls_sac_open(ls);
	ls_istate(ls);
	ls_signals(ls);
	ls_spawn_init(ls, ls_ep_take);
	ls->req_timeout = ls_req_timeout_env();
	if (ls_endpoint_init(ls) < 0)
		ls_fatal(LS_EX_MALLOC, "cannot allocate enough memory");
	ls_read_table(ls, true);
	if (ls_status_init(ls) < 0)
		ls_fatal(LS_EX_MALLOC, "cannot allocate enough memory");
	ls_log("Initialization Complete");
}

int
main(int argc, char **argv)
{
	static struct ls ls;

	ls.pmpipe = ls.sacpipe = ls.pidfd = -1;
	/* a write past a file size limit (a _config script's ulimit) fails,
	 * and does not end the listener: before the first log line */
	signal(SIGXFSZ, SIG_IGN);
	ls_options(&ls, argc, argv);
	umask(022);
	if (ls_log_open(&ls, true) < 0) {
		fprintf(stderr, "listen: cannot open the log of %s: %s\n",
		    ls.tag, strerror(errno));
		exit(LS_EX_START);
	}
	if ((ls.loop = evloop_new()) == NULL || ls_log_batch(ls.loop) < 0)
		ls_fatal(LS_EX_MALLOC, "cannot allocate enough memory");
	ls_start(&ls);
	if (evloop_run(ls.loop) < 0)
		ls_fatal(LS_EX_POLL, "System error: poll failed: %s",
		    strerror(errno));
	ls_status_end(&ls);
	ls_shutdown(&ls);
	ls_log("*** listener terminating!!! ***");
	return ls.standalone ? LS_EX_OK : LS_EX_SIGTERM;
}
