/*
 * check_udata_xti.c - connectionless transfer as an XTI program sees it,
 * on udp, udp6 and ticlts: t_sndudata/t_rcvudata with the source address,
 * zero-length datagrams, datagrams larger than the caller's buffer handed
 * out with T_MORE, the size limit, non-blocking receive, the vector forms,
 * datagram errors (T_UDERR, t_rcvuderr) and the calls of the other
 * service type.
 */
#include <xti.h>

#include "misc_util.h"

#include <pthread.h>

static const char *const dgprovs[] = { "udp", "udp6", "ticlts" };
#define NDG 3

/* An open endpoint and the address it is bound to (netbuf bytes). */
struct ep {
	int fd;
	const struct mu_prov *prov;
	unsigned char addr[128];
	unsigned int alen;
};

/* Open provider name and bind it to a loopback address of its own. */
static void
ep_open(struct ep *e, const char *name, int oflag)
{
	struct sockaddr_storage ss;
	struct t_bind req, ret;
	char abs[64];

	memset(e, 0, sizeof(*e));
	e->prov = mu_prov(name);
	e->fd = t_open(name, O_RDWR | oflag, NULL);
	ck_assert_msg(e->fd >= 0, "t_open(%s): t_errno %d", name, t_errno);
	memset(&req, 0, sizeof(req));
	memset(&ret, 0, sizeof(ret));
	if (e->prov->domain == AF_INET) {
		mu_sin_loop((struct sockaddr_in *)&ss, 0);
		req.addr.buf = &ss;
		req.addr.len = sizeof(struct sockaddr_in);
	} else if (e->prov->domain == AF_INET6) {
		mu_sin6_loop((struct sockaddr_in6 *)&ss, 0);
		req.addr.buf = &ss;
		req.addr.len = sizeof(struct sockaddr_in6);
	} else {
		req.addr.len = (unsigned int)mu_absname(abs, sizeof(abs), "dg");
		req.addr.buf = abs;
	}
	ret.addr.buf = e->addr;
	ret.addr.maxlen = sizeof(e->addr);
	MU_TOK(t_bind(e->fd, &req, &ret));
	e->alen = ret.addr.len;
	ck_assert_uint_gt(e->alen, 0);
	ck_assert_int_eq(t_getstate(e->fd), T_IDLE);
}

static void
send_to(
    const struct ep *from, const struct ep *to, const void *data, size_t len)
{
	struct t_unitdata ud;

	memset(&ud, 0, sizeof(ud));
	ud.addr.buf = (void *)to->addr;
	ud.addr.len = to->alen;
	ud.udata.buf = (void *)data;
	ud.udata.len = (unsigned int)len;
	ck_assert_msg(t_sndudata(from->fd, &ud) == 0,
	    "t_sndudata of %zu bytes: t_errno %d errno %d", len, t_errno,
	    errno);
}

/* Wait until t_look says ev (or fail after MU_WAIT_MS). */
static void
wait_event(int fd, int ev)
{
	int waited, got = 0;
	struct pollfd pfd = { fd, POLLIN, 0 };

	for (waited = 0; waited < MU_WAIT_MS; waited += 10) {
		got = t_look(fd);
		if (got == ev)
			return;
		(void)poll(&pfd, 1, 10);
	}
	ck_abort_msg("t_look: %d, wanted %d", got, ev);
}

/* The received address is the sender's bound address. */
static void
check_from(const struct ep *sender, const struct netbuf *addr)
{
	ck_assert_uint_eq(addr->len, sender->alen);
	ck_assert_mem_eq(addr->buf, sender->addr, sender->alen);
}

static unsigned char *
pattern(size_t n)
{
	unsigned char *p = malloc(n ? n : 1);
	size_t i;

	ck_assert_ptr_nonnull(p);
	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 7 + (i >> 8));
	return p;
}

START_TEST(test_round_trip)
{
	struct ep a, b;
	struct t_unitdata *ud;
	int flags = -1;

	ep_open(&a, dgprovs[_i], 0);
	ep_open(&b, dgprovs[_i], 0);
	send_to(&b, &a, "hello, world", 12);
	wait_event(a.fd, T_DATA);
	ud = t_alloc(a.fd, T_UNITDATA, T_ALL);
	ck_assert_ptr_nonnull(ud);
	MU_TOK(t_rcvudata(a.fd, ud, &flags));
	ck_assert_int_eq(flags, 0);
	ck_assert_uint_eq(ud->udata.len, 12);
	ck_assert_mem_eq(ud->udata.buf, "hello, world", 12);
	check_from(&b, &ud->addr);
	ck_assert_uint_eq(ud->opt.len, 0);
	ck_assert_int_eq(t_look(a.fd), 0);
	/* and back */
	send_to(&a, &b, "ok", 2);
	MU_TOK(t_rcvudata(b.fd, ud, &flags));
	ck_assert_uint_eq(ud->udata.len, 2);
	check_from(&a, &ud->addr);
	t_free(ud, T_UNITDATA);
	ck_assert_int_eq(t_getstate(a.fd), T_IDLE);
}
END_TEST

