/*
 * sac_main.c - the Service Access Controller: sac -t sanity_interval.
 *
 * Start-up order (reference §2.2): lock the SAC log (the lock is what
 * "sac is running" means to sacadm), chdir to SAF_ETC, run _sysconfig,
 * open _sacpipe, create _cmdpipe, read _sactab, start the monitors (or
 * recover the ones still running), poll once, then serve.  SIGTERM and
 * SIGINT end sac with a log line; the monitors keep running, and the next
 * sac finds them through their locked _pid files (recovery).
 */
#include "config.h"

#include "doconfig.h"
#include "sac.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static _Noreturn void
sac_usage(void)
{
	fputs("SAC: Usage: sac -t sanity_interval\n", stderr);
	exit(SAC_EX_USAGE);
}

static int
sac_options(int argc, char **argv)
{
	int c, interval = 0;
	bool seen = false;

	opterr = 0; /* one usage message, ours */
	while ((c = getopt(argc, argv, "t:")) != -1) {
		if (c != 't' || seen)
			sac_usage();
		seen = true;
		interval = atoi(optarg);
	}
	if (!seen || optind != argc || interval <= 0)
		sac_usage();
	return interval;
}

/* Open and lock the SAC log; before it exists errors go to stderr. */
static int
sac_open_log(void)
{
	char path[SAF_PATH_MAX];
	int fd;

	if (saf_path(path, sizeof(path), SAF_P_LOG, NULL) < 0) {
		fprintf(stderr, "SAC: could not open logfile %s: %s\n",
		    saf_var_dir(), strerror(ENAMETOOLONG));
		exit(1);
	}
	(void)mkdir(saf_var_dir(), 0755);
	fd = saf_log_open(path, 0);
	if (fd < 0 && errno == EAGAIN) {
		/* another sac holds it (the original waited for ever) */
		fprintf(stderr, "SAC: could not lock logfile %s:%s\n", path,
		    strerror(errno));
		exit(1);
	}
	if (fd < 0) {
		fprintf(stderr, "SAC: could not open logfile %s: %s\n", path,
		    strerror(errno));
		exit(1);
	}
	return fd;
}

static void
sac_sysconfig(void)
{
	char path[SAF_PATH_MAX];
	struct doconfig_err err;
	int r;

	if (saf_path(path, sizeof(path), SAF_P_SYSCONFIG, NULL) < 0)
		sac_fatal(SAC_EX_SYSCONFIG, "system error in _sysconfig");
	if (!sac_trusted(path))
		sac_fatal(SAC_EX_SYSCONFIG, "system error in _sysconfig");
	r = doconfig_r(-1, path, 0, &err);
	if (r == -1)
		sac_fatal(SAC_EX_SYSCONFIG, "system error in _sysconfig");
	if (r > 0) {
		sac_log("Error in _sysconfig: line %d", r);
		sac_log("%s", err.msg);
		sac_fatal(SAC_EX_BADSYSCONF, "error interpreting _sysconfig");
	}
}

static void
sac_reap_all(struct sac *sac)
{
	pid_t pid;
	int status;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		sac_reaped(sac, pid, status);
}

static void
sac_signal_cb(struct evloop *loop, const struct signalfd_siginfo *si, void *arg)
{
	struct sac *sac = arg;

	switch (si->ssi_signo) {
	case SIGCHLD:
		sac_reap_all(sac);
		break;
	case SIGTERM:
	case SIGINT:
		sac_cmd_shutdown(sac);
		sac_log("*** SAC exiting ***");
		evloop_stop(loop);
		break;
	}
}

static void
sac_signals(struct sac *sac)
{
	sigset_t set;

	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	if (evloop_signals(sac->loop, &set, sac_signal_cb, sac) < 0)
		sac_fatal(SAC_EX_POLL, "poll failed");
	/* children that ended before the signals were watched */
	sac_reap_all(sac);
}

int
main(int argc, char **argv)
{
	/* static: what sac holds stays reachable until it exits */
	static struct sac sac;

	memset(&sac, 0, sizeof(sac));
	sac.sacpipe = sac.cmdsock = sac.logfd = -1;
	sac.interval = sac_options(argc, argv);
	(void)setpgid(0, 0);
	/* a write past a file size limit (_sysconfig's ulimit) fails, and
	 * does not end sac; monitors get the default back */
	signal(SIGXFSZ, SIG_IGN);
	sigprocmask(SIG_SETMASK, NULL, &sac.origmask);
	sac.logfd = sac_open_log();
	sac_log_init(sac.logfd);
	sac_log("*** SAC starting ***");
	if (chdir(saf_etc_dir()) < 0)
		sac_fatal(SAC_EX_CHDIR, "can not chdir to home directory");
	sac_sysconfig();
	if ((sac.loop = evloop_new()) == NULL)
		sac_fatal(SAC_EX_NOMEM, "malloc failed");
	sac_signals(&sac);
	sac_poll_init(&sac);
	sac_cmd_init(&sac);
	sac_read_table(&sac, false);
	sac_startpms(&sac);
	sac_pollpms(&sac);
	if (evloop_run(sac.loop) < 0)
		sac_fatal(SAC_EX_POLL, "poll failed");
	return 0;
}
