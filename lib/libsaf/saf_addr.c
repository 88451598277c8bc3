/*
 * saf_addr.c - the listener's address notation: the private address field
 * of a _pmtab record, made into a socket address for a transport family.
 *
 *   \xHEX \XHEX  sockaddr bytes, most significant digit first; an odd
 *                count of digits gets a leading zero nibble.  The family
 *                field may be in either byte order (Solaris tables say
 *                \x00020ACE...) and Solaris' AF_INET6 (26) is accepted.
 *                For AF_UNIX the bytes are the socket's name (a leading
 *                NUL byte: the abstract namespace).
 *   \oOCT \OOCT  the same digits in octal (3 bits each).
 *   h1.h2.h3.h4.p1.p2, v6addr.p1.p2   universal addresses
 *   host\:port, [v6addr]\:port, \:port (any address)
 *   /path        AF_UNIX transports; "\:" is a ':' in it
 *
 * "\:" is an escaped ':' (a _pmtab field cannot hold a plain one) and "\\"
 * a backslash.  Hosts and ports are numeric: no name service is asked.
 * Command substitution (\$cmd\$, \!cmd\!), which the original ran through
 * a shell as root, is an error, and so is any other backslash, text after
 * the digits of \x or \o, or more than SAF_ADDR_BYTES_MAX bytes.
 */
#include "saf_impl.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/un.h>

#define SAF_ADDR_BYTES_MAX   128 /* the original's conversion buffer */
#define SAF_SOLARIS_AF_INET6 26  /* AF_INET6 on Solaris */
#define SAF_SOLARIS_SIN6_LEN 32  /* its sockaddr_in6 */

static int
addr_err(struct saf_error *err, const char *what)
{
	return safi_err(err, SAF_EADDR, 0, 0, "address", "%s", what);
}

