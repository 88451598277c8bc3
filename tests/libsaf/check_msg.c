/*
 * check_msg.c - <sac.h> and the SAC messages: struct layouts (they are
 * wire formats), constants, encoders and decoders, the AC_STATUS lines.
 */
#define _GNU_SOURCE
#include "saf_test.h"

#include <sac.h>
#include <saf.h>

#include <stddef.h>
#include <string.h>

START_TEST(test_layouts)
{
	/* the sizes and offsets of the original on x86-64 */
	ck_assert_uint_eq(sizeof(struct sacmsg), 8);
	ck_assert_uint_eq(offsetof(struct sacmsg, sc_size), 0);
	ck_assert_uint_eq(offsetof(struct sacmsg, sc_type), 4);
	ck_assert_uint_eq(sizeof(struct pmmsg), 24);
	ck_assert_uint_eq(offsetof(struct pmmsg, pm_type), 0);
	ck_assert_uint_eq(offsetof(struct pmmsg, pm_state), 1);
	ck_assert_uint_eq(offsetof(struct pmmsg, pm_maxclass), 2);
	ck_assert_uint_eq(offsetof(struct pmmsg, pm_tag), 3);
	ck_assert_uint_eq(sizeof(((struct pmmsg *)0)->pm_tag), 15);
	ck_assert_uint_eq(offsetof(struct pmmsg, pm_size), 20);
	ck_assert_uint_eq(sizeof(struct admcmd), 20);
	ck_assert_uint_eq(offsetof(struct admcmd, ac_tag), 1);
	ck_assert_uint_eq(offsetof(struct admcmd, ac_pid), 16);
	ck_assert_uint_eq(sizeof(struct admack), 16);
	ck_assert_uint_eq(offsetof(struct admack, ak_pid), 4);
	ck_assert_uint_eq(offsetof(struct admack, ak_size), 8);
}
END_TEST

START_TEST(test_constants)
{
	ck_assert_int_eq(IDLEN, 4);
	ck_assert_int_eq(SC_WILDC, 0xff);
	ck_assert_int_eq(PMTAGSIZE, 14);
	ck_assert_int_eq(NOASSIGN, 0x1);
	ck_assert_int_eq(NORUN, 0x2);
	ck_assert_int_eq(PM_STATUS, 1);
	ck_assert_int_eq(PM_UNKNOWN, 2);
	ck_assert_int_eq(PM_STARTING, 1);
	ck_assert_int_eq(PM_ENABLED, 2);
	ck_assert_int_eq(PM_DISABLED, 3);
	ck_assert_int_eq(PM_STOPPING, 4);
	ck_assert_int_eq(SC_STATUS, 1);
	ck_assert_int_eq(SC_ENABLE, 2);
	ck_assert_int_eq(SC_DISABLE, 3);
	ck_assert_int_eq(SC_READDB, 4);
	ck_assert_int_eq(E_BADARGS, 1);
	ck_assert_int_eq(E_NOPRIV, 2);
	ck_assert_int_eq(E_SAFERR, 3);
	ck_assert_int_eq(E_SYSERR, 4);
	ck_assert_int_eq(E_NOEXIST, 5);
	ck_assert_int_eq(E_DUP, 6);
	ck_assert_int_eq(E_PMRUN, 7);
	ck_assert_int_eq(E_PMNOTRUN, 8);
	ck_assert_int_eq(E_RECOVER, 9);
	ck_assert_int_eq(E_SACNOTRUN, 10);
	ck_assert_int_eq(AC_START, 1);
	ck_assert_int_eq(AC_PMREAD, 7);
	ck_assert_int_eq(AK_ACK, 0);
	ck_assert_int_eq(AK_REQFAIL, 8);
	/* sac's states 1 to 4 are the PM_ states */
	ck_assert_int_eq(SAF_STARTING, PM_STARTING);
	ck_assert_int_eq(SAF_STOPPING, PM_STOPPING);
}
END_TEST

START_TEST(test_state_names)
{
	static const char *const names[] = { "NOTRUNNING", "STARTING",
		"ENABLED", "DISABLED", "STOPPING", "FAILED", "UNKNOWN" };
	int i;

	for (i = 0; i < 7; i++)
		ck_assert_str_eq(saf_state_name(i), names[i]);
	ck_assert_str_eq(saf_state_name(255), "NO_SAC");
	ck_assert_ptr_null(saf_state_name(7));
	ck_assert_ptr_null(saf_state_name(-1));
}
END_TEST

