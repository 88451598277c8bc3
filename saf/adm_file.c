/*
 * adm_file.c - the files sacadm and pmadm read and write, with their
 * messages.
 *
 * Tables are read and written through libsaf: whole lines (no 511-byte
 * split), every line kept as it was unless changed, a line libsaf refuses
 * reported with its file, line and field, and every rewrite atomic (a
 * temporary file renamed over the table, which keeps its mode).  Scripts
 * installed with -z are copied the same way and end up mode 0644 (the
 * original left them 0444).
 */
#include "config.h"

#include "adm.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ADM_SCRIPT_MODE 0644

void
adm_path(char *buf, size_t size, enum saf_pathname which, const char *tag)
{
	if (saf_path(buf, size, which, tag) < 0)
		adm_die(E_SYSERR, MSG_OPEN, tag != NULL ? tag : saf_etc_dir());
}

void
adm_check_version(int ver, const char *path, bool sactab)
{
	switch (check_version(ver, (char *)path)) {
	case 0:
		return;
	case 1:
		if (sactab)
			adm_die(E_SAFERR, MSG_SACTAB_VERSION);
		adm_die(E_SAFERR, MSG_VERSION, path);
	case 2:
		adm_die(E_SYSERR, MSG_OPEN_LC, path);
	default:
		adm_die(E_SAFERR, MSG_FILE_CORRUPT, path);
	}
}

void
adm_sactab_version(void)
{
	char path[SAF_PATH_MAX];

	adm_path(path, sizeof(path), SAF_P_SACTAB, NULL);
	adm_check_version(SAF_SACTAB_VERSION, path, true);
}

/* A load failure: the file could not be read, or a line is bad. */
static _Noreturn void
adm_load_fail(const char *path, const struct saf_error *err, bool sactab)
{
	char text[SAF_ERRTEXT_MAX + 64];

	if (err->code == SAF_ESYS)
		adm_die(E_SYSERR, sactab ? MSG_OPEN_LC : MSG_OPEN, path);
	adm_errtext(err, text, sizeof(text));
	if (sactab)
		adm_die(E_SAFERR, MSG_SACTAB_BAD, path, text);
	adm_die(E_SAFERR, MSG_PMTAB_BAD, path, text);
}

void
adm_sactab_load(struct saf_sactab *t)
{
	char path[SAF_PATH_MAX];
	struct saf_error err;

	adm_path(path, sizeof(path), SAF_P_SACTAB, NULL);
	if (saf_sactab_load(path, t, &err) < 0)
		adm_load_fail(path, &err, true);
}

void
adm_pmtab_load(const char *tag, struct saf_pmtab *t)
{
	char path[SAF_PATH_MAX];
	struct saf_error err;

	adm_path(path, sizeof(path), SAF_P_PMTAB, tag);
	if (saf_pmtab_load(path, t, &err) < 0)
		adm_load_fail(path, &err, false);
}

static _Noreturn void
adm_store_fail(const struct saf_error *err)
{
	char text[SAF_ERRTEXT_MAX + 64];

	adm_die(err->code == SAF_ESYS ? E_SYSERR : E_BADARGS,
	    err->code == SAF_ESYS ? MSG_WRITE_TEMP : MSG_BADENTRY,
	    adm_errtext(err, text, sizeof(text)));
}

void
adm_sactab_store(const struct saf_sactab *t)
{
	char path[SAF_PATH_MAX];
	struct saf_error err;

	adm_path(path, sizeof(path), SAF_P_SACTAB, NULL);
	if (saf_sactab_store(path, t, &err) < 0)
		adm_store_fail(&err);
}

void
adm_pmtab_store(const char *tag, const struct saf_pmtab *t)
{
	char path[SAF_PATH_MAX];
	struct saf_error err;

	adm_path(path, sizeof(path), SAF_P_PMTAB, tag);
	if (saf_pmtab_store(path, t, &err) < 0)
		adm_store_fail(&err);
}

void
adm_write(const char *path, const void *data, size_t len, mode_t mode)
{
	struct saf_error err;

	if (saf_file_replace(path, data, len, mode, &err) < 0)
		adm_store_fail(&err);
}

/* Copy dest to stdout (-g, -G without -z). */
static int
adm_config_print(const char *dest)
{
	char *buf;
	size_t len;

	if (access(dest, F_OK) < 0 && errno == ENOENT) {
		adm_msg(MSG_NOSCRIPT);
		return E_NOEXIST;
	}
	if (saf_file_read(dest, &buf, &len) < 0) {
		adm_msg(MSG_SCRIPT_OPEN);
		return E_SYSERR;
	}
	if (fwrite(buf, 1, len, stdout) != len || fflush(stdout) != 0) {
		free(buf);
		return E_SYSERR;
	}
	free(buf);
	return 0;
}

/* Install script as dest (-z). */
static int
adm_config_install(const char *script, const char *dest)
{
	struct saf_error err;
	struct stat st;
	char *buf, text[SAF_ERRTEXT_MAX + 64];
	size_t len;

	if (stat(script, &st) < 0) {
		if (errno == ENOENT) {
			adm_msg(MSG_NOTEXIST, script);
			return E_NOEXIST;
		}
		adm_msg(MSG_NOSTAT, script);
		return E_SYSERR;
	}
	if (!S_ISREG(st.st_mode)) {
		/* the original went on with exit 0 having done nothing */
		adm_msg(MSG_W_NOTREG, script);
		return E_BADARGS;
	}
	if (saf_file_read(script, &buf, &len) < 0) {
		adm_msg(MSG_CANNOT_OPEN, script);
		return E_SYSERR;
	}
	/* an existing script keeps its mode through the rewrite: reset it */
	if (saf_file_replace(dest, buf, len, ADM_SCRIPT_MODE, &err) < 0) {
		free(buf);
		adm_msg(MSG_WRITE_TEMP, adm_errtext(&err, text, sizeof(text)));
		return E_SYSERR;
	}
	free(buf);
	if (chmod(dest, ADM_SCRIPT_MODE) < 0) {
		adm_msg(MSG_WRITE_TEMP, dest);
		return E_SYSERR;
	}
	return 0;
}

int
adm_config(const char *script, const char *dest)
{
	return script != NULL ? adm_config_install(script, dest)
			      : adm_config_print(dest);
}
