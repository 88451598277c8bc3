/*
 * check_netdir.c - the <netdir.h> subset: netdir_getbyname and
 * netdir_getbyaddr on the inet, inet6 and loopback transports of
 * netconfig, netdir_free, netdir_options, the error texts, and the
 * universal-address functions of libtirpc reached through <netdir.h>.
 *
 * This file also includes <rpc/rpc.h> with <xti.h> and <netdir.h>: a
 * program using TI-RPC and XTI must compile without redefinitions.
 */
#include <rpc/rpc.h>
#include <xti.h>
#include <netdir.h>

#include "misc_util.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <pthread.h>

/* DNS is not needed by these tests; keep a failing lookup short. */
static void
quick_resolver(void)
{
	setenv("RES_OPTIONS", "timeout:1 attempts:1", 1);
}

static struct netconfig *
nc(const char *netid)
{
	struct netconfig *n = getnetconfigent(netid);

	ck_assert_msg(n != NULL, "no netconfig entry %s", netid);
	return n;
}

static struct nd_addrlist *
byname(struct netconfig *n, const char *host, const char *serv)
{
	struct nd_hostserv hs = { (char *)host, (char *)serv };
	struct nd_addrlist *al = (void *)1;

	ck_assert_msg(netdir_getbyname(n, &hs, &al) == 0,
	    "netdir_getbyname(%s, %s): %s", host, serv, netdir_sperror());
	ck_assert_ptr_nonnull(al);
	ck_assert_int_ge(al->n_cnt, 1);
	return al;
}

static const struct sockaddr_in *
sin_of(const struct netbuf *nb)
{
	ck_assert_uint_eq(nb->len, sizeof(struct sockaddr_in));
	ck_assert_uint_ge(nb->maxlen, nb->len);
	ck_assert_int_eq(((struct sockaddr *)nb->buf)->sa_family, AF_INET);
	return nb->buf;
}

static const struct sockaddr_in6 *
sin6_of(const struct netbuf *nb)
{
	ck_assert_uint_eq(nb->len, sizeof(struct sockaddr_in6));
	ck_assert_int_eq(((struct sockaddr *)nb->buf)->sa_family, AF_INET6);
	return nb->buf;
}

/* The lookup failed with this _nderror. */
static void
byname_fails(struct netconfig *n, const char *host, const char *serv, int err)
{
	struct nd_hostserv hs = { (char *)host, (char *)serv };
	struct nd_addrlist *al = NULL;

	_nderror = 12345;
	ck_assert_int_ne(netdir_getbyname(n, &hs, &al), 0);
	ck_assert_msg(_nderror == err, "%s/%s: _nderror %d, wanted %d",
	    host ? host : "(null)", serv ? serv : "(null)", _nderror, err);
}

START_TEST(test_constants)
{
	ck_assert_int_eq(ND_HOSTSERV, 0);
	ck_assert_int_eq(ND_ADDRLIST, 3);
	ck_assert_int_eq(ND_BADARG, -2);
	ck_assert_int_eq(ND_NOHOST, 1);
	ck_assert_int_eq(ND_NOSERV, 2);
	ck_assert_int_eq(ND_SYSTEM, 9);
	ck_assert_int_eq(ND_SET_RESERVEDPORT, 2);
	ck_assert_int_eq(ND_MERGEADDR, 4);
	ck_assert_str_eq(HOST_SELF, "\\1");
	ck_assert_str_eq(HOST_SELF_CONNECT, "\\4");
}
END_TEST

START_TEST(test_self_inet)
{
	struct netconfig *n = nc("tcp");
	struct nd_addrlist *al;
	const struct sockaddr_in *sin;

	al = byname(n, HOST_SELF, "1234");
	ck_assert_int_eq(al->n_cnt, 1);
	sin = sin_of(&al->n_addrs[0]);
	ck_assert_int_eq(sin->sin_addr.s_addr, htonl(INADDR_ANY));
	ck_assert_int_eq(ntohs(sin->sin_port), 1234);
	netdir_free(al, ND_ADDRLIST);
	al = byname(n, HOST_SELF_CONNECT, "1234");
	ck_assert_int_eq(al->n_cnt, 1);
	sin = sin_of(&al->n_addrs[0]);
	ck_assert_int_eq(sin->sin_addr.s_addr, htonl(INADDR_LOOPBACK));
	ck_assert_int_eq(ntohs(sin->sin_port), 1234);
	netdir_free(al, ND_ADDRLIST);
	freenetconfigent(n);
}
END_TEST

