# libsaf tests: one Check program per module, sharing saf_test.c.
LIBSAF_CHECKS = tests/libsaf/check_msg tests/libsaf/check_line \
	tests/libsaf/check_sactab tests/libsaf/check_pmtab \
	tests/libsaf/check_table tests/libsaf/check_pid tests/libsaf/check_log \
	tests/libsaf/check_utmpx tests/libsaf/check_addr
check_PROGRAMS += $(LIBSAF_CHECKS)
TESTS += $(LIBSAF_CHECKS)

LIBSAF_TEST_COMMON = tests/libsaf/saf_test.c tests/libsaf/saf_test.h
LIBSAF_TEST_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
LIBSAF_TEST_LDADD = lib/libsaf/libsaf.la $(CHECK_LIBS)

tests_libsaf_check_msg_SOURCES = tests/libsaf/check_msg.c $(LIBSAF_TEST_COMMON)
tests_libsaf_check_msg_CFLAGS = $(LIBSAF_TEST_CFLAGS)
tests_libsaf_check_msg_LDADD = $(LIBSAF_TEST_LDADD)

tests_libsaf_check_line_SOURCES = tests/libsaf/check_line.c $(LIBSAF_TEST_COMMON)
tests_libsaf_check_line_CFLAGS = $(LIBSAF_TEST_CFLAGS)
tests_libsaf_check_line_LDADD = $(LIBSAF_TEST_LDADD)

tests_libsaf_check_sactab_SOURCES = tests/libsaf/check_sactab.c $(LIBSAF_TEST_COMMON)
tests_libsaf_check_sactab_CFLAGS = $(LIBSAF_TEST_CFLAGS)
tests_libsaf_check_sactab_LDADD = $(LIBSAF_TEST_LDADD)

tests_libsaf_check_pmtab_SOURCES = tests/libsaf/check_pmtab.c $(LIBSAF_TEST_COMMON)
tests_libsaf_check_pmtab_CFLAGS = $(LIBSAF_TEST_CFLAGS)
tests_libsaf_check_pmtab_LDADD = $(LIBSAF_TEST_LDADD)

tests_libsaf_check_table_SOURCES = tests/libsaf/check_table.c $(LIBSAF_TEST_COMMON)
tests_libsaf_check_table_CFLAGS = $(LIBSAF_TEST_CFLAGS)
tests_libsaf_check_table_LDADD = $(LIBSAF_TEST_LDADD)

tests_libsaf_check_pid_SOURCES = tests/libsaf/check_pid.c $(LIBSAF_TEST_COMMON)
tests_libsaf_check_pid_CFLAGS = $(LIBSAF_TEST_CFLAGS)
tests_libsaf_check_pid_LDADD = $(LIBSAF_TEST_LDADD)

tests_libsaf_check_log_SOURCES = tests/libsaf/check_log.c $(LIBSAF_TEST_COMMON)
tests_libsaf_check_log_CFLAGS = $(LIBSAF_TEST_CFLAGS)
tests_libsaf_check_log_LDADD = $(LIBSAF_TEST_LDADD)

tests_libsaf_check_utmpx_SOURCES = tests/libsaf/check_utmpx.c $(LIBSAF_TEST_COMMON)
tests_libsaf_check_utmpx_CFLAGS = $(LIBSAF_TEST_CFLAGS)
tests_libsaf_check_utmpx_LDADD = $(LIBSAF_TEST_LDADD)

tests_libsaf_check_addr_SOURCES = tests/libsaf/check_addr.c $(LIBSAF_TEST_COMMON)
tests_libsaf_check_addr_CFLAGS = $(LIBSAF_TEST_CFLAGS)
tests_libsaf_check_addr_LDADD = $(LIBSAF_TEST_LDADD)
