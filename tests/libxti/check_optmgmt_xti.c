/*
 * check_optmgmt_xti.c - t_optmgmt with XTI option buffers (struct
 * t_opthdr): T_CHECK/T_DEFAULT over every option of every provider, the
 * statuses of T_NEGOTIATE and the worst of them in ret->flags, T_ALLOPT,
 * malformed requests, buffer rules, and options that survive t_unbind and
 * t_accept (which replace the socket behind the descriptor).
 *
 * What a negotiation did is checked on the socket itself with getsockopt.
 */
#include <xti.h>

#include "misc_util.h"

#include <netinet/tcp.h>

/* ---- option buffers ---- */

struct ob {
	union {
		t_uscalar_t align;
		unsigned char b[2048];
	} u;
	size_t len;
};

static void
ob_init(struct ob *o)
{
	memset(o, 0, sizeof(*o));
}

/* Append an option: header (len = header + vlen) and value, aligned. */
static void
ob_add(struct ob *o, t_uscalar_t level, t_uscalar_t name, const void *val,
    size_t vlen)
{
	struct t_opthdr h;

	o->len = T_ALIGN(o->len);
	ck_assert(o->len + sizeof(h) + vlen <= sizeof(o->u.b));
	h.len = (t_uscalar_t)(sizeof(h) + vlen);
	h.level = level;
	h.name = name;
	h.status = 0;
	memcpy(o->u.b + o->len, &h, sizeof(h));
	if (vlen > 0)
		memcpy(o->u.b + o->len + sizeof(h), val, vlen);
	o->len += sizeof(h) + vlen;
}

static void
ob_add_u(struct ob *o, t_uscalar_t level, t_uscalar_t name, t_uscalar_t v)
{
	ob_add(o, level, name, &v, sizeof(v));
}

static void
ob_add_linger(struct ob *o, t_scalar_t onoff, t_scalar_t secs)
{
	struct t_linger l = { onoff, secs };

	ob_add(o, XTI_GENERIC, XTI_LINGER, &l, sizeof(l));
}

static void
ob_add_kpalive(struct ob *o, t_scalar_t onoff, t_scalar_t mins)
{
	struct t_kpalive k = { onoff, mins };

	ob_add(o, T_INET_TCP, T_TCP_KEEPALIVE, &k, sizeof(k));
}

/* One t_optmgmt call: -1 or 0; the reply in rep, its flags in *rflags. */
static int
optmgmt(int fd, t_scalar_t flags, const struct ob *req, struct ob *rep,
    t_scalar_t *rflags)
{
	struct t_optmgmt rq, rt;
	int r;

	memset(&rq, 0, sizeof(rq));
	memset(&rt, 0, sizeof(rt));
	rq.opt.buf = (void *)req->u.b;
	rq.opt.len = (unsigned int)req->len;
	rq.opt.maxlen = (unsigned int)req->len;
	rq.flags = flags;
	ob_init(rep);
	rt.opt.buf = rep->u.b;
	rt.opt.maxlen = sizeof(rep->u.b);
	rt.flags = -12345;
	r = t_optmgmt(fd, &rq, &rt);
	if (r == 0) {
		rep->len = rt.opt.len;
		if (rflags != NULL)
			*rflags = rt.flags;
	}
	return r;
}

/* The answer for one option (the test fails if it is not there). */
static const struct t_opthdr *
ob_find(const struct ob *rep, t_uscalar_t level, t_uscalar_t name)
{
	struct netbuf nb;
	const struct t_opthdr *h;

	nb.buf = (void *)rep->u.b;
	nb.len = (unsigned int)rep->len;
	nb.maxlen = nb.len;
	for (h = T_OPT_FIRSTHDR(&nb); h != NULL;
	     h = T_OPT_NEXTHDR(&nb, (struct t_opthdr *)h))
		if (h->level == level && h->name == name)
			return h;
	ck_abort_msg("no option %#x/%#x in the reply", level, name);
	return NULL;
}

/* Number of options in a reply. */
static int
ob_count(const struct ob *rep)
{
	struct netbuf nb;
	struct t_opthdr *h;
	int n = 0;

	nb.buf = (void *)rep->u.b;
	nb.len = (unsigned int)rep->len;
	nb.maxlen = nb.len;
	for (h = T_OPT_FIRSTHDR(&nb); h != NULL; h = T_OPT_NEXTHDR(&nb, h))
		n++;
	return n;
}

static size_t
vlen_of(const struct t_opthdr *h)
{
	ck_assert_uint_ge(h->len, sizeof(*h));
	return h->len - sizeof(*h);
}

static t_uscalar_t
uval(const struct t_opthdr *h)
{
	t_uscalar_t v;

	ck_assert_uint_eq(vlen_of(h), sizeof(v));
	memcpy(&v, T_OPT_DATA(h), sizeof(v));
	return v;
}

static unsigned char
cval(const struct t_opthdr *h)
{
	ck_assert_uint_eq(vlen_of(h), 1);
	return *T_OPT_DATA(h);
}

static struct t_linger
lval(const struct t_opthdr *h)
{
	struct t_linger l;

	ck_assert_uint_eq(vlen_of(h), sizeof(l));
	memcpy(&l, T_OPT_DATA(h), sizeof(l));
	return l;
}

static struct t_kpalive
kval(const struct t_opthdr *h)
{
	struct t_kpalive k;

	ck_assert_uint_eq(vlen_of(h), sizeof(k));
	memcpy(&k, T_OPT_DATA(h), sizeof(k));
	return k;
}

/* Negotiate one option; its status (the call must succeed). */
static t_uscalar_t
negotiate1(int fd, t_uscalar_t level, t_uscalar_t name, const void *val,
    size_t vlen, struct ob *rep)
{
	struct ob req;
	t_scalar_t fl;

	ob_init(&req);
	ob_add(&req, level, name, val, vlen);
	ck_assert_msg(optmgmt(fd, T_NEGOTIATE, &req, rep, &fl) == 0,
	    "t_optmgmt: t_errno %d", t_errno);
	ck_assert_int_eq(ob_count(rep), 1);
	ck_assert_int_eq(fl, (t_scalar_t)ob_find(rep, level, name)->status);
	return ob_find(rep, level, name)->status;
}

static t_uscalar_t
negotiate_u(
    int fd, t_uscalar_t level, t_uscalar_t name, t_uscalar_t v, struct ob *rep)
{
	return negotiate1(fd, level, name, &v, sizeof(v), rep);
}

static int
topen(const char *name)
{
	int fd = t_open(name, O_RDWR, NULL);

	ck_assert_msg(fd >= 0, "t_open(%s): t_errno %d", name, t_errno);
	return fd;
}

/* ---- the options of the specification, per provider ---- */

#define PK_TCP4 0x01
#define PK_TCP6 0x02
#define PK_UDP4 0x04
#define PK_UDP6 0x08
#define PK_UNIX 0x10
#define PK_TCP  (PK_TCP4 | PK_TCP6)
#define PK_UDP  (PK_UDP4 | PK_UDP6)
#define PK_INET (PK_TCP | PK_UDP)
#define PK_ALL  (PK_INET | PK_UNIX)

static const struct spec {
	t_uscalar_t level, name;
	unsigned int kinds;
	size_t vsize; /* 0: variable (IP options, up to 40 bytes) */
	bool readonly;
} specs[] = {
	{ XTI_GENERIC, XTI_DEBUG, PK_ALL, 4, false },
	{ XTI_GENERIC, XTI_LINGER, PK_ALL, 8, false },
	{ XTI_GENERIC, XTI_RCVBUF, PK_ALL, 4, false },
	{ XTI_GENERIC, XTI_RCVLOWAT, PK_ALL, 4, false },
	{ XTI_GENERIC, XTI_SNDBUF, PK_ALL, 4, false },
	{ XTI_GENERIC, XTI_SNDLOWAT, PK_ALL, 4, true },
	{ T_INET_TCP, T_TCP_NODELAY, PK_TCP, 4, false },
	{ T_INET_TCP, T_TCP_MAXSEG, PK_TCP, 4, true },
	{ T_INET_TCP, T_TCP_KEEPALIVE, PK_TCP, 8, false },
	{ T_INET_UDP, T_UDP_CHECKSUM, PK_UDP4, 4, false },
	{ T_INET_IP, T_IP_OPTIONS, PK_TCP4 | PK_UDP4, 0, false },
	{ T_INET_IP, T_IP_TOS, PK_INET, 1, false },
	{ T_INET_IP, T_IP_TTL, PK_INET, 1, false },
	{ T_INET_IP, T_IP_REUSEADDR, PK_INET, 4, false },
	{ T_INET_IP, T_IP_DONTROUTE, PK_INET, 4, false },
	{ T_INET_IP, T_IP_BROADCAST, PK_UDP, 4, false },
};
#define NSPECS (sizeof(specs) / sizeof(specs[0]))

