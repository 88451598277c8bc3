/*
 * idlehold.c - hold many idle connections open: callers that connect and
 * then say nothing (to the listener's NLPS address, which waits for
 * their request).
 *
 * It opens N connections to HOST PORT, at most 64 being set up at a time
 * and at most R a second (a client that connects faster than the server
 * accepts overflows its listen queue: the connections it drops come back
 * a second or more later), prints "held N failed F" once they are all
 * established (or have failed), and keeps them open, sending nothing,
 * until SIGTERM or SIGINT (or for H seconds at most); then it closes them
 * and exits.  Its descriptor limit is raised to what N needs, up to the
 * hard limit.
 *
 * usage: idlehold [-n N] [-r R] [-t S] [-H H] HOST PORT
 *   -n N   connections (default 10000)
 *   -r R   at most R new connections a second (default 5000)
 *   -t S   give up on one connection after S seconds (default 10)
 *   -H H   hold them H seconds at most (default 600)
 */
#define _GNU_SOURCE
#include "benchutil.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#define INFLIGHT 64

static volatile sig_atomic_t stop;

static void
on_stop(int sig)
{
    (void)sig;
    stop = 1;
}

static void
usage(void)
{
    fprintf(stderr, "usage: %s [-n N] [-t S] HOST PORT\n", bench_prog);
    exit(2);
}

static void
raise_nofile(long n)
{
    struct rlimit rl;

    if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
        return;
    if (rl.rlim_cur < (rlim_t)n + 64) {
        rl.rlim_cur = (rlim_t)n + 64;
        if (rl.rlim_max != RLIM_INFINITY && rl.rlim_cur > rl.rlim_max)
            rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

int
main(int argc, char **argv)
{
    struct sockaddr_storage ss;
    socklen_t sl;
    struct sigaction sa;
    struct epoll_event ev, evs[INFLIGHT];
    char err[256];
    long n = 10000, timeout = 10, rate = 5000, hold = 600, started = 0,
         done = 0, failed = 0;
    static long errs[256];
    int *fds, opt, ep, i;
    uint64_t deadline, t0;

    bench_init(argv[0]);
    while ((opt = getopt(argc, argv, "n:r:t:H:")) != -1) {
        switch (opt) {
        case 'n': n = parse_long(optarg, "N", 1, 1000000); break;
        case 'r': rate = parse_long(optarg, "R", 1, 10000000); break;
        case 't': timeout = parse_long(optarg, "S", 1, 3600); break;
        case 'H': hold = parse_long(optarg, "H", 1, 86400); break;
        default: usage();
        }
    }
    if (argc - optind != 2)
        usage();
    if (loopback_addr(argv[optind], argv[optind + 1], &ss, &sl, err,
            sizeof err) < 0)
        die("%s", err);
    raise_nofile(n);
    signal(SIGPIPE, SIG_IGN);
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    if ((fds = calloc((size_t)n, sizeof(int))) == NULL)
        die("out of memory");
    if ((ep = epoll_create1(EPOLL_CLOEXEC)) < 0)
        die_errno("epoll_create1");
    deadline = now_ns() + (uint64_t)timeout * 1000000000ULL;
    t0 = now_ns();
    while (done < n && !stop) {
        /* start new ones while fewer than INFLIGHT are being set up, and
         * no faster than the rate */
        long allowed = (long)((now_ns() - t0) / 1000 * (uint64_t)rate / 1000000) + 1;

        while (started < n && started - done < INFLIGHT && started < allowed) {
            int s = socket(ss.ss_family,
                SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

            if (s < 0)
                die_errno("socket (connection %ld)", started);
            fds[started] = s;
            if (connect(s, (struct sockaddr *)&ss, sl) < 0 &&
                errno != EINPROGRESS) {
                close(s);
                fds[started] = -1;
                failed++;
                done++;
            } else {
                ev.events = EPOLLOUT;
                ev.data.u64 = (uint64_t)started;
                epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev);
            }
            started++;
            deadline = now_ns() + (uint64_t)timeout * 1000000000ULL;
        }
        int k = epoll_wait(ep, evs, INFLIGHT, started < n ? 1 : 100);

        for (i = 0; i < k; i++) {
            long c = (long)evs[i].data.u64;
            int s = fds[c], e = 0;
            socklen_t el = sizeof e;

            epoll_ctl(ep, EPOLL_CTL_DEL, s, NULL);
            if (getsockopt(s, SOL_SOCKET, SO_ERROR, &e, &el) < 0 || e) {
                if (e > 0 && e < 256)
                    errs[e]++;
                close(s);
                fds[c] = -1;
                failed++;
            }
            done++;
        }
        if (k == 0 && started == n && now_ns() > deadline)
            break;      /* the rest never connected */
    }
    printf("held %ld failed %ld", done - failed, failed + (n - done));
    for (i = 1; i < 256; i++)
        if (errs[i] > 0)
            printf(" %s=%ld", strerror(i), errs[i]);
    printf("\n");
    fflush(stdout);
    /* hold until told to stop, or for H seconds */
    deadline = now_ns() + (uint64_t)hold * 1000000000ULL;
    while (!stop && now_ns() < deadline)
        poll(NULL, 0, 200);
    for (i = 0; i < n; i++)
        if (i < started && fds[i] >= 0)
            close(fds[i]);
    return 0;
}
