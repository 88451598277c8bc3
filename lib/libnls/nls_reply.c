/*
 * nls_reply.c - the NLPS version 2 request a client sends and the reply it
 * reads back.  Pure: bytes in, values out.
 *
 * The request is "NLPS:002:002:<code>" and a NUL.  The reply is
 * "<version>:<code>:<text>" and a NUL; the version is not checked (SVR4
 * ignored it), the code must be a number.  SVR4 took the code with atoi,
 * so a reply such as "2:x:..." meant "started"; here it is malformed.
 */
#include "nls_impl.h"

#include <string.h>

int
nlsi_request(char *buf, size_t size, const char *code)
{
	static const char head[] = "NLPS:002:002:";
	size_t hlen = sizeof(head) - 1, clen;

	if (code == NULL)
		return -1;
	clen = strnlen(code, NLSI_CODE_MAX + 1);
	if (clen == 0 || clen > NLSI_CODE_MAX || size < hlen + clen + 1)
		return -1;
	memcpy(buf, head, hlen);
	memcpy(buf + hlen, code, clen);
	buf[hlen + clen] = '\0';
	return (int)(hlen + clen + 1);
}

/* Read 1 to NLSI_FIELD_DIGITS digits at msg[*pos]: the value, or -1. */
static int
nlsi_field(const char *msg, size_t len, size_t *pos)
{
	size_t i = *pos;
	int v = 0;

	while (i < len && i - *pos < NLSI_FIELD_DIGITS && msg[i] >= '0' &&
	    msg[i] <= '9')
		v = v * 10 + (msg[i++] - '0');
	if (i == *pos)
		return -1;
	*pos = i;
	return v;
}

int
nlsi_parse_reply(const char *msg, size_t len, size_t *text)
{
	size_t pos = 0;
	int code;

	if (memchr(msg, '\0', len) != NULL)
		return -1;
	if (nlsi_field(msg, len, &pos) < 0 || pos >= len || msg[pos] != ':')
		return -1;
	pos++;
	if ((code = nlsi_field(msg, len, &pos)) < 0)
		return -1;
	if (pos < len && msg[pos] != ':')
		return -1;
	*text = pos < len ? pos + 1 : len;
	return code;
}
