# libnls: the listener's client and server library (<listen.h>).
lib_LTLIBRARIES += lib/libnls/libnls.la
include_HEADERS += lib/libnls/listen.h
pkgconfig_DATA += lib/libnls/libnls.pc

# The pure helpers (hex, NLPS request and reply, the connection message):
# the tests and the fuzz targets build these directly.
LIBNLS_PURE = lib/libnls/nls_impl.h lib/libnls/nls_hex.c \
	lib/libnls/nls_reply.c lib/libnls/nls_pass.c

lib_libnls_libnls_la_SOURCES = $(LIBNLS_PURE) lib/libnls/nls_request.c \
	lib/libnls/nls_env.c lib/libnls/nls_fdserver.c lib/libnls/nls_recv.c
lib_libnls_libnls_la_CFLAGS = $(AM_CFLAGS) -fvisibility=hidden
lib_libnls_libnls_la_LIBADD = lib/libxti/libxti.la $(TIRPC_LIBS)
lib_libnls_libnls_la_LDFLAGS = $(AM_LDFLAGS) -version-info $(LIBNLS_LT_VERSION) \
	-Wl,--version-script=$(srcdir)/lib/libnls/libnls.map
EXTRA_lib_libnls_libnls_la_DEPENDENCIES = lib/libnls/libnls.map

# configure.ac substitutes only libxti.pc: make libnls.pc here.
lib/libnls/libnls.pc: $(srcdir)/lib/libnls/libnls.pc.in Makefile
	$(AM_V_GEN)$(MKDIR_P) lib/libnls && \
	sed -e 's|@prefix[@]|$(prefix)|g' \
	    -e 's|@exec_prefix[@]|$(exec_prefix)|g' \
	    -e 's|@libdir[@]|$(libdir)|g' \
	    -e 's|@includedir[@]|$(includedir)|g' \
	    -e 's|@PACKAGE_VERSION[@]|$(PACKAGE_VERSION)|g' \
	    $(srcdir)/lib/libnls/libnls.pc.in >$@-t && mv $@-t $@
CLEANFILES += lib/libnls/libnls.pc
EXTRA_DIST += lib/libnls/libnls.map lib/libnls/libnls.pc.in \
	lib/libnls/README.md

# Example programs (docs/examples/nls-*.c).
include docs/examples/nls.mk

# The Check suites (and the examples run as the listener runs them).
include tests/libnls/local.mk

# libFuzzer targets: the reply parser and the hex decoder.
EXTRA_DIST += tests/fuzz/corpus/fuzz_nlsreply tests/fuzz/corpus/fuzz_nlsenv
if FUZZERS
noinst_PROGRAMS += tests/fuzz/fuzz_nlsreply tests/fuzz/fuzz_nlsenv
tests_fuzz_fuzz_nlsreply_SOURCES = tests/fuzz/fuzz_nlsreply.c $(LIBNLS_PURE)
tests_fuzz_fuzz_nlsreply_CFLAGS = $(AM_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_nlsreply_LDFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_nlsenv_SOURCES = tests/fuzz/fuzz_nlsenv.c $(LIBNLS_PURE)
tests_fuzz_fuzz_nlsenv_CFLAGS = $(AM_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_nlsenv_LDFLAGS = $(FUZZ_CFLAGS)
endif

# Manual pages: nls_recvfd.3 also documents nls_fdserver and
# nls_recvcall, whose pages are ".so" links to it.
dist_man3_MANS += docs/man3/nlsrequest.3 docs/man3/nlsgetcall.3 \
	docs/man3/nlsprovider.3 docs/man3/nls_recvfd.3 \
	docs/man3/nls_fdserver.3 docs/man3/nls_recvcall.3

# The rendezvous layout, for standing servers written without libnls.
nlsdocdir = $(docdir)
dist_nlsdoc_DATA = docs/rendezvous.md
