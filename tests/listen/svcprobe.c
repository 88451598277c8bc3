/*
 * svcprobe - a server for the listener's tests: it writes on fd 1 what it
 * was started with (ids, groups, umask, directory, open descriptors and
 * whether fd 0 is blocking, whether it leads its own session, the signals
 * it ignores and blocks, the listener's environment, its arguments), then
 * echoes what the client sends until end of file.
 */
#include "config.h"

#include "probefds.h"

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *
env(const char *name)
{
	const char *v = getenv(name);

	return v != NULL ? v : "unset";
}

int
main(int argc, char **argv)
{
	gid_t groups[64];
	char cwd[1024], buf[4096];
	mode_t m = umask(0);
	sigset_t mask;
	int i, n = getgroups(64, groups);
	ssize_t r;

	printf("uid=%d gid=%d groups=", (int)getuid(), (int)getgid());
	for (i = 0; i < n; i++)
		printf("%s%d", i ? "," : "", (int)groups[i]);
	printf("\numask=%03o\ncwd=%s\nfds=", (unsigned)m,
	    getcwd(cwd, sizeof(cwd)) != NULL ? cwd : "?");
	probe_fds();
	printf("\nfd0=%s",
	    (fcntl(0, F_GETFL) & O_NONBLOCK) ? "nonblocking" : "blocking");
	printf("\nsid=%s", getsid(0) == getpid() ? "self" : "other");
	printf("\nsigign=");
	for (i = 1; i < NSIG; i++) {
		struct sigaction sa;

		if (sigaction(i, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
			printf("%d ", i);
	}
	printf("\nsigblk=");
	if (sigprocmask(SIG_BLOCK, NULL, &mask) == 0)
		for (i = 1; i < NSIG; i++)
			if (sigismember(&mask, i) == 1)
				printf("%d ", i);
	printf("\nNLSADDR=%s NLSPROVIDER=%s MPREFIX=%s NLSOPT=%s NLSUDATA=%s\n",
	    env("NLSADDR"), env("NLSPROVIDER"), env("MPREFIX"), env("NLSOPT"),
	    env("NLSUDATA"));
	printf("HOME=%s LOGNAME=%s USER=%s PATH=%s\n", env("HOME"),
	    env("LOGNAME"), env("USER"), env("PATH"));
	printf("FROMSCRIPT=%s args=", env("FROMSCRIPT"));
	for (i = 1; i < argc; i++)
		printf("%s%s", i > 1 ? " " : "", argv[i]);
	printf("\n");
	fflush(stdout);
	while ((r = read(0, buf, sizeof(buf))) > 0)
		(void)!write(1, buf, (size_t)r);
	return 0;
}
