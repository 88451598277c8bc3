/*
 * check_pass.c - the standing-server API: nls_fdserver makes the
 * rendezvous (mode, stale and live sockets, things that are not sockets),
 * nls_recvfd and nls_recvcall take connections a sender built here passes
 * with sendmsg (the descriptor works, is close-on-exec, comes with the
 * sender's credentials and metadata), and malformed messages are EPROTO
 * without leaking a descriptor.
 */
#define _GNU_SOURCE
#include "nls_test.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

/* The unprivileged identity the credentials test sends from. */
#define NT_NOBODY 65534

/* A temporary directory and a rendezvous path in it. */
struct nt_rdv {
	char *dir;
	char path[108];
};

static struct nt_rdv
nt_rdv_new(void)
{
	struct nt_rdv v;

	v.dir = nt_tmpdir();
	snprintf(v.path, sizeof(v.path), "%s", nt_path(v.dir, "rendezvous"));
	return v;
}

static void
nt_rdv_free(struct nt_rdv *v)
{
	nt_rmtree(v->dir);
	free(v->dir);
}

/* The caller and local addresses of an accepted socket. */
static void
nt_names(int s, struct sockaddr_in *caller, struct sockaddr_in *local)
{
	socklen_t len = sizeof(*caller);

	ck_assert_int_eq(getpeername(s, (struct sockaddr *)caller, &len), 0);
	len = sizeof(*local);
	ck_assert_int_eq(getsockname(s, (struct sockaddr *)local, &len), 0);
}

/* Pass the server side of a new TCP pair to path; *client is the other
 * end, m the message sent. */
static void
nt_pass_one(const char *path, int *client, struct nls_passmsg *m)
{
	struct sockaddr_in caller, local;
	int s;

	nt_tcp_pair(client, &s);
	nt_names(s, &caller, &local);
	nt_passmsg(m, "greet", "tcp", &caller, &local);
	ck_assert_int_eq(
	    nt_send(path, m, sizeof(*m), &s, 1), (ssize_t)sizeof(*m));
	close(s);
}

/* Data flows both ways between a passed descriptor and its client. */
static void
nt_flows(int fd, int client)
{
	char buf[8];

	ck_assert_int_eq(write(fd, "to", 2), 2);
	ck_assert_uint_eq(nt_read_n(client, buf, 2), 2);
	ck_assert_mem_eq(buf, "to", 2);
	ck_assert_int_eq(write(client, "from", 4), 4);
	ck_assert_uint_eq(nt_read_n(fd, buf, 4), 4);
	ck_assert_mem_eq(buf, "from", 4);
}

/* The rendezvous rfd at path works: a connection passed to it arrives
 * through nls_recvfd and carries data. */
static void
nt_rdv_works(const char *path, int rfd)
{
	struct nls_passmsg m;
	struct strrecvfd r;
	int client;

	nt_pass_one(path, &client, &m);
	ck_assert_int_eq(nls_recvfd(rfd, &r), 0);
	nt_flows(r.fd, client);
	close(r.fd);
	close(client);
}

static void
nt_hex(char *out, const void *p, size_t len)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < len; i++)
		snprintf(out + 2 * i, 3, "%02X", b[i]);
	out[2 * len] = '\0';
}

