/*
 * tx_netdir.c - the <netdir.h> subset: name-to-address mapping for the
 * transports of netconfig, which libtirpc does not provide.
 *
 * inet/inet6: hosts through getaddrinfo/getnameinfo, services through
 * getservbyname_r (numbers allowed).  loopback: the service is the address
 * (a path for netconfig's local transports, raw bytes for ticots*).
 * Every address is a netbuf of its own holding a native sockaddr.  Results
 * are freed with netdir_free.  Errors are values in _nderror (per thread).
 */
#include "xti_entries.h"
#include "netdir.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <rpc/rpc.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <unistd.h>

TX_ENTRY int *__nderror(void);
TX_ENTRY int netdir_getbyname(struct netconfig *nconf,
    struct nd_hostserv *service, struct nd_addrlist **addrs);
TX_ENTRY int netdir_getbyaddr(struct netconfig *nconf,
    struct nd_hostservlist **service, struct netbuf *netaddr);
TX_ENTRY void netdir_free(void *ptr, int struct_type);
TX_ENTRY int netdir_options(
    struct netconfig *nconf, int option, int fd, char *point_to_args);
TX_ENTRY char *netdir_sperror(void);
TX_ENTRY void netdir_perror(char *msg);

static __thread int tx_nderr;

TX_ENTRY int *
__nderror(void)
{
	return &tx_nderr;
}

static int
tx_ndfail(int err)
{
	tx_nderr = err;
	return -1;
}

enum tx_ndfam { ND_FAM_NONE, ND_FAM_INET, ND_FAM_INET6, ND_FAM_LOOP };

static enum tx_ndfam
tx_ndfamily(const struct netconfig *nc)
{
	if (nc == NULL || nc->nc_protofmly == NULL)
		return ND_FAM_NONE;
	if (strcmp(nc->nc_protofmly, NC_INET) == 0)
		return ND_FAM_INET;
	if (strcmp(nc->nc_protofmly, NC_INET6) == 0)
		return ND_FAM_INET6;
	if (strcmp(nc->nc_protofmly, NC_LOOPBACK) == 0)
		return ND_FAM_LOOP;
	return ND_FAM_NONE;
}

/* The SVR4 loopback transports name sockets by raw bytes. */
static bool
tx_nd_abstract(const struct netconfig *nc)
{
	return nc->nc_netid != NULL && strncmp(nc->nc_netid, "tic", 3) == 0;
}

/* The port of rpcbind, which SVR4 knows by name even where the services
 * file calls it sunrpc. */
#define TX_RPCBIND_PORT 111

/*
 * Port of a service for a protocol, as SVR4 finds it: no service is port
 * 0, "rpcbind" is its well-known port, digits are a number, anything else
 * is looked up in the services database.
 */
static int
tx_nd_port(const char *serv, const char *proto, in_port_t *port)
{
	struct servent se, *sp = NULL;
	char buf[1024];
	unsigned long n;

	if (serv == NULL) {
		*port = 0;
		return 0;
	}
	if (*serv == '\0')
		return tx_ndfail(ND_NOSERV);
	if (strcmp(serv, "rpcbind") == 0) {
		*port = htons(TX_RPCBIND_PORT);
		return 0;
	}
	if (strspn(serv, "0123456789") == strlen(serv)) {
		n = strtoul(serv, NULL, 10);
		if (n > 65535) /* ULONG_MAX if too long */
			return tx_ndfail(ND_NOSERV);
		*port = htons((in_port_t)n);
		return 0;
	}
	if (getservbyname_r(serv, proto != NULL && *proto != '-' ? proto : NULL,
		&se, buf, sizeof(buf), &sp) != 0 ||
	    sp == NULL)
		return tx_ndfail(ND_NOSERV);
	*port = (in_port_t)sp->s_port;
	return 0;
}

static struct nd_addrlist *
tx_nd_newlist(int n)
{
	struct nd_addrlist *l = calloc(1, sizeof(*l));

	if (l == NULL)
		return NULL;
	l->n_addrs = calloc((size_t)n, sizeof(struct netbuf));
	if (l->n_addrs == NULL) {
		free(l);
		return NULL;
	}
	return l;
}

static int
tx_nd_add(struct nd_addrlist *l, const void *sa, size_t len)
{
	struct netbuf *nb = &l->n_addrs[l->n_cnt];

	if ((nb->buf = malloc(len)) == NULL)
		return tx_ndfail(ND_NOMEM);
	memcpy(nb->buf, sa, len);
	nb->len = nb->maxlen = (unsigned int)len;
	l->n_cnt++;
	return 0;
}

