# Installed system integration: systemd units (sac, and a standalone
# listener per net_spec), and the SAF directories with an empty _sactab.
if SYSTEMD_UNITS
systemdsystemunit_DATA = etc/sac.service etc/listen@.service
endif
EXTRA_DIST += etc/sac.service.in etc/listen@.service.in
CLEANFILES += etc/sac.service etc/listen@.service

etc_units_edit = sed -e 's|@safdir@|$(safdir)|g' \
	-e 's|@sysconfdir@|$(sysconfdir)|g' -e 's|@sbindir@|$(sbindir)|g'
etc/sac.service: $(srcdir)/etc/sac.service.in Makefile
	$(AM_V_GEN)$(MKDIR_P) etc && $(etc_units_edit) \
	    $(srcdir)/etc/sac.service.in >$@.tmp && mv $@.tmp $@
etc/listen@.service: $(srcdir)/etc/listen@.service.in Makefile
	$(AM_V_GEN)$(MKDIR_P) etc && $(etc_units_edit) \
	    '$(srcdir)/etc/listen@.service.in' >$@.tmp && mv $@.tmp $@

# The SAF directories, and a _sactab with only its version line: sac
# starts with no port monitors until "nlsadmin -i" or "sacadm -a" adds one.
# An existing _sactab is never touched.
install-data-local: install-saf-dirs
install-saf-dirs:
	$(MKDIR_P) '$(DESTDIR)$(sysconfdir)/saf' '$(DESTDIR)$(localstatedir)/saf'
	test -f '$(DESTDIR)$(sysconfdir)/saf/_sactab' || \
	    printf '# VERSION=1\n' >'$(DESTDIR)$(sysconfdir)/saf/_sactab'
# Uninstalling removes them only as installed: an untouched _sactab, and
# directories left empty.
uninstall-local:
	if printf '# VERSION=1\n' | \
	    cmp -s - '$(DESTDIR)$(sysconfdir)/saf/_sactab'; then \
		rm -f '$(DESTDIR)$(sysconfdir)/saf/_sactab'; fi
	-rmdir '$(DESTDIR)$(sysconfdir)/saf' '$(DESTDIR)$(localstatedir)/saf' \
	    2>/dev/null
.PHONY: install-saf-dirs

TESTS += tests/etc-units.sh
EXTRA_DIST += tests/etc-units.sh
