/*
 * check_conn.c - connection endpoints: connect, listen/accept, data,
 * expedited data, orderly release, disconnect, state transitions.
 *
 * Compiled twice: check_conn (XTI, <xti.h>) and check_conn_tli (TLI,
 * <tiuser.h>, -DXTEST_TLI).  Where the flavours differ the test says so.
 */
#include "xtest.h"

#include <sys/ioctl.h>

/* ---------------------------------------------------------------- connect */

START_TEST(connect_sync_and_data)
{
	struct sockaddr_in srv, got;
	struct t_call snd, rcv;
	char buf[16];
	int ls = xt_plain_listen(&srv), fd = xt_endpoint(), s, flags;

	memset(&snd, 0, sizeof(snd));
	snd.addr.buf = (xt_buf_t)&srv;
	snd.addr.len = sizeof(srv);
	memset(&rcv, 0, sizeof(rcv));
	rcv.addr.buf = (xt_buf_t)&got;
	rcv.addr.maxlen = sizeof(got);
	ck_assert_int_eq(t_connect(fd, &snd, &rcv), 0);
	ck_assert_int_eq(t_getstate(fd), T_DATAXFER);
	ck_assert_uint_eq(rcv.addr.len, sizeof(got));
	ck_assert_int_eq(got.sin_port, srv.sin_port);
	s = accept(ls, NULL, NULL);
	ck_assert_int_ge(s, 0);
	ck_assert_int_eq(t_snd(fd, (xt_buf_t) "ping", 4, 0), 4);
	xt_plain_read(s, buf, 4);
	ck_assert_int_eq(memcmp(buf, "ping", 4), 0);
	ck_assert_int_eq(send(s, "pong!", 5, 0), 5);
	ck_assert_int_eq(t_rcv(fd, buf, sizeof(buf), &flags), 5);
	ck_assert_int_eq(flags, 0);
	ck_assert_int_eq(memcmp(buf, "pong!", 5), 0);
	close(s);
	close(ls);
	t_close(fd);
}
END_TEST

START_TEST(connect_unbound_is_outstate)
{
	struct sockaddr_in srv;
	struct t_call snd;
	int ls = xt_plain_listen(&srv), fd = t_open("tcp", O_RDWR, NULL);

	memset(&snd, 0, sizeof(snd));
	snd.addr.buf = (xt_buf_t)&srv;
	snd.addr.len = sizeof(srv);
	ck_assert_int_eq(t_connect(fd, &snd, NULL), -1);
	ck_assert_int_eq(t_errno, TOUTSTATE);
	ck_assert_int_eq(t_getstate(fd), T_UNBND);
	close(ls);
	t_close(fd);
}
END_TEST

/* A free port: bind a plain socket, read its port, close it. */
static struct sockaddr_in
xt_free_port(void)
{
	struct sockaddr_in a;
	int s = xt_plain_listen(&a);

	close(s);
	return a;
}

START_TEST(connect_refused_then_reuse)
{
	struct sockaddr_in dead = xt_free_port(), srv;
	struct t_call snd;
	struct t_discon dis;
	int fd = xt_endpoint(), ls;

	memset(&snd, 0, sizeof(snd));
	snd.addr.buf = (xt_buf_t)&dead;
	snd.addr.len = sizeof(dead);
	ck_assert_int_eq(t_connect(fd, &snd, NULL), -1);
	ck_assert_int_eq(t_errno, TLOOK);
	ck_assert_int_eq(t_getstate(fd), T_OUTCON);
	ck_assert_int_eq(t_look(fd), T_DISCONNECT);
	memset(&dis, 0, sizeof(dis));
	ck_assert_int_eq(t_rcvdis(fd, &dis), 0);
	ck_assert_int_eq(dis.reason, ECONNREFUSED);
	ck_assert_int_eq(t_getstate(fd), T_IDLE);
	/* the endpoint connects again (Linux needs the socket reset) */
	ls = xt_plain_listen(&srv);
	snd.addr.buf = (xt_buf_t)&srv;
	ck_assert_int_eq(t_connect(fd, &snd, NULL), 0);
	ck_assert_int_eq(t_getstate(fd), T_DATAXFER);
	close(ls);
	t_close(fd);
}
END_TEST

START_TEST(connect_async_rcvconnect)
{
	struct sockaddr_in srv, got;
	struct t_call snd, rcv;
	int ls = xt_plain_listen(&srv), fd, r, waited;

	fd = t_open("/dev/tcp", O_RDWR | O_NONBLOCK, NULL);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(t_bind(fd, NULL, NULL), 0);
	memset(&snd, 0, sizeof(snd));
	snd.addr.buf = (xt_buf_t)&srv;
	snd.addr.len = sizeof(srv);
	r = t_connect(fd, &snd, NULL);
	ck_assert_int_eq(r, -1);
	ck_assert_int_eq(t_errno, TNODATA);
	ck_assert_int_eq(t_getstate(fd), T_OUTCON);
	memset(&rcv, 0, sizeof(rcv));
	rcv.addr.buf = (xt_buf_t)&got;
	rcv.addr.maxlen = sizeof(got);
	for (waited = 0; (r = t_rcvconnect(fd, &rcv)) < 0; waited++) {
		ck_assert_int_eq(t_errno, TNODATA);
		ck_assert_int_lt(waited, 1000);
		xt_msleep(5);
	}
	ck_assert_int_eq(t_getstate(fd), T_DATAXFER);
	ck_assert_int_eq(got.sin_port, srv.sin_port);
	close(ls);
	t_close(fd);
}
END_TEST

START_TEST(connect_bad_arguments)
{
	struct sockaddr_in srv = xt_loopback(9);
	struct t_call snd;
	char junk[3] = { 1, 2, 3 };
	int fd = xt_endpoint(), u = t_open("udp", O_RDWR, NULL);

	memset(&snd, 0, sizeof(snd));
	snd.addr.buf = junk;
	snd.addr.len = sizeof(junk);
	ck_assert_int_eq(t_connect(fd, &snd, NULL), -1);
	ck_assert_int_eq(t_errno, TBADADDR);
	srv.sin_family = AF_INET6;
	snd.addr.buf = (xt_buf_t)&srv;
	snd.addr.len = sizeof(srv);
	ck_assert_int_eq(t_connect(fd, &snd, NULL), -1);
	ck_assert_int_eq(t_errno, TBADADDR);
	srv.sin_family = AF_INET;
	snd.udata.buf = junk;
	snd.udata.len = 1;
	ck_assert_int_eq(t_connect(fd, &snd, NULL), -1);
	ck_assert_int_eq(t_errno, TBADDATA);
	ck_assert_int_eq(t_getstate(fd), T_IDLE);
	ck_assert_int_eq(t_bind(u, NULL, NULL), 0);
	snd.udata.len = 0;
	ck_assert_int_eq(t_connect(u, &snd, NULL), -1);
	ck_assert_int_eq(t_errno, TNOTSUPPORT);
	t_close(fd);
	t_close(u);
}
END_TEST

/* ----------------------------------------------------------------- listen */

