/*
 * probefds.c - the descriptors a server was started with (probefds.h).
 */
#include "config.h"

#include "probefds.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

void
probe_fds(void)
{
	struct dirent *e;
	DIR *d;
	int fd;

	if ((d = opendir("/proc/self/fd")) == NULL)
		return;
	fd = dirfd(d); /* its own, not one the process was started with */
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.' && atoi(e->d_name) != fd)
			printf("%s ", e->d_name);
	closedir(d);
}
