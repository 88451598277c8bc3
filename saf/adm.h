/*
 * adm.h - what sacadm and pmadm share.
 *
 *   adm_out.c    messages to stderr and the exit that follows an error
 *   adm_args.c   option values: names, -f letters, numbers (pure)
 *   adm_cmd.c    the client side of _cmdpipe: one request, its answer
 *   adm_lock.c   serialising the commands that rewrite tables; is sac up?
 *   adm_file.c   tables loaded and stored with the commands' messages,
 *                and the configuration scripts (-g, -G, -z)
 *   adm_fmt.c    the -l and -L formats and sac's status text (pure)
 *
 * Errors are reported where they are found, with the texts of
 * adm_msgs.h, and end the command with the exit code beside them
 * (E_BADARGS ... E_SACNOTRUN of <sac.h>), as the SVR4 commands did.  The
 * pure parts return values instead, so that check_adm can test them.
 */
#ifndef LISTEN_ADM_H
#define LISTEN_ADM_H

#include "adm_msgs.h"
#include "saf.h"

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

/* ---- adm_out.c ---- */
/* Print one message line (a newline is added) to stderr. */
void adm_msg(const char *fmt, ...) SAF_PRINTF(1, 2);
/* Print it and exit with code. */
_Noreturn void adm_die(int code, const char *fmt, ...) SAF_PRINTF(2, 3);
/* The usage text: "Usage:\t<prog> <line 0>", then "\t<prog> <line i>". */
_Noreturn void adm_usage(
    const char *prog, const char *const *lines, size_t nlines);
/* A saf_error as text: "line 3, column 7: flags: ...". */
const char *adm_errtext(const struct saf_error *err, char *buf, size_t size);

/* ---- adm_args.c: option values (the checks are pure) ---- */
struct adm_opts;

/* What differs between the two commands' options. */
struct adm_cmdspec {
	const char *optstring;   /* for getopt(3) */
	const char *oplet;       /* the letters that select an operation */
	const unsigned *opbits;  /* and their operation bits */
	unsigned add;            /* the ADD bit: -a and the values of -a */
	const char *flagletters; /* of -f, bit i for letter i */
	const char *const *usage; /* the usage lines after the program name */
	size_t nusage;
	/* the options only this command has: false for an unknown one */
	bool (*own)(struct adm_opts *o, int c, char *arg);
};

/* The options of a command line, checked. */
struct adm_opts {
	const struct adm_cmdspec *spec;
	const char *prog; /* argv[0], for the usage text */
	unsigned ops;     /* operation bits seen */
	bool saw_a;
	char *tag, *type, *svc;  /* -p, -t, -s (cut to their width) */
	const char *cmd;         /* -c (sacadm) */
	const char *id, *pmspec; /* -i, -m (pmadm) */
	const char *comment;     /* -y, one space by default */
	const char *script;      /* -z */
	int version;             /* -v, -1 when not given */
	int count;               /* -n (sacadm) */
	unsigned flags;          /* -f letters as bits */
	char badflags[256];      /* -f letters not allowed */
};

/* Parse and check argv as SVR4 did: the usage text for no argument, an
   unknown option or an operand; then the -f letters not allowed. */
void adm_options(int argc, char **argv, const struct adm_cmdspec *spec,
    struct adm_opts *o);
_Noreturn void adm_usage_of(const struct adm_opts *o);
/* Real uid 0, or exit with E_NOPRIV. */
void adm_need_root(void);

enum adm_name_kind { ADM_PMTAG, ADM_PMTYPE, ADM_SVCTAG };
enum adm_name_status {
	ADM_NAME_OK,
	ADM_NAME_NEWLINE,  /* a newline in it */
	ADM_NAME_NOTALNUM  /* empty, or not letters and digits */
};
/* Check an option's tag or type, cutting it to max characters in place
   (*cut tells).  Empty counts as not alphanumeric. */
enum adm_name_status adm_name_check(char *s, size_t max, bool *cut);
/* -p, -t, -s: the check with its messages; exits on an error. */
void adm_opt_name(char *s, enum adm_name_kind kind);
/* An option value that may not hold a newline; exits if it does. */
void adm_opt_nonl(const char *s);
/* -f letters: bit i of *mask for letters[i]; letters not in the set are
   appended to bad (NUL-terminated, at most badsize - 1 kept). */
