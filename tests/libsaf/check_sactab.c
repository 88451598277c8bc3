/*
 * check_sactab.c - _sactab lines: every accepted form, every error with
 * its line, column and field, byte-exact round trips.
 */
#define _GNU_SOURCE
#include "saf_test.h"

#include <saf.h>

#include <string.h>

/* Lines the writer produces: parse then format gives them back. */
static const char *const canonical[] = {
	"zsmon:ttymon::0:/usr/lib/saf/ttymon\t# \n",
	"tcp:listen:d:3:/usr/lib/saf/listen tcp\t#TCP listener\n",
	"tcp6:listen:x:0:/usr/lib/saf/listen -m tcp6 tcp6\t#\n",
	"a:b:dx:2147483647:/x\t#comment # with hash\n",
	"ABCDEFGHIJKLMN:abcdefghijklmn::0: /leading/blank\t# \n",
};

START_TEST(test_roundtrip)
{
	struct saf_sactab_entry e;
	struct saf_error err;
	char buf[2048];
	size_t i;

	for (i = 0; i < sizeof(canonical) / sizeof(canonical[0]); i++) {
		const char *l = canonical[i];

		ck_assert_int_eq(
		    saf_sactab_parse(l, strlen(l), 1, &e, &err), 1);
		ck_assert_int_eq(saf_sactab_format(&e, buf, sizeof(buf), &err),
		    (int)strlen(l));
		ck_assert_str_eq(buf, l);
	}
}
END_TEST

START_TEST(test_fields)
{
	struct saf_sactab_entry e;
	struct saf_error err;
	static const char l[] = "tcp:listen:xd:12:/usr/lib/saf/listen  tcp  "
				"\t  #  a comment ";

	ck_assert_int_eq(saf_sactab_parse(l, strlen(l), 3, &e, &err), 1);
	ck_assert_str_eq(e.tag, "tcp");
	ck_assert_str_eq(e.type, "listen");
	ck_assert_uint_eq(e.flags, SAF_SAC_DFLAG | SAF_SAC_XFLAG);
	ck_assert_int_eq(e.rcount, 12);
	/* trailing blanks before the '#' go, the comment is kept whole */
	ck_assert_str_eq(e.command, "/usr/lib/saf/listen  tcp");
	ck_assert_str_eq(e.comment, "  a comment ");
	/* no comment at all */
	ck_assert_int_eq(saf_sactab_parse("t:y::0:/c", 9, 1, &e, &err), 1);
	ck_assert_str_eq(e.comment, "");
	ck_assert_uint_eq(e.flags, 0);
	/* the newline is not part of the line */
	ck_assert_int_eq(saf_sactab_parse("t:y::0:/c\n", 10, 1, &e, &err), 1);
	ck_assert_str_eq(e.command, "/c");
}
END_TEST

START_TEST(test_skipped)
{
	static const char *const lines[] = { "", "\n", "   \t", "# VERSION=1",
		"#", "  # zsmon:ttymon::0:/x", "\t\t# comment\n" };
	struct saf_sactab_entry e;
	struct saf_error err;
	size_t i;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		ck_assert_int_eq(
		    saf_sactab_parse(lines[i], strlen(lines[i]), 1, &e, &err),
		    0);
}
END_TEST

static const struct {
	const char *line;
	int code;
	const char *field; /* NULL: the line as a whole */
	int column;        /* 0: not checked */
} bad[] = {
	{ "tcp:listen::0", SAF_ECORRUPT, NULL, 0 },
	{ "tcp:listen:0:/x", SAF_ECORRUPT, NULL, 0 },
	{ "tcp", SAF_ECORRUPT, NULL, 0 },
	{ "tcp:listen::0:/x:y", SAF_EBADCHAR, "command", 17 },
	{ ":listen::0:/x", SAF_EEMPTY, "tag", 0 },
	{ "abcdefghijklmno:listen::0:/x", SAF_ETOOLONG, "tag", 0 },
	{ "t-p:listen::0:/x", SAF_EBADCHAR, "tag", 2 },
	{ " tcp:listen::0:/x", SAF_EBADCHAR, "tag", 1 },
	{ "tcp:::0:/x", SAF_EEMPTY, "type", 0 },
	{ "tcp:abcdefghijklmno::0:/x", SAF_ETOOLONG, "type", 0 },
	{ "tcp:li%sten::0:/x", SAF_EBADCHAR, "type", 7 },
	{ "tcp:listen:dy:0:/x", SAF_EBADFLAG, "flags", 13 },
	{ "tcp:listen:D:0:/x", SAF_EBADFLAG, "flags", 12 },
	{ "tcp:listen:::/x", SAF_EBADNUM, "restart count", 13 },
	{ "tcp:listen::x:/x", SAF_EBADNUM, "restart count", 13 },
	{ "tcp:listen::-1:/x", SAF_EBADNUM, "restart count", 13 },
	{ "tcp:listen::1a:/x", SAF_EBADNUM, "restart count", 14 },
	{ "tcp:listen::2147483648:/x", SAF_EBADNUM, "restart count", 13 },
	{ "tcp:listen::0:", SAF_EEMPTY, "command", 15 },
	{ "tcp:listen::0:   # blank command", SAF_EEMPTY, "command", 15 },
	{ "tcp:listen::0:/x\ny:z::0:/y", SAF_EBADCHAR, NULL, 17 },
};

