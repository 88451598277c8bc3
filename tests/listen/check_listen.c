/*
 * check_listen.c - the listener's pure parsers: NLPS requests (scan,
 * parse, reply), SMB negotiate messages, and _pmtab tables.
 */
#include "config.h"

#include "ls.h"
#include "nlps.h"

#include <arpa/inet.h>
#include <check.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/un.h>

struct scan_case {
	const char *in;
	size_t len;
	enum nlps_scan want;
	size_t take;
};

#define S(lit) lit, sizeof(lit) - 1

static const struct scan_case scans[] = {
	{ S("NLPS:002:002:echo\0after"), NLPS_SCAN_NLPS, 18 },
	{ S("NLPS:002:002:echo"), NLPS_SCAN_MORE, 17 },
	{ S("NLP"), NLPS_SCAN_MORE, 3 },
	{ S("NLPX"), NLPS_SCAN_UNKNOWN, 0 },
	{ S("GET / HTTP/1.0\r\n"), NLPS_SCAN_UNKNOWN, 0 },
	{ S("\xff"), NLPS_SCAN_MORE, 1 },
	{ S("\xffSMB\x72"), NLPS_SCAN_MORE, 5 },
	{ S("\xffSMX"), NLPS_SCAN_UNKNOWN, 0 },
	{ S("\x00\x00\x00\x23\xffS"), NLPS_SCAN_MORE, 6 },
	{ S("\x00\x00\x00\x23\xffSMX"), NLPS_SCAN_UNKNOWN, 0 },
	{ S("\x00\x01\xff\xff\xffSMB"), NLPS_SCAN_TOOLONG, 0 },
};

START_TEST(scan_table)
{
	const struct scan_case *c = &scans[_i];
	size_t take = 99;

	ck_assert_int_eq(
	    nlps_scan((const unsigned char *)c->in, c->len, &take), c->want);
	if (c->want != NLPS_SCAN_UNKNOWN && c->want != NLPS_SCAN_TOOLONG)
		ck_assert_uint_eq(take, c->take);
}
END_TEST

/* A negotiate message with the given dialects (and wrong fields). */
static size_t
smb_msg(unsigned char *p, int command, int wcnt, const char *data, size_t dlen)
{
	memset(p, 0, 35);
	memcpy(p, "\xffSMB", 4);
	p[4] = (unsigned char)command;
	p[32] = (unsigned char)wcnt;
	p[33] = (unsigned char)(dlen & 0xff);
	p[34] = (unsigned char)(dlen >> 8);
	memcpy(p + 35, data, dlen);
	return 35 + dlen;
}

static const char dialects[] = "\x02NT 1 LM 0.12\0\x02LM1.2\0";

START_TEST(scan_smb_complete_and_bounded)
{
	unsigned char m[NLPS_REQ_MAX + 64], nb[NLPS_REQ_MAX + 64];
	size_t n = smb_msg(m, 0x72, 0, dialects, sizeof(dialects) - 1);
	size_t take;

	/* byte by byte it is never more than the message */
	for (size_t k = 1; k < n; k++) {
		ck_assert_int_eq(nlps_scan(m, k, &take), NLPS_SCAN_MORE);
		ck_assert_uint_le(take, k);
	}
	m[n] = 'X'; /* a byte after the message is never taken */
	ck_assert_int_eq(nlps_scan(m, n + 1, &take), NLPS_SCAN_SMB);
	ck_assert_uint_eq(take, n);
	/* after a NetBIOS session header */
	nb[0] = 0;
	nb[1] = 0;
	nb[2] = (unsigned char)(n >> 8);
	nb[3] = (unsigned char)(n & 0xff);
	memcpy(nb + 4, m, n + 1);
	ck_assert_int_eq(nlps_scan(nb, n + 5, &take), NLPS_SCAN_SMB);
	ck_assert_uint_eq(take, n + 4);
	/* an SMB message larger than a request may be */
	m[33] = 0xff;
	m[34] = 0x03;
	ck_assert_int_eq(nlps_scan(m, 40, &take), NLPS_SCAN_TOOLONG);
}
END_TEST

START_TEST(scan_nlps_too_long)
{
	unsigned char buf[NLPS_REQ_MAX];
	size_t take;

	memset(buf, 'x', sizeof(buf));
	memcpy(buf, "NLPS:", 5);
	ck_assert_int_eq(nlps_scan(buf, sizeof(buf), &take), NLPS_SCAN_TOOLONG);
	buf[sizeof(buf) - 1] = '\0';
	ck_assert_int_eq(nlps_scan(buf, sizeof(buf), &take), NLPS_SCAN_NLPS);
	ck_assert_uint_eq(take, sizeof(buf));
}
END_TEST

struct parse_case {
	const char *in;
	enum nlps_verdict want;
	int low, high;
	const char *code;
};

