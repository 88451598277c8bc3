/*
 * nls_opts.c - nlsadmin's command line into a mode (pure: getopt over
 * argv, no output, no files).
 *
 * Each option is checked, as it comes, against the options given before
 * it: a pair the usage text does not allow together is "Inconsistent
 * options".  The table of pairs is symmetric, so the order of the options
 * no longer matters (the original let "-D -A" through, and the listener
 * then dropped the service).  -m (SVR3.2, no effect) and -N (the operand)
 * go with everything.  Then the mode: -x, -V and the -c/-o formatter take
 * no netspec, every other mode needs one.
 */
#include "config.h"

#include "nlsadmin.h"

#include <limits.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

#define NLS_OPTSTRING "+:a:c:d:e:ikl:mo:p:qr:st:vw:xy:z:A:N:VDR:C"
#define NLS_LETTERS   "acdeiklmopqrstvwxyzANVDRC"

/* The options each option may be given with (besides itself, -m, -N). */
static const struct {
	char opt;
	const char *with;
} nls_pairs[] = {
	{ 'a', "cypw" }, /* -a svc -c cmd -y cmt [-p mods] [-w id] */
	{ 'c', "aypwADR" }, { 'y', "acpw" }, { 'w', "acyp" },
	{ 'p', "acywoADR" },
	{ 'o', "pADR" }, /* -c cmd | -o path [-p] [-A addr | -D] [-R] */
	{ 'A', "copR" }, { 'D', "copR" }, { 'R', "copAD" }, { 'q', "z" },
	{ 'z', "q" },               /* [-q] -z svc */
	{ 'l', "t" }, { 't', "l" }, /* [-l addr|-] [-t addr|-] */
	{ 'd', "" }, { 'e', "" }, { 'i', "" }, { 'k', "" }, { 'r', "" },
	{ 's', "" }, { 'v', "" }, { 'x', "" }, { 'V', "" },
	{ 'C', "" }, /* ours: -C netspec, the listener's counters */
};

unsigned long
nls_optbit(int c)
{
	const char *p = c != '\0' ? strchr(NLS_LETTERS, c) : NULL;

	return p != NULL ? 1UL << (p - NLS_LETTERS) : 0;
}

#define B(c) nls_optbit(c)

bool
nls_opt_compatible(int a, int b)
{
	size_t i;

	if (a == b || a == 'm' || a == 'N' || b == 'm' || b == 'N')
		return true;
	for (i = 0; i < sizeof(nls_pairs) / sizeof(nls_pairs[0]); i++)
		if (nls_pairs[i].opt == a)
			return strchr(nls_pairs[i].with, b) != NULL;
	return false;
}

/* May c come after the options in seen? */
static bool
nls_opt_fits(unsigned long seen, int c)
{
	const char *p;

	for (p = NLS_LETTERS; *p != '\0'; p++)
		if ((seen & B(*p)) && !nls_opt_compatible(*p, c))
			return false;
	return true;
}

bool
nls_svc_ok(const char *code)
{
	size_t n = strlen(code);

	return n > 0 && n < NLS_SVCCODE_SZ;
}

/* Decimal digits, at most INT_MAX. */
static int
nls_number(const char *s, size_t len, long *v)
{
	size_t i;

	*v = 0;
	if (len == 0)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
		if (*v > INT_MAX)
			return -1;
	}
	return 0;
}

int
nls_rpc_parse(const char *s, long *prog, long *vers)
{
	const char *colon = strchr(s, ':');

	if (colon == NULL || nls_number(s, (size_t)(colon - s), prog) < 0 ||
	    nls_number(colon + 1, strlen(colon + 1), vers) < 0) {
		*prog = *vers = -1;
		return -1;
	}
	return 0;
}

/* The options whose value is kept as given, and where. */
static const struct {
	char opt;
	size_t off;
} nls_values[] = {
	{ 'a', offsetof(struct nls_opts, svc) },
	{ 'd', offsetof(struct nls_opts, svc) },
	{ 'e', offsetof(struct nls_opts, svc) },
	{ 'r', offsetof(struct nls_opts, svc) },
	{ 'z', offsetof(struct nls_opts, svc) },
	{ 'c', offsetof(struct nls_opts, cmd) },
	{ 'o', offsetof(struct nls_opts, pipe) },
	{ 'y', offsetof(struct nls_opts, comment) },
	{ 'p', offsetof(struct nls_opts, modules) },
	{ 'w', offsetof(struct nls_opts, id) },
	{ 'A', offsetof(struct nls_opts, addr) },
	{ 'l', offsetof(struct nls_opts, laddr) },
	{ 't', offsetof(struct nls_opts, taddr) },
};

