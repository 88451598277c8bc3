/*
 * fuzz_nlps - the NLPS request scanner and parser, and the SMB negotiate
 * parser, over arbitrary bytes: what is taken is never more than was
 * given, and a parsed request's code is within it.
 */
#include "config.h"

#include "nlps.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nlps_req r;
	struct smb_negprot np;
	const unsigned char *body;
	size_t take = 0, blen;
	char reply[64];

	switch (nlps_scan(data, size, &take)) {
	case NLPS_SCAN_NLPS:
		if (take > size || data[take - 1] != '\0')
			abort();
		if (nlps_parse((const char *)data, take, &r) == NLPS_OK &&
		    strlen(r.code) >= take)
			abort();
		break;
	case NLPS_SCAN_SMB:
		if (take > size)
			abort();
		body = smb_body(data, take, &blen);
		if (smb_parse(body, blen, &np) == 0 && np.ndialects < 0)
			abort();
		break;
	case NLPS_SCAN_MORE:
		if (take > size)
			abort();
		break;
	default:
		break;
	}
	(void)nlps_reply(reply, sizeof(reply), 3, size > 0 ? "x" : "");
	return 0;
}
