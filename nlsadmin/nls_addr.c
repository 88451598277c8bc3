/*
 * nls_addr.c - -l and -t: the address of service 0 (NLPS) or 1 (remote
 * login), read or changed.
 *
 * The original removed the record with pmadm -r and added it back with
 * pmadm -a, which lost its RPC information and every listener flag but
 * c, and left the listener without the service in between (two re-reads).
 * Here the record is changed in place: under the table lock sacadm and
 * pmadm use, the _pmtab is loaded, only the address of each record named
 * is replaced (flags, id, RPC information, modules, command and comment
 * stay; a 'd' flag goes, since a static address replaces the dynamic
 * one), and the table is written once, atomically; then the monitor is
 * told once.  Nothing is written unless every change given is valid.
 *
 * The address may be given in any form the listener reads (SPEC §7),
 * checked for the family of the listener's transport: the one libxti
 * gives the net_spec of its command, as the listener itself finds it.
 */
#include "config.h"

#include "nlsadmin.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <xti.h>

/* One of -l and -t. */
struct nls_addrop {
	const char *code;    /* NLS_NLPSSVCCODE or NLS_TTYSVCCODE */
	const char *arg;     /* the address, "-" to print it, NULL: not asked */
	const char *missing; /* the warning when the record is not there */
};

/* The address family of the listener's transport (AF_UNSPEC: unknown,
   then any address of a transport is taken). */
static int
nls_family(const char *command)
{
	char netspec[SAF_PMTAG_MAX * 4], dev[sizeof(netspec) + 8];
	socklen_t len = sizeof(int);
	int fd, family = AF_UNSPEC;

	nls_command_netspec(command, netspec, sizeof(netspec));
	if (netspec[0] == '\0')
		return AF_UNSPEC;
	(void)snprintf(dev, sizeof(dev), "/dev/%s", netspec);
	if ((fd = t_open(dev, O_RDWR, NULL)) < 0)
		return AF_UNSPEC;
	if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &family, &len) < 0)
		family = AF_UNSPEC;
	(void)t_close(fd);
	return family;
}

static int
nls_addr_one(
    struct saf_pmtab *t, const struct nls_addrop *op, int family, bool *changed)
{
	struct saf_pmtab_entry *e, copy;
	struct saf_listen_rec r;
	struct saf_error err;

	if (op->arg == NULL)
		return NLS_OK;
	if ((e = saf_pmtab_find(t, op->code)) == NULL) {
		if (strcmp(op->arg, "-") != 0)
			nls_warn("%s", op->missing);
		return NLS_OK;
	}
	if (saf_listen_parse(e, 0, &r, &err) < 0) {
		nls_error(NLSM_BADENTRY, op->code);
		return NLS_FAILED;
	}
	if (strcmp(op->arg, "-") == 0) {
		printf("%s\n", r.addr);
		return NLS_OK;
	}
	if (nls_addr_table(op->arg, family, r.addr, sizeof(r.addr), &err) < 0) {
		nls_error(NLSM_BADADDR, op->arg, err.text);
		return NLS_CMD;
	}
	r.lflags &= ~(unsigned)SAF_LF_D;
	copy = *e;
	if (saf_listen_format(&r, copy.pmspec, sizeof(copy.pmspec), &err) < 0 ||
	    saf_pmtab_replace(t, &copy, &err) < 0) {
		nls_error(NLSM_BADPMSPEC, err.text);
		return NLS_FAILED;
	}
	*changed = true;
	return NLS_OK;
}

/* Load the monitor's table (path into path). */
static int
nls_pmtab_load(const char *tag, char *path, size_t size, struct saf_pmtab *t)
{
	struct saf_error err;
	char text[SAF_ERRTEXT_MAX + 32];

	if (saf_path(path, size, SAF_P_PMTAB, tag) < 0) {
		nls_error(NLSM_TABLE, tag, strerror(errno));
		return -1;
	}
	if (check_version(NLS_VERSION, path) == 1) {
		nls_error(NLSM_TABLE, path, "version number is incorrect");
		return -1;
	}
	if (saf_pmtab_load(path, t, &err) < 0) {
		(void)saf_error_format(&err, text, sizeof(text));
		nls_error(NLSM_TABLE, path, text);
		return -1;
	}
	return 0;
}

static int
nls_pmtab_store(const char *path, const struct saf_pmtab *t)
{
	struct saf_error err;
	char text[SAF_ERRTEXT_MAX + 32];

	if (saf_pmtab_store(path, t, &err) == 0)
		return 0;
	(void)saf_error_format(&err, text, sizeof(text));
	nls_error(NLSM_TABLE, path, text);
	return -1;
}

int
nls_addrs(const struct nls_opts *o, const struct nls_pmline *pm)
{
	const struct nls_addrop ops[] = {
		{ NLS_NLPSSVCCODE, o->laddr, NLSM_NONLPS },
		{ NLS_TTYSVCCODE, o->taddr, NLSM_NOTTY },
	};
	struct saf_pmtab t = { 0 };
	char path[SAF_PATH_MAX];
	bool change = nls_needs_root(o), changed = false;
	int family = change ? nls_family(pm->command) : AF_UNSPEC;
	int rc = NLS_OK;
	size_t i;

	if (change && nls_lock() < 0)
		return NLS_SYSERR;
	if (nls_pmtab_load(o->netspec, path, sizeof(path), &t) < 0)
		rc = NLS_SYSERR;
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]) && rc == NLS_OK; i++)
		rc = nls_addr_one(&t, &ops[i], family, &changed);
	if (rc == NLS_OK && changed && nls_pmtab_store(path, &t) < 0)
		rc = NLS_SYSERR;
	saf_pmtab_free(&t);
	if (rc == NLS_OK && changed)
		nls_notify(o->netspec);
	return rc;
}
