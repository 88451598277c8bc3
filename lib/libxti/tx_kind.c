/*
 * tx_kind.c - transport providers: names, sockets and t_info values.
 *
 * A provider name (with or without "/dev/") resolves to one of the kinds
 * below.  ticots, ticotsord and ticlts are the SVR4 loopback transports,
 * whose addresses are arbitrary byte strings (AF_UNIX abstract names).
 * Other names are looked up in libtirpc's netconfig first (so a site's
 * /etc/netconfig decides what "tcp" or "local" is), then in the built-in
 * table (for systems without /etc/netconfig), then by netconfig device.
 */
#include "xti_impl.h"

#include <fcntl.h>
#include <netconfig.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/un.h>

/* Largest UDP payloads over IPv4 and IPv6. */
#define TX_UDP_TSDU    65507
#define TX_UDP6_TSDU   65527
/* Largest datagram of the ticlts transport (AF_UNIX datagrams). */
#define TX_TICLTS_TSDU 65536
/* An abstract AF_UNIX name: sun_path without its leading NUL. */
#define TX_ABSTRACT_MAX \
	((t_scalar_t)sizeof(((struct sockaddr_un *)0)->sun_path) - 1)

#define COTS_INFO(alen, etsdu, st) \
	{ \
		(alen), 0, 0, (etsdu), T_INVALID, T_INVALID, (st), 0 \
	}
#define CLTS_INFO(alen, tsdu) \
	{ \
		(alen), 0, (tsdu), T_INVALID, T_INVALID, T_INVALID, T_CLTS, \
		    T_SENDZERO \
	}

/* The options field of info is filled in by tx_fill_info. */
static const struct tx_kind tx_kinds[] = {
	{ "tcp", AF_INET, SOCK_STREAM, IPPROTO_TCP, T_COTS_ORD, TX_ADDR_INET,
	    COTS_INFO(sizeof(struct sockaddr_in), T_INFINITE, T_COTS_ORD) },
	{ "tcp6", AF_INET6, SOCK_STREAM, IPPROTO_TCP, T_COTS_ORD, TX_ADDR_INET6,
	    COTS_INFO(sizeof(struct sockaddr_in6), T_INFINITE, T_COTS_ORD) },
	{ "udp", AF_INET, SOCK_DGRAM, IPPROTO_UDP, T_CLTS, TX_ADDR_INET,
	    CLTS_INFO(sizeof(struct sockaddr_in), TX_UDP_TSDU) },
	{ "udp6", AF_INET6, SOCK_DGRAM, IPPROTO_UDP, T_CLTS, TX_ADDR_INET6,
	    CLTS_INFO(sizeof(struct sockaddr_in6), TX_UDP6_TSDU) },
	{ "ticotsord", AF_UNIX, SOCK_STREAM, 0, T_COTS_ORD, TX_ADDR_ABSTRACT,
	    COTS_INFO(TX_ABSTRACT_MAX, T_INVALID, T_COTS_ORD) },
	{ "ticots", AF_UNIX, SOCK_STREAM, 0, T_COTS, TX_ADDR_ABSTRACT,
	    COTS_INFO(TX_ABSTRACT_MAX, T_INVALID, T_COTS) },
	{ "ticlts", AF_UNIX, SOCK_DGRAM, 0, T_CLTS, TX_ADDR_ABSTRACT,
	    CLTS_INFO(TX_ABSTRACT_MAX, TX_TICLTS_TSDU) },
	{ "local", AF_UNIX, SOCK_STREAM, 0, T_COTS_ORD, TX_ADDR_PATH,
	    COTS_INFO(sizeof(struct sockaddr_un), T_INVALID, T_COTS_ORD) },
	{ "local-dgram", AF_UNIX, SOCK_DGRAM, 0, T_CLTS, TX_ADDR_PATH,
	    CLTS_INFO(sizeof(struct sockaddr_un), TX_TICLTS_TSDU) },
};
#define TX_NKINDS (sizeof(tx_kinds) / sizeof(tx_kinds[0]))

enum {
	K_TCP,
	K_TCP6,
	K_UDP,
	K_UDP6,
	K_TICOTSORD,
	K_TICOTS,
	K_TICLTS,
	K_LOCAL,
	K_LOCAL_DGRAM
};

static const struct tx_kind *
tx_kind_fromnetconfig(const struct netconfig *nc)
{
	bool inet = strcmp(nc->nc_protofmly, NC_INET) == 0;
	bool inet6 = strcmp(nc->nc_protofmly, NC_INET6) == 0;

	if (inet || inet6) {
		if (nc->nc_semantics == NC_TPI_COTS_ORD &&
		    strcmp(nc->nc_proto, NC_TCP) == 0)
			return &tx_kinds[inet ? K_TCP : K_TCP6];
		if (nc->nc_semantics == NC_TPI_CLTS &&
		    strcmp(nc->nc_proto, NC_UDP) == 0)
			return &tx_kinds[inet ? K_UDP : K_UDP6];
		return NULL;
	}
	if (strcmp(nc->nc_protofmly, NC_LOOPBACK) == 0) {
		switch (nc->nc_semantics) {
		case NC_TPI_COTS_ORD:
		case NC_TPI_COTS:
			return &tx_kinds[K_LOCAL];
		case NC_TPI_CLTS:
			return &tx_kinds[K_LOCAL_DGRAM];
		}
	}
	return NULL;
}

/*
 * The kind of the netconfig entry whose netid (or, with bydevice, whose
 * device field) is name; *found says whether there was such an entry.
 * The database is walked with getnetconfig rather than asked with
 * getnetconfigent: libtirpc's getnetconfigent("unix") prints a warning on
 * stderr and sleeps for ten seconds.
 */