START_TEST(test_self_inet6)
{
	struct netconfig *n = nc("udp6");
	struct nd_addrlist *al;
	const struct sockaddr_in6 *sin6;

	al = byname(n, HOST_SELF, "2049");
	sin6 = sin6_of(&al->n_addrs[0]);
	ck_assert(IN6_IS_ADDR_UNSPECIFIED(&sin6->sin6_addr));
	ck_assert_int_eq(ntohs(sin6->sin6_port), 2049);
	netdir_free(al, ND_ADDRLIST);
	al = byname(n, HOST_SELF_CONNECT, "2049");
	sin6 = sin6_of(&al->n_addrs[0]);
	ck_assert(IN6_IS_ADDR_LOOPBACK(&sin6->sin6_addr));
	netdir_free(al, ND_ADDRLIST);
	/* IPv6 has no broadcast address */
	byname_fails(n, HOST_BROADCAST, "1", ND_NOHOST);
	freenetconfigent(n);
}
END_TEST

START_TEST(test_numeric)
{
	struct netconfig *n = nc("tcp");
	struct nd_addrlist *al;
	const struct sockaddr_in *sin;

	al = byname(n, "127.0.0.1", "80");
	ck_assert_int_eq(al->n_cnt, 1);
	sin = sin_of(&al->n_addrs[0]);
	ck_assert_int_eq(sin->sin_addr.s_addr, htonl(INADDR_LOOPBACK));
	ck_assert_int_eq(ntohs(sin->sin_port), 80);
	netdir_free(al, ND_ADDRLIST);
	al = byname(n, "10.1.2.3", "0");
	sin = sin_of(&al->n_addrs[0]);
	ck_assert_int_eq(sin->sin_addr.s_addr, inet_addr("10.1.2.3"));
	ck_assert_int_eq(sin->sin_port, 0);
	netdir_free(al, ND_ADDRLIST);
	freenetconfigent(n);
	n = nc("tcp6");
	al = byname(n, "::1", "65535");
	ck_assert(IN6_IS_ADDR_LOOPBACK(&sin6_of(&al->n_addrs[0])->sin6_addr));
	ck_assert_int_eq(ntohs(sin6_of(&al->n_addrs[0])->sin6_port), 65535);
	netdir_free(al, ND_ADDRLIST);
	freenetconfigent(n);
}
END_TEST

START_TEST(test_localhost)
{
	struct netconfig *n = nc("tcp");
	struct nd_addrlist *al;
	bool loop = false;
	int i;

	quick_resolver();
	al = byname(n, "localhost", "7");
	for (i = 0; i < al->n_cnt; i++) {
		const struct sockaddr_in *sin = sin_of(&al->n_addrs[i]);

		ck_assert_int_eq(ntohs(sin->sin_port), 7);
		if (sin->sin_addr.s_addr == htonl(INADDR_LOOPBACK))
			loop = true;
	}
	ck_assert(loop);
	netdir_free(al, ND_ADDRLIST);
	freenetconfigent(n);
}
END_TEST

/* A service name from the services database, for the transport's
 * protocol (skipped where the database has no "echo"). */
START_TEST(test_named_service)
{
	struct netconfig *n = nc("udp");
	struct servent *se = getservbyname("echo", "udp");
	struct nd_addrlist *al;

	if (se == NULL)
		return;
	al = byname(n, HOST_SELF_CONNECT, "echo");
	ck_assert_int_eq(sin_of(&al->n_addrs[0])->sin_port, se->s_port);
	netdir_free(al, ND_ADDRLIST);
	freenetconfigent(n);
}
END_TEST

/* As SVR4: no service is port 0, "rpcbind" is port 111 whatever the
 * services file calls it. */
