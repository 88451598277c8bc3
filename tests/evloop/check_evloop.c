/*
 * check_evloop.c - the daemons' event loop: descriptors, removal during a
 * round, timers in deadline order (heap), re-arming, signals, stop, and
 * the lock another thread shares the loop's state under.
 */
#include "evloop.h"

#include <check.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct rec {
	int calls;
	int order[2048];
	int n;
};

static void
on_read(struct evloop *loop, int fd, uint32_t events, void *arg)
{
	struct rec *r = arg;
	char c;

	(void)loop;
	ck_assert(events & EPOLLIN);
	ck_assert_int_eq(read(fd, &c, 1), 1);
	r->calls++;
}

START_TEST(fd_ready_and_removed)
{
	struct evloop *loop = evloop_new();
	struct rec r = { 0 };
	int p[2];

	ck_assert_ptr_nonnull(loop);
	ck_assert_int_eq(pipe(p), 0);
	ck_assert_int_eq(evloop_add(loop, p[0], EPOLLIN, on_read, &r), 0);
	ck_assert(evloop_watched(loop, p[0]));
	ck_assert_int_eq(evloop_add(loop, p[0], EPOLLIN, on_read, &r), -1);
	ck_assert_int_eq(write(p[1], "x", 1), 1);
	ck_assert_int_eq(evloop_once(loop, 1000), 0);
	ck_assert_int_eq(r.calls, 1);
	/* nothing ready: the round ends at the timeout */
	ck_assert_int_eq(evloop_once(loop, 10), 0);
	ck_assert_int_eq(r.calls, 1);
	ck_assert_int_eq(evloop_mod(loop, p[0], 0), 0);
	ck_assert_int_eq(write(p[1], "y", 1), 1);
	ck_assert_int_eq(evloop_once(loop, 10), 0);
	ck_assert_int_eq(r.calls, 1);
	ck_assert_int_eq(evloop_del(loop, p[0]), 0);
	ck_assert(!evloop_watched(loop, p[0]));
	ck_assert_int_eq(evloop_del(loop, p[0]), -1);
	close(p[0]);
	close(p[1]);
	evloop_free(loop);
}
END_TEST

struct pair {
	int fds[2][2];
	int calls;
};

/* The first ready descriptor removes the other one. */
static void
on_remove_other(struct evloop *loop, int fd, uint32_t events, void *arg)
{
	struct pair *pr = arg;
	int other = fd == pr->fds[0][0] ? pr->fds[1][0] : pr->fds[0][0];

	(void)events;
	pr->calls++;
	evloop_del(loop, other);
	evloop_del(loop, fd);
}

START_TEST(removal_during_a_round_drops_its_event)
{
	struct evloop *loop = evloop_new();
	struct pair pr = { .calls = 0 };

	ck_assert_int_eq(pipe(pr.fds[0]), 0);
	ck_assert_int_eq(pipe(pr.fds[1]), 0);
	evloop_add(loop, pr.fds[0][0], EPOLLIN, on_remove_other, &pr);
	evloop_add(loop, pr.fds[1][0], EPOLLIN, on_remove_other, &pr);
	ck_assert_int_eq(write(pr.fds[0][1], "a", 1), 1);
	ck_assert_int_eq(write(pr.fds[1][1], "b", 1), 1);
	ck_assert_int_eq(evloop_once(loop, 1000), 0);
	ck_assert_int_eq(pr.calls, 1);
	evloop_free(loop);
}
END_TEST

static void
on_timer(struct evloop *loop, struct evtimer *t, void *arg)
{
	struct rec *r = arg;

	(void)loop;
	(void)t;
	r->order[r->n++] = 0;
	r->calls++;
}

struct tagged {
	struct rec *r;
	int tag;
};

static void
on_tagged(struct evloop *loop, struct evtimer *t, void *arg)
{
	struct tagged *tg = arg;

	(void)loop;
	(void)t;
	tg->r->order[tg->r->n++] = tg->tag;
}

START_TEST(timers_fire_in_deadline_order)
{
	struct evloop *loop = evloop_new();
	struct rec r = { 0 };
	enum { N = 1000 };
	struct tagged *tg = calloc(N, sizeof(*tg));
	struct evtimer **t = calloc(N, sizeof(*t));
	uint64_t base = evloop_now() + 50;
	int i;

	srand(7);
	for (i = 0; i < N; i++) {
		tg[i].r = &r;
		tg[i].tag = rand() % 200;
		t[i] = evloop_timer_new(loop, on_tagged, &tg[i]);
		evloop_timer_at(t[i], base + (uint64_t)tg[i].tag);
	}
	/* disarm every third: they must never fire */
	for (i = 0; i < N; i += 3)
		evloop_timer_disarm(t[i]);
	while (r.n < N - (N + 2) / 3)
		ck_assert_int_eq(evloop_once(loop, 1000), 0);
	for (i = 1; i < r.n; i++)
		ck_assert_int_le(r.order[i - 1], r.order[i]);
	ck_assert_int_eq(evloop_once(loop, 20), 0);
	ck_assert_int_eq(r.n, N - (N + 2) / 3);
	for (i = 0; i < N; i++) {
		ck_assert(!evloop_timer_armed(t[i]));
		evloop_timer_free(t[i]);
	}
	free(t);
	free(tg);
	evloop_free(loop);
}
END_TEST

