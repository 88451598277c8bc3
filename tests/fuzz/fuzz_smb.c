/*
 * fuzz_smb - the SMB Negotiate Protocol message that MS-NET clients send
 * to an NLPS address, after the scanner has taken it (with or without a
 * NetBIOS session header), and the arguments the listener builds from it
 * for service "2".  Properties: a message the parser accepts has at most
 * SMB_MAX_DIALECTS dialects, each inside the message and NUL-terminated
 * there, in order; the server's arguments are "-D" and a dialect (cut to
 * their buffer), then the whole message in hex.
 */
#include "config.h"

#include "ls.h"
#include "nlps.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_ASSERT(c) ((c) ? (void)0 : abort())

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ls_smb_args args;

/* msg: the message as scanned (with any NetBIOS header); blen: its SMB
 * part's length. */
static void
check_args(const unsigned char *msg, size_t len, size_t blen,
    const struct smb_negprot *np)
{
	int i;

	FUZZ_ASSERT(ls_smb_args(msg, len, &args) == 0);
	FUZZ_ASSERT(args.n == np->ndialects);
	for (i = 0; i < args.n; i++) {
		FUZZ_ASSERT(args.argv[i] == args.flags[i]);
		FUZZ_ASSERT(strncmp(args.flags[i], "-D", 2) == 0);
		FUZZ_ASSERT(strncmp(args.flags[i] + 2, np->dialect[i],
				sizeof(args.flags[i]) - 3) == 0);
	}
	FUZZ_ASSERT(strlen(args.hex) == 2 * blen);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smb_negprot np;
	const unsigned char *body, *prev;
	size_t take = 0, blen;
	int i;

	/* as the listener gets it: only what the scanner takes */
	if (size > NLPS_REQ_MAX ||
	    nlps_scan(data, size, &take) != NLPS_SCAN_SMB) {
		/* any bytes straight to the parser: no crash */
		(void)smb_parse(data, size, &np);
		return 0;
	}
	FUZZ_ASSERT(take <= size);
	body = smb_body(data, take, &blen);
	FUZZ_ASSERT(body >= data && body + blen == data + take);
	if (smb_parse(body, blen, &np) < 0) {
		FUZZ_ASSERT(np.why[0] != '\0');
		FUZZ_ASSERT(ls_smb_args(data, take, &args) < 0);
		FUZZ_ASSERT(strncmp(args.why, "SMB parser::", 12) == 0);
		return 0;
	}
	FUZZ_ASSERT(np.ndialects >= 0 && np.ndialects <= SMB_MAX_DIALECTS);
	prev = body;
	for (i = 0; i < np.ndialects; i++) {
		const unsigned char *d = (const unsigned char *)np.dialect[i];

		FUZZ_ASSERT(d > prev && d < body + blen);
		FUZZ_ASSERT(d[-1] == 0x02);
		FUZZ_ASSERT(memchr(d, '\0', (size_t)(body + blen - d)) != NULL);
		prev = d;
	}
	check_args(data, take, blen, &np);
	return 0;
}
