/*
 * nlsadmin.h - what the parts of nlsadmin share.
 *
 *   main.c        options into a mode, the checks every mode shares, calls
 *   nls_opts.c    the command line: option conflicts, modes (pure)
 *   nls_fmt.c     the texts nlsadmin reads and writes: sacadm -L and
 *                 pmadm -L lines, -v lines, the listener's pmspecific
 *                 part, addresses, -R (pure: the fuzz target calls them)
 *   nls_out.c     messages ("<argv0>: error: ...") and the usage text
 *   nls_run.c     running sacadm and pmadm with an argument vector, and
 *                 what their exit codes mean to nlsadmin
 *   nls_ops.c     the forms that are sacadm or pmadm commands
 *   nls_addr.c    -l and -t: one record changed in place, one table write
 *   nls_notify.c  telling the monitor: sac, or a standalone listener
 *   nls_status.c  the listener's status file, read and shown (pure)
 *
 * Outputs, messages and exit codes are SVR4's (saf-illumos reference §9,
 * listen-illumos §11); what differs is listed in docs/man8/nlsadmin.8.
 */
#ifndef LISTEN_NLSADMIN_H
#define LISTEN_NLSADMIN_H

#include "saf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* ---- exit codes (nlsadmin.h of SVR4) ---- */
#define NLS_OK            0
#define NLS_INACTIVE      1 /* -q and plain status: inactive or disabled */
#define NLS_FAILED        2 /* the command failed */
#define NLS_PERM          3 /* must be super-user */
#define NLS_SERV          4 /* a service code problem */
#define NLS_CMD           5 /* command line error */
#define NLS_SYSERR        6 /* system error, or the SAC command failed */
#define NLS_BADPM         7 /* bad port monitor (network specification) */

/* ---- constants ---- */
#define NLS_VERSION       SAF_LISTEN_VERSION /* printed by -V */
#define NLS_SVCCODE_SZ    14 /* a service code must be shorter (SVC_CODE_SZ) */
#define NLS_DEFAULTID     "listen"
#define NLS_LISTENTYPE    "listen"
#define NLS_NLPSSVCCODE   "0"
#define NLS_TTYSVCCODE    "1"
#define NLS_NLPSCMT       "NLPS server"
#define NLS_NLPSID        "root"
/* the output of sacadm -L or pmadm -L we read at most (ours) */
#define NLS_OUT_MAX       SAF_TABLE_MAX

/* ---- messages: printed as "<argv0>: error: " or "warning: " + text ---- */
#define NLSM_INCONSISTENT "Inconsistent options"
#define NLSM_MISSING      "Missing argument"
#define NLSM_SYSERR       "System error"
#define NLSM_SACERR       "System error in SAC command"
#define NLSM_BADNET       "Invalid network specification"
#define NLSM_NOTLISTEN    "Network specification \"%s\" is not of type listen"
#define NLSM_SVCCODE      "Service code contains more than 14 characters"
#define NLSM_PERM         "Must be super user"
#define NLSM_BADENTRY     "Entry for code \"%s\" has incorrect format"
#define NLSM_UNKNOWNSVC   "Service \"%s\" unknown"
#define NLSM_INITED       "Listener already initialized"
#define NLSM_FULLPATH     "Must specify full path name"
#define NLSM_NOFILE       "%s does not exist"
#define NLSM_SVCEXISTS    "Service code already exists"
#define NLSM_NOADD        "Could not add service"
#define NLSM_NOSVC        "Non-existent service."
#define NLSM_NOTACTIVE    "No listener active on network \"%s\""
#define NLSM_NOPM         "Non-existent port monitor."
#define NLSM_RUNNING      "Listener already running"
#define NLSM_STARTFAIL    "Listener start failed"
#define NLSM_NONLPS       "NLPS service not defined"
#define NLSM_NOTTY        "remote login service not defined"
/* ours: failures the original could not have or did not report */
#define NLSM_BADADDR      "Invalid address \"%s\": %s"
#define NLSM_BADPMSPEC    "Invalid listener entry: %s"
#define NLSM_RUNFAIL      "Cannot run %s: %s"
#define NLSM_KILLED       "%s did not exit normally"
#define NLSM_TABLE        "%s: %s"
#define NLSM_BUSY         "tempfile busy; try again later"
#define NLSM_NOSTATUS     "No status of the listener in %s: %s"
#define NLSM_BADSTATUS    "The listener's status file %s, line %d: %s"
#define NLSM_W_NOSAC      "sac is not running: port monitor \"%s\" was not notified"
#define NLSM_W_NOTIFY     "port monitor \"%s\" was not notified of the change"

