# evloop: the event loop of the daemons (internal, not installed).
noinst_LTLIBRARIES += lib/evloop/libevloop.la
lib_evloop_libevloop_la_SOURCES = lib/evloop/evloop.c lib/evloop/evloop.h

check_PROGRAMS += tests/evloop/check_evloop
TESTS += tests/evloop/check_evloop
tests_evloop_check_evloop_SOURCES = tests/evloop/check_evloop.c
tests_evloop_check_evloop_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/lib/evloop
tests_evloop_check_evloop_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) -pthread
tests_evloop_check_evloop_LDADD = lib/evloop/libevloop.la $(CHECK_LIBS) -lpthread