static const struct parse_case parses[] = {
	{ "NLPS:002:002:echo", NLPS_OK, 2, 2, "echo" },
	{ "NLPS:2:2:echo", NLPS_OK, 2, 2, "echo" },
	{ "NLPS:000:001:7", NLPS_OK, 0, 1, "7" },
	{ "NLPS:002:999:x", NLPS_OK, 2, 999, "x" },
	{ "NLPS:002:002:ab cd", NLPS_OK, 2, 2, "ab" },
	{ "NLPS:002:002: lead", NLPS_OK, 2, 2, "lead" },
	{ "NLPS:001:002:x", NLPS_BADVERSION, 1, 2, "x" },
	{ "NLPS:003:003:x", NLPS_BADVERSION, 3, 3, "x" },
	{ "NLPS:002:002:", NLPS_BADFORMAT, 0, 0, "" },
	{ "NLPS:002:002:   ", NLPS_BADFORMAT, 0, 0, "" },
	{ "NLPS:abc:002:x", NLPS_BADFORMAT, 0, 0, "" },
	{ "NLPS:0002:002:x", NLPS_BADFORMAT, 0, 0, "" },
	{ "NLPS::002:x", NLPS_BADFORMAT, 0, 0, "" },
	{ "NLPS:002002x", NLPS_BADFORMAT, 0, 0, "" },
	{ "NLPS:002:002x", NLPS_BADFORMAT, 0, 0, "" },
};

START_TEST(parse_table)
{
	const struct parse_case *c = &parses[_i];
	struct nlps_req r;
	enum nlps_verdict v = nlps_parse(c->in, strlen(c->in) + 1, &r);

	ck_assert_int_eq(v, c->want);
	if (v != NLPS_BADFORMAT) {
		ck_assert_int_eq(r.low, c->low);
		ck_assert_int_eq(r.high, c->high);
		ck_assert_str_eq(r.code, c->code);
	}
}
END_TEST

START_TEST(parse_long_code_does_not_overflow)
{
	char req[NLPS_REQ_MAX];
	struct nlps_req r;

	memset(req, 'c', sizeof(req));
	memcpy(req, "NLPS:002:002:", 13);
	req[sizeof(req) - 1] = '\0';
	ck_assert_int_eq(nlps_parse(req, sizeof(req), &r), NLPS_OK);
	ck_assert_uint_eq(strlen(r.code), sizeof(req) - 14);
	/* not NUL-terminated where it says: a format error */
	ck_assert_int_eq(nlps_parse("NLPS:002:002:x", 14, &r), NLPS_BADFORMAT);
}
END_TEST

START_TEST(reply_format)
{
	char buf[64];

	ck_assert_int_eq(nlps_reply(buf, sizeof(buf), 3, "denied"), 11);
	ck_assert_mem_eq(buf, "2:3:denied\0", 11);
	ck_assert_int_eq(nlps_reply(buf, 8, 0, "too long for it"), -1);
}
END_TEST

START_TEST(smb_parse_cases)
{
	unsigned char m[NLPS_REQ_MAX];
	struct smb_negprot r;
	size_t n = smb_msg(m, 0x72, 0, dialects, sizeof(dialects) - 1);

	ck_assert_int_eq(smb_parse(m, n, &r), 0);
	ck_assert_int_eq(r.ndialects, 2);
	ck_assert_str_eq(r.dialect[0], "NT 1 LM 0.12");
	ck_assert_str_eq(r.dialect[1], "LM1.2");
	n = smb_msg(m, 0x73, 0, dialects, sizeof(dialects) - 1);
	ck_assert_int_eq(smb_parse(m, n, &r), -1);
	ck_assert_str_eq(r.why, "SMB parser:: Bad Command Code, 0x73");
	n = smb_msg(m, 0x72, 1, dialects, sizeof(dialects) - 1);
	ck_assert_int_eq(smb_parse(m, n, &r), -1);
	ck_assert_str_eq(
	    r.why, "SMB parser:: Incorrect # of Parameter Words, 0x1");
	n = smb_msg(m, 0x72, 0, "\x02NT\0\x02LM", 7);
	ck_assert_int_eq(smb_parse(m, n, &r), -1);
	ck_assert_str_eq(
	    r.why, "SMB parser:: Bad Data Format, twos=2, nulls=1");
	ck_assert_int_eq(smb_parse(m, 20, &r), -1);
}
END_TEST

static int
parse_table_text(
    const char *text, int domain, struct ls_table *t, struct saf_error *err)
{
	return ls_table_parse(text, strlen(text), domain, t, err);
}

