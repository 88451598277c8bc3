/*
 * saf_argv.c - a command of _sactab or _pmtab as an argument vector,
 * split as sac and the listener always did: words separated by blanks
 * (space, tab); a quote (' or ") runs to the same quote not preceded by a
 * backslash, and a backslash before that quote is dropped.  Fixes: text
 * before a quote in the same word is kept (the original dropped it), and
 * the number of arguments is checked (the original's 50 slots were not).
 * Pure: the words are written over the text, in place.
 */
#include "saf_impl.h"

#include <string.h>

/* Copy one word from *sp into *dp; false on an unterminated quote. */
static bool
sac_word(char **sp, char **dp)
{
	char *s = *sp, *d = *dp, q;

	while (*s != '\0' && *s != ' ' && *s != '\t') {
		if (*s != '"' && *s != '\'') {
			*d++ = *s++;
			continue;
		}
		q = *s++;
		while (*s != q) {
			if (*s == '\0')
				return false;
			if (*s == '\\' && s[1] == q)
				s++;
			*d++ = *s++;
		}
		s++; /* the closing quote */
	}
	/* step over the separator before the terminator may overwrite it */
	if (*s != '\0')
		s++;
	*d++ = '\0';
	*sp = s;
	*dp = d;
	return true;
}

int
saf_argv_split(char *buf, char **argv, int max, const char **why)
{
	char *s = buf, *d = buf;
	int n = 0;

	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0')
			break;
		if (n == max) {
			*why = "too many arguments";
			return -1;
		}
		/* the word is written over the text it came from, which is
		 * never shorter */
		argv[n++] = d;
		if (!sac_word(&s, &d)) {
			*why = "non-terminated string";
			return -1;
		}
	}
	argv[n] = NULL;
	return n;
}
