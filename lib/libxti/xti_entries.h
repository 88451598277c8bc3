/*
 * xti_entries.h - prototypes of the exported entry points as the library
 * defines them: the TLI symbols (t_*, layouts of <tiuser.h>) and the XTI
 * symbols (_xti_*, layouts of <xti.h>).  The public headers declare the
 * same functions for programs; this header only exists so that every
 * definition has a prototype.
 */
#ifndef LISTEN_XTI_ENTRIES_H
#define LISTEN_XTI_ENTRIES_H

#include "xti_impl.h"

#define TX_BOTH(ret, name, args) \
	TX_ENTRY ret t_##name args; \
	TX_ENTRY ret _xti_##name args

TX_BOTH(int, accept, (int fd, int resfd, const struct t_call *call));
TX_BOTH(int, bind, (int fd, const struct t_bind *req, struct t_bind *ret));
TX_BOTH(int, close, (int fd));
TX_BOTH(int, connect,
    (int fd, const struct t_call *sndcall, struct t_call *rcvcall));
TX_BOTH(int, getstate, (int fd));
TX_BOTH(int, listen, (int fd, struct t_call *call));
TX_BOTH(int, look, (int fd));
TX_BOTH(
    int, optmgmt, (int fd, const struct t_optmgmt *req, struct t_optmgmt *ret));
TX_BOTH(int, rcv, (int fd, void *buf, unsigned int nbytes, int *flags));
TX_BOTH(int, rcvconnect, (int fd, struct t_call *call));
TX_BOTH(int, rcvdis, (int fd, struct t_discon *discon));
TX_BOTH(int, rcvrel, (int fd));
TX_BOTH(int, rcvudata, (int fd, struct t_unitdata *ud, int *flags));
TX_BOTH(int, rcvuderr, (int fd, struct t_uderr *uderr));
TX_BOTH(int, snd, (int fd, void *buf, unsigned int nbytes, int flags));
TX_BOTH(int, snddis, (int fd, const struct t_call *call));
TX_BOTH(int, sndrel, (int fd));
TX_BOTH(int, sndudata, (int fd, const struct t_unitdata *ud));
TX_BOTH(int, sync, (int fd));
TX_BOTH(int, unbind, (int fd));
TX_BOTH(int, free, (void *ptr, int struct_type));
TX_BOTH(void *, alloc, (int fd, int struct_type, int fields));

/* Calls whose structures differ between the flavours. */
TX_ENTRY int t_open(const char *name, int oflag, struct tx_tli_info *info);
TX_ENTRY int _xti_open(const char *name, int oflag, struct t_info *info);
TX_ENTRY int t_getinfo(int fd, struct tx_tli_info *info);
TX_ENTRY int _xti_getinfo(int fd, struct t_info *info);

/* TLI only. */
TX_ENTRY int t_getname(int fd, struct netbuf *name, int type);

/* XTI only (also exported under their plain names). */
TX_BOTH(int, getprotaddr,
    (int fd, struct t_bind *boundaddr, struct t_bind *peeraddr));
TX_BOTH(int, rcvreldata, (int fd, struct t_discon *discon));
TX_BOTH(int, sndreldata, (int fd, struct t_discon *discon));
TX_BOTH(int, rcvv,
    (int fd, struct t_iovec *iov, unsigned int iovcount, int *flags));
TX_BOTH(int, sndv,
    (int fd, const struct t_iovec *iov, unsigned int iovcount, int flags));
TX_BOTH(int, rcvvudata,
    (int fd, struct t_unitdata *ud, struct t_iovec *iov, unsigned int iovcount,
	int *flags));
TX_BOTH(int, sndvudata,
    (int fd, struct t_unitdata *ud, struct t_iovec *iov,
	unsigned int iovcount));

/* One symbol for both flavours. */
TX_ENTRY int *__t_errno(void);
TX_ENTRY const char *t_strerror(int errnum);
TX_ENTRY int t_error(const char *msg);
TX_ENTRY int t_sysconf(int name);
TX_ENTRY extern char *t_errlist[];
TX_ENTRY extern int t_nerr;

#endif /* LISTEN_XTI_ENTRIES_H */
