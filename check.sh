#!/bin/sh
# Build the project and run the whole test suite:
#   1. the normal build (warnings are errors) and `make check`;
#   2. the same suite built with AddressSanitizer and UBSan, then the
#      daemons' integration tests under valgrind (scripts/valgrind.sh);
#   3. every libFuzzer target (built with clang) for a few seconds
#      (FUZZ_SECONDS each, default 4; "make fuzz" there runs them longer);
#   4. `make distcheck` (the release tarball builds, tests and installs).
# `./check.sh --quick` stops after step 1.  On Debian it installs what it
# needs first (as root, or through sudo).
set -eu
cd "$(dirname "$0")"
. ./scripts/deps.sh
quick=no
[ "${1:-}" = "--quick" ] && quick=yes

listen_install_deps
listen_bootstrap

# Print the logs of failed tests, then fail.
fail() {
	echo "*** $1 failed; logs of the failing tests follow" >&2
	find "$2" -name '*.log' ! -name 'test-suite.log' ! -name 'config.log' |
	    while read -r log; do
		trs=${log%.log}.trs
		if [ -f "$trs" ] && grep -q '^:test-result: \(FAIL\|ERROR\)' "$trs"; then
			echo "===== $log" >&2
			tail -n 80 "$log" >&2
		fi
	done
	exit 1
}

echo "== build and test"
listen_build _build/check --enable-werror
make -C _build/check -s -j"$(nproc)" check || fail "make check" _build/check
[ "$quick" = yes ] && exit 0

echo "== build and test with ASan+UBSan"
listen_build _build/asan --enable-werror --enable-sanitizers
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:halt_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    make -C _build/asan -s -j"$(nproc)" check || fail "sanitizer check" _build/asan

echo "== the daemons under valgrind"
scripts/valgrind.sh >_build/valgrind.log 2>&1 || {
	tail -n 80 _build/valgrind.log >&2
	echo "*** valgrind failed; the whole report is _build/valgrind.log" >&2
	exit 1
}
tail -n 4 _build/valgrind.log

echo "== fuzz targets, briefly"
CC=clang listen_build _build/fuzz --enable-fuzzers
tests/fuzz/run.sh _build/fuzz "${FUZZ_SECONDS:-4}" || fail "fuzzing" _build/fuzz

echo "== distcheck"
make -C _build/check -s distcheck DISTCHECK_CONFIGURE_FLAGS=--enable-werror \
    >/dev/null || fail "distcheck" _build/check
echo "all tests passed"
