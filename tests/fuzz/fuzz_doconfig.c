/*
 * fuzz_doconfig.c - libFuzzer target for the doconfig line parser.
 *
 * The input is split into lines at "\n" as doconfig reads a script; each
 * line (too long or holding NUL bytes included) goes to dc_parse, and
 * what comes back is checked: a reason on failure, and on success
 * strings that lie inside the command's own buffer and end there.
 *
 * Then the whole input as a script file, read and carried out by the
 * real doconfig_r as the listener runs a pass-fd service's script
 * (NOASSIGN|NORUN, on a real socket's module stack), and as sac's
 * scripts are run on no endpoint (fd -1, NOASSIGN|NORUN): the result is
 * 0 or a line of the script with its reason, and nothing about the
 * process changes (environment, directory, umask, file size limit), since
 * everything that could is refused under those flags.
 */
#include "config.h"

#include "dc_parse.h"
#include "xti_modules.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

extern char **environ;

/* A string of cmd must lie in cmd->buf and be NUL-terminated there. */
static void
check_inside(const struct dc_cmd *cmd, const char *s)
{
	const char *end = cmd->buf + sizeof(cmd->buf);

	if (s == NULL)
		return;
	if (s < cmd->buf || s >= end ||
	    memchr(s, '\0', (size_t)(end - s)) == NULL)
		abort();
}

static void
check_cmd(const struct dc_cmd *cmd)
{
	const char *m = cmd->mods;
	size_t i;

	check_inside(cmd, cmd->name);
	check_inside(cmd, cmd->value);
	if (cmd->op == DC_PUSH && (cmd->nmods == 0 || m == NULL))
		abort();
	for (i = 0; i < cmd->nmods; i++) {
		check_inside(cmd, m);
		if (*m == '\0' || strpbrk(m, ", \t#") != NULL)
			abort();
		m += strlen(m) + 1;
	}
	if (cmd->op == DC_ASSIGN && (cmd->name == NULL || cmd->value == NULL))
		abort();
	if (cmd->op == DC_SPAWN && (cmd->value == NULL || *cmd->value == '\0'))
		abort();
	if (cmd->op == DC_UMASK && cmd->num > DC_UMASK_MAX)
		abort();
	if (cmd->op == DC_ULIMIT && cmd->num > DC_ULIMIT_MAX)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What a script run under NOASSIGN|NORUN must leave as it was. */
struct proc_state {
	char cwd[512];
	mode_t umask;
	struct rlimit fsize;
	size_t nenv;
};

static void
proc_state(struct proc_state *p)
{
	size_t n = 0;

	if (getcwd(p->cwd, sizeof(p->cwd)) == NULL)
		abort();
	p->umask = umask(022);
	umask(p->umask);
	if (getrlimit(RLIMIT_FSIZE, &p->fsize) < 0)
		abort();
	while (environ[n] != NULL)
		n++;
	p->nenv = n;
}

static void
same_state(const struct proc_state *a, const struct proc_state *b)
{
	if (strcmp(a->cwd, b->cwd) != 0 || a->umask != b->umask ||
	    a->fsize.rlim_cur != b->fsize.rlim_cur ||
	    a->fsize.rlim_max != b->fsize.rlim_max || a->nenv != b->nenv)
		abort();
}

/* The result of a run: 0, or a line of the script and its reason. */
static void
check_result(int r, const struct doconfig_err *err, size_t nlines)
{
	char want[32];

	if (r == 0)
		return;
	if (r < 0 || (size_t)r > nlines || err->line != r)
		abort();
	snprintf(want, sizeof(want), "line %d: ", r);
	if (strncmp(err->msg, want, strlen(want)) != 0)
		abort();
}

static void
run_script(const uint8_t *data, size_t size, size_t nlines)
{
	static int mfd = -1, sock = -1;
	static char path[64];
	struct doconfig_err err;
	struct proc_state before, after;
	int r;

	if (mfd < 0) {
		mfd = memfd_create("script", MFD_CLOEXEC);
		sock = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (mfd < 0 || sock < 0)
			abort();
		snprintf(path, sizeof(path), "/proc/self/fd/%d", mfd);
	}
	if (ftruncate(mfd, 0) < 0 ||
	    (size > 0 && pwrite(mfd, data, size, 0) != (ssize_t)size))
		abort();
	while (xti_pop(sock) == 0)
		;
	proc_state(&before);
	r = doconfig_r(sock, path, NOASSIGN | NORUN, &err);
	check_result(r, &err, nlines);
	r = doconfig_r(-1, path, NOASSIGN | NORUN, &err);
	check_result(r, &err, nlines);
	proc_state(&after);
	same_state(&before, &after);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct dc_cmd cmd;
	char why[DC_WHY_MAX];
	const char *p = (const char *)data, *end = p + size, *nl;
	size_t len, nlines = 0;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		len = (size_t)((nl != NULL ? nl : end) - p);
		if (dc_parse(p, len, &cmd, why, sizeof(why)) < 0) {
			if (why[0] == '\0' || strlen(why) >= sizeof(why))
				abort();
		} else {
			check_cmd(&cmd);
		}
		p += len + 1;
		nlines++;
	}
	run_script(data, size, nlines);
	return 0;
}
