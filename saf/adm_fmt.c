/*
 * adm_fmt.c - what sacadm -l/-L and pmadm -l/-L print, and the status
 * text sac answers to AC_STATUS.
 *
 * Formats (reference §5.3, §6.6), byte for byte:
 *   sacadm -L  tag:type:flags:count:STATE:command#comment
 *   sacadm -l  "%-14s %-14s %-4s %-4s %-10s %s #%s" under its header
 *   pmadm -L   pmtag:pmtype:svctag:flags:id:res1:res2:res3:pmspec#comment
 *   pmadm -l   "%-14s %-14s %-14s %-4s %-8s %s #%s" under its header, the
 *              pmspecific part shown with ':' as ' ' and empty fields '-'
 * Flags are letters ("-" in -l when there are none).
 */
#include "config.h"

#include "adm.h"

#include <stdlib.h>
#include <string.h>

void
adm_pm_header(FILE *fp)
{
	(void)fputs("PMTAG          PMTYPE         FLGS RCNT STATUS     COMMAND\n",
	    fp);
}

void
adm_pm_print(FILE *fp, enum adm_listfmt fmt, const struct saf_sactab_entry *e,
    int state)
{
	const char *name = saf_state_name(state);
	char fl[3];

	saf_sac_flags(e->flags, fl);
	if (name == NULL)
		name = "UNKNOWN";
	if (fmt == ADM_LONG)
		(void)fprintf(fp, "%s:%s:%s:%d:%s:%s#%s\n", e->tag, e->type, fl,
		    e->rcount, name, e->command, e->comment);
	else
		(void)fprintf(fp, "%-14s %-14s %-4s %-4d %-10s %s #%s\n",
		    e->tag, e->type, fl[0] != '\0' ? fl : "-", e->rcount, name,
		    e->command, e->comment);
}

void
adm_svc_header(FILE *fp)
{
	(void)fputs("PMTAG          PMTYPE         SVCTAG         FLGS ID       "
		    "<PMSPECIFIC>\n",
	    fp);
}

void
adm_svc_print(FILE *fp, enum adm_listfmt fmt, const struct saf_sactab_entry *pm,
    const struct saf_pmtab_entry *e)
{
	char fl[3], spec[2 * SAF_FIELD_MAX + 2];

	saf_pm_flags(e->flags, fl);
	if (fmt == ADM_LONG) {
		(void)fprintf(fp, "%s:%s:%s:%s:%s:%s:%s:%s:%s#%s\n", pm->tag,
		    pm->type, e->svctag, fl, e->id, e->res[0], e->res[1],
		    e->res[2], e->pmspec, e->comment);
		return;
	}
	/* every byte of pmspec gives at most two: spec always has room */
	if (saf_pmspec_display(e->pmspec, spec, sizeof(spec)) < 0)
		spec[0] = '\0';
	(void)fprintf(fp, "%-14s %-14s %-14s %-4s %-8s %s #%s\n", pm->tag,
	    pm->type, e->svctag, fl[0] != '\0' ? fl : "-", e->id, spec,
	    e->comment);
}

/* One line of the status text into v[*n]. */
static int
adm_status_line(const char *p, size_t len, struct saf_status *s)
{
	struct saf_error err;

	if (saf_status_parse(p, len, s, &err) == 0)
		return 0;
	/* flag bits that are neither d nor x: the original's other answer */
	if (err.code == SAF_EBADNUM && err.field != NULL &&
	    strcmp(err.field, "flags") == 0)
		return E_BADARGS;
	return E_SAFERR;
}

int
adm_status_parse(const char *text, size_t len, struct saf_status **v, size_t *n)
{
	size_t pos = 0, cap = 0;
	struct saf_status *a = NULL, *na;
	int rc;

	*n = 0;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t ll;

		if (nl == NULL) /* every line ends in a newline */
			goto bad;
		ll = (size_t)(nl - (text + pos));
		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			if ((na = realloc(a, cap * sizeof(*a))) == NULL)
				goto bad;
			a = na;
		}
		rc = adm_status_line(text + pos, ll, &a[*n]);
		if (rc != 0) {
			free(a);
			return rc;
		}
		(*n)++;
		pos += ll + 1;
	}
	*v = a;
	return 0;
bad:
	free(a);
	return E_SAFERR;
}
