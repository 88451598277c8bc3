/*
 * check_sharp.c - one test per "sharp edge" of the XTI-over-sockets
 * mapping (what a naive shim gets wrong), each named after it:
 * sharp_NN_<what>.  Built as XTI (check_sharp) and as TLI
 * (check_sharp_tli); an edge that exists in one flavour only is tested in
 * that build.
 */
#include "xtest.h"

#include <dlfcn.h>
#include <netconfig.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <rpc/rpc.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

static int
xs_connected(int *peer)
{
	struct sockaddr_in srv;
	struct t_call snd;
	int ls = xt_plain_listen(&srv), fd = xt_endpoint();

	memset(&snd, 0, sizeof(snd));
	snd.addr.buf = (xt_buf_t)&srv;
	snd.addr.len = sizeof(srv);
	ck_assert_int_eq(t_connect(fd, &snd, NULL), 0);
	*peer = accept(ls, NULL, NULL);
	ck_assert_int_ge(*peer, 0);
	close(ls);
	return fd;
}

START_TEST(sharp_01_so_error_read_once_abort_kept)
{
	int s, fd = xs_connected(&s), fl;
	struct t_discon dis;
	char buf[8];

	/* data still unread when the reset arrives: Linux reports the
	 * error once, then the stream reads as end of file */
	ck_assert_int_eq(send(s, "data", 4, 0), 4);
	xt_msleep(20);
	xt_reset(s);
	ck_assert_int_eq(xt_wait_look(fd, T_DISCONNECT), T_DISCONNECT);
	ck_assert_int_eq(t_look(fd), T_DISCONNECT);
	ck_assert_int_eq(t_rcv(fd, buf, sizeof(buf), &fl), -1);
	ck_assert_int_eq(t_errno, TLOOK);
	memset(&dis, 0, sizeof(dis));
	ck_assert_int_eq(t_rcvdis(fd, &dis), 0);
	ck_assert_int_eq(dis.reason, ECONNRESET);
	t_close(fd);
}
END_TEST

START_TEST(sharp_02_disconnect_supersedes_release)
{
	int s, fd = xs_connected(&s);

	shutdown(s, SHUT_WR);
	ck_assert_int_eq(xt_wait_look(fd, T_ORDREL), T_ORDREL);
	xt_reset(s);
	xt_msleep(50);
	ck_assert_int_eq(t_look(fd), T_DISCONNECT);
	ck_assert_int_eq(t_rcvrel(fd), -1);
	ck_assert_int_eq(t_errno, TLOOK);
	ck_assert_int_eq(t_rcvdis(fd, NULL), 0);
	ck_assert_int_eq(t_getstate(fd), T_IDLE);
	t_close(fd);
}
END_TEST

START_TEST(sharp_03_data_before_release)
{
	int s, fd = xs_connected(&s), fl;
	char buf[8];

	ck_assert_int_eq(send(s, "abc", 3, 0), 3);
	shutdown(s, SHUT_WR);
	xt_msleep(50);
	ck_assert_int_eq(t_look(fd), T_DATA);
	ck_assert_int_eq(t_rcvrel(fd), -1);
	ck_assert_int_eq(t_errno, TNOREL);
	ck_assert_int_eq(t_rcv(fd, buf, sizeof(buf), &fl), 3);
	ck_assert_int_eq(t_look(fd), T_ORDREL);
	close(s);
	t_close(fd);
}
END_TEST

START_TEST(sharp_04_release_is_sticky)
{
	int s, fd = xs_connected(&s), i;

	shutdown(s, SHUT_WR);
	ck_assert_int_eq(xt_wait_look(fd, T_ORDREL), T_ORDREL);
	ck_assert_int_eq(t_rcvrel(fd), 0);
	for (i = 0; i < 3; i++)
		ck_assert_int_eq(t_look(fd), 0);
	ck_assert_int_eq(t_rcvrel(fd), -1);
	ck_assert_int_eq(t_errno, TOUTSTATE);
	ck_assert_int_eq(t_snd(fd, (xt_buf_t) "still", 5, 0), 5);
	close(s);
	t_close(fd);
}
END_TEST

START_TEST(sharp_05_fin_before_accept_is_not_disconnect)
{
	struct sockaddr_in srv, peer;
	struct t_call call;
	int lfd = xt_listener(2, &srv), s = xt_plain_connect(&srv);
	int afd = xt_endpoint();

	shutdown(s, SHUT_WR);
	xt_listen_one(lfd, &call, &peer);
	xt_msleep(50);
	ck_assert_int_ne(t_look(lfd), T_DISCONNECT);
	ck_assert_int_eq(t_accept(lfd, afd, &call), 0);
	ck_assert_int_eq(xt_wait_look(afd, T_ORDREL), T_ORDREL);
	close(s);
	t_close(afd);
	t_close(lfd);
}
END_TEST

