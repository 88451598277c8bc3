# The Service Access Controller, sacadm and pmadm.
safdir = $(prefix)/lib/saf
saf_PROGRAMS = saf/sac

saf_sac_SOURCES = saf/sac.h saf/sac_main.c saf/sac_log.c saf/sac_table.c \
	saf/sac_pm.c saf/sac_poll.c saf/sac_cmd.c
saf_sac_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/lib/evloop
saf_sac_LDADD = lib/libsaf/libsaf.la lib/evloop/libevloop.la