static const struct {
	const char *name;
	unsigned int kind;
} provs[] = {
	{ "tcp", PK_TCP4 },
	{ "tcp6", PK_TCP6 },
	{ "udp", PK_UDP4 },
	{ "udp6", PK_UDP6 },
	{ "ticotsord", PK_UNIX },
	{ "ticlts", PK_UNIX },
};
#define NPROVS ((int)(sizeof(provs) / sizeof(provs[0])))

/*
 * Stevens' checkopts: T_CHECK, then T_DEFAULT and T_CURRENT, for every
 * option on one provider.  The status says supported (T_SUCCESS),
 * read-only (T_READONLY) or not supported (T_NOTSUPPORT).
 */
START_TEST(test_checkopts)
{
	unsigned int kind = provs[_i].kind;
	int fd = topen(provs[_i].name);
	struct ob req, rep, cur;
	const struct t_opthdr *h, *c;
	t_scalar_t fl;
	size_t i;

	for (i = 0; i < NSPECS; i++) {
		const struct spec *sp = &specs[i];
		bool sup = (sp->kinds & kind) != 0;
		t_uscalar_t want = !sup ? T_NOTSUPPORT :
		    sp->readonly        ? T_READONLY :
					  T_SUCCESS;

		ob_init(&req);
		ob_add(&req, sp->level, sp->name, NULL, 0);
		ck_assert_int_eq(optmgmt(fd, T_CHECK, &req, &rep, &fl), 0);
		h = ob_find(&rep, sp->level, sp->name);
		ck_assert_msg(h->status == want,
		    "%s: T_CHECK %#x/%#x: status %#x, wanted %#x",
		    provs[_i].name, sp->level, sp->name, h->status, want);
		ck_assert_int_eq(fl, (t_scalar_t)want);
		ck_assert_uint_eq(vlen_of(h), 0);

		ck_assert_int_eq(optmgmt(fd, T_DEFAULT, &req, &rep, &fl), 0);
		h = ob_find(&rep, sp->level, sp->name);
		ck_assert_msg(h->status == want,
		    "%s: T_DEFAULT %#x/%#x: status %#x, wanted %#x",
		    provs[_i].name, sp->level, sp->name, h->status, want);
		ck_assert_int_eq(fl, (t_scalar_t)want);
		if (!sup)
			continue;
		if (sp->vsize > 0)
			ck_assert_uint_eq(vlen_of(h), sp->vsize);
		else
			ck_assert_uint_le(vlen_of(h), 40);

		/* a fresh endpoint's current values are the defaults */
		ck_assert_int_eq(optmgmt(fd, T_CURRENT, &req, &cur, &fl), 0);
		c = ob_find(&cur, sp->level, sp->name);
		ck_assert_uint_eq(c->status, want);
		ck_assert_uint_eq(c->len, h->len);
		ck_assert_mem_eq(T_OPT_DATA(c), T_OPT_DATA(h), vlen_of(h));
	}
	t_close(fd);
}
END_TEST

/* The default values are those of a fresh socket, in XTI terms. */
START_TEST(test_default_values_tcp)
{
	int fd = topen("tcp");
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct ob req, rep;
	struct t_linger l;
	struct t_kpalive k;

	ob_init(&req);
	ob_add(&req, XTI_GENERIC, T_ALLOPT, NULL, 0);
	ck_assert_int_eq(optmgmt(fd, T_DEFAULT, &req, &rep, NULL), 0);
	ck_assert_int_eq(ob_count(&rep), 6);
	l = lval(ob_find(&rep, XTI_GENERIC, XTI_LINGER));
	ck_assert_int_eq(l.l_onoff, T_NO);
	ck_assert_int_eq(l.l_linger, 0);
	ck_assert_uint_eq(uval(ob_find(&rep, XTI_GENERIC, XTI_RCVBUF)),
	    (t_uscalar_t)mu_getint(s, SOL_SOCKET, SO_RCVBUF) / 2);
	ck_assert_uint_eq(uval(ob_find(&rep, XTI_GENERIC, XTI_SNDBUF)),
	    (t_uscalar_t)mu_getint(s, SOL_SOCKET, SO_SNDBUF) / 2);
	ck_assert_uint_eq(uval(ob_find(&rep, XTI_GENERIC, XTI_SNDLOWAT)),
	    (t_uscalar_t)mu_getint(s, SOL_SOCKET, SO_SNDLOWAT));
	ck_assert_uint_eq(uval(ob_find(&rep, XTI_GENERIC, XTI_RCVLOWAT)), 1);
	ck_assert_uint_eq(uval(ob_find(&rep, XTI_GENERIC, XTI_DEBUG)), 0);

	ob_init(&req);
	ob_add(&req, T_INET_TCP, T_ALLOPT, NULL, 0);
	ck_assert_int_eq(optmgmt(fd, T_DEFAULT, &req, &rep, NULL), 0);
	ck_assert_int_eq(ob_count(&rep), 3);
	ck_assert_uint_eq(uval(ob_find(&rep, T_INET_TCP, T_TCP_NODELAY)), T_NO);
	ck_assert_uint_eq(uval(ob_find(&rep, T_INET_TCP, T_TCP_MAXSEG)),
	    (t_uscalar_t)mu_getint(s, IPPROTO_TCP, TCP_MAXSEG));
	k = kval(ob_find(&rep, T_INET_TCP, T_TCP_KEEPALIVE));
	ck_assert_int_eq(k.kp_onoff, T_NO);
	/* minutes */
	ck_assert_int_eq(
	    k.kp_timeout, mu_getint(s, IPPROTO_TCP, TCP_KEEPIDLE) / 60);

	ob_init(&req);
	ob_add(&req, T_INET_IP, T_ALLOPT, NULL, 0);
	ck_assert_int_eq(optmgmt(fd, T_DEFAULT, &req, &rep, NULL), 0);
	ck_assert_int_eq(ob_count(&rep), 5);
	ck_assert_int_eq(cval(ob_find(&rep, T_INET_IP, T_IP_TTL)),
	    mu_getint(s, IPPROTO_IP, IP_TTL));
	ck_assert_int_eq(cval(ob_find(&rep, T_INET_IP, T_IP_TOS)), 0);
	ck_assert_uint_eq(uval(ob_find(&rep, T_INET_IP, T_IP_REUSEADDR)), T_NO);
	ck_assert_uint_eq(uval(ob_find(&rep, T_INET_IP, T_IP_DONTROUTE)), T_NO);
	ck_assert_uint_eq(vlen_of(ob_find(&rep, T_INET_IP, T_IP_OPTIONS)), 0);
	close(s);
	t_close(fd);
}
END_TEST

START_TEST(test_default_values_udp)
{
	int fd = topen("udp");
	struct ob req, rep;

	ob_init(&req);
	ob_add(&req, T_INET_UDP, T_UDP_CHECKSUM, NULL, 0);
	ck_assert_int_eq(optmgmt(fd, T_DEFAULT, &req, &rep, NULL), 0);
	ck_assert_uint_eq(
	    uval(ob_find(&rep, T_INET_UDP, T_UDP_CHECKSUM)), T_YES);
	ob_init(&req);
	ob_add(&req, T_INET_IP, T_ALLOPT, NULL, 0);
	ck_assert_int_eq(optmgmt(fd, T_DEFAULT, &req, &rep, NULL), 0);
	ck_assert_int_eq(ob_count(&rep), 6);
	ck_assert_uint_eq(uval(ob_find(&rep, T_INET_IP, T_IP_BROADCAST)), T_NO);
	t_close(fd);
}
END_TEST

