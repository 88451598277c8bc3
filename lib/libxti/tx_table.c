/*
 * tx_table.c - the per-descriptor endpoint table and the library lock.
 *
 * One mutex covers the table and every entry.  A call takes it in
 * tx_enter and gives it back in tx_leave; a call that must wait (blocking
 * mode) does so in tx_wait, with the mutex released, and gets its entry
 * back re-validated, because another thread may have closed the fd
 * meanwhile.  After fork the child re-initialises the mutex.
 */
#include "xti_impl.h"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

static pthread_mutex_t tx_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t tx_once = PTHREAD_ONCE_INIT;
static struct tx_ep **tx_tab;
static size_t tx_tabsize;
static unsigned long tx_nextgen = 1;

static void
tx_atfork_child(void)
{
	pthread_mutex_init(&tx_mutex, NULL);
}

static void
tx_atfork_prepare(void)
{
	pthread_mutex_lock(&tx_mutex);
}

static void
tx_atfork_parent(void)
{
	pthread_mutex_unlock(&tx_mutex);
}

static void
tx_init(void)
{
	pthread_atfork(tx_atfork_prepare, tx_atfork_parent, tx_atfork_child);
}

void
tx_lock(void)
{
	pthread_once(&tx_once, tx_init);
	pthread_mutex_lock(&tx_mutex);
}

void
tx_unlock(void)
{
	pthread_mutex_unlock(&tx_mutex);
}

void
tx_leave(void)
{
	int err = errno;

	tx_unlock();
	errno = err;
}

static bool
tx_same_socket(const struct tx_ep *ep, int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode) &&
	    st.st_dev == ep->dev && st.st_ino == ep->ino;
}

static void
tx_free(struct tx_ep *ep)
{
	tx_ind_dropall(ep);
	free(ep->ind);
	free(ep->dgbuf);
	free(ep);
}

struct tx_ep *
tx_lookup(int fd)
{
	struct tx_ep *ep;

	if (fd < 0 || (size_t)fd >= tx_tabsize || tx_tab[fd] == NULL)
		return NULL;
	ep = tx_tab[fd];
	if (tx_same_socket(ep, fd))
		return ep;
	/* The program closed or replaced the fd behind the library's back:
	 * what the entry held belongs to a socket that is gone. */
	tx_tab[fd] = NULL;
	tx_free(ep);
	return NULL;
}

void
tx_reidentify(struct tx_ep *ep)
{
	struct stat st;

	if (fstat(ep->fd, &st) == 0) {
		ep->dev = st.st_dev;
		ep->ino = st.st_ino;
	}
}

struct tx_ep *
tx_create(int fd, const struct tx_kind *kind)
{
	struct tx_ep *ep;

	if (fd < 0) {
		errno = EBADF;
		return NULL;
	}
	if ((size_t)fd >= tx_tabsize) {
		size_t n = tx_tabsize ? tx_tabsize : 64;
		struct tx_ep **t;

		while (n <= (size_t)fd)
			n *= 2;
		t = realloc(tx_tab, n * sizeof(*t));
		if (t == NULL)
			return NULL;
		memset(t + tx_tabsize, 0, (n - tx_tabsize) * sizeof(*t));
		tx_tab = t;
		tx_tabsize = n;
	}
	ep = calloc(1, sizeof(*ep));
	if (ep == NULL)
		return NULL;
	ep->fd = fd;
	ep->gen = tx_nextgen++;
	ep->kind = kind;
	ep->state = T_UNBND;
	ep->dis_seq = -1;
	ep->nextseq = 1;
	tx_reidentify(ep);
	tx_modules_init(ep);
	if (tx_tab[fd] != NULL)
		tx_free(tx_tab[fd]);
	tx_tab[fd] = ep;
	return ep;
}

void
tx_destroy(int fd)
{
	if (fd >= 0 && (size_t)fd < tx_tabsize && tx_tab[fd] != NULL) {
		tx_free(tx_tab[fd]);
		tx_tab[fd] = NULL;
	}
}

struct tx_ep *
tx_enter(int fd)
{
	struct tx_ep *ep;

	tx_lock();
	if (fd < 0) {
		tx_unlock();
		tx_fail(TBADF);
		return NULL;
	}
	ep = tx_lookup(fd);
	if (ep == NULL)
		ep = tx_adopt(fd);
	if (ep == NULL)
		tx_leave();
	return ep;
}

bool
tx_blocking(const struct tx_ep *ep)
{
	int fl = fcntl(ep->fd, F_GETFL);

	return fl >= 0 && !(fl & O_NONBLOCK);
}

struct tx_ep *
tx_wait(struct tx_ep *ep, short events, bool with_held, int timeout)
{
	struct pollfd pfd[1 + TX_MAXQLEN];
	nfds_t n = 0;
	int fd = ep->fd;
	unsigned long gen = ep->gen;
	unsigned int i;
	int r, err;

	pfd[n].fd = fd;
	pfd[n].events = events;
	n++;
	if (with_held && ep->ind != NULL)
		for (i = 0; i < ep->qlen && n < sizeof(pfd) / sizeof(pfd[0]);
		     i++)
			if (ep->ind[i].seq != 0) {
				/* only errors (a reset) matter here */
				pfd[n].fd = ep->ind[i].fd;
				pfd[n].events = 0;
				n++;
			}
	tx_unlock();
	r = poll(pfd, n, timeout);
	err = errno;
	tx_lock();
	ep = tx_lookup(fd);
	if (ep == NULL || ep->gen != gen) {
		tx_unlock();
		tx_fail(TBADF);
		return NULL;
	}
	if (r < 0) {
		tx_unlock();
		tx_sysfail(err);
		return NULL;
	}
	return ep;
}

/*
 * Held sockets start at this number so that they never take the low
 * numbers SVR4 programs expect from t_open (the listener closes fd 0 and
 * wants the next endpoint there).
 */
int
tx_highfd(void)
{
	static int high;
	struct rlimit rl;

	if (high == 0) {
		high = 256;
		if (getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
		    rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur / 2 < 256)
			high = (int)(rl.rlim_cur / 2);
		if (high < 3)
			high = 3;
	}
	return high;
}

bool
tx_is_disconnect_errno(int err)
{
	switch (err) {
	case ECONNRESET:
	case ECONNREFUSED:
	case ECONNABORTED:
	case EPIPE:
	case ETIMEDOUT:
	case EHOSTUNREACH:
	case ENETUNREACH:
	case ENETDOWN:
	case EHOSTDOWN:
	case ENOENT: /* AF_UNIX: no such rendezvous */
		return true;
	}
	return false;
}
