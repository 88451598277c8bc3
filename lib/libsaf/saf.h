/*
 * saf.h - libsaf: the SAF tables and protocols every program shares.
 *
 * Modules (one source file each, see README.md):
 *   saf_error.c   error values: what was wrong, on which line, in which field
 *   saf_paths.c   SAF_ETC, SAF_VAR, SAF_UTMPX, SAF_WTMPX and the file names
 *   saf_line.c    the line syntax of _sactab and _pmtab
 *   saf_version.c "# VERSION=" lines and check_version(3)
 *   saf_sactab.c  _sactab lines: parse, check, format
 *   saf_pmtab.c   _pmtab lines: the columns every port monitor shares
 *   saf_listen.c  the listener's record (its pmspecific part)
 *   saf_table.c   whole tables: load with line numbers, edit, store
 *   saf_file.c    reading a file whole, replacing it atomically
 *   saf_pid.c     _pid files and lock tests
 *   saf_log.c     the SAC log line and appending to the log
 *   saf_msg.c     sacmsg/pmmsg and admcmd/admack encode, decode, validate
 *   saf_status.c  the lines of sac's AC_STATUS answer
 *   saf_utmpx.c   utmpx records of port monitors and services
 *   saf_addr.c    the listener's address notation
 *
 * Contract: parsers take bytes and return a struct, or -1 and a struct
 * saf_error naming the line, the field and the column.  Calls that touch the
 * system return -1 with errno set (and fill a struct saf_error where they
 * take one).  Nothing here prints, logs or exits; every descriptor is opened
 * close-on-exec.  Not thread-safe where it uses utmpx or the environment.
 */
#ifndef LISTEN_SAF_H
#define LISTEN_SAF_H

#include <sac.h>

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SAF_PRINTF(f, a)   __attribute__((format(printf, f, a)))

/* ------------------------------------------------------------------------
 * Bounds.  Each is a field width of the original tables unless it says.
 */
#define SAF_PMTAG_MAX      PMTAGSIZE /* port monitor tag (sac.h) */
#define SAF_PMTYPE_MAX     14        /* port monitor type (PMTYPESIZE) */
#define SAF_SVCTAG_MAX     14        /* service tag (SVCTAGSIZE) */
#define SAF_SVCCODE_MAX    13 /* listener service code reachable by NLPS */
#define SAF_ID_MAX         32 /* login name (Linux useradd's limit) */
#define SAF_RESERVED_MAX   63 /* each reserved _pmtab column (ours) */
#define SAF_ADDR_MAX       63 /* listener private address (PRV_ADR_SZ-1) */
/* A table line, without its newline: the original read lines into a 1024
   byte buffer (BUFSIZ) and split longer ones; we read them whole up to this
   and report a longer line as an error at that line. */
#define SAF_LINE_MAX       1023
#define SAF_FIELD_MAX      SAF_LINE_MAX /* command, pmspecific, comment */
#define SAF_TABLE_MAX      (4L << 20) /* a table file larger is refused (ours) */
#define SAF_PATH_MAX       4096       /* PATH_MAX on Linux */
#define SAF_LOG_LINE_MAX   511        /* SAC log line, newline included */
#define SAF_PIDTEXT_MAX    511        /* bytes of a _pid file read */
#define SAF_SACTAB_VERSION 1          /* VERSION of _sactab */
#define SAF_LISTEN_VERSION 4          /* VERSION of the listener's _pmtab */
#define SAF_TABLE_MODE     0644       /* mode of a new table file */

/* ------------------------------------------------------------------------
 * Errors (saf_error.c).
 */
