#!/bin/sh
# The administration commands on _cmdpipe (reference §4.3), sent raw:
# status text, enable, disable, re-read of a monitor's table, kill, start,
# and the refusals.
. "$top_srcdir/tests/saf/lib.sh"
saf_root
pm_add tp1 "" 0
pm_add tp2 d 3
sac_start 1
log_wait "port monitor <tp1> changed state from <STARTING> to <ENABLED>"
log_wait "port monitor <tp2> changed state from <STARTING> to <DISABLED>"

# AC_STATUS (5): tag:type:flags:count:pstate:command:comment, tag order
expect 0 "$ADMPROBE" cmd 5
case $OUT in
"ack=0 size="*" pid=ours"*) ;;
*) fail "status answer: $OUT" ;;
esac
sed -n '2,$p' "$SAF_ROOT/out" >"$SAF_ROOT/status"
[ "$(wc -l <"$SAF_ROOT/status")" -eq 2 ] || fail "status lines: $OUT"
grep -q "^tp1:test:0:0:2:$TESTPM -l $SAF_ROOT/tp1.log:test monitor\$" \
    "$SAF_ROOT/status" || fail "tp1 status line: $OUT"
grep -q "^tp2:test:1:3:3:" "$SAF_ROOT/status" || fail "tp2 status line: $OUT"

# AC_ENABLE (3) of a disabled monitor: SC_ENABLE is sent
expect 0 "$ADMPROBE" cmd 3 tp2
same "ack=0 size=0 pid=ours"
wait_for "tp2 enabled" pm_log_has tp2 "msg type=2 state=2"
log_wait "port monitor <tp2> changed state from <DISABLED> to <ENABLED>"
# ... and of an enabled one: nothing to do
expect 0 "$ADMPROBE" cmd 3 tp1
same "ack=0 size=0 pid=ours"

# AC_DISABLE (4)
expect 0 "$ADMPROBE" cmd 4 tp1
same "ack=0 size=0 pid=ours"
wait_for "tp1 disabled" pm_log_has tp1 "msg type=3 state=3"

# AC_PMREAD (7): SC_READDB reaches the monitor
expect 0 "$ADMPROBE" cmd 7 tp1
same "ack=0 size=0 pid=ours"
wait_for "tp1 re-read" pm_log_has tp1 "readdb"

# AC_START (1) of a running monitor: AK_PMRUN (1)
expect 0 "$ADMPROBE" cmd 1 tp1
same "ack=1 size=0 pid=ours"

# AC_KILL (2): SIGTERM, then "has stopped" when it is gone
expect 0 "$ADMPROBE" cmd 2 tp1
same "ack=0 size=0 pid=ours"
log_wait "terminating <tp1>"
wait_for "tp1 gone" pm_log_has tp1 "exit term"
log_wait "<tp1> has stopped"
# killing it again: AK_PMNOTRUN (2); enabling it too
expect 0 "$ADMPROBE" cmd 2 tp1
same "ack=2 size=0 pid=ours"
expect 0 "$ADMPROBE" cmd 3 tp1
same "ack=2 size=0 pid=ours"
expect 0 "$ADMPROBE" cmd 7 tp1
same "ack=2 size=0 pid=ours"

# AC_START again: it comes back; AC_KILL forgot its last state, so it
# starts as its flags say (enabled)
expect 0 "$ADMPROBE" cmd 1 tp1
same "ack=0 size=0 pid=ours"
started_twice() {
	[ "$(grep -c '^start' "$SAF_ROOT/tp1.log")" -eq 2 ]
}
wait_for "tp1 restarted" started_twice
log_wait "port monitor <tp1> changed state from <STARTING> to <ENABLED>"

# unknown monitor: AK_NOPM (3); unknown command: AK_UNKNOWN (4), logged
expect 0 "$ADMPROBE" cmd 3 nosuch
same "ack=3 size=0 pid=ours"
expect 0 "$ADMPROBE" cmd 9 tp1
same "ack=4 size=0 pid=ours"
log_has "Got unknown message for <tp1>" || fail "unknown command not logged"

# a connection that sends nothing is closed, and does not block others
"$ADMPROBE" idle 12000 >"$SAF_ROOT/idle.out" &
idle=$!
expect 0 "$ADMPROBE" cmd 5
wait "$idle"
same "closed by sac" "$(cat "$SAF_ROOT/idle.out")"

# any user may ask for the status; only root (or sac's user) for more:
# sac checks the peer's credentials
chmod 0755 "$SAF_ROOT" "$SAF_ETC"
expect 0 setpriv --reuid=nobody --regid=nogroup --clear-groups \
    "$ADMPROBE" cmd 5
case $OUT in "ack=0 size="*) ;; *) fail "status as nobody: $OUT" ;; esac
expect 1 setpriv --reuid=nobody --regid=nogroup --clear-groups \
    "$ADMPROBE" cmd 3 tp1
same "admprobe: no answer" "$ERR"
log_has "refused a command from uid $(id -u nobody): only the status is open to every user" ||
    fail "refusal not logged"
