/*
 * check_log.c - the SAF log lines with fixed times, the sac lock on the
 * log, appending.
 */
#define _GNU_SOURCE
#include "saf_test.h"

#include <saf.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Wed Jun 30 21:49:08 1993, the reference's example */
static const struct tm t1993 = { .tm_sec = 8,
	.tm_min = 49,
	.tm_hour = 21,
	.tm_mday = 30,
	.tm_mon = 5,
	.tm_year = 93,
	.tm_wday = 3 };
/* Thu Jun  3 04:05:09 2004: one-digit day, year 2004 */
static const struct tm t2004 = { .tm_sec = 9,
	.tm_min = 5,
	.tm_hour = 4,
	.tm_mday = 3,
	.tm_mon = 5,
	.tm_year = 104,
	.tm_wday = 4 };

START_TEST(test_sac_format)
{
	char buf[SAF_LOG_LINE_MAX + 1];
	int n;

	n = saf_log_format(buf, sizeof(buf), SAF_LOG_SAC, &t1993, 123, "%s",
	    "*** SAC starting ***");
	ck_assert_str_eq(buf,
	    "Wed Jun 30 21:49:08 1993; 123; *** SAC "
	    "starting ***\n");
	ck_assert_int_eq(n, (int)strlen(buf));
	saf_log_format(buf, sizeof(buf), SAF_LOG_SAC, &t2004, 7,
	    "starting port monitor <%s>", "tcp");
	ck_assert_str_eq(buf,
	    "Thu Jun  3 04:05:09 2004; 7; starting port "
	    "monitor <tcp>\n");
}
END_TEST

START_TEST(test_pm_format)
{
	char buf[SAF_LOG_LINE_MAX + 1];

	saf_log_format(buf, sizeof(buf), SAF_LOG_PM, &t1993, 1234, "%s",
	    "Initialization Complete");
	ck_assert_str_eq(buf,
	    "06/30/93 21:49:08; 1234; Initialization "
	    "Complete\n");
	saf_log_format(buf, sizeof(buf), SAF_LOG_PM, &t2004, 1, "%d", 5);
	ck_assert_str_eq(buf, "06/03/04 04:05:09; 1; 5\n");
}
END_TEST

/* The time part is what ctime(3) writes, in the C locale. */
START_TEST(test_matches_ctime)
{
	static const time_t times[] = { 0, 741476948, 1086235509, 2000000000,
		951782400 };
	char buf[SAF_LOG_LINE_MAX + 1], ct[32];
	struct tm tm;
	size_t i;

	setenv("TZ", "UTC", 1);
	tzset();
	for (i = 0; i < sizeof(times) / sizeof(times[0]); i++) {
		ck_assert_ptr_nonnull(localtime_r(&times[i], &tm));
		ck_assert_ptr_nonnull(ctime_r(&times[i], ct));
		ct[24] = '\0'; /* the newline */
		saf_log_format(buf, sizeof(buf), SAF_LOG_SAC, &tm, 1, "x");
		ck_assert_mem_eq(buf, ct, 24);
		ck_assert_str_eq(buf + 24, "; 1; x\n");
	}
}
END_TEST

START_TEST(test_message_is_data)
{
	char buf[SAF_LOG_LINE_MAX + 1];

	/* a '%' in a tag stays a '%' */
	saf_log_format(buf, sizeof(buf), SAF_LOG_SAC, &t1993, 1,
	    "could not start <%s> - _pid file locked", "a%sb%n");
	ck_assert_str_eq(buf,
	    "Wed Jun 30 21:49:08 1993; 1; could not start "
	    "<a%sb%n> - _pid file locked\n");
	/* control characters cannot forge a line */
	saf_log_format(buf, sizeof(buf), SAF_LOG_PM, &t1993, 1, "%s",
	    "a\nWed Jun 30 21:49:08 1993; 1; forged\r\x7f");
	ck_assert_str_eq(buf,
	    "06/30/93 21:49:08; 1; a?Wed Jun 30 21:49:08 "
	    "1993; 1; forged??\n");
}
END_TEST

