/*
 * check_exec.c - doconfig() on real script files: return values, line
 * numbers, reading (missing, unreadable, not a regular file, long lines,
 * no final newline), assign and NOASSIGN, and the built-ins cd, ulimit
 * and umask with the process state checked afterwards.
 */
#include "config.h"

#include "doconfig.h"
#include "dctest.h"

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* How many environment entries define name. */
static int
env_count(const char *name)
{
	size_t n = strlen(name);
	int count = 0;
	char **e;

	for (e = environ; *e != NULL; e++)
		if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
			count++;
	return count;
}

START_TEST(test_assign_sets_environment)
{
	const char *s = dct_script("s",
	    "# a comment\n"
	    "\n"
	    "assign DCT_A=one\n"
	    "assign DCT_B = \"two words\"\n"
	    "assign DCT_C='a#b' # comment\n"
	    "assign DCT_D=\n");
	struct doconfig_err err;

	unsetenv("DCT_A");
	ck_assert_int_eq(doconfig_r(-1, s, 0, &err), 0);
	ck_assert_int_eq(err.line, 0);
	ck_assert_str_eq(err.msg, "");
	ck_assert_str_eq(getenv("DCT_A"), "one");
	ck_assert_str_eq(getenv("DCT_B"), "two words");
	ck_assert_str_eq(getenv("DCT_C"), "a#b");
	ck_assert_str_eq(getenv("DCT_D"), "");
}
END_TEST

/* A later assign replaces the variable: one entry, the last value. */
START_TEST(test_assign_replaces)
{
	const char *s = dct_script("s",
	    "assign DCT_R=first\n"
	    "assign DCT_R=\"second value\"\n"
	    "assign DCT_R=third\n");
	int i;

	for (i = 0; i < 50; i++)
		ck_assert_int_eq(doconfig(-1, (char *)s, 0), 0);
	ck_assert_str_eq(getenv("DCT_R"), "third");
	ck_assert_int_eq(env_count("DCT_R"), 1);
}
END_TEST

/* NOASSIGN: the assign line fails; the lines before it took effect. */
START_TEST(test_noassign)
{
	const char *s = dct_script("s",
	    "# first\n"
	    "run umask 027\n"
	    "\n"
	    "assign DCT_N=1\n"
	    "assign DCT_M=2\n");
	struct doconfig_err err;

	unsetenv("DCT_N");
	umask(022);
	ck_assert_int_eq(doconfig_r(-1, s, NOASSIGN, &err), 4);
	ck_assert_int_eq(err.line, 4);
	ck_assert_int_eq(err.syserr, 0);
	ck_assert_str_eq(
	    err.msg, "line 4: assign is not allowed in this script (NOASSIGN)");
	ck_assert_ptr_null(getenv("DCT_N"));
	ck_assert_ptr_null(getenv("DCT_M"));
	ck_assert_int_eq(umask(022), 027);
	/* the same script without the flag runs to the end */
	ck_assert_int_eq(doconfig(-1, (char *)s, 0), 0);
	ck_assert_str_eq(getenv("DCT_M"), "2");
}
END_TEST

START_TEST(test_missing_script)
{
	char path[DCT_PATH_MAX];
	struct doconfig_err err;

	dct_path(path, sizeof(path), "no-such-script");
	ck_assert_int_eq(doconfig(-1, path, 0), 0);
	ck_assert_int_eq(doconfig_r(-1, path, 0, &err), 0);
	ck_assert_int_eq(err.line, 0);
	ck_assert_int_eq(doconfig(-1, NULL, 0), 0);
	ck_assert_int_eq(doconfig(-1, "/nonexistent-dir/x/y", NORUN), 0);
}
END_TEST

START_TEST(test_empty_script)
{
	ck_assert_int_eq(doconfig(-1, (char *)dct_script("s", ""), 0), 0);
	ck_assert_int_eq(
	    doconfig(-1, (char *)dct_script("t", "\n\n# only\n  \n"), 0), 0);
}
END_TEST

