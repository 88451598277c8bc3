/*
 * nlps.h - the service requests a listener reads on its NLPS address
 * (pure parsers: bytes in, a verdict out; nothing here touches a socket).
 *
 *   NLPS:<low>:<high>:<service code>\0       an NLPS request
 *   \xffSMB<command>...                       an SMB message (MS-NET)
 *   \x00<len:3>\xffSMB...                     the same after a NetBIOS
 *                                             session header (RFC 1002)
 */
#ifndef LISTEN_NLPS_H
#define LISTEN_NLPS_H

#include <stddef.h>

#define NLPS_REQ_MAX     1024 /* a request, NUL included (BUFSIZ of SVR4) */
#define NLPS_CODE_MAX    13   /* a service code NLPS can name */
#define NLPS_SMB_CODE    "2"  /* the MS-NET server's service code */
#define SMB_MAX_DIALECTS 32

enum nlps_scan {
	NLPS_SCAN_MORE,    /* not complete: *take bytes belong to it so far */
	NLPS_SCAN_NLPS,    /* a whole NLPS request of *take bytes */
	NLPS_SCAN_SMB,     /* a whole SMB message of *take bytes */
	NLPS_SCAN_UNKNOWN, /* neither */
	NLPS_SCAN_TOOLONG  /* longer than NLPS_REQ_MAX */
};

/* What the first n bytes of a connection are.  *take is how many of them
 * are (so far) the request: the caller consumes exactly that many, so no
 * byte after the request is ever read. */
enum nlps_scan nlps_scan(const unsigned char *p, size_t n, size_t *take);

struct nlps_req {
	int low, high;           /* protocol versions */
	char code[NLPS_REQ_MAX]; /* the service code */
};

enum nlps_verdict {
	NLPS_OK,        /* version 0 or 2, code filled */
	NLPS_BADFORMAT, /* "ATT service: bad message format" */
	NLPS_BADVERSION /* "ATT service: unknown version" */
};

/* Parse a whole NLPS request (NUL-terminated, n bytes with the NUL). */
enum nlps_verdict nlps_parse(const char *p, size_t n, struct nlps_req *r);
/* The version 2 reply "2:<code>:<text>" with its NUL: its length, or -1
 * when it does not fit. */
int nlps_reply(char *buf, size_t size, int code, const char *text);

/* An SMB Negotiate Protocol request: the dialects, in the client's order
 * of preference, as pointers into the message. */
struct smb_negprot {
	const char *dialect[SMB_MAX_DIALECTS];
	int ndialects;
	char why[96]; /* the reason when it is not one */
};

/* Check a whole SMB message (after any NetBIOS header): 0, or -1 and
 * r->why (the original's "SMB parser:: ..." texts). */
int smb_parse(const unsigned char *p, size_t n, struct smb_negprot *r);
/* The SMB message within a scanned one (skips a NetBIOS header). */
const unsigned char *smb_body(const unsigned char *p, size_t n, size_t *blen);

#endif /* LISTEN_NLPS_H */
