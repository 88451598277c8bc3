#!/bin/sh
# Tables and scripts that a user other than root could change are refused
# (they name programs and the users they run as; scripts run commands as
# root): a _pmtab, _sactab, _sysconfig, _config or service script that is
# writable by group or others, belongs to another user, or sits in a
# directory others may write (without the sticky bit), directly or
# through a symbolic link.  At start-up the daemon stops with a log line
# naming the file; on a re-read the table in force is kept and served; a
# refused script makes only its service or monitor unavailable.
. "$top_srcdir/tests/hardening/lib.sh"
hd_root
P1=$(port)
P2=$(port)
P0=$(port)
PROBE=$(real "$SVCPROBE")
NOBODY=$(id -u nobody)
PMTAB=$SAF_ETC/tcp/_pmtab
TA="a::nobody:reserved:reserved:reserved:127.0.0.1\\:$P1::c::$PROBE#a"
TB="b::nobody:reserved:reserved:reserved:127.0.0.1\\:$P2::c::$PROBE#b"

served() { # served PORT WHAT
	client -s "" 127.0.0.1 "$1"
	case $OUT in uid=*) ;; *) fail "$2: $OUT" ;; esac
}
refused_start() { # refused_start TEXT: the listener will not start
	: >"$LS_LOG"
	expect 71 "$LISTEN" tcp
	grep -qF "Data base file refused: $1" "$LS_LOG" ||
	    fail "not refused ($1): $(cat "$LS_LOG")"
	grep -q "An I/O error occurred while reading the listener data base" \
	    "$LS_LOG" || fail "no reason to stop: $(cat "$LS_LOG")"
}

# ---- the listener's _pmtab at start-up
ls_table "$TA"
chmod 0666 "$PMTAB"
refused_start "$PMTAB is writable by group or others (mode 0666)"
chmod 0664 "$PMTAB"
refused_start "$PMTAB is writable by group or others (mode 0664)"
chmod 0644 "$PMTAB"
chown nobody "$PMTAB"
refused_start "$PMTAB belongs to uid $NOBODY, not root"
chown root "$PMTAB"
chmod 0777 "$SAF_ETC/tcp"
refused_start "directory $SAF_ETC/tcp is writable by group or others (mode 0777)"
# a symbolic link to a table in a directory others may write
mkdir "$SAF_ROOT/open"
chmod 0777 "$SAF_ROOT/open"
chmod 0755 "$SAF_ETC/tcp"
mv "$PMTAB" "$SAF_ROOT/open/_pmtab"
ln -s "$SAF_ROOT/open/_pmtab" "$PMTAB"
refused_start "directory $SAF_ROOT/open is writable by group or others (mode 0777)"
rm "$PMTAB"
mv "$SAF_ROOT/open/_pmtab" "$PMTAB"
# the sticky bit: others cannot replace root's files in it
chmod 1777 "$SAF_ETC/tcp"
ls_start
served "$P1" "sticky table directory"
ls_stop
chmod 0755 "$SAF_ETC/tcp"

# ---- a re-read of a table made writable keeps the table in force
ls_start
ls_table "$TA" "$TB"
chmod 0646 "$PMTAB"
kill -HUP "$LS_PID"
ls_log_wait "Data base file refused: $PMTAB is writable by group or others (mode 0646)"
ls_log_wait "Re-read failed: keeping the current data base"
served "$P1" "a after a refused re-read"
expect 1 "$LSCLIENT" -s "" 127.0.0.1 "$P2"
same "[refused]"
chmod 0644 "$PMTAB"
kill -HUP "$LS_PID"
ls_log_wait "Re-read complete, 2 addresses bound"
served "$P2" "b after the table was fixed"

