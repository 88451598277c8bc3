/*
 * check_spawn.c - run and runwait: exit statuses, what the child inherits
 * (descriptors, environment, signals), and that runwait reaps its own
 * child only.
 */
#include "config.h"

#include "doconfig.h"
#include "dctest.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Room for the small outputs the commands write. */
#define OUT_MAX 65536

static char out[OUT_MAX];

/* Run the script head + the path of file "out" + tail. */
static int
run_line(
    const char *head, const char *tail, long rflag, struct doconfig_err *err)
{
	char path[DCT_PATH_MAX], text[2 * DCT_PATH_MAX];

	dct_path(path, sizeof(path), "out");
	snprintf(text, sizeof(text), "%s%s%s", head, path, tail);
	return doconfig_r(-1, dct_script("s", text), rflag, err);
}

static const char *
out_text(void)
{
	char path[DCT_PATH_MAX];

	ck_assert_int_ge(
	    dct_slurp(dct_path(path, sizeof(path), "out"), out, sizeof(out)),
	    0);
	return out;
}

START_TEST(test_runwait_success)
{
	struct doconfig_err err;

	ck_assert_int_eq(run_line("runwait echo hello > ", "\n", 0, &err), 0);
	ck_assert_str_eq(out_text(), "hello\n");
	ck_assert_str_eq(err.msg, "");
}
END_TEST

START_TEST(test_runwait_failure)
{
	struct doconfig_err err;

	ck_assert_int_eq(doconfig_r(-1,
			     dct_script("s",
				 "runwait true\nrunwait exit 3\nassign "
				 "DCT_NOT=1\n"),
			     0, &err),
	    2);
	ck_assert_str_eq(
	    err.msg, "line 2: runwait: \"exit 3\" exited with status 3");
	ck_assert_ptr_null(getenv("DCT_NOT"));
	ck_assert_int_eq(
	    doconfig_r(-1, dct_script("t", "runwait kill -KILL $$\n"), 0, &err),
	    1);
	ck_assert_str_eq(err.msg,
	    "line 1: runwait: \"kill -KILL $$\" was killed by signal 9");
	ck_assert_int_eq(
	    doconfig_r(
		-1, dct_script("u", "runwait no-such-command-dct\n"), 0, &err),
	    1);
	ck_assert(strstr(err.msg, "exited with status 127") != NULL);
}
END_TEST

/* run does not wait: the command finishes on its own. */
START_TEST(test_run_no_wait)
{
	char path[DCT_PATH_MAX];

	ck_assert_int_eq(
	    run_line("run sleep 0.2; echo late > ", "\n", 0, NULL), 0);
	/* not there yet when doconfig returns */
	ck_assert_int_eq(
	    dct_wait_file(dct_path(path, sizeof(path), "out"), 0), -1);
	ck_assert_int_eq(dct_wait_file(path, 20), 0);
	ck_assert_str_eq(out_text(), "late\n");
	/* a failing run command is not an error: nobody waits for it */
	ck_assert_int_eq(
	    doconfig(-1, (char *)dct_script("t", "run exit 1\n"), 0), 0);
}
END_TEST

/* NORUN: run and runwait lines fail and nothing is started. */
START_TEST(test_norun)
{
	struct doconfig_err err;
	char path[DCT_PATH_MAX];

	ck_assert_int_eq(run_line("# c\nrun echo x > ", "\n", NORUN, &err), 2);
	ck_assert_str_eq(
	    err.msg, "line 2: run is not allowed in this script (NORUN)");
	ck_assert_int_eq(run_line("runwait echo x > ", "\n", NORUN, &err), 1);
	usleep(100 * 1000);
	ck_assert_int_eq(access(dct_path(path, sizeof(path), "out"), F_OK), -1);
}
END_TEST

/*
 * The child has /dev/null on 0, 1, 2 and nothing else: a descriptor the
 * caller left open without close-on-exec does not reach it.
 */
