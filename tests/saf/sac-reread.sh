#!/bin/sh
# AC_SACREAD: a new monitor is started, a removed one terminated, a known
# tag keeps running with only its flags and count changed; a bad table is
# refused (AK_REQFAIL) and the running ones carry on (reference §2.8).
. "$top_srcdir/tests/saf/lib.sh"
saf_root
pm_add one "" 0
pm_add two "" 0
sac_start 1
log_wait "port monitor <two> changed state from <STARTING> to <ENABLED>"
cp "$SAF_ETC/_sactab" "$SAF_ROOT/sactab.good"

# a corrupt table is refused, with its line; nothing changes
printf 'three:test:q:0:/bin/true\n' >>"$SAF_ETC/_sactab"
expect 0 "$ADMPROBE" cmd 6
same "ack=8 size=0 pid=ours"
log_wait "$SAF_ETC/_sactab: line 4"
log_has "_sactab file is corrupt" || fail "corrupt table not logged"
kill -0 "$SAC_PID" || fail "sac died on a bad re-read"
# a wrong version likewise
sed '1s/.*/# VERSION=9/' "$SAF_ROOT/sactab.good" >"$SAF_ETC/_sactab"
expect 0 "$ADMPROBE" cmd 6
same "ack=8 size=0 pid=ours"
log_has "_sactab version # is incorrect" || fail "version not logged"

# add three, remove two, duplicate one, change one's count
cp "$SAF_ROOT/sactab.good" "$SAF_ETC/_sactab"
grep -v '^two:' "$SAF_ETC/_sactab" >"$SAF_ROOT/t" && cat "$SAF_ROOT/t" >"$SAF_ETC/_sactab"
sed -i 's/^one:test::0:/one:test::4:/' "$SAF_ETC/_sactab"
dup=$(grep '^one:' "$SAF_ETC/_sactab")
printf '%s\n' "$dup" >>"$SAF_ETC/_sactab"
pm_add three "" 0
expect 0 "$ADMPROBE" cmd 6
same "ack=0 size=0 pid=ours"
log_wait "Ignoring duplicate entry for <one>"
log_wait "terminating <two>"
wait_for "two gone" pm_log_has two "exit term"
log_wait "port monitor <three> changed state from <STARTING> to <ENABLED>"
expect 0 "$ADMPROBE" cmd 5
echo "$OUT" | grep -q '^one:test:0:4:2:' || fail "one's count: $OUT"
! echo "$OUT" | grep -q '^two:' || fail "two still listed: $OUT"
[ "$(grep -c '^start' "$SAF_ROOT/one.log")" -eq 1 ] || fail "one restarted"
