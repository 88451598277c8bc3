#!/bin/sh
# Failures of a server's set-up that only a fault injector can cause (root's
# identity changes and dup2 do not fail on their own): fault.c, preloaded
# into the listener, makes one call fail in the servers' children.  Each is
# logged in the SVR4 listener's words, with the child's pid, on both start
# paths (without fork, and with fork for a service with a script); the
# caller's connection is closed without a server; the child ends with
# status 2; the listener carries on.  A module stack deeper than libxti
# records is refused when the server's modules are pushed.  And when no
# thread can be started, the listener says so and starts its servers
# itself, one at a time.
. "$top_srcdir/tests/hardening/lib.sh"
hd_root
SHIM=$top_builddir/tests/hardening/.libs/libhdfault.so
if [ ! -f "$SHIM" ]; then
	echo "SKIP: no shared libraries in this build (the fault injector)"
	exit 77
fi
P1=$(port)
P2=$(port)
P3=$(port)
PROBE=$(real "$SVCPROBE")
T9=tirdwr,tirdwr,tirdwr,tirdwr,tirdwr,tirdwr,tirdwr,tirdwr,tirdwr
ls_table \
    "fclone::root:reserved:reserved:reserved:127.0.0.1\\:$P1::c::$PROBE#without fork" \
    "ffork::root:reserved:reserved:reserved:127.0.0.1\\:$P2::c::$PROBE#with fork" \
    "fmods::root:reserved:reserved:reserved:127.0.0.1\\:$P3::c:$T9:$PROBE#modules"
: >"$SAF_ETC/tcp/ffork"

# faulty WHAT: the listener with fault WHAT injected
faulty() {
	HD_FAULT=$1 LD_PRELOAD=$SHIM \
	    ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0 \
	    "$LISTEN" tcp 2>"$SAF_ROOT/listen.err" &
	LS_PID=$!
	wait_for "the listener (fault $1)" ls_ready
}

# count TEXT: lines of the log with TEXT
count() {
	grep -cF -- "$1" "$LS_LOG" || true
}

# refused PORT: a caller of PORT gets no server
refused() {
	client -s "" 127.0.0.1 "$1"
	case $OUT in *uid=*) fail "a server ran on port $1: $OUT" ;; esac
}

# each WHAT TEXT: under fault WHAT, a caller of each path is refused and
# TEXT logged for each, by a child (not the listener's pid)
each() {
	TEXT=$2
	: >"$LS_LOG"
	faulty "$1"
	refused "$P1"
	refused "$P2"
	wait_for "\"$2\" logged twice" eval '[ "$(count "$TEXT")" -eq 2 ]'
	grep -F -- "$2" "$LS_LOG" | cut -d';' -f2 | tr -d ' ' >"$SAF_ROOT/pids"
	if grep -qx "$LS_PID" "$SAF_ROOT/pids"; then
		fail "\"$2\" logged by the listener, not its child: $(cat "$LS_LOG")"
	fi
	for svc in fclone ffork; do
		wait_for "$svc's child to end with status 2" grep -q \
		    "server of service $svc (pid [0-9]*) exited with status 2\$" \
		    "$LS_LOG"
	done
	# it carries on: the next callers are taken (and refused the same way)
	refused "$P1"
	refused "$P2"
	wait_for "\"$2\" logged four times" eval '[ "$(count "$TEXT")" -eq 4 ]'
	ls_stop
	[ "$LS_STATUS" -eq 0 ] || fail "fault $1: exit status $LS_STATUS"
}

each dup0 "Dup of fd 0 failed: Too many open files"
each setgroups "Cannot set the groups of root"
each setgid "Cannot set group id of root"
each setuid "Cannot set user id to root"

# ---- modules: timod comes off, eight tirdwr go on, the ninth fails
: >"$LS_LOG"
ls_start
refused "$P3"
ls_log_wait "Can't push server's modules: tirdwr"
wait_for "fmods's child to end with status 2" grep -q \
    "server of service fmods (pid [0-9]*) exited with status 2\$" "$LS_LOG"
client 127.0.0.1 "$P1"
echo "$OUT" | grep -q "^uid=0 " || fail "after the modules: $OUT"
ls_stop
[ "$LS_STATUS" -eq 0 ] || fail "modules: exit status $LS_STATUS"

# ---- no threads (not when the listener starts every server with fork,
# as under valgrind: then it starts none)
: >"$LS_LOG"
faulty threads
if ! tr '\0' '\n' <"/proc/$LS_PID/environ" | grep -q '^LISTEN_SPAWN='; then
	ls_log_wait "cannot start the threads that start servers: servers start one at a time"
	[ "$(ls "/proc/$LS_PID/task" | wc -l)" -eq 1 ] ||
	    fail "threads: $(ls "/proc/$LS_PID/task" | wc -l) of them"
fi
for p in "$P1" "$P2" "$P1"; do
	client 127.0.0.1 "$p"
	echo "$OUT" | grep -q "^uid=0 " || fail "no threads, port $p: $OUT"
done
ls_stop
[ "$LS_STATUS" -eq 0 ] || fail "threads: exit status $LS_STATUS"
