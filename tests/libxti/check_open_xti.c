/*
 * check_open_xti.c - t_open, t_close and t_getinfo as an XTI program sees
 * them: provider names, oflag, the t_info of every provider, descriptor
 * numbers and flags.
 */
#include <xti.h>

#include "misc_util.h"

#include <netinet/tcp.h>

static void
check_info(const struct t_info *in, const struct mu_prov *p)
{
	ck_assert_int_eq(in->addr, p->addr);
	ck_assert_int_eq(in->options, p->options);
	ck_assert_int_eq(in->tsdu, p->tsdu);
	ck_assert_int_eq(in->etsdu, p->etsdu);
	ck_assert_int_eq(in->connect, p->connect);
	ck_assert_int_eq(in->discon, p->discon);
	ck_assert_int_eq(in->servtype, p->servtype);
	ck_assert_int_eq(in->flags, p->sendzero ? T_SENDZERO : 0);
}

/* Every provider by its name and by /dev/name: the socket and t_info. */
START_TEST(test_open_providers)
{
	const struct mu_prov *p = &mu_provs[_i / 2];
	char name[64];
	struct t_info info, info2;
	int fd;

	snprintf(name, sizeof(name), "%s%s", _i % 2 ? "/dev/" : "", p->name);
	memset(&info, 0x5a, sizeof(info));
	fd = t_open(name, O_RDWR, &info);
	ck_assert_msg(fd >= 0, "t_open(%s): t_errno %d", name, t_errno);
	check_info(&info, p);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_DOMAIN), p->domain);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_TYPE), p->type);
	ck_assert_int_eq(t_getstate(fd), T_UNBND);
	memset(&info2, 0x5a, sizeof(info2));
	MU_TOK(t_getinfo(fd, &info2));
	ck_assert_mem_eq(&info, &info2, sizeof(info));
	/* blocking, and inherited across exec */
	ck_assert_int_eq(fcntl(fd, F_GETFL) & O_NONBLOCK, 0);
	ck_assert_int_eq(fcntl(fd, F_GETFD) & FD_CLOEXEC, 0);
	MU_TOK(t_close(fd));
	MU_TFAIL(t_getstate(fd), TBADF);
	ck_assert_int_eq(fcntl(fd, F_GETFD), -1);
}
END_TEST

/* The standard socket settings of the inet providers. */
START_TEST(test_open_socket_settings)
{
	int fd;

	fd = t_open("tcp", O_RDWR, NULL);
	MU_TOK(fd);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_OOBINLINE), 1);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_PROTOCOL), IPPROTO_TCP);
	t_close(fd);
	fd = t_open("tcp6", O_RDWR, NULL);
	MU_TOK(fd);
	ck_assert_int_eq(mu_getint(fd, IPPROTO_IPV6, IPV6_V6ONLY), 1);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_OOBINLINE), 1);
	t_close(fd);
	fd = t_open("udp", O_RDWR, NULL);
	MU_TOK(fd);
	ck_assert_int_eq(mu_getint(fd, IPPROTO_IP, IP_RECVERR), 1);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_PROTOCOL), IPPROTO_UDP);
	t_close(fd);
	fd = t_open("udp6", O_RDWR, NULL);
	MU_TOK(fd);
	ck_assert_int_eq(mu_getint(fd, IPPROTO_IPV6, IPV6_RECVERR), 1);
	ck_assert_int_eq(mu_getint(fd, IPPROTO_IPV6, IPV6_V6ONLY), 1);
	t_close(fd);
}
END_TEST

/*
 * "unix" is the netconfig name of the local transport; resolving it must
 * neither print (a library never does) nor wait.
 */
START_TEST(test_open_unix_quiet)
{
	struct mu_capture c;
	struct timespec t0, t1;
	char got[1024];
	int fd, fd2;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	mu_capture_begin(&c);
	fd = t_open("unix", O_RDWR, NULL);
	fd2 = t_open("/dev/unix", O_RDWR, NULL);
	mu_capture_end(&c, got, sizeof(got));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	MU_TOK(fd);
	MU_TOK(fd2);
	ck_assert_str_eq(got, "");
	ck_assert_int_lt(t1.tv_sec - t0.tv_sec, 2);
}
END_TEST