START_TEST(recvcall_passes_connection)
{
	struct nt_rdv v = nt_rdv_new();
	struct nls_callinfo info;
	struct nls_passmsg m;
	struct strrecvfd r;
	char hex[2 * NLS_ADDR_MAX + 1];
	int rfd, client, on = 0;
	socklen_t olen = sizeof(on);

	rfd = nls_fdserver(v.path, 0600);
	ck_assert_int_ge(rfd, 0);
	ck_assert(fcntl(rfd, F_GETFD) & FD_CLOEXEC);
	ck_assert_int_eq(
	    getsockopt(rfd, SOL_SOCKET, SO_PASSCRED, &on, &olen), 0);
	ck_assert_int_ne(on, 0);
	nt_pass_one(v.path, &client, &m);
	memset(&info, 0xee, sizeof(info));
	ck_assert_int_eq(nls_recvcall(rfd, &r, &info), 0);
	ck_assert_int_ge(r.fd, 0);
	ck_assert(fcntl(r.fd, F_GETFD) & FD_CLOEXEC);
	ck_assert_uint_eq(r.uid, getuid());
	ck_assert_uint_eq(r.gid, getgid());
	ck_assert_mem_eq(r.fill, "\0\0\0\0\0\0\0\0", 8);
	nt_flows(r.fd, client);
	ck_assert_str_eq(info.svc_code, "greet");
	ck_assert_str_eq(info.netspec, "tcp");
	ck_assert_uint_eq(info.caller.len, m.caller_len);
	ck_assert_mem_eq(info.caller.buf, m.caller, m.caller_len);
	ck_assert_ptr_eq(info.caller.buf, info.caller_buf);
	ck_assert_uint_eq(info.local.len, m.local_len);
	ck_assert_mem_eq(info.local.buf, m.local, m.local_len);
	ck_assert_ptr_eq(info.local.buf, info.local_buf);
	nt_hex(hex, m.caller, m.caller_len);
	ck_assert_str_eq(info.nlsaddr, hex);
	close(r.fd);
	close(client);
	close(rfd);
	nt_rdv_free(&v);
}
END_TEST

START_TEST(recvfd_passes_connection)
{
	struct nt_rdv v = nt_rdv_new();
	struct nls_passmsg m;
	struct strrecvfd r;
	int rfd = nls_fdserver(v.path, 0600), client;

	ck_assert_int_ge(rfd, 0);
	nt_pass_one(v.path, &client, &m);
	ck_assert_int_eq(nls_recvfd(rfd, &r), 0);
	ck_assert(fcntl(r.fd, F_GETFD) & FD_CLOEXEC);
	ck_assert_uint_eq(r.uid, getuid());
	nt_flows(r.fd, client);
	close(r.fd);
	close(client);
	/* and nls_recvcall without info is nls_recvfd */
	nt_pass_one(v.path, &client, &m);
	ck_assert_int_eq(nls_recvcall(rfd, &r, NULL), 0);
	ck_assert(fcntl(r.fd, F_GETFD) & FD_CLOEXEC);
	nt_flows(r.fd, client);
	close(r.fd);
	close(client);
	close(rfd);
	nt_rdv_free(&v);
}
END_TEST

/* In a child: pass one end of a new socket pair to path as the message
 * of nt_passmsg, keep the other end for hold_ms; never returns.  Exit
 * status 0 if sendmsg took the message.  (Check's assertions belong to the
 * test process, so a child uses none.) */
static void
nt_child_pass(const char *path, int hold_ms)
{
	struct nls_passmsg m;
	int sv[2], ok;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		_exit(11);
	nt_passmsg(&m, "greet", "tcp", NULL, NULL);
	ok = nt_send(path, &m, sizeof(m), &sv[0], 1) == (ssize_t)sizeof(m);
	if (ok && hold_ms > 0)
		nt_msleep(hold_ms);
	_exit(ok ? 0 : 12);
}

START_TEST(recvfd_blocks_until_a_message)
{
	struct nt_rdv v = nt_rdv_new();
	int rfd = nls_fdserver(v.path, 0600);
	struct strrecvfd r;
	pid_t pid;

	ck_assert_int_ge(rfd, 0);
	if ((pid = fork()) == 0) {
		nt_msleep(200);
		nt_child_pass(v.path, NT_WAIT_MS);
	}
	ck_assert_int_gt(pid, 0);
	ck_assert_int_eq(nls_recvfd(rfd, &r), 0);
	ck_assert_int_eq(write(r.fd, "x", 1), 1);
	close(r.fd);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	close(rfd);
	nt_rdv_free(&v);
}
END_TEST

/* The sender's credentials, not the receiver's: a child sends as nobody.
 * Needs root to change identity (CI runs as root). */
