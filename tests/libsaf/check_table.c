/*
 * check_table.c - whole tables: loading with line numbers, keeping every
 * line, editing, and the atomic rewrite (mode and owner kept, nothing
 * changed and no temporary file left when it fails).
 */
#define _GNU_SOURCE
#include "saf_test.h"

#include <saf.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* A table as an administrator may leave it: comments, blanks, odd but
   valid spacing; reading and writing it back changes nothing. */
static const char sactab[] = "# VERSION=1\n"
			     "\n"
			     "# the listeners\n"
			     "tcp:listen::3:/usr/lib/saf/listen tcp   # TCP\n"
			     "zsmon:ttymon:d:0:/usr/lib/saf/ttymon\t# \n"
			     "   \n";

static const char pmtab[] = "# VERSION=4\n"
			    "0::root:reserved:reserved:reserved:::c::"
			    "/usr/lib/saf/nlps_server#NLPS server\n"
			    "lpd::lp:reserved:reserved:reserved:\\:515::c::"
			    "/usr/lib/lpd# \n";

START_TEST(test_parse_keep)
{
	struct saf_sactab t = { 0 };
	struct saf_error err;
	char *text;
	size_t len;

	ck_assert_int_eq(
	    saf_sactab_parse_buf(sactab, strlen(sactab), &t, &err), 0);
	ck_assert_uint_eq(t.n, 6);
	ck_assert_uint_eq(saf_sactab_count(&t), 2);
	ck_assert_int_eq(t.v[3].lineno, 4);
	ck_assert(t.v[3].is_entry);
	ck_assert(!t.v[2].is_entry);
	ck_assert_ptr_nonnull(saf_sactab_find(&t, "zsmon"));
	ck_assert_uint_eq(saf_sactab_find(&t, "zsmon")->flags, SAF_SAC_DFLAG);
	ck_assert_ptr_null(saf_sactab_find(&t, "nope"));
	ck_assert_int_eq(saf_sactab_text(&t, &text, &len, &err), 0);
	ck_assert_uint_eq(len, strlen(sactab));
	ck_assert_str_eq(text, sactab);
	free(text);
	saf_sactab_free(&t);
	ck_assert_ptr_null(t.v);
	ck_assert_uint_eq(t.n, 0);
}
END_TEST

START_TEST(test_parse_errors)
{
	static const struct {
		const char *text;
		int line, code;
	} cases[] = {
		{ "# VERSION=1\na:b::0:/x\nbad line\n", 3, SAF_ECORRUPT },
		{ "a:b::0:/x\n\na:c::1:/y\n", 3, SAF_EDUP },
		{ "a:b::0:/x\nb:b:q:0:/x", 2, SAF_EBADFLAG },
		{ "a:b::0:/x\nb:b::0:/\0x\n", 2, SAF_EBADCHAR },
	};
	struct saf_sactab t = { 0 };
	struct saf_error err;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len = strlen(cases[i].text);

		if (i == 3)
			len += 4; /* past the NUL */
		ck_assert_int_eq(
		    saf_sactab_parse_buf(cases[i].text, len, &t, &err), -1);
		ck_assert_int_eq(err.line, cases[i].line);
		ck_assert_int_eq(err.code, cases[i].code);
		/* a failed parse leaves an empty table */
		ck_assert_uint_eq(t.n, 0);
	}
	ck_assert_int_eq(
	    saf_sactab_parse_buf("a:b::0:/x\nb:b::0:/x", 19, &t, &err), 0);
	/* the last line had no newline: read all the same */
	ck_assert_uint_eq(saf_sactab_count(&t), 2);
	saf_sactab_free(&t);
}
END_TEST

START_TEST(test_edit)
{
	struct saf_sactab t = { 0 };
	struct saf_sactab_entry e;
	struct saf_error err;
	char *text;
	size_t len;

	ck_assert_int_eq(
	    saf_sactab_parse_buf(sactab, strlen(sactab), &t, &err), 0);
	/* an entry of the table changed in place, then replaced by itself */
	saf_sactab_find(&t, "zsmon")->rcount = 7;
	ck_assert_int_eq(
	    saf_sactab_replace(&t, saf_sactab_find(&t, "zsmon"), &err), 0);
	ck_assert_int_eq(saf_sactab_find(&t, "zsmon")->rcount, 7);
	ck_assert_ptr_null(t.v[4].raw);
	e = *saf_sactab_find(&t, "tcp");
	ck_assert_int_eq(saf_sactab_add(&t, &e, &err), -1);
	ck_assert_int_eq(err.code, SAF_EDUP);
	e.rcount = 5;
	e.flags = SAF_SAC_XFLAG;
	ck_assert_int_eq(saf_sactab_replace(&t, &e, &err), 0);
	memset(&e, 0, sizeof(e));
	strcpy(e.tag, "udp");
	strcpy(e.type, "listen");
	strcpy(e.command, "/usr/lib/saf/listen udp");
	strcpy(e.comment, " ");
	ck_assert_int_eq(saf_sactab_replace(&t, &e, &err), -1);
	ck_assert_int_eq(err.code, SAF_ENOTFOUND);
	ck_assert_int_eq(saf_sactab_add(&t, &e, &err), 0);
	ck_assert_int_eq(saf_sactab_remove(&t, "zsmon"), 0);
	ck_assert_int_eq(saf_sactab_remove(&t, "zsmon"), -1);
	ck_assert_int_eq(errno, ENOENT);
	strcpy(e.command, "/bad:command");
	strcpy(e.tag, "bad");
	ck_assert_int_eq(saf_sactab_add(&t, &e, &err), -1);
	ck_assert_int_eq(saf_sactab_text(&t, &text, &len, &err), 0);
	ck_assert_str_eq(text,
	    "# VERSION=1\n"
	    "\n"
	    "# the listeners\n"
	    "tcp:listen:x:5:/usr/lib/saf/listen tcp\t# TCP\n"
	    "   \n"
	    "udp:listen::0:/usr/lib/saf/listen udp\t# \n");
	free(text);
	saf_sactab_free(&t);
}
END_TEST

