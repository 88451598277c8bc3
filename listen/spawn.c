/*
 * spawn.c - starting servers (the exec path) and keeping track of them.
 *
 * Everything a start needs that can be looked up is looked up when the
 * table is loaded (ls_spawn_prepare): the argument vector, the user's
 * uid, gid, groups and home, whether a service script exists.  The fast
 * path then is fork, and in the child one fixed sequence (ls_child):
 * new session, the connection on 0, 1 and 2 and nothing else, signals
 * back to default, umask 022, the environment, the service script (as
 * root, before the identity changes), the utmpx record, groups, gid, uid,
 * the home directory (or "/", logged, when it does not exist), exec.
 * The listener reaps its children, logs how each ended, and writes the
 * DEAD_PROCESS record of those it accounted for.
 */
#include "config.h"

#include "doconfig.h"
#include "ls.h"
#include "nlps.h"
#include "xti_modules.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/close_range.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utmpx.h>

/* PATH given to servers (SVR4 gave "/usr/bin:" and "/usr/sbin:/usr/bin"). */
#define LS_PATH_USER "/usr/local/bin:/usr/bin:/bin"
#define LS_PATH_ROOT \
	"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
/* Most supplementary groups prepared for a server. */
#define LS_MAXGROUPS 256

static void ls_unready(struct ls_svc *s, const char *fmt, ...) SAF_PRINTF(2, 3);

static void
ls_unready(struct ls_svc *s, const char *fmt, ...)
{
	va_list ap;

	s->ready = false;
	va_start(ap, fmt);
	vsnprintf(s->why, sizeof(s->why), fmt, ap);
	va_end(ap);
}

/* The user of a service: uid, gid, groups, home. */
static void
ls_prepare_id(struct ls_svc *s)
{
	struct passwd pw, *pp = NULL;
	char buf[4096];
	gid_t groups[LS_MAXGROUPS];
	int n = LS_MAXGROUPS;

	if (getpwnam_r(s->ent.id, &pw, buf, sizeof(buf), &pp) != 0 ||
	    pp == NULL) {
		ls_unready(
		    s, "Missing or bad passwd entry for <%s>", s->ent.id);
		return;
	}
	s->uid = pw.pw_uid;
	s->gid = pw.pw_gid;
	s->home = strdup(pw.pw_dir);
	if (getgrouplist(pw.pw_name, pw.pw_gid, groups, &n) < 0)
		n = LS_MAXGROUPS; /* more than we keep: the first ones */
	s->groups = malloc((size_t)n * sizeof(gid_t));
	if (s->home == NULL || s->groups == NULL) {
		ls_unready(s, "%s", "cannot allocate enough memory");
		return;
	}
	memcpy(s->groups, groups, (size_t)n * sizeof(gid_t));
	s->ngroups = n;
	s->nohome = access(s->home, F_OK) < 0;
	if (s->nohome && s->how == LS_EXEC)
		ls_log("service %s: the home directory %s of %s does not "
		       "exist; its servers run in /",
		    s->ent.svctag, s->home, s->ent.id);
	if (geteuid() != 0 && s->uid != geteuid())
		ls_unready(s,
		    "service runs as <%s>, but the listener is not root",
		    s->ent.id);
}

/* Every module must have a meaning on Linux (libxti's stack). */
static void
ls_prepare_modules(struct ls_svc *s)
{
	char list[SAF_FIELD_MAX + 1], *m, *save = NULL;

	snprintf(list, sizeof(list), "%s", s->rec.modules);
	for (m = strtok_r(list, ",", &save); m != NULL;
	     m = strtok_r(NULL, ",", &save)) {
		m += strspn(m, " \t");
		if (*m != '\0' && !xti_module_supported(m)) {
			s->ready = false;
			snprintf(s->why, sizeof(s->why),
			    "module \"%.32s\" is not supported on Linux (only "
			    "timod and tirdwr)",
			    m);
			return;
		}
	}
}

