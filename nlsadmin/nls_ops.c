/*
 * nls_ops.c - the forms of nlsadmin that are sacadm or pmadm commands.
 *
 * Each runs the command the original ran (saf-illumos reference §9.1),
 * with an argument vector instead of a shell line, reads its output where
 * there is one, and turns its exit code into nlsadmin's (nls_map).  A
 * table change that sac could not pass on (pmadm's E_SACNOTRUN: the table
 * is written) is a success with a warning (nls_unnotified).
 */
#include "config.h"

#include "nlsadmin.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define NLS_ARG(s) ((char *)(s)) /* execv's argv is not const */
#define NLS_VERSTR "4"           /* NLS_VERSION, as -v's argument */

/* Each line of out (without its newline) to fn, until fn says stop. */
static int
nls_each_line(const struct nls_out *out,
    int (*fn)(const char *line, size_t len, void *arg), void *arg)
{
	const char *p = out->buf, *end = out->buf + out->len, *nl;
	int rc;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if ((rc = fn(p, (size_t)(nl - p), arg)) != NLS_OK)
			return rc;
		p = nl + 1;
	}
	return NLS_OK;
}

/* Report a mapped failure; the exit code. */
static int
nls_report(enum nls_admop op, int status)
{
	const char *msg;
	int code = nls_map(op, status, &msg);

	if (msg != NULL)
		nls_error("%s", msg);
	return code;
}

/* ---- sacadm -L: the monitor, and every listener ---- */

int
nls_pm_lookup(const char *tag, struct nls_pmline *pm)
{
	char *argv[] = { NLS_ARG(nls_sacadm()), NLS_ARG("-L"), NLS_ARG("-p"),
		NLS_ARG(tag), NULL };
	struct nls_out out;
	const char *nl;
	int st, rc = NLS_OK;

	if ((st = nls_run(argv, &out)) < 0)
		return NLS_SYSERR;
	nl = memchr(out.buf, '\n', out.len);
	if (out.len == 0) {
		nls_error(NLSM_BADNET);
		rc = NLS_BADPM;
	} else if (nls_pmline_parse(out.buf,
		       nl != NULL ? (size_t)(nl - out.buf) : out.len, pm) < 0) {
		nls_error(NLSM_SYSERR);
		rc = NLS_SYSERR;
	} else if (strcmp(pm->type, NLS_LISTENTYPE) != 0) {
		nls_error(NLSM_NOTLISTEN, tag);
		rc = NLS_BADPM;
	}
	nls_out_free(&out);
	return rc;
}

static int
nls_listall_line(const char *line, size_t len, void *arg)
{
	struct nls_pmline pm;

	(void)arg;
	if (nls_pmline_parse(line, len, &pm) < 0)
		return NLS_SYSERR;
	printf("%s\t%s\n", pm.tag,
	    nls_state_active(pm.state) ? "ACTIVE" : "INACTIVE");
	return NLS_OK;
}

int
nls_listall(void)
{
	char *argv[] = { NLS_ARG(nls_sacadm()), NLS_ARG("-L"), NLS_ARG("-t"),
		NLS_ARG(NLS_LISTENTYPE), NULL };
	struct nls_out out;
	int rc;

	if (nls_run(argv, &out) < 0)
		return NLS_SYSERR;
	rc = nls_each_line(&out, nls_listall_line, NULL);
	nls_out_free(&out);
	return rc;
}

int
nls_status(const char *tag, const struct nls_pmline *pm, bool quiet)
{
	bool active = nls_state_active(pm->state);

	if (!quiet)
		printf("%s\t%s\n", tag, active ? "ACTIVE" : "INACTIVE");
	return active ? NLS_OK : NLS_INACTIVE;
}

/* ---- pmadm -L: -v, -z, -q -z ---- */

struct nls_vstate {
	const char *tag;
	bool quiet;     /* -q -z: the answer is the exit code */
	bool notlisten; /* the last record seen was of another type */
};

static int
nls_verbose_line(const char *line, size_t len, void *arg)
{
	struct nls_vstate *v = arg;
	struct nls_svcline s;
	struct saf_listen_rec r;
	struct saf_error err;
	char buf[4 * SAF_FIELD_MAX + 256];

	if (nls_svcline_parse(line, len, &s) < 0)
		return NLS_SYSERR;
	v->notlisten = strcmp(s.pmtype, NLS_LISTENTYPE) != 0;
	if (v->notlisten)
		return NLS_OK;
	if (v->quiet)
		return (s.ent.flags & SAF_PM_XFLAG) ? NLS_INACTIVE : NLS_OK;
	if (saf_listen_parse(&s.ent, 0, &r, &err) < 0) {
		nls_warn(NLSM_BADENTRY, s.ent.svctag);
		return NLS_OK;
	}
	if (nls_svc_format(&s, &r, buf, sizeof(buf)) < 0)
		return NLS_SYSERR;
	fputs(buf, stdout);
	return NLS_OK;
}

