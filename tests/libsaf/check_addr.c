/*
 * check_addr.c - the listener's address notation: every accepted form
 * for inet, inet6 and AF_UNIX, every refused one, the escaped writer and
 * the NLSADDR hex encoder.
 */
#define _GNU_SOURCE
#include "saf_test.h"

#include <saf.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stddef.h>
#include <string.h>
#include <sys/un.h>

static void
want_in(const char *text, const char *host, unsigned port)
{
	struct sockaddr_storage ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
	struct saf_error err;
	socklen_t len;
	char buf[INET_ADDRSTRLEN];

	ck_assert_msg(
	    saf_addr_parse(text, strlen(text), AF_INET, &ss, &len, &err) == 0,
	    "%s: %s", text, err.text);
	ck_assert_int_eq(len, sizeof(*sin));
	ck_assert_int_eq(sin->sin_family, AF_INET);
	ck_assert_uint_eq(ntohs(sin->sin_port), port);
	inet_ntop(AF_INET, &sin->sin_addr, buf, sizeof(buf));
	ck_assert_str_eq(buf, host);
}

static void
want_in6(const char *text, const char *host, unsigned port)
{
	struct sockaddr_storage ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
	struct saf_error err;
	socklen_t len;
	char buf[INET6_ADDRSTRLEN];

	ck_assert_msg(
	    saf_addr_parse(text, strlen(text), AF_INET6, &ss, &len, &err) == 0,
	    "%s: %s", text, err.text);
	ck_assert_int_eq(len, sizeof(*sin6));
	ck_assert_int_eq(sin6->sin6_family, AF_INET6);
	ck_assert_uint_eq(ntohs(sin6->sin6_port), port);
	inet_ntop(AF_INET6, &sin6->sin6_addr, buf, sizeof(buf));
	ck_assert_str_eq(buf, host);
}

START_TEST(test_inet)
{
	/* Solaris tables: family big-endian */
	want_in("\\x00020ACE000000000000000000000000", "0.0.0.0", 2766);
	want_in("\\x00020203000000000000000000000000", "0.0.0.0", 515);
	/* Linux bytes: family little-endian; short (8 byte) forms */
	want_in("\\x02000ACE7F000001", "127.0.0.1", 2766);
	want_in("\\X02000ace7f000001", "127.0.0.1", 2766);
	want_in("  \\x02000ACE7F000001  ", "127.0.0.1", 2766);
	/* octal: 0x00020ACE7F000001 in 21 digits (63 bits: 8 bytes) */
	want_in("\\o000020254717700000001", "127.0.0.1", 2766);
	want_in("\\O000020254717700000001", "127.0.0.1", 2766);
	want_in("127.0.0.1.10.206", "127.0.0.1", 2766);
	want_in("0.0.0.0.0.0", "0.0.0.0", 0);
	want_in("127.0.0.1\\:2766", "127.0.0.1", 2766);
	want_in("10.1.2.3\\:65535", "10.1.2.3", 65535);
	want_in("\\:2766", "0.0.0.0", 2766);
	want_in("\\:0", "0.0.0.0", 0);
}
END_TEST

START_TEST(test_inet6)
{
	want_in6("[::1]\\:2766", "::1", 2766);
	want_in6("[fe80::1:2]\\:80", "fe80::1:2", 80);
	want_in6("\\:2766", "::", 2766);
	want_in6("::1.10.206", "::1", 2766);
	want_in6("2001\\:db8\\:\\:5.0.80", "2001:db8::5", 80);
	want_in6("::ffff:1.2.3.4.0.21", "::ffff:1.2.3.4", 21);
	/* sockaddr_in6 bytes: Linux (10, little-endian) and Solaris (26) */
	want_in6("\\x0A000ACE"
		 "00000000"
		 "00000000000000000000000000000001",
	    "::1", 2766);
	want_in6("\\x001A0ACE"
		 "00000000"
		 "00000000000000000000000000000001"
		 "0000000000000000",
	    "::1", 2766);
}
END_TEST

