/*
 * fuzz_addr.c - libFuzzer target for the listener's address notation.
 * The first byte picks the family, the rest is the address field.
 * Properties: no crash; an address that parses and is written back
 * (escaped form) parses to the same address.
 */
#include <saf.h>

#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_ASSERT(c) ((c) ? (void)0 : abort())

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const int families[] = { AF_INET, AF_INET6, AF_UNIX, AF_UNSPEC };

static void
same(const struct sockaddr_storage *a, socklen_t alen,
    const struct sockaddr_storage *b, socklen_t blen)
{
	const struct sockaddr_in6 *x = (const struct sockaddr_in6 *)a;
	const struct sockaddr_in6 *y = (const struct sockaddr_in6 *)b;

	FUZZ_ASSERT(alen == blen && a->ss_family == b->ss_family);
	if (a->ss_family != AF_INET6) {
		FUZZ_ASSERT(memcmp(a, b, alen) == 0);
		return;
	}
	/* the written form carries no flow label or scope id */
	FUZZ_ASSERT(x->sin6_port == y->sin6_port);
	FUZZ_ASSERT(memcmp(&x->sin6_addr, &y->sin6_addr, 16) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sockaddr_storage ss, ss2;
	struct saf_error err;
	socklen_t len, len2;
	char buf[512], hex[600];
	int family, n;

	if (size == 0)
		return 0;
	family = families[data[0] % 4];
	if (saf_addr_parse(
		(const char *)data + 1, size - 1, family, &ss, &len, &err) < 0)
		return 0;
	FUZZ_ASSERT(ss.ss_family == family && len > 0 && len <= sizeof(ss));
	(void)saf_hex_encode(&ss, len, hex, sizeof(hex));
	n = saf_addr_format((struct sockaddr *)&ss, len, buf, sizeof(buf));
	if (n < 0)
		return 0;
	FUZZ_ASSERT(
	    saf_addr_parse(buf, (size_t)n, family, &ss2, &len2, &err) == 0);
	same(&ss, len, &ss2, len2);
	return 0;
}