enum saf_errcode {
	SAF_OK = 0,
	SAF_ESYS,      /* system call failed: sys_errno says why */
	SAF_ECORRUPT,  /* wrong number of fields */
	SAF_ETOOLONG,  /* a field or line is too long */
	SAF_EEMPTY,    /* a required field is empty */
	SAF_EBADCHAR,  /* a character not allowed in the field */
	SAF_EBADFLAG,  /* an unknown flag letter */
	SAF_EBADNUM,   /* not a number, or out of range */
	SAF_EDUP,      /* a tag appears twice */
	SAF_ESHORT,    /* a message is shorter than its struct */
	SAF_EBADTYPE,  /* a message type out of range */
	SAF_EBADSTATE, /* a port monitor state out of range */
	SAF_EBADTAG,   /* a message tag that is not a valid tag */
	SAF_EBADSIZE,  /* a message data size out of range */
	SAF_EBADPID,   /* a message pid that cannot be a sender */
	SAF_EADDR,     /* an address that cannot be converted */
	SAF_ENOTFOUND  /* no such entry */
};

#define SAF_ERRTEXT_MAX 160 /* room for one detailed message */

struct saf_error {
	int code;          /* enum saf_errcode */
	int sys_errno;     /* errno for SAF_ESYS */
	int line;          /* 1-based physical line, 0 if none */
	int column;        /* 1-based byte column, 0 if none */
	const char *field; /* field name ("tag", "flags", ...), NULL if none */
	char text[SAF_ERRTEXT_MAX]; /* what was wrong, in words */
};

/* A short text for an error code ("field too long", ...). */
const char *saf_strerror(int code);
/* "line N: field: text" (the parts that are known) into buf; the length. */
int saf_error_format(const struct saf_error *err, char *buf, size_t size);

/* ------------------------------------------------------------------------
 * Paths (saf_paths.c).  SAF_ETC defaults to SAF_SYSCONFDIR "/saf", SAF_VAR to
 * SAF_LOCALSTATEDIR "/saf", SAF_UTMPX and SAF_WTMPX to the system's files.
 * An empty variable counts as unset.
 */
enum saf_pathname {
	SAF_P_SACTAB,    /* <etc>/_sactab */
	SAF_P_SYSCONFIG, /* <etc>/_sysconfig */
	SAF_P_SACPIPE,   /* <etc>/_sacpipe */
	SAF_P_CMDPIPE,   /* <etc>/_cmdpipe */
	SAF_P_LOG,       /* <var>/_log */
	SAF_P_PMDIR,     /* <etc>/<pmtag> */
	SAF_P_PMTAB,     /* <etc>/<pmtag>/_pmtab */
	SAF_P_CONFIG,    /* <etc>/<pmtag>/_config */
	SAF_P_PID,       /* <etc>/<pmtag>/_pid */
	SAF_P_PMPIPE,    /* <etc>/<pmtag>/_pmpipe */
	SAF_P_PMVARDIR,  /* <var>/<pmtag> */
	SAF_P_PMLOG,     /* <var>/<pmtag>/log */
	SAF_P_PMOLOG,    /* <var>/<pmtag>/o.log */
	SAF_P_PMSTATUS   /* <var>/<pmtag>/status (the listener's counters) */
};

const char *saf_etc_dir(void);
const char *saf_var_dir(void);
const char *saf_utmpx_file(void);
const char *saf_wtmpx_file(void);
/* Build a path into buf; pmtag is needed from SAF_P_PMDIR on (else NULL).
   0, or -1 with errno ENAMETOOLONG (never a cut path) or EINVAL (a bad
   tag: it must pass saf_tag_check). */
int saf_path(
    char *buf, size_t size, enum saf_pathname which, const char *pmtag);
/* <etc>/<pmtag>/<svctag>: a service's configuration script. */
int saf_path_svc(char *buf, size_t size, const char *pmtag, const char *svctag);

/* ------------------------------------------------------------------------
 * Line syntax (saf_line.c).  Everything from the first '#' is the comment;
 * trailing white space is removed from the rest, leading white space is
 * kept; a line empty after that is skipped.  Fields are separated by ':'
 * and may be empty.  With SAF_SPLIT_ESCAPE a "\:" does not separate (the
 * backslash stays in the field: the listener's address field uses it).
 */
