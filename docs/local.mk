# Manual pages (section 3: libxti; section 8: the daemons) and the test
# that renders them all.
#
# Full pages first, then the one-line ".so" pages that let "man t_unbind"
# find the page documenting t_unbind.
dist_man8_MANS += docs/man8/sac.8 docs/man8/listen.8 docs/man8/nlps_server.8
dist_man3_MANS += \
	docs/man3/xti.3 \
	docs/man3/t_open.3 \
	docs/man3/t_close.3 \
	docs/man3/t_bind.3 \
	docs/man3/t_listen.3 \
	docs/man3/t_connect.3 \
	docs/man3/t_snd.3 \
	docs/man3/t_rcv.3 \
	docs/man3/t_sndrel.3 \
	docs/man3/t_snddis.3 \
	docs/man3/t_sndudata.3 \
	docs/man3/t_look.3 \
	docs/man3/t_alloc.3 \
	docs/man3/t_optmgmt.3 \
	docs/man3/t_getinfo.3 \
	docs/man3/t_error.3 \
	docs/man3/t_sysconf.3 \
	docs/man3/netdir.3 \
	docs/man3/xti_modules.3
dist_man3_MANS += \
	docs/man3/netdir_free.3 \
	docs/man3/netdir_getbyaddr.3 \
	docs/man3/netdir_getbyname.3 \
	docs/man3/netdir_options.3 \
	docs/man3/netdir_perror.3 \
	docs/man3/netdir_sperror.3 \
	docs/man3/t_accept.3 \
	docs/man3/t_errlist.3 \
	docs/man3/t_errno.3 \
	docs/man3/t_free.3 \
	docs/man3/t_getname.3 \
	docs/man3/t_getprotaddr.3 \
	docs/man3/t_getstate.3 \
	docs/man3/t_nerr.3 \
	docs/man3/t_rcvconnect.3 \
	docs/man3/t_rcvdis.3 \
	docs/man3/t_rcvrel.3 \
	docs/man3/t_rcvreldata.3 \
	docs/man3/t_rcvudata.3 \
	docs/man3/t_rcvuderr.3 \
	docs/man3/t_rcvv.3 \
	docs/man3/t_rcvvudata.3 \
	docs/man3/t_sndreldata.3 \
	docs/man3/t_sndv.3 \
	docs/man3/t_sndvudata.3 \
	docs/man3/t_strerror.3 \
	docs/man3/t_sync.3 \
	docs/man3/t_unbind.3 \
	docs/man3/taddr2uaddr.3 \
	docs/man3/tiuser.3 \
	docs/man3/uaddr2taddr.3 \
	docs/man3/xti_find.3 \
	docs/man3/xti_look.3 \
	docs/man3/xti_module_supported.3 \
	docs/man3/xti_nmodules.3 \
	docs/man3/xti_pop.3 \
	docs/man3/xti_push.3

# docs/manlint.sh runs groff with every warning on over each page.
# It checks too that every page under docs/ is one make install installs.
TESTS += docs/manlint.sh
AM_TESTS_ENVIRONMENT += MAN_LISTED='$(dist_man3_MANS) $(dist_man8_MANS)'; \
	export MAN_LISTED;
EXTRA_DIST += docs/manlint.sh

# The administrator's walk-through, the design notes and the notes on
# hardening and performance, in $(docdir).
dist_doc_DATA = docs/ADMIN.md docs/saf-design.md docs/xti-design.md \
	docs/HARDENING.md docs/PERFORMANCE.md
