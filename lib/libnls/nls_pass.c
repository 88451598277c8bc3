/*
 * nls_pass.c - the datagram that carries a connection to a standing
 * server: checking a received struct nls_passmsg and turning it into a
 * struct nls_callinfo.  Pure; docs/rendezvous.md describes the layout.
 */
#include "nls_impl.h"

#include <string.h>

bool
nlsi_passmsg_ok(const void *buf, size_t len)
{
	struct nls_passmsg m;

	if (len != sizeof(m))
		return false;
	memcpy(&m, buf, sizeof(m));
	return m.magic == NLS_PASS_MAGIC && m.version == NLS_PASS_VERSION &&
	    m.size == sizeof(m) &&
	    memchr(m.svc_code, '\0', sizeof(m.svc_code)) != NULL &&
	    memchr(m.netspec, '\0', sizeof(m.netspec)) != NULL &&
	    m.caller_len <= NLS_ADDR_MAX && m.local_len <= NLS_ADDR_MAX;
}

void
nlsi_callinfo(struct nls_callinfo *info, const struct nls_passmsg *m)
{
	memset(info, 0, sizeof(*info));
	memcpy(info->svc_code, m->svc_code, sizeof(info->svc_code));
	memcpy(info->netspec, m->netspec, sizeof(info->netspec));
	memcpy(info->caller_buf, m->caller, m->caller_len);
	memcpy(info->local_buf, m->local, m->local_len);
	info->caller.buf = (char *)info->caller_buf;
	info->caller.len = m->caller_len;
	info->caller.maxlen = sizeof(info->caller_buf);
	info->local.buf = (char *)info->local_buf;
	info->local.len = m->local_len;
	info->local.maxlen = sizeof(info->local_buf);
	(void)nlsi_addr2c(info->nlsaddr, sizeof(info->nlsaddr),
	    info->caller_buf, m->caller_len);
}
