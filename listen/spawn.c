/*
 * spawn.c - starting servers (the exec path) and keeping track of them.
 *
 * Everything a start needs that can be looked up is looked up when the
 * table is loaded (ls_spawn_prepare): the argument vector, whether a
 * service script exists, and per user (looked up once per load, shared
 * by its services) the uid, gid, groups, home and the environment its
 * servers get.  Nothing is looked up or allocated per connection.
 *
 * The child goes through one fixed sequence: new session, signals back
 * to default, the connection on 0, 1 and 2 and nothing else, umask 022,
 * the environment, (the service script, as root, before the identity
 * changes; the utmpx record), groups, gid, uid, the home directory (or
 * "/", logged, when it does not exist), exec.  There are two ways to
 * make it:
 *
 *  - Without fork, for services with no script and no modules
 *    (ls_fast_child): clone(CLONE_VM | CLONE_VFORK), so the
 *    listener's page tables are never copied.  The child shares the
 *    listener's memory until it execs, so it only makes system calls on
 *    data prepared beforehand: no allocation, no stdio, no log (what
 *    fails is written into a structure its parent reads, and the loop
 *    logs it with the child's pid).  It also shares the descriptor table
 *    at first (CLONE_FILES): the connection sits at a reserved low
 *    number, and the child's own table gets only the descriptors up to it
 *    (close_range with CLOSE_RANGE_UNSHARE), so a start costs the same
 *    however many connections the listener holds.
 *
 *    CLONE_VFORK suspends the calling thread until the child has exec'd,
 *    which takes as long as the scheduler makes it wait for a CPU.  So
 *    the event loop does not make these calls itself: it hands each start
 *    (a prepared job) to one of a few worker threads over a socket pair,
 *    and the worker clones, waits, and hands the job back the same way;
 *    the loop watches its end.  The workers do nothing else: no log, no
 *    allocation, no shared state but their jobs.  Only when every job is
 *    in use (or the start carries extra arguments) does the loop clone
 *    and wait itself.
 *  - With fork (ls_child), when a script or modules must run in the
 *    child.
 *
 * Either child writes its own utmpx record ("u" services) before it
 * execs, with utmpx.c's system calls: the listener tells it where its
 * slot's record was, and learns where it went.
 *
 * The listener reaps its children, logs how each ended, and writes the
 * DEAD_PROCESS record of those it accounted for.  A child a worker
 * started may end before the loop has seen its job come back: its status
 * waits in a short list until then.
 */
#include "config.h"

#include "doconfig.h"
#include "ls.h"
#include "nlps.h"
#include "xti_modules.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/close_range.h>
#include <poll.h>
#include <pthread.h>
#include <pwd.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utmpx.h>

/* PATH given to servers (SVR4 gave "/usr/bin:" and "/usr/sbin:/usr/bin"). */
#define LS_PATH_USER "/usr/local/bin:/usr/bin:/bin"
#define LS_PATH_ROOT \
	"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
/* Most supplementary groups prepared for a server. */
#define LS_MAXGROUPS    256
/* How long the user lookups of a table load may take. */
#define LS_LOOKUP_MS    30000
/* Stack of a child started without fork, until it execs: it calls only
 * system call wrappers (sanitizer builds need more than the few KiB a
 * plain build uses). */
#define LS_CHILD_STACK  (64 * 1024)
/* Worker threads: one per CPU, within these bounds. */
#define LS_WORKERS_MIN  2
#define LS_WORKERS_MAX  8
/* A worker's stack: its frames and a child's stack. */
#define LS_WORKER_STACK (LS_CHILD_STACK + 64 * 1024)
/* Starts handed to the workers at once (at least an accept batch). */
#define LS_JOBS         LS_ACCEPT_BATCH
/* Environment entries of a server started without fork (the child copies
 * them on its stack, with NLSADDR; more: it is started with fork). */
#define LS_CHILD_ENV    2048

/* Set once by ls_spawn_init: signals the listener ignores (they stay
 * ignored across exec, so a server gets them back to default), whether
 * it may change identities, and whether starts without fork are set up. */
static sigset_t ls_sig_ignored;
static bool ls_root;
static bool ls_spawn_ready;

static void ls_unready(struct ls_svc *s, const char *fmt, ...) SAF_PRINTF(2, 3);

static void
ls_unready(struct ls_svc *s, const char *fmt, ...)
{
	va_list ap;
	char *why;

	s->ready = false;
	if (s->why_owned)
		free((char *)s->why);
	va_start(ap, fmt);
	if (vasprintf(&why, fmt, ap) < 0)
		why = NULL;
	va_end(ap);
	s->why = why != NULL ? why : "cannot allocate enough memory";
	s->why_owned = why != NULL;
}

/* ---- users ---- */

/* The environment a server of user u gets: the listener's, with the
 * listener's variables set as setenv(3) would (in place if present,
 * appended in this order if not).  NLSADDR is set per connection. */
