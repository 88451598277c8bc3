/*
 * check_udata_tli.c - connectionless transfer as a TLI program
 * (<tiuser.h>) sees it: the same datagrams, with TLI's rule that a netbuf
 * of maxlen 0 is a buffer too small for anything.
 */
#include <tiuser.h>

#include "misc_util.h"

struct ep {
	int fd;
	unsigned char addr[128];
	unsigned int alen;
};

static void
ep_open(struct ep *e, const char *name)
{
	struct sockaddr_in sin;
	struct t_bind req, ret;
	char abs[64];

	memset(e, 0, sizeof(*e));
	e->fd = t_open(name, O_RDWR, NULL);
	ck_assert_msg(e->fd >= 0, "t_open(%s): t_errno %d", name, t_errno);
	memset(&req, 0, sizeof(req));
	memset(&ret, 0, sizeof(ret));
	if (strcmp(name, "/dev/udp") == 0) {
		mu_sin_loop(&sin, 0);
		req.addr.buf = &sin;
		req.addr.len = sizeof(sin);
	} else {
		req.addr.len =
		    (unsigned int)mu_absname(abs, sizeof(abs), "tli");
		req.addr.buf = abs;
	}
	ret.addr.buf = e->addr;
	ret.addr.maxlen = sizeof(e->addr);
	MU_TOK(t_bind(e->fd, &req, &ret));
	e->alen = ret.addr.len;
}

static void
send_to(
    const struct ep *from, const struct ep *to, const char *data, size_t len)
{
	struct t_unitdata ud;

	memset(&ud, 0, sizeof(ud));
	ud.addr.buf = (void *)to->addr;
	ud.addr.len = to->alen;
	ud.udata.buf = (void *)data;
	ud.udata.len = (unsigned int)len;
	MU_TOK(t_sndudata(from->fd, &ud));
}

static void
wait_data(int fd, int ev)
{
	struct pollfd pfd = { fd, POLLIN, 0 };
	int waited;

	for (waited = 0; waited < MU_WAIT_MS; waited += 10) {
		if (t_look(fd) == ev)
			return;
		(void)poll(&pfd, 1, 10);
	}
	ck_abort_msg("no event %d", ev);
}

static const char *const provs[] = { "/dev/udp", "/dev/ticlts" };

START_TEST(test_round_trip)
{
	struct ep a, b;
	struct t_unitdata *ud;
	int flags = -1;

	ep_open(&a, provs[_i]);
	ep_open(&b, provs[_i]);
	send_to(&b, &a, "svr4", 4);
	wait_data(a.fd, T_DATA);
	ud = (struct t_unitdata *)t_alloc(a.fd, T_UNITDATA, T_ALL);
	ck_assert_ptr_nonnull(ud);
	MU_TOK(t_rcvudata(a.fd, ud, &flags));
	ck_assert_int_eq(flags, 0);
	ck_assert_uint_eq(ud->udata.len, 4);
	ck_assert_mem_eq(ud->udata.buf, "svr4", 4);
	ck_assert_uint_eq(ud->addr.len, b.alen);
	ck_assert_mem_eq(ud->addr.buf, b.addr, b.alen);
	t_free((char *)ud, T_UNITDATA);
}
END_TEST

/* TLI: maxlen 0 for the address is too small; the datagram stays. */
START_TEST(test_addr_maxlen_zero)
{
	struct ep a, b;
	struct t_unitdata ud;
	unsigned char buf[16], from[128];
	int flags;

	ep_open(&a, provs[_i]);
	ep_open(&b, provs[_i]);
	send_to(&b, &a, "stay", 4);
	wait_data(a.fd, T_DATA);
	memset(&ud, 0, sizeof(ud));
	ud.udata.buf = buf;
	ud.udata.maxlen = sizeof(buf);
	MU_TFAIL(t_rcvudata(a.fd, &ud, &flags), TBUFOVFLW);
	ud.addr.buf = from;
	ud.addr.maxlen = sizeof(from);
	MU_TOK(t_rcvudata(a.fd, &ud, &flags));
	ck_assert_uint_eq(ud.udata.len, 4);
	ck_assert_mem_eq(buf, "stay", 4);
}
END_TEST