/* The script exists but cannot be opened: -1, errno EACCES. */
static void
unreadable_child(const char *s)
{
	struct doconfig_err err;
	int r;

	r = doconfig_r(-1, s, 0, &err);
	if (r != -1 || errno != EACCES || err.syserr != EACCES ||
	    strcmp(err.msg, "cannot open the script: Permission denied") != 0)
		_exit(1);
	_exit(doconfig(-1, (char *)s, 0) == -1 ? 0 : 2);
}

START_TEST(test_unreadable_script)
{
	const char *s = dct_script("s", "assign DCT_U=1\n");
	struct passwd *pw;
	int status;
	pid_t pid;

	ck_assert_int_eq(chmod(s, 0600), 0);
	if (geteuid() == 0) {
		/* root reads anything: be nobody in a child */
		ck_assert_ptr_nonnull(pw = getpwnam("nobody"));
		pid = fork();
		ck_assert_int_ge(pid, 0);
		if (pid == 0) {
			if (setgid(pw->pw_gid) < 0 || setuid(pw->pw_uid) < 0)
				_exit(3);
			unreadable_child(s);
		}
		ck_assert_int_eq(waitpid(pid, &status, 0), pid);
		ck_assert(WIFEXITED(status));
		ck_assert_int_eq(WEXITSTATUS(status), 0);
	} else {
		ck_assert_int_eq(chmod(s, 0), 0);
		ck_assert_int_eq(doconfig(-1, (char *)s, 0), -1);
		ck_assert_int_eq(errno, EACCES);
	}
	ck_assert_ptr_null(getenv("DCT_U"));
}
END_TEST

START_TEST(test_directory_script)
{
	struct doconfig_err err;

	ck_assert_int_eq(doconfig_r(-1, dct_dir, 0, &err), -1);
	ck_assert_int_eq(errno, EISDIR);
	ck_assert_int_eq(err.syserr, EISDIR);
	ck_assert_str_eq(
	    err.msg, "the script is not a regular file: Is a directory");
}
END_TEST

/* A FIFO with no writer must not block the caller. */
START_TEST(test_fifo_script)
{
	char path[DCT_PATH_MAX];

	dct_path(path, sizeof(path), "fifo");
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	ck_assert_int_eq(doconfig(-1, path, 0), -1);
	ck_assert_int_eq(errno, EINVAL);
}
END_TEST

/* A last line without a newline is read and carried out. */
START_TEST(test_last_line_without_newline)
{
	const char *s = dct_script("s", "assign DCT_A=1\nassign DCT_B=2");

	ck_assert_int_eq(doconfig(-1, (char *)s, 0), 0);
	ck_assert_str_eq(getenv("DCT_B"), "2");
	/* and it still fails with its own number */
	s = dct_script("t", "assign DCT_A=1\nbogus");
	ck_assert_int_eq(doconfig(-1, (char *)s, 0), 2);
}
END_TEST

/* A line of DOCONFIG_LINE_MAX - 1 characters works; a longer one fails. */
START_TEST(test_long_lines)
{
	static char text[3 * DOCONFIG_LINE_MAX];
	size_t max = DOCONFIG_LINE_MAX - 1, n;
	struct doconfig_err err;
	const char *s;

	n = (size_t)snprintf(text, sizeof(text), "assign DCT_S=short\n");
	memcpy(text + n, "assign DCT_L=", 13);
	memset(text + n + 13, 'x', max - 13);
	n += max;
	text[n++] = '\n';
	s = dct_write("ok", text, n);
	ck_assert_int_eq(doconfig(-1, (char *)s, 0), 0);
	ck_assert_uint_eq(strlen(getenv("DCT_L")), max - 13);

	unsetenv("DCT_L");
	/* one more character: line 2 fails, line 3 is not reached */
	memset(text + n - 1, 'x', 1);
	text[n++] = '\n';
	memcpy(text + n, "assign DCT_AFTER=1\n", 19);
	n += 19;
	s = dct_write("long", text, n);
	ck_assert_int_eq(doconfig_r(-1, s, 0, &err), 2);
	ck_assert_str_eq(
	    err.msg, "line 2: line is longer than 4095 characters");
	ck_assert_ptr_null(getenv("DCT_L"));
	ck_assert_ptr_null(getenv("DCT_AFTER"));
	ck_assert_str_eq(getenv("DCT_S"), "short");
	/* the same without a final newline */
	s = dct_write("last", text, n - 20);
	ck_assert_int_eq(doconfig(-1, (char *)s, 0), 2);
}
END_TEST

