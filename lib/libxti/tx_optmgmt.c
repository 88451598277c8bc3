/*
 * tx_optmgmt.c - t_optmgmt: XTI options translated to socket options.
 *
 * Every XTI level/name is translated explicitly through the table below;
 * nothing is passed through (XTI's T_TCP_KEEPALIVE 8 is Linux's
 * TCP_LINGER2, glibc's IP_OPTIONS 4 is another system's T_IP_TTL).
 * Statuses per option: T_SUCCESS, T_PARTSUCCESS (another value took
 * effect), T_FAILURE (value refused), T_READONLY, T_NOTSUPPORT (unknown);
 * ret->flags is the worst of them.  Defaults are read from a fresh socket
 * of the same kind, and T_CHECK tries a value on such a socket, so that it
 * answers what T_NEGOTIATE would.  A malformed request is refused before
 * any option is acted on.  Linux doubles buffer sizes: the library
 * reports half.
 *
 * The TLI entry point takes the SVR4 "struct opthdr" format, whose levels
 * and names are the system's own socket option numbers.
 */
#include "xti_entries.h"

#include <limits.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Which kinds an option applies to. */
#define K_TCP4 0x01
#define K_UDP4 0x02
#define K_UDP6 0x04
#define K_UNIX 0x08
#define K_TCP6 0x10
#define K_TCP  (K_TCP4 | K_TCP6)
#define K_INET (K_TCP | K_UDP4 | K_UDP6)
#define K_CLTS (K_UDP4 | K_UDP6)
#define K_ALL  (K_INET | K_UNIX)

enum tx_vtype {
	V_BOOL,    /* t_uscalar_t T_YES / T_NO */
	V_UINT,    /* t_uscalar_t */
	V_BUF,     /* t_uscalar_t, a buffer size (Linux doubles it) */
	V_LINGER,  /* struct t_linger */
	V_KPALIVE, /* struct t_kpalive */
	V_UCHAR,   /* unsigned char (an int is accepted too) */
	V_DEBUG,   /* array of t_uscalar_t, the first one counts */
	V_BYTES    /* up to vsize bytes */
};

struct tx_optdef {
	t_uscalar_t level, name;
	unsigned int kinds;
	enum tx_vtype vt;
	size_t vsize; /* XTI value size (maximum for V_BYTES) */
	bool readonly;
};

/* Largest IP options block (RFC 791: 40 bytes). */
#define TX_IPOPT_MAX 40

static const struct tx_optdef tx_opts[] = {
	{ XTI_GENERIC, XTI_DEBUG, K_ALL, V_DEBUG, 4, false },
	{ XTI_GENERIC, XTI_LINGER, K_ALL, V_LINGER, sizeof(struct t_linger),
	    false },
	{ XTI_GENERIC, XTI_RCVBUF, K_ALL, V_BUF, 4, false },
	{ XTI_GENERIC, XTI_RCVLOWAT, K_ALL, V_UINT, 4, false },
	{ XTI_GENERIC, XTI_SNDBUF, K_ALL, V_BUF, 4, false },
	{ XTI_GENERIC, XTI_SNDLOWAT, K_ALL, V_UINT, 4, true },
	{ T_INET_TCP, T_TCP_NODELAY, K_TCP, V_BOOL, 4, false },
	{ T_INET_TCP, T_TCP_MAXSEG, K_TCP, V_UINT, 4, true },
	{ T_INET_TCP, T_TCP_KEEPALIVE, K_TCP, V_KPALIVE,
	    sizeof(struct t_kpalive), false },
	{ T_INET_UDP, T_UDP_CHECKSUM, K_UDP4, V_BOOL, 4, false },
	/* IPv4 only: an IPv6 endpoint (IPV6_V6ONLY) never sends IPv4 */
	{ T_INET_IP, T_IP_OPTIONS, K_TCP4 | K_UDP4, V_BYTES, TX_IPOPT_MAX,
	    false },
	{ T_INET_IP, T_IP_TOS, K_INET, V_UCHAR, 1, false },
	{ T_INET_IP, T_IP_TTL, K_INET, V_UCHAR, 1, false },
	{ T_INET_IP, T_IP_REUSEADDR, K_INET, V_BOOL, 4, false },
	{ T_INET_IP, T_IP_DONTROUTE, K_INET, V_BOOL, 4, false },
	{ T_INET_IP, T_IP_BROADCAST, K_CLTS, V_BOOL, 4, false },
};
#define TX_NOPTS (sizeof(tx_opts) / sizeof(tx_opts[0]))

