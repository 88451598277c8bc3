/*
 * settle.h - how many connections of a test client got what: shared by
 * lsclient (tests/listen) and hdclient (tests/hardening).
 */
#ifndef TESTS_SETTLE_H
#define TESTS_SETTLE_H

#include <poll.h>

/* The monotonic clock in milliseconds. */
long settle_now_ms(void);

/* Wait until deadline_ms (settle_now_ms) for each descriptor of p (n of
 * them; -1: none) to give a byte, its end or a reset; each is closed as
 * it settles, the rest at the end.  Prints the one line the tests read:
 * "data=D reset=R closed=C open=O failed=F", where R adds resets to the
 * ones given and O counts those still open at the deadline. */
void settle(struct pollfd *p, int n, long deadline_ms, int resets, int failed);

#endif
