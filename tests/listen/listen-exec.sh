#!/bin/sh
# The exec path: a server gets the connection on 0, 1 and 2 and nothing
# else, its registered identity and groups (nothing of root's), umask 022,
# a clean environment with NLSADDR, the script's assignments, a session of
# its own, no signal ignored or blocked; the first byte the client sends
# reaches it intact; a "u" service is in utmpx while it runs and
# DEAD_PROCESS after; the listener logs how it ended.  Services with no
# script and no modules are started without fork: the same start,
# whatever the listener holds, the same utmpx records, and failures
# logged the same.
. "$top_srcdir/tests/listen/lib.sh"
ls_root
P1=$(port)
P2=$(port)
P3=$(port)
P4=$(port)
P5=$(port)
P6=$(port)
P7=$(port)
PROBE=$(real "$SVCPROBE")
ls_table \
    "probe:u:nobody:reserved:reserved:reserved:127.0.0.1\\:$P1::c::$PROBE one 'two words'#as nobody" \
    "rprobe::root:reserved:reserved:reserved:127.0.0.1\\:$P2::c::$PROBE#as root" \
    "fprobe::nobody:reserved:reserved:reserved:127.0.0.1\\:$P3::c::$PROBE one 'two words'#no fork" \
    "frprobe::root:reserved:reserved:reserved:127.0.0.1\\:$P4::c::$PROBE#no fork, root" \
    "fbad::root:reserved:reserved:reserved:127.0.0.1\\:$P5::c::/nonexistent/server -x#no such program" \
    "0::root:reserved:reserved:reserved:127.0.0.1\\:$P6::c::/usr/lib/saf/nlps_server#NLPS" \
    "uprobe:u:nobody:reserved:reserved:reserved:127.0.0.1\\:$P7::c::$PROBE#u, no fork"
# an empty script: probe is started with fork (the others without)
: >"$SAF_ETC/tcp/probe"
printf 'assign FROMSCRIPT="set by the script"\nrunwait umask 027\n' \
    >"$SAF_ETC/tcp/rprobe"
ls_start
ls_log_has "Service probe: fd " || fail "probe not bound"
ls_log_has "service probe: the home directory /nonexistent of nobody does not exist; its servers run in /" ||
    fail "missing home not reported"

client -l -s "first bytes" 127.0.0.1 "$P1"
# the caller's real port, as NLSADDR must carry it (sockaddr_in, hex)
cport=$(printf '%04X' "$(echo "$OUT" | sed -n 's/^local=//p')")
nobody=$(id -u nobody)
nogroup=$(id -g nobody)
echo "$OUT" | grep -qx "uid=$nobody gid=$nogroup groups=$nogroup" ||
    fail "identity: $OUT"
echo "$OUT" | grep -qx "umask=022" || fail "umask: $OUT"
echo "$OUT" | grep -qx "cwd=/" || fail "cwd: $OUT"
echo "$OUT" | grep -qx "fds=0 1 2 " || fail "descriptors: $OUT"
# accepted non-blocking by the listener, handed over blocking
echo "$OUT" | grep -qx "fd0=blocking" || fail "non-blocking connection: $OUT"
hex=$(echo "$OUT" | sed -n 's/^NLSADDR=\([0-9A-F]*\) .*/\1/p')
case $hex in
0200${cport}7F0000010000000000000000) ;;
*) fail "NLSADDR: $OUT" ;;
esac
echo "$OUT" | grep -q "NLSPROVIDER=tcp MPREFIX=tcp NLSOPT= NLSUDATA=" ||
    fail "environment: $OUT"
echo "$OUT" | grep -q "^HOME=/nonexistent LOGNAME=nobody USER=nobody PATH=/usr/local/bin:/usr/bin:/bin$" ||
    fail "environment: $OUT"
echo "$OUT" | grep -qx "FROMSCRIPT=unset args=one two words" ||
    fail "script of another service applied: $OUT"
# the client's first bytes reach the server intact
case $OUT in
*"first bytes") ;;
*) fail "echo: $OUT" ;;
esac
echo "$OUT" | grep -qx "sid=self" || fail "session: $OUT"
echo "$OUT" | grep -qx "sigign=" || fail "ignored signals: $OUT"
echo "$OUT" | grep -qx "sigblk=" || fail "blocked signals: $OUT"
ls_log_wait "server of service probe (pid "
ls_log_has "exited with status 0" || fail "exit not logged"
ls_log_has "Connect: fd " || fail "connect not logged"
FORKED=$(echo "$OUT" | sed -e '/^local=/d' -e 's/^NLSADDR=[0-9A-F]* /NLSADDR=x /')

