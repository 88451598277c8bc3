/*
 * admprobe - raw SAC protocol messages for sac's tests (sacadm's client
 * is tested on its own).
 *
 *   admprobe cmd TYPE [TAG]       send an admcmd on _cmdpipe; print
 *                                 "ack=N size=M" and then the data
 *   admprobe idle MS              connect to _cmdpipe and send nothing
 *                                 for MS milliseconds; print what sac did
 *   admprobe pmmsg TYPE STATE TAG write a pmmsg to _sacpipe
 * Exit 0 when the exchange happened, 1 when it could not.
 */
#include "config.h"

#include "saf.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static int
connect_cmdpipe(void)
{
	struct sockaddr_un sun;
	int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (s < 0 ||
	    saf_path(sun.sun_path, sizeof(sun.sun_path), SAF_P_CMDPIPE, NULL) <
		0 ||
	    connect(s, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
		perror("admprobe: connect");
		exit(1);
	}
	return s;
}

/* Read exactly n bytes within 10 s. */
static int
readn(int s, void *buf, size_t n)
{
	struct pollfd pfd = { s, POLLIN, 0 };
	size_t got = 0;
	ssize_t r;

	while (got < n) {
		if (poll(&pfd, 1, 10000) != 1)
			return -1;
		r = read(s, (char *)buf + got, n - got);
		if (r <= 0)
			return -1;
		got += (size_t)r;
	}
	return 0;
}

static int
do_cmd(int type, const char *tag)
{
	struct admcmd c;
	struct admack a;
	struct saf_error err;
	char *data;
	int s = connect_cmdpipe();

	memset(&c, 0, sizeof(c));
	c.ac_mtype = (char)type;
	snprintf(c.ac_tag, sizeof(c.ac_tag), "%s", tag);
	c.ac_pid = getpid();
	if (write(s, &c, sizeof(c)) != (ssize_t)sizeof(c) ||
	    readn(s, &a, sizeof(a)) < 0) {
		fprintf(stderr, "admprobe: no answer\n");
		return 1;
	}
	(void)saf_admack_decode(&a, sizeof(a), &a, &err);
	printf("ack=%d size=%ld pid=%s\n", a.ak_resp, a.ak_size,
	    a.ak_pid == getpid() ? "ours" : "other");
	if (a.ak_size > 0 && a.ak_size < SAF_STATUS_MAX) {
		data = malloc((size_t)a.ak_size);
		if (data == NULL || readn(s, data, (size_t)a.ak_size) < 0)
			return 1;
		fwrite(data, 1, (size_t)a.ak_size, stdout);
		free(data);
	}
	close(s);
	return 0;
}

static int
do_idle(int ms)
{
	int s = connect_cmdpipe();
	struct pollfd pfd = { s, POLLIN, 0 };
	char c;

	if (poll(&pfd, 1, ms) == 1 && read(s, &c, 1) == 0)
		printf("closed by sac\n");
	else
		printf("still open\n");
	close(s);
	return 0;
}

static int
do_pmmsg(int type, int state, const char *tag)
{
	char path[SAF_PATH_MAX];
	struct pmmsg m;
	int fd;

	memset(&m, 0, sizeof(m));
	m.pm_type = (char)type;
	m.pm_state = (unsigned char)state;
	m.pm_maxclass = 1;
	snprintf(m.pm_tag, sizeof(m.pm_tag), "%s", tag);
	if (saf_path(path, sizeof(path), SAF_P_SACPIPE, NULL) < 0 ||
	    (fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)) < 0 ||
	    write(fd, &m, sizeof(m)) != (ssize_t)sizeof(m)) {
		perror("admprobe: _sacpipe");
		return 1;
	}
	close(fd);
	return 0;
}

int
main(int argc, char **argv)
{
	/* sac may close a refused connection before we write */
	signal(SIGPIPE, SIG_IGN);
	if (argc >= 3 && strcmp(argv[1], "cmd") == 0)
		return do_cmd(atoi(argv[2]), argc > 3 ? argv[3] : "");
	if (argc == 3 && strcmp(argv[1], "idle") == 0)
		return do_idle(atoi(argv[2]));
	if (argc == 5 && strcmp(argv[1], "pmmsg") == 0)
		return do_pmmsg(atoi(argv[2]), atoi(argv[3]), argv[4]);
	fprintf(stderr,
	    "usage: admprobe cmd TYPE [TAG] | idle MS | "
	    "pmmsg TYPE STATE TAG\n");
	return 2;
}
