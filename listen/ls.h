/*
 * ls.h - the listener's modules and their shared state.
 *
 *   main.c      options, mode (under sac or standalone), start-up, shutdown
 *   log.c       the listener log (and stderr when standalone), rotation
 *   table.c     _pmtab text -> checked service set (pure)
 *   service.c   the live service set: install, re-read and merge, refusals,
 *               counters
 *   endpoint.c  binding and unbinding addresses, batched accepts, the
 *               pause on EMFILE/ENFILE
 *   rpc.c       rpcbind registration, in short-lived children
 *   request.c   connections to NLPS addresses: reading the request in the
 *               loop, replies, dispatch
 *   nlps.c      NLPS request parsing (pure); smb.c: SMB negotiate (pure)
 *   spawn.c     the prepared spawn description, the fork path, children
 *   users.c     the users services run as, looked up per table load
 *   clone.c     servers started without fork, from worker threads
 *   utmpx.c     the utmpx records of "u" services' servers
 *   passfd.c    rendezvous of standing servers and sending connections
 *   sacproto.c  SAC messages in and out
 *
 * Data flows one way: table -> services -> endpoints -> accept -> dispatch
 * (exec, pass, or NLPS first).  Only the event loop (lib/evloop) waits.
 */
#ifndef LISTEN_LS_H
#define LISTEN_LS_H

#include "evloop.h"
#include "saf.h"

#include <listen.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>

/* Exit codes (the original's error table, reference §8.6). */
enum ls_exit {
	LS_EX_OK = 0,
	LS_EX_START = 1,        /* command line, PMTAG, pid lock, net_spec */
	LS_EX_CREAT = 3,        /* cannot create a required file (pipes, pid) */
	LS_EX_PIDWRITE = 7,     /* cannot write the pid file */
	LS_EX_FD1OPEN = 11,     /* cannot open channel to network */
	LS_EX_SIGTERM = 15,     /* caught SIGTERM (under sac) */
	LS_EX_MALLOC = 36,      /* cannot allocate enough memory */
	LS_EX_DBF_CORRUPT = 39, /* no usable "# VERSION=" line */
	LS_EX_BADVER = 40,      /* _pmtab not at version 4 */
	LS_EX_DBF_IO = 71,      /* the table cannot be read or is invalid */
	LS_EX_SYSERR = 91,
	LS_EX_POLL = 93
};

/* Child exit codes (exec path). */
#define LS_CHILD_SETUP   2 /* set-up failed before exec */
#define LS_CHILD_EXEC    1 /* exec failed */

/* What a server's failed start logs (each a format with its arguments):
 * written by the forked child itself (spawn.c), and by the loop for a
 * child started without fork, which cannot log (clone.c). */
#define LS_FAIL_UTMPX    "Could not create utmpx entry for service server: %s"
#define LS_FAIL_CHDIR    "Cannot chdir to %s: %s; using /"
#define LS_FAIL_DUP      "Dup of fd 0 failed: %s"
#define LS_FAIL_GROUPS   "Cannot set the groups of %s"
#define LS_FAIL_GID      "Cannot set group id of %s"
#define LS_FAIL_UID      "Cannot set user id to %s"
#define LS_FAIL_EXEC     "ERROR: could not exec server %s"
#define LS_FAIL_SYSERR   "System error: %s"

/* Bounds. */
#define LS_MAXARGS       64    /* arguments of a server (the original: 49) */
#define LS_REQ_MAX       1024  /* NLPS request, NUL included (BUFSIZ on SVR4) */
#define LS_REQ_TIMEOUT   45    /* seconds to send a request (ALARMTIME) */
#define LS_LOGMAX        1000  /* lines before the log is rotated (LOGMAX) */
#define LS_ACCEPT_BATCH  64    /* connections taken per readiness event */
#define LS_PAUSE_MS      100   /* accepting paused after EMFILE/ENFILE */
#define LS_EMFILE_LOG_MS 10000 /* at most one EMFILE line per 10 s */
/* A standing server's rendezvous that is full (Linux queues only
 * net.unix.max_dgram_qlen datagrams, 10 by default): up to LS_PASSQ_MAX
 * connections wait in the listener, each at most LS_PASSQ_WAIT_MS. */
#define LS_PASSQ_MAX     256
#define LS_PASSQ_WAIT_MS 2000

struct ls;
struct ls_ep;
struct ls_req;
struct ls_passq;
struct ls_spawnq;
struct ls_names;

/* How the connections of a service are served. */
enum ls_how {
	LS_EXEC, /* fork and exec the command */
	LS_PASS, /* send the connection to a standing server */
	LS_NLPS  /* read an NLPS request, then dispatch by service code */
};

