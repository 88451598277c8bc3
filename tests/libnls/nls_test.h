/*
 * nls_test.h - helpers of the libnls Check suites: a fake listener in a
 * child process, TLI connections to it, loopback TCP pairs, stderr
 * capture, a rendezvous sender, descriptor counts; and the suites.
 *
 * Everything runs on 127.0.0.1 with kernel-chosen ports and in private
 * temporary directories.  Every child a test starts is stopped and reaped
 * by the test.
 */
#ifndef LISTEN_NLS_TEST_H
#define LISTEN_NLS_TEST_H

#include <listen.h>

#include <check.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* How long a test waits for something that must happen (milliseconds). */
#define NT_WAIT_MS 5000

/* What the fake listener does after it has read the request. */
enum nt_after {
	NT_DRAIN, /* read until the client closes, then exit */
	NT_CLOSE, /* close at once */
	NT_ECHO,  /* echo everything back until the client releases */
	NT_SILENT /* say nothing, keep the connection open until killed */
};

/* A fake listener's script: it accepts one connection, reads the request
 * up to its NUL, checks it against expect (if not NULL: exit status 3 if
 * different), waits delay_ms, sends reply (len bytes, NULs included),
 * then does what after says. */
struct nt_script {
	const char *expect;
	const char *reply;
	size_t len;
	int delay_ms;
	enum nt_after after;
};

/* The fake listener's process and port. */
struct nt_peer {
	pid_t pid;
	unsigned short port;
};

void nt_msleep(int ms);
/* Milliseconds since some fixed point. */
long long nt_now_ms(void);
/* Start a fake listener running script s. */
struct nt_peer nt_peer_start(const struct nt_script *s);
/* Wait for it to exit by itself: its exit status (fails on a signal). */
int nt_peer_wait(struct nt_peer *p);
/* Kill it (if still running) and reap it. */
void nt_peer_stop(struct nt_peer *p);
/* A TLI endpoint (<tiuser.h> "tcp") connected to 127.0.0.1:port. */
int nt_tli_connect(unsigned short port);
/* A listening TCP socket on 127.0.0.1; *port gets its port. */
int nt_tcp_listener(unsigned short *port);
/* A connected loopback TCP pair: *client and *server (accepted). */
void nt_tcp_pair(int *client, int *server);
/* Read exactly len bytes from fd (waiting at most NT_WAIT_MS); the count
 * read before EOF or the time limit. */
size_t nt_read_n(int fd, void *buf, size_t len);
/* Read one line (up to '\n', which is kept) into buf: its length. */
size_t nt_read_line(int fd, char *buf, size_t size);
/* Nothing to read on fd right now (and not at EOF). */
bool nt_nothing_pending(int fd);

/* Capture what is written on fd 2 between start and end; end returns the
 * text (static buffer, NUL-terminated). */
void nt_capture_start(void);
const char *nt_capture_end(void);

/* Open descriptors of this process. */
int nt_count_fds(void);
/* A new empty directory (free() the name) and its removal. */
char *nt_tmpdir(void);
void nt_rmtree(const char *dir);
/* "<dir>/<name>" in a static buffer (until the next call). */
const char *nt_path(const char *dir, const char *name);

/* A valid connection message for the given fields. */
void nt_passmsg(struct nls_passmsg *m, const char *svc, const char *net,
    const struct sockaddr_in *caller, const struct sockaddr_in *local);
/* Send len bytes of data and nfds descriptors to the rendezvous at path
 * from a new datagram socket: sendmsg's result (-1 with errno). */
ssize_t nt_send(
    const char *path, const void *data, size_t len, const int *fds, int nfds);

/* The directory of the built example programs. */
const char *nt_examples_dir(void);

/* The suites (check_<what>.c). */
Suite *nt_pure_suite(void);
Suite *nt_request_suite(void);
Suite *nt_env_suite(void);
Suite *nt_pass_suite(void);
Suite *nt_examples_suite(void);

#endif
