#!/bin/sh
# kill -9 of the listener under sac: sac sees it die and starts it again
# (restart count 2), the new listener binds the same addresses (even with
# a connection of the old one still open on one of them), NLPS, exec and
# pass-fd services work again, and a server the old listener started
# goes on with its caller undisturbed.  Twice; the third death is final.
. "$top_srcdir/tests/hardening/lib.sh"
hd_root
P0=$(port)
P1=$(port)
RV=$SAF_ROOT/rv
mkdir -p "$RV"
chmod 0755 "$SAF_ROOT" "$RV"
PROBE=$(real "$SVCPROBE")
standing "$RV/p"
: >"$SAF_ETC/tcp/_pid"
printf 'tcp:listen::2:%s tcp\t#the listener\n' "$LISTEN" >>"$SAF_ETC/_sactab"
ls_table \
    "0::root:reserved:reserved:reserved:127.0.0.1\\:$P0::c::/usr/lib/saf/nlps_server#NLPS" \
    "a::nobody:reserved:reserved:reserved:127.0.0.1\\:$P1::c::$PROBE#a" \
    "p::nobody:reserved:reserved:reserved:::p::$RV/p#passed"
sac_start "$(pm_interval)"
enabled() {
	"$ADMPROBE" cmd 5 | grep -q '^tcp:listen:0:2:2:'
}
ready_pid() { # the listener in _pid has said it is ready
	pid=$(pm_pid tcp)
	[ -n "$pid" ] && grep -q "; $pid; Initialization Complete" "$LS_LOG"
}
wait_for "the listener" ready_pid
wait_for "the listener enabled" enabled
served() {
	client -s "" 127.0.0.1 "$P1"
	case $OUT in uid=*) ;; *) fail "a $1: $OUT" ;; esac
	client -r "NLPS:002:002:p" 127.0.0.1 "$P0"
	case $OUT in *"hello p") ;; *) fail "p $1: $OUT" ;; esac
}
served "at first"

round=1
while [ "$round" -le 2 ]; do
	old=$(pm_pid tcp)
	# a caller whose server stays (it sends after 2 s, then the server
	# echoes it and ends)
	"$LSCLIENT" -h 2000 -s "still here" 127.0.0.1 "$P1" >"$SAF_ROOT/held" &
	held=$!
	LS_KIDS="$LS_KIDS $held"
	running() { pgrep -u nobody -P "$old" >/dev/null; }
	wait_for "the held server" running
	kill -9 "$old"
	log_wait "<tcp> has died - trying to restart"
	restarted() { [ "$(pm_pid tcp)" != "$old" ] && ready_pid; }
	wait_for "the listener started again ($round)" restarted
	new=$(pm_pid tcp)
	grep -q "; $new; Service a: fd [0-9]* addr 127.0.0.1\\\\:$P1\$" "$LS_LOG" ||
	    fail "a not bound again: $(grep "; $new; " "$LS_LOG")"
	wait_for "the listener enabled again" enabled
	served "after kill -9 ($round)"
	wait "$held"
	case $(cat "$SAF_ROOT/held") in
	uid=*"still here") ;;
	*) fail "the old listener's server: $(cat "$SAF_ROOT/held")" ;;
	esac
	round=$((round + 1))
done
# the third death is beyond the restart count
old=$(pm_pid tcp)
kill -9 "$old"
log_wait "<tcp> has FAILED"
expect 1 "$LSCLIENT" -s "" 127.0.0.1 "$P1"
same "[refused]"
