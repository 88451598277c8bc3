/*
 * check_sync.c - endpoints inherited across exec: t_sync(0) and first use
 * of an unknown descriptor rebuild the state from the socket, as a server
 * started by the listener needs.  Each test forks a child that puts the
 * endpoint on fd 0 and execs xt_syncprobe; the probe prints what it sees.
 */
#include "xtest.h"

#include <limits.h>

/* Run the probe with fd on its fd 0; its output (one or more lines). */
static void
xt_probe(int fd, const char *mode, char *out, size_t size)
{
	char path[PATH_MAX];
	const char *top = getenv("top_builddir");
	int p[2];
	size_t got = 0;
	ssize_t n;
	pid_t pid;

	snprintf(path, sizeof(path), "%s/tests/libxti/xt_syncprobe",
	    top != NULL ? top : ".");
	ck_assert_int_eq(pipe(p), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		if (dup2(fd, 0) < 0 || dup2(p[1], 1) < 0)
			_exit(120);
		if (fd != 0)
			close(fd);
		close(p[0]);
		close(p[1]);
		execl(path, "xt_syncprobe", mode, (char *)NULL);
		_exit(121);
	}
	close(p[1]);
	while (
	    got + 1 < size && (n = read(p[0], out + got, size - got - 1)) > 0)
		got += (size_t)n;
	out[got] = '\0';
	close(p[0]);
	xt_reap(pid);
}

static void
xt_expect_probe(int fd, const char *mode, const char *want)
{
	char out[256];

	xt_probe(fd, mode, out, sizeof(out));
	ck_assert_str_eq(out, want);
}

START_TEST(sync_unbound)
{
	int fd = t_open("tcp", O_RDWR, NULL);

	xt_expect_probe(fd, "sync", "state=1\n");
	t_close(fd);
}
END_TEST

START_TEST(sync_bound)
{
	struct sockaddr_in a;
	int fd = xt_bound("udp", 0, &a);

	xt_expect_probe(fd, "sync", "state=2\n");
	t_close(fd);
}
END_TEST

START_TEST(sync_listener_keeps_listening)
{
	struct sockaddr_in srv;
	char buf[8];
	int lfd = xt_listener(5, &srv), s;
	pid_t pid;

	xt_expect_probe(lfd, "sync", "state=2\n");
	/* the exec'd program can take and accept a call on it */
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		char out[64];

		xt_probe(lfd, "listen", out, sizeof(out));
		_exit(strcmp(out, "accepted\n") == 0 ? 0 : 1);
	}
	s = xt_plain_connect(&srv);
	xt_plain_read(s, buf, 8);
	ck_assert_int_eq(memcmp(buf, "accepted", 8), 0);
	xt_reap(pid);
	close(s);
	t_close(lfd);
}
END_TEST

/* A connected endpoint and its plain peer. */
static int
xt_connected(int *peer)
{
	struct sockaddr_in srv;
	struct t_call snd;
	int ls = xt_plain_listen(&srv), fd = xt_endpoint();

	memset(&snd, 0, sizeof(snd));
	snd.addr.buf = &srv;
	snd.addr.len = sizeof(srv);
	ck_assert_int_eq(t_connect(fd, &snd, NULL), 0);
	*peer = accept(ls, NULL, NULL);
	ck_assert_int_ge(*peer, 0);
	close(ls);
	return fd;
}

START_TEST(sync_dataxfer_reads_first_byte)
{
	int s, fd = xt_connected(&s);

	ck_assert_int_eq(send(s, "hello", 5, 0), 5);
	xt_msleep(20);
	xt_expect_probe(fd, "rcv", "data=hello\nlook=0\n");
	close(s);
	t_close(fd);
}
END_TEST

START_TEST(sync_inrel)
{
	int s, fd = xt_connected(&s);

	shutdown(s, SHUT_WR);
	xt_msleep(20);
	xt_expect_probe(fd, "sync", "state=7\n");
	close(s);
	t_close(fd);
}
END_TEST

START_TEST(sync_data_ahead_of_release)
{
	int s, fd = xt_connected(&s);

	ck_assert_int_eq(send(s, "x", 1, 0), 1);
	shutdown(s, SHUT_WR);
	xt_msleep(20);
	/* unread data keeps the endpoint in T_DATAXFER */
	xt_expect_probe(fd, "sync", "state=5\n");
	xt_expect_probe(fd, "rcv", "data=x\nlook=128\n");
	close(s);
	t_close(fd);
}
END_TEST

START_TEST(sync_outrel)
{
	int s, fd = xt_connected(&s);

	ck_assert_int_eq(t_sndrel(fd), 0);
	xt_msleep(20);
	xt_expect_probe(fd, "sync", "state=6\n");
	close(s);
	t_close(fd);
}
END_TEST

