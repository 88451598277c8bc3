/*
 * dc_parse.h - the pure parser of doconfig script lines.
 *
 * dc_parse() turns one line (without its newline) into a struct dc_cmd,
 * or refuses it with a reason.  It makes no system call, reads no
 * environment and allocates nothing, so the tests and the fuzz target can
 * call it on any bytes.  What a command means for the process (flags,
 * modules, descriptors) is decided by the executor, not here.
 */
#ifndef LISTEN_DC_PARSE_H
#define LISTEN_DC_PARSE_H

#include "doconfig.h"

#include <limits.h>
#include <stddef.h>

/* The keyword that starts a line. */
enum dc_verb {
	DC_V_NONE,   /* blank or comment-only line */
	DC_V_ASSIGN, /* assign VAR=value */
	DC_V_PUSH,   /* push mod1[,mod2...] */
	DC_V_POP,    /* pop [module | ALL] */
	DC_V_RUN,    /* run command */
	DC_V_RUNWAIT /* runwait command */
};

/* What the line asks for. */
enum dc_op {
	DC_NOP,     /* nothing: blank or comment-only line */
	DC_ASSIGN,  /* setenv(name, value) */
	DC_PUSH,    /* push the nmods names of mods, in order */
	DC_POP,     /* pop the top module */
	DC_POP_ALL, /* pop until the stack is empty */
	DC_POP_TO,  /* pop until module name is on top */
	DC_CD,      /* built-in: chdir(name), or to $HOME if name is NULL */
	DC_ULIMIT,  /* built-in: file size limit of num 512-byte blocks */
	DC_UMASK,   /* built-in: umask(num) */
	DC_SPAWN    /* /bin/sh -c value; wait for it if verb is runwait */
};

/*
 * Largest ulimit argument, in 512-byte blocks: the limit in bytes stays
 * below half the range of an unsigned long, so it neither wraps nor
 * reaches RLIM_INFINITY.
 */
#define DC_ULIMIT_MAX (ULONG_MAX / 2 / 512)
/* Largest umask argument. */
#define DC_UMASK_MAX  0777

/*
 * A parsed line.  The strings point into buf, so a dc_cmd must not be
 * copied by assignment.
 */
struct dc_cmd {
	enum dc_verb verb;
	enum dc_op op;
	const char *name;  /* assign VAR, pop module, cd directory */
	const char *value; /* assign value, spawn command text */
	const char *mods; /* push: nmods names, each NUL-terminated, in a row */
	size_t nmods;
	unsigned long num; /* ulimit blocks, umask bits */
	char buf[DOCONFIG_LINE_MAX];
};

/* Room for a parse error's reason, NUL included. */
#define DC_WHY_MAX    256

/*
 * How many bytes of user text a message quotes before cutting it short,
 * and the room dc_quote needs for them (each byte may take 4 as \xNN,
 * plus the quotes, "..." and the NUL).
 */
#define DC_QUOTE_SHOW 48
#define DC_QUOTED_MAX (DC_QUOTE_SHOW * 4 + 8)

/*
 * Parse line[0..len-1] (no newline).  Returns 0 and fills *cmd, or -1
 * with a reason in why (always NUL-terminated if whysize > 0).
 */
int dc_parse(const char *line, size_t len, struct dc_cmd *cmd, char *why,
    size_t whysize);

/* The keyword of a verb, for messages ("" for DC_V_NONE). */
const char *dc_verb_name(enum dc_verb verb);

/*
 * Write into out (of size outsize, NUL-terminated) the len bytes of s in
 * double quotes, non-printable bytes as \xNN, cut short with "..." after
 * DC_QUOTE_SHOW bytes; for naming user text in messages.
 */
void dc_quote(char *out, size_t outsize, const char *s, size_t len);

#endif /* LISTEN_DC_PARSE_H */