START_TEST(test_open_unknown)
{
	static const char *const bad[] = { "nosuch", "/dev/nosuch", "", "/dev/",
		"/dev/tcp/", "TCP", "tcp ", "/dev//tcp", "/tmp/tcp", "-",
		"/dev/-" };
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		t_errno = 0;
		ck_assert_msg(t_open(bad[i], O_RDWR, NULL) == -1,
		    "t_open(\"%s\") succeeded", bad[i]);
		ck_assert_msg(t_errno == TBADNAME, "t_open(\"%s\"): t_errno %d",
		    bad[i], t_errno);
	}
	MU_TFAIL(t_open(NULL, O_RDWR, NULL), TBADNAME);
}
END_TEST

/* A netconfig transport that sockets cannot provide. */
START_TEST(test_open_rawip)
{
	MU_TFAIL(t_open("rawip", O_RDWR, NULL), TNOTSUPPORT);
	MU_TFAIL(t_open("/dev/rawip", O_RDWR, NULL), TNOTSUPPORT);
}
END_TEST

START_TEST(test_open_oflag)
{
	struct t_info info;
	int fd;

	MU_TFAIL(t_open("tcp", O_RDONLY, NULL), TBADFLAG);
	MU_TFAIL(t_open("tcp", O_WRONLY, NULL), TBADFLAG);
	MU_TFAIL(t_open("udp", O_WRONLY | O_NONBLOCK, NULL), TBADFLAG);
	/* the flag is checked before the name */
	MU_TFAIL(t_open("nosuch", O_RDONLY, NULL), TBADFLAG);
	/* nothing was created on the way */
	fd = t_open("tcp", O_RDWR | O_NONBLOCK, &info);
	MU_TOK(fd);
	ck_assert(fcntl(fd, F_GETFL) & O_NONBLOCK);
	ck_assert_int_eq(info.servtype, T_COTS_ORD);
	t_close(fd);
	fd = t_open("ticlts", O_RDWR | O_NDELAY, NULL);
	MU_TOK(fd);
	ck_assert(fcntl(fd, F_GETFL) & O_NONBLOCK);
	t_close(fd);
}
END_TEST

/* The SVR4 listener closes 0 and expects the next endpoint there. */
START_TEST(test_open_lowest_fd)
{
	int a, b, fd;

	close(0);
	fd = t_open("/dev/tcp", O_RDWR, NULL);
	ck_assert_int_eq(fd, 0);
	a = t_open("udp", O_RDWR, NULL);
	b = t_open("ticotsord", O_RDWR, NULL);
	MU_TOK(a);
	MU_TOK(b);
	ck_assert_int_eq(b, a + 1);
	MU_TOK(t_close(a));
	fd = t_open("ticlts", O_RDWR, NULL);
	ck_assert_int_eq(fd, a);
	ck_assert_int_eq(t_getstate(0), T_UNBND);
	ck_assert_int_eq(t_getstate(b), T_UNBND);
}
END_TEST

/* Each endpoint is separate; closing one leaves the others. */
START_TEST(test_open_many)
{
	int fds[40], i;

	for (i = 0; i < 40; i++) {
		fds[i] = t_open(mu_provs[i % MU_NPROVS].name, O_RDWR, NULL);
		MU_TOK(fds[i]);
	}
	for (i = 0; i < 40; i += 2)
		MU_TOK(t_close(fds[i]));
	for (i = 1; i < 40; i += 2) {
		struct t_info info;

		MU_TOK(t_getinfo(fds[i], &info));
		ck_assert_int_eq(
		    info.servtype, mu_provs[i % MU_NPROVS].servtype);
	}
	for (i = 0; i < 40; i += 2)
		MU_TFAIL(t_close(fds[i]), TBADF);
}
END_TEST

