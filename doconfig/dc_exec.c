/*
 * dc_exec.c - carrying out one parsed doconfig line in the caller.
 *
 *  assign   setenv(3): the value is copied, so repeated assigns of one
 *           variable replace it and doconfig keeps nothing allocated;
 *  push/pop the module stack libxti records for fd (<xti_modules.h>):
 *           only timod and tirdwr exist on Linux, and fd -1 (sac's
 *           scripts) has no stack, so push and pop always fail there;
 *  cd, ulimit, umask  built-ins of run/runwait, done in the caller;
 *  run/runwait  dc_spawn.c.
 */
#include "config.h"

#include "dc_exec.h"
#include "xti_modules.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

int
dc_whyf(struct dc_why *why, int err, const char *fmt, ...)
{
	char ebuf[128];
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(why->msg, sizeof(why->msg), fmt, ap);
	va_end(ap);
	why->syserr = err;
	if (err != 0) {
		n = strlen(why->msg);
		snprintf(why->msg + n, sizeof(why->msg) - n, ": %s",
		    strerror_r(err, ebuf, sizeof(ebuf)));
	}
	return -1;
}

static int
dc_assign(const struct dc_cmd *cmd, struct dc_why *why)
{
	char q[DC_QUOTED_MAX];

	if (setenv(cmd->name, cmd->value, 1) == 0)
		return 0;
	dc_quote(q, sizeof(q), cmd->name, strlen(cmd->name));
	return dc_whyf(why, errno, "assign: cannot set %s", q);
}

/* Explain a failed module call on fd; err is its errno. */
static int
dc_modfail(int fd, const char *kw, const char *mod, int err, struct dc_why *why)
{
	char q[DC_QUOTED_MAX];

	dc_quote(q, sizeof(q), mod != NULL ? mod : "", mod ? strlen(mod) : 0);
	switch (err) {
	case EBADF:
		if (fd == -1)
			return dc_whyf(
			    why, 0, "%s: no transport endpoint (fd -1)", kw);
		return dc_whyf(why, err, "%s: descriptor %d", kw, fd);
	case ENOSTR:
		return dc_whyf(why, 0,
		    "%s: descriptor %d is not a transport endpoint", kw, fd);
	case ENOTSUP:
		return dc_whyf(why, 0,
		    "module %s is not supported on Linux "
		    "(only timod and tirdwr)",
		    q);
	case ERANGE:
		return dc_whyf(why, 0,
		    "%s: the module stack of descriptor %d is full "
		    "(%d modules)",
		    kw, fd, XTI_MAXMODULES);
	case EINVAL:
		if (mod != NULL)
			return dc_whyf(why, 0,
			    "%s: module name %s is longer than %d characters",
			    kw, q, XTI_FMNAMESZ);
		return dc_whyf(why, 0,
		    "%s: the module stack of descriptor %d is empty", kw, fd);
	default:
		return dc_whyf(why, err, "%s: descriptor %d", kw, fd);
	}
}

/* Push the modules in order; on a failure, pop those this line pushed. */
static int
dc_push(int fd, const struct dc_cmd *cmd, struct dc_why *why)
{
	const char *m = cmd->mods;
	size_t i, j;
	int err;

	for (i = 0; i < cmd->nmods; i++, m += strlen(m) + 1) {
		if (xti_push(fd, m) == 0)
			continue;
		err = errno;
		for (j = 0; j < i; j++)
			(void)xti_pop(fd);
		return dc_modfail(fd, "push", m, err, why);
	}
	return 0;
}

static int
dc_pop(int fd, struct dc_why *why)
{
	if (xti_pop(fd) == 0)
		return 0;
	return dc_modfail(fd, "pop", NULL, errno, why);
}

/* Pop until the stack is empty: only "empty" (EINVAL) may end it. */
static int
dc_pop_all(int fd, struct dc_why *why)
{
	while (xti_pop(fd) == 0)
		;
	if (errno == EINVAL)
		return 0;
	return dc_modfail(fd, "pop", NULL, errno, why);
}

