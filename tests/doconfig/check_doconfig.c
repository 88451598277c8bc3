/*
 * check_doconfig.c - the doconfig(3) test program: shared helpers and the
 * runner of the parser, executor, module and spawn suites.
 */
#include "config.h"

#include "dctest.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* How many paths dct_write keeps valid at once. */
#define DCT_NPATHS   8
/* Descriptors nftw may hold open while removing dct_dir. */
#define DCT_NFTW_FDS 16

char dct_dir[DCT_PATH_MAX];

void
dct_setup(void)
{
	const char *tmp = getenv("TMPDIR");

	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	snprintf(dct_dir, sizeof(dct_dir), "%s/doconfig-XXXXXX", tmp);
	ck_assert_ptr_nonnull(mkdtemp(dct_dir));
	/* searchable by everyone: one test reads it as nobody */
	ck_assert_int_eq(chmod(dct_dir, 0755), 0);
}

static int
dct_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path) < 0 ? -1 : 0;
}

void
dct_teardown(void)
{
	if (dct_dir[0] != '\0')
		(void)nftw(dct_dir, dct_rm, DCT_NFTW_FDS, FTW_DEPTH | FTW_PHYS);
}

char *
dct_path(char *buf, size_t size, const char *name)
{
	int n = snprintf(buf, size, "%s/%s", dct_dir, name);

	ck_assert(n > 0 && (size_t)n < size);
	return buf;
}

const char *
dct_write(const char *name, const char *text, size_t len)
{
	static char paths[DCT_NPATHS][DCT_PATH_MAX];
	static unsigned int next;
	char *path = paths[next++ % DCT_NPATHS];
	int fd;

	dct_path(path, DCT_PATH_MAX, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, len), (ssize_t)len);
	ck_assert_int_eq(close(fd), 0);
	return path;
}

const char *
dct_script(const char *name, const char *text)
{
	return dct_write(name, text, strlen(text));
}

long
dct_slurp(const char *path, char *buf, size_t size)
{
	size_t n = 0;
	ssize_t r;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	while (n + 1 < size && (r = read(fd, buf + n, size - n - 1)) > 0)
		n += (size_t)r;
	close(fd);
	buf[n] = '\0';
	return (long)n;
}

int
dct_wait_file(const char *path, double seconds)
{
	struct timespec pause = { 0, 10 * 1000 * 1000 };
	struct stat st;
	double waited;

	for (waited = 0; waited < seconds; waited += 0.01) {
		if (stat(path, &st) == 0 && st.st_size > 0)
			return 0;
		nanosleep(&pause, NULL);
	}
	return -1;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	sr = srunner_create(dct_parse_suite());
	srunner_add_suite(sr, dct_exec_suite());
	srunner_add_suite(sr, dct_modules_suite());
	srunner_add_suite(sr, dct_spawn_suite());
	/* the tests change the process: each must run in its own child */
	srunner_set_fork_status(sr, CK_FORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
