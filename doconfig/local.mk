# doconfig(3): the SAF configuration-script interpreter (doconfig/README.md).
# A convenience library: it is linked into libsaf, which installs it.
noinst_LTLIBRARIES += doconfig/libdoconfig.la
include_HEADERS += doconfig/doconfig.h
doconfig_libdoconfig_la_SOURCES = \
	doconfig/dc_parse.h doconfig/dc_parse.c \
	doconfig/dc_exec.h doconfig/dc_exec.c doconfig/dc_spawn.c \
	doconfig/doconfig.c
doconfig_libdoconfig_la_LIBADD = lib/libxti/libxti.la
dist_man3_MANS += docs/man3/doconfig.3
EXTRA_DIST += doconfig/README.md

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

# Fuzz target: the pure parser, line by line over arbitrary bytes.
if FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_doconfig
tests_fuzz_fuzz_doconfig_SOURCES = tests/fuzz/fuzz_doconfig.c \
	doconfig/dc_parse.c
tests_fuzz_fuzz_doconfig_CFLAGS = $(AM_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_doconfig_LDFLAGS = $(FUZZ_CFLAGS)
endif
EXTRA_DIST += \
	tests/fuzz/corpus/fuzz_doconfig/assign \
	tests/fuzz/corpus/fuzz_doconfig/blank \
	tests/fuzz/corpus/fuzz_doconfig/builtins \
	tests/fuzz/corpus/fuzz_doconfig/errors \
	tests/fuzz/corpus/fuzz_doconfig/modules \
	tests/fuzz/corpus/fuzz_doconfig/nonewline \
	tests/fuzz/corpus/fuzz_doconfig/nul \
	tests/fuzz/corpus/fuzz_doconfig/run
