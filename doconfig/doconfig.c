/*
 * doconfig.c - doconfig(3) and doconfig_r: read a script line by line,
 * parse each line (dc_parse.c) and carry it out (dc_exec.c), stopping at
 * the first line that fails.
 *
 * As in SVR4, no script (stat fails) is success, and a script that cannot
 * be opened or read is a system error (-1).  Fixed: a last line without
 * a newline is read; a line may be DOCONFIG_LINE_MAX - 1 characters long
 * and a longer one is an error at that line.  A script that is not a
 * regular file is refused (-1), so a FIFO cannot block the caller.
 */
#include "config.h"

#include "dc_exec.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* dc_getline results */
enum { DC_LINE_EOF = 0, DC_LINE_OK = 1, DC_LINE_ERR = -1 };

static void
dc_err_clear(struct doconfig_err *err)
{
	if (err != NULL) {
		err->line = 0;
		err->syserr = 0;
		err->msg[0] = '\0';
	}
}

/* Report a system error: -1 with errno kept. */
static int
dc_syserr(struct doconfig_err *err, int e, const char *what)
{
	char ebuf[128];

	if (err != NULL) {
		err->syserr = e;
		snprintf(err->msg, sizeof(err->msg), "%s: %s", what,
		    strerror_r(e, ebuf, sizeof(ebuf)));
	}
	errno = e;
	return -1;
}

/* Report line n as the failing one: return n. */
static int
dc_lineerr(struct doconfig_err *err, int n, int syserr, const char *why)
{
	if (err != NULL) {
		err->line = n;
		err->syserr = syserr;
		snprintf(err->msg, sizeof(err->msg), "line %d: %s", n, why);
	}
	return n;
}

/*
 * Read one line into buf (size bytes, no NUL added) without its newline.
 * A line that does not fit comes back with *len == size, which the parser
 * refuses; the rest of it is not read.  The last line needs no newline.
 */
static int
dc_getline(FILE *fp, char *buf, size_t size, size_t *len)
{
	int c;

	*len = 0;
	while (*len < size) {
		if ((c = getc(fp)) == EOF) {
			if (ferror(fp))
				return DC_LINE_ERR;
			return *len > 0 ? DC_LINE_OK : DC_LINE_EOF;
		}
		if (c == '\n')
			return DC_LINE_OK;
		buf[(*len)++] = (char)c;
	}
	return DC_LINE_OK;
}

/* Interpret the open script: 0, -1 or the failing line. */
static int
dc_lines(FILE *fp, int fd, long rflag, struct doconfig_err *err)
{
	char line[DOCONFIG_LINE_MAX];
	struct dc_cmd cmd;
	struct dc_why why;
	size_t len;
	int n = 0, r;

	for (;;) {
		r = dc_getline(fp, line, sizeof(line), &len);
		if (r == DC_LINE_EOF)
			return 0;
		if (r == DC_LINE_ERR)
			return dc_syserr(err, errno, "cannot read the script");
		n++;
		if (dc_parse(line, len, &cmd, why.msg, sizeof(why.msg)) < 0)
			return dc_lineerr(err, n, 0, why.msg);
		if (dc_exec(fd, &cmd, rflag, &why) < 0)
			return dc_lineerr(err, n, why.syserr, why.msg);
	}
}

/* Open the script: a regular file, never blocking on a FIFO. */
static FILE *
dc_open(const char *script, struct doconfig_err *err)
{
	struct stat st;
	FILE *fp;
	int sfd, e;

	sfd = open(script, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (sfd < 0) {
		dc_syserr(err, errno, "cannot open the script");
		return NULL;
	}
	if (fstat(sfd, &st) < 0) {
		e = errno;
		(void)close(sfd);
		dc_syserr(err, e, "cannot read the script");
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		(void)close(sfd);
		dc_syserr(err, S_ISDIR(st.st_mode) ? EISDIR : EINVAL,
		    "the script is not a regular file");
		return NULL;
	}
	if ((fp = fdopen(sfd, "r")) == NULL) {
		e = errno;
		(void)close(sfd);
		dc_syserr(err, e, "cannot read the script");
	}
	return fp;
}

int
doconfig_r(int fd, const char *script, long rflag, struct doconfig_err *err)
{
	struct stat st;
	FILE *fp;
	int r, e;

	dc_err_clear(err);
	/* SVR4: no script (stat fails, for whatever reason) is success */
	if (script == NULL || stat(script, &st) < 0)
		return 0;
	if ((fp = dc_open(script, err)) == NULL)
		return -1;
	r = dc_lines(fp, fd, rflag, err);
	e = errno;
	(void)fclose(fp);
	errno = e;
	return r;
}

int
doconfig(int fd, char *script, long rflag)
{
	return doconfig_r(fd, script, rflag, NULL);
}
