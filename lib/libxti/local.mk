# libxti: XTI/TLI over sockets.
lib_LTLIBRARIES += lib/libxti/libxti.la
include_HEADERS += lib/libxti/xti.h lib/libxti/tiuser.h \
	lib/libxti/tpicommon.h lib/libxti/netdir.h lib/libxti/xti_modules.h
pkgconfig_DATA += lib/libxti/libxti.pc

lib_libxti_libxti_la_SOURCES = \
	lib/libxti/xti_impl.h lib/libxti/xti_entries.h \
	lib/libxti/tx_errno.c lib/libxti/tx_table.c lib/libxti/tx_sync.c \
	lib/libxti/tx_kind.c lib/libxti/tx_addr.c lib/libxti/tx_open.c \
	lib/libxti/tx_bind.c lib/libxti/tx_listen.c lib/libxti/tx_connect.c \
	lib/libxti/tx_look.c lib/libxti/tx_data.c lib/libxti/tx_release.c \
	lib/libxti/tx_udata.c lib/libxti/tx_alloc.c lib/libxti/tx_optmgmt.c \
	lib/libxti/tx_netdir.c lib/libxti/tx_modules.c
lib_libxti_libxti_la_CFLAGS = $(AM_CFLAGS) -fvisibility=hidden
lib_libxti_libxti_la_LIBADD = $(TIRPC_LIBS)
lib_libxti_libxti_la_LDFLAGS = $(AM_LDFLAGS) -version-info $(LIBXTI_LT_VERSION) \
	-Wl,--version-script=$(srcdir)/lib/libxti/libxti.map
EXTRA_lib_libxti_libxti_la_DEPENDENCIES = lib/libxti/libxti.map
EXTRA_DIST += lib/libxti/libxti.map lib/libxti/libxti.pc.in
