# lib.sh - sourced by the listener's integration tests (sh); extends the
# SAF test library with a listener of its own.
#
#   ls_table LINES...     write <SAF_ETC>/tcp/_pmtab (VERSION=4 first)
#   ls_start [ARGS...]    start "listen tcp" standalone; wait until ready
#   ls_stop               SIGTERM to it, and wait (its status in LS_STATUS)
#   ls_log_wait TEXT      wait for TEXT in the listener's log
#   port N                a free TCP port on 127.0.0.1
. "$top_srcdir/tests/saf/lib.sh"

LISTEN=$top_builddir/listen/listen
NLPS_SERVER=$top_builddir/listen/nlps_server
LSCLIENT=$top_builddir/tests/listen/lsclient
SVCPROBE=$top_builddir/tests/listen/svcprobe
STANDING=$top_builddir/tests/listen/standing
LS_PID=
LS_STATUS=

# The EXIT trap; keeps the test's exit status (or takes it as $1).
ls_cleanup() {
	status=${1:-$?}
	if [ -n "$LS_PID" ]; then
		# (a test may have stopped it)
		kill "$LS_PID" 2>/dev/null || true
		kill -CONT "$LS_PID" 2>/dev/null || true
		reap "$LS_PID"
	fi
	for pid in $LS_KIDS; do
		kill "$pid" 2>/dev/null || true
	done
	saf_cleanup "$status"
}

ls_root() {
	saf_root
	trap ls_cleanup EXIT
	mkdir -p "$SAF_ETC/tcp" "$SAF_VAR/tcp"
	LS_LOG=$SAF_VAR/tcp/log
	LS_KIDS=
}

# The real binary of a libtool-built test program (for a _pmtab command,
# which the listener runs without a shell).
real() {
	dir=$(dirname "$1")
	base=$(basename "$1")
	if [ -x "$dir/.libs/$base" ]; then
		echo "$dir/.libs/$base"
	else
		echo "$1"
	fi
}

ls_table() {
	{
		printf '# VERSION=4\n'
		for line in "$@"; do
			printf '%s\n' "$line"
		done
	} >"$SAF_ETC/tcp/_pmtab"
}

ls_log_has() {
	grep -qF -- "$1" "$LS_LOG"
}

# The same in the log and the one it rotated to (o.log): for tests whose
# callers write more lines than the log holds.
ls_logs_have() {
	cat "$SAF_VAR/tcp/o.log" "$LS_LOG" 2>/dev/null | grep -qF -- "$1"
}

ls_log_wait() {
	wait_for "\"$1\" in the listener log" ls_log_has "$1"
}

ls_start() {
	"$LISTEN" "$@" tcp 2>"$SAF_ROOT/listen.err" &
	LS_PID=$!
	wait_for "the listener to start" ls_ready
}

# Ready: this process (its pid is in every line) has said so.
ls_ready() {
	ls_log_has "; $LS_PID; Initialization Complete" || {
		kill -0 "$LS_PID" 2>/dev/null || fail "listener exited: $(cat "$LS_LOG")"
		return 1
	}
}

ls_stop() {
	kill "$LS_PID"
	reap "$LS_PID"
	LS_STATUS=$REAP_STATUS
	[ "$LS_STATUS" != unknown ] || LS_STATUS=0
	LS_PID=
}

# A port of 127.0.0.1 that is free now (below the ephemeral range, so no
# other test's outgoing connection takes it meanwhile), and not one this
# test was given before.  Called as $(port), a subshell: the ports given
# are kept in a file.
port() {
	while :; do
		p=$("$LSCLIENT" -P)
		if ! grep -qx "$p" "$SAF_ROOT/ports" 2>/dev/null; then
			echo "$p" >>"$SAF_ROOT/ports"
			echo "$p"
			return 0
		fi
	done
}

# Connect and talk: lsclient's output in $OUT.
client() {
	expect 0 "$LSCLIENT" "$@"
}
