# lib.sh - sourced by the hardening tests (sh): the listener's test
# library (tests/listen/lib.sh, which brings the SAF one) and what these
# tests add.
#
#   HDCLIENT, HDPROBE     the test client and the probing server
#   nfds PID              how many descriptors PID has open
#   ls_status KEY         a line of the listener's status file, without KEY
#   svc_status SVC        the counters of SVC in the status file:
#                         "accepted disabled failed busy running"
#   log_well_formed FILE  every line of a port monitor log is a whole
#                         "MM/DD/YY HH:MM:SS; pid; text" line
#   pm_log_lines          lines in the listener's log and its o.log
. "$top_srcdir/tests/listen/lib.sh"

HDCLIENT=$top_builddir/tests/hardening/hdclient
HDPROBE=$top_builddir/tests/hardening/hdprobe

nfds() {
	ls "/proc/$1/fd" | wc -l
}

ls_status() {
	sed -n "s/^$1 //p" "$SAF_VAR/tcp/status"
}

svc_status() {
	awk -v s="$1" '$1 == "service" && $2 == s { print $3, $4, $5, $6, $7 }' \
	    "$SAF_VAR/tcp/status"
}

# The status file shows exactly TEXT for KEY (it is rewritten each second).
status_is() {
	[ "$(ls_status "$1")" = "$2" ]
}

log_well_formed() {
	if grep -nEv '^[0-9]{2}/[0-9]{2}/[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}; [0-9]+; ' \
	    "$1" >"$SAF_ROOT/badlines"; then
		cat "$SAF_ROOT/badlines" >&2
		return 1
	fi
	return 0
}

pm_log_lines() {
	cat "$LS_LOG" "$SAF_VAR/tcp/o.log" 2>/dev/null | wc -l
}

# sac's poll interval for a test that starts the listener under sac: one
# second, or three when scripts/valgrind.sh runs the tests (the listener
# takes more than a second to answer its first poll under memcheck, and
# sac kills a monitor that misses one).
pm_interval() {
	if [ -n "${TESTS_UNDER_VALGRIND:-}" ]; then
		echo 3
	else
		echo 1
	fi
}

# Is PID running under valgrind (scripts/valgrind.sh)?
under_valgrind() {
	{ tr '\0' '\n' <"/proc/$1/environ"; } 2>/dev/null |
	    grep -q '^VALGRIND_LAUNCHER='
}

# The listener's descriptors once it has settled to n: waits for it.
fds_back_to() {
	[ "$(nfds "$LS_PID")" -le "$1" ]
}

# hd_root: ls_root, and file systems mounted by the test (HD_MOUNTS) are
# unmounted at exit, after the listener has gone and before the root is
# removed.
HD_MOUNTS=
hd_cleanup() {
	status=$?
	if [ -n "$LS_PID" ]; then
		kill "$LS_PID" 2>/dev/null || true
		wait "$LS_PID" 2>/dev/null || true
		LS_PID=
	fi
	for m in $HD_MOUNTS; do
		umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
	done
	for pid in $LS_KIDS; do
		kill "$pid" 2>/dev/null || true
	done
	# (and the monitors sac started: saf_cleanup)
	saf_cleanup "$status"
}

hd_root() {
	ls_root
	trap hd_cleanup EXIT
}

# standing [-n] PATH [USER]: a standing server (tests/listen/standing) at
# PATH, logging to PATH.log, run as USER if given; its pid in LAST.
standing() {
	opt=
	[ "$1" = "-n" ] && opt=-n && shift
	: >"$1.log"
	if [ -n "${2:-}" ]; then
		chown "$2" "$1.log"
		setpriv --reuid="$(id -u "$2")" --regid="$(id -g "$2")" \
		    --clear-groups \
		    "$(real "$STANDING")" $opt "$1" "$1.log" &
	else
		"$(real "$STANDING")" $opt "$1" "$1.log" &
	fi
	LAST=$!
	LS_KIDS="$LS_KIDS $LAST"
	wait_for "standing server $1" grep -q ready "$1.log"
}

# stop PID: SIGKILL, and wait for it
stop() {
	kill -9 "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}
