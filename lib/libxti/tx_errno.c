/*
 * tx_errno.c - t_errno (per thread), the error texts, t_strerror, t_error
 * and t_sysconf.
 *
 * The main thread's t_errno is the global variable of that name, so that
 * code built without the header macro still sees it; other threads get
 * thread-local storage.  No call ever sets t_errno to 0.
 */
#include "xti_entries.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#undef t_errno
TX_ENTRY int t_errno;

static __thread int tx_thread_errno;
static __thread int *tx_errno_ptr;

TX_ENTRY int *
__t_errno(void)
{
	if (tx_errno_ptr == NULL) {
		pid_t tid = (pid_t)syscall(SYS_gettid);
		tx_errno_ptr = tid == getpid() ? &t_errno : &tx_thread_errno;
	}
	return tx_errno_ptr;
}

int
tx_fail(int terr)
{
	*__t_errno() = terr;
	return -1;
}

int
tx_sysfail(int err)
{
	*__t_errno() = TSYSERR;
	errno = err;
	return -1;
}

/* The texts of XNS5 (0-29); TLI's t_errlist holds the same strings. */
#define TX_NERR 30
TX_ENTRY char *t_errlist[TX_NERR + 1] = { "No Error",
	"Incorrect address format", "Incorrect options format",
	"Illegal permissions", "Illegal file descriptor",
	"Couldn't allocate address",
	"Routine will place interface out of state",
	"Illegal called/calling sequence number", "System error",
	"An event requires attention", "Illegal amount of data",
	"Buffer not large enough", "Can't send message - (blocked)",
	"No message currently available", "Disconnect message not found",
	"Unitdata error message not found", "Incorrect flags specified",
	"Orderly release message not found",
	"Primitive not supported by provider",
	"State is in process of changing",
	"Unsupported structure type requested",
	"Invalid transport provider name",
	"Listener queue length limit is zero", "Transport address is in use",
	"Outstanding connection indications",
	"Listener-acceptor transport provider mismatch",
	"Connection acceptor has listen queue length limit greater than zero",
	"Connection acceptor-listener address not same but required by "
	"transport",
	"Incoming connection queue is full",
	"Protocol error on transport primitive", NULL };

/* Every entry of t_errlist, 0 to TPROTO (SVR4 had 19 here: see t_error(3)). */
TX_ENTRY int t_nerr = TX_NERR;

/* Text for an unknown number: "<n>: error unknown", per thread. */
static __thread char tx_unknown[32];

TX_ENTRY const char *
t_strerror(int errnum)
{
	if (errnum >= 0 && errnum < TX_NERR)
		return t_errlist[errnum];
	snprintf(tx_unknown, sizeof(tx_unknown), "%d: error unknown", errnum);
	return tx_unknown;
}

/*
 * "msg: text\n", or for TSYSERR "msg: text: strerror(errno)\n", written
 * to fd 2 in one write so concurrent writers do not interleave.
 */
TX_ENTRY int
t_error(const char *msg)
{
	int terr = *__t_errno();
	int err = errno;
	char line[1024];
	int n;

	if (msg != NULL && *msg != '\0')
		n = snprintf(
		    line, sizeof(line), "%s: %s", msg, t_strerror(terr));
	else
		n = snprintf(line, sizeof(line), "%s", t_strerror(terr));
	if (n < 0)
		return 0;
	if ((size_t)n >= sizeof(line))
		n = sizeof(line) - 1;
	if (terr == TSYSERR)
		n += snprintf(
		    line + n, sizeof(line) - (size_t)n, ": %s", strerror(err));
	if ((size_t)n >= sizeof(line) - 1)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	(void)!write(2, line, (size_t)n);
	errno = err;
	return 0;
}

/*
 * glibc defines _SC_T_IOV_MAX itself (and sysconf() answers -1 for it), so
 * the library answers with its own constant rather than forwarding.
 */
TX_ENTRY int
t_sysconf(int name)
{
	if (name == _SC_T_IOV_MAX)
		return T_IOV_MAX;
	return tx_fail(TBADFLAG);
}