/* T_DEFAULT does not follow the endpoint; T_CURRENT does. */
START_TEST(test_current_vs_default)
{
	int fd = topen("tcp");
	int one = 1;
	struct ob req, rep;

	ck_assert(
	    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) == 0);
	ob_init(&req);
	ob_add(&req, T_INET_TCP, T_TCP_NODELAY, NULL, 0);
	ck_assert_int_eq(optmgmt(fd, T_CURRENT, &req, &rep, NULL), 0);
	ck_assert_uint_eq(
	    uval(ob_find(&rep, T_INET_TCP, T_TCP_NODELAY)), T_YES);
	ck_assert_int_eq(optmgmt(fd, T_DEFAULT, &req, &rep, NULL), 0);
	ck_assert_uint_eq(uval(ob_find(&rep, T_INET_TCP, T_TCP_NODELAY)), T_NO);
	t_close(fd);
}
END_TEST

/* ---- T_NEGOTIATE: T_SUCCESS ---- */

START_TEST(test_negotiate_nodelay)
{
	int fd = topen("tcp");
	struct ob rep;

	ck_assert_uint_eq(
	    negotiate_u(fd, T_INET_TCP, T_TCP_NODELAY, T_YES, &rep), T_SUCCESS);
	ck_assert_uint_eq(
	    uval(ob_find(&rep, T_INET_TCP, T_TCP_NODELAY)), T_YES);
	ck_assert_int_eq(mu_getint(fd, IPPROTO_TCP, TCP_NODELAY), 1);
	ck_assert_uint_eq(
	    negotiate_u(fd, T_INET_TCP, T_TCP_NODELAY, T_NO, &rep), T_SUCCESS);
	ck_assert_int_eq(mu_getint(fd, IPPROTO_TCP, TCP_NODELAY), 0);
	t_close(fd);
}
END_TEST

START_TEST(test_negotiate_reuseaddr)
{
	int fd = topen("tcp6");
	struct ob rep;

	ck_assert_uint_eq(
	    negotiate_u(fd, T_INET_IP, T_IP_REUSEADDR, T_YES, &rep), T_SUCCESS);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_REUSEADDR), 1);
	ck_assert_uint_eq(
	    uval(ob_find(&rep, T_INET_IP, T_IP_REUSEADDR)), T_YES);
	t_close(fd);
}
END_TEST

START_TEST(test_negotiate_linger)
{
	int fd = topen("tcp");
	struct ob req, rep;
	struct linger lg;
	socklen_t len = sizeof(lg);
	struct t_linger l;

	ob_init(&req);
	ob_add_linger(&req, T_YES, 7);
	ck_assert_int_eq(optmgmt(fd, T_NEGOTIATE, &req, &rep, NULL), 0);
	ck_assert_uint_eq(
	    ob_find(&rep, XTI_GENERIC, XTI_LINGER)->status, T_SUCCESS);
	l = lval(ob_find(&rep, XTI_GENERIC, XTI_LINGER));
	ck_assert_int_eq(l.l_onoff, T_YES);
	ck_assert_int_eq(l.l_linger, 7);
	ck_assert(getsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, &len) == 0);
	ck_assert_int_eq(lg.l_onoff, 1);
	ck_assert_int_eq(lg.l_linger, 7);
	/* T_UNSPEC keeps the time */
	ob_init(&req);
	ob_add_linger(&req, T_NO, T_UNSPEC);
	ck_assert_int_eq(optmgmt(fd, T_NEGOTIATE, &req, &rep, NULL), 0);
	l = lval(ob_find(&rep, XTI_GENERIC, XTI_LINGER));
	ck_assert_int_eq(l.l_onoff, T_NO);
	ck_assert_int_eq(l.l_linger, 7);
	len = sizeof(lg);
	ck_assert(getsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, &len) == 0);
	ck_assert_int_eq(lg.l_onoff, 0);
	t_close(fd);
}
END_TEST

/* Keep-alive time is in minutes in XTI, seconds on Linux. */
START_TEST(test_negotiate_keepalive)
{
	int fd = topen("tcp");
	struct ob req, rep;
	struct t_kpalive k;

	ob_init(&req);
	ob_add_kpalive(&req, T_YES, 5);
	ck_assert_int_eq(optmgmt(fd, T_NEGOTIATE, &req, &rep, NULL), 0);
	ck_assert_uint_eq(
	    ob_find(&rep, T_INET_TCP, T_TCP_KEEPALIVE)->status, T_SUCCESS);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_KEEPALIVE), 1);
	ck_assert_int_eq(mu_getint(fd, IPPROTO_TCP, TCP_KEEPIDLE), 300);
	k = kval(ob_find(&rep, T_INET_TCP, T_TCP_KEEPALIVE));
	ck_assert_int_eq(k.kp_onoff, T_YES);
	ck_assert_int_eq(k.kp_timeout, 5);
	/* T_UNSPEC keeps the time */
	ob_init(&req);
	ob_add_kpalive(&req, T_NO, T_UNSPEC);
	ck_assert_int_eq(optmgmt(fd, T_NEGOTIATE, &req, &rep, NULL), 0);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_KEEPALIVE), 0);
	ck_assert_int_eq(mu_getint(fd, IPPROTO_TCP, TCP_KEEPIDLE), 300);
	t_close(fd);
}
END_TEST

START_TEST(test_negotiate_tos_ttl)
{
	int fd = topen("tcp");
	unsigned char tos = SET_TOS(T_PRIORITY, T_LDELAY), ttl = 33;
	struct ob req, rep;

	ck_assert_int_eq(tos, 0x30);
	ck_assert_uint_eq(
	    negotiate1(fd, T_INET_IP, T_IP_TOS, &tos, 1, &rep), T_SUCCESS);
	ck_assert_int_eq(cval(ob_find(&rep, T_INET_IP, T_IP_TOS)), 0x30);
	ck_assert_int_eq(mu_getint(fd, IPPROTO_IP, IP_TOS), 0x30);
	/* an int-sized value is accepted too */
	ck_assert_uint_eq(
	    negotiate_u(fd, T_INET_IP, T_IP_TOS, T_HIREL, &rep), T_SUCCESS);
	ck_assert_int_eq(mu_getint(fd, IPPROTO_IP, IP_TOS), T_HIREL);
	/* two one-byte options in one request: the second starts aligned */
	ob_init(&req);
	ob_add(&req, T_INET_IP, T_IP_TTL, &ttl, 1);
	ob_add(&req, T_INET_IP, T_IP_TOS, &tos, 1);
	ck_assert_uint_eq(req.len, 16 + 4 + 16 + 1);
	ck_assert_int_eq(optmgmt(fd, T_NEGOTIATE, &req, &rep, NULL), 0);
	ck_assert_int_eq(ob_count(&rep), 2);
	ck_assert_int_eq(mu_getint(fd, IPPROTO_IP, IP_TTL), 33);
	ck_assert_int_eq(mu_getint(fd, IPPROTO_IP, IP_TOS), 0x30);
	ck_assert_int_eq(cval(ob_find(&rep, T_INET_IP, T_IP_TTL)), 33);
	t_close(fd);
}
END_TEST

/* Linux doubles buffer sizes; XTI sees what it asked for. */
START_TEST(test_negotiate_rcvbuf)
{
	int fd = topen("tcp");
	struct ob rep;

	ck_assert_uint_eq(
	    negotiate_u(fd, XTI_GENERIC, XTI_RCVBUF, 8192, &rep), T_SUCCESS);
	ck_assert_uint_eq(uval(ob_find(&rep, XTI_GENERIC, XTI_RCVBUF)), 8192);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_RCVBUF), 16384);
	ck_assert_uint_eq(
	    negotiate_u(fd, XTI_GENERIC, XTI_SNDBUF, 10000, &rep), T_SUCCESS);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_SNDBUF), 20000);
	t_close(fd);
}
END_TEST

