/*
 * nlsadmin - administer the network listener's port monitors.
 *
 *   nlsadmin -x                 every listener and whether it is active
 *   nlsadmin [options] netspec  (or -N port_monitor_tag)
 *   nlsadmin -V                 the _pmtab version (4)
 *   nlsadmin -c cmd | -o path [-p modules] [-A addr | -D] [-R prog:vers]
 *
 * A front end to sacadm and pmadm, as in SVR4 (saf-illumos reference §9,
 * listen-illumos §11): the outputs, messages and exit codes are the
 * original's.  The differences (no shell; -l and -t change a record in
 * place; readable addresses; success without sac) are in nlsadmin(8).
 */
#include "config.h"

#include "nlsadmin.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Descriptors 0 to 2 open (on /dev/null if they were closed), so that no
   pipe or lock of ours takes their number and reaches sacadm as one. */
static void
nls_stdfds(void)
{
	int fd;

	for (fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) < 0 && open("/dev/null", O_RDWR) != fd)
			_exit(NLS_SYSERR);
}

/* The forms that work on a listener known to sac. */
static int
nls_dispatch(const struct nls_opts *o, const struct nls_pmline *pm)
{
	switch (o->mode) {
	case NLS_M_STATUS:
		return nls_status(o->netspec, pm, o->quiet);
	case NLS_M_VERBOSE:
		return nls_verbose(o->netspec, NULL, false);
	case NLS_M_SVC:
		return nls_verbose(o->netspec, o->svc, o->quiet);
	case NLS_M_ADD:
		return nls_add(o);
	case NLS_M_REMOVE:
	case NLS_M_ENABLE:
	case NLS_M_DISABLE:
		return nls_svcop(o->netspec, o->svc, o->mode);
	case NLS_M_START:
		return nls_start(o->netspec);
	case NLS_M_KILL:
		return nls_kill(o->netspec);
	case NLS_M_ADDR:
		return nls_addrs(o, pm);
	default:
		nls_usage(NULL);
	}
}

static int
nls_main(const struct nls_opts *o)
{
	struct nls_pmline pm;
	int rc;

	if (o->mode == NLS_M_VERSION) {
		printf("%d\n", NLS_VERSION);
		return NLS_OK;
	}
	if (nls_needs_root(o) && geteuid() != 0) {
		nls_error(NLSM_PERM);
		return NLS_PERM;
	}
	if (o->mode == NLS_M_LISTALL)
		return nls_listall();
	if (o->mode == NLS_M_FORMAT)
		return nls_format(o);
	/* a tag sacadm would cut or refuse names no port monitor */
	if (saf_tag_check(o->netspec, strlen(o->netspec), SAF_PMTAG_MAX, "tag",
		NULL) < 0) {
		nls_error(NLSM_BADNET);
		return NLS_BADPM;
	}
	if (o->mode == NLS_M_INIT)
		return nls_init(o->netspec);
	/* a standalone listener has no sac entry: -C asks the listener */
	if (o->mode == NLS_M_COUNTERS)
		return nls_counters(o->netspec);
	if ((rc = nls_pm_lookup(o->netspec, &pm)) != NLS_OK)
		return rc;
	return nls_dispatch(o, &pm);
}

int
main(int argc, char **argv)
{
	struct nls_opts o;
	int rc;

	nls_stdfds();
	nls_set_prog(argv[0]);
	switch (nls_parse(argc, argv, &o)) {
	case NLS_P_OK:
		break;
	case NLS_P_INCONSISTENT:
		nls_usage(NLSM_INCONSISTENT);
	case NLS_P_MISSING:
		nls_usage(NLSM_MISSING);
	case NLS_P_SVCCODE:
		nls_error(NLSM_SVCCODE);
		return NLS_SERV;
	default:
		nls_usage(NULL);
	}
	rc = nls_main(&o);
	if (fflush(stdout) != 0 && rc == NLS_OK)
		rc = NLS_SYSERR;
	if (rc == NLS_SYSERR)
		nls_error(NLSM_SACERR);
	return rc;
}
