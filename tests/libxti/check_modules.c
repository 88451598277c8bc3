/*
 * check_modules.c - the recorded STREAMS module stack of <xti_modules.h>:
 * a new endpoint has timod, timod and tirdwr can be pushed, anything else
 * is ENOTSUP, and the errors of every call (EBADF, ENOSTR, EINVAL,
 * ERANGE).
 */
#include <xti.h>
#include <xti_modules.h>

#include "misc_util.h"

static int
topen(const char *name)
{
	int fd = t_open(name, O_RDWR, NULL);

	ck_assert_msg(fd >= 0, "t_open(%s): t_errno %d", name, t_errno);
	return fd;
}

static void
check_top(int fd, const char *want)
{
	char buf[XTI_FMNAMESZ + 1];

	memset(buf, 'x', sizeof(buf));
	ck_assert_int_eq(xti_look(fd, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, want);
}

/* Every call fails with err (errno), the stack untouched. */
static void
check_all_fail(int fd, int err)
{
	char buf[16];

	errno = 0;
	ck_assert_int_eq(xti_push(fd, "tirdwr"), -1);
	ck_assert_int_eq(errno, err);
	errno = 0;
	ck_assert_int_eq(xti_pop(fd), -1);
	ck_assert_int_eq(errno, err);
	errno = 0;
	ck_assert_int_eq(xti_look(fd, buf, sizeof(buf)), -1);
	ck_assert_int_eq(errno, err);
	errno = 0;
	ck_assert_int_eq(xti_find(fd, "timod"), -1);
	ck_assert_int_eq(errno, err);
	errno = 0;
	ck_assert_int_eq(xti_nmodules(fd), -1);
	ck_assert_int_eq(errno, err);
}

START_TEST(test_supported)
{
	ck_assert_int_eq(xti_module_supported("timod"), 1);
	ck_assert_int_eq(xti_module_supported("tirdwr"), 1);
	ck_assert_int_eq(xti_module_supported("ldterm"), 0);
	ck_assert_int_eq(xti_module_supported("ttcompat"), 0);
	ck_assert_int_eq(xti_module_supported("TIMOD"), 0);
	ck_assert_int_eq(xti_module_supported("timodx"), 0);
	ck_assert_int_eq(xti_module_supported(""), 0);
	ck_assert_int_eq(xti_module_supported(NULL), 0);
}
END_TEST

/* A new endpoint of every provider is a TLI stream: timod on top. */
START_TEST(test_new_endpoint)
{
	int fd = topen(mu_provs[_i].name);

	ck_assert_int_eq(xti_nmodules(fd), 1);
	check_top(fd, "timod");
	ck_assert_int_eq(xti_find(fd, "timod"), 1);
	ck_assert_int_eq(xti_find(fd, "tirdwr"), 0);
	ck_assert_int_eq(xti_find(fd, "ldterm"), 0);
	t_close(fd);
}
END_TEST

START_TEST(test_push_pop)
{
	int fd = topen("tcp");

	ck_assert_int_eq(xti_push(fd, "tirdwr"), 0);
	ck_assert_int_eq(xti_nmodules(fd), 2);
	check_top(fd, "tirdwr");
	ck_assert_int_eq(xti_find(fd, "tirdwr"), 1);
	ck_assert_int_eq(xti_find(fd, "timod"), 1);
	ck_assert_int_eq(xti_pop(fd), 0);
	ck_assert_int_eq(xti_nmodules(fd), 1);
	check_top(fd, "timod");
	ck_assert_int_eq(xti_find(fd, "tirdwr"), 0);
	/* the usual sequence of a read/write server: pop timod, push
	 * tirdwr */
	ck_assert_int_eq(xti_pop(fd), 0);
	ck_assert_int_eq(xti_push(fd, "tirdwr"), 0);
	ck_assert_int_eq(xti_nmodules(fd), 1);
	check_top(fd, "tirdwr");
	ck_assert_int_eq(xti_find(fd, "timod"), 0);
	ck_assert_int_eq(xti_push(fd, "timod"), 0);
	check_top(fd, "timod");
	t_close(fd);
}
END_TEST

/* A module Linux has nothing for: ENOTSUP, and the stack is as it was. */
START_TEST(test_unsupported)
{
	int fd = topen("ticotsord");

	errno = 0;
	ck_assert_int_eq(xti_push(fd, "ldterm"), -1);
	ck_assert_int_eq(errno, ENOTSUP);
	errno = 0;
	ck_assert_int_eq(xti_push(fd, "ttcompat"), -1);
	ck_assert_int_eq(errno, ENOTSUP);
	ck_assert_int_eq(xti_nmodules(fd), 1);
	check_top(fd, "timod");
	ck_assert_int_eq(xti_find(fd, "ldterm"), 0);
	t_close(fd);
}
END_TEST

START_TEST(test_pop_to_empty)
{
	int fd = topen("udp");
	char buf[16];

	ck_assert_int_eq(xti_pop(fd), 0);
	ck_assert_int_eq(xti_nmodules(fd), 0);
	errno = 0;
	ck_assert_int_eq(xti_pop(fd), -1);
	ck_assert_int_eq(errno, EINVAL);
	errno = 0;
	ck_assert_int_eq(xti_look(fd, buf, sizeof(buf)), -1);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_int_eq(xti_find(fd, "timod"), 0);
	/* an empty stack can grow again */
	ck_assert_int_eq(xti_push(fd, "timod"), 0);
	ck_assert_int_eq(xti_nmodules(fd), 1);
	t_close(fd);
}
END_TEST

START_TEST(test_full)
{
	int fd = topen("tcp"), i;

	for (i = 1; i < XTI_MAXMODULES; i++)
		ck_assert_int_eq(xti_push(fd, i % 2 ? "tirdwr" : "timod"), 0);
	ck_assert_int_eq(xti_nmodules(fd), XTI_MAXMODULES);
	errno = 0;
	ck_assert_int_eq(xti_push(fd, "tirdwr"), -1);
	ck_assert_int_eq(errno, ERANGE);
	ck_assert_int_eq(xti_nmodules(fd), XTI_MAXMODULES);
	/* the top is the last one pushed */
	check_top(fd, (XTI_MAXMODULES - 1) % 2 ? "tirdwr" : "timod");
	ck_assert_int_eq(xti_pop(fd), 0);
	ck_assert_int_eq(xti_push(fd, "tirdwr"), 0);
	t_close(fd);
}
END_TEST

START_TEST(test_bad_fd)
{
	check_all_fail(-1, EBADF);
	check_all_fail(-42, EBADF);
	/* a number with nothing open */
	ck_assert_int_eq(fcntl(900, F_GETFD), -1);
	check_all_fail(900, EBADF);
}
END_TEST

/* Not a stream: a pipe, a regular file, a closed endpoint's number. */
START_TEST(test_not_a_stream)
{
	int p[2], fd;

	ck_assert(pipe(p) == 0);
	check_all_fail(p[0], ENOSTR);
	fd = open("/dev/null", O_RDWR);
	ck_assert_int_ge(fd, 0);
	check_all_fail(fd, ENOSTR);
	/* a socket of a kind no transport provider has */
	fd = socket(AF_NETLINK, SOCK_RAW, 0);
	if (fd >= 0)
		check_all_fail(fd, ENOSTR);
}
END_TEST

START_TEST(test_bad_names)
{
	int fd = topen("tcp");
	char buf[XTI_FMNAMESZ + 1];

	errno = 0;
	ck_assert_int_eq(xti_push(fd, NULL), -1);
	ck_assert_int_eq(errno, EINVAL);
	errno = 0;
	ck_assert_int_eq(xti_push(fd, ""), -1);
	ck_assert_int_eq(errno, EINVAL);
	errno = 0;
	ck_assert_int_eq(xti_push(fd, "averylongmodulename"), -1);
	ck_assert_int_eq(errno, EINVAL);
	errno = 0;
	ck_assert_int_eq(xti_find(fd, NULL), -1);
	ck_assert_int_eq(errno, EINVAL);
	/* a buffer too small for the name */
	errno = 0;
	ck_assert_int_eq(xti_look(fd, buf, 5), -1);
	ck_assert_int_eq(errno, EINVAL);
	errno = 0;
	ck_assert_int_eq(xti_look(fd, buf, 0), -1);
	ck_assert_int_eq(errno, EINVAL);
	errno = 0;
	ck_assert_int_eq(xti_look(fd, NULL, 8), -1);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_int_eq(xti_look(fd, buf, 6), 0);
	ck_assert_str_eq(buf, "timod");
	ck_assert_int_eq(xti_nmodules(fd), 1);
	t_close(fd);
}
END_TEST

/* A socket the library did not open is adopted as a fresh endpoint. */
START_TEST(test_adopted)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);

	ck_assert_int_ge(s, 0);
	ck_assert_int_eq(xti_nmodules(s), 1);
	check_top(s, "timod");
	ck_assert_int_eq(xti_push(s, "tirdwr"), 0);
	ck_assert_int_eq(t_getstate(s), T_UNBND);
	close(s);
}
END_TEST