START_TEST(test_negotiate_udp)
{
	int fd = topen("udp");
	struct ob rep;

	ck_assert_uint_eq(
	    negotiate_u(fd, T_INET_UDP, T_UDP_CHECKSUM, T_NO, &rep), T_SUCCESS);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_NO_CHECK), 1);
	ck_assert_uint_eq(
	    uval(ob_find(&rep, T_INET_UDP, T_UDP_CHECKSUM)), T_NO);
	ck_assert_uint_eq(
	    negotiate_u(fd, T_INET_IP, T_IP_BROADCAST, T_YES, &rep), T_SUCCESS);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_BROADCAST), 1);
	ck_assert_uint_eq(
	    negotiate_u(fd, T_INET_IP, T_IP_DONTROUTE, T_YES, &rep), T_SUCCESS);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_DONTROUTE), 1);
	t_close(fd);
}
END_TEST

/* IPv6: TTL is the hop limit and TOS the traffic class. */
START_TEST(test_negotiate_udp6)
{
	int fd = topen("udp6");
	unsigned char v = 9;
	struct ob rep;

	ck_assert_uint_eq(
	    negotiate1(fd, T_INET_IP, T_IP_TTL, &v, 1, &rep), T_SUCCESS);
	ck_assert_int_eq(mu_getint(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS), 9);
	v = 0x20;
	ck_assert_uint_eq(
	    negotiate1(fd, T_INET_IP, T_IP_TOS, &v, 1, &rep), T_SUCCESS);
	ck_assert_int_eq(mu_getint(fd, IPPROTO_IPV6, IPV6_TCLASS), 0x20);
	ck_assert_uint_eq(
	    negotiate_u(fd, T_INET_UDP, T_UDP_CHECKSUM, T_NO, &rep),
	    T_NOTSUPPORT);
	t_close(fd);
}
END_TEST

/* The loopback transports have the generic options only. */
START_TEST(test_negotiate_ticotsord)
{
	int fd = topen("ticotsord");
	struct ob rep;

	ck_assert_uint_eq(
	    negotiate_u(fd, XTI_GENERIC, XTI_SNDBUF, 65536, &rep), T_SUCCESS);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_SNDBUF), 131072);
	ck_assert_uint_eq(
	    negotiate_u(fd, T_INET_TCP, T_TCP_NODELAY, T_YES, &rep),
	    T_NOTSUPPORT);
	t_close(fd);
}
END_TEST

START_TEST(test_negotiate_ip_options)
{
	int fd = topen("tcp");
	static const unsigned char nops[4] = { 1, 1, 1, 0 };
	struct ob req, rep;
	const struct t_opthdr *h;

	ck_assert_uint_eq(
	    negotiate1(fd, T_INET_IP, T_IP_OPTIONS, nops, sizeof(nops), &rep),
	    T_SUCCESS);
	ob_init(&req);
	ob_add(&req, T_INET_IP, T_IP_OPTIONS, NULL, 0);
	ck_assert_int_eq(optmgmt(fd, T_CURRENT, &req, &rep, NULL), 0);
	h = ob_find(&rep, T_INET_IP, T_IP_OPTIONS);
	ck_assert_uint_eq(vlen_of(h), sizeof(nops));
	ck_assert_mem_eq(T_OPT_DATA(h), nops, sizeof(nops));
	t_close(fd);
}
END_TEST

/* Setting debugging needs privilege (CAP_NET_ADMIN): T_SUCCESS where the
 * system lets this process set SO_DEBUG, T_FAILURE where it does not. */
START_TEST(test_negotiate_debug)
{
	int fd = topen("tcp"), one = 1;
	int s = socket(AF_INET, SOCK_STREAM, 0);
	bool allowed =
	    setsockopt(s, SOL_SOCKET, SO_DEBUG, &one, sizeof(one)) == 0;
	struct ob rep;
	t_uscalar_t st;

	close(s);
	st = negotiate_u(fd, XTI_GENERIC, XTI_DEBUG, 1, &rep);
	if (allowed) {
		ck_assert_uint_eq(st, T_SUCCESS);
		ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_DEBUG), 1);
	} else {
		ck_assert_uint_eq(st, T_FAILURE);
	}
	t_close(fd);
}
END_TEST

/* An option without a value negotiates its default. */
START_TEST(test_negotiate_default)
{
	int fd = topen("tcp");
	struct ob rep;

	negotiate_u(fd, T_INET_TCP, T_TCP_NODELAY, T_YES, &rep);
	ck_assert_int_eq(mu_getint(fd, IPPROTO_TCP, TCP_NODELAY), 1);
	ck_assert_uint_eq(
	    negotiate1(fd, T_INET_TCP, T_TCP_NODELAY, NULL, 0, &rep),
	    T_SUCCESS);
	ck_assert_uint_eq(uval(ob_find(&rep, T_INET_TCP, T_TCP_NODELAY)), T_NO);
	ck_assert_int_eq(mu_getint(fd, IPPROTO_TCP, TCP_NODELAY), 0);
	t_close(fd);
}
END_TEST

/* ---- T_PARTSUCCESS, T_READONLY, T_NOTSUPPORT, T_FAILURE ---- */

/* A buffer the system caps: what took effect is returned. */
START_TEST(test_partsuccess_buffer)
{
	int fd = topen("tcp");
	struct ob rep;
	t_uscalar_t got;

	ck_assert_uint_eq(
	    negotiate_u(fd, XTI_GENERIC, XTI_RCVBUF, 0x40000000, &rep),
	    T_PARTSUCCESS);
	got = uval(ob_find(&rep, XTI_GENERIC, XTI_RCVBUF));
	ck_assert_uint_lt(got, 0x40000000);
	ck_assert_uint_eq(
	    got, (t_uscalar_t)mu_getint(fd, SOL_SOCKET, SO_RCVBUF) / 2);
	/* below the minimum */
	ck_assert_uint_eq(
	    negotiate_u(fd, XTI_GENERIC, XTI_SNDBUF, 1, &rep), T_PARTSUCCESS);
	ck_assert_uint_gt(uval(ob_find(&rep, XTI_GENERIC, XTI_SNDBUF)), 1);
	t_close(fd);
}
END_TEST

/* Linux sends no keep-alive garbage byte. */
START_TEST(test_partsuccess_garbage)
{
	int fd = topen("tcp");
	struct ob req, rep;
	t_scalar_t fl;

	ob_init(&req);
	ob_add_kpalive(&req, T_YES | T_GARBAGE, 2);
	ck_assert_int_eq(optmgmt(fd, T_NEGOTIATE, &req, &rep, &fl), 0);
	ck_assert_int_eq(fl, T_PARTSUCCESS);
	ck_assert_uint_eq(
	    ob_find(&rep, T_INET_TCP, T_TCP_KEEPALIVE)->status, T_PARTSUCCESS);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_KEEPALIVE), 1);
	ck_assert_int_eq(mu_getint(fd, IPPROTO_TCP, TCP_KEEPIDLE), 120);
	t_close(fd);
}
END_TEST

START_TEST(test_readonly)
{
	int fd = topen("tcp");
	int mss = mu_getint(fd, IPPROTO_TCP, TCP_MAXSEG);
	struct ob rep;

	ck_assert_uint_eq(
	    negotiate_u(fd, T_INET_TCP, T_TCP_MAXSEG, 1000, &rep), T_READONLY);
	/* the value returned is the current one */
	ck_assert_uint_eq(
	    uval(ob_find(&rep, T_INET_TCP, T_TCP_MAXSEG)), (t_uscalar_t)mss);
	ck_assert_int_eq(mu_getint(fd, IPPROTO_TCP, TCP_MAXSEG), mss);
	ck_assert_uint_eq(
	    negotiate_u(fd, XTI_GENERIC, XTI_SNDLOWAT, 100, &rep), T_READONLY);
	t_close(fd);
}
END_TEST

