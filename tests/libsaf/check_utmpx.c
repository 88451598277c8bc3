/*
 * check_utmpx.c - utmpx records written to a private utmp and wtmp (set
 * through SAF_UTMPX and SAF_WTMPX: the system's files are never touched)
 * and read back with getutxent.
 */
#define _GNU_SOURCE
#include "saf_test.h"

#include <saf.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utmpx.h>

static char *root;

static void
setup(void)
{
	root = st_safroot();
}

static void
teardown(void)
{
	st_rmtree(root);
	free(root);
}

/* Every record of a utmp-format file, in order; returns the count. */
static int
records(const char *file, struct utmpx *out, int max)
{
	struct utmpx *u;
	int n = 0;

	ck_assert_int_eq(utmpxname(file), 0);
	setutxent();
	while ((u = getutxent()) != NULL && n < max)
		out[n++] = *u;
	endutxent();
	return n;
}

START_TEST(test_login_record)
{
	struct saf_utx u = { .type = LOGIN_PROCESS,
		.pid = 4242,
		.user = "tcp",
		.prefix = { 'P', 'M' } };
	struct utmpx r[8];
	char id[SAF_UTX_IDLEN];
	struct stat st;

	ck_assert_int_eq(saf_utx_write(&u, id), 0);
	ck_assert_int_eq(id[0], 'P');
	ck_assert_int_eq(id[1], 'M');
	ck_assert_int_eq(records(getenv("SAF_UTMPX"), r, 8), 1);
	ck_assert_int_eq(r[0].ut_type, LOGIN_PROCESS);
	ck_assert_int_eq(r[0].ut_pid, 4242);
	ck_assert_str_eq(r[0].ut_user, "tcp");
	ck_assert_mem_eq(r[0].ut_id, id, 4);
	ck_assert_int_ne(r[0].ut_tv.tv_sec, 0);
	/* and one wtmp entry */
	ck_assert_int_eq(records(getenv("SAF_WTMPX"), r, 8), 1);
	ck_assert_int_eq(r[0].ut_pid, 4242);
	/* the system's files were not the ones written */
	ck_assert_int_eq(stat(getenv("SAF_UTMPX"), &st), 0);
	ck_assert_int_eq(st.st_size, (off_t)sizeof(struct utmpx));
}
END_TEST

START_TEST(test_user_and_dead)
{
	struct saf_utx u = { .type = USER_PROCESS,
		.pid = 5000,
		.user = ".tcp",
		.line = "tcp07",
		.host = "127.0.0.1",
		.prefix = { 'l', 's' } };
	struct utmpx r[8];
	char id[SAF_UTX_IDLEN];

	ck_assert_int_eq(saf_utx_write(&u, id), 0);
	ck_assert_int_eq(records(getenv("SAF_UTMPX"), r, 8), 1);
	ck_assert_int_eq(r[0].ut_type, USER_PROCESS);
	ck_assert_str_eq(r[0].ut_line, "tcp07");
	ck_assert_str_eq(r[0].ut_host, "127.0.0.1");
	/* the service exits with status 3 */
	ck_assert_int_eq(saf_utx_dead(5000, 3 << 8), 0);
	ck_assert_int_eq(records(getenv("SAF_UTMPX"), r, 8), 1);
	ck_assert_int_eq(r[0].ut_type, DEAD_PROCESS);
	ck_assert_int_eq(r[0].ut_pid, 5000);
	ck_assert_mem_eq(r[0].ut_id, id, 4);
	ck_assert_str_eq(r[0].ut_line, "tcp07");
	ck_assert_str_eq(r[0].ut_user, "");
	ck_assert_int_eq(r[0].ut_exit.e_exit, 3);
	ck_assert_int_eq(r[0].ut_exit.e_termination, 0);
	/* wtmp has the login and the logout */
	ck_assert_int_eq(records(getenv("SAF_WTMPX"), r, 8), 2);
	ck_assert_int_eq(r[0].ut_type, USER_PROCESS);
	ck_assert_int_eq(r[1].ut_type, DEAD_PROCESS);
	/* no live record any more */
	ck_assert_int_eq(saf_utx_dead(5000, 0), -1);
	ck_assert_int_eq(errno, ESRCH);
}
END_TEST

