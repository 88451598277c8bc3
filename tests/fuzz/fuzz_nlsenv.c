/*
 * fuzz_nlsenv.c - libFuzzer target for the hex decoding of NLSADDR,
 * NLSOPT and NLSUDATA (what nlsgetcall reads from its environment).  The
 * first byte bounds the output buffer, the rest is the hex text.
 * Properties: no crash, no write past the buffer; the result is the
 * reference's code for the input (odd length, then too small, then a bad
 * digit); a decoded string encodes back to itself in uppercase.
 */
#include "nls_impl.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_ASSERT(c) ((c) ? (void)0 : abort())
/* The longest input tried: a large address, options and data. */
#define FUZZ_HEX_MAX   4096

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool
all_hex(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (strchr("0123456789abcdefABCDEF", s[i]) == NULL ||
		    s[i] == '\0')
			return false;
	return true;
}

static int
expected(const char *hex, size_t len, size_t maxlen)
{
	if (len % 2 != 0)
		return NLSI_HEX_ODD;
	if (len / 2 > maxlen)
		return NLSI_HEX_SMALL;
	if (!all_hex(hex, len))
		return NLSI_HEX_DIGIT;
	return (int)(len / 2);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char back[FUZZ_HEX_MAX + 1];
	unsigned char *out;
	const char *hex;
	size_t len, maxlen, i;
	int n;

	if (size == 0 || size - 1 > FUZZ_HEX_MAX)
		return 0;
	maxlen = data[0] == 0xff ? FUZZ_HEX_MAX / 2 : data[0];
	hex = (const char *)data + 1;
	len = size - 1;
	/* exactly maxlen bytes, so that ASan sees any overrun */
	if ((out = malloc(maxlen ? maxlen : 1)) == NULL)
		return 0;
	n = nlsi_c2addr(out, maxlen, hex, len);
	FUZZ_ASSERT(n == expected(hex, len, maxlen));
	if (n >= 0) {
		FUZZ_ASSERT(
		    nlsi_addr2c(back, sizeof(back), out, (size_t)n) == 2 * n);
		for (i = 0; i < len; i++)
			FUZZ_ASSERT(back[i] ==
			    (hex[i] >= 'a' && hex[i] <= 'f' ? hex[i] - 32 :
							      hex[i]));
		FUZZ_ASSERT(back[len] == '\0');
	}
	free(out);
	return 0;
}