START_TEST(credentials_of_sender)
{
	struct nt_rdv v = nt_rdv_new();
	struct strrecvfd r;
	int rfd, status;
	pid_t pid;

	if (geteuid() != 0)
		return;
	ck_assert_int_eq(chmod(v.dir, 0755), 0);
	rfd = nls_fdserver(v.path, _i == 0 ? 0666 : 0600);
	ck_assert_int_ge(rfd, 0);
	if ((pid = fork()) == 0) {
		if (setgroups(0, NULL) < 0 || setgid(NT_NOBODY) < 0 ||
		    setuid(NT_NOBODY) < 0)
			_exit(10);
		nt_child_pass(v.path, 0);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	if (_i == 1) {
		/* 0600: nobody may not send */
		ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 12);
		ck_assert_int_eq(
		    fcntl(rfd, F_SETFL, fcntl(rfd, F_GETFL) | O_NONBLOCK), 0);
		ck_assert_int_eq(nls_recvfd(rfd, &r), -1);
		ck_assert_int_eq(errno, EAGAIN);
	} else {
		ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
		ck_assert_int_eq(nls_recvfd(rfd, &r), 0);
		ck_assert_uint_eq(r.uid, NT_NOBODY);
		ck_assert_uint_eq(r.gid, NT_NOBODY);
		close(r.fd);
	}
	close(rfd);
	nt_rdv_free(&v);
}
END_TEST

static const mode_t nt_modes[] = { 0600, 0660, 0666, 0640, 0700, 0622 };

START_TEST(mode_applied)
{
	struct nt_rdv v = nt_rdv_new();
	struct stat st;
	mode_t old = umask(022);
	int rfd = nls_fdserver(v.path, nt_modes[_i]);

	ck_assert_int_ge(rfd, 0);
	ck_assert_uint_eq(umask(old), 022); /* the umask is given back */
	ck_assert_int_eq(lstat(v.path, &st), 0);
	ck_assert(S_ISSOCK(st.st_mode));
	ck_assert_uint_eq(st.st_mode & 07777, nt_modes[_i]);
	close(rfd);
	nt_rdv_free(&v);
}
END_TEST

/* Leave a socket file at path that nobody is bound to (type SOCK_DGRAM
 * or SOCK_STREAM), as a server that died does. */
static void
nt_stale(const char *path, int type)
{
	struct sockaddr_un sun;
	int s = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	ck_assert_int_eq(bind(s, (struct sockaddr *)&sun, sizeof(sun)), 0);
	close(s);
}

START_TEST(stale_rendezvous_replaced)
{
	struct nt_rdv v = nt_rdv_new();
	struct nls_passmsg m;
	int rfd;

	nt_stale(v.path, _i == 0 ? SOCK_DGRAM : SOCK_STREAM);
	nt_passmsg(&m, "greet", "tcp", NULL, NULL);
	ck_assert_int_eq(nt_send(v.path, &m, sizeof(m), NULL, 0), -1);
	ck_assert_int_eq(errno, ECONNREFUSED); /* nobody there */
	rfd = nls_fdserver(v.path, 0600);
	ck_assert_msg(rfd >= 0, "nls_fdserver: %s", strerror(errno));
	nt_rdv_works(v.path, rfd); /* the path reaches the new one */
	close(rfd);
	nt_rdv_free(&v);
}
END_TEST

START_TEST(live_rendezvous_refused)
{
	struct nt_rdv v = nt_rdv_new();
	int first = nls_fdserver(v.path, 0600);

	ck_assert_int_ge(first, 0);
	errno = 0;
	ck_assert_int_eq(nls_fdserver(v.path, 0600), -1);
	ck_assert_int_eq(errno, EADDRINUSE);
	nt_rdv_works(v.path, first); /* the first one is still there */
	close(first);
	nt_rdv_free(&v);
}
END_TEST