# without fork: the same start as with fork (but for the caller's port),
# while the listener holds a hundred other connections (callers of the
# NLPS address that say nothing)
"$LSCLIENT" -n 100 127.0.0.1 "$P6" >/dev/null &
LS_KIDS="$LS_KIDS $!"
holding() {
	[ "$(ls "/proc/$LS_PID/fd" | wc -l)" -gt 100 ]
}
wait_for "100 connections held" holding
client -s "first bytes" 127.0.0.1 "$P3"
same "$FORKED" "$(echo "$OUT" | sed 's/^NLSADDR=[0-9A-F]* /NLSADDR=x /')"
client -s "" 127.0.0.1 "$P4"
echo "$OUT" | grep -qx "uid=0 gid=0 groups=0" || fail "root identity: $OUT"
echo "$OUT" | grep -qx "umask=022" || fail "root umask: $OUT"
echo "$OUT" | grep -qx "fds=0 1 2 " || fail "root descriptors: $OUT"
roothome=$(getent passwd root | cut -d: -f6)
[ -d "$roothome" ] || roothome=/
echo "$OUT" | grep -qx "cwd=$roothome" || fail "root's home: $OUT"
echo "$OUT" | grep -q "^HOME=$roothome LOGNAME=root USER=root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin$" ||
    fail "root environment: $OUT"
echo "$OUT" | grep -qx "FROMSCRIPT=unset args=" || fail "root args: $OUT"
# many at once: each one started, each one reaped and logged
expect 0 "$LSCLIENT" -n 60 127.0.0.1 "$P3"
same "data=60 reset=0 closed=0 open=0 failed=0"
all_ended() {
	[ "$(grep -c "; server of service fprobe (pid [0-9]*) exited with status 0" "$LS_LOG")" -eq 61 ]
}
wait_for "61 servers of fprobe reaped" all_ended
# a program that cannot be run: logged with the child's pid, status 1
client -s "" 127.0.0.1 "$P5"
same "" "$OUT"
ls_log_wait "server of service fbad (pid "
kid=$(sed -n 's/.*; server of service fbad (pid \([0-9]*\)) exited with status 1$/\1/p' "$LS_LOG")
[ -n "$kid" ] || fail "exec failure status: $(tail -n 5 "$LS_LOG")"
ls_log_has "; $kid; ERROR: could not exec server /nonexistent/server" ||
    fail "exec failure not logged: $(tail -n 5 "$LS_LOG")"
ls_log_has "; $kid; System error: No such file or directory" ||
    fail "exec errno not logged: $(tail -n 5 "$LS_LOG")"

# the service script: assignments, umask, run as root before the switch
client -s "" 127.0.0.1 "$P2"
echo "$OUT" | grep -qx "uid=0 gid=0 groups=0" || fail "root identity: $OUT"
echo "$OUT" | grep -qx "umask=027" || fail "script umask: $OUT"
echo "$OUT" | grep -q "^FROMSCRIPT=set by the script args=$" ||
    fail "script assignment: $OUT"

# a script that fails: the line is logged, the caller gets nothing
printf 'assign OK=1\nbogus\n' >"$SAF_ETC/tcp/rprobe"
client -s "" 127.0.0.1 "$P2"
same "" "$OUT"
ls_log_wait "doconfig failed on line 2 of script $SAF_ETC/tcp/rprobe"
ls_log_wait "line 2: unknown command"
ls_log_wait "server of service rprobe (pid "
ls_log_has "exited with status 2" || fail "set-up failure status"

