/*
 * check_errors_tli.c - t_errlist, t_nerr, t_strerror and t_error as a TLI
 * program (<tiuser.h>) sees them.
 *
 * The library exports all 30 texts in t_errlist and t_nerr = 30 (SVR4
 * stopped at 19 and left TSTATECHNG outside the list; see tx_errno.c).
 */
#include <tiuser.h>

#include "misc_util.h"

#include <pthread.h>

static const char *const svr4text[] = {
	"No Error",
	"Incorrect address format",
	"Incorrect options format",
	"Illegal permissions",
	"Illegal file descriptor",
	"Couldn't allocate address",
	"Routine will place interface out of state",
	"Illegal called/calling sequence number",
	"System error",
	"An event requires attention",
	"Illegal amount of data",
	"Buffer not large enough",
	"Can't send message - (blocked)",
	"No message currently available",
	"Disconnect message not found",
	"Unitdata error message not found",
	"Incorrect flags specified",
	"Orderly release message not found",
	"Primitive not supported by provider",
	"State is in process of changing",
	"Unsupported structure type requested",
	"Invalid transport provider name",
	"Listener queue length limit is zero",
	"Transport address is in use",
	"Outstanding connection indications",
	"Listener-acceptor transport provider mismatch",
	"Connection acceptor has listen queue length limit greater than zero",
	"Connection acceptor-listener address not same but required by "
	"transport",
	"Incoming connection queue is full",
	"Protocol error on transport primitive",
};
#define NTEXT ((int)(sizeof(svr4text) / sizeof(svr4text[0])))

START_TEST(test_nerr)
{
	ck_assert_int_eq(t_nerr, 30);
	ck_assert_int_eq(t_nerr, NTEXT);
}
END_TEST

START_TEST(test_errlist)
{
	int i;

	for (i = 0; i < t_nerr; i++) {
		ck_assert_ptr_nonnull(t_errlist[i]);
		ck_assert_str_eq(t_errlist[i], svr4text[i]);
		/* t_strerror answers from the same list */
		ck_assert_str_eq(t_strerror(i), t_errlist[i]);
	}
}
END_TEST

/* The classic idiom: index t_errlist when t_errno < t_nerr. */
START_TEST(test_errlist_idiom)
{
	MU_TFAIL(t_look(-1), TBADF);
	ck_assert(t_errno < t_nerr);
	ck_assert_str_eq(t_errlist[t_errno], "Illegal file descriptor");
}
END_TEST

START_TEST(test_strerror_unknown)
{
	ck_assert_str_eq(t_strerror(t_nerr), "30: error unknown");
	ck_assert_str_eq(t_strerror(-5), "-5: error unknown");
}
END_TEST

START_TEST(test_error_void)
{
	struct mu_capture c;
	char got[512], want[512];

	t_errno = TNOREL;
	mu_capture_begin(&c);
	t_error("svc");
	t_errno = TSYSERR;
	errno = EPIPE;
	t_error("svc");
	mu_capture_end(&c, got, sizeof(got));
	snprintf(want, sizeof(want),
	    "svc: Orderly release message not found\n"
	    "svc: System error: %s\n",
	    strerror(EPIPE));
	ck_assert_str_eq(got, want);
}
END_TEST

/* The TLI failure of an unknown device: TSYSERR with errno ENOENT. */
START_TEST(test_unknown_device_errno)
{
	struct mu_capture c;
	char got[256], want[256];

	MU_TSYSFAIL(t_open("/dev/nosuchdevice", O_RDWR, NULL), ENOENT);
	mu_capture_begin(&c);
	t_error("t_open");
	mu_capture_end(&c, got, sizeof(got));
	snprintf(
	    want, sizeof(want), "t_open: System error: %s\n", strerror(ENOENT));
	ck_assert_str_eq(got, want);
}
END_TEST

static void *
thr_fail(void *arg)
{
	(void)arg;
	(void)t_getstate(-1);
	return (void *)(long)t_errno;
}

/* A TLI program's threads have their own t_errno too. */
START_TEST(test_errno_thread)
{
	pthread_t th;
	void *seen;

	t_errno = TNODATA;
	ck_assert_int_eq(pthread_create(&th, NULL, thr_fail, NULL), 0);
	ck_assert_int_eq(pthread_join(th, &seen), 0);
	ck_assert_int_eq((int)(long)seen, TBADF);
	ck_assert_int_eq(t_errno, TNODATA);
}
END_TEST

static Suite *
errors_suite(void)
{
	Suite *s = suite_create("errors_tli");
	TCase *tc = tcase_create("errlist");

	tcase_add_test(tc, test_nerr);
	tcase_add_test(tc, test_errlist);
	tcase_add_test(tc, test_errlist_idiom);
	tcase_add_test(tc, test_strerror_unknown);
	tcase_add_test(tc, test_error_void);
	tcase_add_test(tc, test_unknown_device_errno);
	tcase_add_test(tc, test_errno_thread);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return mu_run(errors_suite());
}