START_TEST(test_pmtab_table)
{
	struct saf_pmtab t = { 0 };
	struct saf_pmtab_entry e;
	struct saf_error err;
	char *text;
	size_t len;

	ck_assert_int_eq(
	    saf_pmtab_parse_buf(pmtab, strlen(pmtab), &t, &err), 0);
	ck_assert_uint_eq(saf_pmtab_count(&t), 2);
	ck_assert_str_eq(
	    saf_pmtab_find(&t, "lpd")->pmspec, "\\:515::c::/usr/lib/lpd");
	e = *saf_pmtab_find(&t, "lpd");
	e.flags |= SAF_PM_XFLAG;
	ck_assert_int_eq(saf_pmtab_replace(&t, &e, &err), 0);
	ck_assert_int_eq(saf_pmtab_remove(&t, "0"), 0);
	ck_assert_int_eq(saf_pmtab_add(&t, &e, &err), -1);
	strcpy(e.svctag, "lpd2");
	ck_assert_int_eq(saf_pmtab_add(&t, &e, &err), 0);
	ck_assert_int_eq(saf_pmtab_text(&t, &text, &len, &err), 0);
	ck_assert_str_eq(text,
	    "# VERSION=4\n"
	    "lpd:x:lp:reserved:reserved:reserved:\\:515::c::"
	    "/usr/lib/lpd# \n"
	    "lpd2:x:lp:reserved:reserved:reserved:\\:515::"
	    "c::/usr/lib/lpd# \n");
	free(text);
	ck_assert_int_eq(
	    saf_pmtab_parse_buf("a::i:r:r:r:x\na::i:r:r:r:y\n", 26, &t, &err),
	    -1);
	ck_assert_int_eq(err.code, SAF_EDUP);
	ck_assert_int_eq(err.line, 2);
	ck_assert_str_eq(err.field, "svctag");
	saf_pmtab_free(&t);
}
END_TEST

/* How many temporary files (".name.XXXXXX") dir holds. */
static int
temp_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] == '.' && strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

START_TEST(test_store_modes)
{
	char *dir = st_tmpdir();
	char path[4096], *text;
	struct saf_sactab t = { 0 };
	struct saf_error err;
	struct stat st;

	snprintf(path, sizeof(path), "%s", st_path(dir, "_sactab"));
	ck_assert_int_eq(
	    saf_sactab_parse_buf(sactab, strlen(sactab), &t, &err), 0);
	/* a new table: 0644 whatever the umask */
	umask(077);
	ck_assert_int_eq(saf_sactab_store(path, &t, &err), 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0644);
	text = st_read(path, NULL);
	ck_assert_str_eq(text, sactab);
	free(text);
	/* an existing table keeps its mode and owner */
	ck_assert_int_eq(chmod(path, 0640), 0);
	if (geteuid() == 0)
		ck_assert_int_eq(chown(path, 1, 2), 0);
	ck_assert_int_eq(saf_sactab_remove(&t, "zsmon"), 0);
	ck_assert_int_eq(saf_sactab_store(path, &t, &err), 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0640);
	if (geteuid() == 0) {
		ck_assert_int_eq(st.st_uid, 1);
		ck_assert_int_eq(st.st_gid, 2);
	}
	ck_assert_int_eq(temp_files(dir), 0);
	saf_sactab_free(&t);
	/* and it loads back */
	ck_assert_int_eq(saf_sactab_load(path, &t, &err), 0);
	ck_assert_uint_eq(saf_sactab_count(&t), 1);
	saf_sactab_free(&t);
	ck_assert_int_eq(saf_sactab_load(st_path(dir, "none"), &t, &err), -1);
	ck_assert_int_eq(err.code, SAF_ESYS);
	ck_assert_int_eq(err.sys_errno, ENOENT);
	st_rmtree(dir);
	free(dir);
}
END_TEST

