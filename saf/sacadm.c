/*
 * sacadm - administer the Service Access Controller's port monitors.
 *
 *   sacadm -a -p pmtag -t type -c cmd -v ver [-f dx] [-n count]
 *          [-y comment] [-z script]
 *   sacadm -r|-s|-k|-e|-d -p pmtag
 *   sacadm -l|-L [-p pmtag | -t type]
 *   sacadm -g -p pmtag [-z script]     sacadm -G [-z script]
 *   sacadm -x [-p pmtag]
 *
 * Options, checks, messages, outputs and exit codes are SVR4's (reference
 * §5).  Changes: sac is reached on an AF_UNIX socket; tables are rewritten
 * atomically, keep their mode and are changed by one command at a time;
 * -a never deletes an existing directory: a non-empty <SAF_ETC>/<tag> is
 * refused (E_DUP); a script that is not a regular file is an error.
 */
#include "config.h"

#include "adm.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum sacadm_op {
	OP_ADD = 0x1,
	OP_REMOVE = 0x2,
	OP_START = 0x4,
	OP_KILL = 0x8,
	OP_ENABLE = 0x10,
	OP_DISABLE = 0x20,
	OP_PLIST = 0x40,   /* -l */
	OP_LIST = 0x80,    /* -L */
	OP_DBREAD = 0x100, /* -x */
	OP_CONFIG = 0x200, /* -G */
	OP_PCONFIG = 0x400 /* -g */
};

static const unsigned sacadm_opbits[] = { OP_ADD, OP_DISABLE, OP_ENABLE,
	OP_KILL, OP_START, OP_PLIST, OP_LIST, OP_DBREAD, OP_PCONFIG, OP_CONFIG,
	OP_REMOVE };

static const char *const sacadm_usage_lines[] = {
	"-a -p pmtag -t type -c cmd -v ver [ -f dx ] [ -n count ]\n"
	"\t\t[ -y comment ] [ -z script]",
	"-r -p pmtag",
	"-s -p pmtag",
	"-k -p pmtag",
	"-e -p pmtag",
	"-d -p pmtag",
	"-l [ -p pmtag | -t type ]",
	"-L [ -p pmtag | -t type ]",
	"-g -p pmtag [ -z script ]",
	"-G [ -z script ]",
	"-x [ -p pmtag ]",
};

/* -c and -n, sacadm's own options. */
static bool
sacadm_own(struct adm_opts *o, int c, char *arg)
{
	switch (c) {
	case 'c':
		o->ops |= OP_ADD;
		adm_opt_nonl(arg);
		if (arg[0] != '/')
			adm_die(E_BADARGS, MSG_FULLPATH);
		o->cmd = arg;
		return true;
	case 'n':
		o->ops |= OP_ADD;
		if ((o->count = adm_atoi(arg)) < 0)
			adm_die(E_BADARGS, MSG_NEGCOUNT);
		return true;
	default:
		return false;
	}
}

static const struct adm_cmdspec sacadm_spec = {
	.optstring = "+ac:def:GgkLln:p:rst:v:xy:z:",
	.oplet = "adekslLxgGr",
	.opbits = sacadm_opbits,
	.add = OP_ADD,
	.flagletters = "dx", /* SAF_SAC_DFLAG, SAF_SAC_XFLAG */
	.usage = sacadm_usage_lines,
	.nusage = sizeof(sacadm_usage_lines) / sizeof(sacadm_usage_lines[0]),
	.own = sacadm_own,
};

/* ---- -a: what it made, so that a failure can take it back ---- */

#define SACADM_UNDO_MAX 6 /* two directories, _config, _pmpipe, _pid, _pmtab */

struct sacadm_undo {
	char *path[SACADM_UNDO_MAX];
	bool dir[SACADM_UNDO_MAX];
	size_t n;
};

static void
sacadm_made(struct sacadm_undo *u, const char *path, bool dir)
{
	if (u->n < SACADM_UNDO_MAX && (u->path[u->n] = strdup(path)) != NULL)
		u->dir[u->n++] = dir;
}

/* Remove what this run made, newest first, and exit with code. */
static _Noreturn void
sacadm_undo(struct sacadm_undo *u, int code)
{
	while (u->n > 0) {
		u->n--;
		if (u->dir[u->n])
			(void)rmdir(u->path[u->n]);
		else
			(void)unlink(u->path[u->n]);
		free(u->path[u->n]);
	}
	exit(code);
}

