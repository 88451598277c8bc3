/*
 * check_optmgmt_tli.c - TLI t_optmgmt (<tiuser.h>): SVR4 "struct opthdr"
 * records whose levels and names are the system's own socket options,
 * passed through to setsockopt/getsockopt.
 */
#include <tiuser.h>

#include "misc_util.h"

#include <netinet/tcp.h>

struct tob {
	union {
		t_uscalar_t align;
		unsigned char b[512];
	} u;
	size_t len;
};

static void
tob_init(struct tob *o)
{
	memset(o, 0, sizeof(*o));
}

static void
tob_add(struct tob *o, int level, int name, const void *val, size_t vlen)
{
	struct opthdr h;

	ck_assert(o->len + sizeof(h) + OPTLEN(vlen) <= sizeof(o->u.b));
	h.level = (t_uscalar_t)level;
	h.name = (t_uscalar_t)name;
	h.len = (t_uscalar_t)vlen;
	memcpy(o->u.b + o->len, &h, sizeof(h));
	if (vlen > 0)
		memcpy(OPTVAL(o->u.b + o->len), val, vlen);
	o->len += sizeof(h) + OPTLEN(vlen);
}

static void
tob_add_int(struct tob *o, int level, int name, int v)
{
	tob_add(o, level, name, &v, sizeof(v));
}

static int
optmgmt(
    int fd, long flags, struct tob *req, struct tob *rep, t_scalar_t *rflags)
{
	struct t_optmgmt rq, rt;
	int r;

	memset(&rq, 0, sizeof(rq));
	memset(&rt, 0, sizeof(rt));
	rq.opt.buf = req->u.b;
	rq.opt.len = rq.opt.maxlen = (unsigned int)req->len;
	rq.flags = (t_scalar_t)flags;
	tob_init(rep);
	rt.opt.buf = rep->u.b;
	rt.opt.maxlen = sizeof(rep->u.b);
	r = t_optmgmt(fd, &rq, &rt);
	if (r == 0) {
		rep->len = rt.opt.len;
		if (rflags != NULL)
			*rflags = rt.flags;
	}
	return r;
}

/* The int value of the record for level/name in a reply. */
static int
tob_int(const struct tob *rep, int level, int name)
{
	size_t off = 0;
	struct opthdr h;
	int v;

	while (off + sizeof(h) <= rep->len) {
		memcpy(&h, rep->u.b + off, sizeof(h));
		if (h.level == (t_uscalar_t)level &&
		    h.name == (t_uscalar_t)name) {
			ck_assert_uint_ge(h.len, sizeof(v));
			memcpy(&v, OPTVAL(rep->u.b + off), sizeof(v));
			return v;
		}
		off += sizeof(h) + OPTLEN(h.len);
	}
	ck_abort_msg("no option %d/%d in the reply", level, name);
	return -1;
}

static int
topen(const char *name)
{
	int fd = t_open(name, O_RDWR, NULL);

	ck_assert_msg(fd >= 0, "t_open(%s): t_errno %d", name, t_errno);
	return fd;
}

START_TEST(test_layout)
{
	ck_assert_uint_eq(sizeof(struct opthdr), 3 * sizeof(t_uscalar_t));
	ck_assert_uint_eq(OPTLEN(1), 4);
	ck_assert_uint_eq(OPTLEN(4), 4);
	ck_assert_uint_eq(OPTLEN(5), 8);
}
END_TEST

START_TEST(test_negotiate)
{
	int fd = topen("/dev/tcp");
	struct tob req, rep;

	tob_init(&req);
	tob_add_int(&req, SOL_SOCKET, SO_REUSEADDR, 1);
	tob_add_int(&req, IPPROTO_TCP, TCP_NODELAY, 1);
	tob_add_int(&req, SOL_SOCKET, SO_KEEPALIVE, 1);
	ck_assert_int_eq(optmgmt(fd, T_NEGOTIATE, &req, &rep, NULL), 0);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_REUSEADDR), 1);
	ck_assert_int_eq(mu_getint(fd, IPPROTO_TCP, TCP_NODELAY), 1);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_KEEPALIVE), 1);
	/* the reply carries the values now in effect */
	ck_assert_uint_eq(rep.len, req.len);
	ck_assert_int_eq(tob_int(&rep, IPPROTO_TCP, TCP_NODELAY), 1);
	ck_assert_int_eq(tob_int(&rep, SOL_SOCKET, SO_REUSEADDR), 1);
	t_close(fd);
}
END_TEST

