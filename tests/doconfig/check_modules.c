/*
 * check_modules.c - push and pop on the module stack libxti records for a
 * real endpoint (t_open of "tcp"), and on fd -1 as sac calls doconfig.
 */
#include "config.h"

#include "doconfig.h"
#include "dctest.h"
#include "xti.h"
#include "xti_modules.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* A descriptor number no test opens. */
#define CLOSED_FD 999

/* The recorded stack of fd, bottom first, joined with ",". */
static const char *
stack_of(int fd)
{
	static char out[(XTI_FMNAMESZ + 1) * XTI_MAXMODULES + 1];
	char top[XTI_FMNAMESZ + 1], names[XTI_MAXMODULES][XTI_FMNAMESZ + 1];
	int n, i;

	/* xti_look sees only the top: pop them all, then push them back */
	n = xti_nmodules(fd);
	ck_assert_int_ge(n, 0);
	for (i = n - 1; i >= 0; i--) {
		ck_assert_int_eq(xti_look(fd, top, sizeof(top)), 0);
		strcpy(names[i], top);
		ck_assert_int_eq(xti_pop(fd), 0);
	}
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(xti_push(fd, names[i]), 0);
		if (i > 0)
			strcat(out, ",");
		strcat(out, names[i]);
	}
	return out;
}

static int
endpoint(void)
{
	int fd = t_open("tcp", O_RDWR, NULL);

	ck_assert_int_ge(fd, 0);
	ck_assert_str_eq(stack_of(fd), "timod");
	return fd;
}

/* Run text as a script on fd; the result, with the reason in err. */
static int
script(int fd, const char *text, struct doconfig_err *err)
{
	return doconfig_r(fd, dct_script("s", text), 0, err);
}

START_TEST(test_push_pop)
{
	struct doconfig_err err;
	int fd = endpoint();

	ck_assert_int_eq(script(fd, "push tirdwr\n", &err), 0);
	ck_assert_str_eq(stack_of(fd), "timod,tirdwr");
	ck_assert_int_eq(script(fd, "pop\n", &err), 0);
	ck_assert_str_eq(stack_of(fd), "timod");
	ck_assert_int_eq(
	    script(fd, "push tirdwr, timod,tirdwr # three\n", &err), 0);
	ck_assert_str_eq(stack_of(fd), "timod,tirdwr,timod,tirdwr");
	ck_assert_int_eq(t_close(fd), 0);
}
END_TEST

START_TEST(test_pop_all)
{
	char want[DOCONFIG_ERRMAX];
	struct doconfig_err err;
	int fd = endpoint();

	ck_assert_int_eq(script(fd, "push tirdwr,timod\npop ALL\n", &err), 0);
	ck_assert_int_eq(xti_nmodules(fd), 0);
	/* an empty stack: pop ALL still succeeds, a plain pop fails */
	ck_assert_int_eq(script(fd, "pop ALL\n", &err), 0);
	ck_assert_int_eq(script(fd, "\npop\n", &err), 2);
	snprintf(want, sizeof(want),
	    "line 2: pop: the module stack of descriptor %d is empty", fd);
	ck_assert_str_eq(err.msg, want);
	ck_assert_int_eq(t_close(fd), 0);
}
END_TEST

/* pop NAME pops down to NAME, which stays; an absent NAME pops nothing. */
START_TEST(test_pop_to_named)
{
	struct doconfig_err err;
	int fd = endpoint();

	ck_assert_int_eq(script(fd, "push tirdwr,timod,tirdwr\n", &err), 0);
	ck_assert_int_eq(script(fd, "pop timod\n", &err), 0);
	ck_assert_str_eq(stack_of(fd), "timod,tirdwr,timod");
	ck_assert_int_eq(script(fd, "pop tirdwr\n", &err), 0);
	ck_assert_str_eq(stack_of(fd), "timod,tirdwr");
	/* already on top: nothing to pop */
	ck_assert_int_eq(script(fd, "pop tirdwr\n", &err), 0);
	ck_assert_str_eq(stack_of(fd), "timod,tirdwr");
	ck_assert_int_eq(script(fd, "pop timod\npop ldterm\n", &err), 2);
	ck_assert(strstr(err.msg,
		      "line 2: pop: module \"ldterm\" is not on "
		      "the stack of descriptor") == err.msg);
	ck_assert_str_eq(stack_of(fd), "timod");
	ck_assert_int_eq(t_close(fd), 0);
}
END_TEST

