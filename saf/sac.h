/*
 * sac.h - the Service Access Controller's modules and their shared state.
 *
 *   sac_main.c    options, start-up order, the loop, shutdown
 *   sac_log.c     the SAC log: message texts and fatal exits
 *   sac_table.c   the monitor list and (re)reading _sactab
 *   sac_pm.c      starting, stopping and restarting monitors; accounting
 *   sac_poll.c    sanity polls (_pmpipe) and monitors' answers (_sacpipe)
 *   sac_cmd.c     the administration socket (_cmdpipe) and its commands
 *
 * One event loop (lib/evloop) drives everything; nothing in sac blocks:
 * pipes and sockets are non-blocking, children are reaped from SIGCHLD
 * through a signalfd, and a monitor that never answers is only a poll
 * failure.  Work that may block (a _config script) runs in the child
 * before exec.
 */
#ifndef LISTEN_SAC_H
#define LISTEN_SAC_H

#include "evloop.h"
#include "saf.h"

#include <stdbool.h>
#include <string.h>
#include <sys/types.h>

/* Exit codes of sac: the original's message ids plus one (reference
 * §2.2); 1 is also the code of a usage error and of a log that cannot be
 * opened. */
enum sac_exit {
	SAC_EX_USAGE = 1,
	SAC_EX_NOSACTAB = 1,    /* could not open _sactab */
	SAC_EX_NOMEM = 2,       /* malloc failed */
	SAC_EX_CORRUPT = 3,     /* _sactab file is corrupt */
	SAC_EX_VERSION = 4,     /* _sactab version # is incorrect */
	SAC_EX_CHDIR = 5,       /* can not chdir to home directory */
	SAC_EX_SACPIPE = 6,     /* could not open _sacpipe */
	SAC_EX_BADSTATE = 7,    /* internal error - bad state */
	SAC_EX_READPIPE = 8,    /* read of _sacpipe failed */
	SAC_EX_POLL = 12,       /* poll failed */
	SAC_EX_SYSCONFIG = 13,  /* system error in _sysconfig */
	SAC_EX_BADSYSCONF = 14, /* error interpreting _sysconfig */
	SAC_EX_PIPE = 15,       /* pipe failed (the command socket) */
	SAC_EX_CMDPIPE = 16     /* could not create _cmdpipe */
};

/* Why a monitor is being failed. */
enum sac_failwhy { SAC_RESP, SAC_DEATH };

struct sac;

/* One port monitor of _sactab. */
struct sac_pm {
	struct sac_pm *next; /* list in tag order */
	struct sac *sac;
	struct saf_sactab_entry ent; /* tag, type, flags, count, command */
	int sstate;                  /* the state sac steers the monitor to */
	int pstate;                  /* the state the monitor reported last */
	int lstate;                  /* the last valid state, for restarts */
	int rscnt;                   /* restarts done since the last AC_START */
	pid_t pid;                   /* the monitor, 0 if none */
	int status;                  /* its wait status */
	int pmpipe;                  /* write end towards it (_pmpipe), or -1 */
	bool sc_ok;                  /* answered since the last poll */
	bool valid;                  /* seen in the _sactab being read */
	bool accounted;              /* has a live utmpx record */
	int maxclass;            /* the highest message class it understands */
	struct evtimer *restart; /* waits for a killed monitor's _pid lock */
	int restart_tries;
};

/* An administration connection on _cmdpipe. */
struct sac_conn;

struct sac {
	struct evloop *loop;
	int interval;       /* -t: seconds between sanity polls */
	int logfd;          /* the locked SAC log */
	int sacpipe;        /* read end of _sacpipe (opened O_RDWR) */
	int cmdsock;        /* listening _cmdpipe socket */
	struct sac_pm *pms; /* the monitors, in tag order */
	struct evtimer *polltimer;
	sigset_t origmask; /* the mask to give monitors */
	bool recovering;   /* found running monitors at start-up */
	/* _sacpipe: a partial message, and data still to skip */
	unsigned char inbuf[sizeof(struct pmmsg)];
	size_t inlen;
	size_t skip;
	struct sac_conn *conns;
	int nconns;
};

/* sac_log.c */
void sac_log_init(int fd);
void sac_log(const char *fmt, ...) SAF_PRINTF(1, 2);
/* May sac act on path (a table or script)?  false (logged, naming it) if
 * someone other than root could change it; true otherwise, also when it
 * is missing or unreadable (the caller finds that out). */
bool sac_trusted(const char *path);
/* Log text, then "*** SAC exiting ***", and exit with code. */
_Noreturn void sac_fatal(int code, const char *text);

/* sac_table.c */
/* Read _sactab.  At start-up (startflag false) an error is fatal; on a
 * re-read it is logged and the table in memory is kept: -1. */
int sac_read_table(struct sac *sac, bool startflag);
/* The monitor of tag, or NULL (in the header: the handlers that use it
 * are also built without the table's code, into the fuzz targets). */
static inline struct sac_pm *
sac_find(struct sac *sac, const char *tag)
{
	struct sac_pm *pm;

	for (pm = sac->pms; pm != NULL; pm = pm->next)
		if (strcmp(pm->ent.tag, tag) == 0)
			return pm;
	return NULL;
}
/* Decide between a normal start and recovery, and start monitors. */
void sac_startpms(struct sac *sac);

/* sac_pm.c */
/* 0 started; -1 _pid locked (AK_PMLOCK); -2 another failure (AK_REQFAIL). */
int sac_startpm(struct sac_pm *pm);
void sac_pollfail(struct sac_pm *pm, enum sac_failwhy why);
/* A child ended (from SIGCHLD). */
void sac_reaped(struct sac *sac, pid_t pid, int status);
/* Mark the monitor's utmpx record dead. */
void sac_cleanutx(struct sac_pm *pm);
/* Signal a monitor through its locked _pid file: 0, or -1. */
int sac_sendsig(struct sac_pm *pm, int sig);
/* Is the monitor's _pid file locked (the monitor runs)?  *pid gets the pid
 * written in it, 0 if that cannot be read. */
bool sac_checklock(const struct sac_pm *pm, pid_t *pid);
void sac_closepipe(struct sac_pm *pm);
void sac_pm_free(struct sac_pm *pm);

/* sac_poll.c */
int sac_poll_init(struct sac *sac);
/* Send one message to a monitor's _pmpipe: 0, or -1 (logged). */
int sac_sendmsg(struct sac_pm *pm, int type);
/* The poll round (also run once at start-up). */
void sac_pollpms(struct sac *sac);

/* sac_cmd.c */
int sac_cmd_init(struct sac *sac);
void sac_cmd_shutdown(struct sac *sac);

/* Most arguments of a monitor's command (the original had 49). */
#define SAC_MAXARGS 64

#endif /* LISTEN_SAC_H */