/* Child: connect, send "ping", expect "pong", release. */
static void
xt_client_ping(const struct sockaddr_in *srv)
{
	char buf[4];
	int s = socket(AF_INET, SOCK_STREAM, 0);

	if (s < 0 ||
	    connect(s, (const struct sockaddr *)srv, sizeof(*srv)) < 0 ||
	    send(s, "ping", 4, 0) != 4 || recv(s, buf, 4, MSG_WAITALL) != 4 ||
	    memcmp(buf, "pong", 4) != 0)
		_exit(1);
	shutdown(s, SHUT_WR);
	if (recv(s, buf, 1, 0) != 0)
		_exit(2);
	_exit(0);
}

/* Serve one "ping" on a connected endpoint and release it. */
static void
xt_serve_ping(int cfd)
{
	char buf[8];
	int flags, n = 0, r;

	while (n < 4) {
		r = t_rcv(cfd, buf + n, 4 - (unsigned int)n, &flags);
		ck_assert_int_gt(r, 0);
		n += r;
	}
	ck_assert_int_eq(memcmp(buf, "ping", 4), 0);
	ck_assert_int_eq(t_snd(cfd, (xt_buf_t) "pong", 4, 0), 4);
	ck_assert_int_eq(t_rcv(cfd, buf, sizeof(buf), &flags), -1);
	ck_assert_int_eq(t_errno, TLOOK);
	ck_assert_int_eq(t_look(cfd), T_ORDREL);
	ck_assert_int_eq(t_rcvrel(cfd), 0);
	ck_assert_int_eq(t_getstate(cfd), T_INREL);
	ck_assert_int_eq(t_sndrel(cfd), 0);
	ck_assert_int_eq(t_getstate(cfd), T_IDLE);
}

START_TEST(listen_accept_other_fd_two_processes)
{
	struct sockaddr_in srv, peer, theirs;
	socklen_t len = sizeof(theirs);
	struct t_call call;
	int lfd = xt_listener(5, &srv), afd;
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (pid == 0)
		xt_client_ping(&srv);
	xt_listen_one(lfd, &call, &peer);
	ck_assert_int_eq(t_getstate(lfd), T_INCON);
	afd = xt_endpoint();
	ck_assert_int_eq(t_accept(lfd, afd, &call), 0);
	ck_assert_int_eq(t_getstate(lfd), T_IDLE);
	ck_assert_int_eq(t_getstate(afd), T_DATAXFER);
	ck_assert_int_eq(getpeername(afd, (struct sockaddr *)&theirs, &len), 0);
	ck_assert_int_eq(theirs.sin_port, peer.sin_port);
	xt_serve_ping(afd);
	xt_reap(pid);
	t_close(afd);
	t_close(lfd);
}
END_TEST

START_TEST(listen_accept_same_fd_two_processes)
{
	struct sockaddr_in srv, peer;
	struct t_call call;
	int lfd = xt_listener(1, &srv);
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (pid == 0)
		xt_client_ping(&srv);
	xt_listen_one(lfd, &call, &peer);
	ck_assert_int_eq(t_accept(lfd, lfd, &call), 0);
	ck_assert_int_eq(t_getstate(lfd), T_DATAXFER);
	xt_serve_ping(lfd);
	xt_reap(pid);
	t_close(lfd);
}
END_TEST

START_TEST(accept_same_fd_with_others_outstanding)
{
	struct sockaddr_in srv, p1, p2;
	struct t_call c1, c2;
	int lfd = xt_listener(2, &srv);
	int s1 = xt_plain_connect(&srv), s2 = xt_plain_connect(&srv);

	xt_listen_one(lfd, &c1, &p1);
	xt_listen_one(lfd, &c2, &p2);
	ck_assert_int_ne(c1.sequence, c2.sequence);
	ck_assert_int_eq(t_accept(lfd, lfd, &c1), -1);
	/* XTI: TINDOUT; TLI has no such error and says TBADF */
	ck_assert_int_eq(t_errno, XT_IS_TLI ? TBADF : TINDOUT);
	ck_assert_int_eq(t_getstate(lfd), T_INCON);
	close(s1);
	close(s2);
	t_close(lfd);
}
END_TEST

START_TEST(several_indications_answered_in_any_order)
{
	struct sockaddr_in srv, peer[3], theirs;
	socklen_t len;
	struct t_call call[3];
	int lfd = xt_listener(3, &srv), s[3], i, afd;

	for (i = 0; i < 3; i++)
		s[i] = xt_plain_connect(&srv);
	for (i = 0; i < 3; i++)
		xt_listen_one(lfd, &call[i], &peer[i]);
	ck_assert_int_ne(call[0].sequence, call[1].sequence);
	ck_assert_int_ne(call[1].sequence, call[2].sequence);
	ck_assert_int_ne(call[0].sequence, call[2].sequence);
	for (i = 2; i >= 0; i--) {
		/* TLI: nothing else is pending any more, so no TLOOK */
		afd = xt_endpoint();
		ck_assert_int_eq(t_accept(lfd, afd, &call[i]), 0);
		ck_assert_int_eq(t_getstate(lfd), i > 0 ? T_INCON : T_IDLE);
		len = sizeof(theirs);
		ck_assert_int_eq(
		    getpeername(afd, (struct sockaddr *)&theirs, &len), 0);
		ck_assert_int_eq(theirs.sin_port, peer[i].sin_port);
		t_close(afd);
	}
	ck_assert_int_eq(t_accept(lfd, xt_endpoint(), &call[0]), -1);
	ck_assert_int_eq(t_errno, TOUTSTATE);
	for (i = 0; i < 3; i++)
		close(s[i]);
	t_close(lfd);
}
END_TEST

START_TEST(accept_bad_sequence)
{
	struct sockaddr_in srv, peer;
	struct t_call call;
	int lfd = xt_listener(2, &srv), s = xt_plain_connect(&srv);
	int afd = xt_endpoint();

	xt_listen_one(lfd, &call, &peer);
	call.sequence += 1000;
	ck_assert_int_eq(t_accept(lfd, afd, &call), -1);
	ck_assert_int_eq(t_errno, TBADSEQ);
	ck_assert_int_eq(t_snddis(lfd, &call), -1);
	ck_assert_int_eq(t_errno, TBADSEQ);
	ck_assert_int_eq(t_snddis(lfd, NULL), -1);
	ck_assert_int_eq(t_errno, TBADSEQ);
	close(s);
	t_close(afd);
	t_close(lfd);
}
END_TEST

START_TEST(reject_with_snddis_resets_caller)
{
	struct sockaddr_in srv, peer;
	struct t_call call;
	char c;
	int lfd = xt_listener(2, &srv), s = xt_plain_connect(&srv);
	struct pollfd pfd = { s, POLLIN, 0 };

	xt_listen_one(lfd, &call, &peer);
	ck_assert_int_eq(t_snddis(lfd, &call), 0);
	ck_assert_int_eq(t_getstate(lfd), T_IDLE);
	ck_assert_int_eq(poll(&pfd, 1, XT_WAIT_MS), 1);
	ck_assert_int_eq(recv(s, &c, 1, 0), -1);
	ck_assert_int_eq(errno, ECONNRESET);
	close(s);
	t_close(lfd);
}
END_TEST

START_TEST(disconnect_before_accept)
{
	struct sockaddr_in srv, peer;
	struct t_call call;
	struct t_discon dis;
	int lfd = xt_listener(2, &srv), s = xt_plain_connect(&srv);

	xt_listen_one(lfd, &call, &peer);
	xt_reset(s);
	ck_assert_int_eq(xt_wait_look(lfd, T_DISCONNECT), T_DISCONNECT);
	memset(&dis, 0, sizeof(dis));
	ck_assert_int_eq(t_rcvdis(lfd, &dis), 0);
	ck_assert_int_eq(dis.sequence, call.sequence);
	ck_assert_int_eq(dis.reason, ECONNRESET);
	ck_assert_int_eq(t_getstate(lfd), T_IDLE);
	ck_assert_int_eq(t_look(lfd), 0);
	t_close(lfd);
}
END_TEST

