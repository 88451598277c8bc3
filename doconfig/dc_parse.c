/*
 * dc_parse.c - the pure parser of doconfig script lines.
 *
 * Lexical rules (SVR4, with the fixes of doconfig(3)):
 *  - a line is at most DOCONFIG_LINE_MAX - 1 bytes and holds no NUL byte;
 *  - leading and trailing white space is ignored, a blank line does
 *    nothing, and the keyword is the first word, case-sensitive;
 *  - "#" starts a comment, except where quoting makes it data: inside the
 *    quoted value of an assign, and inside '...', "..." or after a
 *    backslash in a run/runwait command (the quoting sh(1) will see);
 *  - push and pop know no quoting; built-in arguments are literal.
 *
 * The line is copied into cmd->buf and cut up there; nothing is
 * allocated and nothing outside the arguments is touched.
 */
#include "config.h"

#include "dc_parse.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const struct {
	const char *name;
	enum dc_verb verb;
} dc_verbs[] = {
	{ "assign", DC_V_ASSIGN },
	{ "push", DC_V_PUSH },
	{ "pop", DC_V_POP },
	{ "run", DC_V_RUN },
	{ "runwait", DC_V_RUNWAIT },
};

#define DC_NVERBS (sizeof(dc_verbs) / sizeof(dc_verbs[0]))

/* White space as the C locale has it, whatever the caller's locale. */
static int
dc_isspace(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	    c == '\r';
}

static char *
dc_skipws(char *p)
{
	while (dc_isspace((unsigned char)*p))
		p++;
	return p;
}

/* The end of the word at p: the first white space or NUL. */
static char *
dc_wordend(char *p)
{
	while (*p != '\0' && !dc_isspace((unsigned char)*p))
		p++;
	return p;
}

/* The end of the word at p in an assign: white space, "#", or stop. */
static char *
dc_assign_word(char *p, int stop)
{
	while (*p != '\0' && !dc_isspace((unsigned char)*p) && *p != '#' &&
	    *p != stop)
		p++;
	return p;
}

/* Nothing but white space and perhaps a comment from p on. */
static int
dc_rest_empty(char *p)
{
	p = dc_skipws(p);
	return *p == '\0' || *p == '#';
}

/* Drop trailing white space of the string p. */
static void
dc_rtrim(char *p)
{
	size_t n = strlen(p);

	while (n > 0 && dc_isspace((unsigned char)p[n - 1]))
		n--;
	p[n] = '\0';
}

static int dc_fail(char *why, size_t whysize, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
dc_fail(char *why, size_t whysize, const char *fmt, ...)
{
	va_list ap;

	if (whysize > 0) {
		va_start(ap, fmt);
		vsnprintf(why, whysize, fmt, ap);
		va_end(ap);
	}
	return -1;
}

void
dc_quote(char *out, size_t outsize, const char *s, size_t len)
{
	size_t i, o = 0;
	unsigned char c;

	if (outsize < DC_QUOTED_MAX) {
		if (outsize > 0)
			out[0] = '\0';
		return;
	}
	out[o++] = '"';
	for (i = 0; i < len && i < DC_QUOTE_SHOW; i++) {
		c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
			out[o++] = (char)c;
		else
			o += (size_t)snprintf(
			    out + o, outsize - o, "\\x%02X", c);
	}
	out[o++] = '"';
	if (i < len) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o] = '\0';
}

const char *
dc_verb_name(enum dc_verb verb)
{
	size_t i;

	for (i = 0; i < DC_NVERBS; i++)
		if (dc_verbs[i].verb == verb)
			return dc_verbs[i].name;
	return "";
}

static enum dc_verb
dc_lookup(const char *word, size_t len)
{
	size_t i;

	for (i = 0; i < DC_NVERBS; i++)
		if (strlen(dc_verbs[i].name) == len &&
		    memcmp(dc_verbs[i].name, word, len) == 0)
			return dc_verbs[i].verb;
	return DC_V_NONE;
}

/*
 * Decode in place the quoted value of an assign that starts at its quote
 * v: it runs to the next same quote not preceded by a backslash; a
 * backslash before that quote stands for the quote, other backslashes are
 * kept.  Returns what follows the closing quote and sets *vend to the end
 * of the decoded value, or NULL when the quote is not closed.
 */