/* T_SENDZERO: a zero-length datagram is sent and received as one. */
START_TEST(test_zero_length)
{
	struct ep a, b;
	struct t_info info;
	struct t_unitdata ud;
	unsigned char buf[16], from[128];
	int flags = -1;

	ep_open(&a, dgprovs[_i], 0);
	ep_open(&b, dgprovs[_i], 0);
	MU_TOK(t_getinfo(a.fd, &info));
	ck_assert(info.flags & T_SENDZERO);
	send_to(&b, &a, NULL, 0);
	send_to(&b, &a, "x", 1);
	wait_event(a.fd, T_DATA);
	memset(&ud, 0, sizeof(ud));
	ud.addr.buf = from;
	ud.addr.maxlen = sizeof(from);
	ud.udata.buf = buf;
	ud.udata.maxlen = sizeof(buf);
	ud.udata.len = 99;
	MU_TOK(t_rcvudata(a.fd, &ud, &flags));
	ck_assert_uint_eq(ud.udata.len, 0);
	ck_assert_int_eq(flags, 0);
	check_from(&b, &ud.addr);
	/* the next datagram is the next one */
	MU_TOK(t_rcvudata(a.fd, &ud, &flags));
	ck_assert_uint_eq(ud.udata.len, 1);
	ck_assert_int_eq(buf[0], 'x');
}
END_TEST

/*
 * A datagram larger than the caller's buffer comes in pieces, T_MORE on
 * all but the last, each with the sender's address; the next datagram
 * stays separate.
 */
START_TEST(test_more)
{
	struct ep a, b;
	struct t_unitdata ud;
	unsigned char *data = pattern(1000), buf[300], from[128];
	size_t got = 0;
	int flags, pieces = 0;

	ep_open(&a, dgprovs[_i], 0);
	ep_open(&b, dgprovs[_i], 0);
	send_to(&b, &a, data, 1000);
	send_to(&b, &a, "next", 4);
	wait_event(a.fd, T_DATA);
	do {
		memset(&ud, 0, sizeof(ud));
		memset(from, 0, sizeof(from));
		ud.addr.buf = from;
		ud.addr.maxlen = sizeof(from);
		ud.udata.buf = buf;
		ud.udata.maxlen = sizeof(buf);
		flags = -1;
		MU_TOK(t_rcvudata(a.fd, &ud, &flags));
		check_from(&b, &ud.addr);
		ck_assert_uint_le(got + ud.udata.len, 1000);
		ck_assert_mem_eq(buf, data + got, ud.udata.len);
		got += ud.udata.len;
		pieces++;
		if (got < 1000) {
			ck_assert_int_eq(flags, T_MORE);
			ck_assert_uint_eq(ud.udata.len, sizeof(buf));
			/* the rest is data waiting */
			ck_assert_int_eq(t_look(a.fd), T_DATA);
		}
	} while (flags & T_MORE);
	ck_assert_uint_eq(got, 1000);
	ck_assert_int_eq(pieces, 4);
	ck_assert_int_eq(flags, 0);
	MU_TOK(t_rcvudata(a.fd, &ud, &flags));
	ck_assert_uint_eq(ud.udata.len, 4);
	ck_assert_mem_eq(buf, "next", 4);
	ck_assert_int_eq(flags, 0);
	free(data);
}
END_TEST

