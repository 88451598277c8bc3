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

# sacadm and pmadm: integration tests, their man pages.
SAF_TESTS += tests/saf/sacadm-usage.sh tests/saf/sacadm-add.sh \
	tests/saf/sacadm-sac.sh tests/saf/sacadm-recover.sh \
	tests/saf/sacadm-config.sh tests/saf/sacadm-lock.sh \
	tests/saf/pmadm-usage.sh tests/saf/pmadm-ops.sh \
	tests/saf/pmadm-sac.sh
check_PROGRAMS += tests/saf/check_adm
TESTS += tests/saf/check_adm
tests_saf_check_adm_SOURCES = tests/saf/check_adm.c
tests_saf_check_adm_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/saf
tests_saf_check_adm_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_saf_check_adm_LDADD = saf/libadm.la lib/libsaf/libsaf.la $(CHECK_LIBS)
dist_man8_MANS += docs/man8/sacadm.8 docs/man8/pmadm.8