START_TEST(test_special_services)
{
	struct netconfig *n = nc("tcp"), *n6 = nc("udp6");
	struct nd_addrlist *al;

	al = byname(n, HOST_SELF_CONNECT, NULL);
	ck_assert_int_eq(sin_of(&al->n_addrs[0])->sin_port, 0);
	netdir_free(al, ND_ADDRLIST);
	al = byname(n, HOST_SELF_CONNECT, "rpcbind");
	ck_assert_int_eq(ntohs(sin_of(&al->n_addrs[0])->sin_port), 111);
	netdir_free(al, ND_ADDRLIST);
	al = byname(n6, HOST_SELF, "rpcbind");
	ck_assert_int_eq(ntohs(sin6_of(&al->n_addrs[0])->sin6_port), 111);
	netdir_free(al, ND_ADDRLIST);
	al = byname(n, HOST_SELF, "00080");
	ck_assert_int_eq(ntohs(sin_of(&al->n_addrs[0])->sin_port), 80);
	netdir_free(al, ND_ADDRLIST);
	freenetconfigent(n);
	freenetconfigent(n6);
}
END_TEST

START_TEST(test_errors)
{
	struct netconfig *n = nc("tcp");
	struct nd_hostserv hs = { HOST_SELF, "1" };
	struct nd_addrlist *al;

	quick_resolver();
	byname_fails(n, HOST_SELF, "no-such-service-here", ND_NOSERV);
	byname_fails(n, HOST_SELF, "65536", ND_NOSERV);
	byname_fails(n, HOST_SELF, "", ND_NOSERV);
	byname_fails(n, HOST_SELF, "+12", ND_NOSERV);
	byname_fails(n, HOST_SELF, " 12", ND_NOSERV);
	byname_fails(n, HOST_SELF, "99999999999999999999999", ND_NOSERV);
	byname_fails(n, "no-such-host.invalid", "1", ND_NOHOST);
	byname_fails(n, NULL, "1", ND_NOHOST);
	ck_assert_int_ne(netdir_getbyname(NULL, &hs, &al), 0);
	ck_assert_int_eq(_nderror, ND_BADARG);
	ck_assert_int_ne(netdir_getbyname(n, NULL, &al), 0);
	ck_assert_int_eq(_nderror, ND_BADARG);
	ck_assert_int_ne(netdir_getbyname(n, &hs, NULL), 0);
	ck_assert_int_eq(_nderror, ND_BADARG);
	freenetconfigent(n);
}
END_TEST

/* The loopback transport "local": the service is a path. */
START_TEST(test_local_path)
{
	struct netconfig *n = nc("local");
	const char *tmp = getenv("TMPDIR");
	char dir[80], path[128];
	struct nd_addrlist *al;
	struct sockaddr_un sun;
	socklen_t slen = sizeof(sun);
	struct t_bind req;
	const struct sockaddr_un *got;
	int fd;

	/* a socket path must fit in sun_path */
	if (tmp == NULL || *tmp == '\0' || strlen(tmp) > 40)
		tmp = "/tmp";
	snprintf(dir, sizeof(dir), "%s/listen-netdir-XXXXXX", tmp);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/svc", dir);
	al = byname(n, HOST_SELF, path);
	ck_assert_int_eq(al->n_cnt, 1);
	got = al->n_addrs[0].buf;
	ck_assert_int_eq(got->sun_family, AF_UNIX);
	ck_assert_uint_eq(al->n_addrs[0].len,
	    offsetof(struct sockaddr_un, sun_path) + strlen(path));
	ck_assert(strncmp(got->sun_path, path, strlen(path)) == 0);
	/* the address binds a local endpoint to that path */
	fd = t_open("local", O_RDWR, NULL);
	MU_TOK(fd);
	memset(&req, 0, sizeof(req));
	req.addr = al->n_addrs[0];
	MU_TOK(t_bind(fd, &req, NULL));
	ck_assert(getsockname(fd, (struct sockaddr *)&sun, &slen) == 0);
	ck_assert_str_eq(sun.sun_path, path);
	t_close(fd);
	netdir_free(al, ND_ADDRLIST);
	unlink(path);
	rmdir(dir);
	/* a path that does not fit a sockaddr_un */
	memset(path, 'p', sizeof(path) - 1);
	path[sizeof(path) - 1] = '\0';
	byname_fails(n, HOST_SELF, path, ND_NOSERV);
	freenetconfigent(n);
}
END_TEST