START_TEST(test_killed)
{
	struct saf_utx u = { .type = LOGIN_PROCESS,
		.pid = 77,
		.user = "x",
		.prefix = { 'P', 'M' } };
	struct utmpx r[4];

	ck_assert_int_eq(saf_utx_write(&u, NULL), 0);
	ck_assert_int_eq(saf_utx_dead(77, 9), 0); /* killed by SIGKILL */
	ck_assert_int_eq(records(getenv("SAF_UTMPX"), r, 4), 1);
	ck_assert_int_eq(r[0].ut_exit.e_termination, 9);
	ck_assert_int_eq(r[0].ut_exit.e_exit, 0);
}
END_TEST

/* Two live processes whose pids map to the same slot get different ids;
   a process keeps its id; a dead one's id is free again. */
START_TEST(test_ids)
{
	struct saf_utx a = { .type = LOGIN_PROCESS,
		.pid = 100,
		.user = "a",
		.prefix = { 'P', 'M' } };
	struct saf_utx b = a;
	char ida[4], idb[4], ida2[4], idc[4];
	struct utmpx r[8];

	b.pid = 100 + 62 * 62;
	b.user = "b";
	ck_assert_int_eq(saf_utx_write(&a, ida), 0);
	ck_assert_int_eq(saf_utx_write(&b, idb), 0);
	ck_assert_int_ne(memcmp(ida, idb, 4), 0);
	ck_assert_int_eq(records(getenv("SAF_UTMPX"), r, 8), 2);
	/* the same pid again: the same id, the record is updated */
	ck_assert_int_eq(saf_utx_write(&a, ida2), 0);
	ck_assert_mem_eq(ida, ida2, 4);
	ck_assert_int_eq(records(getenv("SAF_UTMPX"), r, 8), 2);
	/* another prefix never collides */
	a.prefix[0] = 'p';
	a.prefix[1] = 's';
	a.pid = 100 + 2 * 62 * 62;
	ck_assert_int_eq(saf_utx_write(&a, idc), 0);
	ck_assert_mem_eq(idc + 2, ida + 2, 2);
	ck_assert_int_eq(saf_utx_dead(100, 0), 0);
	b.pid = 100 + 3 * 62 * 62;
	ck_assert_int_eq(saf_utx_write(&b, idc), 0);
	ck_assert_mem_eq(idc, ida, 4);
}
END_TEST

START_TEST(test_bad)
{
	struct saf_utx u = { .type = DEAD_PROCESS,
		.pid = 1,
		.user = "x",
		.prefix = { 'P', 'M' } };
	char longname[64];

	ck_assert_int_eq(saf_utx_write(&u, NULL), -1);
	ck_assert_int_eq(errno, EINVAL);
	u.type = LOGIN_PROCESS;
	u.pid = 0;
	ck_assert_int_eq(saf_utx_write(&u, NULL), -1);
	u.pid = 1;
	u.user = NULL;
	ck_assert_int_eq(saf_utx_write(&u, NULL), -1);
	memset(longname, 'u', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	u.user = longname;
	ck_assert_int_eq(saf_utx_write(&u, NULL), -1);
	ck_assert_int_eq(errno, ENAMETOOLONG);
	/* a utmp file that cannot be made */
	setenv("SAF_UTMPX", "/nonexistent/dir/utmp", 1);
	u.user = "x";
	ck_assert_int_eq(saf_utx_write(&u, NULL), -1);
	ck_assert_int_eq(saf_utx_dead(1, 0), -1);
}
END_TEST

Suite *
st_utmpx_suite(void)
{
	Suite *s = suite_create("utmpx");
	TCase *tc = tcase_create("utmpx");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_login_record);
	tcase_add_test(tc, test_user_and_dead);
	tcase_add_test(tc, test_killed);
	tcase_add_test(tc, test_ids);
	tcase_add_test(tc, test_bad);
	suite_add_tcase(s, tc);
	return s;
}
