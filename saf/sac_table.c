/*
 * sac_table.c - the monitor list, kept in tag order, and reading
 * <SAF_ETC>/_sactab into it.
 *
 * A read is in two phases: every line is parsed and checked first, and
 * only a table without errors is merged.  The merge is the original's:
 * for a tag already known only the flags and restart count change; a new
 * tag is inserted (and started on a re-read unless it has "x"); a tag no
 * longer in the table is terminated and forgotten.  Fix: an error on a
 * re-read no longer kills sac; it is logged with its line and the table in
 * memory stays as it was.
 */
#include "config.h"

#include "sac.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <utmpx.h>

/* Report a table error: fatal at start-up, logged on a re-read. */
static int
sac_table_fail(bool startflag, int code, const char *text)
{
	if (!startflag)
		sac_fatal(code, text);
	sac_log("%s", text);
	return -1;
}

/* The entries of a table text, each checked; -1 (logged) on any error. */
static int
sac_table_parse(const char *path, const char *buf, size_t len,
    struct saf_sactab_entry **out, size_t *n)
{
	struct saf_sactab_entry *v = NULL, e;
	struct saf_error err;
	size_t cap = 0, off = 0;
	int lineno = 0, r;
	char what[SAF_ERRTEXT_MAX + 64];

	*n = 0;
	while (off < len) {
		const char *nl = memchr(buf + off, '\n', len - off);
		size_t ll = nl != NULL ? (size_t)(nl - (buf + off)) : len - off;

		lineno++;
		r = saf_sactab_parse(buf + off, ll, lineno, &e, &err);
		off += ll + (nl != NULL);
		if (r == 0)
			continue;
		if (r < 0) {
			saf_error_format(&err, what, sizeof(what));
			sac_log("%s: %s", path, what);
			free(v);
			return -1;
		}
		if (*n == cap) {
			struct saf_sactab_entry *nv;

			cap = cap ? cap * 2 : 16;
			if ((nv = realloc(v, cap * sizeof(*v))) == NULL)
				sac_fatal(SAC_EX_NOMEM, "malloc failed");
			v = nv;
		}
		v[(*n)++] = e;
	}
	*out = v;
	return 0;
}

static struct sac_pm *
sac_pm_new(struct sac *sac, const struct saf_sactab_entry *e)
{
	struct sac_pm *pm = calloc(1, sizeof(*pm));

	if (pm == NULL)
		sac_fatal(SAC_EX_NOMEM, "malloc failed");
	pm->sac = sac;
	pm->ent = *e;
	pm->sstate = pm->pstate = pm->lstate = SAF_NOTRUNNING;
	pm->pmpipe = -1;
	pm->maxclass = 1;
	return pm;
}

static void
sac_insert(struct sac *sac, struct sac_pm *pm)
{
	struct sac_pm **pp = &sac->pms;

	while (*pp != NULL && strcmp((*pp)->ent.tag, pm->ent.tag) < 0)
		pp = &(*pp)->next;
	pm->next = *pp;
	*pp = pm;
}

/* Forget the monitors no longer in the table, terminating them. */
static void
sac_purge(struct sac *sac)
{
	struct sac_pm **pp = &sac->pms, *pm;

	while ((pm = *pp) != NULL) {
		if (pm->valid) {
			pp = &pm->next;
			continue;
		}
		switch (pm->sstate) {
		case SAF_UNKNOWN:
		case SAF_ENABLED:
		case SAF_DISABLED:
		case SAF_STARTING:
			if (sac_sendsig(pm, SIGTERM) < 0)
				sac_log("could not send SIGTERM to <%s>",
				    pm->ent.tag);
			else
				sac_log("terminating <%s>", pm->ent.tag);
			break;
		}
		sac_closepipe(pm);
		sac_cleanutx(pm);
		*pp = pm->next;
		sac_pm_free(pm);
	}
}

/* Apply checked entries to the list. */
static void
sac_merge(
    struct sac *sac, const struct saf_sactab_entry *v, size_t n, bool startflag)
{
	struct sac_pm *pm;
	size_t i;