/*
 * A Solaris-style netconfig entry for ticotsord (Debian's has none): the
 * service is the address itself, raw bytes naming an abstract socket.
 */
START_TEST(test_ticotsord_names)
{
	struct netconfig n;
	struct nd_addrlist *al;
	struct nd_hostservlist *hl = NULL;
	struct t_bind req, ret;
	char name[64], got[128];
	size_t len;
	int fd;

	memset(&n, 0, sizeof(n));
	n.nc_netid = "ticotsord";
	n.nc_semantics = NC_TPI_COTS_ORD;
	n.nc_protofmly = NC_LOOPBACK;
	n.nc_proto = NC_NOPROTO;
	n.nc_device = "/dev/ticotsord";
	len = mu_absname(name, sizeof(name), "nd");
	al = byname(&n, HOST_SELF, name);
	ck_assert_int_eq(al->n_cnt, 1);
	ck_assert_uint_eq(al->n_addrs[0].len, len);
	ck_assert_mem_eq(al->n_addrs[0].buf, name, len);
	/* it binds a ticotsord endpoint to that name */
	fd = t_open(n.nc_device, O_RDWR, NULL);
	MU_TOK(fd);
	memset(&req, 0, sizeof(req));
	memset(&ret, 0, sizeof(ret));
	req.addr = al->n_addrs[0];
	ret.addr.buf = got;
	ret.addr.maxlen = sizeof(got);
	MU_TOK(t_bind(fd, &req, &ret));
	ck_assert_uint_eq(ret.addr.len, len);
	ck_assert_mem_eq(got, name, len);
	/* and maps back */
	ck_assert_int_eq(netdir_getbyaddr(&n, &hl, &ret.addr), 0);
	ck_assert_int_eq(hl->h_cnt, 1);
	ck_assert_str_eq(hl->h_hostservs[0].h_serv, name);
	netdir_free(hl, ND_HOSTSERVLIST);
	netdir_free(al, ND_ADDRLIST);
	t_close(fd);
}
END_TEST

/* What netdir_getbyaddr says maps back to the same address. */
START_TEST(test_getbyaddr_inet)
{
	struct netconfig *n = nc("tcp");
	struct nd_hostservlist *hl = NULL;
	struct nd_addrlist *al;
	struct sockaddr_in sin;
	struct netbuf nb;
	bool found = false;
	int i;

	quick_resolver();
	mu_sin_loop(&sin, htons(7));
	nb.buf = &sin;
	nb.len = nb.maxlen = sizeof(sin);
	ck_assert_int_eq(netdir_getbyaddr(n, &hl, &nb), 0);
	ck_assert_ptr_nonnull(hl);
	ck_assert_int_ge(hl->h_cnt, 1);
	ck_assert_ptr_nonnull(hl->h_hostservs[0].h_host);
	ck_assert_ptr_nonnull(hl->h_hostservs[0].h_serv);
	if (getservbyport(htons(7), "tcp") != NULL)
		ck_assert_str_eq(hl->h_hostservs[0].h_serv,
		    getservbyport(htons(7), "tcp")->s_name);
	else
		ck_assert_str_eq(hl->h_hostservs[0].h_serv, "7");
	al = byname(n, hl->h_hostservs[0].h_host, hl->h_hostservs[0].h_serv);
	for (i = 0; i < al->n_cnt; i++)
		if (sin_of(&al->n_addrs[i])->sin_addr.s_addr ==
			htonl(INADDR_LOOPBACK) &&
		    sin_of(&al->n_addrs[i])->sin_port == htons(7))
			found = true;
	ck_assert(found);
	netdir_free(al, ND_ADDRLIST);
	netdir_free(hl, ND_HOSTSERVLIST);
	freenetconfigent(n);
}
END_TEST

