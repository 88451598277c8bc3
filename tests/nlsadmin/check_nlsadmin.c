/*
 * check_nlsadmin.c - the pure parts of nlsadmin: the command line (option
 * pairs, modes, -R, service codes, root), the lines of sacadm -L and
 * pmadm -L, the -v line, addresses for the table, the pmspecific part,
 * the exit-code mapping and the usage text.
 */
#include "config.h"

#include "nlsadmin.h"

#include <check.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#define LETTERS "acdeiklmopqrstvwxyzANVDR"

/* nls_parse on a command line written as one string (words split at
   spaces; "_" stands for an empty word). */
static enum nls_parse_status
parse(const char *line, struct nls_opts *o)
{
	static char buf[512];
	char *argv[32], *w;
	int argc = 0;

	snprintf(buf, sizeof(buf), "nlsadmin %s", line);
	for (w = strtok(buf, " "); w != NULL && argc < 31;
	     w = strtok(NULL, " "))
		argv[argc++] = strcmp(w, "_") == 0 ? w + 1 : w;
	argv[argc] = NULL;
	return nls_parse(argc, argv, o);
}

START_TEST(pairs_symmetric)
{
	const char *a, *b;

	for (a = LETTERS; *a; a++)
		for (b = LETTERS; *b; b++)
			ck_assert_msg(nls_opt_compatible(*a, *b) ==
				nls_opt_compatible(*b, *a),
			    "-%c and -%c", *a, *b);
	ck_assert(!nls_opt_compatible('A', 'D'));
	ck_assert(nls_opt_compatible('m', 'x'));
	ck_assert(nls_opt_compatible('N', 'q'));
	ck_assert(nls_optbit('Q') == 0);
	ck_assert(nls_optbit('a') != nls_optbit('A'));
}
END_TEST

static const struct {
	const char *line;
	enum nls_parse_status st;
	enum nls_mode mode;
} parses[] = {
	{ "-x", NLS_P_OK, NLS_M_LISTALL },
	{ "-V", NLS_P_OK, NLS_M_VERSION },
	{ "-V -m", NLS_P_OK, NLS_M_VERSION },
	{ "tcp", NLS_P_OK, NLS_M_STATUS },
	{ "-N tcp", NLS_P_OK, NLS_M_STATUS },
	{ "-q tcp", NLS_P_OK, NLS_M_STATUS },
	{ "-m tcp", NLS_P_OK, NLS_M_STATUS },
	{ "-v tcp", NLS_P_OK, NLS_M_VERBOSE },
	{ "-z a tcp", NLS_P_OK, NLS_M_SVC },
	{ "-q -z a tcp", NLS_P_OK, NLS_M_SVC },
	{ "-z a -q tcp", NLS_P_OK, NLS_M_SVC },
	{ "-i tcp", NLS_P_OK, NLS_M_INIT },
	{ "-s tcp", NLS_P_OK, NLS_M_START },
	{ "-k tcp", NLS_P_OK, NLS_M_KILL },
	{ "-r a tcp", NLS_P_OK, NLS_M_REMOVE },
	{ "-e a tcp", NLS_P_OK, NLS_M_ENABLE },
	{ "-d a tcp", NLS_P_OK, NLS_M_DISABLE },
	{ "-l - tcp", NLS_P_OK, NLS_M_ADDR },
	{ "-t - -l x tcp", NLS_P_OK, NLS_M_ADDR },
	{ "-a a -c /x -y c tcp", NLS_P_OK, NLS_M_ADD },
	{ "-a a -p m -w id -c /x -y c -N tcp", NLS_P_OK, NLS_M_ADD },
	{ "-c /x", NLS_P_OK, NLS_M_FORMAT },
	{ "-o /x -p m -D -R 1:2", NLS_P_OK, NLS_M_FORMAT },
	{ "-c /x -A a -R 1:2", NLS_P_OK, NLS_M_FORMAT },
	{ "", NLS_P_USAGE, NLS_M_STATUS }, /* no netspec */
	{ "-Q", NLS_P_USAGE, NLS_M_NONE },
	{ "-l", NLS_P_USAGE, NLS_M_NONE },
	{ "a b", NLS_P_USAGE, NLS_M_NONE },
	{ "-N a b", NLS_P_USAGE, NLS_M_NONE },
	{ "-N a -N b", NLS_P_USAGE, NLS_M_NONE },
	{ "-x tcp", NLS_P_USAGE, NLS_M_LISTALL },
	{ "-c /x tcp", NLS_P_USAGE, NLS_M_FORMAT },
	{ "-v", NLS_P_USAGE, NLS_M_VERBOSE },
	{ "-c /x -R 1", NLS_P_USAGE, NLS_M_NONE },
	{ "-x -V", NLS_P_INCONSISTENT, NLS_M_NONE },
	{ "-A a -D -c /x", NLS_P_INCONSISTENT, NLS_M_NONE },
	{ "-D -A a -c /x", NLS_P_INCONSISTENT, NLS_M_NONE },
	{ "-c /x -y c", NLS_P_INCONSISTENT, NLS_M_FORMAT },
	{ "-y c tcp", NLS_P_INCONSISTENT, NLS_M_NONE },
	{ "-a a -y c tcp", NLS_P_INCONSISTENT, NLS_M_ADD },
	{ "-a a -c /x tcp", NLS_P_MISSING, NLS_M_ADD },
	{ "-a a -m -y c tcp", NLS_P_MISSING, NLS_M_ADD },
	{ "-a a -c /x -y c", NLS_P_MISSING, NLS_M_ADD },
	{ "-a abcdefghijklmn", NLS_P_SVCCODE, NLS_M_NONE },
	{ "-z _ tcp", NLS_P_SVCCODE, NLS_M_NONE },
	{ "-d abcdefghijklm tcp", NLS_P_OK, NLS_M_DISABLE },
};

