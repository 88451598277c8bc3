# The listener: its test programs and integration tests.
check_PROGRAMS += tests/listen/lsclient tests/listen/standing \
	tests/listen/svcprobe tests/listen/utxprobe
tests_listen_lsclient_SOURCES = tests/listen/lsclient.c \
	tests/listen/settle.c tests/listen/settle.h
tests_listen_standing_SOURCES = tests/listen/standing.c
tests_listen_svcprobe_SOURCES = tests/listen/svcprobe.c \
	tests/listen/probefds.c tests/listen/probefds.h
tests_listen_utxprobe_SOURCES = tests/listen/utxprobe.c

LISTEN_TESTS = tests/listen/listen-exec.sh tests/listen/listen-nlps.sh \
	tests/listen/listen-passfd.sh tests/listen/listen-table.sh \
	tests/listen/listen-sac.sh tests/listen/listen-misc.sh \
	tests/listen/listen-nlpsd.sh tests/listen/listen-rpc.sh \
	tests/listen/listen-demo.sh tests/listen/listen-status.sh \
	tests/listen/listen-utmpx.sh tests/listen/listen-reread.sh \
	tests/listen/listen-home.sh
TESTS += $(LISTEN_TESTS)
EXTRA_DIST += tests/listen/lib.sh $(LISTEN_TESTS)

# The pure parsers (NLPS, SMB, _pmtab checks).
check_PROGRAMS += tests/listen/check_listen
TESTS += tests/listen/check_listen
tests_listen_check_listen_SOURCES = tests/listen/check_listen.c \
	listen/nlps.c listen/smb.c listen/table.c listen/nlps.h listen/ls.h
tests_listen_check_listen_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/listen \
	-I$(top_srcdir)/lib/evloop
tests_listen_check_listen_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_listen_check_listen_LDADD = lib/libsaf/libsaf.la $(CHECK_LIBS)

if FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_nlps tests/fuzz/fuzz_lstable
tests_fuzz_fuzz_nlps_SOURCES = tests/fuzz/fuzz_nlps.c listen/nlps.c \
	listen/smb.c listen/nlps.h
tests_fuzz_fuzz_nlps_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/listen
tests_fuzz_fuzz_nlps_CFLAGS = $(AM_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_nlps_LDFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_lstable_SOURCES = tests/fuzz/fuzz_lstable.c listen/table.c \
	listen/ls.h $(LIBSAF_PURE)
tests_fuzz_fuzz_lstable_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/listen \
	-I$(top_srcdir)/lib/evloop
tests_fuzz_fuzz_lstable_CFLAGS = $(AM_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_lstable_LDFLAGS = $(FUZZ_CFLAGS)
endif
EXTRA_DIST += tests/fuzz/corpus/fuzz_nlps tests/fuzz/corpus/fuzz_lstable
