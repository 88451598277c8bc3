/*
 * utmpx.c - the utmpx records of the servers of "u" services, written
 * with plain system calls.
 *
 * libsaf's saf_utx_write and saf_utx_dead use the C library's utmpx
 * calls, which read the file one record (384 bytes) per system call and
 * scan it whole each time: to choose the record's id, to find where to
 * write it, to find a pid's record.  With the listener's records in it
 * (up to 3844 ids) that is thousands of system calls per connection,
 * and a "u" service served some 60 connections a second.  These write the
 * same records by the same rules (libsaf's README: the id is "ls" and a
 * slot numbered from the pid, the next free one if a live record of
 * another pid holds it; a record is written over the first one of its id,
 * or appended; every record also goes to wtmpx), under the same lock (a
 * write lock on the whole file, as the C library takes it, given up after
 * ten seconds), reading the file in large pieces when they must scan it,
 * and mostly not at all: the listener remembers where each slot's record
 * is, and a hint checked under the lock spares the scan.
 *
 * They make only system calls, on their arguments and their stack, so a
 * server started without fork writes its own record before it execs.
 */
#include "config.h"

#include "ls.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <utmpx.h>

#define LS_UTX_ALPHABET \
	"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
#define LS_UTX_BASE       62
/* Records read at once when a file is scanned. */
#define LS_UTX_CHUNK      32
/* How long a lock held by another writer is waited for (the C
 * library's TIMEOUT), in 1 ms steps. */
#define LS_UTX_LOCK_TRIES 10000

static const char ls_utx_prefix[2] = { 'l', 's' };

static bool
ls_utx_live(const struct utmpx *u)
{
	return u->ut_type == INIT_PROCESS || u->ut_type == LOGIN_PROCESS ||
	    u->ut_type == USER_PROCESS;
}

/* A record the C library would write over for one of the same id. */
static bool
ls_utx_idtype(const struct utmpx *u)
{
	return ls_utx_live(u) || u->ut_type == DEAD_PROCESS;
}

/* The slot of one of our ids, or -1. */
static int
ls_utx_slot(const char *id)
{
	const char *a, *b;

	if (id[0] != ls_utx_prefix[0] || id[1] != ls_utx_prefix[1] ||
	    id[2] == '\0' || id[3] == '\0')
		return -1;
	a = memchr(LS_UTX_ALPHABET, id[2], LS_UTX_BASE);
	b = memchr(LS_UTX_ALPHABET, id[3], LS_UTX_BASE);
	if (a == NULL || b == NULL)
		return -1;
	return (int)(a - LS_UTX_ALPHABET) * LS_UTX_BASE +
	    (int)(b - LS_UTX_ALPHABET);
}

static void
ls_utx_id(int slot, char id[4])
{
	id[0] = ls_utx_prefix[0];
	id[1] = ls_utx_prefix[1];
	id[2] = LS_UTX_ALPHABET[slot / LS_UTX_BASE];
	id[3] = LS_UTX_ALPHABET[slot % LS_UTX_BASE];
}

static int
ls_utx_lock(int fd, short type)
{
	struct flock fl;
	struct timespec ms = { 0, 1000000L };
	int i;

	memset(&fl, 0, sizeof(fl));
	fl.l_type = type;
	fl.l_whence = SEEK_SET;
	for (i = 0; i < LS_UTX_LOCK_TRIES; i++) {
		if (fcntl(fd, F_SETLK, &fl) == 0)
			return 0;
		if (errno != EAGAIN && errno != EACCES && errno != EINTR)
			return -1;
		(void)nanosleep(&ms, NULL);
	}
	errno = EAGAIN;
	return -1;
}

