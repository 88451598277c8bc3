/*
 * users.c - the users services run as: looked up once per table load,
 * each shared by its services, with what their servers get: uid, gid,
 * groups, home, and the environment (the listener's, with NLSADDR and the
 * other variables the listener sets).
 *
 * The lookups of a table are made together in a short-lived child, so
 * that the name service modules they load (systemd's brings libm and
 * libcap: half a MiB) stay out of the listener, and a user database that
 * hangs is given up on; what the child does not answer for is looked up
 * here.  A user is freed when its table is gone and no start in progress
 * uses it any more (its servers' children read it until they exec).
 */
#include "config.h"

#include "ls.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Most supplementary groups prepared for a server. */
#define LS_MAXGROUPS 256
/* How long the user lookups of a table load may take. */
#define LS_LOOKUP_MS 30000

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
		len = (size_t)snprintf(p, size - (size_t)(p - u->envbuf),
		    "%s=%s", names[k], vals[k]);
		p += len + 1;
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
void
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
struct ls_user *
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

void
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
