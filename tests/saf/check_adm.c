/*
 * check_adm.c - the pure parts of sacadm and pmadm (saf/adm.h): option
 * value checks, -f letters, numbers, the -l/-L formats, sac's status
 * text, and the _cmdpipe exchange over a socketpair standing for sac.
 */
#include "config.h"

#include "adm.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* ---- option values ---- */

START_TEST(test_name_check)
{
	char ok[] = "tcp1", nl[] = "a\nb", empty[] = "", dash[] = "a-b";
	char longok[] = "abcdefghijklmnopq", longbad[] = "abcdefghijklm-op";
	char cutok[] = "abcdefghijklmn-op";
	bool cut;

	ck_assert_int_eq(adm_name_check(ok, 14, &cut), ADM_NAME_OK);
	ck_assert(!cut);
	ck_assert_int_eq(adm_name_check(nl, 14, &cut), ADM_NAME_NEWLINE);
	ck_assert_int_eq(adm_name_check(empty, 14, &cut), ADM_NAME_NOTALNUM);
	ck_assert_int_eq(adm_name_check(dash, 14, &cut), ADM_NAME_NOTALNUM);
	ck_assert_int_eq(adm_name_check(longok, 14, &cut), ADM_NAME_OK);
	ck_assert(cut);
	ck_assert_str_eq(longok, "abcdefghijklmn");
	/* cut first, then checked: what remains decides */
	ck_assert_int_eq(adm_name_check(longbad, 14, &cut), ADM_NAME_NOTALNUM);
	ck_assert(cut);
	ck_assert_int_eq(adm_name_check(cutok, 14, &cut), ADM_NAME_OK);
	ck_assert_str_eq(cutok, "abcdefghijklmn");
}
END_TEST

START_TEST(test_flags_parse)
{
	unsigned mask = 0;
	char bad[4] = "";

	adm_flags_parse("xd", "dx", &mask, bad, sizeof(bad));
	ck_assert_uint_eq(mask, SAF_SAC_DFLAG | SAF_SAC_XFLAG);
	ck_assert_str_eq(bad, "");
	mask = 0;
	adm_flags_parse("uq", "ux", &mask, bad, sizeof(bad));
	ck_assert_uint_eq(mask, SAF_PM_UFLAG);
	ck_assert_str_eq(bad, "q");
	/* letters add up over several -f, bad ones within the bound */
	adm_flags_parse("xyzw", "ux", &mask, bad, sizeof(bad));
	ck_assert_uint_eq(mask, SAF_PM_UFLAG | SAF_PM_XFLAG);
	ck_assert_str_eq(bad, "qyz");
}
END_TEST

START_TEST(test_atoi)
{
	ck_assert_int_eq(adm_atoi("12"), 12);
	ck_assert_int_eq(adm_atoi(" -3"), -3);
	ck_assert_int_eq(adm_atoi("7x"), 7);
	ck_assert_int_eq(adm_atoi("abc"), 0);
	ck_assert_int_eq(adm_atoi(""), 0);
	ck_assert_int_eq(adm_atoi("99999999999999999999"), 2147483647);
	ck_assert_int_lt(adm_atoi("-99999999999999999999"), 0);
}
END_TEST

/* ---- formats ---- */

/* What fn printed, malloc'ed. */
static char *
printed(void (*fn)(FILE *, const void *), const void *arg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(fp);
	fn(fp, arg);
	fclose(fp);
	return buf;
}

static struct saf_sactab_entry
pm_entry(const char *tag, unsigned flags)
{
	struct saf_sactab_entry e;

	memset(&e, 0, sizeof(e));
	strcpy(e.tag, tag);
	strcpy(e.type, "listen");
	e.flags = flags;
	e.rcount = 3;
	strcpy(e.command, "/usr/lib/saf/listen tcp");
	strcpy(e.comment, " tcp listener");
	return e;
}

static void
pm_short(FILE *fp, const void *e)
{
	adm_pm_header(fp);
	adm_pm_print(fp, ADM_SHORT, e, SAF_ENABLED);
}

static void
pm_long(FILE *fp, const void *e)
{
	adm_pm_print(fp, ADM_LONG, e, SAF_NOSAC);
}

START_TEST(test_pm_formats)
{
	struct saf_sactab_entry a = pm_entry("tcp", 0), b = pm_entry("x", 3);
	char *s;

	s = printed(pm_short, &a);
	ck_assert_str_eq(s,
	    "PMTAG          PMTYPE         FLGS RCNT STATUS     COMMAND\n"
	    "tcp            listen         -    3    ENABLED    "
	    "/usr/lib/saf/listen tcp # tcp listener\n");
	free(s);
	s = printed(pm_long, &b);
	ck_assert_str_eq(
	    s, "x:listen:dx:3:NO_SAC:/usr/lib/saf/listen tcp# tcp listener\n");
	free(s);
}
END_TEST

