/*
 * saf_version.c - "# VERSION=" lines and check_version(3).
 *
 * A table declares its format version on a line that starts exactly with
 * "# VERSION=" (any line, the first such counts).  The number is read as
 * atoi(3) would: leading blanks skipped, trailing junk ignored, so
 * "# VERSION= 1x" is version 1 and "# VERSION=" followed by a newline is
 * version 0; only a "# VERSION=" at the very end of the file, with nothing
 * after it, counts as no version.  Lines are read whole, however long.
 */
#include "saf_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SAF_PREFIX_LEN (sizeof(SAF_VERSION_PREFIX) - 1)

/* atoi(3) of s[0..len) without its undefined overflow: clamped. */
static int
saf_atoi(const char *s, size_t len)
{
	size_t i = 0;
	long long v = 0;
	bool neg = false;

	while (i < len && safi_isspace((unsigned char)s[i]))
		i++;
	if (i < len && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	for (; i < len && safi_isdigit((unsigned char)s[i]); i++)
		if (v <= INT_MAX)
			v = v * 10 + (s[i] - '0');
	if (v > INT_MAX)
		v = neg ? (long long)INT_MAX + 1 : INT_MAX;
	return (int)(neg ? -v : v);
}

int
saf_version_find(const char *buf, size_t len, int *ver)
{
	size_t pos = 0;

	while (pos < len) {
		const char *line = buf + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t llen = nl != NULL ? (size_t)(nl - line) : len - pos;

		if (llen >= SAF_PREFIX_LEN &&
		    memcmp(line, SAF_VERSION_PREFIX, SAF_PREFIX_LEN) == 0) {
			/* nothing at all after '=': not a version */
			if (nl == NULL && llen == SAF_PREFIX_LEN)
				return -1;
			*ver = saf_atoi(
			    line + SAF_PREFIX_LEN, llen - SAF_PREFIX_LEN);
			return 0;
		}
		pos += llen + 1;
	}
	return -1;
}

int
saf_check_version_buf(int ver, const char *buf, size_t len)
{
	int v;

	if (saf_version_find(buf, len, &v) < 0)
		return 3;
	return v == ver ? 0 : 1;
}

int
saf_version_line(int ver, char *buf, size_t size)
{
	int n = snprintf(buf, size, SAF_VERSION_PREFIX "%d\n", ver);

	if (n < 0 || (size_t)n >= size) {
		errno = ERANGE;
		return -1;
	}
	return n;
}

int
check_version(int ver, char *fname)
{
	FILE *fp;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = 3, v;

	fp = fopen(fname, "re");
	if (fp == NULL)
		return 2;
	while ((n = getline(&line, &cap, fp)) > 0) {
		if ((size_t)n < SAF_PREFIX_LEN ||
		    memcmp(line, SAF_VERSION_PREFIX, SAF_PREFIX_LEN) != 0)
			continue;
		if (saf_version_find(line, (size_t)n, &v) == 0)
			rc = v == ver ? 0 : 1;
		break;
	}
	free(line);
	fclose(fp);
	return rc;
}
