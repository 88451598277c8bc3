/*
 * fuzz_sactab.c - libFuzzer target for _sactab: one line, then the whole
 * input as a table.  Properties: no crash; an entry the writer accepts
 * reads back unchanged; a table that parses and ends in a newline gives
 * back its own text.
 */
#include <saf.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_ASSERT(c) ((c) ? (void)0 : abort())

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_line(const char *p, size_t size)
{
	struct saf_sactab_entry e, e2;
	struct saf_error err;
	char buf[SAF_LINE_MAX + 2];
	int n;

	if (saf_sactab_parse(p, size, 1, &e, &err) != 1)
		return;
	n = saf_sactab_format(&e, buf, sizeof(buf), &err);
	if (n < 0)
		return;
	FUZZ_ASSERT(buf[n - 1] == '\n');
	FUZZ_ASSERT(saf_sactab_parse(buf, (size_t)n, 1, &e2, &err) == 1);
	FUZZ_ASSERT(strcmp(e.tag, e2.tag) == 0 && strcmp(e.type, e2.type) == 0);
	FUZZ_ASSERT(e.flags == e2.flags && e.rcount == e2.rcount);
	FUZZ_ASSERT(strcmp(e.command, e2.command) == 0);
	FUZZ_ASSERT(strcmp(e.comment, e2.comment) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data;
	struct saf_sactab t = { 0 };
	struct saf_error err;
	char *text;
	size_t len;

	fuzz_line(p, size);
	(void)saf_check_version_buf(1, p, size);
	if (saf_sactab_parse_buf(p, size, &t, &err) == 0 && size > 0 &&
	    p[size - 1] == '\n' &&
	    saf_sactab_text(&t, &text, &len, &err) == 0) {
		FUZZ_ASSERT(len == size && memcmp(text, p, size) == 0);
		free(text);
	}
	saf_sactab_free(&t);
	return 0;
}
