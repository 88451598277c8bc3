# nlsadmin, the listener administration command: a front end to sacadm
# and pmadm (run with an argument vector), libsaf for -l and -t.
sbin_PROGRAMS += nlsadmin/nlsadmin
nlsadmin_nlsadmin_SOURCES = nlsadmin/nlsadmin.h nlsadmin/main.c \
	nlsadmin/nls_opts.c nlsadmin/nls_fmt.c nlsadmin/nls_out.c \
	nlsadmin/nls_run.c nlsadmin/nls_ops.c nlsadmin/nls_addr.c \
	nlsadmin/nls_notify.c nlsadmin/nls_status.c
# where the installed sacadm and pmadm, listen and nlps_server live
nlsadmin_nlsadmin_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/saf \
	-DSBINDIR='"$(sbindir)"' -DSAFDIR='"$(safdir)"'
nlsadmin_nlsadmin_LDADD = saf/libadm.la lib/libsaf/libsaf.la \
	lib/libxti/libxti.la
dist_man8_MANS += docs/man8/nlsadmin.8

include tests/nlsadmin/local.mk
