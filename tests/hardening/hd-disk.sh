#!/bin/sh
# The log cannot be written: the listener's log directory on a file
# system that is full, then a file size limit on the listener (what a
# _config script's "ulimit" gives it).  Writes fail; the listener keeps
# serving, loses no connection, and logs again once there is room.  Its
# status file, when it cannot be written, is written again within a
# second once it can, even with nothing new to report.
. "$top_srcdir/tests/hardening/lib.sh"
hd_root
P1=$(port)
PROBE=$(real "$SVCPROBE")
ls_table "a::nobody:reserved:reserved:reserved:127.0.0.1\\:$P1::c::$PROBE#a"

served() {
	client -s "" 127.0.0.1 "$P1"
	case $OUT in uid=*) ;; *) fail "$1: $OUT" ;; esac
}
size() {
	stat -c %s "$1"
}

# 1. A full file system (a 64 KiB tmpfs), where the system allows mounts.
if mount -t tmpfs -o size=64k,mode=0755 hdtest "$SAF_VAR/tcp" 2>/dev/null
then
	HD_MOUNTS="$SAF_VAR/tcp"
	ls_start
	dd if=/dev/zero of="$SAF_VAR/tcp/filler" bs=4k 2>/dev/null || true
	full=$(size "$LS_LOG")
	i=0
	while [ "$i" -lt 20 ]; do
		served "disk full, connection $i"
		i=$((i + 1))
	done
	expect 0 "$LSCLIENT" -n 30 127.0.0.1 "$P1"
	same "data=30 reset=0 closed=0 open=0 failed=0"
	kill -USR1 "$LS_PID"
	served "disk full, after SIGUSR1"
	[ "$(size "$LS_LOG")" -le "$((full + 4096))" ] ||
	    fail "the log grew on a full file system"
	# room again: the status file is current within a second, with no
	# new caller to make it change, and the listener logs again
	rm -f "$SAF_VAR/tcp/filler"
	all_counted() { [ "$(svc_status a)" = "51 0 0 0 0" ]; }
	wait_for "the status file after the disk was freed" all_counted
	served "after the disk was freed"
	ls_log_wait "Connect: fd"
	[ "$(size "$LS_LOG")" -gt "$full" ] || fail "nothing logged after"
	[ ! -e "$SAF_VAR/tcp/status.new" ] || fail "a partial status file was left"
	ls_stop
	[ "$LS_STATUS" -eq 0 ] || fail "exit status $LS_STATUS after a full disk"
	umount "$SAF_VAR/tcp"
	HD_MOUNTS=
else
	echo "no tmpfs mount allowed here: the full file system part is skipped"
fi

# 2. A file size limit of 8 KiB: the log reaches it, writes fail (EFBIG)
# and the listener is not killed by SIGXFSZ.
: >"$LS_LOG"
prlimit --fsize=8192 "$LISTEN" tcp 2>"$SAF_ROOT/listen.err" &
LS_PID=$!
wait_for "the listener with a file size limit" ls_ready
# two lines of about 90 bytes for each connection
i=0
while [ "$(size "$LS_LOG")" -lt 8192 ] && [ "$i" -lt 20 ]; do
	expect 0 "$LSCLIENT" -n 10 127.0.0.1 "$P1"
	same "data=10 reset=0 closed=0 open=0 failed=0"
	i=$((i + 1))
done
served "past the file size limit"
kill -0 "$LS_PID" 2>/dev/null || fail "the listener died at its file size limit"
[ "$(size "$LS_LOG")" -eq 8192 ] ||
    fail "the log is $(size "$LS_LOG") bytes, not at the 8192-byte limit"
expect 0 "$LSCLIENT" -n 30 127.0.0.1 "$P1"
same "data=30 reset=0 closed=0 open=0 failed=0"
ls_stop
[ "$LS_STATUS" -eq 0 ] || fail "exit status $LS_STATUS at the file size limit"

# 3. The status file cannot be written (its temporary name is taken by a
# directory) while callers come; then it can, and nothing else happens.
: >"$LS_LOG"
ls_start
mkdir "$SAF_VAR/tcp/status.new"
expect 0 "$LSCLIENT" -n 5 127.0.0.1 "$P1"
same "data=5 reset=0 closed=0 open=0 failed=0"
ls_log_wait "cannot write the status file $SAF_VAR/tcp/status: Is a directory"
rmdir "$SAF_VAR/tcp/status.new"
five() { [ "$(svc_status a)" = "5 0 0 0 0" ]; }
wait_for "the status file to catch up" five
ls_stop
