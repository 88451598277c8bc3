/*
 * saf_sactab.c - lines of _sactab, the port monitor table of sac.
 *
 *   tag:type:flags:restart_count:command<TAB>#comment
 *
 * The parser is strict where the original was silent: a tag or type
 * longer than 14 characters is an error (it was truncated), so is an
 * unknown flag letter (sac logged it and went on), a restart count that is
 * not a number (atoi read it as 0), and a ':' in the command (it cut the
 * command short).  Tags and types are letters and digits, as sacadm
 * demands, so that a tag is always a safe directory name.  The writer
 * produces the original's line byte for byte.
 */
#include "saf_impl.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#define SAF_SACTAB_FIELDS 5

/* The flag letters in the order they are written. */
static const char saf_sac_letters[] = "dx";
static const unsigned saf_sac_bits[] = { SAF_SAC_DFLAG, SAF_SAC_XFLAG };

const char *
saf_sac_flags(unsigned flags, char *buf)
{
	return safi_flag_letters(flags, saf_sac_letters, saf_sac_bits, buf);
}

static int
saf_sactab_fields(const struct saf_span *f, int line,
    struct saf_sactab_entry *e, struct saf_error *err)
{
	long n;

	if (safi_tag(&f[0], SAF_PMTAG_MAX, line, "tag", err) < 0 ||
	    safi_copy(e->tag, sizeof(e->tag), &f[0], line, "tag", err) < 0 ||
	    safi_tag(&f[1], SAF_PMTYPE_MAX, line, "type", err) < 0 ||
	    safi_copy(e->type, sizeof(e->type), &f[1], line, "type", err) < 0 ||
	    safi_flags(&f[2], line, "flags", saf_sac_letters, saf_sac_bits,
		&e->flags, err) < 0 ||
	    safi_number(&f[3], INT_MAX, &n, line, "restart count", err) < 0)
		return -1;
	e->rcount = (int)n;
	if (f[4].len == 0)
		return safi_err(err, SAF_EEMPTY, line, f[4].col, "command",
		    "empty command");
	return safi_copy(
	    e->command, sizeof(e->command), &f[4], line, "command", err);
}

int
saf_sactab_parse(const char *line, size_t len, int lineno,
    struct saf_sactab_entry *e, struct saf_error *err)
{
	struct saf_span f[SAF_SACTAB_FIELDS + 1];
	ssize_t n;

	memset(e, 0, sizeof(*e));
	n = safi_table_line(line, len, lineno, f, SAF_SACTAB_FIELDS + 1,
	    e->comment, sizeof(e->comment), err);
	if (n <= 0)
		return (int)n;
	if (n < SAF_SACTAB_FIELDS)
		return safi_err(err, SAF_ECORRUPT, lineno, 0, NULL,
		    "_sactab file is corrupt: %zd fields, 5 expected", n);
	if (n > SAF_SACTAB_FIELDS)
		return safi_err(err, SAF_EBADCHAR, lineno, f[5].col - 1,
		    "command", "':' in command");
	return saf_sactab_fields(f, lineno, e, err) < 0 ? -1 : 1;
}

/* The line, newline included, as snprintf(3) makes it. */
static int
saf_sactab_print(const struct saf_sactab_entry *e, char *buf, size_t size)
{
	char fl[3];

	return snprintf(buf, size, "%s:%s:%s:%d:%s\t#%s\n", e->tag, e->type,
	    saf_sac_flags(e->flags, fl), e->rcount, e->command, e->comment);
}

int
saf_sactab_check(const struct saf_sactab_entry *e, struct saf_error *err)
{
	size_t clen = strnlen(e->command, sizeof(e->command));

	if (saf_tag_check(e->tag, strnlen(e->tag, sizeof(e->tag)),
		SAF_PMTAG_MAX, "tag", err) < 0 ||
	    saf_tag_check(e->type, strnlen(e->type, sizeof(e->type)),
		SAF_PMTYPE_MAX, "type", err) < 0)
		return -1;
	if (e->flags & ~(unsigned)(SAF_SAC_DFLAG | SAF_SAC_XFLAG))
		return safi_err(err, SAF_EBADFLAG, 0, 0, "flags",
		    "unknown flag bits %#x", e->flags);
	if (e->rcount < 0)
		return safi_err(err, SAF_EBADNUM, 0, 0, "restart count",
		    "restart count can not be negative");
	if (clen == 0 || clen == sizeof(e->command))
		return safi_err(err, clen ? SAF_ETOOLONG : SAF_EEMPTY, 0, 0,
		    "command", "bad command length");
	if (safi_isspace((unsigned char)e->command[clen - 1]))
		return safi_err(err, SAF_EBADCHAR, 0, clen, "command",
		    "trailing white space in command");
	if (safi_field_ok(e->command, ":#", true, "command", err) < 0)
		return -1;
	if (strnlen(e->comment, sizeof(e->comment)) == sizeof(e->comment))
		return safi_err(err, SAF_ETOOLONG, 0, 0, "comment",
		    "comment not terminated");
	if (safi_field_ok(e->comment, "", false, "comment", err) < 0)
		return -1;
	/* the line, its newline excepted */
	return safi_line_len(
	    NULL, (size_t)saf_sactab_print(e, NULL, 0) - 1, 0, err);
}

int
saf_sactab_format(const struct saf_sactab_entry *e, char *buf, size_t size,
    struct saf_error *err)
{
	if (saf_sactab_check(e, err) < 0)
		return -1;
	return safi_printed(saf_sactab_print(e, buf, size), size, err);
}
