#!/bin/sh
# pmadm with sac running: a change is followed by SC_READDB to the
# monitor (exit 0); a stopped monitor gets a warning (exit 0, and -r keeps
# the service's script); a monitor sac does not know gives E_SYSERR.
. "$top_srcdir/tests/saf/lib.sh"
saf_root
pm_add p1
sac_start 1
log_wait "port monitor <p1> changed state from <STARTING> to <ENABLED>"

readdbs() { grep -c '^readdb' "$SAF_ROOT/p1.log" || true; }
readdb_count() { [ "$(readdbs)" -ge "$1" ]; }

printf 'assign A=1\n' >"$SAF_ROOT/script"
expect 0 "$PMADM" -a -p p1 -s s1 -i root -m 'x:y' -v 1 -z "$SAF_ROOT/script"
ebytes ''
bytes ''
wait_for "readdb 1" readdb_count 1
expect 0 "$PMADM" -d -p p1 -s s1
wait_for "readdb 2" readdb_count 2
expect 0 "$PMADM" -e -p p1 -s s1
wait_for "readdb 3" readdb_count 3
printf '# VERSION=1\ns1::root:reserved:reserved:reserved:x:y# \n' |
    cmp - "$SAF_ETC/p1/_pmtab" || fail "_pmtab"
expect 0 "$PMADM" -a -t test -s s2 -i root -m z -v 1 -z "$SAF_ROOT/script"
wait_for "readdb 4" readdb_count 4
# the monitor was told: the script goes with the service
expect 0 "$PMADM" -r -p p1 -s s1
ebytes ''
wait_for "readdb 5" readdb_count 5
[ ! -e "$SAF_ETC/p1/s1" ] || fail "script of s1 kept"

# the monitor stopped: a warning, exit 0, the table changed anyway
expect 0 "$SACADM" -k -p p1
log_wait "<p1> has stopped"
expect 0 "$PMADM" -a -p p1 -s s3 -i root -m z -v 1
ebytes 'warning - port monitor, p1 is not running\n'
expect 0 "$PMADM" -L -p p1 -s s3
bytes 'p1:test:s3::root:reserved:reserved:reserved:z# \n'
expect 0 "$PMADM" -r -p p1 -s s2
ebytes 'warning - port monitor, p1 is not running\n'
[ -f "$SAF_ETC/p1/s2" ] || fail "script of s2 removed unnotified"
expect 0 "$PMADM" -d -p p1 -s s3
ebytes 'warning - port monitor, p1 is not running\n'

# a monitor sac has not read yet: sac answers "no such monitor"
pm_add p2
expect 4 "$PMADM" -a -p p2 -s s -i root -m z -v 1
ebytes 'warning - could not notify <p2> about modified table
try executing the command "sacadm -x -p p2"\n'
expect 0 "$PMADM" -L -p p2
bytes 'p2:test:s::root:reserved:reserved:reserved:z# \n'
exit 0
