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
 *
 * A service keeps only the fields the listener uses, their strings in one
 * block, and the table indexes service codes in a hash table, so that a
 * lookup (an NLPS request, a child reaped, a re-read's merge) does not
 * walk the table: tables of 10,000 services are read in milliseconds.
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
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->v[i].strs);
	free(t->v);
	free(t->idx);
	t->v = NULL;
	t->n = 0;
	t->idx = NULL;
	t->nidx = 0;
}

/* FNV-1a of a service code. */
static size_t
ls_code_hash(const char *code)
{
	uint32_t h = 2166136261U;

	for (; *code != '\0'; code++)
		h = (h ^ (unsigned char)*code) * 16777619U;
	return h;
}

/* The slot of code in the index: its service's, or the empty one where
 * it would go. */
static size_t
ls_idx_slot(const struct ls_table *t, const char *code)
{
	size_t mask = t->nidx - 1, i = ls_code_hash(code) & mask;

	while (
	    t->idx[i] != 0 && strcmp(t->v[t->idx[i] - 1].ent.svctag, code) != 0)
		i = (i + 1) & mask;
	return i;
}

/* Room in the index for one more service: 0, or -1. */
static int
ls_idx_grow(struct ls_table *t)
{
	size_t i, n = t->nidx ? t->nidx : 32;
	uint32_t *old = t->idx;
	size_t oldn = t->nidx;

	if (2 * (t->n + 1) <= t->nidx)
		return 0;
	while (2 * (t->n + 1) > n)
		n *= 2;
	if ((t->idx = calloc(n, sizeof(*t->idx))) == NULL) {
		t->idx = old;
		return -1;
	}
	t->nidx = n;
	for (i = 0; i < oldn; i++)
		if (old[i] != 0)
			t->idx[ls_idx_slot(t, t->v[old[i] - 1].ent.svctag)] =
			    old[i];
	free(old);
	return 0;
}