void
ls_spawn_prepare(struct ls *ls, struct ls_svc *s)
{
	char path[SAF_PATH_MAX], trust[SAF_PATH_MAX + 96];
	const char *why;
	struct stat st;

	s->ready = true;
	s->why[0] = '\0';
	s->ls = ls;
	s->script =
	    saf_path_svc(path, sizeof(path), ls->tag, s->ent.svctag) == 0 &&
	    stat(path, &st) == 0;
	if (s->how == LS_NLPS)
		return;
	/* its run lines run as root: only root may write it */
	if (s->script && saf_file_trusted(path, trust, sizeof(trust)) < 0 &&
	    errno == EPERM) {
		ls_unready(s, "service script refused: %s", trust);
		return;
	}
	ls_prepare_id(s);
	if (s->ready)
		ls_prepare_modules(s);
	if (!s->ready || s->how != LS_EXEC)
		return;
	if ((s->argbuf = strdup(s->rec.command)) == NULL) {
		ls_unready(s, "%s", "cannot allocate enough memory");
		return;
	}
	if (saf_argv_split(s->argbuf, s->argv, LS_MAXARGS, &why) <= 0) {
		s->ready = false;
		snprintf(s->why, sizeof(s->why),
		    "invalid command line, %s for service code <%s>", why,
		    s->ent.svctag);
	}
}

void
ls_spawn_release(struct ls_svc *s)
{
	free(s->argbuf);
	free(s->groups);
	free(s->home);
	s->argbuf = NULL;
	s->groups = NULL;
	s->home = NULL;
	ls_pass_close(s);
}

/* ---- children ---- */

struct ls_child *
ls_child_add(struct ls *ls, pid_t pid)
{
	size_t i;

	for (i = 0; i < ls->nkids; i++)
		if (ls->kids[i].pid == 0)
			break;
	if (i == ls->nkids) {
		if (ls->nkids == ls->capkids) {
			size_t n = ls->capkids ? ls->capkids * 2 : 64;
			struct ls_child *k = realloc(ls->kids, n * sizeof(*k));

			if (k == NULL)
				return NULL; /* reaped, but not logged */
			ls->kids = k;
			ls->capkids = n;
		}
		ls->nkids++;
	}
	memset(&ls->kids[i], 0, sizeof(ls->kids[i]));
	ls->kids[i].pid = pid;
	ls->kids[i].minor = -1;
	return &ls->kids[i];
}

/* The lowest utmpx line number not in use. */
static int
ls_minor_take(struct ls *ls)
{
	size_t i;

	for (i = 0; i < ls->nminors; i++)
		if (!ls->minors[i])
			break;
	if (i == ls->nminors) {
		unsigned char *m = realloc(ls->minors, ls->nminors + 64);

		if (m == NULL)
			return -1;
		memset(m + ls->nminors, 0, 64);
		ls->minors = m;
		ls->nminors += 64;
	}
	ls->minors[i] = 1;
	return (int)i;
}

static void
ls_child_ended(struct ls *ls, struct ls_child *k, int status)
{
	struct ls_svc *s;

	if (k->rpc) {
		if (k->rpcmsg[0] == '\0')
			;
		else if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			ls_log("  registered with rpcbind, %s", k->rpcmsg);
		else
			ls_log("rpcb_set failed, service not registered with "
			       "rpcbind");
	} else if (WIFSIGNALED(status)) {
		ls_log("server of service %s (pid %ld) killed by signal %d",
		    k->svc, (long)k->pid, WTERMSIG(status));
	} else {
		ls_log("server of service %s (pid %ld) exited with status %d",
		    k->svc, (long)k->pid, WEXITSTATUS(status));
	}
	if (k->minor >= 0) {
		(void)saf_utx_dead(k->pid, status);
		if ((size_t)k->minor < ls->nminors)
			ls->minors[k->minor] = 0;
	}
	if (!k->rpc && (s = ls_table_find(&ls->tab, k->svc)) != NULL &&
	    s->n.running > 0)
		s->n.running--;
	k->pid = 0;
}

