/*
 * sac_pm.c - starting a port monitor, accounting for it in utmpx, and
 * what happens when it fails a poll or dies.
 *
 * A monitor is started in a child: cwd <SAF_ETC>/<tag>, its _config
 * script run (doconfig, everything allowed, no endpoint), ISTATE and PMTAG
 * added to the environment, the command split into arguments, signal
 * dispositions and mask restored, and exec (no PATH search: sacadm insists
 * on an absolute path).  Fixes: the monitor gets /dev/null on 0, 1 and 2
 * instead of no descriptors at all; sac's umask is never changed, so
 * monitors do not inherit 0; after a SIGKILL the restart waits until the
 * killed monitor has let go of its _pid file.
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
#include <linux/close_range.h>
#include <unistd.h>
#include <utmpx.h>

/* How long a restart waits for a killed monitor's _pid lock. */
#define SAC_RESTART_STEP_MS 100
#define SAC_RESTART_TRIES   100

bool
sac_checklock(const struct sac_pm *pm, pid_t *pid)
{
	char path[SAF_PATH_MAX];
	int r;

	*pid = 0;
	if (saf_path(path, sizeof(path), SAF_P_PID, pm->ent.tag) < 0)
		return false;
	r = saf_pid_check(path, pid);
	if (r < 0) {
		sac_log("can not open _pid file for <%s>", pm->ent.tag);
		return false;
	}
	return r == 1;
}

int
sac_sendsig(struct sac_pm *pm, int sig)
{
	pid_t pid;

	/* only a locked _pid file names a running monitor; never signal
	 * init or every process */
	if (!sac_checklock(pm, &pid) || pid <= 1)
		return -1;
	return kill(pid, sig);
}

void
sac_closepipe(struct sac_pm *pm)
{
	if (pm->pmpipe >= 0) {
		close(pm->pmpipe);
		pm->pmpipe = -1;
	}
}

void
sac_pm_free(struct sac_pm *pm)
{
	evloop_timer_free(pm->restart);
	free(pm);
}

void
sac_cleanutx(struct sac_pm *pm)
{
	if (!pm->accounted)
		return;
	pm->accounted = false;
	if (pm->pid > 0)
		(void)saf_utx_dead(pm->pid, pm->status);
}

static void
sac_account(struct sac_pm *pm)
{
	struct saf_utx u;

	memset(&u, 0, sizeof(u));
	u.type = LOGIN_PROCESS;
	u.pid = pm->pid;
	u.user = pm->ent.tag;
	u.prefix[0] = 'P';
	u.prefix[1] = 'M';
	if (saf_utx_write(&u, NULL) < 0)
		sac_log("Could not create utmpx entry");
	else
		pm->accounted = true;
}

/* The FIFO towards the monitor, made if missing (mode 0600). */
static int
sac_open_pmpipe(struct sac_pm *pm)
{
	char path[SAF_PATH_MAX];
	int fd;

	if (saf_path(path, sizeof(path), SAF_P_PMPIPE, pm->ent.tag) < 0) {
		sac_log("Could not create _pmpipe for port monitor <%s>, "
			"errno is %d",
		    pm->ent.tag, ENAMETOOLONG);
		return -1;
	}
	if (mkfifo(path, 0600) < 0 && errno != EEXIST) {
		sac_log("Could not create _pmpipe for port monitor <%s>, "
			"errno is %d",
		    pm->ent.tag, errno);
		return -1;
	}
	(void)chmod(path, 0600);
	fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		sac_log(
		    "Could not open _pmpipe for port monitor <%s>, errno is "
		    "%d",
		    pm->ent.tag, errno);
		return -1;
	}
	return fd;
}

/* Descriptors 0, 1 and 2 on /dev/null, everything else closed at exec
 * (also what sac itself inherited; the SAC log stays usable until then). */
static void
sac_child_fds(void)
{
	int fd = open("/dev/null", O_RDWR);

	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	if (close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) < 0)
		for (fd = 3; fd < 65536; fd++)
			(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
}

static void
sac_child_config(const struct sac_pm *pm)
{
	char path[SAF_PATH_MAX];
	struct doconfig_err err;
	int r;

	if (saf_path(path, sizeof(path), SAF_P_CONFIG, pm->ent.tag) < 0 ||
	    !sac_trusted(path)) {
		sac_log("system error in _config script for <%s>", pm->ent.tag);
		_exit(1);
	}
	r = doconfig_r(-1, "_config", 0, &err);
	if (r == -1) {
		sac_log("system error in _config script for <%s>", pm->ent.tag);
		_exit(1);
	}
	if (r > 0) {
		sac_log("Error in _config script for <%s>: line %d",
		    pm->ent.tag, r);
		sac_log("%s", err.msg);
		_exit(1);
	}
}

