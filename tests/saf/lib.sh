# lib.sh - sourced by the SAF integration tests (sh).
#
# Each test gets a private SAF root (SAF_ETC, SAF_VAR, SAF_UTMPX, SAF_WTMPX
# in a temporary directory), starts the real programs from the build tree,
# and stops everything it started, by pid, when it exits.  Nothing touches
# /etc/saf, /var/saf or the system's utmp.
#
#   saf_root               make the root, with an empty _sactab (VERSION=1)
#   sac_start [interval]   start sac (default -t 1) and wait for _cmdpipe
#   sac_stop               SIGTERM to sac, and wait for it
#   pm_add TAG [FLAGS] [COUNT] [TESTPM-OPTIONS...]
#                          add a testpm monitor straight into _sactab
#   wait_for DESC CMD...   retry CMD every 50 ms for 10 s, or fail
#   log_wait TEXT          wait for TEXT in the SAC log
#   expect CODE CMD...     run CMD; its status must be CODE; output kept in
#                          $OUT (stdout) and $ERR (stderr)
#   same TEXT [ACTUAL]     compare $OUT (or ACTUAL) with TEXT
#   bytes FMT ARGS...      stdout is exactly printf FMT ARGS (ebytes: stderr)
#   fail MESSAGE           the test fails
#   needs_root CMD...      skip the test (77) unless it runs as root and
#                          every CMD is there (the sbin directories too)
set -eu

: "${top_builddir:?top_builddir must be set (make check sets it)}"
: "${top_srcdir:?top_srcdir must be set (make check sets it)}"

SAC=$top_builddir/saf/sac
SACADM=$top_builddir/saf/sacadm
PMADM=$top_builddir/saf/pmadm
TESTPM=$top_builddir/tests/saf/testpm
ADMPROBE=$top_builddir/tests/saf/admprobe
SAC_PID=
SAF_ROOT=

fail() {
	echo "FAIL: $*" >&2
	if [ -n "$SAF_ROOT" ] && [ -f "$SAF_VAR/_log" ]; then
		echo "--- SAC log:" >&2
		tail -n 40 "$SAF_VAR/_log" >&2
	fi
	# and the port monitors' (the listener's) logs
	for log in "$SAF_ROOT"/var/*/log; do
		[ -f "$log" ] || continue
		echo "--- $log:" >&2
		tail -n 40 "$log" >&2
	done
	exit 1
}

# reap PID: wait for a child of this shell to end, its status in
# REAP_STATUS; bounded (60 s, then SIGKILL and status 124).  A process
# that hangs in the sanitizer's leak check at exit (it is traced by its
# own child, the checker, which never gets it stopped: a rare hang of the
# sanitizer runtime, not of ours) is killed after 20 s with a warning;
# its status is then "unknown".
reap_state() {
	sed -n "s/^$2:[[:space:]]*//p" "/proc/$1/status" 2>/dev/null
}
reap() {
	rp=$1
	ticks=0 # of 10 ms
	REAP_STATUS=
	while [ -e "/proc/$rp" ] &&
	    [ "$(reap_state "$rp" State | cut -c1)" != Z ]; do
		if [ "$ticks" -ge 2000 ]; then
			tracer=$(reap_state "$rp" TracerPid)
			if [ -n "$tracer" ] && [ "$tracer" != 0 ] &&
			    [ "$(reap_state "$tracer" PPid)" = "$rp" ]; then
				echo "WARNING: pid $rp hung in the sanitizer's leak check at exit; killed" >&2
				kill -9 "$tracer" "$rp" 2>/dev/null || true
				wait "$rp" 2>/dev/null || true
				REAP_STATUS=unknown
				return 0
			fi
		fi
		if [ "$ticks" -ge 6000 ]; then
			echo "WARNING: pid $rp did not exit within 60 s; killed" >&2
			kill -9 "$rp" 2>/dev/null || true
			wait "$rp" 2>/dev/null || true
			REAP_STATUS=124
			return 0
		fi
		if [ "$ticks" -lt 50 ]; then
			sleep 0.01
			ticks=$((ticks + 1))
		else
			sleep 0.05
			ticks=$((ticks + 5))
		fi
	done
	case $- in *e*) re=-e ;; *) re=+e ;; esac
	set +e
	wait "$rp" 2>/dev/null
	REAP_STATUS=$?
	set "$re"
	return 0
}