START_TEST(test_sacmsg)
{
	struct sacmsg m, d;
	struct saf_error err;
	unsigned char raw[sizeof(m)];

	memset(&m, 0xa5, sizeof(m));
	ck_assert_int_eq(saf_sacmsg_encode(&m, SC_READDB), 0);
	memcpy(raw, &m, sizeof(m));
	/* the padding goes out zeroed */
	ck_assert_int_eq(raw[5] | raw[6] | raw[7], 0);
	ck_assert_int_eq(m.sc_size, 0);
	ck_assert_int_eq(saf_sacmsg_decode(raw, sizeof(raw), &d, &err), 0);
	ck_assert_int_eq(d.sc_type, SC_READDB);
	ck_assert_int_eq(saf_sacmsg_decode(raw, 7, &d, &err), -1);
	ck_assert_int_eq(err.code, SAF_ESHORT);
	ck_assert_int_eq(saf_sacmsg_decode(raw, 0, &d, &err), -1);
	ck_assert_int_eq(err.code, SAF_ESHORT);
	saf_sacmsg_encode(&m, 9);
	ck_assert_int_eq(saf_sacmsg_decode(&m, sizeof(m), &d, &err), -1);
	ck_assert_int_eq(err.code, SAF_EBADTYPE);
	ck_assert_str_eq(err.field, "sc_type");
	/* still filled: the monitor answers PM_UNKNOWN */
	ck_assert_int_eq(d.sc_type, 9);
	saf_sacmsg_encode(&m, 0);
	ck_assert_int_eq(saf_sacmsg_decode(&m, sizeof(m), &d, &err), -1);
	saf_sacmsg_encode(&m, SC_STATUS);
	m.sc_size = -1;
	ck_assert_int_eq(saf_sacmsg_decode(&m, sizeof(m), &d, &err), -1);
	ck_assert_int_eq(err.code, SAF_EBADSIZE);
}
END_TEST

START_TEST(test_pmmsg)
{
	struct pmmsg m, d;
	struct saf_error err;
	unsigned char raw[sizeof(m)];

	memset(&m, 0xa5, sizeof(m));
	ck_assert_int_eq(
	    saf_pmmsg_encode(&m, PM_STATUS, PM_ENABLED, "tcp", &err), 0);
	memcpy(raw, &m, sizeof(m));
	ck_assert_int_eq(raw[0], PM_STATUS);
	ck_assert_int_eq(raw[1], PM_ENABLED);
	ck_assert_int_eq(raw[2], 1);
	ck_assert_mem_eq(raw + 3, "tcp\0\0\0\0\0\0\0\0\0\0\0\0", 15);
	ck_assert_int_eq(raw[18] | raw[19], 0);
	ck_assert_int_eq(saf_pmmsg_decode(raw, sizeof(raw), &d, &err), 0);
	ck_assert_str_eq(d.pm_tag, "tcp");
	ck_assert_int_eq(saf_pmmsg_decode(raw, 23, &d, &err), -1);
	ck_assert_int_eq(err.code, SAF_ESHORT);
	/* tags: 14 characters fit, 15 do not, nor non-alphanumerics */
	ck_assert_int_eq(
	    saf_pmmsg_encode(&m, PM_STATUS, PM_ENABLED, "abcdefghijklmn", &err),
	    0);
	ck_assert_int_eq(saf_pmmsg_encode(&m, PM_STATUS, PM_ENABLED,
			     "abcdefghijklmno", &err),
	    -1);
	ck_assert_int_eq(saf_pmmsg_encode(&m, PM_STATUS, 1, "a/b", &err), -1);
	ck_assert_int_eq(saf_pmmsg_encode(&m, PM_STATUS, 1, "", &err), -1);
}
END_TEST

