#!/bin/sh
# Out of descriptors while accepting.  EMFILE: the listener's own limit
# (40) is used up by callers of the NLPS address that say nothing; ENFILE:
# the system's table, injected into accept4 (a test cannot fill the real
# one without starving the machine).  Meanwhile 20 callers of a service
# queue up.  Accepting pauses (logged once, counted), nothing spins, and
# once descriptors are back every one of the 20 is served: nothing is
# lost, and the listener is left with the descriptors it had.
. "$top_srcdir/tests/hardening/lib.sh"
hd_root
P0=$(port)
P1=$(port)
PROBE=$(real "$SVCPROBE")
ls_table \
    "0::root:reserved:reserved:reserved:127.0.0.1\\:$P0::c::/usr/lib/saf/nlps_server#NLPS" \
    "a::nobody:reserved:reserved:reserved:127.0.0.1\\:$P1::c::$PROBE#a"
served() {
	client -s "" 127.0.0.1 "$P1"
	case $OUT in uid=*) ;; *) fail "$1: $OUT" ;; esac
}

# ---- EMFILE
(ulimit -n 40 && LISTEN_REQUEST_TIMEOUT=3 exec "$LISTEN" tcp) \
    2>"$SAF_ROOT/listen.err" &
LS_PID=$!
wait_for "the listener" ls_ready
served "before"
base=$(nfds "$LS_PID")
"$HDCLIENT" idle 127.0.0.1 "$P0" 60 >"$SAF_ROOT/idle" &
IDLE=$!
LS_KIDS="$LS_KIDS $IDLE"
ls_log_wait "out of file descriptors: accepting paused for 100 ms"
[ "$(nfds "$LS_PID")" -ge 20 ] || fail "paused with descriptors to spare"
# 20 callers while there is no descriptor to take them with
expect 0 "$HDCLIENT" many 127.0.0.1 "$P1" 20 60
same "data=20 reset=0 closed=0 open=0 failed=0"
[ "$(grep -c 'out of file descriptors' "$LS_LOG")" -le 3 ] ||
    fail "EMFILE logged for every attempt"
echo "EMFILE: 20 of 20 callers served; $(grep -c 'out of file descriptors' "$LS_LOG") log lines"
stop "$IDLE"
wait_for "the listener's descriptors back to $base" fds_back_to "$base"
# the status file, not written while descriptors were out, is current
# again: every caller served, the pauses counted
paused_counted() {
	[ "$(ls_status paused)" -gt 0 ] && status_is requests 0 &&
	    [ "$(svc_status a)" = "21 0 0 0 0" ]
}
wait_for "the pauses and callers in the status file" paused_counted
served "after"
ls_stop
[ "$LS_STATUS" -eq 0 ] || fail "exit status $LS_STATUS"

# ---- ENFILE
SHIM=$top_builddir/tests/hardening/.libs/libhdfault.so
if [ ! -f "$SHIM" ]; then
	echo "no shared libraries in this build: the ENFILE part is skipped"
	exit 0
fi
FLAG=$SAF_ROOT/enfile
: >"$LS_LOG"
touch "$FLAG"
HD_ENFILE=$FLAG LD_PRELOAD=$SHIM \
    ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0 \
    "$LISTEN" tcp 2>"$SAF_ROOT/listen.err" &
LS_PID=$!
wait_for "the listener" ls_ready
"$HDCLIENT" many 127.0.0.1 "$P1" 20 60 >"$SAF_ROOT/many" &
many=$!
ls_log_wait "out of file descriptors: accepting paused for 100 ms"
rm -f "$FLAG"
wait "$many"
same "data=20 reset=0 closed=0 open=0 failed=0" "$(cat "$SAF_ROOT/many")"
[ "$(grep -c 'out of file descriptors' "$LS_LOG")" -le 3 ] ||
    fail "ENFILE logged for every attempt"
served "after ENFILE"
ls_stop
[ "$LS_STATUS" -eq 0 ] || fail "exit status $LS_STATUS"