/* What became of a service's connections (kept across re-reads). */
struct ls_counts {
	unsigned long accepted; /* served: a server started or passed to */
	unsigned long disabled; /* refused: the service or listener disabled */
	unsigned long failed;   /* refused: the server could not start */
	unsigned long busy;    /* refused: the standing server not keeping up */
	unsigned long running; /* servers of the exec path running now */
};

/* What the listener keeps of a record's fields (libsaf's structures
 * hold every field at its largest, 4 KiB a record): the strings point
 * into one block per service (table.c). */
struct ls_ent {
	char svctag[SAF_SVCTAG_MAX + 1];
	unsigned flags; /* SAF_PM_UFLAG | SAF_PM_XFLAG */
	const char *id;
};

struct ls_rec {
	const char *addr; /* as written, escapes kept; "" if none */
	long prog, vers;  /* rpcinfo; -1 and -1 when none */
	unsigned lflags;  /* SAF_LF_* */
	const char *modules;
	const char *command;
};

/* One service: a record of _pmtab, checked and prepared.  (Some
 * thousands of these, twice while a table is re-read: small fields
 * together.) */
struct ls_svc {
	struct ls_ent ent; /* svctag, flags, id */
	struct ls_rec rec; /* addr, rpc, lflags, modules, command */
	char *strs;        /* what their strings point into */
	/* the static address, parsed (alen bytes, in strs), or NULL */
	const struct sockaddr_storage *addr;
	socklen_t alen;
	int lineno;
	enum ls_how how;
	bool dynamic;  /* "d": the provider picks the address */
	bool has_addr; /* bound: static address or dynamic */
	/* prepared at load (spawn.c); never looked up per connection */
	bool ready;     /* usable; else why */
	bool why_owned; /* why is allocated */
	bool script;    /* <SAF_ETC>/<tag>/<svc> exists */
	bool nofork;    /* servers start without fork (clone.c) */
	uid_t uid;
	const char *why;
	struct ls_cmd *cmd;   /* the command line, split */
	struct ls_user *user; /* ids, groups, home, environment */
	/* live */
	int pass_fd;         /* connected rendezvous, or -1 */
	struct ls_ep *ep;    /* bound endpoint, if any */
	struct ls_passq *pq; /* connections waiting for room */
	size_t pq_head, pq_len;
	struct evtimer *pq_timer; /* the oldest one's deadline */
	struct ls *ls;
	struct ls_counts n; /* for the status file and SIGUSR1 */
};

/* A command line, split, shared by the servers started from it (spawn.c):
 * freed when its service is gone and no start uses it any more. */
struct ls_cmd {
	unsigned refs;
	char **argv; /* into the same block, then the words */
};

/* A user that services run as, looked up once per table load and
 * shared by its services (spawn.c); freed when its table is gone and no
 * start uses it any more. */
struct ls_user {
	struct ls_user *next;
	unsigned refs; /* its table's, and starts in progress */
	char *name;
	bool found; /* in the passwd database */
	uid_t uid;
	gid_t gid;
	gid_t *groups;
	int ngroups;
	char *home;
	bool nohome;  /* its home is missing: servers run in / */
	bool nomem;   /* the lookup ran out of memory */
	bool looked;  /* looked up */
	char **envp;  /* the environment of its servers (the fast path) */
	size_t nenv;  /* entries of envp */
	size_t naddr; /* envp[naddr] is NLSADDR, set per connection */
	char *envbuf; /* the strings of envp */
};

/* A checked table: the services in file order, and an index of their
 * codes (open addressing: 1 + the service's number, 0 for none). */
struct ls_table {
	struct ls_svc *v;
	size_t n, cap;
	uint32_t *idx;
	size_t nidx;             /* a power of two, at least twice n */
	struct ls_user *users;   /* of its services (spawn.c) */
	struct ls_names *script; /* names of service scripts (spawn.c) */
	bool scanned;            /* script is set */
};

/* A bound, listening endpoint. */
struct ls_ep {
	int fd;
	struct ls *ls;
	struct ls_svc *svc; /* the service it serves */
	char addrstr[SAF_ADDR_MAX + 2 * NLS_ADDR_MAX + 4]; /* as logged */
	struct sockaddr_storage bound; /* what the provider bound */
	socklen_t blen;
	long prog, vers; /* registered with rpcbind, -1 if not */
	bool specific;   /* bound is what getsockname gives its connections */
	/* who takes its connections (ls_ep_rewatch_all): the workers
	 * (direct: 1 + their index of it) or the loop (loop_events) */
	size_t direct;
	uint32_t loop_events;
};