START_TEST(test_getbyaddr_local)
{
	struct netconfig *n = nc("local");
	struct nd_hostservlist *hl = NULL;
	struct sockaddr_un sun;
	struct netbuf nb;
	const char *path = "/run/some/service";

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	nb.buf = &sun;
	nb.len = nb.maxlen =
	    (unsigned int)(offsetof(struct sockaddr_un, sun_path) +
		strlen(path));
	ck_assert_int_eq(netdir_getbyaddr(n, &hl, &nb), 0);
	ck_assert_int_eq(hl->h_cnt, 1);
	ck_assert_str_eq(hl->h_hostservs[0].h_serv, path);
	ck_assert_uint_gt(strlen(hl->h_hostservs[0].h_host), 0);
	netdir_free(hl, ND_HOSTSERVLIST);
	freenetconfigent(n);
}
END_TEST

START_TEST(test_getbyaddr_errors)
{
	struct netconfig *n = nc("tcp");
	struct nd_hostservlist *hl = NULL;
	struct sockaddr_in sin;
	struct netbuf nb;

	mu_sin_loop(&sin, htons(7));
	nb.buf = &sin;
	nb.len = nb.maxlen = 4;
	ck_assert_int_ne(netdir_getbyaddr(n, &hl, &nb), 0);
	ck_assert_int_eq(_nderror, ND_BADARG);
	ck_assert_int_ne(netdir_getbyaddr(n, &hl, NULL), 0);
	ck_assert_int_eq(_nderror, ND_BADARG);
	nb.len = sizeof(sin);
	ck_assert_int_ne(netdir_getbyaddr(NULL, &hl, &nb), 0);
	ck_assert_int_eq(_nderror, ND_BADARG);
	ck_assert_int_ne(netdir_getbyaddr(n, NULL, &nb), 0);
	ck_assert_int_eq(_nderror, ND_BADARG);
	freenetconfigent(n);
}
END_TEST

/* Every structure type netdir_free knows; the sanitizer build checks
 * that everything is released. */
START_TEST(test_free_each)
{
	struct netconfig *n = nc("udp");
	struct nd_hostserv *hs;
	struct nd_hostservlist *hl;
	struct nd_addrlist *al;
	struct netbuf *nb, local;
	struct sockaddr_in sin;

	hs = malloc(sizeof(*hs));
	ck_assert_ptr_nonnull(hs);
	hs->h_host = strdup("host");
	hs->h_serv = strdup("serv");
	netdir_free(hs, ND_HOSTSERV);
	al = byname(n, HOST_SELF, "9");
	netdir_free(al, ND_ADDRLIST);
	mu_sin_loop(&sin, htons(9));
	local.buf = &sin;
	local.len = local.maxlen = sizeof(sin);
	hl = NULL;
	ck_assert_int_eq(netdir_getbyaddr(n, &hl, &local), 0);
	netdir_free(hl, ND_HOSTSERVLIST);
	nb = uaddr2taddr(n, "127.0.0.1.0.9");
	ck_assert_ptr_nonnull(nb);
	netdir_free(nb, ND_ADDR);
	/* NULL and unknown types free nothing */
	netdir_free(NULL, ND_ADDRLIST);
	netdir_free(&local, 42);
	freenetconfigent(n);
}
END_TEST

/* ---- netdir_options ---- */

START_TEST(test_opt_reuseaddr)
{
	struct netconfig *n = nc("tcp");
	int fd = t_open("tcp", O_RDWR, NULL);

	MU_TOK(fd);
	ck_assert_int_eq(netdir_options(n, ND_SET_REUSEADDR, fd, NULL), 0);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_REUSEADDR), 1);
	/* kept when t_unbind replaces the socket */
	MU_TOK(t_bind(fd, NULL, NULL));
	MU_TOK(t_unbind(fd));
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_REUSEADDR), 1);
	ck_assert_int_eq(netdir_options(n, ND_CLEAR_REUSEADDR, fd, NULL), 0);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_REUSEADDR), 0);
	t_close(fd);
	freenetconfigent(n);
}
END_TEST

