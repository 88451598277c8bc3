/*
 * check_line.c - the line syntax, tags, "# VERSION=" lines, check_version
 * and the SAF paths.
 */
#define _GNU_SOURCE
#include "saf_test.h"

#include <sac.h>
#include <saf.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
span_is(const struct saf_span *s, const char *text, size_t col)
{
	ck_assert_uint_eq(s->len, strlen(text));
	ck_assert_mem_eq(s->p, text, s->len);
	ck_assert_uint_eq(s->col, col);
}

START_TEST(test_trim)
{
	struct saf_line l;
	static const char a[] = "  a:b \t# the comment \n";

	saf_line_trim(a, strlen(a), &l);
	/* leading white space stays, trailing goes, comment kept whole */
	span_is(&l.body, "  a:b", 1);
	span_is(&l.comment, " the comment ", 9);
	saf_line_trim("x:y", 3, &l);
	span_is(&l.body, "x:y", 1);
	ck_assert_ptr_null(l.comment.p);
	/* a '#' anywhere starts the comment */
	saf_line_trim("cmd \"a#b\"", 9, &l);
	span_is(&l.body, "cmd \"a", 1);
	span_is(&l.comment, "b\"", 8);
	saf_line_trim("# VERSION=1", 11, &l);
	ck_assert_uint_eq(l.body.len, 0);
	saf_line_trim(" \t \n", 4, &l);
	ck_assert_uint_eq(l.body.len, 0);
	saf_line_trim("", 0, &l);
	ck_assert_uint_eq(l.body.len, 0);
}
END_TEST

START_TEST(test_split)
{
	struct saf_span body = { "a::b:c:d", 8, 1 }, f[4];

	ck_assert_uint_eq(saf_line_split(&body, f, 4, 0), 5);
	span_is(&f[0], "a", 1);
	span_is(&f[1], "", 3);
	span_is(&f[2], "b", 4);
	/* the last field takes the rest, colons included */
	span_is(&f[3], "c:d", 6);
	body.p = ":";
	body.len = 1;
	ck_assert_uint_eq(saf_line_split(&body, f, 4, 0), 2);
	span_is(&f[0], "", 1);
	span_is(&f[1], "", 2);
	body.p = "";
	body.len = 0;
	ck_assert_uint_eq(saf_line_split(&body, f, 4, 0), 1);
	span_is(&f[0], "", 1);
	/* "\:" separates nothing when asked */
	body.p = "1.2.3.4\\:80:x";
	body.len = strlen(body.p);
	ck_assert_uint_eq(saf_line_split(&body, f, 4, SAF_SPLIT_ESCAPE), 2);
	span_is(&f[0], "1.2.3.4\\:80", 1);
	span_is(&f[1], "x", 13);
	ck_assert_uint_eq(saf_line_split(&body, f, 4, 0), 3);
	/* a trailing backslash is just a character */
	body.p = "a\\";
	body.len = 2;
	ck_assert_uint_eq(saf_line_split(&body, f, 4, SAF_SPLIT_ESCAPE), 1);
	span_is(&f[0], "a\\", 1);
}
END_TEST

START_TEST(test_tags)
{
	struct saf_error err;

	ck_assert_int_eq(saf_tag_check("tcp", 3, 14, "tag", &err), 0);
	ck_assert_int_eq(
	    saf_tag_check("abcdefghijklmn", 14, 14, "tag", &err), 0);
	ck_assert_int_eq(
	    saf_tag_check("abcdefghijklmno", 15, 14, "tag", &err), -1);
	ck_assert_int_eq(err.code, SAF_ETOOLONG);
	ck_assert_str_eq(err.field, "tag");
	ck_assert_int_eq(saf_tag_check("", 0, 14, "svctag", &err), -1);
	ck_assert_int_eq(err.code, SAF_EEMPTY);
	ck_assert_str_eq(err.field, "svctag");
	ck_assert_int_eq(saf_tag_check("a.b", 3, 14, "tag", &err), -1);
	ck_assert_int_eq(err.code, SAF_EBADCHAR);
	ck_assert_int_eq(err.column, 2);
	ck_assert_int_eq(saf_tag_check("..", 2, 14, "tag", NULL), -1);
	ck_assert_int_eq(saf_tag_check("a/b", 3, 14, "tag", NULL), -1);
}
END_TEST

