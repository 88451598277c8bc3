/*
 * nls_env.c - nlsgetcall and nlsprovider: what the listener told a server
 * it started, through the environment.
 *
 * Each netbuf of the t_call gets its own malloc'ed buffer, so that
 * t_free(call, T_CALL) of libxti releases everything.  A variable that
 * cannot be decoded leaves its netbuf without a buffer and a negative
 * len (the SVR4 codes; len is unsigned, so callers cast it to int).
 */
#include "nls_impl.h"

#include <stdlib.h>
#include <string.h>

/* Decode environment variable name into nb (buffer malloc'ed, exact
 * size): the byte count or an NLSI_ENV_* / NLSI_HEX_DIGIT code, which is
 * also stored in nb->len. */
static int
nlsi_env(struct netbuf *nb, const char *name)
{
	const char *hex = getenv(name);
	size_t hexlen, n;
	unsigned char *buf;
	int r;

	nb->buf = NULL;
	nb->maxlen = 0;
	if (hex == NULL)
		r = NLSI_ENV_UNSET;
	else if ((hexlen = strlen(hex)) % 2 != 0)
		r = NLSI_ENV_ODD;
	else if ((buf = calloc(1, (n = hexlen / 2) ? n : 1)) == NULL)
		r = NLSI_ENV_NOMEM;
	else if ((r = nlsi_c2addr(buf, n, hex, hexlen)) < 0)
		free(buf);
	else {
		nb->buf = buf;
		nb->maxlen = (unsigned int)n;
	}
	nb->len = (unsigned int)r;
	return r;
}

NLSI_ENTRY struct t_call *
nlsgetcall(int fd)
{
	struct t_call *call;

	(void)fd;
	if ((call = calloc(1, sizeof(*call))) == NULL)
		return NULL;
	(void)nlsi_env(&call->addr, NLSADDR);
	(void)nlsi_env(&call->opt, NLSOPT);
	(void)nlsi_env(&call->udata, NLSUDATA);
	return call;
}

NLSI_ENTRY char *
nlsprovider(void)
{
	return getenv(NLSPROVIDER);
}
