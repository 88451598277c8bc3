/*
 * check_pmtab.c - _pmtab lines: the shared columns, the listener's
 * version-4 record, pmadm's display of pmspecific, byte-exact round trips.
 */
#define _GNU_SOURCE
#include "saf_test.h"

#include <saf.h>

#include <stdio.h>
#include <string.h>

/* Lines as pmadm and nlsadmin write them. */
static const char *const canonical[] = {
	"0::root:reserved:reserved:reserved:::c::/usr/lib/saf/nlps_server#NLPS "
	"server\n",
	"lpd:u:lp:reserved:reserved:reserved:"
	"\\x00020203000000000000000000000000"
	":::timod,tirdwr:/usr/lib/lpd# \n",
	"echo:ux:nobody:reserved:reserved:reserved:127.0.0.1\\:7:100005,1:c::"
	"/bin/cat -u#echo: the cat\n",
	"srv:x:listen:r1::r3:\\:2766::p::/run/srv.sock#\n",
	"dyn::listen:reserved:reserved:reserved::100,1:cd::/bin/x a:b:c# \n",
	"ttya:u:root:reserved:reserved:reserved:/dev/term/a:I::/usr/bin/login:"
	"9600:tvi925:y:login\\:#ttymon\n",
};

START_TEST(test_roundtrip)
{
	struct saf_pmtab_entry e;
	struct saf_error err;
	char buf[2048];
	size_t i;

	for (i = 0; i < sizeof(canonical) / sizeof(canonical[0]); i++) {
		const char *l = canonical[i];

		ck_assert_int_eq(saf_pmtab_parse(l, strlen(l), 1, &e, &err), 1);
		ck_assert_int_eq(saf_pmtab_format(&e, buf, sizeof(buf), &err),
		    (int)strlen(l));
		ck_assert_str_eq(buf, l);
	}
}
END_TEST

START_TEST(test_fields)
{
	struct saf_pmtab_entry e;
	struct saf_error err;
	const char *l = canonical[2];

	ck_assert_int_eq(saf_pmtab_parse(l, strlen(l), 5, &e, &err), 1);
	ck_assert_str_eq(e.svctag, "echo");
	ck_assert_uint_eq(e.flags, SAF_PM_UFLAG | SAF_PM_XFLAG);
	ck_assert_str_eq(e.id, "nobody");
	ck_assert_str_eq(e.res[0], "reserved");
	ck_assert_str_eq(e.pmspec, "127.0.0.1\\:7:100005,1:c::/bin/cat -u");
	ck_assert_uint_eq(e.pmspec_col, 43);
	ck_assert_str_eq(e.comment, "echo: the cat");
	/* 'X' disables too, as the listener reads it */
	ck_assert_int_eq(saf_pmtab_parse("s:X:i:r:r:r:p", 13, 1, &e, &err), 1);
	ck_assert_uint_eq(e.flags, SAF_PM_XFLAG);
	/* blank and comment lines */
	ck_assert_int_eq(saf_pmtab_parse("# VERSION=4\n", 12, 1, &e, &err), 0);
	ck_assert_int_eq(saf_pmtab_parse("   ", 3, 1, &e, &err), 0);
}
END_TEST

static const struct {
	const char *line;
	int code;
	const char *field;
	int column;
} bad[] = {
	{ "svc:u:id:r:r:r", SAF_ECORRUPT, NULL, 0 },
	{ "svc", SAF_ECORRUPT, NULL, 0 },
	{ ":u:id:r:r:r:x", SAF_EEMPTY, "svctag", 0 },
	{ "abcdefghijklmno::id:r:r:r:x", SAF_ETOOLONG, "svctag", 0 },
	{ "s_1::id:r:r:r:x", SAF_EBADCHAR, "svctag", 2 },
	{ "svc:uy:id:r:r:r:x", SAF_EBADFLAG, "flags", 6 },
	{ "svc:U:id:r:r:r:x", SAF_EBADFLAG, "flags", 5 },
	{ "svc::abcdefghijabcdefghijabcdefghijabc:r:r:r:x", SAF_ETOOLONG, "id",
	    6 },
};

START_TEST(test_errors)
{
	struct saf_pmtab_entry e;
	struct saf_error err;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(&err, 0, sizeof(err));
		ck_assert_msg(saf_pmtab_parse(bad[i].line, strlen(bad[i].line),
				  8, &e, &err) == -1,
		    "accepted: %s", bad[i].line);
		st_error_is(&err, bad[i].code, 8, bad[i].field, bad[i].column,
		    bad[i].line);
	}
}
END_TEST

