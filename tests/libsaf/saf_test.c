/*
 * saf_test.c - helpers of the libsaf Check suites, and their main():
 * one program runs the suites of every module.
 */
#define _GNU_SOURCE
#include "saf_test.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

char *
st_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *dir;

	if (base == NULL || base[0] == '\0')
		base = "/tmp";
	ck_assert_int_ge(asprintf(&dir, "%s/safXXXXXX", base), 0);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	return dir;
}

static int
st_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	chmod(path, 0700);
	return remove(path);
}

void
st_rmtree(const char *dir)
{
	chmod(dir, 0700);
	nftw(dir, st_rm, 16, FTW_DEPTH | FTW_PHYS);
}

const char *
st_path(const char *dir, const char *name)
{
	static char buf[4096];

	ck_assert_int_lt(
	    snprintf(buf, sizeof(buf), "%s/%s", dir, name), (int)sizeof(buf));
	return buf;
}

void
st_write(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	size_t len = strlen(text);

	ck_assert_msg(fd >= 0, "open %s: %s", path, strerror(errno));
	ck_assert_int_eq(write(fd, text, len), (ssize_t)len);
	ck_assert_int_eq(close(fd), 0);
}

char *
st_read(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "re");
	char *buf;
	size_t n;

	if (fp == NULL)
		return NULL;
	buf = malloc(1 << 20);
	ck_assert_ptr_nonnull(buf);
	n = fread(buf, 1, (1 << 20) - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	if (len != NULL)
		*len = n;
	return buf;
}

char *
st_safroot(void)
{
	char *dir = st_tmpdir();
	char etc[4096], var[4096];

	snprintf(etc, sizeof(etc), "%s/etc", dir);
	snprintf(var, sizeof(var), "%s/var", dir);
	ck_assert_int_eq(mkdir(etc, 0755), 0);
	ck_assert_int_eq(mkdir(var, 0755), 0);
	setenv("SAF_ETC", etc, 1);
	setenv("SAF_VAR", var, 1);
	setenv("SAF_UTMPX", st_path(dir, "utmp"), 1);
	setenv("SAF_WTMPX", st_path(dir, "wtmp"), 1);
	return dir;
}

int
st_wait(pid_t pid)
{
	int status;

	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	return WEXITSTATUS(status);
}

void
st_error_is(const struct saf_error *err, int code, int line, const char *field,
    int column, const char *what)
{
	ck_assert_msg(err->code == code, "%s: code %d, %d expected", what,
	    err->code, code);
	ck_assert_msg(err->line == line, "%s: line %d, %d expected", what,
	    err->line, line);
	if (field == NULL)
		ck_assert_msg(
		    err->field == NULL, "%s: field %s", what, err->field);
	else
		ck_assert_msg(
		    err->field != NULL && strcmp(err->field, field) == 0,
		    "%s: field %s, %s expected", what,
		    err->field ? err->field : "(none)", field);
	if (column > 0)
		ck_assert_msg(err->column == column,
		    "%s: column %d, %d expected", what, err->column, column);
}

/* Every module's suite in one runner; each test runs in its own child. */
int
main(void)
{
	SRunner *sr = srunner_create(st_msg_suite());
	int failed;

	srunner_add_suite(sr, st_line_suite());
	srunner_add_suite(sr, st_sactab_suite());
	srunner_add_suite(sr, st_pmtab_suite());
	srunner_add_suite(sr, st_table_suite());
	srunner_add_suite(sr, st_pid_suite());
	srunner_add_suite(sr, st_log_suite());
	srunner_add_suite(sr, st_utmpx_suite());
	srunner_add_suite(sr, st_addr_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