START_TEST(fin_before_accept_is_not_a_disconnect)
{
	struct sockaddr_in srv, peer;
	struct t_call call;
	char buf[8];
	int lfd = xt_listener(2, &srv), s = xt_plain_connect(&srv), afd, fl;

	ck_assert_int_eq(send(s, "req", 3, 0), 3);
	shutdown(s, SHUT_WR);
	xt_listen_one(lfd, &call, &peer);
	xt_msleep(50);
	ck_assert_int_eq(t_look(lfd), 0);
	afd = xt_endpoint();
	ck_assert_int_eq(t_accept(lfd, afd, &call), 0);
	ck_assert_int_eq(t_rcv(afd, buf, sizeof(buf), &fl), 3);
	ck_assert_int_eq(memcmp(buf, "req", 3), 0);
	ck_assert_int_eq(t_look(afd), T_ORDREL);
	close(s);
	t_close(afd);
	t_close(lfd);
}
END_TEST

START_TEST(accept_with_another_indication_pending)
{
	struct sockaddr_in srv, p1, p2;
	struct t_call c1, c2;
	int lfd = xt_listener(2, &srv), s1 = xt_plain_connect(&srv), s2;
	int a1 = xt_endpoint(), a2 = xt_endpoint();

	xt_listen_one(lfd, &c1, &p1);
	s2 = xt_plain_connect(&srv);
	ck_assert_int_eq(xt_wait_look(lfd, T_LISTEN), T_LISTEN);
	if (XT_IS_TLI) {
		/* TLI: the new indication comes first; the caller re-queues
		 * its call and listens again */
		ck_assert_int_eq(t_accept(lfd, a1, &c1), -1);
		ck_assert_int_eq(t_errno, TLOOK);
		xt_listen_one(lfd, &c2, &p2);
		ck_assert_int_eq(t_accept(lfd, a1, &c1), 0);
	} else {
		/* XNS5: no TLOOK for another indication */
		ck_assert_int_eq(t_accept(lfd, a1, &c1), 0);
		xt_listen_one(lfd, &c2, &p2);
	}
	ck_assert_int_eq(t_accept(lfd, a2, &c2), 0);
	ck_assert_int_eq(t_getstate(lfd), T_IDLE);
	close(s1);
	close(s2);
	t_close(a1);
	t_close(a2);
	t_close(lfd);
}
END_TEST

START_TEST(accept_of_an_indication_already_reset)
{
	struct sockaddr_in srv, peer;
	struct t_call call;
	struct t_discon dis;
	int lfd = xt_listener(2, &srv), s = xt_plain_connect(&srv);
	int afd = xt_endpoint();

	xt_listen_one(lfd, &call, &peer);
	xt_reset(s);
	ck_assert_int_eq(xt_wait_look(lfd, T_DISCONNECT), T_DISCONNECT);
	if (XT_IS_TLI) {
		ck_assert_int_eq(t_accept(lfd, afd, &call), -1);
		ck_assert_int_eq(t_errno, TLOOK);
	} else {
		/* XNS5 accepts; the acceptor then tells of the reset */
		ck_assert_int_eq(t_accept(lfd, afd, &call), 0);
		ck_assert_int_eq(t_getstate(lfd), T_IDLE);
		ck_assert_int_eq(t_look(lfd), 0);
		ck_assert_int_eq(t_look(afd), T_DISCONNECT);
		memset(&dis, 0, sizeof(dis));
		ck_assert_int_eq(t_rcvdis(afd, &dis), 0);
		ck_assert_int_eq(dis.reason, ECONNRESET);
	}
	t_close(afd);
	t_close(lfd);
}
END_TEST

START_TEST(listen_without_a_call_takes_nothing)
{
	struct sockaddr_in srv, peer;
	struct t_call call;
	int lfd = xt_listener(2, &srv), s = xt_plain_connect(&srv);

	ck_assert_int_eq(xt_wait_look(lfd, T_LISTEN), T_LISTEN);
	ck_assert_int_eq(t_listen(lfd, NULL), -1);
	ck_assert_int_eq(t_errno, TSYSERR);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_int_eq(t_getstate(lfd), T_IDLE);
	ck_assert_int_eq(t_look(lfd), T_LISTEN);
	xt_listen_one(lfd, &call, &peer);
	close(s);
	t_close(lfd);
}
END_TEST

START_TEST(listen_queue_full)
{
	struct sockaddr_in srv, p;
	struct t_call c;
	int lfd = xt_listener(1, &srv), s1 = xt_plain_connect(&srv);
	int s2 = xt_plain_connect(&srv);

	xt_listen_one(lfd, &c, &p);
	ck_assert_int_eq(fcntl(lfd, F_SETFL, O_NONBLOCK), 0);
	ck_assert_int_eq(t_listen(lfd, &c), -1);
	if (!XT_IS_TLI) {
		/* XTI says TQFULL once, then TNODATA */
		ck_assert_int_eq(t_errno, TQFULL);
		ck_assert_int_eq(t_listen(lfd, &c), -1);
	}
	ck_assert_int_eq(t_errno, TNODATA);
	/* while the queue is full, T_LISTEN is not reported */
	ck_assert_int_eq(t_look(lfd), 0);
	close(s1);
	close(s2);
	t_close(lfd);
}
END_TEST

START_TEST(listen_nonblocking_nothing_waiting)
{
	struct sockaddr_in srv;
	struct t_call c;
	int lfd = xt_listener(2, &srv);

	memset(&c, 0, sizeof(c));
	ck_assert_int_eq(fcntl(lfd, F_SETFL, O_NONBLOCK), 0);
	ck_assert_int_eq(t_listen(lfd, &c), -1);
	ck_assert_int_eq(t_errno, TNODATA);
	ck_assert_int_eq(t_getstate(lfd), T_IDLE);
	t_close(lfd);
}
END_TEST

START_TEST(listen_without_qlen)
{
	struct sockaddr_in a;
	struct t_call c;
	int fd = xt_bound("tcp", 0, &a);

	memset(&c, 0, sizeof(c));
	ck_assert_int_eq(t_listen(fd, &c), -1);
	ck_assert_int_eq(t_errno, XT_IS_TLI ? TOUTSTATE : TBADQLEN);
	t_close(fd);
}
END_TEST

