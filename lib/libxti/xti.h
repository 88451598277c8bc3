/*
 * <xti.h> - the X/Open Transport Interface (XNS Issue 5) over Linux sockets.
 *
 * A program that includes this header gets XTI semantics: every t_* name
 * below is bound, with an assembler label, to the library's XTI entry point
 * (_xti_accept, _xti_bind, ...).  The plain t_* symbols of the same library
 * keep SVR4 TLI semantics for programs written against <tiuser.h>.  A source
 * file includes one of the two headers, never both.
 *
 * Addresses in netbufs are native Linux struct sockaddr bytes.
 */
#ifndef LISTEN_XTI_H
#define LISTEN_XTI_H

#include <unistd.h> /* glibc's _SC_T_IOV_MAX, see t_sysconf */
#include <tpicommon.h>

#ifdef __cplusplus
extern "C" {
#endif

/* XTI-only data and event flags. */
#define T_PUSH       0x004  /* send data immediately */
#define T_GODATA     0x0100 /* sending normal data is again possible */
#define T_GOEXDATA   0x0200 /* sending expedited data is again possible */

/* Every field of a structure, for t_alloc. */
#define T_ALL        0xffff

/* t_info.flags */
#define T_SENDZERO   0x001 /* zero-length TSDUs may be sent */
#define T_ORDRELDATA 0x002 /* orderly release may carry data */

struct t_info {
	t_scalar_t addr;     /* max size of a transport address */
	t_scalar_t options;  /* max bytes of protocol-specific options */
	t_scalar_t tsdu;     /* max size of a transport service data unit */
	t_scalar_t etsdu;    /* max size of an expedited TSDU */
	t_scalar_t connect;  /* max data allowed on connect primitives */
	t_scalar_t discon;   /* max data allowed on disconnect primitives */
	t_scalar_t servtype; /* service type */
	t_scalar_t flags;    /* other info about the provider */
};

/* Scatter/gather vectors of t_sndv, t_rcvv, t_sndvudata, t_rcvvudata. */
#define T_IOV_MAX 16
struct t_iovec {
	void *iov_base;
	size_t iov_len;
};

/* Option header of the XTI option buffer format; len includes the header. */
struct t_opthdr {
	t_uscalar_t len;
	t_uscalar_t level;
	t_uscalar_t name;
	t_uscalar_t status;
};

/* Options start on t_uscalar_t boundaries. */
#define T_ALIGN(n) \
	(((t_uscalar_t)(n) + (sizeof(t_uscalar_t) - 1)) & \
	    ~(t_uscalar_t)(sizeof(t_uscalar_t) - 1))

/* First option of a buffer, or NULL when it holds none. */
#define T_OPT_FIRSTHDR(nbp) \
	((nbp)->len >= sizeof(struct t_opthdr) ? \
		(struct t_opthdr *)(nbp)->buf : \
		(struct t_opthdr *)0)

/* The value of an option. */
#define T_OPT_DATA(tohp) ((unsigned char *)(tohp) + sizeof(struct t_opthdr))

/* The option after tohp, or NULL when tohp is the last one. */
#define T_OPT_NEXTHDR(nbp, tohp) \
	(((char *)(tohp) + T_ALIGN((tohp)->len) + sizeof(struct t_opthdr) <= \
	     (char *)(nbp)->buf + (nbp)->len) ? \
		(struct t_opthdr *)((char *)(tohp) + T_ALIGN((tohp)->len)) : \
		(struct t_opthdr *)0)

/* Option values. */
#define T_YES        1
#define T_NO         0
#define T_UNUSED     (-1)
#define T_NULL       0
#define T_ABSREQ     0x8000
#define T_UNSPEC     (~0 - 2) /* -3: value not specified */
#define T_ALLOPT     0        /* all options of a level */

/* Generic options (level XTI_GENERIC; Linux SOL_SOCKET is 1, no clash). */
#define XTI_GENERIC  0xffff
#define XTI_DEBUG    0x0001 /* array of t_uscalar_t: debug on/off */
#define XTI_LINGER   0x0080 /* struct t_linger */
#define XTI_RCVBUF   0x1002 /* receive buffer size */
#define XTI_RCVLOWAT 0x1004 /* receive low-water mark */
#define XTI_SNDBUF   0x1001 /* send buffer size */
#define XTI_SNDLOWAT 0x1003 /* send low-water mark */

struct t_linger {
	t_scalar_t l_onoff;  /* T_YES or T_NO */
	t_scalar_t l_linger; /* seconds, or T_UNSPEC */
};

/*
 * Internet options.  Never equal to the Linux option numbers by design:
 * the library translates each one explicitly.
 */
#define T_INET_TCP      0x6
#define T_INET_UDP      0x11
#define T_INET_IP       0x0
#define INET_TCP        T_INET_TCP
#define INET_UDP        T_INET_UDP
#define INET_IP         T_INET_IP

#define T_TCP_NODELAY   0x1 /* don't delay small sends */
#define T_TCP_MAXSEG    0x2 /* maximum segment size (read-only) */
#define T_TCP_KEEPALIVE 0x8 /* struct t_kpalive */

struct t_kpalive {
	t_scalar_t kp_onoff;   /* T_YES or T_NO, optionally | T_GARBAGE */
	t_scalar_t kp_timeout; /* minutes, or T_UNSPEC */
};
#define T_GARBAGE          0x02

#define T_UDP_CHECKSUM     0x0600 /* checksum computation on/off */

#define T_IP_OPTIONS       0x107 /* IP per-packet options */
#define T_IP_TOS           0x108 /* type of service */
#define T_IP_TTL           0x109 /* time to live */
#define T_IP_REUSEADDR     0x104 /* allow local address reuse */
#define T_IP_DONTROUTE     0x105 /* just use the interface address */
#define T_IP_BROADCAST     0x106 /* permit sending of broadcasts */

/* IP type of service: precedence and flags. */
#define T_ROUTINE          0
#define T_PRIORITY         1
#define T_IMMEDIATE        2
#define T_FLASH            3
#define T_OVERRIDEFLASH    4
#define T_CRITIC_ECP       5
#define T_INETCONTROL      6
#define T_NETCONTROL       7
#define T_NOTOS            0x00
#define T_LDELAY           0x10
#define T_HITHRPT          0x08
#define T_HIREL            0x04
#define T_LOCOST           0x02
#define SET_TOS(prec, tos) ((((prec)&0x7) << 5) | ((tos)&0x1e))

/*
 * The XTI entry points of the library.  (The library itself defines
 * LISTEN_XTI_NO_PROTOTYPES to declare both flavours its own way.)
 */
#ifndef LISTEN_XTI_NO_PROTOTYPES
#define LISTEN_XTI_ENTRY(name) __asm__("_xti_" #name)

extern int t_accept(int fd, int resfd, const struct t_call *call)
    LISTEN_XTI_ENTRY(accept);
extern void *t_alloc(int fd, int struct_type, int fields)
    LISTEN_XTI_ENTRY(alloc);
extern int t_bind(int fd, const struct t_bind *req, struct t_bind *ret)
    LISTEN_XTI_ENTRY(bind);
extern int t_close(int fd) LISTEN_XTI_ENTRY(close);
extern int t_connect(int fd, const struct t_call *sndcall,
    struct t_call *rcvcall) LISTEN_XTI_ENTRY(connect);
extern int t_error(const char *errmsg);
extern int t_free(void *ptr, int struct_type) LISTEN_XTI_ENTRY(free);
extern int t_getinfo(int fd, struct t_info *info) LISTEN_XTI_ENTRY(getinfo);
extern int t_getprotaddr(int fd, struct t_bind *boundaddr,
    struct t_bind *peeraddr) LISTEN_XTI_ENTRY(getprotaddr);
extern int t_getstate(int fd) LISTEN_XTI_ENTRY(getstate);
extern int t_listen(int fd, struct t_call *call) LISTEN_XTI_ENTRY(listen);
extern int t_look(int fd) LISTEN_XTI_ENTRY(look);
extern int t_open(const char *name, int oflag, struct t_info *info)
    LISTEN_XTI_ENTRY(open);
extern int t_optmgmt(int fd, const struct t_optmgmt *req, struct t_optmgmt *ret)
    LISTEN_XTI_ENTRY(optmgmt);
extern int t_rcv(int fd, void *buf, unsigned int nbytes, int *flags)
    LISTEN_XTI_ENTRY(rcv);
extern int t_rcvconnect(int fd, struct t_call *call)
    LISTEN_XTI_ENTRY(rcvconnect);
extern int t_rcvdis(int fd, struct t_discon *discon) LISTEN_XTI_ENTRY(rcvdis);
extern int t_rcvrel(int fd) LISTEN_XTI_ENTRY(rcvrel);
extern int t_rcvreldata(int fd, struct t_discon *discon)
    LISTEN_XTI_ENTRY(rcvreldata);
extern int t_rcvudata(int fd, struct t_unitdata *unitdata, int *flags)
    LISTEN_XTI_ENTRY(rcvudata);
extern int t_rcvuderr(int fd, struct t_uderr *uderr) LISTEN_XTI_ENTRY(rcvuderr);
extern int t_rcvv(int fd, struct t_iovec *iov, unsigned int iovcount,
    int *flags) LISTEN_XTI_ENTRY(rcvv);
extern int t_rcvvudata(int fd, struct t_unitdata *unitdata, struct t_iovec *iov,
    unsigned int iovcount, int *flags) LISTEN_XTI_ENTRY(rcvvudata);
extern int t_snd(int fd, void *buf, unsigned int nbytes, int flags)
    LISTEN_XTI_ENTRY(snd);
extern int t_snddis(int fd, const struct t_call *call) LISTEN_XTI_ENTRY(snddis);
extern int t_sndrel(int fd) LISTEN_XTI_ENTRY(sndrel);
extern int t_sndreldata(int fd, struct t_discon *discon)
    LISTEN_XTI_ENTRY(sndreldata);
extern int t_sndudata(int fd, const struct t_unitdata *unitdata)
    LISTEN_XTI_ENTRY(sndudata);
extern int t_sndv(int fd, const struct t_iovec *iov, unsigned int iovcount,
    int flags) LISTEN_XTI_ENTRY(sndv);
extern int t_sndvudata(int fd, struct t_unitdata *unitdata, struct t_iovec *iov,
    unsigned int iovcount) LISTEN_XTI_ENTRY(sndvudata);
extern const char *t_strerror(int errnum);
extern int t_sync(int fd) LISTEN_XTI_ENTRY(sync);
extern int t_sysconf(int name);
extern int t_unbind(int fd) LISTEN_XTI_ENTRY(unbind);
#endif /* LISTEN_XTI_NO_PROTOTYPES */

#ifdef __cplusplus
}
#endif

#endif /* LISTEN_XTI_H */