/* The largest datagram goes through whole; one byte more is TBADDATA. */
START_TEST(test_tsdu_limit)
{
	struct ep a, b;
	struct t_unitdata ud, *in;
	struct t_info info;
	unsigned char *data;
	int flags;

	ep_open(&a, dgprovs[_i], 0);
	ep_open(&b, dgprovs[_i], 0);
	MU_TOK(t_getinfo(b.fd, &info));
	ck_assert_int_eq(info.tsdu, b.prov->tsdu);
	data = pattern((size_t)info.tsdu + 1);
	memset(&ud, 0, sizeof(ud));
	ud.addr.buf = a.addr;
	ud.addr.len = a.alen;
	ud.udata.buf = data;
	ud.udata.len = (unsigned int)info.tsdu + 1;
	MU_TFAIL(t_sndudata(b.fd, &ud), TBADDATA);
	ud.udata.len = (unsigned int)info.tsdu;
	MU_TOK(t_sndudata(b.fd, &ud));
	in = t_alloc(a.fd, T_UNITDATA, T_ALL);
	ck_assert_ptr_nonnull(in);
	ck_assert_int_eq((int)in->udata.maxlen, info.tsdu);
	MU_TOK(t_rcvudata(a.fd, in, &flags));
	ck_assert_int_eq(flags, 0);
	ck_assert_int_eq((int)in->udata.len, info.tsdu);
	ck_assert_mem_eq(in->udata.buf, data, (size_t)info.tsdu);
	t_free(in, T_UNITDATA);
	free(data);
}
END_TEST

START_TEST(test_nodata)
{
	struct ep a;
	struct t_unitdata *ud;
	int flags;

	ep_open(&a, dgprovs[_i], O_NONBLOCK);
	ud = t_alloc(a.fd, T_UNITDATA, T_ALL);
	MU_TFAIL(t_rcvudata(a.fd, ud, &flags), TNODATA);
	ck_assert_int_eq(t_look(a.fd), 0);
	t_free(ud, T_UNITDATA);
	/* a blocking endpoint made non-blocking by the program */
	ep_open(&a, dgprovs[_i], 0);
	ck_assert(fcntl(a.fd, F_SETFL, fcntl(a.fd, F_GETFL) | O_NONBLOCK) == 0);
	ud = t_alloc(a.fd, T_UNITDATA, T_ALL);
	MU_TFAIL(t_rcvudata(a.fd, ud, &flags), TNODATA);
	t_free(ud, T_UNITDATA);
}
END_TEST

struct later {
	const struct ep *from, *to;
};

static void *
send_later(void *arg)
{
	struct later *l = arg;

	mu_msleep(100);
	send_to(l->from, l->to, "late", 4);
	return NULL;
}

/* A blocking t_rcvudata waits for the datagram. */
START_TEST(test_blocking_wait)
{
	struct ep a, b;
	struct later l = { &b, &a };
	struct t_unitdata *ud;
	pthread_t th;
	int flags;

	ep_open(&a, dgprovs[_i], 0);
	ep_open(&b, dgprovs[_i], 0);
	ud = t_alloc(a.fd, T_UNITDATA, T_ALL);
	ck_assert_int_eq(pthread_create(&th, NULL, send_later, &l), 0);
	MU_TOK(t_rcvudata(a.fd, ud, &flags));
	ck_assert_int_eq(pthread_join(th, NULL), 0);
	ck_assert_uint_eq(ud->udata.len, 4);
	ck_assert_mem_eq(ud->udata.buf, "late", 4);
	check_from(&b, &ud->addr);
	t_free(ud, T_UNITDATA);
}
END_TEST

/* An address that does not fit: TBUFOVFLW, and the datagram is kept. */
START_TEST(test_addr_bufovflw)
{
	struct ep a, b;
	struct t_unitdata ud;
	unsigned char small[4], big[128], buf[16];
	int flags;

	ep_open(&a, dgprovs[_i], 0);
	ep_open(&b, dgprovs[_i], 0);
	send_to(&b, &a, "kept", 4);
	wait_event(a.fd, T_DATA);
	memset(&ud, 0, sizeof(ud));
	ud.addr.buf = small;
	ud.addr.maxlen = sizeof(small);
	ud.udata.buf = buf;
	ud.udata.maxlen = sizeof(buf);
	MU_TFAIL(t_rcvudata(a.fd, &ud, &flags), TBUFOVFLW);
	ud.addr.buf = big;
	ud.addr.maxlen = sizeof(big);
	MU_TOK(t_rcvudata(a.fd, &ud, &flags));
	ck_assert_uint_eq(ud.udata.len, 4);
	ck_assert_mem_eq(buf, "kept", 4);
	check_from(&b, &ud.addr);
}
END_TEST