START_TEST(test_child_descriptors)
{
	char marker[DCT_PATH_MAX], outpath[DCT_PATH_MAX], *line, *save;
	int fd, n = 0;

	dct_path(marker, sizeof(marker), "marker");
	fd = open(marker, O_RDWR | O_CREAT, 0600); /* no O_CLOEXEC on purpose */
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(dup2(fd, 42), 42);
	ck_assert_int_eq(
	    run_line("runwait ls -l /proc/self/fd/ > ", "\n", 0, NULL), 0);
	dct_path(outpath, sizeof(outpath), "out");
	ck_assert(strstr(out_text(), "marker") == NULL);
	for (line = strtok_r(out, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		char *arrow = strstr(line, " -> "), *num;

		if (arrow == NULL)
			continue;
		*arrow = '\0';
		num = strrchr(line, ' ') + 1;
		n++;
		if (strcmp(num, "0") == 0 || strcmp(num, "2") == 0)
			ck_assert_str_eq(arrow + 4, "/dev/null");
		else if (strcmp(num, "1") == 0)
			ck_assert_str_eq(arrow + 4, outpath);
		else /* ls's own directory stream */
			ck_assert_msg(strcmp(num, "3") == 0 &&
				strncmp(arrow + 4, "/proc/", 6) == 0,
			    "descriptor %s -> %s reached the child", num,
			    arrow + 4);
	}
	ck_assert_int_ge(n, 3);
	/* the caller's descriptors are untouched */
	ck_assert_int_eq(write(42, "x", 1), 1);
	ck_assert_int_eq(fcntl(fd, F_GETFD), 0);
}
END_TEST

/* stdin is /dev/null: a command reading it sees end of file at once. */
START_TEST(test_child_stdin)
{
	ck_assert_int_eq(run_line("runwait wc -c > ", "\n", 0, NULL), 0);
	ck_assert_int_eq(atoi(out_text()), 0);
}
END_TEST

/* The child gets the caller's environment and the assigns; no IFS. */
START_TEST(test_child_environment)
{
	char path[DCT_PATH_MAX], text[3 * DCT_PATH_MAX];

	unsetenv("IFS");
	setenv("DCT_CALLER", "from caller", 1);
	dct_path(path, sizeof(path), "out");
	snprintf(text, sizeof(text),
	    "assign DCT_SCRIPT=\"with # hash\"\nrunwait env > %s\n", path);
	ck_assert_int_eq(doconfig(-1, (char *)dct_script("s", text), 0), 0);
	out_text();
	ck_assert(strstr(out, "\nDCT_CALLER=from caller\n") != NULL ||
	    strncmp(out, "DCT_CALLER=from caller\n", 23) == 0);
	ck_assert(strstr(out, "DCT_SCRIPT=with # hash\n") != NULL);
	ck_assert(
	    strncmp(out, "IFS=", 4) != 0 && strstr(out, "\nIFS=") == NULL);
}
END_TEST

/* A "#" quoted for the shell reaches the command. */
START_TEST(test_hash_in_quotes)
{
	ck_assert_int_eq(run_line("runwait echo \"a#b\" 'c#d' e\\#f > ",
			     " # comment\n", 0, NULL),
	    0);
	ck_assert_str_eq(out_text(), "a#b c#d e#f\n");
}
END_TEST

/* runwait waits for its own child: an unrelated zombie is left alone. */
START_TEST(test_runwait_leaves_other_children)
{
	siginfo_t si;
	int status;
	pid_t other;

	other = fork();
	ck_assert_int_ge(other, 0);
	if (other == 0)
		_exit(7);
	/* wait until it is a zombie, without reaping it */
	memset(&si, 0, sizeof(si));
	ck_assert_int_eq(waitid(P_PID, (id_t)other, &si, WEXITED | WNOWAIT), 0);
	ck_assert_int_eq(si.si_pid, other);
	ck_assert_int_eq(
	    doconfig(-1, (char *)dct_script("s", "runwait true\n"), 0), 0);
	ck_assert_int_eq(waitpid(other, &status, WNOHANG), other);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 7);
}
END_TEST

/* ... and one that ends during the wait is left alone too. */
START_TEST(test_runwait_other_child_ends_meanwhile)
{
	int status;
	pid_t other;

	other = fork();
	ck_assert_int_ge(other, 0);
	if (other == 0) {
		usleep(50 * 1000);
		_exit(5);
	}
	ck_assert_int_eq(
	    doconfig(-1, (char *)dct_script("s", "runwait sleep 0.5\n"), 0), 0);
	/* still ours to reap (ECHILD if runwait had taken it) */
	ck_assert_int_eq(waitpid(other, &status, 0), other);
	ck_assert_int_eq(WEXITSTATUS(status), 5);
}
END_TEST