/* Pop until mod is on top; nothing is popped when mod is not there. */
static int
dc_pop_to(int fd, const char *mod, struct dc_why *why)
{
	char q[DC_QUOTED_MAX], top[XTI_FMNAMESZ + 1];
	int r;

	if ((r = xti_find(fd, mod)) < 0)
		return dc_modfail(fd, "pop", NULL, errno, why);
	if (r == 0) {
		dc_quote(q, sizeof(q), mod, strlen(mod));
		return dc_whyf(why, 0,
		    "pop: module %s is not on the stack of descriptor %d", q,
		    fd);
	}
	for (;;) {
		if (xti_look(fd, top, sizeof(top)) < 0)
			return dc_modfail(fd, "pop", NULL, errno, why);
		if (strcmp(top, mod) == 0)
			return 0;
		if (xti_pop(fd) < 0)
			return dc_modfail(fd, "pop", NULL, errno, why);
	}
}

/* cd [dir]: the whole rest of the line, or $HOME. */
static int
dc_cd(const struct dc_cmd *cmd, struct dc_why *why)
{
	char q[DC_QUOTED_MAX];
	const char *dir = cmd->name;

	if (dir == NULL && (dir = getenv("HOME")) == NULL)
		return dc_whyf(why, 0, "cd: no directory and HOME is not set");
	if (chdir(dir) == 0)
		return 0;
	dc_quote(q, sizeof(q), dir, strlen(dir));
	return dc_whyf(why, errno, "cd: cannot change to %s", q);
}

/* ulimit N: soft and hard file size limits of N 512-byte blocks. */
static int
dc_ulimit(const struct dc_cmd *cmd, struct dc_why *why)
{
	struct rlimit rl;

	rl.rlim_cur = rl.rlim_max = (rlim_t)cmd->num * 512;
	if (setrlimit(RLIMIT_FSIZE, &rl) == 0)
		return 0;
	return dc_whyf(why, errno,
	    "ulimit: cannot set the file size limit to %lu blocks", cmd->num);
}

/* The restrictions of rflag, checked before anything is done. */
static int
dc_allowed(const struct dc_cmd *cmd, long rflag, struct dc_why *why)
{
	if (cmd->verb == DC_V_ASSIGN && (rflag & NOASSIGN))
		return dc_whyf(
		    why, 0, "assign is not allowed in this script (NOASSIGN)");
	if ((cmd->verb == DC_V_RUN || cmd->verb == DC_V_RUNWAIT) &&
	    (rflag & NORUN))
		return dc_whyf(why, 0,
		    "%s is not allowed in this script (NORUN)",
		    dc_verb_name(cmd->verb));
	return 0;
}

int
dc_exec(int fd, const struct dc_cmd *cmd, long rflag, struct dc_why *why)
{
	why->syserr = 0;
	why->msg[0] = '\0';
	if (dc_allowed(cmd, rflag, why) < 0)
		return -1;
	switch (cmd->op) {
	case DC_NOP:
		return 0;
	case DC_ASSIGN:
		return dc_assign(cmd, why);
	case DC_PUSH:
		return dc_push(fd, cmd, why);
	case DC_POP:
		return dc_pop(fd, why);
	case DC_POP_ALL:
		return dc_pop_all(fd, why);
	case DC_POP_TO:
		return dc_pop_to(fd, cmd->name, why);
	case DC_CD:
		return dc_cd(cmd, why);
	case DC_ULIMIT:
		return dc_ulimit(cmd, why);
	case DC_UMASK:
		(void)umask((mode_t)cmd->num);
		return 0;
	case DC_SPAWN:
		return dc_spawn(cmd, why);
	}
	return dc_whyf(why, 0, "internal error: unknown operation");
}
