/*
 * fuzz_saccmd - sac's administration socket (saf/sac_cmd.c, with the real
 * event loop): a client connects to _cmdpipe as sacadm does and sends any
 * bytes, in pieces chosen by the input, then closes.
 *
 * Properties: every whole admcmd gets exactly one admack, in order, with
 * the command's ac_pid, a valid response, and text only for AC_STATUS
 * (ak_size bytes of status lines that parse); a trailing piece gets
 * nothing; monitors' states stay valid; the connection is gone once the
 * client has closed, so sac holds nothing for it.  Starting, signalling
 * and messaging monitors and re-reading _sactab are stubs.
 */
#include "config.h"

#include "../../saf/sac.h" /* sac's own, not <sac.h> */

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#define FUZZ_ASSERT(c) ((c) ? (void)0 : abort())

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NPM 3
static struct sac sac;
static struct sac_pm pms[NPM];
static const char *const tags[NPM] = { "alpha", "tcp", "zz" };
static struct sockaddr_un cmdpipe;

/* ---- the rest of sac, as stubs (and sacstub.c) ---- */

int
sac_read_table(struct sac *s, bool startflag)
{
	(void)s;
	(void)startflag;
	return 0;
}

int
sac_startpm(struct sac_pm *pm)
{
	pm->pstate = SAF_STARTING;
	pm->sstate = SAF_ENABLED;
	return 0;
}

int
sac_sendsig(struct sac_pm *pm, int sig)
{
	(void)pm;
	(void)sig;
	return 0;
}

int
sac_sendmsg(struct sac_pm *pm, int type)
{
	(void)pm;
	(void)type;
	return 0;
}

static void
setup(void)
{
	char dir[] = "/tmp/fuzz_saccmd.XXXXXX";
	int i;

	if (mkdtemp(dir) == NULL || setenv("SAF_ETC", dir, 1) < 0)
		abort();
	sac.loop = evloop_new();
	if (sac.loop == NULL || sac_cmd_init(&sac) < 0)
		abort();
	memset(&cmdpipe, 0, sizeof(cmdpipe));
	cmdpipe.sun_family = AF_UNIX;
	snprintf(
	    cmdpipe.sun_path, sizeof(cmdpipe.sun_path), "%s/_cmdpipe", dir);
	for (i = NPM - 1; i >= 0; i--) {
		snprintf(pms[i].ent.tag, sizeof(pms[i].ent.tag), "%s", tags[i]);
		snprintf(pms[i].ent.type, sizeof(pms[i].ent.type), "listen");
		snprintf(pms[i].ent.command, sizeof(pms[i].ent.command),
		    "/usr/lib/saf/listen %s", tags[i]);
		pms[i].sac = &sac;
		pms[i].pmpipe = -1;
		pms[i].next = sac.pms;
		sac.pms = &pms[i];
	}
	pms[0].sstate = pms[0].pstate = pms[0].lstate = SAF_ENABLED;
	pms[1].sstate = pms[1].pstate = pms[1].lstate = SAF_NOTRUNNING;
	pms[2].sstate = pms[2].pstate = SAF_UNKNOWN;
}

static bool
valid_state(int s)
{
	return s >= SAF_NOTRUNNING && s <= SAF_UNKNOWN;
}

/* The status text: whole lines that parse, one per monitor. */
static void
check_status(const char *text, size_t len)
{
	struct saf_status st;
	struct saf_error err;
	size_t off = 0;
	int lines = 0;

	while (off < len) {
		const char *nl = memchr(text + off, '\n', len - off);

		FUZZ_ASSERT(nl != NULL);
		FUZZ_ASSERT(
		    saf_status_parse(text + off,
			(size_t)(nl - (text + off)) + 1, &st, &err) == 0);
		off = (size_t)(nl - text) + 1;
		lines++;
	}
	FUZZ_ASSERT(lines == NPM);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned char got[1 << 16];
	size_t step, off = 0, n = 0, ncmd, i, at;
	int c, rounds;
	ssize_t r;

	if (sac.loop == NULL)
		setup();
	if (size == 0 || size > 4096)
		return 0;
	step = data[0] == 0 ? size : data[0];
	data++;
	size--;
	c = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (c < 0 ||
	    connect(c, (struct sockaddr *)&cmdpipe, sizeof(cmdpipe)) < 0)
		abort();
	(void)evloop_once(sac.loop, 0); /* accepted */
	FUZZ_ASSERT(sac.nconns == 1);
	while (off < size) {
		size_t k = size - off < step ? size - off : step;

		if (send(c, data + off, k, MSG_NOSIGNAL) != (ssize_t)k)
			abort();
		off += k;
		(void)evloop_once(sac.loop, 0);
		/* keep the answers flowing: sac must not wait for us */
		while (
		    (r = recv(c, got + n, sizeof(got) - n, MSG_DONTWAIT)) > 0)
			n += (size_t)r;
	}
	shutdown(c, SHUT_WR);
	for (rounds = 0; rounds < 8 && sac.nconns > 0; rounds++) {
		(void)evloop_once(sac.loop, 0);
		while (
		    (r = recv(c, got + n, sizeof(got) - n, MSG_DONTWAIT)) > 0)
			n += (size_t)r;
	}
	FUZZ_ASSERT(sac.nconns == 0);
	close(c);
	/* the answers, one per whole command */
	ncmd = size / sizeof(struct admcmd);
	at = 0;
	for (i = 0; i < ncmd; i++) {
		struct admcmd cmd;
		struct admack ak;

		memcpy(&cmd, data + i * sizeof(cmd), sizeof(cmd));
		FUZZ_ASSERT(n - at >= sizeof(ak));
		memcpy(&ak, got + at, sizeof(ak));
		at += sizeof(ak);
		FUZZ_ASSERT(ak.ak_pid == cmd.ac_pid);
		FUZZ_ASSERT(ak.ak_resp >= AK_ACK && ak.ak_resp <= AK_REQFAIL);
		if (cmd.ac_mtype == AC_STATUS) {
			FUZZ_ASSERT(ak.ak_resp == AK_ACK);
			FUZZ_ASSERT(
			    ak.ak_size > 0 && (size_t)ak.ak_size <= n - at);
			check_status(
			    (const char *)got + at, (size_t)ak.ak_size);
			at += (size_t)ak.ak_size;
		} else {
			FUZZ_ASSERT(ak.ak_size == 0);
		}
	}
	FUZZ_ASSERT(at == n);
	for (i = 0; i < NPM; i++) {
		FUZZ_ASSERT(valid_state(pms[i].sstate));
		FUZZ_ASSERT(valid_state(pms[i].pstate));
		FUZZ_ASSERT(valid_state(pms[i].lstate));
	}
	return 0;
}
