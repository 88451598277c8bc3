#!/bin/sh
# Run the libFuzzer targets built in a build directory for a bounded time.
#   tests/fuzz/run.sh BUILDDIR SECONDS-PER-TARGET [TARGET...]
# Every target (fuzz_*) unless some are named.  Fails on the first crash,
# leak, sanitizer report, or input that takes more than 10 seconds; the
# input is left as BUILDDIR/tests/fuzz/<target>-crash-* (or -leak-,
# -timeout-) and the end of the target's output is shown.
#
# New inputs go to a scratch copy of the seed corpus, never into the
# source tree; with FUZZ_KEEP=1 they are kept in
# BUILDDIR/tests/fuzz/corpus/<target> and the next run starts from there.
# A line per target says how long it ran, how many inputs it tried, and
# the coverage (edges) and features it reached; the lines are also in
# BUILDDIR/tests/fuzz/summary.
set -eu
build=$1
secs=$2
shift 2
src=$(cd "$(dirname "$0")" && pwd)
out=$build/tests/fuzz
found=0
: >"$out/summary"
if [ $# -eq 0 ]; then
	set -- $(cd "$out" && ls fuzz_* 2>/dev/null | grep -v '[.-]' || true)
fi
for name in "$@"; do
	t=$out/$name
	[ -x "$t" ] || {
		echo "fuzz: no target $t" >&2
		exit 1
	}
	if [ "${FUZZ_KEEP:-0}" = 1 ]; then
		work=$out/corpus/$name
		mkdir -p "$work"
	else
		work=$(mktemp -d)
	fi
	if [ -d "$src/corpus/$name" ]; then
		cp -r "$src/corpus/$name/." "$work/"
	fi
	start=$(date +%s)
	if ! "$t" -max_total_time="$secs" -timeout=10 -print_final_stats=1 \
	    -artifact_prefix="$out/$name-" "$work" >"$out/$name.out" 2>&1; then
		tail -n 60 "$out/$name.out" >&2
		echo "fuzz: $name FAILED (input saved as $out/$name-*)" >&2
		[ "${FUZZ_KEEP:-0}" = 1 ] || rm -rf "$work"
		exit 1
	fi
	end=$(date +%s)
	[ "${FUZZ_KEEP:-0}" = 1 ] || rm -rf "$work"
	# "#N DONE cov: C ft: F corp: K/S ..." is libFuzzer's last word
	line=$(grep 'DONE  *cov:' "$out/$name.out" | tail -n 1)
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$name.out")
	cov=$(echo "$line" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$line" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	corp=$(echo "$line" | sed -n 's/.* corp: \([0-9]*\).*/\1/p')
	printf '%-14s %5ss %10s runs  cov %5s  ft %6s  corpus %5s  clean\n' \
	    "$name" "$((end - start))" "${runs:-?}" "${cov:-?}" "${ft:-?}" \
	    "${corp:-?}" | tee -a "$out/summary"
	found=$((found + 1))
done
echo "fuzz: $found targets ran clean"
