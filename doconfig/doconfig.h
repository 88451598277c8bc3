/*
 * <doconfig.h> - doconfig(3), the SAF configuration-script interpreter.
 *
 * doconfig() runs a configuration script (_sysconfig, a port monitor's
 * _config, a service's per-service script) line by line in the calling
 * process: assign sets environment variables, push and pop act on the
 * module stack of a transport endpoint, run and runwait start commands
 * through /bin/sh -c, and cd, ulimit and umask change the caller itself.
 *
 * doconfig() keeps the SVR4 interface exactly:
 *   0   success, or there is no script (stat fails);
 *   -1  a system error (the script cannot be opened or read), errno set;
 *   n   the 1-based number of the first line that failed; the lines
 *       before it have taken effect.
 *
 * doconfig_r() is this implementation's extension: the same work and
 * return value, and, when err is not NULL, the failing line and a
 * human-readable reason.  Neither function prints, logs or exits.
 */
#ifndef LISTEN_DOCONFIG_H
#define LISTEN_DOCONFIG_H

#ifdef __cplusplus
extern "C" {
#endif

/* rflag bits; <sac.h> declares the same names and values. */
#ifndef NOASSIGN
#define NOASSIGN 0x1 /* assign lines are errors */
#define NORUN    0x2 /* run and runwait lines (built-ins too) are errors */
extern int doconfig(int fd, char *script, long rflag);
#endif

/*
 * The longest script line, newline included: a line of more than
 * DOCONFIG_LINE_MAX - 1 characters before its newline is an error at
 * that line.  Four times the SVR4 BUFSIZ of 1024, so anything a table
 * line can carry fits in a script line.
 */
#define DOCONFIG_LINE_MAX 4096

/* Room for the reason of a failure, NUL included. */
#define DOCONFIG_ERRMAX   512

struct doconfig_err {
	int line;   /* the failing line, 0 for success or a system error */
	int syserr; /* errno of the failed call, 0 if none was involved */
	/* "line 3: unknown command \"foo\"", or the system error; "" on
	   success */
	char msg[DOCONFIG_ERRMAX];
};

/* doconfig() with an optional report of the failure in *err. */
extern int doconfig_r(
    int fd, const char *script, long rflag, struct doconfig_err *err);

#ifdef __cplusplus
}
#endif

#endif /* LISTEN_DOCONFIG_H */
