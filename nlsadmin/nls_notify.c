/*
 * nls_notify.c - telling the listener that its table changed, and the
 * table lock.
 *
 * With sac running, the monitor is told through sac (AC_PMREAD, which sac
 * passes on as SC_READDB), as pmadm does.  Without sac the change is
 * still made: nlsadmin warns that the monitor was not notified and, if a
 * standalone listener of the tag holds its _pid lock, sends it SIGHUP,
 * on which it re-reads its table.  The pid is taken only from a locked
 * _pid file, so a stale file never gets a process signalled.
 *
 * The lock is the one sacadm and pmadm take before they rewrite a table
 * (saf/adm_lock.c): an flock(2) on <SAF_ETC>/.saflock, waited for a
 * little, held until nlsadmin exits.
 */
#include "config.h"

#include "adm.h"
#include "nlsadmin.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#define NLS_LOCK_STEP_MS 20

void
nls_unnotified(const char *tag)
{
	char path[SAF_PATH_MAX];
	pid_t pid = 0;

	nls_warn(NLSM_W_NOSAC, tag);
	if (saf_path(path, sizeof(path), SAF_P_PID, tag) < 0)
		return;
	if (saf_pid_check(path, &pid) == 1 && pid > 1 && pid != getpid())
		(void)kill(pid, SIGHUP);
}

void
nls_notify(const char *tag)
{
	int code = adm_request_code(AC_PMREAD, tag);

	if (code == E_SACNOTRUN)
		nls_unnotified(tag);
	else if (code != 0 && code != E_PMNOTRUN) /* pmadm was quiet too */
		nls_warn(NLSM_W_NOTIFY, tag);
}

int
nls_lock(void)
{
	static const struct timespec step = { 0, NLS_LOCK_STEP_MS * 1000000L };
	char path[SAF_PATH_MAX];
	int fd, n, waited = 0;

	n = snprintf(path, sizeof(path), "%s/%s", saf_etc_dir(), ADM_LOCK_NAME);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		nls_error(NLSM_TABLE, saf_etc_dir(), strerror(ENAMETOOLONG));
		return -1;
	}
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		nls_error(NLSM_TABLE, path, strerror(errno));
		return -1;
	}
	while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		if ((errno != EWOULDBLOCK && errno != EINTR) ||
		    waited >= ADM_LOCK_WAIT_MS) {
			nls_error(NLSM_BUSY);
			close(fd);
			return -1;
		}
		(void)nanosleep(&step, NULL);
		waited += NLS_LOCK_STEP_MS;
	}
	return fd; /* the lock ends with the process */
}