START_TEST(parse_forms)
{
	struct nls_opts o;

	ck_assert_msg(parse(parses[_i].line, &o) == parses[_i].st, "'%s'",
	    parses[_i].line);
	ck_assert_msg(o.mode == parses[_i].mode, "'%s': mode %d",
	    parses[_i].line, (int)o.mode);
}
END_TEST

START_TEST(parse_values)
{
	struct nls_opts o;

	ck_assert(
	    parse("-a lp -c /bin/x -y cmt -p m1 -w id tcp", &o) == NLS_P_OK);
	ck_assert_str_eq(o.svc, "lp");
	ck_assert_str_eq(o.cmd, "/bin/x");
	ck_assert_str_eq(o.comment, "cmt");
	ck_assert_str_eq(o.modules, "m1");
	ck_assert_str_eq(o.id, "id");
	ck_assert_str_eq(o.netspec, "tcp");
	ck_assert(parse("-a lp -c /bin/x -y cmt tcp", &o) == NLS_P_OK);
	ck_assert_str_eq(o.modules, "");
	ck_assert_str_eq(o.id, "listen");
	ck_assert(parse("-o /p -D -R 100005:1", &o) == NLS_P_OK);
	ck_assert(o.dynamic);
	ck_assert_int_eq(o.prog, 100005);
	ck_assert_int_eq(o.vers, 1);
	ck_assert(parse("-q -z a tcp", &o) == NLS_P_OK && o.quiet);
}
END_TEST

