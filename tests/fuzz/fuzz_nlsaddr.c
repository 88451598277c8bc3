/*
 * fuzz_nlsaddr.c - libFuzzer target for what nlsadmin reads from outside:
 * addresses given to -A, -l and -t, -R's "prog:vers", the lines of
 * "sacadm -L" and "pmadm -L" it parses, and the listener's status file
 * (-C).  The first byte picks the parser (and the family); the rest is
 * the text.
 * Properties: no crash; an address nlsadmin writes to the table parses
 * again for the family, fits the table's field and holds no plain ':'
 * or '#'; a -v line is one line with the service code first; a status
 * file that parses has a pid, tag and state, and prints.
 */
#include "nlsadmin.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#define FUZZ_ASSERT(c) ((c) ? (void)0 : abort())

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const int families[] = { AF_INET, AF_INET6, AF_UNIX, AF_UNSPEC };

static void
fuzz_addr(const char *text, int family)
{
	char out[SAF_ADDR_MAX + 1];
	struct sockaddr_storage ss;
	struct saf_error err;
	socklen_t len;
	size_t i, n;

	if (nls_addr_table(text, family, out, sizeof(out), &err) < 0)
		return;
	n = strlen(out);
	FUZZ_ASSERT(n > 0 && n <= SAF_ADDR_MAX && strchr(out, '#') == NULL);
	for (i = 0; i < n; i++)
		FUZZ_ASSERT(out[i] != ':' || (i > 0 && out[i - 1] == '\\'));
	if (family != AF_UNSPEC)
		FUZZ_ASSERT(
		    saf_addr_parse(out, n, family, &ss, &len, &err) == 0);
}

static void
fuzz_lines(const char *text, size_t len)
{
	struct nls_pmline pm;
	struct nls_svcline s;
	struct saf_listen_rec r;
	struct saf_error err;
	char buf[4 * SAF_FIELD_MAX + 256], ns[32];
	int n;

	if (nls_pmline_parse(text, len, &pm) == 0) {
		(void)nls_state_active(pm.state);
		nls_command_netspec(pm.command, ns, sizeof(ns));
	}
	if (nls_svcline_parse(text, len, &s) < 0 ||
	    saf_listen_parse(&s.ent, 0, &r, &err) < 0)
		return;
	n = nls_svc_format(&s, &r, buf, sizeof(buf));
	if (n < 0)
		return;
	FUZZ_ASSERT((size_t)n == strlen(buf) && buf[n - 1] == '\n');
	FUZZ_ASSERT(strncmp(buf, s.ent.svctag, strlen(s.ent.svctag)) == 0);
}

static void
fuzz_status(const char *text, size_t len)
{
	struct nls_lsstatus st;
	struct saf_error err;
	FILE *null;

	if (nls_lsstatus_parse(text, len, &st, &err) < 0) {
		FUZZ_ASSERT(err.line >= 1);
		return;
	}
	FUZZ_ASSERT(st.pid > 0 && st.tag[0] != '\0' && st.state[0] != '\0');
	if ((null = fopen("/dev/null", "w")) != NULL) {
		nls_lsstatus_print(null, &st);
		fclose(null);
	}
	nls_lsstatus_free(&st);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;
	long prog, vers;
	unsigned pick;

	if (size < 1 || size > 4096)
		return 0;
	pick = data[0];
	if ((text = malloc(size)) == NULL)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	switch (pick % 7) {
	case 0:
	case 1:
	case 2:
	case 3:
		fuzz_addr(text, families[pick % 4]);
		break;
	case 4:
		if (nls_rpc_parse(text, &prog, &vers) == 0)
			FUZZ_ASSERT(prog >= 0 && vers >= 0 &&
			    prog <= 2147483647L && vers <= 2147483647L);
		break;
	case 5:
		fuzz_lines((const char *)data + 1, size - 1);
		break;
	default:
		fuzz_status((const char *)data + 1, size - 1);
		break;
	}
	free(text);
	return 0;
}