# ---- a service script: only its service is refused
printf 'assign FROMSCRIPT=ok\n' >"$SAF_ETC/tcp/b"
chmod 0666 "$SAF_ETC/tcp/b"
: >"$LS_LOG"
kill -HUP "$LS_PID"
ls_log_wait "service b: service script refused: $SAF_ETC/tcp/b is writable by group or others (mode 0666)"
ls_log_wait "Re-read complete"
client -s "" 127.0.0.1 "$P2"
case $OUT in uid=*) fail "a service with a writable script ran: $OUT" ;; esac
served "$P1" "a beside a refused script"
chmod 0644 "$SAF_ETC/tcp/b"
chown nobody "$SAF_ETC/tcp/b"
kill -HUP "$LS_PID"
ls_log_wait "service b: service script refused: $SAF_ETC/tcp/b belongs to uid $NOBODY, not root"
chown root "$SAF_ETC/tcp/b"
: >"$LS_LOG"
kill -HUP "$LS_PID"
ls_log_wait "Re-read complete"
client -s "" 127.0.0.1 "$P2"
echo "$OUT" | grep -q "^FROMSCRIPT=ok " || fail "script not run once fixed: $OUT"
ls_stop

# ---- nlps_server, the program, reads the table afresh: refused too
NLPSD=$SAF_ROOT/nlpsd
printf '#!/bin/sh\nexec "%s" "$@"\n' "$NLPS_SERVER" >"$NLPSD"
chmod 0755 "$NLPSD"
ls_table "$TA" "nlpsd::root:reserved:reserved:reserved:127.0.0.1\\:$P0::c::$NLPSD#program"
ls_start
client -r "NLPS:002:002:a" 127.0.0.1 "$P0"
case $OUT in "reply=2:0:NLPS (a) exec: $PROBE"*) ;; *) fail "nlps_server: $OUT" ;; esac
chmod 0666 "$PMTAB"
client -r "NLPS:002:002:a" 127.0.0.1 "$P0"
case $OUT in *uid=*) fail "nlps_server used a writable table: $OUT" ;; esac
ls_log_wait "NLPS: data base file refused: $PMTAB is writable by group or others (mode 0666)"
ls_stop
chmod 0644 "$PMTAB"

# ---- sac: _sactab at start-up and on a re-read
SACLOG=$SAF_VAR/_log
chmod 0666 "$SAF_ETC/_sactab"
expect 1 "$SAC" -t 1
grep -qF "$SAF_ETC/_sactab is writable by group or others (mode 0666): refused" \
    "$SACLOG" || fail "_sactab not refused: $(cat "$SACLOG")"
grep -q "could not open _sactab" "$SACLOG" || fail "no reason to stop"
chmod 0644 "$SAF_ETC/_sactab"
pm_add one
sac_start "$(pm_interval)"
log_wait "port monitor <one> changed state from <STARTING> to <ENABLED>"
pm_add two
chmod 0646 "$SAF_ETC/_sactab"
expect 0 "$ADMPROBE" cmd 6
same "ack=8 size=0 pid=ours"
log_wait "$SAF_ETC/_sactab is writable by group or others (mode 0646): refused"
[ ! -e "$SAF_ROOT/two.log" ] || fail "a monitor of a refused _sactab started"
chmod 0644 "$SAF_ETC/_sactab"
# a monitor's _config: that monitor is not started, the others are
printf 'assign X=1\n' >"$SAF_ETC/two/_config"
chmod 0666 "$SAF_ETC/two/_config"
expect 0 "$ADMPROBE" cmd 6
same "ack=0 size=0 pid=ours"
log_wait "$SAF_ETC/two/_config is writable by group or others (mode 0666): refused"
log_wait "system error in _config script for <two>"
[ ! -e "$SAF_ROOT/two.log" ] || fail "a monitor with a writable _config started"
kill -0 "$SAC_PID" || fail "sac ended"
expect 0 "$ADMPROBE" cmd 5
echo "$OUT" | grep -q "^one:test:0:0:2:" || fail "one not ENABLED: $OUT"
sac_stop
# _sysconfig
printf 'assign X=1\n' >"$SAF_ETC/_sysconfig"
chmod 0666 "$SAF_ETC/_sysconfig"
expect 13 "$SAC" -t 1
grep -qF "$SAF_ETC/_sysconfig is writable by group or others (mode 0666): refused" \
    "$SACLOG" || fail "_sysconfig not refused: $(tail -n 5 "$SACLOG")"
