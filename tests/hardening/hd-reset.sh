#!/bin/sh
# Callers that reset their connection during NLPS: before sending
# anything, in the middle of the request, right after a whole request (to
# an exec and to a pass-fd service), in the middle of an SMB message, and
# to the nlps_server program; then 50 at once.  Each is logged, no
# descriptor or request is left behind, nothing kills the listener (no
# SIGPIPE), and the next caller is served.
. "$top_srcdir/tests/hardening/lib.sh"
hd_root
P0=$(port)
P2=$(port)
RV=$SAF_ROOT/rv
mkdir -p "$RV"
chmod 0755 "$SAF_ROOT" "$RV"
PROBE=$(real "$SVCPROBE")
NLPSD=$SAF_ROOT/nlpsd
printf '#!/bin/sh\nexec "%s" "$@"\n' "$NLPS_SERVER" >"$NLPSD"
chmod 0755 "$NLPSD"
standing "$RV/p"
ls_table \
    "0::root:reserved:reserved:reserved:127.0.0.1\\:$P0::c::/usr/lib/saf/nlps_server#NLPS" \
    "echo::nobody:reserved:reserved:reserved:::c::$PROBE#exec" \
    "p::nobody:reserved:reserved:reserved:::p::$RV/p#passed" \
    "2::nobody:reserved:reserved:reserved:::c::$PROBE#MS-NET" \
    "nlpsd::root:reserved:reserved:reserved:127.0.0.1\\:$P2::c::$NLPSD#program"
ls_start
hex() {
	printf '%s' "$1" | od -An -tx1 | tr -d ' \n'
}
served() {
	client -r "NLPS:002:002:echo" 127.0.0.1 "$P0"
	case $OUT in *uid=*) ;; *) fail "after $1: $OUT" ;; esac
	client -r "NLPS:002:002:p" 127.0.0.1 "$P0"
	case $OUT in *"hello p") ;; *) fail "p after $1: $OUT" ;; esac
}
served "start"
base=$(nfds "$LS_PID") # (with its connection to p's rendezvous)
reset() { # reset WHAT HEX [PORT]
	expect 0 "$HDCLIENT" reset 127.0.0.1 "${3:-$P0}" "$2" 50
	same "reset"
	kill -0 "$LS_PID" || fail "the listener died of a reset $1"
	served "a reset $1"
}
reset "before a byte" ""
ls_log_wait "Error trying to rcv message to start a service: Connection reset by peer"
reset "in the middle of the request" "$(hex "NLPS:002:")"
reset "after a whole request for an exec service" "$(hex "NLPS:002:002:echo")00"
reset "after a whole request for a pass-fd service" "$(hex "NLPS:002:002:p")00"
reset "in the middle of an SMB message" "ff534d427200000000000000"
reset "while nlps_server reads" "$(hex "NLPS:002")" "$P2"
nlpsd_ended() {
	grep -q "server of service nlpsd (pid [0-9]*) exited with status 0" "$LS_LOG"
}
wait_for "nlps_server to end" nlpsd_ended
# 50 at once, half of them in the middle of a request
i=0
pids=
while [ "$i" -lt 50 ]; do
	if [ $((i % 2)) -eq 0 ]; then
		"$HDCLIENT" reset 127.0.0.1 "$P0" "" 20 >/dev/null &
	else
		"$HDCLIENT" reset 127.0.0.1 "$P0" "$(hex "NLPS:0")" 20 >/dev/null &
	fi
	pids="$pids $!"
	i=$((i + 1))
done
for pid in $pids; do
	wait "$pid" || fail "a resetting caller could not connect"
done
served "50 resets"
wait_for "no request held" status_is requests 0
wait_for "the listener's descriptors back to $base" fds_back_to "$base"
ls_stop
[ "$LS_STATUS" -eq 0 ] || fail "exit status $LS_STATUS"
log_well_formed "$LS_LOG" || fail "the log has broken lines"
