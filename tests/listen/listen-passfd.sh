#!/bin/sh
# The pass-fd path: connections handed to a standing server with their
# metadata; a missing, stale, foreign-owned rendezvous or a FIFO is found
# out at once and explained in the log; a full one is waited for a
# moment, then its waiting connections are closed; a restarted server is
# found again.
. "$top_srcdir/tests/listen/lib.sh"
ls_root
RV=$SAF_ROOT/rv
mkdir -p "$RV"
chmod 0755 "$SAF_ROOT" "$RV"
P0=$(port)
P1=$(port)
P2=$(port)
PSTAND=$(real "$STANDING")
# the log says "ready" once more (a restarted server appends to it)
ready_more() {
	[ "$(grep -c ready "$1")" -gt "$2" ]
}
standing() { # standing [-n] NAME [USER]
	opt=
	[ "$1" = "-n" ] && opt=-n && shift
	before=$(grep -c ready "$RV/$1.log" 2>/dev/null || true)
	if [ -n "${2:-}" ]; then
		setpriv --reuid="$2" --regid="$2" --clear-groups \
		    "$PSTAND" $opt "$RV/$1" "$RV/$1.log" &
	else
		"$PSTAND" $opt "$RV/$1" "$RV/$1.log" &
	fi
	LS_KIDS="$LS_KIDS $!"
	LAST=$!
	wait_for "standing server $1" ready_more "$RV/$1.log" "${before:-0}"
}
touch "$RV/s1.log" "$RV/slow.log" "$RV/daemon.log"
chmod 0666 "$RV/daemon.log"
standing s1
standing -n slow
chmod 0777 "$RV"
standing daemon daemon
ls_table \
    "0::root:reserved:reserved:reserved:127.0.0.1\\:$P0::c::/usr/lib/saf/nlps_server#NLPS" \
    "pass::root:reserved:reserved:reserved:127.0.0.1\\:$P1::p::$RV/s1#standing" \
    "slow::root:reserved:reserved:reserved:127.0.0.1\\:$P2::p::$RV/slow#never reads" \
    "miss::root:reserved:reserved:reserved:::p::$RV/missing#missing" \
    "stale::root:reserved:reserved:reserved:::p::$RV/stale#stale" \
    "fifo::root:reserved:reserved:reserved:::p::$RV/fifo#a FIFO" \
    "owner::nobody:reserved:reserved:reserved:::p::$RV/daemon#not nobody's"
ls_start

# a connection on the service's address
client 127.0.0.1 "$P1"
same "hello pass"
grep -q "^code=pass net=tcp caller_len=16 local_len=16 uid=0 magic=ok fd=blocking\$" \
    "$RV/s1.log" || fail "metadata: $(cat "$RV/s1.log")"
# through NLPS
client -r "NLPS:002:002:pass" 127.0.0.1 "$P0"
same "reply=2:0:NLPS (pass) passfd: $RV/s1
hello pass"

# what cannot work is found out at once and explained
client -r "NLPS:002:002:miss" 127.0.0.1 "$P0"
same "reply=2:0:NLPS (miss) passfd: $RV/missing
[reset]"
ls_log_wait "standing server of service miss: rendezvous $RV/missing: No such file or directory"
standing stale
kill "$LAST"
wait "$LAST" 2>/dev/null || true
client -r "NLPS:002:002:stale" 127.0.0.1 "$P0"
ls_log_wait "standing server of service stale: nobody receives on $RV/stale (stale rendezvous)"
mkfifo "$RV/fifo"
client -r "NLPS:002:002:fifo" 127.0.0.1 "$P0"
ls_log_wait "standing server of service fifo: $RV/fifo is a FIFO; standing servers create their rendezvous with nls_fdserver()"
client -r "NLPS:002:002:owner" 127.0.0.1 "$P0"
ls_log_wait "standing server of service owner: $RV/daemon belongs to uid $(id -u daemon), not to nobody or root: refused"
! grep -q code= "$RV/daemon.log" || fail "a connection reached another user's server"

# a server that restarts is found again
kill "$(echo "$LS_KIDS" | awk '{print $1}')"
sleep 0.2
standing s1
client 127.0.0.1 "$P1"
same "hello pass"

# a server that does not read: the kernel takes a few, the listener holds
# up to 256 for 2 s, the rest are closed at once; nothing blocks
expect 0 "$LSCLIENT" -n 300 127.0.0.1 "$P2"
reset=$(echo "$OUT" | sed -n 's/.*reset=\([0-9]*\).*/\1/p')
[ "$reset" -ge 280 ] || fail "full rendezvous: $OUT"
# those waiting are closed after 2 s; those beyond the 256 that may wait
# are closed at once (how many depends on how fast the callers came)
ls_log_wait "standing server of service slow did not take a connection within 2000 ms"
n=$(grep -c "standing server of service slow did not take a connection within 2000 ms\|standing server of service slow is not keeping up (rendezvous $RV/slow full): connection closed" "$LS_LOG")
[ "$n" -ge 280 ] || fail "only $n connections to the full rendezvous were explained"
# meanwhile, and after, the others are served
client 127.0.0.1 "$P1"
same "hello pass"