START_TEST(sharp_06_accept_tlook_tli_only)
{
	struct sockaddr_in srv, p;
	struct t_call c;
	int lfd = xt_listener(2, &srv), s1 = xt_plain_connect(&srv), s2;
	int afd = xt_endpoint();

	xt_listen_one(lfd, &c, &p);
	s2 = xt_plain_connect(&srv);
	ck_assert_int_eq(xt_wait_look(lfd, T_LISTEN), T_LISTEN);
	if (XT_IS_TLI) {
		ck_assert_int_eq(t_accept(lfd, afd, &c), -1);
		ck_assert_int_eq(t_errno, TLOOK);
		/* and the event is one the caller can see */
		ck_assert_int_eq(t_look(lfd), T_LISTEN);
	} else {
		ck_assert_int_eq(t_accept(lfd, afd, &c), 0);
	}
	close(s1);
	close(s2);
	t_close(afd);
	t_close(lfd);
}
END_TEST

START_TEST(sharp_07_accept_on_listener_resets_backlog)
{
	struct sockaddr_in srv, p;
	struct t_call c;
	char ch;
	int lfd = xt_listener(1, &srv), s1 = xt_plain_connect(&srv), s2;
	struct pollfd pfd;

	xt_listen_one(lfd, &c, &p);
	s2 = xt_plain_connect(&srv); /* waits in the kernel's queue */
	ck_assert_int_eq(t_accept(lfd, lfd, &c), 0);
	ck_assert_int_eq(t_getstate(lfd), T_DATAXFER);
	pfd.fd = s2;
	pfd.events = POLLIN;
	ck_assert_int_eq(poll(&pfd, 1, XT_WAIT_MS), 1);
	ck_assert_int_eq(recv(s2, &ch, 1, 0), -1);
	ck_assert_int_eq(errno, ECONNRESET);
	close(s1);
	close(s2);
	t_close(lfd);
}
END_TEST

START_TEST(sharp_08_tbufovflw_still_changes_state)
{
	struct sockaddr_in srv;
	struct t_call snd, rcv;
	char tiny[2];
	int ls = xt_plain_listen(&srv), fd = xt_endpoint();

	memset(&snd, 0, sizeof(snd));
	snd.addr.buf = (xt_buf_t)&srv;
	snd.addr.len = sizeof(srv);
	memset(&rcv, 0, sizeof(rcv));
	rcv.addr.buf = tiny;
	rcv.addr.maxlen = sizeof(tiny);
	ck_assert_int_eq(t_connect(fd, &snd, &rcv), -1);
	ck_assert_int_eq(t_errno, TBUFOVFLW);
	ck_assert_int_eq(t_getstate(fd), T_DATAXFER);
	close(ls);
	t_close(fd);
}
END_TEST

START_TEST(sharp_09_maxlen_zero)
{
	struct sockaddr_in srv, peer;
	struct t_call call;
	int lfd = xt_listener(1, &srv), s = xt_plain_connect(&srv);

	(void)peer;
	memset(&call, 0, sizeof(call)); /* every maxlen 0 */
	if (XT_IS_TLI) {
		ck_assert_int_eq(t_listen(lfd, &call), -1);
		ck_assert_int_eq(t_errno, TBUFOVFLW);
	} else {
		ck_assert_int_eq(t_listen(lfd, &call), 0);
		ck_assert_uint_eq(call.addr.len, 0);
	}
	ck_assert_int_gt(call.sequence, 0);
	close(s);
	t_close(lfd);
}
END_TEST

/* Socket descriptors other than the ones named (from /proc/self/fd). */
static int
xs_other_sockets(int *found, int max, int a, int b)
{
	struct stat st;
	int fd, n = 0;

	for (fd = 0; fd < 1024 && n < max; fd++)
		if (fd != a && fd != b && fstat(fd, &st) == 0 &&
		    S_ISSOCK(st.st_mode))
			found[n++] = fd;
	return n;
}

