/*
 * saf_log.c - the SAF log lines.
 *
 * sac's log (<SAF_VAR>/_log) has lines "<ctime>; <pid>; <message>", the
 * time as ctime(3) writes it without its newline ("Wed Jun 30 21:49:08
 * 1993"); a port monitor's log has "MM/DD/YY HH:MM:SS; <pid>; <message>".
 * A line is at most SAF_LOG_LINE_MAX bytes, newline included.  The names of
 * days and months are the C locale's whatever the process's locale.
 *
 * The message is always formatted from a format and its arguments, never
 * used as a format (the original passed the assembled line to fprintf, so
 * a '%' in a tag was interpreted); control characters in it are written as
 * '?', so that a tag or path holding a newline cannot forge a line.
 *
 * sac opens its log for appending, takes a lockf(3) lock from offset 0 and
 * keeps it while it runs: that lock is what says "sac is running"
 * (saf_lock_test_path).  Each line is one write(2) on an O_APPEND
 * descriptor, so lines of sac and of its children never interleave.
 */
#include "saf_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char saf_days[7][4] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri",
	"Sat" };
static const char saf_months[12][4] = { "Jan", "Feb", "Mar", "Apr", "May",
	"Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

static int
saf_log_stamp(char *buf, size_t size, enum saf_logstyle style,
    const struct tm *tm, pid_t pid)
{
	if (style == SAF_LOG_PM)
		return snprintf(buf, size,
		    "%02d/%02d/%02d %02d:%02d:%02d; %ld; ",
		    (tm->tm_mon + 1) % 100, tm->tm_mday % 100,
		    (tm->tm_year % 100 + 100) % 100, tm->tm_hour % 100,
		    tm->tm_min % 100, tm->tm_sec % 100, (long)pid);
	return snprintf(buf, size, "%s %s %2d %02d:%02d:%02d %d; %ld; ",
	    saf_days[((tm->tm_wday % 7) + 7) % 7],
	    saf_months[((tm->tm_mon % 12) + 12) % 12], tm->tm_mday % 100,
	    tm->tm_hour % 100, tm->tm_min % 100, tm->tm_sec % 100,
	    tm->tm_year + 1900, (long)pid);
}

int
saf_log_vformat(char *buf, size_t size, enum saf_logstyle style,
    const struct tm *tm, pid_t pid, const char *fmt, va_list ap)
{
	char line[SAF_LOG_LINE_MAX + 1];
	size_t limit, len, i;
	int n;

	if (size < 2) {
		errno = ERANGE;
		return -1;
	}
	n = saf_log_stamp(line, sizeof(line), style, tm, pid);
	if (n < 0)
		return -1;
	len = (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1;
	(void)vsnprintf(line + len, sizeof(line) - len, fmt, ap);
	for (i = len; line[i] != '\0'; i++)
		if ((unsigned char)line[i] < 0x20 || line[i] == 0x7f)
			line[i] = '?';
	/* room for the newline and the NUL */
	limit = size < sizeof(line) ? size : sizeof(line);
	len = strnlen(line, limit - 2);
	memcpy(buf, line, len);
	buf[len++] = '\n';
	buf[len] = '\0';
	return (int)len;
}

int
saf_log_format(char *buf, size_t size, enum saf_logstyle style,
    const struct tm *tm, pid_t pid, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = saf_log_vformat(buf, size, style, tm, pid, fmt, ap);
	va_end(ap);
	return n;
}

int
saf_log_open(const char *path, unsigned flags)
{
	int fd, e;

	fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	/* the lock covers the whole file: from offset 0, where open left us */
	while (lockf(fd, (flags & SAF_LOG_WAIT) ? F_LOCK : F_TLOCK, 0) < 0) {
		if (errno == EINTR && (flags & SAF_LOG_WAIT))
			continue;
		e = errno == EACCES ? EAGAIN : errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

int
saf_log_write(int fd, enum saf_logstyle style, const char *fmt, ...)
{
	char line[SAF_LOG_LINE_MAX + 1];
	struct tm tm;
	time_t now = time(NULL);
	va_list ap;
	ssize_t w;
	int n;

	if (localtime_r(&now, &tm) == NULL)
		return -1;
	va_start(ap, fmt);
	n = saf_log_vformat(line, sizeof(line), style, &tm, getpid(), fmt, ap);
	va_end(ap);
	if (n < 0)
		return -1;
	do
		w = write(fd, line, (size_t)n);
	while (w < 0 && errno == EINTR);
	if (w != n) {
		if (w >= 0)
			errno = EIO;
		return -1;
	}
	return 0;
}
