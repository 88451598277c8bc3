/*
 * sacstub.c - the parts of sac that the targets driving sac's own
 * handlers (fuzz_sacpipe, fuzz_saccmd) share: its log (formatted, then
 * dropped) and its fatal exit (a finding).
 */
#include "config.h"

#include "../../saf/sac.h" /* sac's own, not <sac.h> */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

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
