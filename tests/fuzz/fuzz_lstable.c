/*
 * fuzz_lstable - the listener's _pmtab checks (table.c over libsaf's line
 * parsers): any bytes, for the three address families the listener
 * serves; an accepted table has only services with 1 to 14 character
 * codes, none twice.
 */
#include "config.h"

#include "ls.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/un.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int families[] = { AF_INET, AF_INET6, AF_UNIX };
	struct ls_table t;
	struct saf_error err;
	size_t i, j, n;

	if (size == 0)
		return 0;
	if (ls_table_parse((const char *)data + 1, size - 1,
		families[data[0] % 3], &t, &err) < 0)
		return 0;
	for (i = 0; i < t.n; i++) {
		n = strlen(t.v[i].ent.svctag);
		if (n == 0 || n > SAF_SVCTAG_MAX)
			abort();
		for (j = 0; j < i; j++)
			if (strcmp(t.v[i].ent.svctag, t.v[j].ent.svctag) == 0)
				abort();
	}
	ls_table_free(&t);
	return 0;
}