START_TEST(sharp_10_fd_is_socket_held_fds_high)
{
	struct sockaddr_in srv, peer;
	struct t_call call;
	struct stat st;
	int lfd = xt_listener(1, &srv), s = xt_plain_connect(&srv), fd;
	int held[4], n;

	ck_assert_int_eq(fstat(lfd, &st), 0);
	ck_assert(S_ISSOCK(st.st_mode));
	xt_listen_one(lfd, &call, &peer);
	n = xs_other_sockets(held, 4, lfd, s);
	ck_assert_int_eq(n, 1);
	ck_assert_int_ge(held[0], 64);
	ck_assert_int_eq(fcntl(held[0], F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	/* close(0), and the next endpoint is fd 0 */
	close(0);
	fd = t_open("/dev/tcp", O_RDWR, NULL);
	ck_assert_int_eq(fd, 0);
	t_close(fd);
	close(s);
	t_close(lfd);
}
END_TEST

START_TEST(sharp_11_accept_restores_resfd_settings)
{
	struct sockaddr_in srv, p;
	struct t_call c;
	int lfd = xt_listener(1, &srv), s = xt_plain_connect(&srv);
	int afd = xt_endpoint(), v = 0;
	socklen_t len = sizeof(v);
	struct stat before, after;
#ifndef XTEST_TLI
	struct {
		struct t_opthdr h;
		t_uscalar_t v;
	} opt = { { sizeof(opt), T_INET_TCP, T_TCP_NODELAY, 0 }, T_YES };
#else
	struct {
		struct opthdr h;
		int v;
	} opt = { { IPPROTO_TCP, TCP_NODELAY, sizeof(int) }, 1 };
#endif
	struct t_optmgmt req, ret;
	char out[64];

	req.opt.buf = (xt_buf_t)&opt;
	req.opt.len = req.opt.maxlen = sizeof(opt);
	req.flags = T_NEGOTIATE;
	ret.opt.buf = out;
	ret.opt.maxlen = sizeof(out);
	ck_assert_int_eq(t_optmgmt(afd, &req, &ret), 0);
	ck_assert_int_eq(fcntl(afd, F_SETFL, O_NONBLOCK), 0);
	ck_assert_int_eq(fstat(afd, &before), 0);
	xt_listen_one(lfd, &c, &p);
	ck_assert_int_eq(t_accept(lfd, afd, &c), 0);
	ck_assert_int_eq(fstat(afd, &after), 0);
	ck_assert(before.st_ino != after.st_ino); /* another socket */
	ck_assert_int_eq(fcntl(afd, F_GETFL) & O_NONBLOCK, O_NONBLOCK);
	ck_assert_int_eq(
	    getsockopt(afd, IPPROTO_TCP, TCP_NODELAY, &v, &len), 0);
	ck_assert_int_ne(v, 0);
	ck_assert_int_eq(t_getstate(afd), T_DATAXFER);
	close(s);
	t_close(afd);
	t_close(lfd);
}
END_TEST

START_TEST(sharp_12_reject_is_abortive_after_fork_exec)
{
	struct sockaddr_in srv, p;
	struct t_call c;
	char ch;
	int lfd = xt_listener(1, &srv), s = xt_plain_connect(&srv);
	struct pollfd pfd = { s, POLLIN, 0 };
	pid_t pid;

	xt_listen_one(lfd, &c, &p);
	/* a child started between t_listen and t_snddis (a server) */
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		execl("/bin/sleep", "sleep", "5", (char *)NULL);
		_exit(127);
	}
	xt_msleep(100);
	ck_assert_int_eq(t_snddis(lfd, &c), 0);
	/* the held socket closed at exec in the child: the reset is sent */
	ck_assert_int_eq(poll(&pfd, 1, 2000), 1);
	ck_assert_int_eq(recv(s, &ch, 1, 0), -1);
	ck_assert_int_eq(errno, ECONNRESET);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	close(s);
	t_close(lfd);
}
END_TEST

START_TEST(sharp_13_endpoint_reuse_after_connection)
{
	struct sockaddr_in srv;
	struct t_call snd;
	int s, fd = xs_connected(&s), ls, round;

	for (round = 0; round < 3; round++) {
		ck_assert_int_eq(t_snddis(fd, NULL), 0);
		close(s);
		ls = xt_plain_listen(&srv);
		memset(&snd, 0, sizeof(snd));
		snd.addr.buf = (xt_buf_t)&srv;
		snd.addr.len = sizeof(srv);
		ck_assert_int_eq(t_connect(fd, &snd, NULL), 0);
		s = accept(ls, NULL, NULL);
		close(ls);
	}
	close(s);
	t_close(fd);
}
END_TEST

START_TEST(sharp_14_unbind_replaces_socket)
{
	struct sockaddr_in a;
	struct stat before, after;
	int fd = xt_bound("tcp", 0, &a);

	ck_assert_int_eq(fcntl(fd, F_SETFL, O_NONBLOCK), 0);
	ck_assert_int_eq(fstat(fd, &before), 0);
	ck_assert_int_eq(t_unbind(fd), 0);
	ck_assert_int_eq(fstat(fd, &after), 0);
	ck_assert(before.st_ino != after.st_ino);
	ck_assert_int_eq(fcntl(fd, F_GETFL) & O_NONBLOCK, O_NONBLOCK);
	ck_assert_int_eq(t_getstate(fd), T_UNBND);
	ck_assert_int_eq(t_bind(fd, NULL, NULL), 0);
	t_close(fd);
}
END_TEST

START_TEST(sharp_15_no_sigpipe)
{
	int s, fd = xs_connected(&s), i, r = 0;

	signal(SIGPIPE, SIG_DFL);
	close(s);
	xt_msleep(20);
	for (i = 0; i < 20 && r >= 0; i++)
		r = t_snd(fd, (xt_buf_t) "x", 1, 0);
	/* still alive, and told with TLOOK */
	ck_assert_int_eq(r, -1);
	ck_assert_int_eq(t_errno, TLOOK);
	t_close(fd);
}
END_TEST

static void *
xs_thread(void *arg)
{
	(void)arg;
	t_getstate(-1); /* TBADF in this thread */
	return (void *)(long)t_errno;
}

START_TEST(sharp_16_t_errno_per_thread)
{
	pthread_t th;
	void *res;
	int u = t_open("udp", O_RDWR, NULL);

	ck_assert_int_eq(t_listen(u, NULL), -1);
	ck_assert_int_eq(t_errno, TNOTSUPPORT);
	ck_assert_int_eq(pthread_create(&th, NULL, xs_thread, NULL), 0);
	ck_assert_int_eq(pthread_join(th, &res), 0);
	ck_assert_int_eq((long)res, TBADF);
	ck_assert_int_eq(t_errno, TNOTSUPPORT);
	t_close(u);
}
END_TEST

START_TEST(sharp_17_poll_sees_completion_as_pollout)
{
	struct sockaddr_in srv;
	struct t_call snd;
	int ls = xt_plain_listen(&srv), fd, s, r;
	struct pollfd pfd;

	fd = t_open("tcp", O_RDWR | O_NONBLOCK, NULL);
	ck_assert_int_eq(t_bind(fd, NULL, NULL), 0);
	memset(&snd, 0, sizeof(snd));
	snd.addr.buf = (xt_buf_t)&srv;
	snd.addr.len = sizeof(srv);
	r = t_connect(fd, &snd, NULL);
	ck_assert(r == 0 || t_errno == TNODATA);
	/* a STREAMS program would wait for POLLIN; on sockets the
	 * connection completes as POLLOUT */
	pfd.fd = fd;
	pfd.events = POLLOUT;
	ck_assert_int_eq(poll(&pfd, 1, XT_WAIT_MS), 1);
	if (r != 0)
		ck_assert_int_eq(t_rcvconnect(fd, NULL), 0);
	ck_assert_int_eq(t_getstate(fd), T_DATAXFER);
	/* a reset shows POLLERR, even unrequested */
	s = accept(ls, NULL, NULL);
	xt_reset(s);
	pfd.events = POLLIN;
	ck_assert_int_eq(poll(&pfd, 1, XT_WAIT_MS), 1);
	ck_assert(pfd.revents & POLLERR);
	ck_assert_int_eq(t_look(fd), T_DISCONNECT);
	close(ls);
	t_close(fd);
}
END_TEST

START_TEST(sharp_18_look_after_pollin_on_listener)
{
	struct sockaddr_in srv, peer;
	struct t_call call;
	struct pollfd pfd;
	int lfd = xt_listener(2, &srv), s = xt_plain_connect(&srv);

	xt_reset(s); /* reset while still in the kernel's queue */
	pfd.fd = lfd;
	pfd.events = POLLIN;
	ck_assert_int_eq(poll(&pfd, 1, XT_WAIT_MS), 1);
	ck_assert_int_eq(pfd.revents, POLLIN);
	/* never 0 after POLLIN: the listener would exit on that */
	ck_assert_int_eq(t_look(lfd), T_LISTEN);
	xt_listen_one(lfd, &call, &peer);
	ck_assert_int_eq(xt_wait_look(lfd, T_DISCONNECT), T_DISCONNECT);
	ck_assert_int_eq(t_rcvdis(lfd, NULL), 0);
	ck_assert_int_eq(t_getstate(lfd), T_IDLE);
	t_close(lfd);
}
END_TEST

START_TEST(sharp_19_qlen_is_not_backlog)
{
	struct sockaddr_in srv, p, any = xt_loopback(0);
	struct t_call c;
	struct t_bind req, ret;
	int lfd = xt_listener(2, &srv), s[4], i, big;

	for (i = 0; i < 2; i++)
		s[i] = xt_plain_connect(&srv);
	xt_listen_one(lfd, &c, &p);
	xt_listen_one(lfd, &c, &p);
	for (i = 2; i < 4; i++)
		s[i] = xt_plain_connect(&srv);
	/* two held (= qlen), two more wait in the kernel */
	ck_assert_int_eq(t_look(lfd), 0);
	ck_assert_int_eq(fcntl(lfd, F_SETFL, O_NONBLOCK), 0);
	ck_assert_int_eq(t_listen(lfd, &c), -1);
	ck_assert_int_eq(t_errno, XT_IS_TLI ? TNODATA : TQFULL);
	/* a huge qlen is capped, and says so */
	big = t_open("tcp", O_RDWR, NULL);
	req.addr.buf = (xt_buf_t)&any;
	req.addr.len = req.addr.maxlen = sizeof(any);
	req.qlen = 1000000;
	ret.addr.buf = (xt_buf_t)&any;
	ret.addr.maxlen = sizeof(any);
	ck_assert_int_eq(t_bind(big, &req, &ret), 0);
	ck_assert_uint_gt(ret.qlen, 0);
	ck_assert_uint_lt(ret.qlen, 1000000);
	for (i = 0; i < 4; i++)
		close(s[i]);
	t_close(big);
	t_close(lfd);
}
END_TEST

START_TEST(sharp_20_urgent_data_is_one_byte)
{
	struct sockaddr_in srv, p;
	struct t_call c;
	int lfd = xt_listener(1, &srv), cfd = xt_endpoint(), afd, fl;
	char buf[8];

	memset(&c, 0, sizeof(c));
	c.addr.buf = (xt_buf_t)&srv;
	c.addr.len = sizeof(srv);
	ck_assert_int_eq(t_connect(cfd, &c, NULL), 0);
	xt_listen_one(lfd, &c, &p);
	afd = xt_endpoint();
	ck_assert_int_eq(t_accept(lfd, afd, &c), 0);
	ck_assert_int_eq(t_snd(cfd, (xt_buf_t) "abc", 3, T_EXPEDITED), 3);
	xt_msleep(50);
	ck_assert_int_eq(t_rcv(afd, buf, sizeof(buf), &fl), 2);
	ck_assert_int_eq(fl, 0);
	ck_assert_int_eq(t_rcv(afd, buf, sizeof(buf), &fl), 1);
	ck_assert_int_eq(fl, T_EXPEDITED);
	ck_assert_int_eq(buf[0], 'c');
	t_close(afd);
	t_close(cfd);
	t_close(lfd);
}
END_TEST

START_TEST(sharp_21_t_more_for_datagrams)
{
	struct sockaddr_in a, b, from;
	struct t_unitdata ud;
	char big[100], buf[40];
	int r = t_open("udp", O_RDWR, NULL), w, fl, i;
	int want[] = { 40, 40, 20 };

	memset(big, 'd', sizeof(big));
	t_close(r);
	r = xt_bound("udp", 0, &a);
	w = xt_bound("udp", 0, &b);
	memset(&ud, 0, sizeof(ud));
	ud.addr.buf = (xt_buf_t)&a;
	ud.addr.len = sizeof(a);
	ud.udata.buf = big;
	ud.udata.len = sizeof(big);
	ck_assert_int_eq(t_sndudata(w, &ud), 0);
	for (i = 0; i < 3; i++) {
		memset(&ud, 0, sizeof(ud));
		ud.addr.buf = (xt_buf_t)&from;
		ud.addr.maxlen = sizeof(from);
		ud.udata.buf = buf;
		ud.udata.maxlen = sizeof(buf);
		ck_assert_int_eq(t_rcvudata(r, &ud, &fl), 0);
		ck_assert_int_eq((int)ud.udata.len, want[i]);
		ck_assert_int_eq(fl, i < 2 ? T_MORE : 0);
		ck_assert_int_eq(from.sin_port, b.sin_port);
	}
	t_close(r);
	t_close(w);
}
END_TEST

START_TEST(sharp_22_info_sizes_drive_alloc)
{
	struct t_info info;
	struct t_call *c;
	int fd = t_open("tcp", O_RDWR, &info);

	ck_assert_int_eq(info.connect, T_INVALID);
	ck_assert_int_eq(info.discon, T_INVALID);
	c = (struct t_call *)t_alloc(fd, T_CALL, T_ALL);
	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(c->addr.maxlen, 16);
	ck_assert_ptr_null(c->udata.buf);
	ck_assert_uint_eq(c->udata.maxlen, 0);
	t_free((xt_buf_t)c, T_CALL);
	t_close(fd);
}
END_TEST

START_TEST(sharp_23_option_numbers_are_translated)
{
	int fd = t_open("tcp", O_RDWR, NULL), v = 0, before = 0;
	socklen_t len = sizeof(v);
	struct t_optmgmt req, ret;
#ifndef XTEST_TLI
	/* XTI T_TCP_KEEPALIVE is 8, which is Linux TCP_LINGER2 */
	struct {
		struct t_opthdr h;
		struct t_kpalive kp;
	} opt = { { sizeof(opt), T_INET_TCP, T_TCP_KEEPALIVE, 0 },
		{ T_YES, 2 } };
	char out[64];

	ck_assert_int_eq(
	    getsockopt(fd, IPPROTO_TCP, TCP_LINGER2, &before, &len), 0);
	req.opt.buf = &opt;
	req.opt.len = req.opt.maxlen = sizeof(opt);
	req.flags = T_NEGOTIATE;
	ret.opt.buf = out;
	ret.opt.maxlen = sizeof(out);
	ck_assert_int_eq(t_optmgmt(fd, &req, &ret), 0);
	ck_assert_int_eq(ret.flags, T_SUCCESS);
	len = sizeof(v);
	getsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &v, &len);
	ck_assert_int_eq(v, 1);
	getsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &v, &len);
	ck_assert_int_eq(v, 120);
	getsockopt(fd, IPPROTO_TCP, TCP_LINGER2, &v, &len);
	ck_assert_int_eq(v, before);