struct saf_span {
	const char *p; /* start (not NUL-terminated) */
	size_t len;
	size_t col; /* 1-based column of p in the line */
};

struct saf_line {
	struct saf_span body;    /* before the first '#', trimmed at the end */
	struct saf_span comment; /* after the '#'; p is NULL without one */
};

#define SAF_SPLIT_ESCAPE 0x1

void saf_line_trim(const char *line, size_t len, struct saf_line *out);
/* Split body into at most max fields (the last one takes the rest of the
   text, colons included); returns how many fields the text had, which may
   exceed max. */
size_t saf_line_split(const struct saf_span *body, struct saf_span *f,
    size_t max, unsigned flags);
/* Tags: 1 to max characters, letters and digits only.  0 or -1 (err set
   with the field name given). */
int saf_tag_check(const char *s, size_t len, size_t max, const char *field,
    struct saf_error *err);

/* ------------------------------------------------------------------------
 * Versions (saf_version.c).  check_version(3) is in <sac.h>.
 */
#define SAF_VERSION_PREFIX "# VERSION="
/* check_version on a buffer: 0 right version, 1 another, 3 none. */
int saf_check_version_buf(int ver, const char *buf, size_t len);
/* The version a buffer declares: 0 and *ver, or -1 (no usable line). */
int saf_version_find(const char *buf, size_t len, int *ver);
/* "# VERSION=<ver>\n" into buf: its length, or -1 (ERANGE) if no room. */
int saf_version_line(int ver, char *buf, size_t size);

/* ------------------------------------------------------------------------
 * _sactab lines (saf_sactab.c):
 *   tag:type:flags:restart_count:command<TAB>#comment
 */
#define SAF_SAC_DFLAG 0x1 /* d: start the monitor disabled */
#define SAF_SAC_XFLAG 0x2 /* x: do not start it */

struct saf_sactab_entry {
	char tag[SAF_PMTAG_MAX + 1];
	char type[SAF_PMTYPE_MAX + 1];
	unsigned flags; /* SAF_SAC_DFLAG | SAF_SAC_XFLAG */
	int rcount;     /* restarts allowed after failures */
	char command[SAF_FIELD_MAX + 1];
	char comment[SAF_FIELD_MAX + 1]; /* text after '#' ("" if none) */
};

/* 1 and *e filled, 0 for a blank or comment line, -1 and *err. */
int saf_sactab_parse(const char *line, size_t len, int lineno,
    struct saf_sactab_entry *e, struct saf_error *err);
/* 0 if e would be written and read back unchanged, else -1 and *err. */
int saf_sactab_check(const struct saf_sactab_entry *e, struct saf_error *err);
/* The line, newline included: its length, or -1 and *err. */
int saf_sactab_format(const struct saf_sactab_entry *e, char *buf, size_t size,
    struct saf_error *err);
/* Flag letters in the written order ("", "d", "x", "dx"); buf >= 3. */
const char *saf_sac_flags(unsigned flags, char *buf);

/* ------------------------------------------------------------------------
 * _pmtab lines (saf_pmtab.c):
 *   svctag:flags:id:reserved:reserved:reserved:pmspecific#comment
 * and the listener's pmspecific part (version 4):
 *   addr:rpcinfo:lflags:modules:command
 */
#define SAF_PM_UFLAG 0x1 /* u: make a utmpx entry */
#define SAF_PM_XFLAG 0x2 /* x (or X): service disabled */
#define SAF_RESERVED "reserved"

struct saf_pmtab_entry {
	char svctag[SAF_SVCTAG_MAX + 1];
	unsigned flags; /* SAF_PM_UFLAG | SAF_PM_XFLAG */
	char id[SAF_ID_MAX + 1];
	char res[3][SAF_RESERVED_MAX + 1];
	char pmspec[SAF_FIELD_MAX + 1]; /* raw: after the 6th ':' */
	char comment[SAF_FIELD_MAX + 1];
	size_t pmspec_col; /* column of pmspec in its line, 0 if none */
};