/* Is the directory empty: 1, 0, or -1 (cannot read it). */
static int
sacadm_dir_empty(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	int empty = 1;

	if (d == NULL)
		return -1;
	while (empty && (de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			empty = 0;
	closedir(d);
	return empty;
}

/* A monitor's directory: made (mode 0755), or reused.  An existing
   <SAF_ETC>/<tag> must be empty (the original removed it with rm -rf). */
static int
sacadm_dir(const char *path, bool need_empty, struct sacadm_undo *u)
{
	struct stat st;
	int empty;

	if (lstat(path, &st) == 0) {
		if (!S_ISDIR(st.st_mode)) {
			adm_msg(MSG_NOTDIR, path);
			return E_SYSERR;
		}
		if (!need_empty || (empty = sacadm_dir_empty(path)) == 1)
			return 0;
		if (empty < 0) {
			adm_msg(MSG_NOSTAT_LC, path);
			return E_SYSERR;
		}
		adm_msg(MSG_EXISTS, path);
		return E_DUP;
	}
	if (errno != ENOENT) {
		adm_msg(MSG_NOSTAT_LC, path);
		return E_SYSERR;
	}
	if (mkdir(path, 0755) < 0) {
		adm_msg(MSG_MKDIR, path);
		return E_SYSERR;
	}
	sacadm_made(u, path, true);
	if (chmod(path, 0755) < 0) {
		adm_msg(MSG_MKDIR, path);
		return E_SYSERR;
	}
	return 0;
}

/* A new file of the monitor's directory with its contents, mode 0644:
   0, 1 (could not create it) or 2 (could not write it). */
static int
sacadm_newfile(const char *path, const char *text, struct sacadm_undo *u)
{
	size_t len = strlen(text);
	int fd, bad;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
	    0644);
	if (fd < 0)
		return 1;
	sacadm_made(u, path, false);
	bad = fchmod(fd, 0644) < 0 || write(fd, text, len) != (ssize_t)len;
	if (close(fd) < 0 || bad)
		return 2;
	return 0;
}

/* _pmpipe, _pid and _pmtab ("# VERSION=<ver>"). */
static int
sacadm_pmfiles(const char *tag, int version, struct sacadm_undo *u)
{
	char path[SAF_PATH_MAX], vline[32];

	adm_path(path, sizeof(path), SAF_P_PMPIPE, tag);
	if (mkfifo(path, 0600) < 0) {
		adm_msg(MSG_MKFIFO);
		return E_SYSERR;
	}
	sacadm_made(u, path, false);
	if (chmod(path, 0600) < 0) {
		adm_msg(MSG_MKFIFO);
		return E_SYSERR;
	}
	adm_path(path, sizeof(path), SAF_P_PID, tag);
	if (sacadm_newfile(path, "", u) != 0) {
		adm_msg(MSG_PIDFILE);
		return E_SYSERR;
	}
	adm_path(path, sizeof(path), SAF_P_PMTAB, tag);
	(void)saf_version_line(version, vline, sizeof(vline));
	switch (sacadm_newfile(path, vline, u)) {
	case 0:
		return 0;
	case 1:
		adm_msg(MSG_PMTAB_CREATE);
		return E_SYSERR;
	default:
		adm_msg(MSG_PMTAB_INIT);
		return E_SYSERR;
	}
}

/* The command's first word: executable and regular if it exists. */
static int
sacadm_cmdcheck(const char *cmd)
{
	char first[SAF_PATH_MAX];
	size_t n = strcspn(cmd, " \t");
	struct stat st;

	if (strlen(cmd) > SAF_FIELD_MAX || n >= sizeof(first)) {
		adm_msg(MSG_CMD_TOOLONG);
		return E_SYSERR;
	}
	memcpy(first, cmd, n);
	first[n] = '\0';
	if (stat(first, &st) < 0) {
		if (errno != ENOENT && errno != ENOTDIR) {
			adm_msg(MSG_NOSTAT, first);
			return E_SYSERR;
		}
		adm_msg(MSG_W_NOCMD, first);
		return 0;
	}
	if ((st.st_mode & 0111) == 0) {
		adm_msg(MSG_NOTEXEC, first);
		return E_BADARGS;
	}
	if (!S_ISREG(st.st_mode)) {
		adm_msg(MSG_NOTREG, first);
		return E_BADARGS;
	}
	return 0;
}

/* Add the monitor's line to _sactab and write the table. */
static int
sacadm_append(struct saf_sactab *t, const struct adm_opts *o)
{
	struct saf_sactab_entry e;
	struct saf_error err;
	char path[SAF_PATH_MAX], text[SAF_ERRTEXT_MAX + 64];

	memset(&e, 0, sizeof(e));
	(void)snprintf(e.tag, sizeof(e.tag), "%s", o->tag);
	(void)snprintf(e.type, sizeof(e.type), "%s", o->type);
	e.flags = o->flags;
	e.rcount = o->count;
	(void)snprintf(e.command, sizeof(e.command), "%s", o->cmd);
	if (strlen(o->comment) >= sizeof(e.comment)) {
		adm_msg(MSG_BADENTRY, "comment too long");
		return E_BADARGS;
	}
	(void)snprintf(e.comment, sizeof(e.comment), "%s", o->comment);
	if (saf_sactab_add(t, &e, &err) < 0) {
		adm_msg(MSG_BADENTRY, adm_errtext(&err, text, sizeof(text)));
		return E_BADARGS;
	}
	adm_path(path, sizeof(path), SAF_P_SACTAB, NULL);
	if (saf_sactab_store(path, t, &err) < 0) {
		adm_msg(MSG_WRITE_TEMP, adm_errtext(&err, text, sizeof(text)));
		return E_SYSERR;
	}
	return 0;
}

static int
sacadm_add(const struct adm_opts *o)
{
	struct saf_sactab t = { 0 };
	struct sacadm_undo u = { .n = 0 };
	char path[SAF_PATH_MAX];
	int rc;

	adm_lock();
	adm_sactab_load(&t);
	if (saf_sactab_find(&t, o->tag) != NULL)
		adm_die(E_DUP, MSG_EXISTS, o->tag);
	adm_path(path, sizeof(path), SAF_P_PMDIR, o->tag);
	rc = sacadm_dir(path, true, &u);
	adm_path(path, sizeof(path), SAF_P_PMVARDIR, o->tag);
	if (rc == 0)
		rc = sacadm_dir(path, false, &u);
	adm_path(path, sizeof(path), SAF_P_CONFIG, o->tag);
	if (rc == 0 && o->script != NULL) {
		sacadm_made(&u, path, false);
		rc = adm_config(o->script, path);
	}
	if (rc == 0)
		rc = sacadm_pmfiles(o->tag, o->version, &u);
	if (rc == 0)
		rc = sacadm_cmdcheck(o->cmd);
	if (rc == 0)
		rc = sacadm_append(&t, o);
	saf_sactab_free(&t);
	if (rc != 0)
		sacadm_undo(&u, rc);
	while (u.n > 0)
		free(u.path[--u.n]);
	return adm_sac_running() ? adm_send(AC_SACREAD, NULL, NULL) : 0;
}

/* ---- -r ---- */

static int
sacadm_remove(const char *tag)
{
	struct saf_sactab t = { 0 };

	adm_lock();
	adm_sactab_load(&t);
	if (saf_sactab_remove(&t, tag) < 0)
		adm_die(E_NOEXIST, MSG_NOTEXIST, tag);
	adm_sactab_store(&t);
	saf_sactab_free(&t);
	/* the directories stay, as they did */
	return adm_sac_running() ? adm_send(AC_SACREAD, NULL, NULL) : 0;
}

/* ---- -l, -L ---- */

/* The monitors and their states: sac's answer, or _sactab (NO_SAC). */
static int
sacadm_states(struct saf_status **v, size_t *n)
{
	struct saf_sactab t = { 0 };
	struct adm_reply r;
	size_t i;
	int rc;

	*v = NULL;
	*n = 0;
	if (adm_sac_running()) {
		if ((rc = adm_send(AC_STATUS, NULL, &r)) != 0)
			return rc;
		rc = adm_status_parse(r.data, r.len, v, n);
		adm_reply_free(&r);
		if (rc != 0)
			adm_die(rc, rc == E_SAFERR ? MSG_IMPROPER : MSG_BADINFO);
		return 0;
	}
	adm_sactab_load(&t);
	if ((*v = calloc(t.n + 1, sizeof(**v))) == NULL)
		adm_die(E_SYSERR, MSG_OPEN_LC, "_sactab");
	for (i = 0; i < t.n; i++)
		if (t.v[i].is_entry) {
			(*v)[*n].ent = t.v[i].ent;
			(*v)[(*n)++].state = SAF_NOSAC;
		}
	saf_sactab_free(&t);
	return 0;
}

static int
sacadm_list(const struct adm_opts *o)
{
	enum adm_listfmt fmt = o->ops == OP_LIST ? ADM_LONG : ADM_SHORT;
	struct saf_status *v;
	size_t i, n, shown = 0;
	int rc;

	if ((rc = sacadm_states(&v, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		if ((o->tag != NULL && strcmp(v[i].ent.tag, o->tag) != 0) ||
		    (o->type != NULL && strcmp(v[i].ent.type, o->type) != 0))
			continue;
		if (shown++ == 0 && fmt == ADM_SHORT)
			adm_pm_header(stdout);
		adm_pm_print(stdout, fmt, &v[i].ent, v[i].state);
	}
	free(v);
	if (shown > 0)
		return fflush(stdout) == 0 ? 0 : E_SYSERR;
	if (o->type != NULL)
		adm_die(E_NOEXIST, MSG_NOTEXIST, o->type);
	if (o->tag != NULL)
		adm_die(E_NOEXIST, MSG_NOTEXIST, o->tag);
	adm_die(E_NOEXIST, MSG_NOPMS);
}

/* ---- -g, -G ---- */

static int
sacadm_pmconfig(const char *tag, const char *script)
{
	struct saf_sactab t = { 0 };
	char path[SAF_PATH_MAX];

	if (script != NULL)
		adm_lock();
	adm_sactab_load(&t);
	if (saf_sactab_find(&t, tag) == NULL)
		adm_die(E_NOEXIST, MSG_NOTEXIST, tag);
	saf_sactab_free(&t);
	adm_path(path, sizeof(path), SAF_P_CONFIG, tag);
	return adm_config(script, path);
}

static int
sacadm_sysconfig(const char *script)
{
	char path[SAF_PATH_MAX];

	if (script != NULL)
		adm_lock();
	adm_path(path, sizeof(path), SAF_P_SYSCONFIG, NULL);
	return adm_config(script, path);
}

/* ---- the operations ---- */

/* -r, -s, -k, -e, -d: root, -p, and neither -t nor -z. */
static int
sacadm_pmop(const struct adm_opts *o)
{
	static const struct {
		unsigned op;
		int ac;
	} acs[] = { { OP_START, AC_START }, { OP_KILL, AC_KILL },
		{ OP_ENABLE, AC_ENABLE }, { OP_DISABLE, AC_DISABLE } };
	size_t i;

	adm_need_root();
	if (o->tag == NULL || o->type != NULL || o->script != NULL)
		adm_usage_of(o);
	if (o->ops == OP_REMOVE)
		return sacadm_remove(o->tag);
	for (i = 0; acs[i].op != o->ops; i++)
		;
	return adm_send(acs[i].ac, o->tag, NULL);
}

static int
sacadm_run(const struct adm_opts *o)
{
	switch (o->ops) {
	case OP_ADD:
		adm_need_root();
		if (!o->saw_a || o->tag == NULL || o->type == NULL ||
		    o->cmd == NULL || o->version < 0)
			adm_usage_of(o);
		return sacadm_add(o);
	case OP_REMOVE:
	case OP_START:
	case OP_KILL:
	case OP_ENABLE:
	case OP_DISABLE:
		return sacadm_pmop(o);
	case OP_PLIST:
	case OP_LIST:
		if ((o->tag != NULL && o->type != NULL) || o->script != NULL)
			adm_usage_of(o);
		return sacadm_list(o);
	case OP_DBREAD:
		adm_need_root();
		if (o->type != NULL || o->script != NULL)
			adm_usage_of(o);
		return adm_send(
		    o->tag != NULL ? AC_PMREAD : AC_SACREAD, o->tag, NULL);
	case OP_CONFIG:
		if (o->script != NULL)
			adm_need_root();
		if (o->type != NULL || o->tag != NULL)
			adm_usage_of(o);
		return sacadm_sysconfig(o->script);
	case OP_PCONFIG:
		if (o->script != NULL)
			adm_need_root();
		if (o->tag == NULL || o->type != NULL)
			adm_usage_of(o);
		return sacadm_pmconfig(o->tag, o->script);
	default:
		adm_usage_of(o);
	}
}

int
main(int argc, char **argv)
{
	struct adm_opts o;

	adm_options(argc, argv, &sacadm_spec, &o);
	adm_sactab_version();
	return sacadm_run(&o);
}