START_TEST(table_records_and_kinds)
{
	struct ls_table t;
	struct saf_error err;
	const char *text =
	    "# VERSION=4\n"
	    "0::root:reserved:reserved:reserved:127.0.0.1\\:2766::c::"
	    "/usr/lib/saf/nlps_server#NLPS\n"
	    "lp::lp:reserved:reserved:reserved:::p::/run/lp#passed\n"
	    "dyn:u:nobody:reserved:reserved:reserved::100005,1:cd::/bin/x a#d\n"
	    "\n# a comment\n"
	    "hex:x:nobody:reserved:reserved:reserved:"
	    "\\x00020ACE7F0000010000000000000000::c::/bin/y#hex\n";

	ck_assert_int_eq(parse_table_text(text, AF_INET, &t, &err), 0);
	ck_assert_uint_eq(t.n, 4);
	ck_assert_int_eq(t.v[0].how, LS_NLPS);
	ck_assert(t.v[0].has_addr && !t.v[0].dynamic);
	ck_assert_int_eq(
	    ((const struct sockaddr_in *)t.v[0].addr)->sin_port, htons(2766));
	ck_assert_int_eq(t.v[1].how, LS_PASS);
	ck_assert(!t.v[1].has_addr);
	ck_assert_int_eq(t.v[2].how, LS_EXEC);
	ck_assert(t.v[2].dynamic && t.v[2].has_addr);
	ck_assert_int_eq(t.v[2].rec.prog, 100005);
	ck_assert_int_eq(t.v[2].rec.vers, 1);
	ck_assert(t.v[2].ent.flags & SAF_PM_UFLAG);
	ck_assert(t.v[3].ent.flags & SAF_PM_XFLAG);
	ck_assert_int_eq(t.v[3].lineno, 7);
	/* a Solaris table's address: family in the other byte order */
	ck_assert_int_eq(t.v[3].addr->ss_family, AF_INET);
	ck_assert_int_eq(
	    ((const struct sockaddr_in *)t.v[3].addr)->sin_port, htons(2766));
	ck_assert_ptr_eq(ls_table_find(&t, "lp"), &t.v[1]);
	ck_assert_ptr_null(ls_table_find(&t, "nosuch"));
	ls_table_free(&t);
}
END_TEST

struct bad_case {
	const char *line;
	const char *field;
	const char *text;
};

static const struct bad_case bads[] = {
	{ "a::u:reserved:reserved:reserved:::c::/bin/x\n"
	  "a::u:reserved:reserved:reserved:::c::/bin/y",
	    "svctag", "duplicate service code" },
	{ "a::u:reserved:reserved:reserved:not-an-address::c::/bin/x",
	    "address", NULL },
	{ "a::u:reserved:reserved:reserved:\\$cmd\\$::c::/bin/x", "address",
	    "command substitution is not supported" },
	{ "a::u:reserved:reserved:reserved:::c::bin/x", "command",
	    "the program must be an absolute path" },
	{ "a::u:reserved:reserved:reserved:::p::run/x", "command",
	    "the rendezvous must be an absolute path" },
	{ "a::u:reserved:reserved:reserved:::q::/bin/x", "lflags", NULL },
	{ "a:z:u:reserved:reserved:reserved:::c::/bin/x", "flags", NULL },
	{ "a::u:reserved:reserved:reserved:::c:", NULL, NULL },
};

START_TEST(table_errors_name_line_and_field)
{
	const struct bad_case *c = &bads[_i];
	struct ls_table t;
	struct saf_error err;
	char text[512];

	snprintf(text, sizeof(text), "# VERSION=4\n%s\n", c->line);
	ck_assert_int_eq(parse_table_text(text, AF_INET, &t, &err), -1);
	ck_assert_int_ge(err.line, 2);
	if (c->field != NULL)
		ck_assert_str_eq(err.field, c->field);
	if (c->text != NULL)
		ck_assert_str_eq(err.text, c->text);
	ck_assert_ptr_null(t.v);
	ck_assert_uint_eq(t.n, 0);
}
END_TEST

START_TEST(nlps_by_basename)
{
	ck_assert(ls_is_nlps("/usr/lib/saf/nlps_server"));
	ck_assert(ls_is_nlps("/opt/x/nlps_server -v"));
	ck_assert(ls_is_nlps("nlps_server"));
	ck_assert(!ls_is_nlps("/usr/lib/saf/nlps_server2"));
	ck_assert(!ls_is_nlps("/usr/lib/saf/my_nlps_server"));
	ck_assert(!ls_is_nlps("/bin/cat nlps_server"));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("listen");
	TCase *tc = tcase_create("parsers");
	SRunner *sr;
	int failed;

	tcase_add_loop_test(
	    tc, scan_table, 0, (int)(sizeof(scans) / sizeof(scans[0])));
	tcase_add_test(tc, scan_smb_complete_and_bounded);
	tcase_add_test(tc, scan_nlps_too_long);
	tcase_add_loop_test(
	    tc, parse_table, 0, (int)(sizeof(parses) / sizeof(parses[0])));
	tcase_add_test(tc, parse_long_code_does_not_overflow);
	tcase_add_test(tc, reply_format);
	tcase_add_test(tc, smb_parse_cases);
	tcase_add_test(tc, table_records_and_kinds);
	tcase_add_loop_test(tc, table_errors_name_line_and_field, 0,
	    (int)(sizeof(bads) / sizeof(bads[0])));
	tcase_add_test(tc, nlps_by_basename);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