/* check_version on a buffer: every case of the reference. */
static const struct {
	const char *text;
	int ver;
	int want;
} versions[] = {
	{ "# VERSION=1\n", 1, 0 }, { "# VERSION=1\n", 2, 1 },
	{ "# VERSION=4\nsvc::x\n", 4, 0 },
	{ "junk\n\n# VERSION=4\n", 4, 0 },      /* any line */
	{ "# VERSION=1\n# VERSION=2\n", 2, 1 }, /* the first counts */
	{ "# VERSION= 1x\n", 1, 0 },            /* atoi */
	{ "# VERSION=\t 7\n", 7, 0 },
	{ "# VERSION=\n", 0, 0 }, /* newline: version 0 */
	{ "# VERSION=", 0, 3 },   /* nothing after '=' */
	{ "# VERSION=x\n", 0, 0 }, { "# VERSION=-3\n", -3, 0 },
	{ "# VERSION=99999999999999\n", 2147483647, 0 },
	{ " # VERSION=1\n", 1, 3 }, /* must start the line */
	{ "#VERSION=1\n", 1, 3 }, { "# version=1\n", 1, 3 }, { "", 1, 3 },
	{ "tag:type::0:/bin/x\n", 1, 3 },
	{ "# VERSION=4", 4, 0 }, /* no newline at the end */
};

START_TEST(test_version_buf)
{
	size_t i;

	for (i = 0; i < sizeof(versions) / sizeof(versions[0]); i++)
		ck_assert_msg(
		    saf_check_version_buf(versions[i].ver, versions[i].text,
			strlen(versions[i].text)) == versions[i].want,
		    "case %zu: \"%s\"", i, versions[i].text);
}
END_TEST

START_TEST(test_check_version)
{
	char *dir = st_tmpdir();
	char path[4096];
	size_t i;

	for (i = 0; i < sizeof(versions) / sizeof(versions[0]); i++) {
		snprintf(path, sizeof(path), "%s", st_path(dir, "t"));
		st_write(path, versions[i].text);
		ck_assert_msg(
		    check_version(versions[i].ver, path) == versions[i].want,
		    "case %zu: \"%s\"", i, versions[i].text);
	}
	/* a version line after a line longer than the old 512-byte buffer */
	{
		char big[2000];

		memset(big, 'a', sizeof(big));
		memcpy(big + 600, "\n# VERSION=1\n", 14);
		st_write(path, big);
		ck_assert_int_eq(check_version(1, path), 0);
		/* no fragment of a long line counts as a version line */
		memset(big, 'a', sizeof(big));
		memcpy(big + 1023, "# VERSION=1\n", 13);
		st_write(path, big);
		ck_assert_int_eq(check_version(1, path), 3);
	}
	ck_assert_int_eq(check_version(1, (char *)st_path(dir, "none")), 2);
	st_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_version_line)
{
	char buf[32];
	int v;

	ck_assert_int_eq(saf_version_line(4, buf, sizeof(buf)), 12);
	ck_assert_str_eq(buf, "# VERSION=4\n");
	ck_assert_int_eq(saf_version_line(4, buf, 12), -1);
	ck_assert_int_eq(saf_version_find(buf, strlen(buf), &v), 0);
	ck_assert_int_eq(v, 4);
	ck_assert_int_eq(saf_version_find("x\n", 2, &v), -1);
}
END_TEST

START_TEST(test_paths_default)
{
	char buf[4096];

	unsetenv("SAF_ETC");
	unsetenv("SAF_VAR");
	unsetenv("SAF_UTMPX");
	unsetenv("SAF_WTMPX");
	ck_assert_str_eq(saf_etc_dir(), SAF_SYSCONFDIR "/saf");
	ck_assert_str_eq(saf_var_dir(), SAF_LOCALSTATEDIR "/saf");
	ck_assert_str_eq(saf_utmpx_file(), "/var/run/utmp");
	ck_assert_str_eq(saf_wtmpx_file(), "/var/log/wtmp");
	setenv("SAF_ETC", "", 1); /* empty counts as unset */
	ck_assert_int_eq(saf_path(buf, sizeof(buf), SAF_P_SACTAB, NULL), 0);
	ck_assert_str_eq(buf, SAF_SYSCONFDIR "/saf/_sactab");
}
END_TEST