#define SAF_LF_C 0x1 /* c: the command is a program to run */
#define SAF_LF_P 0x2 /* p: the command is a standing server's path */
#define SAF_LF_D 0x4 /* d: dynamic address */

struct saf_listen_rec {
	char addr[SAF_ADDR_MAX + 1]; /* as written, escapes kept; "" if none */
	long prog, vers;             /* rpcinfo; -1 and -1 when none */
	unsigned lflags;             /* SAF_LF_* */
	char modules[SAF_FIELD_MAX + 1];
	char command[SAF_FIELD_MAX + 1];
};

/* Fill the reserved columns with "reserved", everything else empty. */
void saf_pmtab_entry_init(struct saf_pmtab_entry *e);
/* 1 and *e, 0 for a blank or comment line, -1 and *err. */
int saf_pmtab_parse(const char *line, size_t len, int lineno,
    struct saf_pmtab_entry *e, struct saf_error *err);
int saf_pmtab_check(const struct saf_pmtab_entry *e, struct saf_error *err);
int saf_pmtab_format(const struct saf_pmtab_entry *e, char *buf, size_t size,
    struct saf_error *err);
/* Flag letters in the written order ("", "u", "x", "ux"); buf >= 3. */
const char *saf_pm_flags(unsigned flags, char *buf);
/* The listener record from an entry's pmspecific part; lineno for *err. */
int saf_listen_parse(const struct saf_pmtab_entry *e, int lineno,
    struct saf_listen_rec *r, struct saf_error *err);
/* Clear r: no address, no rpc, no flags. */
void saf_listen_rec_init(struct saf_listen_rec *r);
/* The pmspecific text of r (no newline): its length, or -1 and *err. */
int saf_listen_format(const struct saf_listen_rec *r, char *buf, size_t size,
    struct saf_error *err);
/* pmadm -l's display of a pmspecific field: ':' shown as ' ', an empty
   field as '-', "\:" as ':'.  Its length, or -1 (ERANGE). */
int saf_pmspec_display(const char *pmspec, char *buf, size_t size);

/* ------------------------------------------------------------------------
 * Whole tables (saf_table.c).  A table keeps every physical line: entries
 * parsed, other lines (comments, the version line, blanks) as text.  An
 * entry's original text is written back unchanged unless it was replaced.
 */
struct saf_sactab_line {
	int lineno; /* physical line, 0 for an added entry */
	char *raw;  /* text as read without newline; NULL: format the entry */
	bool is_entry;
	struct saf_sactab_entry ent;
};

struct saf_sactab {
	struct saf_sactab_line *v;
	size_t n, cap;
};

struct saf_pmtab_line {
	int lineno;
	char *raw;
	bool is_entry;
	struct saf_pmtab_entry ent;
};

struct saf_pmtab {
	struct saf_pmtab_line *v;
	size_t n, cap;
};

/* Read a whole file (at most SAF_TABLE_MAX bytes) into a malloc'ed,
   NUL-terminated buffer: 0, or -1 and errno (EFBIG when too large). */
int saf_file_read(const char *path, char **buf, size_t *len);
/* May the daemon trust path, a table or script it acts on as root?  The
   file (symbolic links followed), the directory holding the name and the
   one holding the file must belong to root or to the caller's effective
   user, and no one else may write them (a directory with the sticky bit
   may be writable by others: they cannot replace what is ours in it).
   0 trusted; 1 no such file; -1 with errno (EPERM: untrusted, and why,
   naming the file or directory, in why[size]; else a system error). */
int saf_file_trusted(const char *path, char *why, size_t size);
/* Replace path with data atomically: a temporary file in the same
   directory, fsync, rename.  The file keeps its mode (and owner, when we
   may), a new file gets mode newmode.  On any error path is untouched and
   no temporary file is left: -1 and *err (SAF_ESYS). */
int saf_file_replace(const char *path, const void *data, size_t len,
    mode_t newmode, struct saf_error *err);

/* Tables start zeroed ({0}).  Parse or load replace the contents; a
   duplicate tag is an error at its second line. */
