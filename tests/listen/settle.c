/*
 * settle.c - how many connections of a test client got what (settle.h).
 */
#include "config.h"

#include "settle.h"

#include <errno.h>
#include <stdio.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

long
settle_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
settle(struct pollfd *p, int n, long deadline_ms, int resets, int failed)
{
	int i, left = 0, data = 0, fin = 0;
	char c;

	for (i = 0; i < n; i++)
		if (p[i].fd >= 0)
			left++;
	while (left > 0 && settle_now_ms() < deadline_ms) {
		if (poll(p, (nfds_t)n, 200) <= 0)
			continue;
		for (i = 0; i < n; i++) {
			if (p[i].fd < 0 || p[i].revents == 0)
				continue;
			if (recv(p[i].fd, &c, 1, 0) == 1)
				data++;
			else if (errno == ECONNRESET)
				resets++;
			else
				fin++;
			close(p[i].fd);
			p[i].fd = -1;
			left--;
		}
	}
	printf("data=%d reset=%d closed=%d open=%d failed=%d\n", data, resets,
	    fin, left, failed);
	for (i = 0; i < n; i++)
		if (p[i].fd >= 0)
			close(p[i].fd);
}