START_TEST(test_paths)
{
	static const struct {
		enum saf_pathname which;
		const char *want;
	} cases[] = {
		{ SAF_P_SACTAB, "/e/_sactab" },
		{ SAF_P_SYSCONFIG, "/e/_sysconfig" },
		{ SAF_P_SACPIPE, "/e/_sacpipe" },
		{ SAF_P_CMDPIPE, "/e/_cmdpipe" },
		{ SAF_P_LOG, "/v/_log" },
		{ SAF_P_PMDIR, "/e/tcp" },
		{ SAF_P_PMTAB, "/e/tcp/_pmtab" },
		{ SAF_P_CONFIG, "/e/tcp/_config" },
		{ SAF_P_PID, "/e/tcp/_pid" },
		{ SAF_P_PMPIPE, "/e/tcp/_pmpipe" },
		{ SAF_P_PMVARDIR, "/v/tcp" },
		{ SAF_P_PMLOG, "/v/tcp/log" },
		{ SAF_P_PMOLOG, "/v/tcp/o.log" },
		{ SAF_P_PMSTATUS, "/v/tcp/status" },
	};
	char buf[64];
	size_t i;

	setenv("SAF_ETC", "/e", 1);
	setenv("SAF_VAR", "/v", 1);
	setenv("SAF_UTMPX", "/u", 1);
	setenv("SAF_WTMPX", "/w", 1);
	ck_assert_str_eq(saf_utmpx_file(), "/u");
	ck_assert_str_eq(saf_wtmpx_file(), "/w");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_int_eq(
		    saf_path(buf, sizeof(buf), cases[i].which, "tcp"), 0);
		ck_assert_str_eq(buf, cases[i].want);
	}
	ck_assert_int_eq(saf_path_svc(buf, sizeof(buf), "tcp", "lpd"), 0);
	ck_assert_str_eq(buf, "/e/tcp/lpd");
	/* too long: an error and an empty buffer, never a cut path */
	errno = 0;
	ck_assert_int_eq(saf_path(buf, 10, SAF_P_SACTAB, NULL), -1);
	ck_assert_int_eq(errno, ENAMETOOLONG);
	ck_assert_str_eq(buf, "");
	ck_assert_int_eq(saf_path(buf, 11, SAF_P_SACTAB, NULL), 0);
	ck_assert_int_eq(saf_path(buf, 11, SAF_P_SACTAB, NULL), 0);
	/* tags that are not safe path components */
	ck_assert_int_eq(saf_path(buf, sizeof(buf), SAF_P_PMTAB, ".."), -1);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_int_eq(saf_path(buf, sizeof(buf), SAF_P_PMTAB, "a/b"), -1);
	ck_assert_int_eq(saf_path(buf, sizeof(buf), SAF_P_PMTAB, NULL), -1);
	ck_assert_int_eq(
	    saf_path(buf, sizeof(buf), SAF_P_PMTAB, "abcdefghijklmno"), -1);
	ck_assert_int_eq(saf_path_svc(buf, sizeof(buf), "tcp", "../x"), -1);
	ck_assert_int_eq(
	    saf_path(buf, sizeof(buf), (enum saf_pathname)99, "tcp"), -1);
}
END_TEST

START_TEST(test_errors)
{
	struct saf_error err;
	char buf[128];

	ck_assert_str_eq(saf_strerror(SAF_OK), "no error");
	ck_assert_str_eq(saf_strerror(SAF_ETOOLONG), "too long");
	ck_assert_str_eq(saf_strerror(-1), "unknown error");
	ck_assert_str_eq(saf_strerror(1000), "unknown error");
	ck_assert_int_eq(saf_tag_check("a.b", 3, 14, "tag", &err), -1);
	err.line = 7;
	saf_error_format(&err, buf, sizeof(buf));
	ck_assert_str_eq(
	    buf, "line 7, column 2: tag: tag must be alphanumeric");
	err.column = 0;
	err.field = NULL;
	saf_error_format(&err, buf, sizeof(buf));
	ck_assert_str_eq(buf, "line 7: tag must be alphanumeric");
}
END_TEST

Suite *
st_line_suite(void)
{
	Suite *s = suite_create("line");
	TCase *tc = tcase_create("line");

	tcase_add_test(tc, test_trim);
	tcase_add_test(tc, test_split);
	tcase_add_test(tc, test_tags);
	tcase_add_test(tc, test_version_buf);
	tcase_add_test(tc, test_check_version);
	tcase_add_test(tc, test_version_line);
	tcase_add_test(tc, test_paths_default);
	tcase_add_test(tc, test_paths);
	tcase_add_test(tc, test_errors);
	suite_add_tcase(s, tc);
	return s;
}