/* ---- nls_status.c (pure) ---- */
/* The listener's status file (listen(8), FILES): version 1. */
#define NLS_ST_NCOUNTS    5         /* accepted disabled failed busy running */
#define NLS_STATUS_MAXSVC (1 << 20) /* service lines read at most */
struct nls_lsstatus_svc {
	char code[SAF_SVCTAG_MAX + 1];
	unsigned long n[NLS_ST_NCOUNTS];
	char addr[SAF_FIELD_MAX + 1]; /* as the listener logs it, or "-" */
};
struct nls_lsstatus {
	long pid;
	char tag[SAF_PMTAG_MAX + 1];
	char netspec[64];
	char state[16];
	long long started, written;
	unsigned long requests; /* NLPS requests being read */
	unsigned long nlps[3];  /* refused: bad, unknown code, timed out */
	unsigned long paused;
	struct nls_lsstatus_svc *svc;
	size_t nsvc, capsvc;
};
/* Parse the file's text: 0, or -1 and *err (its line). */
int nls_lsstatus_parse(const char *buf, size_t len, struct nls_lsstatus *st,
    struct saf_error *err);
void nls_lsstatus_free(struct nls_lsstatus *st);
/* What -C prints (times in local time). */
void nls_lsstatus_print(FILE *fp, const struct nls_lsstatus *st);

/* ---- nls_out.c ---- */
/* argv[0] as given: the prefix of every message. */
void nls_set_prog(const char *prog);
const char *nls_prog(void);
void nls_error(const char *fmt, ...) SAF_PRINTF(1, 2);
void nls_warn(const char *fmt, ...) SAF_PRINTF(1, 2);
/* The usage text after an optional error line (NULL: none); exits
   NLS_CMD. */
_Noreturn void nls_usage(const char *why);
/* The usage text into fp (tests compare it). */
void nls_usage_print(FILE *fp, const char *prog);

/* ---- nls_opts.c (pure) ---- */
enum nls_mode {
	NLS_M_NONE,
	NLS_M_LISTALL, /* -x */
	NLS_M_VERSION, /* -V */
	NLS_M_FORMAT,  /* -c cmd or -o path without -a */
	NLS_M_STATUS,  /* netspec alone, or -q */
	NLS_M_VERBOSE, /* -v */
	NLS_M_SVC,     /* -z (and -q -z) */
	NLS_M_INIT,    /* -i */
	NLS_M_ADD,     /* -a */
	NLS_M_REMOVE,  /* -r */
	NLS_M_ENABLE,  /* -e */
	NLS_M_DISABLE, /* -d */
	NLS_M_START,   /* -s */
	NLS_M_KILL,    /* -k */
	NLS_M_ADDR,    /* -l and/or -t */
	NLS_M_COUNTERS /* -C (ours): the listener's status file */
};

/* What a command line may be refused for. */
enum nls_parse_status {
	NLS_P_OK,
	NLS_P_USAGE,        /* the usage text alone */
	NLS_P_INCONSISTENT, /* "Inconsistent options" and the usage */
	NLS_P_MISSING,      /* "Missing argument" and the usage */
	NLS_P_SVCCODE       /* a service code of 0 or 14+ characters */
};

struct nls_opts {
	unsigned long seen; /* bit nls_optbit(c) for each option given */
	enum nls_mode mode;
	bool quiet;          /* -q */
	bool dynamic;        /* -D */
	const char *netspec; /* the operand or -N: the port monitor tag */
	const char *svc;     /* -a, -d, -e, -r, -z */
	const char *cmd;     /* -c */
	const char *pipe;    /* -o */
	const char *comment; /* -y */
	const char *modules; /* -p, "" when not given */
	const char *id;      /* -w, "listen" when not given */
	const char *addr;    /* -A */
	const char *laddr;   /* -l: an address, or "-" */
	const char *taddr;   /* -t */
	long prog, vers;     /* -R, -1 when not given */
};

/* The bit of an option letter (0 for a letter nlsadmin does not know). */
unsigned long nls_optbit(int c);
/* May option a be given with option b?  (Symmetric; -m and -N go with
   every option.) */
bool nls_opt_compatible(int a, int b);
/* A service code nlsadmin accepts: 1 to 13 characters. */
bool nls_svc_ok(const char *code);
/* -R "prog:vers", digits each, at most INT_MAX: 0, or -1. */
int nls_rpc_parse(const char *s, long *prog, long *vers);
/* Parse the command line (getopt is reset first).  NLS_P_OK and *o
   filled with its mode, or why it is refused. */
enum nls_parse_status nls_parse(int argc, char **argv, struct nls_opts *o);
/* Does the mode need the effective uid 0? */
bool nls_needs_root(const struct nls_opts *o);

/* ---- nls_fmt.c (pure) ---- */
/* A line of sacadm -L: tag:type:flags:count:state:command#comment. */
struct nls_pmline {
	char tag[SAF_PMTAG_MAX + 1];
	char type[SAF_PMTYPE_MAX + 1];
	char state[16];
	char command[SAF_FIELD_MAX + 1];
};
/* 0, or -1 when the line is not of that form. */
int nls_pmline_parse(const char *line, size_t len, struct nls_pmline *p);
/* Is the state one the original calls ACTIVE (ENABLED or STARTING)? */
bool nls_state_active(const char *state);
/* The listener's net_spec in its command: the last word ("" if none). */
void nls_command_netspec(const char *command, char *buf, size_t size);