int
nls_verbose(const char *tag, const char *svc, bool quiet)
{
	char *argv[] = { NLS_ARG(nls_pmadm()), NLS_ARG("-L"), NLS_ARG("-p"),
		NLS_ARG(tag), NLS_ARG("-s"), NLS_ARG(svc), NULL };
	struct nls_vstate v = { .tag = tag, .quiet = quiet && svc != NULL };
	struct nls_out out;
	int st, rc;

	if (svc == NULL)
		argv[4] = NULL;
	if ((st = nls_run(argv, &out)) < 0)
		return NLS_SYSERR;
	/* no such service, or a code pmadm refuses: unknown */
	if (st != 0 && st != E_NOEXIST && (svc == NULL || st != E_BADARGS))
		rc = NLS_SYSERR;
	else if (out.len == 0 && svc != NULL)
		rc = NLS_SERV; /* no such service */
	else
		rc = nls_each_line(&out, nls_verbose_line, &v);
	nls_out_free(&out);
	if (rc == NLS_SERV && !v.quiet)
		nls_error(NLSM_UNKNOWNSVC, svc);
	if (rc == NLS_OK && v.notlisten) {
		nls_error(NLSM_NOTLISTEN, tag);
		rc = NLS_BADPM;
	}
	return rc;
}

/* ---- -i, -a, -r, -e, -d ---- */

void
nls_cmd_exists(const char *cmd)
{
	char first[SAF_PATH_MAX];
	size_t n = strcspn(cmd, " \t");
	struct stat st;

	if (n >= sizeof(first))
		n = sizeof(first) - 1;
	memcpy(first, cmd, n);
	first[n] = '\0';
	if (stat(first, &st) < 0)
		nls_warn(NLSM_NOFILE, first);
}

/* pmadm -a of a command service: pmadm's exit code, or -1. */
static int
nls_pmadm_add(const char *tag, const char *svc, const char *id,
    const char *spec, const char *comment)
{
	char *argv[] = { NLS_ARG(nls_pmadm()), NLS_ARG("-a"), NLS_ARG("-p"),
		NLS_ARG(tag), NLS_ARG("-s"), NLS_ARG(svc), NLS_ARG("-i"),
		NLS_ARG(id), NLS_ARG("-m"), NLS_ARG(spec), NLS_ARG("-v"),
		NLS_ARG(NLS_VERSTR), NLS_ARG("-y"), NLS_ARG(comment), NULL };

	return nls_run(argv, NULL);
}

/* The pmspecific part of a command service without an address. */
static int
nls_cmd_spec(const char *cmd, const char *modules, char *buf, size_t size)
{
	struct nls_spec q = { .addr = "",
		.prog = -1,
		.vers = -1,
		.lflags = SAF_LF_C,
		.modules = modules,
		.command = cmd };
	struct saf_error err;

	if (nls_spec_format(&q, buf, size, &err) < 0) {
		nls_error(NLSM_BADPMSPEC, err.text);
		return -1;
	}
	return 0;
}

int
nls_init(const char *tag)
{
	char cmd[SAF_PATH_MAX + 64], spec[SAF_FIELD_MAX + 1];
	char *argv[] = { NLS_ARG(nls_sacadm()), NLS_ARG("-a"), NLS_ARG("-p"),
		NLS_ARG(tag), NLS_ARG("-t"), NLS_ARG(NLS_LISTENTYPE),
		NLS_ARG("-c"), cmd, NLS_ARG("-v"), NLS_ARG(NLS_VERSTR), NULL };
	bool told = true;
	int n, st;

	/* starlan's devices were named slan: the listener's -m says so */
	n = snprintf(cmd, sizeof(cmd), "%s/listen %s%s", nls_safdir(),
	    strcmp(tag, "starlan") == 0 ? "-m slan " : "", tag);
	if (n < 0 || (size_t)n >= sizeof(cmd)) {
		nls_error(NLSM_TABLE, nls_safdir(), strerror(ENAMETOOLONG));
		return NLS_SYSERR;
	}
	st = nls_run(argv, NULL);
	if (st == E_SACNOTRUN) /* _sactab is written */
		told = false;
	else if (st != 0)
		return nls_report(NLS_A_INIT, st);
	(void)snprintf(cmd, sizeof(cmd), "%s/nlps_server", nls_safdir());
	/* service 0 is best effort, as it was: its failures are not ours */
	if (nls_cmd_spec(cmd, "", spec, sizeof(spec)) == 0 &&
	    nls_pmadm_add(tag, NLS_NLPSSVCCODE, NLS_NLPSID, spec,
		NLS_NLPSCMT) == E_SACNOTRUN)
		told = false;
	if (!told)
		nls_unnotified(tag);
	return NLS_OK;
}

