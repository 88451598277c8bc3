/*
 * check_parse.c - table-driven tests of the pure line parser: every
 * command, every quoting and comment rule, every syntax error.
 */
#include "config.h"

#include "dc_parse.h"
#include "dctest.h"

#include <string.h>

/* One parser case: the line and what must come out of it. */
struct ptest {
	const char *line;
	int ok;            /* 1: parses; 0: a syntax error */
	enum dc_verb verb; /* when ok */
	enum dc_op op;
	const char *name;  /* NULL: must be NULL */
	const char *value; /* NULL: must be NULL */
	const char *mods;  /* push: the names joined with "," */
	unsigned long num;
	const char *why; /* an error: text the reason must contain */
};

#define OK(l, v, o, n, val, m, num) \
	{ \
		l, 1, v, o, n, val, m, num, NULL \
	}
#define BAD(l, w) \
	{ \
		l, 0, DC_V_NONE, DC_NOP, NULL, NULL, NULL, 0, w \
	}
#define NOP(l)          OK(l, DC_V_NONE, DC_NOP, NULL, NULL, NULL, 0)
#define ASSIGN(l, n, v) OK(l, DC_V_ASSIGN, DC_ASSIGN, n, v, NULL, 0)
#define PUSH(l, m)      OK(l, DC_V_PUSH, DC_PUSH, NULL, NULL, m, 0)
#define RUN(l, v)       OK(l, DC_V_RUN, DC_SPAWN, NULL, v, NULL, 0)
#define RUNWAIT(l, v)   OK(l, DC_V_RUNWAIT, DC_SPAWN, NULL, v, NULL, 0)

