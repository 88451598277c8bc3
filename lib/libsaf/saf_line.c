/*
 * saf_line.c - the line syntax shared by _sactab and _pmtab.
 *
 * From the first '#' to the end of the line is the comment (there is no
 * escape for '#').  Trailing white space is removed from the rest; leading
 * white space is kept, as the original did.  Fields are separated by ':'
 * and may be empty.  "\:" separates nothing when the caller asks for it
 * (the listener's address field); the backslash stays in the field so that
 * a line written back is the line read.  Also here: the checks and copies
 * every field goes through.
 */
#include "saf_impl.h"

#include <limits.h>
#include <string.h>

void
saf_line_trim(const char *line, size_t len, struct saf_line *out)
{
	const char *hash;
	size_t blen;

	if (line != NULL && len > 0 && line[len - 1] == '\n')
		len--;
	hash = memchr(line, '#', len);
	blen = hash != NULL ? (size_t)(hash - line) : len;
	while (blen > 0 && safi_isspace((unsigned char)line[blen - 1]))
		blen--;
	out->body.p = line;
	out->body.len = blen;
	out->body.col = 1;
	if (hash != NULL) {
		out->comment.p = hash + 1;
		out->comment.len = len - (size_t)(hash - line) - 1;
		out->comment.col = (size_t)(hash - line) + 2;
	} else {
		out->comment.p = NULL;
		out->comment.len = 0;
		out->comment.col = 0;
	}
}

size_t
saf_line_split(
    const struct saf_span *body, struct saf_span *f, size_t max, unsigned flags)
{
	size_t i, start = 0, n = 0;

	for (i = 0; i <= body->len; i++) {
		bool end = i == body->len;

		if (!end && (flags & SAF_SPLIT_ESCAPE) && body->p[i] == '\\' &&
		    i + 1 < body->len && body->p[i + 1] == ':') {
			i++;
			continue;
		}
		if (!end && body->p[i] != ':')
			continue;
		if (n < max && (n + 1 < max || end)) {
			f[n].p = body->p + start;
			f[n].len = i - start;
			f[n].col = body->col + start;
		} else if (n + 1 == max && max > 0) {
			/* the last field takes the rest, colons included */
			f[n].p = body->p + start;
			f[n].len = body->len - start;
			f[n].col = body->col + start;
		}
		n++;
		start = i + 1;
	}
	return n;
}

int
saf_tag_check(const char *s, size_t len, size_t max, const char *field,
    struct saf_error *err)
{
	size_t i;

	if (len == 0)
		return safi_err(
		    err, SAF_EEMPTY, 0, 0, field, "empty %s", field);
	if (len > max)
		return safi_err(err, SAF_ETOOLONG, 0, 0, field,
		    "%s longer than %zu characters", field, max);
	for (i = 0; i < len; i++)
		if (!safi_isalnum((unsigned char)s[i]))
			return safi_err(err, SAF_EBADCHAR, 0, i + 1, field,
			    "%s must be alphanumeric", field);
	return 0;
}

int
safi_copy(char *dst, size_t size, const struct saf_span *s, int line,
    const char *field, struct saf_error *err)
{
	if (s->len >= size)
		return safi_err(err, SAF_ETOOLONG, line, s->col, field,
		    "%s longer than %zu characters", field, size - 1);
	if (memchr(s->p, '\0', s->len) != NULL)
		return safi_err(err, SAF_EBADCHAR, line, s->col, field,
		    "NUL byte in %s", field);
	memcpy(dst, s->p, s->len);
	dst[s->len] = '\0';
	return 0;
}