static const struct tx_kind *
tx_kind_fromdb(const char *name, bool bydevice, bool *found)
{
	const struct tx_kind *k = NULL;
	struct netconfig *nc;
	const char *field;
	void *h = setnetconfig();

	*found = false;
	if (h == NULL)
		return NULL;
	while ((nc = getnetconfig(h)) != NULL) {
		field = bydevice ? nc->nc_device : nc->nc_netid;
		if (field != NULL && strcmp(field, name) == 0) {
			*found = true;
			k = tx_kind_fromnetconfig(nc);
			break;
		}
	}
	endnetconfig(h);
	return k;
}

/*
 * Resolve a provider name.  On failure *terr is TBADNAME (unknown name) or
 * TNOTSUPPORT (a netconfig transport that sockets cannot provide).
 */
const struct tx_kind *
tx_kind_byname(const char *name, int *terr)
{
	const char *id = name;
	const struct tx_kind *k;
	bool found = false;
	size_t i;

	*terr = TBADNAME;
	if (name == NULL || *name == '\0' || strcmp(name, "-") == 0)
		return NULL;
	if (strncmp(id, "/dev/", 5) == 0)
		id += 5;
	for (i = K_TICOTSORD; i <= K_TICLTS; i++)
		if (strcmp(id, tx_kinds[i].name) == 0)
			return &tx_kinds[i];
	if (*id != '\0' && strchr(id, '/') == NULL) {
		k = tx_kind_fromdb(id, false, &found);
		if (found) {
			if (k == NULL)
				*terr = TNOTSUPPORT;
			return k;
		}
	}
	if (strcmp(id, "unix") == 0)
		return &tx_kinds[K_LOCAL];
	for (i = 0; i < TX_NKINDS; i++)
		if (strcmp(id, tx_kinds[i].name) == 0 && i != K_LOCAL_DGRAM)
			return &tx_kinds[i];
	k = tx_kind_fromdb(name, true, &found);
	if (found && k == NULL)
		*terr = TNOTSUPPORT;
	return k;
}

/* The kind of an existing socket (t_sync, adoption after exec).  AF_UNIX
 * sockets cannot tell abstract from path names until bound; they are taken
 * as ticotsord/ticlts unless bound to a path. */
const struct tx_kind *
tx_kind_bysocket(int domain, int type, int protocol)
{
	switch (domain) {
	case AF_INET:
	case AF_INET6:
		if (type == SOCK_STREAM &&
		    (protocol == IPPROTO_TCP || protocol == 0))
			return &tx_kinds[domain == AF_INET ? K_TCP : K_TCP6];
		if (type == SOCK_DGRAM &&
		    (protocol == IPPROTO_UDP || protocol == 0))
			return &tx_kinds[domain == AF_INET ? K_UDP : K_UDP6];
		return NULL;
	case AF_UNIX:
		if (type == SOCK_STREAM)
			return &tx_kinds[K_TICOTSORD];
		if (type == SOCK_DGRAM)
			return &tx_kinds[K_TICLTS];
		return NULL;
	}
	return NULL;
}

/* The path-named variant of an AF_UNIX kind. */
const struct tx_kind *
tx_kind_pathvariant(const struct tx_kind *k)
{
	if (k->domain != AF_UNIX)
		return k;
	return &tx_kinds[k->type == SOCK_STREAM ? K_LOCAL : K_LOCAL_DGRAM];
}

bool
tx_is_inet(const struct tx_kind *k)
{
	return k->domain == AF_INET || k->domain == AF_INET6;
}

bool
tx_is_tcp(const struct tx_kind *k)
{
	return tx_is_inet(k) && k->type == SOCK_STREAM;
}

bool
tx_is_unix(const struct tx_kind *k)
{
	return k->domain == AF_UNIX;
}

void
tx_sockdefaults(int fd, const struct tx_kind *k)
{
	int one = 1;

	if (tx_is_tcp(k))
		(void)setsockopt(
		    fd, SOL_SOCKET, SO_OOBINLINE, &one, sizeof(one));
	if (k->domain == AF_INET6)
		(void)setsockopt(
		    fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
	if (k->domain == AF_INET && k->type == SOCK_DGRAM)
		(void)setsockopt(fd, IPPROTO_IP, IP_RECVERR, &one, sizeof(one));
	if (k->domain == AF_INET6 && k->type == SOCK_DGRAM)
		(void)setsockopt(
		    fd, IPPROTO_IPV6, IPV6_RECVERR, &one, sizeof(one));
}

/*
 * A new socket of kind k.  Not close-on-exec: transport endpoints are
 * inherited across exec, and socket() gives the lowest free number, which
 * SVR4 servers rely on.
 */
int
tx_socket(const struct tx_kind *k, bool nonblock)
{
	int fd = socket(
	    k->domain, k->type | (nonblock ? SOCK_NONBLOCK : 0), k->protocol);

	if (fd >= 0)
		tx_sockdefaults(fd, k);
	return fd;
}

/* Fill a struct t_info (XTI) or the TLI one, which has no flags field. */
void
tx_fill_info(const struct tx_kind *k, enum tx_flavour flav, void *out)
{
	struct t_info info = k->info;

	info.options = tx_opt_bufsize(k);
	if (flav == TX_XTI) {
		memcpy(out, &info, sizeof(info));
	} else {
		struct tx_tli_info tli = { info.addr, info.options, info.tsdu,
			info.etsdu, info.connect, info.discon, info.servtype };
		memcpy(out, &tli, sizeof(tli));
	}
}
