# The Service Access Controller, sacadm and pmadm.
safdir = $(prefix)/lib/saf
saf_PROGRAMS = saf/sac

saf_sac_SOURCES = saf/sac.h saf/sac_main.c saf/sac_log.c saf/sac_table.c \
	saf/sac_pm.c saf/sac_poll.c saf/sac_cmd.c
saf_sac_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/lib/evloop
saf_sac_LDADD = lib/libsaf/libsaf.la lib/evloop/libevloop.la

# sacadm and pmadm, and the modules they share (saf/adm.h).
sbin_PROGRAMS += saf/sacadm saf/pmadm
noinst_LTLIBRARIES += saf/libadm.la
saf_libadm_la_SOURCES = saf/adm.h saf/adm_msgs.h saf/adm_out.c \
	saf/adm_args.c saf/adm_cmd.c saf/adm_lock.c saf/adm_file.c \
	saf/adm_fmt.c
saf_sacadm_SOURCES = saf/sacadm.c
saf_sacadm_LDADD = saf/libadm.la lib/libsaf/libsaf.la
saf_pmadm_SOURCES = saf/pmadm.c
saf_pmadm_LDADD = saf/libadm.la lib/libsaf/libsaf.la
