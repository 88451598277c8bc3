/*
 * xti_impl.h - libxti internals: the per-descriptor endpoint table, the
 * transport kinds, and the helpers every t_* call is built from.
 *
 * Design (docs/xti-design.md has the reasons):
 *  - the endpoint descriptor is the socket; the library keeps, per fd, a
 *    struct tx_ep with what the socket cannot tell (XTI state, held connect
 *    indications, registered events, recorded options and modules);
 *  - an entry is checked against the socket's identity (st_dev, st_ino) on
 *    every call; an unknown socket is adopted by rebuilding its state from
 *    the socket (tx_sync.c), anything else is TBADF;
 *  - one library-wide mutex protects the table; calls that may block wait
 *    in poll() with the mutex released (tx_wait) and re-validate after;
 *  - every public call has a TLI entry point (plain t_* symbol) and an XTI
 *    entry point (_xti_* symbol); both call one implementation with the
 *    flavour as a parameter.
 *
 * Nothing in the library prints, logs or exits.
 */
#ifndef LISTEN_XTI_IMPL_H
#define LISTEN_XTI_IMPL_H

#include "config.h"

#define LISTEN_XTI_NO_PROTOTYPES 1
#include "xti.h"
#include "xti_modules.h"

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/stat.h>

#define TX_HIDDEN __attribute__((visibility("hidden")))

/* The two API flavours. */
enum tx_flavour { TX_TLI = 0, TX_XTI = 1 };

/* TLI's struct t_info stops before flags. */
struct tx_tli_info {
	t_scalar_t addr, options, tsdu, etsdu, connect, discon, servtype;
};

/* TLI's T_ALL; <xti.h> has the XTI one (0xffff). */
#define TX_TLI_T_ALL 0x07

/* How a netbuf address is encoded for a transport kind. */
enum tx_addrfmt {
	TX_ADDR_INET,     /* struct sockaddr_in */
	TX_ADDR_INET6,    /* struct sockaddr_in6 */
	TX_ADDR_ABSTRACT, /* raw bytes = AF_UNIX abstract name */
	TX_ADDR_PATH      /* struct sockaddr_un with a path */
};

/* A transport kind: what t_open can create and t_sync can recognise. */
struct tx_kind {
	const char *name; /* canonical provider name, e.g. "tcp" */
	int domain, type, protocol;
	int servtype; /* T_COTS, T_COTS_ORD or T_CLTS */
	enum tx_addrfmt afmt;
	struct t_info info; /* what t_getinfo reports */
};

/* Most connect indications one endpoint holds; ret->qlen of t_bind is
 * capped at this (XTI lets the provider negotiate a lower qlen). */
#define TX_MAXQLEN 128

/* A connect indication: an accepted socket held until t_accept/t_snddis. */
struct tx_ind {
	int seq; /* sequence number, > 0; 0 = free slot */
	int fd;  /* high, close-on-exec, non-blocking */
	socklen_t alen;
	struct sockaddr_storage addr; /* the caller */
};

/* A socket option set through t_optmgmt, re-applied when the socket is
 * replaced (t_unbind, t_accept onto this fd). */
struct tx_sockopt {
	int level, name;
	socklen_t len;
	unsigned char val[16];
};
#define TX_MAXSOCKOPTS 16

/* A datagram error produced by the library itself (AF_UNIX datagrams have
 * no ICMP; send errors become T_UDERR as on a TPI provider). */
struct tx_uderr {
	socklen_t alen;
	struct sockaddr_storage addr;
	int error;
};
#define TX_MAXUDERR 8

struct tx_ep {
	int fd;
	unsigned long gen; /* changes whenever the entry is reused */
	dev_t dev;         /* identity of the socket */
	ino_t ino;
	const struct tx_kind *kind;
	int state; /* T_UNBND ... T_INREL */

	/* listener */
	unsigned int qlen;  /* negotiated; 0 = not a listener */
	unsigned int ocnt;  /* outstanding indications */
	struct tx_ind *ind; /* qlen slots */
	int nextseq;
	bool qfull_told; /* XTI TQFULL is returned once */

	/* registered events (what the socket reports only once) */
	bool ev_dis; /* T_DISCONNECT pending */
	int dis_reason;
	int dis_seq;    /* indication it concerns, or -1 */
	bool ev_ordrel; /* T_ORDREL pending */
	struct tx_uderr uderr[TX_MAXUDERR];
	int nuderr;

