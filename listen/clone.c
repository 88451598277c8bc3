/*
 * clone.c - starting servers without fork.
 *
 * For services with no script and no modules (ls_fast_child): the child is
 * made with clone(CLONE_VM | CLONE_VFORK), so the listener's page tables
 * are never copied.  It shares the listener's memory until it execs, so it
 * only makes system calls on data prepared beforehand (by spawn.c and
 * users.c when the table was loaded, and per connection here): no
 * allocation, no stdio, no log.  What fails is written into a structure
 * its parent reads, and logged with the child's pid when the start is
 * registered, with the texts the fork path's child writes itself (ls.h).
 * It writes its utmpx record itself, with utmpx.c's system calls.  It also
 * shares the descriptor table at first (CLONE_FILES): the connection sits
 * at a reserved low number, and the child's own table gets only the
 * descriptors up to it (close_range with CLOSE_RANGE_UNSHARE), so a start
 * costs the same however many connections the listener holds.
 *
 * CLONE_VFORK suspends the calling thread until the child has exec'd,
 * which takes as long as the scheduler makes it wait for a CPU.  So the
 * event loop does not make these calls itself: a few worker threads do.
 * On an address whose service starts this way, the workers take the
 * connections themselves: each waits on its own epoll for the endpoint
 * (EPOLLEXCLUSIVE: one is woken a caller), accepts and dispatches as the
 * loop would, and clones; the loop is not woken, nor anything handed
 * over.  Other starts (an NLPS caller's) the loop hands to a worker over a
 * socket pair.  The listener's state is shared under one mutex: the loop
 * holds it but while it waits (evloop_set_lock), a worker while it takes
 * a connection and while it registers the child, never while it waits for
 * one.  Only when every job is in use (or the start carries extra
 * arguments) does the loop clone and wait itself.  A child that ends
 * before its start is registered waits in a short list.
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
#include <sys/epoll.h>
#include <sys/eventfd.h>
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
/* Starts handed to the workers at once (at least an accept batch), and
 * one more for each worker, for the start it takes itself: a worker never
 * finds none free, and so never starts a server with mu held. */
#define LS_JOBS            LS_ACCEPT_BATCH
#define LS_NJOBS           (LS_JOBS + LS_WORKERS_MAX)

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

/* One start made by a worker: handed to it by the loop, or taken by the
 * worker itself from a connection it accepted. */
struct ls_job {
	struct ls_user *u;  /* referenced until the job is done */
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
	int epfd; /* what it waits for: jobs, the end, its endpoints */
	int job;  /* the start it took itself in ls_dispatch, or -1 */
};

/* A child that ended before its job was done. */
struct ls_early {
	pid_t pid;
	int status;
};

/* An endpoint whose connections the workers take themselves. */
struct ls_direct {
	struct ls_ep *ep; /* NULL: a free entry */
	uint32_t id;      /* travels in the epoll events, with the index */
};

struct ls_spawnq {
	/* The listener's state, shared with the workers: the loop holds mu
	 * but while it waits (evloop_set_lock), a worker while it takes a
	 * connection and while it registers a start (never while it waits
	 * for a child). */
	pthread_mutex_t mu;
	pthread_cond_t loop_turn; /* the workers that wait for mu are through */
	unsigned arrived;         /* workers that came for mu (atomic) */
	unsigned entered;         /* workers that got it */
	unsigned loop_mark;       /* arrived, when the loop came for it */
	bool loop_waits;          /* for loop_turn */
	struct ls *ls;
	ls_take_fn take;
	/* job numbers (4 bytes a message) go to the workers from loop_end
	 * to work_end; the workers say they run the other way */
	int loop_end, work_end;
	int stop; /* an eventfd: the listener ends */
	int kick; /* an eventfd: a worker armed a timer of the loop */
	int null; /* what a slot holds between starts */
	int slot; /* the loop's own, for the starts it makes */
	bool stopping;
	struct ls_worker *self; /* the worker in ls_dispatch, if one is */
	int nworkers;
	struct ls_worker w[LS_WORKERS_MAX];
	unsigned freejobs[LS_NJOBS];
	size_t nfree;
	struct ls_early early[LS_NJOBS];
	size_t nearly;
	struct ls_direct *direct;
	size_t ndirect;
	uint32_t nextid;
	struct ls_job jobs[LS_NJOBS];
};