/* The addresses of a special host name, or 0 if host is not special. */
static int
tx_nd_special(const char *host, int af, in_port_t port, struct nd_addrlist *l)
{
	struct sockaddr_in sin;
	struct sockaddr_in6 sin6;
	bool any = strcmp(host, HOST_SELF) == 0 || strcmp(host, HOST_ANY) == 0;
	bool loop = strcmp(host, HOST_SELF_CONNECT) == 0;
	bool bcast = strcmp(host, HOST_BROADCAST) == 0;

	if (!any && !loop && !bcast)
		return 0;
	if (af == AF_INET) {
		memset(&sin, 0, sizeof(sin));
		sin.sin_family = AF_INET;
		sin.sin_port = port;
		sin.sin_addr.s_addr = htonl(any ? INADDR_ANY :
			loop                    ? INADDR_LOOPBACK :
						  INADDR_BROADCAST);
		return tx_nd_add(l, &sin, sizeof(sin)) < 0 ? -1 : 1;
	}
	if (bcast)
		return tx_ndfail(ND_NOHOST); /* IPv6 has no broadcast */
	memset(&sin6, 0, sizeof(sin6));
	sin6.sin6_family = AF_INET6;
	sin6.sin6_port = port;
	sin6.sin6_addr = any ? in6addr_any : in6addr_loopback;
	return tx_nd_add(l, &sin6, sizeof(sin6)) < 0 ? -1 : 1;
}

static int
tx_nd_inet_byname(const struct netconfig *nc, int af,
    const struct nd_hostserv *hs, struct nd_addrlist **out)
{
	struct addrinfo hints, *res, *ai;
	struct nd_addrlist *l;
	in_port_t port;
	int n = 0, r;

	if (tx_nd_port(hs->h_serv, nc->nc_proto, &port) < 0)
		return -1;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = af;
	hints.ai_socktype =
	    strcmp(nc->nc_proto, NC_UDP) == 0 ? SOCK_DGRAM : SOCK_STREAM;
	if ((l = tx_nd_newlist(
		 hs->h_host != NULL && hs->h_host[0] == '\\' ? 1 : 64)) == NULL)
		return tx_ndfail(ND_NOMEM);
	if (hs->h_host == NULL)
		r = tx_ndfail(ND_NOHOST);
	else
		r = tx_nd_special(hs->h_host, af, port, l);
	if (r != 0) {
		if (r < 0) {
			netdir_free(l, ND_ADDRLIST);
			return -1;
		}
		*out = l;
		return 0;
	}
	if (getaddrinfo(hs->h_host, NULL, &hints, &res) != 0) {
		netdir_free(l, ND_ADDRLIST);
		return tx_ndfail(ND_NOHOST);
	}
	for (ai = res; ai != NULL && n < 64; ai = ai->ai_next, n++) {
		if (af == AF_INET)
			((struct sockaddr_in *)ai->ai_addr)->sin_port = port;
		else
			((struct sockaddr_in6 *)ai->ai_addr)->sin6_port = port;
		if (tx_nd_add(l, ai->ai_addr, ai->ai_addrlen) < 0) {
			freeaddrinfo(res);
			netdir_free(l, ND_ADDRLIST);
			return -1;
		}
	}
	freeaddrinfo(res);
	*out = l;
	return 0;
}

static int
tx_nd_loop_byname(const struct netconfig *nc, const struct nd_hostserv *hs,
    struct nd_addrlist **out)
{
	struct sockaddr_un sun;
	struct nd_addrlist *l;
	size_t n;
	int r;

	if (hs->h_serv == NULL || (n = strlen(hs->h_serv)) == 0 ||
	    n >= sizeof(sun.sun_path))
		return tx_ndfail(ND_NOSERV);
	if ((l = tx_nd_newlist(1)) == NULL)
		return tx_ndfail(ND_NOMEM);
	if (tx_nd_abstract(nc)) {
		r = tx_nd_add(l, hs->h_serv, n);
	} else {
		memset(&sun, 0, sizeof(sun));
		sun.sun_family = AF_UNIX;
		memcpy(sun.sun_path, hs->h_serv, n);
		r = tx_nd_add(
		    l, &sun, offsetof(struct sockaddr_un, sun_path) + n);
	}
	if (r < 0) {
		netdir_free(l, ND_ADDRLIST);
		return -1;
	}
	*out = l;
	return 0;
}

