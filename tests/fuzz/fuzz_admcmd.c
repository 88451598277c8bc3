/*
 * fuzz_admcmd.c - libFuzzer target for the sacadm <-> sac messages
 * (admcmd, admack) and the AC_STATUS reply lines.  Properties: no crash;
 * what decodes re-encodes to the same fields; a status line that parses
 * and formats parses again to the same entry.
 */
#include <saf.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_ASSERT(c) ((c) ? (void)0 : abort())

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_status(const char *p, size_t size)
{
	struct saf_status s, s2;
	struct saf_error err;
	char buf[2 * SAF_LINE_MAX + 64];
	int n;

	if (saf_status_parse(p, size, &s, &err) < 0)
		return;
	n = saf_status_format(&s, buf, sizeof(buf), &err);
	if (n < 0)
		return;
	FUZZ_ASSERT(saf_status_parse(buf, (size_t)n, &s2, &err) == 0);
	FUZZ_ASSERT(strcmp(s.ent.tag, s2.ent.tag) == 0);
	FUZZ_ASSERT(s.ent.flags == s2.ent.flags && s.state == s2.state);
	FUZZ_ASSERT(strcmp(s.ent.command, s2.ent.command) == 0);
	FUZZ_ASSERT(strcmp(s.ent.comment, s2.ent.comment) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct admcmd c, c2;
	struct admack a;
	struct saf_error err;

	if (saf_admcmd_decode(data, size, &c, &err) == 0) {
		bool tagged =
		    c.ac_mtype != AC_STATUS && c.ac_mtype != AC_SACREAD;

		FUZZ_ASSERT(saf_admcmd_encode(&c2, c.ac_mtype,
				tagged ? c.ac_tag : NULL, c.ac_pid, &err) == 0);
		FUZZ_ASSERT(c2.ac_pid == c.ac_pid && c.ac_pid > 0);
	}
	if (saf_admack_decode(data, size, &a, &err) == 0)
		FUZZ_ASSERT(a.ak_size >= 0 && a.ak_size <= SAF_STATUS_MAX);
	fuzz_status((const char *)data, size);
	return 0;
}
