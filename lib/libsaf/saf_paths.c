/*
 * saf_paths.c - where the SAF files are.
 *
 * Every program resolves its paths here, so that tests and packagers can
 * move them: SAF_ETC (default SAF_SYSCONFDIR "/saf", i.e. /etc/saf),
 * SAF_VAR (SAF_LOCALSTATEDIR "/saf"), SAF_UTMPX and SAF_WTMPX (the system's
 * utmp and wtmp).  Paths are built into the caller's buffer; one that does
 * not fit is an error (ENAMETOOLONG), never a shorter path.
 */
#include "saf_impl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utmpx.h>

#ifndef SAF_SYSCONFDIR
#define SAF_SYSCONFDIR "/etc"
#endif
#ifndef SAF_LOCALSTATEDIR
#define SAF_LOCALSTATEDIR "/var"
#endif

static const char *
saf_env(const char *name, const char *dflt)
{
	const char *v = getenv(name);

	return v != NULL && v[0] != '\0' ? v : dflt;
}

const char *
saf_etc_dir(void)
{
	return saf_env("SAF_ETC", SAF_SYSCONFDIR "/saf");
}

const char *
saf_var_dir(void)
{
	return saf_env("SAF_VAR", SAF_LOCALSTATEDIR "/saf");
}

const char *
saf_utmpx_file(void)
{
	return saf_env("SAF_UTMPX", _PATH_UTMPX);
}

const char *
saf_wtmpx_file(void)
{
	return saf_env("SAF_WTMPX", _PATH_WTMPX);
}

/* What each name is: its directory, whether a tag comes between, and the
   file name ("" for the directory itself). */
static const struct {
	bool var;
	bool tagged;
	const char *name;
} saf_paths[] = {
	[SAF_P_SACTAB] = { false, false, "_sactab" },
	[SAF_P_SYSCONFIG] = { false, false, "_sysconfig" },
	[SAF_P_SACPIPE] = { false, false, "_sacpipe" },
	[SAF_P_CMDPIPE] = { false, false, "_cmdpipe" },
	[SAF_P_LOG] = { true, false, "_log" },
	[SAF_P_PMDIR] = { false, true, "" },
	[SAF_P_PMTAB] = { false, true, "_pmtab" },
	[SAF_P_CONFIG] = { false, true, "_config" },
	[SAF_P_PID] = { false, true, "_pid" },
	[SAF_P_PMPIPE] = { false, true, "_pmpipe" },
	[SAF_P_PMVARDIR] = { true, true, "" },
	[SAF_P_PMLOG] = { true, true, "log" },
	[SAF_P_PMOLOG] = { true, true, "o.log" },
	[SAF_P_PMSTATUS] = { true, true, "status" },
};

static int
saf_join(
    char *buf, size_t size, const char *dir, const char *tag, const char *name)
{
	int n;

	if (tag == NULL)
		n = snprintf(buf, size, "%s/%s", dir, name);
	else if (name[0] == '\0')
		n = snprintf(buf, size, "%s/%s", dir, tag);
	else
		n = snprintf(buf, size, "%s/%s/%s", dir, tag, name);
	if (n < 0 || (size_t)n >= size) {
		if (size > 0)
			buf[0] = '\0';
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

int
saf_path(char *buf, size_t size, enum saf_pathname which, const char *pmtag)
{
	const char *dir;

	if ((size_t)which >= sizeof(saf_paths) / sizeof(saf_paths[0])) {
		errno = EINVAL;
		return -1;
	}
	if (saf_paths[which].tagged &&
	    (pmtag == NULL ||
		saf_tag_check(
		    pmtag, strlen(pmtag), SAF_PMTAG_MAX, "pmtag", NULL) < 0)) {
		errno = EINVAL;
		return -1;
	}
	dir = saf_paths[which].var ? saf_var_dir() : saf_etc_dir();
	return saf_join(buf, size, dir, saf_paths[which].tagged ? pmtag : NULL,
	    saf_paths[which].name);
}

int
saf_path_svc(char *buf, size_t size, const char *pmtag, const char *svctag)
{
	if (pmtag == NULL || svctag == NULL ||
	    saf_tag_check(pmtag, strlen(pmtag), SAF_PMTAG_MAX, "pmtag", NULL) <
		0 ||
	    saf_tag_check(
		svctag, strlen(svctag), SAF_SVCTAG_MAX, "svctag", NULL) < 0) {
		errno = EINVAL;
		return -1;
	}
	return saf_join(buf, size, saf_etc_dir(), pmtag, svctag);
}