/* The values are the system's: a buffer size reads back doubled. */
START_TEST(test_negotiate_rcvbuf)
{
	int fd = topen("/dev/udp");
	struct tob req, rep;

	tob_init(&req);
	tob_add_int(&req, SOL_SOCKET, SO_RCVBUF, 8192);
	ck_assert_int_eq(optmgmt(fd, T_NEGOTIATE, &req, &rep, NULL), 0);
	ck_assert_int_eq(tob_int(&rep, SOL_SOCKET, SO_RCVBUF), 16384);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_RCVBUF), 16384);
	t_close(fd);
}
END_TEST

/* An option the system refuses: TBADOPT, and nothing changes. */
START_TEST(test_negotiate_refused)
{
	int fd = topen("/dev/tcp");
	struct tob req, rep;

	tob_init(&req);
	tob_add_int(&req, SOL_SOCKET, 0x7777, 1);
	MU_TFAIL(optmgmt(fd, T_NEGOTIATE, &req, &rep, NULL), TBADOPT);
	tob_init(&req);
	tob_add_int(&req, IPPROTO_IP, IP_TTL, 0);
	MU_TFAIL(optmgmt(fd, T_NEGOTIATE, &req, &rep, NULL), TBADOPT);
	t_close(fd);
}
END_TEST

/* T_CHECK answers T_SUCCESS or T_FAILURE and changes nothing. */
START_TEST(test_check)
{
	int fd = topen("/dev/tcp");
	struct tob req, rep;
	t_scalar_t fl;

	tob_init(&req);
	tob_add_int(&req, SOL_SOCKET, SO_KEEPALIVE, 1);
	tob_add_int(&req, IPPROTO_TCP, TCP_NODELAY, 1);
	ck_assert_int_eq(optmgmt(fd, T_CHECK, &req, &rep, &fl), 0);
	ck_assert_int_eq(fl, T_SUCCESS);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_KEEPALIVE), 0);
	ck_assert_int_eq(mu_getint(fd, IPPROTO_TCP, TCP_NODELAY), 0);
	tob_add_int(&req, 4242, 1, 1);
	ck_assert_int_eq(optmgmt(fd, T_CHECK, &req, &rep, &fl), 0);
	ck_assert_int_eq(fl, T_FAILURE);
	tob_init(&req);
	tob_add_int(&req, IPPROTO_IP, IP_TTL, 0);
	ck_assert_int_eq(optmgmt(fd, T_CHECK, &req, &rep, &fl), 0);
	ck_assert_int_eq(fl, T_FAILURE);
	t_close(fd);
}
END_TEST

/* T_DEFAULT reads a fresh socket; T_CURRENT reads the endpoint. */
START_TEST(test_default_current)
{
	int fd = topen("/dev/tcp");
	int s = socket(AF_INET, SOCK_STREAM, 0), one = 1;
	struct tob req, rep;

	ck_assert(
	    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) == 0);
	tob_init(&req);
	tob_add_int(&req, IPPROTO_TCP, TCP_NODELAY, 0);
	tob_add_int(&req, SOL_SOCKET, SO_SNDBUF, 0);
	ck_assert_int_eq(optmgmt(fd, T_DEFAULT, &req, &rep, NULL), 0);
	ck_assert_int_eq(tob_int(&rep, IPPROTO_TCP, TCP_NODELAY), 0);
	ck_assert_int_eq(tob_int(&rep, SOL_SOCKET, SO_SNDBUF),
	    mu_getint(s, SOL_SOCKET, SO_SNDBUF));
	ck_assert_int_eq(optmgmt(fd, T_CURRENT, &req, &rep, NULL), 0);
	ck_assert_int_eq(tob_int(&rep, IPPROTO_TCP, TCP_NODELAY), 1);
	close(s);
	t_close(fd);
}
END_TEST

/* No options at all is a valid (empty) request. */
START_TEST(test_empty_request)
{
	int fd = topen("/dev/tcp");
	struct t_optmgmt rq, rt;
	unsigned char buf[16];

	memset(&rq, 0, sizeof(rq));
	memset(&rt, 0, sizeof(rt));
	rq.flags = T_DEFAULT;
	rt.opt.buf = buf;
	rt.opt.maxlen = sizeof(buf);
	rt.opt.len = 99;
	MU_TOK(t_optmgmt(fd, &rq, &rt));
	ck_assert_uint_eq(rt.opt.len, 0);
	rq.flags = T_NEGOTIATE;
	MU_TOK(t_optmgmt(fd, &rq, &rt));
	t_close(fd);
}
END_TEST

