/*
 * evloop.h - the event loop of the daemons (sac, listen): the one place
 * where they wait.
 *
 * Descriptors are watched with epoll, signals arrive through a signalfd
 * (handlers never run daemon code), and timers are absolute deadlines on
 * the monotonic clock kept in a heap, so thousands of them (one per
 * pending request) cost O(log n).  Callbacks run in the loop; none may
 * block.  Not thread-safe: one loop per process, used from one thread.
 */
#ifndef LISTEN_EVLOOP_H
#define LISTEN_EVLOOP_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>

struct evloop;
struct evtimer;

/* A descriptor is ready: events are EPOLLIN, EPOLLOUT, EPOLLERR, ... */
typedef void (*evloop_fd_cb)(
    struct evloop *loop, int fd, uint32_t events, void *arg);
/* A timer expired (it is disarmed when called; re-arm from here). */
typedef void (*evloop_timer_cb)(
    struct evloop *loop, struct evtimer *t, void *arg);
/* A signal of the watched set arrived. */
typedef void (*evloop_signal_cb)(
    struct evloop *loop, const struct signalfd_siginfo *si, void *arg);

/* A new loop, or NULL with errno. */
struct evloop *evloop_new(void);
/* Free the loop and its timers; watched descriptors are not closed, and
 * watched signals stay blocked. */
void evloop_free(struct evloop *loop);

/* Watch fd for events (EPOLLIN, EPOLLOUT, ...): 0, or -1 with errno. */
int evloop_add(
    struct evloop *loop, int fd, uint32_t events, evloop_fd_cb cb, void *arg);
/* Change the events watched on fd (0: none for now, but stay registered). */
int evloop_mod(struct evloop *loop, int fd, uint32_t events);
/* Stop watching fd (before closing it). */
int evloop_del(struct evloop *loop, int fd);
/* Is fd watched? */
bool evloop_watched(const struct evloop *loop, int fd);

/* Block the signals of set and deliver them to cb: 0, or -1 with errno.
 * One handler for the whole set; a second call replaces the set. */
int evloop_signals(
    struct evloop *loop, const sigset_t *set, evloop_signal_cb cb, void *arg);

/* A timer, disarmed: NULL with errno. */
struct evtimer *evloop_timer_new(
    struct evloop *loop, evloop_timer_cb cb, void *arg);
/* Arm (or re-arm) t to expire ms milliseconds from now. */
void evloop_timer_arm(struct evtimer *t, uint64_t ms);
/* Arm t for an absolute deadline on the loop's clock (evloop_now). */
void evloop_timer_at(struct evtimer *t, uint64_t deadline);
void evloop_timer_disarm(struct evtimer *t);
bool evloop_timer_armed(const struct evtimer *t);
void evloop_timer_free(struct evtimer *t);

/* Milliseconds on the monotonic clock. */
uint64_t evloop_now(void);

/* Run until evloop_stop: 0, or -1 with errno if epoll itself fails. */
int evloop_run(struct evloop *loop);
/* Run one round: wait at most timeout_ms (-1: until something happens)
 * and dispatch what is ready.  0, or -1 with errno. */
int evloop_once(struct evloop *loop, int timeout_ms);
/* Share the loop's state with other threads: the caller holds a lock
 * while it runs the loop, and the loop lets go of it (unlock) only while
 * it waits, taking it again (lock) before it runs callbacks and timers; so
 * another thread that holds it may use what they use (arm timers, watch
 * descriptors).  NULL functions: no lock. */
void evloop_set_lock(struct evloop *loop, void (*lock)(void *),
    void (*unlock)(void *), void *arg);
/* Make evloop_run return after the current round. */
void evloop_stop(struct evloop *loop);

#endif /* LISTEN_EVLOOP_H */
