/*
 * sac.h - the SVR4 Service Access Facility interface.
 *
 * The messages sac and the port monitors exchange on _pmpipe and _sacpipe,
 * their constants, the exit codes of sacadm and pmadm, check_version(3) and
 * the doconfig(3) declarations.  The structures are raw native structs: both
 * sides of a pipe must be built with this header.  On x86-64, struct sacmsg
 * is 8 bytes (sc_size at 0, sc_type at 4) and struct pmmsg is 24 bytes
 * (pm_type 0, pm_state 1, pm_maxclass 2, pm_tag 3..17, pm_size 20), as on
 * the original systems.  There is no protocol version field: a port
 * monitor reports the highest message class it understands in pm_maxclass.
 */
#ifndef _SAC_H
#define _SAC_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define IDLEN     4    /* length of a utmpx id */
#define SC_WILDC  0xff /* wildcard byte in a utmpx id */
#define PMTAGSIZE 14   /* longest port monitor tag, without its NUL */

/* doconfig(3) restrictions (another header may define them too). */
#ifndef NOASSIGN
#define NOASSIGN 0x1 /* "assign" lines are errors */
#define NORUN    0x2 /* "run" and "runwait" lines are errors */
#endif

/* Port monitor -> sac, on <SAF_ETC>/_sacpipe (shared by all monitors). */
struct pmmsg {
	char pm_type;               /* PM_STATUS or PM_UNKNOWN */
	unsigned char pm_state;     /* PM_STARTING .. PM_STOPPING */
	char pm_maxclass;           /* highest message class understood */
	char pm_tag[PMTAGSIZE + 1]; /* the monitor's tag, NUL-terminated */
	int pm_size;                /* bytes of optional data that follow */
};

/* pm_type */
#define PM_STATUS   1 /* status response */
#define PM_UNKNOWN  2 /* the last message was not understood */

/* pm_state */
#define PM_STARTING 1
#define PM_ENABLED  2
#define PM_DISABLED 3
#define PM_STOPPING 4

/* sac -> port monitor, on <SAF_ETC>/<pmtag>/_pmpipe. */
struct sacmsg {
	int sc_size;  /* bytes of optional data that follow (0) */
	char sc_type; /* SC_STATUS .. SC_READDB */
};

/* sc_type (message class 1) */
#define SC_STATUS   1 /* status request (the sanity poll) */
#define SC_ENABLE   2 /* become enabled */
#define SC_DISABLE  3 /* become disabled */
#define SC_READDB   4 /* re-read _pmtab */

/* Exit codes of sacadm and pmadm (success is 0). */
#define E_BADARGS   1  /* bad arguments or badly formed command line */
#define E_NOPRIV    2  /* user not privileged for the operation */
#define E_SAFERR    3  /* generic SAF error */
#define E_SYSERR    4  /* system error */
#define E_NOEXIST   5  /* invalid specification: does not exist */
#define E_DUP       6  /* entry already exists */
#define E_PMRUN     7  /* port monitor is running */
#define E_PMNOTRUN  8  /* port monitor is not running */
#define E_RECOVER   9  /* in recovery */
#define E_SACNOTRUN 10 /* sac daemon is not running */

/*
 * check_version: 0 if the first "# VERSION=" line of fname names ver, 1 if
 * it names another version, 2 if fname cannot be opened, 3 if it has no
 * such line (or nothing at all follows the '=').
 */
int check_version(int ver, char *fname);

/* doconfig(3): run the configuration script for fd (in the doconfig library). */
int doconfig(int fd, char *script, long rflag);

#ifdef __cplusplus
}
#endif

#endif /* _SAC_H */
