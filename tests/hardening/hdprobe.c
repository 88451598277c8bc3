/*
 * hdprobe - a server for the hardening tests.  It writes on fd 1, one
 * item per line, everything a server inherits from the listener that
 * could carry privilege or state: real and effective ids, supplementary
 * groups, capability sets, no_new_privs, ignored and blocked signals,
 * umask, directory, open descriptors, session and controlling terminal,
 * the whole environment (sorted) and the arguments; then "end" and it
 * echoes what the client sends until end of file.
 */
#include "config.h"

#include "../listen/probefds.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

extern char **environ;

/* The lines of /proc/self/status that say what we may do. */
static void
status_lines(void)
{
	static const char *const keys[] = { "CapInh:", "CapPrm:", "CapEff:",
		"CapAmb:", "NoNewPrivs:", "SigIgn:", "SigBlk:" };
	char line[256];
	FILE *f = fopen("/proc/self/status", "r");
	size_t i;

	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL)
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			if (strncmp(line, keys[i], strlen(keys[i])) == 0) {
				char *v = line + strlen(keys[i]);

				v += strspn(v, " \t");
				printf("%.*s=%s", (int)strlen(keys[i]) - 1,
				    keys[i], v);
			}
	fclose(f);
}

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
	gid_t groups[256];
	char cwd[1024], buf[4096];
	mode_t m = umask(0);
	int i, n = getgroups(256, groups), tty;
	size_t ne = 0, k;
	char **env;
	ssize_t r;

	printf("uid=%d euid=%d gid=%d egid=%d\ngroups=", (int)getuid(),
	    (int)geteuid(), (int)getgid(), (int)getegid());
	for (i = 0; i < n; i++)
		printf("%s%d", i ? "," : "", (int)groups[i]);
	printf("\n");
	status_lines();
	printf("umask=%03o\ncwd=%s\nfds=", (unsigned)m,
	    getcwd(cwd, sizeof(cwd)) != NULL ? cwd : "?");
	probe_fds();
	tty = open("/dev/tty", O_RDWR | O_NOCTTY);
	printf("\nsession=%s\ntty=%s\n",
	    getsid(0) == getpid() ? "leader" : "inherited",
	    tty >= 0 ? "yes" : "none");
	while (environ[ne] != NULL)
		ne++;
	env = calloc(ne + 1, sizeof(char *));
	for (k = 0; k < ne; k++)
		env[k] = environ[k];
	qsort(env, ne, sizeof(char *), cmp);
	for (k = 0; k < ne; k++)
		printf("env:%s\n", env[k]);
	for (i = 0; i < argc; i++)
		printf("arg%d=%s\n", i, argv[i]);
	printf("end\n");
	fflush(stdout);
	while ((r = read(0, buf, sizeof(buf))) > 0)
		(void)!write(1, buf, (size_t)r);
	return 0;
}
