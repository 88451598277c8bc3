/*
 * util.c - small helpers of both programs (listen and nlps_server).
 */
#include "config.h"

#include "ls.h"
#include "nlps.h"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

size_t
ls_hex(const void *bytes, size_t n, char *buf, size_t size)
{
	int r = saf_hex_encode(bytes, n, buf, size);

	if (r < 0) {
		buf[0] = '\0';
		return 0;
	}
	return (size_t)r;
}

void
ls_refuse(int fd)
{
	struct linger lg = { 1, 0 };

	(void)setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	close(fd);
}

void
ls_handover(int fd)
{
	int off = 0;

	(void)ioctl(fd, FIONBIO, &off); /* one system call, not two */
}

int
ls_smb_args(const unsigned char *p, size_t n, struct ls_smb_args *a)
{
	struct smb_negprot np;
	size_t blen;
	const unsigned char *body = smb_body(p, n, &blen);
	int i;

	if (smb_parse(body, blen, &np) < 0) {
		snprintf(a->why, sizeof(a->why), "%s", np.why);
		return -1;
	}
	for (i = 0; i < np.ndialects; i++) {
		snprintf(
		    a->flags[i], sizeof(a->flags[i]), "-D%s", np.dialect[i]);
		a->argv[i] = a->flags[i];
	}
	a->n = np.ndialects;
	ls_hex(body, blen, a->hex, sizeof(a->hex));
	return 0;
}

int
ls_req_timeout_env(void)
{
	const char *v = getenv("LISTEN_REQUEST_TIMEOUT");
	long t = v != NULL ? strtol(v, NULL, 10) : 0;

	return t >= 1 && t <= 3600 ? (int)t : LS_REQ_TIMEOUT;
}
