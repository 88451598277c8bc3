#!/bin/sh
# 10,000 idle connections: callers of the NLPS address that connect and
# say nothing.  With descriptors enough (a limit of 12,000), the listener
# takes all of them, each waiting in the loop with its own timer, and
# meanwhile serves NLPS requests and its other services at once; its
# memory stays small.  When the callers go, every descriptor and request
# is given back.
. "$top_srcdir/tests/hardening/lib.sh"
hd_root
P0=$(port)
P1=$(port)
PROBE=$(real "$SVCPROBE")
N=10000
ls_table \
    "0::root:reserved:reserved:reserved:127.0.0.1\\:$P0::c::/usr/lib/saf/nlps_server#NLPS" \
    "a::nobody:reserved:reserved:reserved:127.0.0.1\\:$P1::c::$PROBE#a" \
    "echo::nobody:reserved:reserved:reserved:::c::$PROBE#through NLPS"
ulimit -n 12000 2>/dev/null || {
	echo "SKIP: cannot raise the descriptor limit to 12000"
	exit 77
}
(LISTEN_REQUEST_TIMEOUT=600 exec "$LISTEN" tcp) 2>"$SAF_ROOT/listen.err" &
LS_PID=$!
wait_for "the listener" ls_ready
base=$(nfds "$LS_PID")

"$HDCLIENT" idle 127.0.0.1 "$P0" "$N" >"$SAF_ROOT/idle" &
IDLE=$!
LS_KIDS="$LS_KIDS $IDLE"
wait_for "$N connections" grep -q "^connected=" "$SAF_ROOT/idle"
same "connected=$N failed=0" "$(cat "$SAF_ROOT/idle")"
all_taken() { [ "$(nfds "$LS_PID")" -ge $((base + N)) ]; }
wait_for "the listener to take all $N" all_taken
wait_for "$N requests in the status file" status_is requests "$N"
! ls_log_has "out of file descriptors" || fail "ran out of descriptors"

# meanwhile, everything else is served
client -r "NLPS:002:002:echo" 127.0.0.1 "$P0"
case $OUT in "reply=2:0:NLPS (echo) exec: $PROBE"*uid=*) ;; *) fail "NLPS: $OUT" ;; esac
expect 0 "$HDCLIENT" many 127.0.0.1 "$P1" 50 30
same "data=50 reset=0 closed=0 open=0 failed=0"
# about a kilobyte for each caller waiting, not more than 64 MB in all
# (not under valgrind, whose own bookkeeping is in the same process)
rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$LS_PID/status")
echo "$N callers waiting: the listener has $(nfds "$LS_PID") descriptors open, $rss kB resident"
if ! under_valgrind "$LS_PID"; then
	[ "$rss" -lt 65536 ] ||
	    fail "the listener uses $rss kB with $N callers waiting"
fi

# the callers go: everything is given back
stop "$IDLE"
wait_for "the listener's descriptors back to $base" fds_back_to "$base"
wait_for "no request in the status file" status_is requests 0
client -s "" 127.0.0.1 "$P1"
case $OUT in uid=*) ;; *) fail "after: $OUT" ;; esac
ls_stop
[ "$LS_STATUS" -eq 0 ] || fail "exit status $LS_STATUS"