void adm_flags_parse(const char *arg, const char *letters, unsigned *mask,
    char *bad, size_t badsize);
/* atoi(3) without its undefined overflow: clamped to int. */
int adm_atoi(const char *s);

/* ---- adm_cmd.c ---- */
#define ADM_ACK_TIMEOUT_MS 10000 /* the original's alarm(10) */

struct adm_reply {
	int resp;   /* AK_ACK .. AK_REQFAIL, or another value sac sent */
	char *data; /* AK_ACK's data (malloc'ed, NUL-terminated), or NULL */
	size_t len;
};

/* One request on an open connection: write it, read acks until ours
   (ak_pid == pid), then its data.  0; E_SACNOTRUN when no ack came
   (timeout, end of file, short read); E_SYSERR when the write failed or
   the data fell short. */
int adm_exchange(int fd, int type, const char *tag, pid_t pid, int timeout_ms,
    struct adm_reply *r);
/* Connect to <SAF_ETC>/_cmdpipe and make one request: 0, E_SACNOTRUN
   (no socket or nobody listening, or no ack) or E_SYSERR. */
int adm_request(int type, const char *tag, struct adm_reply *r);
void adm_reply_free(struct adm_reply *r);
/* The exit code an answer gives (0 for AK_ACK). */
int adm_resp_code(int resp);
/* adm_request without data, quietly: the answer's exit code (0, an
   AK_* code's, E_SACNOTRUN or E_SYSERR). */
int adm_request_code(int type, const char *tag);
/* Print the message of a non-ACK answer (tag in it); its exit code. */
int adm_resp_report(int resp, const char *tag);
/* adm_request, messages and all, as sacadm's commands use it: the exit
   code.  r may be NULL when no data is wanted. */
int adm_send(int type, const char *tag, struct adm_reply *r);

/* ---- adm_lock.c ---- */
#define ADM_LOCK_NAME    ".saflock" /* in SAF_ETC, mode 0600 */
#define ADM_LOCK_WAIT_MS 3000
/* Take the table lock, waiting a little; exits with "tempfile busy" when
   another command holds it too long.  Held until the command exits. */
void adm_lock(void);
/* Is sac running (its log locked)?  Warns when that cannot be told. */
bool adm_sac_running(void);

/* ---- adm_file.c ---- */
/* check_version(ver, path) with sacadm's and pmadm's messages (those of
   _sactab when sactab); exits unless the version is right. */
void adm_check_version(int ver, const char *path, bool sactab);
/* check_version(1, _sactab). */
void adm_sactab_version(void);
/* Load _sactab; exits on an error. */
void adm_sactab_load(struct saf_sactab *t);
void adm_sactab_store(const struct saf_sactab *t);
/* Load a monitor's _pmtab; exits on an error. */
void adm_pmtab_load(const char *tag, struct saf_pmtab *t);
void adm_pmtab_store(const char *tag, const struct saf_pmtab *t);
/* A path of saf_path(); exits (E_SYSERR) if it cannot be made. */
void adm_path(char *buf, size_t size, enum saf_pathname which, const char *tag);
/* Replace path with data atomically; exits on an error. */
void adm_write(const char *path, const void *data, size_t len, mode_t mode);
/* Install script as dest (-z): 0, or the exit code after its message
   (E_BADARGS for a script that is not a regular file, after the
   warning).  Print dest to stdout when script is NULL. */
int adm_config(const char *script, const char *dest);

/* ---- adm_fmt.c (pure) ---- */
enum adm_listfmt { ADM_SHORT, ADM_LONG }; /* -l, -L */
void adm_pm_header(FILE *fp);
/* One monitor of sacadm -l/-L; state is a SAF_ state. */
void adm_pm_print(FILE *fp, enum adm_listfmt fmt,
    const struct saf_sactab_entry *e, int state);
void adm_svc_header(FILE *fp);
/* One service of pmadm -l/-L. */
void adm_svc_print(FILE *fp, enum adm_listfmt fmt,
    const struct saf_sactab_entry *pm, const struct saf_pmtab_entry *e);
/* sac's AC_STATUS text as entries: 0; E_SAFERR (improper message) or
   E_BADARGS (flag bits other than d and x: "Bad information"). */
int adm_status_parse(
    const char *text, size_t len, struct saf_status **v, size_t *n);

#endif /* LISTEN_ADM_H */