static struct saf_pmtab_entry
svc_entry(unsigned flags, const char *spec)
{
	struct saf_pmtab_entry e;

	saf_pmtab_entry_init(&e);
	strcpy(e.svctag, "0");
	e.flags = flags;
	strcpy(e.id, "root");
	strcpy(e.pmspec, spec);
	strcpy(e.comment, "NLPS");
	return e;
}

static void
svc_short(FILE *fp, const void *e)
{
	struct saf_sactab_entry pm = pm_entry("tcp", 0);

	adm_svc_header(fp);
	adm_svc_print(fp, ADM_SHORT, &pm, e);
}

static void
svc_long(FILE *fp, const void *e)
{
	struct saf_sactab_entry pm = pm_entry("tcp", 0);

	adm_svc_print(fp, ADM_LONG, &pm, e);
}

START_TEST(test_svc_formats)
{
	struct saf_pmtab_entry a = svc_entry(0, "::c::/x\\:y:");
	struct saf_pmtab_entry b = svc_entry(SAF_PM_UFLAG | SAF_PM_XFLAG, "a");
	char *s;

	s = printed(svc_short, &a);
	ck_assert_str_eq(s,
	    "PMTAG          PMTYPE         SVCTAG         FLGS ID       "
	    "<PMSPECIFIC>\n"
	    "tcp            listen         0              -    root     "
	    "- - c - /x:y  #NLPS\n");
	free(s);
	s = printed(svc_long, &b);
	ck_assert_str_eq(
	    s, "tcp:listen:0:ux:root:reserved:reserved:reserved:a#NLPS\n");
	free(s);
}
END_TEST

/* ---- sac's status text ---- */

