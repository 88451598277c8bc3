/*
 * saf_pmtab.c - lines of _pmtab, a port monitor's service table.
 *
 *   svctag:flags:id:reserved:reserved:reserved:pmspecific#comment
 *
 * The columns every port monitor shares, then the listener's own part
 * (database version 4):
 *
 *   addr:rpcinfo:lflags:modules:command
 *
 * Differences from the original, all toward a clear error: an unknown flag
 * letter is an error (pmadm's rule; the listener used to run such a
 * service enabled), so is an unknown lflag (it was logged and ignored),
 * rpcinfo must be "prog,vers" with both numbers, and 'd' with a static
 * address is an error (the service was silently skipped).  "\:" in the
 * address field is an escaped colon (the readable address forms).
 * Service tags may have 14 characters as pmadm allows; that only 13 are
 * reachable through an NLPS request is the listener's business.
 */
#include "saf_impl.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#define SAF_PMTAB_FIELDS 7 /* the shared columns, pmspecific last */

/* The flag letters in the order they are written; 'X' is read as 'x'. */
static const char saf_pm_letters[] = "uxX";
static const unsigned saf_pm_bits[] = { SAF_PM_UFLAG, SAF_PM_XFLAG,
	SAF_PM_XFLAG };

const char *
saf_pm_flags(unsigned flags, char *buf)
{
	return safi_flag_letters(flags, saf_pm_letters, saf_pm_bits, buf);
}

void
saf_pmtab_entry_init(struct saf_pmtab_entry *e)
{
	int i;

	memset(e, 0, sizeof(*e));
	for (i = 0; i < 3; i++)
		memcpy(e->res[i], SAF_RESERVED, sizeof(SAF_RESERVED));
}

static int
saf_pmtab_fields(const struct saf_span *f, int line, struct saf_pmtab_entry *e,
    struct saf_error *err)
{
	static const char *const resname[3] = { "reserved1", "reserved2",
		"reserved3" };
	int i;

	if (safi_tag(&f[0], SAF_SVCTAG_MAX, line, "svctag", err) < 0 ||
	    safi_copy(
		e->svctag, sizeof(e->svctag), &f[0], line, "svctag", err) < 0 ||
	    safi_flags(&f[1], line, "flags", saf_pm_letters, saf_pm_bits,
		&e->flags, err) < 0 ||
	    safi_copy(e->id, sizeof(e->id), &f[2], line, "id", err) < 0)
		return -1;
	for (i = 0; i < 3; i++)
		if (safi_copy(e->res[i], sizeof(e->res[i]), &f[3 + i], line,
			resname[i], err) < 0)
			return -1;
	e->pmspec_col = f[6].col;
	return safi_copy(
	    e->pmspec, sizeof(e->pmspec), &f[6], line, "pmspecific", err);
}

int
saf_pmtab_parse(const char *line, size_t len, int lineno,
    struct saf_pmtab_entry *e, struct saf_error *err)
{
	struct saf_span f[SAF_PMTAB_FIELDS];
	ssize_t n;

	memset(e, 0, sizeof(*e));
	n = safi_table_line(line, len, lineno, f, SAF_PMTAB_FIELDS, e->comment,
	    sizeof(e->comment), err);
	if (n <= 0)
		return (int)n;
	if (n < SAF_PMTAB_FIELDS)
		return safi_err(err, SAF_ECORRUPT, lineno, 0, NULL,
		    "_pmtab is corrupt: %zd fields, at least 7 expected", n);
	return saf_pmtab_fields(f, lineno, e, err) < 0 ? -1 : 1;
}

/* A string field of size bytes that must be terminated. */
static int
saf_terminated(
    const char *s, size_t size, const char *field, struct saf_error *err)
{
	if (strnlen(s, size) == size)
		return safi_err(
		    err, SAF_ETOOLONG, 0, 0, field, "%s not terminated", field);
	return 0;
}

static int
saf_pmtab_check_text(const struct saf_pmtab_entry *e, struct saf_error *err)
{
	size_t plen;
	int i;

	if (saf_terminated(e->id, sizeof(e->id), "id", err) < 0 ||
	    safi_field_ok(e->id, ":#", true, "id", err) < 0)
		return -1;
	for (i = 0; i < 3; i++)
		if (saf_terminated(
			e->res[i], sizeof(e->res[i]), "reserved", err) < 0 ||
		    safi_field_ok(e->res[i], ":#", true, "reserved", err) < 0)
			return -1;
	if (saf_terminated(e->pmspec, sizeof(e->pmspec), "pmspecific", err) <
		0 ||
	    safi_field_ok(e->pmspec, "#", true, "pmspecific", err) < 0 ||
	    saf_terminated(e->comment, sizeof(e->comment), "comment", err) <
		0 ||
	    safi_field_ok(e->comment, "", false, "comment", err) < 0)
		return -1;
	plen = strlen(e->pmspec);
	if (plen > 0 && safi_isspace((unsigned char)e->pmspec[plen - 1]))
		return safi_err(err, SAF_EBADCHAR, 0, plen, "pmspecific",
		    "trailing white space in pmspecific");
	return 0;
}

/* The line, newline included, as snprintf(3) makes it. */
static int
saf_pmtab_print(const struct saf_pmtab_entry *e, char *buf, size_t size)
{
	char fl[3];

	return snprintf(buf, size, "%s:%s:%s:%s:%s:%s:%s#%s\n", e->svctag,
	    saf_pm_flags(e->flags, fl), e->id, e->res[0], e->res[1], e->res[2],
	    e->pmspec, e->comment);
}

int
saf_pmtab_check(const struct saf_pmtab_entry *e, struct saf_error *err)
{

	if (saf_tag_check(e->svctag, strnlen(e->svctag, sizeof(e->svctag)),
		SAF_SVCTAG_MAX, "svctag", err) < 0)
		return -1;
	if (e->flags & ~(unsigned)(SAF_PM_UFLAG | SAF_PM_XFLAG))
		return safi_err(err, SAF_EBADFLAG, 0, 0, "flags",
		    "unknown flag bits %#x", e->flags);
	if (saf_pmtab_check_text(e, err) < 0)
		return -1;
	/* the line, its newline excepted */
	return safi_line_len(
	    NULL, (size_t)saf_pmtab_print(e, NULL, 0) - 1, 0, err);
}

int
saf_pmtab_format(const struct saf_pmtab_entry *e, char *buf, size_t size,
    struct saf_error *err)
{
	if (saf_pmtab_check(e, err) < 0)
		return -1;
	return safi_printed(saf_pmtab_print(e, buf, size), size, err);
}

int
saf_pmspec_display(const char *pmspec, char *buf, size_t size)
{
	size_t o = 0;
	bool start = true;

	for (; *pmspec != '\0'; pmspec++) {
		char c[2];
		size_t k = 0;

		if (pmspec[0] == '\\' && pmspec[1] == ':') {
			c[k++] = ':';
			pmspec++;
			start = false;
		} else if (*pmspec == ':') {
			if (start)
				c[k++] = '-';
			c[k++] = ' ';
			start = true;
		} else {
			c[k++] = *pmspec;
			start = false;
		}
		if (o + k >= size) {
			errno = ERANGE;
			return -1;
		}
		memcpy(buf + o, c, k);
		o += k;
	}
	if (o >= size) {
		errno = ERANGE;
		return -1;
	}
	buf[o] = '\0';
	return (int)o;
}