START_TEST(rpc_and_codes)
{
	long p, v;

	ck_assert_int_eq(nls_rpc_parse("100:2", &p, &v), 0);
	ck_assert(p == 100 && v == 2);
	ck_assert_int_eq(nls_rpc_parse("0:0", &p, &v), 0);
	ck_assert_int_eq(nls_rpc_parse("2147483647:1", &p, &v), 0);
	ck_assert_int_eq(nls_rpc_parse("2147483648:1", &p, &v), -1);
	ck_assert(p == -1 && v == -1);
	ck_assert_int_eq(nls_rpc_parse("100", &p, &v), -1);
	ck_assert_int_eq(nls_rpc_parse("100,1", &p, &v), -1);
	ck_assert_int_eq(nls_rpc_parse(":1", &p, &v), -1);
	ck_assert_int_eq(nls_rpc_parse("1:", &p, &v), -1);
	ck_assert_int_eq(nls_rpc_parse("1:2:3", &p, &v), -1);
	ck_assert_int_eq(nls_rpc_parse("-1:2", &p, &v), -1);
	ck_assert(!nls_svc_ok(""));
	ck_assert(nls_svc_ok("a"));
	ck_assert(nls_svc_ok("abcdefghijklm"));
	ck_assert(!nls_svc_ok("abcdefghijklmn"));
}
END_TEST

START_TEST(root_modes)
{
	struct nls_opts o;

	ck_assert(parse("-l - -t - tcp", &o) == NLS_P_OK);
	ck_assert(!nls_needs_root(&o));
	ck_assert(parse("-l - -t 1.2.3.4:5 tcp", &o) == NLS_P_OK);
	ck_assert(nls_needs_root(&o));
	ck_assert(parse("-o /p", &o) == NLS_P_OK && nls_needs_root(&o));
	ck_assert(parse("-c /p", &o) == NLS_P_OK && !nls_needs_root(&o));
	ck_assert(parse("-k tcp", &o) == NLS_P_OK && nls_needs_root(&o));
	ck_assert(parse("-v tcp", &o) == NLS_P_OK && !nls_needs_root(&o));
	ck_assert(parse("-x", &o) == NLS_P_OK && !nls_needs_root(&o));
}
END_TEST

START_TEST(pmlines)
{
	struct nls_pmline p;
	const char *l = "tcp:listen:dx:3:ENABLED:/usr/lib/saf/listen tcp#cmt";
	char ns[16];

	ck_assert_int_eq(nls_pmline_parse(l, strlen(l), &p), 0);
	ck_assert_str_eq(p.tag, "tcp");
	ck_assert_str_eq(p.type, "listen");
	ck_assert_str_eq(p.state, "ENABLED");
	ck_assert_str_eq(p.command, "/usr/lib/saf/listen tcp");
	ck_assert_int_eq(nls_pmline_parse("a:b:c:d", 7, &p), -1);
	ck_assert_int_eq(nls_pmline_parse(":b::0:X:/c#", 11, &p), -1);
	l = "abcdefghijklmno:listen::0:ENABLED:/x#";
	ck_assert_int_eq(nls_pmline_parse(l, strlen(l), &p), -1);
	ck_assert(nls_state_active("ENABLED"));
	ck_assert(nls_state_active("STARTING"));
	ck_assert(!nls_state_active("DISABLED"));
	ck_assert(!nls_state_active("NO_SAC"));
	nls_command_netspec("/usr/lib/saf/listen -m slan starlan ", ns, 16);
	ck_assert_str_eq(ns, "starlan");
	nls_command_netspec("/x/listen tcp6", ns, 16);
	ck_assert_str_eq(ns, "tcp6");
	nls_command_netspec("", ns, 16);
	ck_assert_str_eq(ns, "");
	nls_command_netspec("/x abcdefghijklmnopq", ns, 16);
	ck_assert_str_eq(ns, "");
}
END_TEST

/* A pmadm -L line through nls_svcline_parse, saf_listen_parse and
   nls_svc_format. */
static const char *
vline(const char *line)
{
	static char buf[2048];
	struct nls_svcline s;
	struct saf_listen_rec r;
	struct saf_error err;

	if (nls_svcline_parse(line, strlen(line), &s) < 0)
		return "(svcline)";
	if (saf_listen_parse(&s.ent, 0, &r, &err) < 0)
		return "(listen)";
	if (nls_svc_format(&s, &r, buf, sizeof(buf)) < 0)
		return "(format)";
	return buf;
}

