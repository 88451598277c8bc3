#!/bin/sh
# sac's usage errors, and the start-up failures with their exit codes and
# log lines (reference §2.1, §2.2).
. "$top_srcdir/tests/saf/lib.sh"
saf_root
usage='SAC: Usage: sac -t sanity_interval\n'
for args in "" "-t" "-t 0" "-t -5" "-t 1 -t 2" "-x" "-t 1 extra"; do
	# shellcheck disable=SC2086
	expect 1 "$SAC" $args
	ebytes "$usage"
done

# no _sactab
rm "$SAF_ETC/_sactab"
expect 1 "$SAC" -t 1
log_has "could not open _sactab" || fail "missing _sactab not logged"
log_has "*** SAC exiting ***" || fail "no exit line"

# wrong version
printf '# VERSION=2\n' >"$SAF_ETC/_sactab"
expect 4 "$SAC" -t 1
log_has "_sactab version # is incorrect" || fail "version not logged"

# a corrupt line: the file, the line and the field are named
printf '# VERSION=1\ngood:t::0:/bin/true\nbad:t:q:0:/bin/true\n' \
    >"$SAF_ETC/_sactab"
expect 3 "$SAC" -t 1
log_has "_sactab file is corrupt" || fail "corrupt table not logged"
log_has "$SAF_ETC/_sactab: line 3" || fail "the bad line is not named"

# _sysconfig: an error stops sac with its line number
printf '# VERSION=1\n' >"$SAF_ETC/_sactab"
printf 'assign A=1\nbogus command\n' >"$SAF_ETC/_sysconfig"
expect 14 "$SAC" -t 1
log_has "Error in _sysconfig: line 2" || fail "_sysconfig line not logged"
log_has "error interpreting _sysconfig" || fail "_sysconfig error not logged"

# a _sysconfig that cannot be read is a system error
rm "$SAF_ETC/_sysconfig"
mkdir "$SAF_ETC/_sysconfig"
expect 13 "$SAC" -t 1
log_has "system error in _sysconfig" || fail "_sysconfig system error"
