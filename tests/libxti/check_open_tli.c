/*
 * check_open_tli.c - t_open and t_getinfo as a TLI program (<tiuser.h>)
 * sees them: an unknown device is TSYSERR/ENOENT as open(2) would say, and
 * the TLI struct t_info, which ends at servtype, is never written past.
 */
#include <tiuser.h>

#include "misc_util.h"

/* A TLI struct t_info followed by bytes nobody may touch. */
struct guarded_info {
	struct t_info info;
	unsigned char guard[32];
};

static void
guard_init(struct guarded_info *g)
{
	memset(g, 0xa5, sizeof(*g));
}

static void
guard_check(const struct guarded_info *g)
{
	size_t i;

	for (i = 0; i < sizeof(g->guard); i++)
		ck_assert_msg(g->guard[i] == 0xa5,
		    "byte %zu after struct t_info overwritten", i);
}

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
}

START_TEST(test_info_layout)
{
	ck_assert_uint_eq(sizeof(struct t_info), 7 * sizeof(t_scalar_t));
	ck_assert_uint_eq(
	    offsetof(struct guarded_info, guard), sizeof(struct t_info));
}
END_TEST

/* Every provider, by name and /dev/name, through t_open and t_getinfo. */
START_TEST(test_open_providers)
{
	const struct mu_prov *p = &mu_provs[_i / 2];
	struct guarded_info g;
	char name[64];
	int fd;

	snprintf(name, sizeof(name), "%s%s", _i % 2 ? "/dev/" : "", p->name);
	guard_init(&g);
	fd = t_open(name, O_RDWR, &g.info);
	ck_assert_msg(fd >= 0, "t_open(%s): t_errno %d", name, t_errno);
	guard_check(&g);
	check_info(&g.info, p);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_DOMAIN), p->domain);
	ck_assert_int_eq(mu_getint(fd, SOL_SOCKET, SO_TYPE), p->type);
	guard_init(&g);
	MU_TOK(t_getinfo(fd, &g.info));
	guard_check(&g);
	check_info(&g.info, p);
	ck_assert_int_eq(t_getstate(fd), T_UNBND);
	MU_TOK(t_close(fd));
}
END_TEST

/* The guard also holds for an endpoint the library adopts. */
START_TEST(test_getinfo_adopted_guard)
{
	struct guarded_info g;
	int s = socket(AF_INET, SOCK_DGRAM, 0);

	ck_assert_int_ge(s, 0);
	guard_init(&g);
	MU_TOK(t_getinfo(s, &g.info));
	guard_check(&g);
	check_info(&g.info, mu_prov("udp"));
	close(s);
}
END_TEST

/* TLI: an unknown provider is a device that does not exist. */
START_TEST(test_open_unknown)
{
	static const char *const bad[] = { "nosuch", "/dev/nosuch", "", "/dev/",
		"/dev/tcp/", "-", "/dev/-" };
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		t_errno = 0;
		errno = 0;
		ck_assert_msg(t_open(bad[i], O_RDWR, NULL) == -1,
		    "t_open(\"%s\") succeeded", bad[i]);
		ck_assert_msg(t_errno == TSYSERR && errno == ENOENT,
		    "t_open(\"%s\"): t_errno %d errno %d", bad[i], t_errno,
		    errno);
	}
	MU_TSYSFAIL(t_open(NULL, O_RDWR, NULL), ENOENT);
}
END_TEST

START_TEST(test_open_rawip)
{
	MU_TFAIL(t_open("/dev/rawip", O_RDWR, NULL), TNOTSUPPORT);
}
END_TEST

START_TEST(test_open_oflag)
{
	struct guarded_info g;
	int fd;

	MU_TFAIL(t_open("/dev/tcp", O_RDONLY, NULL), TBADFLAG);
	MU_TFAIL(t_open("/dev/tcp", O_WRONLY, NULL), TBADFLAG);
	guard_init(&g);
	fd = t_open("/dev/udp", O_RDWR | O_NONBLOCK, &g.info);
	MU_TOK(fd);
	guard_check(&g);
	ck_assert(fcntl(fd, F_GETFL) & O_NONBLOCK);
	t_close(fd);
}
END_TEST

START_TEST(test_open_lowest_fd)
{
	int fd;

	close(0);
	fd = t_open("/dev/tcp", O_RDWR, NULL);
	ck_assert_int_eq(fd, 0);
	ck_assert_int_eq(t_getstate(0), T_UNBND);
	MU_TOK(t_close(0));
	fd = t_open("/dev/ticotsord", O_RDWR, NULL);
	ck_assert_int_eq(fd, 0);
}
END_TEST

START_TEST(test_getinfo_errors)
{
	int p[2];

	MU_TFAIL(t_getinfo(-1, NULL), TBADF);
	ck_assert(pipe(p) == 0);
	MU_TFAIL(t_getinfo(p[0], NULL), TBADF);
	/* rpcgen daemons: t_getstate(0) fails when 0 is not an endpoint */
	ck_assert_int_eq(dup2(p[0], 0), 0);
	MU_TFAIL(t_getstate(0), TBADF);
}
END_TEST

static Suite *
open_suite(void)
{
	Suite *s = suite_create("open_tli");
	TCase *tc = tcase_create("t_open");

	tcase_add_test(tc, test_info_layout);
	tcase_add_loop_test(tc, test_open_providers, 0, 2 * MU_NPROVS);
	tcase_add_test(tc, test_getinfo_adopted_guard);
	tcase_add_test(tc, test_open_unknown);
	tcase_add_test(tc, test_open_rawip);
	tcase_add_test(tc, test_open_oflag);
	tcase_add_test(tc, test_open_lowest_fd);
	tcase_add_test(tc, test_getinfo_errors);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return mu_run(open_suite());
}
