#!/bin/sh
# valgrind.sh [BUILD-DIR]: the daemons' integration tests with every run
# of sac, listen, nlps_server, sacadm and pmadm under valgrind's memcheck.
#
# With no BUILD-DIR it configures and builds _build/valgrind (static
# libraries, -O1 -g, no sanitizers) in the source tree.  It then makes a
# copy of the build tree in which those five programs are scripts that run
# the real ones under valgrind (everything else links to the build tree),
# and runs tests/listen/*.sh, tests/saf/sac-*.sh, tests/saf/sacadm-*.sh,
# tests/saf/pmadm-*.sh and tests/hardening/*.sh against it, one at a time,
# as "make check" would (top_builddir, top_srcdir).
#
# A process with a memory error or a definite leak exits 97 (so the test
# that ran it usually fails) and leaves a report; every report is read
# afterwards, forked children included.  A test that fails is run once
# more (the programs start slowly under valgrind, and some tests give sac
# one second to hear from them); the reports of both runs count.  A program started with fewer
# than 64 descriptors allowed (tests that run the listener out of them)
# runs without valgrind, which needs some of its own; such runs are
# listed in BUILD-DIR/valgrind/unchecked.  The result: one line per test,
# the reports with errors, and "memcheck clean" or not; exit 0 only when
# every test passed (or was skipped) and no report has an error.
# Logs stay in BUILD-DIR/valgrind/.  VALGRIND_TESTS="a.sh b.sh" runs only
# those (paths under the source tree).
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
if [ $# -ge 1 ]; then
	build=$(cd "$1" && pwd)
else
	build=$src/_build/valgrind
	mkdir -p "$build"
	if [ ! -f "$build/Makefile" ]; then
		(cd "$build" && "$src/configure" -q --disable-shared \
		    CFLAGS="-O1 -g -fno-omit-frame-pointer")
	fi
	make -C "$build" -s -j"$(nproc)"
	make -C "$build" -s -j"$(nproc)" check TESTS=
fi
command -v valgrind >/dev/null || {
	echo "valgrind.sh: valgrind is not installed" >&2
	exit 1
}
out=$build/valgrind
rm -rf "$out"
mkdir -p "$out/reports" "$out/logs"
# daemons and commands run as other users too (nobody, a listener of its
# own): anyone may leave a report
chmod 1777 "$out/reports"
shadow=$out/tree
# the build tree, as symbolic links, with real directories (all but
# valgrind/ itself: a directory cannot be copied into itself)
mkdir -p "$shadow"
for entry in "$build"/* "$build"/.[!.]*; do
	[ -e "$entry" ] && [ "$entry" != "$out" ] || continue
	cp -as "$entry" "$shadow/" || {
		echo "valgrind.sh: cannot copy $entry into $shadow" >&2
		exit 1
	}
done
for prog in listen/listen listen/nlps_server saf/sac saf/sacadm saf/pmadm; do
	real=$build/$prog
	# with shared libraries the program is a libtool script: libtool
	# runs valgrind on the real one, with its library path
	vg=valgrind
	[ -x "$build/$(dirname "$prog")/.libs/$(basename "$prog")" ] &&
	    vg="$build/libtool --mode=execute valgrind"
	rm -f "$shadow/$prog"
	cat >"$shadow/$prog" <<EOF
#!/bin/sh
# valgrind needs descriptors of its own above the program's: a test that
# gives the program only a few (to run it out of them) runs it as it is
if [ "\$(ulimit -n)" -lt 64 ]; then
	echo "\$0 \$*: descriptor limit \$(ulimit -n)" >>"$out/unchecked"
	exec "$real" "\$@"
fi
# (valgrind cannot follow the listener's clone that shares its memory)
LISTEN_SPAWN=fork
export LISTEN_SPAWN
exec $vg --tool=memcheck --vgdb=no --error-exitcode=97 \\
    --leak-check=full --show-leak-kinds=definite \\
    --errors-for-leak-kinds=definite --num-callers=30 \\
    --child-silent-after-fork=no --trace-children=no \\
    --log-file="$out/reports/$(basename "$prog").%p" "$real" "\$@"
EOF
	chmod 0755 "$shadow/$prog"
done

if [ -n "${VALGRIND_TESTS:-}" ]; then
	tests=$VALGRIND_TESTS
else
	tests=$(cd "$src" && ls tests/listen/*.sh tests/saf/sac-*.sh \
	    tests/saf/sacadm-*.sh tests/saf/pmadm-*.sh tests/hardening/*.sh |
	    grep -v '/lib\.sh$')
fi
# run_test TEST LOG: its status
run_test() {
	set +e
	(
		top_builddir=$shadow
		top_srcdir=$src
		CK_DEFAULT_TIMEOUT=120
		# tests that time the daemons allow for valgrind's slowness
		TESTS_UNDER_VALGRIND=1
		export top_builddir top_srcdir CK_DEFAULT_TIMEOUT
		export TESTS_UNDER_VALGRIND
		cd "$shadow" && exec sh "$src/$1"
	) </dev/null >"$2" 2>&1
	rc=$?
	set -e
	return 0
}
pass=0
failed=
skipped=
again=
for t in $tests; do
	log=$out/logs/$(echo "$t" | tr / _).log
	run_test "$t" "$log"
	# A test that fails once is run again: under valgrind the programs
	# start several times slower, and a test that gives sac one second
	# to see its monitor answer may lose that race.  Its memcheck reports
	# count either way.
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 77 ]; then
		mv "$log" "$log.first"
		run_test "$t" "$log"
		[ "$rc" -ne 0 ] || again="$again $t"
	fi
	case $rc in
	0) pass=$((pass + 1)) r=PASS ;;
	77) skipped="$skipped $t" r=SKIP ;;
	*) failed="$failed $t" r="FAIL ($rc)" ;;
	esac
	case " $again " in *" $t "*) r="$r (second run)" ;; esac
	printf '%-40s %s\n' "$t" "$r"
done

# every report of a process that ended (one that exec'd a server has
# none): "ERROR SUMMARY: n", definite leaks counted among the errors
bad=
n=0
ended=0
for r in "$out"/reports/*; do
	[ -f "$r" ] || continue
	n=$((n + 1))
	grep -q 'ERROR SUMMARY:' "$r" && ended=$((ended + 1))
	if grep -q 'ERROR SUMMARY: [1-9]' "$r"; then
		bad="$bad $r"
	fi
done
echo "valgrind: $n processes under memcheck ($ended ran to their end," \
    "$((n - ended)) exec'd a server or were killed);" \
    "$(echo $bad | wc -w) with errors"
echo "valgrind: tests: $pass passed ($(echo $again | wc -w) on a second" \
    "run), $(echo $skipped | wc -w) skipped, $(echo $failed | wc -w) failed"
if [ -f "$out/unchecked" ]; then
	echo "valgrind: $(wc -l <"$out/unchecked") runs with a descriptor limit" \
	    "under 64 were not under memcheck ($out/unchecked)"
fi
for r in $bad; do
	echo "===== $r"
	head -n 60 "$r"
done
for t in $failed; do
	echo "===== $t"
	tail -n 30 "$out/logs/$(echo "$t" | tr / _).log"
done
if [ -n "$bad" ] || [ -n "$failed" ]; then
	echo "valgrind: NOT clean"
	exit 1
fi
echo "valgrind: memcheck clean"