/* XTI: maxlen 0 means the caller does not want the address. */
START_TEST(test_addr_not_wanted)
{
	struct ep a, b;
	struct t_unitdata ud;
	unsigned char buf[16];
	int flags;

	ep_open(&a, dgprovs[_i], 0);
	ep_open(&b, dgprovs[_i], 0);
	send_to(&b, &a, "data", 4);
	wait_event(a.fd, T_DATA);
	memset(&ud, 0, sizeof(ud));
	ud.addr.len = 77;
	ud.udata.buf = buf;
	ud.udata.maxlen = sizeof(buf);
	MU_TOK(t_rcvudata(a.fd, &ud, &flags));
	ck_assert_uint_eq(ud.udata.len, 4);
	ck_assert_uint_eq(ud.addr.len, 77);
}
END_TEST

START_TEST(test_send_errors)
{
	struct ep a, b;
	struct t_unitdata ud;
	struct t_opthdr opt;
	unsigned char bad[128];
	int fd;

	ep_open(&a, dgprovs[_i], 0);
	ep_open(&b, dgprovs[_i], 0);
	memset(&ud, 0, sizeof(ud));
	ud.udata.buf = "x";
	ud.udata.len = 1;
	/* addresses of the wrong form */
	ud.addr.buf = bad;
	memset(bad, 0, sizeof(bad));
	ud.addr.len = 0;
	MU_TFAIL(t_sndudata(b.fd, &ud), TBADADDR);
	if (b.prov->domain != AF_UNIX) {
		memcpy(bad, a.addr, a.alen);
		((struct sockaddr *)bad)->sa_family = AF_APPLETALK;
		ud.addr.len = a.alen;
		MU_TFAIL(t_sndudata(b.fd, &ud), TBADADDR);
		ud.addr.len = 3;
		MU_TFAIL(t_sndudata(b.fd, &ud), TBADADDR);
	} else {
		ud.addr.len = 200;
		MU_TFAIL(t_sndudata(b.fd, &ud), TBADADDR);
	}
	/* per-datagram options cannot be carried */
	ud.addr.buf = a.addr;
	ud.addr.len = a.alen;
	memset(&opt, 0, sizeof(opt));
	opt.len = sizeof(opt);
	opt.level = XTI_GENERIC;
	opt.name = XTI_DEBUG;
	ud.opt.buf = &opt;
	ud.opt.len = sizeof(opt);
	MU_TFAIL(t_sndudata(b.fd, &ud), TBADOPT);
	/* XTI: an unbound endpoint is out of state */
	fd = t_open(dgprovs[_i], O_RDWR, NULL);
	ud.opt.len = 0;
	MU_TFAIL(t_sndudata(fd, &ud), TOUTSTATE);
	MU_TFAIL(t_rcvudata(fd, &ud, NULL), TOUTSTATE);
	MU_TFAIL(t_sndudata(-1, &ud), TBADF);
}
END_TEST

/* Scatter/gather: t_sndvudata gathers, t_rcvvudata scatters. */
START_TEST(test_vector)
{
	struct ep a, b;
	struct t_unitdata ud;
	struct t_iovec iov[T_IOV_MAX + 1];
	char p1[4], p2[10], from[128];
	int flags, n;

	ep_open(&a, dgprovs[_i], 0);
	ep_open(&b, dgprovs[_i], 0);
	memset(&ud, 0, sizeof(ud));
	ud.addr.buf = a.addr;
	ud.addr.len = a.alen;
	iov[0].iov_base = "abc";
	iov[0].iov_len = 3;
	iov[1].iov_base = "";
	iov[1].iov_len = 0;
	iov[2].iov_base = "defgh";
	iov[2].iov_len = 5;
	MU_TOK(t_sndvudata(b.fd, &ud, iov, 3));
	MU_TOK(t_sndvudata(b.fd, &ud, iov, 3));
	wait_event(a.fd, T_DATA);

	memset(&ud, 0, sizeof(ud));
	ud.addr.buf = from;
	ud.addr.maxlen = sizeof(from);
	iov[0].iov_base = p1;
	iov[0].iov_len = sizeof(p1);
	iov[1].iov_base = p2;
	iov[1].iov_len = sizeof(p2);
	n = t_rcvvudata(a.fd, &ud, iov, 2, &flags);
	ck_assert_int_eq(n, 8);
	ck_assert_int_eq(flags, 0);
	ck_assert_mem_eq(p1, "abcd", 4);
	ck_assert_mem_eq(p2, "efgh", 4);
	check_from(&b, &ud.addr);
	/* too little room: T_MORE, and the rest on the next call */
	iov[1].iov_len = 1;
	n = t_rcvvudata(a.fd, &ud, iov, 2, &flags);
	ck_assert_int_eq(n, 5);
	ck_assert_int_eq(flags, T_MORE);
	ck_assert_mem_eq(p1, "abcd", 4);
	ck_assert_int_eq(p2[0], 'e');
	iov[1].iov_len = sizeof(p2);
	n = t_rcvvudata(a.fd, &ud, iov + 1, 1, &flags);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(flags, 0);
	ck_assert_mem_eq(p2, "fgh", 3);

	/* vector counts */
	MU_TFAIL(t_rcvvudata(a.fd, &ud, iov, 0, &flags), TBADDATA);
	MU_TFAIL(t_rcvvudata(a.fd, &ud, iov, T_IOV_MAX + 1, &flags), TBADDATA);
	ud.addr.buf = a.addr;
	ud.addr.len = a.alen;
	MU_TFAIL(t_sndvudata(b.fd, &ud, iov, 0), TBADDATA);
	MU_TFAIL(t_sndvudata(b.fd, &ud, iov, T_IOV_MAX + 1), TBADDATA);
}
END_TEST

