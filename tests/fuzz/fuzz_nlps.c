/*
 * fuzz_nlps - the NLPS request scanner and parser over arbitrary bytes.
 * The first byte says how the rest arrives (in how many pieces), as the
 * listener's loop sees it: scanned again after every piece, what is taken
 * is never more than was given, never shrinks, and the verdict on the
 * whole is the verdict of scanning it at once, and of scanning only the
 * bytes taken; a parsed request's code is
 * within it and holds no blank.  The SMB message has its own target
 * (fuzz_smb).
 */
#include "config.h"

#include "nlps.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_ASSERT(c) ((c) ? (void)0 : abort())

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Scan as the loop does: pieces of step bytes; the last verdict. */
static enum nlps_scan
scan_pieces(const uint8_t *p, size_t n, size_t step, size_t *take)
{
	enum nlps_scan k = NLPS_SCAN_MORE;
	size_t have = 0, prev = 0;

	*take = 0;
	while (have < n) {
		have = have + step < n ? have + step : n;
		k = nlps_scan(p, have, take);
		FUZZ_ASSERT(*take <= have);
		if (k == NLPS_SCAN_UNKNOWN || k == NLPS_SCAN_TOOLONG)
			return k;
		FUZZ_ASSERT(*take >= prev);
		prev = *take;
		if (k != NLPS_SCAN_MORE)
			return k;
	}
	return k;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nlps_req r;
	size_t take = 0, whole = 0, step;
	enum nlps_scan k, k1;
	char reply[64];

	if (size == 0)
		return 0;
	step = data[0] == 0 ? 1 : data[0];
	data++;
	size--;
	k = scan_pieces(data, size, step, &take);
	if (k == NLPS_SCAN_NLPS || k == NLPS_SCAN_SMB) {
		/* the same request, whatever the pieces */
		k1 = nlps_scan(data, size, &whole);
		FUZZ_ASSERT(k1 == k && whole == take);
		/* the bytes taken, and no more, say the same: the listener
		 * scans again what it has consumed */
		k1 = nlps_scan(data, take, &whole);
		FUZZ_ASSERT(k1 == k && whole == take);
	}
	if (k == NLPS_SCAN_NLPS) {
		FUZZ_ASSERT(take >= 6 && take <= NLPS_REQ_MAX);
		FUZZ_ASSERT(data[take - 1] == '\0');
		FUZZ_ASSERT(memchr(data, '\0', take - 1) == NULL);
		if (nlps_parse((const char *)data, take, &r) == NLPS_OK) {
			FUZZ_ASSERT(r.code[0] != '\0');
			FUZZ_ASSERT(strlen(r.code) < take);
			FUZZ_ASSERT(strpbrk(r.code, " \t\n\v\f\r") == NULL);
			FUZZ_ASSERT(r.low == 0 || r.low == 2);
			FUZZ_ASSERT(
			    memmem(data, take, r.code, strlen(r.code)) != NULL);
		}
	}
	/* any bytes as a whole request: no crash, no read past them */
	(void)nlps_parse((const char *)data, size, &r);
	FUZZ_ASSERT(nlps_reply(reply, sizeof(reply), 3, "x") == 6);
	return 0;
}