START_TEST(test_more)
{
	struct ep a, b;
	struct t_unitdata ud;
	char buf[3], from[128], all[16];
	size_t got = 0;
	int flags;

	ep_open(&a, provs[_i]);
	ep_open(&b, provs[_i]);
	send_to(&b, &a, "abcdefgh", 8);
	wait_data(a.fd, T_DATA);
	do {
		memset(&ud, 0, sizeof(ud));
		ud.addr.buf = from;
		ud.addr.maxlen = sizeof(from);
		ud.udata.buf = buf;
		ud.udata.maxlen = sizeof(buf);
		MU_TOK(t_rcvudata(a.fd, &ud, &flags));
		ck_assert_uint_eq(ud.addr.len, b.alen);
		memcpy(all + got, buf, ud.udata.len);
		got += ud.udata.len;
		ck_assert_int_eq(flags, got < 8 ? T_MORE : 0);
	} while (flags & T_MORE);
	ck_assert_uint_eq(got, 8);
	ck_assert_mem_eq(all, "abcdefgh", 8);
}
END_TEST

START_TEST(test_uderr)
{
	struct ep a, dead;
	struct sockaddr_storage ss;
	struct t_uderr *ue;
	struct t_unitdata *ud;
	int flags;

	ep_open(&a, "/dev/udp");
	dead.alen = mu_closed_port(AF_INET, SOCK_DGRAM, &ss);
	memcpy(dead.addr, &ss, dead.alen);
	send_to(&a, &dead, "x", 1);
	wait_data(a.fd, T_UDERR);
	ud = (struct t_unitdata *)t_alloc(a.fd, T_UNITDATA, T_ALL);
	MU_TFAIL(t_rcvudata(a.fd, ud, &flags), TLOOK);
	ue = (struct t_uderr *)t_alloc(a.fd, T_UDERROR, T_ALL);
	ck_assert_ptr_nonnull(ue);
	MU_TOK(t_rcvuderr(a.fd, ue));
	ck_assert_int_eq(ue->error, ECONNREFUSED);
	ck_assert_uint_eq(ue->addr.len, sizeof(struct sockaddr_in));
	ck_assert_int_eq(((struct sockaddr_in *)ue->addr.buf)->sin_port,
	    ((struct sockaddr_in *)&ss)->sin_port);
	MU_TFAIL(t_rcvuderr(a.fd, ue), TNOUDERR);
	t_free((char *)ue, T_UDERROR);
	t_free((char *)ud, T_UNITDATA);
}
END_TEST

START_TEST(test_cots_calls)
{
	struct ep a;
	char c = 0;
	int flags;

	ep_open(&a, provs[_i]);
	MU_TFAIL(t_snd(a.fd, &c, 1, 0), TNOTSUPPORT);
	MU_TFAIL(t_rcv(a.fd, &c, 1, &flags), TNOTSUPPORT);
	MU_TFAIL(t_listen(a.fd, NULL), TNOTSUPPORT);
	MU_TFAIL(t_sndrel(a.fd), TNOTSUPPORT);
}
END_TEST

static Suite *
udata_suite(void)
{
	Suite *s = suite_create("udata_tli");
	TCase *tc = tcase_create("transfer");

	tcase_add_loop_test(tc, test_round_trip, 0, 2);
	tcase_add_loop_test(tc, test_addr_maxlen_zero, 0, 2);
	tcase_add_loop_test(tc, test_more, 0, 2);
	tcase_add_test(tc, test_uderr);
	tcase_add_loop_test(tc, test_cots_calls, 0, 2);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return mu_run(udata_suite());
}