START_TEST(test_notsupport)
{
	int fd = topen("tcp");
	struct ob rep;

	ck_assert_uint_eq(
	    negotiate_u(fd, XTI_GENERIC, 0x7777, 1, &rep), T_NOTSUPPORT);
	ck_assert_uint_eq(negotiate_u(fd, 0x4242, 1, 1, &rep), T_NOTSUPPORT);
	/* broadcast is for datagrams */
	ck_assert_uint_eq(
	    negotiate_u(fd, T_INET_IP, T_IP_BROADCAST, T_YES, &rep),
	    T_NOTSUPPORT);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_BROADCAST), 0);
	ck_assert_uint_eq(
	    negotiate_u(fd, T_INET_UDP, T_UDP_CHECKSUM, T_NO, &rep),
	    T_NOTSUPPORT);
	t_close(fd);
	fd = topen("udp");
	ck_assert_uint_eq(
	    negotiate_u(fd, T_INET_TCP, T_TCP_NODELAY, T_YES, &rep),
	    T_NOTSUPPORT);
	t_close(fd);
}
END_TEST

/* Values the option does not allow, and values the system refuses. */
START_TEST(test_failure)
{
	int fd = topen("tcp");
	unsigned char zero = 0;
	struct ob req, rep;
	t_scalar_t fl;

	ck_assert_uint_eq(
	    negotiate_u(fd, T_INET_TCP, T_TCP_NODELAY, 5, &rep), T_FAILURE);
	/* the value returned is the current one */
	ck_assert_uint_eq(uval(ob_find(&rep, T_INET_TCP, T_TCP_NODELAY)), T_NO);
	ck_assert_uint_eq(
	    negotiate1(fd, T_INET_IP, T_IP_TTL, &zero, 1, &rep), T_FAILURE);
	ck_assert_uint_eq(
	    negotiate_u(fd, T_INET_IP, T_IP_TOS, 300, &rep), T_FAILURE);
	ob_init(&req);
	ob_add_linger(&req, T_YES, T_INFINITE);
	ck_assert_int_eq(optmgmt(fd, T_NEGOTIATE, &req, &rep, &fl), 0);
	ck_assert_int_eq(fl, T_FAILURE);
	ob_init(&req);
	ob_add_linger(&req, 7, 1);
	ck_assert_int_eq(optmgmt(fd, T_NEGOTIATE, &req, &rep, &fl), 0);
	ck_assert_int_eq(fl, T_FAILURE);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_LINGER), 0);
	t_close(fd);
}
END_TEST

/* A keep-alive time that does not fit in seconds is refused, not
 * wrapped around. */
START_TEST(test_failure_keepalive_time)
{
	static const t_scalar_t bad[] = { 0, -5, 71582789, 0x7fffffff };
	int fd = topen("tcp");
	int idle = mu_getint(fd, IPPROTO_TCP, TCP_KEEPIDLE);
	struct ob req, rep;
	t_scalar_t fl;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ob_init(&req);
		ob_add_kpalive(&req, T_YES, bad[i]);
		ck_assert_int_eq(optmgmt(fd, T_NEGOTIATE, &req, &rep, &fl), 0);
		ck_assert_msg(
		    fl == T_FAILURE, "timeout %d: flags %#x", bad[i], fl);
		ck_assert_int_eq(
		    mu_getint(fd, IPPROTO_TCP, TCP_KEEPIDLE), idle);
	}
	t_close(fd);
}
END_TEST

/* ret->flags is the worst status: NOTSUPPORT, READONLY, FAILURE,
 * PARTSUCCESS, SUCCESS. */
START_TEST(test_worst_status)
{
	int fd = topen("tcp");
	struct ob req, rep;
	t_scalar_t fl;

	ob_init(&req);
	ob_add_u(&req, T_INET_TCP, T_TCP_NODELAY, T_YES);
	ob_add_kpalive(&req, T_YES | T_GARBAGE, 3);
	ck_assert_int_eq(optmgmt(fd, T_NEGOTIATE, &req, &rep, &fl), 0);
	ck_assert_int_eq(fl, T_PARTSUCCESS);
	ck_assert_uint_eq(
	    ob_find(&rep, T_INET_TCP, T_TCP_NODELAY)->status, T_SUCCESS);

	ob_init(&req);
	ob_add_kpalive(&req, T_YES | T_GARBAGE, 3);
	ob_add_u(&req, T_INET_TCP, T_TCP_NODELAY, 9);
	ck_assert_int_eq(optmgmt(fd, T_NEGOTIATE, &req, &rep, &fl), 0);
	ck_assert_int_eq(fl, T_FAILURE);

	ob_init(&req);
	ob_add_u(&req, T_INET_TCP, T_TCP_NODELAY, 9);
	ob_add_u(&req, T_INET_TCP, T_TCP_MAXSEG, 1000);
	ob_add_u(&req, T_INET_TCP, T_TCP_NODELAY, T_YES);
	ck_assert_int_eq(optmgmt(fd, T_NEGOTIATE, &req, &rep, &fl), 0);
	ck_assert_int_eq(fl, T_READONLY);
	ck_assert_int_eq(ob_count(&rep), 3);

	ob_init(&req);
	ob_add_u(&req, T_INET_TCP, 0x99, 1);
	ob_add_u(&req, T_INET_TCP, T_TCP_MAXSEG, 1000);
	ob_add_u(&req, T_INET_TCP, T_TCP_NODELAY, T_YES);
	ck_assert_int_eq(optmgmt(fd, T_NEGOTIATE, &req, &rep, &fl), 0);
	ck_assert_int_eq(fl, T_NOTSUPPORT);
	ck_assert_uint_eq(
	    ob_find(&rep, T_INET_TCP, T_TCP_NODELAY)->status, T_SUCCESS);
	ck_assert_uint_eq(
	    ob_find(&rep, T_INET_TCP, T_TCP_MAXSEG)->status, T_READONLY);
	ck_assert_uint_eq(
	    ob_find(&rep, T_INET_TCP, 0x99)->status, T_NOTSUPPORT);

	ob_init(&req);
	ob_add_u(&req, T_INET_TCP, T_TCP_NODELAY, T_YES);
	ck_assert_int_eq(optmgmt(fd, T_NEGOTIATE, &req, &rep, &fl), 0);
	ck_assert_int_eq(fl, T_SUCCESS);
	t_close(fd);
}
END_TEST

/* ---- T_CHECK with values: as if negotiated, nothing changes ---- */

START_TEST(test_check_values)
{
	int fd = topen("tcp");
	unsigned char zero = 0;
	struct ob req, rep;
	t_scalar_t fl;

	ob_init(&req);
	ob_add_u(&req, T_INET_TCP, T_TCP_NODELAY, T_YES);
	ck_assert_int_eq(optmgmt(fd, T_CHECK, &req, &rep, &fl), 0);
	ck_assert_int_eq(fl, T_SUCCESS);
	ck_assert_uint_eq(
	    uval(ob_find(&rep, T_INET_TCP, T_TCP_NODELAY)), T_YES);
	ck_assert_int_eq(mu_getint(fd, IPPROTO_TCP, TCP_NODELAY), 0);

	ob_init(&req);
	ob_add_u(&req, T_INET_TCP, T_TCP_NODELAY, 7);
	ck_assert_int_eq(optmgmt(fd, T_CHECK, &req, &rep, &fl), 0);
	ck_assert_int_eq(fl, T_FAILURE);

	ob_init(&req);
	ob_add_u(&req, T_INET_TCP, T_TCP_MAXSEG, 1000);
	ck_assert_int_eq(optmgmt(fd, T_CHECK, &req, &rep, &fl), 0);
	ck_assert_int_eq(fl, T_READONLY);

	/* what the system would refuse */
	ob_init(&req);
	ob_add(&req, T_INET_IP, T_IP_TTL, &zero, 1);
	ck_assert_int_eq(optmgmt(fd, T_CHECK, &req, &rep, &fl), 0);
	ck_assert_int_eq(fl, T_FAILURE);

	/* what would be granted in part */
	ob_init(&req);
	ob_add_u(&req, XTI_GENERIC, XTI_RCVBUF, 0x40000000);
	ck_assert_int_eq(optmgmt(fd, T_CHECK, &req, &rep, &fl), 0);
	ck_assert_int_eq(fl, T_PARTSUCCESS);
	ck_assert_uint_lt(
	    uval(ob_find(&rep, XTI_GENERIC, XTI_RCVBUF)), 0x40000000);
	ob_init(&req);
	ob_add_kpalive(&req, T_YES | T_GARBAGE, 2);
	ck_assert_int_eq(optmgmt(fd, T_CHECK, &req, &rep, &fl), 0);
	ck_assert_int_eq(fl, T_PARTSUCCESS);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_KEEPALIVE), 0);
	ck_assert_int_ne(mu_getint(fd, SOL_SOCKET, SO_RCVBUF), 0x40000000);
	t_close(fd);
}
END_TEST

