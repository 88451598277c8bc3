/*
 * nls_hex.c - the hex encoding of addresses, options and connect data
 * that the listener puts in NLSADDR, NLSOPT and NLSUDATA: two uppercase
 * digits per byte, no prefix.  Decoding accepts either case.  Pure.
 */
#include "nls_impl.h"

static const char nlsi_digits[] = "0123456789ABCDEF";

/* The value of one hex digit, or -1. */
static int
nlsi_xval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int
nlsi_c2addr(unsigned char *addr, size_t maxlen, const char *hex, size_t hexlen)
{
	size_t i, n = hexlen / 2;
	int hi, lo;

	if (hexlen % 2 != 0)
		return NLSI_HEX_ODD;
	if (n > maxlen || n > (size_t)INT32_MAX)
		return NLSI_HEX_SMALL;
	for (i = 0; i < hexlen; i++)
		if (nlsi_xval((unsigned char)hex[i]) < 0)
			return NLSI_HEX_DIGIT;
	for (i = 0; i < n; i++) {
		hi = nlsi_xval((unsigned char)hex[2 * i]);
		lo = nlsi_xval((unsigned char)hex[2 * i + 1]);
		addr[i] = (unsigned char)(hi << 4 | lo);
	}
	return (int)n;
}

int
nlsi_addr2c(char *out, size_t outsz, const unsigned char *addr, size_t len)
{
	size_t i;

	if (len > (size_t)INT32_MAX / 2 || outsz < 2 * len + 1)
		return -1;
	for (i = 0; i < len; i++) {
		out[2 * i] = nlsi_digits[addr[i] >> 4];
		out[2 * i + 1] = nlsi_digits[addr[i] & 0x0f];
	}
	out[2 * len] = '\0';
	return (int)(2 * len);
}
