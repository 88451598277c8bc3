/*
 * probefds.h - the descriptors a server was started with: shared by
 * svcprobe (tests/listen) and hdprobe (tests/hardening).
 */
#ifndef TESTS_PROBEFDS_H
#define TESTS_PROBEFDS_H

/* Print the numbers of the process's open descriptors to stdout, each
 * followed by a space, in the order the kernel lists them. */
void probe_fds(void);

#endif