#else
	/* TLI options are the system's own numbers */
	struct {
		struct opthdr h;
		int v;
	} opt = { { SOL_SOCKET, SO_KEEPALIVE, sizeof(int) }, 1 };

	(void)before;
	req.opt.buf = (char *)&opt;
	req.opt.len = req.opt.maxlen = sizeof(opt);
	req.flags = T_NEGOTIATE;
	ret.opt.buf = (char *)&opt;
	ret.opt.maxlen = sizeof(opt);
	ck_assert_int_eq(t_optmgmt(fd, &req, &ret), 0);
	getsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &v, &len);
	ck_assert_int_eq(v, 1);
#endif
	t_close(fd);
}
END_TEST

START_TEST(sharp_24_ipv6_listener_does_not_take_ipv4)
{
	struct sockaddr_in6 any6, got6;
	struct sockaddr_in a4;
	struct t_bind req, ret;
	int l4 = xt_listener(1, &a4), l6 = t_open("tcp6", O_RDWR, NULL);

	/* :: on the port of an IPv4 listener: only possible with V6ONLY,
	 * which keeps tcp and tcp6 separate transports */
	memset(&any6, 0, sizeof(any6));
	any6.sin6_family = AF_INET6;
	any6.sin6_port = a4.sin_port;
	req.addr.buf = (xt_buf_t)&any6;
	req.addr.len = req.addr.maxlen = sizeof(any6);
	req.qlen = 1;
	ret.addr.buf = (xt_buf_t)&got6;
	ret.addr.maxlen = sizeof(got6);
	ck_assert_int_eq(t_bind(l6, &req, &ret), 0);
	ck_assert_uint_eq(ret.addr.len, 28); /* Linux sockaddr_in6 */
	ck_assert_int_eq(got6.sin6_port, a4.sin_port);
	t_close(l4);
	t_close(l6);
}
END_TEST

