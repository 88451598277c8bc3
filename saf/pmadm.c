/*
 * pmadm - administer the services of the SAF port monitors.
 *
 *   pmadm -a [-p pmtag | -t type] -s svctag -i id -m "pmspecific"
 *         -v version [-f xu] [-y comment] [-z script]
 *   pmadm -r|-e|-d -p pmtag -s svctag
 *   pmadm -l|-L [-p pmtag | -t type] [-s svctag]
 *   pmadm -g -p pmtag -s svctag [-z script]
 *   pmadm -g -s svctag -t type -z script
 *
 * Options, checks, messages, outputs and exit codes are SVR4's (reference
 * §6).  Changes: the monitor is told to re-read its table with AC_PMREAD
 * sent by this command (the original ran "sacadm -x -p tag"); tables are
 * rewritten atomically, keep their mode and are changed by one command at
 * a time; a script that is not a regular file is an error.
 */
#include "config.h"

#include "adm.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum pmadm_op {
	OP_ADD = 0x1,
	OP_REMOVE = 0x2,
	OP_ENABLE = 0x4,
	OP_DISABLE = 0x8,
	OP_PLIST = 0x10, /* -l */
	OP_LIST = 0x20,  /* -L */
	OP_CONFIG = 0x40 /* -g */
};

/* The monitors an operation works on, in reverse _sactab order. */
struct pmadm_targets {
	struct saf_sactab tab;
	const struct saf_sactab_entry **v;
	size_t n;
};

static const unsigned pmadm_opbits[] = { OP_ADD, OP_DISABLE, OP_ENABLE,
	OP_PLIST, OP_LIST, OP_CONFIG, OP_REMOVE };

static const char *const pmadm_usage_lines[] = {
	"-a [ -p pmtag | -t type ] -s svctag -i id -m \"pmspecific\"\n"
	"\t\t-v version [ -f xu ] [ -y comment ] [ -z script]",
	"-r -p pmtag -s svctag",
	"-e -p pmtag -s svctag",
	"-d -p pmtag -s svctag",
	"-l [ -p pmtag | -t type ] [ -s svctag ]",
	"-L [ -p pmtag | -t type ] [ -s svctag ]",
	"-g -p pmtag -s svctag [ -z script ]",
	"-g -s svctag -t type -z script",
};

/* -s, -i and -m, pmadm's own options. */
static bool
pmadm_own(struct adm_opts *o, int c, char *arg)
{
	if (c == 's') {
		adm_opt_name(arg, ADM_SVCTAG);
		o->svc = arg;
		return true;
	}
	if (c != 'i' && c != 'm')
		return false;
	o->ops |= OP_ADD;
	adm_opt_nonl(arg);
	if (c == 'i')
		o->id = arg;
	else if (arg[0] == '\0')
		adm_usage_of(o);
	else
		o->pmspec = arg;
	return true;
}

static const struct adm_cmdspec pmadm_spec = {
	.optstring = "+adef:gi:Llm:p:rs:t:v:y:z:",
	.oplet = "adelLgr",
	.opbits = pmadm_opbits,
	.add = OP_ADD,
	.flagletters = "ux", /* SAF_PM_UFLAG, SAF_PM_XFLAG */
	.usage = pmadm_usage_lines,
	.nusage = sizeof(pmadm_usage_lines) / sizeof(pmadm_usage_lines[0]),
	.own = pmadm_own,
};

/* ---- the monitors to work on ---- */

/* Those of _sactab with the tag or the type (all when both are NULL),
   last line first; exits if a tag or type matches none. */
static void
pmadm_targets(const char *tag, const char *type, struct pmadm_targets *t)
{
	size_t i;

	memset(t, 0, sizeof(*t));
	adm_sactab_load(&t->tab);
	t->v = calloc(t->tab.n + 1, sizeof(*t->v));
	if (t->v == NULL)
		adm_die(E_SYSERR, MSG_OPEN_LC, "_sactab");
	for (i = t->tab.n; i-- > 0;) {
		const struct saf_sactab_entry *e = &t->tab.v[i].ent;

		if (!t->tab.v[i].is_entry ||
		    (tag != NULL && strcmp(e->tag, tag) != 0) ||
		    (type != NULL && strcmp(e->type, type) != 0))
			continue;
		t->v[t->n++] = e;
	}
	if (t->n == 0 && (tag != NULL || type != NULL))
		adm_die(E_NOEXIST, MSG_NOTEXIST, tag != NULL ? tag : type);
}

