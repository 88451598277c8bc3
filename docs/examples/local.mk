# Example programs: built (not installed as programs), shipped as sources
# under $(docdir)/examples.
noinst_PROGRAMS += docs/examples/tli-echod docs/examples/xti-echo
docs_examples_tli_echod_SOURCES = docs/examples/tli-echod.c
docs_examples_tli_echod_LDADD = lib/libxti/libxti.la $(TIRPC_LIBS)
docs_examples_xti_echo_SOURCES = docs/examples/xti-echo.c
docs_examples_xti_echo_LDADD = lib/libxti/libxti.la $(TIRPC_LIBS)
examplesdir = $(docdir)/examples
examples_DATA = docs/examples/tli-echod.c docs/examples/xti-echo.c
