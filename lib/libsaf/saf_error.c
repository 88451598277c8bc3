/*
 * saf_error.c - error values of libsaf.
 *
 * A failing parser fills a struct saf_error: a code, the physical line, the
 * column and the field, and a sentence saying what was wrong.  The caller
 * decides how to report it (sac logs it, sacadm prints it); the library
 * never does.
 */
#include "saf_impl.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char *const saf_errtexts[] = {
	[SAF_OK] = "no error",
	[SAF_ESYS] = "system error",
	[SAF_ECORRUPT] = "wrong number of fields",
	[SAF_ETOOLONG] = "too long",
	[SAF_EEMPTY] = "empty field",
	[SAF_EBADCHAR] = "character not allowed",
	[SAF_EBADFLAG] = "unknown flag",
	[SAF_EBADNUM] = "bad number",
	[SAF_EDUP] = "duplicate entry",
	[SAF_ESHORT] = "short message",
	[SAF_EBADTYPE] = "bad message type",
	[SAF_EBADSTATE] = "bad port monitor state",
	[SAF_EBADTAG] = "bad tag in message",
	[SAF_EBADSIZE] = "bad data size in message",
	[SAF_EBADPID] = "bad pid in message",
	[SAF_EADDR] = "bad address",
	[SAF_ENOTFOUND] = "no such entry",
};

const char *
saf_strerror(int code)
{
	if (code < 0 ||
	    (size_t)code >= sizeof(saf_errtexts) / sizeof(saf_errtexts[0]) ||
	    saf_errtexts[code] == NULL)
		return "unknown error";
	return saf_errtexts[code];
}

int
safi_err(struct saf_error *err, int code, int line, size_t col,
    const char *field, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return -1;
	err->code = code;
	err->sys_errno = 0;
	err->line = line;
	err->column = col > (size_t)0x7fffffff ? 0 : (int)col;
	err->field = field;
	va_start(ap, fmt);
	(void)vsnprintf(err->text, sizeof(err->text), fmt, ap);
	va_end(ap);
	return -1;
}

int
safi_syserr(struct saf_error *err, const char *what, const char *path)
{
	int e = errno;

	if (err != NULL) {
		safi_err(err, SAF_ESYS, 0, 0, NULL, "%s %s: %s", what,
		    path != NULL ? path : "", strerror(e));
		err->sys_errno = e;
	}
	errno = e;
	return -1;
}

int
saf_error_format(const struct saf_error *err, char *buf, size_t size)
{
	char where[64] = "";
	int n;

	if (err->line > 0 && err->column > 0)
		(void)snprintf(where, sizeof(where),
		    "line %d, column %d: ", err->line, err->column);
	else if (err->line > 0)
		(void)snprintf(where, sizeof(where), "line %d: ", err->line);
	n = snprintf(buf, size, "%s%s%s%s", where,
	    err->field != NULL ? err->field : "",
	    err->field != NULL ? ": " : "",
	    err->text[0] != '\0' ? err->text : saf_strerror(err->code));
	return n;
}