static unsigned int
tx_kindbit(const struct tx_kind *k)
{
	if (tx_is_unix(k))
		return K_UNIX;
	if (k->type == SOCK_STREAM)
		return k->domain == AF_INET ? K_TCP4 : K_TCP6;
	return k->domain == AF_INET ? K_UDP4 : K_UDP6;
}

static const struct tx_optdef *
tx_optdef(const struct tx_kind *k, t_uscalar_t level, t_uscalar_t name)
{
	size_t i;

	for (i = 0; i < TX_NOPTS; i++)
		if (tx_opts[i].level == level && tx_opts[i].name == name)
			return (tx_opts[i].kinds & tx_kindbit(k)) ?
			    &tx_opts[i] :
			    NULL;
	return NULL;
}

static bool
tx_level_known(t_uscalar_t level)
{
	return level == XTI_GENERIC || level == T_INET_TCP ||
	    level == T_INET_UDP || level == T_INET_IP;
}

t_scalar_t
tx_opt_bufsize(const struct tx_kind *k)
{
	size_t i, n = 0;

	for (i = 0; i < TX_NOPTS; i++)
		if (tx_opts[i].kinds & tx_kindbit(k))
			n +=
			    sizeof(struct t_opthdr) + T_ALIGN(tx_opts[i].vsize);
	return (t_scalar_t)n;
}

/* ---- the Linux side of each option ---- */

/*
 * The socket option an XTI option maps to (for the simple value types).
 * Keyed on level and name separately: XTI_GENERIC << 16 does not fit an
 * int, so a combined case label would not be a constant.
 */
static bool
tx_sockopt_of(
    const struct tx_kind *k, const struct tx_optdef *d, int *level, int *name)
{
	bool v6 = k->domain == AF_INET6;

	*level = SOL_SOCKET;
	switch (d->level) {
	case XTI_GENERIC:
		switch (d->name) {
		case XTI_DEBUG:
			*name = SO_DEBUG;
			return true;
		case XTI_RCVBUF:
			*name = SO_RCVBUF;
			return true;
		case XTI_SNDBUF:
			*name = SO_SNDBUF;
			return true;
		case XTI_RCVLOWAT:
			*name = SO_RCVLOWAT;
			return true;
		case XTI_SNDLOWAT:
			*name = SO_SNDLOWAT;
			return true;
		}
		return false;
	case T_INET_TCP:
		*level = IPPROTO_TCP;
		switch (d->name) {
		case T_TCP_NODELAY:
			*name = TCP_NODELAY;
			return true;
		case T_TCP_MAXSEG:
			*name = TCP_MAXSEG;
			return true;
		}
		return false;
	case T_INET_UDP:
		if (d->name != T_UDP_CHECKSUM)
			return false;
		*name = SO_NO_CHECK;
		return true;
	case T_INET_IP:
		switch (d->name) {
		case T_IP_OPTIONS:
			*level = IPPROTO_IP;
			*name = IP_OPTIONS;
			return true;
		case T_IP_TOS:
			*level = v6 ? IPPROTO_IPV6 : IPPROTO_IP;
			*name = v6 ? IPV6_TCLASS : IP_TOS;
			return true;
		case T_IP_TTL:
			*level = v6 ? IPPROTO_IPV6 : IPPROTO_IP;
			*name = v6 ? IPV6_UNICAST_HOPS : IP_TTL;
			return true;
		case T_IP_REUSEADDR:
			*name = SO_REUSEADDR;
			return true;
		case T_IP_DONTROUTE:
			*name = SO_DONTROUTE;
			return true;
		case T_IP_BROADCAST:
			*name = SO_BROADCAST;
			return true;
		}
		return false;
	}
	return false;
}

