/*
 * sacstub.c - the parts of sac that the targets driving sac's own
 * handlers (fuzz_sacpipe, fuzz_saccmd) share: its log (formatted, then
 * dropped), its fatal exit (a finding) and its monitor lookup.
 */
#include "config.h"

#include "../../saf/sac.h" /* sac's own, not <sac.h> */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
sac_log(const char *fmt, ...)
{
	char line[SAF_LOG_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
}

_Noreturn void
sac_fatal(int code, const char *text)
{
	(void)code;
	(void)text;
	abort();
}

struct sac_pm *
sac_find(struct sac *s, const char *tag)
{
	struct sac_pm *pm;

	for (pm = s->pms; pm != NULL; pm = pm->next)
		if (strcmp(pm->ent.tag, tag) == 0)
			return pm;
	return NULL;
}