static int
ls_utx_open(const char *path, int flags)
{
	int fd = open(path, flags | O_CREAT | O_CLOEXEC, 0644);

	if (fd < 0)
		return -1;
	if (ls_utx_lock(fd, F_WRLCK) < 0) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

/* Unlock and close, keeping errno. */
static void
ls_utx_close(int fd)
{
	struct flock fl;
	int e = errno;

	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_UNLCK;
	fl.l_whence = SEEK_SET;
	(void)fcntl(fd, F_SETLK, &fl);
	close(fd);
	errno = e;
}

/* The record at off, if there is a whole one. */
static bool
ls_utx_read(int fd, off_t off, struct utmpx *u)
{
	return pread(fd, u, sizeof(*u), off) == (ssize_t)sizeof(*u);
}

/* The end of the records (a partial one at the end is cut off, as the C
 * library does before it appends): -1 on an error. */
static off_t
ls_utx_end(int fd)
{
	struct stat st;
	off_t end;

	if (fstat(fd, &st) < 0)
		return -1;
	end = st.st_size - st.st_size % (off_t)sizeof(struct utmpx);
	if (end != st.st_size && ftruncate(fd, end) < 0)
		return -1;
	return end;
}

/* Walk the records from the start: look returns true to stop there, and
 * then the record's offset is the result; -1 at the end (or an error). */
typedef bool (*ls_utx_look)(const struct utmpx *u, void *arg);

static off_t
ls_utx_scan(int fd, ls_utx_look look, void *arg)
{
	struct utmpx buf[LS_UTX_CHUNK];
	off_t off = 0;
	ssize_t n;
	size_t i;

	while ((n = pread(fd, buf, sizeof(buf), off)) > 0) {
		for (i = 0; i < (size_t)n / sizeof(buf[0]); i++)
			if (look(&buf[i], arg))
				return off + (off_t)(i * sizeof(buf[0]));
		if ((size_t)n < sizeof(buf))
			break;
		off += n;
	}
	return -1;
}

/* The slots live records of other processes hold. */
struct ls_utx_used {
	pid_t pid;
	unsigned char bits[(LS_UTX_SLOTS + 7) / 8];
};

static bool
ls_utx_look_used(const struct utmpx *u, void *arg)
{
	struct ls_utx_used *used = arg;
	int s;

	if (ls_utx_live(u) && u->ut_pid != used->pid &&
	    (s = ls_utx_slot(u->ut_id)) >= 0)
		used->bits[s / 8] |= (unsigned char)(1U << (s % 8));
	return false;
}

static bool
ls_utx_look_id(const struct utmpx *u, void *arg)
{
	return ls_utx_idtype(u) && memcmp(u->ut_id, arg, sizeof(u->ut_id)) == 0;
}

static bool
ls_utx_look_pid(const struct utmpx *u, void *arg)
{
	return ls_utx_live(u) && u->ut_pid == *(const pid_t *)arg;
}

/* Write u over the first record of its id, or at the end: its offset,
 * or -1. */
static off_t
ls_utx_put(int fd, const struct utmpx *u)
{
	char id[sizeof(u->ut_id)];
	off_t off;

	memcpy(id, u->ut_id, sizeof(id));
	if ((off = ls_utx_scan(fd, ls_utx_look_id, id)) < 0 &&
	    (off = ls_utx_end(fd)) < 0)
		return -1;
	if (pwrite(fd, u, sizeof(*u), off) != (ssize_t)sizeof(*u)) {
		if (errno == 0)
			errno = EIO;
		return -1;
	}
	return off;
}

/* Append u to wtmpx. */
static int
ls_utx_wtmp(const char *wtmp, const struct utmpx *u)
{
	int fd = ls_utx_open(wtmp, O_WRONLY);
	off_t end;
	int r = -1;

	if (fd < 0)
		return -1;
	if ((end = ls_utx_end(fd)) >= 0 &&
	    pwrite(fd, u, sizeof(*u), end) == (ssize_t)sizeof(*u))
		r = 0;
	ls_utx_close(fd);
	return r;
}

static void
ls_utx_now(struct utmpx *u)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_REALTIME, &ts);
	u->ut_tv.tv_sec = (int32_t)ts.tv_sec;
	u->ut_tv.tv_usec = (int32_t)(ts.tv_nsec / 1000);
}