int saf_sactab_parse_buf(
    const char *buf, size_t len, struct saf_sactab *t, struct saf_error *err);
int saf_sactab_load(
    const char *path, struct saf_sactab *t, struct saf_error *err);
void saf_sactab_free(struct saf_sactab *t);
/* find: the entry with that tag, valid until the table changes, or NULL.
   add and replace take a copy of e, which may be an entry of the table. */
size_t saf_sactab_count(const struct saf_sactab *t);
struct saf_sactab_entry *saf_sactab_find(struct saf_sactab *t, const char *tag);
/* Append e (its tag must be new), or replace the entry with e's tag. */
int saf_sactab_add(struct saf_sactab *t, const struct saf_sactab_entry *e,
    struct saf_error *err);
int saf_sactab_replace(struct saf_sactab *t, const struct saf_sactab_entry *e,
    struct saf_error *err);
/* Remove the entry: 0, or -1 (ENOENT). */
int saf_sactab_remove(struct saf_sactab *t, const char *tag);
/* The whole table as text (malloc'ed): 0, or -1 and *err. */
int saf_sactab_text(
    const struct saf_sactab *t, char **buf, size_t *len, struct saf_error *err);
/* Atomic rewrite of path with the table. */
int saf_sactab_store(
    const char *path, const struct saf_sactab *t, struct saf_error *err);

int saf_pmtab_parse_buf(
    const char *buf, size_t len, struct saf_pmtab *t, struct saf_error *err);
int saf_pmtab_load(
    const char *path, struct saf_pmtab *t, struct saf_error *err);
void saf_pmtab_free(struct saf_pmtab *t);
size_t saf_pmtab_count(const struct saf_pmtab *t);
struct saf_pmtab_entry *saf_pmtab_find(struct saf_pmtab *t, const char *svctag);
int saf_pmtab_add(struct saf_pmtab *t, const struct saf_pmtab_entry *e,
    struct saf_error *err);
int saf_pmtab_replace(struct saf_pmtab *t, const struct saf_pmtab_entry *e,
    struct saf_error *err);
int saf_pmtab_remove(struct saf_pmtab *t, const char *svctag);
int saf_pmtab_text(
    const struct saf_pmtab *t, char **buf, size_t *len, struct saf_error *err);
int saf_pmtab_store(
    const char *path, const struct saf_pmtab *t, struct saf_error *err);

/* ------------------------------------------------------------------------
 * _pid files and lock tests (saf_pid.c).  Locks are lockf(3) locks: they
 * belong to the process and end when it closes ANY descriptor of the file.
 */
/* Create (mode 0644) or open path, lock it without waiting, truncate it and
   write the decimal pid and a NUL.  The descriptor, to be kept open for
   the lock's life; -1 and errno (EAGAIN: locked by another process). */
int saf_pid_create(const char *path, pid_t pid);
/* Is path locked by another process?  1 (and *pid the pid written in it,
   0 if unreadable), 0 not locked, -1 and errno (ENOENT: no file). */
int saf_pid_check(const char *path, pid_t *pid);
/* The pid written in path: 0, or -1 and errno (EINVAL: not a pid). */
int saf_pid_read(const char *path, pid_t *pid);
/* Parse a pid file's text: decimal digits, then optionally NUL or newline. */
int saf_pid_parse(const char *text, size_t len, pid_t *pid);
/* Is the open file fd locked by another process: 1, 0, or -1 and errno. */
int saf_lock_test(int fd);
/* saf_lock_test on a path opened read-only: the SAC log lock says "sac is
   running". */
int saf_lock_test_path(const char *path);

/* ------------------------------------------------------------------------
 * The SAF logs (saf_log.c).  The SAC log line is
 *   "<ctime without newline>; <pid>; <message>\n"
 * and a port monitor's is "MM/DD/YY HH:MM:SS; <pid>; <message>\n".
 * Lines are at most SAF_LOG_LINE_MAX bytes; control characters of the
 * message are written as '?', so a message cannot forge a line.
 */
