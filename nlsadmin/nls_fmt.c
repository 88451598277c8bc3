/*
 * nls_fmt.c - the texts nlsadmin reads and writes (pure: no files, no
 * processes; tests/fuzz/fuzz_nlsaddr.c calls these).
 *
 * Read: the lines of "sacadm -L" and "pmadm -L".  Written: the -v/-z
 * line of a service, the listener's pmspecific part (for pmadm -m and
 * for -c/-o), and an address given on the command line in the form the
 * table holds (libsaf parses it for the listener's family; the readable
 * forms are written escaped, "127.0.0.1\:2766", as the listener reads
 * them).
 */
#include "config.h"

#include "nlsadmin.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

/* A span into buf (size bytes): false if it does not fit. */
static bool
nls_span_copy(char *buf, size_t size, const struct saf_span *s)
{
	if (s->len >= size)
		return false;
	memcpy(buf, s->p, s->len);
	buf[s->len] = '\0';
	return true;
}

int
nls_pmline_parse(const char *line, size_t len, struct nls_pmline *p)
{
	struct saf_line l;
	struct saf_span f[6];

	memset(p, 0, sizeof(*p));
	saf_line_trim(line, len, &l);
	if (saf_line_split(&l.body, f, 6, 0) < 6 ||
	    !nls_span_copy(p->tag, sizeof(p->tag), &f[0]) ||
	    !nls_span_copy(p->type, sizeof(p->type), &f[1]) ||
	    !nls_span_copy(p->state, sizeof(p->state), &f[4]) ||
	    !nls_span_copy(p->command, sizeof(p->command), &f[5]) ||
	    p->tag[0] == '\0')
		return -1;
	return 0;
}

bool
nls_state_active(const char *state)
{
	return strcmp(state, "ENABLED") == 0 || strcmp(state, "STARTING") == 0;
}

