/*
 * saf_table.c - whole _sactab and _pmtab tables.
 *
 * A table is every physical line of the file in order: entries parsed (and
 * their text kept), other lines (the version line, comments, blank lines)
 * kept as text.  Writing a table back writes each kept text unchanged and
 * formats only entries added or replaced, so an administrator's comments
 * survive sacadm and pmadm.  Lines are read whole, up to SAF_LINE_MAX
 * bytes; a longer line, a NUL byte, a bad entry or a duplicate tag is an
 * error naming the line.  A last line without a newline is read.
 *
 * One implementation serves both tables: struct safi_tabops says where the
 * parts of a line are and which parser and writer go with it.
 */
#include "saf_impl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct safi_tab {
	void *v;
	size_t n, cap;
};

struct safi_tabops {
	size_t size; /* of one line struct */
	size_t off_lineno, off_raw, off_isentry, off_ent, off_key;
	size_t entsize; /* of the entry struct */
	const char *keyfield;
	int (*parse)(const char *, size_t, int, void *, struct saf_error *);
	int (*format)(const void *, char *, size_t, struct saf_error *);
};

/* Accessors: the line structs differ, their parts are found by offset. */
static char *
tab_line(const struct safi_tab *g, const struct safi_tabops *o, size_t i)
{
	return (char *)g->v + i * o->size;
}

static char *
tab_raw(const char *line, const struct safi_tabops *o)
{
	char *raw;

	memcpy(&raw, line + o->off_raw, sizeof(raw));
	return raw;
}

static bool
tab_isentry(const char *line, const struct safi_tabops *o)
{
	bool b;

	memcpy(&b, line + o->off_isentry, sizeof(b));
	return b;
}

static const char *
tab_key(const char *line, const struct safi_tabops *o)
{
	return line + o->off_ent + o->off_key;
}

static void
tab_set(char *line, const struct safi_tabops *o, int lineno, char *raw,
    bool isentry)
{
	memcpy(line + o->off_lineno, &lineno, sizeof(lineno));
	memcpy(line + o->off_raw, &raw, sizeof(raw));
	memcpy(line + o->off_isentry, &isentry, sizeof(isentry));
}

static void
tab_free(struct safi_tab *g, const struct safi_tabops *o)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		free(tab_raw(tab_line(g, o, i), o));
	free(g->v);
	g->v = NULL;
	g->n = g->cap = 0;
}

/* A new zeroed line at the end: its address, or NULL (ENOMEM). */
static char *
tab_push(struct safi_tab *g, const struct safi_tabops *o)
{
	char *line;

	if (g->n == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 16;
		void *v = realloc(g->v, cap * o->size);

		if (v == NULL)
			return NULL;
		g->v = v;
		g->cap = cap;
	}
	line = tab_line(g, o, g->n++);
	memset(line, 0, o->size);
	return line;
}

static ssize_t
tab_find(const struct safi_tab *g, const struct safi_tabops *o, const char *key)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		const char *line = tab_line(g, o, i);

		if (tab_isentry(line, o) && strcmp(tab_key(line, o), key) == 0)
			return (ssize_t)i;
	}
	return -1;
}

/* Parse one physical line into a new line of the table. */
static int
tab_parse_line(struct safi_tab *g, const struct safi_tabops *o, const char *p,
    size_t len, int lineno, struct saf_error *err)
{
	char *line, *raw;
	int rc;

	if (memchr(p, '\0', len) != NULL)
		return safi_err(err, SAF_EBADCHAR, lineno,
		    (size_t)((const char *)memchr(p, '\0', len) - p) + 1, NULL,
		    "NUL byte in line");
	line = tab_push(g, o);
	raw = line != NULL ? strndup(p, len) : NULL;
	if (raw == NULL)
		return safi_syserr(err, "allocate", "table");
	rc = o->parse(p, len, lineno, line + o->off_ent, err);
	tab_set(line, o, lineno, raw, rc == 1);
	if (rc < 0)
		return -1;
	if (rc == 1 && tab_find(g, o, tab_key(line, o)) != (ssize_t)g->n - 1)
		return safi_err(err, SAF_EDUP, lineno, 1, o->keyfield,
		    "duplicate entry for <%s>", tab_key(line, o));
	return 0;
}

static int
tab_parse(struct safi_tab *g, const struct safi_tabops *o, const char *buf,
    size_t len, struct saf_error *err)
{
	size_t pos = 0;
	int lineno = 0;

	tab_free(g, o);
	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t llen = nl != NULL ? (size_t)(nl - buf - pos) : len - pos;

		if (tab_parse_line(g, o, buf + pos, llen, ++lineno, err) < 0) {
			tab_free(g, o);
			return -1;
		}
		pos += llen + 1;
	}
	return 0;
}

static int
tab_load(struct safi_tab *g, const struct safi_tabops *o, const char *path,
    struct saf_error *err)
{
	char *buf;
	size_t len;
	int rc;

	if (saf_file_read(path, &buf, &len) < 0)
		return safi_syserr(err, "read", path);
	rc = tab_parse(g, o, buf, len, err);
	free(buf);
	return rc;
}