	/* released connection: reset the socket before the next connect */
	bool reset_pending;

	/* send side (XTI T_GODATA / T_GOEXDATA) */
	bool flow, flow_exp;

	/* datagram receive: the rest of a datagram larger than the caller's
	 * buffer, handed out with T_MORE */
	unsigned char *dgbuf;
	size_t dgcap, dglen, dgoff;
	socklen_t dgalen;
	struct sockaddr_storage dgaddr;

	/* binding */
	bool bound_explicit; /* address chosen by the caller */
	socklen_t balen;
	struct sockaddr_storage baddr; /* requested address, to rebind */

	struct tx_sockopt opts[TX_MAXSOCKOPTS];
	int nopts;

	char mods[XTI_MAXMODULES][XTI_FMNAMESZ + 1];
	int nmods;
};

/* ---- t_errno (tx_errno.c) ---- */
TX_HIDDEN int tx_fail(int terr);   /* set t_errno, -1 */
TX_HIDDEN int tx_sysfail(int err); /* TSYSERR + errno */

/* ---- the table (tx_table.c) ---- */
/* Lock the library and return fd's entry, adopting an unknown socket.
 * On failure unlock, set t_errno and return NULL. */
TX_HIDDEN struct tx_ep *tx_enter(int fd);
TX_HIDDEN void tx_leave(void);
TX_HIDDEN void tx_lock(void);
TX_HIDDEN void tx_unlock(void);
/* The entry of fd if known and identical, without adopting (locked). */
TX_HIDDEN struct tx_ep *tx_lookup(int fd);
/* New entry for fd (replacing any), identity taken from the socket. */
TX_HIDDEN struct tx_ep *tx_create(int fd, const struct tx_kind *kind);
/* Forget fd's entry; held indications are closed abortively. */
TX_HIDDEN void tx_destroy(int fd);
/* Re-read the socket identity after the fd was replaced (dup2). */
TX_HIDDEN void tx_reidentify(struct tx_ep *ep);
/* Wait with the library unlocked until fd (and, if with_held, the held
 * indications) is ready for events or the timeout (ms, -1 = none) ends.
 * Returns the entry again (re-validated), or NULL with t_errno set:
 * TBADF if it went away, TSYSERR/EINTR if interrupted. */
TX_HIDDEN struct tx_ep *tx_wait(
    struct tx_ep *ep, short events, bool with_held, int timeout);
/* Is the endpoint in blocking mode (read from the open file description)? */
TX_HIDDEN bool tx_blocking(const struct tx_ep *ep);

/* ---- reconstruction (tx_sync.c) ---- */
/* Build an entry for a socket the library does not know; NULL + t_errno. */
TX_HIDDEN struct tx_ep *tx_adopt(int fd);
TX_HIDDEN int tx_somaxconn(void);

/* ---- transport kinds (tx_kind.c) ---- */
TX_HIDDEN const struct tx_kind *tx_kind_byname(const char *name, int *terr);
TX_HIDDEN const struct tx_kind *tx_kind_bysocket(
    int domain, int type, int protocol);
/* The path-named ("local") variant of an AF_UNIX kind. */
TX_HIDDEN const struct tx_kind *tx_kind_pathvariant(const struct tx_kind *k);
TX_HIDDEN bool tx_is_inet(const struct tx_kind *k);
TX_HIDDEN bool tx_is_tcp(const struct tx_kind *k);
TX_HIDDEN bool tx_is_unix(const struct tx_kind *k);
/* A fresh socket of kind k with the library's standard options. */
TX_HIDDEN int tx_socket(const struct tx_kind *k, bool nonblock);
/* Standard per-socket settings (SO_OOBINLINE, V6ONLY, IP_RECVERR). */
TX_HIDDEN void tx_sockdefaults(int fd, const struct tx_kind *k);
TX_HIDDEN void tx_fill_info(
    const struct tx_kind *k, enum tx_flavour flav, void *info);

/* ---- addresses (tx_addr.c) ---- */
/* netbuf bytes -> sockaddr for kind k; 0 or -1 (TBADADDR). */
TX_HIDDEN int tx_addr_in(const struct tx_kind *k, const void *buf, size_t len,
    struct sockaddr_storage *sa, socklen_t *salen);