/* ---- T_ALLOPT ---- */

START_TEST(test_allopt_current)
{
	int fd = topen("tcp");
	struct ob req, rep;
	t_scalar_t fl;

	ob_init(&req);
	ob_add(&req, XTI_GENERIC, T_ALLOPT, NULL, 0);
	ck_assert_int_eq(optmgmt(fd, T_CURRENT, &req, &rep, &fl), 0);
	ck_assert_int_eq(ob_count(&rep), 6);
	/* SNDLOWAT is read-only */
	ck_assert_int_eq(fl, T_READONLY);
	ck_assert_uint_eq(
	    ob_find(&rep, XTI_GENERIC, XTI_SNDLOWAT)->status, T_READONLY);
	ck_assert_uint_eq(
	    ob_find(&rep, XTI_GENERIC, XTI_RCVBUF)->status, T_SUCCESS);
	ob_init(&req);
	ob_add(&req, T_INET_IP, T_ALLOPT, NULL, 0);
	ck_assert_int_eq(optmgmt(fd, T_CURRENT, &req, &rep, &fl), 0);
	ck_assert_int_eq(ob_count(&rep), 5);
	ck_assert_int_eq(fl, T_SUCCESS);
	t_close(fd);
	fd = topen("tcp6");
	ck_assert_int_eq(optmgmt(fd, T_CURRENT, &req, &rep, &fl), 0);
	ck_assert_int_eq(ob_count(&rep), 4);
	t_close(fd);
	/* a level the provider does not have */
	fd = topen("ticotsord");
	ck_assert_int_eq(optmgmt(fd, T_CURRENT, &req, &rep, &fl), 0);
	ck_assert_int_eq(fl, T_NOTSUPPORT);
	t_close(fd);
}
END_TEST

/* T_NEGOTIATE with T_ALLOPT: every option of the level to its default;
 * options after T_ALLOPT are ignored. */
START_TEST(test_allopt_negotiate)
{
	int fd = topen("tcp");
	struct ob req, rep;
	t_scalar_t fl;

	ob_init(&req);
	ob_add_u(&req, T_INET_TCP, T_TCP_NODELAY, T_YES);
	ob_add_kpalive(&req, T_YES, 4);
	ck_assert_int_eq(optmgmt(fd, T_NEGOTIATE, &req, &rep, &fl), 0);
	ck_assert_int_eq(mu_getint(fd, IPPROTO_TCP, TCP_NODELAY), 1);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_KEEPALIVE), 1);

	ob_init(&req);
	ob_add(&req, T_INET_TCP, T_ALLOPT, NULL, 0);
	ob_add_u(&req, T_INET_TCP, T_TCP_NODELAY, T_YES);
	ck_assert_int_eq(optmgmt(fd, T_NEGOTIATE, &req, &rep, &fl), 0);
	ck_assert_int_eq(mu_getint(fd, IPPROTO_TCP, TCP_NODELAY), 0);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_KEEPALIVE), 0);
	ck_assert_uint_eq(uval(ob_find(&rep, T_INET_TCP, T_TCP_NODELAY)), T_NO);
	t_close(fd);
}
END_TEST

START_TEST(test_allopt_check)
{
	int fd = topen("tcp");
	struct ob req, rep;

	ob_init(&req);
	ob_add(&req, T_INET_TCP, T_ALLOPT, NULL, 0);
	MU_TFAIL(optmgmt(fd, T_CHECK, &req, &rep, NULL), TBADOPT);
	t_close(fd);
}
END_TEST

/* ---- malformed requests and bad arguments ---- */

START_TEST(test_bad_buffers)
{
	int fd = topen("tcp");
	struct ob req, rep;
	struct t_opthdr h;
	struct t_optmgmt rq, rt;

	/* shorter than one header */
	ob_init(&req);
	ob_add_u(&req, T_INET_TCP, T_TCP_NODELAY, T_YES);
	req.len = 8;
	MU_TFAIL(optmgmt(fd, T_NEGOTIATE, &req, &rep, NULL), TBADOPT);
	/* an option length shorter than its header */
	ob_init(&req);
	ob_add_u(&req, T_INET_TCP, T_TCP_NODELAY, T_YES);
	memcpy(&h, req.u.b, sizeof(h));
	h.len = 10;
	memcpy(req.u.b, &h, sizeof(h));
	MU_TFAIL(optmgmt(fd, T_NEGOTIATE, &req, &rep, NULL), TBADOPT);
	/* an option running past the buffer */
	ob_init(&req);
	ob_add_u(&req, T_INET_TCP, T_TCP_NODELAY, T_YES);
	h.len = 64;
	memcpy(req.u.b, &h, sizeof(h));
	MU_TFAIL(optmgmt(fd, T_NEGOTIATE, &req, &rep, NULL), TBADOPT);
	/* trailing bytes that are not an option */
	ob_init(&req);
	ob_add_u(&req, T_INET_TCP, T_TCP_NODELAY, T_YES);
	req.len += 8;
	MU_TFAIL(optmgmt(fd, T_NEGOTIATE, &req, &rep, NULL), TBADOPT);
	/* a value of the wrong size */
	ob_init(&req);
	ob_add(&req, T_INET_TCP, T_TCP_NODELAY, "\1\0", 2);
	MU_TFAIL(optmgmt(fd, T_NEGOTIATE, &req, &rep, NULL), TBADOPT);
	ob_init(&req);
	ob_add(&req, T_INET_TCP, T_TCP_KEEPALIVE, "\1\0\0\0", 4);
	MU_TFAIL(optmgmt(fd, T_CHECK, &req, &rep, NULL), TBADOPT);
	/* no buffer behind a length */
	memset(&rq, 0, sizeof(rq));
	memset(&rt, 0, sizeof(rt));
	rq.opt.len = 16;
	rq.flags = T_CURRENT;
	MU_TFAIL(t_optmgmt(fd, &rq, &rt), TBADOPT);
	/* options must start aligned */
	ob_init(&req);
	ob_add_u(&req, T_INET_TCP, T_TCP_NODELAY, T_YES);
	memmove(req.u.b + 1, req.u.b, req.len);
	rq.opt.buf = req.u.b + 1;
	rq.opt.len = rq.opt.maxlen = (unsigned int)req.len;
	rq.flags = T_NEGOTIATE;
	MU_TFAIL(t_optmgmt(fd, &rq, &rt), TBADOPT);
	MU_TFAIL(t_optmgmt(fd, NULL, &rt), TBADOPT);
	ck_assert_int_eq(mu_getint(fd, IPPROTO_TCP, TCP_NODELAY), 0);
	t_close(fd);
}
END_TEST

/* Options of two levels in one request: TBADOPT, and nothing is set. */
START_TEST(test_two_levels)
{
	int fd = topen("tcp");
	int rcvbuf = mu_getint(fd, SOL_SOCKET, SO_RCVBUF);
	struct ob req, rep;

	ob_init(&req);
	ob_add_u(&req, XTI_GENERIC, XTI_RCVBUF, 8192);
	ob_add_u(&req, T_INET_TCP, T_TCP_NODELAY, T_YES);
	MU_TFAIL(optmgmt(fd, T_NEGOTIATE, &req, &rep, NULL), TBADOPT);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_RCVBUF), rcvbuf);
	ck_assert_int_eq(mu_getint(fd, IPPROTO_TCP, TCP_NODELAY), 0);
	ob_init(&req);
	ob_add_u(&req, T_INET_TCP, T_TCP_NODELAY, T_YES);
	ob_add(&req, T_INET_IP, T_ALLOPT, NULL, 0);
	MU_TFAIL(optmgmt(fd, T_CURRENT, &req, &rep, NULL), TBADOPT);
	t_close(fd);
}
END_TEST

