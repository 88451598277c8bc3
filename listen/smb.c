/*
 * smb.c - the SMB Negotiate Protocol request that MS-NET clients send
 * first (pure).  The listener hands it to service "2" with the dialects
 * as -D arguments.  A NetBIOS session header (RFC 1002), which clients
 * over TCP send, is accepted and skipped (SVR4 knew only the bare form).
 *
 * Message: 0xff 'S' 'M' 'B', command at 4 (must be 0x72), word count at
 * 32 (must be 0), the byte count at 33 (little-endian), then the dialect
 * strings "\x02<name>\0".
 */
#include "config.h"

#include "nlps.h"

#include <stdio.h>
#include <string.h>

#define SMB_COM     4
#define SMB_WCNT    32
#define SMB_NEGPROT 0x72
#define SMB_DIALECT 0x02

const unsigned char *
smb_body(const unsigned char *p, size_t n, size_t *blen)
{
	if (n >= 4 && p[0] == 0x00) {
		*blen = n - 4;
		return p + 4;
	}
	*blen = n;
	return p;
}

static int
smb_dialects(const unsigned char *d, size_t n, struct smb_negprot *r)
{
	size_t i, twos = 0, nulls = 0;

	for (i = 0; i < n; i++) {
		if (d[i] == SMB_DIALECT)
			twos++;
		else if (d[i] == '\0')
			nulls++;
	}
	if (twos != nulls || (n > 0 && d[0] != SMB_DIALECT) ||
	    (n > 0 && d[n - 1] != '\0')) {
		snprintf(r->why, sizeof(r->why),
		    "SMB parser:: Bad Data Format, twos=%zu, nulls=%zu", twos,
		    nulls);
		return -1;
	}
	/* the counts agree; now each string must be "\x02<name>\0" in turn
	 * (SVR4 checked only the counts, so "\x02A\0B\x02C\0" gave a
	 * dialect with a 0x02 byte in it) */
	for (i = 0; i < n;) {
		const char *name = (const char *)d + i + 1;
		size_t len = strnlen(name, n - i - 1);

		if (d[i] != SMB_DIALECT ||
		    memchr(name, SMB_DIALECT, len) != NULL) {
			snprintf(r->why, sizeof(r->why),
			    "SMB parser:: Bad Data Format, twos=%zu, nulls=%zu",
			    twos, nulls);
			r->ndialects = 0;
			return -1;
		}
		if (r->ndialects < SMB_MAX_DIALECTS)
			r->dialect[r->ndialects++] = name;
		i += len + 2;
	}
	return 0;
}

int
smb_parse(const unsigned char *p, size_t n, struct smb_negprot *r)
{
	size_t bcc;

	memset(r, 0, sizeof(*r));
	if (n < 35 || p[0] != 0xff || memcmp(p + 1, "SMB", 3) != 0) {
		snprintf(r->why, sizeof(r->why), "SMB parser:: short message");
		return -1;
	}
	if (p[SMB_COM] != SMB_NEGPROT) {
		snprintf(r->why, sizeof(r->why),
		    "SMB parser:: Bad Command Code, 0x%x", p[SMB_COM]);
		return -1;
	}
	if (p[SMB_WCNT] != 0) {
		snprintf(r->why, sizeof(r->why),
		    "SMB parser:: Incorrect # of Parameter Words, 0x%x",
		    p[SMB_WCNT]);
		return -1;
	}
	bcc = (size_t)p[33] | (size_t)p[34] << 8;
	if (35 + bcc != n) {
		snprintf(r->why, sizeof(r->why),
		    "SMB parser:: Bad Data Format, byte count %zu", bcc);
		return -1;
	}
	return smb_dialects(p + 35, bcc, r);
}
