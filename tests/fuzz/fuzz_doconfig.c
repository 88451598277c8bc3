/*
 * fuzz_doconfig.c - libFuzzer target for the doconfig line parser.
 *
 * The input is split into lines at "\n" as doconfig reads a script; each
 * line (too long or holding NUL bytes included) goes to dc_parse, and
 * what comes back is checked: a reason on failure, and on success
 * strings that lie inside the command's own buffer and end there.
 */
#include "config.h"

#include "dc_parse.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A string of cmd must lie in cmd->buf and be NUL-terminated there. */
static void
check_inside(const struct dc_cmd *cmd, const char *s)
{
	const char *end = cmd->buf + sizeof(cmd->buf);

	if (s == NULL)
		return;
	if (s < cmd->buf || s >= end ||
	    memchr(s, '\0', (size_t)(end - s)) == NULL)
		abort();
}

static void
check_cmd(const struct dc_cmd *cmd)
{
	const char *m = cmd->mods;
	size_t i;

	check_inside(cmd, cmd->name);
	check_inside(cmd, cmd->value);
	if (cmd->op == DC_PUSH && (cmd->nmods == 0 || m == NULL))
		abort();
	for (i = 0; i < cmd->nmods; i++) {
		check_inside(cmd, m);
		if (*m == '\0' || strpbrk(m, ", \t#") != NULL)
			abort();
		m += strlen(m) + 1;
	}
	if (cmd->op == DC_ASSIGN && (cmd->name == NULL || cmd->value == NULL))
		abort();
	if (cmd->op == DC_SPAWN && (cmd->value == NULL || *cmd->value == '\0'))
		abort();
	if (cmd->op == DC_UMASK && cmd->num > DC_UMASK_MAX)
		abort();
	if (cmd->op == DC_ULIMIT && cmd->num > DC_ULIMIT_MAX)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct dc_cmd cmd;
	char why[DC_WHY_MAX];
	const char *p = (const char *)data, *end = p + size, *nl;
	size_t len;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		len = (size_t)((nl != NULL ? nl : end) - p);
		if (dc_parse(p, len, &cmd, why, sizeof(why)) < 0) {
			if (why[0] == '\0' || strlen(why) >= sizeof(why))
				abort();
		} else {
			check_cmd(&cmd);
		}
		p += len + 1;
	}
	return 0;
}