/* What a worker sends once it runs (a job number is below LS_NJOBS). */
#define LS_WORKER_READY UINT32_MAX
/* The tags of a worker's own events (an endpoint's: index | id << 32,
 * with an id of 1 to UINT32_MAX - 1). */
#define LS_EV_JOBS      UINT64_MAX
#define LS_EV_STOP      (UINT64_MAX - 1)

static void ls_job_done(struct ls *ls, struct ls_spawnq *q, uint32_t i);

/* mu is not fair: a loop that is busy would take it back after each round
 * before a worker woken by its release ran, again and again.  So each
 * worker counts itself in (arrived) before it waits for mu, and once it
 * has it (entered); the loop, when it takes mu, lets the workers that had
 * arrived by then through first, and only those: workers that keep
 * coming cannot keep it out either. */
static void
ls_worker_lock(struct ls_spawnq *q)
{
	__atomic_add_fetch(&q->arrived, 1, __ATOMIC_SEQ_CST);
	pthread_mutex_lock(&q->mu);
	q->entered++;
}

/* entered has reached the loop's mark (mu held; counts wrap) */
static bool
ls_loop_turn(const struct ls_spawnq *q)
{
	return (int)(q->entered - q->loop_mark) >= 0;
}

static void
ls_worker_unlock(struct ls_spawnq *q)
{
	if (q->loop_waits && ls_loop_turn(q))
		pthread_cond_signal(&q->loop_turn);
	pthread_mutex_unlock(&q->mu);
}

/* The loop's side, around its waits (evloop_set_lock). */
static void
ls_loop_lock(void *arg)
{
	struct ls_spawnq *q = arg;

	pthread_mutex_lock(&q->mu);
	q->loop_mark = __atomic_load_n(&q->arrived, __ATOMIC_SEQ_CST);
	q->loop_waits = true;
	while (!ls_loop_turn(q))
		pthread_cond_wait(&q->loop_turn, &q->mu);
	q->loop_waits = false;
}

static void
ls_loop_unlock(void *arg)
{
	struct ls_spawnq *q = arg;

	pthread_mutex_unlock(&q->mu);
}

/* Make job i's start (mu not held: this waits for the child's exec),
 * then register it. */
static void
ls_worker_run(struct ls_worker *w, uint32_t i)
{
	struct ls_spawnq *q = w->q;
	struct ls_job *j = &q->jobs[i];

	j->pid = ls_fast_clone(w->slot, q->null, &j->f, j->fd);
	j->err = errno;
	if (j->pid < 0)
		ls_refuse(j->fd);
	else
		close(j->fd);
	ls_worker_lock(q);
	ls_job_done(q->ls, q, i);
	ls_log_flush();
	ls_worker_unlock(q);
}

/* One job from the loop: 1 (made), 0 (none waits), -1 (the loop shut
 * its end). */
static int
ls_worker_job(struct ls_worker *w)
{
	uint32_t i;
	ssize_t n = recv(w->q->work_end, &i, sizeof(i), MSG_DONTWAIT);

	if (n == (ssize_t)sizeof(i) && i < LS_NJOBS) {
		ls_worker_run(w, i);
		return 1;
	}
	return n < 0 && (errno == EAGAIN || errno == EINTR) ? 0 : -1;
}

/* The endpoint an event of a worker is for, if it still is (mu held). */
static struct ls_ep *
ls_direct_ep(struct ls_spawnq *q, uint64_t tag)
{
	size_t k = (uint32_t)tag;

	if (q->stopping || k >= q->ndirect || q->direct[k].ep == NULL ||
	    q->direct[k].id != (uint32_t)(tag >> 32))
		return NULL;
	return q->direct[k].ep;
}

/* A connection waits on one of the workers' endpoints: take it (q->take:
 * what the loop's ls_accept_cb does, with mu held) and make the start it
 * leaves to this worker, if it does. */
static void
ls_worker_accept(struct ls_worker *w, uint64_t tag)
{
	struct ls_spawnq *q = w->q;
	struct ls_ep *ep;
	int job = -1;

	ls_worker_lock(q);
	if ((ep = ls_direct_ep(q, tag)) != NULL) {
		w->job = -1;
		q->self = w;
		if (q->take(q->ls, ep))
			(void)eventfd_write(q->kick, 1); /* paused: a timer */
		q->self = NULL;
		job = w->job;
		ls_log_flush();
	}
	ls_worker_unlock(q);
	if (job >= 0)
		ls_worker_run(w, (uint32_t)job);
}

