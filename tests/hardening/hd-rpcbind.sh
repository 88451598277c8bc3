#!/bin/sh
# rpcbind killed and rpcbind hung (stopped) while the listener runs with
# an RPC service: registering is done in short-lived children, so a
# re-read that changes the registration is logged as failed (killed) or
# simply not answered (hung), the re-read completes, every service is
# served meanwhile, and the listener still ends promptly when told to.
# Needs root and rpcbind; runs after listen-rpc.sh (one rpcbind at a
# time), and only with an rpcbind of its own.
. "$top_srcdir/tests/hardening/lib.sh"
needs_root rpcbind rpcinfo
rpcbind_up() {
	rpcinfo -p 127.0.0.1 >/dev/null 2>&1
}
if rpcbind_up; then
	echo "SKIP: an rpcbind runs here already; this test kills its own"
	exit 77
fi
hd_root
P1=$(port)
P2=$(port)
PROBE=$(real "$SVCPROBE")
PROG=536871010
RPCB=
rpcb_start() {
	rpcbind -f &
	RPCB=$!
	LS_KIDS="$LS_KIDS $RPCB"
	wait_for "rpcbind" rpcbind_up
}
registered() { # registered VERS
	rpcinfo 127.0.0.1 2>/dev/null |
	    awk -v p="$PROG" -v v="$1" '$1 == p && $2 == v { f = 1 } END { exit !f }'
}
table() { # table VERS
	ls_table "r::nobody:reserved:reserved:reserved:127.0.0.1\\:$P1:$PROG,$1:c::$PROBE rpc#rpc" \
	    "a::nobody:reserved:reserved:reserved:127.0.0.1\\:$P2::c::$PROBE#a"
}
served() {
	client -s "" 127.0.0.1 "$P1"
	case $OUT in uid=*) ;; *) fail "r $1: $OUT" ;; esac
	client -s "" 127.0.0.1 "$P2"
	case $OUT in uid=*) ;; *) fail "a $1: $OUT" ;; esac
}
reread() { # reread VERS: table, SIGHUP, until the re-read is complete
	: >"$LS_LOG"
	table "$1"
	kill -HUP "$LS_PID"
	ls_log_wait "Re-read complete"
}

rpcb_start
table 1
ls_start
ls_log_wait "  registered with rpcbind, prognum $PROG version 1"
registered 1 || fail "not registered: $(rpcinfo 127.0.0.1)"
served "with rpcbind"

# killed: the change cannot be registered; logged; everything served
kill -9 "$RPCB"
wait "$RPCB" 2>/dev/null || true
reread 2
ls_log_wait "rpcb_set failed, service not registered with rpcbind"
served "with rpcbind killed"

# hung: rpcbind stopped; the re-read completes, service goes on, and
# the listener ends within its bound though its last calls get no answer
rpcb_start
reread 3
ls_log_wait "  registered with rpcbind, prognum $PROG version 3"
kill -STOP "$RPCB"
reread 4
served "with rpcbind stopped"
kill "$LS_PID"
gone() { ! kill -0 "$LS_PID" 2>/dev/null; }
wait_for "the listener to end with rpcbind stopped" gone
wait "$LS_PID" || fail "exit status $? with rpcbind stopped"
LS_PID=
ls_log_has "*** listener terminating!!! ***" || fail "no exit line"
# its helpers still waiting for rpcbind were killed, not left behind
helpers=$(sed -n 's/.*rpcbind helper (pid \([0-9]*\)) did not finish in 3000 ms: killed$/\1/p' "$LS_LOG")
[ -n "$helpers" ] || fail "no helper killed at exit: $(cat "$LS_LOG")"
for pid in $helpers; do
	ended() { ! kill -0 "$pid" 2>/dev/null; }
	wait_for "helper $pid to end" ended
done
kill -CONT "$RPCB"
# (the registration the stopped rpcbind could not take away)
rpcinfo -d "$PROG" 4 >/dev/null 2>&1 || true
rpcinfo -d "$PROG" 3 >/dev/null 2>&1 || true