START_TEST(test_format_errors)
{
	struct saf_pmtab_entry e, base;
	struct saf_error err;
	char buf[2048];

	saf_pmtab_entry_init(&base);
	strcpy(base.svctag, "lpd");
	strcpy(base.id, "lp");
	strcpy(base.pmspec, "::c::/bin/lpd");
	strcpy(base.comment, " ");
	ck_assert_int_eq(saf_pmtab_format(&base, buf, sizeof(buf), &err), 51);
	ck_assert_str_eq(
	    buf, "lpd::lp:reserved:reserved:reserved:::c::/bin/lpd# \n");
	e = base;
	strcpy(e.id, "a:b");
	ck_assert_int_eq(saf_pmtab_format(&e, buf, sizeof(buf), &err), -1);
	ck_assert_str_eq(err.field, "id");
	e = base;
	strcpy(e.res[1], "#");
	ck_assert_int_eq(saf_pmtab_format(&e, buf, sizeof(buf), &err), -1);
	e = base;
	strcpy(e.pmspec, "a#b");
	ck_assert_int_eq(saf_pmtab_format(&e, buf, sizeof(buf), &err), -1);
	ck_assert_str_eq(err.field, "pmspecific");
	e = base;
	strcpy(e.pmspec, "a\t");
	ck_assert_int_eq(saf_pmtab_format(&e, buf, sizeof(buf), &err), -1);
	e = base;
	strcpy(e.comment, "\n");
	ck_assert_int_eq(saf_pmtab_format(&e, buf, sizeof(buf), &err), -1);
	e = base;
	e.flags = 8;
	ck_assert_int_eq(saf_pmtab_format(&e, buf, sizeof(buf), &err), -1);
	e = base;
	e.svctag[0] = '\0';
	ck_assert_int_eq(saf_pmtab_format(&e, buf, sizeof(buf), &err), -1);
	e = base;
	memset(e.pmspec, 'p', SAF_LINE_MAX - 10);
	ck_assert_int_eq(saf_pmtab_format(&e, buf, sizeof(buf), &err), -1);
	ck_assert_int_eq(err.code, SAF_ETOOLONG);
	ck_assert_int_eq(saf_pmtab_format(&base, buf, 51, &err), -1);
}
END_TEST

START_TEST(test_listen)
{
	struct saf_pmtab_entry e;
	struct saf_listen_rec r;
	struct saf_error err;
	char buf[2048];
	const char *l = canonical[2];

	ck_assert_int_eq(saf_pmtab_parse(l, strlen(l), 1, &e, &err), 1);
	ck_assert_int_eq(saf_listen_parse(&e, 1, &r, &err), 0);
	ck_assert_str_eq(r.addr, "127.0.0.1\\:7");
	ck_assert_int_eq(r.prog, 100005);
	ck_assert_int_eq(r.vers, 1);
	ck_assert_uint_eq(r.lflags, SAF_LF_C);
	ck_assert_str_eq(r.modules, "");
	ck_assert_str_eq(r.command, "/bin/cat -u");
	ck_assert_int_eq(saf_listen_format(&r, buf, sizeof(buf), &err),
	    (int)strlen(e.pmspec));
	ck_assert_str_eq(buf, e.pmspec);
	/* no rpc, modules, a command with colons, dynamic address */
	l = canonical[4];
	ck_assert_int_eq(saf_pmtab_parse(l, strlen(l), 1, &e, &err), 1);
	ck_assert_int_eq(saf_listen_parse(&e, 1, &r, &err), 0);
	ck_assert_str_eq(r.addr, "");
	ck_assert_uint_eq(r.lflags, SAF_LF_C | SAF_LF_D);
	ck_assert_str_eq(r.command, "/bin/x a:b:c");
	ck_assert_int_eq(saf_listen_format(&r, buf, sizeof(buf), &err),
	    (int)strlen(e.pmspec));
	ck_assert_str_eq(buf, e.pmspec);
	l = canonical[1];
	ck_assert_int_eq(saf_pmtab_parse(l, strlen(l), 1, &e, &err), 1);
	ck_assert_int_eq(saf_listen_parse(&e, 1, &r, &err), 0);
	ck_assert_int_eq(r.prog, -1);
	ck_assert_int_eq(r.vers, -1);
	ck_assert_uint_eq(r.lflags, 0);
	ck_assert_str_eq(r.modules, "timod,tirdwr");
	/* lflags are written c, d, p whatever order they were read in */
	saf_listen_rec_init(&r);
	r.lflags = SAF_LF_P;
	strcpy(r.command, "/run/x");
	ck_assert_int_eq(saf_listen_format(&r, buf, sizeof(buf), &err), 11);
	ck_assert_str_eq(buf, "::p::/run/x");
}
END_TEST

static const struct {
	const char *pmspec;
	int code;
	const char *field;
	int column; /* in the line "s::i:r:r:r:<pmspec>" */
} badrec[] = {
	{ "a:b:c:d", SAF_ECORRUPT, NULL, 0 },
	{ "", SAF_ECORRUPT, NULL, 0 },
	{ "1.2.3.4\\:80:::", SAF_ECORRUPT, NULL, 0 },
	{ "0123456789012345678901234567890123456789012345678901234567890123"
	  "::c::/x",
	    SAF_ETOOLONG, "address", 12 },
	{ ":100:c::/x", SAF_EBADNUM, "rpcinfo", 13 },
	{ ":a,1:c::/x", SAF_EBADNUM, "rpcinfo", 13 },
	{ ":1,:c::/x", SAF_EBADNUM, "rpcinfo", 15 },
	{ ":,1:c::/x", SAF_EBADNUM, "rpcinfo", 13 },
	{ ":1,-1:c::/x", SAF_EBADNUM, "rpcinfo", 15 },
	{ "::cq::/x", SAF_EBADFLAG, "lflags", 15 },
	{ "::cp::/x", SAF_EBADFLAG, "lflags", 14 },
	{ "\\:80::cd::/x", SAF_EBADFLAG, "lflags", 18 },
};

