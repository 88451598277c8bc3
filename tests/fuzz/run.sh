#!/bin/sh
# Run every libFuzzer target built in a build directory for a bounded time.
#   tests/fuzz/run.sh BUILDDIR SECONDS-PER-TARGET
# Fails on the first crash, leak or sanitizer report.  New inputs found go
# to a scratch copy of the corpus, never into the source tree.
set -eu
build=$1
secs=$2
src=$(cd "$(dirname "$0")" && pwd)
found=0
for t in "$build"/tests/fuzz/fuzz_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	work=$(mktemp -d)
	if [ -d "$src/corpus/$name" ]; then
		cp -r "$src/corpus/$name/." "$work/"
	fi
	echo "fuzz: $name for ${secs}s"
	"$t" -max_total_time="$secs" -print_final_stats=0 \
	    -artifact_prefix="$build/tests/fuzz/$name-" "$work" \
	    >"$build/tests/fuzz/$name.out" 2>&1 || {
		tail -n 60 "$build/tests/fuzz/$name.out" >&2
		rm -rf "$work"
		exit 1
	}
	rm -rf "$work"
	found=$((found + 1))
done
echo "fuzz: $found targets ran clean"