	for (pm = sac->pms; pm != NULL; pm = pm->next)
		pm->valid = false;
	for (i = 0; i < n; i++) {
		pm = sac_find(sac, v[i].tag);
		if (pm != NULL && pm->valid) {
			sac_log("Ignoring duplicate entry for <%s>", v[i].tag);
		} else if (pm != NULL) {
			/* a known tag: only the flags and the count change */
			pm->ent.flags = v[i].flags;
			pm->ent.rcount = v[i].rcount;
			pm->valid = true;
		} else {
			pm = sac_pm_new(sac, &v[i]);
			pm->valid = true;
			sac_insert(sac, pm);
			if (startflag && !(pm->ent.flags & SAF_SAC_XFLAG))
				(void)sac_startpm(pm);
		}
	}
	sac_purge(sac);
}

int
sac_read_table(struct sac *sac, bool startflag)
{
	char path[SAF_PATH_MAX];
	struct saf_sactab_entry *v = NULL;
	char *buf = NULL;
	size_t len, n;

	if (saf_path(path, sizeof(path), SAF_P_SACTAB, NULL) < 0)
		return sac_table_fail(
		    startflag, SAC_EX_NOSACTAB, "could not open _sactab");
	if (!sac_trusted(path))
		return sac_table_fail(
		    startflag, SAC_EX_NOSACTAB, "could not open _sactab");
	switch (check_version(SAF_SACTAB_VERSION, path)) {
	case 0:
		break;
	case 1:
		return sac_table_fail(startflag, SAC_EX_VERSION,
		    "_sactab version # is incorrect");
	case 2:
		return sac_table_fail(
		    startflag, SAC_EX_NOSACTAB, "could not open _sactab");
	default:
		return sac_table_fail(
		    startflag, SAC_EX_CORRUPT, "_sactab file is corrupt");
	}
	if (saf_file_read(path, &buf, &len) < 0)
		return sac_table_fail(
		    startflag, SAC_EX_NOSACTAB, "could not open _sactab");
	if (sac_table_parse(path, buf, len, &v, &n) < 0) {
		free(buf);
		return sac_table_fail(
		    startflag, SAC_EX_CORRUPT, "_sactab file is corrupt");
	}
	free(buf);
	sac_merge(sac, v, n, startflag);
	free(v);
	return 0;
}

/* Recovery: a running monitor's LOGIN_PROCESS record says it is
 * accounted for (its record is marked dead when it goes). */
static void
sac_readutmpx(struct sac *sac)
{
	struct utmpx *u;
	struct sac_pm *pm;

	if (utmpxname(saf_utmpx_file()) != 0)
		return;
	setutxent();
	while ((u = getutxent()) != NULL) {
		if (u->ut_type != LOGIN_PROCESS)
			continue;
		for (pm = sac->pms; pm != NULL; pm = pm->next)
			if (pm->sstate == SAF_UNKNOWN &&
			    strncmp(u->ut_user, pm->ent.tag,
				sizeof(u->ut_user)) == 0) {
				pm->accounted = true;
				pm->pid = u->ut_pid;
			}
	}
	endutxent();
}

/* A monitor found running at start-up: it stays, state UNKNOWN, until it
 * answers a poll. */
static void
sac_adopt(struct sac_pm *pm, pid_t pid)
{
	char path[SAF_PATH_MAX];

	pm->sstate = pm->pstate = SAF_UNKNOWN;
	pm->sc_ok = true;
	pm->status = 0;
	pm->pid = pid;
	if (saf_path(path, sizeof(path), SAF_P_PMPIPE, pm->ent.tag) < 0 ||
	    (pm->pmpipe = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC)) < 0) {
		sac_log("Could not open _pmpipe for port monitor <%s>",
		    pm->ent.tag);
		(void)sac_sendsig(pm, SIGTERM);
		pm->sc_ok = false;
	}
}

void
sac_startpms(struct sac *sac)
{
	struct sac_pm *pm;
	pid_t pid;

	for (pm = sac->pms; pm != NULL; pm = pm->next) {
		if (sac_checklock(pm, &pid)) {
			sac_adopt(pm, pid);
			sac->recovering = true;
		}
	}
	if (sac->recovering) {
		/* monitors that were down stay down until sacadm -s */
		sac_readutmpx(sac);
		sac_log("SAC in recovery");
		return;
	}
	for (pm = sac->pms; pm != NULL; pm = pm->next)
		if (!(pm->ent.flags & SAF_SAC_XFLAG))
			(void)sac_startpm(pm);
}
