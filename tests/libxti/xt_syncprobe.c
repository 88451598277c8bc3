/*
 * xt_syncprobe - exec'd by check_sync with a transport endpoint on fd 0,
 * as the listener starts its servers.  A TLI program: it has none of the
 * library state of the process that made the endpoint.
 *
 * usage: xt_syncprobe mode
 *   sync      print "state=N" from t_sync(0), or "terr=N"
 *   getstate  print t_getstate(0) without t_sync (adoption on first use)
 *   listen    t_sync(0), t_listen, t_accept onto a new endpoint, send
 *             "accepted" on it, print "accepted"
 *   rcv       t_sync(0), print "data=<bytes>" from one t_rcv, then
 *             "look=N"
 *   fds       print "sockets=N", the number of open socket descriptors
 *   look      print "state=N look=M" from t_sync(0) and t_look(0)
 */
#include <tiuser.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int
probe_listen(void)
{
	struct t_call *call;
	int afd;

	if (t_sync(0) < 0)
		return printf("terr=%d\n", t_errno), 1;
	call = (struct t_call *)t_alloc(0, T_CALL, T_ALL);
	if (call == NULL || t_listen(0, call) < 0)
		return printf("listen terr=%d\n", t_errno), 1;
	afd = t_open("/dev/tcp", O_RDWR, NULL);
	if (afd < 0 || t_accept(0, afd, call) < 0)
		return printf("accept terr=%d\n", t_errno), 1;
	t_free((char *)call, T_CALL);
	if (t_snd(afd, "accepted", 8, 0) != 8)
		return printf("snd terr=%d\n", t_errno), 1;
	t_sndrel(afd);
	printf("accepted\n");
	return 0;
}

static int
probe_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	struct stat st;
	int n = 0;

	if (d == NULL)
		return 1;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.' && fstat(atoi(e->d_name), &st) == 0 &&
		    S_ISSOCK(st.st_mode))
			n++;
	closedir(d);
	printf("sockets=%d\n", n);
	return 0;
}

int
main(int argc, char **argv)
{
	char buf[64];
	int n, flags, s;

	if (argc != 2)
		return 2;
	setvbuf(stdout, NULL, _IONBF, 0);
	if (strcmp(argv[1], "sync") == 0 || strcmp(argv[1], "getstate") == 0) {
		s = strcmp(argv[1], "sync") == 0 ? t_sync(0) : t_getstate(0);
		if (s < 0)
			printf("terr=%d\n", t_errno);
		else
			printf("state=%d\n", s);
		return 0;
	}
	if (strcmp(argv[1], "listen") == 0)
		return probe_listen();
	if (strcmp(argv[1], "rcv") == 0) {
		if (t_sync(0) < 0)
			return printf("terr=%d\n", t_errno), 1;
		n = t_rcv(0, buf, sizeof(buf), &flags);
		if (n < 0)
			return printf("rcv terr=%d\n", t_errno), 1;
		printf("data=%.*s\n", n, buf);
		printf("look=%d\n", t_look(0));
		return 0;
	}
	if (strcmp(argv[1], "fds") == 0)
		return probe_fds();
	if (strcmp(argv[1], "look") == 0) {
		s = t_sync(0);
		printf("state=%d look=%d\n", s, t_look(0));
		return 0;
	}
	return 2;
}
