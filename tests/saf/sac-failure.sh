#!/bin/sh
# Monitors that die or stop answering are restarted while their restart
# count lasts, then FAILED (reference §2.5, §2.7); sacadm -s (AC_START)
# resets the count.
. "$top_srcdir/tests/saf/lib.sh"
saf_root
pm_add dies "" 2 -d 1 -x 7
pm_add mute "" 1 -m
sac_start 1
log_wait "<dies> has died - trying to restart"
log_wait "<mute> stopped responding to sanity polls - trying to restart"
log_wait "<mute> has FAILED"
log_wait "<dies> has FAILED"
[ "$(grep -c '<dies> has died - trying to restart' "$SAF_VAR/_log")" -eq 2 ] ||
    fail "dies was not restarted exactly twice"
[ "$(grep -c '^start' "$SAF_ROOT/dies.log")" -eq 3 ] ||
    fail "dies did not run three times"
# a monitor that does not answer is killed before its restart
[ "$(grep -c '^start' "$SAF_ROOT/mute.log")" -eq 2 ] ||
    fail "mute did not run twice"
expect 0 "$ADMPROBE" cmd 5
echo "$OUT" | grep -q '^dies:test:0:2:5:' || fail "dies not FAILED: $OUT"
echo "$OUT" | grep -q '^mute:test:0:1:5:' || fail "mute not FAILED: $OUT"

# AC_START of a FAILED monitor starts it, with its count renewed
expect 0 "$ADMPROBE" cmd 1 dies
same "ack=0 size=0 pid=ours"
wait_for "dies restarted" sh -c "[ \$(grep -c '^start' '$SAF_ROOT/dies.log') -ge 5 ]"
log_wait "<dies> has FAILED"

# the wait status went to utmpx: LOGIN_PROCESS records, then DEAD_PROCESS
command -v utmpdump >/dev/null || exit 0
utmpdump "$SAF_UTMPX" 2>/dev/null >"$SAF_ROOT/utmp.txt"
grep -q '^\[6\] .*\[dies' "$SAF_ROOT/utmp.txt" ||
    grep -q '^\[8\] ' "$SAF_ROOT/utmp.txt" || fail "no utmpx records"
grep -q '^\[8\] ' "$SAF_ROOT/utmp.txt" || fail "no DEAD_PROCESS record"