START_TEST(sharp_25_short_and_foreign_inet_addresses)
{
	struct sockaddr_in srv;
	unsigned char shortaddr[8], sparc[16];
	struct t_call snd;
	int ls = xt_plain_listen(&srv), fd = xt_endpoint(), fd2;
	struct t_bind req;

	/* 8 bytes: family, port, address */
	memcpy(shortaddr, &srv, 8);
	memset(&snd, 0, sizeof(snd));
	snd.addr.buf = (xt_buf_t)shortaddr;
	snd.addr.len = sizeof(shortaddr);
	ck_assert_int_eq(t_connect(fd, &snd, NULL), 0);
	/* the family in big-endian order, as a SPARC table has it */
	memset(sparc, 0, sizeof(sparc));
	sparc[1] = AF_INET;
	sparc[4] = 127;
	sparc[7] = 1;
	fd2 = t_open("tcp", O_RDWR, NULL);
	req.addr.buf = (xt_buf_t)sparc;
	req.addr.len = req.addr.maxlen = sizeof(sparc);
	req.qlen = 0;
	ck_assert_int_eq(t_bind(fd2, &req, NULL), 0);
	t_close(fd2);
	close(ls);
	t_close(fd);
}
END_TEST

START_TEST(sharp_26_netconfig_has_no_devices)
{
	struct netconfig *nc = getnetconfigent("tcp");
	struct timespec t0, t1;
	int fd;

	/* /dev/tcp does not exist on Linux; the name still works */
	ck_assert_int_ne(access("/dev/tcp", F_OK), 0);
	fd = t_open("/dev/tcp", O_RDWR, NULL);
	ck_assert_int_ge(fd, 0);
	t_close(fd);
	/* netconfig's device field is "-", which names no transport */
	if (nc != NULL) {
		ck_assert_str_eq(nc->nc_device, "-");
		ck_assert_int_eq(t_open(nc->nc_device, O_RDWR, NULL), -1);
		freenetconfigent(nc);
	}
	ck_assert_int_eq(t_open("-", O_RDWR, NULL), -1);
	ck_assert_int_eq(t_errno, XT_IS_TLI ? TSYSERR : TBADNAME);
	/* no ticots entries in netconfig: built in */
	fd = t_open("/dev/ticotsord", O_RDWR, NULL);
	ck_assert_int_ge(fd, 0);
	t_close(fd);
	/* "unix" is answered at once (libtirpc would warn and sleep) */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	fd = t_open("unix", O_RDWR, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_lt(t1.tv_sec - t0.tv_sec, 2);
	t_close(fd);
}
END_TEST

START_TEST(sharp_27_header_clash_with_tirpc)
{
	/* this file includes <rpc/rpc.h> after the XTI header: it compiled */
	struct sockaddr_in a;
	struct netconfig *nc = getnetconfigent("tcp");
	struct netbuf nb;
	char *uaddr;
	int fd = xt_bound("tcp", 0, &a);

	ck_assert_ptr_nonnull(nc);
	nb.buf = (xt_buf_t)&a;
	nb.len = nb.maxlen = sizeof(a);
	uaddr = taddr2uaddr(nc, &nb);
	ck_assert_ptr_nonnull(uaddr);
	ck_assert_int_eq(strncmp(uaddr, "127.0.0.1.", 10), 0);
	free(uaddr);
	freenetconfigent(nc);
	t_close(fd);
}
END_TEST

#ifndef XTEST_TLI
START_TEST(sharp_28_sc_t_iov_max)
{
	/* glibc has the name with another value, and sysconf says -1 */
	ck_assert_int_eq(sysconf(_SC_T_IOV_MAX), -1);
	ck_assert_int_eq(t_sysconf(_SC_T_IOV_MAX), T_IOV_MAX);
	ck_assert_int_eq(T_IOV_MAX, 16);
}
END_TEST
#endif

START_TEST(sharp_29_sync_keeps_held_indications)
{
	struct sockaddr_in srv, p;
	struct t_call c;
	int lfd = xt_listener(2, &srv), s = xt_plain_connect(&srv);
	int afd = xt_endpoint();

	xt_listen_one(lfd, &c, &p);
	ck_assert_int_eq(t_sync(lfd), T_INCON);
	ck_assert_int_eq(t_accept(lfd, afd, &c), 0);
	close(s);
	t_close(afd);
	t_close(lfd);
}
END_TEST

START_TEST(sharp_30_unknown_descriptors)
{
	int s = socket(AF_INET, SOCK_STREAM, 0), p[2];

	/* a socket the library never saw is adopted */
	ck_assert_int_eq(t_getstate(s), T_UNBND);
	ck_assert_int_eq(t_bind(s, NULL, NULL), 0);
	ck_assert_int_eq(t_getstate(s), T_IDLE);
	/* anything else is TBADF (rpcgen daemons rely on it for fd 0) */
	ck_assert_int_eq(pipe(p), 0);
	ck_assert_int_eq(t_getstate(p[0]), -1);
	ck_assert_int_eq(t_errno, TBADF);
	close(p[0]);
	close(p[1]);
	t_close(s);
}
END_TEST

static void
xs_unix_pair(const char *prov, const char *tag, int *lfd, int *cfd, int *afd)
{
	char name[64];
	struct t_bind req;
	struct t_call c;
	char peer[128];

	snprintf(name, sizeof(name), "xs-%s-%s-%ld", XT_FLAVOUR, tag,
	    (long)getpid());
	*lfd = t_open(prov, O_RDWR, NULL);
	req.addr.buf = name;
	req.addr.len = req.addr.maxlen = (unsigned int)strlen(name);
	req.qlen = 1;
	ck_assert_int_eq(t_bind(*lfd, &req, NULL), 0);
	*cfd = t_open(prov, O_RDWR, NULL);
	ck_assert_int_eq(t_bind(*cfd, NULL, NULL), 0);
	memset(&c, 0, sizeof(c));
	c.addr = req.addr;
	ck_assert_int_eq(t_connect(*cfd, &c, NULL), 0);
	memset(&c, 0, sizeof(c));
	c.addr.buf = peer;
	c.addr.maxlen = sizeof(peer);
	ck_assert_int_eq(t_listen(*lfd, &c), 0);
	*afd = t_open(prov, O_RDWR, NULL);
	ck_assert_int_eq(t_accept(*lfd, *afd, &c), 0);
}

START_TEST(sharp_31_af_unix_has_no_reset)
{
	int lfd, cfd, afd;

	/* ticotsord: an abortive disconnect reaches the peer as a release */
	xs_unix_pair("ticotsord", "ord", &lfd, &cfd, &afd);
	ck_assert_int_eq(t_snddis(cfd, NULL), 0);
	ck_assert_int_eq(xt_wait_look(afd, T_ORDREL), T_ORDREL);
	t_close(afd);
	t_close(cfd);
	t_close(lfd);
	/* ticots: every end is a disconnect */
	xs_unix_pair("ticots", "cots", &lfd, &cfd, &afd);
	ck_assert_int_eq(t_sndrel(cfd), -1);
	ck_assert_int_eq(t_errno, TNOTSUPPORT);
	ck_assert_int_eq(t_snddis(cfd, NULL), 0);
	ck_assert_int_eq(xt_wait_look(afd, T_DISCONNECT), T_DISCONNECT);
	t_close(afd);
	t_close(cfd);
	t_close(lfd);
}
END_TEST

START_TEST(sharp_32_blocking_listen_watches_held)
{
	struct sockaddr_in srv, p;
	struct t_call c;
	int lfd = xt_listener(2, &srv), s = xt_plain_connect(&srv);
	pid_t pid;

	xt_listen_one(lfd, &c, &p);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		xt_msleep(200);
		xt_reset(s); /* the caller of the held indication gives up */
		_exit(0);
	}
	close(s);
	/* blocking: must come back with TLOOK, not wait for a new caller */
	memset(&c, 0, sizeof(c));
	ck_assert_int_eq(t_listen(lfd, &c), -1);
	ck_assert_int_eq(t_errno, TLOOK);
	ck_assert_int_eq(t_look(lfd), T_DISCONNECT);
	xt_reap(pid);
	t_close(lfd);
}
END_TEST

