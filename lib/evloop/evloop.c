/*
 * evloop.c - epoll, signalfd and a timer heap (see evloop.h).
 *
 * Each watched descriptor has a slot indexed by its number, with a
 * generation that travels in the epoll event: an event for a descriptor
 * that was removed (and perhaps reused) during the same round is dropped.
 */
#include "evloop.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Events taken from the kernel per round. */
#define EVLOOP_BATCH 64

struct evwatch {
	evloop_fd_cb cb;
	void *arg;
	uint32_t gen; /* 0: slot unused */
};

struct evtimer {
	struct evloop *loop;
	evloop_timer_cb cb;
	void *arg;
	uint64_t deadline;
	size_t idx; /* place in the heap, EVLOOP_NOIDX when disarmed */
};
#define EVLOOP_NOIDX ((size_t)-1)

struct evloop {
	int epfd;
	struct evwatch *w;
	size_t nw;
	uint32_t nextgen;
	int sigfd;
	evloop_signal_cb sigcb;
	void *sigarg;
	struct evtimer **heap;
	size_t nheap, capheap;
	bool stop;
	/* held but while waiting (evloop_set_lock) */
	void (*lock)(void *), (*unlock)(void *);
	void *lockarg;
};

uint64_t
evloop_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

struct evloop *
evloop_new(void)
{
	struct evloop *loop = calloc(1, sizeof(*loop));

	if (loop == NULL)
		return NULL;
	loop->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (loop->epfd < 0) {
		free(loop);
		return NULL;
	}
	loop->sigfd = -1;
	loop->nextgen = 1;
	return loop;
}

void
evloop_free(struct evloop *loop)
{
	size_t i;

	if (loop == NULL)
		return;
	for (i = 0; i < loop->nheap; i++)
		loop->heap[i]->idx = EVLOOP_NOIDX;
	if (loop->sigfd >= 0)
		close(loop->sigfd);
	close(loop->epfd);
	free(loop->heap);
	free(loop->w);
	free(loop);
}

static int
evloop_slot(struct evloop *loop, int fd)
{
	size_t n;
	struct evwatch *w;

	if (fd < 0) {
		errno = EBADF;
		return -1;
	}
	if ((size_t)fd < loop->nw)
		return 0;
	n = loop->nw ? loop->nw : 64;
	while (n <= (size_t)fd)
		n *= 2;
	w = realloc(loop->w, n * sizeof(*w));
	if (w == NULL)
		return -1;
	memset(w + loop->nw, 0, (n - loop->nw) * sizeof(*w));
	loop->w = w;
	loop->nw = n;
	return 0;
}

static uint64_t
evloop_tag(int fd, uint32_t gen)
{
	return (uint64_t)(uint32_t)fd | ((uint64_t)gen << 32);
}

int
evloop_add(
    struct evloop *loop, int fd, uint32_t events, evloop_fd_cb cb, void *arg)
{
	struct epoll_event ev;
	uint32_t gen;

	if (evloop_slot(loop, fd) < 0)
		return -1;
	if (loop->w[fd].gen != 0) {
		errno = EEXIST;
		return -1;
	}
	gen = loop->nextgen++;
	if (loop->nextgen == 0)
		loop->nextgen = 1;
	memset(&ev, 0, sizeof(ev));
	ev.events = events;
	ev.data.u64 = evloop_tag(fd, gen);
	if (epoll_ctl(loop->epfd, EPOLL_CTL_ADD, fd, &ev) < 0)
		return -1;
	loop->w[fd].cb = cb;
	loop->w[fd].arg = arg;
	loop->w[fd].gen = gen;
	return 0;
}

bool
evloop_watched(const struct evloop *loop, int fd)
{
	return fd >= 0 && (size_t)fd < loop->nw && loop->w[fd].gen != 0;
}

int
evloop_mod(struct evloop *loop, int fd, uint32_t events)
{
	struct epoll_event ev;

	if (!evloop_watched(loop, fd)) {
		errno = ENOENT;
		return -1;
	}
	memset(&ev, 0, sizeof(ev));
	ev.events = events;
	ev.data.u64 = evloop_tag(fd, loop->w[fd].gen);
	return epoll_ctl(loop->epfd, EPOLL_CTL_MOD, fd, &ev);
}

int
evloop_del(struct evloop *loop, int fd)
{
	if (!evloop_watched(loop, fd)) {
		errno = ENOENT;
		return -1;
	}
	loop->w[fd].gen = 0;
	loop->w[fd].cb = NULL;
	/* may fail harmlessly if fd is already closed */
	(void)epoll_ctl(loop->epfd, EPOLL_CTL_DEL, fd, NULL);
	return 0;
}

static void
evloop_sigread(struct evloop *loop, int fd, uint32_t events, void *arg)
{
	struct signalfd_siginfo si[8];
	ssize_t n;
	size_t i;

	(void)events;
	(void)arg;
	while ((n = read(fd, si, sizeof(si))) > 0)
		for (i = 0; i < (size_t)n / sizeof(si[0]); i++)
			if (loop->sigcb != NULL)
				loop->sigcb(loop, &si[i], loop->sigarg);
}

int
evloop_signals(
    struct evloop *loop, const sigset_t *set, evloop_signal_cb cb, void *arg)
{
	int fd;