enum saf_logstyle {
	SAF_LOG_SAC, /* Wed Jun 30 21:49:08 1993 */
	SAF_LOG_PM   /* 06/30/93 21:49:08 */
};

/* Format one line for the broken-down time tm.  The buffer always gets a
   whole line (cut to fit, newline kept); returns the length of the line
   written. */
int saf_log_format(char *buf, size_t size, enum saf_logstyle style,
    const struct tm *tm, pid_t pid, const char *fmt, ...) SAF_PRINTF(6, 7);
int saf_log_vformat(char *buf, size_t size, enum saf_logstyle style,
    const struct tm *tm, pid_t pid, const char *fmt, va_list ap)
    SAF_PRINTF(6, 0);
/* Open (create, mode 0644) the log for appending and reading, and lock it
   as sac does: wait for the lock, or fail at once with EAGAIN. */
#define SAF_LOG_WAIT 0x1
int saf_log_open(const char *path, unsigned flags);
/* Append one line stamped with the local time now and getpid(): one
   write(2) on an O_APPEND descriptor.  0, or -1 and errno. */
int saf_log_write(int fd, enum saf_logstyle style, const char *fmt, ...)
    SAF_PRINTF(3, 4);

/* ------------------------------------------------------------------------
 * Messages (saf_msg.c).  sacmsg and pmmsg come from <sac.h>; admcmd and
 * admack are the sacadm <-> sac messages on _cmdpipe.  Encoders clear the
 * padding and check only the tag (so that tests can build bad messages);
 * decoders copy, then validate.  A decode error other than
 * SAF_ESHORT leaves the struct filled, so that the receiver can answer
 * (PM_UNKNOWN, AK_UNKNOWN) or log what it got.
 */
struct admcmd {
	char ac_mtype;              /* AC_START .. AC_PMREAD */
	char ac_tag[PMTAGSIZE + 1]; /* port monitor tag */
	pid_t ac_pid;               /* sender's pid: the sequence number */
};

struct admack {
	char ak_resp; /* AK_ACK .. AK_REQFAIL */
	pid_t ak_pid; /* ac_pid of the command answered */
	long ak_size; /* bytes of data that follow (AC_STATUS) */
};

#define AC_START       1 /* start a port monitor */
#define AC_KILL        2 /* stop it */
#define AC_ENABLE      3
#define AC_DISABLE     4
#define AC_STATUS      5 /* the status of every monitor (tag unused) */
#define AC_SACREAD     6 /* re-read _sactab (tag unused) */
#define AC_PMREAD      7 /* tell the monitor to re-read its _pmtab */

#define AK_ACK         0 /* success */
#define AK_PMRUN       1 /* port monitor already running */
#define AK_PMNOTRUN    2 /* port monitor not running */
#define AK_NOPM        3 /* no such port monitor */
#define AK_UNKNOWN     4 /* unknown command */
#define AK_NOCONTACT   5 /* could not signal the port monitor */
#define AK_PMLOCK      6 /* _pid locked when starting */
#define AK_RECOVER     7 /* port monitor in recovery */
#define AK_REQFAIL     8 /* request failed */

/* Largest AC_STATUS reply accepted (ours: about 1000 monitors). */
#define SAF_STATUS_MAX (1L << 20)

/* sac's own states; 1 to 4 are the PM_ values. */
#define SAF_NOTRUNNING 0
#define SAF_STARTING   1
#define SAF_ENABLED    2
#define SAF_DISABLED   3
#define SAF_STOPPING   4
#define SAF_FAILED     5
#define SAF_UNKNOWN    6
#define SAF_NOSAC      255 /* listed while sac is not running: "NO_SAC" */

/* "ENABLED", ..., "NO_SAC"; NULL for any other value. */
const char *saf_state_name(int state);

int saf_sacmsg_encode(struct sacmsg *m, int type);
int saf_sacmsg_decode(
    const void *buf, size_t len, struct sacmsg *m, struct saf_error *err);