START_TEST(test_unix)
{
	struct sockaddr_storage ss;
	struct sockaddr_un *sun = (struct sockaddr_un *)&ss;
	struct saf_error err;
	socklen_t len;
	const char *t = "/run/saf/a\\:b";

	ck_assert_int_eq(
	    saf_addr_parse(t, strlen(t), AF_UNIX, &ss, &len, &err), 0);
	ck_assert_int_eq(sun->sun_family, AF_UNIX);
	ck_assert_str_eq(sun->sun_path, "/run/saf/a:b");
	ck_assert_int_eq(len, offsetof(struct sockaddr_un, sun_path) + 13);
	/* hex: the name's bytes; a leading NUL is the abstract namespace */
	t = "\\x00736166";
	ck_assert_int_eq(
	    saf_addr_parse(t, strlen(t), AF_UNIX, &ss, &len, &err), 0);
	ck_assert_int_eq(len, offsetof(struct sockaddr_un, sun_path) + 4);
	ck_assert_mem_eq(sun->sun_path, "\0saf", 4);
	t = "rel\\\\name";
	ck_assert_int_eq(
	    saf_addr_parse(t, strlen(t), AF_UNIX, &ss, &len, &err), 0);
	ck_assert_str_eq(sun->sun_path, "rel\\name");
}
END_TEST

static const struct {
	const char *text;
	int family;
} bad[] = {
	{ "", AF_INET },
	{ "   ", AF_INET },
	{ "\\$echo 1.2.3.4\\:80\\$", AF_INET },
	{ "1.2.3.4\\:8\\!cmd\\!0", AF_INET },
	{ "\\x", AF_INET },
	{ "\\x0002ACEG", AF_INET },
	{ "\\x00020ACE0000000000000000 junk", AF_INET },
	{ "\\x0002", AF_INET },                                 /* too short */
	{ "\\x0003000000000000", AF_INET },                     /* family */
	{ "\\x000200000000000000000000000000000000", AF_INET }, /* too long */
	{ "\\o8", AF_INET },
	{ "\\x00020ACE000000000000000000000000", AF_INET6 },
	{ "\\x0A000ACE00000000000000000000000000000000000000000001", AF_INET },
	{ "localhost\\:80", AF_INET }, /* no DNS */
	{ "1.2.3.4\\:65536", AF_INET },
	{ "1.2.3.4\\:", AF_INET },
	{ "1.2.3.4\\:-1", AF_INET },
	{ "1.2.3\\:80", AF_INET },
	{ "1.2.3.4", AF_INET },
	{ "1.2.3.4.256.0", AF_INET },
	{ "1.2.3.4.0.0.0", AF_INET },
	{ "1.2.3.4\\n", AF_INET }, /* other escape */
	{ "1.2.3.4\\", AF_INET },
	{ "1.2.3.4 \\:80", AF_INET },
	{ "[::1]\\:80", AF_INET },
	{ "::1\\:80", AF_INET6 },
	{ "[::1]", AF_INET6 },
	{ "[::1\\:80", AF_INET6 },
	{ "[::g]\\:80", AF_INET6 },
	{ "1.2.3.4\\:80", AF_INET6 },
	{ "::1.300.1", AF_INET6 },
	{ "\\x", AF_UNIX },
	{ "/a b", AF_UNIX },
	{ "/x", AF_APPLETALK },
};

START_TEST(test_refused)
{
	struct sockaddr_storage ss;
	struct saf_error err;
	socklen_t len;
	char longhex[400];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&err, 0, sizeof(err));
		ck_assert_msg(saf_addr_parse(bad[i].text, strlen(bad[i].text),
				  bad[i].family, &ss, &len, &err) == -1,
		    "accepted: %s", bad[i].text);
		ck_assert_int_eq(err.code, SAF_EADDR);
		ck_assert_str_eq(err.field, "address");
	}
	/* more than 128 bytes */
	longhex[0] = '\\';
	longhex[1] = 'x';
	memset(longhex + 2, '0', 258);
	ck_assert_int_eq(
	    saf_addr_parse(longhex, 260, AF_UNIX, &ss, &len, &err), -1);
	ck_assert_int_eq(saf_addr_parse(longhex, 258, AF_UNIX, &ss, &len, &err),
	    -1); /* 128 bytes: longer than sun_path */
	ck_assert_int_eq(
	    saf_addr_parse("\\$x\\$", 5, AF_INET, &ss, &len, &err), -1);
	ck_assert_str_eq(err.text, "command substitution is not supported");
}
END_TEST