START_TEST(test_pmmsg_bad)
{
	struct pmmsg m, d;
	struct saf_error err;

	saf_pmmsg_encode(&m, PM_STATUS, PM_DISABLED, "tcp", &err);
	memset(m.pm_tag, 'a', sizeof(m.pm_tag)); /* no NUL */
	ck_assert_int_eq(saf_pmmsg_decode(&m, sizeof(m), &d, &err), -1);
	ck_assert_int_eq(err.code, SAF_EBADTAG);
	saf_pmmsg_encode(&m, PM_STATUS, PM_DISABLED, "tcp", &err);
	m.pm_tag[1] = '%';
	ck_assert_int_eq(saf_pmmsg_decode(&m, sizeof(m), &d, &err), -1);
	ck_assert_int_eq(err.code, SAF_EBADTAG);
	saf_pmmsg_encode(&m, 3, PM_DISABLED, "tcp", &err);
	ck_assert_int_eq(saf_pmmsg_decode(&m, sizeof(m), &d, &err), -1);
	ck_assert_int_eq(err.code, SAF_EBADTYPE);
	saf_pmmsg_encode(&m, PM_UNKNOWN, 5, "tcp", &err);
	ck_assert_int_eq(saf_pmmsg_decode(&m, sizeof(m), &d, &err), -1);
	ck_assert_int_eq(err.code, SAF_EBADSTATE);
	ck_assert_str_eq(
	    err.text, "port monitor <tcp> reporting invalid state");
	ck_assert_int_eq(d.pm_state, 5);
	saf_pmmsg_encode(&m, PM_UNKNOWN, 0, "tcp", &err);
	ck_assert_int_eq(saf_pmmsg_decode(&m, sizeof(m), &d, &err), -1);
	saf_pmmsg_encode(&m, PM_UNKNOWN, PM_STOPPING, "tcp", &err);
	ck_assert_int_eq(saf_pmmsg_decode(&m, sizeof(m), &d, &err), 0);
	m.pm_size = -4;
	ck_assert_int_eq(saf_pmmsg_decode(&m, sizeof(m), &d, &err), -1);
	ck_assert_int_eq(err.code, SAF_EBADSIZE);
}
END_TEST

START_TEST(test_admcmd)
{
	struct admcmd m, d;
	struct saf_error err;
	unsigned char raw[sizeof(m)];

	memset(&m, 0xa5, sizeof(m));
	ck_assert_int_eq(saf_admcmd_encode(&m, AC_START, "tcp", 1234, &err), 0);
	memcpy(raw, &m, sizeof(m));
	ck_assert_int_eq(raw[0], AC_START);
	ck_assert_mem_eq(raw + 1, "tcp\0\0\0\0\0\0\0\0\0\0\0\0", 15);
	ck_assert_int_eq(saf_admcmd_decode(raw, sizeof(raw), &d, &err), 0);
	ck_assert_int_eq(d.ac_pid, 1234);
	ck_assert_str_eq(d.ac_tag, "tcp");
	ck_assert_int_eq(saf_admcmd_decode(raw, 19, &d, &err), -1);
	ck_assert_int_eq(err.code, SAF_ESHORT);
	/* AC_STATUS and AC_SACREAD carry no tag */
	ck_assert_int_eq(saf_admcmd_encode(&m, AC_STATUS, NULL, 5, &err), 0);
	ck_assert_int_eq(saf_admcmd_decode(&m, sizeof(m), &d, &err), 0);
	ck_assert_int_eq(saf_admcmd_encode(&m, AC_SACREAD, NULL, 5, &err), 0);
	ck_assert_int_eq(saf_admcmd_decode(&m, sizeof(m), &d, &err), 0);
	ck_assert_int_eq(saf_admcmd_encode(&m, AC_KILL, NULL, 5, &err), 0);
	ck_assert_int_eq(saf_admcmd_decode(&m, sizeof(m), &d, &err), -1);
	ck_assert_int_eq(err.code, SAF_EBADTAG);
	saf_admcmd_encode(&m, 8, "tcp", 5, &err);
	ck_assert_int_eq(saf_admcmd_decode(&m, sizeof(m), &d, &err), -1);
	ck_assert_int_eq(err.code, SAF_EBADTYPE);
	ck_assert_int_eq(d.ac_pid, 5); /* to answer AK_UNKNOWN to */
	saf_admcmd_encode(&m, AC_KILL, "tcp", 0, &err);
	ck_assert_int_eq(saf_admcmd_decode(&m, sizeof(m), &d, &err), -1);
	ck_assert_int_eq(err.code, SAF_EBADPID);
}
END_TEST

