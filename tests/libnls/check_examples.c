/*
 * check_examples.c - the example programs of docs/examples, run as the
 * listener would run them: nls-tliserver with the connection on 0, 1, 2
 * and the NLS* environment; nls-standing receiving a passed connection
 * and stopping on SIGTERM; nls-client against a fake listener.
 */
#define _GNU_SOURCE
#include "nls_test.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define NT_LINE 512

/* The path of example program name. */
static const char *
nt_example(const char *name)
{
	static char path[4096];

	snprintf(path, sizeof(path), "%s/%s", nt_examples_dir(), name);
	return path;
}

/* Wait for a child that must exit by itself: its exit status. */
static int
nt_exit_status(pid_t pid)
{
	int status;

	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(
	    WIFEXITED(status), "killed by signal %d", WTERMSIG(status));
	return WEXITSTATUS(status);
}

static void
nt_exec_tliserver(int conn, const char *nlsaddr)
{
	if (dup2(conn, 0) < 0 || dup2(conn, 1) < 0 || dup2(conn, 2) < 0)
		_exit(126);
	if (nlsaddr != NULL)
		setenv(NLSADDR, nlsaddr, 1);
	else
		unsetenv(NLSADDR);
	setenv(NLSOPT, "", 1);
	setenv(NLSUDATA, "", 1);
	setenv(NLSPROVIDER, "tcp", 1);
	execl(nt_example("nls-tliserver"), "nls-tliserver", (char *)NULL);
	_exit(127);
}

/* _i 0: NLSADDR holds the caller; _i 1: it is unset. */
START_TEST(tliserver_greets_and_echoes)
{
	struct sockaddr_in caller;
	socklen_t len = sizeof(caller);
	char hex[2 * sizeof(caller) + 1], line[NT_LINE], want[NT_LINE];
	int client, server;
	size_t i;
	pid_t pid;

	nt_tcp_pair(&client, &server);
	ck_assert_int_eq(
	    getpeername(server, (struct sockaddr *)&caller, &len), 0);
	for (i = 0; i < sizeof(caller); i++)
		snprintf(hex + 2 * i, 3, "%02X", ((unsigned char *)&caller)[i]);
	if ((pid = fork()) == 0)
		nt_exec_tliserver(server, _i == 0 ? hex : NULL);
	ck_assert_int_gt(pid, 0);
	close(server);
	if (_i == 0)
		snprintf(want, sizeof(want),
		    "hello 127.0.0.1 port %u, this is tcp\n",
		    ntohs(caller.sin_port));
	else
		snprintf(want, sizeof(want),
		    "hello unknown (NLSADDR code -11), this is tcp\n");
	nt_read_line(client, line, sizeof(line));
	ck_assert_str_eq(line, want);
	ck_assert_int_eq(write(client, "ping\n", 5), 5);
	ck_assert_uint_eq(nt_read_n(client, line, 5), 5);
	ck_assert_mem_eq(line, "ping\n", 5);
	/* an orderly release ends it, released in turn */
	ck_assert_int_eq(shutdown(client, SHUT_WR), 0);
	ck_assert_uint_eq(nt_read_n(client, line, 1), 0);
	ck_assert_int_eq(nt_exit_status(pid), 0);
	close(client);
}
END_TEST

/* Start nls-standing on path; *out reads its standard output. */
static pid_t
nt_start_standing(const char *path, int *out)
{
	char line[NT_LINE], want[NT_LINE];
	int p[2];
	pid_t pid;

	ck_assert_int_eq(pipe2(p, O_CLOEXEC), 0);
	if ((pid = fork()) == 0) {
		if (dup2(p[1], 1) < 0)
			_exit(126);
		execl(nt_example("nls-standing"), "nls-standing", path,
		    (char *)NULL);
		_exit(127);
	}
	ck_assert_int_gt(pid, 0);
	close(p[1]);
	*out = p[0];
	nt_read_line(*out, line, sizeof(line));
	snprintf(want, sizeof(want), "nls-standing: waiting on %s\n", path);
	ck_assert_str_eq(line, want);
	return pid;
}

/* Pass a new connection to path: the client end. */
static int
nt_pass(const char *path, unsigned short *port)
{
	struct sockaddr_in caller, local;
	socklen_t len = sizeof(caller);
	struct nls_passmsg m;
	int client, server;

	nt_tcp_pair(&client, &server);
	ck_assert_int_eq(
	    getpeername(server, (struct sockaddr *)&caller, &len), 0);
	len = sizeof(local);
	ck_assert_int_eq(
	    getsockname(server, (struct sockaddr *)&local, &len), 0);
	nt_passmsg(&m, "greet", "tcp", &caller, &local);
	ck_assert_int_eq(
	    nt_send(path, &m, sizeof(m), &server, 1), (ssize_t)sizeof(m));
	close(server);
	*port = ntohs(caller.sin_port);
	return client;
}