static size_t
tab_count(const struct safi_tab *g, const struct safi_tabops *o)
{
	size_t i, k = 0;

	for (i = 0; i < g->n; i++)
		k += tab_isentry(tab_line(g, o, i), o);
	return k;
}

/* Add (replace false) or replace (true) the entry ent, already checked,
   with key key.  ent must not point into the table (tab_push may move
   it): tab_put passes a copy. */
static int
tab_store_entry(struct safi_tab *g, const struct safi_tabops *o,
    const void *ent, const char *key, bool replace, struct saf_error *err)
{
	ssize_t i = tab_find(g, o, key);
	char *line;

	if (!replace && i >= 0)
		return safi_err(
		    err, SAF_EDUP, 0, 0, o->keyfield, "%s already exists", key);
	if (replace && i < 0)
		return safi_err(err, SAF_ENOTFOUND, 0, 0, o->keyfield,
		    "%s does not exist", key);
	line = replace ? tab_line(g, o, (size_t)i) : tab_push(g, o);
	if (line == NULL)
		return safi_syserr(err, "allocate", "table");
	free(tab_raw(line, o));
	memcpy(line + o->off_ent, ent, o->entsize);
	tab_set(line, o, 0, NULL, true);
	return 0;
}

static int
tab_put(struct safi_tab *g, const struct safi_tabops *o, const void *ent,
    bool replace, struct saf_error *err)
{
	char scratch[SAF_LINE_MAX + 2];
	void *copy;
	int rc;

	if (o->format(ent, scratch, sizeof(scratch), err) < 0)
		return -1;
	/* the caller's entry may be one of the table's (saf_*_find) */
	copy = malloc(o->entsize);
	if (copy == NULL)
		return safi_syserr(err, "allocate", "table");
	memcpy(copy, ent, o->entsize);
	rc = tab_store_entry(
	    g, o, copy, (const char *)copy + o->off_key, replace, err);
	free(copy);
	return rc;
}

static int
tab_remove(struct safi_tab *g, const struct safi_tabops *o, const char *key)
{
	ssize_t i = tab_find(g, o, key);
	char *line;

	if (i < 0) {
		errno = ENOENT;
		return -1;
	}
	line = tab_line(g, o, (size_t)i);
	free(tab_raw(line, o));
	memmove(line, line + o->size, (g->n - (size_t)i - 1) * o->size);
	g->n--;
	return 0;
}

static int
tab_text(const struct safi_tab *g, const struct safi_tabops *o, char **buf,
    size_t *len, struct saf_error *err)
{
	struct safi_buf b = { NULL, 0, 0 };
	char scratch[SAF_LINE_MAX + 2];
	size_t i;

	for (i = 0; i < g->n; i++) {
		const char *line = tab_line(g, o, i);
		const char *raw = tab_raw(line, o);
		int n;

		if (raw != NULL) {
			if (safi_buf_add(&b, raw, strlen(raw)) < 0 ||
			    safi_buf_add(&b, "\n", 1) < 0)
				goto nomem;
			continue;
		}
		n = o->format(line + o->off_ent, scratch, sizeof(scratch), err);
		if (n < 0) {
			free(b.p);
			return -1;
		}
		if (safi_buf_add(&b, scratch, (size_t)n) < 0)
			goto nomem;
	}
	if (safi_buf_add(&b, "", 1) < 0)
		goto nomem;
	*buf = b.p;
	*len = b.len - 1;
	return 0;
nomem:
	free(b.p);
	return safi_syserr(err, "allocate", "table text");
}

static int
tab_store(const struct safi_tab *g, const struct safi_tabops *o,
    const char *path, struct saf_error *err)
{
	char *buf;
	size_t len;
	int rc;

	if (tab_text(g, o, &buf, &len, err) < 0)
		return -1;
	rc = saf_file_replace(path, buf, len, SAF_TABLE_MODE, err);
	free(buf);
	return rc;
}

int
safi_buf_add(struct safi_buf *b, const char *s, size_t len)
{
	if (b->cap - b->len < len) {
		size_t cap = b->cap ? b->cap : 1024;
		char *p;

		while (cap - b->len < len)
			cap *= 2;
		p = realloc(b->p, cap);
		if (p == NULL)
			return -1;
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, len);
	b->len += len;
	return 0;
}

/* ------------------------------------------------------------------------
 * The two tables.
 */
static int
sac_parse(
    const char *p, size_t len, int lineno, void *ent, struct saf_error *err)
{
	return saf_sactab_parse(p, len, lineno, ent, err);
}

static int
sac_format(const void *ent, char *buf, size_t size, struct saf_error *err)
{
	return saf_sactab_format(ent, buf, size, err);
}

static int
pm_parse(
    const char *p, size_t len, int lineno, void *ent, struct saf_error *err)
{
	return saf_pmtab_parse(p, len, lineno, ent, err);
}

static int
pm_format(const void *ent, char *buf, size_t size, struct saf_error *err)
{
	return saf_pmtab_format(ent, buf, size, err);
}

