/*
 * tx_modules.c - the recorded module stack of <xti_modules.h>.
 *
 * STREAMS modules do not exist on Linux.  A socket already is what timod
 * (the TLI interface) and tirdwr (plain read/write) make of a stream, so
 * these two are accepted and recorded; anything else is refused with
 * ENOTSUP so the caller can name the module in its message.
 */
#include "xti_entries.h"

#include <fcntl.h>
#include <string.h>

static const char *const tx_supported[] = { "timod", "tirdwr" };

void
tx_modules_init(struct tx_ep *ep)
{
	/* every new endpoint has timod, as t_open leaves a TLI stream */
	strcpy(ep->mods[0], "timod");
	ep->nmods = 1;
}

TX_ENTRY int xti_module_supported(const char *name);
TX_ENTRY int xti_push(int fd, const char *name);
TX_ENTRY int xti_pop(int fd);
TX_ENTRY int xti_look(int fd, char *buf, size_t size);
TX_ENTRY int xti_find(int fd, const char *name);
TX_ENTRY int xti_nmodules(int fd);

TX_ENTRY int
xti_module_supported(const char *name)
{
	size_t i;

	if (name == NULL)
		return 0;
	for (i = 0; i < sizeof(tx_supported) / sizeof(tx_supported[0]); i++)
		if (strcmp(name, tx_supported[i]) == 0)
			return 1;
	return 0;
}

/* The entry of fd for the module calls: errno, not t_errno. */
static struct tx_ep *
tx_mod_enter(int fd)
{
	struct tx_ep *ep;

	if (fd < 0 || fcntl(fd, F_GETFD) < 0) {
		errno = EBADF;
		return NULL;
	}
	ep = tx_enter(fd);
	if (ep == NULL)
		errno = ENOSTR;
	return ep;
}

TX_ENTRY int
xti_push(int fd, const char *name)
{
	struct tx_ep *ep;

	if (name == NULL || *name == '\0' || strlen(name) > XTI_FMNAMESZ) {
		errno = EINVAL;
		return -1;
	}
	if ((ep = tx_mod_enter(fd)) == NULL)
		return -1;
	if (!xti_module_supported(name)) {
		tx_leave();
		errno = ENOTSUP;
		return -1;
	}
	if (ep->nmods >= XTI_MAXMODULES) {
		tx_leave();
		errno = ERANGE;
		return -1;
	}
	strcpy(ep->mods[ep->nmods++], name);
	tx_leave();
	return 0;
}

TX_ENTRY int
xti_pop(int fd)
{
	struct tx_ep *ep;

	if ((ep = tx_mod_enter(fd)) == NULL)
		return -1;
	if (ep->nmods == 0) {
		tx_leave();
		errno = EINVAL;
		return -1;
	}
	ep->nmods--;
	tx_leave();
	return 0;
}

TX_ENTRY int
xti_look(int fd, char *buf, size_t size)
{
	struct tx_ep *ep;
	const char *top;

	if (buf == NULL || size == 0) {
		errno = EINVAL;
		return -1;
	}
	if ((ep = tx_mod_enter(fd)) == NULL)
		return -1;
	if (ep->nmods == 0) {
		tx_leave();
		errno = EINVAL;
		return -1;
	}
	top = ep->mods[ep->nmods - 1];
	if (strlen(top) >= size) {
		tx_leave();
		errno = EINVAL;
		return -1;
	}
	strcpy(buf, top);
	tx_leave();
	return 0;
}

TX_ENTRY int
xti_find(int fd, const char *name)
{
	struct tx_ep *ep;
	int i, found = 0;

	if (name == NULL) {
		errno = EINVAL;
		return -1;
	}
	if ((ep = tx_mod_enter(fd)) == NULL)
		return -1;
	for (i = 0; i < ep->nmods; i++)
		if (strcmp(ep->mods[i], name) == 0)
			found = 1;
	tx_leave();
	return found;
}

TX_ENTRY int
xti_nmodules(int fd)
{
	struct tx_ep *ep;
	int n;

	if ((ep = tx_mod_enter(fd)) == NULL)
		return -1;
	n = ep->nmods;
	tx_leave();
	return n;
}