/* The escaped readable form parses back to the same address. */
START_TEST(test_format)
{
	static const struct {
		const char *in;
		int family;
		const char *out;
	} cases[] = {
		{ "\\x00020ACE7F000001", AF_INET, "127.0.0.1\\:2766" },
		{ "\\:515", AF_INET, "0.0.0.0\\:515" },
		{ "::1.10.206", AF_INET6, "[\\:\\:1]\\:2766" },
		{ "[fe80::1:2]:80", AF_INET6, "[fe80\\:\\:1\\:2]\\:80" },
		{ "/run/a\\:b\\\\c", AF_UNIX, "/run/a\\:b\\\\c" },
		{ "\\x0061", AF_UNIX, "\\x0061" },
	};
	struct sockaddr_storage ss, ss2;
	struct saf_error err;
	socklen_t len, len2;
	char buf[128];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_int_eq(
		    saf_addr_parse(cases[i].in, strlen(cases[i].in),
			cases[i].family, &ss, &len, &err),
		    0);
		ck_assert_int_eq(saf_addr_format((struct sockaddr *)&ss, len,
				     buf, sizeof(buf)),
		    (int)strlen(cases[i].out));
		ck_assert_str_eq(buf, cases[i].out);
		ck_assert_int_eq(saf_addr_parse(buf, strlen(buf),
				     cases[i].family, &ss2, &len2, &err),
		    0);
		ck_assert_int_eq(len, len2);
		ck_assert_mem_eq(&ss, &ss2, len);
	}
	ck_assert_int_eq(
	    saf_addr_parse("\\:80", 4, AF_INET, &ss, &len, &err), 0);
	ck_assert_int_eq(
	    saf_addr_format((struct sockaddr *)&ss, len, buf, 11), -1);
	ck_assert_int_eq(errno, ERANGE);
	ck_assert_int_eq(
	    saf_addr_format((struct sockaddr *)&ss, 4, buf, sizeof(buf)), -1);
	ck_assert_int_eq(errno, EAFNOSUPPORT);
	/* names that are no plain path are written in hex */
	ck_assert_int_eq(
	    saf_addr_parse("/a#b", 4, AF_UNIX, &ss, &len, &err), 0);
	ck_assert_int_eq(
	    saf_addr_format((struct sockaddr *)&ss, len, buf, sizeof(buf)), 12);
	ck_assert_str_eq(buf, "\\x2F61236200");
	ck_assert_int_eq(
	    saf_addr_parse("\\x2F61", 6, AF_UNIX, &ss, &len, &err), 0);
	ck_assert_int_eq(
	    saf_addr_format((struct sockaddr *)&ss, len, buf, sizeof(buf)), 6);
	ck_assert_str_eq(buf, "\\x2F61");
	ck_assert_int_eq(
	    saf_addr_format((struct sockaddr *)&ss, 2, buf, sizeof(buf)), -1);
	ck_assert_int_eq(errno, EINVAL);
}
END_TEST

START_TEST(test_hex)
{
	static const unsigned char b[] = { 0x00, 0x02, 0x0a, 0xce, 0x7f, 0xff };
	char buf[16];

	ck_assert_int_eq(saf_hex_encode(b, sizeof(b), buf, sizeof(buf)), 12);
	ck_assert_str_eq(buf, "00020ACE7FFF");
	ck_assert_int_eq(saf_hex_encode(b, 0, buf, 1), 0);
	ck_assert_str_eq(buf, "");
	ck_assert_int_eq(saf_hex_encode(b, sizeof(b), buf, 12), -1);
	ck_assert_int_eq(errno, ERANGE);
	ck_assert_int_eq(saf_hex_encode(b, sizeof(b), buf, 13), 12);
	ck_assert_int_eq(saf_hex_encode(b, 1, buf, 0), -1);
}
END_TEST

Suite *
st_addr_suite(void)
{
	Suite *s = suite_create("addr");
	TCase *tc = tcase_create("addr");

	tcase_add_test(tc, test_inet);
	tcase_add_test(tc, test_inet6);
	tcase_add_test(tc, test_unix);
	tcase_add_test(tc, test_refused);
	tcase_add_test(tc, test_format);
	tcase_add_test(tc, test_hex);
	suite_add_tcase(s, tc);
	return s;
}