static int
hexval(unsigned char c)
{
	if (safi_isdigit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* \x or \o digits into bytes: bits are laid from the last digit up. */
static int
addr_base(const char *d, size_t nd, int bits, unsigned char *out, size_t *nout,
    struct saf_error *err)
{
	size_t nbytes = (nd * (size_t)bits + 7) / 8, i, pos = 0;

	if (nd == 0)
		return addr_err(err, "no digits after \\x or \\o");
	if (nbytes > SAF_ADDR_BYTES_MAX)
		return addr_err(err, "address longer than 128 bytes");
	memset(out, 0, nbytes);
	for (i = nd; i-- > 0; pos += (size_t)bits) {
		int v = hexval((unsigned char)d[i]);
		unsigned int sh = (unsigned int)(pos % 8);
		size_t b = nbytes - 1 - pos / 8;

		if (v < 0 || v >= (1 << bits))
			return addr_err(err, "illegal digit or trailer");
		out[b] |= (unsigned char)(v << sh);
		if (sh + (unsigned int)bits > 8 && b > 0)
			out[b - 1] |= (unsigned char)(v >> (8 - sh));
	}
	*nout = nbytes;
	return 0;
}

static bool
family_is(const unsigned char *p, unsigned int want, unsigned int alt)
{
	unsigned int be = (unsigned int)p[0] << 8 | p[1];
	unsigned int le = (unsigned int)p[1] << 8 | p[0];

	return be == want || le == want || (alt && (be == alt || le == alt));
}

static int
addr_bytes_inet(const unsigned char *p, size_t n, struct sockaddr_storage *ss,
    socklen_t *sslen, struct saf_error *err)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

	if (n >= 8 && n <= sizeof(*sin) && family_is(p, AF_INET, 0)) {
		sin->sin_family = AF_INET;
		memcpy(&sin->sin_port, p + 2, 2);
		memcpy(&sin->sin_addr, p + 4, 4);
		*sslen = sizeof(*sin);
		return 0;
	}
	if (n >= 24 && n <= SAF_SOLARIS_SIN6_LEN &&
	    family_is(p, AF_INET6, SAF_SOLARIS_AF_INET6)) {
		sin6->sin6_family = AF_INET6;
		memcpy(&sin6->sin6_port, p + 2, 2);
		memcpy(&sin6->sin6_flowinfo, p + 4, 4);
		memcpy(&sin6->sin6_addr, p + 8, 16);
		if (n >= 28)
			memcpy(&sin6->sin6_scope_id, p + 24, 4);
		*sslen = sizeof(*sin6);
		return 0;
	}
	return addr_err(err, "bytes are not an address of the transport");
}

static int
addr_bytes(int family, const unsigned char *p, size_t n,
    struct sockaddr_storage *ss, socklen_t *sslen, struct saf_error *err)
{
	struct sockaddr_un *sun = (struct sockaddr_un *)ss;

	if (family == AF_UNIX) {
		if (n == 0 || n > sizeof(sun->sun_path))
			return addr_err(err, "bad AF_UNIX name length");
		sun->sun_family = AF_UNIX;
		memcpy(sun->sun_path, p, n);
		*sslen =
		    (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n);
		return 0;
	}
	if (addr_bytes_inet(p, n, ss, sslen, err) < 0)
		return -1;
	if (ss->ss_family != family)
		return addr_err(err, "address of another family");
	return 0;
}

/* A decimal number of at most 5 digits and at most max. */
static int
addr_num(const char *s, size_t len, long max, long *v)
{
	size_t i;

	*v = 0;
	if (len == 0 || len > 5)
		return -1;
	for (i = 0; i < len; i++) {
		if (!safi_isdigit((unsigned char)s[i]))
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return *v <= max ? 0 : -1;
}

static int
addr_port(const char *s, in_port_t *port)
{
	long v;

	if (addr_num(s, strlen(s), 65535, &v) < 0)
		return -1;
	*port = htons((uint16_t)v);
	return 0;
}

/* "host.p1.p2": split off the two port bytes of a universal address. */
static int
addr_uport(char *text, in_port_t *port)
{
	char *d2 = strrchr(text, '.'), *d1;
	long p1, p2;

	if (d2 == NULL)
		return -1;
	*d2 = '\0';
	d1 = strrchr(text, '.');
	if (d1 == NULL)
		return -1;
	*d1 = '\0';
	if (addr_num(d1 + 1, strlen(d1 + 1), 255, &p1) < 0 ||
	    addr_num(d2 + 1, strlen(d2 + 1), 255, &p2) < 0)
		return -1;
	*port = htons((uint16_t)(p1 << 8 | p2));
	return 0;
}

static int
addr_inet(char *text, struct sockaddr_in *sin)
{
	char *colon = strrchr(text, ':');

	sin->sin_family = AF_INET;
	if (colon != NULL) {
		*colon = '\0';
		if (addr_port(colon + 1, &sin->sin_port) < 0)
			return -1;
		if (text[0] == '\0') {
			sin->sin_addr.s_addr = htonl(INADDR_ANY);
			return 0;
		}
	} else if (addr_uport(text, &sin->sin_port) < 0) {
		return -1;
	}
	/* inet_pton takes exactly four decimal parts */
	return inet_pton(AF_INET, text, &sin->sin_addr) == 1 ? 0 : -1;
}

static int
addr_inet6(char *text, struct sockaddr_in6 *sin6)
{
	char *end;

	sin6->sin6_family = AF_INET6;
	if (text[0] == '[') {
		end = strchr(text, ']');
		if (end == NULL || end[1] != ':' ||
		    addr_port(end + 2, &sin6->sin6_port) < 0)
			return -1;
		*end = '\0';
		return inet_pton(AF_INET6, text + 1, &sin6->sin6_addr) == 1 ?
		    0 :
		    -1;
	}
	if (text[0] == ':' &&
	    strspn(text + 1, "0123456789") == strlen(text + 1)) {
		sin6->sin6_addr = in6addr_any;
		return addr_port(text + 1, &sin6->sin6_port);
	}
	if (addr_uport(text, &sin6->sin6_port) < 0)
		return -1;
	return inet_pton(AF_INET6, text, &sin6->sin6_addr) == 1 ? 0 : -1;
}

/* Undo "\:" and "\\"; any other backslash is an error. */
static int
addr_unescape(
    const char *s, size_t len, char *out, size_t size, struct saf_error *err)
{
	size_t i, o = 0;

	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c == '\\') {
			if (i + 1 == len ||
			    (s[i + 1] != ':' && s[i + 1] != '\\'))
				return addr_err(
				    err, "unknown escape in address");
			c = s[++i];
		} else if (c == '\0' || safi_isspace((unsigned char)c)) {
			return addr_err(err, "white space or NUL in address");
		}
		if (o + 1 >= size)
			return addr_err(err, "address too long");
		out[o++] = c;
	}
	out[o] = '\0';
	return 0;
}

static int
addr_text(int family, char *text, struct sockaddr_storage *ss, socklen_t *sslen,
    struct saf_error *err)
{
	struct sockaddr_un *sun = (struct sockaddr_un *)ss;
	size_t len = strlen(text);

	switch (family) {
	case AF_INET:
		*sslen = sizeof(struct sockaddr_in);
		if (addr_inet(text, (struct sockaddr_in *)ss) == 0)
			return 0;
		return addr_err(err, "not a numeric IPv4 address and port");
	case AF_INET6:
		*sslen = sizeof(struct sockaddr_in6);
		if (addr_inet6(text, (struct sockaddr_in6 *)ss) == 0)
			return 0;
		return addr_err(err, "not a numeric IPv6 address and port");
	case AF_UNIX:
		if (len >= sizeof(sun->sun_path))
			return addr_err(err, "path too long");
		sun->sun_family = AF_UNIX;
		memcpy(sun->sun_path, text, len + 1);
		*sslen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) +
		    len + 1);
		return 0;
	default:
		return addr_err(err, "unsupported address family");
	}
}

int
saf_addr_parse(const char *s, size_t len, int family,
    struct sockaddr_storage *ss, socklen_t *sslen, struct saf_error *err)
{
	unsigned char bytes[SAF_ADDR_BYTES_MAX];
	char text[SAF_ADDR_BYTES_MAX + 1];
	size_t n = 0;

