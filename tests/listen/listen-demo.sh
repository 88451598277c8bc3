#!/bin/sh
# The demo (README's first command runs scripts/demo-run.sh after the
# build): every service it prints answers, and Ctrl-C (SIGINT) stops the
# listener and the standing server and removes the temporary SAF root.
. "$top_srcdir/tests/listen/lib.sh"
ls_root
DEMO_PORTS="$(port) $(port) $(port) $(port)"
export DEMO_PORTS
set -- $DEMO_PORTS
P0=$1 P1=$2 P2=$3 P3=$4
OUTF=$SAF_ROOT/demo.out
NLSCLIENT=$top_builddir/docs/examples/nls-client
# a root of its own, under ours (TMPDIR), so nothing outside is touched
TMPDIR=$SAF_ROOT/tmp
export TMPDIR
mkdir -p "$TMPDIR"
# a background job of a script ignores SIGINT; the demo gets it as from
# a terminal
env --default-signal=INT sh "$top_srcdir/scripts/demo-run.sh" \
    "$top_builddir" >"$OUTF" 2>&1 &
DEMO=$!
LS_KIDS="$LS_KIDS $DEMO"
demo_ready() {
	grep -q "Initialization Complete" "$OUTF" || {
		kill -0 "$DEMO" 2>/dev/null || fail "demo exited: $(cat "$OUTF")"
		return 1
	}
}
wait_for "the demo listener" demo_ready
root=$(sed -n 's/^demo: a listener on 127.0.0.1, SAF root //p' "$OUTF")
case $root in "$TMPDIR"/listen-demo.*) ;; *) fail "root: $(cat "$OUTF")" ;; esac
lpid=$(cat "$root/etc/tcp/_pid")
spid=$(pgrep -f "nls-standing $root/greet.sock" | head -1)
[ -n "$spid" ] || fail "no standing server"
# what it tells the user to run, with these ports
grep -q "^  echo .*: *nc -N 127.0.0.1 $P1\$" "$OUTF" || fail "echo hint: $(cat "$OUTF")"
grep -qF "nls-client 127.0.0.1 $P0 whoami" "$OUTF" || fail "nls-client hint"

# echo and date on their own ports
expect 0 "$LSCLIENT" -s "hello, demo" 127.0.0.1 "$P1"
same "hello, demo"
expect 0 "$LSCLIENT" 127.0.0.1 "$P2"
echo "$OUT" | grep -q "$(date +%Y)" || fail "date: $OUT"
# the standing server, directly and by its NLPS code
expect 0 "$LSCLIENT" 127.0.0.1 "$P3"
echo "$OUT" | grep -q "greet" || fail "greet: $OUT"
# whoami by NLPS, through the example client: nobody
OUT=$("$NLSCLIENT" 127.0.0.1 "$P0" whoami </dev/null 2>&1) ||
    fail "nls-client: $OUT"
echo "$OUT" | grep -q "uid=$(id -u nobody)(nobody)" || fail "whoami: $OUT"
OUT=$("$NLSCLIENT" 127.0.0.1 "$P0" echo <<EOF 2>&1
by code
EOF
) || fail "nls-client echo: $OUT"
echo "$OUT" | grep -q "^by code\$" || fail "echo by code: $OUT"

# SIGUSR1: the counters reach the log (and the terminal)
kill -USR1 "$lpid"
wait_for "the status dump" grep -q "status: service greet: " "$root/var/tcp/log"
grep -q "status: service echo: bound 127.0.0.1\\\\:$P1, accepted 2, refused (disabled 0, failed 0, busy 0), running [01]\$" \
    "$root/var/tcp/log" || fail "echo counters: $(grep status: "$root/var/tcp/log")"

# Ctrl-C: everything stops, the temporary root goes
kill -INT "$DEMO"
set +e
wait "$DEMO"
st=$?
set -e
[ "$st" -eq 0 ] || fail "demo exit $st: $(cat "$OUTF")"
grep -q "^demo: stopped\$" "$OUTF" || fail "no stop message"
! kill -0 "$lpid" 2>/dev/null || fail "listener $lpid still runs"
! kill -0 "$spid" 2>/dev/null || fail "standing server $spid still runs"
[ ! -e "$root" ] || fail "$root left behind"
