/*
 * testpm - a port monitor for tests: it speaks the monitor's side of the
 * SAC protocol and nothing else, and can be told to misbehave.
 *
 * As sac starts it: cwd <SAF_ETC>/<tag>, PMTAG and ISTATE in the
 * environment.  It locks _pid (refusing to start if it is locked), reads
 * sacmsg on _pmpipe and answers each with one pmmsg on ../_sacpipe, taking
 * its state from ISTATE and changing it on SC_ENABLE/SC_DISABLE.
 *
 * usage: testpm [-l log] [-m] [-d seconds] [-x code] [-S state] [-u]
 *   -l log      append one line per event to log (start, msg, exit)
 *   -m          mute: never answer (a monitor that hangs)
 *   -d seconds  exit after that long, with the -x code (default 3)
 *   -x code     exit status for -d
 *   -S state    report this pm_state always (to send an invalid one)
 *   -u          answer every message with PM_UNKNOWN
 *   -e VAR      log the value of environment variable VAR at start
 * SIGTERM ends it with status 0 (logged as "exit term").
 */
#include "config.h"

#include "saf.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *logpath;
static volatile sig_atomic_t terminated;

static void
tlog(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int fd, n;

	if (logpath == NULL)
		return;
	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	fd = open(logpath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd >= 0) {
		(void)!write(fd, line, (size_t)n);
		close(fd);
	}
}

static void
on_term(int sig)
{
	(void)sig;
	terminated = 1;
}

/* Log what sac gave us: tag, state, cwd, open descriptors. */
static void
log_start(const char *tag, const char *istate)
{
	char cwd[1024];
	int fd, n = 0;

	for (fd = 0; fd < 1024; fd++)
		if (fcntl(fd, F_GETFD) >= 0)
			n++;
	if (getcwd(cwd, sizeof(cwd)) == NULL)
		strcpy(cwd, "?");
	tlog("start pid=%ld tag=%s istate=%s cwd=%s fds=%d", (long)getpid(),
	    tag, istate, cwd, n);
}

struct tpm {
	const char *tag;
	int state;
	int forced; /* -S */
	bool mute, unknown;
	int sacpipe;
};

static void
answer(struct tpm *t, const struct sacmsg *m)
{
	struct pmmsg r;
	struct saf_error err;
	int type = PM_STATUS;

	switch (m->sc_type) {
	case SC_STATUS:
		break;
	case SC_ENABLE:
		t->state = PM_ENABLED;
		break;
	case SC_DISABLE:
		t->state = PM_DISABLED;
		break;
	case SC_READDB:
		tlog("readdb");
		break;
	default:
		type = PM_UNKNOWN;
	}
	if (t->unknown)
		type = PM_UNKNOWN;
	tlog("msg type=%d state=%d", m->sc_type, t->state);
	if (t->mute)
		return;
	saf_pmmsg_encode(
	    &r, type, t->forced ? t->forced : t->state, t->tag, &err);
	if (write(t->sacpipe, &r, sizeof(r)) != (ssize_t)sizeof(r))
		tlog("answer failed: %s", strerror(errno));
}

static int
serve(struct tpm *t, int pmpipe, int seconds, int code)
{
	time_t end = seconds > 0 ? time(NULL) + seconds : 0;
	struct pollfd pfd = { pmpipe, POLLIN, 0 };
	struct sacmsg m;

	while (!terminated) {
		if (end != 0 && time(NULL) >= end) {
			tlog("exit code=%d", code);
			return code;
		}
		if (poll(&pfd, 1, 100) <= 0)
			continue;
		while (read(pmpipe, &m, sizeof(m)) == (ssize_t)sizeof(m))
			answer(t, &m);
	}
	tlog("exit term");
	return 0;
}

int
main(int argc, char **argv)
{
	struct tpm t = { 0 };
	const char *istate;
	const char *envvar = NULL;
	int c, seconds = 0, code = 3, pmpipe;

	while ((c = getopt(argc, argv, "l:md:x:S:ue:")) != -1) {
		switch (c) {
		case 'l':
			logpath = optarg;
			break;
		case 'm':
			t.mute = true;
			break;
		case 'd':
			seconds = atoi(optarg);
			break;
		case 'x':
			code = atoi(optarg);
			break;
		case 'S':
			t.forced = atoi(optarg);
			break;
		case 'u':
			t.unknown = true;
			break;
		case 'e':
			envvar = optarg;
			break;
		default:
			return 2;
		}
	}
	signal(SIGTERM, on_term);
	t.tag = getenv("PMTAG");
	istate = getenv("ISTATE");
	if (t.tag == NULL || istate == NULL) {
		tlog("no PMTAG or ISTATE");
		return 2;
	}
	t.state = strcmp(istate, "enabled") == 0 ? PM_ENABLED : PM_DISABLED;
	log_start(t.tag, istate);
	if (envvar != NULL)
		tlog("env %s=%s", envvar,
		    getenv(envvar) != NULL ? getenv(envvar) : "(unset)");
	if (saf_pid_create("_pid", getpid()) < 0) {
		tlog("_pid locked");
		return 1;
	}
	pmpipe = open("_pmpipe", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	t.sacpipe = open("../_sacpipe", O_WRONLY | O_CLOEXEC);
	if (pmpipe < 0 || t.sacpipe < 0) {
		tlog("pipes: %s", strerror(errno));
		return 1;
	}
	return serve(&t, pmpipe, seconds, code);
}