/* A malformed option later in the buffer: nothing before it is set. */
START_TEST(test_bad_later_option)
{
	int fd = topen("tcp");
	struct ob req, rep;

	ob_init(&req);
	ob_add_u(&req, T_INET_TCP, T_TCP_NODELAY, T_YES);
	ob_add(&req, T_INET_TCP, T_TCP_KEEPALIVE, "\1\0\0\0", 4);
	MU_TFAIL(optmgmt(fd, T_NEGOTIATE, &req, &rep, NULL), TBADOPT);
	ck_assert_int_eq(mu_getint(fd, IPPROTO_TCP, TCP_NODELAY), 0);
	ob_init(&req);
	ob_add_u(&req, T_INET_TCP, T_TCP_NODELAY, T_YES);
	req.len += 4; /* garbage after the last option */
	MU_TFAIL(optmgmt(fd, T_NEGOTIATE, &req, &rep, NULL), TBADOPT);
	ck_assert_int_eq(mu_getint(fd, IPPROTO_TCP, TCP_NODELAY), 0);
	t_close(fd);
}
END_TEST

START_TEST(test_bad_flags)
{
	static const t_scalar_t bad[] = { 0, T_CHECK | T_NEGOTIATE,
		T_DEFAULT | T_CURRENT, T_SUCCESS, T_PARTSUCCESS, -1 };
	int fd = topen("udp");
	struct ob req, rep;
	size_t i;

	ob_init(&req);
	ob_add(&req, XTI_GENERIC, XTI_RCVBUF, NULL, 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		MU_TFAIL(optmgmt(fd, bad[i], &req, &rep, NULL), TBADFLAG);
	t_close(fd);
}
END_TEST

START_TEST(test_bad_fd)
{
	struct ob req, rep;
	int p[2];

	ob_init(&req);
	ob_add(&req, XTI_GENERIC, XTI_RCVBUF, NULL, 0);
	MU_TFAIL(optmgmt(-1, T_CURRENT, &req, &rep, NULL), TBADF);
	ck_assert(pipe(p) == 0);
	MU_TFAIL(optmgmt(p[0], T_CURRENT, &req, &rep, NULL), TBADF);
}
END_TEST

/* ---- the reply buffer ---- */

START_TEST(test_bufovflw)
{
	int fd = topen("tcp");
	struct ob req;
	struct t_optmgmt rq, rt;
	unsigned char small[8];

	ob_init(&req);
	ob_add(&req, XTI_GENERIC, T_ALLOPT, NULL, 0);
	memset(&rq, 0, sizeof(rq));
	memset(&rt, 0, sizeof(rt));
	rq.opt.buf = req.u.b;
	rq.opt.len = (unsigned int)req.len;
	rq.flags = T_CURRENT;
	rt.opt.buf = small;
	rt.opt.maxlen = sizeof(small);
	MU_TFAIL(t_optmgmt(fd, &rq, &rt), TBUFOVFLW);
	t_close(fd);
}
END_TEST

/* XTI: maxlen 0 means the caller does not want the options back. */
START_TEST(test_maxlen_zero)
{
	int fd = topen("tcp");
	struct ob req;
	struct t_optmgmt rq, rt;

	ob_init(&req);
	ob_add_u(&req, T_INET_TCP, T_TCP_NODELAY, T_YES);
	memset(&rq, 0, sizeof(rq));
	memset(&rt, 0, sizeof(rt));
	rq.opt.buf = req.u.b;
	rq.opt.len = (unsigned int)req.len;
	rq.flags = T_NEGOTIATE;
	rt.opt.maxlen = 0;
	rt.opt.len = 4242;
	rt.opt.buf = NULL;
	MU_TOK(t_optmgmt(fd, &rq, &rt));
	ck_assert_int_eq(rt.flags, T_SUCCESS);
	ck_assert_uint_eq(rt.opt.len, 4242);
	ck_assert_int_eq(mu_getint(fd, IPPROTO_TCP, TCP_NODELAY), 1);
	t_close(fd);
}
END_TEST

/* A reply buffer of t_info.options bytes holds every option of a level. */
START_TEST(test_info_options_suffice)
{
	static const t_uscalar_t levels[] = { XTI_GENERIC, T_INET_TCP,
		T_INET_UDP, T_INET_IP };
	int fd = topen(provs[_i].name);
	struct t_info info;
	struct t_optmgmt *rq, *rt;
	struct ob req;
	size_t i;

	MU_TOK(t_getinfo(fd, &info));
	rq = t_alloc(fd, T_OPTMGMT, T_ALL);
	rt = t_alloc(fd, T_OPTMGMT, T_ALL);
	ck_assert_ptr_nonnull(rq);
	ck_assert_ptr_nonnull(rt);
	ck_assert_int_eq((int)rt->opt.maxlen, info.options);
	for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
		ob_init(&req);
		ob_add(&req, levels[i], T_ALLOPT, NULL, 0);
		memcpy(rq->opt.buf, req.u.b, req.len);
		rq->opt.len = (unsigned int)req.len;
		rq->flags = T_DEFAULT;
		MU_TOK(t_optmgmt(fd, rq, rt));
		ck_assert_uint_le(rt->opt.len, rt->opt.maxlen);
	}
	t_free(rq, T_OPTMGMT);
	t_free(rt, T_OPTMGMT);
	t_close(fd);
}
END_TEST

/* ---- options survive a new socket behind the descriptor ---- */

static void
set_tcp_options(int fd)
{
	unsigned char ttl = 17;
	struct ob req, rep;

	ob_init(&req);
	ob_add_u(&req, T_INET_TCP, T_TCP_NODELAY, T_YES);
	ob_add_kpalive(&req, T_YES, 3);
	ck_assert_int_eq(optmgmt(fd, T_NEGOTIATE, &req, &rep, NULL), 0);
	ob_init(&req);
	ob_add_linger(&req, T_YES, 4);
	ob_add_u(&req, XTI_GENERIC, XTI_RCVBUF, 16384);
	ck_assert_int_eq(optmgmt(fd, T_NEGOTIATE, &req, &rep, NULL), 0);
	ck_assert_uint_eq(
	    negotiate1(fd, T_INET_IP, T_IP_TTL, &ttl, 1, &rep), T_SUCCESS);
}

static void
check_tcp_options(int fd)
{
	struct linger lg;
	socklen_t len = sizeof(lg);

	ck_assert_int_eq(mu_getint(fd, IPPROTO_TCP, TCP_NODELAY), 1);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_KEEPALIVE), 1);
	ck_assert_int_eq(mu_getint(fd, IPPROTO_TCP, TCP_KEEPIDLE), 180);
	ck_assert(getsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, &len) == 0);
	ck_assert_int_eq(lg.l_onoff, 1);
	ck_assert_int_eq(lg.l_linger, 4);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_RCVBUF), 32768);
	ck_assert_int_eq(mu_getint(fd, IPPROTO_IP, IP_TTL), 17);
}

static ino_t
inode(int fd)
{
	struct stat st;

	ck_assert(fstat(fd, &st) == 0);
	return st.st_ino;
}

START_TEST(test_options_after_unbind)
{
	int fd = topen("tcp");
	struct t_bind req;
	struct ob oreq, rep;
	ino_t before;

	set_tcp_options(fd);
	memset(&req, 0, sizeof(req));
	req.qlen = 1;
	MU_TOK(t_bind(fd, &req, NULL));
	before = inode(fd);
	MU_TOK(t_unbind(fd));
	ck_assert_int_eq(t_getstate(fd), T_UNBND);
	/* a new socket, with the options of the old one */
	ck_assert(inode(fd) != before);
	check_tcp_options(fd);
	ob_init(&oreq);
	ob_add(&oreq, T_INET_TCP, T_TCP_KEEPALIVE, NULL, 0);
	ck_assert_int_eq(optmgmt(fd, T_CURRENT, &oreq, &rep, NULL), 0);
	ck_assert_int_eq(
	    kval(ob_find(&rep, T_INET_TCP, T_TCP_KEEPALIVE)).kp_timeout, 3);
	/* and the endpoint works: bind again */
	MU_TOK(t_bind(fd, NULL, NULL));
	check_tcp_options(fd);
	t_close(fd);
}
END_TEST