static int
tx_getint(int fd, int level, int name, int *v)
{
	socklen_t len = sizeof(*v);

	*v = 0;
	return getsockopt(fd, level, name, v, &len);
}

static int
tx_setint(struct tx_ep *ep, int fd, int level, int name, int v)
{
	if (setsockopt(fd, level, name, &v, sizeof(v)) < 0)
		return -1;
	if (ep != NULL)
		tx_record_opt(ep, level, name, &v, sizeof(v));
	return 0;
}

/*
 * Read the value of option d on socket fd into val (XTI layout); the value
 * length, or -1.
 */
static ssize_t
tx_opt_read(const struct tx_kind *k, const struct tx_optdef *d, int fd,
    unsigned char *val)
{
	int level, name, v, idle;
	struct linger lg;
	socklen_t len;
	t_uscalar_t u;

	switch (d->vt) {
	case V_LINGER: {
		struct t_linger tl;

		len = sizeof(lg);
		if (getsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, &len) < 0)
			return -1;
		tl.l_onoff = lg.l_onoff ? T_YES : T_NO;
		tl.l_linger = lg.l_linger;
		memcpy(val, &tl, sizeof(tl));
		return sizeof(tl);
	}
	case V_KPALIVE: {
		struct t_kpalive kp;

		if (tx_getint(fd, SOL_SOCKET, SO_KEEPALIVE, &v) < 0 ||
		    tx_getint(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle) < 0)
			return -1;
		kp.kp_onoff = v ? T_YES : T_NO;
		kp.kp_timeout = idle / 60;
		memcpy(val, &kp, sizeof(kp));
		return sizeof(kp);
	}
	case V_BYTES:
		len = (socklen_t)d->vsize;
		if (!tx_sockopt_of(k, d, &level, &name) ||
		    getsockopt(fd, level, name, val, &len) < 0)
			return -1;
		return len;
	default:
		break;
	}
	if (!tx_sockopt_of(k, d, &level, &name) ||
	    tx_getint(fd, level, name, &v) < 0)
		return -1;
	if (d->vt == V_BUF)
		v /= 2; /* Linux reports twice what was asked */
	if (d->vt == V_BOOL)
		v = (d->name == T_UDP_CHECKSUM) ? (v ? T_NO : T_YES) :
						  (v ? T_YES : T_NO);
	if (d->vt == V_UCHAR) {
		val[0] = (unsigned char)v;
		return 1;
	}
	u = (t_uscalar_t)v;
	memcpy(val, &u, sizeof(u));
	return sizeof(u);
}

/* Is the value acceptable for option d?  (The T_CHECK question.) */
static bool
tx_opt_valid(const struct tx_optdef *d, const unsigned char *val, size_t len)
{
	t_uscalar_t u = 0;

	switch (d->vt) {
	case V_LINGER: {
		struct t_linger tl;

		memcpy(&tl, val, sizeof(tl));
		if (tl.l_onoff != T_YES && tl.l_onoff != T_NO)
			return false;
		return tl.l_linger == T_UNSPEC || tl.l_linger >= 0;
	}
	case V_KPALIVE: {
		struct t_kpalive kp;

		memcpy(&kp, val, sizeof(kp));
		if ((kp.kp_onoff & ~T_GARBAGE) != T_YES &&
		    (kp.kp_onoff & ~T_GARBAGE) != T_NO)
			return false;
		/* minutes, set in seconds: must not overflow an int */
		return kp.kp_timeout == T_UNSPEC ||
		    (kp.kp_timeout > 0 && kp.kp_timeout <= INT_MAX / 60);
	}
	case V_BYTES:
		return len <= d->vsize;
	case V_UCHAR:
		if (len == 1)
			return true;
		memcpy(&u, val, sizeof(u));
		return u <= 255;
	default:
		memcpy(&u, val, sizeof(u));
		if (d->vt == V_BOOL)
			return u == T_YES || u == T_NO;
		if (d->vt == V_BUF)
			return u > 0; /* too large: capped, T_PARTSUCCESS */
		return u <= (t_uscalar_t)INT32_MAX;
	}
}