void
nls_command_netspec(const char *command, char *buf, size_t size)
{
	const char *end = command + strlen(command), *start;

	while (end > command && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	start = end;
	while (start > command && start[-1] != ' ' && start[-1] != '\t')
		start--;
	if (size == 0)
		return;
	if ((size_t)(end - start) >= size)
		end = start; /* no net_spec is better than a cut one */
	memcpy(buf, start, (size_t)(end - start));
	buf[end - start] = '\0';
}

int
nls_svcline_parse(const char *line, size_t len, struct nls_svcline *s)
{
	const char *c1, *c2, *hash, *end = line + len;
	struct saf_error err;
	struct saf_span f;

	memset(s, 0, sizeof(*s));
	c1 = memchr(line, ':', len);
	c2 = c1 != NULL ? memchr(c1 + 1, ':', (size_t)(end - c1 - 1)) : NULL;
	if (c2 == NULL)
		return -1;
	f.p = line, f.len = (size_t)(c1 - line);
	if (!nls_span_copy(s->pmtag, sizeof(s->pmtag), &f))
		return -1;
	f.p = c1 + 1, f.len = (size_t)(c2 - c1 - 1);
	if (!nls_span_copy(s->pmtype, sizeof(s->pmtype), &f))
		return -1;
	hash = memchr(c2 + 1, '#', (size_t)(end - c2 - 1));
	if (hash == NULL)
		return -1; /* pmadm -L always writes the '#' */
	f.p = hash + 1, f.len = (size_t)(end - hash - 1);
	if (!nls_span_copy(s->comment, sizeof(s->comment), &f))
		return -1;
	if (saf_pmtab_parse(
		c2 + 1, (size_t)(hash - c2 - 1), 0, &s->ent, &err) != 1)
		return -1;
	return 0;
}

int
nls_svc_format(const struct nls_svcline *s, const struct saf_listen_rec *r,
    char *buf, size_t size)
{
	char rpc[48] = "NORPC";
	const char *addr = r->addr;
	int n;

	if (addr[0] == '\0')
		addr = (r->lflags & SAF_LF_D) ? "DYNAMIC" : "NOADDR";
	if (r->prog >= 0)
		(void)snprintf(rpc, sizeof(rpc), "%ld:%ld", r->prog, r->vers);
	n = snprintf(buf, size, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t# %s\n",
	    s->ent.svctag, addr,
	    (s->ent.flags & SAF_PM_XFLAG) ? "DISABLED" : "ENABLED ", rpc,
	    s->ent.id, r->modules[0] != '\0' ? r->modules : "NOMODULES",
	    r->command, s->comment);
	if (n < 0 || (size_t)n >= size) {
		errno = ERANGE;
		return -1;
	}
	return n;
}

static int
nls_fmt_err(struct saf_error *err, const char *text)
{
	memset(err, 0, sizeof(*err));
	err->code = SAF_EADDR;
	err->field = "address";
	(void)snprintf(err->text, sizeof(err->text), "%s", text);
	return -1;
}

static bool
nls_is_base_form(const char *in)
{
	return in[0] == '\\' && in[1] != '\0' && strchr("xXoO", in[1]) != NULL;
}

/* Parse for one family; the table's text into out. */
static int
nls_addr_family(
    const char *in, int family, char *out, size_t size, struct saf_error *err)
{
	struct sockaddr_storage ss;
	socklen_t len;
	size_t n = strlen(in);

	if (saf_addr_parse(in, n, family, &ss, &len, err) < 0)
		return -1;
	if (nls_is_base_form(in)) {
		/* the original's notation, kept as given */
		if (strcspn(in, " \t\n#:") != n)
			return nls_fmt_err(err, "text after the digits");
		if (n >= size)
			return nls_fmt_err(err, "address too long");
		memcpy(out, in, n + 1);
		return 0;
	}
	if (saf_addr_format((struct sockaddr *)&ss, len, out, size) < 0)
		return nls_fmt_err(err,
		    errno == ERANGE ? "address too long" : "cannot be written");
	return 0;
}

int
nls_addr_table(
    const char *in, int family, char *out, size_t size, struct saf_error *err)
{
	static const int any[] = { AF_INET, AF_INET6, AF_UNIX };
	size_t i;

	if (family != AF_UNSPEC)
		return nls_addr_family(in, family, out, size, err);
	if (in[0] == '/')
		return nls_addr_family(in, AF_UNIX, out, size, err);
	for (i = 0; i < sizeof(any) / sizeof(any[0]); i++) {
		if (any[i] == AF_UNIX && !nls_is_base_form(in))
			break;
		if (nls_addr_family(in, any[i], out, size, err) == 0)
			return 0;
	}
	return nls_fmt_err(err, "not an address of a transport");
}

/* A value into a field of r: false (and *err) if too long. */
static bool
nls_field(char *dst, size_t size, const char *src, const char *field,
    struct saf_error *err)
{
	if (strlen(src) < size) {
		memcpy(dst, src, strlen(src) + 1);
		return true;
	}
	memset(err, 0, sizeof(*err));
	err->code = SAF_ETOOLONG;
	err->field = field;
	(void)snprintf(err->text, sizeof(err->text),
	    "%s longer than %zu characters", field, size - 1);
	return false;
}

int
nls_spec_format(
    const struct nls_spec *q, char *buf, size_t size, struct saf_error *err)
{
	struct saf_listen_rec r;

	saf_listen_rec_init(&r);
	if (!nls_field(r.addr, sizeof(r.addr), q->addr, "address", err) ||
	    !nls_field(
		r.modules, sizeof(r.modules), q->modules, "modules", err) ||
	    !nls_field(
		r.command, sizeof(r.command), q->command, "command", err))
		return -1;
	r.prog = q->prog;
	r.vers = q->vers;
	r.lflags = q->lflags;
	return saf_listen_format(&r, buf, size, err) < 0 ? -1 : 0;
}