START_TEST(test_options_after_unbind_udp)
{
	int fd = topen("udp");
	struct ob rep;

	negotiate_u(fd, T_INET_UDP, T_UDP_CHECKSUM, T_NO, &rep);
	negotiate_u(fd, T_INET_IP, T_IP_BROADCAST, T_YES, &rep);
	MU_TOK(t_bind(fd, NULL, NULL));
	MU_TOK(t_unbind(fd));
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_NO_CHECK), 1);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_BROADCAST), 1);
	t_close(fd);
}
END_TEST

/* A listener on 127.0.0.1 and a connected plain client; the sequence. */
static int
listen_and_connect(int lfd, int *client)
{
	struct sockaddr_in sin;
	struct t_bind req, ret;
	struct t_call call;
	unsigned char addr[64];

	mu_sin_loop(&sin, 0);
	memset(&req, 0, sizeof(req));
	memset(&ret, 0, sizeof(ret));
	req.addr.buf = &sin;
	req.addr.len = sizeof(sin);
	req.qlen = 2;
	ret.addr.buf = addr;
	ret.addr.maxlen = sizeof(addr);
	MU_TOK(t_bind(lfd, &req, &ret));
	*client = socket(AF_INET, SOCK_STREAM, 0);
	ck_assert_int_ge(*client, 0);
	ck_assert(connect(*client, (struct sockaddr *)addr, ret.addr.len) == 0);
	memset(&call, 0, sizeof(call));
	call.addr.buf = addr;
	call.addr.maxlen = sizeof(addr);
	MU_TOK(t_listen(lfd, &call));
	return call.sequence;
}

/* Options negotiated on the acceptor hold on the connection it gets. */
START_TEST(test_options_after_accept)
{
	int lfd = topen("tcp"), afd = topen("tcp"), client, seq;
	struct t_call call;

	set_tcp_options(afd);
	seq = listen_and_connect(lfd, &client);
	memset(&call, 0, sizeof(call));
	call.sequence = seq;
	MU_TOK(t_accept(lfd, afd, &call));
	ck_assert_int_eq(t_getstate(afd), T_DATAXFER);
	/* the listener's socket did not have them */
	ck_assert_int_eq(mu_getint(lfd, IPPROTO_TCP, TCP_NODELAY), 0);
	check_tcp_options(afd);
	ck_assert_int_eq(mu_getint(afd, SOL_SOCKET, SO_OOBINLINE), 1);
	close(client);
	t_close(afd);
	t_close(lfd);
}
END_TEST

/* Options passed in t_accept's call->opt apply to the connection. */
START_TEST(test_options_in_accept_call)
{
	int lfd = topen("tcp"), afd = topen("tcp"), client, seq;
	struct t_call call;
	struct ob req;

	seq = listen_and_connect(lfd, &client);
	ob_init(&req);
	ob_add_u(&req, T_INET_TCP, T_TCP_NODELAY, T_YES);
	ob_add_kpalive(&req, T_YES, 6);
	memset(&call, 0, sizeof(call));
	call.opt.buf = req.u.b;
	call.opt.len = (unsigned int)req.len;
	call.sequence = seq;
	MU_TOK(t_accept(lfd, afd, &call));
	ck_assert_int_eq(mu_getint(afd, IPPROTO_TCP, TCP_NODELAY), 1);
	ck_assert_int_eq(mu_getint(afd, IPPROTO_TCP, TCP_KEEPIDLE), 360);
	close(client);
}
END_TEST

/* Options in call->opt that would fail refuse the accept before anything
 * moves: TBADOPT, the indication still pending, the acceptor untouched;
 * the same call without them then works. */
START_TEST(test_bad_options_in_accept_call)
{
	int lfd = topen("tcp"), afd = topen("tcp"), client, seq;
	int before = t_getstate(afd);
	struct t_call call;
	struct ob req;

	seq = listen_and_connect(lfd, &client);
	ob_init(&req);
	ob_add_u(&req, T_INET_TCP, T_TCP_NODELAY, 9); /* not T_YES/T_NO */
	memset(&call, 0, sizeof(call));
	call.opt.buf = req.u.b;
	call.opt.len = (unsigned int)req.len;
	call.sequence = seq;
	ck_assert_int_eq(t_accept(lfd, afd, &call), -1);
	ck_assert_int_eq(t_errno, TBADOPT);
	ck_assert_int_eq(t_getstate(lfd), T_INCON);
	ck_assert_int_eq(t_getstate(afd), before);
	ob_init(&req);
	ob_add_u(&req, T_INET_TCP, 0x99, 1); /* no such option */
	call.opt.buf = req.u.b;
	call.opt.len = (unsigned int)req.len;
	ck_assert_int_eq(t_accept(lfd, afd, &call), -1);
	ck_assert_int_eq(t_errno, TBADOPT);
	ck_assert_int_eq(t_getstate(afd), before);
	call.opt.len = 0;
	MU_TOK(t_accept(lfd, afd, &call));
	ck_assert_int_eq(t_getstate(afd), T_DATAXFER);
	ck_assert_int_eq(t_getstate(lfd), T_IDLE);
	close(client);
	t_close(afd);
	t_close(lfd);
}
END_TEST

static Suite *
optmgmt_suite(void)
{
	Suite *s = suite_create("optmgmt_xti");
	TCase *tc = tcase_create("check_default");

	tcase_add_loop_test(tc, test_checkopts, 0, NPROVS);
	tcase_add_test(tc, test_default_values_tcp);
	tcase_add_test(tc, test_default_values_udp);
	tcase_add_test(tc, test_current_vs_default);
	tcase_add_test(tc, test_check_values);
	suite_add_tcase(s, tc);

	tc = tcase_create("negotiate");
	tcase_add_test(tc, test_negotiate_nodelay);
	tcase_add_test(tc, test_negotiate_reuseaddr);
	tcase_add_test(tc, test_negotiate_linger);
	tcase_add_test(tc, test_negotiate_keepalive);
	tcase_add_test(tc, test_negotiate_tos_ttl);
	tcase_add_test(tc, test_negotiate_rcvbuf);
	tcase_add_test(tc, test_negotiate_udp);
	tcase_add_test(tc, test_negotiate_udp6);
	tcase_add_test(tc, test_negotiate_ticotsord);
	tcase_add_test(tc, test_negotiate_ip_options);
	tcase_add_test(tc, test_negotiate_debug);
	tcase_add_test(tc, test_negotiate_default);
	suite_add_tcase(s, tc);

	tc = tcase_create("status");
	tcase_add_test(tc, test_partsuccess_buffer);
	tcase_add_test(tc, test_partsuccess_garbage);
	tcase_add_test(tc, test_readonly);
	tcase_add_test(tc, test_notsupport);
	tcase_add_test(tc, test_failure);
	tcase_add_test(tc, test_failure_keepalive_time);
	tcase_add_test(tc, test_worst_status);
	suite_add_tcase(s, tc);

	tc = tcase_create("allopt");
	tcase_add_test(tc, test_allopt_current);
	tcase_add_test(tc, test_allopt_negotiate);
	tcase_add_test(tc, test_allopt_check);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_test(tc, test_bad_buffers);
	tcase_add_test(tc, test_two_levels);
	tcase_add_test(tc, test_bad_later_option);
	tcase_add_test(tc, test_bad_flags);
	tcase_add_test(tc, test_bad_fd);
	tcase_add_test(tc, test_bufovflw);
	tcase_add_test(tc, test_maxlen_zero);
	tcase_add_loop_test(tc, test_info_options_suffice, 0, NPROVS);
	suite_add_tcase(s, tc);

	tc = tcase_create("reapply");
	tcase_add_test(tc, test_options_after_unbind);
	tcase_add_test(tc, test_options_after_unbind_udp);
	tcase_add_test(tc, test_options_after_accept);
	tcase_add_test(tc, test_options_in_accept_call);
	tcase_add_test(tc, test_bad_options_in_accept_call);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return mu_run(optmgmt_suite());
}
