#!/bin/sh
# The listener as a port monitor under sac: it starts as ISTATE says,
# answers polls, refuses connections while disabled (a reset each, logged),
# re-reads its table on SC_READDB, shrugs off garbage on _pmpipe, and ends
# on sac's SIGTERM.
. "$top_srcdir/tests/listen/lib.sh"
ls_root
P1=$(port)
P2=$(port)
PROBE=$(real "$SVCPROBE")
: >"$SAF_ETC/tcp/_pid"
printf 'tcp:listen::0:%s tcp\t#the listener\n' "$LISTEN" >>"$SAF_ETC/_sactab"
ls_table "a::nobody:reserved:reserved:reserved:127.0.0.1\\:$P1::c::$PROBE#a"
sac_start 1
log_wait "port monitor <tcp> changed state from <STARTING> to <ENABLED>"
ls_log_wait "Initialization Complete"
ls_log_has "Listener port monitor tag: tcp" || fail "tag"
client -s "" 127.0.0.1 "$P1"
case $OUT in uid=*) ;; *) fail "enabled: $OUT" ;; esac

# disabled: connections are refused at once, each logged
expect 0 "$ADMPROBE" cmd 4 tcp
same "ack=0 size=0 pid=ours"
ls_log_wait "New state: DISABLED"
client -s "" 127.0.0.1 "$P1"
same "[reset]"
ls_log_wait "Incoming call while disabled: fd"
log_wait "port monitor <tcp> changed state from <ENABLED> to <DISABLED>"
expect 0 "$ADMPROBE" cmd 3 tcp
ls_log_wait "New state: ENABLED"
client -s "" 127.0.0.1 "$P1"
case $OUT in uid=*) ;; *) fail "enabled again: $OUT" ;; esac

# SC_READDB: a new service
ls_table "a::nobody:reserved:reserved:reserved:127.0.0.1\\:$P1::c::$PROBE#a" \
    "b::nobody:reserved:reserved:reserved:127.0.0.1\\:$P2::c::$PROBE#b"
expect 0 "$ADMPROBE" cmd 7 tcp
ls_log_wait "Re-read complete, 2 addresses bound"
client -s "" 127.0.0.1 "$P2"
case $OUT in uid=*) ;; *) fail "b after SC_READDB: $OUT" ;; esac

# garbage on _pmpipe: an unknown message type is logged and answered as
# such, a short write is dropped; the listener serves on, sac keeps it
printf '\000\000\000\000\143\000\000\000' >"$SAF_ETC/tcp/_pmpipe"
ls_log_wait "Received unknown message from sac -- ignored"
printf 'xyz' >"$SAF_ETC/tcp/_pmpipe"
client -s "" 127.0.0.1 "$P1"
case $OUT in uid=*) ;; *) fail "after garbage: $OUT" ;; esac
expect 0 "$SACADM" -l -p tcp
case $OUT in *ENABLED*) ;; *) fail "sac's view after garbage: $OUT" ;; esac
! grep -q "<tcp> has FAILED\|<tcp> has stopped" "$SAF_VAR/_log" ||
    fail "sac gave up on the listener: $(cat "$SAF_VAR/_log")"

# sacadm -k: SIGTERM, the listener goes, sac says it stopped
expect 0 "$ADMPROBE" cmd 2 tcp
ls_log_wait "caught SIGTERM (exiting)"
log_wait "<tcp> has stopped"
expect 1 "$LSCLIENT" -s "" 127.0.0.1 "$P1"
same "[refused]"