START_TEST(standing_greets_passed_connections)
{
	char *dir = nt_tmpdir(), path[108], line[NT_LINE], want[NT_LINE];
	unsigned short port;
	struct stat st;
	int out, client, round;
	pid_t pid;

	snprintf(path, sizeof(path), "%s", nt_path(dir, "greet.sock"));
	pid = nt_start_standing(path, &out);
	for (round = 0; round < 2; round++) {
		client = nt_pass(path, &port);
		nt_read_line(client, line, sizeof(line));
		snprintf(want, sizeof(want),
		    "hello from nls-standing: service greet on tcp, you are "
		    "127.0.0.1 port %u\n",
		    port);
		ck_assert_str_eq(line, want);
		ck_assert_uint_eq(nt_read_n(client, line, 1), 0); /* closed */
		close(client);
		nt_read_line(out, line, sizeof(line));
		snprintf(want, sizeof(want),
		    "nls-standing: service greet for 127.0.0.1 port %u, "
		    "passed by uid %ld\n",
		    port, (long)getuid());
		ck_assert_str_eq(line, want);
	}
	ck_assert_int_eq(kill(pid, SIGTERM), 0);
	nt_read_line(out, line, sizeof(line));
	ck_assert_str_eq(line, "nls-standing: stopped\n");
	ck_assert_int_eq(nt_exit_status(pid), 0);
	ck_assert_int_eq(lstat(path, &st), -1); /* the rendezvous is gone */
	ck_assert_int_eq(errno, ENOENT);
	close(out);
	nt_rmtree(dir);
	free(dir);
}
END_TEST

/* Run nls-client against port with input; its stdout and stderr texts
 * (static buffers) and its exit status. */
static int
nt_run_client(unsigned short port, const char *code, const char *input,
    const char **out, const char **err)
{
	static char obuf[NT_LINE], ebuf[NT_LINE * 2];
	int in[2], o[2], e[2], status;
	char portstr[8];
	pid_t pid;
	size_t n;

	snprintf(portstr, sizeof(portstr), "%u", port);
	ck_assert_int_eq(pipe2(in, O_CLOEXEC), 0);
	ck_assert_int_eq(pipe2(o, O_CLOEXEC), 0);
	ck_assert_int_eq(pipe2(e, O_CLOEXEC), 0);
	if ((pid = fork()) == 0) {
		if (dup2(in[0], 0) < 0 || dup2(o[1], 1) < 0 ||
		    dup2(e[1], 2) < 0)
			_exit(126);
		execl(nt_example("nls-client"), "nls-client", "127.0.0.1",
		    portstr, code, (char *)NULL);
		_exit(127);
	}
	ck_assert_int_gt(pid, 0);
	close(in[0]);
	close(o[1]);
	close(e[1]);
	ck_assert_int_eq(
	    write(in[1], input, strlen(input)), (ssize_t)strlen(input));
	close(in[1]);
	n = nt_read_n(o[0], obuf, sizeof(obuf) - 1);
	obuf[n] = '\0';
	n = nt_read_n(e[0], ebuf, sizeof(ebuf) - 1);
	ebuf[n] = '\0';
	close(o[0]);
	close(e[0]);
	status = nt_exit_status(pid);
	*out = obuf;
	*err = ebuf;
	return status;
}

START_TEST(client_relays_after_start)
{
	static const char reply[] = "2:0:NLPS (echo) exec: /bin/cat";
	struct nt_script s = { .expect = "NLPS:002:002:echo",
		.reply = reply,
		.len = sizeof(reply),
		.after = NT_ECHO };
	struct nt_peer p = nt_peer_start(&s);
	const char *out, *err;

	ck_assert_int_eq(
	    nt_run_client(p.port, "echo", "one\ntwo\n", &out, &err), 0);
	ck_assert_str_eq(out, "one\ntwo\n");
	ck_assert_str_eq(
	    err, "nls-client: reply 0: NLPS (echo) exec: /bin/cat\n");
	ck_assert_int_eq(nt_peer_wait(&p), 0);
}
END_TEST

START_TEST(client_reports_refusal)
{
	static const char reply[] = "2:3:NLPS: Request for service code nope "
				    "denied, unknown service code";
	struct nt_script s = { .expect = "NLPS:002:002:nope",
		.reply = reply,
		.len = sizeof(reply) };
	struct nt_peer p = nt_peer_start(&s);
	const char *out, *err;

	ck_assert_int_eq(nt_run_client(p.port, "nope", "", &out, &err), 1);
	ck_assert_str_eq(out, "");
	/* the library's line (_nlslog), then the client's own */
	ck_assert_str_eq(err,
	    "NLPS: Request for service code nope denied, unknown service code\n"
	    "nls-client: reply 3: NLPS: Request for service code nope denied, "
	    "unknown service code\n");
	ck_assert_int_eq(nt_peer_wait(&p), 0);
}
END_TEST

Suite *
nt_examples_suite(void)
{
	Suite *s = suite_create("examples");
	TCase *tc = tcase_create("examples");

	tcase_add_loop_test(tc, tliserver_greets_and_echoes, 0, 2);
	tcase_add_test(tc, standing_greets_passed_connections);
	tcase_add_test(tc, client_relays_after_start);
	tcase_add_test(tc, client_reports_refusal);
	suite_add_tcase(s, tc);
	return s;
}