/* sockaddr -> netbuf bytes for kind k into out (cap bytes); the length,
 * which may exceed cap. */
TX_HIDDEN size_t tx_addr_out(const struct tx_kind *k,
    const struct sockaddr_storage *sa, socklen_t salen, void *out, size_t cap);
/* The wildcard (unspecified) address of kind k; false if none (autobind). */
TX_HIDDEN bool tx_addr_any(
    const struct tx_kind *k, struct sockaddr_storage *sa, socklen_t *salen);
/* Copy len bytes to a caller's netbuf under the flavour's maxlen rules:
 * 0, or -1 with TBUFOVFLW. */
TX_HIDDEN int tx_copyout(
    struct netbuf *nb, const void *data, size_t len, enum tx_flavour flav);
/* Copy a sockaddr as the kind's netbuf form. */
TX_HIDDEN int tx_copyout_addr(struct netbuf *nb, const struct tx_kind *k,
    const struct sockaddr_storage *sa, socklen_t salen, enum tx_flavour flav);

/* ---- events (tx_look.c) ---- */
/* The event at the head of fd's queue (0 if none); may register one. */
TX_HIDDEN int tx_event(struct tx_ep *ep, enum tx_flavour flav);
/* Record a disconnect (reason errno) for indication seq (-1: connection). */
TX_HIDDEN void tx_register_dis(struct tx_ep *ep, int reason, int seq);
/* Check a connection for an abort the kernel reports once (SO_ERROR). */
TX_HIDDEN bool tx_check_abort(struct tx_ep *ep);
/* Held indications: the first that was reset registers T_DISCONNECT. */
TX_HIDDEN bool tx_check_held(struct tx_ep *ep);

/* ---- connection life cycle (tx_release.c, tx_listen.c) ---- */
/* Take a connected endpoint back to T_IDLE so it may connect again. */
TX_HIDDEN void tx_to_idle(struct tx_ep *ep, bool abortive);
/* Reset a once-connected socket so that it may connect again. */
TX_HIDDEN void tx_reset_socket(struct tx_ep *ep, bool abortive);
/* Close a socket abortively (RST for TCP). */
TX_HIDDEN void tx_abort_close(int fd);
TX_HIDDEN struct tx_ind *tx_ind_find(struct tx_ep *ep, int seq);
TX_HIDDEN void tx_ind_drop(struct tx_ep *ep, struct tx_ind *ind, bool abortive);
TX_HIDDEN void tx_ind_dropall(struct tx_ep *ep);
/* Replace the socket behind ep->fd by a fresh unbound one (t_unbind). */
TX_HIDDEN int tx_replace_socket(struct tx_ep *ep);

/* ---- options (tx_optmgmt.c) ---- */
/* Would the XTI option buffer apply (T_CHECK of each)?  0, or -1 and
 * t_errno (TBADOPT): t_accept asks before it accepts anything. */
TX_HIDDEN int tx_check_opts(
    struct tx_ep *ep, const struct netbuf *opt, enum tx_flavour flav);
/* Apply an XTI option buffer (t_connect/t_accept call->opt). */
TX_HIDDEN int tx_apply_opts(
    struct tx_ep *ep, const struct netbuf *opt, enum tx_flavour flav);
/* Re-apply the options recorded on ep to its (new) socket. */
TX_HIDDEN void tx_reapply_opts(struct tx_ep *ep);
/* Size of the XTI option buffer able to hold every option of kind k. */
TX_HIDDEN t_scalar_t tx_opt_bufsize(const struct tx_kind *k);
TX_HIDDEN void tx_record_opt(
    struct tx_ep *ep, int level, int name, const void *val, socklen_t len);

/* ---- modules (tx_modules.c) ---- */
TX_HIDDEN void tx_modules_init(struct tx_ep *ep);

/* ---- helpers ---- */
/* First descriptor number used for held sockets. */
TX_HIDDEN int tx_highfd(void);
/* Map a socket errno of a connection to "register a disconnect"? */
TX_HIDDEN bool tx_is_disconnect_errno(int err);

/* ---- the two entry points of every call ---- */
#define TX_ENTRY __attribute__((visibility("default")))

#endif /* LISTEN_XTI_IMPL_H */