int
nls_add(const struct nls_opts *o)
{
	char spec[SAF_FIELD_MAX + 1];
	int st;

	if (o->cmd[0] != '/') {
		nls_error(NLSM_FULLPATH);
		return NLS_CMD;
	}
	nls_cmd_exists(o->cmd);
	if (nls_cmd_spec(o->cmd, o->modules, spec, sizeof(spec)) < 0)
		return NLS_CMD;
	st = nls_pmadm_add(o->netspec, o->svc, o->id, spec, o->comment);
	if (st == E_SACNOTRUN) {
		nls_unnotified(o->netspec);
		return NLS_OK;
	}
	return nls_report(NLS_A_ADD, st);
}

int
nls_svcop(const char *tag, const char *svc, enum nls_mode mode)
{
	char *argv[] = { NLS_ARG(nls_pmadm()),
		NLS_ARG(mode == NLS_M_REMOVE ? "-r" :
			mode == NLS_M_ENABLE ? "-e" :
					       "-d"),
		NLS_ARG("-p"), NLS_ARG(tag), NLS_ARG("-s"), NLS_ARG(svc),
		NULL };
	int st = nls_run(argv, NULL);

	if (st == E_SACNOTRUN) {
		nls_unnotified(tag);
		return NLS_OK;
	}
	return nls_report(NLS_A_SVC, st);
}

/* ---- -s, -k ---- */

static int
nls_sacadm_op(const char *op, const char *tag)
{
	char *argv[] = { NLS_ARG(nls_sacadm()), NLS_ARG(op), NLS_ARG("-p"),
		NLS_ARG(tag), NULL };

	return nls_run(argv, NULL);
}

int
nls_start(const char *tag)
{
	int st = nls_sacadm_op("-s", tag);

	if (st != 0)
		return nls_report(NLS_A_START, st);
	return nls_report(NLS_A_ENABLE, nls_sacadm_op("-e", tag));
}

int
nls_kill(const char *tag)
{
	int st = nls_sacadm_op("-k", tag);

	if (st == E_PMNOTRUN) {
		nls_error(NLSM_NOTACTIVE, tag);
		return NLS_FAILED;
	}
	return nls_report(NLS_A_KILL, st);
}

/* ---- -c, -o: the pmspecific part, printed ---- */

int
nls_format(const struct nls_opts *o)
{
	const char *path = o->cmd != NULL ? o->cmd : o->pipe;
	char addr[SAF_ADDR_MAX + 1] = "", spec[SAF_FIELD_MAX + 1];
	struct nls_spec q = { .addr = addr,
		.prog = o->prog,
		.vers = o->vers,
		.modules = o->modules,
		.command = path };
	struct saf_error err;

	if (path[0] != '/') {
		nls_error(NLSM_FULLPATH);
		return NLS_CMD;
	}
	nls_cmd_exists(path);
	if (o->addr != NULL &&
	    nls_addr_table(o->addr, AF_UNSPEC, addr, sizeof(addr), &err) < 0) {
		nls_error(NLSM_BADADDR, o->addr, err.text);
		return NLS_CMD;
	}
	q.lflags = (o->cmd != NULL ? SAF_LF_C : SAF_LF_P) |
	    (o->dynamic ? SAF_LF_D : 0);
	if (nls_spec_format(&q, spec, sizeof(spec), &err) < 0) {
		nls_error(NLSM_BADPMSPEC, err.text);
		return NLS_CMD;
	}
	printf("%s\n", spec);
	return NLS_OK;
}

/* ---- -C: the running listener's status file ---- */

int
nls_counters(const char *tag)
{
	char pidpath[SAF_PATH_MAX], path[SAF_PATH_MAX];
	struct nls_lsstatus st;
	struct saf_error err;
	char *buf;
	size_t len;
	pid_t pid;

	if (saf_path(pidpath, sizeof(pidpath), SAF_P_PID, tag) < 0 ||
	    saf_path(path, sizeof(path), SAF_P_PMSTATUS, tag) < 0) {
		nls_error(NLSM_BADNET);
		return NLS_BADPM;
	}
	/* running: it holds the lock of its _pid file */
	if (saf_pid_check(pidpath, &pid) != 1) {
		nls_error(NLSM_NOTACTIVE, tag);
		return NLS_FAILED;
	}
	if (saf_file_read(path, &buf, &len) < 0) {
		nls_error(NLSM_NOSTATUS, path, strerror(errno));
		return NLS_FAILED;
	}
	if (nls_lsstatus_parse(buf, len, &st, &err) < 0) {
		free(buf);
		nls_error(NLSM_BADSTATUS, path, err.line, err.text);
		return NLS_FAILED;
	}
	free(buf);
	if (pid != 0 && st.pid != (long)pid) {
		/* left by a listener that did not exit cleanly */
		nls_error(NLSM_NOSTATUS, path, "written by another process");
		nls_lsstatus_free(&st);
		return NLS_FAILED;
	}
	nls_lsstatus_print(stdout, &st);
	nls_lsstatus_free(&st);
	return NLS_OK;
}