/* A child: a server started by the exec path, or an rpcbind helper. */
struct ls_child {
	pid_t pid;
	char svc[SAF_SVCTAG_MAX + 1];
	int minor;        /* utmpx line number, -1 if no record */
	uint32_t utx_off; /* where its record is (1 + offset), 0: unknown */
	bool rpc;         /* an rpcbind helper: what it did */
	char rpcmsg[96];
};

struct ls {
	struct evloop *loop;
	bool standalone;
	char tag[SAF_PMTAG_MAX + 1];
	char netspec[NLS_NETSPEC_MAX + 1];
	char provider[NLS_NETSPEC_MAX + 8]; /* "/dev/" + netspec */
	char devstem[64];                   /* -m, or the net_spec */
	int domain, type;                   /* of the provider's sockets */
	bool abstract;                      /* ticots*: names are raw bytes */
	int state;                          /* PM_ENABLED or PM_DISABLED */
	int pmpipe, sacpipe, pidfd;
	struct ls_table tab;
	struct evtimer *reread; /* SC_READDB/SIGHUP: re-read soon */
	struct evtimer *pause;  /* accepting resumes */
	unsigned long seq;      /* connection numbers for the log */
	int req_timeout;        /* seconds to send an NLPS request */
	/* children */
	struct ls_child *kids;
	size_t nkids, capkids;
	unsigned char *minors; /* utmpx line numbers in use */
	size_t nminors;
	uint64_t emfile_next;       /* when EMFILE may be logged again */
	unsigned long emfile_quiet; /* pauses not logged since */
	bool terminating;
	/* connections on NLPS addresses whose request is being read */
	struct ls_req *reqs, *reqfree;
	size_t nreqs;
	/* listener-wide counters: NLPS requests refused, EMFILE pauses */
	unsigned long n_badreq, n_unknown, n_timeout, n_paused;
	time_t started;
	struct evtimer *status; /* rewrites the status file */
	uint64_t status_sum;    /* of what it last wrote */
	struct ls_spawnq *spq;  /* servers started without fork (spawn.c) */
	/* utmpx.c: where each slot's record was last written (1 + its
	 * offset, 0: unknown), once a "u" service is prepared */
	uint32_t *utx_hint;
};

/* log.c */
/* Open the log for appending; rotate: the listener's log, rotated after
 * LS_LOGMAX lines (nlps_server only appends). */
int ls_log_open(const struct ls *ls, bool rotate);
void ls_log_rotate(void);
void ls_log(const char *fmt, ...) SAF_PRINTF(1, 2);
/* A line on behalf of another process (a server started without fork). */
void ls_log_pid(pid_t pid, const char *fmt, ...) SAF_PRINTF(2, 3);
void ls_log_child(void); /* in a forked child: no rotation, own pid */
/* In the loop: the lines of a round are written at its end (0, or -1). */
int ls_log_batch(struct evloop *loop);
/* Write the lines kept now (before a fork, say). */
void ls_log_flush(void);
/* Log text, then "*** listener terminating!!! ***", and exit code. */
_Noreturn void ls_fatal(int code, const char *fmt, ...) SAF_PRINTF(2, 3);

/* table.c (pure) */
/* Parse and check a _pmtab text: 0, or -1 and *err (its line). */
int ls_table_parse(const char *buf, size_t len, int domain, struct ls_table *t,
    struct saf_error *err);
/* The same a line at a time: begin with the number of lines (at least),
 * then add each (lineno from 1, no newline).  0, or -1 and *err; t is
 * freed on an error. */
int ls_table_begin(struct ls_table *t, size_t lines, struct saf_error *err);
int ls_table_add(struct ls_table *t, const char *line, size_t len, int lineno,
    int domain, struct saf_error *err);
/* Free the services and the index (what services hold beyond their
 * fields is released by ls_table_release). */
void ls_table_free(struct ls_table *t);
struct ls_svc *ls_table_find(const struct ls_table *t, const char *code);
/* Is a command that of nlps_server (by its program's basename)? */
bool ls_is_nlps(const char *command);
/* The address of a service in the provider's netbuf form. */
size_t ls_addr_netbuf(const struct ls *ls, const struct ls_svc *s,
    unsigned char *buf, size_t size);

/* service.c */
/* Read the table at start-up (fatal on error) or on a re-read (logged,
 * old table kept): 0 or -1. */
