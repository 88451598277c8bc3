#!/bin/sh
# A monitor still running when sac starts is in recovery (UNKNOWN) until
# it answers a poll: every command for it is E_RECOVER, and the listing
# shows UNKNOWN.
. "$top_srcdir/tests/saf/lib.sh"
saf_root
# a mute monitor never answers, so it stays UNKNOWN for one interval
pm_add mute "" 0 -m
sac_start 60
mute_up() {
	test -n "$(pm_pid mute)"
}
wait_for "mute's pid" mute_up
sac_stop
sac_start 60
log_wait "SAC in recovery"
for op in -s -k -e -d -x; do
	expect 9 "$SACADM" $op -p mute
	ebytes 'Port monitor, mute, is in recovery\n'
done
expect 0 "$SACADM" -L
bytes 'mute:test::0:UNKNOWN:%s -l %s/mute.log -m#test monitor\n' \
    "$TESTPM" "$SAF_ROOT"
# pmadm's notification gives E_SYSERR with its warnings
expect 0 "$SACADM" -a -p other -t t -c /bin/true -v 1 -f x
expect 4 "$PMADM" -a -p mute -s svc -i root -m x -v 1
ebytes 'warning - could not notify <mute> about modified table
try executing the command "sacadm -x -p mute"\n'
exit 0
