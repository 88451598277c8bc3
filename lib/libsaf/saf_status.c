/*
 * saf_status.c - lines of sac's answer to AC_STATUS (sacadm -l, -L):
 *
 *   tag:type:flags:restart_count:state:command:comment
 *
 * flags as a decimal bit mask (SAF_SAC_DFLAG | SAF_SAC_XFLAG) and state as
 * the decimal state number the monitor last reported.  The comment is the
 * rest of the line.
 */
#include "saf_impl.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#define SAF_STATUS_FIELDS 7

int
saf_status_format(
    const struct saf_status *s, char *buf, size_t size, struct saf_error *err)
{
	const struct saf_sactab_entry *e = &s->ent;
	int n;

	if (saf_sactab_check(e, err) < 0)
		return -1;
	if (saf_state_name(s->state) == NULL)
		return safi_err(err, SAF_EBADSTATE, 0, 0, "state",
		    "bad state %d", s->state);
	n = snprintf(buf, size, "%s:%s:%u:%d:%d:%s:%s\n", e->tag, e->type,
	    e->flags, e->rcount, s->state, e->command, e->comment);
	return safi_printed(n, size, err);
}

static int
saf_status_fields(
    const struct saf_span *f, struct saf_status *s, struct saf_error *err)
{
	struct saf_sactab_entry *e = &s->ent;
	long flags, rcount, state;

	if (safi_tag(&f[0], SAF_PMTAG_MAX, 1, "tag", err) < 0 ||
	    safi_copy(e->tag, sizeof(e->tag), &f[0], 1, "tag", err) < 0 ||
	    safi_tag(&f[1], SAF_PMTYPE_MAX, 1, "type", err) < 0 ||
	    safi_copy(e->type, sizeof(e->type), &f[1], 1, "type", err) < 0 ||
	    safi_number(&f[2], SAF_SAC_DFLAG | SAF_SAC_XFLAG, &flags, 1,
		"flags", err) < 0 ||
	    safi_number(&f[3], INT_MAX, &rcount, 1, "restart count", err) < 0 ||
	    safi_number(&f[4], SAF_NOSAC, &state, 1, "state", err) < 0)
		return -1;
	if (saf_state_name((int)state) == NULL)
		return safi_err(err, SAF_EBADSTATE, 1, f[4].col, "state",
		    "bad state %ld", state);
	e->flags = (unsigned)flags;
	e->rcount = (int)rcount;
	s->state = (int)state;
	return 0;
}

int
saf_status_parse(
    const char *line, size_t len, struct saf_status *s, struct saf_error *err)
{
	struct saf_span body, f[SAF_STATUS_FIELDS];
	size_t n;

	memset(s, 0, sizeof(*s));
	if (len > 0 && line[len - 1] == '\n')
		len--;
	body.p = line;
	body.len = len;
	body.col = 1;
	n = saf_line_split(&body, f, SAF_STATUS_FIELDS, 0);
	if (n < SAF_STATUS_FIELDS)
		return safi_err(err, SAF_ECORRUPT, 1, 0, NULL,
		    "Improper message from SAC: %zu fields, 7 expected", n);
	if (saf_status_fields(f, s, err) < 0 ||
	    safi_copy(s->ent.command, sizeof(s->ent.command), &f[5], 1,
		"command", err) < 0 ||
	    safi_copy(s->ent.comment, sizeof(s->ent.comment), &f[6], 1,
		"comment", err) < 0)
		return -1;
	return 0;
}
