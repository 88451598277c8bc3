/*
 * check_pure.c - the pure helpers: hex decoding and encoding (the
 * reference's nlsc2addr codes), the request, the reply parser, the
 * connection message check.  Table-driven.
 */
#include "nls_test.h"
#include "nls_impl.h"

#include <string.h>

START_TEST(hex_decodes_either_case)
{
	static const char *inputs[] = { "0A1bFf00", "0a1BfF00", "0A1BFF00" };
	const unsigned char want[] = { 0x0a, 0x1b, 0xff, 0x00 };
	unsigned char out[8];
	size_t i;

	for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		memset(out, 0xee, sizeof(out));
		ck_assert_int_eq(
		    nlsi_c2addr(out, sizeof(out), inputs[i], strlen(inputs[i])),
		    4);
		ck_assert_mem_eq(out, want, 4);
		ck_assert_uint_eq(out[4], 0xee); /* nothing past the end */
	}
	ck_assert_int_eq(nlsi_c2addr(out, 0, "", 0), 0);
}
END_TEST

START_TEST(hex_error_codes)
{
	static const struct {
		const char *in;
		size_t max;
		int want;
	} cases[] = {
		{ "ABC", 8, NLSI_HEX_ODD }, { "A", 8, NLSI_HEX_ODD },
		{ "ABCDEF", 2, NLSI_HEX_SMALL }, { "0G", 8, NLSI_HEX_DIGIT },
		{ "G0", 8, NLSI_HEX_DIGIT }, { " 0", 8, NLSI_HEX_DIGIT },
		{ "0x", 8, NLSI_HEX_DIGIT },
		{ "GGG", 8, NLSI_HEX_ODD },    /* odd is found first */
		{ "GGGG", 1, NLSI_HEX_SMALL }, /* then the size */
	};
	unsigned char out[8];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(out, 0xee, sizeof(out));
		ck_assert_msg(nlsi_c2addr(out, cases[i].max, cases[i].in,
				  strlen(cases[i].in)) == cases[i].want,
		    "%s: %d expected", cases[i].in, cases[i].want);
		ck_assert_uint_eq(out[0], 0xee); /* nothing written */
	}
}
END_TEST

