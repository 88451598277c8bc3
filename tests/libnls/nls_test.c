/*
 * nls_test.c - helpers of the libnls Check suites, and their main(): one
 * program runs every suite, each test in its own child.
 */
#define _GNU_SOURCE
#include "nls_test.h"

#include <tiuser.h>

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* A fake listener never outlives this (seconds), whatever happens. */
#define NT_CHILD_LIFE  20
/* The longest request a fake listener reads. */
#define NT_REQ_MAX     2048
/* What nt_capture_end keeps. */
#define NT_CAPTURE_MAX 8192
/* The most descriptors nt_send passes. */
#define NT_SEND_FDS    32

void
nt_msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

long long
nt_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
nt_write_all(int fd, const char *buf, size_t len)
{
	ssize_t n;

	while (len > 0) {
		if ((n = write(fd, buf, len)) <= 0)
			_exit(5);
		buf += n;
		len -= (size_t)n;
	}
}

/* Read the request up to its NUL, one byte at a time: its length. */
static size_t
nt_read_request(int c, char *req)
{
	size_t n = 0;

	for (;;) {
		if (n == NT_REQ_MAX || read(c, req + n, 1) != 1)
			_exit(4);
		if (req[n++] == '\0')
			return n;
	}
}

static void
nt_after(int c, enum nt_after after)
{
	char buf[4096];
	ssize_t n;

	switch (after) {
	case NT_CLOSE:
		close(c);
		break;
	case NT_SILENT:
		for (;;)
			pause();
	case NT_DRAIN:
		while (read(c, buf, sizeof(buf)) > 0)
			;
		break;
	case NT_ECHO:
		while ((n = read(c, buf, sizeof(buf))) > 0)
			nt_write_all(c, buf, (size_t)n);
		shutdown(c, SHUT_WR);
		while (read(c, buf, sizeof(buf)) > 0)
			;
		break;
	}
}

static void
nt_peer_child(int lfd, const struct nt_script *s)
{
	char req[NT_REQ_MAX];
	size_t n;
	int c;

	alarm(NT_CHILD_LIFE);
	if ((c = accept(lfd, NULL, NULL)) < 0)
		_exit(2);
	close(lfd);
	n = nt_read_request(c, req);
	if (s->expect != NULL &&
	    (n != strlen(s->expect) + 1 || memcmp(req, s->expect, n) != 0))
		_exit(3);
	if (s->delay_ms > 0)
		nt_msleep(s->delay_ms);
	if (s->len > 0)
		nt_write_all(c, s->reply, s->len);
	nt_after(c, s->after);
	_exit(0);
}

struct nt_peer
nt_peer_start(const struct nt_script *s)
{
	struct nt_peer p;
	int lfd = nt_tcp_listener(&p.port);

	p.pid = fork();
	ck_assert_int_ge(p.pid, 0);
	if (p.pid == 0)
		nt_peer_child(lfd, s);
	close(lfd);
	return p;
}

int
nt_peer_wait(struct nt_peer *p)
{
	int status;

	ck_assert_int_eq(waitpid(p->pid, &status, 0), p->pid);
	p->pid = -1;
	ck_assert_msg(WIFEXITED(status), "fake listener killed by signal %d",
	    WTERMSIG(status));
	return WEXITSTATUS(status);
}

void
nt_peer_stop(struct nt_peer *p)
{
	if (p->pid <= 0)
		return;
	kill(p->pid, SIGKILL);
	waitpid(p->pid, NULL, 0);
	p->pid = -1;
}

static struct sockaddr_in
nt_loopback(unsigned short port)
{
	struct sockaddr_in sin;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return sin;
}

int
nt_tli_connect(unsigned short port)
{
	struct sockaddr_in sin = nt_loopback(port);
	struct t_call call;
	int fd = t_open("tcp", O_RDWR, NULL);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(t_bind(fd, NULL, NULL), 0);
	memset(&call, 0, sizeof(call));
	call.addr.buf = &sin;
	call.addr.len = call.addr.maxlen = sizeof(sin);
	ck_assert_msg(t_connect(fd, &call, NULL) == 0, "t_connect: %s",
	    t_strerror(t_errno));
	return fd;
}

int
nt_tcp_listener(unsigned short *port)
{
	struct sockaddr_in sin = nt_loopback(0);
	socklen_t len = sizeof(sin);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
	ck_assert_int_eq(listen(fd, 8), 0);
	ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&sin, &len), 0);
	*port = ntohs(sin.sin_port);
	return fd;
}

void
nt_tcp_pair(int *client, int *server)
{
	unsigned short port;
	int lfd = nt_tcp_listener(&port);
	struct sockaddr_in sin = nt_loopback(port);

	*client = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ck_assert_int_ge(*client, 0);
	ck_assert_int_eq(
	    connect(*client, (struct sockaddr *)&sin, sizeof(sin)), 0);
	*server = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	ck_assert_int_ge(*server, 0);
	close(lfd);
}

