# nlsadmin: integration tests (the real sacadm, pmadm, sac and listener
# in a temporary SAF root) and the Check suite of its pure parts.
NLSADMIN_TESTS = tests/nlsadmin/nlsadmin-usage.sh \
	tests/nlsadmin/nlsadmin-nosac.sh tests/nlsadmin/nlsadmin-addr.sh \
	tests/nlsadmin/nlsadmin-sac.sh tests/nlsadmin/nlsadmin-map.sh \
	tests/nlsadmin/nlsadmin-counters.sh
TESTS += $(NLSADMIN_TESTS)
EXTRA_DIST += tests/nlsadmin/lib.sh $(NLSADMIN_TESTS)

NLSADMIN_PURE = nlsadmin/nlsadmin.h nlsadmin/nls_opts.c nlsadmin/nls_fmt.c \
	nlsadmin/nls_status.c
check_PROGRAMS += tests/nlsadmin/check_nlsadmin
TESTS += tests/nlsadmin/check_nlsadmin
tests_nlsadmin_check_nlsadmin_SOURCES = tests/nlsadmin/check_nlsadmin.c \
	$(NLSADMIN_PURE) nlsadmin/nls_out.c nlsadmin/nls_run.c
tests_nlsadmin_check_nlsadmin_CPPFLAGS = $(AM_CPPFLAGS) \
	-I$(top_srcdir)/nlsadmin
tests_nlsadmin_check_nlsadmin_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_nlsadmin_check_nlsadmin_LDADD = lib/libsaf/libsaf.la $(CHECK_LIBS)

# What nlsadmin parses from outside: addresses, -R, sacadm's and pmadm's
# lines (libFuzzer; configure --enable-fuzzers with CC=clang).
EXTRA_DIST += tests/fuzz/corpus/fuzz_nlsaddr
if FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_nlsaddr
tests_fuzz_fuzz_nlsaddr_SOURCES = tests/fuzz/fuzz_nlsaddr.c \
	$(NLSADMIN_PURE) lib/libsaf/saf_impl.h $(LIBSAF_PURE)
tests_fuzz_fuzz_nlsaddr_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/nlsadmin
tests_fuzz_fuzz_nlsaddr_CFLAGS = $(AM_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_nlsaddr_LDFLAGS = $(FUZZ_CFLAGS)
endif
