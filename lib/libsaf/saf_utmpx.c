/*
 * saf_utmpx.c - utmpx records of port monitors and of the services they
 * start, in saf_utmpx_file() (pututxline) and saf_wtmpx_file() (updwtmpx).
 *
 * Ids.  The original asked makeutx to fill the wildcard bytes of an id
 * like "PM\xff\xff" with a free pair.  Linux has no makeutx, so we choose:
 * the first two bytes are the writer's (u->prefix: "PM" for monitors sac
 * starts), the last two are letters or digits numbering 62 * 62 slots,
 * starting at the slot pid mod 3844 and moving to the next slot while a
 * live record (INIT, LOGIN or USER_PROCESS) of another pid holds it.  So a
 * process keeps its id for its life, and two live processes never share
 * one unless 3844 of them with the same prefix are alive.
 *
 * A DEAD_PROCESS record keeps the id and line of the live one (so that
 * last(1) pairs them) and clears user and host, as Linux's login does.
 * The glibc utmpx calls use one process-wide file name: not thread-safe.
 */
#include "saf_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utmpx.h>

#define SAF_UTX_ALPHABET \
	"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
#define SAF_UTX_BASE  62
#define SAF_UTX_SLOTS (SAF_UTX_BASE * SAF_UTX_BASE)

/* Create a file if it is missing (glibc opens utmp files without O_CREAT). */
static int
saf_utx_touch(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);

	if (fd < 0)
		return -1;
	return close(fd);
}

static int
saf_utx_open(void)
{
	if (saf_utx_touch(saf_utmpx_file()) < 0 ||
	    saf_utx_touch(saf_wtmpx_file()) < 0)
		return -1;
	if (utmpxname(saf_utmpx_file()) != 0) {
		if (errno == 0)
			errno = EINVAL;
		return -1;
	}
	return 0;
}

static bool
saf_utx_live(const struct utmpx *u)
{
	return u->ut_type == INIT_PROCESS || u->ut_type == LOGIN_PROCESS ||
	    u->ut_type == USER_PROCESS;
}

/* Slot number of an id of ours, or -1. */
static int
saf_utx_slot(const char *id, const char prefix[2])
{
	const char *a, *b;

	if (id[0] != prefix[0] || id[1] != prefix[1] || id[2] == '\0' ||
	    id[3] == '\0')
		return -1;
	a = strchr(SAF_UTX_ALPHABET, id[2]);
	b = strchr(SAF_UTX_ALPHABET, id[3]);
	if (a == NULL || b == NULL)
		return -1;
	return (int)(a - SAF_UTX_ALPHABET) * SAF_UTX_BASE +
	    (int)(b - SAF_UTX_ALPHABET);
}

static int
saf_utx_pick(const char prefix[2], pid_t pid, char id[SAF_UTX_IDLEN])
{
	unsigned char used[SAF_UTX_SLOTS];
	struct utmpx *u;
	int i, slot;

	memset(used, 0, sizeof(used));
	setutxent();
	while ((u = getutxent()) != NULL)
		if (saf_utx_live(u) && u->ut_pid != pid &&
		    (slot = saf_utx_slot(u->ut_id, prefix)) >= 0)
			used[slot] = 1;
	for (i = 0; i < SAF_UTX_SLOTS; i++) {
		slot =
		    (int)(((unsigned long)pid + (unsigned)i) % SAF_UTX_SLOTS);
		if (!used[slot])
			break;
	}
	if (i == SAF_UTX_SLOTS) {
		errno = ENOSPC;
		return -1;
	}
	id[0] = prefix[0];
	id[1] = prefix[1];
	id[2] = SAF_UTX_ALPHABET[slot / SAF_UTX_BASE];
	id[3] = SAF_UTX_ALPHABET[slot % SAF_UTX_BASE];
	return 0;
}

/* Copy s into a fixed utmpx field (NUL-padded, maybe unterminated). */
static int
saf_utx_field(char *dst, size_t size, const char *s, bool cut)
{
	size_t len = s != NULL ? strlen(s) : 0;

	if (len > size) {
		if (!cut) {
			errno = ENAMETOOLONG;
			return -1;
		}
		len = size;
	}
	memset(dst, 0, size);
	if (len > 0)
		memcpy(dst, s, len);
	return 0;
}

static int
saf_utx_put(struct utmpx *ut)
{
	struct timeval tv;
	struct utmpx *r;

	gettimeofday(&tv, NULL);
	ut->ut_tv.tv_sec = (int32_t)tv.tv_sec;
	ut->ut_tv.tv_usec = (int32_t)tv.tv_usec;
	setutxent();
	r = pututxline(ut);
	endutxent();
	if (r == NULL)
		return -1;
	updwtmpx(saf_wtmpx_file(), ut);
	return 0;
}

int
saf_utx_write(const struct saf_utx *u, char id[SAF_UTX_IDLEN])
{
	struct utmpx ut;

	memset(&ut, 0, sizeof(ut));
	if ((u->type != LOGIN_PROCESS && u->type != USER_PROCESS) ||
	    u->pid <= 0 || u->user == NULL) {
		errno = EINVAL;
		return -1;
	}
	if (saf_utx_field(ut.ut_user, sizeof(ut.ut_user), u->user, false) < 0 ||
	    saf_utx_field(ut.ut_line, sizeof(ut.ut_line), u->line, false) < 0 ||
	    saf_utx_field(ut.ut_host, sizeof(ut.ut_host), u->host, true) < 0)
		return -1;
	if (saf_utx_open() < 0)
		return -1;
	if (saf_utx_pick(u->prefix, u->pid, ut.ut_id) < 0) {
		endutxent();
		return -1;
	}
	ut.ut_type = u->type;
	ut.ut_pid = u->pid;
	if (saf_utx_put(&ut) < 0)
		return -1;
	if (id != NULL)
		memcpy(id, ut.ut_id, SAF_UTX_IDLEN);
	return 0;
}

int
saf_utx_dead(pid_t pid, int status)
{
	struct utmpx ut, *u;
	bool found = false;

	if (saf_utx_open() < 0)
		return -1;
	setutxent();
	while ((u = getutxent()) != NULL)
		if (saf_utx_live(u) && u->ut_pid == pid) {
			ut = *u;
			found = true;
			break;
		}
	endutxent();
	if (!found) {
		errno = ESRCH;
		return -1;
	}
	ut.ut_type = DEAD_PROCESS;
	ut.ut_exit.e_termination = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
	ut.ut_exit.e_exit = WIFEXITED(status) ? WEXITSTATUS(status) : 0;
	memset(ut.ut_user, 0, sizeof(ut.ut_user));
	memset(ut.ut_host, 0, sizeof(ut.ut_host));
	return saf_utx_put(&ut);
}
