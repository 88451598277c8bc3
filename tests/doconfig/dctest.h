/*
 * dctest.h - shared helpers of the doconfig(3) tests.
 *
 * Every test runs in a forked child (Check's CK_FORK), so what doconfig
 * changes in the process (environment, directory, umask, limits, module
 * stacks) never reaches the next test.  Each test that needs files gets
 * a fresh temporary directory from the dct_setup fixture.
 */
#ifndef LISTEN_DCTEST_H
#define LISTEN_DCTEST_H

#include <check.h>
#include <stddef.h>

/* Longest path the helpers build. */
#define DCT_PATH_MAX 4096

/* The test's temporary directory (set by dct_setup). */
extern char dct_dir[DCT_PATH_MAX];

/* Checked fixture: create dct_dir, and remove it with its contents. */
void dct_setup(void);
void dct_teardown(void);

/* dct_dir/name in buf; returns buf. */
char *dct_path(char *buf, size_t size, const char *name);

/* Write text (len bytes) to dct_dir/name; returns the path (static). */
const char *dct_write(const char *name, const char *text, size_t len);

/* Write a NUL-terminated script to dct_dir/name; returns its path. */
const char *dct_script(const char *name, const char *text);

/* Read a whole small file into buf (NUL-terminated); bytes read, or -1. */
long dct_slurp(const char *path, char *buf, size_t size);

/* Wait up to seconds for path to exist with size > 0; 0 when it does. */
int dct_wait_file(const char *path, double seconds);

Suite *dct_parse_suite(void);
Suite *dct_exec_suite(void);
Suite *dct_modules_suite(void);
Suite *dct_spawn_suite(void);

#endif /* LISTEN_DCTEST_H */
