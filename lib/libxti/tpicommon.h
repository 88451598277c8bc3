/*
 * tpicommon.h - what the TLI (<tiuser.h>) and XTI (<xti.h>) interfaces
 * share: scalar types, error numbers, events, states, flags and the
 * per-thread t_errno.  Include <xti.h> or <tiuser.h>, not this file.
 *
 * struct netbuf and struct t_bind come from libtirpc's <rpc/types.h>, so
 * that a program may include both these headers and the RPC headers (the
 * listener does, for rpcb_set).  Their layout is the SVR4 one.
 */
#ifndef LISTEN_TPICOMMON_H
#define LISTEN_TPICOMMON_H

#include <stdint.h>
#include <sys/types.h>
#include <rpc/types.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef int32_t t_scalar_t;
typedef uint32_t t_uscalar_t;

/* t_errno values (the numbers of SVR4 and XNS5). */
#define TBADADDR      1  /* incorrect address format */
#define TBADOPT       2  /* incorrect options format */
#define TACCES        3  /* illegal permissions */
#define TBADF         4  /* illegal file descriptor */
#define TNOADDR       5  /* could not allocate address */
#define TOUTSTATE     6  /* routine will place interface out of state */
#define TBADSEQ       7  /* illegal called/calling sequence number */
#define TSYSERR       8  /* system error, see errno */
#define TLOOK         9  /* an event requires attention */
#define TBADDATA      10 /* illegal amount of data */
#define TBUFOVFLW     11 /* buffer not large enough */
#define TFLOW         12 /* flow control */
#define TNODATA       13 /* no data */
#define TNODIS        14 /* discon_ind not found on queue */
#define TNOUDERR      15 /* unitdata error not found */
#define TBADFLAG      16 /* bad flags */
#define TNOREL        17 /* no ord rel found on queue */
#define TNOTSUPPORT   18 /* primitive not supported */
#define TSTATECHNG    19 /* state is in process of changing */
#define TNOSTRUCTYPE  20 /* unsupported struct-type requested */
#define TBADNAME      21 /* invalid transport provider name */
#define TBADQLEN      22 /* qlen is zero */
#define TADDRBUSY     23 /* address in use */
#define TINDOUT       24 /* outstanding connection indications */
#define TPROVMISMATCH 25 /* transport provider mismatch */
#define TRESQLEN      26 /* resfd specified to accept with qlen > 0 */
#define TRESADDR      27 /* resfd not bound to same addr as fd */
#define TQFULL        28 /* incoming connection queue full */
#define TPROTO        29 /* XTI protocol error */

/*
 * t_errno is per thread.  Legacy code that declares "extern int t_errno;"
 * still compiles: the macro turns the declaration into one of a function
 * returning int *, compatible with __t_errno().  In the main thread
 * __t_errno() returns the address of the global t_errno.
 */
extern int *__t_errno(void);
#define t_errno       (*(__t_errno()))

/* t_look events (one at a time, never a mask). */
#define T_LISTEN      0x0001 /* connection indication received */
#define T_CONNECT     0x0002 /* connection confirmation received */
#define T_DATA        0x0004 /* normal data received */
#define T_EXDATA      0x0008 /* expedited data received */
#define T_DISCONNECT  0x0010 /* disconnection received */
#define T_UDERR       0x0040 /* datagram error indication */
#define T_ORDREL      0x0080 /* orderly release indication */

/* Flags of the data primitives. */
#define T_MORE        0x001 /* more data */
#define T_EXPEDITED   0x002 /* expedited data */

/* Request and result flags of t_optmgmt. */
#define T_NEGOTIATE   0x004 /* set options */
#define T_CHECK       0x008 /* check options */
#define T_DEFAULT     0x010 /* get default options */
#define T_SUCCESS     0x020 /* successful */
#define T_FAILURE     0x040 /* failure */
#define T_CURRENT     0x080 /* get current options */
#define T_PARTSUCCESS 0x100 /* partial success */
#define T_READONLY    0x200 /* read-only */
#define T_NOTSUPPORT  0x400 /* not supported */

/* Service types. */
#define T_COTS        1 /* connection-oriented */
#define T_COTS_ORD    2 /* connection-oriented with orderly release */
#define T_CLTS        3 /* connectionless */

/* Special values of the t_info fields. */
#define T_INFINITE    (-1) /* no limit */
#define T_INVALID     (-2) /* not supported */

/* Structure types of t_alloc and t_free. */
#define T_BIND        1
#define T_OPTMGMT     2
#define T_CALL        3
#define T_DIS         4
#define T_UNITDATA    5
#define T_UDERROR     6
#define T_INFO        7

/* Field bits of t_alloc (T_ALL differs between the flavours). */
#define T_ADDR        0x01
#define T_OPT         0x02
#define T_UDATA       0x04

/* Endpoint states. */
#define T_UNINIT      0 /* not a transport endpoint */
#define T_UNBND       1 /* unbound */
#define T_IDLE        2 /* idle */
#define T_OUTCON      3 /* outgoing connection pending */
#define T_INCON       4 /* incoming connection pending */
#define T_DATAXFER    5 /* data transfer */
#define T_OUTREL      6 /* outgoing release pending */
#define T_INREL       7 /* incoming release pending */

struct t_optmgmt {
	struct netbuf opt;
	t_scalar_t flags;
};

struct t_discon {
	struct netbuf udata;
	int reason;
	int sequence;
};

struct t_call {
	struct netbuf addr;
	struct netbuf opt;
	struct netbuf udata;
	int sequence;
};

struct t_unitdata {
	struct netbuf addr;
	struct netbuf opt;
	struct netbuf udata;
};

struct t_uderr {
	struct netbuf addr;
	struct netbuf opt;
	t_scalar_t error;
};

#ifdef __cplusplus
}
#endif

#endif /* LISTEN_TPICOMMON_H */