int
safi_number(const struct saf_span *s, long max, long *out, int line,
    const char *field, struct saf_error *err)
{
	long v = 0;
	size_t i;

	if (s->len == 0)
		return safi_err(
		    err, SAF_EBADNUM, line, s->col, field, "empty %s", field);
	for (i = 0; i < s->len; i++) {
		unsigned char c = (unsigned char)s->p[i];

		if (!safi_isdigit(c))
			return safi_err(err, SAF_EBADNUM, line, s->col + i,
			    field, "%s is not a number", field);
		v = v * 10 + (c - '0');
		/* max is at most INT_MAX: v cannot overflow a long first */
		if (v > max)
			return safi_err(err, SAF_EBADNUM, line, s->col, field,
			    "%s larger than %ld", field, max);
	}
	*out = v;
	return 0;
}

int
safi_field_ok(const char *s, const char *bad, bool nocntrl, const char *field,
    struct saf_error *err)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		unsigned char c = (unsigned char)s[i];

		if (strchr(bad, c) != NULL ||
		    (nocntrl && c != '\t' && (c < 0x20 || c == 0x7f)) ||
		    c == '\n')
			return safi_err(err, SAF_EBADCHAR, 0, i + 1, field,
			    "'%c' not allowed in %s",
			    c >= 0x20 && c < 0x7f ? c : '?', field);
	}
	return 0;
}

int
safi_tag(const struct saf_span *s, size_t max, int line, const char *field,
    struct saf_error *err)
{
	if (saf_tag_check(s->p, s->len, max, field, err) == 0)
		return 0;
	if (err != NULL) {
		err->line = line;
		err->column = (int)(s->col +
		    (err->column > 0 ? (size_t)err->column - 1 : 0));
	}
	return -1;
}

int
safi_line_len(const char *line, size_t len, int lineno, struct saf_error *err)
{
	const char *nl;

	if (line != NULL && len > 0 && line[len - 1] == '\n')
		len--;
	if (len > SAF_LINE_MAX)
		return safi_err(err, SAF_ETOOLONG, lineno, SAF_LINE_MAX + 1,
		    NULL, "line longer than %d bytes", SAF_LINE_MAX);
	if (line != NULL && (nl = memchr(line, '\n', len)) != NULL)
		return safi_err(err, SAF_EBADCHAR, lineno,
		    (size_t)(nl - line) + 1, NULL, "newline inside a line");
	return 0;
}

int
safi_flags(const struct saf_span *s, int line, const char *field,
    const char *letters, const unsigned *bits, unsigned *flags,
    struct saf_error *err)
{
	size_t i;

	*flags = 0;
	for (i = 0; i < s->len; i++) {
		const char *l =
		    s->p[i] != '\0' ? strchr(letters, s->p[i]) : NULL;

		if (l == NULL)
			return safi_err(err, SAF_EBADFLAG, line, s->col + i,
			    field, "Unrecognized flag <%c>",
			    s->p[i] >= 0x20 && s->p[i] < 0x7f ? s->p[i] : '?');
		*flags |= bits[l - letters];
	}
	return 0;
}

const char *
safi_flag_letters(
    unsigned flags, const char *letters, const unsigned *bits, char *buf)
{
	char *p = buf;
	unsigned done = 0;
	size_t i;

	for (i = 0; letters[i] != '\0'; i++)
		if ((flags & bits[i]) && !(done & bits[i])) {
			*p++ = letters[i];
			done |= bits[i];
		}
	*p = '\0';
	return buf;
}

int
safi_printed(int n, size_t size, struct saf_error *err)
{
	if (n < 0 || (size_t)n >= size)
		return safi_err(err, SAF_ETOOLONG, 0, 0, NULL,
		    "line does not fit in %zu bytes", size);
	return n;
}

ssize_t
safi_table_line(const char *line, size_t len, int lineno, struct saf_span *f,
    size_t max, char *comment, size_t csize, struct saf_error *err)
{
	struct saf_line l;

	if (safi_line_len(line, len, lineno, err) < 0)
		return -1;
	saf_line_trim(line, len, &l);
	if (l.body.len == 0)
		return 0;
	if (l.comment.p != NULL &&
	    safi_copy(comment, csize, &l.comment, lineno, "comment", err) < 0)
		return -1;
	return (ssize_t)saf_line_split(&l.body, f, max, 0);
}
