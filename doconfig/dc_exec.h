/*
 * dc_exec.h - the executor of parsed doconfig lines (internal).
 *
 * dc_exec() carries out one struct dc_cmd in the calling process: it
 * checks rflag, sets the environment, changes the module stack of fd,
 * runs the built-ins and starts commands.  On failure it returns -1 and
 * says why in a struct dc_why; it never prints, logs or exits.
 */
#ifndef LISTEN_DC_EXEC_H
#define LISTEN_DC_EXEC_H

#include "dc_parse.h"

/* Why a line failed: a message and the errno of a failed call, if any. */
struct dc_why {
	int syserr;
	char msg[DC_WHY_MAX];
};

/* The shell that runs run/runwait commands. */
#define DC_SHELL       "/bin/sh"

/* Exit status of a child that could not start the shell (as sh's own). */
#define DC_EXIT_NOEXEC 127

/* Carry out cmd; 0, or -1 with the reason in *why. */
int dc_exec(int fd, const struct dc_cmd *cmd, long rflag, struct dc_why *why);

/* run/runwait of a command through DC_SHELL -c (dc_spawn.c). */
int dc_spawn(const struct dc_cmd *cmd, struct dc_why *why);

/*
 * Set the reason; when err is not 0, append ": <strerror(err)>" and keep
 * err in why->syserr.  Returns -1.
 */
int dc_whyf(struct dc_why *why, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif /* LISTEN_DC_EXEC_H */