	memset(ss, 0, sizeof(*ss));
	*sslen = 0;
	while (len > 0 && safi_isspace((unsigned char)*s))
		s++, len--;
	while (len > 0 && safi_isspace((unsigned char)s[len - 1]))
		len--;
	if (len == 0)
		return addr_err(err, "empty address");
	if (memmem(s, len, "\\$", 2) != NULL ||
	    memmem(s, len, "\\!", 2) != NULL)
		return addr_err(err, "command substitution is not supported");
	if (len >= 2 && s[0] == '\\' && strchr("xXoO", s[1]) != NULL) {
		int bits = s[1] == 'x' || s[1] == 'X' ? 4 : 3;

		if (addr_base(s + 2, len - 2, bits, bytes, &n, err) < 0)
			return -1;
		return addr_bytes(family, bytes, n, ss, sslen, err);
	}
	if (addr_unescape(s, len, text, sizeof(text), err) < 0)
		return -1;
	return addr_text(family, text, ss, sslen, err);
}

int
saf_hex_encode(const void *bytes, size_t len, char *buf, size_t size)
{
	static const char digits[] = "0123456789ABCDEF";
	const unsigned char *p = bytes;
	size_t i;

	if (size == 0 || len > (size - 1) / 2) {
		errno = ERANGE;
		return -1;
	}
	for (i = 0; i < len; i++) {
		buf[2 * i] = digits[p[i] >> 4];
		buf[2 * i + 1] = digits[p[i] & 0xf];
	}
	buf[2 * len] = '\0';
	return (int)(2 * len);
}

/* Can name (plen bytes, the last its NUL) be written as a readable path?
   Not when it holds another NUL, white space, '#' or control characters. */
static bool
addr_readable_path(const char *name, size_t plen)
{
	size_t i;

	if (plen < 2 || name[0] == '\0' || name[plen - 1] != '\0')
		return false;
	for (i = 0; i < plen - 1; i++) {
		unsigned char c = (unsigned char)name[i];

		if (c == '\0' || c == '#' || c <= ' ' || c == 0x7f)
			return false;
	}
	return true;
}

/* The path with ':' and '\' escaped. */
static int
addr_format_path(const char *path, char *buf, size_t size)
{
	size_t i, o = 0;

	for (i = 0; path[i] != '\0'; i++) {
		if (o + 3 >= size) {
			errno = ERANGE;
			return -1;
		}
		if (path[i] == ':' || path[i] == '\\')
			buf[o++] = '\\';
		buf[o++] = path[i];
	}
	buf[o] = '\0';
	return (int)o;
}

static int
addr_format_unix(
    const struct sockaddr_un *sun, socklen_t len, char *buf, size_t size)
{
	size_t off = offsetof(struct sockaddr_un, sun_path);
	size_t plen = len > off ? (size_t)len - off : 0;
	int n;

	if (plen == 0 || plen > sizeof(sun->sun_path)) {
		errno = EINVAL;
		return -1;
	}
	if (addr_readable_path(sun->sun_path, plen))
		return addr_format_path(sun->sun_path, buf, size);
	/* any other name (abstract ones included): its bytes in hex */
	if (size < 3) {
		errno = ERANGE;
		return -1;
	}
	memcpy(buf, "\\x", 2);
	n = saf_hex_encode(sun->sun_path, plen, buf + 2, size - 2);
	return n < 0 ? -1 : n + 2;
}

int
saf_addr_format(
    const struct sockaddr *sa, socklen_t len, char *buf, size_t size)
{
	char host[INET6_ADDRSTRLEN];
	const struct sockaddr_in *sin = (const struct sockaddr_in *)sa;
	const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)sa;
	int n;

	if (sa->sa_family == AF_UNIX)
		return addr_format_unix(
		    (const struct sockaddr_un *)sa, len, buf, size);
	if (sa->sa_family == AF_INET && len >= (socklen_t)sizeof(*sin)) {
		inet_ntop(AF_INET, &sin->sin_addr, host, sizeof(host));
		n = snprintf(buf, size, "%s\\:%u", host, ntohs(sin->sin_port));
	} else if (sa->sa_family == AF_INET6 &&
	    len >= (socklen_t)sizeof(*sin6)) {
		char esc[2 * INET6_ADDRSTRLEN];
		size_t i, j = 0;

		/* the field cannot hold a plain ':', the host's included */
		inet_ntop(AF_INET6, &sin6->sin6_addr, host, sizeof(host));
		for (i = 0; host[i] != '\0'; i++) {
			if (host[i] == ':')
				esc[j++] = '\\';
			esc[j++] = host[i];
		}
		esc[j] = '\0';
		n = snprintf(
		    buf, size, "[%s]\\:%u", esc, ntohs(sin6->sin6_port));
	} else {
		errno = EAFNOSUPPORT;
		return -1;
	}
	if (n < 0 || (size_t)n >= size) {
		errno = ERANGE;
		return -1;
	}
	return n;
}
