/*
 * nlps_server - the NLPS server as a program: started by a port monitor
 * with a connection on fd 0 (for tables that run it explicitly; the
 * listener itself reads NLPS requests in its loop).
 *
 * It resynchronises the endpoint (t_sync), reads one request within 45
 * seconds (LISTEN_REQUEST_TIMEOUT) without consuming a byte after it, answers in version 2 (none
 * for version 0), looks the service code up in _pmtab afresh, and becomes
 * the service: the exec path of the listener (as the same process), or a
 * hand-over to the standing server.  Exit codes are the original's: 0 for
 * a bad request, 2 after refusing or passing the connection, 54 on a
 * timeout, 1 when it cannot start.
 */
#include "config.h"

#include "ls.h"
#include "nlps.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xti.h>

#define NS_EX_BAD     0
#define NS_EX_START   1
#define NS_EX_DONE    2
#define NS_EX_TIMEOUT 54

static void
ns_env(struct ls *ls)
{
	const char *tag = getenv("PMTAG"), *net = getenv(NLSPROVIDER);
	const char *pre = getenv("MPREFIX");
	socklen_t len = sizeof(int);

	if (tag == NULL ||
	    saf_tag_check(tag, strlen(tag), SAF_PMTAG_MAX, "tag", NULL) < 0)
		exit(NS_EX_START);
	snprintf(ls->tag, sizeof(ls->tag), "%s", tag);
	snprintf(
	    ls->netspec, sizeof(ls->netspec), "%s", net != NULL ? net : "tcp");
	snprintf(ls->devstem, sizeof(ls->devstem), "%s",
	    pre != NULL ? pre : ls->netspec);
	if (getsockopt(0, SOL_SOCKET, SO_DOMAIN, &ls->domain, &len) < 0)
		ls->domain = AF_INET;
	ls->abstract = strncmp(ls->netspec, "tic", 3) == 0;
	ls->state = PM_ENABLED;
}

/* Read one request from fd 0: its kind, with the bytes in buf/len. */
static enum nlps_scan
ns_read(unsigned char *buf, size_t *len)
{
	time_t end = time(NULL) + ls_req_timeout_env();
	struct pollfd pfd = { 0, POLLIN, 0 };
	enum nlps_scan k;
	size_t take;
	ssize_t n;

	*len = 0;
	for (;;) {
		if (poll(&pfd, 1, (int)(end - time(NULL)) * 1000) <= 0) {
			ls_log("Timed out trying to rcv message to start a "
			       "service");
			exit(NS_EX_TIMEOUT);
		}
		n = recv(0, buf + *len, NLPS_REQ_MAX - *len, MSG_PEEK);
		if (n <= 0) {
			ls_log("Error trying to rcv message to start a "
			       "service: %s",
			    n == 0 ? "connection closed" : strerror(errno));
			return NLPS_SCAN_UNKNOWN;
		}
		k = nlps_scan(buf, *len + (size_t)n, &take);
		if (k == NLPS_SCAN_UNKNOWN || k == NLPS_SCAN_TOOLONG)
			return k;
		if (take > *len &&
		    recv(0, buf + *len, take - *len, 0) !=
			(ssize_t)(take - *len))
			return NLPS_SCAN_UNKNOWN;
		*len = take;
		if (k != NLPS_SCAN_MORE)
			return k;
	}
}

/* The table names programs and their users: only root may write it. */
static bool
ns_table_trusted(const char *path)
{
	char why[SAF_PATH_MAX + 96];

	if (saf_file_trusted(path, why, sizeof(why)) < 0 && errno == EPERM) {
		ls_log("NLPS: data base file refused: %s", why);
		return false;
	}
	return true;
}

static struct ls_svc *
ns_lookup(struct ls *ls, const char *code)
{
	char path[SAF_PATH_MAX];
	struct saf_error err;
	char *buf;
	size_t len;

	if (strlen(code) > NLPS_CODE_MAX)
		return NULL;
	if (saf_path(path, sizeof(path), SAF_P_PMTAB, ls->tag) < 0 ||
	    !ns_table_trusted(path) || saf_file_read(path, &buf, &len) < 0) {
		ls_log("NLPS: Unable to open database file");
		return NULL;
	}
	if (ls_table_parse(buf, len, ls->domain, &ls->tab, &err) < 0) {
		ls_log("NLPS: data base file %s, line %d: %s", path, err.line,
		    err.text);
		free(buf);
		return NULL;
	}
	free(buf);
	return ls_table_find(&ls->tab, code);
}