static const struct ptest ptests[] = {
	/* blank and comment lines */
	NOP(""),
	NOP("   \t  "),
	NOP("# a comment"),
	NOP("   #assign X=1"),
	NOP("\r"),

	/* assign: unquoted values */
	ASSIGN("assign X=1", "X", "1"),
	ASSIGN("assign X = 1", "X", "1"),
	ASSIGN("\tassign\tX\t=\t1\t", "X", "1"),
	ASSIGN("assign X=1\r", "X", "1"),
	ASSIGN("assign X=", "X", ""),
	ASSIGN("assign X =   # nothing", "X", ""),
	ASSIGN("assign X=1 # comment", "X", "1"),
	ASSIGN("assign X=1#comment", "X", "1"),
	ASSIGN("assign X=a#b", "X", "a"),
	ASSIGN("assign X=a\"b", "X", "a\"b"),
	ASSIGN("assign X=a\\b", "X", "a\\b"),
	ASSIGN("assign X=$HOME", "X", "$HOME"),
	ASSIGN("assign PATH_2=x=y", "PATH_2", "x=y"),
	/* assign: quoted values */
	ASSIGN("assign X=\"a b\"", "X", "a b"),
	ASSIGN("assign X='a b'", "X", "a b"),
	ASSIGN("assign X = \"  spaced  \"  ", "X", "  spaced  "),
	ASSIGN("assign X=\"\"", "X", ""),
	ASSIGN("assign X=''", "X", ""),
	ASSIGN("assign X=\"a#b\"", "X", "a#b"),
	ASSIGN("assign X='a#b' # real comment", "X", "a#b"),
	ASSIGN("assign X=\"a\"#comment", "X", "a"),
	ASSIGN("assign X=\"say \\\"hi\\\"\"", "X", "say \"hi\""),
	ASSIGN("assign X='it\\'s'", "X", "it's"),
	ASSIGN("assign X=\"a\\b\\n\"", "X", "a\\b\\n"),
	ASSIGN("assign X=\"it's\"", "X", "it's"),
	ASSIGN("assign X='say \"hi\"'", "X", "say \"hi\""),
	ASSIGN("assign X=\"$HOME `id`\"", "X", "$HOME `id`"),
	/* assign: errors */
	BAD("assign", "assign: missing VAR=value"),
	BAD("assign   ", "assign: missing VAR=value"),
	BAD("assign # X=1", "assign: missing VAR=value"),
	BAD("assign =1", "assign: no variable name before \"=\""),
	BAD("assign X", "assign: no \"=\" after \"X\""),
	BAD("assign X 1", "assign: no \"=\" after \"X\""),
	BAD("assign X#=1", "assign: no \"=\" after \"X\""),
	BAD("assign X=1 2", "more than one word in the value of \"X\""),
	BAD("assign X=a\"b c\"", "more than one word"),
	BAD("assign X=\"abc", "assign: no closing \" in the value of \"X\""),
	BAD("assign X='abc", "assign: no closing ' in the value of \"X\""),
	BAD("assign X=\"a#b", "no closing \""),
	BAD("assign X=\"a\\\\\"", "no closing \""),
	BAD("assign X=\"a\"b", "text after the closing quote"),
	BAD("assign X='a' 'b'", "text after the closing quote"),

	/* push */
	PUSH("push timod", "timod"),
	PUSH("push timod,tirdwr", "timod,tirdwr"),
	PUSH("push timod, tirdwr", "timod,tirdwr"),
	PUSH("push timod,\ttirdwr,  ldterm", "timod,tirdwr,ldterm"),
	PUSH("push timod,", "timod"),
	PUSH("push tirdwr # comment", "tirdwr"),
	PUSH("push tirdwr#comment", "tirdwr"),
	PUSH("push \"timod\"", "\"timod\""),
	BAD("push", "push: missing module name"),
	BAD("push   # timod", "push: missing module name"),
	BAD("push timod ,tirdwr", "push: text after module \"timod\""),
	BAD("push timod tirdwr", "separate names with \",\""),
	BAD("push ,timod", "push: empty module name"),
	BAD("push timod,,tirdwr", "push: empty module name"),
	BAD("push timod, ,tirdwr", "push: empty module name"),

	/* pop */
	OK("pop", DC_V_POP, DC_POP, NULL, NULL, NULL, 0),
	OK("pop   # one", DC_V_POP, DC_POP, NULL, NULL, NULL, 0),
	OK("pop#one", DC_V_POP, DC_POP, NULL, NULL, NULL, 0),
	OK("pop ALL", DC_V_POP, DC_POP_ALL, NULL, NULL, NULL, 0),
	OK("pop timod", DC_V_POP, DC_POP_TO, "timod", NULL, NULL, 0),
	OK("pop all", DC_V_POP, DC_POP_TO, "all", NULL, NULL, 0),
	OK("pop tirdwr # to tirdwr", DC_V_POP, DC_POP_TO, "tirdwr", NULL, NULL,
	    0),
	BAD("pop timod tirdwr", "pop: more than one argument"),
	BAD("pop ALL now", "pop: more than one argument"),

	/* run and runwait: commands for the shell */
	RUN("run sleep 10", "sleep 10"),
	RUN("run   sleep 10   ", "sleep 10"),
	RUNWAIT("runwait echo hi > /tmp/x", "echo hi > /tmp/x"),
	RUNWAIT("runwait echo hi # comment", "echo hi"),
	RUNWAIT("runwait echo a#b", "echo a"),
	RUNWAIT("runwait echo 'a#b' # c", "echo 'a#b'"),
	RUNWAIT("runwait echo \"a#b\"", "echo \"a#b\""),
	RUNWAIT("runwait echo a\\#b", "echo a\\#b"),
	RUNWAIT("runwait echo \"it's # here\"", "echo \"it's # here\""),
	RUNWAIT("runwait echo 'a\\' # c", "echo 'a\\'"),
	RUNWAIT("runwait echo \"a\\\"#b\"", "echo \"a\\\"#b\""),
	RUNWAIT("runwait echo don\\'t # c", "echo don\\'t"),
	RUN("run cdrom", "cdrom"),
	RUN("run cd;ls", "cd;ls"),
	RUN("run ulimit2 5", "ulimit2 5"),
	RUN("run umasked", "umasked"),
	BAD("run", "run: missing command"),
	BAD("runwait", "runwait: missing command"),
	BAD("runwait   # nothing", "runwait: missing command"),
	BAD("run echo 'abc", "run: unterminated quote"),
	BAD("runwait echo \"a#b", "runwait: unterminated quote"),
	BAD("runwait echo 'it\\'s'", "runwait: unterminated quote"),

	/* built-ins */
	OK("run cd /tmp", DC_V_RUN, DC_CD, "/tmp", NULL, NULL, 0),
	OK("runwait cd /a dir/with  spaces ", DC_V_RUNWAIT, DC_CD,
	    "/a dir/with  spaces", NULL, NULL, 0),
	OK("runwait cd \"/quoted\"", DC_V_RUNWAIT, DC_CD, "\"/quoted\"", NULL,
	    NULL, 0),
	OK("run cd", DC_V_RUN, DC_CD, NULL, NULL, NULL, 0),
	OK("run cd   # home", DC_V_RUN, DC_CD, NULL, NULL, NULL, 0),
	OK("run ulimit 100", DC_V_RUN, DC_ULIMIT, NULL, NULL, NULL, 100),
	OK("runwait ulimit 0", DC_V_RUNWAIT, DC_ULIMIT, NULL, NULL, NULL, 0),
	OK("run umask 022", DC_V_RUN, DC_UMASK, NULL, NULL, NULL, 022),
	OK("runwait umask 777", DC_V_RUNWAIT, DC_UMASK, NULL, NULL, NULL, 0777),
	OK("run umask 0 # none", DC_V_RUN, DC_UMASK, NULL, NULL, NULL, 0),
	BAD("run ulimit", "ulimit: missing argument"),
	BAD("run ulimit 1 2", "ulimit: more than one argument"),
	BAD("run ulimit 10x", "ulimit: \"10x\" is not a number of 512-byte"),
	BAD("run ulimit -1", "is not a number"),
	BAD("run ulimit unlimited", "is not a number"),
	BAD("run ulimit 99999999999999999999999", "ulimit: \"999"),
	BAD("run ulimit 36028797018963968", "is too large"),
	BAD("run umask", "umask: missing argument"),
	BAD("run umask 022 027", "umask: more than one argument"),
	BAD("run umask 9", "umask: \"9\" is not an octal mask"),
	BAD("run umask 08", "is not an octal mask"),
	BAD("run umask u=rwx", "is not an octal mask"),
	BAD("run umask 1000", "umask: \"1000\" is too large"),

	/* keywords */
	BAD("foo", "unknown command \"foo\""),
	BAD("Assign X=1", "unknown command \"Assign\""),
	BAD("RUN true", "unknown command \"RUN\""),
	BAD("assignX=1", "unknown command \"assignX=1\""),
	BAD("pushd /tmp", "unknown command \"pushd\""),
	BAD("wait", "unknown command \"wait\""),
	BAD("\"assign\" X=1", "unknown command \"\\x22assign\\x22\""),
	BAD("caf\xc3\xa9", "unknown command \"caf\\xC3\\xA9\""),
	BAD("assign#X=1", "assign: missing VAR=value"),
};