int
ls_utx_user(const char *utmp, const char *wtmp, struct utmpx *u, pid_t pid,
    const uint32_t *hint, int *slotp, uint32_t *offp)
{
	struct utmpx r;
	int fd, i, slot = (int)((unsigned long)pid % LS_UTX_SLOTS);
	off_t off = -1;

	if ((fd = ls_utx_open(utmp, O_RDWR)) < 0)
		return errno;
	u->ut_type = USER_PROCESS;
	u->ut_pid = pid;
	ls_utx_now(u);
	/* the record of the pid's slot where the listener last saw it:
	 * used, if it is not a live one of another process */
	ls_utx_id(slot, u->ut_id);
	if (hint != NULL) {
		uint32_t h = __atomic_load_n(&hint[slot], __ATOMIC_RELAXED);

		if (h > 0 && ls_utx_read(fd, (off_t)(h - 1), &r) &&
		    ls_utx_idtype(&r) &&
		    memcmp(r.ut_id, u->ut_id, sizeof(r.ut_id)) == 0 &&
		    !(ls_utx_live(&r) && r.ut_pid != pid))
			off = (off_t)(h - 1);
	}
	if (off >= 0) {
		if (pwrite(fd, u, sizeof(*u), off) != (ssize_t)sizeof(*u))
			off = -1;
	} else {
		/* the first slot from the pid's that no live record of
		 * another process holds, then its record */
		struct ls_utx_used used;

		memset(&used, 0, sizeof(used));
		used.pid = pid;
		(void)ls_utx_scan(fd, ls_utx_look_used, &used);
		for (i = 0; i < LS_UTX_SLOTS; i++) {
			slot = (int)(((unsigned long)pid + (unsigned)i) %
			    LS_UTX_SLOTS);
			if (!(used.bits[slot / 8] & (1U << (slot % 8))))
				break;
		}
		if (i == LS_UTX_SLOTS) {
			ls_utx_close(fd);
			return ENOSPC;
		}
		ls_utx_id(slot, u->ut_id);
		off = ls_utx_put(fd, u);
	}
	ls_utx_close(fd);
	if (off < 0)
		return errno != 0 ? errno : EIO;
	*slotp = slot;
	*offp = (uint32_t)off + 1;
	return ls_utx_wtmp(wtmp, u) < 0 ? errno : 0;
}

int
ls_utx_dead(
    const char *utmp, const char *wtmp, pid_t pid, int status, uint32_t hint)
{
	struct utmpx u;
	off_t off = -1;
	int fd;

	if ((fd = ls_utx_open(utmp, O_RDWR)) < 0)
		return errno;
	if (hint > 0 && ls_utx_read(fd, (off_t)(hint - 1), &u) &&
	    ls_utx_live(&u) && u.ut_pid == pid)
		off = (off_t)(hint - 1);
	else if ((off = ls_utx_scan(fd, ls_utx_look_pid, &pid)) >= 0)
		(void)ls_utx_read(fd, off, &u);
	if (off < 0) {
		ls_utx_close(fd);
		return ESRCH;
	}
	u.ut_type = DEAD_PROCESS;
	u.ut_exit.e_termination = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
	u.ut_exit.e_exit = WIFEXITED(status) ? WEXITSTATUS(status) : 0;
	memset(u.ut_user, 0, sizeof(u.ut_user));
	memset(u.ut_host, 0, sizeof(u.ut_host));
	ls_utx_now(&u);
	/* over the first record of its id (that one, unless another
	 * writer made two) */
	if (hint == 0 || off != (off_t)(hint - 1))
		off = ls_utx_put(fd, &u);
	else if (pwrite(fd, &u, sizeof(u), off) != (ssize_t)sizeof(u))
		off = -1;
	ls_utx_close(fd);
	if (off < 0)
		return errno != 0 ? errno : EIO;
	return ls_utx_wtmp(wtmp, &u) < 0 ? errno : 0;
}