START_TEST(test_errors)
{
	struct saf_sactab_entry e;
	struct saf_error err;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&err, 0, sizeof(err));
		ck_assert_msg(saf_sactab_parse(bad[i].line, strlen(bad[i].line),
				  42, &e, &err) == -1,
		    "accepted: %s", bad[i].line);
		st_error_is(&err, bad[i].code, 42, bad[i].field, bad[i].column,
		    bad[i].line);
	}
}
END_TEST

START_TEST(test_long_lines)
{
	struct saf_sactab_entry e;
	struct saf_error err;
	char line[SAF_LINE_MAX + 2];
	char out[SAF_LINE_MAX + 2];

	/* a line of exactly SAF_LINE_MAX bytes, longer than the old 511 */
	memset(line, 'c', sizeof(line));
	memcpy(line, "tcp:listen::0:/", 15);
	memcpy(line + SAF_LINE_MAX - 3, "\t#x", 3);
	line[SAF_LINE_MAX] = '\n';
	ck_assert_int_eq(
	    saf_sactab_parse(line, SAF_LINE_MAX + 1, 1, &e, &err), 1);
	ck_assert_uint_eq(strlen(e.command), SAF_LINE_MAX - 3 - 14);
	ck_assert_int_eq(
	    saf_sactab_format(&e, out, sizeof(out), &err), SAF_LINE_MAX + 1);
	ck_assert_mem_eq(out, line, SAF_LINE_MAX + 1);
	/* one more byte is an error at that line, not a split */
	line[SAF_LINE_MAX] = 'c';
	ck_assert_int_eq(
	    saf_sactab_parse(line, SAF_LINE_MAX + 1, 9, &e, &err), -1);
	ck_assert_int_eq(err.code, SAF_ETOOLONG);
	ck_assert_int_eq(err.line, 9);
}
END_TEST

START_TEST(test_format_errors)
{
	struct saf_sactab_entry e, base;
	struct saf_error err;
	char buf[2048];

	memset(&base, 0, sizeof(base));
	strcpy(base.tag, "tcp");
	strcpy(base.type, "listen");
	strcpy(base.command, "/x");
	strcpy(base.comment, " ");
	ck_assert_int_eq(saf_sactab_format(&base, buf, sizeof(buf), &err), 20);
	ck_assert_str_eq(buf, "tcp:listen::0:/x\t# \n");
	/* no room */
	ck_assert_int_eq(saf_sactab_format(&base, buf, 20, &err), -1);
	e = base;
	strcpy(e.command, "/x:y");
	ck_assert_int_eq(saf_sactab_format(&e, buf, sizeof(buf), &err), -1);
	ck_assert_str_eq(err.field, "command");
	e = base;
	strcpy(e.command, "/x#y");
	ck_assert_int_eq(saf_sactab_format(&e, buf, sizeof(buf), &err), -1);
	e = base;
	strcpy(e.command, "/x\ny");
	ck_assert_int_eq(saf_sactab_format(&e, buf, sizeof(buf), &err), -1);
	e = base;
	strcpy(e.command, "/x ");
	ck_assert_int_eq(saf_sactab_format(&e, buf, sizeof(buf), &err), -1);
	e = base;
	e.command[0] = '\0';
	ck_assert_int_eq(saf_sactab_format(&e, buf, sizeof(buf), &err), -1);
	e = base;
	strcpy(e.comment, "a\nb");
	ck_assert_int_eq(saf_sactab_format(&e, buf, sizeof(buf), &err), -1);
	ck_assert_str_eq(err.field, "comment");
	e = base;
	e.flags = 4;
	ck_assert_int_eq(saf_sactab_format(&e, buf, sizeof(buf), &err), -1);
	e = base;
	e.rcount = -1;
	ck_assert_int_eq(saf_sactab_format(&e, buf, sizeof(buf), &err), -1);
	e = base;
	strcpy(e.tag, "a b");
	ck_assert_int_eq(saf_sactab_format(&e, buf, sizeof(buf), &err), -1);
	e = base;
	memset(e.tag, 'a', sizeof(e.tag)); /* not terminated */
	ck_assert_int_eq(saf_sactab_format(&e, buf, sizeof(buf), &err), -1);
	e = base;
	memset(e.comment, 'c', SAF_LINE_MAX - 10);
	ck_assert_int_eq(saf_sactab_format(&e, buf, sizeof(buf), &err), -1);
	ck_assert_int_eq(err.code, SAF_ETOOLONG);
}
END_TEST

START_TEST(test_flags_text)
{
	char buf[3];

	ck_assert_str_eq(saf_sac_flags(0, buf), "");
	ck_assert_str_eq(saf_sac_flags(SAF_SAC_DFLAG, buf), "d");
	ck_assert_str_eq(saf_sac_flags(SAF_SAC_XFLAG, buf), "x");
	ck_assert_str_eq(
	    saf_sac_flags(SAF_SAC_XFLAG | SAF_SAC_DFLAG, buf), "dx");
}
END_TEST

Suite *
st_sactab_suite(void)
{
	Suite *s = suite_create("sactab");
	TCase *tc = tcase_create("sactab");

	tcase_add_test(tc, test_roundtrip);
	tcase_add_test(tc, test_fields);
	tcase_add_test(tc, test_skipped);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_long_lines);
	tcase_add_test(tc, test_format_errors);
	tcase_add_test(tc, test_flags_text);
	suite_add_tcase(s, tc);
	return s;
}