#define NPTESTS ((int)(sizeof(ptests) / sizeof(ptests[0])))

static void
check_str(const char *what, const char *got, const char *want, int i)
{
	if (want == NULL)
		ck_assert_msg(got == NULL, "row %d (%s): %s is \"%s\"", i,
		    ptests[i].line, what, got);
	else
		ck_assert_msg(got != NULL && strcmp(got, want) == 0,
		    "row %d (%s): %s is \"%s\", want \"%s\"", i, ptests[i].line,
		    what, got ? got : "(null)", want);
}

/* The push names joined with ",". */
static void
join_mods(const struct dc_cmd *cmd, char *out, size_t size)
{
	const char *m = cmd->mods;
	size_t i;

	out[0] = '\0';
	for (i = 0; i < cmd->nmods; i++, m += strlen(m) + 1) {
		if (i > 0)
			strncat(out, ",", size - strlen(out) - 1);
		strncat(out, m, size - strlen(out) - 1);
	}
}

START_TEST(test_parse_table)
{
	const struct ptest *t = &ptests[_i];
	struct dc_cmd cmd;
	char why[DC_WHY_MAX], mods[DOCONFIG_LINE_MAX];
	int r;

	r = dc_parse(t->line, strlen(t->line), &cmd, why, sizeof(why));
	if (!t->ok) {
		ck_assert_msg(r == -1, "row %d (%s): parsed", _i, t->line);
		ck_assert_msg(strstr(why, t->why) != NULL,
		    "row %d (%s): reason \"%s\", want \"%s\"", _i, t->line, why,
		    t->why);
		return;
	}
	ck_assert_msg(r == 0, "row %d (%s): %s", _i, t->line, why);
	ck_assert_str_eq(why, "");
	ck_assert_int_eq(cmd.verb, t->verb);
	ck_assert_int_eq(cmd.op, t->op);
	check_str("name", cmd.name, t->name, _i);
	check_str("value", cmd.value, t->value, _i);
	ck_assert_uint_eq(cmd.num, t->num);
	if (t->op == DC_PUSH) {
		join_mods(&cmd, mods, sizeof(mods));
		check_str("modules", mods, t->mods, _i);
	} else {
		ck_assert_uint_eq(cmd.nmods, 0);
	}
}
END_TEST

