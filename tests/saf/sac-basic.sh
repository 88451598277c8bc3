#!/bin/sh
# sac starts the monitors of _sactab with their state, tag and directory,
# polls them, marks one that dies FAILED when its count is spent, and
# refuses a second sac.
. "$top_srcdir/tests/saf/lib.sh"
saf_root
pm_add tp1 "" 2
pm_add tp2 d 0 -d 1
pm_add tp3 x 0
sac_start 1
log_wait "port monitor <tp1> changed state from <STARTING> to <ENABLED>"
log_wait "port monitor <tp2> changed state from <STARTING> to <DISABLED>"
log_wait "<tp2> has FAILED"
pm_log_has tp1 "istate=enabled" || fail "tp1 not started enabled"
pm_log_has tp1 "cwd=$SAF_ETC/tp1" || fail "tp1 not in its directory"
pm_log_has tp1 "fds=3" || fail "tp1 has other descriptors than 0-2"
pm_log_has tp2 "istate=disabled" || fail "tp2 not started disabled"
[ ! -e "$SAF_ROOT/tp3.log" ] || fail "tp3 (flag x) was started"
log_has "starting port monitor <tp1>" || fail "no start line"
# a second sac finds the log locked
expect 1 "$SAC" -t 1
case $ERR in
"SAC: could not lock logfile $SAF_VAR/_log:"*) ;;
*) fail "second sac: $ERR" ;;
esac
sac_stop
log_has "*** SAC exiting ***" || fail "no exit line"
[ ! -e "$SAF_ETC/_cmdpipe" ] || fail "_cmdpipe left behind"