START_TEST(test_status_parse)
{
	static const char good[] = "a:t:1:2:2:/bin/x:c1\nb:t:0:0:0:/bin/y: \n";
	struct saf_status *v = NULL;
	size_t n = 9;

	ck_assert_int_eq(adm_status_parse(good, strlen(good), &v, &n), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(v[0].ent.tag, "a");
	ck_assert_uint_eq(v[0].ent.flags, SAF_SAC_DFLAG);
	ck_assert_int_eq(v[0].ent.rcount, 2);
	ck_assert_int_eq(v[0].state, SAF_ENABLED);
	ck_assert_str_eq(v[1].ent.command, "/bin/y");
	ck_assert_str_eq(v[1].ent.comment, " ");
	free(v);
	ck_assert_int_eq(adm_status_parse("", 0, &v, &n), 0);
	ck_assert_uint_eq(n, 0);
	free(v);
	/* no final newline, a bad state, too few fields: improper */
	ck_assert_int_eq(adm_status_parse("a:t:0:0:2:/x:c", 14, &v, &n),
	    E_SAFERR);
	ck_assert_int_eq(adm_status_parse("a:t:0:0:9:/x:c\n", 15, &v, &n),
	    E_SAFERR);
	ck_assert_int_eq(adm_status_parse("a:t:0:0\n", 8, &v, &n), E_SAFERR);
	/* flag bits other than d and x: "Bad information from SAC" */
	ck_assert_int_eq(adm_status_parse("a:t:4:0:2:/x:c\n", 15, &v, &n),
	    E_BADARGS);
}
END_TEST

/* ---- the exchange with sac ---- */

static int sv[2]; /* sv[0]: ours, sv[1]: sac's */

static void
pair_setup(void)
{
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
}

static void
pair_teardown(void)
{
	close(sv[0]);
	if (sv[1] >= 0)
		close(sv[1]);
}

/* sac's side: an answer written ahead of the request. */
static void
ack(int resp, pid_t pid, long size, const char *data, size_t datalen)
{
	struct admack a;

	saf_admack_encode(&a, resp, pid, size);
	ck_assert_int_eq(write(sv[1], &a, sizeof(a)), (int)sizeof(a));
	if (datalen > 0)
		ck_assert_int_eq(write(sv[1], data, datalen), (int)datalen);
}

START_TEST(test_exchange_status)
{
	struct adm_reply r;
	struct admcmd c;
	struct saf_error err;

	ack(AK_ACK, 4321, 0, NULL, 0); /* another command's answer */
	ack(AK_ACK, 1234, 5, "hello", 5);
	ck_assert_int_eq(adm_exchange(sv[0], AC_STATUS, NULL, 1234, 1000, &r),
	    0);
	ck_assert_int_eq(r.resp, AK_ACK);
	ck_assert_uint_eq(r.len, 5);
	ck_assert_str_eq(r.data, "hello");
	adm_reply_free(&r);
	/* what sac received: one admcmd with our pid */
	ck_assert_int_eq(read(sv[1], &c, sizeof(c)), (int)sizeof(c));
	ck_assert_int_eq(saf_admcmd_decode(&c, sizeof(c), &c, &err), 0);
	ck_assert_int_eq(c.ac_mtype, AC_STATUS);
	ck_assert_int_eq(c.ac_pid, 1234);
}
END_TEST

START_TEST(test_exchange_answers)
{
	struct adm_reply r;
	struct admcmd c;

	ack(AK_PMRUN, 77, 0, NULL, 0);
	ck_assert_int_eq(adm_exchange(sv[0], AC_START, "tcp", 77, 1000, &r), 0);
	ck_assert_int_eq(r.resp, AK_PMRUN);
	ck_assert_ptr_null(r.data);
	ck_assert_int_eq(read(sv[1], &c, sizeof(c)), (int)sizeof(c));
	ck_assert_str_eq(c.ac_tag, "tcp");
	/* an answer sac should not send is still an answer */
	ack(42, 77, 0, NULL, 0);
	ck_assert_int_eq(adm_exchange(sv[0], AC_KILL, "tcp", 77, 1000, &r), 0);
	ck_assert_int_eq(r.resp, 42);
	ck_assert_int_eq(adm_resp_code(r.resp), E_SAFERR);
}
END_TEST

START_TEST(test_exchange_timeout)
{
	struct adm_reply r;

	/* only answers for others, then silence: sac is not running */
	ack(AK_ACK, 5, 0, NULL, 0);
	ck_assert_int_eq(adm_exchange(sv[0], AC_SACREAD, NULL, 6, 100, &r),
	    E_SACNOTRUN);
}
END_TEST

START_TEST(test_exchange_short)
{
	struct adm_reply r;

	/* sac reads the request, then ends with a part of an answer */
	ck_assert_int_eq(write(sv[1], "abc", 3), 3);
	ck_assert_int_eq(shutdown(sv[1], SHUT_WR), 0);
	ck_assert_int_eq(adm_exchange(sv[0], AC_SACREAD, NULL, 6, 1000, &r),
	    E_SACNOTRUN);
}
END_TEST

START_TEST(test_exchange_data_short)
{
	struct adm_reply r;

	ack(AK_ACK, 6, 10, "abc", 3);
	ck_assert_int_eq(shutdown(sv[1], SHUT_WR), 0);
	ck_assert_int_eq(adm_exchange(sv[0], AC_STATUS, NULL, 6, 1000, &r),
	    E_SYSERR);
	ck_assert_ptr_null(r.data);
	/* a size beyond any status text */
	pair_teardown();
	pair_setup();
	ack(AK_ACK, 6, SAF_STATUS_MAX + 1, NULL, 0);
	ck_assert_int_eq(adm_exchange(sv[0], AC_STATUS, NULL, 6, 1000, &r),
	    E_SYSERR);
}
END_TEST

START_TEST(test_exchange_nowrite)
{
	struct adm_reply r;

	close(sv[1]);
	sv[1] = -1;
	ck_assert_int_eq(adm_exchange(sv[0], AC_STATUS, NULL, 6, 1000, &r),
	    E_SYSERR);
}
END_TEST

START_TEST(test_resp_code)
{
	ck_assert_int_eq(adm_resp_code(AK_ACK), 0);
	ck_assert_int_eq(adm_resp_code(AK_PMRUN), E_PMRUN);
	ck_assert_int_eq(adm_resp_code(AK_PMNOTRUN), E_PMNOTRUN);
	ck_assert_int_eq(adm_resp_code(AK_NOPM), E_NOEXIST);
	ck_assert_int_eq(adm_resp_code(AK_UNKNOWN), E_SAFERR);
	ck_assert_int_eq(adm_resp_code(AK_NOCONTACT), E_SAFERR);
	ck_assert_int_eq(adm_resp_code(AK_PMLOCK), E_SAFERR);
	ck_assert_int_eq(adm_resp_code(AK_RECOVER), E_RECOVER);
	ck_assert_int_eq(adm_resp_code(AK_REQFAIL), E_SAFERR);
}
END_TEST

static Suite *
adm_suite(void)
{
	Suite *s = suite_create("adm");
	TCase *t = tcase_create("pure");
	TCase *x = tcase_create("exchange");

	tcase_add_test(t, test_name_check);
	tcase_add_test(t, test_flags_parse);
	tcase_add_test(t, test_atoi);
	tcase_add_test(t, test_pm_formats);
	tcase_add_test(t, test_svc_formats);
	tcase_add_test(t, test_status_parse);
	tcase_add_test(t, test_resp_code);
	suite_add_tcase(s, t);
	tcase_add_checked_fixture(x, pair_setup, pair_teardown);
	tcase_add_test(x, test_exchange_status);
	tcase_add_test(x, test_exchange_answers);
	tcase_add_test(x, test_exchange_timeout);
	tcase_add_test(x, test_exchange_short);
	tcase_add_test(x, test_exchange_data_short);
	tcase_add_test(x, test_exchange_nowrite);
	suite_add_tcase(s, x);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(adm_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