/* Line numbers count every physical line; the first failure stops. */
START_TEST(test_line_numbers)
{
	const char *s = dct_script("s",
	    "# header\n"
	    "\n"
	    "assign DCT_1=1\n"
	    "   \n"
	    "frobnicate now\n"
	    "assign DCT_2=2\n");
	struct doconfig_err err;

	ck_assert_int_eq(doconfig_r(-1, s, 0, &err), 5);
	ck_assert_int_eq(err.line, 5);
	ck_assert_str_eq(err.msg, "line 5: unknown command \"frobnicate\"");
	ck_assert_str_eq(getenv("DCT_1"), "1");
	ck_assert_ptr_null(getenv("DCT_2"));
	ck_assert_int_eq(doconfig(-1, (char *)s, NOASSIGN | NORUN), 3);
}
END_TEST

/* A syntax error names the problem; CRLF line ends are white space. */
START_TEST(test_syntax_messages)
{
	struct doconfig_err err;

	ck_assert_int_eq(
	    doconfig_r(-1, dct_script("a", "assign DCT_X=\"open\r\n"), 0, &err),
	    1);
	ck_assert_str_eq(
	    err.msg, "line 1: assign: no closing \" in the value of \"DCT_X\"");
	ck_assert_int_eq(
	    doconfig(-1, (char *)dct_script("b", "assign DCT_Y=1\r\n"), 0), 0);
	ck_assert_str_eq(getenv("DCT_Y"), "1");
	ck_assert_int_eq(
	    doconfig_r(-1, dct_script("c", "\n\nrun umask 8\n"), 0, &err), 3);
	ck_assert_str_eq(err.msg, "line 3: umask: \"8\" is not an octal mask");
}
END_TEST

START_TEST(test_cd)
{
	char path[DCT_PATH_MAX], real[PATH_MAX], cwd[PATH_MAX];
	char script[2 * DCT_PATH_MAX];

	/* the rest of the line, spaces included, is the directory */
	dct_path(path, sizeof(path), "a  dir");
	ck_assert_int_eq(mkdir(path, 0755), 0);
	ck_assert_ptr_nonnull(realpath(path, real));
	snprintf(script, sizeof(script), "run cd %s\n", path);
	ck_assert_int_eq(doconfig(-1, (char *)dct_script("s", script), 0), 0);
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
	ck_assert_str_eq(cwd, real);
	/* no argument: $HOME */
	ck_assert_int_eq(setenv("HOME", "/", 1), 0);
	ck_assert_int_eq(
	    doconfig(-1, (char *)dct_script("t", "runwait cd # home\n"), 0), 0);
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
	ck_assert_str_eq(cwd, "/");
}
END_TEST