int saf_pmmsg_encode(struct pmmsg *m, int type, int state, const char *tag,
    struct saf_error *err);
int saf_pmmsg_decode(
    const void *buf, size_t len, struct pmmsg *m, struct saf_error *err);
int saf_admcmd_encode(struct admcmd *m, int type, const char *tag, pid_t pid,
    struct saf_error *err);
int saf_admcmd_decode(
    const void *buf, size_t len, struct admcmd *m, struct saf_error *err);
int saf_admack_encode(struct admack *m, int resp, pid_t pid, long size);
int saf_admack_decode(
    const void *buf, size_t len, struct admack *m, struct saf_error *err);

/* One line of the AC_STATUS reply: tag:type:flags:rcount:state:cmd:comment
   with flags and state as decimal numbers. */
struct saf_status {
	struct saf_sactab_entry ent;
	int state; /* the monitor's last reported state */
};
int saf_status_format(
    const struct saf_status *s, char *buf, size_t size, struct saf_error *err);
int saf_status_parse(
    const char *line, size_t len, struct saf_status *s, struct saf_error *err);

/* ------------------------------------------------------------------------
 * utmpx (saf_utmpx.c).  Records go to saf_utmpx_file() with pututxline and
 * to saf_wtmpx_file() with updwtmpx; both files are created if missing.
 * Ids: two letters of the writer ("PM" for port monitors started by sac)
 * and two characters chosen from the pid, moved on to the next free pair
 * when a live record of another pid holds it (see README.md).
 */
#define SAF_UTX_IDLEN IDLEN

struct saf_utx {
	short type; /* LOGIN_PROCESS or USER_PROCESS */
	pid_t pid;
	const char *user; /* ut_user */
	const char *line; /* ut_line, or NULL */
	const char *host; /* ut_host, or NULL */
	char prefix[2];   /* the first two bytes of ut_id */
};

/* Write the record; its id into id if not NULL.  0, or -1 and errno. */
int saf_utx_write(const struct saf_utx *u, char id[SAF_UTX_IDLEN]);
/* Mark pid's live record DEAD_PROCESS with the wait status.  0, or -1 and
   errno (ESRCH: pid has no live record). */
int saf_utx_dead(pid_t pid, int status);

/* ------------------------------------------------------------------------
 * Command lines (saf_argv.c): split buf in place into at most max words
 * (argv needs max + 1 slots; it ends with NULL).  The count, or -1 and
 * *why ("non-terminated string", "too many arguments").
 */
int saf_argv_split(char *buf, char **argv, int max, const char **why);

/* ------------------------------------------------------------------------
 * Address notation (saf_addr.c): the listener's private address field.
 *   \xHEX, \XHEX   sockaddr bytes (family in either byte order)
 *   \oOCT, \OOCT   the same in octal
 *   h1.h2.h3.h4.p1.p2 and v6addr.p1.p2   universal addresses
 *   host\:port, [v6addr]\:port, \:port    readable forms ("\:" is ':')
 *   /path          AF_UNIX transports
 * Hosts are numeric (no name service).  Command substitution (\$...\$,
 * \!...\!) is refused.
 */
int saf_addr_parse(const char *s, size_t len, int family,
    struct sockaddr_storage *ss, socklen_t *sslen, struct saf_error *err);
/* The escaped form of an address for the table, every ':' escaped:
   host\:port or [v6addr]\:port ("[\:\:1]\:2766"; flow label and scope
   id are not written), a path, or
   \xHEX for an AF_UNIX name that is no plain NUL-terminated path.  Its
   length, or -1 and errno (EAFNOSUPPORT, ERANGE, EINVAL). */
int saf_addr_format(
    const struct sockaddr *sa, socklen_t len, char *buf, size_t size);
/* Uppercase hex of bytes (NLSADDR): its length, or -1 (ERANGE). */
int saf_hex_encode(const void *bytes, size_t len, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* LISTEN_SAF_H */
