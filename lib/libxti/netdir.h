/*
 * <netdir.h> - the name-to-address mapping of SVR4 (the subset that TLI
 * programs use), on top of libtirpc's netconfig and universal addresses.
 *
 * Addresses are netbufs holding native struct sockaddr bytes, one per
 * netbuf.  For inet and inet6 transports hosts and services are looked up
 * with getaddrinfo/getnameinfo; for loopback transports the host part is
 * ignored and the service is the path (local, unix) or the abstract name
 * (ticots, ticotsord, ticlts).
 */
#ifndef LISTEN_NETDIR_H
#define LISTEN_NETDIR_H

#include <netconfig.h>
#include <rpc/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct nd_addrlist {
	int n_cnt;              /* number of netbufs */
	struct netbuf *n_addrs; /* the netbufs */
};

struct nd_hostserv {
	char *h_host; /* host name */
	char *h_serv; /* service name */
};

struct nd_hostservlist {
	int h_cnt;                       /* number of nd_hostservs */
	struct nd_hostserv *h_hostservs; /* the entries */
};

struct nd_mergearg {
	char *s_uaddr; /* server's universal address */
	char *c_uaddr; /* client's universal address */
	char *m_uaddr; /* the merged universal address */
};

/* Structure types of netdir_free. */
#define ND_HOSTSERV           0
#define ND_HOSTSERVLIST       1
#define ND_ADDR               2
#define ND_ADDRLIST           3

/* Options of netdir_options. */
#define ND_SET_BROADCAST      1 /* allow broadcast */
#define ND_SET_RESERVEDPORT   2 /* bind to a reserved port */
#define ND_CHECK_RESERVEDPORT 3 /* is the address a reserved port? */
#define ND_MERGEADDR          4 /* merge a universal address */
#define ND_CLEAR_BROADCAST    7 /* forbid broadcast */
#define ND_SET_REUSEADDR      8 /* allow local address reuse */
#define ND_CLEAR_REUSEADDR    9 /* forbid local address reuse */

/* Error values (negative: fatal, positive: warnings). */
#define ND_TRY_AGAIN          (-5) /* non-authoritative host not found */
#define ND_NO_RECOVERY        (-4) /* non-recoverable errors */
#define ND_NO_DATA            (-3) /* no data record of the requested type */
#define ND_NO_ADDRESS         ND_NO_DATA
#define ND_BADARG             (-2) /* bad arguments passed */
#define ND_NOMEM              (-1) /* no virtual memory left */
#define ND_OK                 0    /* translation successful */
#define ND_NOHOST             1    /* host name not found */
#define ND_NOSERV             2    /* service name not found */
#define ND_NOSYM              3    /* could not find a symbol */
#define ND_OPEN               4    /* could not open a library */
#define ND_ACCESS             5    /* access denied */
#define ND_UKNWN              6    /* unknown object */
#define ND_NOCTRL             7    /* unknown option */
#define ND_FAILCTRL           8    /* option failed */
#define ND_SYSTEM             9    /* other system error */

/* Special host names. */
#define HOST_SELF             "\\1" /* this host, for binding */
#define HOST_ANY              "\\2" /* any host */
#define HOST_BROADCAST        "\\3" /* the broadcast address */
#define HOST_SELF_BIND        HOST_SELF
#define HOST_SELF_CONNECT     "\\4" /* this host, for connecting */

/* The last netdir error of this thread. */
extern int *__nderror(void);
#define _nderror (*(__nderror()))

extern int netdir_getbyname(struct netconfig *nconf,
    struct nd_hostserv *service, struct nd_addrlist **addrs);
extern int netdir_getbyaddr(struct netconfig *nconf,
    struct nd_hostservlist **service, struct netbuf *netaddr);
extern void netdir_free(void *ptr, int struct_type);
extern int netdir_options(
    struct netconfig *nconf, int option, int fd, char *point_to_args);
extern char *netdir_sperror(void);
extern void netdir_perror(char *msg);

/* Universal addresses: libtirpc's functions, declared as it does. */
extern char *taddr2uaddr(
    const struct netconfig *nconf, const struct netbuf *addr);
extern struct netbuf *uaddr2taddr(
    const struct netconfig *nconf, const char *uaddr);

#ifdef __cplusplus
}
#endif

#endif /* LISTEN_NETDIR_H */
