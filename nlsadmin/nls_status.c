/*
 * nls_status.c - the listener's status file (<SAF_VAR>/<tag>/status,
 * written by listen; its format is in listen(8)) read and shown by
 * nlsadmin -C (pure: text in, text out).
 *
 * The reader is strict where it matters (the version line first, every
 * number decimal and in range, a service line complete) and lenient where
 * it may grow (a key it does not know is skipped), so that a newer
 * listener's file still reads.
 */
#include "config.h"

#include "nlsadmin.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int
nls_st_err(struct saf_error *err, int line, const char *text)
{
	memset(err, 0, sizeof(*err));
	err->code = SAF_ECORRUPT;
	err->line = line;
	snprintf(err->text, sizeof(err->text), "%s", text);
	return -1;
}

/* The next space-separated word of *p (within end): its length, or 0. */
static size_t
nls_st_word(const char **p, const char *end, const char **w)
{
	const char *s = *p;

	while (s < end && *s == ' ')
		s++;
	*w = s;
	while (s < end && *s != ' ')
		s++;
	*p = s;
	return (size_t)(s - *w);
}

static int
nls_st_number(const char **p, const char *end, unsigned long long max,
    unsigned long long *v)
{
	const char *w;
	size_t n = nls_st_word(p, end, &w), i;

	if (n == 0 || n > 20)
		return -1;
	*v = 0;
	for (i = 0; i < n; i++) {
		if (w[i] < '0' || w[i] > '9' ||
		    *v > (max - (unsigned long long)(w[i] - '0')) / 10)
			return -1;
		*v = *v * 10 + (unsigned long long)(w[i] - '0');
	}
	return 0;
}

/* "<n> <n> ..." into the unsigned longs v[0..n-1]. */
static int
nls_st_numbers(const char **p, const char *end, unsigned long *v, int n)
{
	unsigned long long x;
	int i;

	for (i = 0; i < n; i++) {
		if (nls_st_number(p, end, ULONG_MAX, &x) < 0)
			return -1;
		v[i] = (unsigned long)x;
	}
	return 0;
}

/* One word into buf (size > 0), which must hold it. */
static int
nls_st_text(const char **p, const char *end, char *buf, size_t size)
{
	const char *w;
	size_t n = nls_st_word(p, end, &w);

	if (n == 0 || n >= size)
		return -1;
	memcpy(buf, w, n);
	buf[n] = '\0';
	return 0;
}

static int
nls_st_service(const char *p, const char *end, struct nls_lsstatus *st)
{
	struct nls_lsstatus_svc *s, *nv;
	size_t n;

	if (st->nsvc == st->capsvc) {
		size_t cap = st->capsvc ? 2 * st->capsvc : 16;

		if (cap > NLS_STATUS_MAXSVC ||
		    (nv = realloc(st->svc, cap * sizeof(*nv))) == NULL)
			return -1;
		st->svc = nv;
		st->capsvc = cap;
	}
	s = &st->svc[st->nsvc];
	memset(s, 0, sizeof(*s));
	if (nls_st_text(&p, end, s->code, sizeof(s->code)) < 0 ||
	    nls_st_numbers(&p, end, s->n, NLS_ST_NCOUNTS) < 0)
		return -1;
	/* the address: the rest of the line, after one space */
	if (p >= end || *p != ' ' || (n = (size_t)(end - p - 1)) == 0 ||
	    n >= sizeof(s->addr))
		return -1;
	memcpy(s->addr, p + 1, n);
	s->addr[n] = '\0';
	st->nsvc++;
	return 0;
}

