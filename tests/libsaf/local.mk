# libsaf tests: one Check program; each check_<module>.c holds the suite
# of one module, saf_test.c the helpers and main().
check_PROGRAMS += tests/libsaf/check_libsaf
TESTS += tests/libsaf/check_libsaf
tests_libsaf_check_libsaf_SOURCES = tests/libsaf/saf_test.c \
	tests/libsaf/saf_test.h tests/libsaf/check_msg.c \
	tests/libsaf/check_line.c tests/libsaf/check_sactab.c \
	tests/libsaf/check_pmtab.c tests/libsaf/check_table.c \
	tests/libsaf/check_pid.c tests/libsaf/check_log.c \
	tests/libsaf/check_utmpx.c tests/libsaf/check_addr.c
tests_libsaf_check_libsaf_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_libsaf_check_libsaf_LDADD = lib/libsaf/libsaf.la $(CHECK_LIBS)