TX_ENTRY int
netdir_getbyname(struct netconfig *nconf, struct nd_hostserv *service,
    struct nd_addrlist **addrs)
{
	if (service == NULL || addrs == NULL)
		return tx_ndfail(ND_BADARG);
	*addrs = NULL;
	switch (tx_ndfamily(nconf)) {
	case ND_FAM_INET:
		return tx_nd_inet_byname(nconf, AF_INET, service, addrs);
	case ND_FAM_INET6:
		return tx_nd_inet_byname(nconf, AF_INET6, service, addrs);
	case ND_FAM_LOOP:
		return tx_nd_loop_byname(nconf, service, addrs);
	default:
		return tx_ndfail(ND_BADARG);
	}
}

static struct nd_hostservlist *
tx_nd_hslist(const char *host, const char *serv)
{
	struct nd_hostservlist *l = calloc(1, sizeof(*l));

	if (l == NULL)
		return NULL;
	l->h_hostservs = calloc(1, sizeof(*l->h_hostservs));
	if (l->h_hostservs == NULL) {
		free(l);
		return NULL;
	}
	l->h_cnt = 1;
	l->h_hostservs[0].h_host = strdup(host);
	l->h_hostservs[0].h_serv = strdup(serv);
	if (l->h_hostservs[0].h_host == NULL ||
	    l->h_hostservs[0].h_serv == NULL) {
		netdir_free(l, ND_HOSTSERVLIST);
		return NULL;
	}
	return l;
}

TX_ENTRY int
netdir_getbyaddr(struct netconfig *nconf, struct nd_hostservlist **service,
    struct netbuf *netaddr)
{
	char host[NI_MAXHOST], serv[NI_MAXSERV + 108];
	enum tx_ndfam fam = tx_ndfamily(nconf);
	struct utsname un;
	int flags = 0;

	if (service == NULL || netaddr == NULL || netaddr->buf == NULL ||
	    fam == ND_FAM_NONE)
		return tx_ndfail(ND_BADARG);
	*service = NULL;
	if (fam == ND_FAM_LOOP) {
		size_t n = netaddr->len, off = 0;

		if (!tx_nd_abstract(nconf))
			off = offsetof(struct sockaddr_un, sun_path);
		if (n <= off || n - off >= sizeof(serv))
			return tx_ndfail(ND_BADARG);
		memcpy(serv, (char *)netaddr->buf + off, n - off);
		serv[n - off] = '\0';
		if (uname(&un) < 0)
			strcpy(un.nodename, "localhost");
		*service = tx_nd_hslist(un.nodename, serv);
		return *service == NULL ? tx_ndfail(ND_NOMEM) : 0;
	}
	if (netaddr->len < (fam == ND_FAM_INET ? sizeof(struct sockaddr_in) :
						 sizeof(struct sockaddr_in6)))
		return tx_ndfail(ND_BADARG);
	if (strcmp(nconf->nc_proto, NC_UDP) == 0)
		flags |= NI_DGRAM;
	if (getnameinfo(netaddr->buf, netaddr->len, host, sizeof(host), serv,
		NI_MAXSERV, flags) != 0)
		return tx_ndfail(ND_NOHOST);
	*service = tx_nd_hslist(host, serv);
	return *service == NULL ? tx_ndfail(ND_NOMEM) : 0;
}

TX_ENTRY void
netdir_free(void *ptr, int struct_type)
{
	int i;

	if (ptr == NULL)
		return;
	switch (struct_type) {
	case ND_HOSTSERV: {
		struct nd_hostserv *hs = ptr;

		free(hs->h_host);
		free(hs->h_serv);
		break;
	}
	case ND_HOSTSERVLIST: {
		struct nd_hostservlist *l = ptr;

		for (i = 0; l->h_hostservs != NULL && i < l->h_cnt; i++) {
			free(l->h_hostservs[i].h_host);
			free(l->h_hostservs[i].h_serv);
		}
		free(l->h_hostservs);
		break;
	}
	case ND_ADDR:
		free(((struct netbuf *)ptr)->buf);
		break;
	case ND_ADDRLIST: {
		struct nd_addrlist *l = ptr;

		for (i = 0; l->n_addrs != NULL && i < l->n_cnt; i++)
			free(l->n_addrs[i].buf);
		free(l->n_addrs);
		break;
	}
	default:
		return; /* unknown type: nothing is freed */
	}
	free(ptr);
}

