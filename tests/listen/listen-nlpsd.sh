#!/bin/sh
# nlps_server as a program: a service whose command is nlps_server gets
# the connection on fd 0, reads the NLPS request itself, looks the code up
# in _pmtab afresh (no reread needed), answers, and becomes the service
# or hands the connection to its standing server.  Its exit statuses are
# the original's, and reach the listener's log.
. "$top_srcdir/tests/listen/lib.sh"
ls_root
RV=$SAF_ROOT/rv
mkdir -p "$RV"
P0=$(port)
P1=$(port)
PROBE=$(real "$SVCPROBE")
PSTAND=$(real "$STANDING")
# The listener reads requests in its loop for a record whose program is
# called nlps_server; under another name the program itself runs.
NLPSD=$SAF_ROOT/nlpsd
printf '#!/bin/sh\nexec "%s" "$@"\n' "$NLPS_SERVER" >"$NLPSD"
chmod 0755 "$NLPSD" "$SAF_ROOT"
touch "$RV/s1.log"
"$PSTAND" "$RV/s1" "$RV/s1.log" &
LS_KIDS="$LS_KIDS $!"
wait_for "standing server s1" grep -q ready "$RV/s1.log"

TABLE0="0::root:reserved:reserved:reserved:127.0.0.1\\:$P0::c::/usr/lib/saf/nlps_server#NLPS"
TABLE1="nlpsd::root:reserved:reserved:reserved:127.0.0.1\\:$P1::c::$NLPSD#the program"
ls_table "$TABLE0" "$TABLE1" \
    "echo::nobody:reserved:reserved:reserved:::c::$PROBE#echo" \
    "off:x:nobody:reserved:reserved:reserved:::c::$PROBE#disabled" \
    "pass::root:reserved:reserved:reserved:::p::$RV/s1#standing"
LISTEN_REQUEST_TIMEOUT=2
export LISTEN_REQUEST_TIMEOUT
ls_start

# A line of the listener's log about a server of nlpsd that ended with
# status $1, seen $2 times.
exits() {
	n=$(grep -c "server of service nlpsd (pid [0-9]*) exited with status $1\$" \
	    "$LS_LOG" || true)
	[ "$n" -ge "$2" ]
}

# the service, run by nlps_server in its own process: reply, then the
# service with the bytes after the request's NUL
client -r "NLPS:002:002:echo" -s "after the NUL" 127.0.0.1 "$P1"
case $OUT in
"reply=2:0:NLPS (echo) exec: $PROBE
uid="*"after the NUL") ;;
*) fail "start: $OUT" ;;
esac
# (svcprobe says who it runs as and where)
echo "$OUT" | grep -q "uid=$(id -u nobody) " || fail "not nobody: $OUT"
# the log line is nlps_server's (its pid is not the listener's)
grep "NLPS (echo) exec: $PROBE" "$LS_LOG" | grep -vq "; $LS_PID; " ||
    fail "the program did not log: $(cat "$LS_LOG")"
# version 0: no reply
client -x "4e4c50533a3030303a3030313a6563686f00" -s "v0" 127.0.0.1 "$P1"
case $OUT in uid=*v0) ;; *) fail "version 0: $OUT" ;; esac

# unknown and disabled: answered, then status 2
client -r "NLPS:002:002:nosuch" 127.0.0.1 "$P1"
same "reply=2:3:NLPS: Request for service code nosuch denied, unknown service code"
wait_for "status 2" exits 2 1
client -r "NLPS:002:002:off" 127.0.0.1 "$P1"
same "reply=2:4:NLPS: Request for service code off denied, service is disabled"
wait_for "status 2 again" exits 2 2

# the standing server, through the program: status 2 after passing
client -r "NLPS:002:002:pass" 127.0.0.1 "$P1"
same "reply=2:0:NLPS (pass) passfd: $RV/s1
hello pass"
grep -q "^code=pass net=tcp caller_len=16 local_len=16 uid=0 magic=ok fd=blocking\$" \
    "$RV/s1.log" || fail "metadata: $(cat "$RV/s1.log")"
wait_for "status 2 after passing" exits 2 3

# bad format and unknown version: no reply, status 0
client -x "4e4c50533a3030323a3030323a00" 127.0.0.1 "$P1"
same ""
client -r "NLPS:001:002:echo" 127.0.0.1 "$P1"
same "reply="
wait_for "status 0 twice" exits 0 2
grep -q "NLPS: Unknown version of an NLPS service request: 1:2" "$LS_LOG" ||
    fail "unknown version not logged"

# no request within the timeout: status 54
client -h 3000 -s "NLPS:002:" 127.0.0.1 "$P1"
wait_for "status 54" exits 54 1
ls_log_has "Timed out trying to rcv message to start a service" ||
    fail "timeout not logged"

# _pmtab is read afresh for every request: a service added now is found by
# the program, while the listener (not told to reread) does not know it yet
ls_table "$TABLE0" "$TABLE1" \
    "late::nobody:reserved:reserved:reserved:::c::$PROBE late#added"
client -r "NLPS:002:002:late" 127.0.0.1 "$P1"
case $OUT in "reply=2:0:NLPS (late) exec: $PROBE"*"args=late"*) ;;
*) fail "late: $OUT" ;; esac
client -r "NLPS:002:002:late" 127.0.0.1 "$P0"
same "reply=2:3:NLPS: Request for service code late denied, unknown service code"

# a broken _pmtab: the program says where (line 1 is the VERSION
# comment), and the code is not found
ls_table "$TABLE0" "$TABLE1" "bad::nobody:reserved"
client -r "NLPS:002:002:echo" 127.0.0.1 "$P1"
same "reply=2:3:NLPS: Request for service code echo denied, unknown service code"
ls_log_wait "NLPS: data base file $SAF_ETC/tcp/_pmtab, line 4:"

ls_stop
[ "$LS_STATUS" -eq 0 ] || fail "listener exit $LS_STATUS"
