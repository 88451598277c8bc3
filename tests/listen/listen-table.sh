#!/bin/sh
# _pmtab: start-up errors end the listener with the original's codes and
# a log line naming the file and line; a re-read with a bad table is
# logged and the listener keeps serving the old one; a good re-read keeps
# unchanged addresses bound (same descriptor), binds new ones, unbinds
# removed ones; a busy address disables only its service, and is bound on
# a later re-read once it is free.
. "$top_srcdir/tests/listen/lib.sh"
ls_root
P1=$(port)
P2=$(port)
P3=$(port)
PROBE=$(real "$SVCPROBE")
good="a::nobody:reserved:reserved:reserved:127.0.0.1\\:$P1::c::$PROBE#a"

# start-up failures
expect 71 "$LISTEN" tcp
grep -q "Trouble opening data base file" "$LS_LOG" || fail "no _pmtab"
printf 'a::nobody\n' >"$SAF_ETC/tcp/_pmtab"
expect 39 "$LISTEN" tcp
grep -q "Data base file has been corrupted" "$LS_LOG" || fail "no version"
printf '# VERSION=3\n' >"$SAF_ETC/tcp/_pmtab"
expect 40 "$LISTEN" tcp
grep -q "Database file is not at the current version" "$LS_LOG" ||
    fail "wrong version"
ls_table "$good" "b:q:nobody:reserved:reserved:reserved:::c::$PROBE#bad flag"
expect 71 "$LISTEN" tcp
grep -q "Data base file: $SAF_ETC/tcp/_pmtab: line 3" "$LS_LOG" ||
    fail "bad line not named: $(cat "$LS_LOG")"
grep -q "An I/O error occurred while reading the listener data base" \
    "$LS_LOG" || fail "exit reason"
ls_table "$good" "a::nobody:reserved:reserved:reserved:::c::$PROBE#again"
expect 71 "$LISTEN" tcp
grep -q "line 3: svctag: duplicate service code" "$LS_LOG" ||
    fail "duplicate: $(cat "$LS_LOG")"
ls_table "x::nobody:reserved:reserved:reserved:\\\$date\\\$::c::$PROBE#subst"
expect 71 "$LISTEN" tcp
grep -q "command substitution is not supported" "$LS_LOG" ||
    fail "command substitution: $(cat "$LS_LOG")"
ls_table "y::nobody:reserved:reserved:reserved:::c::probe#relative"
expect 71 "$LISTEN" tcp
grep -q "the program must be an absolute path" "$LS_LOG" || fail "relative"

# a good table; then re-reads
ls_table "$good"
ls_start
client -s "" 127.0.0.1 "$P1"
case $OUT in uid=*) ;; *) fail "a: $OUT" ;; esac
fd=$(sed -n 's/.*Service a: fd \([0-9]*\) addr.*/\1/p' "$LS_LOG" | head -1)

# a bad re-read keeps the old table
printf 'garbage\n' >>"$SAF_ETC/tcp/_pmtab"
kill -HUP "$LS_PID"
ls_log_wait "Re-read failed: keeping the current data base"
client -s "" 127.0.0.1 "$P1"
case $OUT in uid=*) ;; *) fail "a after a bad re-read: $OUT" ;; esac
sed -i 's/^# VERSION=4/# VERSION=5/' "$SAF_ETC/tcp/_pmtab"
kill -HUP "$LS_PID"
ls_log_wait "Database file is not at the current version; keeping the current data base"
kill -0 "$LS_PID" || fail "a bad version on a re-read ended the listener"

# occupy P3, then add b on P2 and c on P3: b works, c is unavailable
"$LSCLIENT" -L "$P3" >"$SAF_ROOT/squatter" &
squatter=$!
LS_KIDS="$LS_KIDS $squatter"
wait_for "the squatter" grep -q listening "$SAF_ROOT/squatter"
ls_table "$good" \
    "b::nobody:reserved:reserved:reserved:127.0.0.1\\:$P2::c::$PROBE#b" \
    "c::nobody:reserved:reserved:reserved:127.0.0.1\\:$P3::c::$PROBE#c"
kill -HUP "$LS_PID"
ls_log_wait "Re-read complete, 2 addresses bound"
ls_log_has "Service a: fd $fd addr 127.0.0.1\\:$P1" || fail "a rebound"
[ "$(grep -c "Service a: fd $fd addr" "$LS_LOG")" -eq 2 ] ||
    fail "a's endpoint not kept"
ls_log_has "TLI t_bind failed" || ls_log_has "ignored: unable to bind requested address 127.0.0.1\\:$P3" ||
    fail "busy address not reported"
client -s "" 127.0.0.1 "$P2"
case $OUT in uid=*) ;; *) fail "b: $OUT" ;; esac
client -s "" 127.0.0.1 "$P1"
case $OUT in uid=*) ;; *) fail "a while c is busy: $OUT" ;; esac

# the address is freed: the next re-read binds c; removing b unbinds it
kill "$squatter"
wait "$squatter" 2>/dev/null || true
ls_table "$good" \
    "c::nobody:reserved:reserved:reserved:127.0.0.1\\:$P3::c::$PROBE#c"
kill -HUP "$LS_PID"
ls_log_wait "Unbind b: fd"
ls_log_wait "Service c: fd"
client -s "" 127.0.0.1 "$P3"
case $OUT in uid=*) ;; *) fail "c after it was freed: $OUT" ;; esac
expect 1 "$LSCLIENT" -s "" 127.0.0.1 "$P2"
same "[refused]"

# a table read a piece at a time: 400 records (some 40 KiB), the last
# with no newline after it, are all there
{
	printf '# VERSION=4\n%s\n' "$good"
	i=0
	while [ "$i" -lt 400 ]; do
		printf 'f%03d::nobody:reserved:reserved:reserved:::c::%s#filler number %d of the table\n' "$i" "$PROBE" "$i"
		i=$((i + 1))
	done
	printf 'c::nobody:reserved:reserved:reserved:127.0.0.1\\:%s::c::%s#last' "$P3" "$PROBE"
} >"$SAF_ETC/tcp/_pmtab"
kill -HUP "$LS_PID"
ls_log_wait "Re-read complete, 2 addresses bound"
client -s "" 127.0.0.1 "$P3"
case $OUT in uid=*) ;; *) fail "the last record of a big table: $OUT" ;; esac
# a line longer than 1023 bytes is named, and the table kept
long=$(printf '%01100d' 0)
ls_table "$good" "d::nobody:reserved:reserved:reserved:::c::$PROBE $long#long"
kill -HUP "$LS_PID"
ls_log_wait "_pmtab: line 3, column 1024: line longer than 1023 bytes"
ls_log_wait "Re-read failed: keeping the current data base"
client -s "" 127.0.0.1 "$P3"
case $OUT in uid=*) ;; *) fail "c after a too long line: $OUT" ;; esac
