/*
 * check_alloc_tli.c - t_alloc and t_free under TLI rules (<tiuser.h>):
 * T_ALL is 0x07, a field the provider does not support (T_INVALID) gets
 * no buffer and is never an error, a bad structure type is TSYSERR with
 * EINVAL, and T_INFO is the short TLI struct t_info.
 */
#include <tiuser.h>

#include "misc_util.h"

static int
open_fd(const char *name)
{
	int fd = t_open(name, O_RDWR, NULL);

	ck_assert_msg(fd >= 0, "t_open(%s): t_errno %d", name, t_errno);
	return fd;
}

static void
check_nb(const struct netbuf *nb, int size)
{
	int i;

	ck_assert_uint_eq(nb->len, 0);
	if (size <= 0) {
		ck_assert_ptr_null(nb->buf);
		ck_assert_uint_eq(nb->maxlen, 0);
		return;
	}
	ck_assert_ptr_nonnull(nb->buf);
	ck_assert_uint_eq(nb->maxlen, (unsigned int)size);
	for (i = 0; i < size; i++)
		ck_assert_int_eq(((unsigned char *)nb->buf)[i], 0);
	memset(nb->buf, 0xee, (size_t)size);
}

START_TEST(test_t_all)
{
	ck_assert_int_eq(T_ALL, 0x07);
	ck_assert_int_eq(T_ALL, T_ADDR | T_OPT | T_UDATA);
}
END_TEST

/* What the SVR4 listener allocates: T_CALL with T_ALL on TCP. */
START_TEST(test_call_tcp)
{
	struct t_call *c;
	int fd = open_fd("/dev/tcp");

	c = (struct t_call *)t_alloc(fd, T_CALL, T_ALL);
	ck_assert_ptr_nonnull(c);
	check_nb(&c->addr, 16);
	check_nb(&c->opt, 324);
	check_nb(&c->udata, 0);
	MU_TOK(t_free((char *)c, T_CALL));
	/* T_UDATA alone: no buffer, and TLI does not fail */
	c = (struct t_call *)t_alloc(fd, T_CALL, T_UDATA);
	ck_assert_ptr_nonnull(c);
	check_nb(&c->addr, 0);
	check_nb(&c->udata, 0);
	MU_TOK(t_free((char *)c, T_CALL));
	t_close(fd);
}
END_TEST

START_TEST(test_dis_tcp)
{
	struct t_discon *d;
	int fd = open_fd("/dev/tcp");

	d = (struct t_discon *)t_alloc(fd, T_DIS, T_ALL);
	ck_assert_ptr_nonnull(d);
	check_nb(&d->udata, 0);
	MU_TOK(t_free((char *)d, T_DIS));
	t_close(fd);
}
END_TEST

START_TEST(test_unitdata_udp)
{
	struct t_unitdata *u;
	struct t_uderr *e;
	int fd = open_fd("/dev/udp");

	u = (struct t_unitdata *)t_alloc(fd, T_UNITDATA, T_ALL);
	ck_assert_ptr_nonnull(u);
	check_nb(&u->addr, 16);
	check_nb(&u->opt, 300);
	check_nb(&u->udata, 65507);
	MU_TOK(t_free((char *)u, T_UNITDATA));
	e = (struct t_uderr *)t_alloc(fd, T_UDERROR, T_ADDR);
	ck_assert_ptr_nonnull(e);
	check_nb(&e->addr, 16);
	check_nb(&e->opt, 0);
	MU_TOK(t_free((char *)e, T_UDERROR));
	t_close(fd);
}
END_TEST

START_TEST(test_bind_ticots)
{
	struct t_bind *b;
	int fd = open_fd("/dev/ticots");

	b = (struct t_bind *)t_alloc(fd, T_BIND, T_ALL);
	ck_assert_ptr_nonnull(b);
	check_nb(&b->addr, 107);
	MU_TOK(t_free((char *)b, T_BIND));
	t_close(fd);
}
END_TEST

/* T_INFO is the TLI structure; t_getinfo fills it without overrun (the
 * sanitizer build would report a write past the allocation). */
START_TEST(test_info)
{
	struct t_info *in;
	int fd = open_fd("/dev/udp");

	in = (struct t_info *)t_alloc(fd, T_INFO, T_ALL);
	ck_assert_ptr_nonnull(in);
	MU_TOK(t_getinfo(fd, in));
	ck_assert_int_eq(in->tsdu, 65507);
	ck_assert_int_eq(in->servtype, T_CLTS);
	MU_TOK(t_free((char *)in, T_INFO));
	t_close(fd);
}
END_TEST

START_TEST(test_bad_type)
{
	int fd = open_fd("/dev/tcp");

	errno = 0;
	ck_assert_ptr_null(t_alloc(fd, 0, T_ALL));
	ck_assert_int_eq(t_errno, TSYSERR);
	ck_assert_int_eq(errno, EINVAL);
	errno = 0;
	ck_assert_ptr_null(t_alloc(fd, 9, T_ADDR));
	ck_assert_int_eq(t_errno, TSYSERR);
	ck_assert_int_eq(errno, EINVAL);
	MU_TSYSFAIL(t_free(NULL, 0), EINVAL);
	MU_TSYSFAIL(t_free(NULL, 42), EINVAL);
	t_close(fd);
}
END_TEST

START_TEST(test_bad_fd)
{
	ck_assert_ptr_null(t_alloc(-1, T_BIND, T_ALL));
	ck_assert_int_eq(t_errno, TBADF);
}
END_TEST

START_TEST(test_free_each)
{
	static const int types[] = { T_BIND, T_OPTMGMT, T_CALL, T_DIS,
		T_UNITDATA, T_UDERROR, T_INFO };
	size_t i;
	char *p;
	int fd = open_fd("/dev/ticlts");

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		p = t_alloc(fd, types[i], T_ALL);
		ck_assert_ptr_nonnull(p);
		MU_TOK(t_free(p, types[i]));
	}
	t_close(fd);
}
END_TEST

static Suite *
alloc_suite(void)
{
	Suite *s = suite_create("alloc_tli");
	TCase *tc = tcase_create("t_alloc");

	tcase_add_test(tc, test_t_all);
	tcase_add_test(tc, test_call_tcp);
	tcase_add_test(tc, test_dis_tcp);
	tcase_add_test(tc, test_unitdata_udp);
	tcase_add_test(tc, test_bind_ticots);
	tcase_add_test(tc, test_info);
	tcase_add_test(tc, test_bad_type);
	tcase_add_test(tc, test_bad_fd);
	tcase_add_test(tc, test_free_each);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return mu_run(alloc_suite());
}
