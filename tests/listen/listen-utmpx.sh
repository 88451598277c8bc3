#!/bin/sh
# utmpx accounting of the exec path, read back with the utmpx API: the
# server of a "u" service has a USER_PROCESS record (line <net_spec><minor>,
# user .<tag>, its pid, the caller's host, an id of the listener's) while
# it runs, and DEAD_PROCESS with its exit status after; servers running at
# once get different minors, a freed minor is used again; wtmpx keeps both
# records; a service without "u" writes none; a utmpx that cannot be
# written is logged, and the server runs all the same.
. "$top_srcdir/tests/listen/lib.sh"
ls_root
P1=$(port)
P2=$(port)
PROBE=$(real "$SVCPROBE")
UTX=$top_builddir/tests/listen/utxprobe
ls_table \
    "u:u:nobody:reserved:reserved:reserved:127.0.0.1\\:$P1::c::$PROBE#accounted" \
    "n::nobody:reserved:reserved:reserved:127.0.0.1\\:$P2::c::$PROBE#not accounted"
ls_start

# The record of a line in SAF_UTMPX now (type pid ...), if any.
rec() {
	"$UTX" "$SAF_UTMPX" | grep " line=$1 " || true
}
live() {
	rec "$1" | grep -q "^type=7 "
}
dead() {
	rec "$1" | grep -q "^type=8 pid=$2 "
}
field() { # field NAME RECORD
	echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"
}

# two servers at once: their clients hold their connections 3 s
"$LSCLIENT" -h 3000 -s "" 127.0.0.1 "$P1" >"$SAF_ROOT/c1" &
c1=$!
wait_for "the first server's record" live tcp00
"$LSCLIENT" -h 3000 -s "" 127.0.0.1 "$P1" >"$SAF_ROOT/c2" &
c2=$!
LS_KIDS="$LS_KIDS $c1 $c2"
wait_for "the second server's record" live tcp01
for line in tcp00 tcp01; do
	r=$(rec "$line")
	pid=$(field pid "$r")
	[ "$(ps -o ppid= -p "$pid" | tr -d ' ')" = "$LS_PID" ] ||
	    fail "$line: pid $pid is not a server of the listener: $r"
	[ "$(field user "$r")" = ".tcp" ] || fail "$line user: $r"
	[ "$(field host "$r")" = "127.0.0.1" ] || fail "$line host: $r"
	case $(field id "$r") in ls*) ;; *) fail "$line id: $r" ;; esac
	eval "pid_$line=\$pid"
done
[ "$pid_tcp00" != "$pid_tcp01" ] || fail "one pid for two servers"
wait "$c1" "$c2"

# both ended: DEAD_PROCESS, exit status 0, same lines and pids
wait_for "tcp00 dead" dead tcp00 "$pid_tcp00"
wait_for "tcp01 dead" dead tcp01 "$pid_tcp01"
for line in tcp00 tcp01; do
	[ "$(field exit "$(rec "$line")")" = 0 ] ||
	    fail "$line exit status: $(rec "$line")"
done
# wtmpx has the life of each: USER_PROCESS, then DEAD_PROCESS
"$UTX" "$SAF_WTMPX" >"$SAF_ROOT/wtmp"
for pid in "$pid_tcp00" "$pid_tcp01"; do
	types=$(grep " pid=$pid " "$SAF_ROOT/wtmp" | sed 's/ .*//' | tr '\n' ' ')
	[ "$types" = "type=7 type=8 " ] ||
	    fail "wtmpx of $pid: $types ($(cat "$SAF_ROOT/wtmp"))"
done

# a freed minor is used again
client -s "" 127.0.0.1 "$P1"
again() {
	r=$(rec tcp00)
	echo "$r" | grep -q "^type=8 " && [ "$(field pid "$r")" != "$pid_tcp00" ]
}
wait_for "tcp00 used again" again

# a service without "u": no record
before=$(wc -l <"$SAF_ROOT/wtmp")
"$UTX" "$SAF_WTMPX" >"$SAF_ROOT/wtmp"
client -s "" 127.0.0.1 "$P2"
case $OUT in uid=*) ;; *) fail "service n: $OUT" ;; esac
ls_log_wait "server of service n (pid "
n_before=$(wc -l <"$SAF_ROOT/wtmp")
n_after=$("$UTX" "$SAF_WTMPX" | wc -l)
[ "$n_after" = "$n_before" ] || fail "service n wrote utmpx records"
[ "$before" -lt "$n_before" ] || fail "the reused minor left no wtmpx record"

# a utmpx file that cannot be written (a directory in its place): the
# servers run all the same, and the listener says why, on both start
# paths (without fork; with fork, for a service with a script)
ls_stop
ls_table \
    "u:u:nobody:reserved:reserved:reserved:127.0.0.1\\:$P1::c::$PROBE#without fork" \
    "uf:u:nobody:reserved:reserved:reserved:127.0.0.1\\:$P2::c::$PROBE#with fork"
: >"$SAF_ETC/tcp/uf"
rm -f "$SAF_UTMPX"
mkdir "$SAF_UTMPX"
ls_start
for p in "$P1" "$P2"; do
	client -s "" 127.0.0.1 "$p"
	case $OUT in uid=*) ;; *) fail "no server without utmpx ($p): $OUT" ;; esac
done
wait_for "two utmpx failures logged" eval \
    '[ "$(grep -c "Could not create utmpx entry for service server: Is a directory" "$LS_LOG")" -eq 2 ]'