/*
 * Set option d on socket fd of kind k from an XTI value (valid): the
 * status.  The value in effect afterwards is what the caller reads back.
 * What was set is recorded on ep for re-application, unless ep is NULL
 * (T_CHECK tries the value on a scratch socket).
 */
static t_uscalar_t
tx_opt_set(const struct tx_kind *k, int fd, struct tx_ep *ep,
    const struct tx_optdef *d, const unsigned char *val, size_t len)
{
	int level, name, v, cur;
	t_uscalar_t u = 0, status = T_SUCCESS;

	if (d->readonly)
		return T_READONLY;
	switch (d->vt) {
	case V_LINGER: {
		struct t_linger tl;
		struct linger lg;
		socklen_t lglen = sizeof(lg);

		memcpy(&tl, val, sizeof(tl));
		if (getsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, &lglen) < 0)
			return T_FAILURE;
		lg.l_onoff = tl.l_onoff == T_YES;
		if (tl.l_linger != T_UNSPEC)
			lg.l_linger = tl.l_linger;
		if (setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)) < 0)
			return T_FAILURE;
		if (ep != NULL)
			tx_record_opt(
			    ep, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
		return T_SUCCESS;
	}
	case V_KPALIVE: {
		struct t_kpalive kp;

		memcpy(&kp, val, sizeof(kp));
		if (tx_setint(ep, fd, SOL_SOCKET, SO_KEEPALIVE,
			(kp.kp_onoff & ~T_GARBAGE) == T_YES) < 0)
			return T_FAILURE;
		if (kp.kp_timeout != T_UNSPEC &&
		    tx_setint(ep, fd, IPPROTO_TCP, TCP_KEEPIDLE,
			kp.kp_timeout * 60) < 0)
			return T_FAILURE;
		/* no garbage byte on Linux */
		return (kp.kp_onoff & T_GARBAGE) ? T_PARTSUCCESS : T_SUCCESS;
	}
	case V_BYTES:
		if (!tx_sockopt_of(k, d, &level, &name) ||
		    setsockopt(fd, level, name, val, (socklen_t)len) < 0)
			return T_FAILURE;
		if (ep != NULL)
			tx_record_opt(ep, level, name, val, (socklen_t)len);
		return T_SUCCESS;
	case V_UCHAR:
		if (len == 1)
			u = val[0];
		else
			memcpy(&u, val, sizeof(u));
		break;
	default:
		memcpy(&u, val, sizeof(u));
		break;
	}
	if (!tx_sockopt_of(k, d, &level, &name))
		return T_NOTSUPPORT;
	v = u > INT_MAX ? INT_MAX : (int)u;
	if (d->vt == V_BOOL)
		v = (d->name == T_UDP_CHECKSUM) ? (u == T_NO) : (u == T_YES);
	if (tx_setint(ep, fd, level, name, v) < 0)
		return T_FAILURE;
	if (d->vt == V_BUF && tx_getint(fd, level, name, &cur) == 0 &&
	    (t_uscalar_t)(cur / 2) != u)
		status = T_PARTSUCCESS;
	return status;
}

/* ---- the XTI option buffer ---- */

struct tx_obuf {
	unsigned char *buf;
	size_t len, cap;
};