/* An unsupported module fails its line; the line's pushes are undone. */
START_TEST(test_unsupported_module)
{
	struct doconfig_err err;
	int fd = endpoint();

	ck_assert_int_eq(script(fd, "# x\npush ldterm\n", &err), 2);
	ck_assert_str_eq(err.msg,
	    "line 2: module \"ldterm\" is not supported "
	    "on Linux (only timod and tirdwr)");
	ck_assert_str_eq(stack_of(fd), "timod");
	ck_assert_int_eq(
	    script(fd, "push tirdwr\npush timod,tirdwr,ptem\n", &err), 2);
	ck_assert(strstr(err.msg, "\"ptem\" is not supported") != NULL);
	ck_assert_str_eq(stack_of(fd), "timod,tirdwr");
	ck_assert_int_eq(script(fd, "push averyverylongname\n", &err), 1);
	ck_assert(strstr(err.msg, "is longer than 8 characters") != NULL);
	ck_assert_int_eq(t_close(fd), 0);
}
END_TEST

/* A full stack fails the push and leaves the stack as it was. */
START_TEST(test_stack_full)
{
	char line[DOCONFIG_LINE_MAX] = "push timod";
	struct doconfig_err err;
	int fd = endpoint(), i;

	for (i = 1; i < XTI_MAXMODULES; i++)
		strcat(line, ",tirdwr");
	strcat(line, "\n");
	ck_assert_int_eq(script(fd, line, &err), 1);
	ck_assert(strstr(err.msg, "is full") != NULL);
	ck_assert_int_eq(xti_nmodules(fd), 1);
	ck_assert_int_eq(t_close(fd), 0);
}
END_TEST

/* sac's scripts run with fd -1: push and pop always fail. */
START_TEST(test_fd_minus_one)
{
	struct doconfig_err err;

	ck_assert_int_eq(
	    doconfig_r(-1, dct_script("a", "push timod\n"), 0, &err), 1);
	ck_assert_str_eq(
	    err.msg, "line 1: push: no transport endpoint (fd -1)");
	ck_assert_int_eq(doconfig(-1, (char *)dct_script("b", "pop\n"), 0), 1);
	ck_assert_int_eq(
	    doconfig(-1, (char *)dct_script("c", "pop ALL\n"), 0), 1);
	ck_assert_int_eq(
	    doconfig_r(-1, dct_script("d", "pop timod\n"), 0, &err), 1);
	ck_assert_str_eq(err.msg, "line 1: pop: no transport endpoint (fd -1)");
	/* push and pop are not restricted by the flags */
	ck_assert_int_eq(
	    doconfig(-1, (char *)dct_script("e", "\npush tirdwr\n"),
		NOASSIGN | NORUN),
	    2);
}
END_TEST

/* A descriptor that is not an endpoint, and a closed one. */
START_TEST(test_not_an_endpoint)
{
	struct doconfig_err err;
	int fd = open("/dev/null", O_RDWR | O_CLOEXEC);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(script(fd, "push timod\n", &err), 1);
	ck_assert(strstr(err.msg, "is not a transport endpoint") != NULL);
	ck_assert_int_eq(close(fd), 0);
	/* a number well above any the script itself may get */
	ck_assert_int_eq(fcntl(CLOSED_FD, F_GETFD), -1);
	ck_assert_int_eq(script(CLOSED_FD, "pop\n", &err), 1);
	ck_assert_int_eq(err.syserr, EBADF);
	ck_assert_str_eq(
	    err.msg, "line 1: pop: descriptor 999: Bad file descriptor");
}
END_TEST

/* The listener's pass-fd scripts: NOASSIGN|NORUN, push and pop allowed. */
START_TEST(test_restricted_flags)
{
	struct doconfig_err err;
	int fd = endpoint();

	ck_assert_int_eq(
	    doconfig_r(fd, dct_script("s", "push tirdwr\nrun true\n"),
		NOASSIGN | NORUN, &err),
	    2);
	ck_assert_str_eq(
	    err.msg, "line 2: run is not allowed in this script (NORUN)");
	ck_assert_str_eq(stack_of(fd), "timod,tirdwr");
	ck_assert_int_eq(t_close(fd), 0);
}
END_TEST

Suite *
dct_modules_suite(void)
{
	Suite *s = suite_create("modules");
	TCase *tc = tcase_create("push-pop");

	tcase_add_checked_fixture(tc, dct_setup, dct_teardown);
	tcase_add_test(tc, test_push_pop);
	tcase_add_test(tc, test_pop_all);
	tcase_add_test(tc, test_pop_to_named);
	tcase_add_test(tc, test_unsupported_module);
	tcase_add_test(tc, test_stack_full);
	tcase_add_test(tc, test_fd_minus_one);
	tcase_add_test(tc, test_not_an_endpoint);
	tcase_add_test(tc, test_restricted_flags);
	suite_add_tcase(s, tc);
	return s;
}
