/*
 * <listen.h> - the network listener's client and server library (libnls).
 *
 * For clients: nlsrequest() asks a listener's NLPS address for a service
 * by its code.  For servers the listener starts: nlsgetcall() and
 * nlsprovider() describe the connection on fd 0.  For standing servers,
 * which receive connections already accepted by the listener:
 * nls_fdserver() makes the rendezvous, nls_recvfd() and nls_recvcall()
 * take connections from it.
 *
 * The rendezvous is an AF_UNIX datagram socket bound at the path given as
 * the service's command in _pmtab.  The listener sends each connection as
 * one datagram: a struct nls_passmsg, the connection as SCM_RIGHTS and the
 * sender's credentials as SCM_CREDENTIALS.  docs/rendezvous.md describes
 * the message for programs that do not use this library.
 */
#ifndef LISTEN_LISTEN_H
#define LISTEN_LISTEN_H

#include <stdint.h>
#include <sys/types.h>
#include <tpicommon.h>

#ifdef __cplusplus
extern "C" {
#endif

/* NLPS service requests: "NLPS:<low>:<high>:<service code>" and a NUL. */
#define nls_v0_d     "NLPS:000:001:%d"
#define nls_v0_s     "NLPS:000:001:%s"
#define nls_v2_d     "NLPS:002:002:%d"
#define nls_v2_s     "NLPS:002:002:%s"
#define nls_prot_msg nls_v0_d
#define nls_v2_msg   nls_v2_s

/* Codes of the version 2 reply "2:<code>:<text>" (and of nlsrequest). */
#define NLSSTART    0 /* the service is being started */
#define NLSFORMAT   2 /* the request could not be interpreted */
#define NLSUNKNOWN  3 /* no such service code */
#define NLSDISABLED 4 /* the service is disabled */

/* Service codes have fewer than SVC_CODE_SZ characters (at most 13). */
#define SVC_CODE_SZ 14
/* The queue length the listener asks for on each address. */
#define MAXCON 100

/* What the listener tells the servers it starts, in their environment:
 * the caller's address, options and connect data as uppercase hex of the
 * native bytes, and the network (net_spec). */
#define NLSADDR     "NLSADDR"
#define NLSOPT      "NLSOPT"
#define NLSUDATA    "NLSUDATA"
#define NLSPROVIDER "NLSPROVIDER"

/* Non-zero: the library explains its failures on stderr. */
extern int _nlslog;
/* The text of the last reply nlsrequest() received ("" after a call that
 * got no valid reply; NULL before the first call). */
extern char *_nlsrmsg;

/* Ask for service svc_code on fd, a TLI/XTI endpoint connected to a
 * listener's NLPS address: NLSSTART, NLSUNKNOWN, NLSDISABLED, NLSFORMAT
 * (or another code the listener sends), or -1.  The reply is read up to
 * its NUL and no further, so fd then talks to the service.  On -1,
 * t_errno 0 means a bad code or reply, otherwise a transport error.
 * NLS_TIMEOUT in the environment (whole seconds) bounds the wait for the
 * reply: t_errno TSYSERR, errno ETIMEDOUT. */
extern int nlsrequest(int fd, char *svc_code);
/* The caller's address, options and connect data of the connection the
 * listener started this server with (from NLSADDR, NLSOPT, NLSUDATA).  fd
 * is not used.  A variable that cannot be decoded leaves its netbuf's buf
 * NULL and (int)len negative: -11 unset, -12 odd length, -13 no memory,
 * -3 not hex.  Free with t_free(call, T_CALL).  NULL if out of memory. */
extern struct t_call *nlsgetcall(int fd);
/* The network the listener serves (NLSPROVIDER), or NULL. */
extern char *nlsprovider(void);

/* ---- standing servers ---- */

/* A passed connection: the descriptor and the sender's credentials (the
 * listener's), in the layout of the SVR4 I_RECVFD structure. */
struct strrecvfd {
	int fd;
	uid_t uid;
	gid_t gid;
	char fill[8];
};

/* The datagram that carries a connection.  Host byte order: the listener
 * and the server run on one machine. */
#define NLS_PASS_MAGIC   0x50534c4eU /* "NLSP" in memory on little-endian */
#define NLS_PASS_VERSION 1
#define NLS_ADDR_MAX     128 /* room for any struct sockaddr we send */
#define NLS_NETSPEC_MAX  31

struct nls_passmsg {
	uint32_t magic;			 /* NLS_PASS_MAGIC */
	uint16_t version;		 /* NLS_PASS_VERSION */
	uint16_t size;			 /* sizeof(struct nls_passmsg) */
	char svc_code[SVC_CODE_SZ + 2];	 /* the service code, NUL-terminated */
	char netspec[NLS_NETSPEC_MAX + 1]; /* net_spec, NUL-terminated */
	uint32_t caller_len;		 /* bytes of caller used */
	uint32_t local_len;		 /* bytes of local used */
	unsigned char caller[NLS_ADDR_MAX]; /* the caller's struct sockaddr */
	unsigned char local[NLS_ADDR_MAX];  /* the listener's address */
};

/* What nls_recvcall() tells about a connection.  caller and local point
 * into this structure's own buffers: a copy must set them again. */
struct nls_callinfo {
	char svc_code[SVC_CODE_SZ + 2];
	char netspec[NLS_NETSPEC_MAX + 1];
	struct netbuf caller;	/* points into caller_buf */
	struct netbuf local;	/* points into local_buf */
	char nlsaddr[2 * NLS_ADDR_MAX + 1]; /* caller as NLSADDR hex */
	unsigned char caller_buf[NLS_ADDR_MAX];
	unsigned char local_buf[NLS_ADDR_MAX];
};

/* Create the rendezvous at path with the given mode (replacing a stale
 * one; a live one is EADDRINUSE; anything else that is not a socket is
 * EEXIST and left alone): its descriptor (close-on-exec, SO_PASSCRED
 * set), or -1 with errno. */
extern int nls_fdserver(const char *path, mode_t mode);
/* Wait for one passed connection on rfd: r->fd is the connection
 * (close-on-exec), r->uid and r->gid the sender's credentials (-1 if
 * none came).  0, or -1 with errno and r->fd -1 (EAGAIN if rfd is
 * non-blocking and nothing is waiting; EPROTO for a message that is not a
 * connection from a listener, whose descriptors are closed). */
extern int nls_recvfd(int rfd, struct strrecvfd *r);
/* The same, and what the listener knows about the connection. */
extern int nls_recvcall(int rfd, struct strrecvfd *r,
    struct nls_callinfo *info);

#ifdef __cplusplus
}
#endif

#endif /* LISTEN_LISTEN_H */