static int
tx_obuf_add(struct tx_obuf *o, t_uscalar_t level, t_uscalar_t name,
    t_uscalar_t status, const void *val, size_t vlen)
{
	struct t_opthdr h;
	size_t need = sizeof(h) + T_ALIGN(vlen);

	if (o->len + need > o->cap) {
		size_t ncap = o->cap ? o->cap * 2 : 256;
		unsigned char *nb;

		while (ncap < o->len + need)
			ncap *= 2;
		if ((nb = realloc(o->buf, ncap)) == NULL)
			return tx_sysfail(ENOMEM);
		o->buf = nb;
		o->cap = ncap;
	}
	h.len = (t_uscalar_t)(sizeof(h) + vlen);
	h.level = level;
	h.name = name;
	h.status = status;
	memcpy(o->buf + o->len, &h, sizeof(h));
	memset(o->buf + o->len + sizeof(h), 0, T_ALIGN(vlen));
	if (vlen > 0)
		memcpy(o->buf + o->len + sizeof(h), val, vlen);
	o->len += need;
	return 0;
}

/* Status ranking, best first: the result flags carry the worst. */
static t_uscalar_t
tx_worst(t_uscalar_t a, t_uscalar_t b)
{
	static const t_uscalar_t rank[] = { T_SUCCESS, T_PARTSUCCESS, T_FAILURE,
		T_READONLY, T_NOTSUPPORT };
	int ia = 0, ib = 0, i;

	for (i = 0; i < 5; i++) {
		if (rank[i] == a)
			ia = i;
		if (rank[i] == b)
			ib = i;
	}
	return ia >= ib ? a : b;
}

/* A fresh socket of ep's kind, to read default values from. */
static int
tx_scratch(const struct tx_kind *k)
{
	int fd = socket(k->domain, k->type | SOCK_CLOEXEC, k->protocol);

	if (fd >= 0)
		tx_sockdefaults(fd, k);
	return fd;
}

/* The length of a value the caller gave for d must be exact (except for
 * V_BYTES, V_DEBUG and V_UCHAR); false means TBADOPT. */
static bool
tx_vlen_ok(const struct tx_optdef *d, size_t vlen)
{
	switch (d->vt) {
	case V_BYTES:
		return true;
	case V_DEBUG:
		return vlen % sizeof(t_uscalar_t) == 0;
	case V_UCHAR:
		return vlen == 1 || vlen == sizeof(t_uscalar_t);
	default:
		return vlen == d->vsize;
	}
}

/*
 * T_CHECK of one option: the status T_NEGOTIATE would give, found by
 * trying the value on the scratch socket.  Without a value: whether the
 * option is supported and writable.  The value to return goes to cur
 * (length in clen): the caller's, or for T_PARTSUCCESS the one that
 * would take effect.
 */
static t_uscalar_t
tx_opt_check(struct tx_ep *ep, const struct tx_optdef *d,
    const unsigned char *val, size_t vlen, int scratch, unsigned char *cur,
    ssize_t *clen)
{
	t_uscalar_t st;

	*clen = -1;
	if (d->readonly)
		return T_READONLY;
	if (vlen == 0)
		return T_SUCCESS;
	if (!tx_opt_valid(d, val, vlen))
		return T_FAILURE;
	if (scratch < 0)
		return T_FAILURE;
	st = tx_opt_set(ep->kind, scratch, NULL, d, val, vlen);
	if (st == T_PARTSUCCESS)
		*clen = tx_opt_read(ep->kind, d, scratch, cur);
	return st;
}