# Monitors are stopped through their _pid files (sac leaves them running
# when it ends), and only if the process is really one of ours: a testpm
# of this root (its command line names it) or a listener sac started for
# it (its environment carries this SAF_ETC).  $1: the signal (KILL).
saf_kill_monitors() {
	for pidfile in "$SAF_ETC"/*/_pid; do
		[ -f "$pidfile" ] || continue
		pid=$(tr -dc '0-9' <"$pidfile")
		[ -n "$pid" ] || continue
		if { tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null |
		    grep -q "$SAF_ROOT" ||
		    { tr '\0' '\n' <"/proc/$pid/environ"; } 2>/dev/null |
		    grep -qxF "SAF_ETC=$SAF_ETC"; then
			kill -"${1:-KILL}" "$pid" 2>/dev/null || true
		fi
	done
}

# The EXIT trap; keeps the test's exit status (or takes it as $1).
saf_cleanup() {
	status=${1:-$?}
	if [ -n "$SAC_PID" ]; then
		kill "$SAC_PID" 2>/dev/null || true
		reap "$SAC_PID"
	fi
	if [ -n "$SAF_ROOT" ]; then
		saf_kill_monitors
		rm -rf "$SAF_ROOT"
	fi
	exit "$status"
}

needs_root() {
	PATH=$PATH:/usr/sbin:/sbin
	missing=$(id -u)
	for c in "$@"; do
		command -v "$c" >/dev/null || missing=x
	done
	if [ "$missing" != 0 ]; then
		what=root
		while [ $# -gt 1 ]; do
			what="$what, $1"
			shift
		done
		[ $# -eq 0 ] || what="$what and $1"
		echo "SKIP: needs $what"
		exit 77
	fi
}

saf_root() {
	SAF_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/saftest.XXXXXX")
	trap saf_cleanup EXIT
	trap 'exit 1' INT TERM
	SAF_ETC=$SAF_ROOT/etc
	SAF_VAR=$SAF_ROOT/var
	SAF_UTMPX=$SAF_ROOT/utmpx
	SAF_WTMPX=$SAF_ROOT/wtmpx
	export SAF_ETC SAF_VAR SAF_UTMPX SAF_WTMPX
	mkdir -p "$SAF_ETC" "$SAF_VAR"
	printf '# VERSION=1\n' >"$SAF_ETC/_sactab"
	chmod 0644 "$SAF_ETC/_sactab"
}

wait_for() {
	desc=$1
	shift
	i=0
	until "$@" >/dev/null 2>&1; do
		i=$((i + 1))
		[ "$i" -le 200 ] || fail "timed out waiting for $desc"
		sleep 0.05
	done
}

sac_start() {
	"$SAC" -t "${1:-1}" 2>"$SAF_ROOT/sac.err" &
	SAC_PID=$!
	wait_for "sac's _cmdpipe" test -S "$SAF_ETC/_cmdpipe"
}

sac_stop() {
	[ -n "$SAC_PID" ] || return 0
	kill "$SAC_PID"
	reap "$SAC_PID"
	SAC_PID=
}

log_has() {
	grep -qF -- "$1" "$SAF_VAR/_log"
}

log_wait() {
	wait_for "\"$1\" in the SAC log" log_has "$1"
}

# pm_add TAG [FLAGS] [COUNT] [TESTPM-OPTIONS...]: the directory sacadm -a
# would make, and the _sactab line; testpm logs to $SAF_ROOT/TAG.log.
pm_add() {
	tag=$1
	flags=${2:-}
	count=${3:-0}
	shift $(($# < 3 ? $# : 3))
	mkdir -p "$SAF_ETC/$tag" "$SAF_VAR/$tag"
	: >"$SAF_ETC/$tag/_pid"
	printf '# VERSION=1\n' >"$SAF_ETC/$tag/_pmtab"
	printf '%s:test:%s:%s:%s -l %s %s\t#%s\n' "$tag" "$flags" "$count" \
	    "$TESTPM" "$SAF_ROOT/$tag.log" "$*" "test monitor" \
	    >>"$SAF_ETC/_sactab"
}

# The pid a monitor wrote in its _pid file.
pm_pid() {
	tr -dc '0-9' <"$SAF_ETC/$1/_pid"
}

pm_log_has() {
	grep -qF -- "$2" "$SAF_ROOT/$1.log"
}

expect() {
	want=$1
	shift
	"$@" >"$SAF_ROOT/out" 2>"$SAF_ROOT/err" </dev/null &
	reap $!
	got=$REAP_STATUS
	[ "$got" != unknown ] || got=$want
	OUT=$(cat "$SAF_ROOT/out")
	ERR=$(cat "$SAF_ROOT/err")
	if [ "$got" != "$want" ]; then
		echo "command: $*" >&2
		echo "stdout: $OUT" >&2
		echo "stderr: $ERR" >&2
		fail "exit status $got, expected $want"
	fi
}

# same EXPECTED [ACTUAL]: ACTUAL defaults to the last command's stdout.
same() {
	want=$1
	have=${2-$OUT}
	if [ "$want" != "$have" ]; then
		printf 'expected:\n%s\n---\ngot:\n%s\n---\n' "$want" "$have" >&2
		fail "output differs"
	fi
}

# bytes FORMAT [ARGS...]: the last stdout is exactly printf's output
# (trailing newlines included); ebytes: the same for stderr.
bytes() {
	printf "$@" >"$SAF_ROOT/want"
	if ! cmp -s "$SAF_ROOT/want" "$SAF_ROOT/out"; then
		diff "$SAF_ROOT/want" "$SAF_ROOT/out" >&2 || true
		fail "stdout differs"
	fi
}

ebytes() {
	printf "$@" >"$SAF_ROOT/want"
	if ! cmp -s "$SAF_ROOT/want" "$SAF_ROOT/err"; then
		diff "$SAF_ROOT/want" "$SAF_ROOT/err" >&2 || true
		fail "stderr differs"
	fi
}
