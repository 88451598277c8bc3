#!/bin/sh
# Re-read storms under load.  Standalone: while 400 callers come in
# rounds, the table is rewritten 300 times (the same, with a service
# more, and bad) and SIGHUP sent 900 times.  Under sac: while callers come, 100
# SC_READDB messages (and enable/disable) arrive.  Every caller is
# served, the address that stays in every table keeps its endpoint (the
# same descriptor, so callers queued on it are never dropped), a bad
# table is refused and the one in force kept, and nothing is left open.
. "$top_srcdir/tests/hardening/lib.sh"
hd_root
P0=$(port)
P1=$(port)
P2=$(port)
RV=$SAF_ROOT/rv
mkdir -p "$RV"
chmod 0755 "$SAF_ROOT" "$RV"
PROBE=$(real "$SVCPROBE")
standing "$RV/p"
NLPS="0::root:reserved:reserved:reserved:127.0.0.1\\:$P0::c::/usr/lib/saf/nlps_server#NLPS"
A="a::nobody:reserved:reserved:reserved:127.0.0.1\\:$P1::c::$PROBE#a"
PASS="p::nobody:reserved:reserved:reserved:::p::$RV/p#passed"
B="b::nobody:reserved:reserved:reserved:127.0.0.1\\:$P2::c::$PROBE#b"
# table VARIANT: written whole at once (renamed over), as pmadm writes it
table() {
	case $1 in
	0) set -- "$NLPS" "$A" "$PASS" ;;
	1) set -- "$NLPS" "$A" "$PASS" "$B" ;;
	2) set -- "$NLPS" "$A" "$PASS" "a bad line" ;;
	esac
	{
		printf '# VERSION=4\n'
		printf '%s\n' "$@"
	} >"$SAF_ETC/tcp/.new"
	mv -f "$SAF_ETC/tcp/.new" "$SAF_ETC/tcp/_pmtab"
}
# load ROUNDS: ROUNDS times 20 callers of a at once, a line each
load() {
	i=0
	while [ "$i" -lt "$1" ]; do
		"$HDCLIENT" many 127.0.0.1 "$P1" 20 60
		i=$((i + 1))
	done >"$SAF_ROOT/load"
}
all_served() { # all_served ROUNDS
	n=$(grep -c "^data=20 reset=0 closed=0 open=0 failed=0\$" "$SAF_ROOT/load" || true)
	[ "$n" -eq "$1" ] || fail "callers lost: $(grep -v '^data=20 ' "$SAF_ROOT/load")"
}
# a's endpoint: one descriptor in every line about it
one_endpoint() {
	fds=$(cat "$SAF_VAR/tcp/o.log" "$LS_LOG" 2>/dev/null |
	    sed -n 's/.*Service a: fd \([0-9]*\) addr.*/\1/p' | sort -u | wc -l)
	[ "$fds" -eq 1 ] || fail "a was bound $fds times"
}
served() {
	client -r "NLPS:002:002:p" 127.0.0.1 "$P0"
	case $OUT in *"hello p") ;; *) fail "p $1: $OUT" ;; esac
	client -s "" 127.0.0.1 "$P1"
	case $OUT in uid=*) ;; *) fail "a $1: $OUT" ;; esac
}

# ---- standalone: SIGHUP
table 0
ls_start
served "at first"
base=$(nfds "$LS_PID")
load 20 &
LOAD=$!
n=0
while [ "$n" -lt 300 ]; do
	table $((n % 3))
	kill -HUP "$LS_PID"
	kill -HUP "$LS_PID"
	kill -HUP "$LS_PID"
	n=$((n + 1))
done
wait "$LOAD"
all_served 20
reread=$(cat "$SAF_VAR/tcp/o.log" "$LS_LOG" 2>/dev/null | grep -c "Re-reading database")
echo "300 tables and 900 SIGHUPs: $reread re-reads, while 400 callers came"
# (signals that come during a re-read make one more: fewer under memcheck,
# where a re-read takes much longer)
min=10
under_valgrind "$LS_PID" && min=3
[ "$reread" -ge "$min" ] || fail "only $reread re-reads"
table 0
kill -HUP "$LS_PID"
rereads() {
	[ "$(cat "$SAF_VAR/tcp/o.log" "$LS_LOG" 2>/dev/null | grep -c "Re-read failed: keeping the current data base")" -ge 1 ] &&
	    [ "$(cat "$SAF_VAR/tcp/o.log" "$LS_LOG" 2>/dev/null | grep -c "Re-read complete")" -ge 2 ]
}
wait_for "good and bad re-reads" rereads
one_endpoint
served "after the storm"
wait_for "the listener's descriptors back to $base" fds_back_to "$base"
ls_stop
[ "$LS_STATUS" -eq 0 ] || fail "exit status $LS_STATUS"

# ---- under sac: SC_READDB (and SC_ENABLE, SC_DISABLE) while callers come
rm -f "$LS_LOG" "$SAF_VAR/tcp/o.log"
: >"$SAF_ETC/tcp/_pid"
printf 'tcp:listen::0:%s tcp\t#the listener\n' "$LISTEN" >>"$SAF_ETC/_sactab"
table 1
sac_start "$(pm_interval)"
log_wait "port monitor <tcp> changed state from <STARTING> to <ENABLED>"
ls_log_wait "Initialization Complete"
pid=$(pm_pid tcp)
load 5 &
LOAD=$!
n=0
while [ "$n" -lt 100 ]; do
	expect 0 "$ADMPROBE" cmd 7 tcp
	same "ack=0 size=0 pid=ours"
	n=$((n + 1))
done
wait "$LOAD"
all_served 5
expect 0 "$ADMPROBE" cmd 4 tcp
expect 0 "$ADMPROBE" cmd 3 tcp
enabled_again() {
	"$ADMPROBE" cmd 5 | grep -q '^tcp:listen:0:0:2:'
}
wait_for "tcp enabled again" enabled_again
client -s "" 127.0.0.1 "$P2"
case $OUT in uid=*) ;; *) fail "b under sac: $OUT" ;; esac
[ "$(pm_pid tcp)" = "$pid" ] || fail "the listener was restarted"
! log_has "has FAILED" || fail "sac found the listener failing"
! log_has "failed to respond" || fail "the listener missed a poll"
one_endpoint
# sacadm -k: the listener goes (sac leaves monitors running when it ends)
expect 0 "$ADMPROBE" cmd 2 tcp
log_wait "<tcp> has stopped"
