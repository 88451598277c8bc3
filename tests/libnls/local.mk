# libnls tests: one Check program; check_<what>.c holds one suite,
# nls_test.c the helpers and main().  The pure helpers are not exported,
# so their sources are built into the program as well.
check_PROGRAMS += tests/libnls/check_libnls
TESTS += tests/libnls/check_libnls
tests_libnls_check_libnls_SOURCES = tests/libnls/nls_test.c \
	tests/libnls/nls_test.h tests/libnls/check_pure.c \
	tests/libnls/check_request.c tests/libnls/check_env.c \
	tests/libnls/check_pass.c tests/libnls/check_examples.c \
	$(LIBNLS_PURE)
tests_libnls_check_libnls_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_libnls_check_libnls_LDADD = lib/libnls/libnls.la lib/libxti/libxti.la \
	$(TIRPC_LIBS) $(CHECK_LIBS)