START_TEST(live_stream_socket_refused)
{
	struct nt_rdv v = nt_rdv_new();
	struct sockaddr_un sun;
	int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0), c;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", v.path);
	ck_assert_int_eq(bind(s, (struct sockaddr *)&sun, sizeof(sun)), 0);
	ck_assert_int_eq(listen(s, 1), 0);
	ck_assert_int_eq(nls_fdserver(v.path, 0600), -1);
	ck_assert_int_eq(errno, EADDRINUSE);
	/* still listening */
	c = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ck_assert_int_eq(connect(c, (struct sockaddr *)&sun, sizeof(sun)), 0);
	close(c);
	close(s);
	nt_rdv_free(&v);
}
END_TEST

/* What is at the path: 0 a regular file, 1 a FIFO, 2 a directory, 3 a
 * symbolic link to a stale socket. */
START_TEST(not_a_socket_refused)
{
	struct nt_rdv v = nt_rdv_new();
	char target[108];
	struct stat st;

	switch (_i) {
	case 0: {
		int fd = open(v.path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);

		ck_assert_int_eq(write(fd, "keep me\n", 8), 8);
		close(fd);
		break;
	}
	case 1:
		ck_assert_int_eq(mkfifo(v.path, 0600), 0);
		break;
	case 2:
		ck_assert_int_eq(mkdir(v.path, 0700), 0);
		break;
	case 3:
		snprintf(target, sizeof(target), "%s", nt_path(v.dir, "old"));
		nt_stale(target, SOCK_DGRAM);
		ck_assert_int_eq(symlink(target, v.path), 0);
		break;
	}
	errno = 0;
	ck_assert_int_eq(nls_fdserver(v.path, 0600), -1);
	ck_assert_int_eq(errno, EEXIST);
	ck_assert_int_eq(lstat(v.path, &st), 0);
	switch (_i) {
	case 0: {
		char buf[16];
		int fd = open(v.path, O_RDONLY | O_CLOEXEC);

		ck_assert(S_ISREG(st.st_mode));
		ck_assert_int_eq(read(fd, buf, sizeof(buf)), 8);
		ck_assert_mem_eq(buf, "keep me\n", 8);
		close(fd);
		break;
	}
	case 1:
		ck_assert(S_ISFIFO(st.st_mode));
		break;
	case 2:
		ck_assert(S_ISDIR(st.st_mode));
		break;
	case 3:
		ck_assert(S_ISLNK(st.st_mode));
		break;
	}
	nt_rdv_free(&v);
}
END_TEST

START_TEST(bad_paths)
{
	char longpath[200];

	memset(longpath, 'p', sizeof(longpath) - 1);
	longpath[0] = '/';
	longpath[sizeof(longpath) - 1] = '\0';
	errno = 0;
	ck_assert_int_eq(nls_fdserver(NULL, 0600), -1);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_int_eq(nls_fdserver("", 0600), -1);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_int_eq(nls_fdserver(longpath, 0600), -1);
	ck_assert_int_eq(errno, ENAMETOOLONG);
	ck_assert_int_eq(nls_fdserver("/nonexistent-nls-dir/rdv", 0600), -1);
	ck_assert_int_eq(errno, ENOENT);
}
END_TEST

/* Send malformed message number i to path, passing fd where it carries
 * descriptors. */
static void
nt_send_malformed(const char *path, int i, int fd)
{
	int fds[20];
	struct nls_passmsg m;
	unsigned char big[sizeof(m) + 8];
	int k;

	for (k = 0; k < 20; k++)
		fds[k] = fd;
	nt_passmsg(&m, "svc", "tcp", NULL, NULL);
	switch (i) {
	case 0: /* short */
		ck_assert_int_eq(nt_send(path, &m, 10, fds, 1), 10);
		return;
	case 1:
		m.magic = 0x12345678;
		break;
	case 2:
		m.version = 2;
		break;
	case 3:
		m.size = 100;
		break;
	case 4: /* no descriptor */
		ck_assert_int_ge(nt_send(path, &m, sizeof(m), NULL, 0), 0);
		return;
	case 5: /* two descriptors */
		ck_assert_int_ge(nt_send(path, &m, sizeof(m), fds, 2), 0);
		return;
	case 6: /* long */
		memset(big, 0, sizeof(big));
		memcpy(big, &m, sizeof(m));
		ck_assert_int_ge(nt_send(path, big, sizeof(big), fds, 1), 0);
		return;
	case 7:
		memset(m.svc_code, 'a', sizeof(m.svc_code));
		break;
	case 8:
		m.caller_len = NLS_ADDR_MAX + 1;
		break;
	case 9: /* more descriptors than the receiver has room for */
		ck_assert_int_ge(nt_send(path, &m, sizeof(m), fds, 20), 0);
		return;
	case 10: /* empty */
		ck_assert_int_ge(nt_send(path, &m, 0, fds, 1), 0);
		return;
	}
	ck_assert_int_ge(nt_send(path, &m, sizeof(m), fds, 1), 0);
}