/* A worker waits for one thing at a time (what else is ready is left to
 * the others): a job, a connection, the end. */
static void *
ls_worker_main(void *arg)
{
	struct ls_worker *w = arg;
	struct ls_spawnq *q = w->q;
	struct epoll_event ev;
	uint32_t i = LS_WORKER_READY;

	(void)send(q->work_end, &i, sizeof(i), MSG_NOSIGNAL);
	for (;;) {
		if (epoll_wait(w->epfd, &ev, 1, -1) < 1) {
			if (errno == EINTR)
				continue;
			return NULL;
		}
		if (ev.data.u64 == LS_EV_STOP) {
			/* the jobs handed over are made first */
			while (ls_worker_job(w) > 0)
				;
			return NULL;
		}
		if (ev.data.u64 != LS_EV_JOBS)
			ls_worker_accept(w, ev.data.u64);
		else if (ls_worker_job(w) < 0)
			return NULL;
	}
}

void
ls_spawn_early(struct ls *ls, pid_t pid, int status)
{
	struct ls_spawnq *q = ls->spq;

	/* only a job not done yet can have an unknown child */
	if (q != NULL && q->nfree < LS_NJOBS && q->nearly < LS_NJOBS) {
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

/* A job was made: register its child (mu held). */
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

/* A worker armed a timer: the loop computes its wait again. */
static void
ls_kick_cb(struct evloop *loop, int fd, uint32_t events, void *arg)
{
	eventfd_t n;

	(void)loop;
	(void)events;
	(void)arg;
	(void)eventfd_read(fd, &n);
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

/* Hand a start to a worker (or, called from one in ls_dispatch, leave it
 * to that one): 0, or -1 (no job free): the caller starts it itself. */
static int
ls_submit(struct ls *ls, struct ls_svc *s, int fd,
    const struct sockaddr_storage *peer, socklen_t plen, int minor)
{
	struct ls_spawnq *q = ls->spq;
	struct ls_user *u = s->user;
	struct ls_job *j;
	uint32_t i;

	/* the loop leaves one job for each worker */
	if (q == NULL || q->nworkers == 0 ||
	    q->nfree <= (q->self != NULL ? 0 : (size_t)LS_WORKERS_MAX))
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
	if (q->self != NULL)
		q->self->job = (int)i;
	else if (send(q->loop_end, &i, sizeof(i),
		     MSG_DONTWAIT | MSG_NOSIGNAL) != (ssize_t)sizeof(i))
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

/* A worker's own waits: jobs from the loop (one worker woken for each)
 * and the end (all of them): 0, or -1. */
static int
ls_worker_epoll(struct ls_spawnq *q, struct ls_worker *w)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLEXCLUSIVE };

	if ((w->epfd = epoll_create1(EPOLL_CLOEXEC)) < 0)
		return -1;
	ev.data.u64 = LS_EV_JOBS;
	if (epoll_ctl(w->epfd, EPOLL_CTL_ADD, q->work_end, &ev) == 0) {
		ev.events = EPOLLIN;
		ev.data.u64 = LS_EV_STOP;
		if (epoll_ctl(w->epfd, EPOLL_CTL_ADD, q->stop, &ev) == 0)
			return 0;
	}
	close(w->epfd);
	return -1;
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
	if ((q->stop = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) < 0 ||
	    (q->kick = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) < 0 ||
	    evloop_add(ls->loop, q->kick, EPOLLIN, ls_kick_cb, q) < 0)
		return;
	for (i = 0; i < LS_NJOBS; i++)
		q->freejobs[i] = LS_NJOBS - 1 - (unsigned)i;
	q->nfree = LS_NJOBS;
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
		if (ls_worker_epoll(q, w) < 0) {
			close(w->slot);
			break;
		}
		if (pthread_create(&w->tid, &attr, ls_worker_main, w) != 0) {
			close(w->epfd);
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
ls_spawn_init(struct ls *ls, ls_take_fn take)
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
	if (pthread_mutex_init(&q->mu, NULL) != 0) {
		free(q);
		return;
	}
	if (pthread_cond_init(&q->loop_turn, NULL) != 0) {
		pthread_mutex_destroy(&q->mu);
		free(q);
		return;
	}
	/* held from now on but while the loop waits */
	pthread_mutex_lock(&q->mu);
	evloop_set_lock(ls->loop, ls_loop_lock, ls_loop_unlock, q);
	q->ls = ls;
	q->take = take;
	q->loop_end = q->work_end = q->stop = q->kick = -1;
	q->null = open("/dev/null", O_RDONLY | O_CLOEXEC);
	q->slot = ls_slot_new(q->null);
	ls->spq = q;
	ls_workers_start(ls, q);
	ls_spawn_ready = true;
}

static void
ls_close(int fd)
{
	if (fd >= 0)
		close(fd);
}

void
ls_spawn_end(struct ls *ls)
{
	struct ls_spawnq *q = ls->spq;
	size_t k;
	int i;

	if (q == NULL)
		return;
	/* the workers take no more connections, make the jobs handed over
	 * and end; they need mu for that */
	q->stopping = true;
	for (k = 0; k < q->ndirect; k++)
		if (q->direct[k].ep != NULL)
			q->direct[k].ep->direct = 0;
	if (q->stop >= 0)
		(void)eventfd_write(q->stop, 1);
	pthread_mutex_unlock(&q->mu);
	for (i = 0; i < q->nworkers; i++) {
		pthread_join(q->w[i].tid, NULL);
		close(q->w[i].epfd);
		close(q->w[i].slot);
	}
	pthread_mutex_lock(&q->mu);
	evloop_set_lock(ls->loop, NULL, NULL, NULL);
	if (q->kick >= 0 && evloop_watched(ls->loop, q->kick))
		evloop_del(ls->loop, q->kick);
	ls_close(q->kick);
	ls_close(q->stop);
	ls_close(q->loop_end);
	ls_close(q->work_end);
	ls_close(q->slot);
	ls_close(q->null);
	pthread_mutex_unlock(&q->mu);
	pthread_cond_destroy(&q->loop_turn);
	pthread_mutex_destroy(&q->mu);
	free(q->direct);
	free(q);
	ls->spq = NULL;
	ls_spawn_ready = false;
}

bool
ls_direct_able(const struct ls *ls)
{
	return ls->spq != NULL && ls->spq->take != NULL &&
	    ls->spq->nworkers > 0 && !ls->spq->stopping;
}

int
ls_direct_watch(struct ls *ls, struct ls_ep *ep)
{
	struct ls_spawnq *q = ls->spq;
	struct epoll_event ev = { .events = EPOLLIN | EPOLLEXCLUSIVE };
	size_t k;
	int i;

	if (!ls_direct_able(ls))
		return -1;
	for (k = 0; k < q->ndirect && q->direct[k].ep != NULL; k++)
		;
	if (k == q->ndirect) {
		struct ls_direct *d =
		    realloc(q->direct, (k + 1) * sizeof(*q->direct));

		if (d == NULL || k >= UINT32_MAX)
			return -1;
		q->direct = d;
		q->direct[k].ep = NULL;
		q->ndirect++;
	}
	if (++q->nextid == UINT32_MAX)
		q->nextid = 1;
	ev.data.u64 = (uint64_t)k | (uint64_t)q->nextid << 32;
	for (i = 0; i < q->nworkers; i++)
		if (epoll_ctl(q->w[i].epfd, EPOLL_CTL_ADD, ep->fd, &ev) < 0) {
			while (i-- > 0)
				(void)epoll_ctl(
				    q->w[i].epfd, EPOLL_CTL_DEL, ep->fd, NULL);
			return -1;
		}
	q->direct[k].ep = ep;
	q->direct[k].id = q->nextid;
	ep->direct = k + 1;
	return 0;
}

void
ls_direct_unwatch(struct ls *ls, struct ls_ep *ep)
{
	struct ls_spawnq *q = ls->spq;
	int i;

	if (ep->direct == 0)
		return;
	if (q != NULL && ep->direct <= q->ndirect) {
		for (i = 0; i < q->nworkers; i++)
			(void)epoll_ctl(
			    q->w[i].epfd, EPOLL_CTL_DEL, ep->fd, NULL);
		q->direct[ep->direct - 1].ep = NULL;
	}
	ep->direct = 0;
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
