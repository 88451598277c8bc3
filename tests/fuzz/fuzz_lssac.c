/*
 * fuzz_lssac - the listener's side of the SAC protocol (listen/sacproto.c,
 * with the real event loop) fed through real FIFOs: the input is written
 * to the listener's _pmpipe as sac would write it, and every answer is
 * read back from _sacpipe.
 *
 * Properties, checked against a model of the protocol: each whole 8-byte
 * message gets exactly one 24-byte answer and a trailing piece gets none;
 * the answer is PM_UNKNOWN for a type the listener does not know and
 * PM_STATUS otherwise, carries the state after acting (SC_ENABLE and
 * SC_DISABLE change it, nothing else does), class 1, the listener's tag
 * and no data; SC_READDB asks for one re-read.  The state carries over
 * from one input to the next, as in a running listener.
 */
#include "config.h"

#include "ls.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FUZZ_ASSERT(c) ((c) ? (void)0 : abort())

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ls ls;
static int to_pm = -1, from_pm = -1;
static unsigned long rereads;

/* ---- the rest of the listener, as stubs ---- */

void
ls_log(const char *fmt, ...)
{
	char line[SAF_LOG_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
}

_Noreturn void
ls_fatal(int code, const char *fmt, ...)
{
	(void)code;
	(void)fmt;
	abort();
}

void
ls_schedule_reread(struct ls *l)
{
	FUZZ_ASSERT(l == &ls);
	rereads++;
}

/* A private SAF_ETC with the two FIFOs sac makes, and the listener on
 * them. */
static void
setup(void)
{
	char dir[] = "/tmp/fuzz_lssac.XXXXXX", path[256];

	if (mkdtemp(dir) == NULL || setenv("SAF_ETC", dir, 1) < 0)
		abort();
	snprintf(path, sizeof(path), "%s/tcp", dir);
	if (mkdir(path, 0755) < 0)
		abort();
	snprintf(path, sizeof(path), "%s/_sacpipe", dir);
	if (mkfifo(path, 0600) < 0 ||
	    (from_pm = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		abort();
	snprintf(path, sizeof(path), "%s/tcp/_pmpipe", dir);
	if (mkfifo(path, 0600) < 0)
		abort();
	ls.loop = evloop_new();
	snprintf(ls.tag, sizeof(ls.tag), "tcp");
	ls.state = PM_ENABLED;
	if (ls.loop == NULL || ls_sac_open(&ls) < 0 ||
	    (to_pm = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		abort();
	/* the files are open: nothing else needs them */
	unlink(path);
	snprintf(path, sizeof(path), "%s/_sacpipe", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/tcp", dir);
	rmdir(path);
	rmdir(dir);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned char answers[65536];
	unsigned long want_rereads;
	size_t nmsg, got = 0, i;
	int state;
	ssize_t r;

	if (ls.loop == NULL)
		setup();
	/* one write of at most PIPE_BUF bytes arrives whole */
	if (size > 4096)
		return 0;
	/* the model: what the listener must answer */
	nmsg = size / sizeof(struct sacmsg);
	state = ls.state;
	want_rereads = rereads;
	if (size > 0 && write(to_pm, data, size) != (ssize_t)size)
		abort();
	(void)evloop_once(ls.loop, 0);
	while ((r = read(from_pm, answers + got, sizeof(answers) - got)) > 0)
		got += (size_t)r;
	FUZZ_ASSERT(got == nmsg * sizeof(struct pmmsg));
	for (i = 0; i < nmsg; i++) {
		struct sacmsg s;
		struct pmmsg m;
		bool known = true;

		memcpy(&s, data + i * sizeof(s), sizeof(s));
		memcpy(&m, answers + i * sizeof(m), sizeof(m));
		switch (s.sc_type) {
		case SC_ENABLE:
			state = PM_ENABLED;
			break;
		case SC_DISABLE:
			state = PM_DISABLED;
			break;
		case SC_READDB:
			want_rereads++;
			break;
		case SC_STATUS:
			break;
		default:
			known = false;
		}
		FUZZ_ASSERT(m.pm_type == (known ? PM_STATUS : PM_UNKNOWN));
		FUZZ_ASSERT(m.pm_state == state);
		FUZZ_ASSERT(m.pm_maxclass == 1 && m.pm_size == 0);
		FUZZ_ASSERT(strcmp(m.pm_tag, "tcp") == 0);
	}
	FUZZ_ASSERT(ls.state == state && rereads == want_rereads);
	return 0;
}