static volatile sig_atomic_t reaped_by_handler;

/* A SIGCHLD handler that reaps everything, as some daemons have. */
static void
reap_all(int sig)
{
	int saved = errno;

	(void)sig;
	while (waitpid(-1, NULL, WNOHANG) > 0)
		reaped_by_handler++;
	errno = saved;
}

/*
 * The caller's SIGCHLD handler cannot steal runwait's child, and the
 * caller's disposition and signal mask are back afterwards.
 */
START_TEST(test_runwait_with_sigchld_handler)
{
	struct sigaction sa, now;
	struct doconfig_err err;
	sigset_t mask;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = reap_all;
	sigemptyset(&sa.sa_mask);
	ck_assert_int_eq(sigaction(SIGCHLD, &sa, NULL), 0);
	ck_assert_int_eq(
	    doconfig_r(-1, dct_script("s", "runwait exit 4\n"), 0, &err), 1);
	ck_assert(strstr(err.msg, "exited with status 4") != NULL);
	ck_assert_int_eq(reaped_by_handler, 0);
	ck_assert_int_eq(sigaction(SIGCHLD, NULL, &now), 0);
	ck_assert_ptr_eq(now.sa_handler, reap_all);
	ck_assert_int_eq(sigprocmask(SIG_BLOCK, NULL, &mask), 0);
	ck_assert_int_eq(sigismember(&mask, SIGCHLD), 0);
}
END_TEST

/* A caller that ignores SIGCHLD still gets runwait's status. */
START_TEST(test_runwait_sigchld_ignored)
{
	struct sigaction now;
	struct doconfig_err err;

	ck_assert(signal(SIGCHLD, SIG_IGN) != SIG_ERR);
	ck_assert_int_eq(
	    doconfig_r(-1, dct_script("s", "runwait exit 6\n"), 0, &err), 1);
	ck_assert(strstr(err.msg, "exited with status 6") != NULL);
	ck_assert_int_eq(
	    doconfig(-1, (char *)dct_script("t", "runwait true\n"), 0), 0);
	ck_assert_int_eq(sigaction(SIGCHLD, NULL, &now), 0);
	ck_assert_ptr_eq(now.sa_handler, SIG_IGN);
}
END_TEST

/* The child starts with default signal actions and an empty mask. */
START_TEST(test_child_signals)
{
	char want[64];
	struct doconfig_err err;
	sigset_t block;

	ck_assert(signal(SIGTERM, SIG_IGN) != SIG_ERR);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	ck_assert_int_eq(sigprocmask(SIG_BLOCK, &block, NULL), 0);
	ck_assert_int_eq(
	    doconfig_r(-1, dct_script("s", "runwait kill -TERM $$\n"), 0, &err),
	    1);
	snprintf(want, sizeof(want), "killed by signal %d", SIGTERM);
	ck_assert(strstr(err.msg, want) != NULL);
	ck_assert_int_eq(
	    doconfig_r(-1, dct_script("t", "runwait kill -USR1 $$\n"), 0, &err),
	    1);
	snprintf(want, sizeof(want), "killed by signal %d", SIGUSR1);
	ck_assert(strstr(err.msg, want) != NULL);
}
END_TEST

Suite *
dct_spawn_suite(void)
{
	Suite *s = suite_create("spawn");
	TCase *tc = tcase_create("run-runwait");

	tcase_add_checked_fixture(tc, dct_setup, dct_teardown);
	tcase_add_test(tc, test_runwait_success);
	tcase_add_test(tc, test_runwait_failure);
	tcase_add_test(tc, test_run_no_wait);
	tcase_add_test(tc, test_norun);
	tcase_add_test(tc, test_child_descriptors);
	tcase_add_test(tc, test_child_stdin);
	tcase_add_test(tc, test_child_environment);
	tcase_add_test(tc, test_hash_in_quotes);
	tcase_add_test(tc, test_runwait_leaves_other_children);
	tcase_add_test(tc, test_runwait_other_child_ends_meanwhile);
	tcase_add_test(tc, test_runwait_with_sigchld_handler);
	tcase_add_test(tc, test_runwait_sigchld_ignored);
	tcase_add_test(tc, test_child_signals);
	suite_add_tcase(s, tc);
	return s;
}
