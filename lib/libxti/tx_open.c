/*
 * tx_open.c - t_open, t_close, t_getinfo.
 */
#include "xti_entries.h"

#include <fcntl.h>
#include <unistd.h>

static int
tx_open(const char *name, int oflag, void *info, enum tx_flavour flav)
{
	const struct tx_kind *k;
	struct tx_ep *ep;
	int fd, terr, err;

	if ((oflag & O_ACCMODE) != O_RDWR)
		return tx_fail(TBADFLAG);
	k = tx_kind_byname(name, &terr);
	if (k == NULL) {
		/* TLI reports an unknown device as open(2) would */
		if (flav == TX_TLI && terr == TBADNAME)
			return tx_sysfail(ENOENT);
		return tx_fail(terr);
	}
	tx_lock();
	fd = tx_socket(k, (oflag & O_NONBLOCK) != 0);
	if (fd < 0) {
		err = errno;
		tx_unlock();
		return tx_sysfail(err);
	}
	ep = tx_create(fd, k);
	if (ep == NULL) {
		close(fd);
		tx_unlock();
		return tx_sysfail(ENOMEM);
	}
	if (info != NULL)
		tx_fill_info(k, flav, info);
	tx_unlock();
	return fd;
}

TX_ENTRY int
t_open(const char *name, int oflag, struct tx_tli_info *info)
{
	return tx_open(name, oflag, info, TX_TLI);
}

TX_ENTRY int
_xti_open(const char *name, int oflag, struct t_info *info)
{
	return tx_open(name, oflag, info, TX_XTI);
}

/*
 * Held connect indications are reset; a connection is closed plainly
 * (XTI allows an orderly or an abortive end).
 */
static int
tx_close(int fd)
{
	struct tx_ep *ep = tx_enter(fd);

	if (ep == NULL)
		return -1;
	tx_destroy(fd);
	close(fd);
	tx_leave();
	return 0;
}

TX_ENTRY int
t_close(int fd)
{
	return tx_close(fd);
}

TX_ENTRY int
_xti_close(int fd)
{
	return tx_close(fd);
}

static int
tx_getinfo(int fd, void *info, enum tx_flavour flav)
{
	struct tx_ep *ep = tx_enter(fd);

	if (ep == NULL)
		return -1;
	if (info != NULL)
		tx_fill_info(ep->kind, flav, info);
	tx_leave();
	return 0;
}

TX_ENTRY int
t_getinfo(int fd, struct tx_tli_info *info)
{
	return tx_getinfo(fd, info, TX_TLI);
}

TX_ENTRY int
_xti_getinfo(int fd, struct t_info *info)
{
	return tx_getinfo(fd, info, TX_XTI);
}