void
ls_reap(struct ls *ls)
{
	pid_t pid;
	int status;
	size_t i;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (i = 0; i < ls->nkids; i++)
			if (ls->kids[i].pid == pid) {
				ls_child_ended(ls, &ls->kids[i], status);
				break;
			}
		while (ls->nkids > 0 && ls->kids[ls->nkids - 1].pid == 0)
			ls->nkids--;
	}
}

/* ---- the child ---- */

/* In the child: log why and end it (set-up failed). */
static _Noreturn void
ls_child_fail(const char *what, const char *arg)
{
	ls_log("%s%s", what, arg);
	_exit(LS_CHILD_SETUP);
}

/* The caller as text, for utmpx. */
static void
ls_peer_text(const struct sockaddr_storage *peer, char *buf, size_t size)
{
	const void *a = NULL;

	buf[0] = '\0';
	if (peer->ss_family == AF_INET)
		a = &((const struct sockaddr_in *)peer)->sin_addr;
	else if (peer->ss_family == AF_INET6)
		a = &((const struct sockaddr_in6 *)peer)->sin6_addr;
	if (a != NULL)
		(void)inet_ntop(peer->ss_family, a, buf, (socklen_t)size);
}

static void
ls_child_env(const struct ls *ls, const struct ls_svc *s,
    const struct sockaddr_storage *peer, socklen_t plen)
{
	char hex[2 * sizeof(struct sockaddr_storage) + 1];

	ls_hex(peer, plen, hex, sizeof(hex));
	if (setenv(NLSADDR, hex, 1) < 0 || setenv(NLSOPT, "", 1) < 0 ||
	    setenv(NLSUDATA, "", 1) < 0 ||
	    setenv(NLSPROVIDER, ls->netspec, 1) < 0 ||
	    setenv("MPREFIX", ls->devstem, 1) < 0 ||
	    setenv("HOME", s->home, 1) < 0 ||
	    setenv("PATH", s->uid == 0 ? LS_PATH_ROOT : LS_PATH_USER, 1) < 0 ||
	    setenv("LOGNAME", s->ent.id, 1) < 0 ||
	    setenv("USER", s->ent.id, 1) < 0)
		ls_log("Can't expand server's environment");
}

/* utmpx USER_PROCESS record: line is the devstem and the minor number. */
static void
ls_child_utmpx(
    const struct ls *ls, int minor, const struct sockaddr_storage *peer)
{
	char line[32], user[SAF_PMTAG_MAX + 2], host[INET6_ADDRSTRLEN];
	struct saf_utx u;

	if (minor < 100)
		snprintf(line, sizeof(line), "%.9s%02d", ls->devstem, minor);
	else
		snprintf(line, sizeof(line), "%.8s%03d", ls->devstem, minor);
	snprintf(user, sizeof(user), ".%s", ls->tag);
	ls_peer_text(peer, host, sizeof(host));
	memset(&u, 0, sizeof(u));
	u.type = USER_PROCESS;
	u.pid = getpid();
	u.user = user;
	u.line = line;
	u.host = host;
	u.prefix[0] = 'l';
	u.prefix[1] = 's';
	if (saf_utx_write(&u, NULL) < 0)
		ls_log("Could not create utmpx entry for service server: %s",
		    strerror(errno));
}

/* Modules: timod off the top, then the record's list (libxti's stack). */
static void
ls_child_modules(const struct ls_svc *s)
{
	char list[SAF_FIELD_MAX + 1], top[XTI_FMNAMESZ + 1], *m, *save = NULL;

	if (s->rec.modules[0] == '\0')
		return;
	if (xti_look(0, top, sizeof(top)) == 0 && strcmp(top, "timod") == 0)
		(void)xti_pop(0);
	snprintf(list, sizeof(list), "%s", s->rec.modules);
	for (m = strtok_r(list, ",", &save); m != NULL;
	     m = strtok_r(NULL, ",", &save))
		if (*(m += strspn(m, " \t")) != '\0' && xti_push(0, m) < 0)
			ls_child_fail("Can't push server's modules: ", m);
}