/* Set a boolean socket option and record it for t_unbind/t_accept. */
static int
tx_nd_setbool(int fd, int name, int on)
{
	struct tx_ep *ep = tx_enter(fd);

	if (ep == NULL)
		return tx_ndfail(ND_FAILCTRL);
	if (setsockopt(fd, SOL_SOCKET, name, &on, sizeof(on)) < 0) {
		tx_leave();
		return tx_ndfail(ND_FAILCTRL);
	}
	tx_record_opt(ep, SOL_SOCKET, name, &on, sizeof(on));
	tx_leave();
	return 0;
}

static int
tx_nd_resvport(int fd, struct netbuf *addr)
{
	struct tx_ep *ep = tx_enter(fd);
	struct sockaddr_storage sa;
	socklen_t salen;

	if (ep == NULL)
		return tx_ndfail(ND_FAILCTRL);
	if (ep->state != T_UNBND || !tx_is_inet(ep->kind)) {
		tx_leave();
		return tx_ndfail(ND_FAILCTRL);
	}
	if (addr != NULL && addr->len > 0) {
		if (tx_addr_in(ep->kind, addr->buf, addr->len, &sa, &salen) <
		    0) {
			tx_leave();
			return tx_ndfail(ND_BADARG);
		}
	} else {
		tx_addr_any(ep->kind, &sa, &salen);
	}
	if (bindresvport_sa(fd, (struct sockaddr *)&sa) < 0) {
		tx_leave();
		return tx_ndfail(errno == EACCES || errno == EPERM ?
			ND_ACCESS :
			ND_FAILCTRL);
	}
	ep->state = T_IDLE;
	ep->bound_explicit = true;
	tx_leave();
	return 0;
}

static int
tx_nd_checkresv(const struct netbuf *addr)
{
	const struct sockaddr *sa = addr != NULL ? addr->buf : NULL;
	in_port_t port;

	if (sa == NULL || addr->len < sizeof(sa_family_t))
		return tx_ndfail(ND_BADARG);
	if (sa->sa_family == AF_INET && addr->len >= sizeof(struct sockaddr_in))
		port = ((const struct sockaddr_in *)sa)->sin_port;
	else if (sa->sa_family == AF_INET6 &&
	    addr->len >= sizeof(struct sockaddr_in6))
		port = ((const struct sockaddr_in6 *)sa)->sin6_port;
	else
		return tx_ndfail(ND_BADARG);
	/* as SVR4: 0 for a reserved port, 1 for another (not an error) */
	return ntohs(port) < IPPORT_RESERVED ? 0 : 1;
}

/* Is an inet netbuf the unspecified address (0.0.0.0 or ::)? */
static bool
tx_nd_unspecified(const struct netbuf *nb)
{
	const struct sockaddr *sa = nb->buf;

	if (sa->sa_family == AF_INET && nb->len >= sizeof(struct sockaddr_in))
		return ((const struct sockaddr_in *)sa)->sin_addr.s_addr ==
		    htonl(INADDR_ANY);
	if (sa->sa_family == AF_INET6 && nb->len >= sizeof(struct sockaddr_in6))
		return IN6_IS_ADDR_UNSPECIFIED(
		    &((const struct sockaddr_in6 *)sa)->sin6_addr);
	return false;
}

/*
 * ND_MERGEADDR: a server's universal address with its host part replaced
 * by the local address a client at c_uaddr reaches this host by (the
 * route of a connected datagram socket), as SVR4 merges; a client on this
 * host (the unspecified address) gets the server's address as it is.
 */
static int
tx_nd_merge(struct netconfig *nc, struct nd_mergearg *m)
{
	struct netbuf *s, *c;
	struct sockaddr_storage local;
	socklen_t llen = sizeof(local);
	int fd, r = -1;

	if (m == NULL || m->s_uaddr == NULL || m->c_uaddr == NULL)
		return tx_ndfail(ND_BADARG);
	s = uaddr2taddr(nc, m->s_uaddr);
	c = uaddr2taddr(nc, m->c_uaddr);
	if (s == NULL || c == NULL) {
		tx_ndfail(ND_BADARG);
		goto out;
	}
	m->m_uaddr = NULL;
	if (tx_nd_unspecified(c)) {
		/* a caller on this host: the address stays as it is */
		m->m_uaddr = strdup(m->s_uaddr);
		r = m->m_uaddr != NULL ? 0 : tx_ndfail(ND_NOMEM);
		goto out;
	}
	fd = socket(((struct sockaddr *)c->buf)->sa_family,
	    SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, c->buf, c->len) < 0 ||
	    getsockname(fd, (struct sockaddr *)&local, &llen) < 0) {
		if (fd >= 0)
			close(fd);
		tx_ndfail(ND_FAILCTRL);
		goto out;
	}
	close(fd);
	if (local.ss_family == AF_INET)
		((struct sockaddr_in *)&local)->sin_port =
		    ((struct sockaddr_in *)s->buf)->sin_port;
	else
		((struct sockaddr_in6 *)&local)->sin6_port =
		    ((struct sockaddr_in6 *)s->buf)->sin6_port;
	{
		struct netbuf nb = { llen, llen, &local };

		m->m_uaddr = taddr2uaddr(nc, &nb);
	}
	r = m->m_uaddr != NULL ? 0 : tx_ndfail(ND_NOMEM);