/* The stack belongs to the endpoint: kept across t_unbind, gone when
 * the descriptor is closed and reused. */
START_TEST(test_lifetime)
{
	int fd = topen("tcp"), fd2;

	ck_assert_int_eq(xti_push(fd, "tirdwr"), 0);
	MU_TOK(t_bind(fd, NULL, NULL));
	MU_TOK(t_unbind(fd));
	ck_assert_int_eq(xti_nmodules(fd), 2);
	check_top(fd, "tirdwr");
	MU_TOK(t_close(fd));
	fd2 = topen("udp");
	ck_assert_int_eq(fd2, fd);
	ck_assert_int_eq(xti_nmodules(fd2), 1);
	check_top(fd2, "timod");
	/* closed behind the library's back and reused */
	ck_assert_int_eq(xti_push(fd2, "tirdwr"), 0);
	close(fd2);
	ck_assert_int_eq(socket(AF_INET, SOCK_DGRAM, 0), fd2);
	ck_assert_int_eq(xti_nmodules(fd2), 1);
}
END_TEST

static Suite *
modules_suite(void)
{
	Suite *s = suite_create("modules");
	TCase *tc = tcase_create("stack");

	tcase_add_test(tc, test_supported);
	tcase_add_loop_test(tc, test_new_endpoint, 0, MU_NPROVS);
	tcase_add_test(tc, test_push_pop);
	tcase_add_test(tc, test_unsupported);
	tcase_add_test(tc, test_pop_to_empty);
	tcase_add_test(tc, test_full);
	tcase_add_test(tc, test_bad_fd);
	tcase_add_test(tc, test_not_a_stream);
	tcase_add_test(tc, test_bad_names);
	tcase_add_test(tc, test_adopted);
	tcase_add_test(tc, test_lifetime);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return mu_run(modules_suite());
}
