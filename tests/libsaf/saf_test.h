/*
 * saf_test.h - helpers of the libsaf Check suites: temporary SAF roots,
 * whole-file reads and writes, children, error checks; the suites.
 */
#ifndef LISTEN_SAF_TEST_H
#define LISTEN_SAF_TEST_H

#include <saf.h>

#include <check.h>
#include <stddef.h>
#include <sys/types.h>

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
/* Wait for a child that must exit normally: its exit status. */
int st_wait(pid_t pid);
/* Check a parse error: the code, the line, the field (NULL: none) and,
   when column > 0, the column; what names the input in messages. */
void st_error_is(const struct saf_error *err, int code, int line,
    const char *field, int column, const char *what);

/* The suites, one per module (check_<module>.c). */
Suite *st_msg_suite(void);
Suite *st_line_suite(void);
Suite *st_sactab_suite(void);
Suite *st_pmtab_suite(void);
Suite *st_table_suite(void);
Suite *st_pid_suite(void);
Suite *st_log_suite(void);
Suite *st_utmpx_suite(void);
Suite *st_addr_suite(void);

#endif