START_TEST(vlines)
{
	ck_assert_str_eq(vline("tcp:listen:0::root:reserved:reserved:reserved:"
			       "\\x00020ACE::c::/usr/lib/saf/nlps_server#NLPS "
			       "server"),
	    "0\t\\x00020ACE\tENABLED \tNORPC\troot\tNOMODULES\t"
	    "/usr/lib/saf/nlps_server\t# NLPS server\n");
	ck_assert_str_eq(vline("tcp:listen:lp:ux:lp:reserved:reserved:reserved"
			       "::100,1:dp:timod,tirdwr:/var/lp/fifo# "),
	    "lp\tDYNAMIC\tDISABLED\t100:1\tlp\ttimod,tirdwr\t/var/lp/fifo\t"
	    "#  \n");
	ck_assert_str_eq(vline("t:listen:a::x:reserved:reserved:reserved:"
			       "127.0.0.1\\:2766:::m:/bin/a:b#"),
	    "a\t127.0.0.1\\:2766\tENABLED \tNORPC\tx\tm\t/bin/a:b\t# \n");
	ck_assert_str_eq(vline("t:listen:a::x:r:r:r:::c::/bin/a#c#d"),
	    "a\tNOADDR\tENABLED \tNORPC\tx\tNOMODULES\t/bin/a\t# c#d\n");
	ck_assert_str_eq(vline("t:listen:a::x:r:r:r:only:three#"), "(listen)");
	ck_assert_str_eq(vline("t:listen:a::x:r:r:r:::c::/x"), "(svcline)");
	ck_assert_str_eq(vline("t:listen"), "(svcline)");
	ck_assert_str_eq(vline("t:listen:a:q:x:r:r:r:::c::/x#"), "(svcline)");
}
END_TEST

static const char *
addr(const char *in, int family)
{
	static char buf[SAF_ADDR_MAX + 1];
	struct saf_error err;

	if (nls_addr_table(in, family, buf, sizeof(buf), &err) < 0)
		return "(bad)";
	return buf;
}

START_TEST(addresses)
{
	ck_assert_str_eq(addr("127.0.0.1:2766", AF_INET), "127.0.0.1\\:2766");
	ck_assert_str_eq(addr("127.0.0.1\\:2766", AF_INET), "127.0.0.1\\:2766");
	ck_assert_str_eq(addr(":2766", AF_INET), "0.0.0.0\\:2766");
	ck_assert_str_eq(addr("10.0.0.1.10.206", AF_INET), "10.0.0.1\\:2766");
	ck_assert_str_eq(addr("\\x00020ACE000000000000000000000000", AF_INET),
	    "\\x00020ACE000000000000000000000000");
	ck_assert_str_eq(addr("\\o000020254717700000001", AF_INET),
	    "\\o000020254717700000001");
	ck_assert_str_eq(addr("[::1]:2766", AF_INET6), "[\\:\\:1]\\:2766");
	ck_assert_str_eq(addr(":2766", AF_INET6), "[\\:\\:]\\:2766");
	ck_assert_str_eq(addr("[::1]:2766", AF_UNSPEC), "[\\:\\:1]\\:2766");
	ck_assert_str_eq(addr("1.2.3.4:5", AF_UNSPEC), "1.2.3.4\\:5");
	ck_assert_str_eq(addr("/run/a:b", AF_UNIX), "/run/a\\:b");
	ck_assert_str_eq(addr("/run/a:b", AF_UNSPEC), "/run/a\\:b");
	ck_assert_str_eq(addr("[::1]:2766", AF_INET), "(bad)");
	ck_assert_str_eq(addr("1.2.3.4:5", AF_INET6), "(bad)");
	ck_assert_str_eq(addr("junk", AF_UNSPEC), "(bad)");
	ck_assert_str_eq(addr("", AF_INET), "(bad)");
	ck_assert_str_eq(addr("\\$id\\$", AF_INET), "(bad)");
	ck_assert_str_eq(addr("\\x00020ACE7F000001 x", AF_INET), "(bad)");
	ck_assert_str_eq(addr("\\x000A0ACE", AF_INET), "(bad)");
	/* longer than the table's 63 characters */
	ck_assert_str_eq(addr("\\x00020ACE0000000000000000000000000000000000"
			      "000000000000000000000000",
			     AF_INET),
	    "(bad)");
	ck_assert_str_eq(
	    addr("[1111:2222:3333:4444:5555:6666:7777:8888]:65535", AF_INET6),
	    "[1111\\:2222\\:3333\\:4444\\:5555\\:6666\\:7777\\:8888]\\:65535");
}
END_TEST