/* The value of option c. */
static enum nls_parse_status
nls_opt_value(struct nls_opts *o, int c, const char *arg)
{
	size_t i;

	for (i = 0; i < sizeof(nls_values) / sizeof(nls_values[0]); i++)
		if (nls_values[i].opt == c)
			*(const char **)((char *)o + nls_values[i].off) = arg;
	switch (c) {
	case 'a':
	case 'd':
	case 'e':
	case 'r':
	case 'z':
		return nls_svc_ok(arg) ? NLS_P_OK : NLS_P_SVCCODE;
	case 'q':
		o->quiet = true;
		break;
	case 'D':
		o->dynamic = true;
		break;
	case 'N':
		if (o->netspec != NULL)
			return NLS_P_USAGE;
		o->netspec = arg;
		break;
	case 'R':
		if (nls_rpc_parse(arg, &o->prog, &o->vers) < 0)
			return NLS_P_USAGE;
		break;
	default: /* the others have no value, or kept it above */
		break;
	}
	return NLS_P_OK;
}

/* -a: it needs -c (or the SVR3.2 -m), then -c's command, -y, a netspec. */
static enum nls_parse_status
nls_mode_add(struct nls_opts *o)
{
	o->mode = NLS_M_ADD;
	if (!(o->seen & (B('c') | B('m'))))
		return NLS_P_INCONSISTENT;
	if (o->cmd == NULL || o->comment == NULL || o->netspec == NULL)
		return NLS_P_MISSING;
	return NLS_P_OK;
}

/* The modes that act on a netspec, by their option. */
static const struct {
	char opt;
	enum nls_mode mode;
} nls_actions[] = {
	{ 'i', NLS_M_INIT },
	{ 's', NLS_M_START },
	{ 'k', NLS_M_KILL },
	{ 'v', NLS_M_VERBOSE },
	{ 'e', NLS_M_ENABLE },
	{ 'd', NLS_M_DISABLE },
	{ 'r', NLS_M_REMOVE },
	{ 'z', NLS_M_SVC },
	{ 'l', NLS_M_ADDR },
	{ 't', NLS_M_ADDR },
	{ 'C', NLS_M_COUNTERS },
};

static enum nls_parse_status
nls_mode(struct nls_opts *o)
{
	const unsigned long modifiers =
	    B('p') | B('y') | B('w') | B('A') | B('D') | B('R');
	enum nls_parse_status needs_net =
	    o->netspec != NULL ? NLS_P_OK : NLS_P_USAGE;
	size_t i;

	if (o->seen & (B('x') | B('V'))) {
		o->mode = (o->seen & B('x')) ? NLS_M_LISTALL : NLS_M_VERSION;
		return o->netspec != NULL ? NLS_P_USAGE : NLS_P_OK;
	}
	if (o->seen & B('a'))
		return nls_mode_add(o);
	if (o->seen & (B('c') | B('o'))) {
		o->mode = NLS_M_FORMAT;
		if (o->seen & (B('y') | B('w')))
			return NLS_P_INCONSISTENT;
		return o->netspec != NULL ? NLS_P_USAGE : NLS_P_OK;
	}
	if (o->seen & modifiers)
		return NLS_P_INCONSISTENT;
	o->mode = NLS_M_STATUS;
	for (i = 0; i < sizeof(nls_actions) / sizeof(nls_actions[0]); i++)
		if (o->seen & B(nls_actions[i].opt)) {
			o->mode = nls_actions[i].mode;
			break;
		}
	return needs_net;
}

static void
nls_opts_init(struct nls_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->mode = NLS_M_NONE;
	o->modules = "";
	o->id = NLS_DEFAULTID;
	o->prog = o->vers = -1;
}

enum nls_parse_status
nls_parse(int argc, char **argv, struct nls_opts *o)
{
	enum nls_parse_status st;
	int c;

	nls_opts_init(o);
	optind = 0; /* a fresh scan (GNU getopt) */
	opterr = 0;
	while ((c = getopt(argc, argv, NLS_OPTSTRING)) != -1) {
		if (c == '?' || c == ':')
			return NLS_P_USAGE;
		if (!nls_opt_fits(o->seen, c))
			return NLS_P_INCONSISTENT;
		o->seen |= B(c);
		if ((st = nls_opt_value(o, c, optarg)) != NLS_P_OK)
			return st;
	}
	if (argc - optind > 1 || (argc - optind == 1 && o->netspec != NULL))
		return NLS_P_USAGE;
	if (argc - optind == 1)
		o->netspec = argv[optind];
	return nls_mode(o);
}

bool
nls_needs_root(const struct nls_opts *o)
{
	switch (o->mode) {
	case NLS_M_INIT:
	case NLS_M_ADD:
	case NLS_M_REMOVE:
	case NLS_M_ENABLE:
	case NLS_M_DISABLE:
	case NLS_M_START:
	case NLS_M_KILL:
		return true;
	case NLS_M_FORMAT: /* the original wanted root for -o (only) */
		return o->pipe != NULL;
	case NLS_M_ADDR: /* to change an address, not to read it */
		return (o->laddr != NULL && strcmp(o->laddr, "-") != 0) ||
		    (o->taddr != NULL && strcmp(o->taddr, "-") != 0);
	default:
		return false;
	}
}
