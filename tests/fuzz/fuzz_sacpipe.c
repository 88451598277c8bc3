/*
 * fuzz_sacpipe - sac's reading of _sacpipe (saf/sac_poll.c, with the real
 * event loop) fed through the real FIFO: any bytes, as monitors, broken
 * or not, might write them, in pieces chosen by the input.
 *
 * Properties, checked against a model of the stream (24-byte pmmsg, then
 * pm_size bytes of data skipped when positive, messages split across
 * writes put together again): every whole message naming a known monitor
 * counts as its answer to the poll, and one naming no monitor changes
 * nothing; every monitor's states stay valid SAF states; sac never
 * exits.  The stream carries over from one input to the next.
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
#include <sys/stat.h>
#include <unistd.h>

#define FUZZ_ASSERT(c) ((c) ? (void)0 : abort())

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NPM 3
static struct sac sac;
static struct sac_pm pms[NPM];
static const char *const tags[NPM] = { "alpha", "tcp", "zz" };
static int to_sac = -1;
/* the model's view of the stream */
static unsigned char m_buf[sizeof(struct pmmsg)];
static size_t m_len;
static unsigned long long m_skip;

/* ---- the rest of sac, as stubs (and sacstub.c) ---- */

void
sac_pollfail(struct sac_pm *pm, enum sac_failwhy why)
{
	(void)why;
	pm->pstate = SAF_FAILED;
}

static void
setup(void)
{
	char dir[] = "/tmp/fuzz_sacpipe.XXXXXX", path[256];
	int i;

	if (mkdtemp(dir) == NULL || setenv("SAF_ETC", dir, 1) < 0)
		abort();
	sac.loop = evloop_new();
	sac.interval = 60;
	if (sac.loop == NULL || sac_poll_init(&sac) < 0)
		abort();
	snprintf(path, sizeof(path), "%s/_sacpipe", dir);
	if ((to_sac = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		abort();
	unlink(path);
	rmdir(dir);
	for (i = NPM - 1; i >= 0; i--) {
		snprintf(pms[i].ent.tag, sizeof(pms[i].ent.tag), "%s", tags[i]);
		pms[i].sac = &sac;
		pms[i].pmpipe = -1;
		pms[i].next = sac.pms;
		sac.pms = &pms[i];
	}
	/* one monitor in each kind of situation a poll can find */
	pms[0].sstate = pms[0].pstate = SAF_ENABLED;
	pms[1].sstate = SAF_DISABLED;
	pms[1].pstate = SAF_ENABLED;
	pms[2].sstate = pms[2].pstate = SAF_UNKNOWN;
}

/* Feed the model n bytes: which monitors must have answered. */
static void
model(const uint8_t *p, size_t n, bool answered[NPM])
{
	while (n > 0) {
		size_t k;

		if (m_skip > 0) {
			k = n < m_skip ? n : (size_t)m_skip;
			m_skip -= k;
			p += k;
			n -= k;
			continue;
		}
		k = sizeof(m_buf) - m_len < n ? sizeof(m_buf) - m_len : n;
		memcpy(m_buf + m_len, p, k);
		m_len += k;
		p += k;
		n -= k;
		if (m_len == sizeof(m_buf)) {
			struct pmmsg m;
			char tag[PMTAGSIZE + 1];
			int i;

			memcpy(&m, m_buf, sizeof(m));
			m_len = 0;
			if (m.pm_size > 0)
				m_skip = (unsigned long long)m.pm_size;
			memcpy(tag, m.pm_tag, PMTAGSIZE);
			tag[PMTAGSIZE] = '\0';
			for (i = 0; i < NPM; i++)
				if (strcmp(tag, tags[i]) == 0)
					answered[i] = true;
		}
	}
}

static bool
valid_state(int s)
{
	return s >= SAF_NOTRUNNING && s <= SAF_UNKNOWN;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bool answered[NPM] = { false, false, false };
	size_t step, off = 0;
	int i;

	if (to_sac < 0)
		setup();
	if (size == 0 || size > 4096)
		return 0;
	step = data[0] == 0 ? size : data[0];
	data++;
	size--;
	for (i = 0; i < NPM; i++)
		pms[i].sc_ok = false;
	model(data, size, answered);
	while (off < size) {
		size_t k = size - off < step ? size - off : step;

		if (write(to_sac, data + off, k) != (ssize_t)k)
			abort();
		off += k;
		(void)evloop_once(sac.loop, 0);
	}
	FUZZ_ASSERT(sac.inlen == m_len && sac.skip == m_skip);
	for (i = 0; i < NPM; i++) {
		FUZZ_ASSERT(pms[i].sc_ok == answered[i]);
		FUZZ_ASSERT(valid_state(pms[i].sstate));
		FUZZ_ASSERT(valid_state(pms[i].pstate));
		FUZZ_ASSERT(valid_state(pms[i].lstate));
	}
	return 0;
}