START_TEST(sharp_33_flavour_entry_points)
{
	unsigned char buf[sizeof(struct t_info) + 8];
	struct t_info *info = (struct t_info *)buf;
	int fd = t_open("tcp", O_RDWR, NULL);

	memset(buf, 0xa5, sizeof(buf));
	ck_assert_int_eq(t_getinfo(fd, info), 0);
	/* nothing written past the structure of this flavour */
	ck_assert_int_eq(buf[sizeof(struct t_info)], 0xa5);
	ck_assert_int_eq(info->servtype, T_COTS_ORD);
#ifndef XTEST_TLI
	ck_assert_int_eq(sizeof(struct t_info), 8 * sizeof(t_scalar_t));
	ck_assert_ptr_eq(
	    dlsym(RTLD_DEFAULT, "_xti_getinfo"), (void *)t_getinfo);
#else
	ck_assert_int_eq(sizeof(struct t_info), 7 * sizeof(t_scalar_t));
	ck_assert_ptr_eq(dlsym(RTLD_DEFAULT, "t_getinfo"), (void *)t_getinfo);
#endif
	t_close(fd);
}
END_TEST

START_TEST(sharp_34_reasons_are_linux_errno)
{
	struct sockaddr_in dead;
	struct t_call snd;
	struct t_discon dis;
	int ls = xt_plain_listen(&dead), fd = xt_endpoint();

	close(ls);
	memset(&snd, 0, sizeof(snd));
	snd.addr.buf = (xt_buf_t)&dead;
	snd.addr.len = sizeof(dead);
	ck_assert_int_eq(t_connect(fd, &snd, NULL), -1);
	memset(&dis, 0, sizeof(dis));
	ck_assert_int_eq(t_rcvdis(fd, &dis), 0);
	ck_assert_int_eq(dis.reason, ECONNREFUSED);
	ck_assert_int_eq(ECONNREFUSED, 111); /* Solaris says 146 */
	t_close(fd);
}
END_TEST

