/*
 * nls_out.c - how nlsadmin speaks: "<argv0>: error: <text>" and
 * "<argv0>: warning: <text>" on stderr, argv[0] as the user gave it (the
 * original did not take its basename), and the usage text.
 *
 * Every format is one of nlsadmin.h's; what the user typed and what the
 * tables hold are only ever arguments.
 */
#include "config.h"

#include "nlsadmin.h"

#include <stdarg.h>
#include <stdlib.h>

static const char *nls_progname = "nlsadmin";

void
nls_set_prog(const char *prog)
{
	if (prog != NULL && prog[0] != '\0')
		nls_progname = prog;
}

const char *
nls_prog(void)
{
	return nls_progname;
}

static void
nls_vsay(const char *kind, const char *fmt, va_list ap)
{
	(void)fprintf(stderr, "%s: %s: ", nls_progname, kind);
	(void)vfprintf(stderr, fmt, ap);
	(void)fputc('\n', stderr);
}

void
nls_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	nls_vsay("error", fmt, ap);
	va_end(ap);
}

void
nls_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	nls_vsay("warning", fmt, ap);
	va_end(ap);
}

/* The usage text: each line after "usage: " or its indent, with or
   without argv[0] first; text NULL is an empty line. */
static const struct {
	bool prog;
	const char *text;
} nls_usage_lines[] = {
	{ true, " -x" },
	{ true, " [ options ] netspec" },
	{ true, " [ options ] -N port_monitor_tag" },
	{ true, " -V" },
	{ true, " -c cmd | -o pipename [ -p modules ] [ -A addr | -D ] \\" },
	{ false, "   [ -R prognum:versnum ]" },
	{ false, NULL },
	{ false, "[ options ] are:" },
	{ false, "[ -a svc_code -c \"cmd\" -y \"cmt\" [-p modules] [-w id] ]" },
	{ false, "[-q] | [-v] | [-s] | [-k] | [-i] |" },
	{ false,
	    "[-e svc_code] | [-d svc_code] | [-r svc_code] | "
	    "[[-q] -z svc_code]" },
	{ false, "[[-l addr | -] [-t addr | -]] |" },
};

void
nls_usage_print(FILE *fp, const char *prog)
{
	size_t i, n = sizeof(nls_usage_lines) / sizeof(nls_usage_lines[0]);

	for (i = 0; i < n; i++) {
		if (nls_usage_lines[i].text == NULL) {
			(void)fputc('\n', fp);
			continue;
		}
		(void)fprintf(fp, "%s%s%s\n", i == 0 ? "usage: " : "       ",
		    nls_usage_lines[i].prog ? prog : "",
		    nls_usage_lines[i].text);
	}
}

void
nls_usage(const char *why)
{
	if (why != NULL)
		nls_error("%s", why);
	nls_usage_print(stderr, nls_progname);
	exit(NLS_CMD);
}