static int
ls_user_env(const struct ls *ls, struct ls_user *u)
{
	extern char **environ;
	const char *names[] = { NLSADDR, NLSOPT, NLSUDATA, NLSPROVIDER,
		"MPREFIX", "HOME", "PATH", "LOGNAME", "USER" };
	const char *vals[] = { "", "", "", ls->netspec, ls->devstem, u->home,
		u->uid == 0 ? LS_PATH_ROOT : LS_PATH_USER, u->name, u->name };
	enum { NV = sizeof(names) / sizeof(names[0]) };
	size_t n = 0, size = 0, i, k, len;
	char *p;

	for (i = 0; environ != NULL && environ[i] != NULL; i++)
		size += strlen(environ[i]) + 1;
	n = i;
	for (k = 0; k < NV; k++)
		size += strlen(names[k]) + strlen(vals[k]) + 2;
	u->envp = calloc(n + NV + 1, sizeof(char *));
	u->envbuf = malloc(size);
	if (u->envp == NULL || u->envbuf == NULL)
		return -1;
	p = u->envbuf;
	for (i = 0; i < n; i++) {
		len = strlen(environ[i]) + 1;
		u->envp[i] = memcpy(p, environ[i], len);
		p += len;
	}
	for (k = 0; k < NV; k++) {
		len = strlen(names[k]);
		for (i = 0; i < n; i++)
			if (strncmp(u->envp[i], names[k], len) == 0 &&
			    u->envp[i][len] == '=')
				break;
		if (i == n)
			n++;
		u->envp[i] = p;
		p += sprintf(p, "%s=%s", names[k], vals[k]) + 1;
		if (k == 0)
			u->naddr = i;
	}
	u->envp[n] = NULL;
	u->nenv = n;
	return 0;
}

/* What the user database says of a user (a record of the lookup child's
 * answer: this header, then the groups, then the home). */
struct ls_pw {
	int32_t found;
	uint32_t uid, gid;
	int32_t ngroups;
	uint32_t homelen; /* NUL included */
};

/* The user database's answer for name: the header, groups and home. */
static void
ls_pw_get(const char *name, struct ls_pw *p, gid_t groups[LS_MAXGROUPS],
    char *home, size_t size)
{
	struct passwd pw, *pp = NULL;
	char buf[4096];
	int n = LS_MAXGROUPS;

	memset(p, 0, sizeof(*p));
	if (getpwnam_r(name, &pw, buf, sizeof(buf), &pp) != 0 || pp == NULL)
		return;
	p->found = 1;
	p->uid = pw.pw_uid;
	p->gid = pw.pw_gid;
	if (getgrouplist(pw.pw_name, pw.pw_gid, groups, &n) < 0)
		n = LS_MAXGROUPS; /* more than we keep: the first ones */
	p->ngroups = n;
	p->homelen = (uint32_t)snprintf(home, size, "%s", pw.pw_dir) + 1;
	if (p->homelen > size)
		p->homelen = (uint32_t)size;
}

/* Fill u from the database's answer: ids, groups, home, environment. */
static void
ls_user_fill(const struct ls *ls, struct ls_user *u, const struct ls_pw *p,
    const gid_t *groups, const char *home)
{
	u->looked = true;
	if (!p->found)
		return;
	u->found = true;
	u->uid = p->uid;
	u->gid = p->gid;
	u->home = strdup(home);
	u->groups =
	    malloc((size_t)(p->ngroups > 0 ? p->ngroups : 1) * sizeof(gid_t));
	if (u->home == NULL || u->groups == NULL || ls_user_env(ls, u) < 0) {
		u->nomem = true;
		return;
	}
	memcpy(u->groups, groups, (size_t)p->ngroups * sizeof(gid_t));
	u->ngroups = p->ngroups;
	u->nohome = access(u->home, F_OK) < 0;
}

/* Look a user up here. */
static void
ls_user_lookup(const struct ls *ls, struct ls_user *u)
{
	gid_t groups[LS_MAXGROUPS];
	char home[SAF_PATH_MAX];
	struct ls_pw p;

	ls_pw_get(u->name, &p, groups, home, sizeof(home));
	ls_user_fill(ls, u, &p, groups, home);
}

