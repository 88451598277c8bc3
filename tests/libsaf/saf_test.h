/*
 * saf_test.h - helpers of the libsaf Check suites: temporary SAF roots,
 * whole-file reads and writes, and the common main().
 */
#ifndef LISTEN_SAF_TEST_H
#define LISTEN_SAF_TEST_H

#include <check.h>
#include <stddef.h>

/* A new empty directory under $TMPDIR (or /tmp); free() the name. */
char *st_tmpdir(void);
/* Remove a directory tree made by st_tmpdir. */
void st_rmtree(const char *dir);
/* "<dir>/<name>" in a static buffer that lasts until the next call. */
const char *st_path(const char *dir, const char *name);
/* Write text to path (created 0644 or truncated); fails the test on error. */
void st_write(const char *path, const char *text);
/* The whole of path, NUL-terminated, malloc'ed; NULL if it cannot be read. */
char *st_read(const char *path, size_t *len);
/* A temporary SAF root: SAF_ETC=<dir>/etc, SAF_VAR=<dir>/var (both made),
   SAF_UTMPX=<dir>/utmp, SAF_WTMPX=<dir>/wtmp.  Returns dir. */
char *st_safroot(void);
/* Run the suite; the process exit code. */
int st_run(Suite *s);

#endif
