#!/bin/sh
# Usage, net_spec and pid-file errors; a listener that is not root; out
# of descriptors (accepting pauses, then resumes); the status dump; the
# log's rotation.
. "$top_srcdir/tests/listen/lib.sh"
ls_root
P1=$(port)
P2=$(port)
PROBE=$(real "$SVCPROBE")

expect 1 "$LISTEN"
ebytes 'Usage: listen [ -m minor_prefix ] [ -T pmtag ] network_device\n'
expect 1 "$LISTEN" -q tcp
ebytes 'Usage: listen [ -m minor_prefix ] [ -T pmtag ] network_device\n'
mkdir -p "$SAF_ETC/udp" "$SAF_ETC/nosuch"
expect 1 "$LISTEN" udp
grep -q "udp is a connectionless transport" "$SAF_VAR/udp/log" ||
    fail "udp accepted"
expect 1 "$LISTEN" nosuch
grep -q "no netconfig entry for nosuch" "$SAF_VAR/nosuch/log" ||
    fail "unknown net_spec"
grep -q "Listener failed to start properly" "$SAF_VAR/nosuch/log" ||
    fail "start failure"

ls_table "a::nobody:reserved:reserved:reserved:127.0.0.1\\:$P1::c::$PROBE#a" \
    "off:x:nobody:reserved:reserved:reserved:127.0.0.1\\:$P2::c::$PROBE#off"
ls_start
# a second listener of the same tag
expect 1 "$LISTEN" tcp
ls_log_has "Can't lock PID file: listener may already be running" ||
    fail "second listener"
ls_log_has "Initialization Complete" || fail "the first one's log was moved"
# the status dump
kill -USR1 "$LS_PID"
ls_log_wait "status: service a: bound 127.0.0.1\\:$P1"
ls_stop

# out of descriptors (callers of the NLPS address that say nothing hold
# theirs): accepting pauses, nothing spins, service resumes
P3=$(port)
ls_table "a::nobody:reserved:reserved:reserved:127.0.0.1\\:$P1::c::$PROBE#a" \
    "off:x:nobody:reserved:reserved:reserved:127.0.0.1\\:$P2::c::$PROBE#off" \
    "0::root:reserved:reserved:reserved:127.0.0.1\\:$P3::c::/usr/lib/saf/nlps_server#NLPS"
# (42: the listener's own descriptors, up to twenty-two of them for
# starting servers, leave room for a few connections)
(ulimit -n 42 && LISTEN_REQUEST_TIMEOUT=2 exec "$LISTEN" tcp) 2>/dev/null &
LS_PID=$!
wait_for "the listener" ls_ready
expect 0 "$LSCLIENT" -n 40 127.0.0.1 "$P3"
ls_log_wait "out of file descriptors: accepting paused for 100 ms"
ls_log_wait "Timed out trying to rcv message to start a service"
client -s "" 127.0.0.1 "$P1"
case $OUT in uid=*) ;; *) fail "after EMFILE: $OUT" ;; esac
[ "$(grep -c 'out of file descriptors' "$LS_LOG")" -le 3 ] ||
    fail "EMFILE logged for every attempt"

# rotation: 1000 lines, then "Restarting log file" and o.log
rotated() {
	grep -q "Restarting log file" "$SAF_VAR/tcp/o.log" 2>/dev/null
}
round=0
while ! rotated && [ "$round" -lt 30 ]; do
	"$LSCLIENT" -n 80 127.0.0.1 "$P2" >/dev/null
	round=$((round + 1))
done
rotated || fail "the log was not rotated"
ls_log_has "Request for service on fd" || fail "nothing logged after rotation"
ls_stop

# not root: the listener runs; services of other users are refused
chmod 0755 "$SAF_ROOT"
chown -R nobody "$SAF_ETC/tcp" "$SAF_VAR"
ls_table "a::nobody:reserved:reserved:reserved:127.0.0.1\\:$P1::c::$PROBE#a" \
    "r::root:reserved:reserved:reserved:127.0.0.1\\:$P2::c::$PROBE#root"
setpriv --reuid=nobody --regid=nogroup --clear-groups "$LISTEN" tcp \
    2>/dev/null &
LS_PID=$!
wait_for "the listener as nobody" ls_ready
ls_log_has "not running as root" || fail "not-root notice"
ls_log_has "service r: service runs as <root>, but the listener is not root" ||
    fail "foreign service not refused"
client -s "" 127.0.0.1 "$P1"
case $OUT in "uid=$(id -u nobody) "*) ;; *) fail "as nobody: $OUT" ;; esac
client -s "" 127.0.0.1 "$P2"
same "[reset]"
