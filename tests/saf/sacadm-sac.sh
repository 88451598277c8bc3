#!/bin/sh
# sacadm with sac running: -a starts the monitor (AC_SACREAD), listings in
# tag order with the monitors' states, -e -d -k -s -x and their answers
# (E_PMRUN, E_PMNOTRUN, E_NOEXIST), -r terminates the monitor; then with
# sac gone: E_SACNOTRUN, and the listing from _sactab.
. "$top_srcdir/tests/saf/lib.sh"
saf_root
sac_start 1

count_log() { grep -cF -- "$1" "$SAF_VAR/_log" || true; }
log_count_is() { [ "$(count_log "$1")" -ge "$2" ]; }

expect 5 "$SACADM" -l
ebytes 'No port monitors defined\n'

tp() { echo "$TESTPM -l $SAF_ROOT/$1.log"; }
expect 0 "$SACADM" -a -p zz -t test -c "$(tp zz)" -v 1 -y 'last'
ebytes ''
log_wait "port monitor <zz> changed state from <STARTING> to <ENABLED>"
expect 0 "$SACADM" -a -p aa -t other -c "$(tp aa)" -v 1 -f d -n 2
log_wait "port monitor <aa> changed state from <STARTING> to <DISABLED>"
pm_log_has aa "istate=disabled" || fail "aa not started disabled"
expect 0 "$SACADM" -a -p mm -t test -c "$(tp mm)" -v 1 -f x
[ ! -e "$SAF_ROOT/mm.log" ] || fail "mm (-f x) was started"

# tag order while sac runs (the file has zz, aa, mm)
expect 0 "$SACADM" -l
bytes 'PMTAG          PMTYPE         FLGS RCNT STATUS     COMMAND
aa             other          d    2    DISABLED   %s # 
mm             test           x    0    NOTRUNNING %s # 
zz             test           -    0    ENABLED    %s #last
' "$(tp aa)" "$(tp mm)" "$(tp zz)"
ebytes ''
expect 0 "$SACADM" -L -t test
bytes 'mm:test:x:0:NOTRUNNING:%s# \nzz:test::0:ENABLED:%s#last\n' \
    "$(tp mm)" "$(tp zz)"
expect 0 "$SACADM" -L -p aa
bytes 'aa:other:d:2:DISABLED:%s# \n' "$(tp aa)"
expect 5 "$SACADM" -L -p nosuch
ebytes 'Invalid request, nosuch does not exist\n'
expect 5 "$SACADM" -l -t nosuch
ebytes 'Invalid request, nosuch does not exist\n'

# enable, disable
expect 0 "$SACADM" -e -p aa
log_wait "port monitor <aa> changed state from <DISABLED> to <ENABLED>"
expect 0 "$SACADM" -d -p zz
log_wait "port monitor <zz> changed state from <ENABLED> to <DISABLED>"
expect 0 "$SACADM" -d -p zz
expect 0 "$SACADM" -L -p zz
bytes 'zz:test::0:DISABLED:%s#last\n' "$(tp zz)"

# the answers for a monitor that is not running, running, or unknown
for op in -e -d -k -x; do
	expect 8 "$SACADM" $op -p mm
	ebytes 'Port monitor, mm, is not running\n'
done
expect 7 "$SACADM" -s -p zz
ebytes 'Port monitor, zz, is already running\n'
for op in -s -k -e -d -x; do
	expect 5 "$SACADM" $op -p nosuch
	ebytes 'Invalid request, nosuch does not exist\n'
done

# -x -p: the monitor re-reads its table; -x: sac re-reads _sactab
expect 0 "$SACADM" -x -p zz
wait_for "readdb in zz's log" pm_log_has zz readdb
printf 'added:test:x:0:/bin/true\t#by hand\n' >>"$SAF_ETC/_sactab"
expect 5 "$SACADM" -L -p added
expect 0 "$SACADM" -x
expect 0 "$SACADM" -L -p added
bytes 'added:test:x:0:NOTRUNNING:/bin/true#by hand\n'

# kill and start again; -s starts a monitor flagged x too
expect 0 "$SACADM" -k -p zz
log_wait "terminating <zz>"
wait_for "zz's exit" pm_log_has zz "exit term"
log_wait "<zz> has stopped"
expect 0 "$SACADM" -L -p zz
bytes 'zz:test::0:NOTRUNNING:%s#last\n' "$(tp zz)"
expect 0 "$SACADM" -s -p zz
started_twice() { [ "$(grep -c '^start' "$SAF_ROOT/zz.log")" = 2 ]; }
wait_for "zz started twice" started_twice
# lstate was reset by -k: it starts as its flags say, enabled
wait_for "zz enabled again" log_count_is \
    "port monitor <zz> changed state from <STARTING> to <ENABLED>" 2
expect 0 "$SACADM" -s -p mm
log_wait "port monitor <mm> changed state from <STARTING> to <ENABLED>"

# -r: sac re-reads _sactab and terminates the monitor
expect 0 "$SACADM" -r -p mm
log_wait "terminating <mm>"
wait_for "mm's exit" pm_log_has mm "exit term"
expect 0 "$SACADM" -L -t test
bytes 'added:test:x:0:NOTRUNNING:/bin/true#by hand\nzz:test::0:ENABLED:%s#last\n' \
    "$(tp zz)"

# any user may list while sac runs (sac serves the status to everyone)
if [ "$(id -u)" = 0 ]; then
	chmod 0755 "$SAF_ROOT" "$SAF_ETC"
	expect 0 setpriv --reuid=nobody --regid=nogroup --clear-groups \
	    "$SACADM" -L -t test
	bytes 'added:test:x:0:NOTRUNNING:/bin/true#by hand\nzz:test::0:ENABLED:%s#last\n' \
	    "$(tp zz)"
fi

# sac stopped: commands for sac fail with E_SACNOTRUN, listings read
# _sactab in file order
sac_stop
for op in "-s -p zz" "-k -p zz" "-e -p zz" "-d -p zz" "-x -p zz" "-x"; do
	# shellcheck disable=SC2086
	expect 10 "$SACADM" $op
	ebytes 'Can not contact SAC\n'
done
expect 0 "$SACADM" -L
bytes 'zz:test::0:NO_SAC:%s#last\naa:other:d:2:NO_SAC:%s# \nadded:test:x:0:NO_SAC:/bin/true#by hand\n' \
    "$(tp zz)" "$(tp aa)"
ebytes ''
# a sac that died without removing its socket: nobody listens
sac_start 1
kill -9 "$SAC_PID"
wait "$SAC_PID" || true
SAC_PID=
[ -S "$SAF_ETC/_cmdpipe" ] || fail "no stale socket"
expect 10 "$SACADM" -e -p zz
ebytes 'Can not contact SAC\n'
expect 0 "$SACADM" -L -p zz
bytes 'zz:test::0:NO_SAC:%s#last\n' "$(tp zz)"
exit 0
