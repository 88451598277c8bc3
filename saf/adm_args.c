/*
 * adm_args.c - the checks sacadm and pmadm make on option values.
 *
 * Tags and types are cut to their table width with a warning (scripts
 * rely on that), then must be letters and digits: they become directory
 * names under SAF_ETC, so an empty one is refused too (the original took
 * "-p ''" and worked on SAF_ETC itself).  Numbers are read as atoi(3)
 * read them, without its overflow.  No locale: the C character classes.
 * The option loop itself is shared too: each command brings its own
 * letters and values in a struct adm_cmdspec.
 */
#include "config.h"

#include "adm.h"

#include <limits.h>
#include <string.h>
#include <unistd.h>

static bool
adm_isalnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

enum adm_name_status
adm_name_check(char *s, size_t max, bool *cut)
{
	size_t i;

	*cut = false;
	if (strchr(s, '\n') != NULL)
		return ADM_NAME_NEWLINE;
	if (strlen(s) > max) {
		s[max] = '\0';
		*cut = true;
	}
	if (s[0] == '\0')
		return ADM_NAME_NOTALNUM;
	for (i = 0; s[i] != '\0'; i++)
		if (!adm_isalnum((unsigned char)s[i]))
			return ADM_NAME_NOTALNUM;
	return ADM_NAME_OK;
}

void
adm_opt_name(char *s, enum adm_name_kind kind)
{
	static const struct {
		size_t max;
		const char *word;  /* in "... too long, truncated to <>" */
		const char *whole; /* in "... must be alphanumeric" */
	} k[] = {
		[ADM_PMTAG] = { SAF_PMTAG_MAX, "tag", "port monitor tag" },
		[ADM_PMTYPE] = { SAF_PMTYPE_MAX, "type", "port monitor type" },
		[ADM_SVCTAG] = { SAF_SVCTAG_MAX, "svctag", "service tag" },
	};
	enum adm_name_status st;
	bool cut;

	st = adm_name_check(s, k[kind].max, &cut);
	if (st == ADM_NAME_NEWLINE)
		adm_die(E_BADARGS, MSG_NEWLINE);
	if (cut)
		adm_msg(MSG_TRUNCATED, k[kind].word, s);
	if (st == ADM_NAME_NOTALNUM)
		adm_die(E_BADARGS, MSG_NOTALNUM, k[kind].whole);
}

void
adm_opt_nonl(const char *s)
{
	if (strchr(s, '\n') != NULL)
		adm_die(E_BADARGS, MSG_NEWLINE);
}

void
adm_flags_parse(const char *arg, const char *letters, unsigned *mask,
    char *bad, size_t badsize)
{
	size_t nbad = strlen(bad);
	const char *l;

	for (; *arg != '\0'; arg++) {
		l = strchr(letters, *arg);
		if (l != NULL)
			*mask |= 1u << (l - letters);
		else if (nbad + 1 < badsize)
			bad[nbad++] = *arg;
	}
	bad[nbad] = '\0';
}

int
adm_atoi(const char *s)
{
	long long v = 0;
	bool neg = false;

	while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		s++;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; *s >= '0' && *s <= '9'; s++)
		if (v <= INT_MAX)
			v = v * 10 + (*s - '0');
	if (v > INT_MAX)
		v = neg ? (long long)INT_MAX + 1 : INT_MAX;
	return (int)(neg ? -v : v);
}

void
adm_usage_of(const struct adm_opts *o)
{
	adm_usage(o->prog, o->spec->usage, o->spec->nusage);
}

void
adm_need_root(void)
{
	if (getuid() != 0)
		adm_die(E_NOPRIV, MSG_NOPRIV);
}

/* A letter that only selects an operation. */
static bool
adm_opt_op(struct adm_opts *o, int c, char *arg)
{
	const char *l = c != '\0' ? strchr(o->spec->oplet, c) : NULL;

	if (l == NULL)
		return o->spec->own(o, c, arg);
	o->ops |= o->spec->opbits[l - o->spec->oplet];
	if (c == 'a')
		o->saw_a = true;
	return true;
}

/* The options both commands have; false for an unknown option. */
static bool
adm_opt(struct adm_opts *o, int c, char *arg)
{
	switch (c) {
	case 'f':
		o->ops |= o->spec->add;
		adm_flags_parse(arg, o->spec->flagletters, &o->flags,
		    o->badflags, sizeof(o->badflags));
		return true;
	case 'p':
		adm_opt_name(arg, ADM_PMTAG);
		o->tag = arg;
		return true;
	case 't':
		adm_opt_name(arg, ADM_PMTYPE);
		o->type = arg;
		return true;
	case 'v':
		o->ops |= o->spec->add;
		if ((o->version = adm_atoi(arg)) < 0)
			adm_die(E_BADARGS, MSG_NEGVERSION);
		return true;
	case 'y':
		o->ops |= o->spec->add;
		adm_opt_nonl(arg);
		o->comment = arg;
		return true;
	case 'z':
		adm_opt_nonl(arg);
		o->script = arg;
		return true;
	default:
		return adm_opt_op(o, c, arg);
	}
}

void
adm_options(int argc, char **argv, const struct adm_cmdspec *spec,
    struct adm_opts *o)
{
	int c;

	memset(o, 0, sizeof(*o));
	o->spec = spec;
	o->prog = argv[0];
	o->version = -1;
	o->comment = " ";
	/* getopt's own message would come before the usage text */
	opterr = 0;
	if (argc == 1)
		adm_usage_of(o);
	while ((c = getopt(argc, argv, spec->optstring)) != -1)
		if (!adm_opt(o, c, optarg))
			adm_usage_of(o);
	if (optind < argc)
		adm_usage_of(o);
	if (o->badflags[0] != '\0')
		adm_die(E_BADARGS, MSG_BADFLAGS, o->badflags);
}