START_TEST(first_use_adopts_without_sync)
{
	int s, fd = xt_connected(&s);

	xt_expect_probe(fd, "getstate", "state=5\n");
	close(s);
	t_close(fd);
}
END_TEST

START_TEST(non_socket_is_tbadf)
{
	int p[2];

	ck_assert_int_eq(pipe(p), 0);
	xt_expect_probe(p[0], "sync", "terr=4\n");
	xt_expect_probe(p[0], "getstate", "terr=4\n");
	close(p[0]);
	close(p[1]);
}
END_TEST

START_TEST(held_indications_do_not_reach_the_server)
{
	struct sockaddr_in srv, peer;
	struct t_call call;
	int lfd = xt_listener(3, &srv), s1 = xt_plain_connect(&srv);
	int s2 = xt_plain_connect(&srv);

	xt_listen_one(lfd, &call, &peer);
	xt_listen_one(lfd, &call, &peer);
	/* the probe has one socket, the endpoint on fd 0: held connect
	 * indications are close-on-exec */
	xt_expect_probe(lfd, "fds", "sockets=1\n");
	close(s1);
	close(s2);
	t_close(lfd);
}
END_TEST

START_TEST(sync_connecting_socket)
{
	struct sockaddr_in srv;
	int ls = xt_plain_listen(&srv), c1, c2, fl, i;

	/* fill the accept queue, so the next connection stays SYN_SENT */
	ck_assert_int_eq(listen(ls, 0), 0);
	c1 = xt_plain_connect(&srv);
	for (i = 0; i < 3; i++) {
		c2 = socket(AF_INET, SOCK_STREAM, 0);
		fl = fcntl(c2, F_GETFL);
		fcntl(c2, F_SETFL, fl | O_NONBLOCK);
		if (connect(c2, (struct sockaddr *)&srv, sizeof(srv)) < 0 &&
		    errno == EINPROGRESS)
			break;
		close(c2); /* it got through: try again */
	}
	xt_msleep(20);
	xt_expect_probe(c2, "sync", "state=3\n");
	close(c2);
	close(c1);
	close(ls);
}
END_TEST

START_TEST(sync_reset_connection)
{
	int s, fd = xt_connected(&s);

	xt_reset(s);
	xt_msleep(50);
	/* the abort is not lost to a rebuilt endpoint */
	xt_expect_probe(fd, "look", "state=5 look=16\n");
	t_close(fd);
}
END_TEST

START_TEST(sync_in_process_keeps_library_state)
{
	struct sockaddr_in srv, peer;
	struct t_call call;
	int lfd = xt_listener(2, &srv), s = xt_plain_connect(&srv);
	int afd = xt_endpoint();

	xt_listen_one(lfd, &call, &peer);
	ck_assert_int_eq(t_sync(lfd), T_INCON);
	ck_assert_int_eq(t_accept(lfd, afd, &call), 0);
	close(s);
	t_close(afd);
	t_close(lfd);
}
END_TEST

START_TEST(fd_replaced_behind_the_library)
{
	struct sockaddr_in a;
	int fd = xt_bound("tcp", 0, &a), u;

	/* the program closes the endpoint and the number is reused */
	close(fd);
	u = socket(AF_INET, SOCK_DGRAM, 0);
	ck_assert_int_eq(u, fd);
	ck_assert_int_eq(t_getstate(u), T_UNBND);
	{
		struct t_info info;

		ck_assert_int_eq(t_getinfo(u, &info), 0);
		ck_assert_int_eq(info.servtype, T_CLTS);
	}
	close(u);
	ck_assert_int_eq(t_getstate(u), -1);
	ck_assert_int_eq(t_errno, TBADF);
}
END_TEST

static Suite *
sync_suite(void)
{
	Suite *s = suite_create("sync");
	TCase *tc = tcase_create("exec");

	tcase_add_test(tc, sync_unbound);
	tcase_add_test(tc, sync_bound);
	tcase_add_test(tc, sync_listener_keeps_listening);
	tcase_add_test(tc, sync_dataxfer_reads_first_byte);
	tcase_add_test(tc, sync_inrel);
	tcase_add_test(tc, sync_data_ahead_of_release);
	tcase_add_test(tc, sync_outrel);
	tcase_add_test(tc, first_use_adopts_without_sync);
	tcase_add_test(tc, non_socket_is_tbadf);
	tcase_add_test(tc, held_indications_do_not_reach_the_server);
	tcase_add_test(tc, sync_connecting_socket);
	tcase_add_test(tc, sync_reset_connection);
	suite_add_tcase(s, tc);
	tc = tcase_create("in-process");
	tcase_add_test(tc, sync_in_process_keeps_library_state);
	tcase_add_test(tc, fd_replaced_behind_the_library);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(sync_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
