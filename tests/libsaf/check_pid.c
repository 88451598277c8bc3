/*
 * check_pid.c - _pid files: contents, lock contention between two
 * processes, the lock test, parsing the pid.
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
#include <unistd.h>

START_TEST(test_create_contents)
{
	char *dir = st_tmpdir();
	char path[4096], *text, want[32];
	struct stat st;
	size_t len;
	pid_t pid;
	int fd;

	snprintf(path, sizeof(path), "%s", st_path(dir, "_pid"));
	/* an old pid longer than the new one must not survive */
	st_write(path, "123456789012");
	fd = saf_pid_create(path, 42);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(fcntl(fd, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	text = st_read(path, &len);
	/* the decimal pid and a NUL, no newline */
	ck_assert_uint_eq(len, 3);
	ck_assert_mem_eq(text, "42\0", 3);
	free(text);
	ck_assert_int_eq(saf_pid_read(path, &pid), 0);
	ck_assert_int_eq(pid, 42);
	close(fd);
	unlink(path);
	umask(0);
	fd = saf_pid_create(path, getpid());
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0644);
	snprintf(want, sizeof(want), "%ld", (long)getpid());
	text = st_read(path, &len);
	ck_assert_uint_eq(len, strlen(want) + 1);
	ck_assert_str_eq(text, want);
	free(text);
	close(fd);
	st_rmtree(dir);
	free(dir);
}
END_TEST

/* The parent holds the lock; a child sees it and cannot take it. */
START_TEST(test_contention_parent_holds)
{
	char *dir = st_tmpdir();
	char path[4096];
	pid_t child, me = getpid();
	int fd;

	snprintf(path, sizeof(path), "%s", st_path(dir, "_pid"));
	fd = saf_pid_create(path, me);
	ck_assert_int_ge(fd, 0);
	child = fork();
	ck_assert_int_ge(child, 0);
	if (child == 0) {
		pid_t owner = 0;

		if (saf_pid_check(path, &owner) != 1 || owner != me)
			_exit(1);
		if (saf_pid_create(path, getpid()) != -1 || errno != EAGAIN)
			_exit(2);
		if (saf_lock_test_path(path) != 1)
			_exit(3);
		_exit(0);
	}
	ck_assert_int_eq(st_wait(child), 0);
	/* the failed attempt did not touch the running monitor's pid */
	{
		pid_t p;

		ck_assert_int_eq(saf_pid_read(path, &p), 0);
		ck_assert_int_eq(p, me);
	}
	close(fd);
	child = fork();
	ck_assert_int_ge(child, 0);
	if (child == 0) {
		pid_t owner = 99;

		if (saf_pid_check(path, &owner) != 0 || owner != 0)
			_exit(1);
		_exit(saf_pid_create(path, getpid()) >= 0 ? 0 : 2);
	}
	ck_assert_int_eq(st_wait(child), 0);
	st_rmtree(dir);
	free(dir);
}
END_TEST

/* A child holds the lock; the parent sees it until the child is gone. */
START_TEST(test_contention_child_holds)
{
	char *dir = st_tmpdir();
	char path[4096], c;
	int up[2], down[2];
	pid_t child, owner;

	snprintf(path, sizeof(path), "%s", st_path(dir, "_pid"));
	ck_assert_int_eq(pipe2(up, O_CLOEXEC), 0);
	ck_assert_int_eq(pipe2(down, O_CLOEXEC), 0);
	child = fork();
	ck_assert_int_ge(child, 0);
	if (child == 0) {
		int fd = saf_pid_create(path, getpid());

		if (write(up[1], fd >= 0 ? "y" : "n", 1) != 1)
			_exit(1);
		(void)read(down[0], &c, 1); /* hold until told */
		_exit(0);
	}
	ck_assert_int_eq(read(up[0], &c, 1), 1);
	ck_assert_int_eq(c, 'y');
	ck_assert_int_eq(saf_pid_check(path, &owner), 1);
	ck_assert_int_eq(owner, child);
	ck_assert_int_eq(saf_pid_create(path, getpid()), -1);
	ck_assert_int_eq(errno, EAGAIN);
	ck_assert_int_eq(write(down[1], "x", 1), 1);
	ck_assert_int_eq(st_wait(child), 0);
	ck_assert_int_eq(saf_pid_check(path, &owner), 0);
	ck_assert_int_eq(owner, 0);
	ck_assert_int_eq(saf_pid_check(st_path(dir, "none"), &owner), -1);
	ck_assert_int_eq(errno, ENOENT);
	st_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_parse)
{
	static const struct {
		const char *text;
		size_t len;
		long want; /* 0: invalid */
	} cases[] = {
		{ "123", 3, 123 },
		{ "123\0", 4, 123 },
		{ "123\n", 4, 123 },
		{ "4194304\0\0\0", 10, 4194304 },
		{ "", 0, 0 },
		{ "0", 1, 0 },
		{ "\0", 1, 0 },
		{ "-1", 2, 0 },
		{ "12a", 3, 0 },
		{ " 12", 3, 0 },
		{ "123\0junk", 8, 0 },
		{ "2147483648", 10, 0 },
		{ "99999999999999999999", 20, 0 },
	};
	size_t i;
	pid_t pid;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = saf_pid_parse(cases[i].text, cases[i].len, &pid);

		if (cases[i].want == 0) {
			ck_assert_msg(rc == -1, "case %zu accepted", i);
			ck_assert_int_eq(errno, EINVAL);
		} else {
			ck_assert_msg(rc == 0, "case %zu refused", i);
			ck_assert_int_eq(pid, cases[i].want);
		}
	}
}
END_TEST

START_TEST(test_read_errors)
{
	char *dir = st_tmpdir();
	char path[4096];
	pid_t pid;

	snprintf(path, sizeof(path), "%s", st_path(dir, "_pid"));
	ck_assert_int_eq(saf_pid_read(path, &pid), -1);
	ck_assert_int_eq(errno, ENOENT);
	st_write(path, ""); /* sacadm -a makes it empty */
	ck_assert_int_eq(saf_pid_read(path, &pid), -1);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_int_eq(saf_lock_test_path(path), 0);
	ck_assert_int_eq(saf_lock_test(-1), -1);
	ck_assert_int_eq(saf_pid_create(st_path(dir, "no/such"), 1), -1);
	ck_assert_int_eq(errno, ENOENT);
	st_rmtree(dir);
	free(dir);
}
END_TEST

Suite *
st_pid_suite(void)
{
	Suite *s = suite_create("pid");
	TCase *tc = tcase_create("pid");

	tcase_add_test(tc, test_create_contents);
	tcase_add_test(tc, test_contention_parent_holds);
	tcase_add_test(tc, test_contention_child_holds);
	tcase_add_test(tc, test_parse);
	tcase_add_test(tc, test_read_errors);
	suite_add_tcase(s, tc);
	return s;
}
