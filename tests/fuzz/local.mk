# libFuzzer targets (configure --enable-fuzzers with CC=clang).
#
# Each module's local.mk adds its targets to FUZZ_TARGETS inside
# "if FUZZERS", building the parser sources into the target with
# $(FUZZ_CFLAGS); seed corpora live in tests/fuzz/corpus/<target>/.
# tests/fuzz/run.sh runs every target for a bounded time.
EXTRA_DIST += tests/fuzz/run.sh
