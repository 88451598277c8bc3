/*
 * adm_cmd.c - the client side of <SAF_ETC>/_cmdpipe.
 *
 * The channel is an AF_UNIX stream socket (sac_cmd.c serves it).  One
 * connection carries one request: a struct admcmd with our pid, then
 * struct admack answers; answers for another pid are skipped (the pid is
 * the sequence number, reference §4.4), and an AK_ACK with ak_size > 0 is
 * followed by that many bytes (AC_STATUS).  Waiting is bounded: no answer
 * within ten seconds means sac is not running (E_SACNOTRUN), as the
 * original's alarm(10) did; the data gets the same bound.
 */
#include "config.h"

#include "adm.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static long
adm_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Read exactly len bytes before the deadline: 0, or -1 (error, end of
   file or time out). */
static int
adm_read_full(int fd, void *buf, size_t len, long deadline)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	size_t got = 0;
	ssize_t n;
	long left;
	int ready;

	while (got < len) {
		left = deadline - adm_now_ms();
		if (left <= 0)
			return -1;
		ready = poll(&pfd, 1, (int)left);
		if (ready < 0 && errno == EINTR)
			continue;
		if (ready <= 0)
			return -1;
		n = read(fd, (char *)buf + got, len - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		got += (size_t)n;
	}
	return 0;
}

static int
adm_write_full(int fd, const void *buf, size_t len)
{
	size_t off = 0;
	ssize_t n;

	while (off < len) {
		n = send(fd, (const char *)buf + off, len - off, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		off += (size_t)n;
	}
	return 0;
}

/* Read answers until the one for pid: 0, or E_SACNOTRUN. */
static int
adm_read_ack(int fd, pid_t pid, long deadline, struct admack *ak)
{
	unsigned char buf[sizeof(struct admack)];
	struct saf_error err;

	for (;;) {
		if (adm_read_full(fd, buf, sizeof(buf), deadline) < 0)
			return E_SACNOTRUN;
		/* a bad answer is still ours to report if it names us */
		(void)saf_admack_decode(buf, sizeof(buf), ak, &err);
		if (ak->ak_pid == pid)
			return 0;
	}
}

static int
adm_read_data(
    int fd, const struct admack *ak, long timeout_ms, struct adm_reply *r)
{
	if (ak->ak_size < 0 || ak->ak_size > SAF_STATUS_MAX)
		return E_SYSERR;
	r->len = (size_t)ak->ak_size;
	r->data = malloc(r->len + 1);
	if (r->data == NULL)
		return E_SYSERR;
	if (adm_read_full(fd, r->data, r->len, adm_now_ms() + timeout_ms) < 0) {
		adm_reply_free(r);
		return E_SYSERR;
	}
	r->data[r->len] = '\0';
	return 0;
}

int
adm_exchange(int fd, int type, const char *tag, pid_t pid, int timeout_ms,
    struct adm_reply *r)
{
	struct admcmd cmd;
	struct admack ak;
	struct saf_error err;
	int rc;

	memset(r, 0, sizeof(*r));
	if (saf_admcmd_encode(&cmd, type, tag, pid, &err) < 0)
		return E_SYSERR;
	if (adm_write_full(fd, &cmd, sizeof(cmd)) < 0)
		return E_SYSERR;
	rc = adm_read_ack(fd, pid, adm_now_ms() + timeout_ms, &ak);
	if (rc != 0)
		return rc;
	r->resp = (unsigned char)ak.ak_resp;
	if (ak.ak_resp == AK_ACK && ak.ak_size != 0)
		return adm_read_data(fd, &ak, timeout_ms, r);
	return 0;
}

/* Connect to sac: the socket, or -1 and *code. */
static int
adm_connect(int *code)
{
	struct sockaddr_un sun;
	int fd;

	*code = E_SYSERR;
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (saf_path(sun.sun_path, sizeof(sun.sun_path), SAF_P_CMDPIPE, NULL) <
	    0)
		return -1;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
		/* no socket, or nobody behind it: sac is not running */
		if (errno == ENOENT || errno == ECONNREFUSED)
			*code = E_SACNOTRUN;
		close(fd);
		return -1;
	}
	return fd;
}

int
adm_request(int type, const char *tag, struct adm_reply *r)
{
	int fd, rc;

	memset(r, 0, sizeof(*r));
	fd = adm_connect(&rc);
	if (fd < 0)
		return rc;
	rc = adm_exchange(fd, type, tag, getpid(), ADM_ACK_TIMEOUT_MS, r);
	close(fd);
	return rc;
}

void
adm_reply_free(struct adm_reply *r)
{
	free(r->data);
	r->data = NULL;
	r->len = 0;
}

int
adm_request_code(int type, const char *tag)
{
	struct adm_reply r;
	int code = adm_request(type, tag, &r);

	if (code == 0)
		code = adm_resp_code(r.resp);
	adm_reply_free(&r);
	return code;
}

int
adm_resp_code(int resp)
{
	switch (resp) {
	case AK_ACK:
		return 0;
	case AK_PMRUN:
		return E_PMRUN;
	case AK_PMNOTRUN:
		return E_PMNOTRUN;
	case AK_NOPM:
		return E_NOEXIST;
	case AK_RECOVER:
		return E_RECOVER;
	default: /* AK_UNKNOWN, NOCONTACT, PMLOCK, REQFAIL, others */
		return E_SAFERR;
	}
}

int
adm_resp_report(int resp, const char *tag)
{
	switch (resp) {
	case AK_ACK:
		break;
	case AK_PMRUN:
		adm_msg(MSG_PMRUN, tag);
		break;
	case AK_PMNOTRUN:
		adm_msg(MSG_PMNOTRUN, tag);
		break;
	case AK_NOPM:
		adm_msg(MSG_NOTEXIST, tag);
		break;
	case AK_UNKNOWN:
		adm_msg(MSG_AK_UNKNOWN);
		break;
	case AK_NOCONTACT:
		adm_msg(MSG_AK_NOCONTACT, tag);
		break;
	case AK_PMLOCK:
		adm_msg(MSG_AK_PMLOCK, tag);
		break;
	case AK_RECOVER:
		adm_msg(MSG_RECOVER, tag);
		break;
	case AK_REQFAIL:
		adm_msg(MSG_REQFAIL);
		break;
	default:
		adm_msg(MSG_UNKNOWN_RESP);
		break;
	}
	return adm_resp_code(resp);
}

int
adm_send(int type, const char *tag, struct adm_reply *r)
{
	struct adm_reply mine;
	int rc;

	if (r == NULL)
		r = &mine;
	rc = adm_request(type, tag, r);
	if (rc != 0) {
		adm_msg(MSG_NOCONTACT);
		return rc;
	}
	rc = adm_resp_report(r->resp, tag != NULL ? tag : "");
	if (r == &mine)
		adm_reply_free(r);
	return rc;
}