static const char *
spec(const char *a, long p, long v, unsigned fl, const char *mods,
    const char *cmd)
{
	static char buf[SAF_FIELD_MAX + 1];
	struct nls_spec q = { a, p, v, fl, mods, cmd };
	struct saf_error err;

	if (nls_spec_format(&q, buf, sizeof(buf), &err) < 0)
		return "(bad)";
	return buf;
}

START_TEST(specs)
{
	static char big[SAF_FIELD_MAX + 8];

	ck_assert_str_eq(spec("", -1, -1, SAF_LF_C, "", "/usr/bin/foo"),
	    "::c::/usr/bin/foo");
	ck_assert_str_eq(
	    spec("", 100, 1, SAF_LF_P | SAF_LF_D, "mod", "/dev/fifo"),
	    ":100,1:dp:mod:/dev/fifo");
	ck_assert_str_eq(
	    spec("", -1, -1, SAF_LF_C | SAF_LF_D, "", "/x"), "::cd::/x");
	ck_assert_str_eq(spec("1.2.3.4\\:5", -1, -1, SAF_LF_C, "a,b", "/x y"),
	    "1.2.3.4\\:5::c:a,b:/x y");
	ck_assert_str_eq(spec("", -1, -1, SAF_LF_C, "", "/x #y"), "(bad)");
	ck_assert_str_eq(spec("", -1, -1, SAF_LF_C, "a:b", "/x"), "(bad)");
	ck_assert_str_eq(spec("", -1, -1, SAF_LF_C, "", "/x "), "(bad)");
	ck_assert_str_eq(
	    spec("a", -1, -1, SAF_LF_C | SAF_LF_D, "", "/x"), "(bad)");
	memset(big, 'x', sizeof(big) - 1);
	big[0] = '/';
	ck_assert_str_eq(spec("", -1, -1, SAF_LF_C, "", big), "(bad)");
}
END_TEST