static void
on_rearm(struct evloop *loop, struct evtimer *t, void *arg)
{
	struct rec *r = arg;

	if (++r->calls < 3)
		evloop_timer_arm(t, 5);
	else
		evloop_stop(loop);
}

START_TEST(timer_rearmed_from_its_callback)
{
	struct evloop *loop = evloop_new();
	struct rec r = { 0 };
	struct evtimer *t = evloop_timer_new(loop, on_rearm, &r);
	uint64_t t0 = evloop_now();

	evloop_timer_arm(t, 5);
	ck_assert(evloop_timer_armed(t));
	ck_assert_int_eq(evloop_run(loop), 0);
	ck_assert_int_eq(r.calls, 3);
	ck_assert_uint_ge(evloop_now() - t0, 15);
	evloop_timer_free(t);
	evloop_free(loop);
}
END_TEST

static void
on_signal(struct evloop *loop, const struct signalfd_siginfo *si, void *arg)
{
	struct rec *r = arg;

	r->order[r->n++] = (int)si->ssi_signo;
	evloop_stop(loop);
}

START_TEST(signals_arrive_as_events)
{
	struct evloop *loop = evloop_new();
	struct rec r = { 0 };
	struct evtimer *t = evloop_timer_new(loop, on_timer, &r);
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	ck_assert_int_eq(evloop_signals(loop, &set, on_signal, &r), 0);
	kill(getpid(), SIGUSR1);
	evloop_timer_arm(t, 2000); /* a guard: must not be needed */
	ck_assert_int_eq(evloop_run(loop), 0);
	ck_assert_int_eq(r.n, 1);
	ck_assert_int_eq(r.order[0], SIGUSR1);
	ck_assert_int_eq(r.calls, 0);
	evloop_timer_free(t);
	evloop_free(loop);
}
END_TEST

/* The loop's lock: held by the caller, let go only while the loop waits,
 * taken again before the callbacks run. */
struct locked {
	pthread_mutex_t mu;
	bool held;
	char seq[8];
	int n;
	int wfd;
};

static void
locked_lock(void *arg)
{
	struct locked *l = arg;

	pthread_mutex_lock(&l->mu);
	l->held = true;
	if (l->n < 7)
		l->seq[l->n++] = 'L';
}

static void
locked_unlock(void *arg)
{
	struct locked *l = arg;

	if (l->n < 7)
		l->seq[l->n++] = 'U';
	l->held = false;
	pthread_mutex_unlock(&l->mu);
}

static void
on_locked_read(struct evloop *loop, int fd, uint32_t events, void *arg)
{
	struct locked *l = arg;
	char c;

	(void)loop;
	(void)events;
	ck_assert(l->held);
	ck_assert_int_eq(read(fd, &c, 1), 1);
	if (l->n < 7)
		l->seq[l->n++] = 'C';
}

/* Another thread: it can take the lock only while the loop waits. */
static void *
locked_writer(void *arg)
{
	struct locked *l = arg;

	pthread_mutex_lock(&l->mu);
	ck_assert(!l->held);
	ck_assert_int_eq(write(l->wfd, "x", 1), 1);
	pthread_mutex_unlock(&l->mu);
	return NULL;
}

START_TEST(lock_let_go_only_while_waiting)
{
	struct evloop *loop = evloop_new();
	struct locked l = { .mu = PTHREAD_MUTEX_INITIALIZER };
	pthread_t t;
	int p[2];

	ck_assert_ptr_nonnull(loop);
	ck_assert_int_eq(pipe(p), 0);
	l.wfd = p[1];
	ck_assert_int_eq(
	    evloop_add(loop, p[0], EPOLLIN, on_locked_read, &l), 0);
	pthread_mutex_lock(&l.mu);
	l.held = true;
	evloop_set_lock(loop, locked_lock, locked_unlock, &l);
	ck_assert_int_eq(pthread_create(&t, NULL, locked_writer, &l), 0);
	/* the writer's byte is what ends the wait */
	ck_assert_int_eq(evloop_once(loop, 10000), 0);
	ck_assert_str_eq(l.seq, "ULC");
	ck_assert(l.held);
	ck_assert_int_eq(pthread_join(t, NULL), 0);
	/* without a lock, none is taken */
	evloop_set_lock(loop, NULL, NULL, NULL);
	ck_assert_int_eq(evloop_once(loop, 10), 0);
	ck_assert_str_eq(l.seq, "ULC");
	pthread_mutex_unlock(&l.mu);
	close(p[0]);
	close(p[1]);
	evloop_free(loop);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("evloop");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, fd_ready_and_removed);
	tcase_add_test(tc, removal_during_a_round_drops_its_event);
	tcase_add_test(tc, timers_fire_in_deadline_order);
	tcase_add_test(tc, timer_rearmed_from_its_callback);
	tcase_add_test(tc, signals_arrive_as_events);
	tcase_add_test(tc, lock_let_go_only_while_waiting);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
