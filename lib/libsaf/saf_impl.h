/*
 * saf_impl.h - libsaf internals shared by its modules: setting a struct
 * saf_error, character classes of the table syntax, bounded field copies.
 * Nothing here is exported (libsaf.map keeps saf_* and check_version).
 */
#ifndef LISTEN_SAF_IMPL_H
#define LISTEN_SAF_IMPL_H

#include "config.h"

#include "saf.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define SAFI_HIDDEN __attribute__((visibility("hidden")))

/* Fill *err (if not NULL) and return -1. */
SAFI_HIDDEN int safi_err(struct saf_error *err, int code, int line, size_t col,
    const char *field, const char *fmt, ...) SAF_PRINTF(6, 7);
/* SAF_ESYS with errno; returns -1 and leaves errno as it was. */
SAFI_HIDDEN int safi_syserr(
    struct saf_error *err, const char *what, const char *path);

/* White space as the C locale's isspace, without the locale. */
static inline bool
safi_isspace(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static inline bool
safi_isalnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

static inline bool
safi_isdigit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Copy a span into dst[size] as a string; an error naming field if it does
   not fit or holds a NUL. */
SAFI_HIDDEN int safi_copy(char *dst, size_t size, const struct saf_span *s,
    int line, const char *field, struct saf_error *err);
/* A line (its newline excepted) of at most SAF_LINE_MAX bytes; line may be
   NULL to check a length alone. */
SAFI_HIDDEN int safi_line_len(
    const char *line, size_t len, int lineno, struct saf_error *err);
/* A table line checked, trimmed and split into at most max fields, its
   comment copied into comment[csize]: the number of fields (which may
   exceed max), 0 for a line without any, or -1 and *err. */
SAFI_HIDDEN ssize_t safi_table_line(const char *line, size_t len, int lineno,
    struct saf_span *f, size_t max, char *comment, size_t csize,
    struct saf_error *err);
/* saf_tag_check of a span of line: the error gets the line and column. */
SAFI_HIDDEN int safi_tag(const struct saf_span *s, size_t max, int line,
    const char *field, struct saf_error *err);
/* A non-negative decimal number of at most max: 0, or -1 and *err. */
SAFI_HIDDEN int safi_number(const struct saf_span *s, long max, long *out,
    int line, const char *field, struct saf_error *err);
/* A string must hold none of the bytes in bad (and no control byte other
   than tab when nocntrl): 0, or -1 and *err naming field. */
SAFI_HIDDEN int safi_field_ok(const char *s, const char *bad, bool nocntrl,
    const char *field, struct saf_error *err);
/* Flag letters: letters[i] sets bits[i]; any other letter is an error
   naming field at its column. */
SAFI_HIDDEN int safi_flags(const struct saf_span *s, int line,
    const char *field, const char *letters, const unsigned *bits,
    unsigned *flags, struct saf_error *err);
/* The letters of flags, in the order of letters, into buf. */
SAFI_HIDDEN const char *safi_flag_letters(
    unsigned flags, const char *letters, const unsigned *bits, char *buf);
/* The result n of snprintf into size bytes: n, or -1 and *err if it was
   cut. */
SAFI_HIDDEN int safi_printed(int n, size_t size, struct saf_error *err);
/* Append text to a growing buffer. */
struct safi_buf {
	char *p;
	size_t len, cap;
};
SAFI_HIDDEN int safi_buf_add(struct safi_buf *b, const char *s, size_t len);

#endif /* LISTEN_SAF_IMPL_H */