/* More than tsdu bytes in a vector is TBADDATA too. */
START_TEST(test_vector_limit)
{
	struct ep a, b;
	struct t_unitdata ud;
	struct t_iovec iov[2];
	unsigned char *data;

	ep_open(&a, dgprovs[_i], 0);
	ep_open(&b, dgprovs[_i], 0);
	data = pattern((size_t)b.prov->tsdu);
	memset(&ud, 0, sizeof(ud));
	ud.addr.buf = a.addr;
	ud.addr.len = a.alen;
	iov[0].iov_base = data;
	iov[0].iov_len = (size_t)b.prov->tsdu;
	iov[1].iov_base = data;
	iov[1].iov_len = 1;
	MU_TFAIL(t_sndvudata(b.fd, &ud, iov, 2), TBADDATA);
	free(data);
}
END_TEST

/*
 * A datagram to a port nobody listens on: the ICMP error comes back as
 * T_UDERR; t_rcvudata says TLOOK until t_rcvuderr has taken it, which
 * gives the destination and ECONNREFUSED.
 */
START_TEST(test_uderr_inet)
{
	struct ep a, dead;
	struct sockaddr_storage ss;
	struct t_unitdata *ud;
	struct t_uderr *ue;
	int flags;
	int domain = _i == 0 ? AF_INET : AF_INET6;

	ep_open(&a, dgprovs[_i], 0);
	memset(&dead, 0, sizeof(dead));
	dead.alen = mu_closed_port(domain, SOCK_DGRAM, &ss);
	memcpy(dead.addr, &ss, dead.alen);
	send_to(&a, &dead, "anyone?", 7);
	wait_event(a.fd, T_UDERR);
	ud = t_alloc(a.fd, T_UNITDATA, T_ALL);
	ue = t_alloc(a.fd, T_UDERROR, T_ALL);
	ck_assert_ptr_nonnull(ud);
	ck_assert_ptr_nonnull(ue);
	MU_TFAIL(t_rcvudata(a.fd, ud, &flags), TLOOK);
	ck_assert_int_eq(t_look(a.fd), T_UDERR);
	MU_TOK(t_rcvuderr(a.fd, ue));
	ck_assert_int_eq(ue->error, ECONNREFUSED);
	ck_assert_uint_eq(ue->addr.len, dead.alen);
	if (domain == AF_INET) {
		struct sockaddr_in *got = ue->addr.buf, *want = (void *)&ss;

		ck_assert_int_eq(got->sin_family, AF_INET);
		ck_assert_int_eq(got->sin_port, want->sin_port);
		ck_assert_int_eq(got->sin_addr.s_addr, want->sin_addr.s_addr);
	} else {
		struct sockaddr_in6 *got = ue->addr.buf, *want = (void *)&ss;

		ck_assert_int_eq(got->sin6_family, AF_INET6);
		ck_assert_int_eq(got->sin6_port, want->sin6_port);
		ck_assert_mem_eq(&got->sin6_addr, &want->sin6_addr, 16);
	}
	ck_assert_uint_eq(ue->opt.len, 0);
	/* taken: no more errors, nothing to look at */
	MU_TFAIL(t_rcvuderr(a.fd, ue), TNOUDERR);
	ck_assert_int_eq(t_look(a.fd), 0);
	ck_assert_int_eq(t_getstate(a.fd), T_IDLE);
	/* and the endpoint still works */
	{
		struct ep b;

		ep_open(&b, dgprovs[_i], 0);
		send_to(&b, &a, "fine", 4);
		MU_TOK(t_rcvudata(a.fd, ud, &flags));
		ck_assert_uint_eq(ud->udata.len, 4);
		check_from(&b, &ud->addr);
	}
	t_free(ud, T_UNITDATA);
	t_free(ue, T_UDERROR);
}
END_TEST

