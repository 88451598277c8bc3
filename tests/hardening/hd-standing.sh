#!/bin/sh
# Standing servers that fail: one that stops reading and then dies with
# connections in its queue and more waiting in the listener; one that
# dies between connections (a stale rendezvous the listener was connected
# to); its rendezvous replaced by a FIFO.  Every caller is settled (given
# to a server, or closed, never left hanging), every one the listener
# held is explained in the log, the other services carry on, a server
# started again on the same path is found, and the listener is left with
# the descriptors it had.
. "$top_srcdir/tests/hardening/lib.sh"
hd_root
P0=$(port)
P1=$(port)
P2=$(port)
RV=$SAF_ROOT/rv
mkdir -p "$RV"
chmod 0755 "$SAF_ROOT" "$RV"
PROBE=$(real "$SVCPROBE")
standing -n "$RV/slow"
SLOW=$LAST
standing "$RV/s1"
S1=$LAST
ls_table \
    "0::root:reserved:reserved:reserved:127.0.0.1\\:$P0::c::/usr/lib/saf/nlps_server#NLPS" \
    "slow::nobody:reserved:reserved:reserved:127.0.0.1\\:$P1::p::$RV/slow#stops reading" \
    "s1::nobody:reserved:reserved:reserved:127.0.0.1\\:$P2::p::$RV/s1#dies" \
    "echo::nobody:reserved:reserved:reserved:::c::$PROBE#exec"
ls_start
echo_served() {
	client -r "NLPS:002:002:echo" 127.0.0.1 "$P0"
	case $OUT in *uid=*) ;; *) fail "echo $1: $OUT" ;; esac
}
s1_served() {
	client 127.0.0.1 "$P2"
	same "hello s1"
}
s1_served
# what the listener has open now: its own, its endpoints, its connection
# to s1's rendezvous (and soon one to slow's)
base=$(($(nfds "$LS_PID") + 1))

# 1. A server that has stopped reading dies with 40 callers on it: the
# kernel queue holds some (closed with the server), the listener holds
# the rest (closed when they cannot be sent), none is left open.
"$HDCLIENT" many 127.0.0.1 "$P1" 40 20 >"$SAF_ROOT/many" &
flood=$!
# the kernel's queue takes 10 (net.unix.max_dgram_qlen), the listener
# holds the others, each on a descriptor, for up to 2 s
holding() { [ "$(nfds "$LS_PID")" -ge $((base + 20)) ]; }
wait_for "callers held by the listener" holding
stop "$SLOW"
wait "$flood"
read -r result <"$SAF_ROOT/many"
case $result in
"data=0 reset="*" open=0 failed=0") ;;
*) fail "callers of a server that died: $result" ;;
esac
reset=$(echo "$result" | sed 's/.*reset=\([0-9]*\) closed=\([0-9]*\).*/\1 \2/')
set -- $reset
[ $(($1 + $2)) -eq 40 ] || fail "not every caller was settled: $result"
# those the listener held are each explained
held=$(grep -c "standing server of service slow did not take a connection\|standing server of service slow: waiting connection\|Passfd failed: $RV/slow\|standing server of service slow is not keeping up\|standing server of service slow: nobody receives on" "$LS_LOG" || true)
[ "$held" -ge 20 ] || fail "only $held of the callers held were explained: $(tail -n 20 "$LS_LOG")"
echo_served "while a standing server died"
# the same path, a new server: found again
standing "$RV/slow"
client 127.0.0.1 "$P1"
same "hello slow"

# 2. A server that dies between connections: the listener was connected
# to it; the next caller finds it stale, is closed, and it is logged.
stop "$S1"
client 127.0.0.1 "$P2"
case $OUT in *hello*) fail "passed to a dead server: $OUT" ;; esac
ls_log_wait "standing server of service s1: nobody receives on $RV/s1 (stale rendezvous)"
echo_served "after a stale rendezvous"

# 3. Its rendezvous replaced by a FIFO: refused at once, nothing blocks.
rm -f "$RV/s1"
mkfifo "$RV/s1"
client 127.0.0.1 "$P2"
case $OUT in *hello*) fail "passed through a FIFO: $OUT" ;; esac
ls_log_wait "standing server of service s1: $RV/s1 is a FIFO; standing servers create their rendezvous with nls_fdserver()"
echo_served "with a FIFO for a rendezvous"
rm -f "$RV/s1"
standing "$RV/s1"
s1_served

# Nothing of all this is left open in the listener.
fds_back_to "$base" || fail "descriptors left open: $(ls -l "/proc/$LS_PID/fd")"
wait_for "no caller held" status_is requests 0
ls_stop
[ "$LS_STATUS" -eq 0 ] || fail "exit status $LS_STATUS"
