/*
 * tx_addr.c - transport addresses in netbufs.
 *
 * inet and inet6 netbufs hold native struct sockaddr_in/_in6 bytes.  On
 * input the family field is accepted in either byte order (tables written
 * on big-endian Solaris say \x0002...), Solaris' AF_INET6 number 26 is
 * accepted, and short inet addresses (8 bytes: family, port, address; SVR4
 * programs pass them) are padded.  The SVR4 loopback transports (ticots,
 * ticotsord, ticlts) take arbitrary bytes, which name an AF_UNIX socket in
 * the abstract namespace; the netconfig "local" transports take a struct
 * sockaddr_un with a path, as libtirpc's uaddr2taddr makes it.
 */
#include "xti_impl.h"

#include <netinet/in.h>
#include <stddef.h>
#include <string.h>
#include <sys/un.h>

#define TX_SUN_OFF          offsetof(struct sockaddr_un, sun_path)
#define TX_SUN_MAX          sizeof(((struct sockaddr_un *)0)->sun_path)
/* The family number of AF_INET6 on Solaris, seen in imported tables. */
#define TX_SOLARIS_AF_INET6 26

static unsigned int
tx_family(const unsigned char *p)
{
	uint16_t f;

	memcpy(&f, p, sizeof(f));
	return f;
}

static bool
tx_family_is(const unsigned char *p, unsigned int want, unsigned int alt)
{
	unsigned int f = tx_family(p);
	unsigned int swapped = ((f & 0xff) << 8) | (f >> 8);

	return f == want || swapped == want ||
	    (alt != 0 && (f == alt || swapped == alt));
}

int
tx_addr_in(const struct tx_kind *k, const void *buf, size_t len,
    struct sockaddr_storage *sa, socklen_t *salen)
{
	const unsigned char *p = buf;
	struct sockaddr_un *sun = (struct sockaddr_un *)sa;
	size_t n;

	memset(sa, 0, sizeof(*sa));
	if (buf == NULL)
		return tx_fail(TBADADDR);
	switch (k->afmt) {
	case TX_ADDR_INET:
		/* family, port and address at least */
		if (len < 8 || !tx_family_is(p, AF_INET, 0))
			return tx_fail(TBADADDR);
		memcpy(sa, p,
		    len < sizeof(struct sockaddr_in) ?
			len :
			sizeof(struct sockaddr_in));
		memset(((struct sockaddr_in *)sa)->sin_zero, 0,
		    sizeof(((struct sockaddr_in *)sa)->sin_zero));
		*salen = sizeof(struct sockaddr_in);
		break;
	case TX_ADDR_INET6:
		/* family, port, flow info and address at least */
		if (len < 24 || !tx_family_is(p, AF_INET6, TX_SOLARIS_AF_INET6))
			return tx_fail(TBADADDR);
		memcpy(sa, p,
		    len < sizeof(struct sockaddr_in6) ?
			len :
			sizeof(struct sockaddr_in6));
		*salen = sizeof(struct sockaddr_in6);
		break;
	case TX_ADDR_ABSTRACT:
		if (len == 0 || len > TX_SUN_MAX - 1)
			return tx_fail(TBADADDR);
		sun->sun_path[0] = '\0';
		memcpy(sun->sun_path + 1, p, len);
		*salen = (socklen_t)(TX_SUN_OFF + 1 + len);
		break;
	case TX_ADDR_PATH:
		if (len <= TX_SUN_OFF || !tx_family_is(p, AF_UNIX, 0))
			return tx_fail(TBADADDR);
		n = len - TX_SUN_OFF;
		if (n > TX_SUN_MAX)
			return tx_fail(TBADADDR);
		memcpy(sun->sun_path, p + TX_SUN_OFF, n);
		if (sun->sun_path[0] != '\0') {
			/* a path: up to its NUL, and it must leave room */
			n = strnlen(sun->sun_path, n);
			if (n >= TX_SUN_MAX)
				return tx_fail(TBADADDR);
			sun->sun_path[n] = '\0';
		}
		*salen = (socklen_t)(TX_SUN_OFF + n);
		break;
	}
	sa->ss_family = (sa_family_t)k->domain;
	return 0;
}

size_t
tx_addr_out(const struct tx_kind *k, const struct sockaddr_storage *sa,
    socklen_t salen, void *out, size_t cap)
{
	const struct sockaddr_un *sun = (const struct sockaddr_un *)sa;
	const void *src = sa;
	size_t n;
	struct sockaddr_un tmp;

	switch (k->afmt) {
	case TX_ADDR_INET:
	case TX_ADDR_INET6:
		n = salen;
		break;
	case TX_ADDR_ABSTRACT:
		if (salen <= TX_SUN_OFF) {
			n = 0;
		} else if (sun->sun_path[0] == '\0') {
			src = sun->sun_path + 1;
			n = salen - TX_SUN_OFF - 1;
		} else {
			src = sun->sun_path;
			n = strnlen(sun->sun_path, salen - TX_SUN_OFF);
		}
		break;
	case TX_ADDR_PATH:
	default:
		if (salen <= TX_SUN_OFF) {
			n = 0;
			break;
		}
		/* family and path without the terminating NUL */
		memset(&tmp, 0, sizeof(tmp));
		memcpy(&tmp, sa, salen < sizeof(tmp) ? salen : sizeof(tmp));
		n = salen - TX_SUN_OFF;
		if (tmp.sun_path[0] != '\0')
			n = strnlen(tmp.sun_path, n);
		n += TX_SUN_OFF;
		break;
	}
	if (out != NULL)
		memcpy(out, src, n < cap ? n : cap);
	return n;
}

bool
tx_addr_any(
    const struct tx_kind *k, struct sockaddr_storage *sa, socklen_t *salen)
{
	memset(sa, 0, sizeof(*sa));
	sa->ss_family = (sa_family_t)k->domain;
	switch (k->afmt) {
	case TX_ADDR_INET:
		((struct sockaddr_in *)sa)->sin_addr.s_addr = htonl(INADDR_ANY);
		*salen = sizeof(struct sockaddr_in);
		return true;
	case TX_ADDR_INET6:
		((struct sockaddr_in6 *)sa)->sin6_addr = in6addr_any;
		*salen = sizeof(struct sockaddr_in6);
		return true;
	default:
		/* AF_UNIX: bind with just the family autobinds to an
		 * abstract name of five hex digits */
		*salen = sizeof(sa_family_t);
		return false;
	}
}

int
tx_copyout(
    struct netbuf *nb, const void *data, size_t len, enum tx_flavour flav)
{
	if (nb == NULL)
		return 0;
	/* XTI: maxlen 0 means the caller does not want the field. */
	if (flav == TX_XTI && nb->maxlen == 0)
		return 0;
	if (len > nb->maxlen || (len > 0 && nb->buf == NULL))
		return tx_fail(TBUFOVFLW);
	if (len > 0)
		memcpy(nb->buf, data, len);
	nb->len = (unsigned int)len;
	return 0;
}

int
tx_copyout_addr(struct netbuf *nb, const struct tx_kind *k,
    const struct sockaddr_storage *sa, socklen_t salen, enum tx_flavour flav)
{
	unsigned char tmp[sizeof(struct sockaddr_storage)];
	size_t n = tx_addr_out(k, sa, salen, tmp, sizeof(tmp));

	return tx_copyout(nb, tmp, n, flav);
}