/* t_rcvuderr(fd, NULL) just clears the error. */
START_TEST(test_uderr_clear)
{
	struct ep a, dead;
	struct sockaddr_storage ss;

	ep_open(&a, "udp", 0);
	dead.alen = mu_closed_port(AF_INET, SOCK_DGRAM, &ss);
	memcpy(dead.addr, &ss, dead.alen);
	send_to(&a, &dead, "x", 1);
	wait_event(a.fd, T_UDERR);
	MU_TOK(t_rcvuderr(a.fd, NULL));
	ck_assert_int_eq(t_look(a.fd), 0);
	MU_TFAIL(t_rcvuderr(a.fd, NULL), TNOUDERR);
}
END_TEST

/* ticlts: a datagram to a name nobody has bound is a T_UDERR from the
 * library itself, as the loopback provider reported it. */
START_TEST(test_uderr_ticlts)
{
	struct ep a, b, nobody;
	struct t_uderr *ue;
	struct t_unitdata *ud;
	char name[64];
	int flags;

	ep_open(&a, "ticlts", 0);
	memset(&nobody, 0, sizeof(nobody));
	nobody.alen = (unsigned int)mu_absname(name, sizeof(name), "nobody");
	memcpy(nobody.addr, name, nobody.alen);
	send_to(&a, &nobody, "hello?", 6);
	ck_assert_int_eq(t_look(a.fd), T_UDERR);
	ud = t_alloc(a.fd, T_UNITDATA, T_ALL);
	MU_TFAIL(t_rcvudata(a.fd, ud, &flags), TLOOK);
	ue = t_alloc(a.fd, T_UDERROR, T_ALL);
	MU_TOK(t_rcvuderr(a.fd, ue));
	ck_assert_int_eq(ue->error, ECONNREFUSED);
	ck_assert_uint_eq(ue->addr.len, nobody.alen);
	ck_assert_mem_eq(ue->addr.buf, name, nobody.alen);
	MU_TFAIL(t_rcvuderr(a.fd, ue), TNOUDERR);
	ck_assert_int_eq(t_look(a.fd), 0);
	/* the endpoint still works */
	ep_open(&b, "ticlts", 0);
	send_to(&b, &a, "yes", 3);
	MU_TOK(t_rcvudata(a.fd, ud, &flags));
	ck_assert_uint_eq(ud->udata.len, 3);
	check_from(&b, &ud->addr);
	t_free(ud, T_UNITDATA);
	t_free(ue, T_UDERROR);
}
END_TEST

/* More datagrams than an AF_UNIX receiver queues (max_dgram_qlen). */
static int
more_than_queued(void)
{
	FILE *f = fopen("/proc/sys/net/unix/max_dgram_qlen", "re");
	int q = 0;

	if (f != NULL) {
		if (fscanf(f, "%d", &q) != 1)
			q = 0;
		fclose(f);
	}
	return q > 0 && q < 5000 ? q + 30 : 5000;
}

/* A datagram from a program that does not use the library may be larger
 * than ticlts' tsdu; it is delivered whole, in pieces. */
START_TEST(test_ticlts_foreign_big)
{
	struct ep a;
	struct sockaddr_un sun;
	struct t_unitdata *ud;
	unsigned char *data = pattern(100000);
	char name[64];
	size_t n, got = 0;
	socklen_t slen;
	int s, flags, pieces = 0;

	ep_open(&a, "ticlts", 0);
	s = socket(AF_UNIX, SOCK_DGRAM, 0);
	ck_assert_int_ge(s, 0);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	n = mu_absname(name, sizeof(name), "foreign");
	memcpy(sun.sun_path + 1, name, n);
	slen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + n);
	ck_assert(bind(s, (struct sockaddr *)&sun, slen) == 0);
	memcpy(sun.sun_path + 1, a.addr, a.alen);
	slen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + a.alen);
	ck_assert_int_eq(
	    sendto(s, data, 100000, 0, (struct sockaddr *)&sun, slen), 100000);
	ud = t_alloc(a.fd, T_UNITDATA, T_ALL);
	ck_assert_ptr_nonnull(ud);
	do {
		MU_TOK(t_rcvudata(a.fd, ud, &flags));
		ck_assert_uint_le(got + ud->udata.len, 100000);
		ck_assert_mem_eq(ud->udata.buf, data + got, ud->udata.len);
		ck_assert_uint_eq(ud->addr.len, n);
		ck_assert_mem_eq(ud->addr.buf, name, n);
		got += ud->udata.len;
		pieces++;
	} while (flags & T_MORE);
	ck_assert_uint_eq(got, 100000);
	ck_assert_int_eq(pieces, 2);
	t_free(ud, T_UNITDATA);
	free(data);
}
END_TEST