int ls_read_table(struct ls *ls, bool initial);
/* Release what each service holds (spawn data, rendezvous), then free. */
void ls_table_release(struct ls_table *t);
void ls_schedule_reread(struct ls *ls);
/* A connection arrived for svc (from endpoint or NLPS): serve it. */
void ls_dispatch(struct ls *ls, struct ls_svc *svc, int fd,
    const struct sockaddr_storage *peer, socklen_t plen, const char *why);
/* Refuse a connection at once (reset). */
void ls_refuse(int fd);
void ls_shutdown(struct ls *ls);

/* status.c */
/* Write <SAF_VAR>/<tag>/status now and keep it current: 0 or -1. */
int ls_status_init(struct ls *ls);
/* SIGUSR1: the counters to the log, and the file rewritten. */
void ls_status_dump(struct ls *ls);
/* At exit: the file goes. */
void ls_status_end(struct ls *ls);

/* endpoint.c */
void ls_bind_all(struct ls *ls, struct ls_table *t);
int ls_ep_bind(struct ls *ls, struct ls_svc *svc);
void ls_ep_unbind(struct ls *ls, struct ls_ep *ep);
void ls_accept_pause(struct ls *ls);
/* A worker takes a connection of ep, as the loop would (mu held): true
 * if accepting paused (descriptors ran out). */
bool ls_ep_take(struct ls *ls, struct ls_ep *ep);
/* Have each endpoint's connections taken by whoever should take them
 * now: the workers (a server started without fork on its own address),
 * the loop, or nobody (accepting paused).  After a re-read, as an address
 * kept may be another kind of service's. */
void ls_ep_rewatch_all(struct ls *ls);
int ls_endpoint_init(struct ls *ls);
int ls_provider_probe(struct ls *ls);

/* rpc.c */
void ls_rpc_set(struct ls *ls, struct ls_ep *ep, long prog, long vers);
void ls_rpc_unset(struct ls *ls, struct ls_ep *ep);
/* At exit: remove every registration, waiting a bounded time. */
void ls_rpc_unset_all(struct ls *ls);

/* request.c */
void ls_request_start(
    struct ls *ls, int fd, const struct sockaddr_storage *peer, socklen_t plen);
void ls_request_shutdown(struct ls *ls);

/* spawn.c */
/* PATH given to servers (SVR4 gave "/usr/bin:" and "/usr/sbin:/usr/bin"). */
#define LS_PATH_USER "/usr/local/bin:/usr/bin:/bin"
#define LS_PATH_ROOT \
	"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
/* Environment entries of a server started without fork (its child copies
 * them on its stack, with NLSADDR; more: it is started with fork). */
#define LS_CHILD_ENV 2048
/* Prepare the exec data of a service of t (ids, argv, script, the
 * environment): sets ready. */
void ls_spawn_prepare(struct ls *ls, struct ls_table *t, struct ls_svc *svc);
/* The same for every service of t, with the users looked up together. */
void ls_spawn_prepare_all(struct ls *ls, struct ls_table *t);
void ls_spawn_release(struct ls_svc *svc);
/* Free what t's services share (after they are released). */
void ls_spawn_release_table(struct ls_table *t);
/* Start the server of svc on connection fd: 0, or -1 (logged). */
/* extra: arguments after the program's name; last: one after the rest. */
int ls_exec(struct ls *ls, struct ls_svc *svc, int fd,
    const struct sockaddr_storage *peer, socklen_t plen,
    const char *const *extra, int nextra, const char *last);
/* The exec path without fork (nlps_server is already the child). */
_Noreturn void ls_exec_here(const struct ls *ls, const struct ls_svc *svc,
    int fd, const struct sockaddr_storage *peer, socklen_t plen,
    const char *const *extra, int nextra, const char *last);
/* A server's argument vector: the program, extra, the command's own
 * arguments, last, NULL; no allocation (a child started without fork
 * may call it).  argv has room for LS_SERVER_ARGV entries. */
#define LS_SERVER_ARGV (LS_MAXARGS + SMB_MAX_DIALECTS + 3)
void ls_server_argv(const struct ls_svc *s, char **argv,
    const char *const *extra, int nextra, const char *last);
void ls_reap(struct ls *ls);
/* A service's command line is no longer used by s (or a start). */
void ls_cmd_unref(struct ls_cmd *c);
struct ls_child *ls_child_add(struct ls *ls, pid_t pid);
/* A server was started: track it (utx_slot, utx_off: where its utmpx
 * record went, -1 and 0 if none). */
void ls_started(struct ls *ls, struct ls_svc *s, const char *svc, pid_t pid,
    int minor, int utx_slot, uint32_t utx_off);