static void
pmadm_targets_free(struct pmadm_targets *t)
{
	free(t->v);
	saf_sactab_free(&t->tab);
}

/* Ask sac to have the monitor re-read its table (reference §6.7): true
   when done; *saferr gets the exit code of a failure. */
static bool
pmadm_tell_sac(const char *tag, int *saferr)
{
	int code = adm_request_code(AC_PMREAD, tag);

	if (code == 0)
		return true;
	if (code == E_PMNOTRUN) {
		adm_msg(MSG_W_PMNOTRUN, tag);
		return false;
	}
	*saferr = code == E_SACNOTRUN ? E_SACNOTRUN : E_SYSERR;
	adm_msg(MSG_W_NOTIFY, tag);
	adm_msg(MSG_W_TRYCMD, tag);
	return false;
}

static void
pmadm_script_path(char *buf, size_t size, const char *tag, const char *svc)
{
	if (saf_path_svc(buf, size, tag, svc) < 0)
		adm_die(E_SYSERR, MSG_OPEN, svc);
}

/* ---- -a ---- */

/* A value into a field of the entry: false (and a message) if too long. */
static bool
pmadm_copy(char *dst, size_t size, const char *src, const char *field)
{
	char text[64];

	if (strlen(src) < size) {
		memcpy(dst, src, strlen(src) + 1);
		return true;
	}
	(void)snprintf(text, sizeof(text), "%s longer than %zu characters",
	    field, size - 1);
	adm_msg(MSG_BADENTRY, text);
	return false;
}

/* The new service's line, checked before any table is touched. */
static void
pmadm_entry(const struct adm_opts *o, struct saf_pmtab_entry *e)
{
	struct saf_error err;
	char text[SAF_ERRTEXT_MAX + 64];

	saf_pmtab_entry_init(e);
	(void)snprintf(e->svctag, sizeof(e->svctag), "%s", o->svc);
	e->flags = o->flags;
	if (!pmadm_copy(e->id, sizeof(e->id), o->id, "id") ||
	    !pmadm_copy(
		e->pmspec, sizeof(e->pmspec), o->pmspec, "pmspecific") ||
	    !pmadm_copy(e->comment, sizeof(e->comment), o->comment, "comment"))
		exit(E_BADARGS);
	if (saf_pmtab_check(e, &err) < 0)
		adm_die(E_BADARGS, MSG_BADENTRY,
		    adm_errtext(&err, text, sizeof(text)));
}

/* The monitor's _pmtab must be of the version -v names. */
static void
pmadm_pmtab_version(const char *tag, int version)
{
	char path[SAF_PATH_MAX];

	adm_path(path, sizeof(path), SAF_P_PMTAB, tag);
	adm_check_version(version, path, false);
}

/* Add e to one monitor: true if added. */
static bool
pmadm_add_one(const struct adm_opts *o, const char *tag,
    const struct saf_pmtab_entry *e, int *saferr)
{
	struct saf_pmtab pt = { 0 };
	struct saf_error err;
	char path[SAF_PATH_MAX];
	int rc;

	pmadm_pmtab_version(tag, o->version);
	adm_pmtab_load(tag, &pt);
	if (saf_pmtab_find(&pt, e->svctag) != NULL) {
		if (o->tag != NULL)
			adm_die(E_DUP, MSG_EXISTS_UNDER, e->svctag, tag);
		adm_msg(MSG_W_EXISTS_UNDER, e->svctag, tag);
		saf_pmtab_free(&pt);
		return false;
	}
	pmadm_script_path(path, sizeof(path), tag, e->svctag);
	if (o->script != NULL && (rc = adm_config(o->script, path)) != 0) {
		*saferr = rc;
		saf_pmtab_free(&pt);
		return false;
	}
	if (saf_pmtab_add(&pt, e, &err) < 0)
		adm_die(E_BADARGS, MSG_BADENTRY, err.text); /* checked before */
	adm_pmtab_store(tag, &pt);
	saf_pmtab_free(&pt);
	(void)pmadm_tell_sac(tag, saferr);
	return true;
}

