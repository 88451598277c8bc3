#!/bin/sh
# What monitors say on _sacpipe (reference §2.6): an invalid state, a
# PM_UNKNOWN answer, a message from an unknown tag, an invalid type; and
# the environment from _sysconfig and _config.
. "$top_srcdir/tests/saf/lib.sh"
saf_root
pm_add liar "" 0 -S 9
pm_add puzzled "" 0 -u
pm_add envy "" 0 -e FROMSYS
printf 'assign FROMSYS=sysconfig\n' >"$SAF_ETC/_sysconfig"
printf 'assign FROMSYS=config\n' >"$SAF_ETC/envy/_config"
sac_start 1
log_wait "port monitor <liar> reporting invalid state"
log_wait "port monitor <puzzled> didn't recognize message"
wait_for "envy's environment" pm_log_has envy "env FROMSYS=config"
"$ADMPROBE" pmmsg 1 2 stranger
log_wait "message from unknown process"
"$ADMPROBE" pmmsg 7 2 envy
log_wait "port monitor <envy> sent an invalid message - ignoring it"

# an error in a monitor's _config: logged with its line, not started
pm_add broken "" 0
printf 'assign OK=1\nnot-a-command\n' >"$SAF_ETC/broken/_config"
expect 0 "$ADMPROBE" cmd 6
log_wait "Error in _config script for <broken>: line 2"
log_wait "<broken> has FAILED"
[ ! -e "$SAF_ROOT/broken.log" ] || fail "broken was started"