START_TEST(test_getinfo_errors)
{
	int p[2];

	MU_TFAIL(t_getinfo(-1, NULL), TBADF);
	ck_assert(pipe(p) == 0);
	MU_TFAIL(t_getinfo(p[0], NULL), TBADF);
	MU_TFAIL(t_close(p[1]), TBADF);
	/* t_close refused the pipe and left it open */
	ck_assert_int_ne(fcntl(p[1], F_GETFD), -1);
	MU_TFAIL(t_getinfo(1000, NULL), TBADF);
}
END_TEST

/* A socket made without t_open is adopted with the matching provider. */
START_TEST(test_getinfo_adopted)
{
	struct t_info info;
	int s;

	s = socket(AF_INET6, SOCK_DGRAM, 0);
	ck_assert_int_ge(s, 0);
	MU_TOK(t_getinfo(s, &info));
	check_info(&info, mu_prov("udp6"));
	ck_assert_int_eq(t_getstate(s), T_UNBND);
	close(s);
	s = socket(AF_INET, SOCK_STREAM, 0);
	MU_TOK(t_getinfo(s, &info));
	check_info(&info, mu_prov("tcp"));
	close(s);
	s = socket(AF_UNIX, SOCK_DGRAM, 0);
	MU_TOK(t_getinfo(s, &info));
	check_info(&info, mu_prov("ticlts"));
	close(s);
}
END_TEST

/* XTI's struct t_info has flags; t_getinfo fills the whole of it. */
START_TEST(test_getinfo_flags)
{
	struct t_info info;
	int fd;

	ck_assert_uint_eq(sizeof(struct t_info), 8 * sizeof(t_scalar_t));
	fd = t_open("udp", O_RDWR, NULL);
	memset(&info, 0x77, sizeof(info));
	MU_TOK(t_getinfo(fd, &info));
	ck_assert_int_eq(info.flags, T_SENDZERO);
	t_close(fd);
	fd = t_open("tcp", O_RDWR, NULL);
	memset(&info, 0x77, sizeof(info));
	MU_TOK(t_getinfo(fd, &info));
	ck_assert_int_eq(info.flags, 0);
	t_close(fd);
}
END_TEST

/* t_getinfo is allowed in every state; the values do not change. */
START_TEST(test_getinfo_bound)
{
	struct t_info a, b;
	struct t_bind req;
	int fd;

	fd = t_open("tcp", O_RDWR, &a);
	memset(&req, 0, sizeof(req));
	req.qlen = 2;
	MU_TOK(t_bind(fd, &req, NULL));
	ck_assert_int_eq(t_getstate(fd), T_IDLE);
	MU_TOK(t_getinfo(fd, &b));
	ck_assert_mem_eq(&a, &b, sizeof(a));
	MU_TOK(t_unbind(fd));
	MU_TOK(t_getinfo(fd, &b));
	ck_assert_mem_eq(&a, &b, sizeof(a));
	t_close(fd);
}
END_TEST

static Suite *
open_suite(void)
{
	Suite *s = suite_create("open_xti");
	TCase *tc = tcase_create("t_open");

	tcase_add_loop_test(tc, test_open_providers, 0, 2 * MU_NPROVS);
	tcase_add_test(tc, test_open_socket_settings);
	tcase_add_test(tc, test_open_unix_quiet);
	tcase_add_test(tc, test_open_unknown);
	tcase_add_test(tc, test_open_rawip);
	tcase_add_test(tc, test_open_oflag);
	tcase_add_test(tc, test_open_lowest_fd);
	tcase_add_test(tc, test_open_many);
	suite_add_tcase(s, tc);
	tc = tcase_create("t_getinfo");
	tcase_add_test(tc, test_getinfo_errors);
	tcase_add_test(tc, test_getinfo_adopted);
	tcase_add_test(tc, test_getinfo_flags);
	tcase_add_test(tc, test_getinfo_bound);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return mu_run(open_suite());
}