static int
pmadm_add(const struct adm_opts *o)
{
	struct pmadm_targets t;
	struct saf_pmtab_entry e;
	size_t i, added = 0;
	int saferr = 0;

	adm_lock();
	pmadm_targets(o->tag, o->type, &t);
	pmadm_entry(o, &e);
	for (i = 0; i < t.n; i++)
		added += pmadm_add_one(o, t.v[i]->tag, &e, &saferr);
	pmadm_targets_free(&t);
	if (added == 0)
		adm_die(E_SAFERR, MSG_NOSVCADDED);
	return saferr;
}

/* ---- -r, -e, -d ---- */

/* The monitor's table and the index of the service's line in it. */
static size_t
pmadm_find(const char *tag, const char *svc, struct saf_pmtab *pt)
{
	struct pmadm_targets t;
	size_t i;

	pmadm_targets(tag, NULL, &t);
	pmadm_targets_free(&t);
	adm_pmtab_load(tag, pt);
	for (i = 0; i < pt->n; i++)
		if (pt->v[i].is_entry && strcmp(pt->v[i].ent.svctag, svc) == 0)
			return i;
	adm_die(E_NOEXIST, MSG_NOTEXIST_UNDER, svc, tag);
}

static int
pmadm_remove(const char *tag, const char *svc)
{
	struct saf_pmtab pt = { 0 };
	char path[SAF_PATH_MAX];
	int saferr = 0;

	adm_lock();
	(void)pmadm_find(tag, svc, &pt);
	(void)saf_pmtab_remove(&pt, svc);
	adm_pmtab_store(tag, &pt);
	saf_pmtab_free(&pt);
	/* the service's script goes only once the monitor knows */
	if (pmadm_tell_sac(tag, &saferr)) {
		pmadm_script_path(path, sizeof(path), tag, svc);
		(void)unlink(path);
	}
	return saferr;
}

/* The line with every x taken out of its flags, and one x put at their
   end to disable; the rest of the line stays as it was (reference §6.5). */
static char *
pmadm_edit_line(const char *raw, bool disable)
{
	const char *flags = strchr(raw, ':') + 1;
	const char *rest = strchr(flags, ':');
	size_t len = strlen(raw), o;
	char *line = malloc(len + 2);

	if (line == NULL)
		adm_die(E_SYSERR, MSG_TEMPFILE);
	memcpy(line, raw, (size_t)(flags - raw));
	o = (size_t)(flags - raw);
	for (; flags < rest; flags++)
		if (*flags != 'x' && *flags != 'X')
			line[o++] = *flags;
	if (disable)
		line[o++] = 'x';
	memcpy(line + o, rest, strlen(rest) + 1);
	return line;
}

static int
pmadm_able(const char *tag, const char *svc, bool disable)
{
	struct saf_pmtab pt = { 0 };
	struct saf_pmtab_line *l;
	struct saf_error err;
	char text[SAF_ERRTEXT_MAX + 64], *line;
	size_t i;
	int saferr = 0;

	adm_lock();
	i = pmadm_find(tag, svc, &pt);
	l = &pt.v[i];
	line = pmadm_edit_line(l->raw, disable);
	if (saf_pmtab_parse(line, strlen(line), l->lineno, &l->ent, &err) != 1)
		adm_die(E_BADARGS, MSG_BADENTRY,
		    adm_errtext(&err, text, sizeof(text)));
	free(l->raw);
	l->raw = line;
	adm_pmtab_store(tag, &pt);
	saf_pmtab_free(&pt);
	(void)pmadm_tell_sac(tag, &saferr);
	return saferr;
}

/* ---- -l, -L ---- */

/* Print one monitor's services (all, or svc); how many. */
static size_t
pmadm_list_pm(const struct saf_sactab_entry *pm, const char *svc,
    enum adm_listfmt fmt, size_t shown)
{
	struct saf_pmtab pt = { 0 };
	size_t i, n = 0;