#define NT_MALFORMED 11

/* Each malformed message, through nls_recvfd (_i even) and nls_recvcall
 * (_i odd): EPROTO, no descriptor left behind, and the rendezvous still
 * works for the next message. */
START_TEST(malformed_message)
{
	struct nt_rdv v = nt_rdv_new();
	int rfd = nls_fdserver(v.path, 0600), client, server, before;
	struct nls_callinfo info;
	struct strrecvfd r;

	ck_assert_int_ge(rfd, 0);
	nt_tcp_pair(&client, &server);
	nt_send_malformed(v.path, _i / 2, server);
	before = nt_count_fds();
	errno = 0;
	if (_i % 2 == 0)
		ck_assert_int_eq(nls_recvfd(rfd, &r), -1);
	else
		ck_assert_int_eq(nls_recvcall(rfd, &r, &info), -1);
	ck_assert_int_eq(errno, EPROTO);
	ck_assert_int_eq(r.fd, -1);
	ck_assert_int_eq(nt_count_fds(), before);
	close(server);
	close(client);
	nt_rdv_works(v.path, rfd); /* the next message is taken */
	close(rfd);
	nt_rdv_free(&v);
}
END_TEST

START_TEST(nothing_waiting)
{
	struct nt_rdv v = nt_rdv_new();
	int rfd = nls_fdserver(v.path, 0600);
	struct nls_callinfo info;
	struct strrecvfd r;

	ck_assert_int_ge(rfd, 0);
	ck_assert_int_eq(
	    fcntl(rfd, F_SETFL, fcntl(rfd, F_GETFL) | O_NONBLOCK), 0);
	errno = 0;
	ck_assert_int_eq(nls_recvfd(rfd, &r), -1);
	ck_assert_int_eq(errno, EAGAIN);
	ck_assert_int_eq(r.fd, -1);
	errno = 0;
	ck_assert_int_eq(nls_recvcall(rfd, &r, &info), -1);
	ck_assert_int_eq(errno, EAGAIN);
	errno = 0;
	ck_assert_int_eq(nls_recvfd(rfd, NULL), -1);
	ck_assert_int_eq(errno, EINVAL);
	close(rfd);
	nt_rdv_free(&v);
}
END_TEST

Suite *
nt_pass_suite(void)
{
	Suite *s = suite_create("rendezvous");
	TCase *tc = tcase_create("rendezvous");

	tcase_add_test(tc, recvcall_passes_connection);
	tcase_add_test(tc, recvfd_passes_connection);
	tcase_add_test(tc, recvfd_blocks_until_a_message);
	tcase_add_loop_test(tc, credentials_of_sender, 0, 2);
	tcase_add_loop_test(
	    tc, mode_applied, 0, (int)(sizeof(nt_modes) / sizeof(nt_modes[0])));
	tcase_add_loop_test(tc, stale_rendezvous_replaced, 0, 2);
	tcase_add_test(tc, live_rendezvous_refused);
	tcase_add_test(tc, live_stream_socket_refused);
	tcase_add_loop_test(tc, not_a_socket_refused, 0, 4);
	tcase_add_test(tc, bad_paths);
	tcase_add_loop_test(tc, malformed_message, 0, 2 * NT_MALFORMED);
	tcase_add_test(tc, nothing_waiting);
	suite_add_tcase(s, tc);
	return s;
}
