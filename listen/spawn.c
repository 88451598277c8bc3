/*
 * spawn.c - starting servers (the exec path) and keeping track of them.
 *
 * Everything a start needs that can be looked up is looked up when the
 * table is loaded (ls_spawn_prepare): the argument vector, whether a
 * service script exists, and per user (users.c: looked up once per load,
 * shared by its services) the uid, gid, groups, home and the environment
 * its servers get.  Nothing is looked up or allocated per connection.
 *
 * The child goes through one fixed sequence: new session, signals back
 * to default, the connection on 0, 1 and 2 and nothing else, umask 022,
 * the environment, (the service script, as root, before the identity
 * changes; the utmpx record), groups, gid, uid, the home directory (or
 * "/", logged, when it does not exist), exec.  There are two ways to
 * make it: without fork (clone.c), for services with no script and no
 * modules; with fork (ls_child, here), when a script or modules must run
 * in the child.  Either child writes its own utmpx record ("u" services)
 * before it execs, with utmpx.c's system calls: the listener tells it
 * where its slot's record was, and learns where it went (clone.c's).
 *
 * The listener reaps its children, logs how each ended, and writes the
 * DEAD_PROCESS record of those it accounted for.
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
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utmpx.h>

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

void
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
	char path[SAF_PATH_MAX], trust[SAF_PATH_MAX + 96] = "path too long";
	const struct ls_svc *o;
	const char *why;

	s->ready = true;
	s->ls = ls;
	s->script = ls_has_script(ls, t, s);
	if (s->how == LS_NLPS)
		return;
	/* its run lines run as root: only root may write it */
	if (s->script &&
	    (saf_path_svc(path, sizeof(path), ls->tag, s->ent.svctag) < 0 ||
		(saf_file_trusted(path, trust, sizeof(trust)) < 0 &&
		    errno == EPERM))) {
		ls_unready(s, "service script refused: %s", trust);
		return;
	}
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
	s->nofork = ls_clone_ready() && !s->script &&
	    s->rec.modules[0] == '\0' && s->user->nenv <= LS_CHILD_ENV;
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

/* In the child: end it, set-up having failed (after LS_CHILD_FAIL's line). */
static _Noreturn void
ls_child_end(void)
{
	_exit(LS_CHILD_SETUP);
}
#define LS_CHILD_FAIL(fmt, arg) (ls_log(fmt, arg), ls_child_end())

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
void
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
		ls_log(LS_FAIL_UTMPX, strerror(err));
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
			LS_CHILD_FAIL("Can't push server's modules: %s", m);
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
		LS_CHILD_FAIL("%s", err.msg);
	}
}

void
ls_server_argv(const struct ls_svc *s, char **argv, const char *const *extra,
    int nextra, const char *last)
{
	int i, n = 0;

	argv[n++] = s->cmd->argv[0];
	for (i = 0; i < nextra; i++)
		argv[n++] = (char *)extra[i];
	for (i = 1; s->cmd->argv[i] != NULL; i++)
		argv[n++] = s->cmd->argv[i];
	if (last != NULL)
		argv[n++] = (char *)last;
	argv[n] = NULL;
}

static void
ls_child_identity(const struct ls_svc *s)
{
	const struct ls_user *u = s->user;

	if (geteuid() != 0)
		return; /* refused at load unless it is the listener's user */
	if (setgroups((size_t)u->ngroups, u->groups) < 0)
		LS_CHILD_FAIL(LS_FAIL_GROUPS, s->ent.id);
	if (setgid(u->gid) < 0 || getgid() != u->gid)
		LS_CHILD_FAIL(LS_FAIL_GID, s->ent.id);
	if (setuid(u->uid) < 0 || getuid() != u->uid || geteuid() != u->uid)
		LS_CHILD_FAIL(LS_FAIL_UID, s->ent.id);
}

static _Noreturn void
ls_child(const struct ls *ls, const struct ls_svc *s, int fd, int minor,
    const struct sockaddr_storage *peer, socklen_t plen,
    const char *const *extra, int nextra, const char *last)
{
	char *argv[LS_SERVER_ARGV];
	struct sigaction sa;
	sigset_t none;
	int i;

	ls_log_child();
	(void)setsid();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	for (i = 1; i < NSIG; i++)
		(void)sigaction(i, &sa, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (dup2(fd, 0) < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
		LS_CHILD_FAIL(LS_FAIL_DUP, strerror(errno));
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
			ls_log(LS_FAIL_CHDIR, s->user->home, strerror(errno));
		(void)chdir("/");
	}
	ls_server_argv(s, argv, extra, nextra, last);
	execv(argv[0], argv);
	ls_log(LS_FAIL_EXEC, argv[0]);
	ls_log(LS_FAIL_SYSERR, strerror(errno));
	_exit(LS_CHILD_EXEC);
}

_Noreturn void
ls_exec_here(const struct ls *ls, const struct ls_svc *s, int fd,
    const struct sockaddr_storage *peer, socklen_t plen,
    const char *const *extra, int nextra, const char *last)
{
	ls_child(ls, s, fd, -1, peer, plen, extra, nextra, last);
}

/* A server was started: track it (its status may already be here). */
void
ls_started(struct ls *ls, struct ls_svc *s, const char *svc, pid_t pid,
    int minor, int utx_slot, uint32_t utx_off)
{
	struct ls_child *k;
	int status;

	if (s != NULL)
		s->n.running++;
	if ((k = ls_child_add(ls, pid)) == NULL)
		return;
	snprintf(k->svc, sizeof(k->svc), "%s", svc);
	k->minor = minor;
	/* where its utmpx record went, for its DEAD_PROCESS one and the
	 * next server of its slot */
	if (utx_off > 0) {
		k->utx_off = utx_off;
		if (ls->utx_hint != NULL && utx_slot >= 0)
			__atomic_store_n(
			    &ls->utx_hint[utx_slot], utx_off, __ATOMIC_RELAXED);
	}
	if (ls_clone_early(ls, pid, &status)) {
		ls_child_ended(ls, k, status);
		while (ls->nkids > 0 && ls->kids[ls->nkids - 1].pid == 0)
			ls->nkids--;
	}
}

int
ls_exec(struct ls *ls, struct ls_svc *s, int fd,
    const struct sockaddr_storage *peer, socklen_t plen,
    const char *const *extra, int nextra, const char *last)
{
	int minor = -1;
	pid_t pid;

	if (s->ent.flags & SAF_PM_UFLAG)
		minor = ls_minor_take(ls);
	/* accepted non-blocking, handed over blocking */
	if (s->nofork) {
		ls_handover(fd);
		if (ls_clone_start(
			ls, s, fd, peer, plen, minor, extra, nextra, last) == 0)
			return 0;
		pid = -1;
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
	ls_started(ls, s, s->ent.svctag, pid, minor, -1, 0);
	return 0;
}
