/*
 * log.c - the listener log, <SAF_VAR>/<tag>/log:
 * "MM/DD/YY HH:MM:SS; <pid>; <message>" per line (libsaf formats it, with
 * control characters of the message shown as '?').  At start-up an
 * existing log becomes o.log; after LS_LOGMAX lines the listener writes
 * "Restarting log file" and starts a new one the same way.  Standalone,
 * every line also goes to stderr, where systemd's journal takes it.
 * Messages are always arguments, never formats.
 *
 * In the listener's loop the lines of one round (a connection logs two)
 * are kept and written together at its end (ls_log_batch): one write of
 * whole lines, on a file opened O_APPEND, so lines never mix with those
 * of the listener's children.  They are written before a fork (the child
 * would write them again), before a rotation, and at exit.
 */
#include "config.h"

#include "ls.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int log_fd = -1;
static int log_errfd = 2; /* stderr, or its copy in a server's child */
static bool log_stderr;
static bool log_rotates = true;
static unsigned log_lines;
static char log_path[SAF_PATH_MAX];
static char olog_path[SAF_PATH_MAX];
/* our pid, asked once (again in a forked child) */
static pid_t log_pid;

static void
ls_log_forked(void)
{
	log_pid = 0;
}

static pid_t
ls_log_getpid(void)
{
	if (log_pid == 0)
		log_pid = getpid();
	return log_pid;
}

/* lines kept until the end of the loop's round */
static struct evtimer *log_timer;
static char log_buf[16384];
static size_t log_len;

static void
ls_log_write(const char *p, size_t n)
{
	if (log_fd >= 0)
		(void)!write(log_fd, p, n);
	if (log_stderr)
		(void)!write(log_errfd, p, n);
}

void
ls_log_flush(void)
{
	if (log_len > 0)
		ls_log_write(log_buf, log_len);
	log_len = 0;
}

static void
ls_log_flush_cb(struct evloop *loop, struct evtimer *t, void *arg)
{
	(void)loop;
	(void)t;
	(void)arg;
	ls_log_flush();
}

int
ls_log_batch(struct evloop *loop)
{
	if ((log_timer = evloop_timer_new(loop, ls_log_flush_cb, NULL)) == NULL)
		return -1;
	return atexit(ls_log_flush);
}

static int
ls_log_reopen(void)
{
	int fd;

	(void)unlink(olog_path);
	(void)rename(log_path, olog_path);
	fd = open(log_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	if (log_fd >= 0)
		close(log_fd);
	log_fd = fd;
	log_lines = 0;
	return 0;
}

int
ls_log_open(const struct ls *ls, bool rotate)
{
	char dir[SAF_PATH_MAX];

	log_stderr = ls->standalone;
	(void)pthread_atfork(NULL, NULL, ls_log_forked);
	if (saf_path(log_path, sizeof(log_path), SAF_P_PMLOG, ls->tag) < 0 ||
	    saf_path(olog_path, sizeof(olog_path), SAF_P_PMOLOG, ls->tag) < 0 ||
	    saf_path(dir, sizeof(dir), SAF_P_PMVARDIR, ls->tag) < 0) {
		errno = ENAMETOOLONG;
		return -1;
	}
	(void)mkdir(saf_var_dir(), 0755);
	(void)mkdir(dir, 0755);
	log_rotates = rotate;
	log_fd =
	    open(log_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	return log_fd < 0 ? -1 : 0;
}

/* Start a new log (the old one becomes o.log): done once the listener
 * knows it is the only one of its tag. */
void
ls_log_rotate(void)
{
	(void)ls_log_reopen();
}

/* In a child about to become a server: no rotation, and the copy of the
 * log for stderr goes to the listener's stderr, kept on a close-on-exec
 * descriptor, because the child's fd 2 becomes the connection. */
void
ls_log_child(void)
{
	log_len = 0; /* the listener's, written by the listener */
	log_timer = NULL;
	log_rotates = false;
	if (log_stderr) {
		log_errfd = fcntl(2, F_DUPFD_CLOEXEC, 3);
		if (log_errfd < 0)
			log_stderr = false;
	}
}

/* The broken-down local time of now, computed once a second. */
static const struct tm *
ls_log_now(void)
{
	static time_t last = (time_t)-1;
	static struct tm tm;
	time_t now = time(NULL);

	if (now != last) {
		localtime_r(&now, &tm);
		last = now;
	}
	return &tm;
}

static void ls_vlog(pid_t pid, const char *fmt, va_list ap) SAF_PRINTF(2, 0);

static void
ls_vlog(pid_t pid, const char *fmt, va_list ap)
{
	char line[SAF_LOG_LINE_MAX + 1];
	const struct tm *tm = ls_log_now();
	int n;

	n = saf_log_vformat(line, sizeof(line), SAF_LOG_PM, tm, pid, fmt, ap);
	if (n <= 0)
		return;
	if (log_timer == NULL) {
		ls_log_write(line, (size_t)n);
	} else {
		if (log_len + (size_t)n > sizeof(log_buf))
			ls_log_flush();
		memcpy(log_buf + log_len, line, (size_t)n);
		log_len += (size_t)n;
		if (!evloop_timer_armed(log_timer))
			evloop_timer_arm(log_timer, 0);
	}
	if (log_rotates && log_fd >= 0 && ++log_lines >= LS_LOGMAX) {
		ls_log_flush();
		n = saf_log_format(line, sizeof(line), SAF_LOG_PM, tm, pid,
		    "%s", "Restarting log file");
		if (n > 0)
			(void)!write(log_fd, line, (size_t)n);
		if (ls_log_reopen() < 0) {
			n = saf_log_format(line, sizeof(line), SAF_LOG_PM, tm,
			    pid, "%s", "Trouble saving the logfile");
			if (n > 0)
				(void)!write(log_fd, line, (size_t)n);
			log_lines = 0;
		}
	}
}

void
ls_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ls_vlog(ls_log_getpid(), fmt, ap);
	va_end(ap);
}

void
ls_log_pid(pid_t pid, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ls_vlog(pid, fmt, ap);
	va_end(ap);
}

_Noreturn void
ls_fatal(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ls_vlog(ls_log_getpid(), fmt, ap);
	va_end(ap);
	ls_log("*** listener terminating!!! ***");
	exit(code);
}