# utmpx: the u service's USER_PROCESS record became DEAD_PROCESS
command -v utmpdump >/dev/null || exit 0
# without fork: the server's record is there while it runs (its pid, the
# tag, a line), and DEAD_PROCESS after; sixty at once, all accounted for
"$LSCLIENT" -h 10000 -s "" 127.0.0.1 "$P7" >/dev/null &
held=$!
LS_KIDS="$LS_KIDS $held"
user_record() {
	utmpdump "$SAF_UTMPX" 2>/dev/null >"$SAF_ROOT/utmp.txt"
	# (the one whose process is the server: a record of an earlier one
	# may wait for its DEAD_PROCESS on a busy machine)
	# (utmpdump writes pids below 10000 with leading zeros)
	for upid in $(sed -n 's/^\[7\] \[ *0*\([0-9]*\)\] \[ls..\] \[\.tcp *\] \[tcp[0-9][0-9]* *\] \[127\.0\.0\.1 *\].*/\1/p' "$SAF_ROOT/utmp.txt"); do
		[ "$(readlink "/proc/$upid/exe")" = "$(readlink -f "$PROBE")" ] &&
		    return 0
	done
	return 1
}
wait_for "the running server's USER_PROCESS record" user_record
wait "$held" || true
gone() {
	utmpdump "$SAF_UTMPX" 2>/dev/null | grep -q "^\[8\] \[ *0*$upid\] \[ls"
}
wait_for "its DEAD_PROCESS record" gone
expect 0 "$LSCLIENT" -n 60 127.0.0.1 "$P7"
same "data=60 reset=0 closed=0 open=0 failed=0"
u_ended() {
	[ "$(grep -c "; server of service uprobe (pid [0-9]*) exited with status 0" "$LS_LOG")" -eq 61 ]
}
wait_for "61 servers of uprobe reaped" u_ended
utmpdump "$SAF_UTMPX" 2>/dev/null >"$SAF_ROOT/utmp.txt"
! grep -q '^\[7\] ' "$SAF_ROOT/utmp.txt" ||
    fail "live records left: $(grep '^\[7\] ' "$SAF_ROOT/utmp.txt")"
[ "$(utmpdump "$SAF_WTMPX" 2>/dev/null | grep -c '^\[7\] .*\[\.tcp ')" -ge 62 ] ||
    fail "USER_PROCESS records missing from wtmp"
[ "$(utmpdump "$SAF_WTMPX" 2>/dev/null | grep -c '^\[8\] ')" -ge 62 ] ||
    fail "DEAD_PROCESS records missing from wtmp"
utmpdump "$SAF_UTMPX" 2>/dev/null >"$SAF_ROOT/utmp.txt"
grep -q '^\[8\] .*\[tcp00 ' "$SAF_ROOT/utmp.txt" ||
    fail "no DEAD_PROCESS record for tcp00: $(cat "$SAF_ROOT/utmp.txt")"
utmpdump "$SAF_WTMPX" 2>/dev/null >"$SAF_ROOT/wtmp.txt"
grep -q '^\[7\] .*\[\.tcp *\] \[tcp00' "$SAF_ROOT/wtmp.txt" ||
    fail "no USER_PROCESS in wtmp: $(cat "$SAF_ROOT/wtmp.txt")"
ls_stop
[ "$LS_STATUS" -eq 0 ] || fail "standalone SIGTERM exit $LS_STATUS"
ls_log_has "*** listener terminating!!! ***" || fail "no exit line"

# By default, four worker threads per CPU (at least 4, at most 32: listen(8))
# besides the loop's; LISTEN_SPAWN=fork: none (they start servers without
# fork), and the services that would use them are served all the same
threads() { ls "/proc/$LS_PID/task" | wc -l; }
ncpu=$(getconf _NPROCESSORS_ONLN)
workers=$((ncpu * 4))
[ "$workers" -ge 4 ] || workers=4
[ "$workers" -le 32 ] || workers=32
ls_start
# (unless the listener is run under a tool that sets it, as valgrind.sh does)
if ! tr '\0' '\n' <"/proc/$LS_PID/environ" | grep -q '^LISTEN_SPAWN='; then
	[ "$(threads)" -eq $((workers + 1)) ] ||
		fail "$(threads) threads with $ncpu CPUs, not $((workers + 1))"
fi
ls_stop
LISTEN_SPAWN=fork ls_start
[ "$(threads)" -eq 1 ] || fail "LISTEN_SPAWN=fork: $(threads) threads"
client -s "first bytes" 127.0.0.1 "$P3"
same "$FORKED" "$(echo "$OUT" | sed 's/^NLSADDR=[0-9A-F]* /NLSADDR=x /')"
ls_stop
[ "$LS_STATUS" -eq 0 ] || fail "LISTEN_SPAWN=fork: exit $LS_STATUS"
