/*
 * nls_run.c - running sacadm and pmadm, and what their exit codes mean.
 *
 * The original built shell command lines from the user's words and ran
 * them with system() and popen() ("... 2>/dev/null"), so a quote in a
 * comment ran a command as root.  Here each program is started with
 * fork and execv and an argument vector: no shell ever sees a word.  As
 * before, their stderr goes to /dev/null (nlsadmin says what failed in its
 * own words) and their stdout is read when nlsadmin needs it.  A program
 * that cannot be started is reported with the reason, which the child
 * sends back on a close-on-exec pipe.
 */
#include "config.h"

#include "nlsadmin.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SBINDIR
#define SBINDIR "/usr/sbin"
#endif
#ifndef SAFDIR
#define SAFDIR "/usr/lib/saf"
#endif

static const char *
nls_env_or(const char *name, const char *dflt)
{
	const char *v = getenv(name);

	return v != NULL && v[0] != '\0' ? v : dflt;
}

const char *
nls_sacadm(void)
{
	return nls_env_or("NLSADMIN_SACADM", SBINDIR "/sacadm");
}

const char *
nls_pmadm(void)
{
	return nls_env_or("NLSADMIN_PMADM", SBINDIR "/pmadm");
}

const char *
nls_safdir(void)
{
	return nls_env_or("NLSADMIN_SAFDIR", SAFDIR);
}

void
nls_out_free(struct nls_out *out)
{
	free(out->buf);
	out->buf = NULL;
	out->len = 0;
}

/* The child: descriptors 0 and 2 on /dev/null, 1 on the pipe (or on
   /dev/null), then exec; the reason of a failure goes up errfd. */
static _Noreturn void
nls_child(char *const argv[], int outfd, int errfd)
{
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);
	int e;

	if (null < 0 || dup2(null, 0) < 0 || dup2(null, 2) < 0 ||
	    dup2(outfd >= 0 ? outfd : null, 1) < 0) {
		e = errno;
	} else {
		execv(argv[0], argv);
		e = errno;
	}
	(void)!write(errfd, &e, sizeof(e));
	_exit(127);
}

/* Read fd to its end into *out (bounded): 0, or -1 and errno. */
static int
nls_slurp(int fd, struct nls_out *out)
{
	size_t cap = 4096;
	ssize_t n;

	out->len = 0;
	if ((out->buf = malloc(cap)) == NULL)
		return -1;
	for (;;) {
		if (out->len + 1 == cap) {
			char *p = cap < NLS_OUT_MAX ?
			    realloc(out->buf, cap * 2) :
			    NULL;
			if (p == NULL)
				return errno = EFBIG, -1;
			out->buf = p;
			cap *= 2;
		}
		n = read(fd, out->buf + out->len, cap - out->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		out->len += (size_t)n;
	}
	out->buf[out->len] = '\0';
	return 0;
}

/* Wait for pid: its exit status, or -1 (killed). */
static int
nls_wait(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void
nls_close2(int p[2])
{
	if (p[0] >= 0)
		close(p[0]);
	if (p[1] >= 0)
		close(p[1]);
	p[0] = p[1] = -1;
}

int
nls_run(char *const argv[], struct nls_out *out)
{
	int outp[2] = { -1, -1 }, errp[2] = { -1, -1 }, e = 0, ce, status;
	pid_t pid = -1;

	if (out != NULL)
		out->buf = NULL, out->len = 0;
	if ((out != NULL && pipe2(outp, O_CLOEXEC) < 0) ||
	    pipe2(errp, O_CLOEXEC) < 0 || (pid = fork()) < 0) {
		e = errno;
		nls_close2(outp);
		nls_close2(errp);
		nls_error(NLSM_RUNFAIL, argv[0], strerror(e));
		return -1;
	}
	if (pid == 0)
		nls_child(argv, outp[1], errp[1]);
	close(errp[1]);
	if (outp[1] >= 0)
		close(outp[1]);
	if (out != NULL && nls_slurp(outp[0], out) < 0)
		e = errno;
	if (outp[0] >= 0)
		close(outp[0]);
	if (read(errp[0], &ce, sizeof(ce)) == (ssize_t)sizeof(ce))
		e = ce;
	close(errp[0]);
	status = nls_wait(pid);
	if (e == 0 && status >= 0)
		return status;
	if (out != NULL)
		nls_out_free(out);
	if (e != 0)
		nls_error(NLSM_RUNFAIL, argv[0], strerror(e));
	else
		nls_error(NLSM_KILLED, argv[0]);
	return -1;
}

/* ---- what the exit codes mean (listen-illumos reference §11.3) ---- */

struct nls_mapping {
	enum nls_admop op;
	int status; /* a sacadm or pmadm exit code */
	int code;   /* nlsadmin's */
	const char *msg;
};

static const struct nls_mapping nls_maps[] = {
	{ NLS_A_INIT, E_DUP, NLS_FAILED, NLSM_INITED },
	{ NLS_A_INIT, E_PMRUN, NLS_FAILED, NLSM_INITED },
	{ NLS_A_ADD, E_DUP, NLS_SERV, NLSM_SVCEXISTS },
	{ NLS_A_SVC, E_NOEXIST, NLS_SERV, NLSM_NOSVC },
	{ NLS_A_SVC, E_DUP, NLS_SERV, NLSM_NOSVC },
	{ NLS_A_KILL, E_NOEXIST, NLS_SERV, NLSM_NOPM },
	{ NLS_A_START, E_NOEXIST, NLS_BADPM, NLSM_NOPM },
	{ NLS_A_START, E_DUP, NLS_BADPM, NLSM_NOPM },
	{ NLS_A_START, E_PMRUN, NLS_FAILED, NLSM_RUNNING },
	{ NLS_A_ENABLE, E_NOEXIST, NLS_BADPM, NLSM_NOPM },
	{ NLS_A_ENABLE, E_PMRUN, NLS_FAILED, NLSM_RUNNING },
	{ NLS_A_ENABLE, E_PMNOTRUN, NLS_FAILED, NLSM_STARTFAIL },
};

int
nls_map(enum nls_admop op, int status, const char **msg)
{
	size_t i;

	*msg = NULL;
	if (status == 0)
		return NLS_OK;
	if (status < 0) /* not run: said so already */
		return NLS_SYSERR;
	if (status == E_NOPRIV) {
		*msg = NLSM_PERM;
		return NLS_PERM;
	}
	for (i = 0; i < sizeof(nls_maps) / sizeof(nls_maps[0]); i++)
		if (nls_maps[i].op == op && nls_maps[i].status == status) {
			*msg = nls_maps[i].msg;
			return nls_maps[i].code;
		}
	if (op == NLS_A_ADD)
		*msg = NLSM_NOADD;
	return NLS_SYSERR;
}