struct ls_svc *
ls_table_find(const struct ls_table *t, const char *code)
{
	size_t i;

	if (t->nidx == 0)
		return NULL;
	i = ls_idx_slot(t, code);
	return t->idx[i] != 0 ? &t->v[t->idx[i] - 1] : NULL;
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
ls_svc_check(struct ls_svc *s, const struct saf_listen_rec *r,
    struct sockaddr_storage *ss, const struct ls_table *t, int domain,
    struct saf_error *err)
{
	const char *cmd = r->command;

	if (ls_table_find(t, s->ent.svctag) != NULL)
		return ls_lerr(
		    err, s->lineno, "svctag", "duplicate service code");
	if (r->addr[0] != '\0') {
		if (saf_addr_parse(r->addr, strlen(r->addr), domain, ss,
			&s->alen, err) < 0) {
			err->line = s->lineno;
			err->field = "address";
			return -1;
		}
	}
	s->dynamic = (r->lflags & SAF_LF_D) != 0;
	s->has_addr = r->addr[0] != '\0' || s->dynamic;
	if (r->lflags & SAF_LF_P)
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

/* Keep what the listener uses of the record, in one block: the parsed
 * address first (malloc's alignment), then the strings.  0, or -1. */
static int
ls_svc_keep(struct ls_svc *s, const struct saf_pmtab_entry *e,
    const struct saf_listen_rec *r, const struct sockaddr_storage *ss)
{
	const char *from[] = { e->id, r->addr, r->modules, r->command };
	const char **to[] = { &s->ent.id, &s->rec.addr, &s->rec.modules,
		&s->rec.command };
	size_t len[4], alen = r->addr[0] != '\0' ? s->alen : 0, size = alen, i;
	char *p;

	for (i = 0; i < 4; i++)
		size += (len[i] = strlen(from[i]) + 1);
	if ((p = s->strs = malloc(size)) == NULL)
		return -1;
	if (alen > 0) {
		s->addr = memcpy(p, ss, alen);
		p += alen;
	}
	for (i = 0; i < 4; i++) {
		*to[i] = memcpy(p, from[i], len[i]);
		p += len[i];
	}
	s->ent.flags = e->flags;
	s->rec.prog = r->prog;
	s->rec.vers = r->vers;
	s->rec.lflags = r->lflags;
	return 0;
}

/* One line: 1 (a record added), 0 (nothing), -1. */
static int
ls_table_line(const char *line, size_t len, int lineno, int domain,
    struct ls_table *t, struct saf_error *err)
{
	struct saf_pmtab_entry e;
	struct saf_listen_rec r;
	struct sockaddr_storage ss;
	struct ls_svc s;
	int n;

	memset(&s, 0, sizeof(s));
	n = saf_pmtab_parse(line, len, lineno, &e, err);
	if (n <= 0)
		return n;
	if (saf_listen_parse(&e, lineno, &r, err) < 0)
		return -1;
	s.lineno = lineno;
	s.pass_fd = -1;
	snprintf(s.ent.svctag, sizeof(s.ent.svctag), "%s", e.svctag);
	if (ls_svc_check(&s, &r, &ss, t, domain, err) < 0)
		return -1;
	if (t->n == t->cap) {
		/* more records than lines were counted: the file changed */
		size_t cap = 2 * t->cap + 16;
		struct ls_svc *nv = realloc(t->v, cap * sizeof(*nv));

		if (nv == NULL)
			return ls_lerr(err, lineno, NULL, "out of memory");
		t->v = nv;
		t->cap = cap;
	}
	if (ls_idx_grow(t) < 0 || ls_svc_keep(&s, &e, &r, &ss) < 0)
		return ls_lerr(err, lineno, NULL, "out of memory");
	t->v[t->n] = s;
	t->idx[ls_idx_slot(t, s.ent.svctag)] = (uint32_t)(t->n + 1);
	t->n++;
	return 1;
}

int
ls_table_begin(struct ls_table *t, size_t lines, struct saf_error *err)
{
	memset(t, 0, sizeof(*t));
	/* room for as many records as there are lines, at once: growing
	 * the array as it fills would hold two copies at the end */
	t->cap = lines > 0 ? lines : 1;
	for (t->nidx = 32; t->nidx < 2 * t->cap; t->nidx *= 2)
		;
	t->v = calloc(t->cap, sizeof(*t->v));
	t->idx = calloc(t->nidx, sizeof(*t->idx));
	if (t->v == NULL || t->idx == NULL) {
		ls_table_free(t);
		return ls_lerr(err, 0, NULL, "out of memory");
	}
	return 0;
}

int
ls_table_add(struct ls_table *t, const char *line, size_t len, int lineno,
    int domain, struct saf_error *err)
{
	if (ls_table_line(line, len, lineno, domain, t, err) < 0) {
		ls_table_free(t);
		return -1;
	}
	return 0;
}

int
ls_table_parse(const char *buf, size_t len, int domain, struct ls_table *t,
    struct saf_error *err)
{
	const char *p, *end = buf + len;
	size_t off = 0, lines = 1;
	int lineno = 0;

	for (p = buf; p < end && (p = memchr(p, '\n', (size_t)(end - p))); p++)
		lines++;
	if (ls_table_begin(t, lines, err) < 0)
		return -1;
	while (off < len) {
		const char *nl = memchr(buf + off, '\n', len - off);
		size_t ll = nl != NULL ? (size_t)(nl - (buf + off)) : len - off;

		if (ls_table_add(t, buf + off, ll, ++lineno, domain, err) < 0)
			return -1;
		off += ll + (nl != NULL);
	}
	return 0;
}

size_t
ls_addr_netbuf(const struct ls *ls, const struct ls_svc *s, unsigned char *buf,
    size_t size)
{
	const struct sockaddr_un *sun = (const struct sockaddr_un *)s->addr;
	const unsigned char *p = (const unsigned char *)s->addr;
	size_t n = s->alen;

	if (s->addr->ss_family == AF_UNIX && ls->abstract) {
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