START_TEST(test_admack)
{
	struct admack m, d;
	struct saf_error err;

	saf_admack_encode(&m, AK_ACK, 77, 120);
	ck_assert_int_eq(saf_admack_decode(&m, sizeof(m), &d, &err), 0);
	ck_assert_int_eq(d.ak_pid, 77);
	ck_assert_int_eq(d.ak_size, 120);
	ck_assert_int_eq(saf_admack_decode(&m, 15, &d, &err), -1);
	ck_assert_int_eq(err.code, SAF_ESHORT);
	saf_admack_encode(&m, 9, 77, 0);
	ck_assert_int_eq(saf_admack_decode(&m, sizeof(m), &d, &err), -1);
	ck_assert_int_eq(err.code, SAF_EBADTYPE);
	saf_admack_encode(&m, AK_ACK, 77, -1);
	ck_assert_int_eq(saf_admack_decode(&m, sizeof(m), &d, &err), -1);
	ck_assert_int_eq(err.code, SAF_EBADSIZE);
	saf_admack_encode(&m, AK_ACK, 77, SAF_STATUS_MAX + 1);
	ck_assert_int_eq(saf_admack_decode(&m, sizeof(m), &d, &err), -1);
	saf_admack_encode(&m, AK_NOPM, 77, 10);
	ck_assert_int_eq(saf_admack_decode(&m, sizeof(m), &d, &err), -1);
	saf_admack_encode(&m, AK_NOPM, 77, 0);
	ck_assert_int_eq(saf_admack_decode(&m, sizeof(m), &d, &err), 0);
}
END_TEST

START_TEST(test_status)
{
	struct saf_status s, d;
	struct saf_error err;
	char buf[2048];
	static const char line[] = "tcp:listen:1:3:2:/usr/lib/saf/listen "
				   "tcp:a: comment:with colons\n";

	ck_assert_int_eq(saf_status_parse(line, strlen(line), &s, &err), 0);
	ck_assert_str_eq(s.ent.tag, "tcp");
	ck_assert_str_eq(s.ent.type, "listen");
	ck_assert_uint_eq(s.ent.flags, SAF_SAC_DFLAG);
	ck_assert_int_eq(s.ent.rcount, 3);
	ck_assert_int_eq(s.state, SAF_ENABLED);
	ck_assert_str_eq(s.ent.command, "/usr/lib/saf/listen tcp");
	ck_assert_str_eq(s.ent.comment, "a: comment:with colons");
	ck_assert_int_eq(
	    saf_status_format(&s, buf, sizeof(buf), &err), (int)strlen(line));
	ck_assert_str_eq(buf, line);
	/* flag bits other than d and x, bad states, too few fields */
	ck_assert_int_eq(saf_status_parse("t:l:4:0:2:/c: ", 14, &d, &err), -1);
	ck_assert_str_eq(err.field, "flags");
	ck_assert_int_eq(saf_status_parse("t:l:0:0:9:/c: ", 14, &d, &err), -1);
	ck_assert_int_eq(err.code, SAF_EBADSTATE);
	ck_assert_int_eq(saf_status_parse("t:l:0:0:255:/c: ", 16, &d, &err), 0);
	ck_assert_int_eq(saf_status_parse("t:l:0:0:2:/c", 12, &d, &err), -1);
	ck_assert_int_eq(err.code, SAF_ECORRUPT);
	s.state = 42;
	ck_assert_int_eq(saf_status_format(&s, buf, sizeof(buf), &err), -1);
}
END_TEST

Suite *
st_msg_suite(void)
{
	Suite *s = suite_create("msg");
	TCase *tc = tcase_create("msg");

	tcase_add_test(tc, test_layouts);
	tcase_add_test(tc, test_constants);
	tcase_add_test(tc, test_state_names);
	tcase_add_test(tc, test_sacmsg);
	tcase_add_test(tc, test_pmmsg);
	tcase_add_test(tc, test_pmmsg_bad);
	tcase_add_test(tc, test_admcmd);
	tcase_add_test(tc, test_admack);
	tcase_add_test(tc, test_status);
	suite_add_tcase(s, tc);
	return s;
}
