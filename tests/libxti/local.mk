# libxti connection, listener, exec and sharp-edge tests.  Each test source
# is built twice: XTI (<xti.h>) and TLI (<tiuser.h>, -DXTEST_TLI).
XTEST_LDADD = lib/libxti/libxti.la $(TIRPC_LIBS) $(CHECK_LIBS)
XTEST_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)

check_PROGRAMS += tests/libxti/check_conn tests/libxti/check_conn_tli
TESTS += tests/libxti/check_conn tests/libxti/check_conn_tli
tests_libxti_check_conn_SOURCES = tests/libxti/check_conn.c tests/libxti/xtest.h
tests_libxti_check_conn_CFLAGS = $(XTEST_CFLAGS)
tests_libxti_check_conn_LDADD = $(XTEST_LDADD)
tests_libxti_check_conn_tli_SOURCES = tests/libxti/check_conn.c tests/libxti/xtest.h
tests_libxti_check_conn_tli_CFLAGS = $(XTEST_CFLAGS) -DXTEST_TLI
tests_libxti_check_conn_tli_LDADD = $(XTEST_LDADD)

check_PROGRAMS += tests/libxti/check_sync tests/libxti/xt_syncprobe
TESTS += tests/libxti/check_sync
tests_libxti_check_sync_SOURCES = tests/libxti/check_sync.c tests/libxti/xtest.h
tests_libxti_check_sync_CFLAGS = $(XTEST_CFLAGS)
tests_libxti_check_sync_LDADD = $(XTEST_LDADD)
tests_libxti_xt_syncprobe_SOURCES = tests/libxti/xt_syncprobe.c
tests_libxti_xt_syncprobe_LDADD = lib/libxti/libxti.la $(TIRPC_LIBS)

check_PROGRAMS += tests/libxti/check_sharp tests/libxti/check_sharp_tli
TESTS += tests/libxti/check_sharp tests/libxti/check_sharp_tli
tests_libxti_check_sharp_SOURCES = tests/libxti/check_sharp.c tests/libxti/xtest.h
tests_libxti_check_sharp_CFLAGS = $(XTEST_CFLAGS)
tests_libxti_check_sharp_LDADD = $(XTEST_LDADD) -ldl
tests_libxti_check_sharp_tli_SOURCES = tests/libxti/check_sharp.c tests/libxti/xtest.h
tests_libxti_check_sharp_tli_CFLAGS = $(XTEST_CFLAGS) -DXTEST_TLI
tests_libxti_check_sharp_tli_LDADD = $(XTEST_LDADD) -ldl
