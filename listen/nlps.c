/*
 * nlps.c - NLPS requests and version 2 replies (pure).
 *
 * A request is "NLPS:<low>:<high>:<code>" and a NUL; the versions are up
 * to three characters of a decimal number each (zero padding not needed,
 * as SVR4 accepted); the code ends at the first blank.  Only low counts:
 * 0 (no reply) or 2 (one reply).  Fix: the code is bounded by the
 * request, never copied into a smaller buffer.
 */
#include "config.h"

#include "nlps.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NLPS_ID "NLPS:"
#define SMB_MIN 35 /* the smallest SMB message: header, counts */

/* The size of an SMB message as far as the bytes tell: 0 = unknown yet. */
static size_t
smb_total(const unsigned char *p, size_t n)
{
	size_t w, bcc;

	if (n < 33)
		return 0;
	w = (size_t)p[32] * 2; /* word count: unsigned here (SVR4: signed) */
	if (n < 35 + w)
		return 0;
	bcc = (size_t)p[33 + w] | (size_t)p[34 + w] << 8;
	return 35 + w + bcc;
}

/* The length of a NetBIOS session message (RFC 1002) from its header. */
static size_t
netbios_len(const unsigned char *p)
{
	return ((size_t)p[1] & 1) << 16 | (size_t)p[2] << 8 | p[3];
}

/* An SMB message, after skip bytes of NetBIOS header (0 or 4).  Until its
 * size is known every byte seen is part of it (a message is at least 35
 * bytes, and the size is known from byte 35 + 2 * word count on). */
static enum nlps_scan
scan_smb(const unsigned char *p, size_t n, size_t skip, size_t *take)
{
	size_t total = skip == 0 ? smb_total(p, n) : 4 + netbios_len(p);

	if (total > NLPS_REQ_MAX)
		return NLPS_SCAN_TOOLONG;
	if (total == 0 || n < total) {
		*take = n;
		return NLPS_SCAN_MORE;
	}
	*take = total;
	return NLPS_SCAN_SMB;
}

enum nlps_scan
nlps_scan(const unsigned char *p, size_t n, size_t *take)
{
	static const unsigned char smb[4] = { 0xff, 'S', 'M', 'B' };
	const unsigned char *nul;
	size_t k = n < 5 ? n : 5;

	*take = 0;
	if (memcmp(p, NLPS_ID, k) == 0) {
		if (n < 5) {
			*take = n;
			return NLPS_SCAN_MORE;
		}
		nul = memchr(p, '\0', n < NLPS_REQ_MAX ? n : NLPS_REQ_MAX);
		if (nul != NULL) {
			*take = (size_t)(nul - p) + 1;
			return NLPS_SCAN_NLPS;
		}
		if (n >= NLPS_REQ_MAX)
			return NLPS_SCAN_TOOLONG;
		*take = n;
		return NLPS_SCAN_MORE;
	}
	if (memcmp(p, smb, n < 4 ? n : 4) == 0)
		return n < 4 ? (*take = n, NLPS_SCAN_MORE) :
			       scan_smb(p, n, 0, take);
	/* a NetBIOS session message carrying an SMB one: its length must
	 * leave room for the smallest SMB message, or a short length would
	 * make a whole request of the header alone, which the bytes taken
	 * (the header) no longer show, and the caller would wait for more
	 * with the rest unread */
	if (n > 0 && p[0] == 0x00) {
		if (n >= 4 && netbios_len(p) < SMB_MIN)
			return NLPS_SCAN_UNKNOWN;
		if (n < 8) {
			size_t m = n < 4 ? 0 : n - 4;

			if (memcmp(p + 4, smb, m) != 0)
				return NLPS_SCAN_UNKNOWN;
			*take = n;
			return NLPS_SCAN_MORE;
		}
		if (memcmp(p + 4, smb, 4) != 0)
			return NLPS_SCAN_UNKNOWN;
		return scan_smb(p, n, 4, take);
	}
	return NLPS_SCAN_UNKNOWN;
}

/* A version number: 1 to 3 characters, an optional sign, digits. */
static int
nlps_num(const char **s, const char *end, int *v)
{
	const char *p = *s, *q;
	char tmp[4];
	size_t n;

	q = memchr(p, ':', (size_t)(end - p));
	if (q == NULL || q == p || (n = (size_t)(q - p)) > 3)
		return -1;
	memcpy(tmp, p, n);
	tmp[n] = '\0';
	if (strspn(tmp + (tmp[0] == '-' || tmp[0] == '+'), "0123456789 ") !=
		n - (tmp[0] == '-' || tmp[0] == '+') ||
	    strspn(tmp, " +-") == n)
		return -1;
	*v = atoi(tmp);
	*s = q + 1;
	return 0;
}

enum nlps_verdict
nlps_parse(const char *p, size_t n, struct nlps_req *r)
{
	const char *end, *s;
	size_t len;

	memset(r, 0, sizeof(*r));
	if (n < 6 || n > NLPS_REQ_MAX || p[n - 1] != '\0')
		return NLPS_BADFORMAT;
	end = p + n - 1;
	s = p + 5; /* any four characters and ':' (scanned already) */
	if (p[4] != ':' || nlps_num(&s, end, &r->low) < 0 ||
	    nlps_num(&s, end, &r->high) < 0)
		return NLPS_BADFORMAT;
	s += strspn(s, " \t\n\v\f\r");
	len = strcspn(s, " \t\n\v\f\r");
	if (len == 0)
		return NLPS_BADFORMAT;
	memcpy(r->code, s, len);
	r->code[len] = '\0';
	if (r->low != 0 && r->low != 2)
		return NLPS_BADVERSION;
	return NLPS_OK;
}

int
nlps_reply(char *buf, size_t size, int code, const char *text)
{
	int n = snprintf(buf, size, "2:%d:%s", code, text);

	if (n < 0 || (size_t)n + 1 > size)
		return -1;
	return n + 1; /* the NUL is part of the reply */
}