/* One option of a request; appends the answer to o. */
static int
tx_opt_one(struct tx_ep *ep, int flag, t_uscalar_t level, t_uscalar_t name,
    const unsigned char *val, size_t vlen, int scratch, struct tx_obuf *o,
    t_uscalar_t *worst)
{
	const struct tx_optdef *d = tx_optdef(ep->kind, level, name);
	unsigned char cur[TX_IPOPT_MAX];
	t_uscalar_t st = T_SUCCESS;
	ssize_t clen;

	if (d == NULL) {
		*worst = tx_worst(*worst, T_NOTSUPPORT);
		return tx_obuf_add(o, level, name, T_NOTSUPPORT, val, vlen);
	}
	switch (flag) {
	case T_CHECK:
		st = tx_opt_check(ep, d, val, vlen, scratch, cur, &clen);
		*worst = tx_worst(*worst, st);
		if (clen >= 0)
			return tx_obuf_add(
			    o, level, name, st, cur, (size_t)clen);
		return tx_obuf_add(o, level, name, st, val, vlen);
	case T_NEGOTIATE:
		if (vlen == 0) {
			/* no value: negotiate the default */
			clen = tx_opt_read(ep->kind, d, scratch, cur);
			if (clen < 0) {
				st = T_FAILURE;
				break;
			}
			st = tx_opt_set(
			    ep->kind, ep->fd, ep, d, cur, (size_t)clen);
		} else if (!tx_opt_valid(d, val, vlen)) {
			st = T_FAILURE;
		} else {
			st = tx_opt_set(ep->kind, ep->fd, ep, d, val, vlen);
		}
		break;
	case T_DEFAULT:
	case T_CURRENT:
		st = d->readonly ? T_READONLY : T_SUCCESS;
		break;
	}
	clen =
	    tx_opt_read(ep->kind, d, flag == T_DEFAULT ? scratch : ep->fd, cur);
	if (clen < 0) {
		if (st == T_SUCCESS)
			st = T_FAILURE;
		clen = 0;
	}
	*worst = tx_worst(*worst, st);
	return tx_obuf_add(o, level, name, st, cur, (size_t)clen);
}

/* Every option of one level (T_ALLOPT); a level without any options for
 * this provider is answered with T_NOTSUPPORT. */
static int
tx_opt_all(struct tx_ep *ep, int flag, t_uscalar_t level, int scratch,
    struct tx_obuf *o, t_uscalar_t *worst)
{
	size_t i, n = 0;

	for (i = 0; i < TX_NOPTS; i++) {
		if (tx_opts[i].level != level ||
		    !(tx_opts[i].kinds & tx_kindbit(ep->kind)))
			continue;
		n++;
		if (flag == T_NEGOTIATE && tx_opts[i].readonly)
			continue;
		if (tx_opt_one(ep, flag, level, tx_opts[i].name, NULL, 0,
			scratch, o, worst) < 0)
			return -1;
	}
	if (n == 0) {
		*worst = tx_worst(*worst, T_NOTSUPPORT);
		return tx_obuf_add(o, level, T_ALLOPT, T_NOTSUPPORT, NULL, 0);
	}
	return 0;
}

/*
 * Is an XTI request well formed?  Checked in full before any option is
 * acted on, so that a TBADOPT request changes nothing: the buffer must be
 * aligned, every header must fit and give a length that stays inside the
 * buffer, all options must be of one level, nothing but padding may follow
 * the last option, T_ALLOPT is not for T_CHECK, and the value of a known
 * option must have its size.  Options after a T_ALLOPT are not looked at.
 */
static bool
tx_opt_wellformed(struct tx_ep *ep, int flag, const struct netbuf *req)
{
	const unsigned char *p = req->buf;
	size_t off = 0, len = req->len;
	const struct tx_optdef *d;
	struct t_opthdr h;
	t_uscalar_t level0 = 0;

	if (len > 0 && p == NULL)
		return false;
	if (len > 0 && len < sizeof(h))
		return false;
	if (((uintptr_t)p % sizeof(t_uscalar_t)) != 0)
		return false;
	while (off + sizeof(h) <= len) {
		memcpy(&h, p + off, sizeof(h));
		if (h.len < sizeof(h) || h.len > len - off ||
		    (off > 0 && h.level != level0))
			return false;
		level0 = h.level;
		if (h.name == T_ALLOPT && tx_level_known(h.level))
			return flag != T_CHECK;
		d = tx_optdef(ep->kind, h.level, h.name);
		if (d != NULL && h.len > sizeof(h) &&
		    !tx_vlen_ok(d, h.len - sizeof(h)))
			return false;
		off += T_ALIGN(h.len);
	}
	return off >= len; /* else trailing bytes, not an option */
}

