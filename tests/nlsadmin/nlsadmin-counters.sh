#!/bin/sh
# nlsadmin -C: the counters of a running listener, from its status file,
# byte for byte; for a standalone listener (not in _sactab) and for one
# sac runs; by any user; and its refusals: no listener, a broken or stale
# status file, inconsistent options.
. "$top_srcdir/tests/nlsadmin/lib.sh"
nls_root
TZ=UTC
export TZ
mkdir -p "$SAF_ETC/tcp" "$SAF_VAR/tcp"
P0=$(port)
P1=$(port)
PROBE=$(real "$SVCPROBE")
STATUS=$SAF_VAR/tcp/status
ls_table \
    "0::root:reserved:reserved:reserved:127.0.0.1\\:$P0::c::/usr/lib/saf/nlps_server#NLPS" \
    "echo::nobody:reserved:reserved:reserved:127.0.0.1\\:$P1::c::$PROBE#echo" \
    "off:x:nobody:reserved:reserved:reserved:::c::$PROBE#off"

# no listener
expect 2 "$NLSADMIN" -C tcp
ebytes "$A0: error: No listener active on network \"tcp\"\n"
# usage: -C takes a netspec and no other option
expect 5 "$NLSADMIN" -C
[ "$(head -1 "$SAF_ROOT/err")" = "usage: $A0 -x" ] || fail "-C alone: $ERR"
expect 5 "$NLSADMIN" -C -v tcp
[ "$(head -1 "$SAF_ROOT/err")" = "$A0: error: Inconsistent options" ] ||
    fail "-C -v: $ERR"
expect 5 "$NLSADMIN" -a x -c /bin/true -y x -C tcp
[ "$(head -1 "$SAF_ROOT/err")" = "$A0: error: Inconsistent options" ] ||
    fail "-a -C: $ERR"

ls_start
client 127.0.0.1 "$P1"
client -r "NLPS:002:002:echo" 127.0.0.1 "$P0"
client -r "NLPS:002:002:off" 127.0.0.1 "$P0"
client -r "NLPS:002:002:nosuch" 127.0.0.1 "$P0"
settled() {
	grep -q "^service echo 2 0 0 0 0 " "$STATUS" &&
	    grep -q "^nlps 0 1 0\$" "$STATUS"
}
wait_for "the counters" settled

# What -C prints for the status file as it is now.
shown() {
	started=$(date -u -d "@$(sed -n 's/^started //p' "$STATUS")" '+%Y-%m-%d %H:%M:%S')
	written=$(date -u -d "@$(sed -n 's/^written //p' "$STATUS")" '+%Y-%m-%d %H:%M:%S')
	printf '%s\n' \
	    "tcp: listener pid $1, ENABLED, on tcp since $started (counters of $written)" \
	    "NLPS: 0 requests being read; refused 0 bad, 1 unknown code, 0 timed out" \
	    "accepting paused 0 times (out of descriptors)" \
	    "SERVICE         ACCEPTED  DISABLED    FAILED      BUSY   RUNNING  ADDRESS" \
	    "0                      0         0         0         0         0  127.0.0.1\\:$P0" \
	    "echo                   2         0         0         0         0  127.0.0.1\\:$P1" \
	    "off                    0         1         0         0         0  NOADDR"
}
# (the listener is stopped while the file is compared: it holds its _pid
# lock, and does not rewrite the file under the test)
kill -STOP "$LS_PID"
expect 0 "$NLSADMIN" -C tcp
expected=$(shown "$LS_PID")
[ "$OUT" = "$expected" ] || fail "-C: got
$OUT
wanted
$expected"
# by another user (the file is readable by all)
chmod 0755 "$SAF_ROOT" "$SAF_ETC" "$SAF_ETC/tcp" "$SAF_VAR" "$SAF_VAR/tcp"
OUT=$(setpriv --reuid=nobody --regid=nogroup --clear-groups \
    "$NLSADMIN" -C tcp) || fail "-C as nobody"
[ "$OUT" = "$expected" ] || fail "-C as nobody: $OUT"
# -N names the tag too
expect 0 "$NLSADMIN" -C -N tcp
[ "$OUT" = "$expected" ] || fail "-C -N: $OUT"

# a status file that is not one: said so, with its line; exit 2
cp "$STATUS" "$SAF_ROOT/status.good"
printf 'listen-status 1\npid x\n' >"$STATUS"
expect 2 "$NLSADMIN" -C tcp
ebytes "$A0: error: The listener's status file $STATUS, line 2: malformed line\n"
printf 'something else\n' >"$STATUS"
expect 2 "$NLSADMIN" -C tcp
ebytes "$A0: error: The listener's status file $STATUS, line 1: not a version 1 listener status file\n"
# one left by an earlier listener (another pid)
sed 's/^pid .*/pid 1/' "$SAF_ROOT/status.good" >"$STATUS"
expect 2 "$NLSADMIN" -C tcp
ebytes "$A0: error: No status of the listener in $STATUS: written by another process\n"
rm -f "$STATUS"
expect 2 "$NLSADMIN" -C tcp
ebytes "$A0: error: No status of the listener in $STATUS: No such file or directory\n"
kill -CONT "$LS_PID"
ls_stop

# under sac: nlsadmin -i, the NLPS address, a service, then -C
rm -rf "$SAF_ETC/tcp" "$SAF_VAR/tcp"
sac_start 1
expect 0 "$NLSADMIN" -i tcp
expect 0 "$NLSADMIN" -l "127.0.0.1:$P0" tcp
expect 0 "$NLSADMIN" -a echo -w nobody -c "$PROBE" -y "echo" tcp
pid_now() {
	pid=$(pm_pid tcp 2>/dev/null) && [ -n "$pid" ] &&
	    grep -q "^service echo " "$STATUS" 2>/dev/null
}
wait_for "the listener under sac" pid_now
nlps_probe echo "$P0"
counted() {
	grep -q "^service echo 1 0 0 0 0 -\$" "$STATUS"
}
wait_for "the NLPS request counted" counted
expect 0 "$NLSADMIN" -C tcp
echo "$OUT" | grep -q "^tcp: listener pid $(pm_pid tcp), ENABLED, on tcp since " ||
    fail "-C under sac: $OUT"
echo "$OUT" | grep -qx "echo                   1         0         0         0         0  NOADDR" ||
    fail "-C under sac, echo: $OUT"
