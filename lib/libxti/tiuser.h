/*
 * <tiuser.h> - the SVR4 Transport Level Interface over Linux sockets.
 *
 * The t_* functions declared here have TLI semantics: "maxlen 0" is a
 * zero-sized buffer, a busy address is replaced by another on t_bind,
 * t_accept returns TLOOK while another event is pending, and errors are
 * the ones an SVR4 provider reported (state errors are TOUTSTATE, as the
 * provider answered them).  <xti.h> gives XTI semantics under the same
 * names instead.
 */
#ifndef LISTEN_TIUSER_H
#define LISTEN_TIUSER_H

#include <tpicommon.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Every field of a structure, for t_alloc (TLI value). */
#define T_ALL      0x07

/* Mask of the TLI events. */
#define T_EVENTS   0x00ff

/* The library-internal "error" state. */
#define T_BADSTATE 8

/* t_getname types. */
#define LOCALNAME  0
#define REMOTENAME 1

struct t_info {
	t_scalar_t addr;     /* max size of a transport address */
	t_scalar_t options;  /* max bytes of protocol-specific options */
	t_scalar_t tsdu;     /* max size of a transport service data unit */
	t_scalar_t etsdu;    /* max size of an expedited TSDU */
	t_scalar_t connect;  /* max data allowed on connect primitives */
	t_scalar_t discon;   /* max data allowed on disconnect primitives */
	t_scalar_t servtype; /* service type */
};

/*
 * TLI option buffer: records of a header and a value padded to a multiple
 * of t_uscalar_t.  Levels and names are the Linux socket option numbers
 * (SOL_SOCKET/SO_*, IPPROTO_TCP/TCP_*, ...), as a recompiled SVR4 program
 * using <sys/socket.h> names expects.
 */
struct opthdr {
	t_uscalar_t level; /* protocol level affected */
	t_uscalar_t name;  /* option to modify */
	t_uscalar_t len;   /* length of the value that follows */
};
#define OPTLEN(x) \
	((((x) + sizeof(t_uscalar_t) - 1) / sizeof(t_uscalar_t)) * \
	    sizeof(t_uscalar_t))
#define OPTVAL(opt) ((char *)((struct opthdr *)(opt) + 1))

/* Error messages, indexed by t_errno; t_nerr entries. */
extern char *t_errlist[];
extern int t_nerr;

extern int t_accept(int fd, int resfd, struct t_call *call);
extern char *t_alloc(int fd, int struct_type, int fields);
extern int t_bind(int fd, struct t_bind *req, struct t_bind *ret);
extern int t_close(int fd);
extern int t_connect(int fd, struct t_call *sndcall, struct t_call *rcvcall);
extern void t_error(const char *errmsg);
extern int t_free(char *ptr, int struct_type);
extern int t_getinfo(int fd, struct t_info *info);
extern int t_getname(int fd, struct netbuf *name, int type);
extern int t_getstate(int fd);
extern int t_listen(int fd, struct t_call *call);
extern int t_look(int fd);
extern int t_open(const char *path, int oflag, struct t_info *info);
extern int t_optmgmt(int fd, struct t_optmgmt *req, struct t_optmgmt *ret);
extern int t_rcv(int fd, char *buf, unsigned int nbytes, int *flags);
extern int t_rcvconnect(int fd, struct t_call *call);
extern int t_rcvdis(int fd, struct t_discon *discon);
extern int t_rcvrel(int fd);
extern int t_rcvudata(int fd, struct t_unitdata *unitdata, int *flags);
extern int t_rcvuderr(int fd, struct t_uderr *uderr);
extern int t_snd(int fd, char *buf, unsigned int nbytes, int flags);
extern int t_snddis(int fd, struct t_call *call);
extern int t_sndrel(int fd);
extern int t_sndudata(int fd, struct t_unitdata *unitdata);
extern char *t_strerror(int errnum);
extern int t_sync(int fd);
extern int t_unbind(int fd);

#ifdef __cplusplus
}
#endif

#endif /* LISTEN_TIUSER_H */