START_TEST(accept_keeps_resfd_number_and_flags)
{
	struct sockaddr_in srv, p;
	struct t_call c;
	int lfd = xt_listener(2, &srv), s1 = xt_plain_connect(&srv), s2;
	int a1 = xt_endpoint(), a2 = xt_endpoint();

	/* a1: blocking, close-on-exec; a2: non-blocking, inherited */
	ck_assert_int_eq(fcntl(a1, F_SETFD, FD_CLOEXEC), 0);
	ck_assert_int_eq(fcntl(a2, F_SETFL, O_NONBLOCK), 0);
	xt_listen_one(lfd, &c, &p);
	ck_assert_int_eq(t_accept(lfd, a1, &c), 0);
	s2 = xt_plain_connect(&srv);
	xt_listen_one(lfd, &c, &p);
	ck_assert_int_eq(t_accept(lfd, a2, &c), 0);
	ck_assert_int_eq(fcntl(a1, F_GETFL) & O_NONBLOCK, 0);
	ck_assert_int_eq(fcntl(a1, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	ck_assert_int_eq(fcntl(a2, F_GETFL) & O_NONBLOCK, O_NONBLOCK);
	ck_assert_int_eq(fcntl(a2, F_GETFD) & FD_CLOEXEC, 0);
	ck_assert_int_eq(t_getstate(a1), T_DATAXFER);
	ck_assert_int_eq(t_getstate(a2), T_DATAXFER);
	close(s1);
	close(s2);
	t_close(a1);
	t_close(a2);
	t_close(lfd);
}
END_TEST

START_TEST(accept_onto_listener_or_wrong_kind)
{
	struct sockaddr_in srv, srv2, p;
	struct t_call c;
	int lfd = xt_listener(2, &srv), other = xt_listener(1, &srv2);
	int s = xt_plain_connect(&srv), u = t_open("udp", O_RDWR, NULL);

	xt_listen_one(lfd, &c, &p);
	ck_assert_int_eq(t_accept(lfd, other, &c), -1);
	ck_assert_int_eq(t_errno, XT_IS_TLI ? TBADF : TRESQLEN);
	ck_assert_int_eq(t_accept(lfd, u, &c), -1);
	ck_assert_int_eq(t_errno, XT_IS_TLI ? TBADF : TPROVMISMATCH);
	ck_assert_int_eq(t_getstate(lfd), T_INCON);
	close(s);
	t_close(u);
	t_close(other);
	t_close(lfd);
}
END_TEST

START_TEST(close_listener_resets_held_indications)
{
	struct sockaddr_in srv, p;
	struct t_call c;
	char ch;
	int lfd = xt_listener(2, &srv), s = xt_plain_connect(&srv);
	struct pollfd pfd = { s, POLLIN, 0 };

	xt_listen_one(lfd, &c, &p);
	ck_assert_int_eq(t_close(lfd), 0);
	ck_assert_int_eq(poll(&pfd, 1, XT_WAIT_MS), 1);
	ck_assert_int_eq(recv(s, &ch, 1, 0), -1);
	ck_assert_int_eq(errno, ECONNRESET);
	close(s);
}
END_TEST

/* ------------------------------------------------------------------- data */

/* A connected pair: a libxti endpoint and a plain socket. */
static int
xt_pair(int *plain)
{
	struct sockaddr_in srv;
	struct t_call snd;
	int ls = xt_plain_listen(&srv), fd = xt_endpoint();

	memset(&snd, 0, sizeof(snd));
	snd.addr.buf = (xt_buf_t)&srv;
	snd.addr.len = sizeof(srv);
	ck_assert_int_eq(t_connect(fd, &snd, NULL), 0);
	*plain = accept(ls, NULL, NULL);
	ck_assert_int_ge(*plain, 0);
	close(ls);
	return fd;
}

START_TEST(rcv_nonblocking_no_data)
{
	char buf[4];
	int s, fd = xt_pair(&s), fl;

	ck_assert_int_eq(fcntl(fd, F_SETFL, O_NONBLOCK), 0);
	ck_assert_int_eq(t_rcv(fd, buf, sizeof(buf), &fl), -1);
	ck_assert_int_eq(t_errno, TNODATA);
	ck_assert_int_eq(t_look(fd), 0);
	ck_assert_int_eq(send(s, "x", 1, 0), 1);
	ck_assert_int_eq(xt_wait_look(fd, T_DATA), T_DATA);
	ck_assert_int_eq(t_rcv(fd, buf, sizeof(buf), &fl), 1);
	close(s);
	t_close(fd);
}
END_TEST

START_TEST(snd_nonblocking_flow_control)
{
	static char big[65536];
	int s, fd = xt_pair(&s), n, total = 0, small = 4096, ev;
	char sink[65536];

	/* a small send queue, so that it drains quickly afterwards */
	setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &small, sizeof(small));
	ck_assert_int_eq(fcntl(fd, F_SETFL, O_NONBLOCK), 0);
	for (;;) {
		n = t_snd(fd, big, sizeof(big), 0);
		if (n < 0)
			break;
		ck_assert_int_gt(n, 0);
		total += n;
		ck_assert_int_lt(total, 64 << 20);
	}
	ck_assert_int_eq(t_errno, TFLOW);
	/* the peer reads until the sender's queue has drained enough */
	for (n = 0, ev = 0; n < XT_WAIT_MS && ev == 0; n++) {
		while (recv(s, sink, sizeof(sink), MSG_DONTWAIT) > 0)
			;
		ev = t_look(fd);
		if (ev == 0)
			xt_msleep(1);
		if (XT_IS_TLI && n > 200)
			break;
	}
#ifndef XTEST_TLI
	ck_assert_int_eq(ev, T_GODATA); /* XTI: sending is possible again */
#else
	ck_assert_int_eq(ev, 0); /* TLI has no T_GODATA */
#endif
	close(s);
	t_close(fd);
}
END_TEST

START_TEST(snd_bad_amounts_and_flags)
{
	int s, fd = xt_pair(&s);

	ck_assert_int_eq(t_snd(fd, (xt_buf_t) "", 0, 0), -1);
	ck_assert_int_eq(t_errno, TBADDATA);
	if (!XT_IS_TLI) {
		ck_assert_int_eq(t_snd(fd, (xt_buf_t) "x", 1, 0x40), -1);
		ck_assert_int_eq(t_errno, TBADFLAG);
	}
	ck_assert_int_eq(t_getstate(fd), T_DATAXFER);
	close(s);
	t_close(fd);
}
END_TEST

/* Plain peer sends normal data, then one urgent byte. */
static void
xt_send_urgent(int s, const char *normal, char urgent)
{
	size_t n = strlen(normal);
	char buf[16];

	memcpy(buf, normal, n);
	buf[n] = urgent;
	ck_assert_int_eq(send(s, buf, n + 1, MSG_OOB), (ssize_t)(n + 1));
}

static void
xt_expect_rcv(int fd, const char *want, int wantflags)
{
	char buf[16];
	int fl = -1, n = t_rcv(fd, buf, sizeof(buf), &fl);

	ck_assert_int_eq(n, (int)strlen(want));
	ck_assert_int_eq(memcmp(buf, want, (size_t)n), 0);
	ck_assert_int_eq(fl, wantflags);
}

START_TEST(expedited_data_in_sequence)
{
	int s, fd = xt_pair(&s);

	/* as Solaris delivered 123 4! 56 7! 89 */
	xt_send_urgent(s, "123", '4');
	ck_assert_int_eq(xt_wait_look(fd, T_EXDATA), T_EXDATA);
	xt_expect_rcv(fd, "123", 0);
	xt_expect_rcv(fd, "4", T_EXPEDITED);
	xt_send_urgent(s, "56", '7');
	xt_msleep(50);
	xt_expect_rcv(fd, "56", 0);
	xt_expect_rcv(fd, "7", T_EXPEDITED);
	ck_assert_int_eq(send(s, "89", 2, 0), 2);
	xt_msleep(50);
	ck_assert_int_eq(t_look(fd), T_DATA);
	xt_expect_rcv(fd, "89", 0);
	shutdown(s, SHUT_WR);
	ck_assert_int_eq(xt_wait_look(fd, T_ORDREL), T_ORDREL);
	close(s);
	t_close(fd);
}
END_TEST

START_TEST(snd_expedited_makes_last_byte_urgent)
{
	int s, fd = xt_pair(&s), one = 1, mark = 0;
	char buf[4];

	setsockopt(s, SOL_SOCKET, SO_OOBINLINE, &one, sizeof(one));
	ck_assert_int_eq(t_snd(fd, (xt_buf_t) "ab", 2, T_EXPEDITED), 2);
	xt_msleep(50);
	ck_assert_int_eq(recv(s, buf, sizeof(buf), 0), 1); /* stops at mark */
	ck_assert_int_eq(buf[0], 'a');
	ck_assert_int_eq(ioctl(s, SIOCATMARK, &mark), 0);
	ck_assert_int_eq(mark, 1);
	ck_assert_int_eq(recv(s, buf, sizeof(buf), 0), 1);
	ck_assert_int_eq(buf[0], 'b');
	close(s);
	t_close(fd);
}
END_TEST

#ifndef XTEST_TLI
START_TEST(sndv_expedited_across_vectors)
{
	struct t_iovec iov[2] = { { "ab", 2 }, { "cd", 2 } };
	int s, fd = xt_pair(&s), one = 1, mark = 0;
	char buf[8];

	setsockopt(s, SOL_SOCKET, SO_OOBINLINE, &one, sizeof(one));
	ck_assert_int_eq(t_sndv(fd, iov, 2, T_EXPEDITED), 4);
	xt_msleep(50);
	/* only the very last byte is urgent */
	xt_plain_read(s, buf, 3);
	ck_assert_int_eq(memcmp(buf, "abc", 3), 0);
	ck_assert_int_eq(ioctl(s, SIOCATMARK, &mark), 0);
	ck_assert_int_eq(mark, 1);
	close(s);
	t_close(fd);
}
END_TEST
#endif

START_TEST(peer_reset_is_disconnect_not_release)
{
	int s, fd = xt_pair(&s), fl;
	struct t_discon dis;
	char buf[8];

	xt_reset(s);
	ck_assert_int_eq(xt_wait_look(fd, T_DISCONNECT), T_DISCONNECT);
	ck_assert_int_eq(t_rcv(fd, buf, sizeof(buf), &fl), -1);
	ck_assert_int_eq(t_errno, TLOOK);
	ck_assert_int_eq(t_rcvrel(fd), -1);
	ck_assert_int_eq(t_errno, TLOOK);
	memset(&dis, 0, sizeof(dis));
	ck_assert_int_eq(t_rcvdis(fd, &dis), 0);
	ck_assert_int_eq(dis.reason, ECONNRESET);
	ck_assert_int_eq(t_getstate(fd), T_IDLE);
	ck_assert_int_eq(t_rcvdis(fd, &dis), -1);
	ck_assert_int_eq(t_errno, TOUTSTATE);
	t_close(fd);
}
END_TEST

START_TEST(snd_after_peer_reset)
{
	int s, fd = xt_pair(&s), i, r = 0;

	xt_reset(s);
	xt_msleep(50);
	for (i = 0; i < 10 && r >= 0; i++)
		r = t_snd(fd, (xt_buf_t) "data", 4, 0);
	ck_assert_int_eq(r, -1);
	ck_assert_int_eq(t_errno, TLOOK);
	ck_assert_int_eq(t_look(fd), T_DISCONNECT);
	ck_assert_int_eq(t_rcvdis(fd, NULL), 0);
	ck_assert_int_eq(t_getstate(fd), T_IDLE);
	t_close(fd);
}
END_TEST

/* ---------------------------------------------------------------- release */

START_TEST(release_local_side_first)
{
	int s, fd = xt_pair(&s), fl;
	char buf[4];

	ck_assert_int_eq(t_snd(fd, (xt_buf_t) "bye", 3, 0), 3);
	ck_assert_int_eq(t_sndrel(fd), 0);
	ck_assert_int_eq(t_getstate(fd), T_OUTREL);
	ck_assert_int_eq(t_snd(fd, (xt_buf_t) "x", 1, 0), -1);
	ck_assert_int_eq(t_errno, TOUTSTATE);
	xt_plain_read(s, buf, 3);
	ck_assert_int_eq(recv(s, buf, 1, 0), 0);  /* the release arrived */
	ck_assert_int_eq(send(s, "ok", 2, 0), 2); /* the peer may still send */
	shutdown(s, SHUT_WR);
	xt_expect_rcv(fd, "ok", 0);
	ck_assert_int_eq(t_rcv(fd, buf, sizeof(buf), &fl), -1);
	ck_assert_int_eq(t_errno, TLOOK);
	ck_assert_int_eq(t_look(fd), T_ORDREL);
	ck_assert_int_eq(t_rcvrel(fd), 0);
	ck_assert_int_eq(t_getstate(fd), T_IDLE);
	close(s);
	t_close(fd);
}
END_TEST

START_TEST(release_remote_side_first)
{
	int s, fd = xt_pair(&s), fl;
	char buf[8];

	ck_assert_int_eq(send(s, "x", 1, 0), 1);
	shutdown(s, SHUT_WR);
	xt_msleep(50);
	/* data before the release is delivered first */
	ck_assert_int_eq(t_look(fd), T_DATA);
	ck_assert_int_eq(t_rcvrel(fd), -1);
	ck_assert_int_eq(t_errno, TNOREL);
	xt_expect_rcv(fd, "x", 0);
	ck_assert_int_eq(t_look(fd), T_ORDREL);
	ck_assert_int_eq(t_rcvrel(fd), 0);
	ck_assert_int_eq(t_getstate(fd), T_INREL);
	/* end of file repeats on Linux; the release is not reported twice */
	ck_assert_int_eq(t_look(fd), 0);
	ck_assert_int_eq(t_rcv(fd, buf, sizeof(buf), &fl), -1);
	ck_assert_int_eq(t_errno, TOUTSTATE);
	ck_assert_int_eq(t_snd(fd, (xt_buf_t) "last", 4, 0), 4);
	ck_assert_int_eq(t_sndrel(fd), 0);
	ck_assert_int_eq(t_getstate(fd), T_IDLE);
	xt_plain_read(s, buf, 4);
	ck_assert_int_eq(memcmp(buf, "last", 4), 0);
	ck_assert_int_eq(recv(s, buf, 1, 0), 0);
	close(s);
	t_close(fd);
}
END_TEST

START_TEST(reuse_after_release)
{
	struct sockaddr_in srv;
	struct t_call snd;
	int s, fd = xt_pair(&s), ls;
	char buf[4];

	shutdown(s, SHUT_WR);
	ck_assert_int_eq(xt_wait_look(fd, T_ORDREL), T_ORDREL);
	ck_assert_int_eq(t_rcvrel(fd), 0);
	ck_assert_int_eq(t_snd(fd, (xt_buf_t) "end", 3, 0), 3);
	ck_assert_int_eq(t_sndrel(fd), 0);
	ck_assert_int_eq(t_getstate(fd), T_IDLE);
	/* everything sent before the release reaches the peer */
	xt_plain_read(s, buf, 3);
	ck_assert_int_eq(memcmp(buf, "end", 3), 0);
	close(s);
	ls = xt_plain_listen(&srv);
	memset(&snd, 0, sizeof(snd));
	snd.addr.buf = (xt_buf_t)&srv;
	snd.addr.len = sizeof(srv);
	ck_assert_int_eq(t_connect(fd, &snd, NULL), 0);
	ck_assert_int_eq(t_getstate(fd), T_DATAXFER);
	close(ls);
	t_close(fd);
}
END_TEST

START_TEST(snddis_resets_peer_and_allows_reuse)
{
	struct sockaddr_in srv;
	struct t_call snd;
	int s, fd = xt_pair(&s), ls;
	char c;
	struct pollfd pfd;

	ck_assert_int_eq(t_snddis(fd, NULL), 0);
	ck_assert_int_eq(t_getstate(fd), T_IDLE);
	pfd.fd = s;
	pfd.events = POLLIN;
	ck_assert_int_eq(poll(&pfd, 1, XT_WAIT_MS), 1);
	ck_assert_int_eq(recv(s, &c, 1, 0), -1);
	ck_assert_int_eq(errno, ECONNRESET);
	close(s);
	ls = xt_plain_listen(&srv);
	memset(&snd, 0, sizeof(snd));
	snd.addr.buf = (xt_buf_t)&srv;
	snd.addr.len = sizeof(srv);
	ck_assert_int_eq(t_connect(fd, &snd, NULL), 0);
	close(ls);
	t_close(fd);
}
END_TEST

/* ------------------------------------------------------------ bind/state */

START_TEST(bind_states_and_rebind)
{
	struct sockaddr_in a, b;
	struct t_bind req;
	int fd = xt_bound("tcp", 0, &a);

	ck_assert_int_eq(t_getstate(fd), T_IDLE);
	ck_assert_int_eq(t_bind(fd, NULL, NULL), -1);
	ck_assert_int_eq(t_errno, TOUTSTATE);
	ck_assert_int_eq(t_unbind(fd), 0);
	ck_assert_int_eq(t_getstate(fd), T_UNBND);
	ck_assert_int_eq(t_unbind(fd), -1);
	ck_assert_int_eq(t_errno, TOUTSTATE);
	/* the same address can be bound again after t_unbind */
	req.addr.buf = (xt_buf_t)&a;
	req.addr.len = req.addr.maxlen = sizeof(a);
	req.qlen = 0;
	ck_assert_int_eq(t_bind(fd, &req, NULL), 0);
	ck_assert_int_eq(t_getstate(fd), T_IDLE);
	memset(&b, 0, sizeof(b));
	{
		socklen_t len = sizeof(b);

		ck_assert_int_eq(
		    getsockname(fd, (struct sockaddr *)&b, &len), 0);
	}
	ck_assert_int_eq(b.sin_port, a.sin_port);
	t_close(fd);
}
END_TEST

START_TEST(bind_busy_address)
{
	struct sockaddr_in a, got;
	struct t_bind req, ret;
	int l1 = xt_listener(1, &a), fd = t_open("tcp", O_RDWR, NULL);

	req.addr.buf = (xt_buf_t)&a;
	req.addr.len = req.addr.maxlen = sizeof(a);
	req.qlen = 1;
	ret.addr.buf = (xt_buf_t)&got;
	ret.addr.maxlen = sizeof(got);
	ret.addr.len = 0;
	if (XT_IS_TLI) {
		/* TLI binds another address; the caller compares */
		ck_assert_int_eq(t_bind(fd, &req, &ret), 0);
		ck_assert_uint_eq(ret.addr.len, sizeof(got));
		ck_assert_int_ne(got.sin_port, a.sin_port);
		ck_assert_int_eq(got.sin_addr.s_addr, a.sin_addr.s_addr);
		ck_assert_int_eq(t_getstate(fd), T_IDLE);
	} else {
		ck_assert_int_eq(t_bind(fd, &req, &ret), -1);
		ck_assert_int_eq(t_errno, TADDRBUSY);
		ck_assert_int_eq(t_getstate(fd), T_UNBND);
	}
	t_close(fd);
	t_close(l1);
}
END_TEST

START_TEST(bind_overflow_leaves_endpoint_bound)
{
	struct sockaddr_in a = xt_loopback(0);
	struct t_bind req, ret;
	char small[4];
	int fd = t_open("tcp", O_RDWR, NULL);

	req.addr.buf = (xt_buf_t)&a;
	req.addr.len = req.addr.maxlen = sizeof(a);
	req.qlen = 0;
	ret.addr.buf = small;
	ret.addr.maxlen = sizeof(small);
	ret.addr.len = 0;
	ck_assert_int_eq(t_bind(fd, &req, &ret), -1);
	ck_assert_int_eq(t_errno, TBUFOVFLW);
	ck_assert_int_eq(t_getstate(fd), T_IDLE);
	t_close(fd);
}
END_TEST

START_TEST(maxlen_zero_meaning)
{
	struct sockaddr_in a = xt_loopback(0);
	struct t_bind req, ret;
	int fd = t_open("tcp", O_RDWR, NULL);

	req.addr.buf = (xt_buf_t)&a;
	req.addr.len = req.addr.maxlen = sizeof(a);
	req.qlen = 0;
	memset(&ret, 0, sizeof(ret));
	if (XT_IS_TLI) {
		/* TLI: a zero-sized buffer, which the address overflows */
		ck_assert_int_eq(t_bind(fd, &req, &ret), -1);
		ck_assert_int_eq(t_errno, TBUFOVFLW);
	} else {
		/* XTI: "not wanted" */
		ck_assert_int_eq(t_bind(fd, &req, &ret), 0);
		ck_assert_uint_eq(ret.addr.len, 0);
	}
	ck_assert_int_eq(t_getstate(fd), T_IDLE);
	t_close(fd);
}
END_TEST

START_TEST(listen_overflow_still_takes_indication)
{
	struct sockaddr_in srv;
	struct t_call call;
	char small[2];
	int lfd = xt_listener(2, &srv), s = xt_plain_connect(&srv);
	int afd = xt_endpoint();

	memset(&call, 0, sizeof(call));
	call.addr.buf = small;
	call.addr.maxlen = sizeof(small);
	ck_assert_int_eq(t_listen(lfd, &call), -1);
	ck_assert_int_eq(t_errno, TBUFOVFLW);
	ck_assert_int_eq(t_getstate(lfd), T_INCON);
	ck_assert_int_gt(call.sequence, 0);
	ck_assert_int_eq(t_accept(lfd, afd, &call), 0);
	ck_assert_int_eq(t_getstate(afd), T_DATAXFER);
	close(s);
	t_close(afd);
	t_close(lfd);
}
END_TEST

START_TEST(unbind_with_pending_event)
{
	struct sockaddr_in srv;
	int lfd = xt_listener(2, &srv), s = xt_plain_connect(&srv);

	ck_assert_int_eq(xt_wait_look(lfd, T_LISTEN), T_LISTEN);
	ck_assert_int_eq(t_unbind(lfd), -1);
	ck_assert_int_eq(t_errno, TLOOK);
	close(s);
	t_close(lfd);
}
END_TEST

START_TEST(xti_state_checks)
{
	struct sockaddr_in a;
	struct t_call c;
	char buf[4];
	int fd = t_open("tcp", O_RDWR, NULL), b = xt_bound("tcp", 0, &a), fl;

	memset(&c, 0, sizeof(c));
	ck_assert_int_eq(t_listen(fd, &c), -1);
	ck_assert_int_eq(t_errno, TOUTSTATE);
	ck_assert_int_eq(t_rcv(b, buf, sizeof(buf), &fl), -1);
	ck_assert_int_eq(t_errno, TOUTSTATE);
	ck_assert_int_eq(t_snd(b, buf, 1, 0), -1);
	ck_assert_int_eq(t_errno, TOUTSTATE);
	ck_assert_int_eq(t_sndrel(b), -1);
	ck_assert_int_eq(t_errno, TOUTSTATE);
	ck_assert_int_eq(t_rcvrel(b), -1);
	ck_assert_int_eq(t_errno, TOUTSTATE);
	ck_assert_int_eq(t_snddis(b, NULL), -1);
	ck_assert_int_eq(t_errno, TOUTSTATE);
	ck_assert_int_eq(t_rcvdis(b, NULL), -1);
	ck_assert_int_eq(t_errno, TOUTSTATE);
	ck_assert_int_eq(t_accept(b, fd, &c), -1);
	ck_assert_int_eq(t_errno, TOUTSTATE);
	ck_assert_int_eq(t_rcvconnect(b, NULL), -1);
	ck_assert_int_eq(t_errno, TOUTSTATE);
	ck_assert_int_eq(t_getstate(-1), -1);
	ck_assert_int_eq(t_errno, TBADF);
	t_close(fd);
	t_close(b);
}
END_TEST

START_TEST(protocol_addresses)
{
	struct sockaddr_in a, bound, peer;
	struct t_call snd;
	int ls, fd = t_open("tcp", O_RDWR, NULL);
#ifndef XTEST_TLI
	struct t_bind b, p;

	b.addr.buf = &bound;
	b.addr.maxlen = sizeof(bound);
	p.addr.buf = &peer;
	p.addr.maxlen = sizeof(peer);
	ck_assert_int_eq(t_getprotaddr(fd, &b, &p), 0);
	ck_assert_uint_eq(b.addr.len, 0);
	ck_assert_uint_eq(p.addr.len, 0);
	ck_assert_int_eq(t_bind(fd, NULL, NULL), 0);
	ck_assert_int_eq(t_getprotaddr(fd, &b, &p), 0);
	ck_assert_uint_eq(b.addr.len, sizeof(bound));
	ck_assert_uint_eq(p.addr.len, 0);
	ls = xt_plain_listen(&a);
	memset(&snd, 0, sizeof(snd));
	snd.addr.buf = &a;
	snd.addr.len = sizeof(a);
	ck_assert_int_eq(t_connect(fd, &snd, NULL), 0);
	ck_assert_int_eq(t_getprotaddr(fd, &b, &p), 0);
	ck_assert_uint_eq(p.addr.len, sizeof(peer));
	ck_assert_int_eq(peer.sin_port, a.sin_port);
#else
	struct netbuf nb = { sizeof(bound), 0, (char *)&bound };

	ck_assert_int_eq(t_bind(fd, NULL, NULL), 0);
	ck_assert_int_eq(t_getname(fd, &nb, LOCALNAME), 0);
	ck_assert_uint_eq(nb.len, sizeof(bound));
	ck_assert_int_ne(bound.sin_port, 0);
	nb.buf = (char *)&peer;
	nb.maxlen = sizeof(peer);
	ck_assert_int_eq(t_getname(fd, &nb, REMOTENAME), -1);
	ls = xt_plain_listen(&a);
	memset(&snd, 0, sizeof(snd));
	snd.addr.buf = (char *)&a;
	snd.addr.len = sizeof(a);
	ck_assert_int_eq(t_connect(fd, &snd, NULL), 0);
	ck_assert_int_eq(t_getname(fd, &nb, REMOTENAME), 0);
	ck_assert_int_eq(peer.sin_port, a.sin_port);
	ck_assert_int_eq(t_getname(fd, &nb, 7), -1);
	ck_assert_int_eq(t_errno, TSYSERR);
	ck_assert_int_eq(errno, EINVAL);
#endif
	close(ls);
	t_close(fd);
}
END_TEST

/* ------------------------------------------------------ loopback and v6 */

/* An abstract ticots* name unique to this test process. */
static void
xt_tiname(char *buf, size_t size, const char *tag)
{
	snprintf(buf, size, "xtest-%s-%s-%ld", XT_FLAVOUR, tag, (long)getpid());
}

static int
xt_ti_listener(const char *prov, const char *name)
{
	struct t_bind req, ret;
	char got[128];
	int fd = t_open(prov, O_RDWR, NULL);

	ck_assert_int_ge(fd, 0);
	req.addr.buf = (xt_buf_t)name;
	req.addr.len = req.addr.maxlen = (unsigned int)strlen(name);
	req.qlen = 2;
	ret.addr.buf = got;
	ret.addr.maxlen = sizeof(got);
	ck_assert_int_eq(t_bind(fd, &req, &ret), 0);
	ck_assert_uint_eq(ret.addr.len, strlen(name));
	ck_assert_int_eq(memcmp(got, name, ret.addr.len), 0);
	return fd;
}

static int
xt_ti_connect(const char *prov, const char *name)
{
	struct t_call snd;
	int fd = t_open(prov, O_RDWR, NULL);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(t_bind(fd, NULL, NULL), 0);
	memset(&snd, 0, sizeof(snd));
	snd.addr.buf = (xt_buf_t)name;
	snd.addr.len = (unsigned int)strlen(name);
	ck_assert_int_eq(t_connect(fd, &snd, NULL), 0);
	return fd;
}

static int
xt_ti_accept(int lfd, const char *prov)
{
	struct t_call call;
	char peer[128];
	int afd = t_open(prov, O_RDWR, NULL);

	memset(&call, 0, sizeof(call));
	call.addr.buf = peer;
	call.addr.maxlen = sizeof(peer);
	ck_assert_int_eq(t_listen(lfd, &call), 0);
	ck_assert_int_eq(t_accept(lfd, afd, &call), 0);
	return afd;
}

START_TEST(ticotsord_life_cycle)
{
	char name[64], buf[8];
	int lfd, cfd, afd, fl;

	xt_tiname(name, sizeof(name), "ord");
	lfd = xt_ti_listener("/dev/ticotsord", name);
	cfd = xt_ti_connect("/dev/ticotsord", name);
	afd = xt_ti_accept(lfd, "/dev/ticotsord");
	ck_assert_int_eq(t_snd(cfd, (xt_buf_t) "hi", 2, 0), 2);
	xt_expect_rcv(afd, "hi", 0);
	ck_assert_int_eq(t_snd(cfd, (xt_buf_t) "x", 1, T_EXPEDITED), -1);
	ck_assert_int_eq(t_errno, TBADDATA);
	ck_assert_int_eq(t_sndrel(cfd), 0);
	ck_assert_int_eq(xt_wait_look(afd, T_ORDREL), T_ORDREL);
	ck_assert_int_eq(t_rcvrel(afd), 0);
	ck_assert_int_eq(t_sndrel(afd), 0);
	ck_assert_int_eq(t_getstate(afd), T_IDLE);
	ck_assert_int_eq(t_rcv(cfd, buf, sizeof(buf), &fl), -1);
	ck_assert_int_eq(t_errno, TLOOK);
	ck_assert_int_eq(t_rcvrel(cfd), 0);
	ck_assert_int_eq(t_getstate(cfd), T_IDLE);
	t_close(afd);
	t_close(cfd);
	t_close(lfd);
}
END_TEST

START_TEST(ticots_has_no_orderly_release)
{
	char name[64];
	int lfd, cfd, afd;

	xt_tiname(name, sizeof(name), "cots");
	lfd = xt_ti_listener("ticots", name);
	cfd = xt_ti_connect("ticots", name);
	afd = xt_ti_accept(lfd, "ticots");
	ck_assert_int_eq(t_sndrel(cfd), -1);
	ck_assert_int_eq(t_errno, TNOTSUPPORT);
	t_close(cfd);
	/* every end of a ticots connection is a disconnect */
	ck_assert_int_eq(xt_wait_look(afd, T_DISCONNECT), T_DISCONNECT);
	ck_assert_int_eq(t_rcvdis(afd, NULL), 0);
	t_close(afd);
	t_close(lfd);
}
END_TEST

START_TEST(local_transport_uses_paths)
{
	struct sockaddr_un sun;
	struct t_bind req;
	struct t_call snd;
	struct stat st;
	char dir[] = "/tmp/xtest-local-XXXXXX";
	int lfd, cfd, afd;
	size_t n;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	n = (size_t)snprintf(
	    sun.sun_path, sizeof(sun.sun_path), "%s/sock", dir);
	lfd = t_open("local", O_RDWR, NULL);
	ck_assert_int_ge(lfd, 0);
	req.addr.buf = (xt_buf_t)&sun;
	req.addr.len = req.addr.maxlen =
	    (unsigned int)(sizeof(sa_family_t) + n);
	req.qlen = 1;
	ck_assert_int_eq(t_bind(lfd, &req, NULL), 0);
	ck_assert_int_eq(lstat(sun.sun_path, &st), 0);
	ck_assert(S_ISSOCK(st.st_mode));
	cfd = t_open("/dev/unix", O_RDWR, NULL);
	ck_assert_int_eq(t_bind(cfd, NULL, NULL), 0);
	memset(&snd, 0, sizeof(snd));
	snd.addr = req.addr;
	ck_assert_int_eq(t_connect(cfd, &snd, NULL), 0);
	afd = xt_ti_accept(lfd, "local");
	ck_assert_int_eq(t_snd(afd, (xt_buf_t) "ok", 2, 0), 2);
	xt_expect_rcv(cfd, "ok", 0);
	t_close(afd);
	t_close(cfd);
	t_close(lfd);
	unlink(sun.sun_path);
	rmdir(dir);
}
END_TEST

START_TEST(tcp6_is_v6_only)
{
	struct sockaddr_in6 a6, got;
	struct t_bind req, ret;
	struct sockaddr_in a4;
	int l4 = xt_listener(1, &a4), fd = t_open("tcp6", O_RDWR, NULL), v = 0;
	socklen_t len = sizeof(v);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(
	    getsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v, &len), 0);
	ck_assert_int_eq(v, 1);
	/* so :: can take the port of an IPv4 listener */
	memset(&a6, 0, sizeof(a6));
	a6.sin6_family = AF_INET6;
	a6.sin6_addr = in6addr_any;
	a6.sin6_port = a4.sin_port;
	req.addr.buf = (xt_buf_t)&a6;
	req.addr.len = req.addr.maxlen = sizeof(a6);
	req.qlen = 1;
	ret.addr.buf = (xt_buf_t)&got;
	ret.addr.maxlen = sizeof(got);
	ck_assert_int_eq(t_bind(fd, &req, &ret), 0);
	ck_assert_uint_eq(ret.addr.len, 28);
	ck_assert_int_eq(got.sin6_port, a4.sin_port);
	t_close(fd);
	t_close(l4);
}
END_TEST