static const struct {
	enum nls_admop op;
	int status, code;
	const char *msg;
} maps[] = {
	{ NLS_A_INIT, 0, NLS_OK, NULL },
	{ NLS_A_INIT, E_DUP, NLS_FAILED, NLSM_INITED },
	{ NLS_A_INIT, E_PMRUN, NLS_FAILED, NLSM_INITED },
	{ NLS_A_INIT, E_NOPRIV, NLS_PERM, NLSM_PERM },
	{ NLS_A_INIT, E_SAFERR, NLS_SYSERR, NULL },
	{ NLS_A_ADD, E_DUP, NLS_SERV, NLSM_SVCEXISTS },
	{ NLS_A_ADD, E_NOPRIV, NLS_PERM, NLSM_PERM },
	{ NLS_A_ADD, E_BADARGS, NLS_SYSERR, NLSM_NOADD },
	{ NLS_A_ADD, E_NOEXIST, NLS_SYSERR, NLSM_NOADD },
	{ NLS_A_SVC, E_NOEXIST, NLS_SERV, NLSM_NOSVC },
	{ NLS_A_SVC, E_DUP, NLS_SERV, NLSM_NOSVC },
	{ NLS_A_SVC, E_RECOVER, NLS_SYSERR, NULL },
	{ NLS_A_KILL, E_NOEXIST, NLS_SERV, NLSM_NOPM },
	{ NLS_A_KILL, E_SACNOTRUN, NLS_SYSERR, NULL },
	{ NLS_A_START, E_NOEXIST, NLS_BADPM, NLSM_NOPM },
	{ NLS_A_START, E_DUP, NLS_BADPM, NLSM_NOPM },
	{ NLS_A_START, E_PMRUN, NLS_FAILED, NLSM_RUNNING },
	{ NLS_A_START, E_PMNOTRUN, NLS_SYSERR, NULL },
	{ NLS_A_ENABLE, E_NOEXIST, NLS_BADPM, NLSM_NOPM },
	{ NLS_A_ENABLE, E_DUP, NLS_SYSERR, NULL },
	{ NLS_A_ENABLE, E_PMRUN, NLS_FAILED, NLSM_RUNNING },
	{ NLS_A_ENABLE, E_PMNOTRUN, NLS_FAILED, NLSM_STARTFAIL },
	{ NLS_A_ENABLE, -1, NLS_SYSERR, NULL },
};

START_TEST(mapping)
{
	const char *msg = "unset";

	ck_assert_int_eq(
	    nls_map(maps[_i].op, maps[_i].status, &msg), maps[_i].code);
	if (maps[_i].msg == NULL)
		ck_assert_ptr_null(msg);
	else
		ck_assert_str_eq(msg, maps[_i].msg);
}
END_TEST

START_TEST(usage_text)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(fp);
	nls_usage_print(fp, "nls");
	fclose(fp);
	ck_assert_str_eq(buf,
	    "usage: nls -x\n"
	    "       nls [ options ] netspec\n"
	    "       nls [ options ] -N port_monitor_tag\n"
	    "       nls -V\n"
	    "       nls -c cmd | -o pipename [ -p modules ] [ -A addr | -D ] "
	    "\\\n"
	    "          [ -R prognum:versnum ]\n"
	    "\n"
	    "       [ options ] are:\n"
	    "       [ -a svc_code -c \"cmd\" -y \"cmt\" [-p modules] [-w id] "
	    "]\n"
	    "       [-q] | [-v] | [-s] | [-k] | [-i] |\n"
	    "       [-e svc_code] | [-d svc_code] | [-r svc_code] | [[-q] -z "
	    "svc_code]\n"
	    "       [[-l addr | -] [-t addr | -]] |\n");
	free(buf);
}
END_TEST

/* The listener's status file, as -C reads it. */
static int
st_parse(const char *text, struct nls_lsstatus *st, struct saf_error *err)
{
	return nls_lsstatus_parse(text, strlen(text), st, err);
}

