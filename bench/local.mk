# The benchmark (bench/README.md, docs/PERFORMANCE.md): `make bench`
# builds the listener, the harness and the standing server it passes
# connections to, then runs bench/run.sh (as root: it runs in private
# network and pid namespaces).  Never part of `make check`.
#   make bench                              the full run (about 25 min)
#   make bench BENCH_ARGS=--quick           a smoke test
# Results go to bench/results in the build tree.
EXTRA_PROGRAMS = bench/nlsstanding
bench_nlsstanding_SOURCES = bench/nlsstanding.c
bench_nlsstanding_LDADD = lib/libnls/libnls.la
CLEANFILES += bench/nlsstanding

BENCH_ARGS =
bench: all bench/nlsstanding
	$(MAKE) -C '$(srcdir)/bench' BIN='$(abs_top_builddir)/bench/bin'
	$(SHELL) '$(srcdir)/bench/run.sh' --build '$(abs_top_builddir)' \
	    --bin '$(abs_top_builddir)/bench/bin' \
	    --out '$(abs_top_builddir)/bench/results' $(BENCH_ARGS)
.PHONY: bench

EXTRA_DIST += bench/README.md bench/Makefile bench/run.sh bench/benchutil.h \
	bench/benchutil.c bench/connload.c bench/hello.c bench/fdserver.c \
	bench/base_inproc.c bench/base_fork.c bench/base_forkexec.c \
	bench/base_fdpass.c bench/idlehold.c bench/rereadtime.c