/* Walk an XTI request (malformed buffers are TBADOPT). */
static int
tx_opt_walk(struct tx_ep *ep, int flag, const struct netbuf *req,
    struct tx_obuf *o, t_uscalar_t *worst)
{
	const unsigned char *p = req->buf;
	size_t off = 0, len = req->len;
	struct t_opthdr h;
	int scratch, r = 0;

	if (!tx_opt_wellformed(ep, flag, req))
		return tx_fail(TBADOPT);
	scratch = tx_scratch(ep->kind);
	while (r == 0 && off + sizeof(h) <= len) {
		memcpy(&h, p + off, sizeof(h));
		if (h.name == T_ALLOPT && tx_level_known(h.level)) {
			/* options after T_ALLOPT are ignored */
			r = tx_opt_all(ep, flag, h.level, scratch, o, worst);
			break;
		}
		r = tx_opt_one(ep, flag, h.level, h.name, p + off + sizeof(h),
		    h.len - sizeof(h), scratch, o, worst);
		off += T_ALIGN(h.len);
	}
	if (scratch >= 0)
		close(scratch);
	return r;
}

static int
tx_optmgmt_xti(
    struct tx_ep *ep, const struct t_optmgmt *req, struct t_optmgmt *ret)
{
	struct tx_obuf o = { NULL, 0, 0 };
	t_uscalar_t worst = T_SUCCESS;
	int flag = req->flags, r;

	if (flag != T_NEGOTIATE && flag != T_CHECK && flag != T_DEFAULT &&
	    flag != T_CURRENT)
		return tx_fail(TBADFLAG);
	r = tx_opt_walk(ep, flag, &req->opt, &o, &worst);
	if (r == 0 && ret != NULL) {
		ret->flags = (t_scalar_t)worst;
		r = tx_copyout(&ret->opt, o.buf, o.len, TX_XTI);
	}
	free(o.buf);
	return r;
}

TX_HIDDEN int
tx_check_opts(struct tx_ep *ep, const struct netbuf *opt, enum tx_flavour flav)
{
	struct tx_obuf o = { NULL, 0, 0 };
	t_uscalar_t worst = T_SUCCESS;
	int r;

	if (flav == TX_TLI || opt->len == 0)
		return 0;
	r = tx_opt_walk(ep, T_CHECK, opt, &o, &worst);
	free(o.buf);
	if (r == 0 && worst != T_SUCCESS && worst != T_PARTSUCCESS)
		return tx_fail(TBADOPT);
	return r;
}

TX_HIDDEN int
tx_apply_opts(struct tx_ep *ep, const struct netbuf *opt, enum tx_flavour flav)
{
	struct tx_obuf o = { NULL, 0, 0 };
	t_uscalar_t worst = T_SUCCESS;
	int r;

	if (flav == TX_TLI)
		return 0; /* TLI connect options are provider-private */
	r = tx_opt_walk(ep, T_NEGOTIATE, opt, &o, &worst);
	free(o.buf);
	if (r == 0 && worst != T_SUCCESS && worst != T_PARTSUCCESS)
		return tx_fail(TBADOPT);
	return r;
}

/* ---- TLI: struct opthdr records, the system's own option numbers ---- */

struct tx_tli_opthdr {
	t_uscalar_t level, name, len;
};
#define TX_TLI_OPTLEN(x) \
	((((x) + sizeof(t_uscalar_t) - 1) / sizeof(t_uscalar_t)) * \
	    sizeof(t_uscalar_t))

static int
tx_optmgmt_tli(
    struct tx_ep *ep, const struct t_optmgmt *req, struct t_optmgmt *ret)
{
	const unsigned char *p = req->opt.buf;
	size_t off = 0, len = req->opt.len;
	unsigned char *out;
	struct tx_tli_opthdr h;
	int flag = req->flags, fd, r = 0;
	t_scalar_t result = T_SUCCESS;
	socklen_t vl;

