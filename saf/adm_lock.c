/*
 * adm_lock.c - one table writer at a time, and "is sac running?".
 *
 * The original used its fixed temporary names (._sactab, ._pmtab) as a
 * crude lock and failed at once with "tempfile busy".  Tables are now
 * rewritten through unique temporary files (libsaf), so the commands that
 * change them take an flock(2) on <SAF_ETC>/.saflock instead, and wait for
 * it a little before giving the old answer.  The lock lasts until the
 * command exits.
 */
#include "config.h"

#include "adm.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#define ADM_LOCK_STEP_MS 20

void
adm_lock(void)
{
	static const struct timespec step = { 0,
		ADM_LOCK_STEP_MS * 1000000L };
	char path[SAF_PATH_MAX];
	int fd, n, waited;

	n = snprintf(path, sizeof(path), "%s/%s", saf_etc_dir(), ADM_LOCK_NAME);
	if (n < 0 || (size_t)n >= sizeof(path))
		adm_die(E_SYSERR, MSG_TEMPFILE);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0)
		adm_die(E_SYSERR, MSG_TEMPFILE);
	for (waited = 0; flock(fd, LOCK_EX | LOCK_NB) < 0;
	     waited += ADM_LOCK_STEP_MS) {
		if ((errno != EWOULDBLOCK && errno != EINTR) ||
		    waited >= ADM_LOCK_WAIT_MS)
			adm_die(E_SAFERR, MSG_BUSY);
		(void)nanosleep(&step, NULL);
	}
	/* fd stays open: the lock ends with the process */
}

bool
adm_sac_running(void)
{
	char path[SAF_PATH_MAX];
	int r = -1;

	if (saf_path(path, sizeof(path), SAF_P_LOG, NULL) == 0)
		r = saf_lock_test_path(path);
	if (r < 0)
		adm_msg(MSG_W_SACSTATUS);
	return r == 1;
}