START_TEST(test_bad_requests)
{
	int fd = topen("/dev/tcp");
	struct tob req, rep;
	struct t_optmgmt rq, rt;
	struct opthdr h;

	/* a value running past the buffer */
	tob_init(&req);
	tob_add_int(&req, SOL_SOCKET, SO_KEEPALIVE, 1);
	memcpy(&h, req.u.b, sizeof(h));
	h.len = 64;
	memcpy(req.u.b, &h, sizeof(h));
	MU_TFAIL(optmgmt(fd, T_NEGOTIATE, &req, &rep, NULL), TBADOPT);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_KEEPALIVE), 0);
	/* flags */
	tob_init(&req);
	tob_add_int(&req, SOL_SOCKET, SO_KEEPALIVE, 1);
	MU_TFAIL(optmgmt(fd, 0, &req, &rep, NULL), TBADFLAG);
	MU_TFAIL(
	    optmgmt(fd, T_CHECK | T_NEGOTIATE, &req, &rep, NULL), TBADFLAG);
	/* no buffer behind a length */
	memset(&rq, 0, sizeof(rq));
	memset(&rt, 0, sizeof(rt));
	rq.opt.len = 16;
	rq.flags = T_CURRENT;
	MU_TFAIL(t_optmgmt(fd, &rq, &rt), TBADOPT);
	MU_TFAIL(t_optmgmt(fd, NULL, &rt), TBADOPT);
	MU_TFAIL(t_optmgmt(-1, &rq, &rt), TBADF);
	t_close(fd);
}
END_TEST

/* TLI: a reply that does not fit is TBUFOVFLW, maxlen 0 included. */
START_TEST(test_bufovflw)
{
	int fd = topen("/dev/tcp");
	struct tob req;
	struct t_optmgmt rq, rt;
	unsigned char small[4];

	tob_init(&req);
	tob_add_int(&req, SOL_SOCKET, SO_KEEPALIVE, 0);
	memset(&rq, 0, sizeof(rq));
	memset(&rt, 0, sizeof(rt));
	rq.opt.buf = req.u.b;
	rq.opt.len = (unsigned int)req.len;
	rq.flags = T_CURRENT;
	rt.opt.buf = small;
	rt.opt.maxlen = sizeof(small);
	MU_TFAIL(t_optmgmt(fd, &rq, &rt), TBUFOVFLW);
	rt.opt.buf = NULL;
	rt.opt.maxlen = 0;
	MU_TFAIL(t_optmgmt(fd, &rq, &rt), TBUFOVFLW);
	t_close(fd);
}
END_TEST

/* Options set with TLI records are kept when t_unbind replaces the
 * socket. */
START_TEST(test_after_unbind)
{
	int fd = topen("/dev/tcp");
	struct tob req, rep;
	struct t_bind b;

	tob_init(&req);
	tob_add_int(&req, IPPROTO_TCP, TCP_NODELAY, 1);
	tob_add_int(&req, IPPROTO_TCP, TCP_KEEPIDLE, 99);
	ck_assert_int_eq(optmgmt(fd, T_NEGOTIATE, &req, &rep, NULL), 0);
	memset(&b, 0, sizeof(b));
	b.qlen = 1;
	MU_TOK(t_bind(fd, &b, NULL));
	MU_TOK(t_unbind(fd));
	ck_assert_int_eq(mu_getint(fd, IPPROTO_TCP, TCP_NODELAY), 1);
	ck_assert_int_eq(mu_getint(fd, IPPROTO_TCP, TCP_KEEPIDLE), 99);
	t_close(fd);
}
END_TEST

static Suite *
optmgmt_suite(void)
{
	Suite *s = suite_create("optmgmt_tli");
	TCase *tc = tcase_create("opthdr");

	tcase_add_test(tc, test_layout);
	tcase_add_test(tc, test_negotiate);
	tcase_add_test(tc, test_negotiate_rcvbuf);
	tcase_add_test(tc, test_negotiate_refused);
	tcase_add_test(tc, test_check);
	tcase_add_test(tc, test_default_current);
	tcase_add_test(tc, test_empty_request);
	tcase_add_test(tc, test_bad_requests);
	tcase_add_test(tc, test_bufovflw);
	tcase_add_test(tc, test_after_unbind);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return mu_run(optmgmt_suite());
}