/* A line of pmadm -L:
   pmtag:pmtype:svc:flags:id:r1:r2:r3:pmspecific#comment. */
struct nls_svcline {
	char pmtag[SAF_PMTAG_MAX + 1];
	char pmtype[SAF_PMTYPE_MAX + 1];
	struct saf_pmtab_entry ent;      /* the _pmtab columns (no comment) */
	char comment[SAF_FIELD_MAX + 1]; /* after the first '#', verbatim */
};
int nls_svcline_parse(const char *line, size_t len, struct nls_svcline *s);
/* The -v and -z line of a service, newline included: its length, or -1
   (ERANGE). */
int nls_svc_format(const struct nls_svcline *s, const struct saf_listen_rec *r,
    char *buf, size_t size);

/* An address given on the command line (-A, -l, -t) as the table holds
   it, for the family (AF_UNSPEC: the first of inet, inet6 and a path that
   takes it).  \x and \o forms are kept as given; every other form is
   written as libsaf writes it ("127.0.0.1\:2766").  0, or -1 and *err. */
int nls_addr_table(
    const char *in, int family, char *out, size_t size, struct saf_error *err);

/* The pmspecific part for pmadm -m (or -c/-o's output): 0, or -1 and
   *err (a field the table cannot hold). */
struct nls_spec {
	const char *addr;    /* as the table holds it, "" for none */
	long prog, vers;     /* -1 for none */
	unsigned lflags;     /* SAF_LF_* */
	const char *modules; /* "" for none */
	const char *command;
};
int nls_spec_format(
    const struct nls_spec *q, char *buf, size_t size, struct saf_error *err);

/* ---- nls_run.c ---- */
struct nls_out {
	char *buf; /* NUL-terminated, malloc'ed */
	size_t len;
};
/* The programs nlsadmin runs: NLSADMIN_SACADM, NLSADMIN_PMADM and
   NLSADMIN_SAFDIR override the built-in paths. */
const char *nls_sacadm(void);
const char *nls_pmadm(void);
const char *nls_safdir(void);
/* Run argv[0] with argv, stdin and stderr on /dev/null, stdout into *out
   (NULL: /dev/null).  Its exit status, or -1 after a message when it
   could not be run or did not exit. */
int nls_run(char *const argv[], struct nls_out *out);
void nls_out_free(struct nls_out *out);
/* What a sacadm/pmadm exit status means for each operation. */
enum nls_admop {
	NLS_A_INIT,  /* sacadm -a */
	NLS_A_ADD,   /* pmadm -a */
	NLS_A_SVC,   /* pmadm -r, -e, -d */
	NLS_A_KILL,  /* sacadm -k */
	NLS_A_START, /* sacadm -s */
	NLS_A_ENABLE /* sacadm -e after -s */
};
/* The nlsadmin exit code and the message (NULL: none) for an exit status
   (E_SACNOTRUN of a table change is for the caller, see nls_notify.c). */
int nls_map(enum nls_admop op, int status, const char **msg);

/* ---- nls_notify.c ---- */
/* sac did not pass the change on (E_SACNOTRUN): warn, and SIGHUP a
   standalone listener holding the tag's _pid lock. */
void nls_unnotified(const char *tag);
/* Ask sac to have the monitor re-read its table (AC_PMREAD), falling
   back as above when sac is not running. */
void nls_notify(const char *tag);
/* Take the lock sacadm and pmadm take to rewrite tables: its descriptor
   (held until exit), or -1 after a message. */
int nls_lock(void);

/* ---- nls_ops.c ---- */
/* sacadm -L -p tag: NLS_OK and *pm, or NLS_BADPM / NLS_SYSERR after the
   message. */
int nls_pm_lookup(const char *tag, struct nls_pmline *pm);
int nls_listall(void);
int nls_status(const char *tag, const struct nls_pmline *pm, bool quiet);
int nls_verbose(const char *tag, const char *svc, bool quiet);
int nls_init(const char *tag);
int nls_add(const struct nls_opts *o);
int nls_svcop(const char *tag, const char *svc, enum nls_mode mode);
int nls_start(const char *tag);
int nls_kill(const char *tag);
int nls_format(const struct nls_opts *o);
/* -C: the counters of the running listener of tag. */
int nls_counters(const char *tag);
/* Warn if the first word of cmd does not exist. */
void nls_cmd_exists(const char *cmd);

/* ---- nls_addr.c ---- */
int nls_addrs(const struct nls_opts *o, const struct nls_pmline *pm);

#endif /* LISTEN_NLSADMIN_H */