START_TEST(test_opt_broadcast)
{
	struct netconfig *n = nc("udp");
	int fd = t_open("udp", O_RDWR, NULL);

	MU_TOK(fd);
	ck_assert_int_eq(netdir_options(n, ND_SET_BROADCAST, fd, NULL), 0);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_BROADCAST), 1);
	ck_assert_int_eq(netdir_options(n, ND_CLEAR_BROADCAST, fd, NULL), 0);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_BROADCAST), 0);
	/* not an endpoint */
	ck_assert_int_ne(netdir_options(n, ND_SET_BROADCAST, -1, NULL), 0);
	ck_assert_int_eq(_nderror, ND_FAILCTRL);
	t_close(fd);
	freenetconfigent(n);
}
END_TEST

/* 0: a reserved port; 1: not one (as SVR4 answers); -1: bad argument. */
START_TEST(test_opt_check_reservedport)
{
	struct netconfig *n = nc("tcp");
	struct sockaddr_in sin;
	struct sockaddr_in6 sin6;
	struct netbuf nb;

	mu_sin_loop(&sin, htons(111));
	nb.buf = &sin;
	nb.len = nb.maxlen = sizeof(sin);
	ck_assert_int_eq(
	    netdir_options(n, ND_CHECK_RESERVEDPORT, -1, (char *)&nb), 0);
	sin.sin_port = htons(1023);
	ck_assert_int_eq(
	    netdir_options(n, ND_CHECK_RESERVEDPORT, -1, (char *)&nb), 0);
	sin.sin_port = htons(1024);
	ck_assert_int_eq(
	    netdir_options(n, ND_CHECK_RESERVEDPORT, -1, (char *)&nb), 1);
	sin.sin_port = htons(5000);
	ck_assert_int_eq(
	    netdir_options(n, ND_CHECK_RESERVEDPORT, -1, (char *)&nb), 1);
	mu_sin6_loop(&sin6, htons(22));
	nb.buf = &sin6;
	nb.len = nb.maxlen = sizeof(sin6);
	ck_assert_int_eq(
	    netdir_options(n, ND_CHECK_RESERVEDPORT, -1, (char *)&nb), 0);
	ck_assert_int_eq(
	    netdir_options(n, ND_CHECK_RESERVEDPORT, -1, NULL), -1);
	freenetconfigent(n);
}
END_TEST

/* Binding to a reserved port needs privilege: the tests expect what the
 * system allows this process (as root in the build environment). */
START_TEST(test_opt_set_reservedport)
{
	struct netconfig *n = nc("tcp");
	struct sockaddr_in sin, got;
	socklen_t glen = sizeof(got);
	struct netbuf nb;
	int fd = t_open("tcp", O_RDWR, NULL), r;
	int s = socket(AF_INET, SOCK_STREAM, 0);
	bool allowed;

	mu_sin_loop(&sin, 0);
	allowed = bindresvport_sa(s, (struct sockaddr *)&sin) == 0;
	close(s);
	MU_TOK(fd);
	r = netdir_options(n, ND_SET_RESERVEDPORT, fd, NULL);
	if (!allowed) {
		ck_assert_int_eq(r, -1);
		return;
	}
	ck_assert_int_eq(r, 0);
	ck_assert_int_eq(t_getstate(fd), T_IDLE);
	ck_assert(getsockname(fd, (struct sockaddr *)&got, &glen) == 0);
	ck_assert_int_gt(ntohs(got.sin_port), 0);
	ck_assert_int_lt(ntohs(got.sin_port), IPPORT_RESERVED);
	/* a bound endpoint cannot be bound again */
	ck_assert_int_ne(netdir_options(n, ND_SET_RESERVEDPORT, fd, NULL), 0);
	ck_assert_int_eq(_nderror, ND_FAILCTRL);
	MU_TFAIL(t_bind(fd, NULL, NULL), TOUTSTATE);
	t_close(fd);
	/* with an address: that host, a reserved port */
	fd = t_open("tcp", O_RDWR, NULL);
	mu_sin_loop(&sin, 0);
	nb.buf = &sin;
	nb.len = nb.maxlen = sizeof(sin);
	ck_assert_int_eq(
	    netdir_options(n, ND_SET_RESERVEDPORT, fd, (char *)&nb), 0);
	glen = sizeof(got);
	ck_assert(getsockname(fd, (struct sockaddr *)&got, &glen) == 0);
	ck_assert_int_eq(got.sin_addr.s_addr, htonl(INADDR_LOOPBACK));
	ck_assert_int_lt(ntohs(got.sin_port), IPPORT_RESERVED);
	t_close(fd);
	freenetconfigent(n);
}
END_TEST

