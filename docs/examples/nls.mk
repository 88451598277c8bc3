# libnls example programs: built (not installed as programs), shipped as
# sources under $(docdir)/examples.  The tests in tests/libnls run them.
NLS_EXAMPLES_LDADD = lib/libnls/libnls.la lib/libxti/libxti.la $(TIRPC_LIBS)
noinst_PROGRAMS += docs/examples/nls-tliserver docs/examples/nls-standing \
	docs/examples/nls-client
docs_examples_nls_tliserver_SOURCES = docs/examples/nls-tliserver.c
docs_examples_nls_tliserver_LDADD = $(NLS_EXAMPLES_LDADD)
docs_examples_nls_standing_SOURCES = docs/examples/nls-standing.c
docs_examples_nls_standing_LDADD = $(NLS_EXAMPLES_LDADD)
docs_examples_nls_client_SOURCES = docs/examples/nls-client.c
docs_examples_nls_client_LDADD = $(NLS_EXAMPLES_LDADD)
nlsexamplesdir = $(docdir)/examples
nlsexamples_DATA = docs/examples/nls-tliserver.c \
	docs/examples/nls-standing.c docs/examples/nls-client.c
