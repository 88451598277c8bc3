#!/bin/sh
# Re-reads while clients connect: callers on an address that stays, and
# NLPS callers, are all served while the table is re-read again and again
# (the endpoint, with its queue, passes to the new table); addresses added
# and removed meanwhile come and go.  Then an address whose service
# changes kind (exec, pass-fd, disabled) with each re-read.
. "$top_srcdir/tests/listen/lib.sh"
ls_root
P0=$(port)
P1=$(port)
P2=$(port)
PROBE=$(real "$SVCPROBE")
T0="0::root:reserved:reserved:reserved:127.0.0.1\\:$P0::c::/usr/lib/saf/nlps_server#NLPS"
TA="a::nobody:reserved:reserved:reserved:127.0.0.1\\:$P1::c::$PROBE#a"
TB="b::nobody:reserved:reserved:reserved:127.0.0.1\\:$P2::c::$PROBE#b"
ls_table "$T0" "$TA"
ls_start
STOP=$SAF_ROOT/stop

# direct callers of a, and NLPS callers of a, one after another, until
# the re-reads are done; one line per caller: 1 served, 0 not
(
	i=0
	while [ ! -e "$STOP" ]; do
		"$LSCLIENT" -s "d$i" 127.0.0.1 "$P1" | grep -c "^uid=.*" || true
		i=$((i + 1))
	done
) >"$SAF_ROOT/direct" 2>&1 &
d=$!
(
	i=0
	while [ ! -e "$STOP" ]; do
		"$LSCLIENT" -r "NLPS:002:002:a" -s "n$i" 127.0.0.1 "$P0" |
		    grep -c "^reply=2:0:" || true
		i=$((i + 1))
	done
) >"$SAF_ROOT/nlps" 2>&1 &
n=$!
LS_KIDS="$LS_KIDS $d $n"

# meanwhile: 30 re-reads, with b added and removed, a's comment changed
r=0
while [ "$r" -lt 30 ]; do
	if [ $((r % 2)) -eq 0 ]; then
		ls_table "$T0" "$TA" "$TB"
	else
		ls_table "$T0" "${TA%#a}#a again"
	fi
	kill -HUP "$LS_PID"
	r=$((r + 1))
	sleep 0.05
done
: >"$STOP"
wait "$d" "$n" || true
# (so many callers make the log rotate: o.log is searched too)
wait_for "the last re-read" ls_logs_have "Re-read complete"

for f in direct nlps; do
	tried=$(wc -l <"$SAF_ROOT/$f")
	served=$(grep -cx 1 "$SAF_ROOT/$f" || true)
	[ "$tried" -gt 0 ] || fail "no $f caller ran"
	[ "$served" -eq "$tried" ] ||
	    fail "$f callers served: $served of $tried ($(sort "$SAF_ROOT/$f" | uniq -c))"
done
# a's endpoint was never unbound
! ls_logs_have "Unbind a:" || fail "a's address was unbound during a re-read"
kill -0 "$LS_PID" || fail "the listener died"
ls_stop

# An address kept while its service changes kind: started without fork
# (the listener's worker threads take its callers), handed to a standing
# server (the event loop takes them), disabled, and back again.  Each
# caller gets what the table of the moment says, and the endpoint stays.
RV=$SAF_ROOT/rv
mkdir -p "$RV"
"$STANDING" "$RV/s" "$RV/s.log" &
LS_KIDS="$LS_KIDS $!"
wait_for "the standing server" grep -q ready "$RV/s.log"
TP="a::root:reserved:reserved:reserved:127.0.0.1\\:$P1::p::$RV/s#standing"
TX="a:x:nobody:reserved:reserved:reserved:127.0.0.1\\:$P1::c::$PROBE#off"
rereads_done() {
	[ "$(grep -c "Re-read complete" "$LS_LOG")" -ge "$1" ]
}
R=0
reread() {
	ls_table "$1"
	R=$((R + 1))
	kill -HUP "$LS_PID"
	wait_for "re-read $R" rereads_done "$R"
}
execd() {
	client -s "" 127.0.0.1 "$P1"
	case $OUT in uid=*) ;; *) fail "$1: not the exec service: $OUT" ;; esac
}
ls_table "$TA"
ls_start
execd "at first"
reread "$TP"
client 127.0.0.1 "$P1"
same "hello a"
reread "$TX"
client -s "" 127.0.0.1 "$P1"
same "[reset]"
ls_log_wait "Request for service on fd"
grep -q "Request for service on fd [0-9]* denied: disabled\$" "$LS_LOG" ||
    fail "the disabled service's line: $(grep 'Request for' "$LS_LOG")"
reread "$TA"
execd "exec again"
reread "$TP"
client 127.0.0.1 "$P1"
same "hello a"
[ "$(grep -c "^code=a " "$RV/s.log")" -eq 2 ] ||
    fail "the standing server's callers: $(cat "$RV/s.log")"
! ls_log_has "Unbind a:" || fail "a's address was unbound"
ls_stop
[ "$LS_STATUS" -eq 0 ] || fail "exit status $LS_STATUS"