/* In a child: become an unprivileged user (when root) and try to store
   the table into a directory it may not write.  Exit 0 if the store
   failed as it should. */
static void
store_unprivileged(const char *path, const struct saf_pmtab *t)
{
	struct saf_error err;

	if (geteuid() == 0) {
		struct passwd *pw = getpwnam("nobody");
		uid_t uid = pw != NULL ? pw->pw_uid : 65534;
		gid_t gid = pw != NULL ? pw->pw_gid : 65534;

		if (setgid(gid) < 0 || setuid(uid) < 0)
			_exit(2);
	}
	if (saf_pmtab_store(path, t, &err) == 0)
		_exit(3);
	_exit(err.code == SAF_ESYS && err.sys_errno == EACCES ? 0 : 4);
}

START_TEST(test_store_fails_unwritable)
{
	char *dir = st_tmpdir();
	char path[4096], *text;
	struct saf_pmtab t = { 0 };
	struct saf_error err;

	pid_t pid;

	snprintf(path, sizeof(path), "%s", st_path(dir, "_pmtab"));
	st_write(path, pmtab);
	ck_assert_int_eq(saf_pmtab_load(path, &t, &err), 0);
	ck_assert_int_eq(saf_pmtab_remove(&t, "lpd"), 0);
	ck_assert_int_eq(chmod(dir, 0555), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0)
		store_unprivileged(path, &t);
	ck_assert_int_eq(st_wait(pid), 0);
	/* the old table is intact, nothing left beside it */
	text = st_read(path, NULL);
	ck_assert_str_eq(text, pmtab);
	free(text);
	ck_assert_int_eq(temp_files(dir), 0);
	saf_pmtab_free(&t);
	st_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_store_fails_write)
{
	char *dir = st_tmpdir();
	char path[4096], *text;
	struct saf_sactab t = { 0 };
	struct saf_sactab_entry e;
	struct saf_error err;
	int i;
	pid_t pid;

	snprintf(path, sizeof(path), "%s", st_path(dir, "_sactab"));
	st_write(path, sactab);
	ck_assert_int_eq(saf_sactab_load(path, &t, &err), 0);
	/* a table bigger than the file size limit the child will have */
	memset(&e, 0, sizeof(e));
	strcpy(e.type, "listen");
	memset(e.command, 'c', 900);
	e.command[0] = '/';
	for (i = 0; i < 20; i++) {
		snprintf(e.tag, sizeof(e.tag), "pm%d", i);
		ck_assert_int_eq(saf_sactab_add(&t, &e, &err), 0);
	}
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct rlimit rl = { 4096, 4096 };

		signal(SIGXFSZ, SIG_IGN);
		if (setrlimit(RLIMIT_FSIZE, &rl) < 0)
			_exit(2);
		if (saf_sactab_store(path, &t, &err) == 0)
			_exit(3);
		_exit(err.code == SAF_ESYS && err.sys_errno == EFBIG ? 0 : 4);
	}
	ck_assert_int_eq(st_wait(pid), 0);
	text = st_read(path, NULL);
	ck_assert_str_eq(text, sactab);
	free(text);
	ck_assert_int_eq(temp_files(dir), 0);
	saf_sactab_free(&t);
	st_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_file_read)
{
	char *dir = st_tmpdir();
	char path[4096], *buf;
	size_t len;
	int fd;

	snprintf(path, sizeof(path), "%s", st_path(dir, "big"));
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, SAF_TABLE_MAX + 1), 0);
	close(fd);
	ck_assert_int_eq(saf_file_read(path, &buf, &len), -1);
	ck_assert_int_eq(errno, EFBIG);
	st_write(path, "");
	ck_assert_int_eq(saf_file_read(path, &buf, &len), 0);
	ck_assert_uint_eq(len, 0);
	ck_assert_str_eq(buf, "");
	free(buf);
	st_write(path, pmtab);
	ck_assert_int_eq(saf_file_read(path, &buf, &len), 0);
	ck_assert_uint_eq(len, strlen(pmtab));
	ck_assert_str_eq(buf, pmtab);
	free(buf);
	st_rmtree(dir);
	free(dir);
}
END_TEST

Suite *
st_table_suite(void)
{
	Suite *s = suite_create("table");
	TCase *tc = tcase_create("table");

	tcase_add_test(tc, test_parse_keep);
	tcase_add_test(tc, test_parse_errors);
	tcase_add_test(tc, test_edit);
	tcase_add_test(tc, test_pmtab_table);
	tcase_add_test(tc, test_store_modes);
	tcase_add_test(tc, test_store_fails_unwritable);
	tcase_add_test(tc, test_store_fails_write);
	tcase_add_test(tc, test_file_read);
	suite_add_tcase(s, tc);
	return s;
}