START_TEST(sharp_35_nonblocking_mode_read_at_each_call)
{
	int s, fd = xs_connected(&s), fl;
	char buf[8];
	pid_t pid;

	ck_assert_int_eq(fcntl(fd, F_SETFL, O_NONBLOCK), 0);
	ck_assert_int_eq(t_rcv(fd, buf, sizeof(buf), &fl), -1);
	ck_assert_int_eq(t_errno, TNODATA);
	ck_assert_int_eq(fcntl(fd, F_SETFL, 0), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		xt_msleep(100);
		_exit(send(s, "late", 4, 0) == 4 ? 0 : 1);
	}
	/* blocking again: waits for the data */
	ck_assert_int_eq(t_rcv(fd, buf, sizeof(buf), &fl), 4);
	xt_reap(pid);
	close(s);
	t_close(fd);
}
END_TEST

static Suite *
sharp_suite(void)
{
	Suite *s = suite_create("sharp-" XT_FLAVOUR);
	TCase *tc = tcase_create("edges");

	tcase_add_test(tc, sharp_01_so_error_read_once_abort_kept);
	tcase_add_test(tc, sharp_02_disconnect_supersedes_release);
	tcase_add_test(tc, sharp_03_data_before_release);
	tcase_add_test(tc, sharp_04_release_is_sticky);
	tcase_add_test(tc, sharp_05_fin_before_accept_is_not_disconnect);
	tcase_add_test(tc, sharp_06_accept_tlook_tli_only);
	tcase_add_test(tc, sharp_07_accept_on_listener_resets_backlog);
	tcase_add_test(tc, sharp_08_tbufovflw_still_changes_state);
	tcase_add_test(tc, sharp_09_maxlen_zero);
	tcase_add_test(tc, sharp_10_fd_is_socket_held_fds_high);
	tcase_add_test(tc, sharp_11_accept_restores_resfd_settings);
	tcase_add_test(tc, sharp_12_reject_is_abortive_after_fork_exec);
	tcase_add_test(tc, sharp_13_endpoint_reuse_after_connection);
	tcase_add_test(tc, sharp_14_unbind_replaces_socket);
	tcase_add_test(tc, sharp_15_no_sigpipe);
	tcase_add_test(tc, sharp_16_t_errno_per_thread);
	tcase_add_test(tc, sharp_17_poll_sees_completion_as_pollout);
	tcase_add_test(tc, sharp_18_look_after_pollin_on_listener);
	tcase_add_test(tc, sharp_19_qlen_is_not_backlog);
	tcase_add_test(tc, sharp_20_urgent_data_is_one_byte);
	tcase_add_test(tc, sharp_21_t_more_for_datagrams);
	tcase_add_test(tc, sharp_22_info_sizes_drive_alloc);
	tcase_add_test(tc, sharp_23_option_numbers_are_translated);
	tcase_add_test(tc, sharp_24_ipv6_listener_does_not_take_ipv4);
	tcase_add_test(tc, sharp_25_short_and_foreign_inet_addresses);
	tcase_add_test(tc, sharp_26_netconfig_has_no_devices);
	tcase_add_test(tc, sharp_27_header_clash_with_tirpc);
#ifndef XTEST_TLI
	tcase_add_test(tc, sharp_28_sc_t_iov_max);
#endif
	tcase_add_test(tc, sharp_29_sync_keeps_held_indications);
	tcase_add_test(tc, sharp_30_unknown_descriptors);
	tcase_add_test(tc, sharp_31_af_unix_has_no_reset);
	tcase_add_test(tc, sharp_32_blocking_listen_watches_held);
	tcase_add_test(tc, sharp_33_flavour_entry_points);
	tcase_add_test(tc, sharp_34_reasons_are_linux_errno);
	tcase_add_test(tc, sharp_35_nonblocking_mode_read_at_each_call);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(sharp_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