size_t
nt_read_n(int fd, void *buf, size_t len)
{
	long long end = nt_now_ms() + NT_WAIT_MS;
	struct pollfd p = { .fd = fd, .events = POLLIN };
	size_t got = 0;
	ssize_t n;

	while (got < len && nt_now_ms() < end) {
		if (poll(&p, 1, (int)(end - nt_now_ms())) <= 0)
			continue;
		if ((n = read(fd, (char *)buf + got, len - got)) <= 0)
			break;
		got += (size_t)n;
	}
	return got;
}

size_t
nt_read_line(int fd, char *buf, size_t size)
{
	size_t n = 0;

	while (n + 1 < size && nt_read_n(fd, buf + n, 1) == 1)
		if (buf[n++] == '\n')
			break;
	buf[n] = '\0';
	return n;
}

bool
nt_nothing_pending(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, 50) == 0;
}

static int nt_saved_stderr = -1;
static int nt_capture_fd = -1;

void
nt_capture_start(void)
{
	nt_saved_stderr = dup(2);
	ck_assert_int_ge(nt_saved_stderr, 0);
	nt_capture_fd = memfd_create("stderr", MFD_CLOEXEC);
	ck_assert_int_ge(nt_capture_fd, 0);
	ck_assert_int_eq(dup2(nt_capture_fd, 2), 2);
}

const char *
nt_capture_end(void)
{
	static char text[NT_CAPTURE_MAX];
	ssize_t n;

	ck_assert_int_eq(dup2(nt_saved_stderr, 2), 2);
	close(nt_saved_stderr);
	ck_assert_int_eq(lseek(nt_capture_fd, 0, SEEK_SET), 0);
	n = read(nt_capture_fd, text, sizeof(text) - 1);
	close(nt_capture_fd);
	text[n > 0 ? n : 0] = '\0';
	return text;
}

int
nt_count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n - 1; /* the directory's own descriptor */
}

char *
nt_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *dir;

	if (base == NULL || base[0] == '\0')
		base = "/tmp";
	ck_assert_int_ge(asprintf(&dir, "%s/nlsXXXXXX", base), 0);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	return dir;
}

static int
nt_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void
nt_rmtree(const char *dir)
{
	nftw(dir, nt_rm, 16, FTW_DEPTH | FTW_PHYS);
}

const char *
nt_path(const char *dir, const char *name)
{
	static char buf[sizeof(((struct sockaddr_un *)0)->sun_path)];

	ck_assert_int_lt(
	    snprintf(buf, sizeof(buf), "%s/%s", dir, name), (int)sizeof(buf));
	return buf;
}

void
nt_passmsg(struct nls_passmsg *m, const char *svc, const char *net,
    const struct sockaddr_in *caller, const struct sockaddr_in *local)
{
	memset(m, 0, sizeof(*m));
	m->magic = NLS_PASS_MAGIC;
	m->version = NLS_PASS_VERSION;
	m->size = sizeof(*m);
	snprintf(m->svc_code, sizeof(m->svc_code), "%s", svc);
	snprintf(m->netspec, sizeof(m->netspec), "%s", net);
	if (caller != NULL) {
		memcpy(m->caller, caller, sizeof(*caller));
		m->caller_len = sizeof(*caller);
	}
	if (local != NULL) {
		memcpy(m->local, local, sizeof(*local));
		m->local_len = sizeof(*local);
	}
}

ssize_t
nt_send(
    const char *path, const void *data, size_t len, const int *fds, int nfds)
{
	union {
		struct cmsghdr align;
		char buf[CMSG_SPACE(sizeof(int) * NT_SEND_FDS)];
	} ctl;
	struct iovec iov = { .iov_base = (void *)data, .iov_len = len };
	struct sockaddr_un sun;
	struct msghdr msg;
	int s, err;
	ssize_t n;

	ck_assert_int_le(nfds, NT_SEND_FDS);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	memset(&msg, 0, sizeof(msg));
	msg.msg_name = &sun;
	msg.msg_namelen = sizeof(sun);
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	if (nfds > 0) {
		struct cmsghdr *c;

		memset(&ctl, 0, sizeof(ctl));
		msg.msg_control = ctl.buf;
		msg.msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)nfds);
		c = CMSG_FIRSTHDR(&msg);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)nfds);
		memcpy(CMSG_DATA(c), fds, sizeof(int) * (size_t)nfds);
	}
	s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	ck_assert_int_ge(s, 0);
	n = sendmsg(s, &msg, 0);
	err = errno;
	close(s);
	errno = err;
	return n;
}

const char *
nt_examples_dir(void)
{
	static char dir[4096];
	const char *top = getenv("top_builddir");

	snprintf(dir, sizeof(dir), "%s/docs/examples", top ? top : ".");
	return dir;
}

int
main(void)
{
	SRunner *sr = srunner_create(nt_pure_suite());
	int failed;

	srunner_add_suite(sr, nt_request_suite());
	srunner_add_suite(sr, nt_env_suite());
	srunner_add_suite(sr, nt_pass_suite());
	srunner_add_suite(sr, nt_examples_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