/* A NUL byte inside the line is an error, not the end of the line. */
START_TEST(test_parse_nul)
{
	static const char line[] = "assign X=a\0b";
	struct dc_cmd cmd;
	char why[DC_WHY_MAX];

	ck_assert_int_eq(
	    dc_parse(line, sizeof(line) - 1, &cmd, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "line holds a NUL byte");
}
END_TEST

/* DOCONFIG_LINE_MAX - 1 characters parse; one more is an error. */
START_TEST(test_parse_length)
{
	static char line[DOCONFIG_LINE_MAX + 1];
	struct dc_cmd cmd;
	char why[DC_WHY_MAX];
	size_t max = DOCONFIG_LINE_MAX - 1;

	memset(line, 'v', sizeof(line));
	memcpy(line, "assign X=", 9);
	ck_assert_int_eq(dc_parse(line, max, &cmd, why, sizeof(why)), 0);
	ck_assert_uint_eq(strlen(cmd.value), max - 9);
	ck_assert_int_eq(dc_parse(line, max + 1, &cmd, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "line is longer than 4095 characters");
}
END_TEST

/* The reason is cut to the buffer given, and a zero size is allowed. */
START_TEST(test_parse_why_size)
{
	struct dc_cmd cmd;
	char why[8];

	ck_assert_int_eq(dc_parse("foo", 3, &cmd, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "unknown");
	ck_assert_int_eq(dc_parse("foo", 3, &cmd, NULL, 0), -1);
	ck_assert_int_eq(dc_parse("pop", 3, &cmd, NULL, 0), 0);
	ck_assert_int_eq(cmd.op, DC_POP);
}
END_TEST

/* Parsing a line clears what an earlier one left. */
START_TEST(test_parse_reuse)
{
	struct dc_cmd cmd;
	char why[DC_WHY_MAX];

	ck_assert_int_eq(
	    dc_parse("push timod,tirdwr", 17, &cmd, why, sizeof(why)), 0);
	ck_assert_uint_eq(cmd.nmods, 2);
	ck_assert_int_eq(dc_parse("# c", 3, &cmd, why, sizeof(why)), 0);
	ck_assert_int_eq(cmd.op, DC_NOP);
	ck_assert_uint_eq(cmd.nmods, 0);
	ck_assert_ptr_null(cmd.mods);
}
END_TEST

START_TEST(test_quote)
{
	char out[DC_QUOTED_MAX], big[DC_QUOTE_SHOW + 10];

	dc_quote(out, sizeof(out), "a\tb\"c\\", 6);
	ck_assert_str_eq(out, "\"a\\x09b\\x22c\\x5C\"");
	memset(big, 'z', sizeof(big));
	dc_quote(out, sizeof(out), big, sizeof(big));
	ck_assert_uint_eq(strlen(out), DC_QUOTE_SHOW + 5);
	ck_assert(strcmp(out + DC_QUOTE_SHOW + 1, "\"...") == 0);
	dc_quote(out, 4, "abc", 3);
	ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(test_verb_names)
{
	ck_assert_str_eq(dc_verb_name(DC_V_ASSIGN), "assign");
	ck_assert_str_eq(dc_verb_name(DC_V_PUSH), "push");
	ck_assert_str_eq(dc_verb_name(DC_V_POP), "pop");
	ck_assert_str_eq(dc_verb_name(DC_V_RUN), "run");
	ck_assert_str_eq(dc_verb_name(DC_V_RUNWAIT), "runwait");
	ck_assert_str_eq(dc_verb_name(DC_V_NONE), "");
}
END_TEST

Suite *
dct_parse_suite(void)
{
	Suite *s = suite_create("parse");
	TCase *tc = tcase_create("lines");

	tcase_add_loop_test(tc, test_parse_table, 0, NPTESTS);
	tcase_add_test(tc, test_parse_nul);
	tcase_add_test(tc, test_parse_length);
	tcase_add_test(tc, test_parse_why_size);
	tcase_add_test(tc, test_parse_reuse);
	tcase_add_test(tc, test_quote);
	tcase_add_test(tc, test_verb_names);
	suite_add_tcase(s, tc);
	return s;
}
