/*
 * rereadtime.c - how long the listener takes to re-read its table.
 *
 * The listener, standalone, re-reads its table on SIGHUP and copies every
 * log line to stderr, which never rotates; run it with stderr to FILE.
 * For each round this sends SIGHUP to PID and watches FILE (inotify) for
 * the line "; PID; Re-read complete" (or a failure: "; PID; Re-read
 * failed" or "keeping the current data base"), and measures the time
 * from the signal to that line.  Rounds are INTERVAL ms apart.
 *
 * Output: one line per round ("reread round=R ms=T"), then
 *   rereadtime pid=PID n=N ok=K failed=F p50_ms=.. max_ms=.. min_ms=..
 * Exit 0 if every round completed, 1 otherwise.
 *
 * usage: rereadtime [-n ROUNDS] [-i INTERVAL_MS] [-t TIMEOUT_S] PID FILE
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
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void
usage(void)
{
    fprintf(stderr, "usage: %s [-n ROUNDS] [-i INTERVAL_MS] [-t TIMEOUT_S] "
            "PID FILE\n", bench_prog);
    exit(2);
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

/* Read FILE from *off on; 1 when a finishing line of pid is found (*ok
 * says whether it was a success), 0 otherwise. */
static int
scan(int fd, off_t *off, const char *done, const char *failed1,
     const char *failed2, int *ok)
{
    static char buf[1 << 16];
    static size_t have;         /* an incomplete line kept from before */
    ssize_t n;
    char *line, *nl;

    while ((n = pread(fd, buf + have, sizeof buf - have - 1, *off)) > 0) {
        *off += n;
        have += (size_t)n;
        buf[have] = '\0';
        line = buf;
        while ((nl = strchr(line, '\n')) != NULL) {
            *nl = '\0';
            if (strstr(line, done)) {
                *ok = 1;
                have = 0;
                return 1;
            }
            if (strstr(line, failed1) || strstr(line, failed2)) {
                *ok = 0;
                have = 0;
                return 1;
            }
            line = nl + 1;
        }
        have = (size_t)(buf + have - line);
        memmove(buf, line, have);
        if (have == sizeof buf - 1)
            have = 0;           /* an absurd line: forget it */
    }
    return 0;
}

int
main(int argc, char **argv)
{
    long rounds = 5, interval = 300, timeout = 10;
    char done[64], failed1[64], failed2[96];
    double *ms;
    int opt, fd, in, ok, nok = 0, nfail = 0;
    pid_t pid;
    long r;

    bench_init(argv[0]);
    while ((opt = getopt(argc, argv, "n:i:t:")) != -1) {
        switch (opt) {
        case 'n': rounds = parse_long(optarg, "ROUNDS", 1, 100000); break;
        case 'i': interval = parse_long(optarg, "INTERVAL_MS", 0, 600000); break;
        case 't': timeout = parse_long(optarg, "TIMEOUT_S", 1, 3600); break;
        default: usage();
        }
    }
    if (argc - optind != 2)
        usage();
    pid = (pid_t)parse_long(argv[optind], "PID", 1, 0x7fffffff);
    snprintf(done, sizeof done, "; %ld; Re-read complete", (long)pid);
    snprintf(failed1, sizeof failed1, "; %ld; Re-read failed", (long)pid);
    snprintf(failed2, sizeof failed2, "keeping the current data base");
    if ((fd = open(argv[optind + 1], O_RDONLY | O_CLOEXEC)) < 0)
        die_errno("%s", argv[optind + 1]);
    if ((in = inotify_init1(IN_CLOEXEC | IN_NONBLOCK)) < 0 ||
        inotify_add_watch(in, argv[optind + 1], IN_MODIFY) < 0)
        die_errno("inotify");
    if ((ms = calloc((size_t)rounds, sizeof *ms)) == NULL)
        die("out of memory");
    for (r = 0; r < rounds; r++) {
        struct stat st;
        off_t off;
        uint64_t t0, end;
        int found = 0;
        char evbuf[4096];

        if (fstat(fd, &st) < 0)
            die_errno("fstat");
        off = st.st_size;
        while (read(in, evbuf, sizeof evbuf) > 0)
            ;                   /* forget older events */
        t0 = now_ns();
        if (kill(pid, SIGHUP) < 0)
            die_errno("kill %ld", (long)pid);
        end = t0 + (uint64_t)timeout * 1000000000ULL;
        while (!found && now_ns() < end) {
            struct pollfd p = { in, POLLIN, 0 };

            found = scan(fd, &off, done, failed1, failed2, &ok);
            if (!found && poll(&p, 1, 50) > 0)
                while (read(in, evbuf, sizeof evbuf) > 0)
                    ;
        }
        ms[r] = (double)(now_ns() - t0) / 1e6;
        if (found && ok) {
            nok++;
            printf("reread round=%ld ms=%.1f\n", r + 1, ms[r]);
        } else {
            nfail++;
            printf("reread round=%ld ms=%.1f %s\n", r + 1, ms[r],
                   found ? "failed" : "timeout");
        }
        fflush(stdout);
        if (r + 1 < rounds && interval > 0) {
            struct timespec ts = { interval / 1000, (interval % 1000) * 1000000L };

            nanosleep(&ts, NULL);
        }
    }
    qsort(ms, (size_t)rounds, sizeof *ms, cmp_double);
    printf("rereadtime pid=%ld n=%ld ok=%d failed=%d p50_ms=%.1f min_ms=%.1f "
           "max_ms=%.1f\n", (long)pid, rounds, nok, nfail,
           rounds % 2 ? ms[rounds / 2] : (ms[rounds / 2 - 1] + ms[rounds / 2]) / 2,
           ms[0], ms[rounds - 1]);
    return nfail == 0 ? 0 : 1;
}