static char *
dc_unquote(char *v, char **vend)
{
	char delim = *v, *r = v + 1, *w = v;

	for (; *r != delim; r++) {
		if (*r == '\0')
			return NULL;
		if (*r == '\\' && r[1] == delim)
			r++;
		*w++ = *r;
	}
	*vend = w;
	return r + 1;
}

/* assign VAR=value, VAR = value, VAR="value", VAR='value', VAR= */
static int
dc_parse_assign(struct dc_cmd *cmd, char *p, char *why, size_t whysize)
{
	char q[DC_QUOTED_MAX];
	char *name = p, *eq, *v, *vend, delim;

	if ((p = dc_assign_word(p, '=')) == name)
		return dc_fail(why, whysize,
		    *p == '=' ? "assign: no variable name before \"=\"" :
				"assign: missing VAR=value");
	dc_quote(q, sizeof(q), name, (size_t)(p - name));
	eq = dc_skipws(p);
	if (*eq != '=')
		return dc_fail(why, whysize, "assign: no \"=\" after %s", q);
	*p = '\0';
	v = dc_skipws(eq + 1);
	if ((delim = *v) == '"' || delim == '\'') {
		if ((p = dc_unquote(v, &vend)) == NULL)
			return dc_fail(why, whysize,
			    "assign: no closing %c in the value of %s", delim,
			    q);
		if (!dc_rest_empty(p))
			return dc_fail(why, whysize,
			    "assign: text after the closing quote of the "
			    "value of %s",
			    q);
	} else if (!dc_rest_empty(vend = dc_assign_word(v, '\0'))) {
		return dc_fail(why, whysize,
		    "assign: more than one word in the value of %s (quote it)",
		    q);
	}
	*vend = '\0';
	cmd->op = DC_ASSIGN;
	cmd->name = name;
	cmd->value = v;
	return 0;
}

/* push mod1[,mod2...]: names packed NUL-separated at the start of p. */
static int
dc_parse_push(struct dc_cmd *cmd, char *p, char *why, size_t whysize)
{
	char q[DC_QUOTED_MAX];
	char *w = p, *start;
	size_t n;

	p[strcspn(p, "#")] = '\0';
	dc_rtrim(p);
	if (*p == '\0')
		return dc_fail(why, whysize, "push: missing module name");
	cmd->op = DC_PUSH;
	cmd->mods = p;
	while (*p != '\0') {
		start = p;
		while (
		    *p != '\0' && *p != ',' && !dc_isspace((unsigned char)*p))
			p++;
		if ((n = (size_t)(p - start)) == 0)
			return dc_fail(why, whysize,
			    "push: empty module name in the list");
		if (dc_isspace((unsigned char)*p)) {
			dc_quote(q, sizeof(q), start, n);
			return dc_fail(why, whysize,
			    "push: text after module %s "
			    "(separate names with \",\")",
			    q);
		}
		if (*p == ',')
			p = dc_skipws(p + 1);
		memmove(w, start, n);
		w[n] = '\0';
		w += n + 1;
		cmd->nmods++;
	}
	return 0;
}

/* pop, pop ALL, pop module */
static int
dc_parse_pop(struct dc_cmd *cmd, char *p, char *why, size_t whysize)
{
	char *end;

	p[strcspn(p, "#")] = '\0';
	dc_rtrim(p);
	if (*p == '\0') {
		cmd->op = DC_POP;
		return 0;
	}
	end = dc_wordend(p);
	if (*end != '\0')
		return dc_fail(why, whysize,
		    "pop: more than one argument (a module name or ALL)");
	if (strcmp(p, "ALL") == 0) {
		cmd->op = DC_POP_ALL;
	} else {
		cmd->op = DC_POP_TO;
		cmd->name = p;
	}
	return 0;
}

/*
 * Cut a run/runwait command at its comment: the first "#" that sh(1)
 * would not see quoted ('...', "..." or after a backslash).  -1 if a
 * quote is left open.
 */
static int
dc_shell_cut(char *p)
{
	char open = '\0';

	for (; *p != '\0'; p++) {
		if (open == '\'') {
			if (*p == '\'')
				open = '\0';
		} else if (*p == '\\') {
			if (p[1] == '\0')
				break;
			p++;
		} else if (open == '"') {
			if (*p == '"')
				open = '\0';
		} else if (*p == '\'' || *p == '"') {
			open = *p;
		} else if (*p == '#') {
			*p = '\0';
			break;
		}
	}
	return open == '\0' ? 0 : -1;
}

/*
 * The single argument of ulimit (decimal blocks) or umask (octal): all
 * digits, within max.
 */
