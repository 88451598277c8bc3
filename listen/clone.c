/*
 * clone.c - starting servers without fork.
 *
 * For services with no script and no modules (ls_fast_child): the child
 * is made with clone(CLONE_VM | CLONE_VFORK), so the listener's page
 * tables are never copied.  It shares the listener's memory until it
 * execs, so it only makes system calls on data prepared beforehand (by
 * spawn.c and users.c when the table was loaded, and per connection
 * here): no allocation, no stdio, no log.  What fails is written into a
 * structure its parent reads, and the loop logs it with the child's pid,
 * with the texts the fork path's child writes itself (ls.h).  It writes its
 * utmpx record itself, with utmpx.c's system calls.  It also shares the
 * descriptor table at first (CLONE_FILES): the connection sits at a
 * reserved low number, and the child's own table gets only the
 * descriptors up to it (close_range with CLOSE_RANGE_UNSHARE), so a start
 * costs the same however many connections the listener holds.
 *
 * CLONE_VFORK suspends the calling thread until the child has exec'd,
 * which takes as long as the scheduler makes it wait for a CPU.  So the
 * event loop does not make these calls itself: it hands each start (a
 * prepared job) to one of a few worker threads over a socket pair, and
 * the worker clones, waits, and hands the job back the same way; the loop
 * watches its end and registers the child then.  The workers do nothing
 * else: no log, no allocation, no shared state but their jobs.  Only when
 * every job is in use (or the start carries extra arguments) does the
 * loop clone and wait itself.  A child a worker started may end before
 * the loop has seen its job come back: its status waits in a short list.
 */
#include "config.h"

#include "ls.h"
#include "nlps.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <utmpx.h>

/* AddressSanitizer keeps the state of every stack byte in shadow memory,
 * which a child sharing our memory shares too.  The child never returns
 * from its frames (it execs or exits), so what they marked stays marked
 * on the stack we lent it: it is cleared before and after each use. */
#if defined(__SANITIZE_ADDRESS__)
#define LS_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LS_ASAN 1
#endif
#endif
#ifdef LS_ASAN
#include <sanitizer/asan_interface.h>
#define LS_STACK_CLEAR(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define LS_STACK_CLEAR(p, n) ((void)(p), (void)(n))
#endif

/* Stack of a child started without fork, until it execs: it calls only
 * system call wrappers (sanitizer builds need more than the few KiB a
 * plain build uses), and copies its environment onto it. */
#define LS_CHILD_STACK     (64 * 1024)
/* Worker threads: four per CPU, within these bounds.  A worker spends
 * most of its time blocked while its child waits for a CPU and reaches
 * execve, so one per CPU leaves the CPUs idle between starts and queues
 * the rest in the loop; measured on two CPUs at 64 callers, eight workers
 * gave 5-15% more starts a second than two and a tail (p99) 20-30%
 * shorter, and thirty-two a longer tail again (docs/PERFORMANCE.md). */
#define LS_WORKERS_PER_CPU 4
#define LS_WORKERS_MIN     4
#define LS_WORKERS_MAX     32
/* A worker's stack: its frames and a child's stack. */
#define LS_WORKER_STACK    (LS_CHILD_STACK + 64 * 1024)
/* Starts handed to the workers at once (at least an accept batch). */
#define LS_JOBS            LS_ACCEPT_BATCH

/* Set once by ls_spawn_init: signals the listener ignores (they stay
 * ignored across exec, so a server gets them back to default), whether
 * it may change identities, and whether starts without fork are set up. */
static sigset_t ls_sig_ignored;
static bool ls_root;
static bool ls_spawn_ready;

