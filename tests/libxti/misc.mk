# libxti tests of errors, t_open/t_getinfo, t_alloc/t_free, options,
# datagrams, netdir and the module stack.  Each program includes <xti.h>
# or <tiuser.h> (never both); an area tested in both flavours has two.
MISC_XTI_TESTS = \
	tests/libxti/check_errors_xti \
	tests/libxti/check_errors_tli \
	tests/libxti/check_open_xti \
	tests/libxti/check_open_tli \
	tests/libxti/check_alloc_xti \
	tests/libxti/check_alloc_tli \
	tests/libxti/check_optmgmt_xti \
	tests/libxti/check_optmgmt_tli \
	tests/libxti/check_udata_xti \
	tests/libxti/check_udata_tli \
	tests/libxti/check_netdir \
	tests/libxti/check_modules

check_PROGRAMS += $(MISC_XTI_TESTS)
TESTS += $(MISC_XTI_TESTS)

MISC_XTI_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
MISC_XTI_LDADD = lib/libxti/libxti.la $(TIRPC_LIBS) $(CHECK_LIBS)

tests_libxti_check_errors_xti_SOURCES = tests/libxti/check_errors_xti.c \
	tests/libxti/misc_util.h
tests_libxti_check_errors_xti_CFLAGS = $(MISC_XTI_CFLAGS)
tests_libxti_check_errors_xti_LDADD = $(MISC_XTI_LDADD)

tests_libxti_check_errors_tli_SOURCES = tests/libxti/check_errors_tli.c \
	tests/libxti/misc_util.h
tests_libxti_check_errors_tli_CFLAGS = $(MISC_XTI_CFLAGS)
tests_libxti_check_errors_tli_LDADD = $(MISC_XTI_LDADD)

tests_libxti_check_open_xti_SOURCES = tests/libxti/check_open_xti.c \
	tests/libxti/misc_util.h
tests_libxti_check_open_xti_CFLAGS = $(MISC_XTI_CFLAGS)
tests_libxti_check_open_xti_LDADD = $(MISC_XTI_LDADD)

tests_libxti_check_open_tli_SOURCES = tests/libxti/check_open_tli.c \
	tests/libxti/misc_util.h
tests_libxti_check_open_tli_CFLAGS = $(MISC_XTI_CFLAGS)
tests_libxti_check_open_tli_LDADD = $(MISC_XTI_LDADD)

tests_libxti_check_alloc_xti_SOURCES = tests/libxti/check_alloc_xti.c \
	tests/libxti/misc_util.h
tests_libxti_check_alloc_xti_CFLAGS = $(MISC_XTI_CFLAGS)
tests_libxti_check_alloc_xti_LDADD = $(MISC_XTI_LDADD)

tests_libxti_check_alloc_tli_SOURCES = tests/libxti/check_alloc_tli.c \
	tests/libxti/misc_util.h
tests_libxti_check_alloc_tli_CFLAGS = $(MISC_XTI_CFLAGS)
tests_libxti_check_alloc_tli_LDADD = $(MISC_XTI_LDADD)

tests_libxti_check_optmgmt_xti_SOURCES = tests/libxti/check_optmgmt_xti.c \
	tests/libxti/misc_util.h
tests_libxti_check_optmgmt_xti_CFLAGS = $(MISC_XTI_CFLAGS)
tests_libxti_check_optmgmt_xti_LDADD = $(MISC_XTI_LDADD)

tests_libxti_check_optmgmt_tli_SOURCES = tests/libxti/check_optmgmt_tli.c \
	tests/libxti/misc_util.h
tests_libxti_check_optmgmt_tli_CFLAGS = $(MISC_XTI_CFLAGS)
tests_libxti_check_optmgmt_tli_LDADD = $(MISC_XTI_LDADD)

tests_libxti_check_udata_xti_SOURCES = tests/libxti/check_udata_xti.c \
	tests/libxti/misc_util.h
tests_libxti_check_udata_xti_CFLAGS = $(MISC_XTI_CFLAGS)
tests_libxti_check_udata_xti_LDADD = $(MISC_XTI_LDADD)

tests_libxti_check_udata_tli_SOURCES = tests/libxti/check_udata_tli.c \
	tests/libxti/misc_util.h
tests_libxti_check_udata_tli_CFLAGS = $(MISC_XTI_CFLAGS)
tests_libxti_check_udata_tli_LDADD = $(MISC_XTI_LDADD)

tests_libxti_check_netdir_SOURCES = tests/libxti/check_netdir.c \
	tests/libxti/misc_util.h
tests_libxti_check_netdir_CFLAGS = $(MISC_XTI_CFLAGS)
tests_libxti_check_netdir_LDADD = $(MISC_XTI_LDADD)

tests_libxti_check_modules_SOURCES = tests/libxti/check_modules.c \
	tests/libxti/misc_util.h
tests_libxti_check_modules_CFLAGS = $(MISC_XTI_CFLAGS)
tests_libxti_check_modules_LDADD = $(MISC_XTI_LDADD)