START_TEST(test_long_message)
{
	char buf[SAF_LOG_LINE_MAX + 1], big[2000], small[16];
	int n;

	memset(big, 'm', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	n = saf_log_format(buf, sizeof(buf), SAF_LOG_SAC, &t1993, 1, "%s", big);
	/* cut to SAF_LOG_LINE_MAX bytes, newline included */
	ck_assert_int_eq(n, SAF_LOG_LINE_MAX);
	ck_assert_uint_eq(strlen(buf), SAF_LOG_LINE_MAX);
	ck_assert_int_eq(buf[SAF_LOG_LINE_MAX - 1], '\n');
	ck_assert_int_eq(buf[SAF_LOG_LINE_MAX - 2], 'm');
	/* a small buffer still gets a whole line */
	n = saf_log_format(small, sizeof(small), SAF_LOG_PM, &t1993, 1, "x");
	ck_assert_int_eq(n, 15);
	ck_assert_str_eq(small, "06/30/93 21:49\n");
	ck_assert_int_eq(
	    saf_log_format(small, 1, SAF_LOG_PM, &t1993, 1, "x"), -1);
}
END_TEST

START_TEST(test_open_lock_write)
{
	char *dir = st_tmpdir();
	char path[4096], *text, want[64];
	struct stat st;
	int fd;
	pid_t child;

	snprintf(path, sizeof(path), "%s", st_path(dir, "_log"));
	umask(0);
	fd = saf_log_open(path, 0);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(fcntl(fd, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0644);
	child = fork();
	ck_assert_int_ge(child, 0);
	if (child == 0) {
		/* "sac is running"; a second sac cannot take the log */
		if (saf_lock_test_path(path) != 1)
			_exit(1);
		if (saf_log_open(path, 0) != -1 || errno != EAGAIN)
			_exit(2);
		_exit(0);
	}
	ck_assert_int_eq(st_wait(child), 0);
	ck_assert_int_eq(saf_log_write(fd, SAF_LOG_SAC, "%s", "one"), 0);
	ck_assert_int_eq(saf_log_write(fd, SAF_LOG_PM, "two %d%%", 100), 0);
	text = st_read(path, NULL);
	snprintf(want, sizeof(want), "; %ld; one\n", (long)getpid());
	ck_assert_ptr_nonnull(strstr(text, want));
	ck_assert_int_eq(text[3], ' '); /* "Wed Jun ..." */
	snprintf(want, sizeof(want), "; %ld; two 100%%\n", (long)getpid());
	ck_assert_ptr_nonnull(strstr(text, want));
	ck_assert_int_eq(strchr(text, '\n')[3], '/'); /* "06/30/93 ..." */
	free(text);
	ck_assert_int_eq(saf_log_write(-1, SAF_LOG_SAC, "x"), -1);
	close(fd);
	st_rmtree(dir);
	free(dir);
}
END_TEST

/* SAF_LOG_WAIT blocks until the holder lets go. */
START_TEST(test_wait_lock)
{
	char *dir = st_tmpdir();
	char path[4096], c;
	int fd, status, up[2];
	pid_t child;

	snprintf(path, sizeof(path), "%s", st_path(dir, "_log"));
	fd = saf_log_open(path, 0);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(pipe2(up, O_CLOEXEC), 0);
	child = fork();
	ck_assert_int_ge(child, 0);
	if (child == 0) {
		int f;

		if (write(up[1], "s", 1) != 1)
			_exit(1);
		f = saf_log_open(path, SAF_LOG_WAIT);
		_exit(f >= 0 ? 0 : 2);
	}
	ck_assert_int_eq(read(up[0], &c, 1), 1);
	usleep(200000);
	/* still blocked */
	ck_assert_int_eq(waitpid(child, &status, WNOHANG), 0);
	close(fd);
	ck_assert_int_eq(st_wait(child), 0);
	st_rmtree(dir);
	free(dir);
}
END_TEST

Suite *
st_log_suite(void)
{
	Suite *s = suite_create("log");
	TCase *tc = tcase_create("log");

	tcase_add_test(tc, test_sac_format);
	tcase_add_test(tc, test_pm_format);
	tcase_add_test(tc, test_matches_ctime);
	tcase_add_test(tc, test_message_is_data);
	tcase_add_test(tc, test_long_message);
	tcase_add_test(tc, test_open_lock_write);
	tcase_add_test(tc, test_wait_lock);
	suite_add_tcase(s, tc);
	return s;
}