static void
ns_reply(bool v2, int code, const char *text)
{
	char msg[NLPS_REQ_MAX + 128];
	int n;

	ls_log("%s", text);
	if (v2 && (n = nlps_reply(msg, sizeof(msg), code, text)) > 0)
		(void)!write(0, msg, (size_t)n);
}

static int
ns_serve(struct ls *ls, const char *buf, size_t len)
{
	struct sockaddr_storage peer;
	socklen_t plen = sizeof(peer);
	struct nlps_req q;
	struct ls_svc *s;
	char text[NLPS_REQ_MAX + 64];
	enum nlps_verdict v = nlps_parse(buf, len, &q);

	if (v != NLPS_OK) {
		if (v == NLPS_BADVERSION)
			ls_log("NLPS: Unknown version of an NLPS service "
			       "request: %d:%d",
			    q.low, q.high);
		ls_log(v == NLPS_BADVERSION ?
			"ATT service: unknown version" :
			"ATT service: bad message format");
		return NS_EX_BAD;
	}
	s = ns_lookup(ls, q.code);
	if (s == NULL || (s->ent.flags & SAF_PM_XFLAG)) {
		snprintf(text, sizeof(text),
		    "NLPS: Request for service code %s denied, %s", q.code,
		    s == NULL ? "unknown service code" : "service is disabled");
		ns_reply(
		    q.low == 2, s == NULL ? NLSUNKNOWN : NLSDISABLED, text);
		return NS_EX_DONE;
	}
	snprintf(text, sizeof(text), "NLPS (%s) %s: %.*s", s->ent.svctag,
	    s->how == LS_PASS ? "passfd" : "exec",
	    s->how == LS_PASS ? (int)strlen(s->rec.command) :
				(int)strcspn(s->rec.command, " \t"),
	    s->rec.command);
	ns_reply(q.low == 2, NLSSTART, text);
	ls_spawn_prepare(ls, &ls->tab, s);
	if (!s->ready) {
		ls_log("%s", s->why);
		return NS_EX_START;
	}
	(void)getpeername(0, (struct sockaddr *)&peer, &plen);
	if (s->how == LS_PASS) {
		(void)ls_passfd(ls, s, 0, &peer, plen, NULL, 0);
		return NS_EX_DONE;
	}
	ls_exec_here(ls, s, 0, &peer, plen, NULL, 0, NULL);
}

/* An SMB negotiate message: the server of service "2" with its dialects. */
static int
ns_smb(struct ls *ls, const unsigned char *buf, size_t len)
{
	static struct ls_smb_args a;
	struct sockaddr_storage peer;
	socklen_t plen = sizeof(peer);
	struct ls_svc *s;

	if (ls_smb_args(buf, len, &a) < 0) {
		ls_log("%s", a.why);
		return NS_EX_BAD;
	}
	if ((s = ns_lookup(ls, NLPS_SMB_CODE)) == NULL) {
		ls_log("NLPS: SMB message, no data base entry");
		return NS_EX_BAD;
	}
	if ((s->ent.flags & SAF_PM_XFLAG) || s->how != LS_EXEC) {
		ls_log("NLPS: SMB message, server disabled in data base");
		return NS_EX_BAD;
	}
	ls_spawn_prepare(ls, &ls->tab, s);
	if (!s->ready) {
		ls_log("%s", s->why);
		return NS_EX_START;
	}
	(void)getpeername(0, (struct sockaddr *)&peer, &plen);
	ls_exec_here(ls, s, 0, &peer, plen, a.argv, a.n, a.hex);
}

int
main(void)
{
	static struct ls ls;
	unsigned char buf[NLPS_REQ_MAX];
	size_t len;

	ns_env(&ls);
	if (ls_log_open(&ls, false) < 0)
		return NS_EX_START;
	if (t_sync(0) < 0) {
		ls_log("NLPS: Resynchronization of TLI failed");
		return NS_EX_START;
	}
	switch (ns_read(buf, &len)) {
	case NLPS_SCAN_NLPS:
		return ns_serve(&ls, (const char *)buf, len);
	case NLPS_SCAN_SMB:
		return ns_smb(&ls, buf, len);
	case NLPS_SCAN_TOOLONG:
		ls_log("NLPS: recieve buffer not large enough");
		break;
	default:
		ls_log("NLPS: Unknown service request (ignored)");
		break;
	}
	ls_log("NLPS: No/bad service request received");
	return NS_EX_BAD;
}