out:
	if (s != NULL) {
		free(s->buf);
		free(s);
	}
	if (c != NULL) {
		free(c->buf);
		free(c);
	}
	return r;
}

TX_ENTRY int
netdir_options(struct netconfig *nconf, int option, int fd, char *point_to_args)
{
	enum tx_ndfam fam = tx_ndfamily(nconf);

	if (fam == ND_FAM_NONE)
		return tx_ndfail(ND_BADARG);
	switch (option) {
	case ND_SET_BROADCAST:
	case ND_CLEAR_BROADCAST:
		return tx_nd_setbool(
		    fd, SO_BROADCAST, option == ND_SET_BROADCAST);
	case ND_SET_REUSEADDR:
	case ND_CLEAR_REUSEADDR:
		return tx_nd_setbool(
		    fd, SO_REUSEADDR, option == ND_SET_REUSEADDR);
	case ND_SET_RESERVEDPORT:
		return tx_nd_resvport(fd, (struct netbuf *)point_to_args);
	case ND_CHECK_RESERVEDPORT:
		return tx_nd_checkresv((struct netbuf *)point_to_args);
	case ND_MERGEADDR:
		if (fam == ND_FAM_LOOP)
			return tx_ndfail(ND_NOCTRL);
		return tx_nd_merge(nconf, (struct nd_mergearg *)point_to_args);
	}
	return tx_ndfail(ND_NOCTRL);
}

static const char *
tx_nd_text(int err)
{
	switch (err) {
	case ND_TRY_AGAIN:
		return "n2a: non-authoritative host not found";
	case ND_NO_RECOVERY:
		return "n2a: non-recoverable error";
	case ND_NO_DATA:
		return "n2a: no data record of requested type";
	case ND_BADARG:
		return "n2a: bad arguments passed to routine";
	case ND_NOMEM:
		return "n2a: memory allocation failed";
	case ND_OK:
		return "n2a: successful completion";
	case ND_NOHOST:
		return "n2a: hostname not found";
	case ND_NOSERV:
		return "n2a: service name not found";
	case ND_NOSYM:
		return "n2a: symbol missing in shared object";
	case ND_OPEN:
		return "n2a: couldn't open shared object";
	case ND_ACCESS:
		return "n2a: access denied for shared object";
	case ND_UKNWN:
		return "n2a: attempt to free unknown object";
	case ND_NOCTRL:
		return "n2a: unknown option passed";
	case ND_FAILCTRL:
		return "n2a: control operation failed";
	case ND_SYSTEM:
		return "n2a: system error";
	}
	return NULL;
}

static __thread char tx_ndmsg[128];

/* The texts and formats of the SVR4 library. */
TX_ENTRY char *
netdir_sperror(void)
{
	const char *t = tx_nd_text(tx_nderr);
	int err = errno;

	if (tx_nderr == ND_SYSTEM)
		snprintf(
		    tx_ndmsg, sizeof(tx_ndmsg), "%s: %s", t, strerror(err));
	else if (t != NULL)
		snprintf(tx_ndmsg, sizeof(tx_ndmsg), "%s", t);
	else
		snprintf(tx_ndmsg, sizeof(tx_ndmsg), "n2a: unknown error #%d",
		    tx_nderr);
	errno = err;
	return tx_ndmsg;
}

/* The one place the library writes: this call exists to print. */
TX_ENTRY void
netdir_perror(char *msg)
{
	if (msg != NULL && *msg != '\0')
		fprintf(stderr, "%s: %s\n", msg, netdir_sperror());
	else
		fprintf(stderr, "%s\n", netdir_sperror());
}