START_TEST(status_file)
{
	static const char good[] =
	    "listen-status 1\npid 4242\ntag tcp\nnetspec tcp\n"
	    "state DISABLED\nstarted 100\nwritten 200\nrequests 3\n"
	    "nlps 1 2 3\npaused 4\nlater 1 2\n"
	    "service 0 5 6 7 8 9 127.0.0.1\\:2766\n"
	    "service echo 18446744073709551615 0 0 0 0 -\n";
	static const char *const bad[] = {
		"",                                /* no version line */
		"listen-status 2\npid 1\n",        /* a later version */
		"listen-status 1\npid 1\ntag t\n", /* no state */
		"listen-status 1\npid 0\ntag t\nstate ENABLED\n",
		"listen-status 1\npid x\n",
		"listen-status 1\npid 1\ntag t\nstate ENABLED", /* no newline */
		"listen-status 1\npid 2147483648\n",
		"listen-status 1\nnlps 1 2\n",
		"listen-status 1\nnlps 1 2 -3\n",
		"listen-status 1\npaused 18446744073709551616\n",
		"listen-status 1\nservice a 1 2 3 4 5\n",  /* no address */
		"listen-status 1\nservice a 1 2 3 4 5 \n", /* empty address */
		"listen-status 1\nservice abcdefghijklmnop 1 2 3 4 5 -\n",
		"listen-status 1\ntag abcdefghijklmnopq\n",
	};
	static const int badline[] = { 1, 1, 3, 2, 2, 4, 2, 2, 2, 2, 2, 2, 2,
		2 };
	struct nls_lsstatus st;
	struct saf_error err;
	char *out = NULL;
	size_t outlen = 0, i;
	FILE *fp;

	ck_assert_int_eq(st_parse(good, &st, &err), 0);
	ck_assert_int_eq(st.pid, 4242);
	ck_assert_str_eq(st.tag, "tcp");
	ck_assert_str_eq(st.state, "DISABLED");
	ck_assert_int_eq(st.started, 100);
	ck_assert_int_eq(st.written, 200);
	ck_assert_uint_eq(st.requests, 3);
	ck_assert_uint_eq(st.nlps[2], 3);
	ck_assert_uint_eq(st.paused, 4);
	ck_assert_uint_eq(st.nsvc, 2);
	ck_assert_str_eq(st.svc[0].code, "0");
	ck_assert_uint_eq(st.svc[0].n[4], 9);
	ck_assert_str_eq(st.svc[0].addr, "127.0.0.1\\:2766");
	ck_assert_uint_eq(st.svc[1].n[0], ULONG_MAX);
	ck_assert_str_eq(st.svc[1].addr, "-");
	setenv("TZ", "UTC", 1);
	tzset();
	fp = open_memstream(&out, &outlen);
	ck_assert_ptr_nonnull(fp);
	nls_lsstatus_print(fp, &st);
	fclose(fp);
	ck_assert_str_eq(out,
	    "tcp: listener pid 4242, DISABLED, on tcp since 1970-01-01 "
	    "00:01:40 (counters of 1970-01-01 00:03:20)\n"
	    "NLPS: 3 requests being read; refused 1 bad, 2 unknown code, 3 "
	    "timed out\n"
	    "accepting paused 4 times (out of descriptors)\n"
	    "SERVICE         ACCEPTED  DISABLED    FAILED      BUSY   RUNNING  "
	    "ADDRESS\n"
	    "0                      5         6         7         8         9  "
	    "127.0.0.1\\:2766\n"
	    "echo           18446744073709551615         0         0         0 "
	    "        0  NOADDR\n");
	free(out);
	nls_lsstatus_free(&st);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_msg(
		    st_parse(bad[i], &st, &err) < 0, "accepted %zu", i);
		ck_assert_msg(
		    err.line == badline[i], "%zu: line %d", i, err.line);
		ck_assert_ptr_null(st.svc);
	}
}
END_TEST

static Suite *
nlsadmin_suite(void)
{
	Suite *s = suite_create("nlsadmin");
	TCase *tc = tcase_create("pure");

	tcase_add_test(tc, pairs_symmetric);
	tcase_add_loop_test(
	    tc, parse_forms, 0, (int)(sizeof(parses) / sizeof(parses[0])));
	tcase_add_test(tc, parse_values);
	tcase_add_test(tc, rpc_and_codes);
	tcase_add_test(tc, root_modes);
	tcase_add_test(tc, pmlines);
	tcase_add_test(tc, vlines);
	tcase_add_test(tc, addresses);
	tcase_add_test(tc, specs);
	tcase_add_loop_test(
	    tc, mapping, 0, (int)(sizeof(maps) / sizeof(maps[0])));
	tcase_add_test(tc, usage_text);
	tcase_add_test(tc, status_file);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(nlsadmin_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
