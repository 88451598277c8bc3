#!/bin/sh
# The systemd units as configured: they name the installed programs, and
# systemd accepts them (with the programs of the build tree in their
# place, since nothing is installed yet).
set -eu
units=$top_builddir/etc
if [ ! -f "$units/sac.service" ]; then
	echo "SKIP: built without systemd units"
	exit 77
fi
if ! command -v systemd-analyze >/dev/null; then
	echo "SKIP: no systemd-analyze"
	exit 77
fi
fail() {
	echo "FAIL: $*" >&2
	exit 1
}
sac=$(sed -n 's/^ExecStart=\([^ ]*\) .*/\1/p' "$units/sac.service")
listen=$(sed -n 's/^ExecStart=\([^ ]*\) .*/\1/p' "$units/listen@.service")
case $sac in /*/saf/sac) ;; *) fail "sac.service runs $sac" ;; esac
[ "$listen" = "${sac%/sac}/listen" ] || fail "listen@.service runs $listen"
grep -q '^ExecReload=/bin/kill -HUP \$MAINPID$' "$units/listen@.service" ||
    fail "listen@.service cannot reload"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed "s|$sac|$top_builddir/saf/sac|" "$units/sac.service" >"$work/sac.service"
sed "s|$listen|$top_builddir/listen/listen|" "$units/listen@.service" \
    >"$work/listen@.service"
ln -s listen@.service "$work/listen@tcp.service"
if ! out=$(cd "$work" && systemd-analyze verify --man=no \
    ./sac.service ./listen@tcp.service 2>&1); then
	fail "systemd-analyze: $out"
fi
# it exits 0 with complaints on some versions: none are expected
[ -z "$out" ] || fail "systemd-analyze: $out"