	if (sigprocmask(SIG_BLOCK, set, NULL) < 0)
		return -1;
	fd = signalfd(loop->sigfd, set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (fd < 0)
		return -1;
	loop->sigcb = cb;
	loop->sigarg = arg;
	if (loop->sigfd < 0) {
		loop->sigfd = fd;
		if (evloop_add(loop, fd, EPOLLIN, evloop_sigread, NULL) < 0)
			return -1;
	}
	return 0;
}

/* ---- the timer heap ---- */

static void
evloop_heap_set(struct evloop *loop, size_t i, struct evtimer *t)
{
	loop->heap[i] = t;
	t->idx = i;
}

static void
evloop_heap_up(struct evloop *loop, size_t i)
{
	struct evtimer *t = loop->heap[i];

	while (i > 0) {
		size_t p = (i - 1) / 2;

		if (loop->heap[p]->deadline <= t->deadline)
			break;
		evloop_heap_set(loop, i, loop->heap[p]);
		i = p;
	}
	evloop_heap_set(loop, i, t);
}

static void
evloop_heap_down(struct evloop *loop, size_t i)
{
	struct evtimer *t = loop->heap[i];

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= loop->nheap)
			break;
		if (c + 1 < loop->nheap &&
		    loop->heap[c + 1]->deadline < loop->heap[c]->deadline)
			c++;
		if (t->deadline <= loop->heap[c]->deadline)
			break;
		evloop_heap_set(loop, i, loop->heap[c]);
		i = c;
	}
	evloop_heap_set(loop, i, t);
}

struct evtimer *
evloop_timer_new(struct evloop *loop, evloop_timer_cb cb, void *arg)
{
	struct evtimer *t = calloc(1, sizeof(*t));

	if (t == NULL)
		return NULL;
	t->loop = loop;
	t->cb = cb;
	t->arg = arg;
	t->idx = EVLOOP_NOIDX;
	return t;
}

bool
evloop_timer_armed(const struct evtimer *t)
{
	return t->idx != EVLOOP_NOIDX;
}

void
evloop_timer_disarm(struct evtimer *t)
{
	struct evloop *loop = t->loop;
	size_t i = t->idx;

	if (i == EVLOOP_NOIDX)
		return;
	t->idx = EVLOOP_NOIDX;
	loop->nheap--;
	if (i == loop->nheap)
		return;
	{
		struct evtimer *last = loop->heap[loop->nheap];

		evloop_heap_set(loop, i, last);
		evloop_heap_down(loop, i);
		evloop_heap_up(loop, last->idx);
	}
}

void
evloop_timer_at(struct evtimer *t, uint64_t deadline)
{
	struct evloop *loop = t->loop;

	evloop_timer_disarm(t);
	if (loop->nheap == loop->capheap) {
		size_t n = loop->capheap ? loop->capheap * 2 : 16;
		struct evtimer **h = realloc(loop->heap, n * sizeof(*h));

		if (h == NULL)
			abort(); /* cannot keep a promise to wake up */
		loop->heap = h;
		loop->capheap = n;
	}
	t->deadline = deadline;
	evloop_heap_set(loop, loop->nheap++, t);
	evloop_heap_up(loop, t->idx);
}

void
evloop_timer_arm(struct evtimer *t, uint64_t ms)
{
	evloop_timer_at(t, evloop_now() + ms);
}

void
evloop_timer_free(struct evtimer *t)
{
	if (t == NULL)
		return;
	evloop_timer_disarm(t);
	free(t);
}

/* ---- running ---- */

static int
evloop_timeout(struct evloop *loop, int limit)
{
	uint64_t now, d;

	if (loop->nheap == 0)
		return limit;
	now = evloop_now();
	d = loop->heap[0]->deadline;
	if (d <= now)
		return 0;
	d -= now;
	if (limit >= 0 && d > (uint64_t)limit)
		return limit;
	return d > 24 * 3600 * 1000 ? 24 * 3600 * 1000 : (int)d;
}

static void
evloop_expire(struct evloop *loop)
{
	uint64_t now = evloop_now();

	while (loop->nheap > 0 && loop->heap[0]->deadline <= now) {
		struct evtimer *t = loop->heap[0];

		evloop_timer_disarm(t);
		t->cb(loop, t, t->arg);
	}
}

int
evloop_once(struct evloop *loop, int timeout_ms)
{
	struct epoll_event ev[EVLOOP_BATCH];
	int n, i, fd, err, timeout = evloop_timeout(loop, timeout_ms);
	uint32_t gen;

	if (loop->unlock != NULL)
		loop->unlock(loop->lockarg);
	n = epoll_wait(loop->epfd, ev, EVLOOP_BATCH, timeout);
	err = errno;
	if (loop->lock != NULL)
		loop->lock(loop->lockarg);
	if (n < 0) {
		errno = err;
		if (errno != EINTR)
			return -1;
		n = 0;
	}
	for (i = 0; i < n; i++) {
		fd = (int)(uint32_t)ev[i].data.u64;
		gen = (uint32_t)(ev[i].data.u64 >> 32);
		if (!evloop_watched(loop, fd) || loop->w[fd].gen != gen)
			continue; /* removed during this round */
		loop->w[fd].cb(loop, fd, ev[i].events, loop->w[fd].arg);
	}
	evloop_expire(loop);
	return 0;
}

int
evloop_run(struct evloop *loop)
{
	loop->stop = false;
	while (!loop->stop)
		if (evloop_once(loop, -1) < 0)
			return -1;
	return 0;
}

void
evloop_set_lock(struct evloop *loop, void (*lock)(void *),
    void (*unlock)(void *), void *arg)
{
	loop->lock = lock;
	loop->unlock = unlock;
	loop->lockarg = arg;
}

void
evloop_stop(struct evloop *loop)
{
	loop->stop = true;
}