static int
dc_parse_number(
    struct dc_cmd *cmd, const char *kw, char *arg, char *why, size_t whysize)
{
	char q[DC_QUOTED_MAX];
	char *end = dc_wordend(arg);
	unsigned long base = cmd->op == DC_UMASK ? 8 : 10, max, v = 0;

	max = cmd->op == DC_UMASK ? DC_UMASK_MAX : DC_ULIMIT_MAX;
	if (*arg == '\0')
		return dc_fail(why, whysize, "%s: missing argument", kw);
	if (*end != '\0')
		return dc_fail(why, whysize, "%s: more than one argument", kw);
	dc_quote(q, sizeof(q), arg, strlen(arg));
	for (; *arg != '\0'; arg++) {
		if (*arg < '0' || (unsigned long)(*arg - '0') >= base)
			return dc_fail(why, whysize, "%s: %s is not %s", kw, q,
			    base == 8 ? "an octal mask" :
					"a number of 512-byte blocks");
		v = v * base + (unsigned long)(*arg - '0');
		if (v > max)
			return dc_fail(
			    why, whysize, "%s: %s is too large", kw, q);
	}
	cmd->num = v;
	return 0;
}

/* run/runwait: a built-in (cd, ulimit, umask) or a command for sh -c. */
static int
dc_parse_run(struct dc_cmd *cmd, char *p, char *why, size_t whysize)
{
	const char *kw = dc_verb_name(cmd->verb);
	char *end, *arg;

	if (dc_shell_cut(p) < 0)
		return dc_fail(why, whysize, "%s: unterminated quote", kw);
	dc_rtrim(p);
	if (*p == '\0')
		return dc_fail(why, whysize, "%s: missing command", kw);
	end = dc_wordend(p);
	arg = dc_skipws(end);
	if (end - p == 2 && memcmp(p, "cd", 2) == 0) {
		cmd->op = DC_CD;
		cmd->name = *arg != '\0' ? arg : NULL;
		return 0;
	}
	if (end - p == 6 && memcmp(p, "ulimit", 6) == 0) {
		cmd->op = DC_ULIMIT;
		return dc_parse_number(cmd, "ulimit", arg, why, whysize);
	}
	if (end - p == 5 && memcmp(p, "umask", 5) == 0) {
		cmd->op = DC_UMASK;
		return dc_parse_number(cmd, "umask", arg, why, whysize);
	}
	cmd->op = DC_SPAWN;
	cmd->value = p;
	return 0;
}

static void
dc_clear(struct dc_cmd *cmd)
{
	cmd->verb = DC_V_NONE;
	cmd->op = DC_NOP;
	cmd->name = cmd->value = cmd->mods = NULL;
	cmd->nmods = 0;
	cmd->num = 0;
	cmd->buf[0] = '\0';
}

int
dc_parse(
    const char *line, size_t len, struct dc_cmd *cmd, char *why, size_t whysize)
{
	char q[DC_QUOTED_MAX];
	size_t i = 0, kw;
	char *args;

	dc_clear(cmd);
	if (whysize > 0)
		why[0] = '\0';
	if (len >= DOCONFIG_LINE_MAX)
		return dc_fail(why, whysize,
		    "line is longer than %d characters", DOCONFIG_LINE_MAX - 1);
	if (memchr(line, '\0', len) != NULL)
		return dc_fail(why, whysize, "line holds a NUL byte");
	while (i < len && dc_isspace((unsigned char)line[i]))
		i++;
	if (i == len || line[i] == '#')
		return 0;
	for (kw = i;
	     i < len && !dc_isspace((unsigned char)line[i]) && line[i] != '#';
	     i++)
		;
	if ((cmd->verb = dc_lookup(line + kw, i - kw)) == DC_V_NONE) {
		dc_quote(q, sizeof(q), line + kw, i - kw);
		return dc_fail(why, whysize, "unknown command %s", q);
	}
	memcpy(cmd->buf, line + i, len - i);
	cmd->buf[len - i] = '\0';
	args = dc_skipws(cmd->buf);
	switch (cmd->verb) {
	case DC_V_ASSIGN:
		return dc_parse_assign(cmd, args, why, whysize);
	case DC_V_PUSH:
		return dc_parse_push(cmd, args, why, whysize);
	case DC_V_POP:
		return dc_parse_pop(cmd, args, why, whysize);
	default:
		return dc_parse_run(cmd, args, why, whysize);
	}
}
