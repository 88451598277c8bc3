/*
 * check_env.c - nlsgetcall and nlsprovider with every state of the
 * environment the listener prepares: unset, empty, odd length, bad digit,
 * upper and lower case, a real address.  Each result is released with
 * libxti's t_free (the sanitizer build checks that nothing leaks).
 */
#include "nls_test.h"

#include <tiuser.h>

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

static void
nt_setenv(const char *name, const char *value)
{
	if (value == NULL)
		ck_assert_int_eq(unsetenv(name), 0);
	else
		ck_assert_int_eq(setenv(name, value, 1), 0);
}

/* One variable's value, the len nlsgetcall must give it (as int), and
 * the bytes when the len is not negative. */
static const struct {
	const char *value;
	int len;
	const char *bytes;
} nt_envs[] = {
	{ NULL, -11, NULL },
	{ "", 0, "" },
	{ "ABC", -12, NULL },
	{ "0", -12, NULL },
	{ "0G", -3, NULL },
	{ "zz00", -3, NULL },
	{ "4142", 2, "AB" },
	{ "6a6B", 2, "jk" },
	{ "00FF7f", 3, "\x00\xff\x7f" },
};

static void
nt_netbuf_is(const struct netbuf *nb, int i, const char *what)
{
	ck_assert_msg((int)nb->len == nt_envs[i].len,
	    "%s=%s: len %d, %d expected", what,
	    nt_envs[i].value ? nt_envs[i].value : "(unset)", (int)nb->len,
	    nt_envs[i].len);
	if (nt_envs[i].len < 0) {
		ck_assert_ptr_null(nb->buf);
		ck_assert_uint_eq(nb->maxlen, 0);
		return;
	}
	ck_assert_ptr_nonnull(nb->buf);
	ck_assert_uint_eq(nb->maxlen, (unsigned int)nt_envs[i].len);
	ck_assert_mem_eq(nb->buf, nt_envs[i].bytes, (size_t)nt_envs[i].len);
}

/* Every case in each of the three variables, the others rotated. */
START_TEST(getcall_cases)
{
	const int n = (int)(sizeof(nt_envs) / sizeof(nt_envs[0]));
	int a = _i, o = (_i + 1) % n, u = (_i + 2) % n;
	struct t_call *call;

	nt_setenv(NLSADDR, nt_envs[a].value);
	nt_setenv(NLSOPT, nt_envs[o].value);
	nt_setenv(NLSUDATA, nt_envs[u].value);
	call = nlsgetcall(0);
	ck_assert_ptr_nonnull(call);
	nt_netbuf_is(&call->addr, a, NLSADDR);
	nt_netbuf_is(&call->opt, o, NLSOPT);
	nt_netbuf_is(&call->udata, u, NLSUDATA);
	ck_assert_int_eq(call->sequence, 0);
	ck_assert_int_eq(t_free((char *)call, T_CALL), 0);
}
END_TEST

START_TEST(getcall_real_address)
{
	struct sockaddr_in sin;
	struct t_call *call;

	/* what the listener writes for 127.0.0.1 port 0x1234 */
	nt_setenv(NLSADDR, "020012347F0000010000000000000000");
	nt_setenv(NLSOPT, "");
	nt_setenv(NLSUDATA, "");
	call = nlsgetcall(-1); /* the descriptor is not used */
	ck_assert_ptr_nonnull(call);
	ck_assert_uint_eq(call->addr.len, sizeof(sin));
	memcpy(&sin, call->addr.buf, sizeof(sin));
	ck_assert_int_eq(sin.sin_family, AF_INET);
	ck_assert_uint_eq(ntohs(sin.sin_port), 0x1234);
	ck_assert_uint_eq(ntohl(sin.sin_addr.s_addr), 0x7f000001);
	ck_assert_uint_eq(call->opt.len, 0);
	ck_assert_uint_eq(call->udata.len, 0);
	ck_assert_int_eq(t_free((char *)call, T_CALL), 0);
}
END_TEST

START_TEST(provider)
{
	nt_setenv(NLSPROVIDER, NULL);
	ck_assert_ptr_null(nlsprovider());
	nt_setenv(NLSPROVIDER, "tcp");
	ck_assert_str_eq(nlsprovider(), "tcp");
	ck_assert_ptr_eq(nlsprovider(), getenv("NLSPROVIDER"));
	nt_setenv(NLSPROVIDER, "");
	ck_assert_str_eq(nlsprovider(), "");
}
END_TEST

Suite *
nt_env_suite(void)
{
	Suite *s = suite_create("nlsgetcall");
	TCase *tc = tcase_create("nlsgetcall");

	tcase_add_loop_test(
	    tc, getcall_cases, 0, (int)(sizeof(nt_envs) / sizeof(nt_envs[0])));
	tcase_add_test(tc, getcall_real_address);
	tcase_add_test(tc, provider);
	suite_add_tcase(s, tc);
	return s;
}
