/*
 * adm_out.c - how sacadm and pmadm speak: one line per message on stderr,
 * and an exit with the SVR4 code after an error.
 *
 * Every message is one of the fixed formats of adm_msgs.h; what the user
 * typed and what the files hold are only ever its arguments.
 */
#include "config.h"

#include "adm.h"

#include <stdarg.h>
#include <stdlib.h>

static void
adm_vmsg(const char *fmt, va_list ap)
{
	(void)vfprintf(stderr, fmt, ap);
	(void)fputc('\n', stderr);
}

void
adm_msg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	adm_vmsg(fmt, ap);
	va_end(ap);
}

void
adm_die(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	adm_vmsg(fmt, ap);
	va_end(ap);
	exit(code);
}

void
adm_usage(const char *prog, const char *const *lines, size_t nlines)
{
	size_t i;

	for (i = 0; i < nlines; i++)
		(void)fprintf(stderr, "%s\t%s %s\n", i == 0 ? "Usage:" : "",
		    prog, lines[i]);
	exit(E_BADARGS);
}

const char *
adm_errtext(const struct saf_error *err, char *buf, size_t size)
{
	(void)saf_error_format(err, buf, size);
	return buf;
}