/* In the lookup child: write all of buf. */
static int
ls_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len > 0) {
		if ((n = write(fd, p, len)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static _Noreturn void
ls_lookup_child(const struct ls_table *t, int fd)
{
	gid_t groups[LS_MAXGROUPS];
	char home[SAF_PATH_MAX];
	const struct ls_user *u;
	struct ls_pw p;

	for (u = t->users; u != NULL; u = u->next) {
		ls_pw_get(u->name, &p, groups, home, sizeof(home));
		if (ls_write_all(fd, &p, sizeof(p)) < 0 ||
		    ls_write_all(
			fd, groups, (size_t)p.ngroups * sizeof(gid_t)) < 0 ||
		    ls_write_all(fd, home, p.homelen) < 0)
			_exit(1);
	}
	_exit(0);
}

/* Read len bytes of the lookup child's answer by the deadline: 0, or -1. */
static int
ls_read_all(int fd, void *buf, size_t len, uint64_t deadline)
{
	char *p = buf;
	ssize_t n;

	while (len > 0) {
		struct pollfd pfd = { fd, POLLIN, 0 };
		uint64_t now = evloop_now();

		if (now >= deadline ||
		    poll(&pfd, 1, (int)(deadline - now)) <= 0)
			return -1;
		if ((n = read(fd, p, len)) < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Look the users of t up in a child: the name service modules it loads
 * (systemd's brings libm and libcap, half a MiB) stay out of the
 * listener, and a database that hangs is given up on.  Users it does not
 * answer for are looked up here afterwards. */
static void
ls_users_lookup(const struct ls *ls, struct ls_table *t)
{
	uint64_t deadline = evloop_now() + LS_LOOKUP_MS;
	gid_t groups[LS_MAXGROUPS];
	char home[SAF_PATH_MAX];
	struct ls_user *u;
	struct ls_pw p;
	int fd[2];
	pid_t pid;

	if (t->users == NULL || pipe2(fd, O_CLOEXEC) < 0)
		return;
	ls_log_flush(); /* not the child's to write */
	if ((pid = fork()) == 0) {
		close(fd[0]);
		ls_lookup_child(t, fd[1]);
	}
	close(fd[1]);
	if (pid < 0) {
		close(fd[0]);
		return;
	}
	for (u = t->users; u != NULL; u = u->next) {
		if (ls_read_all(fd[0], &p, sizeof(p), deadline) < 0 ||
		    p.ngroups < 0 || p.ngroups > LS_MAXGROUPS ||
		    p.homelen > sizeof(home) ||
		    ls_read_all(fd[0], groups,
			(size_t)p.ngroups * sizeof(gid_t), deadline) < 0 ||
		    ls_read_all(fd[0], home, p.homelen, deadline) < 0)
			break;
		home[sizeof(home) - 1] = '\0';
		if (p.homelen > 0)
			home[p.homelen - 1] = '\0';
		ls_user_fill(ls, u, &p, groups, home);
	}
	close(fd[0]);
	if (u != NULL) {
		ls_log("user lookups did not finish within %d ms (%s "
		       "and after): trying here",
		    LS_LOOKUP_MS, u->name);
		(void)kill(pid, SIGKILL);
	}
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
}

/* The user of a service, looked up the first time t needs it. */
static struct ls_user *
ls_user_get(
    const struct ls *ls, struct ls_table *t, const char *name, bool lookup)
{
	struct ls_user *u;

	for (u = t->users; u != NULL; u = u->next)
		if (strcmp(u->name, name) == 0) {
			if (lookup && !u->looked)
				ls_user_lookup(ls, u);
			return u;
		}
	if ((u = calloc(1, sizeof(*u))) == NULL)
		return NULL;
	if ((u->name = strdup(name)) == NULL) {
		free(u);
		return NULL;
	}
	u->refs = 1; /* the table's */
	u->next = t->users;
	t->users = u;
	if (lookup)
		ls_user_lookup(ls, u);
	return u;
}

static void
ls_user_unref(struct ls_user *u)
{
	if (--u->refs > 0)
		return;
	free(u->name);
	free(u->home);
	free(u->groups);
	free(u->envp);
	free(u->envbuf);
	free(u);
}

static void ls_names_free(struct ls_names *d);

void
ls_spawn_release_table(struct ls_table *t)
{
	struct ls_user *u, *next;

	for (u = t->users; u != NULL; u = next) {
		next = u->next;
		ls_user_unref(u);
	}
	t->users = NULL;
	ls_names_free(t->script);
	t->script = NULL;
	t->scanned = false;
}

/* The user of a service: uid, gid, groups, home. */
static void
ls_prepare_id(const struct ls *ls, struct ls_table *t, struct ls_svc *s)
{
	struct ls_user *u = ls_user_get(ls, t, s->ent.id, true);

	if (u == NULL || u->nomem) {
		ls_unready(s, "%s", "cannot allocate enough memory");
		return;
	}
	if (!u->found) {
		ls_unready(
		    s, "Missing or bad passwd entry for <%s>", s->ent.id);
		return;
	}
	s->user = u;
	s->uid = u->uid;
	if (u->nohome && s->how == LS_EXEC)
		ls_log("service %s: the home directory %s of %s does not "
		       "exist; its servers run in /",
		    s->ent.svctag, u->home, s->ent.id);
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
			ls_unready(s,
			    "module \"%.32s\" is not supported on Linux (only "
			    "timod and tirdwr)",
			    m);
			return;
		}
	}
}

/* The command line, split into words, in one block with its argument
 * vector: NULL and why if it cannot be (why NULL: no memory). */
static struct ls_cmd *
ls_cmd_new(const char *command, const char **why)
{
	char words[SAF_FIELD_MAX + 1], *argv[LS_MAXARGS + 1];
	size_t len = strlen(command) + 1, vsize;
	struct ls_cmd *c;
	int n;

	*why = NULL;
	if (len > sizeof(words)) {
		*why = "command too long";
		return NULL;
	}
	memcpy(words, command, len);
	if ((n = saf_argv_split(words, argv, LS_MAXARGS, why)) <= 0)
		return NULL;
	vsize = ((size_t)n + 1) * sizeof(char *);
	if ((c = malloc(sizeof(*c) + vsize + len)) == NULL)
		return NULL;
	c->refs = 1; /* its service's */
	c->argv = (char **)(c + 1);
	memcpy((char *)c->argv + vsize, command, len);
	(void)saf_argv_split((char *)c->argv + vsize, c->argv, LS_MAXARGS, why);
	return c;
}

static void
ls_cmd_unref(struct ls_cmd *c)
{
	if (c != NULL && --c->refs == 0)
		free(c);
}

/* ---- service scripts ---- */

/* The names in the port monitor's directory, sorted: service scripts are
 * looked for there once per table load, not once per service. */
struct ls_names {
	size_t n;
	char **v;
	bool failed; /* unreadable: look each script up */
};

static int
ls_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
ls_names_free(struct ls_names *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++)
		free(d->v[i]);
	free(d->v);
	free(d);
}

static struct ls_names *
ls_names_read(const struct ls *ls)
{
	char dir[SAF_PATH_MAX];
	struct ls_names *d = calloc(1, sizeof(*d));
	struct dirent *e;
	size_t cap = 0;
	DIR *dp;

	if (d == NULL)
		return NULL;
	if (saf_path(dir, sizeof(dir), SAF_P_PMDIR, ls->tag) < 0 ||
	    (dp = opendir(dir)) == NULL) {
		d->failed = errno != ENOENT;
		return d;
	}
	while (!d->failed && (e = readdir(dp)) != NULL) {
		char **v;

		if (d->n == cap) {
			cap = cap ? 2 * cap : 16;
			if ((v = realloc(d->v, cap * sizeof(*v))) == NULL) {
				d->failed = true;
				break;
			}
			d->v = v;
		}
		if ((d->v[d->n] = strdup(e->d_name)) == NULL)
			d->failed = true;
		else
			d->n++;
	}
	closedir(dp);
	if (d->n > 0)
		qsort(d->v, d->n, sizeof(*d->v), ls_name_cmp);
	return d;
}

/* Does the service script of s exist?  Looked up by name first. */
static bool
ls_has_script(const struct ls *ls, struct ls_table *t, const struct ls_svc *s)
{
	char path[SAF_PATH_MAX];
	const char *name = s->ent.svctag;
	struct stat st;

	if (!t->scanned) {
		t->script = ls_names_read(ls);
		t->scanned = true;
	}
	if (t->script != NULL && !t->script->failed &&
	    (t->script->n == 0 ||
		bsearch(&name, t->script->v, t->script->n, sizeof(char *),
		    ls_name_cmp) == NULL))
		return false;
	return saf_path_svc(path, sizeof(path), ls->tag, s->ent.svctag) == 0 &&
	    stat(path, &st) == 0;
}

void
ls_spawn_prepare(struct ls *ls, struct ls_table *t, struct ls_svc *s)
{
	const struct ls_svc *o;
	const char *why;

	s->ready = true;
	s->ls = ls;
	s->script = ls_has_script(ls, t, s);
	if (s->how == LS_NLPS)
		return;
	ls_prepare_id(ls, t, s);
	if (s->ready)
		ls_prepare_modules(s);
	if (!s->ready || s->how != LS_EXEC)
		return;
	/* on a re-read, an unchanged command line is the one in force */
	if ((o = ls_table_find(&ls->tab, s->ent.svctag)) != NULL && o != s &&
	    o->cmd != NULL && strcmp(o->rec.command, s->rec.command) == 0) {
		s->cmd = o->cmd;
		s->cmd->refs++;
	} else if ((s->cmd = ls_cmd_new(s->rec.command, &why)) == NULL) {
		if (why == NULL)
			ls_unready(s, "%s", "cannot allocate enough memory");
		else
			ls_unready(s,
			    "invalid command line, %s for service code <%s>",
			    why, s->ent.svctag);
		return;
	}
	/* a script, modules or a utmpx record need a child of its own */
	s->nofork = ls_spawn_ready && !s->script && s->rec.modules[0] == '\0' &&
	    s->user->nenv <= LS_CHILD_ENV;
	if ((s->ent.flags & SAF_PM_UFLAG) && ls->utx_hint == NULL)
		ls->utx_hint = calloc(LS_UTX_SLOTS, sizeof(*ls->utx_hint));
}

void
ls_spawn_prepare_all(struct ls *ls, struct ls_table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->v[i].how != LS_NLPS)
			(void)ls_user_get(ls, t, t->v[i].ent.id, false);
	ls_users_lookup(ls, t);
	for (i = 0; i < t->n; i++)
		ls_spawn_prepare(ls, t, &t->v[i]);
}

void
ls_spawn_release(struct ls_svc *s)
{
	ls_cmd_unref(s->cmd);
	s->cmd = NULL;
	s->user = NULL;
	if (s->why_owned)
		free((char *)s->why);
	s->why = NULL;
	s->why_owned = false;
	ls_pass_close(s);
}

/* ---- children ---- */

static void ls_spawn_early(struct ls *ls, pid_t pid, int status);

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
		(void)ls_utx_dead(saf_utmpx_file(), saf_wtmpx_file(), k->pid,
		    status, k->utx_off);
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
		if (i == ls->nkids)
			ls_spawn_early(ls, pid, status);
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
	    setenv("HOME", s->user->home, 1) < 0 ||
	    setenv("PATH", s->uid == 0 ? LS_PATH_ROOT : LS_PATH_USER, 1) < 0 ||
	    setenv("LOGNAME", s->ent.id, 1) < 0 ||
	    setenv("USER", s->ent.id, 1) < 0)
		ls_log("Can't expand server's environment");
}

/* A utmpx field: NUL-padded, not always NUL-terminated. */
static void
ls_utx_field(char *dst, size_t size, const char *s)
{
	size_t n = strlen(s);

	memcpy(dst, s, n < size ? n : size);
}

/* The utmpx record of a server, but for its id, pid and time: line is
 * the devstem and the minor number, user "." and the tag, host the
 * caller. */
static void
ls_utx_template(const struct ls *ls, int minor,
    const struct sockaddr_storage *peer, struct utmpx *u)
{
	char line[32], user[SAF_PMTAG_MAX + 2], host[INET6_ADDRSTRLEN];

	if (minor < 100)
		snprintf(line, sizeof(line), "%.9s%02d", ls->devstem, minor);
	else
		snprintf(line, sizeof(line), "%.8s%03d", ls->devstem, minor);
	snprintf(user, sizeof(user), ".%s", ls->tag);
	ls_peer_text(peer, host, sizeof(host));
	memset(u, 0, sizeof(*u));
	/* the fields hold these whole (the host is cut if it must be) */
	ls_utx_field(u->ut_line, sizeof(u->ut_line), line);
	ls_utx_field(u->ut_user, sizeof(u->ut_user), user);
	ls_utx_field(u->ut_host, sizeof(u->ut_host), host);
}

/* utmpx USER_PROCESS record, written by the child itself. */
static void
ls_child_utmpx(
    const struct ls *ls, int minor, const struct sockaddr_storage *peer)
{
	struct utmpx u;
	uint32_t off;
	int slot, err;

	ls_utx_template(ls, minor, peer, &u);
	err = ls_utx_user(saf_utmpx_file(), saf_wtmpx_file(), &u, getpid(),
	    ls->utx_hint, &slot, &off);
	if (err != 0)
		ls_log("Could not create utmpx entry for service server: %s",
		    strerror(err));
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
	const struct ls_user *u = s->user;

	if (geteuid() != 0)
		return; /* refused at load unless it is the listener's user */
	if (setgroups((size_t)u->ngroups, u->groups) < 0)
		ls_child_fail("Cannot set the groups of ", s->ent.id);
	if (setgid(u->gid) < 0 || getgid() != u->gid)
		ls_child_fail("Cannot set group id of ", s->ent.id);
	if (setuid(u->uid) < 0 || getuid() != u->uid || geteuid() != u->uid)
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
	if (s->user->nohome || chdir(s->user->home) < 0) {
		if (!s->user->nohome)
			ls_log("Cannot chdir to %s: %s; using /", s->user->home,
			    strerror(errno));
		(void)chdir("/");
	}
	argv[n++] = s->cmd->argv[0];
	for (i = 0; i < nextra; i++)
		argv[n++] = (char *)extra[i];
	for (i = 1; s->cmd->argv[i] != NULL; i++)
		argv[n++] = s->cmd->argv[i];
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

/* ---- the child started without fork ---- */

/* What went wrong in such a child (it cannot log). */
enum ls_stage {
	LS_ST_OK,
	LS_ST_FILES,  /* a descriptor table of its own */
	LS_ST_DUP,    /* the connection on 0, 1, 2 */
	LS_ST_GROUPS, /* setgroups */
	LS_ST_GID,    /* setgid */
	LS_ST_UID,    /* setuid */
	LS_ST_EXEC    /* execve */
};

/* What the child gets, prepared beforehand, and what it says back (the
 * memory is shared until it execs or exits). */
struct ls_fast {
	const struct ls_user *u; /* and its environment */
	char *const *argv;
	char *addr;   /* "NLSADDR=..." */
	int fd;       /* the connection */
	bool unshare; /* the descriptor table is still the listener's */
	/* its utmpx record ("u" services): all but id, pid and time */
	bool utx;
	struct utmpx ut;
	const char *utmp, *wtmp;
	const uint32_t *hint;
	/* written by the child */
	enum ls_stage stage;
	int err;
	int chdir_err;
	int utx_err, utx_slot;
	uint32_t utx_off;
};

static int
ls_fast_fail(struct ls_fast *f, enum ls_stage stage, int err)
{
	f->stage = stage;
	f->err = err;
	_exit(stage == LS_ST_EXEC ? LS_CHILD_EXEC : LS_CHILD_SETUP);
}

/* The child: system calls on prepared data only (see the top). */
static int
ls_fast_child(void *arg)
{
	struct ls_fast *f = arg;
	const struct ls_user *u = f->u;
	char *envp[LS_CHILD_ENV + 1];
	struct sigaction sa;
	sigset_t none;
	int i;

	(void)setsid();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	for (i = 1; i < NSIG; i++)
		if (sigismember(&ls_sig_ignored, i) == 1)
			(void)sigaction(i, &sa, NULL);
	sigemptyset(&none);
	(void)sigprocmask(SIG_SETMASK, &none, NULL);
	/* a table of our own, with only the descriptors up to the
	 * connection's (a copy of all of them is the fallback) */
	if (f->unshare &&
	    close_range((unsigned)f->fd + 1, ~0U, CLOSE_RANGE_UNSHARE) < 0 &&
	    unshare(CLONE_FILES) < 0)
		return ls_fast_fail(f, LS_ST_FILES, errno);
	if (dup2(f->fd, 0) < 0 || dup2(f->fd, 1) < 0 || dup2(f->fd, 2) < 0)
		return ls_fast_fail(f, LS_ST_DUP, errno);
	if (close_range(3, ~0U, 0) < 0 && f->fd > 2)
		(void)close(f->fd); /* the others are close-on-exec */
	umask(022);
	if (f->utx)
		f->utx_err = ls_utx_user(f->utmp, f->wtmp, &f->ut, getpid(),
		    f->hint, &f->utx_slot, &f->utx_off);
	/* system calls themselves: the C library's set*id act on every
	 * thread of the process, and ours would be the listener's */
	if (ls_root) {
		if (syscall(SYS_setgroups, (size_t)u->ngroups, u->groups) < 0)
			return ls_fast_fail(f, LS_ST_GROUPS, errno);
		if (syscall(SYS_setgid, u->gid) < 0 || getgid() != u->gid)
			return ls_fast_fail(f, LS_ST_GID, errno);
		if (syscall(SYS_setuid, u->uid) < 0 || getuid() != u->uid ||
		    geteuid() != u->uid)
			return ls_fast_fail(f, LS_ST_UID, errno);
	}
	if (u->nohome) {
		(void)chdir("/");
	} else if (chdir(u->home) < 0) {
		f->chdir_err = errno;
		(void)chdir("/");
	}
	memcpy(envp, u->envp, (u->nenv + 1) * sizeof(char *));
	envp[u->naddr] = f->addr;
	execve(f->argv[0], f->argv, envp);
	return ls_fast_fail(f, LS_ST_EXEC, errno);
}

/* Start the child with the connection fd at slot (held by null the rest
 * of the time): its pid, or -1 and errno.  Returns once it has exec'd. */
static pid_t __attribute__((noinline))
ls_fast_clone(int slot, int null, struct ls_fast *f, int fd)
{
	/* the child's stack, on ours: it runs while we wait */
	char stack[LS_CHILD_STACK] __attribute__((aligned(16)));
	int flags = CLONE_VM | CLONE_VFORK | SIGCHLD, err;
	sigset_t all, old;
	pid_t pid;

	f->fd = fd;
	f->unshare = false;
	if (slot >= 0 && dup3(fd, slot, O_CLOEXEC) == slot) {
		f->fd = slot;
		f->unshare = true;
		flags |= CLONE_FILES;
	}
	/* no signal may be handled in the child before it resets them */
	sigfillset(&all);
	(void)pthread_sigmask(SIG_SETMASK, &all, &old);
	pid = clone(ls_fast_child, stack + sizeof(stack), flags, f);
	err = errno;
	(void)pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (f->unshare)
		(void)dup3(null, slot, O_CLOEXEC);
	errno = err;
	return pid;
}

/* Log what the child said went wrong, as it would have. */
static void
ls_fast_report(const struct ls_fast *f, pid_t pid)
{
	const char *id = f->u->name;

	if (f->utx && f->utx_err != 0)
		ls_log_pid(pid,
		    "Could not create utmpx entry for service server: %s",
		    strerror(f->utx_err));
	if (f->chdir_err != 0)
		ls_log_pid(pid, "Cannot chdir to %s: %s; using /", f->u->home,
		    strerror(f->chdir_err));
	switch (f->stage) {
	case LS_ST_OK:
		break;
	case LS_ST_FILES:
	case LS_ST_DUP:
		ls_log_pid(pid, "Dup of fd 0 failed: %s", strerror(f->err));
		break;
	case LS_ST_GROUPS:
		ls_log_pid(pid, "Cannot set the groups of %s", id);
		break;
	case LS_ST_GID:
		ls_log_pid(pid, "Cannot set group id of %s", id);
		break;
	case LS_ST_UID:
		ls_log_pid(pid, "Cannot set user id to %s", id);
		break;
	case LS_ST_EXEC:
		ls_log_pid(pid, "ERROR: could not exec server %s", f->argv[0]);
		ls_log_pid(pid, "System error: %s", strerror(f->err));
		break;
	}
}

/* ---- the workers ---- */

/* One start handed to a worker. */
struct ls_job {
	struct ls_user *u;  /* referenced until the job is back */
	struct ls_cmd *cmd; /* likewise */
	char svc[SAF_SVCTAG_MAX + 1];
	int fd;    /* the connection: the worker's once handed over */
	int minor; /* its utmpx line, or -1 */
	struct ls_fast f;
	pid_t pid; /* the worker's answer: the child, or -1 */
	int err;
	char addr[sizeof(NLSADDR) + 2 * sizeof(struct sockaddr_storage) + 1];
};

struct ls_worker {
	struct ls_spawnq *q;
	pthread_t tid;
	int slot; /* the descriptor number its connections go through */
};

/* A child that ended before its job came back. */
struct ls_early {
	pid_t pid;
	int status;
};

struct ls_spawnq {
	/* job numbers (4 bytes a message) go to the workers from loop_end
	 * to work_end, and come back the other way */
	int loop_end, work_end;
	int null; /* what a slot holds between starts */
	int slot; /* the loop's own, for the starts it makes */
	int nworkers;
	struct ls_worker w[LS_WORKERS_MAX];
	unsigned freejobs[LS_JOBS];
	size_t nfree;
	struct ls_early early[LS_JOBS];
	size_t nearly;
	struct ls_job jobs[LS_JOBS];
};

static void *
ls_worker_main(void *arg)
{
	struct ls_worker *w = arg;
	struct ls_spawnq *q = w->q;
	struct ls_job *j;
	uint32_t i;
	ssize_t n;

	for (;;) {
		n = recv(q->work_end, &i, sizeof(i), 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n != (ssize_t)sizeof(i) || i >= LS_JOBS)
			break; /* the loop shut its end: the listener ends */
		j = &q->jobs[i];
		j->pid = ls_fast_clone(w->slot, q->null, &j->f, j->fd);
		j->err = errno;
		if (j->pid < 0)
			ls_refuse(j->fd);
		else
			close(j->fd);
		while (send(q->work_end, &i, sizeof(i), MSG_NOSIGNAL) < 0 &&
		    errno == EINTR)
			;
	}
	return NULL;
}

/* A server was started: track it (its status may already be here). */
static void
ls_started(struct ls *ls, struct ls_svc *s, const char *svc, pid_t pid,
    int minor, const struct ls_fast *f)
{
	struct ls_spawnq *q = ls->spq;
	struct ls_child *k;
	size_t i;

	if (s != NULL)
		s->n.running++;
	if ((k = ls_child_add(ls, pid)) == NULL)
		return;
	snprintf(k->svc, sizeof(k->svc), "%s", svc);
	k->minor = minor;
	/* where its utmpx record went, for its DEAD_PROCESS one and the
	 * next server of its slot */
	if (f != NULL && f->utx && f->utx_err == 0 && f->utx_off > 0) {
		k->utx_off = f->utx_off;
		if (ls->utx_hint != NULL)
			__atomic_store_n(&ls->utx_hint[f->utx_slot], f->utx_off,
			    __ATOMIC_RELAXED);
	}
	for (i = 0; q != NULL && i < q->nearly; i++)
		if (q->early[i].pid == pid) {
			ls_child_ended(ls, k, q->early[i].status);
			q->early[i] = q->early[--q->nearly];
			while (
			    ls->nkids > 0 && ls->kids[ls->nkids - 1].pid == 0)
				ls->nkids--;
			break;
		}
}

static void
ls_spawn_early(struct ls *ls, pid_t pid, int status)
{
	struct ls_spawnq *q = ls->spq;

	/* only a job not back yet can have an unknown child */
	if (q != NULL && q->nfree < LS_JOBS && q->nearly < LS_JOBS) {
		q->early[q->nearly].pid = pid;
		q->early[q->nearly].status = status;
		q->nearly++;
	}
}

/* A job came back. */
static void
ls_job_done(struct ls *ls, struct ls_spawnq *q, uint32_t i)
{
	struct ls_job *j = &q->jobs[i];
	struct ls_svc *s = ls_table_find(&ls->tab, j->svc);

	if (j->pid < 0) {
		ls_log("Error during fork() to start a service: %s",
		    strerror(j->err));
		if (j->minor >= 0)
			ls->minors[j->minor] = 0;
		if (s != NULL)
			s->n.failed++;
	} else {
		ls_fast_report(&j->f, j->pid);
		ls_started(ls, s, j->svc, j->pid, j->minor, &j->f);
	}
	ls_user_unref(j->u);
	ls_cmd_unref(j->cmd);
	q->freejobs[q->nfree++] = i;
}

static void
ls_spawn_done_cb(struct evloop *loop, int fd, uint32_t events, void *arg)
{
	struct ls *ls = arg;
	uint32_t i;

	(void)loop;
	(void)events;
	while (recv(fd, &i, sizeof(i), MSG_DONTWAIT) == (ssize_t)sizeof(i))
		if (i < LS_JOBS)
			ls_job_done(ls, ls->spq, i);
}

/* What the child needs to write its utmpx record (minor >= 0). */
static void
ls_fast_utx(const struct ls *ls, struct ls_fast *f, int minor,
    const struct sockaddr_storage *peer)
{
	if (minor < 0)
		return;
	f->utx = true;
	ls_utx_template(ls, minor, peer, &f->ut);
	f->utmp = saf_utmpx_file();
	f->wtmp = saf_wtmpx_file();
	f->hint = ls->utx_hint;
}

/* Hand a start to a worker: 0, or -1 (none free): the caller starts it
 * itself. */
static int
ls_submit(struct ls *ls, struct ls_svc *s, int fd,
    const struct sockaddr_storage *peer, socklen_t plen, int minor)
{
	struct ls_spawnq *q = ls->spq;
	struct ls_user *u = s->user;
	struct ls_job *j;
	uint32_t i;

	if (q == NULL || q->nworkers == 0 || q->nfree == 0)
		return -1;
	i = q->freejobs[q->nfree - 1];
	j = &q->jobs[i];
	j->u = u;
	j->cmd = s->cmd;
	snprintf(j->svc, sizeof(j->svc), "%s", s->ent.svctag);
	memcpy(j->addr, NLSADDR "=", sizeof(NLSADDR));
	ls_hex(peer, plen, j->addr + sizeof(NLSADDR),
	    sizeof(j->addr) - sizeof(NLSADDR));
	memset(&j->f, 0, sizeof(j->f));
	j->f.u = u;
	j->f.argv = s->cmd->argv;
	j->f.addr = j->addr;
	ls_fast_utx(ls, &j->f, minor, peer);
	j->fd = fd;
	j->minor = minor;
	j->pid = -1;
	if (send(q->loop_end, &i, sizeof(i), MSG_DONTWAIT | MSG_NOSIGNAL) !=
	    (ssize_t)sizeof(i))
		return -1;
	q->nfree--;
	u->refs++;
	s->cmd->refs++;
	return 0;
}

/* Start a server without fork, waiting for it here: its pid, or -1. */
static pid_t
ls_exec_fast(struct ls *ls, const struct ls_svc *s, int fd,
    const struct sockaddr_storage *peer, socklen_t plen, int minor,
    struct ls_fast *f, const char *const *extra, int nextra, const char *last)
{
	char *argv[LS_MAXARGS + SMB_MAX_DIALECTS + 3];
	char addr[sizeof(NLSADDR) + 2 * sizeof(struct sockaddr_storage) + 1];
	struct ls_user *u = s->user;
	pid_t pid;
	int i, n = 0;

	argv[n++] = s->cmd->argv[0];
	for (i = 0; i < nextra; i++)
		argv[n++] = (char *)extra[i];
	for (i = 1; s->cmd->argv[i] != NULL; i++)
		argv[n++] = s->cmd->argv[i];
	if (last != NULL)
		argv[n++] = (char *)last;
	argv[n] = NULL;
	memcpy(addr, NLSADDR "=", sizeof(NLSADDR));
	ls_hex(
	    peer, plen, addr + sizeof(NLSADDR), sizeof(addr) - sizeof(NLSADDR));
	memset(f, 0, sizeof(*f));
	f->u = u;
	f->argv = argv;
	f->addr = addr;
	ls_fast_utx(ls, f, minor, peer);
	pid = ls_fast_clone(ls->spq->slot, ls->spq->null, f, fd);
	if (pid > 0)
		ls_fast_report(f, pid);
	f->argv = NULL; /* not left pointing at our stack */
	f->addr = NULL;
	return pid;
}

/* A descriptor number of our own, held by /dev/null: low, as it is
 * taken before the endpoints and connections. */
static int
ls_slot_new(int null)
{
	return null < 0 ? -1 : fcntl(null, F_DUPFD_CLOEXEC, 3);
}

static void
ls_workers_start(struct ls *ls, struct ls_spawnq *q)
{
	pthread_attr_t attr;
	sigset_t all, old;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int i, n, sv[2];

	n = ncpu < LS_WORKERS_MIN ? LS_WORKERS_MIN :
	    ncpu > LS_WORKERS_MAX ? LS_WORKERS_MAX :
				    (int)ncpu;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		return;
	q->loop_end = sv[0];
	q->work_end = sv[1];
	if (evloop_add(ls->loop, q->loop_end, EPOLLIN, ls_spawn_done_cb, ls) <
	    0)
		return;
	for (i = 0; i < LS_JOBS; i++)
		q->freejobs[i] = LS_JOBS - 1 - (unsigned)i;
	q->nfree = LS_JOBS;
	/* the workers take no signal: the loop's signalfd gets them all */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, LS_WORKER_STACK);
	for (i = 0; i < n; i++) {
		struct ls_worker *w = &q->w[q->nworkers];

		w->q = q;
		if ((w->slot = ls_slot_new(q->null)) < 0)
			break;
		if (pthread_create(&w->tid, &attr, ls_worker_main, w) != 0) {
			close(w->slot);
			break;
		}
		q->nworkers++;
	}
	pthread_attr_destroy(&attr);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (q->nworkers == 0)
		ls_log("cannot start the threads that start servers: servers "
		       "start one at a time");
}

void
ls_spawn_init(struct ls *ls)
{
	struct ls_spawnq *q;
	struct sigaction sa;
	int i;

	sigemptyset(&ls_sig_ignored);
	for (i = 1; i < NSIG; i++)
		if (sigaction(i, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
			sigaddset(&ls_sig_ignored, i);
	ls_root = geteuid() == 0;
	if ((q = calloc(1, sizeof(*q))) == NULL)
		return; /* servers start with fork */
	q->loop_end = q->work_end = -1;
	q->null = open("/dev/null", O_RDONLY | O_CLOEXEC);
	q->slot = ls_slot_new(q->null);
	ls->spq = q;
	ls_workers_start(ls, q);
	ls_spawn_ready = true;
}

void
ls_spawn_end(struct ls *ls)
{
	struct ls_spawnq *q = ls->spq;
	int i;

	if (q == NULL)
		return;
	/* the workers finish the jobs handed over, then see the end */
	if (q->loop_end >= 0)
		(void)shutdown(q->loop_end, SHUT_WR);
	for (i = 0; i < q->nworkers; i++) {
		pthread_join(q->w[i].tid, NULL);
		close(q->w[i].slot);
	}
	if (q->loop_end >= 0) {
		ls_spawn_done_cb(ls->loop, q->loop_end, EPOLLIN, ls);
		if (evloop_watched(ls->loop, q->loop_end))
			evloop_del(ls->loop, q->loop_end);
		close(q->loop_end);
		close(q->work_end);
	}
	if (q->slot >= 0)
		close(q->slot);
	if (q->null >= 0)
		close(q->null);
	free(q);
	ls->spq = NULL;
	ls_spawn_ready = false;
}

int
ls_exec(struct ls *ls, struct ls_svc *s, int fd,
    const struct sockaddr_storage *peer, socklen_t plen,
    const char *const *extra, int nextra, const char *last)
{
	struct ls_fast f, *fp = NULL;
	int minor = -1;
	pid_t pid;

	if (s->ent.flags & SAF_PM_UFLAG)
		minor = ls_minor_take(ls);
	/* accepted non-blocking, handed over blocking */
	if (s->nofork) {
		ls_handover(fd);
		if (nextra == 0 && last == NULL &&
		    ls_submit(ls, s, fd, peer, plen, minor) == 0)
			return 0; /* the worker has the connection now */
		pid = ls_exec_fast(
		    ls, s, fd, peer, plen, minor, &f, extra, nextra, last);
		fp = &f;
	} else {
		ls_log_flush(); /* not the child's to write */
		pid = fork();
		if (pid == 0)
			ls_child(
			    ls, s, fd, minor, peer, plen, extra, nextra, last);
	}
	if (pid < 0) {
		ls_log("Error during fork() to start a service: %s",
		    strerror(errno));
		if (minor >= 0)
			ls->minors[minor] = 0;
		ls_refuse(fd);
		s->n.failed++;
		return -1;
	}
	close(fd);
	ls_started(ls, s, s->ent.svctag, pid, minor, fp);
	return 0;
}