struct utmpx;
/* A server's utmpx record but for its id, pid and time. */
void ls_utx_template(const struct ls *ls, int minor,
    const struct sockaddr_storage *peer, struct utmpx *u);

/* users.c */
/* The user name of t, looked up now (lookup) or by ls_users_lookup. */
struct ls_user *ls_user_get(
    const struct ls *ls, struct ls_table *t, const char *name, bool lookup);
/* Look t's users up, together, in a child. */
void ls_users_lookup(const struct ls *ls, struct ls_table *t);
void ls_user_unref(struct ls_user *u);

/* clone.c */
/* Once at start-up, after the signals are set: what servers started
 * without fork need (the dispositions to reset, descriptor slots, the
 * threads that wait for them to exec). */
typedef bool (*ls_take_fn)(struct ls *ls, struct ls_ep *ep);
/* take: how a worker takes a connection of an endpoint of its own
 * (ls_ep_take; NULL: the workers have none). */
void ls_spawn_init(struct ls *ls, ls_take_fn take);
/* At exit: the starts in progress finish, the threads end. */
void ls_spawn_end(struct ls *ls);
/* Can servers start without fork? */
bool ls_clone_ready(void);
/* Start s's server on fd without fork: 0 (started, or handed to a
 * worker: the connection is no longer ours), or -1 and errno. */
int ls_clone_start(struct ls *ls, struct ls_svc *s, int fd,
    const struct sockaddr_storage *peer, socklen_t plen, int minor,
    const char *const *extra, int nextra, const char *last);
/* The workers take the connections of some endpoints themselves
 * (ls_ep_rewatch_all decides which): can they, and (un)register ep with
 * them (0, or -1). */
bool ls_direct_able(const struct ls *ls);
int ls_direct_watch(struct ls *ls, struct ls_ep *ep);
void ls_direct_unwatch(struct ls *ls, struct ls_ep *ep);
/* ls_reap: a child ended that is not registered (its job is not done). */
void ls_spawn_early(struct ls *ls, pid_t pid, int status);
/* ls_started: the status of a child that ended before it registered. */
bool ls_clone_early(struct ls *ls, pid_t pid, int *status);

/* utmpx.c: the records of "u" services' servers, with system calls only
 * (safe in a child started without fork).  Returns 0 or an errno. */
#define LS_UTX_SLOTS (62 * 62) /* ids "ls" + two of [0-9A-Za-z] */
/* u (user, line, host set) as pid's USER_PROCESS record, in utmp and
 * wtmp; *slot and *off (1 + offset) say where it went.  hint: as
 * ls->utx_hint, or NULL. */
int ls_utx_user(const char *utmp, const char *wtmp, struct utmpx *u, pid_t pid,
    const uint32_t *hint, int *slot, uint32_t *off);
/* pid's live record becomes DEAD_PROCESS with its wait status; off: a
 * hint (1 + offset) or 0.  ESRCH: no live record. */
int ls_utx_dead(
    const char *utmp, const char *wtmp, pid_t pid, int status, uint32_t off);

/* passfd.c */
/* Send connection fd to the standing server of svc: 0, or -1 (logged).
 * local: the address the caller reached, if known (else asked). */
int ls_passfd(struct ls *ls, struct ls_svc *svc, int fd,
    const struct sockaddr_storage *peer, socklen_t plen,
    const struct sockaddr_storage *local, socklen_t llen);
void ls_pass_close(struct ls_svc *svc);
/* Hand waiting connections and the rendezvous of old to its successor
 * in a re-read table (same code and path), or refuse them. */
void ls_pass_move(struct ls_svc *old, struct ls_svc *succ);

/* sacproto.c */
int ls_sac_open(struct ls *ls);

/* util.c */
/* A connection leaves the listener as accept gives it to any server:
 * blocking (the listener's copy is non-blocking until then). */
void ls_handover(int fd);
/* Seconds an NLPS caller has to send its request: LISTEN_REQUEST_TIMEOUT
 * (1 to 3600) or LS_REQ_TIMEOUT. */
int ls_req_timeout_env(void);
/* Uppercase hex of bytes into buf (size >= 2n+1): the length. */
size_t ls_hex(const void *bytes, size_t n, char *buf, size_t size);
/* The arguments an SMB server gets: one -D<dialect> per dialect, then
 * (last) the whole message in hex.  0, or -1 and why. */
struct ls_smb_args {
	const char *argv[32];
	int n;
	char flags[32][LS_REQ_MAX / 2];
	char hex[2 * LS_REQ_MAX + 1];
	char why[96];
};
int ls_smb_args(const unsigned char *p, size_t n, struct ls_smb_args *a);

#endif /* LISTEN_LS_H */
