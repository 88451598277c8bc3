# Hardening: fault injection and security tests of the daemons as they
# run (real processes, real sockets, real users), and their programs.
check_PROGRAMS += tests/hardening/hdclient tests/hardening/hdprobe
tests_hardening_hdclient_SOURCES = tests/hardening/hdclient.c \
	tests/listen/settle.c tests/listen/settle.h
tests_hardening_hdprobe_SOURCES = tests/hardening/hdprobe.c \
	tests/listen/probefds.c tests/listen/probefds.h
# A fault injector preloaded into the listener (fault.c).
check_LTLIBRARIES = tests/hardening/libhdfault.la
tests_hardening_libhdfault_la_SOURCES = tests/hardening/fault.c
tests_hardening_libhdfault_la_LDFLAGS = -module -avoid-version \
	-rpath $(abs_builddir)/tests/hardening
tests_hardening_libhdfault_la_LIBADD = -ldl

HARDENING_TESTS = tests/hardening/hd-disk.sh tests/hardening/hd-fds.sh \
	tests/hardening/hd-faults.sh tests/hardening/hd-fork.sh \
	tests/hardening/hd-idle.sh \
	tests/hardening/hd-kill9.sh \
	tests/hardening/hd-reread.sh tests/hardening/hd-reset.sh \
	tests/hardening/hd-rpcbind.sh \
	tests/hardening/hd-standing.sh \
	tests/hardening/sec-perms.sh \
	tests/hardening/sec-server.sh tests/hardening/sec-inject.sh \
	tests/hardening/sec-rendezvous.sh
TESTS += $(HARDENING_TESTS)
# One rpcbind at a time: both start their own on the standard port.  (A
# variable, so that automake still writes the rule that runs the test.)
HD_RPCBIND_LOG = tests/hardening/hd-rpcbind.sh.log
$(HD_RPCBIND_LOG): tests/listen/listen-rpc.sh.log
EXTRA_DIST += tests/hardening/lib.sh $(HARDENING_TESTS)

# The daemons' integration tests under valgrind's memcheck, against this
# build tree (not one built with sanitizers); scripts/valgrind.sh with no
# argument builds a tree of its own for that.
EXTRA_DIST += scripts/valgrind.sh
valgrind: all
	$(MAKE) $(AM_MAKEFLAGS) check TESTS=
	$(SHELL) $(srcdir)/scripts/valgrind.sh '$(abs_builddir)'
.PHONY: valgrind
clean-local: clean-valgrind
clean-valgrind:
	-rm -rf valgrind
.PHONY: clean-valgrind