START_TEST(test_cd_errors)
{
	char cwd[DCT_PATH_MAX], now[DCT_PATH_MAX];
	struct doconfig_err err;
	const char *s;

	ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
	s = dct_script("s", "assign DCT_H=1\nrun cd /no/such/dir\n");
	ck_assert_int_eq(doconfig_r(-1, s, 0, &err), 2);
	ck_assert_int_eq(err.syserr, ENOENT);
	ck_assert_str_eq(err.msg,
	    "line 2: cd: cannot change to "
	    "\"/no/such/dir\": No such file or directory");
	unsetenv("HOME");
	s = dct_script("t", "run cd\n");
	ck_assert_int_eq(doconfig_r(-1, s, 0, &err), 1);
	ck_assert_str_eq(
	    err.msg, "line 1: cd: no directory and HOME is not set");
	/* NORUN refuses the built-ins too */
	s = dct_script("u", "runwait cd /\n");
	ck_assert_int_eq(doconfig_r(-1, s, NORUN, &err), 1);
	ck_assert_str_eq(
	    err.msg, "line 1: runwait is not allowed in this script (NORUN)");
	ck_assert_ptr_nonnull(getcwd(now, sizeof(now)));
	ck_assert_str_eq(now, cwd);
}
END_TEST

START_TEST(test_umask)
{
	umask(022);
	ck_assert_int_eq(
	    doconfig(-1, (char *)dct_script("s", "run umask 027\n"), 0), 0);
	ck_assert_int_eq(umask(0), 027);
	ck_assert_int_eq(
	    doconfig(-1, (char *)dct_script("t", "runwait umask 0\n"), 0), 0);
	ck_assert_int_eq(umask(022), 0);
	ck_assert_int_eq(
	    doconfig(-1, (char *)dct_script("u", "run umask 077\n"), NORUN), 1);
	ck_assert_int_eq(umask(022), 022);
}
END_TEST

/* ulimit N: soft and hard RLIMIT_FSIZE of N 512-byte blocks. */
START_TEST(test_ulimit)
{
	struct doconfig_err err;
	struct rlimit rl;

	ck_assert_int_eq(
	    doconfig(-1, (char *)dct_script("s", "run ulimit 100\n"), 0), 0);
	ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &rl), 0);
	ck_assert_uint_eq(rl.rlim_cur, 100 * 512);
	ck_assert_uint_eq(rl.rlim_max, 100 * 512);
	ck_assert_int_eq(
	    doconfig(-1, (char *)dct_script("t", "runwait ulimit 4\n"), 0), 0);
	ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &rl), 0);
	ck_assert_uint_eq(rl.rlim_cur, 2048);
	ck_assert_int_eq(
	    doconfig_r(-1, dct_script("u", "run ulimit 4 5\n"), 0, &err), 1);
	ck_assert_str_eq(err.msg, "line 1: ulimit: more than one argument");
	if (geteuid() != 0) {
		/* raising the hard limit needs privilege */
		ck_assert_int_eq(
		    doconfig_r(-1, dct_script("v", "run ulimit 8\n"), 0, &err),
		    1);
		ck_assert_int_eq(err.syserr, EPERM);
	}
}
END_TEST

Suite *
dct_exec_suite(void)
{
	Suite *s = suite_create("exec");
	TCase *tc = tcase_create("scripts");

	tcase_add_checked_fixture(tc, dct_setup, dct_teardown);
	tcase_add_test(tc, test_assign_sets_environment);
	tcase_add_test(tc, test_assign_replaces);
	tcase_add_test(tc, test_noassign);
	tcase_add_test(tc, test_missing_script);
	tcase_add_test(tc, test_empty_script);
	tcase_add_test(tc, test_unreadable_script);
	tcase_add_test(tc, test_directory_script);
	tcase_add_test(tc, test_fifo_script);
	tcase_add_test(tc, test_last_line_without_newline);
	tcase_add_test(tc, test_long_lines);
	tcase_add_test(tc, test_line_numbers);
	tcase_add_test(tc, test_syntax_messages);
	tcase_add_test(tc, test_cd);
	tcase_add_test(tc, test_cd_errors);
	tcase_add_test(tc, test_umask);
	tcase_add_test(tc, test_ulimit);
	suite_add_tcase(s, tc);
	return s;
}
