/*
 * table.c - _pmtab text into a checked service set (pure: no files, no
 * sockets, no lookups; ls_table_parse is what the fuzz target calls).
 *
 * Every line is a version-4 listener record (libsaf parses the columns).
 * Checks beyond the syntax: no two records with one service code; a
 * static address converts for the provider's family; a pass-fd record's
 * rendezvous and an exec record's program are absolute paths.  The first
 * error fails the whole table, naming its line and field: at start-up the
 * listener then exits, on a re-read it keeps the table it has.
 */
#include "config.h"

#include "ls.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/un.h>

bool
ls_is_nlps(const char *command)
{
	size_t n = strcspn(command, " \t");
	const char *base = command, *p;

	for (p = command; p < command + n; p++)
		if (*p == '/')
			base = p + 1;
	return (size_t)(command + n - base) == strlen("nlps_server") &&
	    strncmp(base, "nlps_server", strlen("nlps_server")) == 0;
}

void
ls_table_free(struct ls_table *t)
{
	free(t->v);
	t->v = NULL;
	t->n = 0;
}

struct ls_svc *
ls_table_find(const struct ls_table *t, const char *code)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->v[i].ent.svctag, code) == 0)
			return &t->v[i];
	return NULL;
}

static int
ls_lerr(struct saf_error *err, int lineno, const char *field, const char *text)
{
	memset(err, 0, sizeof(*err));
	err->code = SAF_ECORRUPT;
	err->line = lineno;
	err->field = field;
	snprintf(err->text, sizeof(err->text), "%s", text);
	return -1;
}

/* The checks of one record after its syntax. */
static int
ls_svc_check(struct ls_svc *s, const struct ls_table *t, int domain,
    struct saf_error *err)
{
	const char *cmd = s->rec.command;

	if (ls_table_find(t, s->ent.svctag) != NULL)
		return ls_lerr(
		    err, s->lineno, "svctag", "duplicate service code");
	if (s->rec.addr[0] != '\0') {
		if (saf_addr_parse(s->rec.addr, strlen(s->rec.addr), domain,
			&s->addr, &s->alen, err) < 0) {
			err->line = s->lineno;
			err->field = "address";
			return -1;
		}
	}
	s->dynamic = (s->rec.lflags & SAF_LF_D) != 0;
	s->has_addr = s->rec.addr[0] != '\0' || s->dynamic;
	if (s->rec.lflags & SAF_LF_P)
		s->how = LS_PASS;
	else if (ls_is_nlps(cmd))
		s->how = LS_NLPS;
	else
		s->how = LS_EXEC;
	cmd += strspn(cmd, " \t");
	if (*cmd != '/')
		return ls_lerr(err, s->lineno, "command",
		    s->how == LS_PASS ?
			"the rendezvous must be an absolute path" :
			"the program must be an absolute path");
	return 0;
}

/* One line: 1 (a record added), 0 (nothing), -1. */
static int
ls_table_line(const char *line, size_t len, int lineno, int domain,
    struct ls_table *t, size_t *cap, struct saf_error *err)
{
	struct ls_svc s;
	int r;

	memset(&s, 0, sizeof(s));
	r = saf_pmtab_parse(line, len, lineno, &s.ent, err);
	if (r <= 0)
		return r;
	if (saf_listen_parse(&s.ent, lineno, &s.rec, err) < 0)
		return -1;
	s.lineno = lineno;
	s.pass_fd = -1;
	if (ls_svc_check(&s, t, domain, err) < 0)
		return -1;
	if (t->n == *cap) {
		struct ls_svc *nv;

		*cap = *cap ? *cap * 2 : 16;
		if ((nv = realloc(t->v, *cap * sizeof(*nv))) == NULL)
			return ls_lerr(err, lineno, NULL, "out of memory");
		t->v = nv;
	}
	t->v[t->n++] = s;
	return 1;
}

int
ls_table_parse(const char *buf, size_t len, int domain, struct ls_table *t,
    struct saf_error *err)
{
	size_t off = 0, cap = 0;
	int lineno = 0;

	t->v = NULL;
	t->n = 0;
	t->users = NULL;
	while (off < len) {
		const char *nl = memchr(buf + off, '\n', len - off);
		size_t ll = nl != NULL ? (size_t)(nl - (buf + off)) : len - off;

		lineno++;
		if (ls_table_line(buf + off, ll, lineno, domain, t, &cap, err) <
		    0) {
			free(t->v);
			t->v = NULL;
			t->n = 0;
			return -1;
		}
		off += ll + (nl != NULL);
	}
	return 0;
}

size_t
ls_addr_netbuf(const struct ls *ls, const struct ls_svc *s, unsigned char *buf,
    size_t size)
{
	const struct sockaddr_un *sun = (const struct sockaddr_un *)&s->addr;
	const unsigned char *p = (const unsigned char *)&s->addr;
	size_t n = s->alen;

	if (s->addr.ss_family == AF_UNIX && ls->abstract) {
		/* ticots*: the name's bytes, without the terminating NUL a
		 * text name was given */
		p = (const unsigned char *)sun->sun_path;
		n = s->alen - offsetof(struct sockaddr_un, sun_path);
		if (n > 0 && p[n - 1] == '\0')
			n--;
	}
	if (n > size)
		n = size;
	memcpy(buf, p, n);
	return n;
}