START_TEST(test_listen_errors)
{
	struct saf_pmtab_entry e;
	struct saf_listen_rec r;
	struct saf_error err;
	char line[256];
	size_t i;

	for (i = 0; i < sizeof(badrec) / sizeof(badrec[0]); i++) {
		snprintf(line, sizeof(line), "s::i:r:r:r:%s", badrec[i].pmspec);
		ck_assert_int_eq(
		    saf_pmtab_parse(line, strlen(line), 3, &e, &err), 1);
		memset(&err, 0, sizeof(err));
		ck_assert_msg(saf_listen_parse(&e, 3, &r, &err) == -1,
		    "accepted: %s", line);
		st_error_is(&err, badrec[i].code, 3, badrec[i].field,
		    badrec[i].column, line);
	}
}
END_TEST

START_TEST(test_listen_format_errors)
{
	struct saf_listen_rec r, base;
	struct saf_error err;
	char buf[256];

	saf_listen_rec_init(&base);
	base.lflags = SAF_LF_C;
	strcpy(base.command, "/x");
	r = base;
	strcpy(r.addr, "1.2.3.4:80"); /* the ':' must be escaped */
	ck_assert_int_eq(saf_listen_format(&r, buf, sizeof(buf), &err), -1);
	ck_assert_str_eq(err.field, "address");
	r = base;
	strcpy(r.addr, "a#b");
	ck_assert_int_eq(saf_listen_format(&r, buf, sizeof(buf), &err), -1);
	r = base;
	r.prog = 100;
	ck_assert_int_eq(saf_listen_format(&r, buf, sizeof(buf), &err), -1);
	r = base;
	r.lflags = SAF_LF_C | SAF_LF_P;
	ck_assert_int_eq(saf_listen_format(&r, buf, sizeof(buf), &err), -1);
	r = base;
	r.lflags = SAF_LF_D;
	strcpy(r.addr, "\\:80");
	ck_assert_int_eq(saf_listen_format(&r, buf, sizeof(buf), &err), -1);
	r = base;
	strcpy(r.modules, "a:b");
	ck_assert_int_eq(saf_listen_format(&r, buf, sizeof(buf), &err), -1);
	r = base;
	strcpy(r.command, "/x ");
	ck_assert_int_eq(saf_listen_format(&r, buf, sizeof(buf), &err), -1);
	ck_assert_int_eq(saf_listen_format(&base, buf, 7, &err), -1);
	ck_assert_int_eq(saf_listen_format(&base, buf, 8, &err), 7);
	ck_assert_str_eq(buf, "::c::/x");
}
END_TEST

START_TEST(test_display)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "a::b:", "a - b " },
		{ ":x", "- x" },
		{ "", "" },
		{ "::c::/usr/lib/saf/nlps_server",
		    "- - c - /usr/lib/saf/nlps_server" },
		{ "/dev/term/a:I::/usr/bin/login:9600:tvi925:y:login\\: ",
		    "/dev/term/a I - /usr/bin/login 9600 tvi925 y login: " },
		{ "a\\b", "a\\b" },
	};
	char buf[128];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_int_eq(
		    saf_pmspec_display(cases[i].in, buf, sizeof(buf)),
		    (int)strlen(cases[i].out));
		ck_assert_str_eq(buf, cases[i].out);
	}
	ck_assert_int_eq(saf_pmspec_display("a::b:", buf, 6), -1);
	ck_assert_int_eq(saf_pmspec_display("a::b:", buf, 7), 6);
}
END_TEST

START_TEST(test_flags_text)
{
	char buf[3];

	ck_assert_str_eq(saf_pm_flags(0, buf), "");
	ck_assert_str_eq(saf_pm_flags(SAF_PM_UFLAG, buf), "u");
	ck_assert_str_eq(saf_pm_flags(SAF_PM_XFLAG, buf), "x");
	ck_assert_str_eq(saf_pm_flags(SAF_PM_XFLAG | SAF_PM_UFLAG, buf), "ux");
}
END_TEST

Suite *
st_pmtab_suite(void)
{
	Suite *s = suite_create("pmtab");
	TCase *tc = tcase_create("pmtab");

	tcase_add_test(tc, test_roundtrip);
	tcase_add_test(tc, test_fields);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_format_errors);
	tcase_add_test(tc, test_listen);
	tcase_add_test(tc, test_listen_errors);
	tcase_add_test(tc, test_listen_format_errors);
	tcase_add_test(tc, test_display);
	tcase_add_test(tc, test_flags_text);
	suite_add_tcase(s, tc);
	return s;
}