static void
ls_child_script(const struct ls *ls, const struct ls_svc *s)
{
	char path[SAF_PATH_MAX];
	struct doconfig_err err;
	int r;

	if (!s->script ||
	    saf_path_svc(path, sizeof(path), ls->tag, s->ent.svctag) < 0)
		return;
	r = doconfig_r(0, path, 0, &err);
	if (r != 0) {
		ls_log("doconfig failed on line %d of script %s", r, path);
		ls_child_fail("", err.msg);
	}
}

static void
ls_child_identity(const struct ls_svc *s)
{
	if (geteuid() != 0)
		return; /* refused at load unless it is the listener's user */
	if (setgroups((size_t)s->ngroups, s->groups) < 0)
		ls_child_fail("Cannot set the groups of ", s->ent.id);
	if (setgid(s->gid) < 0 || getgid() != s->gid)
		ls_child_fail("Cannot set group id of ", s->ent.id);
	if (setuid(s->uid) < 0 || getuid() != s->uid || geteuid() != s->uid)
		ls_child_fail("Cannot set user id to ", s->ent.id);
}

static _Noreturn void
ls_child(const struct ls *ls, const struct ls_svc *s, int fd, int minor,
    const struct sockaddr_storage *peer, socklen_t plen,
    const char *const *extra, int nextra, const char *last)
{
	char *argv[LS_MAXARGS + SMB_MAX_DIALECTS + 3];
	struct sigaction sa;
	sigset_t none;
	int i, n = 0;

	ls_log_child();
	(void)setsid();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	for (i = 1; i < NSIG; i++)
		(void)sigaction(i, &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (dup2(fd, 0) < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
		ls_child_fail("Dup of fd 0 failed: ", strerror(errno));
	ls_handover(0);
	/* the log stays usable until exec; everything else goes then */
	if (close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) < 0)
		for (i = 3; i < 65536; i++)
			(void)fcntl(i, F_SETFD, FD_CLOEXEC);
	umask(022);
	ls_child_modules(s);
	ls_child_env(ls, s, peer, plen);
	ls_child_script(ls, s);
	if (minor >= 0)
		ls_child_utmpx(ls, minor, peer);
	ls_child_identity(s);
	if (s->nohome || chdir(s->home) < 0) {
		if (!s->nohome)
			ls_log("Cannot chdir to %s: %s; using /", s->home,
			    strerror(errno));
		(void)chdir("/");
	}
	argv[n++] = s->argv[0];
	for (i = 0; i < nextra; i++)
		argv[n++] = (char *)extra[i];
	for (i = 1; s->argv[i] != NULL; i++)
		argv[n++] = s->argv[i];
	if (last != NULL)
		argv[n++] = (char *)last;
	argv[n] = NULL;
	execv(argv[0], argv);
	ls_log("ERROR: could not exec server %s", argv[0]);
	ls_log("System error: %s", strerror(errno));
	_exit(LS_CHILD_EXEC);
}

_Noreturn void
ls_exec_here(const struct ls *ls, const struct ls_svc *s, int fd,
    const struct sockaddr_storage *peer, socklen_t plen,
    const char *const *extra, int nextra, const char *last)
{
	ls_child(ls, s, fd, -1, peer, plen, extra, nextra, last);
}

int
ls_exec(struct ls *ls, struct ls_svc *s, int fd,
    const struct sockaddr_storage *peer, socklen_t plen,
    const char *const *extra, int nextra, const char *last)
{
	struct ls_child *k;
	int minor = -1;
	pid_t pid;

	if (s->ent.flags & SAF_PM_UFLAG)
		minor = ls_minor_take(ls);
	pid = fork();
	if (pid < 0) {
		ls_log("Error during fork() to start a service: %s",
		    strerror(errno));
		if (minor >= 0)
			ls->minors[minor] = 0;
		ls_refuse(fd);
		s->n.failed++;
		return -1;
	}
	if (pid == 0)
		ls_child(ls, s, fd, minor, peer, plen, extra, nextra, last);
	close(fd);
	s->n.running++;
	if ((k = ls_child_add(ls, pid)) != NULL) {
		snprintf(k->svc, sizeof(k->svc), "%s", s->ent.svctag);
		k->minor = minor;
	}
	return 0;
}