#define TABOPS(L, E, key, field, parse, format) \
	{ \
		sizeof(struct L), offsetof(struct L, lineno), \
		    offsetof(struct L, raw), offsetof(struct L, is_entry), \
		    offsetof(struct L, ent), offsetof(struct E, key), \
		    sizeof(struct E), field, parse, format \
	}

static const struct safi_tabops sac_ops = TABOPS(
    saf_sactab_line, saf_sactab_entry, tag, "tag", sac_parse, sac_format);
static const struct safi_tabops pm_ops = TABOPS(
    saf_pmtab_line, saf_pmtab_entry, svctag, "svctag", pm_parse, pm_format);

/* Run call on a struct safi_tab view g_ of table t, then store it back. */
#define TAB_CALL(t, call) \
	({ \
		struct safi_tab g_ = { (t)->v, (t)->n, (t)->cap }; \
		int r_ = (call); \
		(t)->v = g_.v; \
		(t)->n = g_.n; \
		(t)->cap = g_.cap; \
		r_; \
	})
/* A read-only view of t. */
#define TAB_VIEW(t) (&(const struct safi_tab){ (t)->v, (t)->n, (t)->cap })

int
saf_sactab_parse_buf(
    const char *buf, size_t len, struct saf_sactab *t, struct saf_error *err)
{
	return TAB_CALL(t, tab_parse(&g_, &sac_ops, buf, len, err));
}

int
saf_sactab_load(const char *path, struct saf_sactab *t, struct saf_error *err)
{
	return TAB_CALL(t, tab_load(&g_, &sac_ops, path, err));
}

void
saf_sactab_free(struct saf_sactab *t)
{
	(void)TAB_CALL(t, (tab_free(&g_, &sac_ops), 0));
}

size_t
saf_sactab_count(const struct saf_sactab *t)
{
	return tab_count(TAB_VIEW(t), &sac_ops);
}

struct saf_sactab_entry *
saf_sactab_find(struct saf_sactab *t, const char *tag)
{
	ssize_t i = tab_find(TAB_VIEW(t), &sac_ops, tag);

	return i < 0 ? NULL : &t->v[i].ent;
}

int
saf_sactab_add(struct saf_sactab *t, const struct saf_sactab_entry *e,
    struct saf_error *err)
{
	return TAB_CALL(t, tab_put(&g_, &sac_ops, e, false, err));
}

int
saf_sactab_replace(struct saf_sactab *t, const struct saf_sactab_entry *e,
    struct saf_error *err)
{
	return TAB_CALL(t, tab_put(&g_, &sac_ops, e, true, err));
}

int
saf_sactab_remove(struct saf_sactab *t, const char *tag)
{
	return TAB_CALL(t, tab_remove(&g_, &sac_ops, tag));
}

int
saf_sactab_text(
    const struct saf_sactab *t, char **buf, size_t *len, struct saf_error *err)
{
	return tab_text(TAB_VIEW(t), &sac_ops, buf, len, err);
}

int
saf_sactab_store(
    const char *path, const struct saf_sactab *t, struct saf_error *err)
{
	return tab_store(TAB_VIEW(t), &sac_ops, path, err);
}

int
saf_pmtab_parse_buf(
    const char *buf, size_t len, struct saf_pmtab *t, struct saf_error *err)
{
	return TAB_CALL(t, tab_parse(&g_, &pm_ops, buf, len, err));
}

int
saf_pmtab_load(const char *path, struct saf_pmtab *t, struct saf_error *err)
{
	return TAB_CALL(t, tab_load(&g_, &pm_ops, path, err));
}

void
saf_pmtab_free(struct saf_pmtab *t)
{
	(void)TAB_CALL(t, (tab_free(&g_, &pm_ops), 0));
}

size_t
saf_pmtab_count(const struct saf_pmtab *t)
{
	return tab_count(TAB_VIEW(t), &pm_ops);
}

struct saf_pmtab_entry *
saf_pmtab_find(struct saf_pmtab *t, const char *svctag)
{
	ssize_t i = tab_find(TAB_VIEW(t), &pm_ops, svctag);

	return i < 0 ? NULL : &t->v[i].ent;
}

int
saf_pmtab_add(
    struct saf_pmtab *t, const struct saf_pmtab_entry *e, struct saf_error *err)
{
	return TAB_CALL(t, tab_put(&g_, &pm_ops, e, false, err));
}

int
saf_pmtab_replace(
    struct saf_pmtab *t, const struct saf_pmtab_entry *e, struct saf_error *err)
{
	return TAB_CALL(t, tab_put(&g_, &pm_ops, e, true, err));
}

int
saf_pmtab_remove(struct saf_pmtab *t, const char *svctag)
{
	return TAB_CALL(t, tab_remove(&g_, &pm_ops, svctag));
}

int
saf_pmtab_text(
    const struct saf_pmtab *t, char **buf, size_t *len, struct saf_error *err)
{
	return tab_text(TAB_VIEW(t), &pm_ops, buf, len, err);
}

int
saf_pmtab_store(
    const char *path, const struct saf_pmtab *t, struct saf_error *err)
{
	return tab_store(TAB_VIEW(t), &pm_ops, path, err);
}
