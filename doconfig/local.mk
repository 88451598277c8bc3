# doconfig(3): the SAF configuration-script interpreter (doconfig/README.md).
# A convenience library: it is linked into libsaf, which installs it.
noinst_LTLIBRARIES += doconfig/libdoconfig.la
include_HEADERS += doconfig/doconfig.h
doconfig_libdoconfig_la_SOURCES = \
	doconfig/dc_parse.h doconfig/dc_parse.c \
	doconfig/dc_exec.h doconfig/dc_exec.c doconfig/dc_spawn.c \
	doconfig/doconfig.c
doconfig_libdoconfig_la_LIBADD = lib/libxti/libxti.la
