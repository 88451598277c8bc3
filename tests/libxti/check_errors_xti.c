/*
 * check_errors_xti.c - t_errno, t_strerror, t_error and t_sysconf as an
 * XTI program (<xti.h>) sees them.
 */
#include <xti.h>

#include "misc_util.h"

#include <limits.h>
#include <pthread.h>

/* Old code declares t_errno itself; with the header's macro this must
 * still compile: it becomes an old-style declaration of __t_errno, which
 * only the strict-prototype warning objects to. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
extern int t_errno;
#pragma GCC diagnostic pop

static int *global_t_errno(void);

/* The texts of XNS Issue 5, indexed by t_errno. */
static const char *const xnstext[] = {
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
#define NTEXT ((int)(sizeof(xnstext) / sizeof(xnstext[0])))

START_TEST(test_error_numbers)
{
	/* the numbers of XNS5 and SVR4 */
	ck_assert_int_eq(TBADADDR, 1);
	ck_assert_int_eq(TSYSERR, 8);
	ck_assert_int_eq(TLOOK, 9);
	ck_assert_int_eq(TSTATECHNG, 19);
	ck_assert_int_eq(TNOSTRUCTYPE, 20);
	ck_assert_int_eq(TBADNAME, 21);
	ck_assert_int_eq(TPROTO, 29);
	ck_assert_int_eq(NTEXT, 30);
}
END_TEST

START_TEST(test_strerror_texts)
{
	int i;

	for (i = 0; i < NTEXT; i++)
		ck_assert_str_eq(t_strerror(i), xnstext[i]);
}
END_TEST

START_TEST(test_strerror_unknown)
{
	char want[64];
	static const int nums[] = { 30, 31, 100, -1, -29, INT_MAX, INT_MIN };
	size_t i;

	for (i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		snprintf(want, sizeof(want), "%d: error unknown", nums[i]);
		ck_assert_str_eq(t_strerror(nums[i]), want);
	}
}
END_TEST

START_TEST(test_strerror_keeps_errno)
{
	errno = EMFILE;
	t_errno = TSYSERR;
	(void)t_strerror(TBADF);
	(void)t_strerror(12345);
	ck_assert_int_eq(errno, EMFILE);
	ck_assert_int_eq(t_errno, TSYSERR);
}
END_TEST

/* t_error with a message, an empty message and NULL, for each number. */
START_TEST(test_error_output)
{
	struct mu_capture c;
	char got[512], want[512];
	int r, i;

	for (i = 1; i < NTEXT; i++) {
		if (i == TSYSERR)
			continue;
		t_errno = i;
		mu_capture_begin(&c);
		r = t_error("prog");
		mu_capture_end(&c, got, sizeof(got));
		ck_assert_int_eq(r, 0);
		snprintf(want, sizeof(want), "prog: %s\n", xnstext[i]);
		ck_assert_str_eq(got, want);
	}
	t_errno = TBADF;
	mu_capture_begin(&c);
	t_error("");
	t_error(NULL);
	mu_capture_end(&c, got, sizeof(got));
	ck_assert_str_eq(
	    got, "Illegal file descriptor\nIllegal file descriptor\n");
}
END_TEST

START_TEST(test_error_tsyserr)
{
	struct mu_capture c;
	char got[512], want[512];

	t_errno = TSYSERR;
	errno = ECONNREFUSED;
	mu_capture_begin(&c);
	errno = ECONNREFUSED;
	ck_assert_int_eq(t_error("t_connect"), 0);
	/* errno is intact afterwards */
	ck_assert_int_eq(errno, ECONNREFUSED);
	errno = ENOENT;
	t_error(NULL);
	mu_capture_end(&c, got, sizeof(got));
	snprintf(want, sizeof(want), "t_connect: System error: %s\n%s: %s\n",
	    strerror(ECONNREFUSED), "System error", strerror(ENOENT));
	ck_assert_str_eq(got, want);
}
END_TEST

/* An unknown number is printed like t_strerror says it. */
START_TEST(test_error_unknown)
{
	struct mu_capture c;
	char got[256];

	t_errno = 77;
	mu_capture_begin(&c);
	t_error("x");
	mu_capture_end(&c, got, sizeof(got));
	ck_assert_str_eq(got, "x: 77: error unknown\n");
}
END_TEST

/* A long message is cut, not overflowed, and still ends the line. */
START_TEST(test_error_long_message)
{
	struct mu_capture c;
	static char msg[4096], got[8192];
	size_t n;

	memset(msg, 'm', sizeof(msg) - 1);
	t_errno = TSYSERR;
	errno = EIO;
	mu_capture_begin(&c);
	t_error(msg);
	n = mu_capture_end(&c, got, sizeof(got));
	ck_assert_uint_gt(n, 100);
	ck_assert_int_eq(got[n - 1], '\n');
	ck_assert_ptr_null(memchr(got, '\n', n - 1));
	ck_assert(strncmp(got, msg, 100) == 0);
}
END_TEST

/* Real failures set t_errno; successes leave it alone. */
START_TEST(test_errno_set_by_calls)
{
	int p[2];

	t_errno = TNODATA;
	MU_TFAIL(t_look(-1), TBADF);
	ck_assert(pipe(p) == 0);
	MU_TFAIL(t_getstate(p[0]), TBADF);
	MU_TFAIL(t_sysconf(-1), TBADFLAG);
	t_errno = TNODATA;
	ck_assert_int_eq(t_sysconf(_SC_T_IOV_MAX), 16);
	ck_assert_int_eq(t_errno, TNODATA);
	ck_assert_str_eq(t_strerror(t_errno), "No message currently available");
}
END_TEST

START_TEST(test_sysconf)
{
	ck_assert_int_eq(T_IOV_MAX, 16);
	ck_assert_int_eq(t_sysconf(_SC_T_IOV_MAX), T_IOV_MAX);
	MU_TFAIL(t_sysconf(0), TBADFLAG);
	MU_TFAIL(t_sysconf(_SC_IOV_MAX), TBADFLAG);
	MU_TFAIL(t_sysconf(_SC_T_IOV_MAX + 1), TBADFLAG);
	MU_TFAIL(t_sysconf(INT_MIN), TBADFLAG);
}
END_TEST

/* ---- threads ---- */

static pthread_barrier_t barrier;

struct thr {
	int which;
	int seen;   /* t_errno after both threads failed */
	int *where; /* this thread's t_errno */
};

static void *
thr_main(void *arg)
{
	struct thr *t = arg;

	if (t->which == 0)
		(void)t_look(-1); /* TBADF */
	else
		(void)t_sysconf(-7); /* TBADFLAG */
	pthread_barrier_wait(&barrier);
	t->seen = t_errno;
	t->where = &t_errno;
	pthread_barrier_wait(&barrier);
	return NULL;
}

START_TEST(test_errno_per_thread)
{
	pthread_t th[2];
	struct thr t[2] = { { 0, 0, NULL }, { 1, 0, NULL } };
	int i;

	ck_assert_int_eq(pthread_barrier_init(&barrier, NULL, 2), 0);
	t_errno = TQFULL;
	for (i = 0; i < 2; i++)
		ck_assert_int_eq(
		    pthread_create(&th[i], NULL, thr_main, &t[i]), 0);
	for (i = 0; i < 2; i++)
		ck_assert_int_eq(pthread_join(th[i], NULL), 0);
	pthread_barrier_destroy(&barrier);
	ck_assert_int_eq(t[0].seen, TBADF);
	ck_assert_int_eq(t[1].seen, TBADFLAG);
	ck_assert_ptr_ne(t[0].where, t[1].where);
	/* the threads' failures did not touch the main thread's t_errno */
	ck_assert_int_eq(t_errno, TQFULL);
	ck_assert_ptr_ne(t[0].where, &t_errno);
	ck_assert_ptr_ne(t[1].where, global_t_errno());
}
END_TEST

/* In the main thread t_errno is the global variable of that name. */
START_TEST(test_errno_main_global)
{
	ck_assert_ptr_eq(&t_errno, global_t_errno());
	ck_assert_ptr_eq(__t_errno(), global_t_errno());
	MU_TFAIL(t_look(-1), TBADF);
	ck_assert_int_eq(*global_t_errno(), TBADF);
	*global_t_errno() = TFLOW;
	ck_assert_int_eq(t_errno, TFLOW);
}
END_TEST

static Suite *
errors_suite(void)
{
	Suite *s = suite_create("errors_xti");
	TCase *tc = tcase_create("strings");

	tcase_add_test(tc, test_error_numbers);
	tcase_add_test(tc, test_strerror_texts);
	tcase_add_test(tc, test_strerror_unknown);
	tcase_add_test(tc, test_strerror_keeps_errno);
	tcase_add_test(tc, test_error_output);
	tcase_add_test(tc, test_error_tsyserr);
	tcase_add_test(tc, test_error_unknown);
	tcase_add_test(tc, test_error_long_message);
	suite_add_tcase(s, tc);
	tc = tcase_create("t_errno");
	tcase_add_test(tc, test_errno_set_by_calls);
	tcase_add_test(tc, test_sysconf);
	tcase_add_test(tc, test_errno_per_thread);
	tcase_add_test(tc, test_errno_main_global);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return mu_run(errors_suite());
}

/* The global itself, seen without the header's macro. */
#undef t_errno
extern int t_errno;

static int *
global_t_errno(void)
{
	return &t_errno;
}
