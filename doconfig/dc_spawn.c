/*
 * dc_spawn.c - run and runwait: a command through /bin/sh -c.
 *
 * The child gets the caller's environment (with the script's assigns) as
 * it is: nothing is added, IFS included.  Its descriptors 0, 1 and 2 are
 * /dev/null and nothing else is open; its signal mask is empty and every
 * signal has its default action.  It keeps the caller's ids and
 * directory.  If the shell cannot be started the child exits
 * DC_EXIT_NOEXEC.  Between fork and exec the child only makes
 * async-signal-safe calls, so a threaded caller is safe.
 *
 * runwait waits for its own child only (waitpid on its pid): other
 * children of the caller are left for the caller to reap.  During the
 * wait SIGCHLD is blocked, so a SIGCHLD handler of the caller cannot
 * reap the child first; it runs after the wait for whatever else ended.
 * If the caller ignores SIGCHLD (or set SA_NOCLDWAIT), which would make
 * the kernel discard the child's status, that is undone for the wait.
 * run does not wait: reaping its child is the caller's business.
 */
#include "config.h"

#include "dc_exec.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* The caller's SIGCHLD state, saved for the time of a runwait. */
struct dc_chld {
	sigset_t mask;
	struct sigaction act;
	int changed; /* act was modified and must be put back */
};

/* Close every descriptor from lowest up (async-signal-safe). */
static void
dc_closefrom(int lowest)
{
	struct rlimit rl;
	rlim_t fd;

#ifdef SYS_close_range
	if (syscall(SYS_close_range, (unsigned int)lowest, ~0U, 0U) == 0)
		return;
#endif
	/* kernels before 5.9: every descriptor the process may have */
	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		_exit(DC_EXIT_NOEXEC);
	for (fd = (rlim_t)lowest; fd < rl.rlim_cur; fd++)
		(void)close((int)fd);
}

/* In the child: signals, descriptors, then the shell. */
static void __attribute__((noreturn)) dc_child(int null, const char *command)
{
	char *argv[] = { "sh", "-c", (char *)command, NULL };
	struct sigaction dfl;
	sigset_t none;
	int i;

	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	for (i = 1; i < NSIG; i++)
		(void)sigaction(i, &dfl, NULL); /* fails for KILL, STOP */
	sigemptyset(&none);
	(void)sigprocmask(SIG_SETMASK, &none, NULL);
	for (i = 0; i <= 2; i++) {
		/* dup2 onto itself would leave close-on-exec set */
		if (null == i ? fcntl(i, F_SETFD, 0) < 0 : dup2(null, i) < 0)
			_exit(DC_EXIT_NOEXEC);
	}
	dc_closefrom(3);
	execve(DC_SHELL, argv, environ);
	_exit(DC_EXIT_NOEXEC);
}

/* Block SIGCHLD and make sure the kernel keeps the child's status. */
static void
dc_chld_hold(struct dc_chld *s)
{
	struct sigaction act;
	sigset_t chld;

	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	(void)sigprocmask(SIG_BLOCK, &chld, &s->mask);
	(void)sigaction(SIGCHLD, NULL, &s->act);
	act = s->act;
	if (!(act.sa_flags & SA_SIGINFO) && act.sa_handler == SIG_IGN)
		act.sa_handler = SIG_DFL;
	act.sa_flags &= ~SA_NOCLDWAIT;
	s->changed = act.sa_handler != s->act.sa_handler ||
	    act.sa_flags != s->act.sa_flags;
	if (s->changed)
		(void)sigaction(SIGCHLD, &act, NULL);
}

static void
dc_chld_release(const struct dc_chld *s)
{
	if (s->changed)
		(void)sigaction(SIGCHLD, &s->act, NULL);
	(void)sigprocmask(SIG_SETMASK, &s->mask, NULL);
}

/* Wait for pid alone and judge its status. */
static int
dc_wait(pid_t pid, const char *command, struct dc_why *why)
{
	char q[DC_QUOTED_MAX];
	int status;
	pid_t r;

	while ((r = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
		;
	dc_quote(q, sizeof(q), command, strlen(command));
	if (r < 0)
		return dc_whyf(why, errno, "runwait: cannot wait for %s", q);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		return dc_whyf(why, 0, "runwait: %s exited with status %d", q,
		    WEXITSTATUS(status));
	if (WIFSIGNALED(status))
		return dc_whyf(why, 0, "runwait: %s was killed by signal %d", q,
		    WTERMSIG(status));
	return dc_whyf(why, 0, "runwait: %s ended with status 0x%x", q,
	    (unsigned int)status);
}

int
dc_spawn(const struct dc_cmd *cmd, struct dc_why *why)
{
	const char *kw = dc_verb_name(cmd->verb);
	int waits = cmd->verb == DC_V_RUNWAIT;
	struct dc_chld saved;
	int null, err, r;
	pid_t pid;

	if ((null = open("/dev/null", O_RDWR | O_CLOEXEC)) < 0)
		return dc_whyf(why, errno, "%s: cannot open /dev/null", kw);
	if (waits)
		dc_chld_hold(&saved);
	if ((pid = fork()) == 0)
		dc_child(null, cmd->value);
	err = errno;
	(void)close(null);
	if (pid < 0)
		r = dc_whyf(why, err, "%s: cannot start %s", kw, DC_SHELL);
	else
		r = waits ? dc_wait(pid, cmd->value, why) : 0;
	if (waits)
		dc_chld_release(&saved);
	return r;
}