START_TEST(test_opt_mergeaddr)
{
	struct netconfig *n = nc("tcp");
	struct nd_mergearg m = { "0.0.0.0.4.210", "127.0.0.1.20.20", NULL };

	ck_assert_int_eq(netdir_options(n, ND_MERGEADDR, -1, (char *)&m), 0);
	ck_assert_ptr_nonnull(m.m_uaddr);
	ck_assert_str_eq(m.m_uaddr, "127.0.0.1.4.210");
	free(m.m_uaddr);
	/* a client on this host: the server's address as it is */
	m.s_uaddr = "10.9.8.7.0.111";
	m.c_uaddr = "0.0.0.0.4.1";
	m.m_uaddr = NULL;
	ck_assert_int_eq(netdir_options(n, ND_MERGEADDR, -1, (char *)&m), 0);
	ck_assert_str_eq(m.m_uaddr, "10.9.8.7.0.111");
	free(m.m_uaddr);
	m.s_uaddr = "not an address";
	m.m_uaddr = NULL;
	ck_assert_int_ne(netdir_options(n, ND_MERGEADDR, -1, (char *)&m), 0);
	ck_assert_int_eq(_nderror, ND_BADARG);
	ck_assert_ptr_null(m.m_uaddr);
	freenetconfigent(n);
}
END_TEST

START_TEST(test_opt_errors)
{
	struct netconfig *n = nc("tcp"), *l = nc("local");
	struct nd_mergearg m = { "/a", "/b", NULL };

	ck_assert_int_ne(netdir_options(n, 99, -1, NULL), 0);
	ck_assert_int_eq(_nderror, ND_NOCTRL);
	ck_assert_int_ne(netdir_options(NULL, ND_SET_REUSEADDR, 0, NULL), 0);
	ck_assert_int_eq(_nderror, ND_BADARG);
	ck_assert_int_ne(netdir_options(l, ND_MERGEADDR, -1, (char *)&m), 0);
	ck_assert_int_eq(_nderror, ND_NOCTRL);
	freenetconfigent(n);
	freenetconfigent(l);
}
END_TEST

/* ---- error texts ---- */

START_TEST(test_sperror)
{
	static const struct {
		int err;
		const char *text;
	} t[] = {
		{ ND_TRY_AGAIN, "n2a: non-authoritative host not found" },
		{ ND_NO_RECOVERY, "n2a: non-recoverable error" },
		{ ND_NO_DATA, "n2a: no data record of requested type" },
		{ ND_BADARG, "n2a: bad arguments passed to routine" },
		{ ND_NOMEM, "n2a: memory allocation failed" },
		{ ND_OK, "n2a: successful completion" },
		{ ND_NOHOST, "n2a: hostname not found" },
		{ ND_NOSERV, "n2a: service name not found" },
		{ ND_NOSYM, "n2a: symbol missing in shared object" },
		{ ND_OPEN, "n2a: couldn't open shared object" },
		{ ND_ACCESS, "n2a: access denied for shared object" },
		{ ND_UKNWN, "n2a: attempt to free unknown object" },
		{ ND_NOCTRL, "n2a: unknown option passed" },
		{ ND_FAILCTRL, "n2a: control operation failed" },
		{ 77, "n2a: unknown error #77" },
		{ -42, "n2a: unknown error #-42" },
	};
	char want[128];
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		_nderror = t[i].err;
		ck_assert_str_eq(netdir_sperror(), t[i].text);
	}
	_nderror = ND_SYSTEM;
	errno = EMFILE;
	snprintf(want, sizeof(want), "n2a: system error: %s", strerror(EMFILE));
	ck_assert_str_eq(netdir_sperror(), want);
}
END_TEST