/* The monitor's side of the fork: never returns. */
static _Noreturn void
sac_child(const struct sac_pm *pm)
{
	char dir[SAF_PATH_MAX], cmd[SAF_FIELD_MAX + 1];
	char *argv[SAC_MAXARGS + 1];
	const char *why;
	bool enabled;
	struct sigaction sa;
	int sig;

	if (saf_path(dir, sizeof(dir), SAF_P_PMDIR, pm->ent.tag) < 0 ||
	    chdir(dir) < 0) {
		sac_log("Cannot chdir to <%s/%s>, port monitor not started",
		    saf_etc_dir(), pm->ent.tag);
		_exit(1);
	}
	sac_child_config(pm);
	if (pm->lstate == SAF_NOTRUNNING)
		enabled = !(pm->ent.flags & SAF_SAC_DFLAG);
	else
		enabled = pm->lstate != SAF_DISABLED;
	if (setenv("ISTATE", enabled ? "enabled" : "disabled", 1) < 0 ||
	    setenv("PMTAG", pm->ent.tag, 1) < 0) {
		sac_log(
		    "can't expand port monitor <%s> environment", pm->ent.tag);
		_exit(1);
	}
	snprintf(cmd, sizeof(cmd), "%s", pm->ent.command);
	if (saf_argv_split(cmd, argv, SAC_MAXARGS, &why) <= 0) {
		sac_log("invalid command line, non-terminated string for port "
			"monitor %s",
		    pm->ent.tag);
		_exit(1);
	}
	sac_log("starting port monitor <%s>", pm->ent.tag);
	sac_child_fds();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	for (sig = 1; sig < NSIG; sig++)
		(void)sigaction(sig, &sa, NULL);
	sigprocmask(SIG_SETMASK, &pm->sac->origmask, NULL);
	execv(argv[0], argv);
	sac_log("exec of port monitor <%s> failed", pm->ent.tag);
	_exit(1);
}

int
sac_startpm(struct sac_pm *pm)
{
	pid_t pid, locker;

	if (sac_checklock(pm, &locker)) {
		sac_log("could not start <%s> - _pid file locked", pm->ent.tag);
		return -1;
	}
	if (pm->pmpipe < 0 && (pm->pmpipe = sac_open_pmpipe(pm)) < 0)
		return -2;
	pid = fork();
	if (pid < 0) {
		sac_log("Could not fork port monitor <%s>", pm->ent.tag);
		return -2;
	}
	if (pid == 0)
		sac_child(pm);
	sac_cleanutx(pm);
	pm->pid = pid;
	sac_account(pm);
	pm->pstate = SAF_STARTING;
	if (pm->lstate == SAF_NOTRUNNING)
		pm->sstate = (pm->ent.flags & SAF_SAC_DFLAG) ? SAF_DISABLED :
							       SAF_ENABLED;
	else
		pm->sstate = pm->lstate;
	pm->sc_ok = true;
	pm->status = 0;
	return 0;
}

/* Start a killed monitor again once its _pid file is free. */
static void
sac_restart_cb(struct evloop *loop, struct evtimer *t, void *arg)
{
	struct sac_pm *pm = arg;
	pid_t locker;

	(void)loop;
	if (sac_checklock(pm, &locker) &&
	    ++pm->restart_tries < SAC_RESTART_TRIES) {
		evloop_timer_arm(t, SAC_RESTART_STEP_MS);
		return;
	}
	(void)sac_startpm(pm);
}

static void
sac_restart(struct sac_pm *pm)
{
	if (pm->restart == NULL)
		pm->restart =
		    evloop_timer_new(pm->sac->loop, sac_restart_cb, pm);
	if (pm->restart == NULL) {
		(void)sac_startpm(pm);
		return;
	}
	pm->restart_tries = 0;
	/* while it waits, the monitor counts as starting */
	pm->pstate = SAF_STARTING;
	pm->sc_ok = true;
	evloop_timer_arm(pm->restart, 0);
}

void
sac_pollfail(struct sac_pm *pm, enum sac_failwhy why)
{
	sac_cleanutx(pm);
	if (pm->pstate == SAF_STOPPING) {
		sac_log("<%s> has stopped", pm->ent.tag);
		pm->pstate = pm->lstate = SAF_NOTRUNNING;
		sac_closepipe(pm);
		return;
	}
	(void)sac_sendsig(pm, SIGKILL);
	if (pm->rscnt < pm->ent.rcount) {
		if (why == SAC_RESP)
			sac_log("<%s> stopped responding to sanity polls - "
				"trying to restart",
			    pm->ent.tag);
		else
			sac_log(
			    "<%s> has died - trying to restart", pm->ent.tag);
		pm->rscnt++;
		sac_closepipe(pm);
		sac_restart(pm);
		return;
	}
	pm->sstate = pm->pstate = SAF_FAILED;
	sac_closepipe(pm);
	sac_log("<%s> has FAILED", pm->ent.tag);
}

void
sac_reaped(struct sac *sac, pid_t pid, int status)
{
	struct sac_pm *pm;

	for (pm = sac->pms; pm != NULL; pm = pm->next)
		if (pm->pid == pid)
			break;
	if (pm == NULL)
		return; /* not a monitor (or one already forgotten) */
	pm->status = status;
	if (pm->pstate != SAF_NOTRUNNING && pm->pstate != SAF_FAILED &&
	    !(pm->restart != NULL && evloop_timer_armed(pm->restart)))
		sac_pollfail(pm, SAC_DEATH);
}