bool
ls_clone_ready(void)
{
	return ls_spawn_ready;
}

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
	LS_STACK_CLEAR(stack, sizeof(stack));
	pid = clone(ls_fast_child, stack + sizeof(stack), flags, f);
	err = errno;
	LS_STACK_CLEAR(stack, sizeof(stack));
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
		ls_log_pid(pid, LS_FAIL_UTMPX, strerror(f->utx_err));
	if (f->chdir_err != 0)
		ls_log_pid(
		    pid, LS_FAIL_CHDIR, f->u->home, strerror(f->chdir_err));
	switch (f->stage) {
	case LS_ST_OK:
		break;
	case LS_ST_FILES:
	case LS_ST_DUP:
		ls_log_pid(pid, LS_FAIL_DUP, strerror(f->err));
		break;
	case LS_ST_GROUPS:
		ls_log_pid(pid, LS_FAIL_GROUPS, id);
		break;
	case LS_ST_GID:
		ls_log_pid(pid, LS_FAIL_GID, id);
		break;
	case LS_ST_UID:
		ls_log_pid(pid, LS_FAIL_UID, id);
		break;
	case LS_ST_EXEC:
		ls_log_pid(pid, LS_FAIL_EXEC, f->argv[0]);
		ls_log_pid(pid, LS_FAIL_SYSERR, strerror(f->err));
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

/* What a worker sends once it runs (a job number is below LS_JOBS). */
#define LS_WORKER_READY UINT32_MAX

static void *
ls_worker_main(void *arg)
{
	struct ls_worker *w = arg;
	struct ls_spawnq *q = w->q;
	struct ls_job *j;
	uint32_t i = LS_WORKER_READY;
	ssize_t n;

	(void)send(q->work_end, &i, sizeof(i), MSG_NOSIGNAL);
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

void
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

/* The status of a child that ended before it was registered, if so. */
bool
ls_clone_early(struct ls *ls, pid_t pid, int *status)
{
	struct ls_spawnq *q = ls->spq;
	size_t i;

	for (i = 0; q != NULL && i < q->nearly; i++)
		if (q->early[i].pid == pid) {
			*status = q->early[i].status;
			q->early[i] = q->early[--q->nearly];
			return true;
		}
	return false;
}

/* A child started here: registered, with where its utmpx record went. */
static void
ls_fast_started(struct ls *ls, struct ls_svc *s, const char *svc, pid_t pid,
    int minor, const struct ls_fast *f)
{
	bool utx = f->utx && f->utx_err == 0 && f->utx_off > 0;

	ls_started(ls, s, svc, pid, minor, utx ? f->utx_slot : -1,
	    utx ? f->utx_off : 0);
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
		ls_fast_started(ls, s, j->svc, j->pid, j->minor, &j->f);
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
	char *argv[LS_SERVER_ARGV];
	char addr[sizeof(NLSADDR) + 2 * sizeof(struct sockaddr_storage) + 1];
	struct ls_user *u = s->user;
	pid_t pid;

	ls_server_argv(s, argv, extra, nextra, last);
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

/* At start-up, before the loop runs: wait (a bounded time) until every
 * worker runs.  A thread still starting holds locks of the C library or
 * of a sanitizer's runtime, and a child forked then (an rpcbind helper)
 * would inherit them held. */
static void
ls_workers_wait(struct ls_spawnq *q)
{
	struct pollfd p = { .fd = q->loop_end, .events = POLLIN };
	uint32_t i;
	int ready = 0;

	while (ready < q->nworkers && poll(&p, 1, 5000) > 0)
		while (recv(q->loop_end, &i, sizeof(i), MSG_DONTWAIT) ==
		    (ssize_t)sizeof(i))
			if (i == LS_WORKER_READY)
				ready++;
}

static void
ls_workers_start(struct ls *ls, struct ls_spawnq *q)
{
	pthread_attr_t attr;
	sigset_t all, old;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int i, n, sv[2];

	if (ncpu < 1)
		ncpu = 1;
	n = ncpu > LS_WORKERS_MAX / LS_WORKERS_PER_CPU ?
	    LS_WORKERS_MAX :
	    (int)ncpu * LS_WORKERS_PER_CPU;
	if (n < LS_WORKERS_MIN)
		n = LS_WORKERS_MIN;
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
	ls_workers_wait(q);
	if (q->nworkers == 0)
		ls_log("cannot start the threads that start servers: servers "
		       "start one at a time");
}

void
ls_spawn_init(struct ls *ls)
{
	struct ls_spawnq *q;
	struct sigaction sa;
	const char *how;
	int i;

	sigemptyset(&ls_sig_ignored);
	for (i = 1; i < NSIG; i++)
		if (sigaction(i, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
			sigaddset(&ls_sig_ignored, i);
	ls_root = geteuid() == 0;
	/* LISTEN_SPAWN=fork: every server with fork (for tools that cannot
	 * follow a clone sharing memory, such as valgrind) */
	if ((how = getenv("LISTEN_SPAWN")) != NULL && strcmp(how, "fork") == 0)
		return;
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
ls_clone_start(struct ls *ls, struct ls_svc *s, int fd,
    const struct sockaddr_storage *peer, socklen_t plen, int minor,
    const char *const *extra, int nextra, const char *last)
{
	struct ls_fast f;
	pid_t pid;

	if (nextra == 0 && last == NULL &&
	    ls_submit(ls, s, fd, peer, plen, minor) == 0)
		return 0; /* the worker has the connection now */
	pid =
	    ls_exec_fast(ls, s, fd, peer, plen, minor, &f, extra, nextra, last);
	if (pid < 0)
		return -1;
	close(fd);
	ls_fast_started(ls, s, s->ent.svctag, pid, minor, &f);
	return 0;
}
