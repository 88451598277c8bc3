# libsaf: the SAF tables and protocols (<sac.h>, <saf.h>).
lib_LTLIBRARIES += lib/libsaf/libsaf.la
include_HEADERS += lib/libsaf/sac.h lib/libsaf/saf.h
pkgconfig_DATA += lib/libsaf/libsaf.pc
dist_man3_MANS += docs/man3/libsaf.3 docs/man3/check_version.3

# The parsers, without system calls beyond memory: fuzz targets build these.
LIBSAF_PURE = \
	lib/libsaf/saf_error.c lib/libsaf/saf_line.c lib/libsaf/saf_version.c \
	lib/libsaf/saf_sactab.c lib/libsaf/saf_pmtab.c lib/libsaf/saf_listen.c \
	lib/libsaf/saf_status.c lib/libsaf/saf_msg.c lib/libsaf/saf_addr.c \
	lib/libsaf/saf_argv.c

lib_libsaf_libsaf_la_SOURCES = lib/libsaf/saf_impl.h $(LIBSAF_PURE) \
	lib/libsaf/saf_paths.c lib/libsaf/saf_file.c lib/libsaf/saf_table.c \
	lib/libsaf/saf_pid.c lib/libsaf/saf_log.c lib/libsaf/saf_utmpx.c
lib_libsaf_libsaf_la_CFLAGS = $(AM_CFLAGS) -fvisibility=default
# doconfig(3) is part of libsaf, as it was of the SVR4 network library.
lib_libsaf_libsaf_la_LIBADD = doconfig/libdoconfig.la lib/libxti/libxti.la \
	$(TIRPC_LIBS)
lib_libsaf_libsaf_la_LDFLAGS = $(AM_LDFLAGS) -version-info $(LIBSAF_LT_VERSION) \
	-Wl,--version-script=$(srcdir)/lib/libsaf/libsaf.map
EXTRA_lib_libsaf_libsaf_la_DEPENDENCIES = lib/libsaf/libsaf.map

# configure.ac substitutes only libxti.pc: make libsaf.pc here.
lib/libsaf/libsaf.pc: $(srcdir)/lib/libsaf/libsaf.pc.in Makefile
	$(AM_V_GEN)$(MKDIR_P) lib/libsaf && \
	sed -e 's|@prefix[@]|$(prefix)|g' \
	    -e 's|@exec_prefix[@]|$(exec_prefix)|g' \
	    -e 's|@libdir[@]|$(libdir)|g' \
	    -e 's|@includedir[@]|$(includedir)|g' \
	    -e 's|@PACKAGE_VERSION[@]|$(PACKAGE_VERSION)|g' \
	    $(srcdir)/lib/libsaf/libsaf.pc.in >$@-t && mv $@-t $@
CLEANFILES += lib/libsaf/libsaf.pc
EXTRA_DIST += lib/libsaf/libsaf.map lib/libsaf/libsaf.pc.in lib/libsaf/README.md

include tests/libsaf/local.mk

# libFuzzer targets: the parsers built into each target.
LIBSAF_FUZZ = tests/fuzz/fuzz_sactab tests/fuzz/fuzz_pmtab \
	tests/fuzz/fuzz_sacmsg tests/fuzz/fuzz_admcmd tests/fuzz/fuzz_addr
LIBSAF_FUZZ_SOURCES = lib/libsaf/saf_impl.h $(LIBSAF_PURE)
LIBSAF_FUZZ_TABLES = lib/libsaf/saf_table.c lib/libsaf/saf_file.c
EXTRA_DIST += tests/fuzz/corpus/fuzz_sactab tests/fuzz/corpus/fuzz_pmtab \
	tests/fuzz/corpus/fuzz_sacmsg tests/fuzz/corpus/fuzz_admcmd \
	tests/fuzz/corpus/fuzz_addr
if FUZZERS
noinst_PROGRAMS += $(LIBSAF_FUZZ)
tests_fuzz_fuzz_sactab_SOURCES = tests/fuzz/fuzz_sactab.c \
	$(LIBSAF_FUZZ_SOURCES) $(LIBSAF_FUZZ_TABLES)
tests_fuzz_fuzz_sactab_CFLAGS = $(AM_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_sactab_LDFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_pmtab_SOURCES = tests/fuzz/fuzz_pmtab.c \
	$(LIBSAF_FUZZ_SOURCES) $(LIBSAF_FUZZ_TABLES)
tests_fuzz_fuzz_pmtab_CFLAGS = $(AM_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_pmtab_LDFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_sacmsg_SOURCES = tests/fuzz/fuzz_sacmsg.c $(LIBSAF_FUZZ_SOURCES)
tests_fuzz_fuzz_sacmsg_CFLAGS = $(AM_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_sacmsg_LDFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_admcmd_SOURCES = tests/fuzz/fuzz_admcmd.c $(LIBSAF_FUZZ_SOURCES)
tests_fuzz_fuzz_admcmd_CFLAGS = $(AM_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_admcmd_LDFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_addr_SOURCES = tests/fuzz/fuzz_addr.c $(LIBSAF_FUZZ_SOURCES)
tests_fuzz_fuzz_addr_CFLAGS = $(AM_CFLAGS) $(FUZZ_CFLAGS)
tests_fuzz_fuzz_addr_LDFLAGS = $(FUZZ_CFLAGS)
endif
