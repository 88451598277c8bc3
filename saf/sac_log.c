/*
 * sac_log.c - the SAC log (<SAF_VAR>/_log): one line per event,
 * "<ctime>; <pid>; <message>", written by sac and, between fork and exec,
 * by a monitor's child.  Message texts are the original's; caller text
 * (tags, commands) is always an argument, never part of a format.
 */
#include "config.h"

#include "sac.h"

#include <errno.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int sac_logfd = -1;

void
sac_log_init(int fd)
{
	sac_logfd = fd;
}

void
sac_log(const char *fmt, ...)
{
	char msg[SAF_LOG_LINE_MAX + 1];
	va_list ap;

	if (sac_logfd < 0)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	(void)saf_log_write(sac_logfd, SAF_LOG_SAC, "%s", msg);
}

bool
sac_trusted(const char *path)
{
	char why[SAF_PATH_MAX + 96];

	if (saf_file_trusted(path, why, sizeof(why)) >= 0 || errno != EPERM)
		return true; /* missing or unreadable: its reader says so */
	sac_log("%s: refused (only root may write what sac acts on)", why);
	return false;
}

_Noreturn void
sac_fatal(int code, const char *text)
{
	sac_log("%s", text);
	sac_log("*** SAC exiting ***");
	exit(code);
}
