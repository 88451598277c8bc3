#!/bin/sh
# sac killed while its monitors run: the next sac finds their _pid files
# locked, recovers them (UNKNOWN until they answer), starts nothing else,
# and refuses commands on them while in recovery (reference §2.3).
. "$top_srcdir/tests/saf/lib.sh"
saf_root
pm_add alive "" 0
pm_add later x 0
sac_start 1
log_wait "port monitor <alive> changed state from <STARTING> to <ENABLED>"
pid=$(pm_pid alive)
kill -9 "$SAC_PID"
wait "$SAC_PID" 2>/dev/null || true
SAC_PID=
kill -0 "$pid" || fail "the monitor died with sac"
# the old sac's socket is stale: the new one replaces it
sac_start 1
log_wait "SAC in recovery"
# until it answers a poll the monitor is UNKNOWN: commands get AK_RECOVER
# (a poll may already have come: then it is ENABLED again)
expect 0 "$ADMPROBE" cmd 3 alive
case $OUT in
"ack=7 "* | "ack=0 "*) ;;
*) fail "enable during recovery: $OUT" ;;
esac
alive_enabled() {
	"$ADMPROBE" cmd 5 | grep -q '^alive:test:0:0:2:'
}
wait_for "alive ENABLED after recovery" alive_enabled
[ "$(pm_pid alive)" = "$pid" ] || fail "the monitor was restarted"
[ "$(grep -c '^start' "$SAF_ROOT/alive.log")" -eq 1 ] ||
    fail "the monitor was started again"
[ ! -e "$SAF_ROOT/later.log" ] || fail "a stopped monitor was started"
# still answering the new sac's polls
n=$(grep -c '^msg' "$SAF_ROOT/alive.log")
answered_more() {
	[ "$(grep -c '^msg' "$SAF_ROOT/alive.log")" -gt "$n" ]
}
wait_for "polls from the new sac" answered_more
