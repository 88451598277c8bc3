#!/bin/sh
# Re-reads while clients connect: callers on an address that stays, and
# NLPS callers, are all served while the table is re-read again and again
# (the endpoint, with its queue, passes to the new table); addresses added
# and removed meanwhile come and go.
. "$top_srcdir/tests/listen/lib.sh"
ls_root
P0=$(port)
P1=$(port)
P2=$(port)
PROBE=$(real "$SVCPROBE")
T0="0::root:reserved:reserved:reserved:127.0.0.1\\:$P0::c::/usr/lib/saf/nlps_server#NLPS"
TA="a::nobody:reserved:reserved:reserved:127.0.0.1\\:$P1::c::$PROBE#a"
TB="b::nobody:reserved:reserved:reserved:127.0.0.1\\:$P2::c::$PROBE#b"
ls_table "$T0" "$TA"
ls_start
STOP=$SAF_ROOT/stop

# direct callers of a, and NLPS callers of a, one after another, until
# the re-reads are done; one line per caller: 1 served, 0 not
(
	i=0
	while [ ! -e "$STOP" ]; do
		"$LSCLIENT" -s "d$i" 127.0.0.1 "$P1" | grep -c "^uid=.*" || true
		i=$((i + 1))
	done
) >"$SAF_ROOT/direct" 2>&1 &
d=$!
(
	i=0
	while [ ! -e "$STOP" ]; do
		"$LSCLIENT" -r "NLPS:002:002:a" -s "n$i" 127.0.0.1 "$P0" |
		    grep -c "^reply=2:0:" || true
		i=$((i + 1))
	done
) >"$SAF_ROOT/nlps" 2>&1 &
n=$!
LS_KIDS="$LS_KIDS $d $n"

# meanwhile: 30 re-reads, with b added and removed, a's comment changed
r=0
while [ "$r" -lt 30 ]; do
	if [ $((r % 2)) -eq 0 ]; then
		ls_table "$T0" "$TA" "$TB"
	else
		ls_table "$T0" "${TA%#a}#a again"
	fi
	kill -HUP "$LS_PID"
	r=$((r + 1))
	sleep 0.05
done
: >"$STOP"
wait "$d" "$n" || true
# (so many callers make the log rotate: o.log is searched too)
wait_for "the last re-read" ls_logs_have "Re-read complete"

for f in direct nlps; do
	tried=$(wc -l <"$SAF_ROOT/$f")
	served=$(grep -cx 1 "$SAF_ROOT/$f" || true)
	[ "$tried" -gt 0 ] || fail "no $f caller ran"
	[ "$served" -eq "$tried" ] ||
	    fail "$f callers served: $served of $tried ($(sort "$SAF_ROOT/$f" | uniq -c))"
done
# a's endpoint was never unbound
! ls_logs_have "Unbind a:" || fail "a's address was unbound during a re-read"
kill -0 "$LS_PID" || fail "the listener died"
