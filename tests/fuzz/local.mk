# libFuzzer targets (configure --enable-fuzzers with CC=clang).
#
# Each module's local.mk adds its parsers' targets inside "if FUZZERS",
# building the parser sources into the target with $(FUZZ_CFLAGS); seed
# corpora live in tests/fuzz/corpus/<target>/.  The targets below drive
# the code that really handles outside input in the daemons (the
# listener's NLPS connections and SAC messages, sac's _sacpipe and
# _cmdpipe) through real descriptors and the real event loop, and extend
# three module targets to the real calls (doconfig_r on a script file,
# nlsgetcall, nlsrequest over a socket).  tests/fuzz/run.sh runs every
# target for a bounded time; check.sh runs it briefly, "make fuzz" longer.
EXTRA_DIST += tests/fuzz/run.sh tests/fuzz/README.md \
	tests/fuzz/corpus/fuzz_smb tests/fuzz/corpus/fuzz_request \
	tests/fuzz/corpus/fuzz_lssac tests/fuzz/corpus/fuzz_sacpipe \
	tests/fuzz/corpus/fuzz_saccmd

if FUZZERS
FUZZ_LISTEN_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/listen \
	-I$(top_srcdir)/lib/evloop
FUZZ_SAC_CPPFLAGS = $(AM_CPPFLAGS) \
	-I$(top_srcdir)/lib/evloop
FUZZ_SAF_SOURCES = $(LIBSAF_FUZZ_SOURCES) lib/libsaf/saf_paths.c

noinst_PROGRAMS += tests/fuzz/fuzz_smb tests/fuzz/fuzz_request \
	tests/fuzz/fuzz_lssac tests/fuzz/fuzz_sacpipe tests/fuzz/fuzz_saccmd

# SMB negotiate messages and the SMB server's arguments.
tests_fuzz_fuzz_smb_SOURCES = tests/fuzz/fuzz_smb.c listen/util.c \
	listen/nlps.c listen/smb.c listen/nlps.h listen/ls.h $(FUZZ_SAF_SOURCES)
tests_fuzz_fuzz_smb_CPPFLAGS = $(FUZZ_LISTEN_CPPFLAGS)
tests_fuzz_fuzz_smb_CFLAGS = $(AM_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_smb_LDFLAGS = $(FUZZ_CFLAGS)

# The listener's NLPS connections: listen/request.c in the event loop.
tests_fuzz_fuzz_request_SOURCES = tests/fuzz/fuzz_request.c \
	listen/request.c listen/util.c listen/table.c listen/nlps.c \
	listen/smb.c listen/nlps.h listen/ls.h lib/evloop/evloop.c \
	$(FUZZ_SAF_SOURCES)
tests_fuzz_fuzz_request_CPPFLAGS = $(FUZZ_LISTEN_CPPFLAGS)
tests_fuzz_fuzz_request_CFLAGS = $(AM_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_request_LDFLAGS = $(FUZZ_CFLAGS)

# The listener's SAC messages: listen/sacproto.c on real FIFOs.
tests_fuzz_fuzz_lssac_SOURCES = tests/fuzz/fuzz_lssac.c listen/sacproto.c \
	listen/ls.h lib/evloop/evloop.c $(FUZZ_SAF_SOURCES)
tests_fuzz_fuzz_lssac_CPPFLAGS = $(FUZZ_LISTEN_CPPFLAGS)
tests_fuzz_fuzz_lssac_CFLAGS = $(AM_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_lssac_LDFLAGS = $(FUZZ_CFLAGS)

# sac's _sacpipe: saf/sac_poll.c on the real FIFO.
tests_fuzz_fuzz_sacpipe_SOURCES = tests/fuzz/fuzz_sacpipe.c saf/sac_poll.c \
	tests/fuzz/sacstub.c \
	saf/sac.h lib/evloop/evloop.c $(FUZZ_SAF_SOURCES)
tests_fuzz_fuzz_sacpipe_CPPFLAGS = $(FUZZ_SAC_CPPFLAGS)
tests_fuzz_fuzz_sacpipe_CFLAGS = $(AM_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_sacpipe_LDFLAGS = $(FUZZ_CFLAGS)

# sac's _cmdpipe: saf/sac_cmd.c on the real socket.
tests_fuzz_fuzz_saccmd_SOURCES = tests/fuzz/fuzz_saccmd.c saf/sac_cmd.c \
	tests/fuzz/sacstub.c \
	saf/sac.h lib/evloop/evloop.c $(FUZZ_SAF_SOURCES)
tests_fuzz_fuzz_saccmd_CPPFLAGS = $(FUZZ_SAC_CPPFLAGS)
tests_fuzz_fuzz_saccmd_CFLAGS = $(AM_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_saccmd_LDFLAGS = $(FUZZ_CFLAGS)

# The module targets, extended to the real calls.
tests_fuzz_fuzz_doconfig_SOURCES += doconfig/doconfig.c doconfig/dc_exec.c \
	doconfig/dc_spawn.c $(lib_libxti_libxti_la_SOURCES)
tests_fuzz_fuzz_doconfig_LDADD = $(TIRPC_LIBS)
tests_fuzz_fuzz_nlsenv_SOURCES += lib/libnls/nls_env.c
tests_fuzz_fuzz_nlsreply_SOURCES += lib/libnls/nls_request.c \
	$(lib_libxti_libxti_la_SOURCES)
tests_fuzz_fuzz_nlsreply_LDADD = $(TIRPC_LIBS)

FUZZ_SECONDS = 60
# Every target for FUZZ_SECONDS each, keeping what they find in the build
# tree's corpus for the next run.
fuzz: all
	FUZZ_KEEP=1 $(SHELL) $(srcdir)/tests/fuzz/run.sh '$(abs_builddir)' \
	    '$(FUZZ_SECONDS)'
else
fuzz:
	@echo "make fuzz: configure with CC=clang --enable-fuzzers" >&2; exit 1
endif
.PHONY: fuzz
