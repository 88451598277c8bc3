#!/bin/sh
# rpcbind registration with a real rpcbind: a service with prog,vers is
# registered at its bound address once bound; a changed version is
# registered anew and the old one removed on a reread; a deleted service
# is unregistered; all registrations go when the listener exits.  Without
# rpcbind the failure is logged and the service still works.
# Needs root (rpcbind, and registering as the superuser).
. "$top_srcdir/tests/listen/lib.sh"
needs_root rpcbind rpcinfo
ls_root
P1=$(port)
P2=$(port)
PROBE=$(real "$SVCPROBE")
# in the range RFC 5531 leaves to users
PROG1=536871000
PROG2=536871001

# Is prog vers registered for tcp at uaddr (rpcinfo's table)?
registered() {
	rpcinfo 127.0.0.1 2>/dev/null | awk -v p="$1" -v v="$2" -v a="$3" \
	    '$1 == p && $2 == v && $3 == "tcp" && $4 == a { f = 1 }
	     END { exit !f }'
}
unregistered() {
	rpcinfo 127.0.0.1 2>/dev/null | awk -v p="$1" \
	    '$1 == p { f = 1 } END { exit f }'
}
uaddr() {
	echo "127.0.0.1.$(($1 / 256)).$(($1 % 256))"
}
rpcbind_up() {
	rpcinfo -p 127.0.0.1 >/dev/null 2>&1
}

TABLE1="rpc1::nobody:reserved:reserved:reserved:127.0.0.1\\:$P1:$PROG1,1:c::$PROBE one#rpc"
TABLE2="rpc2::nobody:reserved:reserved:reserved:127.0.0.1\\:$P2:$PROG2,3:c::$PROBE two#rpc"
ls_table "$TABLE1" "$TABLE2"

# Without rpcbind (unless one runs here already): logged, and served.
if ! rpcbind_up; then
	ls_start
	ls_log_wait "rpcb_set failed, service not registered with rpcbind"
	client 127.0.0.1 "$P1"
	case $OUT in uid=*args=one*) ;; *) fail "without rpcbind: $OUT" ;; esac
	ls_stop
	[ "$LS_STATUS" -eq 0 ] || fail "listener exit $LS_STATUS"
	: >"$LS_LOG"
	# ours (its -h, to keep datagrams to loopback, crashes in some
	# releases; the test talks to it on loopback only)
	rpcbind -f &
	LS_KIDS="$LS_KIDS $!"
	wait_for "rpcbind" rpcbind_up
fi
# (leftovers of an earlier run of a shared rpcbind)
rpcinfo -d "$PROG1" 1 >/dev/null 2>&1 || true
rpcinfo -d "$PROG2" 3 >/dev/null 2>&1 || true
rpcinfo -d "$PROG2" 4 >/dev/null 2>&1 || true

ls_start
ls_log_wait "  registered with rpcbind, prognum $PROG1 version 1"
ls_log_wait "  registered with rpcbind, prognum $PROG2 version 3"
registered "$PROG1" 1 "$(uaddr "$P1")" || fail "rpc1: $(rpcinfo 127.0.0.1)"
registered "$PROG2" 3 "$(uaddr "$P2")" || fail "rpc2: $(rpcinfo 127.0.0.1)"
# registered by the listener, as the superuser
rpcinfo 127.0.0.1 | grep "^ *$PROG1 .* superuser\$" >/dev/null ||
    fail "owner: $(rpcinfo 127.0.0.1)"
client 127.0.0.1 "$P1"
case $OUT in uid=*args=one*) ;; *) fail "rpc1 service: $OUT" ;; esac

# reread: rpc2's version changes (old one removed, new one set), rpc1 goes
TABLE2="rpc2::nobody:reserved:reserved:reserved:127.0.0.1\\:$P2:$PROG2,4:c::$PROBE two#rpc"
ls_table "$TABLE2"
kill -HUP "$LS_PID"
ls_log_wait "  registered with rpcbind, prognum $PROG2 version 4"
wait_for "rpc1 unregistered" unregistered "$PROG1"
registered "$PROG2" 4 "$(uaddr "$P2")" || fail "rpc2 v4: $(rpcinfo 127.0.0.1)"
! registered "$PROG2" 3 "$(uaddr "$P2")" || fail "rpc2 v3 left behind"

# exit: nothing left registered (SVR4 left its registrations behind)
ls_stop
[ "$LS_STATUS" -eq 0 ] || fail "listener exit $LS_STATUS"
unregistered "$PROG2" || fail "left registered: $(rpcinfo 127.0.0.1)"
