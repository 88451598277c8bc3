/*
 * nls-tliserver - a TLI server for the listener to start (a service with
 * the "c" flag): the connection is on descriptors 0, 1 and 2, and the
 * environment says who called.  It greets the caller with its address,
 * then echoes what it receives until the caller releases the connection.
 *
 * A _pmtab record for it (service code "echo", reached by NLPS or on its
 * own port 7777):
 *   echo::nobody:reserved:reserved:reserved:\:7777::c::/usr/libexec/nls-tliserver#echo
 *
 * Build: cc -o nls-tliserver nls-tliserver.c $(pkg-config --cflags --libs libnls)
 */
#include <listen.h>
#include <tiuser.h>

#include <netdb.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#define LINE_MAX_LEN 512
/* Room for a numeric host (an IPv6 address with a scope) and port. */
#define HOST_LEN     128
#define SERV_LEN     16

/* The caller's address as text: "127.0.0.1 port 40312", a path, or why
 * there is none. */
static void
caller_text(const struct netbuf *addr, char *out, size_t size)
{
	char host[HOST_LEN], serv[SERV_LEN];
	const struct sockaddr *sa = addr->buf;
	int len = (int)addr->len; /* negative: NLSADDR was unusable */

	if (len <= 0 || addr->buf == NULL) {
		snprintf(out, size, "unknown (NLSADDR code %d)", len);
		return;
	}
	if (sa->sa_family == AF_UNIX) {
		const struct sockaddr_un *sun = addr->buf;
		int plen = len - (int)offsetof(struct sockaddr_un, sun_path);

		snprintf(out, size, "local %.*s", plen > 0 ? plen : 0,
		    plen > 0 ? sun->sun_path : "");
		return;
	}
	if (getnameinfo(sa, (socklen_t)len, host, sizeof(host), serv,
		sizeof(serv), NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
		snprintf(out, size, "an address of family %d", sa->sa_family);
		return;
	}
	snprintf(out, size, "%s port %s", host, serv);
}

static int
send_all(int fd, char *buf, int len)
{
	int n;

	while (len > 0) {
		if ((n = t_snd(fd, buf, (unsigned int)len, 0)) < 0)
			return -1;
		buf += n;
		len -= n;
	}
	return 0;
}

/* Echo until the caller releases (0) or something fails (-1). */
static int
echo(int fd)
{
	char buf[LINE_MAX_LEN];
	int n, flags;

	while ((n = t_rcv(fd, buf, sizeof(buf), &flags)) > 0)
		if (send_all(fd, buf, n) < 0)
			return -1;
	if (t_errno == TLOOK && t_look(fd) == T_ORDREL) {
		t_rcvrel(fd);
		t_sndrel(fd);
		return 0;
	}
	return -1;
}

int
main(void)
{
	char who[LINE_MAX_LEN / 2], line[LINE_MAX_LEN];
	struct t_call *call;
	const char *net;
	int n;

	if (t_sync(0) < 0) {
		t_error("nls-tliserver: t_sync");
		return 1;
	}
	if ((call = nlsgetcall(0)) == NULL) {
		perror("nls-tliserver: nlsgetcall");
		return 1;
	}
	caller_text(&call->addr, who, sizeof(who));
	t_free((char *)call, T_CALL);
	net = nlsprovider();
	n = snprintf(line, sizeof(line), "hello %s, this is %s\n", who,
	    net != NULL ? net : "an unknown network");
	if (n >= (int)sizeof(line))
		n = (int)sizeof(line) - 1;
	if (send_all(0, line, n) < 0 || echo(0) < 0) {
		t_close(0);
		return 1;
	}
	t_close(0);
	return 0;
}