static Suite *
conn_suite(void)
{
	Suite *s = suite_create("conn-" XT_FLAVOUR);
	TCase *tc;

	tc = tcase_create("connect");
	tcase_add_test(tc, connect_sync_and_data);
	tcase_add_test(tc, connect_unbound_is_outstate);
	tcase_add_test(tc, connect_refused_then_reuse);
	tcase_add_test(tc, connect_async_rcvconnect);
	tcase_add_test(tc, connect_bad_arguments);
	suite_add_tcase(s, tc);

	tc = tcase_create("listen");
	tcase_add_test(tc, listen_accept_other_fd_two_processes);
	tcase_add_test(tc, listen_accept_same_fd_two_processes);
	tcase_add_test(tc, accept_same_fd_with_others_outstanding);
	tcase_add_test(tc, several_indications_answered_in_any_order);
	tcase_add_test(tc, accept_bad_sequence);
	tcase_add_test(tc, reject_with_snddis_resets_caller);
	tcase_add_test(tc, disconnect_before_accept);
	tcase_add_test(tc, fin_before_accept_is_not_a_disconnect);
	tcase_add_test(tc, accept_with_another_indication_pending);
	tcase_add_test(tc, listen_queue_full);
	tcase_add_test(tc, accept_of_an_indication_already_reset);
	tcase_add_test(tc, listen_without_a_call_takes_nothing);
	tcase_add_test(tc, listen_nonblocking_nothing_waiting);
	tcase_add_test(tc, listen_without_qlen);
	tcase_add_test(tc, accept_keeps_resfd_number_and_flags);
	tcase_add_test(tc, accept_onto_listener_or_wrong_kind);
	tcase_add_test(tc, close_listener_resets_held_indications);
	suite_add_tcase(s, tc);

	tc = tcase_create("data");
	tcase_add_test(tc, rcv_nonblocking_no_data);
	tcase_add_test(tc, snd_nonblocking_flow_control);
	tcase_add_test(tc, snd_bad_amounts_and_flags);
	tcase_add_test(tc, expedited_data_in_sequence);
	tcase_add_test(tc, snd_expedited_makes_last_byte_urgent);
#ifndef XTEST_TLI
	tcase_add_test(tc, sndv_expedited_across_vectors);
#endif
	tcase_add_test(tc, peer_reset_is_disconnect_not_release);
	tcase_add_test(tc, snd_after_peer_reset);
	suite_add_tcase(s, tc);

	tc = tcase_create("release");
	tcase_add_test(tc, release_local_side_first);
	tcase_add_test(tc, release_remote_side_first);
	tcase_add_test(tc, reuse_after_release);
	tcase_add_test(tc, snddis_resets_peer_and_allows_reuse);
	suite_add_tcase(s, tc);

	tc = tcase_create("state");
	tcase_add_test(tc, bind_states_and_rebind);
	tcase_add_test(tc, bind_busy_address);
	tcase_add_test(tc, bind_overflow_leaves_endpoint_bound);
	tcase_add_test(tc, maxlen_zero_meaning);
	tcase_add_test(tc, listen_overflow_still_takes_indication);
	tcase_add_test(tc, unbind_with_pending_event);
	tcase_add_test(tc, xti_state_checks);
	tcase_add_test(tc, protocol_addresses);
	suite_add_tcase(s, tc);

	tc = tcase_create("transports");
	tcase_add_test(tc, ticotsord_life_cycle);
	tcase_add_test(tc, ticots_has_no_orderly_release);
	tcase_add_test(tc, local_transport_uses_paths);
	tcase_add_test(tc, tcp6_is_v6_only);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(conn_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