START_TEST(hex_encodes_uppercase)
{
	const unsigned char in[] = { 0x00, 0x02, 0xab, 0xcd, 0xef, 0x7f };
	char out[13];

	ck_assert_int_eq(nlsi_addr2c(out, sizeof(out), in, sizeof(in)), 12);
	ck_assert_str_eq(out, "0002ABCDEF7F");
	ck_assert_int_eq(nlsi_addr2c(out, sizeof(out) - 1, in, sizeof(in)), -1);
	ck_assert_int_eq(nlsi_addr2c(out, 1, in, 0), 0);
	ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(request_formats)
{
	char buf[NLSI_REQ_MAX];

	ck_assert_int_eq(nlsi_request(buf, sizeof(buf), "1"), 15);
	ck_assert_mem_eq(buf, "NLPS:002:002:1", 15);
	ck_assert_int_eq(nlsi_request(buf, sizeof(buf), "abcdefghijklm"), 27);
	ck_assert_mem_eq(buf, "NLPS:002:002:abcdefghijklm", 27);
	ck_assert_int_eq(nlsi_request(buf, sizeof(buf), "abcdefghijklmn"), -1);
	ck_assert_int_eq(nlsi_request(buf, sizeof(buf), ""), -1);
	ck_assert_int_eq(nlsi_request(buf, sizeof(buf), NULL), -1);
	ck_assert_int_eq(nlsi_request(buf, 14, "1"), -1);
}
END_TEST

static const struct {
	const char *reply;
	int code;
	const char *text;
} nt_replies[] = {
	{ "2:0:NLPS (lp) exec: /usr/lib/lp", 0, "NLPS (lp) exec: /usr/lib/lp" },
	{ "2:3:unknown", 3, "unknown" },
	{ "2:4:disabled: really", 4, "disabled: really" },
	{ "2:2:", 2, "" },
	{ "2:0", 0, "" },
	{ "002:004:x", 4, "x" },
	{ "9:999:", 999, "" },
	{ "", -1, NULL },
	{ "2", -1, NULL },
	{ "2:", -1, NULL },
	{ ":0:text", -1, NULL },
	{ "2:x:text", -1, NULL },
	{ "2:-1:text", -1, NULL },
	{ "2:1000:text", -1, NULL },
	{ "2:0x:text", -1, NULL },
	{ "2;0;text", -1, NULL },
	{ "x:0:text", -1, NULL },
	{ " 2:0:text", -1, NULL },
};

START_TEST(reply_parses)
{
	const char *r = nt_replies[_i].reply;
	size_t text = 12345;
	int code = nlsi_parse_reply(r, strlen(r), &text);

	ck_assert_msg(code == nt_replies[_i].code, "\"%s\": %d, %d expected", r,
	    code, nt_replies[_i].code);
	if (code >= 0)
		ck_assert_str_eq(r + text, nt_replies[_i].text);
}
END_TEST

START_TEST(reply_with_nul_inside)
{
	size_t text;

	ck_assert_int_eq(nlsi_parse_reply("2:0:a\0b", 7, &text), -1);
	/* the length, not a NUL, ends the reply */
	ck_assert_int_eq(nlsi_parse_reply("2:3:abc", 3, &text), 3);
	ck_assert_uint_eq(text, 3);
}
END_TEST

START_TEST(passmsg_checks)
{
	struct nls_passmsg m, bad;

	nt_passmsg(&m, "svc", "tcp", NULL, NULL);
	ck_assert(nlsi_passmsg_ok(&m, sizeof(m)));
	ck_assert(!nlsi_passmsg_ok(&m, sizeof(m) - 1));
	ck_assert(!nlsi_passmsg_ok(&m, 0));
	bad = m;
	bad.magic ^= 1;
	ck_assert(!nlsi_passmsg_ok(&bad, sizeof(bad)));
	bad = m;
	bad.version = NLS_PASS_VERSION + 1;
	ck_assert(!nlsi_passmsg_ok(&bad, sizeof(bad)));
	bad = m;
	bad.size = sizeof(m) - 4;
	ck_assert(!nlsi_passmsg_ok(&bad, sizeof(bad)));
	bad = m;
	memset(bad.svc_code, 'a', sizeof(bad.svc_code));
	ck_assert(!nlsi_passmsg_ok(&bad, sizeof(bad)));
	bad = m;
	memset(bad.netspec, 'n', sizeof(bad.netspec));
	ck_assert(!nlsi_passmsg_ok(&bad, sizeof(bad)));
	bad = m;
	bad.caller_len = NLS_ADDR_MAX + 1;
	ck_assert(!nlsi_passmsg_ok(&bad, sizeof(bad)));
	bad = m;
	bad.local_len = NLS_ADDR_MAX + 1;
	ck_assert(!nlsi_passmsg_ok(&bad, sizeof(bad)));
	bad = m;
	bad.caller_len = bad.local_len = NLS_ADDR_MAX;
	ck_assert(nlsi_passmsg_ok(&bad, sizeof(bad)));
}
END_TEST

START_TEST(passmsg_layout)
{
	/* docs/rendezvous.md gives these offsets; the listener relies on them */
	ck_assert_uint_eq(offsetof(struct nls_passmsg, magic), 0);
	ck_assert_uint_eq(offsetof(struct nls_passmsg, version), 4);
	ck_assert_uint_eq(offsetof(struct nls_passmsg, size), 6);
	ck_assert_uint_eq(offsetof(struct nls_passmsg, svc_code), 8);
	ck_assert_uint_eq(offsetof(struct nls_passmsg, netspec), 24);
	ck_assert_uint_eq(offsetof(struct nls_passmsg, caller_len), 56);
	ck_assert_uint_eq(offsetof(struct nls_passmsg, local_len), 60);
	ck_assert_uint_eq(offsetof(struct nls_passmsg, caller), 64);
	ck_assert_uint_eq(offsetof(struct nls_passmsg, local), 192);
	ck_assert_uint_eq(sizeof(struct nls_passmsg), 320);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	ck_assert_mem_eq(&(uint32_t){ NLS_PASS_MAGIC }, "NLSP", 4);
#endif
}
END_TEST

START_TEST(callinfo_from_message)
{
	struct sockaddr_in caller, local;
	struct nls_callinfo info;
	struct nls_passmsg m;

	memset(&caller, 0, sizeof(caller));
	caller.sin_family = AF_INET;
	caller.sin_port = htons(0x1234);
	caller.sin_addr.s_addr = htonl(0x7f000001);
	local = caller;
	local.sin_port = htons(2766);
	nt_passmsg(&m, "lp", "tcp", &caller, &local);
	nlsi_callinfo(&info, &m);
	ck_assert_str_eq(info.svc_code, "lp");
	ck_assert_str_eq(info.netspec, "tcp");
	ck_assert_uint_eq(info.caller.len, sizeof(caller));
	ck_assert_ptr_eq(info.caller.buf, info.caller_buf);
	ck_assert_mem_eq(info.caller.buf, &caller, sizeof(caller));
	ck_assert_uint_eq(info.local.len, sizeof(local));
	ck_assert_ptr_eq(info.local.buf, info.local_buf);
	ck_assert_mem_eq(info.local.buf, &local, sizeof(local));
	ck_assert_str_eq(info.nlsaddr, "020012347F0000010000000000000000");
}
END_TEST

Suite *
nt_pure_suite(void)
{
	Suite *s = suite_create("pure");
	TCase *tc = tcase_create("pure");

	tcase_add_test(tc, hex_decodes_either_case);
	tcase_add_test(tc, hex_error_codes);
	tcase_add_test(tc, hex_encodes_uppercase);
	tcase_add_test(tc, request_formats);
	tcase_add_loop_test(tc, reply_parses, 0,
	    (int)(sizeof(nt_replies) / sizeof(nt_replies[0])));
	tcase_add_test(tc, reply_with_nul_inside);
	tcase_add_test(tc, passmsg_checks);
	tcase_add_test(tc, passmsg_layout);
	tcase_add_test(tc, callinfo_from_message);
	suite_add_tcase(s, tc);
	return s;
}