/* ticlts flow control: a receiver that does not read stops the sender. */
START_TEST(test_ticlts_flow)
{
	struct ep a, b;
	struct t_unitdata ud;
	int i, flags;
	char buf[8];

	ep_open(&a, "ticlts", 0);
	ep_open(&b, "ticlts", O_NONBLOCK);
	memset(&ud, 0, sizeof(ud));
	ud.addr.buf = a.addr;
	ud.addr.len = a.alen;
	ud.udata.buf = "flow";
	ud.udata.len = 4;
	for (i = 0; i < more_than_queued(); i++)
		if (t_sndudata(b.fd, &ud) < 0)
			break;
	ck_assert_int_lt(i, more_than_queued());
	ck_assert_int_eq(t_errno, TFLOW);
	memset(&ud, 0, sizeof(ud));
	ud.udata.buf = buf;
	ud.udata.maxlen = sizeof(buf);
	MU_TOK(t_rcvudata(a.fd, &ud, &flags));
	ud.addr.buf = a.addr;
	ud.addr.len = a.alen;
	ud.udata.len = 4;
	MU_TOK(t_sndudata(b.fd, &ud));
}
END_TEST

struct sender {
	const struct ep *from, *to;
	int count, sent;
};

static void *
send_many(void *arg)
{
	struct sender *sd = arg;
	struct t_unitdata ud;
	int i;

	memset(&ud, 0, sizeof(ud));
	ud.addr.buf = (void *)sd->to->addr;
	ud.addr.len = sd->to->alen;
	for (i = 0; i < sd->count; i++) {
		ud.udata.buf = &i;
		ud.udata.len = sizeof(i);
		if (t_sndudata(sd->from->fd, &ud) < 0)
			break;
		__atomic_store_n(&sd->sent, i + 1, __ATOMIC_SEQ_CST);
	}
	return NULL;
}

