# doconfig(3): the SAF configuration-script interpreter (doconfig/README.md).
# A convenience library: it is linked into libsaf, which installs it.
noinst_LTLIBRARIES += doconfig/libdoconfig.la
include_HEADERS += doconfig/doconfig.h
doconfig_libdoconfig_la_SOURCES = \
	doconfig/dc_parse.h doconfig/dc_parse.c \
	doconfig/dc_exec.h doconfig/dc_exec.c doconfig/dc_spawn.c \
	doconfig/doconfig.c
doconfig_libdoconfig_la_LIBADD = lib/libxti/libxti.la

# Tests: the parser table by table, the executor on real scripts.
check_PROGRAMS += tests/doconfig/check_doconfig
TESTS += tests/doconfig/check_doconfig
tests_doconfig_check_doconfig_SOURCES = \
	tests/doconfig/check_doconfig.c tests/doconfig/dctest.h \
	tests/doconfig/check_parse.c tests/doconfig/check_exec.c \
	tests/doconfig/check_modules.c tests/doconfig/check_spawn.c
tests_doconfig_check_doconfig_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_doconfig_check_doconfig_LDADD = doconfig/libdoconfig.la \
	lib/libxti/libxti.la $(CHECK_LIBS)