	adm_pmtab_load(pm->tag, &pt);
	for (i = 0; i < pt.n; i++) {
		if (!pt.v[i].is_entry ||
		    (svc != NULL && strcmp(pt.v[i].ent.svctag, svc) != 0))
			continue;
		if (shown + n++ == 0 && fmt == ADM_SHORT)
			adm_svc_header(stdout);
		adm_svc_print(stdout, fmt, pm, &pt.v[i].ent);
	}
	saf_pmtab_free(&pt);
	return n;
}

static int
pmadm_list(const struct adm_opts *o)
{
	enum adm_listfmt fmt = o->ops == OP_LIST ? ADM_LONG : ADM_SHORT;
	struct pmadm_targets t;
	size_t i, shown = 0;

	pmadm_targets(o->tag, o->type, &t);
	for (i = 0; i < t.n; i++)
		shown += pmadm_list_pm(t.v[i], o->svc, fmt, shown);
	pmadm_targets_free(&t);
	if (shown > 0)
		return fflush(stdout) == 0 ? 0 : E_SYSERR;
	if (o->svc != NULL)
		adm_die(E_NOEXIST, MSG_NOSVC, o->svc);
	adm_die(E_NOEXIST, MSG_NOSVCS);
}

/* ---- -g ---- */

/* Print or install one monitor's script for the service: true if done. */
static bool
pmadm_config_one(const struct adm_opts *o, const char *tag, int *saferr)
{
	struct saf_pmtab pt = { 0 };
	char path[SAF_PATH_MAX];
	bool found;
	int rc;

	adm_pmtab_load(tag, &pt);
	found = saf_pmtab_find(&pt, o->svc) != NULL;
	saf_pmtab_free(&pt);
	if (!found) {
		if (o->tag != NULL)
			adm_die(E_NOEXIST, MSG_NOTEXIST_UNDER, o->svc, tag);
		adm_msg(MSG_W_NOTEXIST_UNDER, o->svc, tag);
		*saferr = E_NOEXIST;
		return false;
	}
	pmadm_script_path(path, sizeof(path), tag, o->svc);
	if ((rc = adm_config(o->script, path)) != 0) {
		*saferr = rc;
		return false;
	}
	return true;
}

static int
pmadm_config(const struct adm_opts *o)
{
	struct pmadm_targets t;
	size_t i, done = 0;
	int saferr = 0;

	if (o->script != NULL)
		adm_lock();
	pmadm_targets(o->tag, o->type, &t);
	for (i = 0; i < t.n; i++)
		done += pmadm_config_one(o, t.v[i]->tag, &saferr);
	pmadm_targets_free(&t);
	if (done == 0)
		adm_die(E_SAFERR, MSG_NOSCRIPTS);
	return saferr;
}

/* ---- the operations ---- */

/* Exactly one of -p and -t. */
static bool
pmadm_one_pm(const struct adm_opts *o)
{
	return (o->tag != NULL) != (o->type != NULL);
}

static int
pmadm_run(const struct adm_opts *o)
{
	switch (o->ops) {
	case OP_ADD:
		adm_need_root();
		if (!o->saw_a || !pmadm_one_pm(o) || o->svc == NULL ||
		    o->id == NULL || o->pmspec == NULL || o->version < 0)
			adm_usage_of(o);
		return pmadm_add(o);
	case OP_REMOVE:
	case OP_ENABLE:
	case OP_DISABLE:
		adm_need_root();
		if (o->tag == NULL || o->svc == NULL || o->type != NULL ||
		    o->script != NULL)
			adm_usage_of(o);
		if (o->ops == OP_REMOVE)
			return pmadm_remove(o->tag, o->svc);
		return pmadm_able(o->tag, o->svc, o->ops == OP_DISABLE);
	case OP_PLIST:
	case OP_LIST:
		if ((o->tag != NULL && o->type != NULL) || o->script != NULL)
			adm_usage_of(o);
		return pmadm_list(o);
	case OP_CONFIG:
		if (o->script != NULL)
			adm_need_root();
		if (!pmadm_one_pm(o) || o->svc == NULL ||
		    (o->type != NULL && o->script == NULL))
			adm_usage_of(o);
		return pmadm_config(o);
	default:
		adm_usage_of(o);
	}
}

int
main(int argc, char **argv)
{
	struct adm_opts o;

	adm_options(argc, argv, &pmadm_spec, &o);
	adm_sactab_version();
	return pmadm_run(&o);
}
