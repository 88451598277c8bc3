/*
 * utxprobe - read a utmpx file back with the utmpx API, for the
 * listener's tests.
 *
 * usage: utxprobe file
 *   one line per record, in file order:
 *   "type=<t> pid=<p> line=<l> user=<u> host=<h> id=<i> exit=<e>"
 *   (id printed as its printable bytes, exit as ut_exit.e_exit)
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <utmpx.h>

/* A fixed-width utmpx field as a string. */
static const char *
field(const char *f, size_t size, char *buf)
{
	size_t n = strnlen(f, size);

	memcpy(buf, f, n);
	buf[n] = '\0';
	return buf;
}

int
main(int argc, char **argv)
{
	struct utmpx *u;
	char line[sizeof(u->ut_line) + 1], user[sizeof(u->ut_user) + 1];
	char host[sizeof(u->ut_host) + 1], id[sizeof(u->ut_id) + 1];

	if (argc != 2) {
		fprintf(stderr, "usage: utxprobe file\n");
		return 2;
	}
	if (utmpxname(argv[1]) != 0) {
		perror(argv[1]);
		return 1;
	}
	setutxent();
	while ((u = getutxent()) != NULL)
		printf(
		    "type=%d pid=%ld line=%s user=%s host=%s id=%s exit=%d\n",
		    (int)u->ut_type, (long)u->ut_pid,
		    field(u->ut_line, sizeof(u->ut_line), line),
		    field(u->ut_user, sizeof(u->ut_user), user),
		    field(u->ut_host, sizeof(u->ut_host), host),
		    field(u->ut_id, sizeof(u->ut_id), id),
		    (int)u->ut_exit.e_exit);
	endutxent();
	return 0;
}
