# libsaf: the SAF tables and protocols (<sac.h>, <saf.h>).
lib_LTLIBRARIES += lib/libsaf/libsaf.la
include_HEADERS += lib/libsaf/sac.h lib/libsaf/saf.h
pkgconfig_DATA += lib/libsaf/libsaf.pc

# The parsers, without system calls beyond memory: fuzz targets build these.
LIBSAF_PURE = \
	lib/libsaf/saf_error.c lib/libsaf/saf_line.c lib/libsaf/saf_version.c \
	lib/libsaf/saf_sactab.c lib/libsaf/saf_pmtab.c lib/libsaf/saf_listen.c \
	lib/libsaf/saf_status.c lib/libsaf/saf_msg.c lib/libsaf/saf_addr.c

lib_libsaf_libsaf_la_SOURCES = lib/libsaf/saf_impl.h $(LIBSAF_PURE) \
	lib/libsaf/saf_paths.c lib/libsaf/saf_file.c lib/libsaf/saf_table.c \
	lib/libsaf/saf_pid.c lib/libsaf/saf_log.c lib/libsaf/saf_utmpx.c
lib_libsaf_libsaf_la_CFLAGS = $(AM_CFLAGS) -fvisibility=default
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
