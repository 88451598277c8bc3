# sac, sacadm and pmadm: the reference port monitor for tests and the
# integration tests that drive the real programs in a temporary SAF root.
check_PROGRAMS += tests/saf/testpm
tests_saf_testpm_SOURCES = tests/saf/testpm.c
tests_saf_testpm_LDADD = lib/libsaf/libsaf.la

SAF_TESTS = tests/saf/sac-basic.sh tests/saf/sac-usage.sh \
	tests/saf/sac-commands.sh tests/saf/sac-failure.sh \
	tests/saf/sac-recovery.sh tests/saf/sac-reread.sh tests/saf/sac-messages.sh
TESTS += $(SAF_TESTS)
EXTRA_DIST += tests/saf/lib.sh $(SAF_TESTS)
check_PROGRAMS += tests/saf/admprobe
tests_saf_admprobe_SOURCES = tests/saf/admprobe.c
tests_saf_admprobe_LDADD = lib/libsaf/libsaf.la