static double
cpu_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * A blocking sender waits for room without spinning (poll cannot tell
 * when an AF_UNIX receiver's queue has room again), and every datagram
 * arrives once the receiver reads.
 */
START_TEST(test_ticlts_blocking_send)
{
	struct ep a, b;
	struct sender sd = { &b, &a, more_than_queued(), 0 };
	struct t_unitdata ud;
	pthread_t th;
	double cpu;
	int i, v, flags, sent;

	ep_open(&a, "ticlts", 0);
	ep_open(&b, "ticlts", 0);
	ck_assert_int_eq(pthread_create(&th, NULL, send_many, &sd), 0);
	mu_msleep(100);
	cpu = cpu_seconds();
	mu_msleep(400);
	cpu = cpu_seconds() - cpu;
	sent = __atomic_load_n(&sd.sent, __ATOMIC_SEQ_CST);
	ck_assert_int_lt(sent, sd.count);
	ck_assert_msg(cpu < 0.2, "%.3f s of CPU while blocked", cpu);
	memset(&ud, 0, sizeof(ud));
	ud.udata.buf = &v;
	ud.udata.maxlen = sizeof(v);
	for (i = 0; i < sd.count; i++) {
		MU_TOK(t_rcvudata(a.fd, &ud, &flags));
		ck_assert_uint_eq(ud.udata.len, sizeof(v));
		ck_assert_int_eq(v, i);
	}
	ck_assert_int_eq(pthread_join(th, NULL), 0);
	ck_assert_int_eq(sd.sent, sd.count);
}
END_TEST

/* Connection calls on a datagram endpoint are not supported. */
START_TEST(test_cots_calls_on_clts)
{
	struct ep a;
	struct t_call call;
	struct t_discon dis;
	struct t_iovec iov = { "x", 1 };
	char c = 'x';
	int flags;

	ep_open(&a, dgprovs[_i], 0);
	memset(&call, 0, sizeof(call));
	memset(&dis, 0, sizeof(dis));
	call.addr.buf = a.addr;
	call.addr.len = a.alen;
	MU_TFAIL(t_connect(a.fd, &call, NULL), TNOTSUPPORT);
	MU_TFAIL(t_rcvconnect(a.fd, NULL), TNOTSUPPORT);
	MU_TFAIL(t_listen(a.fd, &call), TNOTSUPPORT);
	MU_TFAIL(t_accept(a.fd, a.fd, &call), TNOTSUPPORT);
	MU_TFAIL(t_snd(a.fd, &c, 1, 0), TNOTSUPPORT);
	MU_TFAIL(t_rcv(a.fd, &c, 1, &flags), TNOTSUPPORT);
	MU_TFAIL(t_sndv(a.fd, &iov, 1, 0), TNOTSUPPORT);
	MU_TFAIL(t_rcvv(a.fd, &iov, 1, &flags), TNOTSUPPORT);
	MU_TFAIL(t_snddis(a.fd, NULL), TNOTSUPPORT);
	MU_TFAIL(t_rcvdis(a.fd, &dis), TNOTSUPPORT);
	MU_TFAIL(t_sndrel(a.fd), TNOTSUPPORT);
	MU_TFAIL(t_rcvrel(a.fd), TNOTSUPPORT);
	MU_TFAIL(t_sndreldata(a.fd, NULL), TNOTSUPPORT);
	MU_TFAIL(t_rcvreldata(a.fd, NULL), TNOTSUPPORT);
	ck_assert_int_eq(t_getstate(a.fd), T_IDLE);
}
END_TEST

/* And datagram calls on a connection endpoint. */
START_TEST(test_clts_calls_on_cots)
{
	static const char *const cots[] = { "tcp", "tcp6", "ticotsord",
		"ticots" };
	struct t_unitdata ud;
	struct t_uderr ue;
	struct t_iovec iov = { "x", 1 };
	unsigned char addr[16] = { 0 };
	int fd, flags;

	fd = t_open(cots[_i], O_RDWR, NULL);
	MU_TOK(fd);
	MU_TOK(t_bind(fd, NULL, NULL));
	memset(&ud, 0, sizeof(ud));
	memset(&ue, 0, sizeof(ue));
	ud.addr.buf = addr;
	ud.addr.len = sizeof(addr);
	ud.udata.buf = "x";
	ud.udata.len = 1;
	MU_TFAIL(t_sndudata(fd, &ud), TNOTSUPPORT);
	MU_TFAIL(t_rcvudata(fd, &ud, &flags), TNOTSUPPORT);
	MU_TFAIL(t_rcvuderr(fd, &ue), TNOTSUPPORT);
	MU_TFAIL(t_sndvudata(fd, &ud, &iov, 1), TNOTSUPPORT);
	MU_TFAIL(t_rcvvudata(fd, &ud, &iov, 1, &flags), TNOTSUPPORT);
	t_close(fd);
}
END_TEST

static Suite *
udata_suite(void)
{
	Suite *s = suite_create("udata_xti");
	TCase *tc = tcase_create("transfer");

	tcase_add_loop_test(tc, test_round_trip, 0, NDG);
	tcase_add_loop_test(tc, test_zero_length, 0, NDG);
	tcase_add_loop_test(tc, test_more, 0, NDG);
	tcase_add_loop_test(tc, test_tsdu_limit, 0, NDG);
	tcase_add_loop_test(tc, test_nodata, 0, NDG);
	tcase_add_loop_test(tc, test_blocking_wait, 0, NDG);
	tcase_add_loop_test(tc, test_addr_bufovflw, 0, NDG);
	tcase_add_loop_test(tc, test_addr_not_wanted, 0, NDG);
	tcase_add_loop_test(tc, test_send_errors, 0, NDG);
	tcase_add_loop_test(tc, test_vector, 0, NDG);
	tcase_add_loop_test(tc, test_vector_limit, 0, NDG);
	suite_add_tcase(s, tc);
	tc = tcase_create("uderr");
	tcase_add_loop_test(tc, test_uderr_inet, 0, 2);
	tcase_add_test(tc, test_uderr_clear);
	tcase_add_test(tc, test_uderr_ticlts);
	suite_add_tcase(s, tc);
	tc = tcase_create("ticlts");
	tcase_add_test(tc, test_ticlts_foreign_big);
	tcase_add_test(tc, test_ticlts_flow);
	tcase_add_test(tc, test_ticlts_blocking_send);
	suite_add_tcase(s, tc);
	tc = tcase_create("service_type");
	tcase_add_loop_test(tc, test_cots_calls_on_clts, 0, NDG);
	tcase_add_loop_test(tc, test_clts_calls_on_cots, 0, 4);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return mu_run(udata_suite());
}
