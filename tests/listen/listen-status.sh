#!/bin/sh
# The status file (<SAF_VAR>/<tag>/status) and the SIGUSR1 dump: written
# at start, kept current to the second, every counter moved by what moves
# it, counters kept across a re-read, the file readable by anyone, removed
# at exit.
. "$top_srcdir/tests/listen/lib.sh"
ls_root
P0=$(port)
P1=$(port)
P2=$(port)
PROBE=$(real "$SVCPROBE")
STATUS=$SAF_VAR/tcp/status
T0="0::root:reserved:reserved:reserved:127.0.0.1\\:$P0::c::/usr/lib/saf/nlps_server#NLPS"
T1="a::nobody:reserved:reserved:reserved:127.0.0.1\\:$P1::c::$PROBE#a"
T2="off:x:nobody:reserved:reserved:reserved:127.0.0.1\\:$P2::c::$PROBE#off"
T3="nouser::nosuchuser:reserved:reserved:reserved:::c::$PROBE#no such user"
ls_table "$T0" "$T1" "$T2" "$T3"
LISTEN_REQUEST_TIMEOUT=1
export LISTEN_REQUEST_TIMEOUT
ls_start

# The file without its pid and times.
body() {
	grep -v '^\(pid\|started\|written\) ' "$STATUS"
}
# Does the body say exactly $1 now?
says() {
	[ -f "$STATUS" ] && [ "$(body)" = "$1" ]
}
field() {
	sed -n "s/^$1 //p" "$STATUS"
}

# at start: all zero, the pid is the listener's, the times are now
[ "$(field pid)" = "$LS_PID" ] || fail "pid: $(cat "$STATUS")"
now=$(date +%s)
for f in started written; do
	t=$(field "$f")
	[ "$t" -le "$now" ] && [ "$t" -ge $((now - 30)) ] || fail "$f: $t"
done
perm=$(stat -c %a "$STATUS")
[ "$perm" = 644 ] || fail "status file mode $perm"
says "listen-status 1
tag tcp
netspec tcp
state ENABLED
requests 0
nlps 0 0 0
paused 0
service 0 0 0 0 0 0 127.0.0.1\\:$P0
service a 0 0 0 0 0 127.0.0.1\\:$P1
service off 0 0 0 0 0 127.0.0.1\\:$P2
service nouser 0 0 0 0 0 -" || fail "initial: $(cat "$STATUS")"

# accepted twice; the disabled service refused directly and by NLPS; an
# unknown code, a bad request, a timeout; a service that cannot start
client -s "" 127.0.0.1 "$P1"
client -r "NLPS:002:002:a" 127.0.0.1 "$P0"
client 127.0.0.1 "$P2"
client -r "NLPS:002:002:off" 127.0.0.1 "$P0"
client -r "NLPS:002:002:nosuch" 127.0.0.1 "$P0"
client -r "NLPS:001:002:a" 127.0.0.1 "$P0"
client -h 2000 -s "NLPS:" 127.0.0.1 "$P0"
client -r "NLPS:002:002:nouser" 127.0.0.1 "$P0"
EXPECT="listen-status 1
tag tcp
netspec tcp
state ENABLED
requests 0
nlps 1 1 1
paused 0
service 0 0 0 0 0 0 127.0.0.1\\:$P0
service a 2 0 0 0 0 127.0.0.1\\:$P1
service off 0 2 0 0 0 127.0.0.1\\:$P2
service nouser 0 0 1 0 0 -"
wait_for "the counters in the status file" says "$EXPECT"

# the dump says the same in the log
kill -USR1 "$LS_PID"
ls_log_wait "status: service nouser: no address, accepted 0, refused (disabled 0, failed 1, busy 0), running 0"
ls_log_has "status: ENABLED, 4 services, 0 requests being read" ||
    fail "dump header"
ls_log_has "status: NLPS requests refused: 1 bad, 1 unknown code, 1 timed out; accepting paused 0 times" ||
    fail "dump NLPS line"
ls_log_has "status: service a: bound 127.0.0.1\\:$P1, accepted 2, refused (disabled 0, failed 0, busy 0), running 0" ||
    fail "dump service a"

# a running server is counted while it runs
"$LSCLIENT" -h 3000 -s "" 127.0.0.1 "$P1" >/dev/null &
held=$!
LS_KIDS="$LS_KIDS $held"
running() {
	field "service a" | grep -q "^3 0 0 0 1 "
}
wait_for "a running server in the status file" running
wait "$held" || true

# a re-read keeps the counters of the services that stay
ls_table "$T1" "$T2" "b::nobody:reserved:reserved:reserved:::c::$PROBE#new"
kill -HUP "$LS_PID"
EXPECT="listen-status 1
tag tcp
netspec tcp
state ENABLED
requests 0
nlps 1 1 1
paused 0
service a 3 0 0 0 0 127.0.0.1\\:$P1
service off 0 2 0 0 0 127.0.0.1\\:$P2
service b 0 0 0 0 0 -"
wait_for "the re-read table in the status file" says "$EXPECT"

# readable by anyone
chmod 0755 "$SAF_ROOT" "$SAF_VAR" "$SAF_VAR/tcp"
setpriv --reuid=nobody --regid=nogroup --clear-groups cat "$STATUS" \
    >/dev/null || fail "nobody cannot read the status file"

# gone at exit
ls_stop
[ "$LS_STATUS" -eq 0 ] || fail "listener exit $LS_STATUS"
[ ! -e "$STATUS" ] || fail "status file left behind"
[ ! -e "$STATUS.new" ] || fail "temporary status file left behind"