	if (flag != T_NEGOTIATE && flag != T_CHECK && flag != T_DEFAULT &&
	    flag != T_CURRENT)
		return tx_fail(TBADFLAG);
	if (len > 0 && p == NULL)
		return tx_fail(TBADOPT);
	out = calloc(1, len + 1);
	if (out == NULL)
		return tx_sysfail(ENOMEM);
	if (len > 0) /* an empty request may have no buffer at all */
		memcpy(out, p, len);
	fd = (flag == T_NEGOTIATE || flag == T_CURRENT) ? ep->fd :
							  tx_scratch(ep->kind);
	while (off + sizeof(h) <= len) {
		memcpy(&h, p + off, sizeof(h));
		if (h.len > len - off - sizeof(h)) {
			r = tx_fail(TBADOPT);
			break;
		}
		vl = h.len;
		if (flag == T_NEGOTIATE || flag == T_CHECK) {
			if (setsockopt(fd, (int)h.level, (int)h.name,
				p + off + sizeof(h), h.len) < 0) {
				if (flag == T_NEGOTIATE) {
					r = tx_fail(TBADOPT);
					break;
				}
				result = T_FAILURE;
			} else if (flag == T_NEGOTIATE) {
				tx_record_opt(ep, (int)h.level, (int)h.name,
				    p + off + sizeof(h), h.len);
			}
		}
		if (flag != T_CHECK)
			(void)getsockopt(fd, (int)h.level, (int)h.name,
			    out + off + sizeof(h), &vl);
		off += sizeof(h) + TX_TLI_OPTLEN(h.len);
	}
	if (fd != ep->fd && fd >= 0)
		close(fd);
	if (r == 0 && ret != NULL) {
		ret->flags = flag == T_CHECK ? result : req->flags;
		r = tx_copyout(&ret->opt, out, len, TX_TLI);
	}
	free(out);
	return r;
}

static int
tx_optmgmt(int fd, const struct t_optmgmt *req, struct t_optmgmt *ret,
    enum tx_flavour flav)
{
	struct tx_ep *ep = tx_enter(fd);
	int r;

	if (ep == NULL)
		return -1;
	if (req == NULL) {
		tx_leave();
		return tx_fail(TBADOPT);
	}
	r = flav == TX_XTI ? tx_optmgmt_xti(ep, req, ret) :
			     tx_optmgmt_tli(ep, req, ret);
	tx_leave();
	return r;
}

TX_ENTRY int
t_optmgmt(int fd, const struct t_optmgmt *req, struct t_optmgmt *ret)
{
	return tx_optmgmt(fd, req, ret, TX_TLI);
}

TX_ENTRY int
_xti_optmgmt(int fd, const struct t_optmgmt *req, struct t_optmgmt *ret)
{
	return tx_optmgmt(fd, req, ret, TX_XTI);
}

/* ---- recorded options ---- */

void
tx_record_opt(
    struct tx_ep *ep, int level, int name, const void *val, socklen_t len)
{
	int i;

	if (len > sizeof(ep->opts[0].val))
		return; /* IP options: not re-applied */
	for (i = 0; i < ep->nopts; i++)
		if (ep->opts[i].level == level && ep->opts[i].name == name)
			break;
	if (i == ep->nopts) {
		if (ep->nopts >= TX_MAXSOCKOPTS)
			return;
		ep->nopts++;
	}
	ep->opts[i].level = level;
	ep->opts[i].name = name;
	ep->opts[i].len = len;
	memcpy(ep->opts[i].val, val, len);
}

void
tx_reapply_opts(struct tx_ep *ep)
{
	int i;

	for (i = 0; i < ep->nopts; i++)
		(void)setsockopt(ep->fd, ep->opts[i].level, ep->opts[i].name,
		    ep->opts[i].val, ep->opts[i].len);
}
