/*
 * saf_listen.c - the listener's record: the pmspecific part of its _pmtab
 * lines (database version 4), 11 fields in all with the shared columns:
 *
 *   svc:flags:id:res1:res2:res3:addr:rpcinfo:lflags:modules:command
 *
 * addr is kept as written (the listener converts it with saf_addr_parse);
 * "\:" in it does not end the field.  rpcinfo is empty or "prog,vers".
 * lflags are c (run a command), p (pass the connection to a standing
 * server) and d (dynamic address).  The command is the rest of the line,
 * colons included.
 */
#include "saf_impl.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#define SAF_LISTEN_FIELDS 5

void
saf_listen_rec_init(struct saf_listen_rec *r)
{
	memset(r, 0, sizeof(*r));
	r->prog = -1;
	r->vers = -1;
}

static int
saf_rpc_parse(const struct saf_span *s, int line, struct saf_listen_rec *r,
    struct saf_error *err)
{
	const char *comma;
	struct saf_span p, v;

	if (s->len == 0)
		return 0;
	comma = memchr(s->p, ',', s->len);
	if (comma == NULL)
		return safi_err(err, SAF_EBADNUM, line, s->col, "rpcinfo",
		    "invalid rpcinfo: prog,vers expected");
	p.p = s->p;
	p.len = (size_t)(comma - s->p);
	p.col = s->col;
	v.p = comma + 1;
	v.len = s->len - p.len - 1;
	v.col = s->col + p.len + 1;
	if (safi_number(&p, INT_MAX, &r->prog, line, "rpcinfo", err) < 0 ||
	    safi_number(&v, INT_MAX, &r->vers, line, "rpcinfo", err) < 0)
		return -1;
	return 0;
}

/* lflags in the order nlsadmin writes them: c, d, p */
static const char saf_lf_letters[] = "cdp";
static const unsigned saf_lf_bits[] = { SAF_LF_C, SAF_LF_D, SAF_LF_P };

static int
saf_lflags_parse(
    const struct saf_span *s, int line, unsigned *flags, struct saf_error *err)
{
	if (safi_flags(
		s, line, "lflags", saf_lf_letters, saf_lf_bits, flags, err) < 0)
		return -1;
	if ((*flags & SAF_LF_C) && (*flags & SAF_LF_P))
		return safi_err(err, SAF_EBADFLAG, line, s->col, "lflags",
		    "flags c and p exclude each other");
	return 0;
}

int
saf_listen_parse(const struct saf_pmtab_entry *e, int lineno,
    struct saf_listen_rec *r, struct saf_error *err)
{
	struct saf_span body, f[SAF_LISTEN_FIELDS];
	size_t n;

	saf_listen_rec_init(r);
	body.p = e->pmspec;
	body.len = strnlen(e->pmspec, sizeof(e->pmspec));
	body.col = e->pmspec_col > 0 ? e->pmspec_col : 1;
	n = saf_line_split(&body, f, SAF_LISTEN_FIELDS, SAF_SPLIT_ESCAPE);
	if (n < SAF_LISTEN_FIELDS)
		return safi_err(err, SAF_ECORRUPT, lineno, 0, NULL,
		    "listener record has %zu fields, 11 expected", n + 6);
	if (safi_copy(r->addr, sizeof(r->addr), &f[0], lineno, "address", err) <
		0 ||
	    saf_rpc_parse(&f[1], lineno, r, err) < 0 ||
	    saf_lflags_parse(&f[2], lineno, &r->lflags, err) < 0 ||
	    safi_copy(r->modules, sizeof(r->modules), &f[3], lineno, "modules",
		err) < 0 ||
	    safi_copy(r->command, sizeof(r->command), &f[4], lineno, "command",
		err) < 0)
		return -1;
	if ((r->lflags & SAF_LF_D) && r->addr[0] != '\0')
		return safi_err(err, SAF_EBADFLAG, lineno, f[2].col, "lflags",
		    "static and dynamic address");
	return 0;
}

/* Every ':' of the address must be escaped ("\:"). */
static int
saf_addr_text_ok(const char *a, struct saf_error *err)
{
	size_t i;

	if (safi_field_ok(a, "#", true, "address", err) < 0)
		return -1;
	for (i = 0; a[i] != '\0'; i++)
		if (a[i] == ':' && (i == 0 || a[i - 1] != '\\'))
			return safi_err(err, SAF_EBADCHAR, 0, i + 1, "address",
			    "unescaped ':' in address");
	return 0;
}

static int
saf_listen_check(const struct saf_listen_rec *r, struct saf_error *err)
{
	size_t clen;

	if (strnlen(r->addr, sizeof(r->addr)) == sizeof(r->addr) ||
	    strnlen(r->modules, sizeof(r->modules)) == sizeof(r->modules) ||
	    strnlen(r->command, sizeof(r->command)) == sizeof(r->command))
		return safi_err(
		    err, SAF_ETOOLONG, 0, 0, NULL, "field not terminated");
	if (saf_addr_text_ok(r->addr, err) < 0 ||
	    safi_field_ok(r->modules, ":#", true, "modules", err) < 0 ||
	    safi_field_ok(r->command, "#", true, "command", err) < 0)
		return -1;
	if ((r->prog < 0) != (r->vers < 0) || r->prog > INT_MAX ||
	    r->vers > INT_MAX)
		return safi_err(
		    err, SAF_EBADNUM, 0, 0, "rpcinfo", "invalid rpcinfo");
	if (r->lflags & ~(unsigned)(SAF_LF_C | SAF_LF_P | SAF_LF_D) ||
	    ((r->lflags & SAF_LF_C) && (r->lflags & SAF_LF_P)) ||
	    ((r->lflags & SAF_LF_D) && r->addr[0] != '\0'))
		return safi_err(
		    err, SAF_EBADFLAG, 0, 0, "lflags", "bad flag combination");
	clen = strlen(r->command);
	if (clen > 0 && safi_isspace((unsigned char)r->command[clen - 1]))
		return safi_err(err, SAF_EBADCHAR, 0, clen, "command",
		    "trailing white space in command");
	return 0;
}

int
saf_listen_format(const struct saf_listen_rec *r, char *buf, size_t size,
    struct saf_error *err)
{
	char rpc[32] = "", fl[4];
	int n;

	if (saf_listen_check(r, err) < 0)
		return -1;
	if (r->prog >= 0)
		(void)snprintf(rpc, sizeof(rpc), "%ld,%ld", r->prog, r->vers);
	n = snprintf(buf, size, "%s:%s:%s:%s:%s", r->addr, rpc,
	    safi_flag_letters(r->lflags, saf_lf_letters, saf_lf_bits, fl),
	    r->modules, r->command);
	return safi_printed(n, size, err);
}