/* One line (without its newline): 0, or -1 (malformed). */
static int
nls_st_line(const char *p, const char *end, struct nls_lsstatus *st)
{
	unsigned long long v;
	const char *key;
	size_t klen = nls_st_word(&p, end, &key);

#define KEY(k) (klen == strlen(k) && memcmp(key, k, klen) == 0)
	if (KEY("pid")) {
		if (nls_st_number(&p, end, 0x7fffffffULL, &v) < 0 || v == 0)
			return -1;
		st->pid = (long)v;
	} else if (KEY("tag")) {
		return nls_st_text(&p, end, st->tag, sizeof(st->tag));
	} else if (KEY("netspec")) {
		return nls_st_text(&p, end, st->netspec, sizeof(st->netspec));
	} else if (KEY("state")) {
		return nls_st_text(&p, end, st->state, sizeof(st->state));
	} else if (KEY("started") || KEY("written")) {
		if (nls_st_number(&p, end, 0x7fffffffffffULL, &v) < 0)
			return -1;
		*(KEY("started") ? &st->started : &st->written) = (long long)v;
	} else if (KEY("requests")) {
		return nls_st_numbers(&p, end, &st->requests, 1);
	} else if (KEY("nlps")) {
		return nls_st_numbers(&p, end, st->nlps, 3);
	} else if (KEY("paused")) {
		return nls_st_numbers(&p, end, &st->paused, 1);
	} else if (KEY("service")) {
		return nls_st_service(p, end, st);
	}
#undef KEY
	return 0; /* a key of a later version */
}

int
nls_lsstatus_parse(
    const char *buf, size_t len, struct nls_lsstatus *st, struct saf_error *err)
{
	static const char first[] = "listen-status 1\n";
	size_t off = sizeof(first) - 1;
	int line = 1;

	memset(st, 0, sizeof(*st));
	if (len < off || memcmp(buf, first, off) != 0)
		return nls_st_err(
		    err, 1, "not a version 1 listener status file");
	while (off < len) {
		const char *nl = memchr(buf + off, '\n', len - off);

		line++;
		if (nl == NULL) {
			nls_lsstatus_free(st);
			return nls_st_err(err, line, "unfinished line");
		}
		if (memchr(buf + off, '\0', (size_t)(nl - (buf + off))) !=
			NULL ||
		    nls_st_line(buf + off, nl, st) < 0) {
			nls_lsstatus_free(st);
			return nls_st_err(err, line, "malformed line");
		}
		off = (size_t)(nl - buf) + 1;
	}
	if (st->pid == 0 || st->tag[0] == '\0' || st->state[0] == '\0') {
		nls_lsstatus_free(st);
		return nls_st_err(err, line, "pid, tag or state missing");
	}
	return 0;
}

void
nls_lsstatus_free(struct nls_lsstatus *st)
{
	free(st->svc);
	st->svc = NULL;
	st->nsvc = st->capsvc = 0;
}

static void
nls_st_time(long long t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (localtime_r(&tt, &tm) == NULL ||
	    strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm) == 0)
		snprintf(buf, size, "%lld", t);
}

void
nls_lsstatus_print(FILE *fp, const struct nls_lsstatus *st)
{
	char started[32], written[32];
	size_t i;

	nls_st_time(st->started, started, sizeof(started));
	nls_st_time(st->written, written, sizeof(written));
	fprintf(fp,
	    "%s: listener pid %ld, %s, on %s since %s (counters of %s)\n",
	    st->tag, st->pid, st->state,
	    st->netspec[0] != '\0' ? st->netspec : "?", started, written);
	fprintf(fp,
	    "NLPS: %lu requests being read; refused %lu bad, %lu unknown "
	    "code, %lu timed out\n",
	    st->requests, st->nlps[0], st->nlps[1], st->nlps[2]);
	fprintf(fp, "accepting paused %lu times (out of descriptors)\n",
	    st->paused);
	fprintf(fp, "%-14s %9s %9s %9s %9s %9s  %s\n", "SERVICE", "ACCEPTED",
	    "DISABLED", "FAILED", "BUSY", "RUNNING", "ADDRESS");
	for (i = 0; i < st->nsvc; i++) {
		const struct nls_lsstatus_svc *s = &st->svc[i];

		fprintf(fp, "%-14s %9lu %9lu %9lu %9lu %9lu  %s\n", s->code,
		    s->n[0], s->n[1], s->n[2], s->n[3], s->n[4],
		    strcmp(s->addr, "-") == 0 ? "NOADDR" : s->addr);
	}
}