START_TEST(test_perror)
{
	struct netconfig *n = nc("udp");
	struct mu_capture c;
	char got[256];

	byname_fails(n, HOST_SELF, "no-such-service-here", ND_NOSERV);
	mu_capture_begin(&c);
	netdir_perror("rpcbind");
	netdir_perror("");
	mu_capture_end(&c, got, sizeof(got));
	ck_assert_str_eq(got,
	    "rpcbind: n2a: service name not found\n"
	    "n2a: service name not found\n");
	freenetconfigent(n);
}
END_TEST

static void *
thr_nderror(void *arg)
{
	(void)arg;
	_nderror = ND_NOHOST;
	return (void *)(long)_nderror;
}

START_TEST(test_nderror_per_thread)
{
	pthread_t th;
	void *v;

	_nderror = ND_NOSERV;
	ck_assert_int_eq(pthread_create(&th, NULL, thr_nderror, NULL), 0);
	ck_assert_int_eq(pthread_join(th, &v), 0);
	ck_assert_int_eq((int)(long)v, ND_NOHOST);
	ck_assert_int_eq(_nderror, ND_NOSERV);
}
END_TEST

/* ---- universal addresses, libtirpc's, through <netdir.h> ---- */

START_TEST(test_uaddr)
{
	struct netconfig *n = nc("tcp"), *l = nc("local");
	struct nd_addrlist *al;
	struct netbuf *nb;
	struct sockaddr_un sun;
	struct netbuf lb;
	char *u;

	al = byname(n, HOST_SELF, "1234");
	u = taddr2uaddr(n, &al->n_addrs[0]);
	ck_assert_str_eq(u, "0.0.0.0.4.210");
	free(u);
	netdir_free(al, ND_ADDRLIST);
	nb = uaddr2taddr(n, "127.0.0.1.0.7");
	ck_assert_ptr_nonnull(nb);
	ck_assert_int_eq(sin_of(nb)->sin_port, htons(7));
	ck_assert_int_eq(sin_of(nb)->sin_addr.s_addr, htonl(INADDR_LOOPBACK));
	u = taddr2uaddr(n, nb);
	ck_assert_str_eq(u, "127.0.0.1.0.7");
	free(u);
	netdir_free(nb, ND_ADDR);
	ck_assert_ptr_null(uaddr2taddr(n, "no.such.address"));
	/* local: the universal address is the path */
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "/run/x");
	lb.buf = &sun;
	lb.len = lb.maxlen = sizeof(sun);
	u = taddr2uaddr(l, &lb);
	ck_assert_str_eq(u, "/run/x");
	free(u);
	freenetconfigent(n);
	freenetconfigent(l);
}
END_TEST

static Suite *
netdir_suite(void)
{
	Suite *s = suite_create("netdir");
	TCase *tc = tcase_create("getbyname");

	tcase_add_test(tc, test_constants);
	tcase_add_test(tc, test_self_inet);
	tcase_add_test(tc, test_self_inet6);
	tcase_add_test(tc, test_numeric);
	tcase_add_test(tc, test_localhost);
	tcase_add_test(tc, test_named_service);
	tcase_add_test(tc, test_special_services);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_local_path);
	tcase_add_test(tc, test_ticotsord_names);
	suite_add_tcase(s, tc);
	tc = tcase_create("getbyaddr");
	tcase_add_test(tc, test_getbyaddr_inet);
	tcase_add_test(tc, test_getbyaddr_local);
	tcase_add_test(tc, test_getbyaddr_errors);
	tcase_add_test(tc, test_free_each);
	suite_add_tcase(s, tc);
	tc = tcase_create("options");
	tcase_add_test(tc, test_opt_reuseaddr);
	tcase_add_test(tc, test_opt_broadcast);
	tcase_add_test(tc, test_opt_check_reservedport);
	tcase_add_test(tc, test_opt_set_reservedport);
	tcase_add_test(tc, test_opt_mergeaddr);
	tcase_add_test(tc, test_opt_errors);
	suite_add_tcase(s, tc);
	tc = tcase_create("errors");
	tcase_add_test(tc, test_sperror);
	tcase_add_test(tc, test_perror);
	tcase_add_test(tc, test_nderror_per_thread);
	tcase_add_test(tc, test_uaddr);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return mu_run(netdir_suite());
}
