/*
 * fuzz_nlsenv.c - libFuzzer target for the hex decoding of NLSADDR,
 * NLSOPT and NLSUDATA (what nlsgetcall reads from its environment).  The
 * first byte bounds the output buffer, the rest is the hex text.
 * Properties: no crash, no write past the buffer; the result is the
 * reference's code for the input (odd length, then too small, then a bad
 * digit); a decoded string encodes back to itself in uppercase.
 *
 * Then the real nlsgetcall, with the text (up to its first NUL) in the
 * variable the first byte picks and the other two unset: that netbuf
 * holds exactly the decoded bytes, or no buffer and the reference's code
 * in len; the unset ones say so.
 */
#include "nls_impl.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <tiuser.h>

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

/* The code nlsgetcall leaves in a netbuf's len for a variable's text. */
static int
env_expected(const char *hex)
{
	size_t len = strlen(hex);

	if (len % 2 != 0)
		return NLSI_ENV_ODD;
	if (!all_hex(hex, len))
		return NLSI_HEX_DIGIT;
	return (int)(len / 2);
}

static void
check_netbuf(const struct netbuf *nb, const char *hex)
{
	unsigned char want[FUZZ_HEX_MAX / 2 + 1];
	int n = hex == NULL ? NLSI_ENV_UNSET : env_expected(hex);

	FUZZ_ASSERT((int)nb->len == n);
	if (n < 0) {
		FUZZ_ASSERT(nb->buf == NULL && nb->maxlen == 0);
		return;
	}
	FUZZ_ASSERT(nb->buf != NULL && nb->maxlen == (unsigned)n);
	FUZZ_ASSERT(nlsi_c2addr(want, sizeof(want), hex, strlen(hex)) == n);
	FUZZ_ASSERT(memcmp(nb->buf, want, (size_t)n) == 0);
}

static void
fuzz_getcall(uint8_t which, const char *text, size_t len)
{
	static const char *const names[3] = { NLSADDR, NLSOPT, NLSUDATA };
	static char value[FUZZ_HEX_MAX + 1];
	struct t_call *call;
	const char *set[3] = { NULL, NULL, NULL };
	int i = which % 3;

	memcpy(value, text, len);
	value[len] = '\0';
	unsetenv(NLSADDR);
	unsetenv(NLSOPT);
	unsetenv(NLSUDATA);
	if (setenv(names[i], value, 1) < 0)
		return;
	set[i] = value;
	if ((call = nlsgetcall(-1)) == NULL)
		return;
	check_netbuf(&call->addr, set[0]);
	check_netbuf(&call->opt, set[1]);
	check_netbuf(&call->udata, set[2]);
	free(call->addr.buf);
	free(call->opt.buf);
	free(call->udata.buf);
	free(call);
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
	fuzz_getcall(data[0], hex, len);
	return 0;
}
