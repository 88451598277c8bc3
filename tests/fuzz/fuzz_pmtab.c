/*
 * fuzz_pmtab.c - libFuzzer target for _pmtab lines and the listener's
 * record.  Properties: no crash; what the writers accept reads back
 * unchanged; a whole table that parses gives back its own text.
 */
#include <saf.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_ASSERT(c) ((c) ? (void)0 : abort())

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_listen(const struct saf_pmtab_entry *e)
{
	struct saf_pmtab_entry e2;
	struct saf_listen_rec r, r2;
	struct saf_error err;
	char disp[2 * SAF_LINE_MAX + 2];

	(void)saf_pmspec_display(e->pmspec, disp, sizeof(disp));
	if (saf_listen_parse(e, 1, &r, &err) < 0)
		return;
	e2 = *e;
	if (saf_listen_format(&r, e2.pmspec, sizeof(e2.pmspec), &err) < 0)
		return;
	FUZZ_ASSERT(saf_listen_parse(&e2, 1, &r2, &err) == 0);
	FUZZ_ASSERT(strcmp(r.addr, r2.addr) == 0);
	FUZZ_ASSERT(r.prog == r2.prog && r.vers == r2.vers);
	FUZZ_ASSERT(r.lflags == r2.lflags);
	FUZZ_ASSERT(strcmp(r.modules, r2.modules) == 0);
	FUZZ_ASSERT(strcmp(r.command, r2.command) == 0);
}

static void
fuzz_line(const char *p, size_t size)
{
	struct saf_pmtab_entry e, e2;
	struct saf_error err;
	char buf[SAF_LINE_MAX + 2];
	int n, i;

	if (saf_pmtab_parse(p, size, 1, &e, &err) != 1)
		return;
	fuzz_listen(&e);
	n = saf_pmtab_format(&e, buf, sizeof(buf), &err);
	if (n < 0)
		return;
	FUZZ_ASSERT(saf_pmtab_parse(buf, (size_t)n, 1, &e2, &err) == 1);
	FUZZ_ASSERT(strcmp(e.svctag, e2.svctag) == 0 && e.flags == e2.flags);
	FUZZ_ASSERT(strcmp(e.id, e2.id) == 0);
	for (i = 0; i < 3; i++)
		FUZZ_ASSERT(strcmp(e.res[i], e2.res[i]) == 0);
	FUZZ_ASSERT(strcmp(e.pmspec, e2.pmspec) == 0);
	FUZZ_ASSERT(strcmp(e.comment, e2.comment) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data;
	struct saf_pmtab t = { 0 };
	struct saf_error err;
	char *text;
	size_t len;

	fuzz_line(p, size);
	if (saf_pmtab_parse_buf(p, size, &t, &err) == 0 && size > 0 &&
	    p[size - 1] == '\n' && saf_pmtab_text(&t, &text, &len, &err) == 0) {
		FUZZ_ASSERT(len == size && memcmp(text, p, size) == 0);
		free(text);
	}
	saf_pmtab_free(&t);
	return 0;
}
